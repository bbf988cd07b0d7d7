/* tu_scr_result: the result of a self-assessment, from the BEON triage engine. In this order:
 * when there is any risk, the crisis contacts first, calmly, and the questions the team will
 * ask about; what the answers mean in words: the recommended care level with its reasons,
 * what it means and what happens next; a referral when the engine gives one; the other
 * acceptable levels as choices with the recommendation preselected; then «Se tallene», closed
 * until the client opens it: the periods the questions covered and the scores with their
 * bands; last the note that the RPH team confirms the level together with the client. "Save my
 * choice" writes one `assessment` record (tu_result.h); after that the screen confirms it and
 * offers the suggested self-help modules as ways to start while waiting. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "tu_app.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

int tu_result_rules(tu_app *app)
{
    if (app->bundle) { /* the rules were loaded and checked with the rest of the pack */
        app->res.triage = app->bundle->triage;
        return 0;
    }
    snprintf(app->error_msg, sizeof app->error_msg, "%s", app->pack_msg);
    app->error_open = 1;
    app->res.triage = NULL;
    return -1;
}

/* Runs the engine on the walk's answers. On failure the dialog says why and the scores are
 * still shown, without a level. */
static void run_triage(tu_app *app)
{
    tu_res *r = &app->res;
    tr_error err = {0};
    if (r->have)
        tr_triage_result_free(&r->tri);
    r->have = 0;
    r->chosen = 0;
    r->saved = 0;
    r->numbers_open = 0;
    r->pref[0] = 0;
    if (tu_result_rules(app) != 0)
        return;
    if (tr_triage_run(r->triage, app->assess.answers, &r->tri, &err) != TR_OK) {
        tr_triage_result_free(&r->tri);
        snprintf(app->error_msg, sizeof app->error_msg, "%s", err.msg);
        app->error_open = 1;
        return;
    }
    r->have = 1;
    app->risk_flag = r->tri.risk != TR_RISK_NONE;
}

void tu_result_compute(tu_app *app)
{
    app->n_scores = 0;
    app->risk_flag = 0;
    for (int i = 0; i < app->assess.n; i++) {
        const tr_inst *inst = app->assess.seq[i].step->inst;
        if (inst->kind != TR_INST_SCORED)
            continue;
        int seen = 0;
        for (int k = 0; k < app->n_scores; k++)
            seen |= app->score_inst[k] == inst;
        if (seen || app->n_scores == TU_MAX_SCORES)
            continue;
        tr_error err = {0};
        tr_score sc;
        if (tr_inst_score(inst, app->assess.answers, &sc, &err) != TR_OK)
            continue; /* the walk only stores option values, so this does not happen */
        app->score_inst[app->n_scores] = inst;
        app->scores[app->n_scores++] = sc;
        if (sc.n_flags > 0)
            app->risk_flag = 1;
    }
    run_triage(app);
    app->result_ready = 1;
    tu_app_go(app, TU_SCR_RESULT);
}

/* A score as a card: the name and the points on one line, the band in words, and where the
 * total lies on the instrument's range. */
static void score_card(tu_app *app, int i)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    const tr_inst *inst = app->score_inst[i];
    const tr_score *sc = &app->scores[i];
    char id[64], total[32], max[32], line[512];
    snprintf(id, sizeof id, "result.score.%s", inst->id);
    tu_card_begin(ui, id);
    if (sc->scorable && sc->band) {
        snprintf(total, sizeof total, "%g", sc->total);
        snprintf(max, sizeof max, "%g", inst->scoring.range_max);
        tr_i18n_arg args[] = {{"total", total}, {"max", max}, {NULL, NULL}};
        tr_i18n_fill(T(app, "result.points"), args, line, sizeof line);
        tu_pair_row(ui, id, L(app, &inst->name), line, st->primary);
        snprintf(id, sizeof id, "result.score.%s.band", inst->id);
        tu_paragraph(ui, id, L(app, &sc->band->label));
        float span = (float)(inst->scoring.range_max - inst->scoring.range_min);
        snprintf(id, sizeof id, "result.score.%s.scale", inst->id);
        tu_progress(ui, id, span > 0 ? (float)(sc->total - inst->scoring.range_min) / span : 0, "");
    } else {
        tr_i18n_arg args[] = {{"instrument", L(app, &inst->name)}, {NULL, NULL}};
        tr_i18n_fill(T(app, "score.not_scorable"), args, line, sizeof line);
        tu_paragraph(ui, id, line);
    }
    tu_card_end(ui);
}

