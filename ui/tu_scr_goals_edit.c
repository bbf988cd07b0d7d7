/* tu_scr_goals_edit: the forms of the client's own goals (tu_goals.h): a new goal (its words,
 * how close it is now, a module linked to it if they wish), and a new rating of one with the
 * ways to mark it reached or let go of; and the re-rating step the check-in and the measure
 * show. The records are made in core (tr_goal.h) after core's checks, whose answer
 * (tr_goal_problem) is turned into the catalog's words here. */
#include <stdio.h>
#include <string.h>

#include "tu_app.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_codes[app->lang.cur]);
}

/* 1 when goals can be kept: valid content and an open profile, not a guest. */
static int keeps_goals(tu_app *app)
{
    return tu_goals_loaded(app) && app->prof.open.j != NULL && !app->prof.guest;
}

/* The id of the form's first rating button, where the rating's problem is shown and linked. */
static void rating_first(tu_app *app, char *buf, size_t size)
{
    snprintf(buf, size, "goals.rating.%d", app->goals.content ? app->goals.content->min : 0);
}

void tu_goals_edit(tu_app *app, tu_goals_mode mode, int item)
{
    tu_goals *g = &app->goals;
    g->mode = mode;
    g->item = item;
    g->text[0] = 0;
    g->rating = -1;
    g->module = -1;
    g->saved = NULL;
    const tr_goal_list *l = mode == TU_GOALS_RATE ? tu_goals_list(app) : NULL;
    if (l && item >= 0 && (size_t)item < l->n && l->items[item].module[0]) {
        tu_mods_find(app, ""); /* the module linked now is the one chosen */
        for (size_t i = 0; i < app->mods.n; i++)
            if (strcmp(app->mods.mods[i]->id, l->items[item].module) == 0)
                g->module = (int)i;
    }
    tu_errors_clear(&g->errs);
    tu_app_go(app, TU_SCR_GOALS_EDIT);
}

/* The catalog's words for a problem core found. */
static void problem_words(tu_app *app, tr_goal_problem p, char *buf, size_t size)
{
    const tr_goal_content *c = app->goals.content;
    char lo[16], hi[16];
    snprintf(lo, sizeof lo, "%d", c ? c->min : 0);
    snprintf(hi, sizeof hi, "%d", c ? c->max : TR_GOAL_SCALE_TOP);
    tr_i18n_arg args[] = {{"min", lo}, {"max", hi}, {NULL, NULL}};
    const char *key = p == TR_GOAL_EMPTY      ? "goals.err_empty"
                      : p == TR_GOAL_TOO_LONG ? "goals.err_too_long"
                      : p == TR_GOAL_TOO_MANY ? "goals.err_too_many"
                      : p == TR_GOAL_RATING   ? "goals.err_rating"
                                              : "goals.err_gone";
    tr_i18n_fill(T(app, key), args, buf, size);
}

/* A row of buttons min..max ("<id>.<n>"), the chosen one drawn primary, with the scale's
 * anchors under it; as many per row as fit their number. Returns 1 when one was pressed. */
static int scale_row(tu_app *app, const char *id, int *val)
{
    tu_ctx *ui = &app->ui;
    const tr_goal_content *c = app->goals.content;
    int lo = c->min, hi = c->max, n = hi - lo + 1, gap = ui->style.gap / 2, hit = 0;
    int need = tu_text_width(ui, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], "10") +
               2 * ui->style.pad;
    int per = n;
    while (per > 1 && (ui->lw - (per - 1) * gap) / per < need)
        per = (per + 1) / 2;
    tu_rect row = {0};
    for (int i = 0; i < n; i++) {
        char bid[112], num[8];
        if (i % per == 0)
            row = tu_next(ui, ui->style.target);
        snprintf(bid, sizeof bid, "%s.%d", id, lo + i);
        snprintf(num, sizeof num, "%d", lo + i);
        tu_rect r = row;
        r.w = (row.w - (per - 1) * gap) / per;
        r.x = row.x + (i % per) * (r.w + gap);
        if (tu_button_at(ui, bid, r, *val == lo + i ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY, num)) {
            *val = lo + i;
            ui->need_redraw = 1;
            hit = 1;
        }
    }
    char anchors[400];
    snprintf(anchors, sizeof anchors, "%s  ·  %s", L(app, &c->low), L(app, &c->high));
    tu_paragraph(ui, "", anchors);
    return hit;
}

