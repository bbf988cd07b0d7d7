#!/usr/bin/env bash
# Issue 15: the kiosk runs under the compositor a kiosk uses, Debian 12's cage 0.1.4, on
# wlroots' headless backend (no screen, no GPU, no input devices), with the command line of
# platform/linux/kiosk/cage@.service (cage -d -- trinn --kiosk --config FILE) plus cage's -r (a
# portrait screen: the 1280x720 headless output turned to 720x1280), and with the files set up
# and owned as that folder's README says (the key readable by the kiosk user alone). The kiosk
# runs a script in cage's window (SDL_VIDEODRIVER=wayland) that waits until grim sees its frame
# filling the output (the first frames are 640x480, the resize comes later), taps a language,
# saves its own rendering and widget list and waits again while grim takes the output; the two
# must be the same pixels (full screen, no decorations), with the theme's colours where the
# widget list says.
#
# cage refuses to run as root and CI runs as root: then everything runs as uid 65534 (setpriv),
# from a copy of the programs and content in a folder that uid can read (the build tree may sit
# under /root, mode 0700). cage 0.1.4 exits 0 whatever its app returned, so a wrapper records
# the app's exit status. Exit 77 (skipped) only when run as root where setpriv cannot drop.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
for t in cage grim Xwayland setpriv python3; do
    command -v "$t" >/dev/null ||
        fail "$t is missing: apt-get install cage xwayland grim (platform/setup/deps.sh)"
done
as_user=()
if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    if ! "${as_user[@]}" true 2>/dev/null; then
        echo "SKIP: running as root and setpriv cannot drop to uid 65534; cage refuses root" >&2
        exit 77
    fi
