#!/usr/bin/env bash
# trinnctl outcome JOURNAL: the metrics, due measures and charts straight from an encrypted
# journal (written here with trinnctl journal, with cheap key-derivation costs).
set -u
ctl="$TRINN_BIN/trinnctl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

j="$work/client.trinn"
printf 'correct horse battery staple\n' >"$work/pass"
printf 'wrong\n' >"$work/wrong"
"$ctl" journal create "$j" --passphrase-file "$work/pass" --kdf-ops 1 --kdf-mem-kib 8192 \
    >/dev/null 2>"$work/err" || fail "create: $(cat "$work/err")"
cat >"$work/records.jsonl" <<'JSON'
{"type":"assessment","ts":"2026-01-05T09:00:00Z","scores":{"phq9":{"total":16,"scorable":true},"gad7":{"total":12,"scorable":true}}}
{"type":"session","ts":"2026-01-05T10:00:00Z","attended":true}
{"type":"checkin","ts":"2026-01-06T08:00:00Z","mood":4,"sleep_hours":6.5,"note":"ok"}
{"type":"checkin","ts":"2026-01-07T08:00:00Z","mood":12}
{"type":"measure","ts":"2026-02-02T09:00:00Z","instrument":"phq9","total":7,"scorable":true}
{"type":"measure","ts":"2026-02-02T09:03:00Z","instrument":"gad7","total":6,"scorable":true}
{"type":"session","ts":"2026-02-02T10:00:00Z","attended":true}
JSON
"$ctl" journal append "$j" --passphrase-file "$work/pass" <"$work/records.jsonl" \
    >/dev/null 2>"$work/err" || fail "append: $(cat "$work/err")"

out=$("$ctl" outcome "$j" --passphrase-file "$work/pass" 2>"$work/err") || fail "outcome: $(cat "$work/err")"
want='{"first":{"date":"2026-01-05","phq9":16,"gad7":12},"last":{"date":"2026-02-02","phq9":7,"gad7":6},"caseness_start":true,"caseness_end":false,"recovery":true,"reliable_improvement":true,"reliable_deterioration":false,"reliable_recovery":true,"sessions":2,"finished":true,"change":{"phq9":-9,"gad7":-6}'
case "$out" in *"$want"*'"skipped":1}') ;; *) fail "outcome: $out" ;; esac

out=$("$ctl" --lang en outcome "$j" --passphrase-file "$work/pass" --charts --now 2026-01-08T12:00:00Z 2>"$work/err") \
    || fail "charts: $(cat "$work/err")"
case "$out" in *'"text":"Your mood over the last 7 days: 4 out of 10 on average."'*) ;; *) fail "charts: $out" ;; esac

"$ctl" outcome "$j" --passphrase-file "$work/wrong" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 1 ] || fail "wrong passphrase: exit $rc"
[ ! -s "$work/out" ] || fail "wrong passphrase printed a result"
grep -q "passphrase" "$work/err" || fail "wrong passphrase: $(cat "$work/err")"

"$ctl" outcome "$work/none.trinn" --passphrase-file "$work/pass" >/dev/null 2>"$work/err"
[ $? -eq 1 ] || fail "missing journal should fail"
"$ctl" outcome "$j" --records x >/dev/null 2>&1
[ $? -eq 2 ] || fail "a journal and --records together is a usage error"

[ $fails -eq 0 ] && echo "outcome_journal: all passed"
exit $((fails > 0))
