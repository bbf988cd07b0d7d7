#!/usr/bin/env bash
# Feedback on the help and the wish to change therapist in the care loop (issue 17): trinnctl
# check refuses a broken content/feedback.json by its path; a client's feedback records go into
# a report only when the client shares feedback, but a wish to change therapist goes into every
# report (the client made it to reach the team) and report open lists it under "requests" right
# after the risks; the note for the patient record says it before the shared records and gives
# each feedback in words.
source "$(dirname "$0")/care_lib.sh"
C=${TRINN_CONTENT:?}

# the check: the shipped file passes, a scale answer out of order is named with its path
cp -r "$C" pack
"$T" check pack >/dev/null 2>err || fail "check of the shipped pack: $(cat err)"
python3 - <<'PY'
import json
p = "pack/feedback.json"
d = json.load(open(p))
d["scale"][2]["value"] = 9
del d["items"][1]["text"]["en"]
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
if "$T" check pack >out 2>err; then fail "check accepted a broken feedback.json"; fi
grep -q 'feedback.json.*\$.scale\[2\].*"value" must be 2' out err || fail "scale not named: $(cat out err)"
grep -q 'feedback.json.*\$.items\[1\].text' out err || fail "missing text not named: $(cat out err)"

team_and_client

add() { echo "$1" | "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null; }
add '{"type":"measure","ts":"2026-12-01T20:00:00Z","instrument":"gad7","answers":{"gad7_1":1},"total":1}'
add '{"type":"feedback","ts":"2026-12-02T20:00:00Z","after":"contact","ratings":{"heard":3,"mattered":2,"approach":1},"note":"Litt for raskt"}'
add '{"type":"feedback","ts":"2026-12-03T20:00:00Z","after":"contact","ratings":{},"change_therapist":true}'

# measures only: the wish goes along, the other feedback does not
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share measures --out Y1.trinn-rapport >out 2>err || fail "report create: $(cat err)"
ropen() { "$T" --data-dir "$D" report open "$1" --profile Kari --passphrase-file F "${@:2}"; }
ropen Y1.trinn-rapport >out 2>err || fail "report open: $(cat err)"
python3 - <<'PY' || fail "report open output: $(cat out)"
import json
r = json.load(open("out"))
assert list(r)[:2] == ["risk", "requests"], list(r)
assert r["requests"] == [{"ts": "2026-12-03T20:00:00Z", "request": "change_therapist"}], r["requests"]
recs = r["report_payload"]["records"]
fb = [x for x in recs if x["type"] == "feedback"]
assert len(fb) == 1 and fb[0]["change_therapist"] is True, fb
assert "Litt for raskt" not in json.dumps(r)
assert "feedback" not in r["report_payload"]["shared"]
PY

# feedback shared: both feedbacks, in words in the note for the patient record
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share feedback --out Y2.trinn-rapport >/dev/null 2>err || fail "second report: $(cat err)"
ropen Y2.trinn-rapport --summary >note.txt 2>err || fail "report open --summary: $(cat err)"
for want in "valgte å dele: tilbakemeldinger" "ØNSKE FRA KLIENTEN:" \
    "- 2026-12-03: klienten ønsker å bytte behandler" \
    "- 2026-12-02 tilbakemelding på hjelpen: Hørt: Mye; Det som er viktig: Noe; Måten å jobbe på: Lite. Kommentar: «Litt for raskt»"; do
    grep -qF -- "$want" note.txt || fail "the note lacks '$want': $(cat note.txt)"
done
[ "$(grep -n "ØNSKE" note.txt | cut -d: -f1)" -lt "$(grep -n "Delte svar" note.txt | cut -d: -f1)" ] ||
    fail "the wish does not come before the records: $(cat note.txt)"
echo "feedback report: ok"
