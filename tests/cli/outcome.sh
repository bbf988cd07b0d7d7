#!/usr/bin/env bash
# trinnctl outcome --measures: the metrics of core/OUTCOME.md for a plain list, with the
# cut-offs of the shipped instruments; bad input gives a message naming what and where and a
# non-zero exit.
set -u
ctl="$TRINN_BIN/trinnctl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_out NAME WANTED-SUBSTRING ARGS...: exit 0 and stdout containing the substring.
expect_out() {
    local name=$1 want=$2 out rc
    shift 2
    out=$("$ctl" "$@" 2>"$work/err"); rc=$?
    [ $rc -eq 0 ] || { fail "$name: exit $rc: $(cat "$work/err")"; return; }
    case "$out" in *"$want"*) ;; *) fail "$name: output lacks '$want': $out" ;; esac
}

# expect_err NAME CODE WANTED-SUBSTRING ARGS...: exit CODE and stderr containing the substring.
expect_err() {
    local name=$1 code=$2 want=$3 rc
    shift 3
    "$ctl" "$@" >"$work/out" 2>"$work/err"; rc=$?
    [ $rc -eq "$code" ] || { fail "$name: exit $rc, wanted $code: $(cat "$work/err")"; return; }
    [ ! -s "$work/out" ] || fail "$name: printed a result on failure: $(cat "$work/out")"
    grep -qF -- "$want" "$work/err" || fail "$name: stderr lacks '$want': $(cat "$work/err")"
}

# Start at caseness (PHQ-9 14, GAD-7 11); a week with GAD-7 missing; end at 7 and 6:
# PHQ-9 fell 7 (>= 6), GAD-7 fell 5 (>= 4): recovered, reliably improved and recovered.
cat >"$work/recovered.json" <<'JSON'
[{"date":"2026-01-05","phq9":14,"gad7":11},
 {"date":"2026-01-12","phq9":12,"gad7":null},
 {"date":"2026-03-02","phq9":7,"gad7":6}]
JSON
expect_out recovered '{"first":{"date":"2026-01-05","phq9":14,"gad7":11},"last":{"date":"2026-03-02","phq9":7,"gad7":6},"caseness_start":true,"caseness_end":false,"recovery":true,"reliable_improvement":true,"reliable_deterioration":false,"reliable_recovery":true,"sessions":3,"finished":true,"change":{"phq9":-7,"gad7":-5}' \
    outcome --measures "$work/recovered.json"
expect_out summary-en 'Your mood score (PHQ-9) has fallen by 7 points since you started (from 14 to 7): that is a reliable improvement.' \
    --lang en outcome --measures "$work/recovered.json"
expect_out summary-nb 'Poengsummen din for humør (PHQ-9) har falt med 7 poeng' outcome --measures "$work/recovered.json"
expect_out summary-nn 'Poengsummen din for humør (PHQ-9) har falle med 7 poeng' --lang nn outcome --measures "$work/recovered.json"

# Exactly at the cut-offs at the end (PHQ-9 10): still at caseness; a fall of 5 is not reliable.
printf '[{"date":"2026-01-05","phq9":15,"gad7":7},{"date":"2026-02-02","phq9":10,"gad7":7}]' >"$work/edge.json"
expect_out edge '"caseness_start":true,"caseness_end":true,"recovery":false,"reliable_improvement":false,"reliable_deterioration":false,"reliable_recovery":false' \
    outcome --measures "$work/edge.json"

# Reliable fall on depression, reliable rise (exactly 4) on anxiety: deterioration only.
printf '[{"date":"2026-01-05","phq9":20,"gad7":3},{"date":"2026-02-02","phq9":10,"gad7":7}]' >"$work/mixed.json"
expect_out mixed '"reliable_improvement":false,"reliable_deterioration":true' outcome --measures "$work/mixed.json"

# One measurement only, and none.
printf '[{"date":"2026-01-05","phq9":9,"gad7":8}]' >"$work/one.json"
expect_out one '"last":null,"caseness_start":true,"caseness_end":null,"recovery":null,"reliable_improvement":null,"reliable_deterioration":null,"reliable_recovery":null,"sessions":1,"finished":false' \
    outcome --measures "$work/one.json"
printf '[]' >"$work/none.json"
expect_out none '"first":null,"last":null' outcome --measures "$work/none.json"

# Bad input.
expect_err usage 2 'usage: outcome JOURNAL [--passphrase-file F]' outcome
expect_err usage-extra 2 "outcome: unexpected '--measures'" outcome --measures a b
expect_err missing-file 1 "$work/nope.json: cannot read the file (No such file or directory)" outcome --measures "$work/nope.json"
printf '[{"date":"2026-01-05","phq9":14,\n  "gad7":}]' >"$work/broken.json"
expect_err malformed 1 "$work/broken.json:2:" outcome --measures "$work/broken.json"
printf '[{"date":"2026-01-05","phq9":14,"gad7":11},{"date":"2026-01-12","phq9":28,"gad7":11}]' >"$work/range.json"
expect_err out-of-range 1 "$work/range.json: \$[1].phq9: expected a whole number 0-27" outcome --measures "$work/range.json"
printf '[{"date":"05.01.2026","phq9":14}]' >"$work/date.json"
expect_err bad-date 1 '$[0].date: expected a date like "2026-01-05"' outcome --measures "$work/date.json"
printf '[{"date":"2026-01-05","PHQ9":14}]' >"$work/key.json"
expect_err unknown-key 1 'unknown field "PHQ9"' outcome --measures "$work/key.json"

