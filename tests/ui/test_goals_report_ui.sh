#!/usr/bin/env bash
# The client's own goals in a report from the app (issue 17; ui/tu_scr_exch_report.c), in nb by
# mouse, nn by touch and en by keyboard. A client who took in the team's assignment has two goals
# (one rated again) and a check-in. The report screen offers «goals» unticked; ticked, the preview
# lists each goal record in words from the catalog (the goal's own words also for its new
# rating); the team opens the report with `trinnctl report open` and finds the three goal
# records and nothing else.
name=test_goals_report_ui catalogs="exchange goals"
source "$(dirname "$0")/exch_lib.sh"
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH A" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
today=$(date -u +%Y-%m-%d)
for pair in nb:mouse nn:touch en:keys; do
    lang=${pair%%:*} mode=${pair#*:}
    "$T" --data-dir team assign --profile Kari --passphrase-file F --client "klient-$lang" \
        --modules sleep --measures phq9:weekly --expires 2099-12-31 \
        --out "A-$lang.trinn-oppdrag" >/dev/null 2>&1
    cat >first.json <<JSON
[
  $(act "$mode" exch.unlock), $(act "$mode" profile.new), {"text": "Kari"},
  $(field "$mode" profile.pass), {"text": "$pass"},
  $(field "$mode" profile.pass2), {"text": "$pass"}, $(act "$mode" profile.create),
  {"wait_for": "exch.fingerprint", "timeout_ms": 30000},
  $(act "$mode" exch.trust), {"expect": "exch.done.text"},
  {"quit": true}
]
JSON
    run "$lang" first.json "$work/A-$lang.trinn-oppdrag"
    journal=$(ls "$work/$lang"/profiles/*.trinn)
    for rec in \
        '{"type":"checkin","ts":"'$now'","mood":3,"sleep_hours":5,"note":""}' \
        '{"type":"goal","ts":"'$now'","goal":"goal1","op":"add","text":"Sove gjennom natten","rating":2}' \
        '{"type":"goal","ts":"'$now'","goal":"goal2","op":"add","text":"Begynne i koret igjen","rating":1}' \
        '{"type":"goal","ts":"'$now'","goal":"goal1","op":"rate","rating":6,"at":"checkin"}'; do
        echo "$rec" | "$T" journal append "$journal" --passphrase-file pw.txt >/dev/null 2>&1
    done
    rm -rf "$work/dl" && mkdir -p "$work/dl"
    cat >report.json <<JSON
[
  $(act "$mode" welcome.start), $(act "$mode" profile.open.0),
  $(field "$mode" profile.pass), {"text": "$pass"}, $(act "$mode" profile.unlock),
  {"wait_for": "home.exch.open", "timeout_ms": 30000},
  $(act "$mode" home.exch.open), $(act "$mode" exch.report),
  {"expect": "$(say "$lang" exch.rep.goals)"},
  {"expect_none_selected": "exch.rep.goals"},
  $(act "$mode" exch.rep.measures), $(act "$mode" exch.rep.assessment),
  {"expect": "exch.rep.empty"},
  $(act "$mode" exch.rep.goals),
  {"expect_selected": "exch.rep.goals"},
  {"expect": "$(say "$lang" exch.rep.count n=3)"},
  {"expect_absent": "exch.rep.item.3"},
  {"expect": "$(say "$lang" goals.say_add date= text="Begynne i koret igjen" rating=1 max=10)"},
  {"expect": "$(say "$lang" goals.say_rate date= text="Sove gjennom natten" rating=6 max=10)"},
  {"check_layout": true},
  $(act "$mode" exch.rep.make),
  {"expect": "$(say "$lang" exch.rep.done_title)"},
  {"quit": true}
]
JSON
    XDG_DOWNLOAD_DIR="$work/dl" run "$lang" report.json
    file=$(ls "$work"/dl/trinn-rapport-"$today"-r1-*.trinn-rapport 2>/dev/null || true)
    if [ -z "$file" ]; then
        echo "test_goals_report_ui: $lang: no report in the Downloads folder" >&2
        fail=1
        continue
    fi
    "$T" --data-dir team report open "$file" --profile Kari --passphrase-file F >open.json 2>err.txt ||
        { echo "test_goals_report_ui: $lang: the team could not open it: $(cat err.txt)" >&2; fail=1; continue; }
    python3 - <<'PY' || { echo "test_goals_report_ui: $lang: $(cat open.json)" >&2; fail=1; }
import json
p = json.load(open("open.json"))["report_payload"]
recs = p["records"]
assert [x["type"] for x in recs] == ["goal"] * 3, recs
assert [x["op"] for x in recs] == ["add", "add", "rate"], recs
assert p["shared"] == ["goals"], p["shared"]
PY
done
exit $fail
