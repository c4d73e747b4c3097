#!/bin/sh
# check-verdict.sh RUNNER OUTDIR NAME VERDICT RC LINUX IMAGE [CHECK]... [-- RUNNER-ARGS]
# Runs kdiff-contract on the fake Linux program fake/linux/LINUX and the fake
# image fake/images/IMAGE (booted by fake/fake-qemu.sh), as test id
# harness.NAME on x86_64, and asserts: the exit status is RC, the result file
# says VERDICT (unless VERDICT is "-": no result expected), and each CHECK:
#   has=TEXT    the runner's output (stdout+stderr) contains TEXT
#   lacks=TEXT  it does not
#   sh=CMD      the shell command CMD succeeds ($WORK is the work directory)
# Run from tests/unit/harness (the template names fake/fake-qemu.sh).
set -u
runner=$1 out=$2 name=$3 verdict=$4 rc=$5 linux=$6 image=$7
shift 7
checks=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  checks="$checks
$1"
  shift
done
[ $# -gt 0 ] && shift
dir=$out/$name
rm -rf "$dir"
mkdir -p "$dir"
WORK=$dir/work
export WORK
"$runner" run --id "harness.$name" --arch x86_64 \
  --linux-bin "fake/linux/$linux" --image "fake/images/$image" \
  --qemu-template fake/qemu-args.txt --results "$dir/results" \
  --work-dir "$WORK" --kdiff "$dir/no-kdiff-here" --timeout 20 "$@" \
  > "$dir/output.txt" 2>&1
got=$?
cat "$dir/output.txt"
bad=0
if [ "$got" != "$rc" ]; then
  echo "CHECK FAILED: exit status $got, expected $rc"
  bad=1
fi
result=$dir/results/harness.$name.x86_64.json
if [ "$verdict" != "-" ]; then
  if ! grep -q "\"verdict\": \"$verdict\"" "$result" 2>/dev/null; then
    echo "CHECK FAILED: verdict is not $verdict in $result:"
    cat "$result" 2>/dev/null
    bad=1
  fi
fi
IFS='
'
for c in $checks; do
  case $c in
    has=*) grep -qF -- "${c#has=}" "$dir/output.txt" ||
             { echo "CHECK FAILED: output lacks: ${c#has=}"; bad=1; } ;;
    lacks=*) ! grep -qF -- "${c#lacks=}" "$dir/output.txt" ||
             { echo "CHECK FAILED: output has: ${c#lacks=}"; bad=1; } ;;
    sh=*) sh -c "${c#sh=}" ||
             { echo "CHECK FAILED: ${c#sh=}"; bad=1; } ;;
    *) echo "check-verdict.sh: bad check '$c'"; bad=1 ;;
  esac
done
[ $bad = 0 ] && echo "check-verdict: ok"
exit $bad
