#!/usr/bin/env bash
# Walks the self-help and tracking screens (the thought record, the activity diary, the crisis
# plan, the check-in, the PHQ-9/GAD-7 measures and the charts in nb, nn and en) at 800x480, 1280x800, 1920x1080 and
# 1080x1920, and in the large-text and high-contrast themes, with check_layout after every step:
# fails where text overflows its box, interactive widgets overlap or anything lies outside the
# window.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=layout_walk.sh
. "$here/layout_walk.sh"
layout_checked "$here/flow_thought_record_nb.json" thought-nb.json
layout_checked "$here/flow_activity_diary_en.json" activity-en.json
layout_checked "$here/flow_crisis_plan_nb.json" crisisplan-nb.json
for lang in nb nn en; do
    layout_checked "$here/flow_checkin_$lang.json" "checkin-$lang.json"
done
for lang in nb nn en; do
    layout_checked "$here/flow_measure_$lang.json" "measure-$lang.json"
done
layout_checked_lang "$here/flows/measure_risk.json" measure-risk-nb.json nb
for walk in thought-nb checkin-nb checkin-nn checkin-en measure-nb measure-nn measure-en; do
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        layout_run "$walk.json" "$size" standard
    done
    layout_run "$walk.json" 800x480 large
    layout_run "$walk.json" 1280x800 contrast
    layout_run_text "$walk.json" 800x480 standard 2
    layout_run_text "$walk.json" 1280x800 contrast 1.5
done
# the worksheet fields (dates, counts, errors) and the error pattern at every size and text size
for lang in nb nn en; do
    layout_checked "$here/flow_worksheet_fields_$lang.json" "fields-$lang.json"
    layout_checked_lang "$here/flows/errors.json" "errors-$lang.json" "$lang"
    for walk in "fields-$lang" "errors-$lang"; do
        for size in 800x480 1280x800 1080x1920; do
            layout_run "$walk.json" "$size" standard
        done
        layout_run_text "$walk.json" 800x480 standard 2
        layout_run_text "$walk.json" 800x480 contrast 1.5
        layout_run_text "$walk.json" 1080x1920 contrast 2
    done
done
# the diary's rows put short fields side by side: the narrowest and the widest case
layout_run activity-en.json 800x480 large
layout_run activity-en.json 1920x1080 standard
# the crisis view with the client's own plan under the contacts
layout_run crisisplan-nb.json 800x480 large
layout_run crisisplan-nb.json 1080x1920 standard
# the measures' result with the crisis contacts first
layout_run measure-risk-nb.json 800x480 large
layout_run measure-risk-nb.json 1080x1920 standard
exit $fail
