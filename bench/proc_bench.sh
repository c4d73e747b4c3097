#!/bin/bash
# Process benchmark: fork+exit+wait and a futex ping-pong between threads, in the image against native Linux (bench/compare.sh).
# usage: bench/proc_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: proc_bench.sh BUILD_DIR [ARCH...]}
shift
exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64}" proc_bench
