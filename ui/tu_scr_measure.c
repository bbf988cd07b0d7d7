/* tu_scr_measure: the routine measures (PHQ-9 and GAD-7, as tracking.json schedules them)
 * answered on their own, between sessions: one question per screen with big answer buttons,
 * progress, back and skip, as in the self-assessment. Finishing saves one `measure` record per
 * instrument (core/RECORDS.md) and shows each score in words, the change since the last time,
 * and the outcome so far; PHQ-9 item 9 above 0 puts the crisis contacts first. */
#include "tu_app.h"
#include "tu_date.h"

#include "tr_answers.h"
#include "tr_record.h"
#include "tr_track_content.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *L(const tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_codes[app->lang.cur]);
}

static void fail_dialog(tu_app *app, const char *what, const char *why)
{
    app->error_open = 1;
    snprintf(app->error_msg, sizeof app->error_msg, "%.200s %.800s", what, why);
}

void tu_measure_open(tu_app *app, int from)
{
    tu_goals_rerate_clear(app);
    tu_meas *m = &app->trk.meas;
    tr_error err = {0};
    if (!tu_trk_update(app)) {
        fail_dialog(app, T(app, "measure.unavailable"), app->trk.msg);
        return;
    }
    if (m->on)
        tu_assess_end(&m->walk);
    memset(m, 0, sizeof *m);
    m->from = from;
    const tr_track_config *cfg = &app->trk.cfg;
    for (size_t i = 0; i < cfg->n_measures && m->n_steps < TR_TRACK_MAX_MEASURES; i++) {
        /* tu_trk_update made the scales from the pack: every scheduled instrument is there */
        const tr_inst *inst = tr_content_find_inst(app->pack, cfg->measures[i].instrument);
        assert(inst && inst->kind == TR_INST_SCORED);
        tr_step *st = &m->steps[m->n_steps++];
        st->id = inst->id;
        st->inst = inst;
        for (size_t k = 0; k < inst->n_items && k < TR_INST_MAX_ITEMS; k++)
            st->items[st->n_items++] = k;
    }
    /* After an instrument with a critical item (PHQ-9 item 9), the same risk follow-ups as the
     * self-assessment; they show only when the item is answered above 0 (their show_if). */
    m->risk_step = tu_result_rules(app) == 0 ? tr_triage_risk_step(app->res.triage) : NULL;
    for (size_t i = 0; i < m->n_steps; i++) {
        const tr_step *st = &m->steps[i];
        size_t cut = st->n_items; /* the follow-ups come right after the critical item */
        for (size_t k = 0; m->risk_step && !m->risk_step_added && k < st->n_items; k++)
            for (size_t c = 0; c < st->inst->scoring.n_critical; c++)
                if (st->items[k] == st->inst->scoring.critical[c].item)
                    cut = k + 1;
        tr_step *head = &m->wsteps[m->n_wsteps++];
        *head = *st;
        if (cut == st->n_items)
            continue;
        head->n_items = cut;
        m->wsteps[m->n_wsteps++] = *m->risk_step;
        m->risk_step_added = 1;
        tr_step *tail = &m->wsteps[m->n_wsteps];
        *tail = *st;
        tail->n_items = st->n_items - cut;
        memmove(tail->items, st->items + cut, tail->n_items * sizeof tail->items[0]);
        m->n_wsteps += tail->n_items > 0;
    }
    if (tu_assess_begin_steps(&m->walk, app->pack, m->wsteps, m->n_wsteps, &err) != TR_OK) {
        fail_dialog(app, T(app, "measure.unavailable"), err.msg);
        return;
    }
    m->on = 1;
    tu_app_go(app, TU_SCR_MEASURE);
    tu_focus_first(app, "measure.answer.0");
}

/* The total of instrument `id` measured before now, and when; NAN when never. */
static double previous(tu_app *app, const char *id, int64_t *ts)
{
    tr_track_series s;
    tr_error err = {0};
    *ts = 0;
    if (tr_track_series_get(app->trk.t, id, &s, &err) != TR_OK)
        return NAN;
    for (size_t i = s.n_points; i-- > 0;)
        if (isfinite(s.points[i].v[0])) {
            *ts = s.points[i].ts;
            return s.points[i].v[0];
        }
    return NAN;
}

/* Appends the records not yet saved; on a failure m->problem says why and the rest wait for
 * "try again". */
