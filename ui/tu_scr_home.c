/* tu_scr_home: the returning client's home. Once a profile holds something of the client's
 * own (an assessment, a measure, a check-in, an exercise, an assignment), its start screen is
 * this one instead of the welcome and a fresh assessment: what was assigned or chosen, the
 * next routine measure, the client's modules, the check-in and the charts, and the way to lock.
 * Everything shown is read from the records (core/RECORDS.md) and the pack's texts for the ids
 * they hold. The logo in the top bar comes here (tu_app_home). */
#include <stdio.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_answers.h"
#include "tr_record_read.h"
#include "tr_records_list.h"
#include "tu_app.h"
#include "tu_date.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

/* The newest record of `type`, or NULL. */
static const cJSON *newest(tu_app *app, const char *type)
{
    return tr_records_newest(tu_records_list(&app->records), type);
}

int tu_home_wanted(tu_app *app)
{
    static const char *const own[] = {"assessment",      "measure",    "checkin",    "module_entry",
                                      "module_progress", "assignment", "medication", "side_effects",
                                      "medication_wish", "feedback"};
    if (!app->prof.open.j || !app->pack)
        return 0; /* a guest or nobody, or a broken pack (its staff card): the welcome */
    return tr_records_any_of(tu_records_list(&app->records), own, sizeof own / sizeof own[0]);
}

static void fill(tu_app *app, const char *key, const char *name, const char *value, char *buf,
                 size_t size)
{
    tr_i18n_arg args[] = {{name, value}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, size);
}

static void card_title(tu_app *app, const char *id, const char *key)
{
    tu_ctx *ui = &app->ui;
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
             T(app, key));
}

/* What the therapist assigned (the newest accepted assignment): homework, modules, measures
 * and the next appointment. Nothing when there is none. */
static void assigned_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tr_assignment_view pay;
    if (tr_assignment_read(newest(app, "assignment"), &pay, NULL) != TR_OK)
        return;
    char line[1200], date[128];
    tu_card_begin(ui, "home.assigned");
    card_title(app, "home.assigned.title", "home.assigned_title");
    const char *homework = pay.homework;
    if (homework && homework[0]) {
        fill(app, "home.homework", "text", homework, line, sizeof line);
        tu_paragraph(ui, "home.assigned.homework", line);
    }
    const char *appt = pay.next_appointment;
    if (appt && appt[0]) {
        tu_date_format_ts(&app->lang, appt, 1, date, sizeof date);
        fill(app, "home.appointment", "date", date, line, sizeof line);
        tu_paragraph(ui, "home.assigned.appointment", line);
    }
    for (size_t i = 0; i < pay.n_measures; i++) {
        const char *inst_id = pay.measures[i].instrument, *every = pay.measures[i].every;
        const tr_inst *inst = app->pack ? tr_content_find_inst(app->pack, inst_id) : NULL;
        char key[64], id[64];
        snprintf(key, sizeof key, "home.every.%s", every);
        tr_i18n_arg args[] = {
            {"instrument", inst ? L(app, &inst->name) : inst_id}, {"every", T(app, key)}, {0, 0}};
        tr_i18n_fill(T(app, "home.assigned_measure"), args, line, sizeof line);
        snprintf(id, sizeof id, "home.assigned.measure.%zu", i);
        tu_paragraph(ui, id, line);
    }
    if (pay.n_modules)
        tu_mods_home_list(app, "home.assigned.module", pay.modules, pay.n_modules, 0);
    tu_card_end(ui);
}

/* The choice of the newest assessment (level, when, what happens next), or the way to the
 * first assessment. Returns 1 with *a the assessment read, or 0 when there is none. */
static int choice_card(tu_app *app, tr_assessment_view *a)
{
    tu_ctx *ui = &app->ui;
    int have = tr_assessment_read(newest(app, "assessment"), a, NULL) == TR_OK;
    tu_card_begin(ui, "home.choice");
    card_title(app, "home.choice.title", "home.choice_title");
    if (!have) {
        tu_paragraph(ui, "home.choice.none", T(app, "home.choice_none"));
        if (tu_button(ui, "home.assess", TU_LOOK_PRIMARY, T(app, "home.assess_first")))
            tu_assess_start(app);
        tu_card_end(ui);
        return 0;
    }
    const char *chosen = a->chosen;
    const tr_level *lv = chosen && app->pack ? tr_content_find_level(app->pack, chosen) : NULL;
    char line[1200], date[128];
    tu_date_format_ts(&app->lang, a->ts ? a->ts : "", 0, date, sizeof date);
    tr_i18n_arg args[] = {{"level", lv       ? L(app, &lv->name)
                                    : chosen ? chosen
                                             : "?"},
                          {"date", date},
                          {0, 0}};
    tr_i18n_fill(T(app, "home.choice"), args, line, sizeof line);
    tu_paragraph(ui, "home.choice.level", line);
    /* what happens next, unless the answers showed risk: then the level's usual steps ("within
     * 1-2 weeks") would contradict the same-day help the result gave; say that instead */
    if (tr_assessment_has_risk(a))
        tu_paragraph(ui, "home.choice.risk", T(app, "history.risk"));
    else if (lv && lv->next.n > 0)
        tu_paragraph(ui, "home.choice.next", L(app, &lv->next));
    tu_card_end(ui);
    return 1;
}

