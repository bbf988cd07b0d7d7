/* tu_scr_goals: the client's own goals (tu_goals.h): the active goals with how close each is
 * now, the way to set a new one while fewer than the pack's most are active, the goals reached
 * and let go of (kept, never deleted), and the charts of the ratings, here, on the progress
 * screen and on the therapist's page. Every clinical text is content/goals.json's; the records
 * are core's (tr_goal.h). */
#include <stdio.h>
#include <string.h>

#include "tr_secret.h"
#include "tu_app.h"
#include "tu_chart.h"
#include "tu_date.h"

#define MAX_POINTS 60 /* the most recent ratings drawn per chart */

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

int tu_goals_loaded(tu_app *app)
{
    tu_goals *g = &app->goals;
    if (!g->tried && app->pack) {
        g->tried = 1;
        g->content = app->bundle->goals; /* the bundle's; NULL when the pack has none */
    }
    return g->content != NULL;
}

void tu_goals_free(tu_goals *g)
{
    tr_goal_list_free(&g->list);
    tr_secret_wipe(g, sizeof *g); /* the open form's typed text with it */
}

const tr_goal_list *tu_goals_list(tu_app *app)
{
    tu_goals *g = &app->goals;
    if (g->list_gen == app->records.gen + 1)
        return &g->list;
    tr_goal_list_free(&g->list);
    g->list_gen = 0;
    tr_error err = {0};
    const cJSON *records = tu_records_list(&app->records);
    if (!records || tr_goal_read(records, &g->list, &err) != TR_OK)
        return NULL;
    g->list_gen = app->records.gen + 1;
    return &g->list;
}

/* 1 when an open profile keeps what is written here. */
static int keeps(tu_app *app)
{
    return app->prof.open.j != NULL && !app->prof.guest;
}

void tu_goals_home(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_goals_loaded(app))
        return;
    tu_card_begin(ui, "goals.card");
    tu_label(ui, "goals.card.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "goals.card_title"));
    if (!keeps(app)) { /* a guest is told why there are no goals, and offered none */
        tu_paragraph(ui, "goals.card.text", T(app, "goals.card_guest"));
        tu_card_end(ui);
        return;
    }
    const tr_goal_list *l = tu_goals_list(app);
    if (l && l->n_active > 0) { /* the goals themselves, so the home shows what matters */
        for (size_t i = 0, k = 0; i < l->n; i++) {
            if (l->items[i].status != TR_GOAL_ACTIVE)
                continue;
            char id[64];
            snprintf(id, sizeof id, "goals.card.goal.%zu", k++);
            tu_paragraph(ui, id, l->items[i].text);
        }
    } else {
        tu_paragraph(ui, "goals.card.text", T(app, "goals.card_text"));
    }
    if (tu_button(ui, "goals.open", TU_LOOK_SECONDARY, T(app, "goals.open"))) {
        app->goals.saved = NULL;
        tu_errors_clear(&app->goals.errs);
        tu_app_go(app, TU_SCR_GOALS);
    }
    tu_card_end(ui);
}

/* key filled with one argument, as a paragraph. */
static void line1(tu_app *app, const char *id, const char *key, const char *name, const char *value)
{
    char buf[600];
    tr_i18n_arg args[] = {{name, value}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, sizeof buf);
    tu_paragraph(&app->ui, id, buf);
}

/* "Now: 7 of 10" for a goal; max is the pack's scale top (10 when the content is gone). */
static void now_line(tu_app *app, const char *id, const tr_goal_item *it, int max)
{
    char v[16], m[16], buf[200];
    snprintf(v, sizeof v, "%d", tr_goal_latest(it));
    snprintf(m, sizeof m, "%d", max);
    tr_i18n_arg args[] = {{"value", v}, {"max", m}, {NULL, NULL}};
    tr_i18n_fill(T(app, "goals.now"), args, buf, sizeof buf);
    tu_label(&app->ui, id, TU_FONT_STRONG, app->ui.style.font_size[TU_FONT_BODY],
             app->ui.style.text, buf);
}

