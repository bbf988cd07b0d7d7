#!/usr/bin/env bash
# The medication log, the side-effect check, the wish for help without medication and the
# feedback in the FHIR export (issue 17): a journal with two medicines (one changed, one
# stopped), two side-effect checks, a wish and three feedbacks (one asking to change therapist,
# one after a module) is exported with trinnctl fhir export; each medicine is one FHIR R4
# MedicationStatement as the log says now (the client's words uncoded, the dose now, since /
# prescriber / each change as notes), each check and feedback a QuestionnaireResponse to our
# forms (content/fhir/Questionnaire-side-effects.json, -feedback.json) with only the answered
# items, the wish an Observation; the export passes tests/fhir/validate.js (fhir.js, the R4 JSON
# schema, fhirpath invariants and Trinn's rules). Records that do not fit (a change to a medicine
# never added, an unknown effect, a rating off the feedback's scale, an unknown wish) are skipped
# and counted, and exports broken by hand (tests/fhir/break.js) are caught by the validator meant
# to catch them. Needs tests/fhir/node_modules; without it the test is skipped (exit 77), unless
# TRINN_REQUIRE_NODE=1.
source "$(dirname "$0")/fhir_lib.sh"
cat >"$work/meds.jsonl" <<'JSON'
{"type":"medication","ts":"2026-01-05T09:00:00Z","med":"med1","op":"add","name":"Sertralin","dose":"50 mg om morgenen","since":"mars 2025","prescriber":"fastlegen"}
{"type":"medication","ts":"2026-01-06T09:00:00Z","med":"med2","op":"add","name":"Zopiklon"}
{"type":"medication_wish","ts":"2026-01-06T09:05:00Z","wish":"unsure"}
{"type":"medication","ts":"2026-02-01T09:00:00Z","med":"med1","op":"change","date":"1. februar","dose":"100 mg","note":"legen økte dosen","stopped":false}
{"type":"medication","ts":"2026-02-10T09:00:00Z","med":"med2","op":"change","stopped":true}
{"type":"medication","ts":"2026-02-10T09:01:00Z","med":"med9","op":"change","stopped":true}
{"type":"side_effects","ts":"2026-02-11T09:00:00Z","ratings":{"nausea":"mild","sexual":"bothersome","dizzy":"none"},"note":"verst om morgenen"}
{"type":"side_effects","ts":"2026-02-12T09:00:00Z","ratings":{"hiccups":"mild"}}
{"type":"side_effects","ts":"2026-03-01T09:00:00Z","ratings":{"nausea":"none","drowsy":"severe"}}
{"type":"medication_wish","ts":"2026-02-13T09:00:00Z","wish":"without"}
{"type":"medication_wish","ts":"2026-02-13T09:01:00Z","wish":"never"}
{"type":"feedback","ts":"2026-02-14T09:00:00Z","after":"contact","ratings":{"heard":3,"mattered":2},"note":"fint","change_therapist":true}
{"type":"feedback","ts":"2026-02-15T09:00:00Z","after":"module","module":"sleep","ratings":{"approach":4}}
{"type":"feedback","ts":"2026-02-16T09:00:00Z","after":"contact","ratings":{"heard":9}}
{"type":"feedback","ts":"2026-02-17T09:00:00Z","after":"contact","ratings":{"heard":0,"mattered":0,"approach":0}}
JSON
make_journal m "$work/meds.jsonl"
out=$("$ctl" fhir export "$work/m.trinn" --passphrase-file "$work/pass" --out "$work/x" \
    --team "RPH Bergen sentrum" 2>"$work/err") || fail "export: $(cat "$work/err")"
