#!/bin/sh
# kdiff PROGRAM -- ARGS (issue 15, "Real programs with arguments"): the
# arguments, --env words and --stdin file reach the program on both sides
# alike, the outputs and exit statuses are compared, and bad use is exit 2
# with a message.
#   check-program.sh KDIFF SOURCE-DIR ARCH...
set -u
kdiff=$1 src=$2
shift 2
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
bad=0
prog=$src/tests/cli/src/args_env_stdin.c
printf 'line one\nline "two"\n' >"$w/in.txt"

fail() {
  echo "FAIL: $*"
  bad=1
}

# run WANT-RC ARGS...: kdiff's stdout in $w/out, stderr in $w/err.
run() {
  want=$1
  shift
  TMPDIR=$w KDIFF_KEEP=1 timeout 300 "$kdiff" --color never "$@" >"$w/out" 2>"$w/err"
  rc=$?
  [ "$rc" = "$want" ] || {
    fail "kdiff $*: exit $rc (want $want)"
    sed 's/^/    /' "$w/out" "$w/err" | tail -20
  }
  kept=$(sed -n 's/^kdiff: traces kept in //p' "$w/err" | tail -1)
}

for arch in "$@"; do
  # 1. Arguments (with spaces, quotes, empty, a second --), environment and
  # stdin arrive intact on both sides, and the sides agree (exit 0).
  run 0 "$prog" --arch "$arch" --env A=1 --env 'B=two "quoted" \words' \
    --stdin "$w/in.txt" -- one 'two words' '' --
  if [ -n "$kept" ] && [ -f "$kept/linux.stdout" ]; then
    for f in "$kept/linux.stdout" "$kept/libos.console"; do
      for want in 'argv[0]=<args_env_stdin>' 'argv[2]=<two words>' 'argv[3]=<>' \
        'argv[4]=<-->' 'env <A=1>' 'env <B=two "quoted" \words>' 'env words: 2' \
        'stdin: regular file, 20 bytes' 'read: 20 <line one' 'a line on stderr'; do
        grep -qF -- "$want" "$f" || fail "$arch: $f lacks '$want'"
      done
    done
    grep -q '+++ exited with 4 +++' "$kept/linux.strace" || fail "$arch: Linux exit status is not 4"
  else
    fail "$arch: no kept traces"
  fi
  # 2. Defaults: no arguments, an empty environment, stdin /dev/null.
  run 0 "$prog" --arch "$arch"
  for f in "$kept/linux.stdout" "$kept/libos.console"; do
    for want in 'env words: 0' 'stdin: character device, 0 bytes' 'read: 0 <>'; do
      grep -qF -- "$want" "$f" || fail "$arch: $f lacks '$want' (defaults)"
    done
  done
  # 3. Outputs that differ are shown, even where the traces' rules soften
  # the values: uname's release is the image's own.
  printf '#include <stdio.h>\n#include <sys/utsname.h>\nint main(void){struct utsname u;uname(&u);puts(u.release);return 0;}\n' >"$w/uname_rel.c"
  run 1 "$w/uname_rel.c" --arch "$arch"
  grep -q '^the runs differ:' "$w/out" || fail "$arch: differing outputs not reported"
  grep -q 'exit status: linux exit 0 | libos exit 0' "$w/out" || fail "$arch: exit statuses not shown"
  grep -q '^+6.1.0-kdiff' "$w/out" || fail "$arch: the image's output line not shown"
  run 1 "$w/uname_rel.c" --arch "$arch" --json "$w/r.json"
  grep -q '"same_output": *false' "$w/r.json" || fail "$arch: --json runs.same_output is not false"
  grep -q '"libos_status": *"exit 0"' "$w/r.json" || fail "$arch: --json runs.libos_status"
done

# 4. A real program users bring, found in $PATH: Debian's busybox-static.
# Whatever the traces say today, both sides print the same thing.
if command -v busybox >/dev/null; then
  TMPDIR=$w KDIFF_KEEP=1 timeout 300 "$kdiff" --color never busybox -- echo 'hi there' >"$w/out" 2>"$w/err"
  rc=$?
  kept=$(sed -n 's/^kdiff: traces kept in //p' "$w/err" | tail -1)
fi
if [ -n "${rc:-}" ] && grep -q 'dynamically linked' "$w/err"; then
  echo "check-program: busybox in \$PATH is not static (install busybox-static): that case skipped"
elif command -v busybox >/dev/null; then
  { [ "$rc" = 0 ] || [ "$rc" = 1 ]; } || fail "kdiff busybox -- echo: exit $rc: $(cat "$w/err")"
  grep -q '^the runs differ' "$w/out" && fail "kdiff busybox -- echo: the outputs differ"
  [ "$(cat "$kept/linux.stdout" 2>/dev/null)" = "hi there" ] || fail "busybox echo on Linux printed $(cat "$kept/linux.stdout")"
else
  echo "check-program: no static busybox in \$PATH (busybox-static): that case skipped"
fi

# 5. Bad use: exit 2 and a message.
bad_use() {
  want=$1
  shift
  TMPDIR=$w timeout 60 "$kdiff" "$@" >"$w/out" 2>"$w/err"
  rc=$?
  { [ "$rc" = 2 ] && grep -qF -- "$want" "$w/err"; } ||
    fail "kdiff $*: exit $rc, stderr $(cat "$w/err") (want 2, '$want')"
}
bad_use "--env wants NAME=VALUE" "$prog" --env NOVALUE
bad_use "--env wants NAME=VALUE" "$prog" --env =x
bad_use "--stdin $w/none: No such file" "$prog" --stdin "$w/none"
bad_use "not a regular file" "$prog" --stdin "$w"
bad_use "arguments after -- are the program's" -- echo hi
bad_use "are for a run" --linux-trace /dev/null --libos-trace /dev/null --env A=1
bad_use "nor a program of that name in \$PATH" no_such_program_anywhere -- x
many=$(seq 1 65)
# shellcheck disable=SC2086
bad_use "65 arguments: the image's command line takes at most 64" "$prog" -- $many
long=$(head -c 1100 /dev/zero | tr '\0' x)
bad_use "do not fit the image's command line" "$prog" -- "$long"
[ "$bad" = 0 ] && echo "check-program: all cases passed"
exit "$bad"
