#!/bin/sh
# Times kdiff on generated trace pairs of 10k, 100k and 1M syscalls: wall
# time and peak RSS (GNU time if present, else bash's times and no RSS).
# usage: run_bench.sh KDIFF GEN_TRACES [WORKDIR] [SIZES...]
# Never part of CTest: timings depend on the machine.
set -eu
kdiff=$1
gen=$2
work=${3:-${TMPDIR:-/tmp}/kdiff-bench}
shift 2
[ $# -gt 0 ] && shift
sizes=${*:-"10000 100000 1000000"}
mkdir -p "$work"
printf '%-9s %10s %12s %12s %8s\n' syscalls "wall (s)" "peak RSS" "trace MiB" exit
for n in $sizes; do
  "$gen" "$n" "$work/$n.strace" "$work/$n.jsonl"
  mib=$(du -m "$work/$n.strace" "$work/$n.jsonl" | awk '{s+=$1} END {print s}')
  if [ -x /usr/bin/time ]; then
    set +e
    /usr/bin/time -v -o "$work/$n.time" "$kdiff" --linux-trace "$work/$n.strace" \
      --libos-trace "$work/$n.jsonl" --json "$work/$n.json" >"$work/$n.out"
    rc=$?
    set -e
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$n.time" |
      awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}' "$work/$n.time")
  else
    start=$(date +%s.%N)
    set +e
    "$kdiff" --linux-trace "$work/$n.strace" --libos-trace "$work/$n.jsonl" \
      --json "$work/$n.json" >"$work/$n.out"
    rc=$?
    set -e
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    rss="n/a"
  fi
  printf '%-9s %10s %12s %12s %8s\n' "$n" "$wall" "$rss" "$mib" "$rc"
  head -1 "$work/$n.out"
done