static void save(tu_app *app)
{
    tu_meas *m = &app->trk.meas;
    char ts[32];
    tu_records_now(ts, sizeof ts);
    m->problem[0] = 0;
    for (size_t i = 0; i < m->n_steps; i++) {
        if (m->saved[i] || !m->answered[i])
            continue;
        tr_error err = {0};
        cJSON *rec = tr_track_measure_record(m->steps[i].inst, &m->score[i], m->walk.answers, ts);
        if (rec && m->steps[i].inst->scoring.n_critical > 0 &&
            tr_track_measure_add_risk(rec, tr_risk_name((tr_risk)m->risk), m->risk_step,
                                      m->walk.answers) != 0) {
            tr_record_free(rec);
            rec = NULL;
        }
        if (!rec) {
            snprintf(m->problem, sizeof m->problem, "%s %s", T(app, "measure.save_failed"),
                     "out of memory");
            break;
        }
        if (tu_records_append(&app->records, rec, &err) != 0) {
            snprintf(m->problem, sizeof m->problem, "%s %s", T(app, "measure.save_failed"),
                     err.msg);
            break;
        }
        m->saved[i] = 1;
    }
    app->ui.need_redraw = 1;
}

/* The risk of the measure's answers as the triage finds it (item 9 and its follow-ups, a skipped
 * follow-up counting as its least safe answer), when an instrument with a critical item was
 * asked; else from the critical items alone. */
static int measure_risk(tu_app *app, int flagged)
{
    tu_meas *m = &app->trk.meas;
    tr_triage_result r;
    tr_error err = {0};
    int critical = 0, risk;
    for (size_t i = 0; i < m->n_steps; i++)
        critical |= m->steps[i].inst->scoring.n_critical > 0 && m->answered[i] > 0;
    if (!critical || !app->res.triage)
        return flagged ? TR_RISK_ELEVATED : TR_RISK_NONE;
    if (tr_triage_run(app->res.triage, m->walk.answers, &r, &err) != TR_OK)
        return flagged ? TR_RISK_ELEVATED : TR_RISK_NONE;
    risk = (int)r.risk;
    tr_triage_result_free(&r);
    return risk;
}

/* The walk is over: score each instrument, note the last totals, save, show the result. */
static void finish(tu_app *app)
{
    tu_meas *m = &app->trk.meas;
    int flagged = 0;
    m->risk = 0;
    if (!tu_trk_update(app)) {
        fail_dialog(app, T(app, "measure.unavailable"), app->trk.msg);
        return;
    }
    for (size_t i = 0; i < m->n_steps; i++) {
        const tr_inst *inst = m->steps[i].inst;
        tr_error err = {0};
        m->answered[i] = 0;
        for (size_t k = 0; k < m->steps[i].n_items; k++)
            m->answered[i] += tu_assess_has(&m->walk, inst->items[m->steps[i].items[k]].id);
        if (tr_inst_score(inst, m->walk.answers, &m->score[i], &err) != TR_OK) {
            /* the walk stores option values only, so the scorer always takes them */
            fail_dialog(app, T(app, "measure.save_failed"), err.msg);
            return;
        }
        flagged |= m->score[i].n_flags > 0;
        m->prev[i] = previous(app, inst->id, &m->prev_ts[i]);
    }
    m->risk = measure_risk(app, flagged);
    save(app);
    tu_app_go(app, TU_SCR_MEASURE_DONE);
}

/* After the walk took an answer (st, err: how that went): the next question, or the end. */
static void answered(tu_app *app, tr_status st, const tr_error *err)
{
    tu_meas *m = &app->trk.meas;
    if (st != TR_OK) {
        fail_dialog(app, T(app, "measure.unavailable"), err->msg);
        return;
    }
    tu_focus_first(app, "measure.answer.0");
    for (int i = 0; i < app->ui.n_scrolls; i++)
        app->ui.scrolls[i].offset = 0;
    if (!tu_assess_current(&m->walk))
        finish(app);
}

