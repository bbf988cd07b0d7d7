/* tu_scr_history: the client's earlier assessments, newest first: when (local time, in
 * words), the level they chose, the PHQ-9 / GAD-7 / AUDIT-C totals with their bands, and a
 * gentle note when the answers showed risk; one of them opened shows its details. Everything
 * shown is read from the `assessment` records (core/RECORDS.md) and the pack's texts for the
 * ids they hold, so a record is shown in the language chosen now. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tp_clock.h"
#include "tr_record_read.h"
#include "tr_records_list.h"
#include "tu_app.h"
#include "tu_date.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_codes[app->lang.cur]);
}

/* A record's time as "27. november 2026 kl. 14:05" in local time. */
static void date_text(tu_app *app, const char *ts, char *buf, size_t size)
{
    tu_date_format_ts(&app->lang, ts, 1, buf, size);
}

/* A level's name in the current language, or its id when the pack no longer has it. */
static const char *level_name(tu_app *app, const char *id)
{
    const tr_level *lv = id && app->pack ? tr_content_find_level(app->pack, id) : NULL;
    return lv ? L(app, &lv->name) : id ? id : "";
}

static void line_with(tu_app *app, const char *id, const char *key, const char *name,
                      const char *value, int strong)
{
    tu_ctx *ui = &app->ui;
    char line[1024];
    tr_i18n_arg args[] = {{name, value}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, line, sizeof line);
    if (strong)
        tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text, line);
    else
        tu_paragraph(ui, id, line);
}

/* One line per score the record holds, in the order asked (PHQ-9, GAD-7, AUDIT-C): name,
 * total, band. Scores of instruments the pack no longer has are left out. */
static void score_lines(tu_app *app, const tr_assessment_view *a, const char *prefix)
{
    if (!app->pack)
        return;
    for (size_t k = 0; k < a->n_scores; k++) {
        const tr_record_score *s = &a->scores[k];
        const tr_inst *inst = tr_content_find_inst(app->pack, s->inst);
        if (!inst)
            continue;
        const char *band_id = s->band;
        const tr_band *band = NULL;
        for (size_t b = 0; band_id && b < inst->scoring.n_bands; b++)
            if (strcmp(inst->scoring.bands[b].id, band_id) == 0)
                band = &inst->scoring.bands[b];
        char id[96], line[512], num[32];
        snprintf(id, sizeof id, "%s.%s", prefix, inst->id);
        if (s->has_total) {
            snprintf(num, sizeof num, "%g", s->total);
            tr_i18n_arg args[] = {{"instrument", L(app, &inst->name)},
                                  {"total", num},
                                  {"band", band      ? L(app, &band->label)
                                           : band_id ? band_id
                                                     : ""},
                                  {NULL, NULL}};
            tr_i18n_fill(T(app, "history.score"), args, line, sizeof line);
        } else {
            tr_i18n_arg args[] = {{"instrument", L(app, &inst->name)}, {NULL, NULL}};
            tr_i18n_fill(T(app, "history.score_none"), args, line, sizeof line);
        }
        tu_paragraph(&app->ui, id, line);
    }
}

static void details(tu_app *app, const tr_assessment_view *a)
{
    tu_ctx *ui = &app->ui;
    char date[128], levels[1024] = "";
    date_text(app, a->ts, date, sizeof date);
    tu_title(ui, "history.detail.date", date);
    tu_card_begin(ui, "history.detail");
    const char *chosen = a->chosen, *recommended = a->recommended;
    line_with(app, "history.detail.chosen", "history.chosen", "level", level_name(app, chosen), 1);
    if (recommended && (!chosen || strcmp(chosen, recommended) != 0))
        line_with(app, "history.detail.recommended", "history.recommended", "level",
                  level_name(app, recommended), 0);
    size_t used = 0;
    for (size_t k = 0; k < a->n_alternatives; k++) {
        if (used >= sizeof levels)
            continue;
        used += (size_t)snprintf(levels + used, sizeof levels - used, "%s%s", used ? ", " : "",
                                 level_name(app, a->alternatives[k]));
    }
    if (levels[0])
        line_with(app, "history.detail.alternatives", "history.alternatives", "levels", levels, 0);
    tu_card_end(ui);
    tu_card_begin(ui, "history.detail.scores");
    score_lines(app, a, "history.detail.score");
    tu_card_end(ui);
    if (tr_assessment_has_risk(a))
        tu_paragraph(ui, "history.detail.risk", T(app, "history.risk"));
    const char *pref = a->preference;
    if (pref && pref[0])
        line_with(app, "history.detail.preference", "history.preference", "text", pref, 0);
}

