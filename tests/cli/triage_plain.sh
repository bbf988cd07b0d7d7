#!/usr/bin/env bash
# trinnctl triage --interactive is the plain-terminal way through the triage, for a terminal
# screen reader (Orca's terminal, Fenrir, speakup) as much as for a transcript (issue 12 item
# 11): plain lines only. In nb, nn and en, piped and on a terminal (script(1) gives it a
# pseudo-terminal), its output holds no escape sequence (colour, cursor movement, clearing the
# screen) and no other control character but newline and tab; the recommended level is marked
# in words, not by colour. A pack whose texts carry escape sequences (and a piped answer with
# one) does not bring them to the terminal.
set -euo pipefail
ctl="$TRINN_BIN/trinnctl"
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# No byte below 0x20 but \n and \t, no DEL, no C1 control (UTF-8 C2 80-9F).
plain() {
    python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = [i for i, b in enumerate(data) if (b < 0x20 and b not in (0x0A, 0x09)) or b == 0x7F]
bad += [i for i in range(len(data) - 1) if data[i] == 0xC2 and 0x80 <= data[i + 1] <= 0x9F]
if bad:
    i = min(bad)
    sys.exit("control character 0x%02x at byte %d: %r" % (data[i], i, data[max(0, i - 30):i + 30]))
PY
}

# calm, then elevated risk (the crisis contacts twice), then acute (no choice)
answers=("4\n2\n1\n1\n2\n3\n2\n2\n2\n2\n2\n2\n2\n2\n1\n2\n1\n1\n1\n1\n1\n1\n1\n1\n2\n2\n2\n1\n2\n1\n2\n2\n"
         "4\n2\n1\n1\n2\n3\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n2\n1\n2\n"
         "4\n2\n1\n1\n2\n2\n1\n1\n1\n1\n1\n1\n1\n1\n3\n2\n2\n3\n")
for lang in nb nn en; do
    for i in 0 1 2; do
        printf "${answers[$i]}" | "$ctl" --lang "$lang" triage --interactive >"$work/out" ||
            fail "$lang answers $i: exit $?"
        plain "$work/out" || fail "$lang answers $i, piped: not plain text"
        # the same on a terminal (stdout a pseudo-terminal), where a program might colour; not
        # for the Windows build under wine, whose console emulation itself writes cursor codes
        [ -z "${TRINN_EMULATOR:-}" ] || continue
        printf "${answers[$i]}" >"$work/in"
        script -qec "'$ctl' --lang $lang triage --interactive <'$work/in'" /dev/null |
            tr -d '\r' >"$work/tty" # the pseudo-terminal itself turns \n into \r\n
        plain "$work/tty" || fail "$lang answers $i, on a terminal: not plain text"
        grep -q "116 123" "$work/tty" || [ "$i" = 0 ] || fail "$lang answers $i: no crisis contacts on a terminal"
    done
done
# the recommended level is said in words beside it (not a colour)
mark=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["texts"]["recommended_mark"]["nb"])' \
    "$TRINN_CONTENT/triage/terminal.json")
printf "${answers[0]}" | "$ctl" --lang nb triage --interactive >"$work/out"
grep -qF "1) Selvhjelp $mark" "$work/out" ||
    fail "the recommended level is not marked «$mark» in words"

# escape sequences in the pack's texts and in a piped answer do not reach the terminal
cp -r "$TRINN_CONTENT" "$work/pack"
python3 - "$work/pack/intake.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d["items"][0]["text"]["nb"] = "\u001b[2J\u001b[1;31m" + d["items"][0]["text"]["nb"] + "\u001b[0m\u009b2J"
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY
printf "4\x1b[A\n" | "$ctl" --content "$work/pack" --lang nb triage --interactive >"$work/out" || true
grep -q "Hvor gammel er du" "$work/out" || fail "the changed pack was not read: $(head -c 400 "$work/out")"
plain "$work/out" || fail "escape sequences from the pack or the answer reached the terminal"
echo "triage_plain: plain text in nb, nn and en, piped and on a terminal"
