#!/usr/bin/env bash
# «Jeg ønsker å bytte behandler» reaches the team (issue 17), in the app on both sides. A client
# paired with team A (its assignment taken in) gives feedback with the wish to change therapist:
# the form says the wish reaches the team only in a delivered report (with the answers and the
# comment of the same feedback), the saved view offers
# «Lag en rapport nå», and the report screen lists the wish as always going along although
# feedback is not ticked. After the report is made, the client's feedback page says which report
# carried it. The therapist opens that report in the app: the client's page shows the wish
# right after the risk card, above everything else, and the feedback in words further down.
# Screenshots of both pages at 1920x1080, 1366x768 and 1080x1920 go to $FB_SHOTS when set.
set -euo pipefail
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
T="$TRINN_BIN/trinnctl"
pass="grønn sykkel under brua"
printf '%s\n' "$pass" >pw.txt
printf 'fjell kaffe trikk solsikke\n' >F
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
fail() { echo "test_feedback_team: $*" >&2; exit 1; }
run() { # data-dir script size [args]
    local d=$1 s=$2 size=$3
    shift 3
    XDG_DOWNLOAD_DIR="$work/dl" SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$s" \
        --data-dir "$d" --lang nb --kdf-cost test --size "$size" "$@" >out.txt 2>&1 ||
        fail "$s at $size: $(grep -v WARNING out.txt | tail -5)"
}
mkdir -p dl
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH A" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
"$T" --data-dir team assign --profile Kari --passphrase-file F --client klient-fb \
    --modules sleep --expires 2099-12-31 --out A.trinn-oppdrag >/dev/null 2>&1

cat >first.json <<JSON
[
  {"click": "exch.unlock"}, {"click": "profile.new"}, {"text": "Ola"},
  {"click": "profile.pass"}, {"text": "$pass"},
  {"click": "profile.pass2"}, {"text": "$pass"}, {"click": "profile.create"},
  {"wait_for": "exch.fingerprint", "timeout_ms": 30000},
  {"click": "exch.trust"}, {"expect": "exch.done.text"},
  {"quit": true}
]
JSON
run client first.json 1366x768 "$work/A.trinn-oppdrag"

cat >wish.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.open.0"},
  {"click": "profile.pass"}, {"text": "$pass"}, {"click": "profile.unlock"},
  {"wait_for": "fb.give", "timeout_ms": 30000},
  {"click": "fb.give"},
  {"click": "fb.q.heard.1"},
  {"click": "fb.note"}, {"text": "Vi snakker forbi hverandre"},
  {"click": "fb.change.box"},
  {"expect_key": "fb.change_way"},
  {"click": "fb.save"},
  {"expect_key": "fb.change_saved"},
  {"check_layout": true},
  {"click": "fb.report"},
  {"expect": "ønsket om å bytte behandler, med svarene og kommentaren fra samme tilbakemelding (sendes alltid med)"},
  {"expect_none_selected": "exch.rep.feedback"},
  {"click": "exch.rep.measures"}, {"click": "exch.rep.assessment"},
  {"expect": "exch.rep.item.0"}, {"expect_absent": "exch.rep.item.1"},
  {"check_layout": true},
  {"click": "exch.rep.make"},
  {"expect_key": "exch.rep.done_title"},
  {"click": "exch.rep.back"},
  {"click": "fb.history"},
  {"expect": "Ønsket ble tatt med i rapporten du laget"},
  {"expect_absent": "fb.report"},
  {"quit": true}
]
JSON
run client wish.json 1366x768
file=$(ls dl/*.trinn-rapport 2>/dev/null | head -n1)
[ -n "$file" ] || fail "no report in the Downloads folder"

for size in 1920x1080 1366x768 1080x1920; do
    rm -rf "team-$size" && cp -r team "team-$size"
    cat >page.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.open.0"},
  {"text": "fjell kaffe trikk solsikke"}, {"click": "profile.unlock"},
  {"wait_for": "team.file.0", "timeout_ms": 30000},
  {"click": "team.file.0"},
  {"wait_for": "team.risk.title", "timeout_ms": 10000},
  {"expect": "Klienten ønsker å bytte behandler"},
  {"expect_above": ["team.risk.title", "team.fb.wish"]},
  {"expect_above": ["team.fb.wish", "team.latest"]},
  {"expect_above": ["team.fb.wish", "team.outcome.title"]},
  {"expect": "team.fb.title"},
  {"expect": "Vi snakker forbi hverandre"},
  {"expect": "Hørt: Lite"},
  {"check_layout": true},
  {"screenshot": "team-$size.bmp"},
  {"quit": true}
]
JSON
    run "team-$size" page.json "$size"
    if [ -n "${FB_SHOTS:-}" ]; then cp "team-$size.bmp" "$FB_SHOTS/"; fi
done
echo "feedback team: ok"
