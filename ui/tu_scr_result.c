/* tu_scr_result: the result of a self-assessment: crisis contacts first when there is any
 * sign of risk, then each score in words and numbers with its band, and the reminder that
 * the RPH team confirms the level together with the person. */
#include <stdio.h>
#include <string.h>

#include "tu_app.h"

static const char *T(tu_app *app, const char *key)
{
    return tu_tr(&app->lang, key);
}

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_codes[app->lang.cur]);
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

void tu_result_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (app->risk_flag) {
        /* calmly, before anything else */
        tu_title(ui, "result.risk.title", T(app, "result.risk_title"));
        tu_paragraph(ui, "result.risk.text", T(app, "result.risk_text"));
        tu_crisis_contacts(app);
        tu_space(ui, ui->style.gap);
    }
    tu_title(ui, "result.title", T(app, "result.title"));
    tu_paragraph(ui, "result.intro", T(app, "result.intro"));
    for (int i = 0; i < app->n_scores; i++)
        score_card(app, i);
    tu_note(ui, "result.confirm", T(app, "result.confirm_note"));
}

void tu_result_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "result.done", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "result.done")))
        tu_app_go(app, TU_SCR_WELCOME);
}
