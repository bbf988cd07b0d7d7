#!/usr/bin/env bash
# trinnctl fhir export: an example journal and random ones (written here with trinnctl journal,
# cheap key-derivation costs) exported and checked by three validators and Trinn's rules
# (tests/fhir/validate.js), and six deliberately broken exports each caught by the validator
# meant to catch it. Needs tests/fhir/node_modules (test.sh installs it with npm ci); without it
# the test is skipped (exit 77), unless TRINN_REQUIRE_NODE=1 (test.sh sets it).
source "$(dirname "$0")/fhir_lib.sh"


# The example: an assessment with AUDIT-C, a prorated PHQ-9 (one item skipped), a GAD-7 that
# is not scorable, sessions and check-ins that stay out of the export, and an assessment with
# PHQ-9 answers but only a PHQ-2 score (the response without a total, and its care level).
cat >"$work/example.jsonl" <<'JSON'
{"type":"settings","ts":"2026-01-04T09:00:00Z","lang":"nb","theme":"standard"}
{"type":"assessment","ts":"2026-01-05T09:00:00Z","answers":{"phq9":{"phq9_1":2,"phq9_2":2,"phq9_3":2,"phq9_4":2,"phq9_5":2,"phq9_6":2,"phq9_7":2,"phq9_8":1,"phq9_9":1,"phq9_difficulty":"very"},"gad7":{"gad7_1":2,"gad7_2":2,"gad7_3":2,"gad7_4":2,"gad7_5":2,"gad7_6":1,"gad7_7":1},"auditc":{"auditc_1":2,"auditc_2":1,"auditc_3":1}},"scores":{"phq9":{"total":16,"band":"moderately_severe","caseness":true,"scorable":true},"gad7":{"total":12,"band":"moderate","caseness":true,"scorable":true},"auditc":{"total":4,"band":"lower_risk","caseness":null,"scorable":true}},"risk":"elevated","recommended":"individual","alternatives":["course"],"reasons":[],"chosen":"course","modules":[]}
{"type":"session","ts":"2026-01-05T10:00:00Z","attended":true,"note":"first"}
{"type":"measure","ts":"2026-02-02T09:00:00Z","instrument":"phq9","answers":{"phq9_1":1,"phq9_2":1,"phq9_3":1,"phq9_4":1,"phq9_5":1,"phq9_6":1,"phq9_7":1,"phq9_8":0},"total":8,"band":"mild","caseness":false,"scorable":true}
{"type":"measure","ts":"2026-02-02T09:03:00Z","instrument":"gad7","answers":{"gad7_1":1,"gad7_2":1,"gad7_3":1,"gad7_4":1,"gad7_5":1,"gad7_6":1,"gad7_7":0,"gad7_difficulty":"somewhat"},"total":6,"band":"mild","caseness":false,"scorable":true}
{"type":"checkin","ts":"2026-02-03T08:00:00Z","mood":6,"sleep_hours":7,"note":"private words"}
{"type":"measure","ts":"2026-02-09T09:03:00Z","instrument":"gad7","answers":{"gad7_1":1},"total":null,"band":null,"caseness":null,"scorable":false}
{"type":"measure","ts":"2026-02-16T09:00:00Z","instrument":"dudit","answers":{"dudit_1":1,"dudit_2":1,"dudit_3":0,"dudit_4":0,"dudit_5":0,"dudit_6":0,"dudit_7":0,"dudit_8":0,"dudit_9":0,"dudit_10":2,"dudit_11":0},"total":4,"band":"women_cutoff","caseness":true,"scorable":true}
{"type":"measure","ts":"2026-02-16T09:05:00Z","instrument":"liebet","answers":{"liebet_1":1,"liebet_2":0},"total":1,"band":"positive","caseness":true,"scorable":true}
{"type":"assessment","ts":"2026-03-02T09:00:00Z","answers":{"phq9":{"phq9_1":1,"phq9_2":0}},"scores":{"phq2":{"total":1,"band":"negative","caseness":false,"scorable":true}},"risk":"none","recommended":"self_help","alternatives":[],"reasons":[],"chosen":"self_help","modules":[]}
JSON
make_journal example "$work/example.jsonl"
out=$("$ctl" fhir export "$work/example.trinn" --passphrase-file "$work/pass" --out "$work/x1" \
    --team "RPH Bergen sentrum" --municipality "Bergen kommune" 2>"$work/err") ||
    fail "export: $(cat "$work/err")"
case "$out" in
*'"resources":{"QuestionnaireResponse":9,"Observation":9,"Organization":2},"skipped":0,"sealed":null}') ;;
*) fail "export summary: $out" ;;
esac
grep -q "health data in clear text" "$work/err" || fail "the export must say it is in clear text"
# (under wine, which keeps no access lists, only the native build's modes can be checked)
if [ -z "${TRINN_EMULATOR:-}" ]; then
    for f in bundle.json QuestionnaireResponse.ndjson Observation.ndjson Organization.ndjson; do
        [ "$(stat -c %a "$work/x1/$f")" = 600 ] || fail "$f is not mode 0600"
    done