/* The period the questions of the i-th instrument asked covered, as the catalogs'
 * "<prefix>.<instrument id>" names it for instruments beyond PHQ-9, GAD-7 and AUDIT-C (DUDIT,
 * Lie/Bet), or NULL when they name none. */
static const char *period_of(tu_app *app, const char *prefix, int i)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", prefix, app->score_inst[i]->id);
    return tu_tr_has(&app->lang, key) ? T(app, key) : NULL;
}

/* The intro: what the result is, and the periods the questions covered, with the period of
 * each further instrument that was asked. */
static void intro_paragraph(tu_app *app)
{
    char text[1024];
    snprintf(text, sizeof text, "%s", T(app, "result.intro"));
    for (int i = 0; i < app->n_scores; i++) {
        const char *period = period_of(app, "result.intro_period", i);
        size_t n = strlen(text);
        if (period && snprintf(text + n, sizeof text - n, " %s", period) >= (int)(sizeof text - n))
            fprintf(stderr, "trinn: the result's intro was cut at %zu bytes\n", sizeof text);
    }
    tu_paragraph(&app->ui, "result.intro", text);
}

/* «Se tallene»: a button that opens the scores (and closes them again); open, the periods the
 * questions covered, then a card per score. Without a triage result the scores are all there
 * is, so they show open. */
static void numbers_section(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_res *r = &app->res;
    if (app->n_scores == 0)
        return;
    int open = r->numbers_open || !r->have;
    tu_space(ui, ui->style.gap);
    if (r->have && tu_button(ui, "result.numbers", TU_LOOK_SECONDARY,
                             T(app, open ? "result.numbers_hide" : "result.numbers"))) {
        r->numbers_open = !r->numbers_open;
        ui->need_redraw = 1;
    }
    if (!open)
        return;
    tu_paragraph(ui, "result.numbers.periods", T(app, "result.numbers_periods"));
    for (int i = 0; i < app->n_scores; i++) { /* each further instrument's period */
        const char *period = period_of(app, "result.numbers_period", i);
        char id[96];
        snprintf(id, sizeof id, "result.numbers.period.%s", app->score_inst[i]->id);
        if (period)
            tu_paragraph(ui, id, period);
    }
    for (int i = 0; i < app->n_scores; i++)
        score_card(app, i);
}

static void heading(tu_app *app, const char *id, const char *text)
{
    tu_ctx *ui = &app->ui;
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text, text);
}

/* What the client does next for level lv: risk-aware, never a promise of contact (tr_triage.h). */
static void next_paragraph(tu_app *app, const char *id, const tr_level *lv)
{
    char text[2048];
    tr_triage_place place; /* a kiosk says what happens to the answers there (tu_kiosk.h) */
    tr_triage_next_text_at(app->res.triage, &app->res.tri, lv, tu_lang_code(&app->lang),
                           app->kiosk ? tu_kiosk_place(app, &place) : NULL, text, sizeof text);
    tu_paragraph(&app->ui, id, text);
}

/* Crisis contacts first, and a gentle word about each critical question left unanswered. */
static void risk_section(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tr_triage_result *tri = &app->res.tri;
    tu_title(ui, "result.risk.title", T(app, "result.risk_title"));
    tu_paragraph(ui, "result.risk.text", T(app, "result.risk_text"));
    tu_crisis_contacts(app);
    tu_exch_risk_card(app); /* the team's phone and «Send til teamet nå» (tu_exch.h) */
    for (size_t i = 0; app->res.have && i < tri->n_ask; i++) {
        const tr_item *item = tr_content_find_item(app->pack, tri->ask[i], NULL);
        char id[64], line[1024];
        if (!item)
            continue; /* a topic, not a question: the level card says it */
        tr_i18n_arg args[] = {{"question", item ? L(app, &item->text) : tri->ask[i]}, {NULL, NULL}};
        tr_i18n_fill(T(app, "result.ask"), args, line, sizeof line);
        snprintf(id, sizeof id, "result.ask.%s", tri->ask[i]);
        tu_paragraph(ui, id, line);
    }
    tu_space(ui, ui->style.gap);
}

