#!/bin/sh
# check-e2e.sh BUILD OUTDIR ARCH ID...: the real reference VM end to end:
# each contract against it with a fresh cache (one boot each, the verdict
# PASS and the result saying "vm"), again from the cache (no boot), and
# kdiff on the first one with --reference vm (its tracer in the VM): the
# traces agree and so do the runs (output and exit status: a reference
# that lost the exit status once passed as "No divergence in the traces").
set -u
build=$1 out=$2 arch=$3
shift 3
rm -rf "$out"
mkdir -p "$out"
bad=0
for pass in cold warm; do
  for id in "$@"; do
    "$build/kdiff-contract" run --id "$id" --arch "$arch" --build-dir "$build" \
      --reference vm --ref-cache "$out/cache" --ref-work "$out/work" \
      --results "$out/results" --work-dir "$out/cwork" > "$out/$id.$pass" 2>&1
    rc=$?
    head -1 "$out/$id.$pass"
    [ $rc = 0 ] || { cat "$out/$id.$pass"; echo "CHECK FAILED: $id ($pass): exit $rc"; bad=1; }
    grep -q '"kind": "vm"' "$out/results/$id.$arch.json" ||
      { echo "CHECK FAILED: $id: the result does not name the vm reference"; bad=1; }
    if [ $pass = warm ] && ! grep -q 'in QEMU, cached\]' "$out/$id.$pass"; then
      echo "CHECK FAILED: $id: the second run was not from the cache"
      bad=1
    fi
  done
done
"$build/kdiff" "$1" --arch "$arch" --reference vm > "$out/kdiff.txt" 2>&1
if grep -q "No divergence: the runs agree" "$out/kdiff.txt"; then
  echo "kdiff $1 --arch $arch --reference vm: $(head -1 "$out/kdiff.txt")"
else
  cat "$out/kdiff.txt"
  echo "CHECK FAILED: kdiff $1 --reference vm finds a divergence"
  bad=1
fi
[ $bad = 0 ] && echo "check-e2e: ok"
exit $bad
