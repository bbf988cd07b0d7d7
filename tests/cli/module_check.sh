#!/usr/bin/env bash
# trinnctl check validates the guided self-help modules: the shipped ones are clean, and a
# broken module is reported with its file, JSON path and, for bad JSON, line:col.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
C=${TRINN_CONTENT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$T" check "$C" >"$tmp/out" 2>"$tmp/err" || fail "shipped pack: $(cat "$tmp/err")"
n=$(ls "$C"/modules/*.json | wc -l)
grep -q "\"modules\":$n" "$tmp/out" || fail "summary does not count $n modules: $(cat "$tmp/out")"

# A module with a missing translation and a field ref to nothing, and one with bad JSON.
cp -r "$C" "$tmp/pack"
sed -i -e '/"nn": "Kva er bekymring?",/d' -e 's/^\( *\)"anxiety_before"$/\1"anxiety_before", "nothing"/' \
    "$tmp/pack/modules/worry.json"
printf '{\n  "format": 1,\n  "id": "x",,\n}\n' >"$tmp/pack/modules/bad.json"
if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted broken modules"; fi
grep -q '^modules/worry.json: \$\.steps\[0\]\.title: the nn text is missing' "$tmp/err" ||
    fail "missing translation not reported: $(cat "$tmp/err")"
grep -q '^modules/worry.json: \$\.steps\[3\]\.pages\[1\]\.show: "nothing" names no field' "$tmp/err" ||
    fail "bad field ref not reported: $(cat "$tmp/err")"
grep -q '^modules/bad.json:3:[0-9]*: ' "$tmp/err" || fail "no line:col for bad JSON: $(cat "$tmp/err")"
grep -q '"ok":false' "$tmp/out" || fail "no failed summary: $(cat "$tmp/out")"

# Without the modules folder, the triage rules and tracking.json name modules that do not
# exist: both are reported with their place.
rm -rf "$tmp/pack/modules"
if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted missing modules"; fi
grep -q "^triage/rules.json:[0-9]*:[0-9]*: \$\.focus_rules\[[0-9]*\]: module 'worry' does not exist" "$tmp/err" ||
    fail "a rule's missing module not reported: $(cat "$tmp/err")"
grep -q "^tracking.json: \$\.module_series\[0\]: .*behavioural_activation" "$tmp/err" ||
    fail "tracking's missing module not reported: $(cat "$tmp/err")"

# A pack without modules, module rules and module charts is still a valid pack.
python3 - "$tmp/pack" <<'PY'
import json, sys
d = sys.argv[1]
rules = json.load(open(d + "/triage/rules.json"))
for r in rules["focus_rules"]:
    r["modules"] = []
json.dump(rules, open(d + "/triage/rules.json", "w"))
tracking = json.load(open(d + "/tracking.json"))
tracking.pop("module_series", None)
json.dump(tracking, open(d + "/tracking.json", "w"))
PY
"$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err" || fail "pack without modules: $(cat "$tmp/err")"
grep -q '"modules":0' "$tmp/out" || fail "no modules count 0: $(cat "$tmp/out")"
echo ok
