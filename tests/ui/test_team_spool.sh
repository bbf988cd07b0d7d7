#!/usr/bin/env bash
# Issue 15, the team side in the app: the therapist's page opens a kiosk's spool folder
# (ui/tu_scr_team_spool.c, the core code `trinnctl spool open` runs). A kiosk set up as the
# README says (trinnctl kiosk init, pin; the team enrols it with a label) hands in a visitor's
# answers and a staff test hand-in; beside them lie a tampered copy, a copy cut short, a hand-in
# from a kiosk the team never enrolled and one from a kiosk it revoked. Then, in nb by mouse, in
# nn by touch and in en by keyboard (1920x1080, 1366x768, 1080x1920, the layout checked):
# the team card lists the enrolled kiosk (label, key id, fingerprint) and not the revoked one;
# «Innleveringer fra kiosken» takes the typed folder, imports the two good hand-ins (reference
# code as the kiosk showed it, time, scores, risk, recommendation and chosen level) into the
# client list, and refuses the four others each with its own words; the refused files stay in
# the folder and the imported ones are gone; the client's page opens from the row, and the team
# home lists the new client.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
T=${TRINN_BIN:?}/trinnctl
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
tpass="fjell kaffe trikk solsikke"
printf '%s\n' "$tpass" >F
D=$work/team

"$T" --data-dir "$D" profile create --kind therapist --name Kari --label Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out card.json >/dev/null
printf '4321\n' >pin.txt
"$T" kiosk pin --out pin.hash --pin-file pin.txt >/dev/null
for k in good revoked foreign; do
    "$T" kiosk init --out "$k.key" >"$k.json" 2>/dev/null
done
E=("$T" --data-dir "$D" kiosk)
"${E[@]}" enrol --profile Kari --passphrase-file F --key good.json --label "Venterommet i 1. etasje" >/dev/null
"${E[@]}" enrol --profile Kari --passphrase-file F --key revoked.json >/dev/null
"${E[@]}" revoke --profile Kari --passphrase-file F --key revoked.json >/dev/null
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
good_fpr=$(field good.json fingerprint) good_id=$(field good.json key_id)
revoked_fpr=$(field revoked.json fingerprint)

# the kiosks' hand-ins: a visitor's (the moderate flow's answers, by touch) and a staff test
python3 - "$here" visit.json <<'PY'
import json, os, sys
here, out = sys.argv[1:]
for path in ("flows/moderate.json", "flow_moderate_nb.json"):
    if os.path.exists(os.path.join(here, path)):
        steps = json.load(open(os.path.join(here, path)))
        break
i = steps.index({"click": "profile.guest"}) + 1
j = i
while j < len(steps) and set(steps[j]) <= {"tap", "click"}:
    j += 1
answers = [{"tap": v} for s in steps[i:j] for v in s.values()]
flow = ([{"tap": "kiosk.lang.nb"}, {"tap": "kiosk.home.start"}] + answers +
        [{"expect": "result.level.name"}, {"tap": "kiosk.handin"}, {"tap": "kiosk.handin.yes"},
         {"expect": "kiosk.handin.code"}, {"dump": "visit-dump.json"}, {"tap": "kiosk.done"},
         {"quit": True}])
json.dump(flow, open(out, "w"), ensure_ascii=False)
PY
cat >staff.json <<'JSON'
[{"tap": "kiosk.lang.en"}, {"long_press": "chrome.name", "hold_ms": 3000},
 {"tap": "kiosk.pin.4"}, {"tap": "kiosk.pin.3"}, {"tap": "kiosk.pin.2"}, {"tap": "kiosk.pin.1"},
 {"tap": "kiosk.pin.ok"}, {"tap": "kiosk.staff.test"},
 {"expect": "The test hand-in is in the folder"}, {"tap": "kiosk.staff.exit"}]
