# Sourced by the care-loop flow tests (test_exch_import.sh, test_exch_report.sh,
# test_exch_risk.sh, test_exch_loop.sh, test_goals_report_ui.sh): a scratch folder to work in,
# the passphrases, and the helpers that write flow steps. Set `name` (the test's name, for
# messages) before sourcing, and `catalogs` when the texts come from other catalogs than
# "exchange team".
#   say LANG KEY [NAME=VALUE...]  a catalog text (content/i18n/LANG/<catalog>.json) with its
#                                 placeholders filled
#   act MODE ID                   the steps that press widget ID by mouse, touch or keyboard
#   field MODE ID                 the steps into text field ID (the keyboard only moves there:
#                                 Return would submit)
#   create MODE [NAME]            the steps that make a client profile in the open create view
#   run LANG SCRIPT [ARGS...]     trinn runs SCRIPT headless in the data folder $work/LANG (or
#                                 $work/$data when data is set); XDG_DOWNLOAD_DIR and the like
#                                 pass through the environment; a failure is printed and sets fail=1
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
T="$TRINN_BIN/trinnctl"
pass="grønn sykkel under brua"
printf '%s\n' "$pass" >pw.txt
printf 'fjell kaffe trikk solsikke\n' >F
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
fail=0
python3 - "$TRINN_SOURCE_DIR/content/i18n" ${catalogs:-exchange team} >texts.tsv <<'PY'
import json, sys
for lang in ("nb", "nn", "en"):
    for cat in sys.argv[2:]:
        with open(f"{sys.argv[1]}/{lang}/{cat}.json", encoding="utf-8") as f:
            for k, v in json.load(f).items():
                print(f"{lang}\t{k}\t{v}")
PY
say() {
    local text arg
    text=$(awk -F'\t' -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' "$work/texts.tsv")
    [ -n "$text" ] || text="(no text $1 $2 in the catalog)"
    for arg in "${@:3}"; do text=${text//\{${arg%%=*}\}/${arg#*=}}; done
    printf '%s' "$text"
}
act() {
    case $1 in
    mouse) printf '{"click": "%s"}' "$2" ;;
    touch) printf '{"tap": "%s"}' "$2" ;;
    keys) printf '{"tab_to": "%s"}, {"key": "Return"}' "$2" ;;
    esac
}
field() {
    case $1 in
    keys) printf '{"tab_to": "%s"}' "$2" ;;
    *) act "$1" "$2" ;;
    esac
}
create() {
    printf '%s, {"text": "%s"}, %s, {"text": "%s"}, %s, {"text": "%s"}, %s' \
        "$(act "$1" profile.new)" "${2:-Kari}" "$(field "$1" profile.pass)" "$pass" \
        "$(field "$1" profile.pass2)" "$pass" "$(act "$1" profile.create)"
}
run() {
    local lang=$1 script=$2
    shift 2
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$script" \
        --data-dir "$work/${data:-$lang}" --lang "$lang" --kdf-cost test "$@" >"$work/out.txt" 2>&1; then
        echo "$name: $lang $script failed:" >&2
        grep -v WARNING "$work/out.txt" >&2 || true
        fail=1
    fi
}
