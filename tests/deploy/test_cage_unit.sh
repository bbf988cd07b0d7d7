#!/usr/bin/env bash
# Issue 15, deployment: platform/linux/kiosk/cage@.service is a unit systemd accepts, with what
# the kiosk needs (a dedicated user, a PAM session, its own virtual terminal instead of the
# getty, restarts, cage 0.1.4's -d and the kiosk's command line), and /etc/pam.d/cage as cage's
# documentation shows it. systemd-analyze verify reads the unit offline (no running systemd
# needed, as in CI containers); it checks that ExecStart's program exists, so cage must be
# installed (platform/setup/deps.sh). Unknown or misspelt settings are only warned about (exit
# 0), so any output at all fails, and a copy with a misspelt setting shows that this check
# catches one.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
src=${TRINN_SOURCE_DIR:?}/platform/linux/kiosk
unit=$src/cage@.service
command -v systemd-analyze >/dev/null ||
    fail "systemd-analyze is missing: apt-get install systemd (platform/setup/deps.sh)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# verify FILE: systemd-analyze's exit status and everything it printed, in $work/out
verify() {
    local rc=0
    # --man=no: whether man:cage(1) is installed is the machine's business, not the unit's
    SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no "$1" >"$work/out" 2>&1 || rc=$?
    return $rc
}
mkdir "$work/ok" "$work/bad"
# the instance the README enables
cp "$unit" "$work/ok/cage@tty1.service"
verify "$work/ok/cage@tty1.service" || fail "systemd-analyze verify refused the unit: $(cat "$work/out")"
[ ! -s "$work/out" ] || fail "systemd-analyze verify warned about the unit: $(cat "$work/out")"
sed 's/^Restart=always$/Restart=allways/' "$unit" >"$work/bad/cage@tty1.service"
cmp -s "$unit" "$work/bad/cage@tty1.service" && fail "the unit has no Restart=always line"
verify "$work/bad/cage@tty1.service" || true
[ -s "$work/out" ] || fail "a misspelt setting went unnoticed: $(cat "$work/out")"

# What the issue asks of the unit, line by line ([Service] and [Unit] as systemd reads them)
want() { grep -qxF -- "$1" "$unit" || fail "cage@.service lacks the line: $1"; }
want "User=trinn-kiosk"
want "PAMName=cage"
want "TTYPath=/dev/%I"
want "Conflicts=getty@%i.service"
want "Restart=always"
want "DefaultInstance=tty1"
want "WantedBy=graphical.target"
# SECURITY.md, kiosk hardening
for line in LimitCORE=0 MemorySwapMax=0 PrivateTmp=yes ProtectHome=tmpfs NoNewPrivileges=yes; do
    want "$line"
done
exec_line=$(grep '^ExecStart=' "$unit")
[ "$(grep -c '^ExecStart=' "$unit")" = 1 ] || fail "cage@.service: more than one ExecStart="
case "$exec_line" in
"ExecStart=/usr/bin/cage -d -- /usr/bin/trinn --kiosk --config /etc/trinn/kiosk.json") ;;
*) fail "cage@.service: unexpected $exec_line" ;;
esac
grep -q "cage 0.1.4" "$unit" || fail "cage@.service does not say which cage it was written for"

# /etc/pam.d/cage: pam_unix for the user's account, pam_systemd for the logind session cage
# needs to open the seat
pam=$src/pam.d-cage
for line in "auth required pam_unix.so nullok" "account required pam_unix.so" \
    "session required pam_unix.so" "session required pam_systemd.so"; do
    grep -v '^#' "$pam" | tr -s ' \t' ' ' | grep -qxF "$line" || fail "pam.d-cage lacks: $line"
done
echo "cage@.service: systemd-analyze verify clean; pam.d-cage as cage documents it"