fi
here=$(cd "$(dirname "$0")" && pwd)
W=720 H=1280
work=$(mktemp -d)
cpid=
cleanup() {
    # cage and the kiosk run in their own session (setsid): a kiosk ignores SIGTERM as a close
    # request, so the whole group gets SIGKILL
    if [ -n "$cpid" ]; then
        kill -KILL -- "-$cpid" 2>/dev/null || true
        wait "$cpid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
mkdir "$work/bin" "$work/out" "$work/run"
cp "$TRINN_BIN/trinn" "$work/bin/"
cp -r "$TRINN_CONTENT" "$work/content"
# The kiosk's files as platform/linux/kiosk/README.md sets them up: /etc/trinn is $work/etc,
# /var/spool/trinn-kiosk is $work/spool
. "$here/kiosk_setup.sh"
mkdir "$work/setup" "$work/etc" "$work/spool"
kiosk_setup "$work/setup"
cp "$work/setup/card.json" "$work/setup/pin.hash" "$work/setup/kiosk.key" "$work/etc/"
python3 - "$work/setup/kiosk.json" "$work/etc/kiosk.json" "$work/spool" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["spool"] = sys.argv[3]
json.dump(c, open(sys.argv[2], "w"), ensure_ascii=False)
PY
chmod 0750 "$work/etc"
chmod 0640 "$work/etc/kiosk.json" "$work/etc/card.json" "$work/etc/pin.hash"
chmod 0400 "$work/etc/kiosk.key"
chmod 0700 "$work/spool"
if [ ${#as_user[@]} != 0 ]; then
    chown root:65534 "$work/etc" "$work/etc/kiosk.json" "$work/etc/card.json" "$work/etc/pin.hash"
    chown 65534:65534 "$work/etc/kiosk.key" "$work/spool"
fi
cat >"$work/bin/app.sh" <<'SH'
#!/bin/sh
# cage 0.1.4 exits 0 whatever the app returned: the app's own exit status goes to a file
echo "$WAYLAND_DISPLAY" >"$OUT/display"
"$@"
echo $? >"$OUT/status"
SH
out=$work/out
cat >"$work/bin/script.json" <<JSON
[
  {"wait_file": "$out/go", "timeout_ms": 120000},
  {"expect": "kiosk.attract.title"},
  {"tap": "kiosk.lang.nb"},
  {"expect": "kiosk.home.start"},
  {"screenshot": "$out/app.bmp"},
  {"dump": "$out/layout.json"},
  {"wait_file": "$out/done", "timeout_ms": 120000},
  {"quit": true}
]
JSON
chmod 755 "$work/bin/app.sh"
chmod -R a+rX "$work/bin" "$work/content"
[ ${#as_user[@]} = 0 ] || chown 65534:65534 "$out" "$work/run"
chmod 700 "$work/run" # XDG_RUNTIME_DIR: the user's own, 0700, or wlroots refuses it

# Under AddressSanitizer, leaks are not checked here (address errors still are): SDL 2.26's
# Wayland driver and the libraries it loads keep memory at SDL_Quit, and unloads them, so
# LeakSanitizer can neither name nor suppress them. Trinn's own leaks are checked by every
# other test under ASan, with the dummy driver.
# The unit's command line, with this test's paths, plus -r for portrait
unit="$TRINN_SOURCE_DIR/platform/linux/kiosk/cage@.service"
opts=$(sed -n 's|^ExecStart=/usr/bin/cage \(.*\) -- .*|\1|p' "$unit")
[ "$opts" = "-d" ] || fail "cage@.service: cage options '$opts', expected -d"
app=$(sed -n 's|^ExecStart=/usr/bin/cage .* -- ||p' "$unit")
[ "$app" = "/usr/bin/trinn --kiosk --config /etc/trinn/kiosk.json" ] ||
    fail "cage@.service: the app's command line is '$app'"
app=${app/\/usr\/bin\/trinn/$work/bin/trinn}
app=${app/\/etc\/trinn\/kiosk.json/$work/etc/kiosk.json}
# in a session of its own (setsid), so that a failing run can end cage and the app together
setsid "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$work" OUT="$out" XDG_RUNTIME_DIR="$work/run" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman SDL_VIDEODRIVER=wayland \
    TRINN_CONTENT="$work/content" NO_AT_BRIDGE=1 \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
    cage $opts -r -- "$work/bin/app.sh" $app --script "$work/bin/script.json" \
    >"$work/cage.log" 2>&1 &
cpid=$!
grim_out() { # FILE: the whole output as PPM
    "${as_user[@]}" env XDG_RUNTIME_DIR="$work/run" WAYLAND_DISPLAY="$(cat "$out/display")" \
        grim -t ppm "$1"
}
log() { echo "--- cage and trinn said:"; cat "$work/cage.log"; }
# Wait (no time is asserted: the deadline only keeps a broken run from hanging) until the app's
# frame fills the output.
deadline=$((SECONDS + 180))
while :; do
    if [ -s "$out/display" ] && grim_out "$out/shot.ppm" 2>/dev/null; then
        rc=0
        python3 "$here/cage_shot.py" ready "$out/shot.ppm" $W $H || rc=$?
        [ $rc = 0 ] && break
        [ $rc = 1 ] || fail "$(log)"
    fi
    [ -f "$out/status" ] && fail "trinn ended before its frame filled the output: $(log)"
    kill -0 "$cpid" 2>/dev/null || fail "cage ended early: $(log)"
    [ $SECONDS -lt $deadline ] || fail "the app's frame never filled the ${W}x$H output: $(log)"
    sleep 0.2
done
"${as_user[@]}" touch "$out/go"
until [ -f "$out/layout.json" ]; do
    [ -f "$out/status" ] && fail "trinn ended before its dump: $(log)"
    [ $SECONDS -lt $deadline ] || fail "no dump from the script: $(log)"
    sleep 0.2
done
grim_out "$out/shot.ppm"
python3 "$here/cage_shot.py" check "$out/shot.ppm" "$out/app.bmp" "$out/layout.json" $W $H \
    kiosk.home.start || fail "$(log)"
"${as_user[@]}" touch "$out/done"
wait "$cpid" || fail "cage exited $?: $(log)"
cpid=
[ -f "$out/status" ] || fail "the wrapper recorded no exit status: $(log)"
[ "$(cat "$out/status")" = 0 ] || fail "trinn exited $(cat "$out/status") under cage: $(log)"
[ -z "$(ls -A "$work/spool")" ] || fail "the kiosk wrote into its spool folder: $(ls -A "$work/spool")"
echo "trinn --kiosk under headless cage: exit status 0"
