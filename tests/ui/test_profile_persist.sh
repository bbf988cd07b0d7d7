#!/usr/bin/env bash
# Profiles across restarts: each existing self-help or tracking flow is replayed with a new
# profile created where it used to continue as a guest, the app quits, and a second run with
# the same --data-dir unlocks the profile and must find what was saved (a thought record, a
# week of activity diary, a week of sleep diary, check-ins). Also: a wrong passphrase gets the
# kind message and then the lock-out wait; locking closes the profile; guest mode leaves no
# file behind. New journals use --kdf-cost test (cheap key derivation) so this runs fast.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass="grønn sykkel under brua"
trinn() { # script data-dir
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --data-dir "$2" --kdf-cost test \
        >/dev/null
}
# The flow with the guest step replaced by creating profile "Kari", waiting for $2 to show.
with_profile() { # flow wait-for out
    local steps
    steps='  {"tap": "profile.new"},\n  {"tap": "profile.name"},\n  {"text": "Kari"},\n'
    steps+='  {"tap": "profile.pass"},\n  {"text": "'$pass'"},\n'
    steps+='  {"tap": "profile.pass2"},\n  {"text": "'$pass'"},\n  {"tap": "profile.create"},\n'
    steps+='  {"wait_for": "'$2'", "timeout_ms": 30000},'
    # and what a guest is told (nothing saved) becomes what a profile is told (saved); once it
    # holds something, the profile's start is its home
    sed -e "s#^  {\"\(tap\|click\)\": \"profile.guest\"},\$#$steps#" \
        -e 's#{"expect": "Du har valgt"}#{"expect": "Valget ditt er lagret"}#' \
        -e 's#{"expect": "Det blir ikke lagret på denne PC-en"}#{"expect": "Du valgte: "}#' \
        -e 's#{"expect_absent": "Valget ditt er lagret"}#{"expect_absent": "ikke lagret"}#' \
        -e 's#{"expect": "Innsjekken er lagt til for denne økten, men blir ikke lagret"}#{"expect": "Innsjekken er lagret"}#' \
        -e 's#{"expect_absent": "Innsjekken er lagret"}#{"expect_absent": "ikke lagret"}#' \
        -e '/"profile.create"/,$ s#{"expect": "\(Velkommen til Trinn\|Kom i gang\)"}#{"expect": "Velkommen tilbake, Kari"}#' \
        "$1" >"$3"
    grep -q '"profile.create"' "$3"
}
# A second run: open with the gate button, unlock Kari, then the checks.
reopen() { # out gate wait-for checks...
    local out=$1 gate=$2 wait=$3
    shift 3
    {
        echo '['
        echo '  {"tap": "'"$gate"'"},'
        echo '  {"tap": "profile.open.0"},'
        echo '  {"tap": "profile.pass"},'
        echo '  {"text": "'"$pass"'"},'
        echo '  {"tap": "profile.unlock"},'
        echo '  {"wait_for": "'"$wait"'", "timeout_ms": 30000},'
        for s in "$@"; do echo "  $s,"; done
        echo '  {"quit": true}'
        echo ']'
    } >"$out"
}
fail=0
check() { # name data script...
    local name=$1 data=$2
    shift 2
    for s in "$@"; do
        if ! trinn "$s" "$data"; then
            echo "profile persistence failed: $name ($s)" >&2
            fail=1
            return
        fi
    done
}

with_profile "$here/flow_thought_record_nb.json" modules.open.thought_record thought.json
reopen thought2.json selfhelp.open modules.open.thought_record \
    '{"expect": "2 av 5 deler ferdig"}' \
    '{"tap": "modules.open.thought_record"}' '{"tap": "module.step.record"}' \
    '{"expect": "Sjefen svarte ikke på e-posten min"}'
check thought "$work/d1" thought.json thought2.json

