#!/usr/bin/env bash
# The journal is the same bytes on Linux and Windows: a journal written by the Linux build
# opens in the Windows build (under wine) and the other way round, and both print the same
# bytes for the same commands. Usage: cross-journal.sh LINUX_BIN_DIR WINDOWS_DIR
set -euo pipefail
L=$(realpath "${1:?usage: cross-journal.sh LINUX_BIN_DIR WINDOWS_DIR}")/trinnctl
wexe=$(realpath "${2:?}")/trinnctl.exe
W() { wine "$wexe" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -5 >&2; fail "$3"; }; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
printf 'bl\xc3\xa5b\xc3\xa6r og tytteb\xc3\xa6r\n' >"$tmp/pw" # UTF-8 in the passphrase
printf 'nytt passord\n' >"$tmp/pw2"
rec() { printf '{"type":"checkin","ts":"2026-12-0%dT08:00:00Z","mood":%d,"note":"s\\u00f8vn %d \xc3\xa6\xc3\xb8\xc3\xa5"}\n' "$1" "$1" "$1"; }

"$L" score phq9 --answers 1,2,3,0,1,2,0,0,1 >"$tmp/score.l"
W score phq9 --answers 1,2,3,0,1,2,0,0,1 >"$tmp/score.w"
same "$tmp/score.l" "$tmp/score.w" "score phq9 differs"

# Linux writes, Windows reads and writes more, Linux reads it all.
"$L" journal create "$tmp/a.trinn" --passphrase-file "$tmp/pw" "${cheap[@]}" >/dev/null
{ rec 1; rec 2; } | "$L" journal append "$tmp/a.trinn" --passphrase-file "$tmp/pw" >/dev/null
"$L" journal list "$tmp/a.trinn" --passphrase-file "$tmp/pw" >"$tmp/a.l"
W journal list "$tmp/a.trinn" --passphrase-file "$tmp/pw" >"$tmp/a.w"
same "$tmp/a.l" "$tmp/a.w" "journal list of a Linux journal differs on Windows"
[ "$(wc -l <"$tmp/a.w")" = 2 ] || fail "Windows listed $(wc -l <"$tmp/a.w") records, not 2"
rec 3 | W journal append "$tmp/a.trinn" --passphrase-file "$tmp/pw" >/dev/null
W journal passwd "$tmp/a.trinn" --passphrase-file "$tmp/pw" --new-passphrase-file "$tmp/pw2" \
    >/dev/null
"$L" journal verify "$tmp/a.trinn" --passphrase-file "$tmp/pw2" >/dev/null ||
    fail "Linux cannot verify the journal Windows appended to and re-keyed"
"$L" journal list "$tmp/a.trinn" --passphrase-file "$tmp/pw2" >"$tmp/a3.l"
W journal list "$tmp/a.trinn" --passphrase-file "$tmp/pw2" >"$tmp/a3.w"
same "$tmp/a3.l" "$tmp/a3.w" "journal list after the Windows append differs"
[ "$(wc -l <"$tmp/a3.l")" = 3 ] || fail "Linux listed $(wc -l <"$tmp/a3.l") records, not 3"

# Windows writes, Linux reads.
W journal create "$tmp/b.trinn" --passphrase-file "$tmp/pw" "${cheap[@]}" >/dev/null
{ rec 4; rec 5; } | W journal append "$tmp/b.trinn" --passphrase-file "$tmp/pw" >/dev/null
"$L" journal verify "$tmp/b.trinn" --passphrase-file "$tmp/pw" >/dev/null ||
    fail "Linux cannot verify a Windows journal"
"$L" journal list "$tmp/b.trinn" --passphrase-file "$tmp/pw" >"$tmp/b.l"
W journal list "$tmp/b.trinn" --passphrase-file "$tmp/pw" >"$tmp/b.w"
same "$tmp/b.l" "$tmp/b.w" "journal list of a Windows journal differs on Linux"
[ "$(wc -l <"$tmp/b.l")" = 2 ] || fail "Linux listed $(wc -l <"$tmp/b.l") records, not 2"

# The app's script driver: the same screen dump, byte for byte (no \r\n from text mode).
if [ ! -x "$(dirname "$wexe")/trinn.exe" ]; then # built without the app (TRINN_WIN_UI=0)
    echo "cross-journal: score and journals read the same on Linux and Windows, both ways"
    exit 0
fi
printf '[{"key": "1"}, {"click": "language.continue"}, {"expect": "welcome.start"},\n' >"$tmp/s.json"
printf ' {"dump": "screen.json"}, {"quit": true}]\n' >>"$tmp/s.json"
mkdir "$tmp/dl" "$tmp/dw"
(cd "$tmp/dl" && SDL_VIDEODRIVER=dummy "$(dirname "$L")/trinn" --script ../s.json --data-dir ../d1)
(cd "$tmp/dw" && SDL_VIDEODRIVER=dummy wine "$(dirname "$wexe")/trinn.exe" --script ../s.json \
    --data-dir ../d2)
same "$tmp/dl/screen.json" "$tmp/dw/screen.json" "trinn --script's dump differs"
echo "cross-journal: score, journals and the app's screen dump read the same on Linux and Windows"
