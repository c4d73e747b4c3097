#!/usr/bin/env bash
# Which layer includes which: a table over the #include lines of the kernel
# tree and the CLI, and a check that every include goes down the layering
#   linux_shim -> libos -> uapi (libos/include/uapi) ; anything -> hal headers
#   cli -> only its own files and the shared syscall list
# Usage: include_graph.sh [SRCDIR] [--check]
# Prints "from -> to: N" rows; with --check, exits 1 naming every include
# that goes up or sideways.
set -euo pipefail
src=${1:-.}
check=${2:-}
cd "$src"

# The layer a source file (or an included path) belongs to.
layer_of_file() {
  case $1 in
    libos/include/uapi/*) echo uapi ;;
    hal/include/*) echo hal-api ;;
    hal/*) echo hal ;;
    libos/*) echo libos ;;
    linux_shim/*) echo linux_shim ;;
    cli/*) echo cli ;;
    *) echo other ;;
  esac
}
layer_of_include() {
  case $1 in
    uapi/*) echo uapi ;;
    hal/*) echo hal-api ;;
    libos/*) echo libos ;;
    linux_shim/*) echo linux_shim ;;
    *) echo "" ;;
  esac
}
# May layer $1 include layer $2?
allowed() {
  [ "$1" = "$2" ] && return 0
  case "$1:$2" in
    linux_shim:libos | linux_shim:uapi | linux_shim:hal-api) return 0 ;;
    libos:uapi | libos:hal-api) return 0 ;;
    hal:hal-api) return 0 ;;
    *) return 1 ;;
  esac
}

declare -A count
bad=0
while IFS= read -r f; do
  from=$(layer_of_file "$f")
  while IFS= read -r inc; do
    to=$(layer_of_include "$inc")
    [ -n "$to" ] || continue
    count["$from -> $to"]=$(( ${count["$from -> $to"]:-0} + 1 ))
    if ! allowed "$from" "$to"; then
      echo "upward include: $f includes <$inc>" >&2
      bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' "$f")
done < <(find hal libos linux_shim cli -name '*.[chS]' | sort)

for k in "${!count[@]}"; do echo "$k: ${count[$k]}"; done | sort

# Inside libos and inside linux_shim, module X (X.c, X.h) depends on Y
# when it includes <layer/Y.h>; the modules must form a DAG (tsort names
# any loop).
for dir in libos linux_shim; do
  edges=$(find "$dir" -name '*.[ch]' | sort | while read -r f; do
    m=$(basename "$f"); m=${m%.*}
    sed -n "s/^#include <$dir\\/\\([a-z_0-9]*\\)\\.h>.*/\\1/p" "$f" |
      while read -r d; do [ "$d" != "$m" ] && echo "$d $m"; done
  done | sort -u)
  if loops=$(echo "$edges" | tsort 2>&1 >/dev/null) && [ -z "$loops" ]; then
    echo "$dir modules: $(echo "$edges" | grep -c .) dependencies, no cycle"
  else
    echo "$dir modules: include cycle:" >&2
    echo "$loops" | sed 's/^tsort: /  /' >&2
    bad=1
  fi
done
if [ "$check" = --check ] && [ $bad -ne 0 ]; then
  exit 1
fi
exit 0
