#!/bin/bash
# The issue-17 comparison: null syscall, signal round trip, fork+wait, futex
# ping-pong and page faults, in the image and in the pinned reference Linux
# VM under the same QEMU and accelerator, image/Linux ratios side by side
# (bench/compare.sh with REFERENCE=vm).
# usage: bench/ref_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: ref_bench.sh BUILD_DIR [ARCH...]}
shift
REFERENCE=vm exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64 arm64}" \
  signal_roundtrip proc_bench vm_fault
