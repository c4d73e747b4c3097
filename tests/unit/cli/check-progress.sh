#!/bin/sh
# kdiff's progress line (docs/kdiff.md, "Progress"): on a terminal (a pty
# from script(1)) a line that is rewritten in place and erased before the
# report; none with --quiet, none when stderr is not a terminal; the report
# itself is the same in all three. The pair is the bench generator's, big
# enough to take a few ticks (KDIFF_PROGRESS_AFTER=0: no 1 s wait).
#   check-progress.sh KDIFF GEN_TRACES
set -u
kdiff=$1 gen=$2
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
bad=0
"$gen" 300000 "$w/a.strace" "$w/a.jsonl" || exit 1
args="--color never --linux-trace $w/a.strace --libos-trace $w/a.jsonl"
# On a terminal: stdout to a file, stderr the pty.
KDIFF_PROGRESS_AFTER=0 script -qec "$kdiff $args >$w/tty.out" /dev/null >"$w/tty.err" 2>&1
KDIFF_PROGRESS_AFTER=0 script -qec "$kdiff --quiet $args >$w/quiet.out" /dev/null >"$w/quiet.err" 2>&1
KDIFF_PROGRESS_AFTER=0 "$kdiff" $args >"$w/pipe.out" 2>"$w/pipe.err"
cr=$(printf '\r')
# Which phases a tick catches depends on the machine's speed; every run
# shows at least one (the last phase is drawn at the end if no tick came).
if ! grep -Eq "kdiff: [a-z ]+ +[0-9]+% \([0-9]+ of [0-9]+ (MB|events)\)" "$w/tty.err"; then
  echo "FAIL: no progress line on a terminal:"; od -c "$w/tty.err" | head -5; bad=1
fi
# Erased at the end: the last bytes are CR, ESC [ K (script may add CR LF).
last=$(tr -d '\n' <"$w/tty.err" | tail -c 4 | od -An -c | tr -d ' ')
case "$last" in *'\r033[K'*|*'\r033[K\r'*) ;; *)
  echo "FAIL: the line is not erased at the end: $last"; bad=1 ;; esac
for f in quiet pipe; do
  if grep -q "$cr" "$w/$f.err" || grep -q "reading and normalising" "$w/$f.err"; then
    echo "FAIL: a progress line with $f:"; od -c "$w/$f.err" | head -3; bad=1
  fi
done
for f in quiet pipe; do
  cmp -s "$w/tty.out" "$w/$f.out" || { echo "FAIL: the report differs ($f)"; bad=1; }
done
grep -q "Divergences: 4" "$w/tty.out" || { echo "FAIL: report:"; head -3 "$w/tty.out"; bad=1; }
[ $bad = 0 ] && echo "progress: all checks passed"
exit $bad
