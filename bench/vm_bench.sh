#!/bin/bash
# VM benchmarks: first-touch page faults and mmap/munmap pairs, in the image against native Linux (bench/compare.sh).
# usage: bench/vm_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: vm_bench.sh BUILD_DIR [ARCH...]}
shift
exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64}" vm_fault vm_mmap
