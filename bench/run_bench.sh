#!/bin/sh
# Times kdiff on generated fork-heavy trace pairs (bench/gen_traces.c) and,
# when an older kdiff is given, that one on the same files in the same run
# (runs interleaved, so both see the same machine load): the median wall
# time and peak RSS of RUNS runs each, and new/old ratios side by side.
# It also checks the new kdiff's answer: exactly the planted divergences
# (their count, and the first one's task, call and kind; at the smallest
# size every divergent row through --all --json). Exit 1 if that is wrong.
#
# usage: run_bench.sh KDIFF GEN_TRACES [WORKDIR] [SIZES...]
#   OLD_KDIFF=path  the kdiff to compare with (default
#                   /tmp/kd15fold_base/build/kdiff when it exists; "" none)
#   RUNS=N          runs per binary and size (default 5)
#   KEEP=1          keep the generated traces
# Never part of CTest: timings depend on the machine.
set -eu
kdiff=$1
gen=$2
work=${3:-${TMPDIR:-/tmp}/kdiff-bench}
shift 2
[ $# -gt 0 ] && shift
sizes=${*:-"10000 100000 1000000"}
old=${OLD_KDIFF-/tmp/kd15fold_base/build/kdiff}
[ -n "$old" ] && [ ! -x "$old" ] && old=
runs=${RUNS:-5}
mkdir -p "$work"
command -v jq >/dev/null || { echo "run_bench.sh: needs jq" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run_bench.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

# One run: "WALL_S RSS_KIB RC" of kdiff on pair $1 with the JSON to $2.
one() {
  set +e
  /usr/bin/time -f '%e %M' -o "$work/t" "$3" --linux-trace "$work/$1.strace" \
    --libos-trace "$work/$1.jsonl" --json "$2" >"$work/$1.out" 2>"$work/$1.err"
  rc=$?
  set -e
  echo "$(tail -1 "$work/t") $rc"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

fail=0
if [ -n "$old" ]; then
  printf '%-9s %9s %8s %10s %10s %8s %9s %9s\n' syscalls "trace MiB" "new s" "old s" "new/old" \
    "new MiB" "old MiB" "new/old"
else
  printf '%-9s %9s %8s %8s\n' syscalls "trace MiB" "new s" "new MiB"
fi
for n in $sizes; do
  "$gen" "$n" "$work/$n.strace" "$work/$n.jsonl" "$work/$n.expected"
  mib=$(du -m "$work/$n.strace" "$work/$n.jsonl" | awk '{s += $1} END {print s}')
  : >"$work/new.runs"
  : >"$work/old.runs"
  i=0
  while [ $i -lt "$runs" ]; do
    one "$n" "$work/$n.json" "$kdiff" >>"$work/new.runs"
    [ -n "$old" ] && one "$n" "$work/$n.old.json" "$old" >>"$work/old.runs"
    i=$((i + 1))
  done
  nw=$(awk '{print $1}' "$work/new.runs" | median)
  nr=$(awk '{print $2 / 1024}' "$work/new.runs" | median)
  if [ -n "$old" ]; then
    ow=$(awk '{print $1}' "$work/old.runs" | median)
    or=$(awk '{print $2 / 1024}' "$work/old.runs" | median)
    printf '%-9s %9s %8.2f %10.2f %10.2f %8.0f %9.0f %9.2f\n' "$n" "$mib" "$nw" "$ow" \
      "$(echo "$nw $ow" | awk '{print $2 ? $1 / $2 : 0}')" "$nr" "$or" \
      "$(echo "$nr $or" | awk '{print $2 ? $1 / $2 : 0}')"
  else
    printf '%-9s %9s %8.2f %8.0f\n' "$n" "$mib" "$nw" "$nr"
  fi
  # The answer: exactly the planted divergences, the first one first.
  want=$(wc -l <"$work/$n.expected")
  got=$(jq '.counts.divergences' "$work/$n.json")
  first=$(jq -r '.first_divergence | "\(.task) \(.kind) \(.name)"' "$work/$n.json")
  if [ "$(awk '{print $3}' "$work/new.runs" | sort -u)" != 1 ] || [ "$got" != "$want" ] ||
    [ "$first" != "$(head -1 "$work/$n.expected")" ]; then
    echo "  WRONG: $got divergences (want $want), first: $first (want $(head -1 "$work/$n.expected"))"
    fail=1
  else
    echo "  new: $got divergences as planted, first: $first"
  fi
  if [ -n "$old" ]; then
    echo "  old: $(jq '.counts.divergences' "$work/$n.old.json") divergences, first:" \
      "$(jq -r '.first_divergence | "\(.task) \(.kind) \(.name)"' "$work/$n.old.json")"
  fi
  [ "${KEEP:-0}" = 1 ] || rm -f "$work/$n.strace" "$work/$n.jsonl"
done
# Every divergent row, at a size where --all is cheap.
n=10000
"$gen" "$n" "$work/all.strace" "$work/all.jsonl" "$work/all.expected"
"$kdiff" --all --linux-trace "$work/all.strace" --libos-trace "$work/all.jsonl" \
  --json - 2>/dev/null |
  jq -r '.pairs[] | select(.status != "equal" and .status != "timing") |
         "\(.task) \(.status) \((.linux // .libos).event | sub("\\(.*"; ""))"' |
  sort >"$work/all.got" || true
if sort "$work/all.expected" | cmp -s - "$work/all.got"; then
  echo "every divergent row at $n: as planted ($(wc -l <"$work/all.got"))"
else
  echo "WRONG divergent rows at $n:"
  sort "$work/all.expected" | diff - "$work/all.got" | sed 's/^/  /'
  fail=1
fi
rm -f "$work/all.strace" "$work/all.jsonl"
exit $fail