/* The recommended level: its name, why, what it means and what happens next. */
static void level_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    const tr_triage_result *tri = &app->res.tri;
    const char *lang = tu_lang_code(&app->lang);
    tu_card_begin(ui, "result.level");
    heading(app, "result.level.heading", T(app, "result.level_title"));
    tu_label(ui, "result.level.name", TU_FONT_STRONG, st->title_size, st->primary,
             L(app, &tri->level->name));
    tu_paragraph(ui, "result.level.description", L(app, &tri->level->description));
    if (tri->n_reasons > 0) {
        heading(app, "result.why", T(app, "result.why"));
        for (size_t i = 0; i < tri->n_reasons; i++) {
            char id[48], text[1024], line[1100];
            tr_triage_reason_text(app->res.triage, tri, i, lang, text, sizeof text);
            snprintf(line, sizeof line, "\xe2\x80\xa2 %s", text);
            snprintf(id, sizeof id, "result.reason.%zu", i);
            tu_paragraph(ui, id, line);
        }
    }
    /* topics the team should ask about (e.g. suicide risk at severe depression) */
    for (size_t i = 0; i < tri->n_ask; i++) {
        const tr_text *topic = tr_content_find_item(app->pack, tri->ask[i], NULL)
                                   ? NULL
                                   : tr_triage_reason_topic(app->res.triage, tri->ask[i]);
        char id[64];
        if (!topic)
            continue;
        snprintf(id, sizeof id, "result.ask.%s", tri->ask[i]);
        tu_paragraph(ui, id, L(app, topic));
    }
    heading(app, "result.next.heading", T(app, "result.next_title"));
    next_paragraph(app, "result.level.next", tri->level);
    tu_card_end(ui);
}

/* A referral elsewhere (youth services, GP): where to, and that the team helps them there. */
static void referral_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const char *ref = app->res.tri.referral;
    char key[96];
    snprintf(key, sizeof key, "result.referral.%s", ref);
    if (!tu_tr_has(&app->lang, key))
        snprintf(key, sizeof key, "result.referral.other");
    tu_card_begin(ui, "result.referral");
    heading(app, "result.referral.title", T(app, "result.referral_title"));
    tu_paragraph(ui, "result.referral.text", T(app, key));
    tu_card_end(ui);
}

/* The recommended level and its alternatives as choices, the recommendation preselected. */
static void choices(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_res *r = &app->res;
    const tr_triage_result *tri = &r->tri;
    int acute = tri->risk == TR_RISK_ACUTE;
    if (acute || tri->n_alternatives == 0)
        tu_paragraph(ui, "result.no_choice",
                     T(app, acute ? "result.acute_text" : "result.one_level"));
    if (tri->n_alternatives == 0)
        return;
    /* at acute risk help now stays first and preselected; the choice is what comes after */
    tu_space(ui, ui->style.gap);
    tu_title(ui, "result.choose.title",
             T(app, acute ? "result.choose_title_acute" : "result.choose_title"));
    tu_paragraph(ui, "result.choose.text",
                 T(app, acute ? "result.choose_text_acute" : "result.choose_text"));
    for (size_t i = 0; i <= tri->n_alternatives; i++) {
        const tr_level *lv = i == 0 ? tri->level : tri->alternatives[i - 1];
        char id[96], label[512];
        if (i == 0) {
            tr_i18n_arg args[] = {{"level", L(app, &lv->name)}, {NULL, NULL}};
            tr_i18n_fill(T(app, "result.recommended_option"), args, label, sizeof label);
        } else {
            snprintf(label, sizeof label, "%s", L(app, &lv->name));
        }
        snprintf(id, sizeof id, "result.choice.%s", lv->id);
        if (tu_option_key(ui, id, label, r->chosen == (int)i, i < 9 ? (int)i + 1 : 0) ||
            ui->digit == (int)i + 1) {
            r->chosen = (int)i;
            ui->need_redraw = 1;
        }
        if (i > 0) {
            snprintf(id, sizeof id, "result.choice.%s.about", lv->id);
            tu_note(ui, id, L(app, &lv->description));
        }
    }
    if (r->chosen > 0) {
        const tr_level *lv = tu_res_chosen(r);
        char line[1024];
        tr_i18n_arg args[] = {{"level", L(app, &lv->name)}, {NULL, NULL}};
        tr_i18n_fill(T(app, "result.chosen_next"), args, line, sizeof line);
        tu_card_begin(ui, "result.chosen");
        heading(app, "result.chosen.heading", line);
        next_paragraph(app, "result.chosen.next", lv);
        tu_card_end(ui);
    }
}

