/* tu_track_ui: symptom tracking in the front end: the gentle reminder when a measure is due,
 * the quick daily check-in (tu_scr_checkin.c) and the charts with their plain-words summaries
 * (tu_scr_track.c).
 *
 * What is due, every series and the outcome come from core/tr_track.h fed with the profile's
 * records (tu_records), incrementally as records are appended. The schedule and the check-in
 * fields are content (content/tracking.json); the scales come from the pack's instruments.
 *
 * Ownership: tu_trk owns its tracker; tu_trk_free releases it. */
#ifndef TU_TRACK_UI_H
#define TU_TRACK_UI_H

#include <stddef.h>

#include "tr_outcome.h"
#include "tr_track.h"
#include "tu_ui.h"

typedef struct tu_trk {
    int loaded;     /* 1 once tracking.json was read (even when it failed) */
    int ok;         /* 1 when the tracker works */
    char msg[1100]; /* why tracking is unavailable */
    tr_track_config cfg;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + 2];
    size_t n_scales;
    tr_outcome_config ocfg;
    tr_track *t;
    size_t fed; /* records fed so far */

    /* the check-in form, one value per config field */
    double val[TR_TRACK_MAX_FIELDS]; /* scale: the chosen value, or -1 */
    char text[TR_TRACK_MAX_FIELDS][300];
    char problem[1100]; /* why the last save did not happen */
    int saved;          /* a check-in was saved this visit: the charts say so */
} tu_trk;

struct tu_app;

/* Brings the tracker up to date with the records (loading the config on first use).
 * Returns 1 when tracking works, 0 when not (msg says why). */
int tu_trk_update(struct tu_app *app);
void tu_trk_free(tu_trk *t);

/* On the welcome screen: the reminder when a measure is due, and the ways in. */
void tu_trk_welcome(struct tu_app *app);

void tu_checkin_open(struct tu_app *app);
void tu_checkin_body(struct tu_app *app);
void tu_checkin_nav(struct tu_app *app, tu_rect bar);
void tu_progress_body(struct tu_app *app);
void tu_progress_nav(struct tu_app *app, tu_rect bar);

#endif
