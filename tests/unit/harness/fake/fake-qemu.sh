#!/bin/sh
# A stand-in for QEMU in the harness tests: takes the arguments the template
# gives, logs them (one a line) to TRACE.argv, then runs the "image", a shell
# fragment that writes the console and trace files as a kernel would.
set -u
image= cmdline= console= trace= prev=
for a in "$@"; do
  case $prev in
    -kernel) image=$a ;;
    -append) cmdline=$a ;;
    -serial) console=${a#file:} ;;
    -debugcon) trace=${a#file:} ;;
  esac
  prev=$a
done
printf '%s\n' "$@" > "$trace.argv"
CONSOLE=$console TRACE=$trace CMDLINE=$cmdline
export CONSOLE TRACE CMDLINE
. "$image"
