#!/usr/bin/env bash
# trinnctl triage FILE: the result JSON for typical answers, and clear failures on bad input.
set -euo pipefail
ctl="$TRINN_BIN/trinnctl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps(d$1))"; }

cat >"$tmp/moderate.json" <<'J'
{"answers": {"phq9": [2, 2, 1, 1, 1, 1, 1, 1, 0, "somewhat"], "gad7": [1, 1, 1, 1, 1, 1, 1],
             "auditc": [1, 1, 0],
             "intake": {"age_band": 25, "duration": "1_6_months", "main_troubles": ["low_mood"]}}}
J
out=$("$ctl" --lang en triage "$tmp/moderate.json")
[ "$(field '["risk"]' <<<"$out")" = '"none"' ] || fail "risk: $out"
[ "$(field '["level"]' <<<"$out")" = '"guided_self_help"' ] || fail "level: $out"
[ "$(field '["alternatives"]' <<<"$out")" = '["course", "individual"]' ] || fail "alts: $out"
[ "$(field '["scores"]["phq9"]["total"]' <<<"$out")" = '10' ] || fail "score: $out"
field '["reasons"][0]["text"]' <<<"$out" | grep -q "PHQ-9 score is 10" || fail "reason: $out"
field '["modules"]' <<<"$out" | grep -q behavioural_activation || fail "modules: $out"

# stdin, item 9 above 0 with the follow-ups skipped: acute, crisis contacts, help now first and
# one-to-one contact afterwards as the choice (issue 11: at acute risk too a person is offered)
out=$(echo '{"answers": {"phq9": {"phq9_9": 1}}}' | "$ctl" triage -)
[ "$(field '["risk"]' <<<"$out")" = '"acute"' ] || fail "acute: $out"
[ "$(field '["level"]' <<<"$out")" = '"acute"' ] || fail "acute level: $out"
[ "$(field '["alternatives"]' <<<"$out")" = '["individual"]' ] || fail "acute alternatives: $out"
field '["crisis"]' <<<"$out" | grep -q emergency || fail "crisis: $out"
field '["next"]' <<<"$out" | grep -q "113" || fail "acute next: $out"

# Elevated risk with mild scores (issue 11 items 1, 2): same-day help, no promise of contact,
# one-to-one among the choices; with the team's phone and hours, the team first.
cat >"$tmp/elevated.json" <<'J'
{"answers": {"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 1], "gad7": [0, 0, 0, 0, 0, 0, 0],
             "intake": {"age_band": 25}, "risk": {"risk_plans": "unsure", "risk_intent": "no", "risk_safe": "yes"}}}
J
for lang in nb nn en; do
    out=$("$ctl" --lang $lang triage "$tmp/elevated.json")
    [ "$(field '["risk"]' <<<"$out")" = '"elevated"' ] || fail "elevated: $out"
    field '["alternatives"]' <<<"$out" | grep -q individual || fail "no one-to-one at risk: $out"
    field '["next"]' <<<"$out" | grep -q "116 117" || fail "next without legevakt ($lang): $out"
    if grep -q "tar kontakt med deg\|tek kontakt med deg\|will contact you\|1–2 uker\|1–2 veker\|1–2 weeks" <<<"$out"; then
        fail "promise or weeks at risk ($lang): $out"
    fi
done
cp -RL "$TRINN_CONTENT" "$tmp/teampack"
python3 - "$tmp/teampack/pack.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["service"]["phone"] = "55 12 34 56"
d["service"]["hours"] = {"nb": "hverdager 8–15", "nn": "kvardagar 8–15", "en": "weekdays 8–15"}
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
out=$("$ctl" --content "$tmp/teampack" --lang nb triage "$tmp/elevated.json")
grep -q '"next":"Snakk med noen om dette i dag. Ring Rask psykisk helsehjelp på 55 12 34 56 (hverdager 8–15)' <<<"$out" || fail "team not named: $out"
out=$("$ctl" --content "$tmp/teampack" --lang en triage "$tmp/moderate.json")
field '["next"]' <<<"$out" | grep -q "call Rask psykisk helsehjelp on 55 12 34 56" || fail "team line: $out"
out=$("$ctl" --lang en triage "$tmp/moderate.json")
field '["next"]' <<<"$out" | grep -q "Ask your GP" || fail "no-team line: $out"

bad() { # expected message part, then the input
    printf '%s' "$2" >"$tmp/bad.json"
    if "$ctl" triage "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; then fail "accepted: $2"; fi
    grep -q -- "$1" "$tmp/err" || fail "message for $2: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "printed a result for $2"
}
bad "phq9_1" '{"answers": {"phq9": [4, 0, 0, 0, 0, 0, 0, 0, 0]}}'
bad "'phq10' is no instrument" '{"answers": {"phq10": [1]}}'
bad "not 12" '{"answers": {"phq9": [0,0,0,0,0,0,0,0,0,"somewhat",1,1]}}'
bad "list of answers" '{"answers": {"gad7": "0,1,2"}}'
bad "unknown key" '{"answers": {}, "extra": 1}'
bad "bad.json:1:" '{"answers": {'
bad "UTF-8" $'{"answers": {"intake": {"duration": "\xff"}}}'
head -c 5000000 /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
if "$ctl" triage "$tmp/huge.json" 2>"$tmp/err"; then fail "huge file accepted"; fi
grep -qi "big\|bytes\|large" "$tmp/err" || fail "huge: $(cat "$tmp/err")"
if "$ctl" triage "$tmp/none.json" 2>/dev/null; then fail "missing file accepted"; fi
# trinnctl check covers the triage rules: a typo in a level id is found with file and path
cp -RL "$TRINN_CONTENT" "$tmp/pack"
sed -i 's/"level": "individual"/"level": "individuel"/' "$tmp/pack/triage/rules.json"
if "$ctl" check "$tmp/pack" >/dev/null 2>"$tmp/err"; then fail "check passed a broken rule"; fi
grep -q "triage/rules.json:[0-9]*:0: \$.level_rules\[5\]: 'individuel' is no level" "$tmp/err" \
    || fail "check message: $(cat "$tmp/err")"
if "$ctl" --content "$tmp/pack" triage "$tmp/moderate.json" 2>"$tmp/err"; then
    fail "triage ran with broken rules"
fi
grep -q "individuel" "$tmp/err" || fail "triage message: $(cat "$tmp/err")"

# the interactive triage asks again after an answer that is not a choice
out=$(printf '9\nx\n4\n' | "$ctl" --lang en triage --interactive)
[ "$(grep -c "not one of the choices" <<<"$out")" = 2 ] || fail "no re-ask: $out"
echo "triage cli ok"
