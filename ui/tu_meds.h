/* tu_meds: the client's medication log in the app (issue 17): the medicines with their changes,
 * the side-effect check, the wish for help without medication and the plain word that stopping
 * is planned with the doctor. Texts and the check's list are content/medication.json's
 * (core/tr_med.h); the records are made and read in core (tr_med_*), never here.
 *
 * TU_SCR_MEDS shows the log, TU_SCR_MEDS_EDIT one form (a new medicine, a change, the check).
 * Only an open profile keeps a log: in guest mode the screen says so and offers nothing to fill
 * in. The home's card (tu_meds_home) is drawn only when the pack has a valid medication.json. */
#ifndef TU_MEDS_H
#define TU_MEDS_H

#include "tr_med.h"
#include "tu_errors.h"
#include "tu_ui.h"

typedef enum tu_meds_mode { TU_MEDS_ADD, TU_MEDS_CHANGE, TU_MEDS_CHECK } tu_meds_mode;

typedef struct tu_meds {
    tr_med_content *content; /* NULL until loaded, or when the pack has none or a broken one */
    int tried;               /* the load was tried */
    tr_med_log log;          /* read from the records ... */
    unsigned long log_gen;   /* ... at this tu_records.gen (+1; 0 = not read) */
    tu_meds_mode mode;       /* the open form */
    int item;                /* the medicine a change is for */
    char name[TR_MED_FIELD_MAX + 1], dose[TR_MED_FIELD_MAX + 1], since[TR_MED_FIELD_MAX + 1];
    char prescriber[TR_MED_FIELD_MAX + 1], date[TR_MED_FIELD_MAX + 1];
    char note[TR_MED_NOTE_MAX + 1];
    int stopped;
    int rating[TR_MED_MAX_EFFECTS]; /* index into the ratings, -1 = not answered */
    tu_errors errs;
    const char *saved; /* catalog key of what was just saved, shown on the log; NULL = none */
    int back_to_step;  /* opened from a module step's link: «Tilbake» goes back there */
} tu_meds;

struct tu_app;
/* The card on a client's home that opens the log; nothing without valid content. */
void tu_meds_home(struct tu_app *app);
/* 1 with app->meds.content loaded (loads it once). */
int tu_meds_loaded(struct tu_app *app);
/* The log as read from the open profile's records (re-read when they changed); NULL when out of
 * memory. */
const tr_med_log *tu_meds_log(struct tu_app *app);
void tu_meds_body(struct tu_app *app);
void tu_meds_nav(struct tu_app *app, tu_rect bar);
/* Opens a form (TU_SCR_MEDS_EDIT) with its fields empty; item is the medicine for a change. */
void tu_meds_edit(struct tu_app *app, tu_meds_mode mode, int item);
void tu_meds_edit_body(struct tu_app *app);
void tu_meds_edit_nav(struct tu_app *app, tu_rect bar);
/* Frees the log read from the records and wipes the open form, typed text and all (the
 * content is the bundle's, found again when next needed): tu_app_shutdown, and whenever a
 * profile closes or another opens (locking, tu_prof_forget_derived). */
void tu_meds_free(tu_meds *m);

#endif