static void active_card(tu_app *app, const tr_goal_item *it, int i)
{
    tu_ctx *ui = &app->ui;
    char id[80], date[128];
    snprintf(id, sizeof id, "goals.item.%s", it->goal);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "goals.item.%s.text", it->goal);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text, it->text);
    snprintf(id, sizeof id, "goals.item.%s.now", it->goal);
    now_line(app, id, it, app->goals.content->max);
    tu_date_format_ts(&app->lang, it->ts, 0, date, sizeof date);
    snprintf(id, sizeof id, "goals.item.%s.set", it->goal);
    line1(app, id, "goals.set_on", "date", date);
    const tr_module *mod = it->module[0] ? tu_mods_find(app, it->module) : NULL;
    if (mod) { /* the module linked to the goal, one press away */
        snprintf(id, sizeof id, "goals.item.%s.module", it->goal);
        line1(app, id, "goals.module", "name",
              tr_module_text(mod->title, tu_lang_code(&app->lang)));
        snprintf(id, sizeof id, "goals.module.%s", it->goal);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "goals.open_module"))) {
            tu_card_end(ui);
            tu_mods_open_module(app, it->module);
            return;
        }
    }
    snprintf(id, sizeof id, "goals.rate.%s", it->goal);
    if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "goals.rate")))
        tu_goals_edit(app, TU_GOALS_RATE, i);
    tu_card_end(ui);
}

static void closed_card(tu_app *app, const tr_goal_item *it)
{
    tu_ctx *ui = &app->ui;
    char id[80], date[128];
    snprintf(id, sizeof id, "goals.closed.%s", it->goal);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "goals.closed.%s.text", it->goal);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text, it->text);
    tu_date_format_ts(&app->lang, it->closed_ts, 0, date, sizeof date);
    snprintf(id, sizeof id, "goals.closed.%s.status", it->goal);
    line1(app, id, it->status == TR_GOAL_REACHED ? "goals.reached_on" : "goals.let_go_on", "date",
          date);
    snprintf(id, sizeof id, "goals.closed.%s.now", it->goal);
    now_line(app, id, it, app->goals.content->max);
    tu_card_end(ui);
}

void tu_goals_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_goals *g = &app->goals;
    char buf[400], num[16];
    tu_title(ui, "goals.title", T(app, "goals.title"));
    if (!tu_goals_loaded(app))
        return;
    if (!keeps(app)) { /* a guest: nothing here would be kept, so nothing is offered */
        tu_paragraph(ui, "goals.need_profile", T(app, "goals.need_profile"));
        return;
    }
    if (g->content->draft)
        tu_note(ui, "goals.draft", T(app, "goals.draft"));
    tu_errors_summary(ui, &g->errs, "goals.problem", T(app, "errors.title"));
    if (g->saved)
        tu_note(ui, "goals.saved", T(app, g->saved));
    tu_paragraph(ui, "goals.intro", L(app, &g->content->intro));
    const tr_goal_list *l = tu_goals_list(app);
    if (!l) {
        tu_paragraph(ui, "goals.read_failed", T(app, "goals.read_failed"));
        return;
    }
    tu_label(ui, "goals.active.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "goals.active_title"));
    if (l->n_active == 0)
        tu_paragraph(ui, "goals.none", T(app, "goals.none"));
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].status == TR_GOAL_ACTIVE)
            active_card(app, &l->items[i], (int)i);
        if (app->screen != TU_SCR_GOALS)
            return; /* a button left the screen (the module opened) */
    }
    if (l->n_active < (size_t)g->content->max_active) {
        if (tu_button(ui, "goals.add", TU_LOOK_PRIMARY, T(app, "goals.add")))
            tu_goals_edit(app, TU_GOALS_ADD, -1);
    } else {
        snprintf(num, sizeof num, "%d", g->content->max_active);
        tr_i18n_arg args[] = {{"max", num}, {NULL, NULL}};
        tr_i18n_fill(T(app, "goals.full"), args, buf, sizeof buf);
        tu_paragraph(ui, "goals.full", buf);
    }
    tu_paragraph(ui, "goals.close_text", L(app, &g->content->close));
    if (l->n > 0)
        tu_goals_charts(app, l, "goals");
    if (l->n_active < l->n) {
        tu_label(ui, "goals.closed.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "goals.closed_title"));
        for (size_t i = l->n; i-- > 0;) /* the newest first */
            if (l->items[i].status != TR_GOAL_ACTIVE)
                closed_card(app, &l->items[i]);
    }
}

void tu_goals_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "goals.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        app->goals.saved = NULL;
        tu_errors_clear(&app->goals.errs);
        tu_app_go(app, TU_SCR_WELCOME); /* the home, for a client with a profile */
    }
}

/* ---- charts -------------------------------------------------------------------------------- */

