#!/bin/bash
# Event and IPC benchmark: pipe and socketpair ping-pong between two processes, epoll_wait over 1000 eventfds with one ready, in the image against native Linux (bench/compare.sh).
# usage: bench/ev_bench.sh BUILD_DIR [x86_64] [arm64]
set -eu
build=${1:?usage: ev_bench.sh BUILD_DIR [ARCH...]}
shift
exec "$(dirname "$0")/compare.sh" "$build" "${*:-x86_64}" ev_bench
