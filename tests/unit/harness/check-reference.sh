#!/bin/sh
# check-reference.sh RUNNER OUTDIR MKINITRAMFS: kdiff-contract against a
# fake reference VM (fake/ref/, booted by fake-ref-qemu.sh): a verdict
# against it and what the line and result file say of the reference; the
# cache (a second run boots nothing; another program is a miss); a VM that
# hangs (TIMEOUT), one that dies under the test (LINUX_FAIL), a missing
# kernel (ERROR naming the package); a batch in two VMs and one that goes
# on after a VM died. Run from tests/unit/harness.
set -u
runner=$1 out=$2 mk=$3
rm -rf "$out"
mkdir -p "$out"
FAKE_REF_BOOTLOG=$out/boots
export FAKE_REF_BOOTLOG
bad=0
fail() { echo "CHECK FAILED: $*"; bad=1; }
boots() { [ -f "$FAKE_REF_BOOTLOG" ] && wc -l < "$FAKE_REF_BOOTLOG" || echo 0; }
ref() { # KERNEL: the reference options
  echo --reference vm --ref-kernel "fake/ref/$1" --ref-init fake/ref/init \
    --ref-template "${tmpl:-fake/ref/qemu-args.txt}" --ref-mkinitramfs "$mk" \
    --ref-cache "$out/cache" --ref-work "$out/refwork" --ref-idle 2
}
run() { # NAME LINUX IMAGE KERNEL: one contract run -> $out/NAME.txt, rc
  # shellcheck disable=SC2046
  "$runner" run --id "harness.$1" --arch x86_64 --linux-bin "fake/linux/$2" \
    --image "fake/images/$3" --qemu-template fake/qemu-args.txt \
    --results "$out/results" --work-dir "$out/work" --kdiff "$out/none" \
    --timeout 20 $(ref "$4") > "$out/$1.txt" 2>&1
  rc=$?
  cat "$out/$1.txt"
}
has() { grep -qF -- "$2" "$out/$1.txt" || fail "$1: output lacks: $2"; }

run pass pass.sh pass.img ok.kernel
[ $rc = 0 ] || fail "pass: exit $rc"
has pass "harness.pass/x86_64: PASS: same output and exit status [reference: vm: Linux fake-1.0 #1 fake in QEMU]"
grep -q '"kind": "vm"' "$out/results/harness.pass.x86_64.json" ||
  fail "pass: the result file does not name the vm reference"
[ "$(boots)" = 1 ] || fail "pass: $(boots) boots, expected 1"

run pass pass.sh pass.img ok.kernel
has pass "in QEMU, cached]"
[ "$(boots)" = 1 ] || fail "cached: the second run booted the VM"

# Another machine (a changed template) is a miss, and then cached too.
tmpl=$out/qemu-args.txt
cp fake/ref/qemu-args.txt "$tmpl"
echo "# another -cpu" >> "$tmpl"
run pass pass.sh pass.img ok.kernel
[ "$(boots)" = 2 ] || fail "template: a changed template must be a cache miss"
run pass pass.sh pass.img ok.kernel
[ "$(boots)" = 2 ] || fail "template: the second run booted the VM"
unset tmpl

run differ pass2.sh pass.img ok.kernel
[ $rc = 1 ] || fail "differ: exit $rc"
has differ "harness.differ/x86_64: DIVG:"
has differ "-obs 2"
[ "$(boots)" = 3 ] || fail "differ: another program must be a cache miss"

run hang pass.sh pass.img hang.kernel
[ $rc = 1 ] || fail "hang: exit $rc"
has hang "harness.hang/x86_64: TIMEOUT: the reference VM hung while the test ran"
has hang "kdiff-ref: start harness.hang"

run gone pass.sh pass.img gone.kernel
[ $rc = 1 ] || fail "gone: exit $rc"
has gone "harness.gone/x86_64: LINUX_FAIL: the reference VM died while the test ran"
has gone "Kernel panic - not syncing: fake"
ls "$out/cache" | grep -q 'harness.gone\|harness.hang' &&
  fail "a VM that hung or died must not be cached"

run nokernel pass.sh pass.img no-such.kernel
[ $rc = 2 ] || fail "nokernel: exit $rc"
has nokernel "apt-get install linux-image-cloud-amd64"

# A batch: four programs in two VMs at once, all cached afterwards.
mkdir -p "$out/b/tests/x86_64"
for t in a b c d; do cp fake/linux/pass.sh "$out/b/tests/x86_64/t.$t"; done
cp fake/linux/panic.sh "$out/b/tests/x86_64/t.p"
batch() { # IDS
  # shellcheck disable=SC2046
  "$runner" reference --arch x86_64 --build-dir "$out/b" --ids "$1" --jobs 2 \
    $(ref ok.kernel | sed 's/--reference vm//') > "$out/batch.txt" 2>&1
  rc=$?
  cat "$out/batch.txt"
}
: > "$FAKE_REF_BOOTLOG"
batch t.a,t.b,t.c,t.d
[ $rc = 0 ] || fail "batch: exit $rc"
has batch "4 tests: 0 cached, 4 run in 2 boot(s)"
batch t.a,t.b,t.c,t.d
has batch "4 tests: 4 cached, 0 run in 0 boot(s)"
# A VM that dies under t.p: the test after it gets a boot of its own.
rm -rf "$out/cache"
"$runner" reference --arch x86_64 --build-dir "$out/b" --ids t.a,t.p,t.b \
  --jobs 1 $(ref ok.kernel | sed 's/--reference vm//') > "$out/died.txt" 2>&1
cat "$out/died.txt"
has died "the VM died while t.p ran"
has died "3 tests: 0 cached, 2 run in 2 boot(s)"
[ $bad = 0 ] && echo "check-reference: ok"
exit $bad
