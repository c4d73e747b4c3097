#!/bin/sh
# A stand-in for the reference VM in the harness tests: unpacks the
# initramfs the harness built, and "boots" the kernel, a file holding one
# word: ok (runs each test of /kdiff/batch with sh and reports it on stdout
# in kdiff-ref-init's framing, tests/reference/init.c), hang (starts the
# first test and goes silent), gone (prints a panic and ends without a
# result). A test whose output holds FAKE-PANIC ends an ok VM the same way.
# Every boot appends a line to BOOTLOG ($FAKE_REF_BOOTLOG, if set).
set -u
kernel= initrd= console= cmdline= prev=
for a in "$@"; do
  case $prev in
    -kernel) kernel=$a ;;
    -initrd) initrd=$a ;;
    -append) cmdline=$a ;;
    -serial) console=${a#file:} ;;
  esac
  prev=$a
done
[ -n "${FAKE_REF_BOOTLOG:-}" ] && echo "boot $initrd" >> "$FAKE_REF_BOOTLOG"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
(cd "$root" && gzip -dc < "$initrd" | cpio --quiet -i) || exit 1
mode=$(cat "$kernel")
echo "fake kernel $mode: $cmdline" > "$console"
echo "KDIFF-REF 1 fake-1.0|#1 fake"
for id in $(cat "$root/kdiff/batch"); do
  echo "S $id"
  echo "[ 0.1] kdiff-ref: start $id" >> "$console"
  case $mode in
    hang) sleep 600; exit 0 ;;
    gone) echo "Kernel panic - not syncing: fake" >> "$console"; exit 0 ;;
  esac
  (cd "$root" && sh "kdiff/t/$id" > "$root/out" 2> "$root/err" < /dev/null)
  st=$?
  if grep -q FAKE-PANIC "$root/out"; then
    echo "Kernel panic - not syncing: fake, under $id" >> "$console"
    exit 0
  fi
  if [ $st -gt 128 ]; then kind=signal code=$((st - 128)); else kind=exit code=$st; fi
  echo "R $id $kind $code 5 0 0 $(wc -c < "$root/out") $(wc -c < "$root/err")"
  cat "$root/out" "$root/err"
  echo
done
echo DONE
