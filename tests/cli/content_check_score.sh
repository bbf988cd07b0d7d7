#!/usr/bin/env bash
# trinnctl check and score: exit codes and exact output on the shipped pack and broken input.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
C=${TRINN_CONTENT:?}
D=${TRINN_TESTDATA:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The shipped pack is clean: exit 0, a summary on stdout, and on stderr only the warning that
# this template names no team (issue 11 item 1): no text may then send a client to the team.
"$T" check "$C" >"$tmp/out" 2>"$tmp/err" || fail "check of the shipped pack failed: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "pack.json: \$.service: warning: the team's phone or opening hours are not set" "$tmp/err" \
    || fail "check of the template pack: $(cat "$tmp/err")"
grep -q '"team_contact":false' "$tmp/out" || fail "summary without team_contact: $(cat "$tmp/out")"
cp -RL "$C" "$tmp/team"
python3 - "$tmp/team/pack.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["service"]["phone"] = "55 12 34 56"
d["service"]["hours"] = {"nb": "hverdager 8–15", "nn": "kvardagar 8–15", "en": "weekdays 8–15"}
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
"$T" check "$tmp/team" >"$tmp/out" 2>"$tmp/err" || fail "check with a team: $(cat "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "check warned about a pack with the team's phone and hours: $(cat "$tmp/err")"
grep -q '"team_contact":true' "$tmp/out" || fail "summary: $(cat "$tmp/out")"
python3 - "$tmp/team/pack.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p)); d["service"]["hours"]["nn"] = ""
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
"$T" check "$tmp/team" >/dev/null 2>"$tmp/err" || fail "check with hours missing in nn failed"
grep -q "warning: the team's phone or opening hours" "$tmp/err" || fail "no warning without nn hours"
grep -q '"ok":true' "$tmp/out" || fail "no ok summary: $(cat "$tmp/out")"
"$T" --content "$C" check >/dev/null || fail "check via --content failed"

# A broken pack: non-zero exit, every problem as file:line:col: path: msg.
cp -r "$C" "$tmp/pack"
printf '{\n  "format": 1,\n  "id": "phq9",\n  oops\n}\n' >"$tmp/pack/instruments/gad7.json"
sed -i 's/"Spørsmål {n} av {total}"/"Spørsmål {n} av {antall}"/' "$tmp/pack/i18n/nb/core.json"
if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted a broken pack"; fi
grep -q '^instruments/gad7.json:4:[0-9]*: ' "$tmp/err" || fail "no line:col for the parse error: $(cat "$tmp/err")"
grep -q 'question.progress.*placeholders' "$tmp/err" || fail "placeholder mismatch not reported: $(cat "$tmp/err")"
grep -q '"ok":false' "$tmp/out" || fail "no failed summary"
[ "$(wc -l <"$tmp/err")" -ge 3 ] || fail "expected every problem, got: $(cat "$tmp/err")"
# issue 17: the information pages are part of the check (a pack without info.json is fine)
"$T" --content "$C" check 2>/dev/null | grep -q '"info_pages":2' || fail "the shipped info pages not counted"
cp -r "$C" "$tmp/pack2"
sed -i '0,/"dial": "116123"/s//"dial": "116 123"/' "$tmp/pack2/info.json"
if "$T" check "$tmp/pack2" >/dev/null 2>"$tmp/err"; then fail "check accepted a broken info.json"; fi
grep -q '^info.json: \$.pages\[0\].sections\[3\].contacts\[0\]: "dial" must hold only digits' "$tmp/err" ||
    fail "info.json problem not named: $(cat "$tmp/err")"
rm "$tmp/pack2/info.json"
"$T" check "$tmp/pack2" 2>/dev/null | grep -q '"info_pages":0' || fail "a pack without info.json must pass"
if "$T" check "$tmp/nonexistent" 2>"$tmp/err"; then fail "check accepted a missing folder"; fi
grep -q 'no pack.json' "$tmp/err" || fail "missing folder message: $(cat "$tmp/err")"

# score prints exactly the documented object.
out=$("$T" --content "$C" score phq9 --answers 1,2,3,0,1,2,0,0,1)
[ "$out" = '{"instrument":"phq9","total":10,"band":"moderate","caseness":true,"flags":["phq9_9"],"scorable":true}' ] \
    || fail "phq9 score: $out"
out=$("$T" --content "$C" score gad7 --answers 1,1,1,1,1,1,-)
[ "$out" = '{"instrument":"gad7","total":7,"band":"mild","caseness":false,"flags":[],"scorable":true}' ] \
    || fail "gad7 prorated score: $out"
out=$("$T" --content "$C" score phq9 --answers -,-,-,-,-,-,-,-,-)
[ "$out" = '{"instrument":"phq9","total":null,"band":null,"caseness":null,"flags":[],"scorable":false}' ] \
    || fail "all skipped: $out"
out=$("$T" --content "$C" score auditc --answers 2,1,2)
[ "$out" = '{"instrument":"auditc","total":5,"band":"increasing_risk","caseness":true,"flags":[],"scorable":true}' ] \
    || fail "auditc: $out"
# issue 11 item 7: sex-specific AUDIT-C cut-offs (women 3, men 4; other/unspecified/none: 3)
for sex in female other unspecified; do
    out=$("$T" --content "$C" score auditc --answers 1,1,1 --sex $sex)
    [ "$out" = '{"instrument":"auditc","total":3,"band":"borderline","caseness":true,"flags":[],"scorable":true}' ] \
        || fail "auditc $sex: $out"
done
out=$("$T" --content "$C" score auditc --answers 1,1,1 --sex male)
[ "$out" = '{"instrument":"auditc","total":3,"band":"borderline","caseness":false,"flags":[],"scorable":true}' ] \
    || fail "auditc male: $out"
out=$("$T" --content "$C" score auditc --answers 1,1,1)
grep -q '"caseness":true' <<<"$out" || fail "auditc without sex must use the lower cut-off: $out"
if "$T" --content "$C" score auditc --answers 1,1,1 --sex woman >/dev/null 2>"$tmp/err"; then fail "--sex woman accepted"; fi
grep -q "not an answer of the item 'sex'" "$tmp/err" || fail "--sex message: $(cat "$tmp/err")"
# issue 11 item 8: after "Never" the other two are skipped and scored 0
out=$("$T" --content "$C" score auditc --answers 0,-,-)
[ "$out" = '{"instrument":"auditc","total":0,"band":"lower_risk","caseness":false,"flags":[],"scorable":true}' ] \
    || fail "auditc abstainer: $out"
out=$("$T" --content "$C" score auditc --answers 2,-,1)
grep -q '"scorable":false' <<<"$out" || fail "a drinker's skipped item must stay missing: $out"
# issue 11 item 4: the full AUDIT, its first three items AUDIT-C's, WHO zones
out=$("$T" --content "$C" score audit --answers 4,4,4,3,3,4,3,3,2,4)
[ "$out" = '{"instrument":"audit","total":34,"band":"zone_4","caseness":true,"flags":[],"scorable":true}' ] \
    || fail "audit: $out"
out=$("$T" --content "$C" score audit --answers 0,-,-,-,-,-,-,-,0,0)
[ "$out" = '{"instrument":"audit","total":0,"band":"zone_1","caseness":false,"flags":[],"scorable":true}' ] \
    || fail "audit abstainer: $out"
out=$("$T" --content "$C" score audit --answers 2,1,1,1,0,0,0,0,2,0 --sex male)
grep -q '"total":7,"band":"zone_1","caseness":false' <<<"$out" || fail "audit male 7: $out"
out=$("$T" --content "$C" score audit --answers 2,1,1,1,0,0,0,0,2,0 --sex female)
grep -q '"total":7,"band":"zone_1","caseness":true' <<<"$out" || fail "audit female 7: $out"
# issue 17: the DUDIT (items 10-11 score 0, 2 or 4; drug-related problems women >= 2, men >= 6,
# other/unspecified/not given >= 2; probable dependence >= 25, any sex) and the Lie/Bet
for sex in female other unspecified; do
    out=$("$T" --content "$C" score dudit --answers 1,1,0,0,0,0,0,0,0,0,0 --sex $sex)
    [ "$out" = '{"instrument":"dudit","total":2,"band":"women_cutoff","caseness":true,"flags":[],"scorable":true}' ] \
        || fail "dudit $sex 2: $out"
done
out=$("$T" --content "$C" score dudit --answers 1,1,0,0,0,0,0,0,0,0,0 --sex male)
grep -q '"total":2,"band":"women_cutoff","caseness":false' <<<"$out" || fail "dudit male 2: $out"
out=$("$T" --content "$C" score dudit --answers 1,1,0,0,0,0,0,0,0,0,0)
grep -q '"caseness":true' <<<"$out" || fail "dudit without sex must use the lower cut-off: $out"
out=$("$T" --content "$C" score dudit --answers 2,1,2,1,0,0,0,0,0,0,0 --sex male)
grep -q '"total":6,"band":"drug_problems","caseness":true' <<<"$out" || fail "dudit male 6: $out"
out=$("$T" --content "$C" score dudit --answers 4,4,4,4,4,1,0,0,0,4,0 --sex male)
grep -q '"total":25,"band":"probable_dependence"' <<<"$out" || fail "dudit 25: $out"
out=$("$T" --content "$C" score dudit --answers 0,0,0,0,0,0,0,0,0,2,4)
grep -q '"total":6,' <<<"$out" || fail "dudit items 10-11: $out"
out=$("$T" --content "$C" score dudit --answers 4,4,-,4,4,4,4,4,4,4,4)
grep -q '"scorable":false' <<<"$out" || fail "dudit with a missing answer must not be scored: $out"
expect_dudit_3=$("$T" --content "$C" score dudit --answers 0,0,0,0,0,0,0,0,0,3,0 2>&1 >/dev/null || true)
grep -q "item 'dudit_10': 3 is not one of its options" <<<"$expect_dudit_3" || fail "dudit_10 = 3 accepted: $expect_dudit_3"
out=$("$T" --content "$C" score liebet --answers 1,0)
[ "$out" = '{"instrument":"liebet","total":1,"band":"positive","caseness":true,"flags":[],"scorable":true}' ] \
    || fail "liebet 1,0: $out"
out=$("$T" --content "$C" score liebet --answers 0,1)
grep -q '"caseness":true' <<<"$out" || fail "liebet 0,1: $out"
out=$("$T" --content "$C" score liebet --answers 0,0)
grep -q '"total":0,"band":"negative","caseness":false' <<<"$out" || fail "liebet 0,0: $out"

# Bad input: a clear message naming what and where, exit 1 (2 for usage).
expect_fail() {
    local want=$1; shift
    if "$T" --content "$C" score "$@" >"$tmp/out" 2>"$tmp/err"; then fail "score $* succeeded"; fi
    grep -q -- "$want" "$tmp/err" || fail "score $*: expected '$want' in: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "score $* printed a result"
}
expect_fail "unknown instrument 'nosuch'" nosuch --answers 1
expect_fail "not 2" phq9 --answers 1,2
expect_fail "not 11" phq9 --answers 0,0,0,0,0,0,0,0,0,0,0
expect_fail "answer 9: item 'phq9_9': 4 is not one of its options" phq9 --answers 0,0,0,0,0,0,0,0,4
expect_fail "answer 2: item 'gad7_2': \"x\"" gad7 --answers 0,x,0,0,0,0,0
expect_fail "answer 1: item 'phq9_1': -1" phq9 --answers -1,0,0,0,0,0,0,0,0
expect_fail "usage" phq9
expect_fail "questionnaire without a score" intake --answers 1
echo ok
