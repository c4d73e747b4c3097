#!/bin/bash
# Signal benchmark: raise -> handler -> sigreturn and a null syscall, in the image against native Linux (bench/compare.sh).
# usage: bench/signal_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: signal_bench.sh BUILD_DIR [ARCH...]}
shift
exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64}" signal_roundtrip
