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

#include "tu_errors.h"
#include <stddef.h>

#include "tr_outcome.h"
#include "tr_track.h"
#include "tu_assess.h"
#include "tu_ui.h"

/* The routine measures answered on their own (tu_scr_measure.c): one walk over every
 * scheduled instrument (PHQ-9, then GAD-7), then the scores saved as `measure` records. */
typedef struct tu_meas {
    int on;         /* a walk is open (walk owns its answers) */
    int from;       /* the tu_screen to go back to */
    tu_assess walk; /* over wsteps: the instruments' steps and the risk follow-ups */
    tr_step steps[TR_TRACK_MAX_MEASURES]; /* one per scheduled instrument, every item */
    size_t n_steps;
    tr_step wsteps[TR_TRACK_MAX_MEASURES + 2]; /* steps, the risk step after PHQ-9 item 9 */
    size_t n_wsteps;
    const tr_step *risk_step; /* the triage's risk follow-ups, or NULL */
    int risk_step_added;      /* risk_step is in wsteps (once, after the first critical item) */
    /* when finished, per step: */
    tr_score score[TR_TRACK_MAX_MEASURES];
    int answered[TR_TRACK_MAX_MEASURES]; /* items answered (0: nothing to save) */
    int saved[TR_TRACK_MAX_MEASURES];    /* its record is in the journal */
    double prev[TR_TRACK_MAX_MEASURES];  /* the total before this one, NAN when none */
    int64_t prev_ts[TR_TRACK_MAX_MEASURES];
    int risk; /* tr_risk of the answers (PHQ-9 item 9 and its follow-ups), as triage finds it */
    char problem[1100]; /* why saving failed */
    tu_errors errs;     /* its summary (tu_errors.h) */
} tu_meas;

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
    char problem[1100]; /* why the last save did not happen (a failed write) */
    tu_errors errs;     /* what to fix before it can be saved (tu_errors.h) */
    int saved;          /* a check-in was saved this visit: the charts say so */
    tu_meas meas;       /* the measure flow */
} tu_trk;

struct tu_app;

/* Brings the tracker up to date with the records (loading the config on first use).
 * Returns 1 when tracking works, 0 when not (msg says why). */
int tu_trk_update(struct tu_app *app);
void tu_trk_free(tu_trk *t);

/* On the welcome screen, near the top: the gentle reminder when a measure is due, with the
 * way to answer (nothing when none is due). */
void tu_trk_reminder(struct tu_app *app);
/* On the welcome screen: the check-in and the charts. */
void tu_trk_welcome(struct tu_app *app);

void tu_checkin_open(struct tu_app *app);

/* The outcome in plain words (tr_outcome_summary, texts from the pack's outcome catalog) into
 * out[0..max); returns how many sentences (0 when there are no measures or tracking is off). */
size_t tu_trk_outcome_texts(struct tu_app *app, char out[][600], size_t max);

/* One measure's chart (bands, the caseness line, reliable changes ringed) with its summary, in a
 * card: the client's progress (voice "progress": its texts speak to the client) and the
 * therapist's client page ("team": about the client), each from a tracker of its own. The
 * texts are the catalog's <voice>.measure_title and <voice>.measure_key. */
void tu_trk_measure_chart(struct tu_app *app, const tr_track_series *s, const char *voice);

/* 1 when a routine measure is due (and one was taken before: a first-time client is not
 * nagged), at now. */
int tu_trk_measure_due(struct tu_app *app);

/* Starts the measure flow (every scheduled instrument); `from` is the tu_screen that Back
 * at the first question and Done return to. On a problem the error dialog says what. */
void tu_measure_open(struct tu_app *app, int from);

#endif