void tu_measure_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_meas *m = &app->trk.meas;
    const tu_assess_q *q = m->on ? tu_assess_current(&m->walk) : NULL;
    if (!q)
        return;
    const tr_item *item = q->item;
    const tr_inst *inst = q->step->inst;
    tu_walk_progress(app, &m->walk, "measure.progress");
    /* which questionnaire this is, and its stem ("Over the last 2 weeks...") */
    tu_label(ui, "measure.instrument", TU_FONT_STRONG, ui->style.small_size, ui->style.text_muted,
             L(app, &inst->name));
    if (inst->intro.n > 0 && item->scored) /* not above the "how difficult..." question */
        tu_note(ui, "measure.intro", L(app, &inst->intro));
    tu_title(ui, "measure.question", L(app, &item->text));
    if (item->help.n > 0)
        tu_paragraph(ui, "measure.help", L(app, &item->help));
    int pick = tu_answer_options(app, item, &m->walk, "measure.answer");
    if (pick >= 0) {
        tr_error err = {0};
        answered(app, tu_assess_answer_option(&m->walk, &item->options[pick], &err), &err);
    }
}

/* Closes the walk and goes to `to`. */
static void close_walk(tu_app *app, tu_screen to)
{
    tu_meas *m = &app->trk.meas;
    if (m->on)
        tu_assess_end(&m->walk);
    m->on = 0;
    app->trk.saved = 0;
    tu_app_go(app, to);
}

static void leave_unsaved(tu_app *app)
{
    close_walk(app, TU_SCR_WELCOME);
}

static void leave_walk(tu_app *app)
{
    close_walk(app, (tu_screen)app->trk.meas.from);
}

void tu_measure_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_meas *m = &app->trk.meas;
    const tu_assess_q *q = m->on ? tu_assess_current(&m->walk) : NULL;
    /* as in the self-assessment: an answered question offers «Next» (keeping it), not «Skip» */
    int kept = q && tu_assess_has(&m->walk, q->item->id);
    if (tu_button_at(ui, "measure.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "question.back"))) {
        tu_focus_first(app, "measure.answer.0");
        if (m->on && m->walk.pos > 0)
            tu_assess_back(&m->walk);
        else if (m->on && tr_answers_any(m->walk.answers))
            tu_confirm(app, "confirm.leave_measure", leave_walk);
        else
            tu_app_go(app, (tu_screen)m->from);
        return;
    }
    if (!q)
        return;
    if (kept && tu_button_at(ui, "question.next", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                             T(app, "question.next"))) {
        tr_error err = {0};
        answered(app, tu_assess_answer_again(&m->walk, &err), &err);
    } else if (!kept && tu_button_at(ui, "measure.skip", tu_split(ui, bar, 2, 1), TU_LOOK_SECONDARY,
                                     T(app, "question.skip"))) {
        tr_error err = {0};
        answered(app, tu_assess_answer_option(&m->walk, NULL, &err), &err);
    }
}

/* ---- the result ----------------------------------------------------------------------------- */

/* One instrument: name and points, the band in words, the change since the last time. */
static void score_card(tu_app *app, size_t i)
{
    tu_ctx *ui = &app->ui;
    tu_meas *m = &app->trk.meas;
    const tr_inst *inst = m->steps[i].inst;
    const tr_score *sc = &m->score[i];
    const char *name = L(app, &inst->name);
    char id[96], a[32], b[32], c[48], line[600];
    snprintf(id, sizeof id, "measure.score.%s", inst->id);
    tu_card_begin(ui, id);
    if (!m->answered[i] || !sc->scorable || !sc->band) {
        tr_i18n_arg args[] = {{"instrument", name}, {NULL, NULL}};
        tr_i18n_fill(tu_tr_saving(app, m->answered[i] ? "measure.not_scorable" : "measure.skipped"),
                     args, line, sizeof line);
        tu_paragraph(ui, id, line);
        tu_card_end(ui);
        return;
    }
    snprintf(a, sizeof a, "%g", sc->total);
    snprintf(b, sizeof b, "%g", inst->scoring.range_max);
    tr_i18n_arg pargs[] = {{"total", a}, {"max", b}, {NULL, NULL}};
    tr_i18n_fill(T(app, "measure.points"), pargs, line, sizeof line);
    tu_pair_row(ui, id, name, line, ui->style.primary);
    snprintf(id, sizeof id, "measure.score.%s.band", inst->id);
    tu_paragraph(ui, id, L(app, &sc->band->label));
    snprintf(id, sizeof id, "measure.score.%s.change", inst->id);
    if (!isfinite(m->prev[i])) {
        tu_paragraph(ui, id, T(app, "measure.change.first"));
    } else {
        double d = sc->total - m->prev[i];
        snprintf(a, sizeof a, "%g", fabs(d));
        snprintf(b, sizeof b, "%g", m->prev[i]);
        tu_date_format(&app->lang, m->prev_ts[i], 0, c, sizeof c);
        tr_i18n_arg cargs[] = {{"points", a}, {"previous", b}, {"date", c}, {NULL, NULL}};
        tr_i18n_fill(T(app, d < 0   ? "measure.change.down"
                            : d > 0 ? "measure.change.up"
                                    : "measure.change.same"),
                     cargs, line, sizeof line);
        tu_paragraph(ui, id, line);
    }
    tu_card_end(ui);
}