with_profile "$here/flow_activity_diary_en.json" modules.open.behavioural_activation activity.json
reopen activity2.json selfhelp.open modules.open.behavioural_activation \
    '{"tap": "modules.open.behavioural_activation"}' '{"tap": "module.step.diary"}' \
    '{"expect": "step.entry.5"}' '{"expect": "18 November 2026"}'
check activity "$work/d2" activity.json activity2.json

with_profile "$here/flow_sleep_diary_nn.json" modules.open.sleep sleep.json
reopen sleep2.json selfhelp.open modules.open.sleep \
    '{"tap": "modules.open.sleep"}' '{"expect": "2. Søvndagbok  ·  ferdig"}'
check sleep "$work/d3" sleep.json sleep2.json

with_profile "$here/flow_checkin_nb.json" checkin.mood.7 checkin.json
reopen checkin2.json track.progress chart.sleep_hours \
    '{"expect": "Søvn (timer): først 7,5, sist 6, i snitt 6,8 (2 ganger)"}' \
    '{"tap": "progress.back"}' '{"expect": "Profil: Kari"}' '{"tap": "profile.lock"}' '{"expect": "Velkommen til Trinn"}' \
    '{"tap": "track.progress"}' '{"expect": "Din profil"}'
check checkin "$work/d4" checkin.json checkin2.json

# The self-assessment's saved choice (an assessment record) is in the history after a restart.
with_profile "$here/flow_calm_nb.json" question.text calm.json
reopen calm2.json history.open history.item.0 '{"expect_absent": "history.item.1"}' \
    '{"tap": "history.open.0"}' '{"expect": "history.detail.chosen"}'
check assessment "$work/d6" calm.json calm2.json

# A change cut short by a crash (bytes after the last record): unlocking still works, and the
# client is told calmly that the last change may be missing.
printf "cut-short-record-bytes" >>"$(ls "$work"/d6/profiles/*.trinn)"
reopen torn.json history.open history.item.0 '{"expect": "Trinn ble avsluttet uventet sist"}' \
    '{"tap": "error.close"}' '{"expect_absent": "error.message"}'
check torn "$work/d6" torn.json

# A wrong passphrase: the kind message, the journal's free tries, then the wait.
cat >wrong.json <<JSON
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "feil frase"},
  {"key": "Return"},
  {"wait_for": "Passordfrasen stemmer ikke. Sjekk at Caps Lock", "timeout_ms": 30000},
  {"tap": "profile.pass"},
  {"text": "feil igjen"},
  {"tap": "profile.unlock"},
  {"wait_for": "Passordfrasen stemmer ikke. Sjekk at Caps Lock", "timeout_ms": 30000},
  {"tap": "profile.pass"},
  {"text": "feil en tredje gang"},
  {"tap": "profile.unlock"},
  {"wait_for": "For å beskytte dagboken din må du vente", "timeout_ms": 30000},
  {"expect": "profile.wait"},
  {"quit": true}
]
JSON
cat >wrong2.json <<JSON
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"expect": "Det har vært flere forsøk med feil passordfrase"},
  {"expect": "profile.wait"},
  {"quit": true}
]
JSON
check wrong "$work/d1" wrong.json wrong2.json

# Guest mode: nothing but the language setting is written.
cat >guest.json <<JSON
[
  {"tap": "welcome.start"},
  {"tap": "profile.guest"},
  {"tap": "question.back"},
  {"expect": "Du bruker Trinn uten å lagre"},
  {"expect_absent": "welcome.privacy"},
  {"tap": "profile.lock"},
  {"tap": "confirm.yes"},
  {"expect_absent": "profile.status"},
  {"expect": "welcome.privacy"},
  {"quit": true}
]
JSON
check guest "$work/d5" "$here/flow_thought_record_nb.json" guest.json
left=$(cd "$work/d5" && find . -type f ! -name settings.json)
if [ -n "$left" ]; then
    echo "guest mode left files behind: $left" >&2
    fail=1
fi
exit $fail