/* After saving: a short confirmation, then (at any risk) the crisis contacts again before
 * anything else, what happens next, and ways to start while waiting. */
static void saved_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tr_level *lv = tu_res_chosen(&app->res);
    int acute = app->res.tri.risk == TR_RISK_ACUTE;
    char line[1024];
    tr_i18n_arg args[] = {{"level", L(app, &lv->name)}, {NULL, NULL}};
    tu_title(ui, "result.saved.title",
             tu_tr_saving(app, acute ? "result.saved_title_acute" : "result.saved_title"));
    tr_i18n_fill(tu_tr_saving(app, acute ? "result.saved_text_acute" : "result.saved_text"), args,
                 line, sizeof line);
    tu_paragraph(ui, "result.saved.text", line);
    tu_space(ui, ui->style.gap);
    if (app->res.tri.risk != TR_RISK_NONE)
        risk_section(app);
    tu_card_begin(ui, "result.saved.card");
    heading(app, "result.saved.next_heading", T(app, "result.next_title"));
    next_paragraph(app, "result.saved.next", lv);
    tu_card_end(ui);
    tu_note(ui, "result.confirm", T(app, "result.confirm_note"));
    /* at acute risk the only next step is getting help now, not a course to start */
    if (!acute)
        tu_mods_suggest(app, app->res.tri.modules, app->res.tri.n_modules);
}

void tu_result_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_res *r = &app->res;
    if (r->have && r->saved) {
        saved_body(app);
        return;
    }
    if (app->kiosk) /* at acute risk: the desk, now */
        tu_kiosk_result_top(app);
    if (r->have ? r->tri.risk != TR_RISK_NONE : app->risk_flag)
        risk_section(app); /* calmly, before anything else */
    tu_title(ui, "result.title", T(app, "result.title"));
    intro_paragraph(app);
    if (r->have) {
        level_card(app);
        if (r->tri.referral)
            referral_card(app);
        choices(app);
        if (r->tri.risk != TR_RISK_ACUTE) /* not the moment to ask about preferences */
            tu_textfield(ui, "result.pref", T(app, "result.pref_label"), r->pref, sizeof r->pref,
                         0);
    }
    numbers_section(app);
    tu_note(ui, "result.confirm", T(app, "result.confirm_note"));
}

int tu_result_save(tu_app *app)
{
    assert(app->res.have);
    tu_res *r = &app->res;
    tr_error err = {0};
    cJSON *rec = tu_res_record(app->pack, &app->assess, &r->tri, app->score_inst, app->scores,
                               app->n_scores, tu_res_chosen(r)->id, r->pref, NULL);
    if (tu_records_append(&app->records, rec, &err) != 0) {
        tr_i18n_arg args[] = {{"error", err.msg}, {NULL, NULL}};
        tr_i18n_fill(T(app, "result.save_failed"), args, app->error_msg, sizeof app->error_msg);
        app->error_open = 1;
        return -1;
    }
    r->saved = 1;
    tu_app_go(app, TU_SCR_RESULT); /* back to the top: the confirmation */
    return 0;
}

static void go_home(tu_app *app)
{
    tu_app_go(app, TU_SCR_WELCOME);
}

void tu_result_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_res *r = &app->res;
    if (app->kiosk) { /* nothing is saved: hand in, or done */
        tu_kiosk_result_nav(app, bar);
        return;
    }
    if (r->have && r->saved) {
        if (tu_button_at(ui, "result.history", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                         T(app, "result.to_history"))) {
            r->hist_open = 0;
            tu_app_go(app, TU_SCR_HISTORY);
        } else if (tu_button_at(ui, "result.done", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                                T(app, "result.home")))
            tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (tu_button_at(ui, "result.done", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, r->have ? "result.leave" : "result.done"))) {
        if (r->have)
            tu_confirm(app, "confirm.leave_result", go_home);
        else
            tu_app_go(app, TU_SCR_WELCOME);
    } else if (r->have &&
               tu_button_at(ui, "result.save", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                            tu_tr_saving(app, r->tri.risk == TR_RISK_ACUTE ? "result.save_answers"
                                                                           : "result.save")))
        tu_result_save(app);
}
