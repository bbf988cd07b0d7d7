#!/usr/bin/env bash
# trinnctl triage --interactive with answers piped in: questions in the chosen language, the
# crisis contacts as soon as item 9 is above 0, the result with reasons, and the choice.
set -euo pipefail
ctl="$TRINN_BIN/trinnctl"
fail() { echo "FAIL: $*" >&2; exit 1; }

# A calm adult in bokmål: age 25-34, 1-6 months, low mood; PHQ-9 all "several days" except
# item 9 "not at all"; difficulty; GAD-7 all "not at all"; AUDIT-C lowest; no to the gateway
# questions (drugs, doping, gambling), so no DUDIT and no Lie/Bet; prefers guided self-help; no
# interpreter; then takes the recommendation.
answers="4\n2\n1\n1\n2\n3\n2\n2\n2\n2\n2\n2\n2\n2\n1\n2\n1\n1\n1\n1\n1\n1\n1\n1\n2\n2\n2\n1\n2\n1\n2\n2\n"
out=$(printf "$answers" | "$ctl" --lang nb triage --interactive)
grep -q "Hvor gammel er du" <<<"$out" || grep -q "alder" <<<"$out" || fail "no bokmål age question"
# PHQ-9 8 and GAD-7 0 are below caseness on both: self-help, normalising (issue 11 item 9)
grep -q "Vår anbefaling: Selvhjelp" <<<"$out" || fail "recommendation: $out"
grep -q "PHQ-9: 8, GAD-7: 0), men under nivået der behandling vanligvis anbefales" <<<"$out" || fail "reason: $out"
grep -q "Du valgte: " <<<"$out" || fail "no choice: $out"
if grep -q "116 123" <<<"$out"; then fail "crisis contacts shown without risk"; fi
# issue 17: the gateway questions are asked, the DUDIT and the Lie/Bet behind them are not; the
# intake's introduction is said once, not again at each later intake step
grep -q "Har du brukt andre rusmidler enn alkohol det siste året" <<<"$out" || fail "no drugs gateway: $out"
grep -q "Har du noen gang spilt om penger" <<<"$out" || fail "no gambling gateway: $out"
grep -q "dopingmidler" <<<"$out" || fail "no doping question: $out"
grep -q "Trenger du tolk" <<<"$out" || fail "no interpreter question: $out"
if grep -q "Hvor ofte bruker du andre rusmidler\|stadig mer penger\|Hvilket språk trenger du tolk" <<<"$out"; then
    fail "DUDIT, Lie/Bet or the interpreter's language asked after a no: $out"
fi
[ "$(grep -c "Vi begynner med noen spørsmål om deg" <<<"$out")" = 1 ] || fail "intake introduction repeated: $out"

# issue 17: yes to the drugs gateway opens the DUDIT (here 44: probable dependence, male), yes to
# the gambling gateway opens the Lie/Bet (one yes: positive), an interpreter in Sámi: the
# reasons name TSB alongside RPH, the gambling helpline without a number, and the interpreter.
answers="4\n2\n1\n1\n2\n3\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n"
answers+="5\n5\n5\n5\n5\n5\n5\n5\n5\n3\n3\n2\n2\n1\n2\n1\n5\n1\n10\n\n"
out=$(printf "$answers" | "$ctl" --lang nb triage --interactive)
grep -q "Hvor ofte bruker du andre rusmidler enn alkohol" <<<"$out" || fail "no DUDIT after yes: $out"
grep -q "Hvilket kjønn\|Kjønn\|kjønn" <<<"$out" || fail "sex not asked at DUDIT 44: $out"
grep -q "stadig mer penger" <<<"$out" || fail "no Lie/Bet after yes: $out"
grep -q "Vår anbefaling: Samtaler med behandler" <<<"$out" || fail "probable dependence not at least one-to-one: $out"
grep -q "DUDIT: 44) kan tyde på avhengighet" <<<"$out" || fail "no dependence reason: $out"
grep -q "spesialisert rusbehandling (TSB): hjelpen kan gå side om side" <<<"$out" || fail "not integrated: $out"
grep -q "hjelpelinjen.no" <<<"$out" || fail "no gambling helpline: $out"
grep -q "Du har svart at du trenger tolk" <<<"$out" || fail "no interpreter reason: $out"
grep -q "2) Henvisning videre" <<<"$out" || fail "no referral offered: $out"

# English, item 9 "more than half the days": crisis contacts right after that answer, then
# the follow-ups; "not sure I can keep safe" makes it acute, with no choice of level.
answers="4\n2\n1\n1\n2\n2\n1\n1\n1\n1\n1\n1\n1\n1\n3\n2\n2\n3\n"
out=$(printf "$answers" | "$ctl" --lang en triage --interactive)
first_crisis=$(grep -n "116 123" <<<"$out" | head -1 | cut -d: -f1)
followup=$(grep -n "Have you made plans" <<<"$out" | head -1 | cut -d: -f1)
[ -n "$first_crisis" ] && [ -n "$followup" ] || fail "crisis or follow-up missing: $out"
[ "$first_crisis" -lt "$followup" ] || fail "crisis contacts came after the follow-ups"
grep -q "Our recommendation: Help now" <<<"$out" || fail "not acute: $out"
grep -q "Call one of the numbers above" <<<"$out" || fail "no acute guidance: $out"
if grep -q "You chose" <<<"$out"; then fail "offered a choice at acute risk"; fi

# Elevated risk (item 9 "several days", no plans, no intent, can keep safe), input ending after
# the difficulty question: the contacts come right after item 9 and again with the result
# (issue 11 item 16), with hours; the next step is for the same day (item 1).
answers="4\n2\n1\n1\n2\n3\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n1\n2\n"
out=$(printf "$answers" | "$ctl" --lang nb triage --interactive)
[ "$(grep -c "116 123" <<<"$out")" -ge 2 ] || fail "contacts not repeated on the result: $out"
result_line=$(grep -n "Vår anbefaling" <<<"$out" | head -1 | cut -d: -f1)
last_crisis=$(grep -n "116 123" <<<"$out" | tail -1 | cut -d: -f1)
[ "$last_crisis" -lt "$result_line" ] || fail "contacts not above the result"
grep -q "116111.no" <<<"$out" || fail "Alarmtelefonen without its hours: $out"
grep -q "Snakk med noen om dette i dag" <<<"$out" || fail "no same-day step: $out"
if grep -q "tar kontakt med deg\|1–2 uker" <<<"$out"; then fail "promise or weeks at risk: $out"; fi

# nynorsk, input ends early: the rest counts as unanswered, item 9 unanswered -> no self-help
out=$(printf "4\n" | "$ctl" triage --interactive --lang nn)
grep -q "Ingen fleire svar" <<<"$out" || fail "no end-of-input note: $out"
grep -q "Tilrådinga vår" <<<"$out" || fail "no nynorsk result: $out"
if grep -q "^  [0-9]) Sjølvhjelp" <<<"$out"; then fail "self-help offered with item 9 unanswered"; fi
echo "interactive triage ok"
