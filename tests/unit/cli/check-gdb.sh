#!/bin/sh
# kdiff --gdb and --gdb-server on a real image (docs/debugging.md):
#   check-gdb.sh KDIFF ARCH
# 1. `kdiff vm.brk_basic --gdb -- <batch args>`: gdb stops at `break main`
#    (the test program, user mode: main's caller is musl's
#    libc_start_main_stage2) and at `break sys_brk` (the kernel, called from
#    syscall_dispatch), with those backtraces.
# 2. `--gdb-server` prints a gdb command line; running it in batch mode
#    reaches main, and QEMU ends when gdb kills it.
# Everything runs under `timeout`; the gdbstub is a unix socket in a fresh
# directory, so parallel runs never share a port. Exit 77 (skipped)
# without gdb-multiarch.
set -u
kdiff=$1 arch=$2
command -v gdb-multiarch >/dev/null || {
  echo "skipped: gdb-multiarch is not installed (.ci/install-deps installs it)"
  exit 77
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bad=0
fail() { echo "FAIL: $*"; bad=1; }

timeout 60 "$kdiff" vm.brk_basic --arch "$arch" --gdb -- -nx -batch \
  -ex 'break sys_brk' -ex 'break main' -ex continue -ex bt -ex continue -ex bt \
  >"$out/gdb.txt" 2>&1
echo "kdiff --gdb: exit $?"
cat "$out/gdb.txt"
grep -q '^Breakpoint 1 at 0xffff[0-9a-f]*: file .*' "$out/gdb.txt" || fail "break sys_brk not set at a kernel address"
grep -q '^Breakpoint 2 at 0x4[0-9a-f]*$' "$out/gdb.txt" || fail "break main not set in the payload (0x4xxxxx)"
# The stops, in order, each followed by its backtrace.
awk '/^Breakpoint 2, .* in main \(\)/ { m = NR } /^Breakpoint 1, sys_brk \(/ { k = NR }
     m && !mb && /^#1 .* in libc_start_main_stage2 / { mb = 1 }
     k && !kb && /^#1 .* in syscall_dispatch \(/ { kb = 1 }
     END { exit !(m && k && m < k && mb && kb) }' "$out/gdb.txt" ||
  fail "want a stop in main (called by libc_start_main_stage2), then in sys_brk (called by syscall_dispatch)"

# --gdb-server: the printed command, run by hand.
timeout 60 "$kdiff" vm.brk_basic --arch "$arch" --gdb-server >"$out/cmd.txt" 2>"$out/server.txt" &
server=$!
i=0
while [ ! -s "$out/cmd.txt" ] && [ $i -lt 200 ] && kill -0 $server 2>/dev/null; do
  sleep 0.05
  i=$((i + 1))
done
cmd=$(head -1 "$out/cmd.txt")
echo "printed: $cmd"
case $cmd in
  gdb-multiarch*"add-symbol-file "*"/tests/$arch/vm.brk_basic"*"target remote "*) ;;
  *) fail "--gdb-server printed no gdb command with the payload's symbols" ;;
esac
eval "timeout 60 $cmd -nx -batch -ex 'break main' -ex continue -ex bt -ex kill" >"$out/gdb2.txt" 2>&1
grep -q '^#0 .* in main ()' "$out/gdb2.txt" || { cat "$out/gdb2.txt"; fail "the printed command did not reach main"; }
wait $server
rc=$?
[ $rc = 0 ] || { cat "$out/server.txt"; fail "kdiff --gdb-server exit $rc after gdb killed QEMU"; }
[ $bad = 0 ] && echo "check-gdb $arch: ok"
exit $bad
