# Sourced by the care-loop and team tests (team_keys.sh, team_members.sh, team_backup.sh,
# team_seq.sh, goals_report.sh, kiosk_card.sh): a scratch folder to work in (removed at exit
# unless KEEP is set), trinnctl as $T, two passphrase files (F, F2), the cheap key-derivation
# options for test profiles, and
#   fail WHAT               stops the test with WHAT
#   refused WORDS CMD...    fails unless CMD fails with WORDS on stderr (and no sanitizer report)
#   team_and_client         a therapist Kari («RPH Bydel Nord») in $D, her team card CARD.json
#                           and its fingerprint $fpr, and a client Ola in $D2 (journal
#                           $D2/profiles/$id.trinn) who took in Kari's assignment to klient-9
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
refused() {
    local words=$1
    shift
    if setsid -w "$@" </dev/null >out 2>err; then fail "accepted: $* ($(cat out))"; fi
    grep -q -- "$words" err || fail "expected '$words': $(cat err)"
    ! grep -q "Sanitizer" err || fail "sanitizer report: $(cat err)"
}
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
printf 'fjell kaffe trikk solsikke\n' >F
printf 'blåbær sykkel regnjakke tulipan\n' >F2
D=$tmp/team D2=$tmp/client
team_and_client() {
    "$T" --data-dir "$D" profile create --kind therapist --name Kari --passphrase-file F \
        --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
    "$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >/dev/null
    fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')
    "$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client klient-9 \
        --modules sleep --measures phq9:weekly --expires 2099-12-31 --out X.trinn-oppdrag >/dev/null
    "$T" --data-dir "$D2" profile create --kind client --name Ola --passphrase-file F2 \
        "${cheap[@]}" >/dev/null
    "$T" --data-dir "$D2" assignment import X.trinn-oppdrag --profile Ola --passphrase-file F2 \
        --trust "$fpr" >/dev/null
    id=$("$T" --data-dir "$D2" profile list |
        python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
}
