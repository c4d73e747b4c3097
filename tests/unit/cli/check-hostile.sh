#!/bin/sh
# kdiff on hostile input (issue 19): every case is an exit status and a
# message on stderr (a fixed string), never a verdict on garbage, a crash,
# a hang or unbounded memory.
#   check-hostile.sh KDIFF FIXTURES LINK-IMAGE.SH (the last may be missing)
set -u
kdiff=$1 fx=$2 link=$3
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
bad=0
n=0
lin=$fx/brk_mmap.strace rec=$fx/brk_mmap.ok.jsonl

# case WANT-RC WANT-STDERR-SUBSTRING ARGS...: runs kdiff (30 s, 1 GB of
# address space at most) and checks both.
case_() {
  want=$1 msg=$2
  shift 2
  n=$((n + 1))
  (ulimit -v 1048576; TMPDIR=$w/tmp timeout 30 "$kdiff" --color never "$@" \
    >"$w/out" 2>"$w/err" <"$in")
  rc=$?
  if [ "$rc" != "$want" ] || { [ -n "$msg" ] && ! grep -qF -- "$msg" "$w/err"; }; then
    echo "FAIL: kdiff $*: exit $rc (want $want), stderr:"
    sed 's/^/    /' "$w/err" | head -5
    echo "    (want: $msg)"
    bad=1
  fi
}
mkdir -p "$w/tmp"
in=/dev/null

# 1. Lines are capped and the readers stream: a file that never ends.
case_ 2 "/dev/zero:1: line longer than 1048576 bytes" --linux-trace /dev/zero --libos-trace "$rec"
case_ 2 "/dev/zero:1: line longer than 65536 bytes" --linux-trace "$lin" --libos-trace /dev/zero
head -c 3000000 /dev/zero | tr '\0' x >"$w/oneline"
case_ 2 "oneline:1: line longer than 1048576 bytes" --linux-trace "$w/oneline" --libos-trace "$rec"
case_ 2 "oneline:1: line longer than 65536 bytes" --linux-trace "$lin" --libos-trace "$w/oneline"
in=/dev/zero
case_ 2 "-:1: line longer than 1048576 bytes" --linux-trace - --libos-trace "$rec"
case_ 2 "-:1: line longer than 65536 bytes" --linux-trace "$lin" --libos-trace -
in=/dev/null

# 2. Garbage is no trace.
: >"$w/empty"
case_ 2 "empty: no strace records" --linux-trace "$w/empty" --libos-trace "$w/empty"
case_ 2 "/dev/null: no strace records" --linux-trace /dev/null --libos-trace /bin/ls
head -n 5 "$lin" >"$w/cut.strace"
case_ 2 "cut.strace: ends before its first process's" --linux-trace "$w/cut.strace" --libos-trace "$rec"
case_ 2 "empty: no boot record" --linux-trace "$lin" --libos-trace "$w/empty"
case_ 2 "/bin/ls: no boot record" --linux-trace "$lin" --libos-trace /bin/ls
printf '[[[[[[[[[[\n' >"$w/brackets"
case_ 2 "brackets: no boot record: not a library OS trace (0 record(s), 1 line(s)" \
  --linux-trace "$lin" --libos-trace "$w/brackets"
seq 1 300000 >"$w/text"
case_ 2 "text: no boot record: not a library OS trace (0 record(s), 300000 line(s)" \
  --linux-trace "$lin" --libos-trace "$w/text"
case_ 2 "binary or non-strace data" --linux-trace /bin/ls --libos-trace "$rec"
{ echo 'QEMU firmware says hello'; cat "$rec"; } >"$w/console.log"
case_ 0 "console.log: 1 line(s) not JSON records (console text) skipped" \
  --linux-trace "$lin" --libos-trace "$w/console.log"

# 3. strace's stderr form and -ff files are read (mt_procs: three processes).
case_ 0 "" --linux-trace "$fx/real/mt_procs.stderr.strace" --libos-trace "$fx/real/mt_procs.x86_64.jsonl"
case_ 0 "" --linux-trace "$fx/real/ff/ff" --libos-trace "$fx/real/mt_procs.x86_64.jsonl"
case_ 0 "" --linux-trace "$fx/real/ff/ff.2885" --libos-trace "$fx/real/mt_procs.x86_64.jsonl"

# 4. Options that select nothing.
case_ 2 "--filter: 'zzz' is not a syscall name" --linux-trace "$lin" --libos-trace "$rec" --filter zzz
case_ 2 "--filter wants syscall names" --linux-trace "$lin" --libos-trace "$rec" --filter ',,,'
case_ 2 "--filter wants syscall names" --linux-trace "$lin" --libos-trace "$rec" --filter ''
case_ 2 "--context wants a number" --linux-trace "$lin" --libos-trace "$rec" --context ''
case_ 2 "--timeout wants a positive number" --linux-trace "$lin" --libos-trace "$rec" --timeout ''
case_ 2 "stdin holds one trace" --linux-trace - --libos-trace -

# 5. What is not a test says what it is.
case_ 2 "/bin/ls is dynamically linked: kdiff needs a static binary" /bin/ls
head -c 4096 /dev/urandom >"$w/random.bin"
case_ 2 "random.bin is neither C source (.c) nor an ELF program" "$w/random.bin"
case_ 2 "is a directory" "$w/tmp"
case_ 2 "is empty" "$w/empty"
case_ 2 "no such file" "$w/missing.c"

# 7. An exit-2 run leaves no unnamed work directory: a .c that does not compile.
echo 'this is not C' >"$w/broken.c"
case_ 2 "musl-gcc failed" "$w/broken.c"
left=$(ls "$w/tmp")
if [ -n "$left" ] && ! grep -qF "traces kept in $w/tmp/" "$w/err"; then
  echo "FAIL: exit 2 left $left in TMPDIR without saying so"
  bad=1
fi

# 6. File names are data: a name with & | \ " and a newline links, and the
#    image holds exactly that name.
if [ -f "$link" ]; then
  n=$((n + 1))
  name='we&ird|na\me"x
.byte 1'
  printf 'payload' >"$w/$name"
  if ! sh "$link" "$w/$name" "$name" "$w/img.elf" >"$w/err" 2>&1; then
    echo "FAIL: link-image.sh with a hostile name:"
    cat "$w/err"
    bad=1
  elif ! grep -aqF 'we&ird|na\me"x' "$w/img.elf"; then
    echo "FAIL: the image does not hold the name as given"
    bad=1
  fi
else
  echo "note: $link not built: the link case is skipped"
fi

echo "hostile input: $n cases"
exit $bad
