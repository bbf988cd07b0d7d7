# Sourced by the care-loop and team tests (team_keys.sh, team_members.sh, team_backup.sh,
# team_seq.sh, goals_report.sh, kiosk_card.sh): a scratch folder to work in (removed at exit
# unless KEEP is set), trinnctl as $T, two passphrase files (F, F2), the cheap key-derivation
# options for test profiles, and
#   fail WHAT               stops the test with WHAT
#   refused WORDS CMD...    fails unless CMD fails with WORDS on stderr (and no sanitizer report)
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
