#!/bin/sh
# check-report.sh RUNNER OUTDIR: three runs into one results directory
# (PASS, XFAIL, DIVG), then `report`: the table and report.json must count
# them; `setup` must clear them; show-summary prints the table once.
set -u
runner=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
run() { # ID IMAGE
  "$runner" run --id "$1" --arch x86_64 --linux-bin fake/linux/pass.sh \
    --image "fake/images/$2" --qemu-template fake/qemu-args.txt \
    --known fake/known-listed.json --results "$out/results" --work-dir "$out/work" \
    --kdiff "$out/none" > /dev/null
}
run harness.ok pass.img
run harness.xfail differ_line.img
run harness.bad differ_line.img
bad=0
"$runner" report --results "$out/results" --out "$out/report.json" \
  --summary "$out/summary.txt" > "$out/table.txt" || bad=1
cat "$out/table.txt"
grep -q '^contracts: 1/3 PASS | 1 DIVG | 1 XFAIL$' "$out/table.txt" || { echo "CHECK FAILED: table line"; bad=1; }
grep -q 'XFAIL *harness.xfail/x86_64 *needs the fake feature' "$out/table.txt" || { echo "CHECK FAILED: XFAIL row"; bad=1; }
grep -q '"DIVG": 1' "$out/report.json" && grep -q '"total": 3' "$out/report.json" || { echo "CHECK FAILED: report.json summary"; bad=1; }
grep -q '"stdout": "obs 2\\nCONTRACT_PASS t\\n"' "$out/report.json" || { echo "CHECK FAILED: report.json outputs"; bad=1; }
# The dashboard beside report.json: every result a row, a section per
# non-PASS result with its diff, the filters for what is there.
h=$out/report.html
grep -q "^dashboard: $out/report.html\$" "$out/table.txt" || { echo "CHECK FAILED: table names the dashboard"; bad=1; }
[ "$(grep -c '^<tr class="v-' "$h")" = 3 ] || { echo "CHECK FAILED: dashboard rows"; bad=1; }
grep -q '<section class="detail v-DIVG a-x86_64" id="d-harness.bad-x86_64">' "$h" &&
  grep -q '<section class="detail v-XFAIL a-x86_64" id="d-harness.xfail-x86_64">' "$h" &&
  ! grep -q 'id="d-harness.ok-x86_64"' "$h" || { echo "CHECK FAILED: dashboard details"; bad=1; }
grep -q '<div class="del">-obs 1</div>' "$h" && grep -q '<div class="add">+obs 2</div>' "$h" ||
  { echo "CHECK FAILED: dashboard diff"; bad=1; }
grep -q 'id="fv-DIVG" checked' "$h" && grep -q 'id="fa-x86_64" checked' "$h" &&
  ! grep -q 'id="fv-CRASH"' "$h" || { echo "CHECK FAILED: dashboard filters"; bad=1; }
grep -q 'No kdiff page: run the suite with tracing on' "$h" || { echo "CHECK FAILED: dashboard kdiff note"; bad=1; }
"$runner" show-summary "$out/summary.txt" | grep -q '1/3 PASS' || { echo "CHECK FAILED: show-summary"; bad=1; }
[ ! -e "$out/summary.txt" ] || { echo "CHECK FAILED: summary shown twice"; bad=1; }
"$runner" setup --known fake/known-listed.json --results "$out/results" \
  --ids harness.xfail,harness.xpass,harness.xfail_arm,harness.xfail_crash,harness.xfail_other || { echo "CHECK FAILED: setup"; bad=1; }
[ -z "$(ls "$out/results")" ] || { echo "CHECK FAILED: setup left results"; bad=1; }
"$runner" check-known fake/known-listed.json --ids harness.xfail 2> "$out/stale.txt" && { echo "CHECK FAILED: stale ids accepted"; bad=1; }
grep -q 'known-listed.json:3: "harness.xpass" is not a contract test' "$out/stale.txt" || { echo "CHECK FAILED: stale message"; cat "$out/stale.txt"; bad=1; }
[ $bad = 0 ] && echo "check-report: ok"
exit $bad