JSON
kiosk() { # key flow spool
    mkdir -p "$3"
    sed -e "s/\"kiosk.key\"/\"$1.key\"/" -e "s|\"spool\": \"spool\"|\"spool\": \"$3\"|" \
        "$here/kiosk/kiosk.json" >"cfg-$1.json"
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config "cfg-$1.json" --script "$2" \
        --size 1080x1920 >/dev/null 2>"kiosk-$1.err" || fail "kiosk $1 $2: $(cat "kiosk-$1.err")"
}
kiosk good visit.json spool
kiosk good staff.json spool
kiosk revoked staff.json s_revoked
kiosk foreign staff.json s_foreign
code=$(python3 -c '
import json, sys
for w in json.load(open(sys.argv[1]))["widgets"]:
    if w["id"] == "kiosk.handin.code": print(w["label"])' visit-dump.json)
[[ $code =~ ^[2-9]{3}\ [2-9]{3}$ ]] || fail "the kiosk showed the code '$code'"
visit=$(ls spool/*"${code/ /}".trinn-rapport)
python3 - "$visit" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
t = bytearray(b); t[len(t) // 2] ^= 1
open("spool/kiosk-20261205-222222.trinn-rapport", "wb").write(bytes(t))
end = b.index(b"\n", b.index(b"\n---") + 1) + 1
open("spool/kiosk-20261205-333333.trinn-rapport", "wb").write(b[:end + 20])
PY
mv s_revoked/*.trinn-rapport spool/kiosk-20261205-444444.trinn-rapport
mv s_foreign/*.trinn-rapport spool/kiosk-20261205-555555.trinn-rapport
[ "$(ls spool | wc -l)" = 6 ] || fail "the spool folder: $(ls spool)"

# the texts of a language, read from the catalogs: say LANG KEY prints one
python3 - "$TRINN_SOURCE_DIR/content/i18n" >texts.tsv <<'PY'
import json, os, sys
for lang in ("nb", "nn", "en"):
    d = os.path.join(sys.argv[1], lang)
    for f in sorted(os.listdir(d)):
        for k, v in json.load(open(os.path.join(d, f), encoding="utf-8")).items():
            if isinstance(v, str):
                print(f"{lang}\t{k}\t{v}")
PY
say() { awk -F'\t' -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' texts.tsv; }

flow() { # lang-key lang press spool-dir
    local key=$1 l=$2 press=$3 dir=$4
    python3 - "$key" "$press" "$dir" "$tpass" "$code" "$good_fpr" "$good_id" "$revoked_fpr" \
        "$(say "$l" team.spool.why.altered)" "$(say "$l" team.spool.why.truncated)" \
        "$(say "$l" team.spool.why.foreign_kiosk)" "$(say "$l" team.spool.why.revoked_kiosk)" \
        "$(say "$l" team.spool.summary)" <<'PY'
import json, sys
(key, press, folder, tpass, code, fpr, key_id, revoked_fpr,
 altered, truncated, foreign, revoked, summary) = sys.argv[1:]
summary = summary.replace("{opened}", "2").replace("{refused}", "4")
steps = [
    {"key": key}, {press: "language.continue"}, {press: "welcome.start"},
    {press: "profile.open.0"}, {"text": tpass}, {press: "profile.unlock"},
    {"wait_for": "team.fingerprint", "timeout_ms": 30000},
    {"expect": "team.clients.none"},
    {"expect": "Venterommet i 1. etasje"}, {"expect": fpr}, {"expect": key_id},
    {"expect_absent": revoked_fpr},
    {"check_layout": True},
    {press: "team.spool.go"},
    {"expect": "team.spool.how"},
    {"expect_absent": "team.spool.summary"},
    {press: "team.spool.dir"}, {"text": folder},
    {press: "team.spool.open"},
    {"wait_for": "team.spool.summary", "timeout_ms": 30000},
    {"expect": summary},
    {"expect": code},
    {"expect": altered}, {"expect": truncated}, {"expect": foreign}, {"expect": revoked},
    {"expect": "kiosk-20261205-222222.trinn-rapport"},
    {"check_layout": True},
    {"dump": folder + ".dump.json"}, {"screenshot": folder + ".bmp"},
    {press: "team.spool.client.0"},
    {"wait_for": "team.client.back", "timeout_ms": 10000},
    {press: "team.client.back"},
    {"expect": "team.client.0"},
    {"expect": "kiosk-"},
    {"quit": True},
]
json.dump(steps, sys.stdout, ensure_ascii=False, indent=1)
PY
}
keyboard() { python3 -c '
import json, sys
out = []
for s in json.load(sys.stdin):
    (k, v), = s.items() if len(s) == 1 else ((None, None),)
    if k == "click" and v in ("profile.open.0", "team.spool.dir"):
        out += [{"tab_to": v}] + ([{"key": "Return"}] if v == "profile.open.0" else [])
    elif k == "click" and v == "team.spool.open":
        out += [{"key": "Return"}]  # Enter in the folder field opens it
    elif k == "click":
        out += [{"tab_to": v}, {"key": "Return"}]
    else:
        out.append(s)
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)'; }

run() { # lang flow-file size
    local dir=$work/run-$1
    rm -rf "$dir" "$work/spool-$1"
    cp -r "$D" "$dir"
    cp -r spool "$work/spool-$1"
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$2" --data-dir "$dir" --kdf-cost test \
        --size "$3" >"$work/$1.out" 2>&1 || fail "$1: $(tail -5 "$work/$1.out")"
    # the imported files are gone, the refused ones stay
    [ "$(ls "$work/spool-$1" | sort | tr '\n' ' ')" = "kiosk-20261205-222222.trinn-rapport kiosk-20261205-333333.trinn-rapport kiosk-20261205-444444.trinn-rapport kiosk-20261205-555555.trinn-rapport " ] ||
        fail "$1: left in the folder: $(ls "$work/spool-$1")"
    # the rows showed what the kiosk handed in
    python3 - "$work/spool-$1.dump.json" "$code" <<'PY' || fail "$1: the rows: $(cat "$work/spool-$1.dump.json")"
import json, sys
w = {x["id"]: x["label"] for x in json.load(open(sys.argv[1]))["widgets"]}
codes = [v for k, v in w.items() if k.startswith("team.spool.code.")]
assert any(sys.argv[2] in c for c in codes), codes
scores = [v for k, v in w.items() if k.startswith("team.spool.scores.")]
assert any("PHQ-9" in s and "GAD-7" in s for s in scores), scores
for part in ("time", "risk", "recommended", "chosen"):
    assert any(k.startswith("team.spool.%s." % part) and v for k, v in w.items()), part
PY
}
flow 1 nb click "$work/spool-nb" >nb.json
run nb nb.json 1920x1080
flow 2 nn tap "$work/spool-nn" >nn.json
run nn nn.json 1366x768
flow 3 en click "$work/spool-en" | keyboard >en.json
run en en.json 1080x1920
echo ok
