/* tu_goals: the client's own goals in the app (issue 17): up to three goals in their own words,
 * each rated for how close it is, re-rated at check-ins and measures, marked reached or let go
 * of (kept in the list below, never deleted), linked to a self-help module when they wish,
 * charted beside the symptom measures, and shown to the team from a report. Texts and limits
 * are content/goals.json's (core/tr_goal.h); the records are made and read in core
 * (tr_goal_*), never here, and this code uses the typed list (tr_goal_list), not JSON.
 *
 * TU_SCR_GOALS shows the goals, TU_SCR_GOALS_EDIT one form (a new goal; a new rating of one,
 * with the ways to mark it reached or let go of). Only an open profile keeps goals: in guest
 * mode the screen says so and offers nothing to fill in. The home's card (tu_goals_home) is
 * drawn only when the pack has a valid goals.json. */
#ifndef TU_GOALS_H
#define TU_GOALS_H

#include "tr_goal.h"
#include "tu_errors.h"
#include "tu_ui.h"

typedef enum tu_goals_mode { TU_GOALS_ADD, TU_GOALS_RATE } tu_goals_mode;

typedef struct tu_goals {
    const tr_goal_content *content; /* the pack's (tr_bundle); NULL when it has none */
    int tried;                      /* the load was tried */
    tr_goal_list list;              /* read from the records ... */
    unsigned long list_gen;         /* ... at this tu_records.gen (+1; 0 = not read) */
    tu_goals_mode mode;             /* the open form */
    int item;                       /* the goal a new rating is for (index into list) */
    char text[TR_GOAL_TEXT_MAX + 1];
    int rating;                     /* the form's rating, -1 = not chosen */
    int module;                     /* the form's linked module (index), -1 = none */
    int rerate[TR_GOAL_ACTIVE_MAX]; /* check-in / measure: the new rating of each active
                                     * goal in list order, -1 = not given */
    int rerate_saved;               /* the measure's ratings were saved */
    tu_errors errs;
    const char *saved; /* catalog key of what was just saved, shown on the list; NULL = none */
} tu_goals;

struct tu_app;
/* The card on a client's home that opens the goals; nothing without valid content. */
void tu_goals_home(struct tu_app *app);
/* 1 with app->goals.content loaded (loads it once). */
int tu_goals_loaded(struct tu_app *app);
/* The goals as read from the open profile's records (re-read when they changed); NULL when out
 * of memory. */
const tr_goal_list *tu_goals_list(struct tu_app *app);
void tu_goals_body(struct tu_app *app);
void tu_goals_nav(struct tu_app *app, tu_rect bar);
/* Opens a form (TU_SCR_GOALS_EDIT) with its fields empty; item is the goal to rate. */
void tu_goals_edit(struct tu_app *app, tu_goals_mode mode, int item);
void tu_goals_edit_body(struct tu_app *app);
void tu_goals_edit_nav(struct tu_app *app, tu_rect bar);

/* The re-rating step of the check-in and the measure: a card asking, for each active goal, how
 * close it is now ("<prefix>.goal.<goal id>.<n>" buttons, 0-10). Nothing without goals or a
 * profile. With `at` ("measure") the card has its own save button ("<prefix>.goals.save"),
 * for a flow whose own record is saved already; without, the flow saves them with its own
 * (tu_goals_rerate_save). tu_goals_rerate_clear empties the answers (when the flow opens). */
void tu_goals_rerate(struct tu_app *app, const char *prefix, const char *at);
void tu_goals_rerate_clear(struct tu_app *app);
/* Saves the ratings given in the step as `goal` records (at = "checkin" / "measure") and clears
 * them. Returns the number saved, or -1 with err (and the problem in app->goals.errs, which the
 * measure's card shows) when one could not be saved (those before it stay saved). */
int tu_goals_rerate_save(struct tu_app *app, const char *at, tr_error *err);

/* One chart per goal of list (its ratings over time, 0-10), with a line of words under it, as
 * cards "<prefix>.chart.<goal id>"; closed goals say so. Used on the progress screen beside the
 * symptom measures and on the therapist's page of a client. */
void tu_goals_charts(struct tu_app *app, const tr_goal_list *list, const char *prefix);

/* On the progress screen, after the symptom measures: the charts of the open profile's goals
 * under a heading; nothing without goals. */
void tu_goals_progress(struct tu_app *app);

/* A therapist's page of a client: the goals the client shared (read from the shared records,
 * an array of journal records), their ratings and charts; nothing when none were shared. */
void tu_goals_team(struct tu_app *app, const cJSON *records);

/* On a module's page: the client's active goals linked to module_id, each a line "goals.for.<goal
 * id>"; nothing when none is. */
void tu_goals_for_module(struct tu_app *app, const char *module_id);

/* One goal record in words for a list of records (a report's preview): "<date>: new goal
 * «text», 3 of 10", a new rating, reached, let go of, a module linked; the words of a goal set
 * earlier come from the open profile's goals. */
void tu_goals_say(struct tu_app *app, const tr_goal_event *ev, const char *date, char *buf,
                  size_t size);

/* Frees the list read from the records and wipes the open form, typed text and all (the
 * content is the bundle's, found again when next needed): tu_app_shutdown, and whenever a
 * profile closes or another opens (locking, tu_prof_forget_derived). */
void tu_goals_free(tu_goals *g);

#endif
