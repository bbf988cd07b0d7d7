#!/usr/bin/env bash
# trinnctl triage --interactive with answers piped in: questions in the chosen language, the
# crisis contacts as soon as item 9 is above 0, the result with reasons, and the choice.
set -euo pipefail
ctl="$TRINN_BIN/trinnctl"
fail() { echo "FAIL: $*" >&2; exit 1; }

# A calm adult in bokmål: age 25-34, 1-6 months, low mood; PHQ-9 all "several days" except
# item 9 "not at all"; difficulty; GAD-7 all "not at all"; AUDIT-C lowest; prefers a course;
# then picks the second choice offered.
answers="4\n2\n1\n1\n2\n3\n2\n2\n2\n2\n2\n2\n2\n2\n1\n2\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n2\n2\n"
out=$(printf "$answers" | "$ctl" --lang nb triage --interactive)
grep -q "Hvor gammel er du" <<<"$out" || grep -q "alder" <<<"$out" || fail "no bokmål age question"
# PHQ-9 8 and GAD-7 0 are below caseness on both: self-help, normalising (issue 11 item 9)
grep -q "Vår anbefaling: Selvhjelp" <<<"$out" || fail "recommendation: $out"
grep -q "PHQ-9: 8, GAD-7: 0), men under nivået der behandling vanligvis anbefales" <<<"$out" || fail "reason: $out"
grep -q "Du valgte: " <<<"$out" || fail "no choice: $out"
if grep -q "116 123" <<<"$out"; then fail "crisis contacts shown without risk"; fi

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