void tu_goals_charts(tu_app *app, const tr_goal_list *list, const char *prefix)
{
    tu_ctx *ui = &app->ui;
    int max = app->goals.content ? app->goals.content->max : TR_GOAL_SCALE_TOP;
    int min = app->goals.content ? app->goals.content->min : 0;
    for (size_t i = 0; i < list->n; i++) {
        const tr_goal_item *it = &list->items[i];
        float vals[MAX_POINTS];
        size_t first = it->n_ratings > MAX_POINTS ? it->n_ratings - MAX_POINTS : 0;
        int n = 0;
        for (size_t r = first; r < it->n_ratings; r++)
            vals[n++] = (float)it->ratings[r].value;
        if (n == 0)
            continue;
        char id[96], line[600], a[16], b[16], m[16];
        snprintf(id, sizeof id, "%s.chart.%s", prefix, it->goal);
        tu_card_begin(ui, id);
        snprintf(id, sizeof id, "chart.goal.%s.%s", prefix, it->goal);
        tu_chart_lines(ui, id, (int)(140 * ui->style.scale),
                       &(tu_chart_lines_desc){.lines = {vals},
                                              .n_lines = 1,
                                              .n_points = n,
                                              .min = (float)min,
                                              .max = (float)max,
                                              .threshold = -1,
                                              .label = it->text});
        snprintf(a, sizeof a, "%d", it->ratings[0].value);
        snprintf(b, sizeof b, "%d", tr_goal_latest(it));
        snprintf(m, sizeof m, "%d", max);
        tr_i18n_arg args[] = {{"first", a}, {"last", b}, {"max", m}, {NULL, NULL}};
        tr_i18n_fill(T(app, "goals.chart_summary"), args, line, sizeof line);
        if (it->status != TR_GOAL_ACTIVE) { /* reached or let go of, and when */
            char date[128], st[300];
            tu_date_format_ts(&app->lang, it->closed_ts, 0, date, sizeof date);
            tr_i18n_arg sargs[] = {{"date", date}, {NULL, NULL}};
            tr_i18n_fill(
                T(app, it->status == TR_GOAL_REACHED ? "goals.reached_on" : "goals.let_go_on"),
                sargs, st, sizeof st);
            size_t len = strlen(line);
            snprintf(line + len, sizeof line - len, " %s.", st);
        }
        snprintf(id, sizeof id, "%s.chart.%s.summary", prefix, it->goal);
        tu_paragraph(ui, id, line);
        tu_card_end(ui);
    }
}

void tu_goals_team(tu_app *app, const cJSON *records)
{
    tu_ctx *ui = &app->ui;
    tr_goal_list l;
    tr_error err = {0};
    if (!records || tr_goal_read(records, &l, &err) != TR_OK)
        return;
    if (l.n > 0) {
        tu_goals_loaded(app); /* the pack's scale, when it has one */
        tu_label(ui, "team.goals.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "goals.team_title"));
        tu_paragraph(ui, "team.goals.intro", T(app, "goals.team_intro"));
        tu_goals_charts(app, &l, "team.goals");
    }
    tr_goal_list_free(&l);
}

void tu_goals_progress(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_goals_loaded(app) || !keeps(app))
        return;
    const tr_goal_list *l = tu_goals_list(app);
    if (!l || l->n == 0)
        return;
    tu_label(ui, "progress.goals.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "goals.progress_title"));
    tu_goals_charts(app, l, "progress.goals");
}

void tu_goals_for_module(tu_app *app, const char *module_id)
{
    if (!tu_goals_loaded(app) || !keeps(app))
        return;
    const tr_goal_list *l = tu_goals_list(app);
    for (size_t i = 0; l && i < l->n; i++) {
        const tr_goal_item *it = &l->items[i];
        if (it->status != TR_GOAL_ACTIVE || strcmp(it->module, module_id) != 0)
            continue;
        char id[64];
        snprintf(id, sizeof id, "goals.for.%s", it->goal);
        line1(app, id, "goals.for_module", "text", it->text);
    }
}

void tu_goals_say(tu_app *app, const tr_goal_event *ev, const char *date, char *buf, size_t size)
{
    const tr_goal_list *l = tu_goals_list(app);
    int i = l ? tr_goal_find(l, ev->goal) : -1;
    const char *text = ev->text[0] ? ev->text : i >= 0 ? l->items[i].text : ev->goal;
    char r[16], m[16];
    snprintf(r, sizeof r, "%d", ev->rating);
    snprintf(m, sizeof m, "%d", app->goals.content ? app->goals.content->max : TR_GOAL_SCALE_TOP);
    tr_i18n_arg args[] = {{"date", date}, {"text", text}, {"rating", r}, {"max", m}, {NULL, NULL}};
    const char *key = ev->op == TR_GOAL_OP_ADD        ? "goals.say_add"
                      : ev->op == TR_GOAL_OP_RATE     ? "goals.say_rate"
                      : ev->op == TR_GOAL_OP_LINK     ? "goals.say_link"
                      : ev->status == TR_GOAL_REACHED ? "goals.say_reached"
                                                      : "goals.say_let_go";
    tr_i18n_fill(T(app, key), args, buf, size);
}
