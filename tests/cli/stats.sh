#!/usr/bin/env bash
# trinnctl stats over NDJSON: the counts of an exported example journal, a known Wilson
# interval (8 of 10 recovered: 0.490-0.943), small counts hidden unless --exact, CSV, and bad
# input refused with the file, line and JSON path.
set -u
ctl="$TRINN_BIN/trinnctl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# obs ID CLIENT CODE TIME VALUE: one total Observation (PHQ-9 44261-6, GAD-7 70274-6)
obs() {
    printf '{"resourceType":"Observation","id":"%s","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"subject":{"identifier":{"system":"urn:trinn:fhir:NamingSystem:client-pseudonym","value":"%s"}},"effectiveDateTime":"%s","performer":[{"reference":"Organization/org-a"}],"valueQuantity":{"value":%d}}\n' \
        "$1" "$3" "$2" "$4" "$5"
}
mkdir -p "$work/team"
printf '{"resourceType":"Organization","id":"org-a","name":"RPH Nordby"}\n' >"$work/team/Organization.ndjson"
for c in 0 1 2 3 4 5 6 7 8 9; do
    obs "c$c-1-phq9" "c$c" 44261-6 2026-01-05T09:00:00Z 15
    obs "c$c-1-gad7" "c$c" 70274-6 2026-01-05T09:05:00Z 12
    if [ $c -lt 8 ]; then end=(5 4); else end=(15 12); fi
    obs "c$c-2-phq9" "c$c" 44261-6 2026-02-02T09:00:00Z "${end[0]}"
    obs "c$c-2-gad7" "c$c" 70274-6 2026-02-02T09:05:00Z "${end[1]}"
done >"$work/team/Observation.ndjson"
out=$("$ctl" stats --ndjson "$work/team" --exact 2>"$work/err") || fail "stats: $(cat "$work/err")"
case "$out" in
*'"scope":"all","team_id":null,"team":null,"period":null,"counts":{"referrals":0,"assessments":0,"chose_recommended":0,"chose_more_intensive":0,"chose_less_intensive":0,"clients":10,"finished":10,"finished_unpaired":0,"caseness_start":10,"recovered":8,"reliably_improved":8,"reliably_deteriorated":0,"reliably_recovered":8},"rates":{"recovery":{"n":8,"of":10,"rate":0.8,"low":0.49,"high":0.943,"reference":[{"value":0.45,'*) ;;
*) fail "exact counts and the Wilson interval: $out" ;;
esac
case "$out" in *'"scope":"team","team_id":"org-a","team":"RPH Nordby","period":null'*) ;; *) fail "the team by name: $out" ;; esac
case "$out" in *c0*) fail "a pseudonym in the output" ;; esac
out=$("$ctl" stats --ndjson "$work/team" 2>"$work/err") || fail "stats: $(cat "$work/err")"
case "$out" in
*'"small_counts":"hidden"'*'"reliably_deteriorated":"<5"'*'"reliable_deterioration":{"n":"<5","of":10,"rate":null,"low":null,"high":null'*) ;;
*) fail "small counts hidden: $out" ;;
esac
csv=$("$ctl" stats --ndjson "$work/team" --csv --exact --period month 2>"$work/err") || fail "csv: $(cat "$work/err")"
echo "$csv" | grep -q '^team-period,"org-a","RPH Nordby","2026-02",0,0,0,0,0,10,10,0,10,8,8,0,8,0.800,0.490,0.943,' ||
    fail "csv: $csv"

# bad input: a broken line, a wrong resource type, a total out of range, a missing folder
cp -r "$work/team" "$work/bad"
printf '{"resourceType":"Observation","id":"x",\n' >>"$work/bad/Observation.ndjson"
"$ctl" stats --ndjson "$work/bad" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "bad/Observation.ndjson:41:" "$work/err" || fail "broken line: $(cat "$work/err")"
obs y c1 44261-6 2026-01-05T09:00:00Z 28 >"$work/bad/Observation.ndjson"
"$ctl" stats --ndjson "$work/bad" >/dev/null 2>"$work/err"
grep -q 'Observation.ndjson:1: $.valueQuantity.value: expected a whole-number total 0-27' "$work/err" ||
    fail "out of range: $(cat "$work/err")"
printf '{"resourceType":"Patient","id":"p"}\n' >"$work/bad/Observation.ndjson"
"$ctl" stats --ndjson "$work/bad" >/dev/null 2>"$work/err"
grep -q 'expected a resource of type Observation' "$work/err" || fail "wrong type: $(cat "$work/err")"
"$ctl" stats --ndjson "$work/none" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "trinnctl fhir export" "$work/err" || fail "missing folder: $(cat "$work/err")"
"$ctl" stats >/dev/null 2>&1
[ $? -eq 2 ] || fail "no folder is a usage error"

[ $fails -eq 0 ] && echo "stats: all passed"
exit $((fails > 0))
