/* tu_feedback: the client's feedback on the help in the app (issue 17): a short form after a
 * contact or a finished module (the questions of content/feedback.json on their small scale, one
 * free-text line, and the wish to change therapist), the feedback charted over time with where
 * the wish stands, and the same feedback on the therapist's page of a client. The questions,
 * the scale and the clinical texts are content/feedback.json's (core/tr_feedback.h); the records
 * are made and read in core, never here (no JSON in this code).
 *
 * TU_SCR_FEEDBACK is the form (and, once saved, what happens with it); TU_SCR_FEEDBACK_HIST the
 * chart and the list. Only an open profile keeps feedback: a guest is told so and offered no
 * form. Nothing is drawn when the pack has no valid feedback.json. */
#ifndef TU_FEEDBACK_H
#define TU_FEEDBACK_H

#include "tr_feedback.h"
#include "tu_errors.h"
#include "tu_ui.h"

typedef struct tu_fb {
    const tr_feedback_content *content; /* the pack's (tr_bundle); NULL when it has none */
    int tried;                          /* the load was tried */
    tr_feedback_log log;                /* read from the records ... */
    unsigned long log_gen;              /* ... at this tu_records.gen (+1; 0 = not read) */
    /* the open form */
    char module[48];                   /* the finished module it is about ("" = after a contact) */
    int answer[TR_FEEDBACK_MAX_ITEMS]; /* index into the scale, -1 = not answered */
    char note[TR_FEEDBACK_NOTE_MAX + 1];
    int change;
    int saved;        /* the form was saved: the screen says what happens next */
    int saved_change; /* ... and it held the wish to change therapist */
    tu_errors errs;
} tu_fb;

struct tu_app;
struct tr_caseload_client;
/* 1 with app->fb.content loaded (loads it once). */
int tu_feedback_loaded(struct tu_app *app);
/* The feedback as read from the open profile's records (re-read when they changed); NULL when
 * out of memory or without content. */
const tr_feedback_log *tu_feedback_log(struct tu_app *app);
/* The card on a client's home: «Gi tilbakemelding», and the history once there is some. */
void tu_feedback_home(struct tu_app *app);
/* On a finished module's page: the offer to give feedback on it. */
void tu_feedback_offer(struct tu_app *app, const char *module_id);
/* Opens the form, empty; module_id is the finished module, or NULL after a contact. */
void tu_feedback_open(struct tu_app *app, const char *module_id);
void tu_feedback_body(struct tu_app *app);
void tu_feedback_nav(struct tu_app *app, tu_rect bar);
void tu_feedback_hist_body(struct tu_app *app);
void tu_feedback_hist_nav(struct tu_app *app, tu_rect bar);
/* On the therapist's page of client c: the wish to change therapist (an alert) when the
 * client's shared records hold one. */
void tu_feedback_team_wish(struct tu_app *app, const struct tr_caseload_client *c);
/* ... and the client's shared feedback, newest first, in words. */
void tu_feedback_team_card(struct tu_app *app, const struct tr_caseload_client *c);
/* Frees the log read from the records and wipes the open form, typed text and all (the
 * content is the bundle's, found again when next needed): tu_app_shutdown, and whenever a
 * profile closes or another opens (locking, tu_prof_forget_derived). */
void tu_feedback_free(tu_fb *f);

#endif
