#!/usr/bin/env bash
# A report for the team from the app (issue 14, client side; ui/tu_scr_exch_report.c), in nb by
# mouse, nn by touch and en by keyboard. A client who took in team A's assignment (and so pinned
# the team) has a check-in with a note, a PHQ-9 with item 9 above 0, a sleep-course exercise and
# a self-assessment. The report screen shows, in the catalog's words, the rule that risk always
# goes along; with the questionnaires unticked the PHQ-9 is still listed, marked as always going
# along; ticking the check-ins and the sleep course adds them to the list, the note in words.
# The report is written to the Downloads folder with the words that it reaches no one until it
# is delivered; then the team opens it with `trinnctl report open` and finds exactly those four
# records, the item 9 flag first, from this client.
name=test_exch_report
. "$(dirname "$0")/exch_lib.sh"
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH A" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
today=$(date -u +%Y-%m-%d)
day=$(date +%d.%m.%Y) # today as people write it (the one date rule reads local days)

for pair in nb:mouse nn:touch en:keys; do
    lang=${pair%%:*} mode=${pair#*:}
    "$T" --data-dir team assign --profile Kari --passphrase-file F --client "klient-$lang" \
        --modules sleep --measures phq9:weekly --expires 2099-12-31 \
        --out "A-$lang.trinn-oppdrag" >/dev/null 2>&1
    cat >first.json <<JSON
[
  $(act "$mode" exch.unlock), $(create "$mode"),
  {"wait_for": "exch.fingerprint", "timeout_ms": 30000},
  $(act "$mode" exch.trust), {"expect": "exch.done.text"},
  {"quit": true}
]
JSON
    run "$lang" first.json "$work/A-$lang.trinn-oppdrag"
    journal=$(ls "$work/$lang"/profiles/*.trinn)
    for rec in \
        '{"type":"checkin","ts":"'$now'","mood":3,"sleep_hours":5,"note":"sov dårlig"}' \
        '{"type":"measure","ts":"'$now'","instrument":"phq9","answers":{"phq9_1":2,"phq9_2":2,"phq9_3":1,"phq9_4":1,"phq9_5":1,"phq9_6":1,"phq9_7":1,"phq9_8":1,"phq9_9":1},"total":11,"band":"moderate","caseness":true,"scorable":true,"risk":"elevated","risk_answers":{}}' \
        '{"type":"module_entry","ts":"'$now'","module":"sleep","step":"diary","entry":"e1","op":"save","values":{"note":"la meg kl 23"}}' \
        '{"type":"assessment","ts":"'$now'","risk":"none","chosen":"guided_self_help","scores":{},"answers":{}}' \
        '{"type":"medication","ts":"'$now'","med":"med1","op":"add","name":"Sertralin","dose":"50 mg"}' \
        '{"type":"side_effects","ts":"'$now'","ratings":{"nausea":"bothersome","headache":"none"}}' \
        '{"type":"medication_wish","ts":"'$now'","wish":"open"}'; do
        echo "$rec" | "$T" journal append "$journal" --passphrase-file pw.txt >/dev/null 2>&1
    done
    rm -rf "$work/dl" && mkdir -p "$work/dl"
    cat >report.json <<JSON
[
  $(act "$mode" welcome.start), $(act "$mode" profile.open.0),
  $(field "$mode" profile.pass), {"text": "$pass"}, $(act "$mode" profile.unlock),
  {"wait_for": "home.exch.open", "timeout_ms": 30000},
  $(act "$mode" home.exch.open), $(act "$mode" exch.report),
  {"expect": "$(say "$lang" exch.rep.risk_rule)"},
  {"expect": "$(say "$lang" exch.rep.count n=2)"},
  {"expect_selected": "exch.rep.measures"}, {"expect_selected": "exch.rep.assessment"},
  {"check_layout": true},
  $(act "$mode" exch.rep.measures),
  {"expect": "$(say "$lang" exch.rep.forced)"},
  {"expect": "exch.rep.item.0"}, {"expect_absent": "exch.rep.item.2"},
  $(act "$mode" exch.rep.checkins), $(act "$mode" exch.rep.module.sleep),
  {"expect": "$(say "$lang" exch.rep.count n=4)"},
  {"expect": "exch.rep.item.3"},
  {"check_layout": true},
  $(act "$mode" exch.rep.medication),
  {"expect": "$(say "$lang" exch.rep.count n=7)"},
  {"expect": "Sertralin, $(say "$lang" exch.rep.say.part_dose dose="50 mg")"},
  {"expect": "exch.rep.preview.range"},
  $(act "$mode" exch.rep.range.own),
  {"expect": "$(say "$lang" exch.rep.own.empty)"}, {"expect_absent": "exch.rep.make"},
  $(field "$mode" exch.rep.own.from), {"text": "$day"},
  $(field "$mode" exch.rep.own.to), {"text": "01.01.2020"},
  {"expect": "$(say "$lang" exch.rep.own.reversed)"}, {"expect_absent": "exch.rep.make"},
  {"check_layout": true},
  {"key": "BackSpace"}, {"key": "BackSpace"}, {"key": "BackSpace"}, {"key": "BackSpace"},
  {"key": "BackSpace"}, {"key": "BackSpace"}, {"key": "BackSpace"}, {"key": "BackSpace"},
  {"key": "BackSpace"}, {"key": "BackSpace"}, {"text": "nix"},
  {"expect": "$(say "$lang" exch.rep.own.bad_to)"},
  {"key": "BackSpace"}, {"key": "BackSpace"}, {"key": "BackSpace"}, {"text": "31.12.2099"},
  {"expect": "$(say "$lang" exch.rep.count n=7)"},
  {"expect": "exch.rep.preview.range"},
  $(act "$mode" exch.rep.make),
  {"expect": "$(say "$lang" exch.rep.done_title)"},
  {"expect": "$(say "$lang" exch.rep.not_sent)"},
  {"expect": "$(say "$lang" exch.rep.deliver_how)"},
  {"check_layout": true},
  $(act "$mode" exch.rep.back), {"expect": "home.exch.open"},
  {"quit": true}
]
JSON
    XDG_DOWNLOAD_DIR="$work/dl" run "$lang" report.json
    # the item lines in words: the PHQ-9 marked as always going along, the note as written
    file=$(ls "$work"/dl/trinn-rapport-"$today"-r1-*.trinn-rapport 2>/dev/null || true)
    if [ -z "$file" ]; then
        echo "test_exch_report: $lang: no report in the Downloads folder" >&2
        fail=1
        continue
    fi
    # the therapist's app (a copy of the team, so the report opens there first) shows the
    # medication log on the client's page
    rm -rf "$work/team-app" && cp -r "$work/team" "$work/team-app"
    cat >team.json <<JSON
[
  $(act "$mode" welcome.start), $(act "$mode" profile.open.0),
  $(field "$mode" profile.pass), {"text": "fjell kaffe trikk solsikke"}, $(act "$mode" profile.unlock),
  {"wait_for": "team.fingerprint", "timeout_ms": 30000},
  {"drop": "$file"},
  {"wait_for": "team.risk.title", "timeout_ms": 10000},
  {"expect": "$(say "$lang" team.meds_title)"},
  {"expect": "$(say "$lang" team.meds.item name=Sertralin dose="50 mg" | sed 's/ (.*//')"},
  {"expect": "team.meds.fx.0"}, {"expect_absent": "team.meds.fx.1"},
  {"expect": "team.meds.wish"},
  {"expect_above": ["team.risk.title", "team.meds.title"]},
  {"quit": true}
]
JSON
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script team.json --data-dir "$work/team-app" \
        --lang "$lang" --kdf-cost test >"$work/out.txt" 2>&1; then
        echo "test_exch_report: $lang: the therapist's page: $(grep -v WARNING "$work/out.txt")" >&2
        fail=1
    fi
    if ! "$T" --data-dir team report open "$file" --profile Kari --passphrase-file F \
        >open.json 2>err.txt; then
        echo "test_exch_report: $lang: the team could not open it: $(cat err.txt)" >&2
        fail=1
        continue
    fi
    python3 - "$lang" <<'PY' || fail=1
import json, sys
d = json.load(open("open.json"))
lang, p = sys.argv[1], d["report_payload"]
types = sorted(r["type"] for r in p["records"])
problems = []
if d["client"] != f"klient-{lang}":
    problems.append(f"client {d['client']}")
if [f.get("item") for f in d["risk"]] != ["phq9_9"]:
    problems.append(f"risk {d['risk']}")
if types != ["assessment", "checkin", "measure", "medication", "medication_wish",
             "module_entry", "side_effects"]:
    problems.append(f"records {types}")
today = __import__("datetime").date.today().isoformat()
if (p["from"], p["to"]) != (today, today):
    problems.append(f"range {p['from']}..{p['to']}, not the dates typed ({today})")
if not any(r.get("note") == "sov dårlig" for r in p["records"]):
    problems.append("the check-in's note is missing")
if sorted(p["shared"]) != ["assessment", "checkins", "medication", "modules"]:
    problems.append(f"shared {p['shared']}")
if problems:
    sys.exit(f"test_exch_report: {lang}: the team's report: " + "; ".join(problems))
PY
done
# the words of the list, in nb, for records of a fixed day (the range «Alt» reaches them)
journal=$(ls "$work"/nb/profiles/*.trinn)
for rec in '{"type":"checkin","ts":"2020-03-05T10:00:00Z","mood":4,"sleep_hours":6,"note":"gammel"}' \
    '{"type":"measure","ts":"2020-03-05T11:00:00Z","instrument":"phq9","answers":{"phq9_9":2},"total":2,"band":"minimal","caseness":false,"scorable":false,"risk":"elevated","risk_answers":{}}'; do
    echo "$rec" | "$T" journal append "$journal" --passphrase-file pw.txt >/dev/null 2>&1
done
cat >words.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.open.0"}, {"click": "profile.pass"},
  {"text": "$pass"}, {"click": "profile.unlock"},
  {"wait_for": "home.exch.open", "timeout_ms": 30000},
  {"click": "home.exch.open"}, {"click": "exch.report"},
  {"click": "exch.rep.range.3"}, {"click": "exch.rep.checkins"}, {"click": "exch.rep.measures"},
  {"expect": "Innsjekk, 5. mars 2020: humør 4, søvn 6 timer, notat: «gammel»"},
  {"expect": "PHQ-9, 5. mars 2020: 2 poeng (sendes alltid med)"},
  {"expect": "$(say nb exch.rep.forced)"},
  {"click": "exch.rep.range.own"}, {"click": "exch.rep.own.from"}, {"text": "1.3.2020"},
  {"click": "exch.rep.own.to"}, {"text": "31. mars 2020"},
  {"expect": "Tidsrom: fra og med 1. mars 2020 til og med 31. mars 2020."},
  {"expect": "$(say nb exch.rep.count n=2)"},
  {"expect": "Innsjekk, 5. mars 2020"}, {"expect_absent": "exch.rep.item.2"},
  {"quit": true}
]
JSON
run nb words.json
exit $fail
