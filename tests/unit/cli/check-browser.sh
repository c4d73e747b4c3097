#!/bin/sh
# The HTML reports in a real browser (headless Chromium, Debian's package):
#   check-browser.sh KDIFF KDIFF_CONTRACT FIXTURES OUTDIR
# 1. kdiff --html on a recorded multi-task pair with one errno divergence:
#    --dump-dom shows the first divergence box at the top of the rendered
#    page, the script ran (the toolbar is shown), and a probe script added
#    to a copy of the page finds the folded rows not shown, clicks every
#    fold's summary as a user would, and finds them shown; a search for
#    "gettid" matches the rows it should.
# 2. The page without its script: the same box, the toolbar hidden, and
#    the folds open on a click all the same.
# 3. The suite dashboard from three result files: the table has every row,
#    and unticking the PASS filter hides the PASS rows by CSS alone.
# Screenshots go to OUTDIR (kdiff.png, dashboard.png) for people to look at.
# Exit 77 (skipped) when chromium is not installed.
set -eu
kdiff=$1 runner=$2 fx=$3 out=$4
browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  echo "skipped: Debian's chromium is not installed (.ci/install-deps installs it)"
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }

# Chromium as root in a closed sandbox: no sandbox, no GPU, no network
# services, a fresh profile each time.
chrome() {
  profile=$(mktemp -d "$out/profile.XXXXXX")
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --window-size=1300,1100 "$@" 2>>"$out/chromium.log"
  rm -rf "$profile"
}

rc=0
"$kdiff" --linux-trace "$fx/real/mt_procs.strace" --libos-trace "$fx/pairs/mt_procs_child_errno.jsonl" \
  --html "$out/kdiff.html" >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "kdiff exit $rc, want 1 (a divergence)"

# Probes added to copies of the page (before </body>, after the page's
# own script): they act as a user would (clicks, typing) and leave what
# they found on <body> as data- attributes for --dump-dom.
fold_probe='<script>
(function () {
  function shown(list) {
    /* checkVisibility: false inside a closed <details> (its content is
     * content-visibility: hidden, which still has boxes). */
    var n = 0;
    for (var i = 0; i < list.length; i++) if (list[i].checkVisibility()) n++;
    return n;
  }
  var folded = document.querySelectorAll("details.fold .r");
  var before = shown(folded);
  var sums = document.querySelectorAll("details.fold > summary");
  for (var i = 0; i < sums.length; i++) sums[i].click();
  var b = document.body.dataset;
  b.folds = sums.length; b.foldedRows = folded.length;
  b.shownBefore = before; b.shownAfter = shown(folded);
})();
</script>'
search_probe='<script>
(function () {
  var q = document.getElementById("q");
  q.value = "gettid";
  q.dispatchEvent(new Event("input"));
  document.body.dataset.hits = document.getElementById("hits").textContent;
})();
</script>'
with_probe() { # IN OUT PROBE...
  in=$1 o=$2
  shift 2
  awk -v p="$*" '/<\/body>/ { print p } { print }' "$in" >"$o"
}
# probe IN NAME PROBE...: the page IN with the probes as NAME.html (NAME
# must differ from IN's), rendered; its DOM in NAME.dom, the probes'
# findings in $attrs.
probe() {
  in=$1 name=$2
  shift 2
  with_probe "$in" "$out/$name.html" "$@"
  chrome --dump-dom "file://$out/$name.html" >"$out/$name.dom"
  attrs=$(grep -o '<body[^>]*>' "$out/$name.dom")
  echo "$name: $attrs"
}
get() { echo "$attrs" | sed -n "s/.*data-$1=\"\([^\"]*\)\".*/\1/p"; }
check_folds() {
  [ "$(get folds)" -ge 2 ] || fail "$1: expected at least 2 folds, got '$(get folds)'"
  [ "$(get folded-rows)" -ge 10 ] || fail "$1: expected folded rows, got '$(get folded-rows)'"
  [ "$(get shown-before)" = 0 ] || fail "$1: folded rows are shown before a click: $(get shown-before)"
  [ "$(get shown-after)" = "$(get folded-rows)" ] ||
    fail "$1: after clicking, $(get shown-after) of $(get folded-rows) folded rows are shown"
}
check_first() {
  tr -d '\n' <"$1" |
    grep -q 'id="first"><h2>First divergence: <span class="kind k-errno">errno</span> in <code>close</code>, task 1.1' ||
    fail "$1: no first divergence in the rendered page"
  first=$(grep -n 'id="first"' "$1" | head -1 | cut -d: -f1)
  task=$(grep -n '<section class="task"' "$1" | head -1 | cut -d: -f1)
  [ "$first" -lt "$task" ] || fail "$1: the first divergence is not above the traces"
}

