#!/usr/bin/env bash
# «Lås» leaves nothing of what was typed but not saved: the goals form, the feedback form and
# the medication forms (a new medicine, a change, the side-effect check's note). For each form
# a secret (zqx and 16 random hex digits, given to the script driver only XOR-masked, as in
# test_memory_lock.sh) is typed into a field and not saved; the lock button in the top bar
# locks the profile from the form itself. A scan of the process's memory must find the secret
# while the form shows it and must not find it after locking; the profile is then opened again
# and the same form must open empty (with no copy of the secret in memory either).
# Each form is its own run of trinn, so each one's result stands on its own.
source "$(dirname "$0")/secret_lib.sh"
failed=""
trinn() { # name script
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$2" --data-dir "$work/data" \
        --kdf-cost test >/dev/null 2>"$work/err"; then
        echo "FAIL ($1): $(cat "$work/err")" >&2
        failed="$failed $1"
        return 0
    fi
    grep -c "scan_secret on screen welcome: 0 copies" "$work/err" | grep -qx 2 ||
        { echo "FAIL ($1): the scans after locking did not run: $(cat "$work/err")" >&2; failed="$failed $1"; }
}
unlock='{"tap": "track.progress"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "'"$pass"'"},
  {"tap": "profile.unlock"},
  {"wait_for": "progress.back", "timeout_ms": 30000},
  {"tap": "progress.back"},
  {"expect": "Welcome back, Kari"},'
# form NAME STEPS-TO-THE-FORM FIELD: types the secret into FIELD, locks, opens the profile
# again and the form, which must be empty.
form() {
    cat >"$work/$1.json" <<JSON
[
  {"expect": "Welcome to Trinn"},
  $unlock
  $2
  {"tap": "$3"},
  {"secret_text": true},
  {"scan_secret": "present"},
  {"tap": "chrome.lock"},
  {"expect": "Welcome to Trinn"},
  {"expect_absent": "Welcome back, Kari"},
  {"scan_secret": "absent"},
  $unlock
  $2
  {"expect_value": ["$3", ""]},
  {"tap": "chrome.lock"},
  {"expect": "Welcome to Trinn"},
  {"scan_secret": "absent"},
  {"quit": true}
]
JSON
    trinn "$1" "$work/$1.json"
}

# a profile with one medicine (a change is made to a medicine already listed)
cat >"$work/make.json" <<JSON
[
  {"tap": "language.en"},
  {"tap": "language.continue"},
  {"expect": "Welcome to Trinn"},
  {"tap": "welcome.start"},
  {"tap": "profile.new"},
  {"tap": "profile.name"},
  {"text": "Kari"},
  {"tap": "profile.pass"},
  {"text": "$pass"},
  {"tap": "profile.pass2"},
  {"text": "$pass"},
  {"tap": "profile.create"},
  {"wait_for": "question.text", "timeout_ms": 30000},
  {"tap": "question.back"},
  {"tap": "meds.open"},
  {"tap": "meds.add"},
  {"tap": "meds.name"},
  {"text": "Sertralin"},
  {"tap": "meds.save"},
  {"expect": "The medicine is saved."},
  {"tap": "chrome.lock"},
  {"expect": "Welcome to Trinn"},
  {"quit": true}
]
JSON
SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$work/make.json" --data-dir "$work/data" \
    --kdf-cost test >/dev/null 2>"$work/err" || fail "make: $(cat "$work/err")"

form goals '{"tap": "goals.open"}, {"tap": "goals.add"}, {"expect": "goals.text"},' goals.text
form feedback '{"tap": "fb.give"}, {"expect": "fb.note"},' fb.note
form meds_add '{"tap": "meds.open"}, {"tap": "meds.add"}, {"expect": "meds.name"},' meds.name
form meds_change '{"tap": "meds.open"}, {"tap": "meds.change.0"}, {"expect": "meds.date"},' meds.note
form meds_check '{"tap": "meds.open"}, {"tap": "meds.check"}, {"expect": "meds.fx.intro"},' meds.note
[ -z "$failed" ] || fail "typed text left after locking in:$failed"
echo "forms after lock: ok"
