#!/usr/bin/env bash
# Walks the self-help and tracking screens (the thought record, the activity diary, the crisis
# plan, the check-in, the PHQ-9/GAD-7 measures and the charts in nb, nn and en) at 800x480, 1280x800, 1920x1080 and
# 1080x1920, and in the large-text and high-contrast themes, with check_layout after every step:
# fails where text overflows its box, interactive widgets overlap or anything lies outside the
# window.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
run() { # script size theme
    rm -rf "$work/data"
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --size "$2" --theme "$3" \
        --data-dir "$work/data" >/dev/null; then
        echo "layout walk failed: $1, $2, theme $3" >&2
        fail=1
    fi
}
# flows keep one step per line: add a layout check after each
checked() {
    sed -e 's/^\(  {.*}\),$/\1, {"check_layout": true},/' "$1" >"$2"
}
checked "$here/flow_thought_record_nb.json" thought-nb.json
checked "$here/flow_activity_diary_en.json" activity-en.json
checked "$here/flow_crisis_plan_nb.json" crisisplan-nb.json
for lang in nb nn en; do
    checked "$here/flow_checkin_$lang.json" "checkin-$lang.json"
done
for lang in nb nn en; do
    checked "$here/flow_measure_$lang.json" "measure-$lang.json"
done
checked "$here/flow_measure_risk_nb.json" measure-risk-nb.json
for walk in thought-nb checkin-nb checkin-nn checkin-en measure-nb measure-nn measure-en; do
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        run "$walk.json" "$size" standard
    done
    run "$walk.json" 800x480 large
    run "$walk.json" 1280x800 contrast
done
# the diary's rows put short fields side by side: the narrowest and the widest case
run activity-en.json 800x480 large
run activity-en.json 1920x1080 standard
# the crisis view with the client's own plan under the contacts
run crisisplan-nb.json 800x480 large
run crisisplan-nb.json 1080x1920 standard
# the measures' result with the crisis contacts first
run measure-risk-nb.json 800x480 large
run measure-risk-nb.json 1080x1920 standard
exit $fail