fi
[ ! -e "$work/x1/Patient.ndjson" ] || fail "no Patient resource: the client is a pseudonym only"
grep -q "private words" "$work/x1"/* && fail "a check-in note leaked into the export"
grep -q '"linkId":"44260-8"' "$work/x1/QuestionnaireResponse.ndjson" || fail "PHQ-9 item 9 linkId"
# DUDIT and Lie/Bet (issue 17): their responses, totals and bands as the other instruments'
grep -q '"questionnaire":"urn:trinn:fhir:Questionnaire:dudit|1.0"' "$work/x1/QuestionnaireResponse.ndjson" ||
    fail "no DUDIT response"
grep -q '"linkId":"dudit_10","text":"[^"]*","answer":\[{"valueCoding":{"system":"urn:trinn:fhir:CodeSystem:dudit-hurt","code":"2"' \
    "$work/x1/QuestionnaireResponse.ndjson" || fail "DUDIT item 10 (scored 0, 2 or 4)"
grep -q '"code":"dudit-total".*"value":4.*"code":"women_cutoff"' "$work/x1/Observation.ndjson" ||
    fail "DUDIT total observation"
grep -q '"code":"liebet-total".*"value":1.*"code":"positive"' "$work/x1/Observation.ndjson" ||
    fail "Lie/Bet total observation"
# the same journal gives the same pseudonym and ids; a folder with an export is refused
"$ctl" fhir export "$work/example.trinn" --passphrase-file "$work/pass" --out "$work/x2" \
    >"$work/out2" 2>/dev/null || fail "second export"
cmp -s "$work/x1/Observation.ndjson" "$work/x2/Observation.ndjson" &&
    fail "without the team the observations should differ (no performer)"
grep -o '"pseudonym":"[0-9a-f]*"' "$work/out2" | grep -qF "$(echo "$out" | grep -o '"pseudonym":"[0-9a-f]*"')" ||
    fail "the pseudonym must be stable across exports"
"$ctl" fhir export "$work/example.trinn" --passphrase-file "$work/pass" --out "$work/x2" \
    >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "exists already" "$work/err" || fail "an existing export must be refused"
"$ctl" fhir export "$work/example.trinn" --out "$work/x3" --passphrase-file "$work/pass" \
    --municipality "Bergen kommune" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "name the team" "$work/err" || fail "a municipality without a team"
"$ctl" fhir export "$work/example.trinn" >/dev/null 2>&1
[ $? -eq 2 ] || fail "no --out is a usage error"

# --seal CARD: a card that is no valid team card is refused before anything is written (the
# sealing itself: tests/unit/test_fhir_seal.c, opened with the team's key).
printf '{"format":"trinn-team-card"}\n' >"$work/badcard.json"
"$ctl" fhir export "$work/example.trinn" --passphrase-file "$work/pass" --out "$work/xb" \
    --seal "$work/badcard.json" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "badcard.json" "$work/err" && [ ! -e "$work/xb" ] ||
    fail "a bad card must be refused before anything is written: $(cat "$work/err")"

# Random journals, seeded (the seeds are printed so a failure can be replayed).
seed=${FHIR_SEED:-$(date +%s)}
echo "random journals from seed $seed"
dirs=("$work/x1" "$work/x2")
for k in 1 2 3 4 5 6 7 8; do
    node "$fx/gen_journal.js" --content "$src/content" --seed $((seed + k)) >"$work/r$k.jsonl"
    make_journal "r$k" "$work/r$k.jsonl"
    team=()
    [ $((k % 2)) = 0 ] && team=(--team "Team $k" --municipality "Kommune $((k % 3))")
    "$ctl" fhir export "$work/r$k.trinn" --passphrase-file "$work/pass" --out "$work/rx$k" \
        "${team[@]}" >"$work/rout" 2>"$work/err" || fail "export r$k: $(cat "$work/err")"
    grep -q '"skipped":0,' "$work/rout" || fail "r$k (seed $((seed + k))): skipped records: $(cat "$work/rout")"
    dirs+=("$work/rx$k")
done
# Broken exports: each is caught, by the validator meant to catch it. One validator run for
# all (loading the validators is most of its time).
kinds="status unexpected obs7 bdl7 sum loinc"
for kind in $kinds; do
    node "$fx/break.js" "$work/x1" "$work/broken-$kind" "$kind" >"$work/by-$kind"
    dirs+=("$work/broken-$kind")
done
node "$fx/validate.js" --content "$src/content" "${dirs[@]}" >"$work/v" 2>&1
[ $? -eq 1 ] || fail "the validator passed broken exports: $(cat "$work/v")"
if grep -v "/broken-" "$work/v"; then fail "good exports failed validation (seed $seed)"; fi
for kind in $kinds; do
    grep -q "/broken-$kind: $(cat "$work/by-$kind"): " "$work/v" ||
        fail "broken export '$kind' not caught by $(cat "$work/by-$kind"): $(grep "broken-$kind" "$work/v")"
done

[ $fails -eq 0 ] && echo "fhir_export: all passed"
exit $((fails > 0))
