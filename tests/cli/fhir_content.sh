#!/usr/bin/env bash
# content/fhir is checked against the instruments by trinnctl check (and by every export): a
# Questionnaire that lost an item or an option, or a mapping naming an unknown item, is refused
# with the file and JSON path; so is a form (the side-effect check, the feedback) that lacks an
# effect, a question or an answer of medication.json / feedback.json or has one they lack, and a
# reference figure of content/stats.json that is no fraction.
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

# The forms of the side-effect check and the feedback (issue 17) against medication.json and
# feedback.json: edit COPYNAME PYTHON-EXPRESSION FILE EXPECTED edits FILE (parsed as j) in a
# copy of the pack, which check must refuse naming the file and path.
edit() {
    rm -rf "$work/$1" && cp -r "$src/content" "$work/$1"
    python3 - "$work/$1/$3" "$2" <<'PY'
import json, sys
p, expr = sys.argv[1], sys.argv[2]
j = json.load(open(p))
exec(expr)
json.dump(j, open(p, "w"), ensure_ascii=False)
PY
    "$ctl" check "$work/$1" >/dev/null 2>"$work/err"
    [ $? -eq 1 ] || fail "$1: check passed"
    grep -qF "$4" "$work/err" || fail "$1: expected '$4' in: $(cat "$work/err")"
}
edit lacks-effect 'j["item"] = [i for i in j["item"] if i["linkId"] != "dizzy"]' \
    fhir/Questionnaire-side-effects.json \
    'Questionnaire-side-effects.json: $.item[linkId=dizzy]: missing: medication.json has this question'
edit new-effect 'j["effects"].append({"id": "hiccups", "classes": ["antidepressant"], "text": {"nb": "Hikke", "nn": "Hikke", "en": "Hiccups"}})' \
    medication.json 'Questionnaire-side-effects.json: $.item[linkId=hiccups]: missing'
edit lacks-rating 'j["item"][0]["answerOption"].pop()' fhir/Questionnaire-side-effects.json \
    'Questionnaire-side-effects.json: $.item[linkId=nausea].answerOption: no answerOption with code "severe"'
edit extra-answer 'j["item"][2]["answerOption"].append({"valueCoding": {"system": "urn:trinn:fhir:CodeSystem:feedback-scale", "code": "5", "display": "Very"}})' \
    fhir/Questionnaire-feedback.json \
    'Questionnaire-feedback.json: $.item[linkId=heard].answerOption: "5" is no answer of feedback.json'
edit extra-question 'j["item"].insert(3, dict(j["item"][2], linkId="liked"))' \
    fhir/Questionnaire-feedback.json \
    'Questionnaire-feedback.json: $.item[linkId=liked]: feedback.json has no question of that id'
edit no-change 'j["item"] = [i for i in j["item"] if i["linkId"] != "change_therapist"]' \
    fhir/Questionnaire-feedback.json 'the feedback needs the items "after", "module" and "change_therapist"'

# the reference figures of the statistics (content/stats.json)
rm -rf "$work/ref" && cp -r "$src/content" "$work/ref"
sed -i 's/"value": 0.45/"value": 45/' "$work/ref/stats.json"
"$ctl" check "$work/ref" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -qF 'stats.json: $.reference[0].value: expected a fraction 0-1' "$work/err" ||
    fail "stats.json: $(cat "$work/err")"

[ $fails -eq 0 ] && echo "fhir_content: all passed"
exit $((fails > 0))
