#!/usr/bin/env bash
# Risk reaches a person (issue 14, client side): on an elevated- or acute-risk result the
# client paired with a team sees, after the crisis numbers, the team's phone and hours and
# «Send til teamet nå»; at acute risk the phone comes before the file, and the words say a file
# is not help now. Sending saves the result, opens the report with the assessment chosen, and
# the team opens the file with `trinnctl report open` and finds the risk flag. Without a
# paired team, and as a guest, the card says what to do oneself and offers no file.
# nb by mouse (elevated), nn by touch (acute), en by keyboard (elevated, no team); the answers
# are those of the flows flows/result_elevated.json and flows/risk.json, read from them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
T="$TRINN_BIN/trinnctl"
pass="grønn sykkel under brua"
printf 'fjell kaffe trikk solsikke\n' >F
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
fail=0
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH A" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
python3 - "$TRINN_SOURCE_DIR/content/i18n" >texts.tsv <<'PY'
import json, sys
for lang in ("nb", "nn", "en"):
    for k, v in json.load(open(f"{sys.argv[1]}/{lang}/exchange.json", encoding="utf-8")).items():
        print(f"{lang}\t{k}\t{v}")
PY
say() { # lang key [name=value...]
    local text arg
    text=$(awk -F'\t' -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' texts.tsv)
    [ -n "$text" ] || text="(no text $1 $2 in the catalog)"
    for arg in "${@:3}"; do text=${text//\{${arg%%=*}\}/${arg#*=}}; done
    printf '%s' "$text"
}
answers() { # flow: the answering steps after the flow's profile choice, as JSON list items
    python3 - "$1" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))
start = next(i for i, s in enumerate(steps) if "profile.guest" in json.dumps(s)) + 1
out = []
for s in steps[start:]:
    (k, v), = s.items()
    if k not in ("key", "tap", "click") or str(v).startswith("result."):
        break
    out.append(json.dumps(s))
print(", ".join(out))
PY
}
act() { # mode id
    case $1 in
    mouse) printf '{"click": "%s"}' "$2" ;;
    touch) printf '{"tap": "%s"}' "$2" ;;
    keys) printf '{"tab_to": "%s"}, {"key": "Return"}' "$2" ;;
    esac
}
field() { case $1 in keys) printf '{"tab_to": "%s"}' "$2" ;; *) act "$1" "$2" ;; esac; }
run() { # lang script [args]
    local lang=$1 script=$2
    shift 2
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$script" --data-dir "$work/$lang" \
        --lang "$lang" --kdf-cost test "$@" >"$work/out.txt" 2>&1; then
        echo "test_exch_risk: $lang $script failed:" >&2
        grep -v WARNING "$work/out.txt" >&2 || true
        fail=1
    fi
}
create() { # mode
    printf '%s, {"text": "Kari"}, %s, {"text": "%s"}, %s, {"text": "%s"}, %s' \
        "$(act "$1" profile.new)" "$(field "$1" profile.pass)" "$pass" \
        "$(field "$1" profile.pass2)" "$pass" "$(act "$1" profile.create)"
}

for case in nb:mouse:elevated:paired nn:touch:acute:paired en:keys:elevated:alone; do
    IFS=: read -r lang mode level team <<<"$case"
    flow=$here/flows/result_elevated.json
    [ "$level" = acute ] && flow=$here/flows/risk.json
    if [ "$team" = paired ]; then
        "$T" --data-dir team assign --profile Kari --passphrase-file F --client "klient-$lang" \
            --modules sleep --measures phq9:weekly --expires 2099-12-31 \
            --out "A-$lang.trinn-oppdrag" >/dev/null 2>&1
        cat >first.json <<JSON
[
  $(act "$mode" exch.unlock), $(create "$mode"),
  {"wait_for": "exch.fingerprint", "timeout_ms": 30000},
  $(act "$mode" exch.trust), {"expect": "exch.done.text"}, $(act "$mode" exch.back),
  $(act "$mode" home.reassess),
  $(answers "$flow"),
JSON
        run_args=("$work/A-$lang.trinn-oppdrag")
    else
        cat >first.json <<JSON
[
  $(act "$mode" welcome.start), $(create "$mode"),
  {"wait_for": "question.text", "timeout_ms": 30000},
  $(answers "$flow"),
JSON
        run_args=()
    fi
    if [ "$team" = paired ]; then
        what=$(say "$lang" exch.risk.send_text)
        order='{"expect_above": ["exch.risk.phone", "exch.risk.send"]}'
        [ "$level" = acute ] && what=$(say "$lang" exch.risk.send_text_acute)
        cat >>first.json <<JSON
  {"expect": "result.risk.title"},
  {"expect": "$(say "$lang" exch.team_phone_hours phone="22 00 00 00" hours=08-15)"},
  {"expect": "$what"}, $order,
  {"expect_above": ["crisis.emergency", "exch.risk"]},
  {"check_layout": true},
  $(act "$mode" exch.risk.send),
  {"expect": "$(say "$lang" exch.rep.intro_risk)"},
  {"expect_selected": "exch.rep.assessment"},
  {"check_layout": true},
  $(act "$mode" exch.rep.make),
  {"expect": "$(say "$lang" exch.rep.not_sent)"},
  {"expect": "$(say "$lang" exch.rep.risk_call)"},
  {"quit": true}
]
JSON
    else
        cat >>first.json <<JSON
  {"expect": "result.risk.title"},
  {"expect": "$(say "$lang" exch.risk.alone)"},
  {"expect_absent": "exch.risk.send"},
  {"expect_above": ["crisis.emergency", "exch.risk"]},
  {"check_layout": true},
  {"quit": true}
]
JSON
    fi
    rm -rf "$work/dl" && mkdir -p "$work/dl"
    XDG_DOWNLOAD_DIR="$work/dl" run "$lang" first.json "${run_args[@]}"
    [ "$team" = paired ] || continue
    file=$(ls "$work"/dl/*.trinn-rapport 2>/dev/null || true)
    if [ -z "$file" ] || ! "$T" --data-dir team report open "$file" --profile Kari \
        --passphrase-file F >open.json 2>err.txt; then
        echo "test_exch_risk: $lang: no report the team could open: $(cat err.txt 2>/dev/null)" >&2
        fail=1
        continue
    fi
    python3 - "$lang" "$level" <<'PY' || fail=1
import json, sys
lang, level = sys.argv[1:]
d = json.load(open("open.json"))
flags = [f.get("risk") for f in d["risk"] if f["type"] == "assessment"]
types = [r["type"] for r in d["report_payload"]["records"]]
if flags != [level] or "assessment" not in types or d["client"] != f"klient-{lang}":
    sys.exit(f"test_exch_risk: {lang}: the team's report: risk {d['risk']}, records {types}")
PY
done

# A guest at elevated risk: what to do oneself, no file, nothing said to be saved or sent.
cat >guest.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.guest"},
  $(answers "$here/flows/result_elevated.json"),
  {"expect": "result.risk.title"},
  {"expect": "$(say nb exch.risk.alone)"},
  {"expect_absent": "exch.risk.send"},
  {"quit": true}
]
JSON
rm -rf "$work/nb"
run nb guest.json
exit $fail
