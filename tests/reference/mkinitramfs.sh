#!/bin/sh
# mkinitramfs.sh OUT INIT [--tracer=FILE] ID=PROGRAM...: the reference
# VM's initramfs (docs/reference.md): a gzip'd newc cpio holding INIT as
# /init, each PROGRAM as /kdiff/t/ID and the list of ids, in order, as
# /kdiff/batch; with a tracer (kdiff-ref-trace) as /kdiff/trace, every test
# is listed as "ID trace" and runs under it.
# Owner root, so the tests see the files as they see theirs natively.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: mkinitramfs.sh OUT INIT [ID=PROGRAM...]" >&2
  exit 2
fi
out=$1 init=$2
shift 2
for tool in cpio gzip; do
  command -v $tool >/dev/null 2>&1 || {
    echo "mkinitramfs.sh: needs '$tool': apt-get install $tool" >&2
    exit 2
  }
done
stage=$(mktemp -d "${out}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/kdiff/t" "$stage/tmp" "$stage/proc" "$stage/dev" "$stage/sys"
cp "$init" "$stage/init"
chmod 0755 "$stage/init"
: > "$stage/kdiff/batch"
mark=
case ${1:-} in
  --tracer=*)
    cp "${1#--tracer=}" "$stage/kdiff/trace"
    chmod 0755 "$stage/kdiff/trace"
    mark=" trace"
    shift ;;
esac
for pair in "$@"; do
  id=${pair%%=*} prog=${pair#*=}
  case $id in
    ''|*/*|.*) echo "mkinitramfs.sh: bad test id '$id'" >&2; exit 2 ;;
  esac
  cp "$prog" "$stage/kdiff/t/$id"
  chmod 0755 "$stage/kdiff/t/$id"
  printf '%s%s\n' "$id" "$mark" >> "$stage/kdiff/batch"
done
chmod 1777 "$stage/tmp"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
   cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