/* The record at index i of the list into *a, when it is an assessment: 1, else 0. */
static int assessment_at(tu_app *app, int i, tr_assessment_view *a)
{
    const cJSON *rec =
        i >= 0 ? tr_records_list_at(tu_records_list(&app->records), (size_t)i) : NULL;
    return rec && tr_assessment_read(rec, a, NULL) == TR_OK;
}

void tu_history_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const cJSON *list = tu_records_list(&app->records);
    tr_assessment_view a;
    if (app->res.hist_open > 0) {
        if (assessment_at(app, app->res.hist_open - 1, &a)) {
            details(app, &a);
            return;
        }
        app->res.hist_open = 0;
    }
    tu_title(ui, "history.title", T(app, "history.title"));
    int n = 0, i = (int)tr_records_list_count(list);
    /* newest first: walked back from the newest record (each record once) */
    for (const cJSON *rec = tr_records_list_newest(list); rec;
         rec = tr_records_list_older(list, rec)) {
        i--;
        if (tr_assessment_read(rec, &a, NULL) != TR_OK)
            continue;
        char id[64], date[128];
        if (n++ == 0)
            tu_paragraph(ui, "history.intro", T(app, "history.intro"));
        /* ids count from the newest (0), so a script finds the latest as history.item.0 */
        snprintf(id, sizeof id, "history.item.%d", n - 1);
        tu_card_begin(ui, id);
        date_text(app, a.ts, date, sizeof date);
        snprintf(id, sizeof id, "history.item.%d.date", n - 1);
        tu_label(ui, id, TU_FONT_BODY, ui->style.small_size, ui->style.text_muted, date);
        snprintf(id, sizeof id, "history.item.%d.chosen", n - 1);
        line_with(app, id, "history.chosen", "level", level_name(app, a.chosen), 1);
        snprintf(id, sizeof id, "history.item.%d.score", n - 1);
        score_lines(app, &a, id);
        if (tr_assessment_has_risk(&a)) {
            snprintf(id, sizeof id, "history.item.%d.risk", n - 1);
            tu_note(ui, id, T(app, "history.risk"));
        }
        snprintf(id, sizeof id, "history.open.%d", n - 1);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "history.details"))) {
            app->res.hist_open = i + 1;
            tu_app_go(app, TU_SCR_HISTORY);
        }
        tu_card_end(ui);
    }
    if (n == 0)
        tu_paragraph(ui, "history.empty", tu_tr_saving(app, "history.empty"));
}

void tu_history_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (app->res.hist_open > 0) {
        if (tu_button_at(ui, "history.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                         T(app, "history.back")) ||
            (ui->keys & TU_KEY_ESCAPE)) {
            app->res.hist_open = 0;
            tu_app_go(app, TU_SCR_HISTORY);
        }
    } else if (ui->keys & TU_KEY_ESCAPE) {
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (tu_button_at(ui, "history.home", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "result.home")))
        tu_app_go(app, TU_SCR_WELCOME);
}

void tu_history_welcome(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "history.card");
    tu_label(ui, "history.welcome_title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "history.welcome_title"));
    tu_paragraph(ui, "history.welcome_text", tu_tr_saving(app, "history.welcome_text"));
    if (tu_button(ui, "history.open", TU_LOOK_SECONDARY, T(app, "history.welcome_open")) &&
        tu_profile_gate(app, TU_PROF_NEXT_HISTORY)) {
        app->res.hist_open = 0;
        tu_app_go(app, TU_SCR_HISTORY);
    }
    tu_card_end(ui);
}
