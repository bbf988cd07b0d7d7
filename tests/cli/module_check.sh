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

# A pack without a modules folder is still a valid pack.
rm -rf "$tmp/pack/modules"
"$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err" || fail "pack without modules: $(cat "$tmp/err")"
grep -q '"modules":0' "$tmp/out" || fail "no modules count 0: $(cat "$tmp/out")"
echo ok