# Service rates: recovery over the finished clients at caseness at the start (1 of 2), reliable
# improvement over all who finished (2 of 3); the one-session client is left out.
cat >"$work/service.json" <<'JSON'
{"a":[{"date":"2026-01-05","phq9":16,"gad7":12},{"date":"2026-02-05","phq9":6,"gad7":5}],
 "b":[{"date":"2026-01-05","phq9":12,"gad7":9},{"date":"2026-02-05","phq9":19,"gad7":10}],
 "c":[{"date":"2026-01-05","phq9":9,"gad7":7},{"date":"2026-02-05","phq9":2,"gad7":1}],
 "d":[{"date":"2026-01-05","phq9":20,"gad7":15}]}
JSON
expect_out service '{"clients":4,"finished":3,"finished_unpaired":0,"caseness_start":2,"recovered":1,"reliably_improved":2,"reliably_deteriorated":1,"reliably_recovered":1,"recovery_rate":0.5,' \
    outcome --service "$work/service.json"
printf '{"a":[{"date":"2026-01-05","gad7":22}]}' >"$work/service-bad.json"
expect_err service-bad 1 "$work/service-bad.json: \$.a[0].gad7: expected a whole number 0-21" outcome --service "$work/service-bad.json"

# --records: the same metrics from journal records (an assessment, then measures a few minutes
# apart form one occasion), sessions from the session records, a malformed check-in skipped;
# --charts adds what is due at --now and every series.
cat >"$work/records.json" <<'JSON'
[{"type":"assessment","ts":"2026-01-05T09:00:00Z","scores":{"phq9":{"total":16,"scorable":true},"gad7":{"total":12,"scorable":true}}},
 {"type":"session","ts":"2026-01-05T10:00:00Z","attended":true},
 {"type":"checkin","ts":"2026-01-06T08:00:00Z","mood":4,"sleep_hours":6.5,"note":"ok"},
 {"type":"checkin","ts":"2026-01-07T08:00:00Z","mood":12},
 {"type":"measure","ts":"2026-02-02T09:00:00Z","instrument":"phq9","total":7,"scorable":true},
 {"type":"measure","ts":"2026-02-02T09:03:00Z","instrument":"gad7","total":6,"scorable":true},
 {"type":"session","ts":"2026-02-02T10:00:00Z","attended":true},
 {"type":"settings","ts":"2026-02-02T10:00:00Z","lang":"en","theme":"standard"},
 {"type":"module_entry","ts":"2026-02-03T20:00:00Z","module":"exposure","step":"tries","entry":"x1","op":"save","values":{"rung":"bus","date":"2026-02-03","before":70,"peak":80,"after":30}}]
JSON
expect_out records '{"first":{"date":"2026-01-05","phq9":16,"gad7":12},"last":{"date":"2026-02-02","phq9":7,"gad7":6},"caseness_start":true,"caseness_end":false,"recovery":true,"reliable_improvement":true,"reliable_deterioration":false,"reliable_recovery":true,"sessions":2,"finished":true,"change":{"phq9":-9,"gad7":-6}' \
    outcome --records "$work/records.json"
expect_out records-skipped '"skipped":1}' outcome --records "$work/records.json"
expect_out records-due '"due":[{"what":"phq9","due":false,"last":"2026-02-02T09:00:00Z","next":"2026-02-08T21:00:00Z"},{"what":"gad7","due":false,' \
    outcome --records "$work/records.json" --charts --now 2026-02-05T12:00:00Z
expect_out records-due-later '{"what":"phq9","due":true,' outcome --records "$work/records.json" --charts --now 2026-02-08T21:00:00Z
expect_out records-exposure '{"id":"exposure_distress","kind":"module","fields":["before","peak","after"],"points":[{"ts":"2026-02-03T00:00:00Z","v":[70,80,30],"mark":0,"group":"bus"}],' \
    outcome --records "$work/records.json" --charts
expect_out records-mood '{"id":"mood","kind":"checkin","fields":["mood"],"points":[{"ts":"2026-01-06T08:00:00Z","v":[4],"mark":0}],' \
    outcome --records "$work/records.json" --charts
# The sentence beside each chart, with the language's decimal mark.
expect_out text-mood '"text":"Your mood over the last 7 days: 4 out of 10 on average."' \
    --lang en outcome --records "$work/records.json" --charts --now 2026-01-08T12:00:00Z
expect_out text-sleep-en '"text":"Your sleep over the last 7 days: 6.5 hours a night on average."' \
    --lang en outcome --records "$work/records.json" --charts --now 2026-01-08T12:00:00Z
expect_out text-sleep-nb '"text":"Søvnen din de siste 7 dagene: 6,5 timer per natt i snitt."' \
    outcome --records "$work/records.json" --charts --now 2026-01-08T12:00:00Z
expect_out text-exposure '"text":"“bus”: your anxiety at its worst was 80 on your first try.' \
    --lang en outcome --records "$work/records.json" --charts
printf '{"type":"checkin"}' >"$work/records-obj.json"
expect_err records-not-array 1 "$work/records-obj.json: \$: expected an array of journal records" outcome --records "$work/records-obj.json"
# A journal export (tr_journal_export) is read like the plain array.
{ printf '{"format":"trinn-journal-export","version":1,"records":'; cat "$work/records.json"; printf '}'; } >"$work/export.json"
expect_out records-export '"caseness_end":false,"recovery":true' outcome --records "$work/export.json"
printf '{"format":"trinn-journal-export","version":2,"records":[]}' >"$work/export2.json"
expect_err records-export-version 1 '$.version: this build reads journal exports of version 1' outcome --records "$work/export2.json"
printf '[{"type":"checkin",}]' >"$work/records-bad.json"
expect_err records-malformed 1 "$work/records-bad.json:1:" outcome --records "$work/records-bad.json"
expect_err records-now 2 '--now: expected a time' outcome --records "$work/records.json" --now yesterday

[ $fails -eq 0 ] && echo "outcome: all passed"
exit $((fails > 0))
