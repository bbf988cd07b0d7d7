#!/usr/bin/env bash
# What the team needs to plan the first conversation reaches it (issue 17: the intake asks about
# an interpreter and the language, the medication and the wish for help without it): a client's
# assessment with those intake answers, shared in a report, puts each of them in the note for
# the patient record (report open --summary) in the therapist's language, as the content pack's
# "for_team" labels and the answers' own labels; answers the pack does not mark (the age band)
# and an answer that is no option stay out of the note.
source "$(dirname "$0")/care_lib.sh"
team_and_client
echo '{"type":"assessment","ts":"2026-12-02T10:00:00Z","answers":{"intake":{"age_band":"25_34","medication":"yes","medication_free_wish":"yes","interpreter":"yes","interpreter_language":"somali","help_preferences":["course","nosuch"]}},"scores":{},"risk":"none","recommended":"self_help","alternatives":[],"reasons":["interpreter"],"chosen":"self_help","modules":[],"ask":[],"content_version":"1"}' |
    "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share assessment --out A.trinn-rapport >/dev/null 2>err || fail "report: $(cat err)"
"$T" --data-dir "$D" report open A.trinn-rapport --profile Kari --passphrase-file F \
    --summary >nb.txt 2>err || fail "report open --summary: $(cat err)"
for want in "Trenger tolk: Ja" "Tolk på språket: Somali" "Bruker medisiner for psykiske plager nå: Ja" \
    "Ønsker helst hjelp uten medisiner: Ja"; do
    grep -qF "$want" nb.txt || fail "the note lacks '$want': $(cat nb.txt)"
done
grep -q "Hjelp som kan passe" nb.txt && fail "an answer with an unknown option was said: $(cat nb.txt)"
grep -q "25–34" nb.txt && fail "the age band is in the note: $(cat nb.txt)"
# a second report, opened by a therapist who works in English
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share assessment --out B.trinn-rapport >/dev/null 2>err || fail "report B: $(cat err)"
"$T" --data-dir "$D" --lang en report open B.trinn-rapport --profile Kari --passphrase-file F \
    --summary >en.txt 2>err || fail "report open --summary (en): $(cat err)"
for want in "Needs an interpreter: Yes" "Interpreter for the language: Somali" \
    "Would rather have help without medication: Yes"; do
    grep -qF "$want" en.txt || fail "the English note lacks '$want': $(cat en.txt)"
done
# the kartlegging line comes first, the facts under it
[ "$(grep -n "kartlegging" nb.txt | head -1 | cut -d: -f1)" -lt "$(grep -n "Trenger tolk" nb.txt | cut -d: -f1)" ] ||
    fail "the facts come before their assessment: $(cat nb.txt)"
echo "team facts: ok"
