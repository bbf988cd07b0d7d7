#!/usr/bin/env bash
# docs/INTENDED-USE.md (issue 11 item 18) says what a service adopts: the intended purpose,
# users, settings and limits (the triage informs a conversation and decides nothing), the
# evidence per part, and the likely MDR class; and the facts it states match the content pack.
set -euo pipefail
doc="$TRINN_SOURCE_DIR/docs/INTENDED-USE.md"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$doc" ] || fail "missing $doc"
for heading in "## Intended purpose" "## Intended users" "## Settings" "## Limits" \
    "## The evidence each part rests on" "## Likely classification under the EU MDR"; do
    grep -qF "$heading" "$doc" || fail "no section '$heading'"
done
grep -q "It decides nothing" "$doc" || fail "does not say the triage decides nothing"
grep -q "It does not contact anyone" "$doc" || fail "does not say that nothing is sent"
grep -q "Rule 11" "$doc" && grep -q "class IIa" "$doc" || fail "no MDR Rule 11 / class IIa"
# every instrument of the pack is named with its evidence
for inst in PHQ-9 GAD-7 AUDIT-C AUDIT; do
    grep -q "^| $inst" "$doc" || fail "no evidence row for $inst"
done
# the age limit it states is the pack's default
age=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['service']['min_age'])" \
    "$TRINN_CONTENT/pack.json")
grep -q "default $age" "$doc" || fail "age limit in the document differs from pack.json ($age)"
echo "intended use ok"