/* The goal a new rating is for, or NULL when it is gone (another profile, or closed). */
static const tr_goal_item *rated_item(tu_app *app)
{
    const tr_goal_list *l = tu_goals_list(app);
    return l && app->goals.item >= 0 && (size_t)app->goals.item < l->n &&
                   l->items[app->goals.item].status == TR_GOAL_ACTIVE
               ? &l->items[app->goals.item]
               : NULL;
}

/* Appends rec (made by core, or NULL with err) and, when saved, goes back to the list saying
 * so; else the problem goes on the form. */
static void save(tu_app *app, cJSON *rec, tr_goal_problem why, const char *field, tr_error *err,
                 const char *saved)
{
    tu_goals *g = &app->goals;
    char buf[1200], first[64];
    tu_errors_clear(&g->errs);
    rating_first(app, first, sizeof first);
    if (!rec && why != TR_GOAL_OK) {
        problem_words(app, why, buf, sizeof buf);
        tu_errors_add(&g->errs, why == TR_GOAL_RATING ? first : field, buf);
    } else if (!rec || tu_records_append(&app->records, rec, err) != 0) {
        snprintf(buf, sizeof buf, "%s %s", T(app, "modules.save_failed"), err->msg);
        tu_errors_add(&g->errs, "", buf);
    } else {
        tu_goals_edit(app, TU_GOALS_ADD, -1); /* empties the form */
        g->saved = saved;
        tu_app_go(app, TU_SCR_GOALS);
        return;
    }
    app->ui.need_redraw = 1;
}

static void close_goal(tu_app *app, const tr_goal_item *it, tr_goal_status st)
{
    tr_error err = {0};
    tr_goal_problem why = TR_GOAL_OK;
    char ts[32];
    tu_records_now(ts, sizeof ts);
    cJSON *rec = tr_goal_close_record(tu_goals_list(app), ts, it->goal, st, &why, &err);
    save(app, rec, why, "", &err,
         st == TR_GOAL_REACHED ? "goals.saved_reached" : "goals.saved_let_go");
}

static void module_choice(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_goals *g = &app->goals;
    tu_mods_find(app, ""); /* loads the modules once */
    if (app->mods.n == 0)
        return;
    tu_space(ui, ui->style.gap / 2);
    tu_label(ui, "goals.module.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY],
             ui->style.text, T(app, "goals.module_title"));
    if (tu_radio(ui, "goals.module.none", T(app, "goals.module_none"), g->module < 0)) {
        g->module = -1;
        ui->need_redraw = 1;
    }
    for (size_t i = 0; i < app->mods.n; i++) {
        const tr_module *m = app->mods.mods[i];
        char id[96];
        snprintf(id, sizeof id, "goals.module.%s", m->id);
        if (tu_radio(ui, id, tr_module_text(m->title, tu_lang_codes[app->lang.cur]),
                     g->module == (int)i)) {
            g->module = (int)i;
            ui->need_redraw = 1;
        }
    }
}