# 2 side-effect checks + 3 feedbacks; 2 wishes; 2 medicines; skipped: the change to med9, the
# effect "hiccups", the wish "never", the feedback answer 9
case "$out" in
*'"resources":{"QuestionnaireResponse":5,"Observation":2,"Organization":1,"MedicationStatement":2},"skipped":4,'*) ;;
*) fail "export summary: $out" ;;
esac
[ -s "$work/x/MedicationStatement.ndjson" ] || fail "no MedicationStatement.ndjson"
python3 - "$work/x" <<'PY' || fail "the resources are not as the records say"
import json, sys
d = sys.argv[1]
meds = {m["id"].split("-")[-1]: m for m in map(json.loads, open(d + "/MedicationStatement.ndjson"))}
m1, m2 = meds["med1"], meds["med2"]
assert m1["status"] == "active" and m1["medicationCodeableConcept"] == {"text": "Sertralin"}, m1
assert m1["dosage"] == [{"text": "100 mg"}] and m1["dateAsserted"] == "2026-01-05T09:00:00Z", m1
notes = [n["text"] for n in m1["note"]]
assert len(notes) == 3 and "mars 2025" in notes[0] and "fastlegen" in notes[1], notes
assert "1. februar" in notes[2] and "100 mg" in notes[2] and "legen økte dosen" in notes[2], notes
assert m1["note"][2]["time"] == "2026-02-01T09:00:00Z", m1["note"]
assert m1["subject"] == m1["informationSource"] and "identifier" in m1["subject"], m1
assert m2["status"] == "stopped" and "dosage" not in m2 and len(m2["note"]) == 1, m2
qrs = [json.loads(l) for l in open(d + "/QuestionnaireResponse.ndjson")]
se = [q for q in qrs if q["questionnaire"] == "urn:trinn:fhir:Questionnaire:side-effects|1.0"]
fb = [q for q in qrs if q["questionnaire"] == "urn:trinn:fhir:Questionnaire:feedback|1.0"]
assert len(se) == 2 and len(fb) == 3, qrs
links = lambda q: [i["linkId"] for i in q["item"]]
code = lambda q, l: [i for i in q["item"] if i["linkId"] == l][0]["answer"][0]
assert links(se[0]) == ["nausea", "sexual", "dizzy", "note"], links(se[0])
assert code(se[0], "sexual")["valueCoding"]["code"] == "bothersome"
assert links(se[1]) == ["nausea", "drowsy"] and code(se[1], "drowsy")["valueCoding"]["code"] == "severe"
assert links(fb[0]) == ["after", "heard", "mattered", "note", "change_therapist"], links(fb[0])
assert code(fb[0], "change_therapist") == {"valueBoolean": True}
assert links(fb[1]) == ["after", "module", "approach"] and code(fb[1], "module") == {"valueString": "sleep"}
assert code(fb[2], "heard")["valueCoding"]["code"] == "0", fb[2]
obs = [json.loads(l) for l in open(d + "/Observation.ndjson")]
wishes = [o["valueCodeableConcept"]["coding"][0]["code"] for o in obs if o["code"]["coding"][0]["code"] == "medication-free-wish"]
assert wishes == ["unsure", "without"], wishes
PY
# the validators, and exports broken by hand
node "$fx/validate.js" --content "$src/content" "$work/x" >"$work/v" 2>&1 || fail "validate: $(cat "$work/v")"
kinds="medstatus medcoded effect module"
dirs=()
for kind in $kinds; do
    node "$fx/break.js" "$work/x" "$work/broken-$kind" "$kind" >"$work/by-$kind"
    dirs+=("$work/broken-$kind")
done
node "$fx/validate.js" --content "$src/content" "${dirs[@]}" >"$work/v" 2>&1
[ $? -eq 1 ] || fail "the validator passed broken exports: $(cat "$work/v")"
for kind in $kinds; do
    grep -q "/broken-$kind: $(cat "$work/by-$kind"): " "$work/v" ||
        fail "broken export '$kind' not caught by $(cat "$work/by-$kind"): $(grep "broken-$kind" "$work/v")"
done
[ "$fails" = 0 ] && echo "medication, side effects, wish and feedback in the FHIR export: ok"
exit $((fails > 0))
