#!/usr/bin/env bash
# trinnctl check validates content/tracking.json: a broken file is reported with the file and
# the place (line:col for bad JSON, the JSON path otherwise), a chart naming a module step that
# does not exist is caught against the modules, and a missing outcome text against the
# catalogs. The triage rules' settings refuse the retired planned_modules list.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
C=${TRINN_CONTENT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
fresh() { rm -rf "$tmp/pack"; cp -r "$C" "$tmp/pack"; }
broken() { # expects check to fail and stderr to hold the pattern $1
    if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted: $2"; fi
    grep -q "$1" "$tmp/err" || fail "$2 not reported as /$1/: $(cat "$tmp/err")"
    grep -q '"ok":false' "$tmp/out" || fail "no failed summary: $(cat "$tmp/out")"
}

"$T" check "$C" >"$tmp/out" 2>"$tmp/err" || fail "shipped pack: $(cat "$tmp/err")"
grep -q '"tracking":true' "$tmp/out" || fail "summary does not say tracking was checked: $(cat "$tmp/out")"

fresh # bad JSON: line and column
sed -i '5s/$/,,/' "$tmp/pack/tracking.json"
broken '^tracking.json:5:[0-9][0-9]*: ' "bad JSON in tracking.json"

fresh # a value out of range: the JSON path
sed -i '0,/"every_days": 7/s//"every_days": 0/' "$tmp/pack/tracking.json"
broken '^tracking.json: \$\.measures\.instruments\[0\]\.every_days: .*1 to 365' "every_days 0"

fresh # a typo in a key
sed -i 's/"occasion_window_hours"/"occasion_window_hour"/' "$tmp/pack/tracking.json"
broken '^tracking.json: \$\.outcome: .*occasion_window_hour' "an unknown key"

fresh # a chart of a module step that does not exist
sed -i '0,/"step": "diary"/s//"step": "dairy"/' "$tmp/pack/tracking.json"
broken "^tracking.json: \$\.module_series\[0\]: module 'behavioural_activation' has no step 'dairy'" \
    "a chart of a missing step"

fresh # an instrument the pack does not have
sed -i '0,/"instrument": "gad7"/s//"instrument": "gad8"/' "$tmp/pack/tracking.json"
broken "^tracking.json: \$: .*'gad8'" "an unknown instrument"

fresh # an outcome sentence missing (in every language, so only the tracking check sees it)
for l in nb nn en; do
    grep -v '"outcome.anxiety.rose_reliable"' "$C/i18n/$l/outcome.json" >"$tmp/pack/i18n/$l/outcome.json"
done
broken '^tracking.json: \$\.outcome: i18n/nn: the outcome text outcome.anxiety.rose_reliable is missing' \
    "a missing outcome text"

fresh # the retired planned_modules setting, and a misspelt module in a rule
sed -i -e 's/"risk_followups": \[[^]]*\]/&, "planned_modules": ["worry"]/' \
    -e '0,/"modules": \["understanding", "worry"/s//"modules": ["understanding", "wory"/' \
    "$tmp/pack/triage/rules.json"
broken '^triage/rules.json: \$\.settings: "planned_modules" is no longer read' "planned_modules"
grep -q "^triage/rules.json:[0-9]*:[0-9]*: \$\.focus_rules\[[0-9]*\]: module 'wory' does not exist" "$tmp/err" ||
    fail "a misspelt module not reported: $(cat "$tmp/err")"

fresh # no tracking.json: a pack without tracking is valid
rm "$tmp/pack/tracking.json"
"$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err" || fail "pack without tracking: $(cat "$tmp/err")"
grep -q '"tracking":false' "$tmp/out" || fail "summary: $(cat "$tmp/out")"
echo ok