void tu_goals_edit_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_goals *g = &app->goals;
    if (!tu_goals_loaded(app) || !app->prof.open.j || app->prof.guest) {
        tu_app_go(app, TU_SCR_GOALS); /* says why there is nothing to fill in */
        return;
    }
    const tr_goal_item *it = NULL;
    if (g->mode == TU_GOALS_RATE && !(it = rated_item(app))) {
        tu_app_go(app, TU_SCR_GOALS);
        return;
    }
    tu_title(ui, "goals.edit.title",
             T(app, g->mode == TU_GOALS_ADD ? "goals.add_title" : "goals.rate_title"));
    if (g->content->draft)
        tu_note(ui, "goals.draft", T(app, "goals.draft"));
    tu_errors_summary(ui, &g->errs, "goals.problem", T(app, "errors.title"));
    if (g->mode == TU_GOALS_ADD) {
        tu_field(ui, &(tu_field_desc){.id = "goals.text",
                                      .label = T(app, "goals.text"),
                                      .buf = g->text,
                                      .size = sizeof g->text,
                                      .lines = 2,
                                      .error = tu_errors_of(&g->errs, "goals.text")});
    } else {
        tu_label(ui, "goals.edit.goal", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, it->text);
    }
    tu_space(ui, ui->style.gap / 2);
    tu_label(ui, "goals.rating", TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
             L(app, &g->content->rate));
    char first[64];
    rating_first(app, first, sizeof first);
    const char *err = tu_errors_of(&g->errs, first);
    if (err)
        tu_fixed_note(ui, "goals.rating.error", err, NULL, ui->style.danger);
    scale_row(app, "goals.rating", &g->rating);
    if (g->mode == TU_GOALS_ADD) {
        module_choice(app);
        return;
    }
    tu_card_begin(ui, "goals.close");
    tu_label(ui, "goals.close.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "goals.close_title"));
    tu_paragraph(ui, "goals.close.text", L(app, &g->content->close));
    if (tu_button(ui, "goals.reached", TU_LOOK_SECONDARY, T(app, "goals.reached")))
        close_goal(app, it, TR_GOAL_REACHED);
    else if (tu_button(ui, "goals.let_go", TU_LOOK_SECONDARY, T(app, "goals.let_go")))
        close_goal(app, it, TR_GOAL_LET_GO);
    tu_card_end(ui);
    if (app->screen == TU_SCR_GOALS_EDIT) /* linking another module: rarer, so last */
        module_choice(app);
}

void tu_goals_edit_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_goals *g = &app->goals;
    if (tu_button_at(ui, "goals.cancel", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "goals.cancel")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_errors_clear(&g->errs);
        tu_app_go(app, TU_SCR_GOALS);
        return;
    }
    if (!tu_button_at(ui, "goals.save", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                      T(app, "goals.save")) ||
        !g->content)
        return;
    const tr_goal_list *l = tu_goals_list(app);
    tr_error err = {0};
    tr_goal_problem why = TR_GOAL_OK;
    char ts[32];
    tu_records_now(ts, sizeof ts);
    if (!l) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory reading the goals");
        save(app, NULL, TR_GOAL_OK, "", &err, NULL);
        return;
    }
    if (g->mode == TU_GOALS_ADD) {
        /* every problem of the form at once, each at its field (core's checks) */
        tr_goal_problem pt = tr_goal_check_add(g->content, l, g->text, g->content->min);
        tr_goal_problem pr = tr_goal_check_rating(g->content, g->rating);
        if (pt != TR_GOAL_OK || pr != TR_GOAL_OK) {
            char buf[600], first[64];
            tu_errors_clear(&g->errs);
            if (pt != TR_GOAL_OK) {
                problem_words(app, pt, buf, sizeof buf);
                tu_errors_add(&g->errs, pt == TR_GOAL_TOO_MANY ? "" : "goals.text", buf);
            }
            if (pr != TR_GOAL_OK) {
                problem_words(app, pr, buf, sizeof buf);
                rating_first(app, first, sizeof first);
                tu_errors_add(&g->errs, first, buf);
            }
            ui->need_redraw = 1;
            return;
        }
        const char *module = g->module >= 0 && (size_t)g->module < app->mods.n
                                 ? app->mods.mods[g->module]->id
                                 : NULL;
        cJSON *rec = tr_goal_add_record(g->content, l, ts, g->text, g->rating, module, &why, &err);
        save(app, rec, why, "goals.text", &err, "goals.saved_add");
        return;
    }
    const tr_goal_item *it = rated_item(app);
    const char *module =
        g->module >= 0 && (size_t)g->module < app->mods.n ? app->mods.mods[g->module]->id : "";
    char id[TR_GOAL_ID_MAX];
    snprintf(id, sizeof id, "%s", it ? it->goal : "");
    if (it && strcmp(module, it->module) != 0) { /* another module linked, or none */
        cJSON *link = tr_goal_link_record(l, ts, id, module, &why, &err);
        if (g->rating < 0 || !link) {
            save(app, link, why, "", &err, "goals.saved_link");
            return;
        }
        if (tu_records_append(&app->records, link, &err) != 0) {
            save(app, NULL, TR_GOAL_OK, "", &err, NULL);
            return;
        }
        if (!(l = tu_goals_list(app))) { /* read again: the link changed it */
            tr_error_set(&err, TR_E_NOMEM, "out of memory reading the goals");
            save(app, NULL, TR_GOAL_OK, "", &err, NULL);
            return;
        }
    }
    cJSON *rec = tr_goal_rate_record(g->content, l, ts, id, g->rating, "goals", &why, &err);
    save(app, rec, why, "", &err, "goals.saved_rate");
}

