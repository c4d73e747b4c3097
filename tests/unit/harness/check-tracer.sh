#!/bin/sh
# check-tracer.sh TRACER KDIFF OUTDIR PROGRAM...: kdiff-ref-trace against
# strace on this host: each program runs once under `strace -f` and once
# under the tracer (each in a fresh directory of its own), and kdiff, given
# the strace text as the reference and the tracer's JSONL as the candidate,
# must find the same calls, results, signals and exits: "No divergence".
set -u
tracer=$1 kdiff=$2 out=$3
shift 3
command -v strace >/dev/null 2>&1 || { echo "needs strace"; exit 77; }
rm -rf "$out"
mkdir -p "$out"
bad=0
for prog in "$@"; do
  name=$(basename "$prog")
  mkdir -p "$out/$name.s" "$out/$name.t"
  (cd "$out/$name.s" && strace -f -o ../$name.strace "$prog" > ../$name.s.out 2>&1)
  s_rc=$?
  (cd "$out/$name.t" && "$tracer" ../$name.jsonl "$prog" > ../$name.t.out 2>&1)
  t_rc=$?
  if [ $s_rc != $t_rc ]; then
    echo "CHECK FAILED: $name: exit $t_rc under the tracer, $s_rc under strace"
    bad=1
  fi
  if ! cmp -s "$out/$name.s.out" "$out/$name.t.out"; then
    echo "CHECK FAILED: $name: its output differs under the tracer"
    bad=1
  fi
  "$kdiff" --check-trace "$out/$name.jsonl" || bad=1
  "$kdiff" --reference-trace "$out/$name.strace" \
    --candidate-trace "$out/$name.jsonl" > "$out/$name.kdiff" 2>&1
  if grep -q "No divergence" "$out/$name.kdiff"; then
    echo "$name: $(head -1 "$out/$name.kdiff")"
  else
    echo "CHECK FAILED: $name: kdiff finds the traces different:"
    cat "$out/$name.kdiff"
    bad=1
  fi
done
[ $bad = 0 ] && echo "check-tracer: ok"
exit $bad
