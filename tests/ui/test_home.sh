#!/usr/bin/env bash
# A home for returning clients (issue 12 item 4), in nb, nn and en. A first-time client who
# makes a profile starts with the self-assessment; after saving a choice, locking and
# unlocking again, the client lands on the home (not a fresh assessment): the chosen help, the
# next measure, their courses, the check-in and the charts, «Lås» in the top bar. The logo goes
# home from the charts, from inside an exercise (one tap) and from an assessment (asking first,
# since answers would be lost). «Lås» locks from anywhere. A profile holding only an exercise
# (no assessment) also lands at home, which offers the first assessment.
# New journals use --kdf-cost test (cheap key derivation) so this runs fast.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass="grønn sykkel under brua"
fail=0
run() { # lang data script
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$3" --data-dir "$2" --lang "$1" \
        --kdf-cost test >"$work/out.txt" 2>&1; then
        echo "test_home: $1 $3 failed:" >&2
        grep -v WARNING "$work/out.txt" >&2 || true
        fail=1
    fi
}
create='{"click": "profile.new"}, {"text": "Kari"},
  {"click": "profile.pass"}, {"text": "'$pass'"},
  {"click": "profile.pass2"}, {"text": "'$pass'"},
  {"click": "profile.create"}'
unlock='{"click": "profile.open.0"}, {"click": "profile.pass"}, {"text": "'$pass'"},
  {"click": "profile.unlock"}'
# the calm path: the intake's first question (several answers), then the lowest answer to each
answers='{"click": "answer.3"}, {"click": "answer.1"}, {"click": "answer.0"}, {"click": "question.next"}'
for i in $(seq 20); do answers+=', {"click": "answer.0"}'; done
# no to the gateway questions (drugs, doping, gambling), the preferences skipped, no interpreter
answers+=', {"click": "answer.1"}, {"click": "answer.1"}, {"click": "answer.1"}'
answers+=', {"click": "question.skip"}, {"click": "answer.1"}'

for lang in nb nn en; do
    case $lang in
    nb) title="Velkommen tilbake, Kari" chose="Du valgte: " next="Neste gang du kan svare" ;;
    nn) title="Velkomen tilbake, Kari" chose="Du valde: " next="Neste gong du kan svare" ;;
    en) title="Welcome back, Kari" chose="You chose: " next="Next time you can answer" ;;
    esac
    data="$work/$lang"
    cat >first.json <<JSON
[
  {"click": "welcome.start"}, $create,
  {"wait_for": "question.text", "timeout_ms": 30000},
  {"expect_absent": "home.title"},
  $answers,
  {"expect": "result.save"}, {"click": "result.save"},
  {"expect": "result.done"},
  {"click": "chrome.lock"},
  {"expect": "welcome.start"}, {"expect_absent": "chrome.lock"},
  {"quit": true}
]
JSON
    cat >second.json <<JSON
[
  {"click": "welcome.start"}, $unlock,
  {"wait_for": "home.title", "timeout_ms": 30000},
  {"expect": "$title"}, {"expect_absent": "question.text"},
  {"expect": "$chose"}, {"expect": "home.choice.next"},
  {"expect": "$next"},
  {"expect": "home.module.understanding"}, {"expect": "selfhelp.open"},
  {"expect": "track.checkin"}, {"expect": "track.progress"},
  {"expect": "chrome.lock"},
  {"check_layout": true},
  {"click": "track.progress"}, {"expect_absent": "home.title"},
  {"click": "chrome.name"}, {"expect": "$title"},
  {"click": "guide.open"}, {"expect": "guide.open.relatives"},
  {"click": "guide.home"}, {"expect": "$title"},
  {"click": "home.module.understanding"}, {"click": "module.continue"},
  {"expect": "step.next"},
  {"click": "chrome.name"}, {"expect": "$title"},
  {"expect": "home.module.understanding"},
  {"click": "home.reassess"}, {"expect": "question.text"},
  {"click": "answer.3"}, {"expect": "question.text"},
  {"click": "chrome.name"}, {"expect": "confirm.keep"},
  {"click": "confirm.keep"}, {"expect": "question.text"},
  {"click": "chrome.name"}, {"click": "confirm.yes"},
  {"expect": "$title"}, {"expect_absent": "question.text"},
  {"click": "chrome.lock"},
  {"expect": "welcome.start"}, {"expect_absent": "$title"},
  {"quit": true}
]
JSON
    run "$lang" "$data" first.json
    run "$lang" "$data" second.json
done

# What the therapist assigned (an accepted assignment record, as `trinnctl assignment import`
# writes it) leads the home: homework, next appointment, measures and the assigned courses.
printf '%s\n' "$pass" >pw.txt
rec='{"type":"assignment","ts":"2026-12-05T10:00:00Z","client":"klient-7","seq":1,'
rec+='"expires":"2030-01-31","payload":{"format":"trinn-assignment","version":1,'
rec+='"client":"klient-7","modules":["sleep"],"homework":"Gå en tur hver dag",'
rec+='"measures":[{"instrument":"phq9","every":"weekly"}],'
rec+='"next_appointment":"2026-12-12T10:00:00Z"}}'
echo "$rec" |
    "$TRINN_BIN/trinnctl" journal append "$(ls "$work"/nb/profiles/*.trinn)" \
        --passphrase-file pw.txt >/dev/null
cat >third.json <<JSON
[
  {"click": "welcome.start"}, $unlock,
  {"wait_for": "home.title", "timeout_ms": 30000},
  {"expect": "Fra behandleren din"}, {"expect": "Hjemmeoppgave: Gå en tur hver dag"},
  {"expect": "Neste time: 12. desember 2026"}, {"expect": "PHQ-9: hver uke"},
  {"expect": "home.assigned.module.sleep"},
  {"expect_above": ["home.assigned", "home.choice"]},
  {"check_layout": true},
  {"click": "home.assigned.module.sleep"}, {"expect": "module.continue"},
  {"quit": true}
]
JSON
run nb "$work/nb" third.json

# Only an exercise saved, no assessment: home all the same, offering the first assessment.
cat >first.json <<JSON
[
  {"click": "selfhelp.open"}, $create,
  {"wait_for": "modules.open.understanding", "timeout_ms": 30000},
  {"click": "modules.open.understanding"}, {"click": "module.continue"},
  {"click": "chrome.lock"}, {"expect": "welcome.start"},
  {"click": "welcome.start"}, $unlock,
  {"wait_for": "home.title", "timeout_ms": 30000},
  {"expect": "Du har ikkje svart på kartlegginga enno"},
  {"click": "home.assess"}, {"expect": "question.text"},
  {"quit": true}
]
JSON
run nn "$work/only_module" first.json
exit $fail