/* A report of the measure needs it saved (save() ran when the walk ended; a failure is shown
 * with «try again» and offers no report). */
static int measure_ready(tu_app *app)
{
    return app->trk.meas.problem[0] ? -1 : 0;
}

void tu_measure_done_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_meas *m = &app->trk.meas;
    if (m->risk) {
        /* calmly, before anything else, as the self-assessment's result does */
        tu_title(ui, "measure.risk.title", T(app, "measure.risk_title"));
        tu_paragraph(ui, "measure.risk.text", T(app, "measure.risk_text"));
        tu_crisis_contacts(app);
        /* the team's phone and «Send til teamet nå» with the measure, once it is saved */
        tu_exch_risk_card_for(app, m->risk == TR_RISK_ACUTE, TU_REP_FROM_MEASURE,
                              m->problem[0] ? NULL : measure_ready);
        tu_space(ui, ui->style.gap);
    }
    if (m->problem[0]) { /* the one error pattern: its link goes to "try again" */
        if (m->errs.n != 1 || strcmp(m->errs.items[0].msg, m->problem) != 0) {
            tu_errors_clear(&m->errs);
            tu_errors_add(&m->errs, "measure.retry", m->problem);
        }
        tu_errors_summary_begin(ui, &m->errs, "measure.problem", T(app, "errors.title"));
        tu_paragraph(ui, "measure.unsaved_note", T(app, "measure.unsaved_note"));
        if (tu_button(ui, "measure.retry", TU_LOOK_PRIMARY, T(app, "measure.retry")))
            save(app);
        tu_errors_summary_end(ui, &m->errs);
    } else {
        /* after the risk section's "thank you", a second one would read oddly */
        tu_title(ui, "measure.done_title",
                 tu_tr_saving(app, m->risk ? "measure.saved_title" : "measure.done_title"));
    }
    tu_paragraph(ui, "measure.done_intro", T(app, "measure.done_intro"));
    for (size_t i = 0; i < m->n_steps; i++)
        score_card(app, i);
    char texts[TR_OUTCOME_TEXT_MAX][600];
    size_t nt = tu_trk_outcome_texts(app, texts, TR_OUTCOME_TEXT_MAX);
    if (nt > 0) {
        tu_card_begin(ui, "measure.outcome");
        tu_label(ui, "measure.outcome.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "measure.outcome_title"));
        for (size_t i = 0; i < nt; i++) {
            char id[64];
            snprintf(id, sizeof id, "measure.outcome.%zu", i);
            tu_paragraph(ui, id, texts[i]);
        }
        tu_card_end(ui);
    }
    if (!m->problem[0]) /* the client's own goals, re-rated once the measure is saved */
        tu_goals_rerate(app, "measure", "measure");
}

void tu_measure_done_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_meas *m = &app->trk.meas;
    int leave, charts = 0;
    if (m->problem[0]) {
        /* Answers not yet saved go only when the client says so (Escape alone does not),
         * and are then lost: the button says which, next to "try again" above. */
        if (tu_button_at(ui, "measure.leave_unsaved", bar, TU_LOOK_SECONDARY,
                         T(app, "measure.leave_unsaved")))
            tu_confirm(app, "confirm.leave_measure", leave_unsaved);
        return;
    } else {
        leave = tu_button_at(ui, "measure.done", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                             T(app, "measure.done")) ||
                (ui->keys & TU_KEY_ESCAPE);
        charts = !leave && tu_button_at(ui, "measure.charts", tu_split(ui, bar, 2, 1),
                                        TU_LOOK_PRIMARY, T(app, "measure.charts"));
    }
    if ((leave || charts) && tu_goals_rerate_save(app, "measure", &(tr_error){0}) < 0)
        return; /* the goals' numbers could not be saved: the card says so (tu_goals.h) */
    if (leave || charts)
        close_walk(app, charts ? TU_SCR_PROGRESS : TU_SCR_WELCOME);
}
