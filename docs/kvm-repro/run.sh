#!/bin/sh
# run.sh ACCEL [CPU]: builds syscall_cpl.S for modes 1-4 in a temporary
# directory, boots each under QEMU -accel ACCEL (tcg or kvm) and prints the
# debugcon log. Pass = QEMU status 1 (isa-debug-exit value 0).
set -e
accel=${1:-kvm}
cpu=${2:-qemu64}
[ "$accel" = tcg ] && [ -z "$2" ] && cpu=max
src=$(cd "$(dirname "$0")" && pwd)/syscall_cpl.S
dir=$(mktemp -d)
for mode in 1 2 3 4; do
  gcc -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-Ttext=0x100000 \
    -Wl,--no-warn-rwx-segments -Wa,--defsym,MODE=$mode "$src" -o "$dir/m$mode.elf"
  status=0
  timeout 20 qemu-system-x86_64 -accel "$accel" -cpu "$cpu" \
    -M microvm,pit=on,pic=off,rtc=on,isa-serial=off,acpi=off,auto-kernel-cmdline=off,x-option-roms=off \
    -m 64M -nodefaults -no-user-config -no-reboot -display none \
    -debugcon "file:$dir/log$mode" -device isa-debug-exit,iobase=0x501,iosize=2 \
    -kernel "$dir/m$mode.elf" 2>/dev/null || status=$?
  echo "[$accel cpu=$cpu mode=$mode] qemu status=$status ($([ $status = 1 ] && echo pass || echo FAIL))"
  cat "$dir/log$mode"
done
rm -rf "$dir"
