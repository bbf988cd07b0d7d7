#!/usr/bin/env bash
# content/fhir is checked against the instruments by trinnctl check (and by every export): a
# Questionnaire that lost an item or an option, or a mapping naming an unknown item, is refused
# with the file and JSON path; so is a reference figure of content/stats.json that is no
# fraction.
set -u
ctl="$TRINN_BIN/trinnctl"
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$ctl" check "$src/content" >/dev/null 2>"$work/err" || fail "shipped pack: $(cat "$work/err")"

# broken COPYNAME SED-EXPRESSION FILE EXPECTED: a copy of the pack with FILE edited must fail
broken() {
    rm -rf "$work/$1" && cp -r "$src/content" "$work/$1"
    sed -i "$2" "$work/$1/fhir/$3"
    "$ctl" check "$work/$1" >/dev/null 2>"$work/err"
    [ $? -eq 1 ] || fail "$1: check passed"
    grep -qF "$4" "$work/err" || fail "$1: expected '$4' in: $(cat "$work/err")"
}
broken item 's/"linkId": "44260-8"/"linkId": "44260-9"/' Questionnaire-phq9.json \
    'Questionnaire-phq9.json: $.item[linkId=44260-8]: missing'
broken option 's/"valueDecimal": 3/"valueDecimal": 4/' Questionnaire-gad7.json \
    'no answerOption with ordinalValue 3'
broken mapping 's/"phq9_9": "44260-8"/"phq9_9": "44260-8", "phq9_99": "x"/' export.json \
    'link_ids.phq9_99: the instrument has no item of that id'
broken total 's/"total_link_id": "70274-6"/"total_link_id": "70274-7"/' export.json \
    'missing: the total item named by total_link_id'

# the reference figures of the statistics (content/stats.json)
rm -rf "$work/ref" && cp -r "$src/content" "$work/ref"
sed -i 's/"value": 0.45/"value": 45/' "$work/ref/stats.json"
"$ctl" check "$work/ref" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -qF 'stats.json: $.reference[0].value: expected a fraction 0-1' "$work/err" ||
    fail "stats.json: $(cat "$work/err")"

[ $fails -eq 0 ] && echo "fhir_content: all passed"
exit $((fails > 0))