/* ---- the re-rating step of the check-in and the measure ------------------------------------- */

void tu_goals_rerate_clear(tu_app *app)
{
    app->goals.rerate_saved = 0;
    tu_errors_clear(&app->goals.errs);
    for (size_t i = 0; i < TR_GOAL_ACTIVE_MAX; i++)
        app->goals.rerate[i] = -1;
}

void tu_goals_rerate(tu_app *app, const char *prefix, const char *at)
{
    tu_ctx *ui = &app->ui;
    tu_goals *g = &app->goals;
    if (!keeps_goals(app))
        return;
    const tr_goal_list *l = tu_goals_list(app);
    if (!l || l->n_active == 0)
        return;
    char id[96];
    snprintf(id, sizeof id, "%s.goals", prefix);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "%s.goals.title", prefix);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
             T(app, "goals.rerate_title"));
    tu_paragraph(ui, "", T(app, "goals.rerate_text"));
    for (size_t i = 0, k = 0; i < l->n && k < TR_GOAL_ACTIVE_MAX; i++) {
        const tr_goal_item *it = &l->items[i];
        if (it->status != TR_GOAL_ACTIVE)
            continue;
        snprintf(id, sizeof id, "%s.goal.%s", prefix, it->goal);
        tu_space(ui, ui->style.gap / 2);
        tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
                 it->text);
        if (scale_row(app, id, &g->rerate[k++]))
            g->rerate_saved = 0;
    }
    if (at) { /* the measure is saved already: the ratings have a button of their own */
        tr_error err = {0};
        int any = 0;
        for (size_t k = 0; k < TR_GOAL_ACTIVE_MAX; k++)
            any |= g->rerate[k] >= 0;
        snprintf(id, sizeof id, "%s.goals.save", prefix);
        if (g->rerate_saved)
            tu_note(ui, id, T(app, "goals.rerate_saved"));
        else if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "goals.rerate_save")) && any) {
            if (tu_goals_rerate_save(app, at, &err) >= 0)
                g->rerate_saved = 1;
            ui->need_redraw = 1;
        }
        snprintf(id, sizeof id, "%s.goals.problem", prefix);
        tu_errors_summary(ui, &g->errs, id, T(app, "errors.title"));
    }
    tu_card_end(ui);
}

int tu_goals_rerate_save(tu_app *app, const char *at, tr_error *err)
{
    tu_goals *g = &app->goals;
    int saved = 0;
    if (!keeps_goals(app))
        return 0;
    tu_errors_clear(&g->errs);
    char ts[32];
    tu_records_now(ts, sizeof ts);
    /* the ids first: every append changes the list the items point into */
    char ids[TR_GOAL_ACTIVE_MAX][TR_GOAL_ID_MAX];
    int vals[TR_GOAL_ACTIVE_MAX];
    size_t n = 0;
    const tr_goal_list *l = tu_goals_list(app);
    for (size_t i = 0, k = 0; l && i < l->n && k < TR_GOAL_ACTIVE_MAX; i++) {
        if (l->items[i].status != TR_GOAL_ACTIVE)
            continue;
        if (g->rerate[k] >= 0) {
            snprintf(ids[n], sizeof ids[n], "%s", l->items[i].goal);
            vals[n++] = g->rerate[k];
        }
        k++;
    }
    for (size_t i = 0; i < n; i++) {
        tr_goal_problem why;
        const tr_goal_list *now = tu_goals_list(app);
        if (!now) {
            tr_error_set(err, TR_E_NOMEM, "out of memory reading the goals");
            return -1;
        }
        cJSON *rec = tr_goal_rate_record(g->content, now, ts, ids[i], vals[i], at, &why, err);
        if (!rec || tu_records_append(&app->records, rec, err) != 0) {
            char buf[1200];
            snprintf(buf, sizeof buf, "%s %s", T(app, "modules.save_failed"), err->msg);
            tu_errors_clear(&g->errs);
            tu_errors_add(&g->errs, "", buf);
            app->ui.need_redraw = 1;
            return -1;
        }
        saved++;
    }
    tu_goals_rerate_clear(app);
    return saved;
}
