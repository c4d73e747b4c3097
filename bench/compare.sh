#!/bin/bash
# Runs bench programs (bench/<name>.c), each compiled once per arch as a
# static musl program, natively on Linux (the x86-64 host) and booted in the
# library OS under QEMU (TCG), then prints the image/Linux ratio of every
# figure the program prints ("key value" lines), from one run each. Never
# part of CTest. The *_bench.sh scripts name the programs of each area.
# usage: bench/compare.sh BUILD_DIR "ARCHES" NAME...
# BUILD_DIR is a configured and built tree (it has images/<arch>/link-image.sh
# and images/<arch>/qemu-args.txt); ARCHES is e.g. "x86_64 arm64".
# With REFERENCE=vm the Linux side is the arch's own build of the program in
# the pinned reference VM (docs/reference.md: Debian's 6.1 in QEMU, the same
# QEMU and accelerator as the image), so the ratios compare two kernels on
# one emulated machine rather than TCG against the bare host.
set -eu
build=$(cd "${1:?usage: compare.sh BUILD_DIR ARCHES NAME...}" && pwd)
arches=${2:-x86_64}
shift 2
benches=$*
src=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/kdiff-bench
mkdir -p "$work"

cc_for() {
  case $1 in
  x86_64) echo musl-gcc ;;
  arm64) echo aarch64-linux-musl-gcc ;;
  *) echo "unknown arch $1" >&2; exit 2 ;;
  esac
}

# qemu_cmd ARCH IMAGE CONSOLE TRACE: the arch's QEMU command under TCG, one
# argument per line, from its template.
qemu_cmd() {
  sed -e '/^#/d' -e '/^[[:space:]]*$/d' -e '/^kvm: /d' -e 's/^tcg: //' \
    -e "s|@IMAGE@|$2|" -e "s|@CMDLINE@||" -e "s|@CONSOLE@|$3|" \
    -e "s|@TRACE@|$4|" "$build/images/$1/qemu-args.txt"
}

# linux_vm ARCH PROG OUT: PROG's stdout from one boot of the reference VM
# (the results port's framing: docs/reference.md "What a run does").
linux_vm() {
  local arch=$1 prog=$2 out=$3 kernel initrd port
  kernel=$(sed -n "s|^KDIFF_REFERENCE_KERNEL_$arch:FILEPATH=||p" "$build/CMakeCache.txt")
  [ -r "$kernel" ] || { echo "no reference kernel for $arch (docs/reference.md)" >&2; return 1; }
  initrd=$work/ref.$arch.cpio.gz port=$work/ref.$arch.port
  sh "$build/reference/mkinitramfs.sh" "$initrd" \
    "$build/reference/$arch/kdiff-ref-init" "bench=$prog"
  mapfile -t cmd < <(sed -e '/^#/d' -e '/^[[:space:]]*$/d' -e '/^kvm: /d' \
    -e 's/^tcg: //' -e "s|@IMAGE@|$kernel|" -e "s|@INITRD@|$initrd|" \
    -e "s|@CMDLINE@|kdiff_timeout=280|" -e "s|@CONSOLE@|$work/ref.$arch.console|" \
    "$build/reference/qemu-$arch.txt")
  timeout 300 "${cmd[@]}" </dev/null >"$port" 2>/dev/null || true
  # "R bench <end> <code> <ms> <timed_out> <escaped> <outlen> <errlen>",
  # then outlen bytes of stdout.
  local r n len
  r=$(grep -a -n '^R bench ' "$port" | head -1)
  [ -n "$r" ] || { echo "$arch: the reference VM gave no result (see $work/ref.$arch.console)" >&2; return 1; }
  n=${r%%:*}
  len=$(echo "$r" | awk '{ print $8 }')
  tail -n +$((n + 1)) "$port" | head -c "$len" | tr -d '\r' >"$out"
}

# value FILE KEY
value() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

for arch in $arches; do
  cc=$(cc_for "$arch")
  for b in $benches; do
    prog=$work/$b.$arch
    $cc -static -O1 -o "$prog" "$src/$b.c"
    if [ "${REFERENCE:-native}" = vm ]; then
      linux_vm "$arch" "$prog" "$work/$b.linux.out" || continue
    else
      # The Linux reference is this x86-64 host: arm64 images are compared
      # against the x86-64 build of the same source.
      native=$work/$b.x86_64
      [ -x "$native" ] || musl-gcc -static -O1 -o "$native" "$src/$b.c"
      "$native" >"$work/$b.linux.out"
    fi
    img=$work/$b.$arch.elf
    sh "$build/images/$arch/link-image.sh" "$prog" "bench.$b" "$img"
    : >"$work/$b.$arch.console"
    mapfile -t cmd < <(qemu_cmd "$arch" "$img" "$work/$b.$arch.console" \
      "$work/$b.$arch.trace")
    set +e
    timeout 300 "${cmd[@]}" </dev/null >/dev/null 2>&1
    set -e
    tr -d '\r' <"$work/$b.$arch.console" >"$work/$b.$arch.out"
    if grep -q '^error' "$work/$b.$arch.out" "$work/$b.linux.out" ||
       [ ! -s "$work/$b.$arch.out" ]; then
      echo "$arch $b: no figures (see $work/$b.$arch.out)" >&2
      continue
    fi
    printf '%-8s %-26s %14s %14s %9s\n' arch figure linux image image/linux
    for k in $(awk '{print $1}' "$work/$b.linux.out"); do
      l=$(value "$work/$b.linux.out" "$k")
      i=$(value "$work/$b.$arch.out" "$k")
      r=$(awk -v a="$i" -v b="$l" 'BEGIN { if (b + 0) printf "%.2f", a / b; else print "-" }')
      printf '%-8s %-26s %14s %14s %9s\n' "$arch" "$k" "$l" "$i" "$r"
    done
  done
done
