#!/usr/bin/env bash
# Issue 15: the kiosk's start screens use a portrait screen's height calmly. For the attract
# screen and the kiosk home, in nb, nn and en, at 1080x1920 (the kiosk), 1920x1080 and 1366x768:
# nothing overflows or leaves the window (check_layout); every touch target is at least 48 px
# each way; at 1080x1920 the screen is not half empty (the content reaches below 60 % of the
# height) and the way in (the languages, «Start kartleggingen») is in the lower third, within a
# thumb's reach; the screens say what RPH offers, that no referral is needed, the team's phone,
# hours and desk, and the crisis numbers. Screenshots are kept with KEEP=1 (shot-*.bmp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
T=${TRINN_BIN:?}/trinnctl
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept: $work" >&2 || rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
printf 'fjell kaffe trikk solsikke\n' >F
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" --kdf-ops 1 \
    --kdf-mem-kib 8 >/dev/null 2>&1
"$T" --data-dir team team card --profile Kari --passphrase-file F --out card.json >/dev/null
"$T" kiosk init --out kiosk.key >/dev/null 2>&1
printf '4321\n' >pin.txt
"$T" kiosk pin --out pin.hash --pin-file pin.txt >/dev/null
mkdir spool
for l in nb nn en; do
    # the attract screen shows the first offered language first
    others=$(printf '"%s", ' nb nn en | sed "s/\"$l\", //")
    sed "s/\"languages\": \[[^]]*\]/\"languages\": [\"$l\", ${others%, }]/" \
        "$here/kiosk/kiosk.json" >"kiosk-$l.json"
    for size in 1080x1920 1920x1080 1366x768; do
        cat >flow.json <<JSON
[{"expect": "kiosk.attract.title"}, {"check_layout": true}, {"dump": "attract.json"},
 {"screenshot": "shot-attract-$l-$size.bmp"},
 {"tap": "kiosk.lang.$l"}, {"expect": "kiosk.home.start"}, {"check_layout": true},
 {"dump": "home.json"}, {"screenshot": "shot-home-$l-$size.bmp"}, {"quit": true}]
JSON
        SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config "kiosk-$l.json" \
            --script flow.json --size "$size" >/dev/null 2>err || fail "$l $size: $(cat err)"
        python3 - "$l" "$size" <<'PY' || fail "$l $size: see above"
import json, sys
lang, size = sys.argv[1], sys.argv[2]
w, h = map(int, size.split("x"))
TARGETS = {"button", "option", "radio", "checkbox", "textfield", "slider"}
def check(name, start_ids, must):
    d = json.load(open(name + ".json"))
    assert d["lang"] == lang, (name, d["lang"])
    ids = {x["id"] for x in d["widgets"]}
    for m in must:
        assert m in ids, "%s %s %s: no %s" % (lang, size, name, m)
    for x in d["widgets"]:
        rx, ry, rw, rh = x["rect"]
        assert "overflow" not in x["state"], "%s %s %s: %s overflows" % (lang, size, name, x["id"])
        if x["kind"] in TARGETS and ry < h and ry + rh > 0:
            assert rw >= 48 and rh >= 48, "%s %s %s: target %s is %dx%d (< 48 px)" % (
                lang, size, name, x["id"], rw, rh)
    starts = [x for x in d["widgets"] if x["id"] in start_ids]
    assert starts, (name, start_ids)
    for x in starts:
        rx, ry, rw, rh = x["rect"]
        assert ry >= 0 and ry + rh <= h and rx >= 0 and rx + rw <= w, (name, x)
    if h > w:  # the kiosk: portrait
        body = [x for x in d["widgets"] if not x["id"].startswith("chrome.")
                and x["id"] not in start_ids and x["kind"] not in ("scroll", "button")]
        bottom = max(x["rect"][1] + x["rect"][3] for x in body)
        assert bottom >= 0.6 * h, "%s %s %s: the content ends at %d of %d px: half empty" % (
            lang, size, name, bottom, h)
        for x in starts:
            assert x["rect"][1] >= 2 * h / 3, "%s %s %s: %s at y=%d, not in the lower third" % (
                lang, size, name, x["id"], x["rect"][1])
common = ["kiosk.offer", "kiosk.home.no_referral", "kiosk.home.phone", "kiosk.home.hours.name",
          "kiosk.home.desk", "kiosk.crisis_short"]
check("attract", {"kiosk.lang.nb", "kiosk.lang.nn", "kiosk.lang.en"}, common)
check("home", {"kiosk.home.start"}, common)
PY
    done
done
echo ok
