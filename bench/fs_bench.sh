#!/bin/bash
# File benchmark: 10k small files created, listed (getdents64) and removed, 64 MiB in 4 KiB writes and reads, in the image against native Linux (bench/compare.sh).
# usage: bench/fs_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: fs_bench.sh BUILD_DIR [ARCH...]}
shift
exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64}" fs_bench