/* The next routine measure: due now (with the way to answer), or the day it is due. */
static void measure_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_trk_update(app) || app->trk.cfg.n_measures == 0)
        return;
    tr_track_due due[TR_TRACK_MAX_MEASURES + 1];
    int64_t now = tp_clock_now();
    size_t n = tr_track_due_at(app->trk.t, now, due, sizeof due / sizeof due[0]);
    int64_t next = 0;
    int any_due = 0;
    char names[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(due[i].what, "checkin") == 0)
            continue;
        const tr_inst *inst = app->pack ? tr_content_find_inst(app->pack, due[i].what) : NULL;
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", len ? T(app, "home.and") : "",
                 inst ? L(app, &inst->name) : due[i].what);
        if (due[i].due)
            any_due = 1;
        else if (!next || due[i].next < next)
            next = due[i].next;
    }
    char line[800], date[128];
    tu_card_begin(ui, "home.measure");
    card_title(app, "home.measure.title", "home.measure_title");
    if (any_due) {
        fill(app, "home.measure_due", "instruments", names, line, sizeof line);
        tu_paragraph(ui, "home.measure.when", line);
        if (tu_button(ui, "home.measure.open", TU_LOOK_PRIMARY, T(app, "measure.start")))
            tu_measure_open(app, TU_SCR_HOME);
    } else {
        tu_date_format(&app->lang, next, 0, date, sizeof date);
        tr_i18n_arg args[] = {{"instruments", names}, {"date", date}, {0, 0}};
        tr_i18n_fill(T(app, "home.measure_next"), args, line, sizeof line);
        tu_paragraph(ui, "home.measure.when", line);
    }
    tu_card_end(ui);
}

void tu_home_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    char line[400];
    fill(app, "home.title", "name", app->prof.open.name, line, sizeof line);
    tu_title(ui, "home.title", line);
    assigned_card(app);
    tu_exch_home(app);
    tr_assessment_view a;
    int have = choice_card(app, &a);
    measure_card(app);
    tu_goals_home(app);
    /* the modules the client has begun, then those the chosen help suggested */
    tu_card_begin(ui, "home.modules");
    card_title(app, "home.modules.title", "home.modules_title");
    if (!tu_mods_home_list(app, "home.module", a.modules, have ? a.n_modules : 0, 1))
        tu_paragraph(ui, "home.modules.none", T(app, "home.modules_none"));
    if (tu_button(ui, "selfhelp.open", TU_LOOK_SECONDARY, T(app, "modules.welcome_open")))
        tu_mods_open_list(app);
    tu_card_end(ui);
    tu_trk_welcome(app);
    tu_meds_home(app);
    tu_feedback_home(app);
    tu_guide_welcome(app);
    tu_profile_welcome(app);
}

void tu_home_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    /* drawn left to right, so Tab meets them in reading order */
    if (tu_button_at(ui, "history.open", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "history.welcome_open"))) {
        app->res.hist_open = 0;
        tu_app_go(app, TU_SCR_HISTORY);
        return;
    }
    if (tu_button_at(ui, "home.reassess", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, newest(app, "assessment") ? "home.assess_again" : "home.assess_first")))
        tu_assess_start(app);
}

/* ---- the logo: home from anywhere ---------------------------------------------------------- */

static void go_start(tu_app *app)
{
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    app->multi_item = NULL;
    if (app->trk.meas.on)
        tu_assess_end(&app->trk.meas.walk);
    app->trk.meas.on = 0;
    app->trk.saved = 0;
    tu_mods_flush(app); /* what was typed in an exercise is saved before it closes */
    app->mods.cur = app->mods.step = -1;
    tu_app_go(app, TU_SCR_WELCOME); /* the home, for a returning client (tu_app_go) */
}

static void lock_now(tu_app *app)
{
    go_start(app);
    tu_profile_lock(app);
}

/* Leaves the screen through fn, asking first when answers not saved yet would be lost. */
static void leave(tu_app *app, tu_confirm_fn fn)
{
    const tu_assess *walk =
        app->screen == TU_SCR_QUESTION && app->assess_on ? &app->assess
        : (app->screen == TU_SCR_MEASURE || app->screen == TU_SCR_MEASURE_DONE) && app->trk.meas.on
            ? &app->trk.meas.walk
            : NULL;
    if (app->screen == TU_SCR_PROFILE && !tu_profile_leave(app))
        return; /* a key is being derived: it takes about a second */
    if (app->screen == TU_SCR_MEASURE_DONE && !app->trk.meas.problem[0])
        walk = NULL; /* saved already */
    if (walk && tr_answers_any(walk->answers)) {
        tu_confirm(app,
                   app->screen == TU_SCR_QUESTION ? "confirm.leave_assessment"
                                                  : "confirm.leave_measure",
                   fn);
        return;
    }
    if (app->screen == TU_SCR_RESULT && app->res.have && !app->res.saved) {
        tu_confirm(app, "confirm.leave_result", fn);
        return;
    }
    fn(app);
}

void tu_app_home(tu_app *app)
{
    leave(app, go_start);
}

void tu_app_lock(tu_app *app)
{
    leave(app, lock_now);
}