# --- 1: rendered, with the script.
probe "$out/kdiff.html" kdiff-probe "$fold_probe" "$search_probe"
check_first "$out/kdiff-probe.dom"
grep -q '<div id="tools">' "$out/kdiff-probe.dom" || fail "the page's script did not run (toolbar still hidden)"
check_folds "with JS"
# Each child task calls gettid once: the search finds those rows.
want=$(grep -c ' gettid(' "$fx/real/mt_procs.strace")
[ "$want" -gt 0 ] && [ "$(get hits)" = "$want matching rows" ] ||
  fail "search for gettid: '$(get hits)', want $want matching rows"

# --- 2: no JavaScript (the page with its one script removed: headless
# --dump-dom itself needs scripting on, so only the probe runs): the same
# first divergence, the toolbar stays hidden, the folds open by a click
# (plain <details>).
awk '/^<script>$/ { skip = 1 } !skip { print } /^<\/script>$/ { skip = 0 }' "$out/kdiff.html" >"$out/nojs.html"
! grep -q '<script' "$out/nojs.html" || fail "could not remove the script"
probe "$out/nojs.html" nojs-probe "$fold_probe"
check_first "$out/nojs-probe.dom"
grep -q '<div id="tools" hidden' "$out/nojs-probe.dom" || fail "the toolbar shows without JS"
check_folds "without JS"
chrome --screenshot="$out/kdiff.png" "file://$out/kdiff.html" >/dev/null

# --- 3: the dashboard.
mkdir -p "$out/results"
for t in "vm.a x86_64 PASS" "vm.a arm64 DIVG" "signals.b x86_64 XFAIL"; do
  set -- $t
  cat >"$out/results/$1.$2.json" <<EOF
{"id": "$1", "arch": "$2", "verdict": "$3", "why": "why $3 <b>",
 "linux": {"stdout": "one\ntwo\n", "status": "exit 0", "seconds": 0.01},
 "libos": {"stdout": "one\nTWO\n", "status": "exit 0", "seconds": 0.5}}
EOF
done
"$runner" report --results "$out/results" --out "$out/report.json" >/dev/null
[ -f "$out/report.html" ] || fail "no report.html beside report.json"
dprobe='<script>
(function () {
  function shown(sel) {
    var l = document.querySelectorAll(sel), n = 0;
    for (var i = 0; i < l.length; i++) if (l[i].checkVisibility()) n++;
    return n;
  }
  var b = document.body.dataset;
  b.before = shown("tr.v-PASS");
  document.getElementById("fv-PASS").click();
  b.after = shown("tr.v-PASS");
  b.others = shown("tr.v-DIVG") + shown("tr.v-XFAIL");
})();
</script>'
probe "$out/report.html" report-probe "$dprobe"
[ "$(grep -c '<tr class="v-' "$out/report-probe.dom")" = 3 ] || fail "dashboard: want 3 rows"
grep -q '<div class="del">-two</div>' "$out/report-probe.dom" || fail "dashboard: no output diff"
[ "$(get before)" = 1 ] && [ "$(get after)" = 0 ] && [ "$(get others)" = 2 ] ||
  fail "the PASS filter does not hide (only) the PASS rows"
chrome --screenshot="$out/dashboard.png" "file://$out/report.html" >/dev/null
for png in kdiff dashboard; do
  [ -s "$out/$png.png" ] || fail "no screenshot $png.png"
done
echo "ok: screenshots in $out"
