/* tu_scr_team_stats: the team's numbers (issue 16): the statistics of core/tr_stats over what the
 * team's clients shared (tr_caseload_stats: referrals, finished courses, recovery, reliable
 * improvement, deterioration and recovery), the four outcome rates drawn as bars with their 95 %
 * Wilson intervals and the reference figures of content/stats.json marked on them, every number
 * also as text, and the same per quarter. */
#include "tu_app.h"
#include "tu_team.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *lang_code(const tu_app *app)
{
    return tu_lang_code(&app->lang);
}

/* A fraction as a percentage with one decimal, with a decimal comma in nb and nn. */
static void pct(const tu_app *app, double f, char *buf, size_t size)
{
    snprintf(buf, size, "%.1f %%", f * 100);
    char *dot = strchr(buf, '.');
    if (dot && strcmp(lang_code(app), "en") != 0)
        *dot = ',';
}

static void counts(tu_app *app, const tr_view_group *g)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "team.stats.counts");
    tu_label(ui, "team.stats.counts.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.stats_counts"));
    for (size_t i = 0; i < TR_VIEW_COUNTS; i++) {
        char key[64], id[64], num[24];
        snprintf(key, sizeof key, "team.stats.count.%s", tr_view_count_names[i]);
        snprintf(id, sizeof id, "team.stats.count.%s", tr_view_count_names[i]);
        snprintf(num, sizeof num, "%d", g->counts[i]);
        tu_pair_row(ui, id, T(app, key), num, ui->style.text);
    }
    tu_card_end(ui);
}

/* The reference figures of a rate as text ("45 % (…), 50 % (…)"), the label in the app's
 * language where stats.json gives one. */
static void references(tu_app *app, const tr_view_rate *rate, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < rate->n_refs; i++) {
        char p[32];
        if (used >= size - 1)
            continue;
        pct(app, rate->refs[i].value, p, sizeof p);
        used += (size_t)snprintf(buf + used, size - used, "%s%s (%s)", used ? "; " : "", p,
                                 rate->refs[i].label);
    }
}

/* One rate: its name, and a bar with the interval as a whisker and the reference figures as
 * upright marks (0 to 100 % across the bar). */
static void rate_bar(tu_app *app, const tr_view_group *g, size_t which)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    const tr_view_rate *rate = &g->rates[which];
    const char *name = tr_view_rate_names[which];
    char key[64], id[64];
    snprintf(key, sizeof key, "team.stats.rate.%s", name);
    snprintf(id, sizeof id, "team.stats.rate.%s", name);
    tu_label(ui, id, TU_FONT_STRONG, st->font_size[TU_FONT_BODY], st->text, T(app, key));
    /* the bar: the track is 0-100 %, the bar the rate, the whisker its 95 % interval */
    tu_rect r = tu_next(ui, (int)(28 * st->scale));
    tu_draw_fill(ui, r, st->track, st->radius / 2);
    if (rate->defined) {
        int w = (int)lround(rate->rate * r.w);
        tu_color c = strcmp(name, "reliable_deterioration") == 0 ? st->danger : st->primary;
        if (w > 0)
            tu_draw_fill(ui, (tu_rect){r.x, r.y + r.h / 4, w, r.h / 2}, c, 0);
        int x0 = r.x + (int)lround(rate->low * r.w);
        int x1 = r.x + (int)lround(rate->high * r.w);
        int my = r.y + r.h / 2;
        for (int t = -1; t <= 1; t++)
            tu_draw_line(ui, x0, my + t, x1, my + t, st->text);
        tu_draw_line(ui, x0, r.y + 3, x0, r.y + r.h - 3, st->text);
        tu_draw_line(ui, x1, r.y + 3, x1, r.y + r.h - 3, st->text);
    }
    for (size_t i = 0; i < rate->n_refs; i++) {
        int x = r.x + (int)lround(rate->refs[i].value * r.w);
        tu_draw_fill(ui, (tu_rect){x - 1, r.y, 3, r.h}, st->accent, 0);
    }
}

/* The numbers of one rate in words: the rate, n of N, the interval, the reference figures. */
static void rate_text(tu_app *app, const tr_view_group *g, size_t which)
{
    tu_ctx *ui = &app->ui;
    const tr_view_rate *rate = &g->rates[which];
    const char *name = tr_view_rate_names[which];
    char key[64], id[64], line[1400], refs[900];
    snprintf(key, sizeof key, "team.stats.rate.%s", name);
    snprintf(id, sizeof id, "team.stats.rate.%s.name", name);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
             T(app, key));
    references(app, rate, refs, sizeof refs);
    if (rate->defined) {
        char p[32], a[32], b[32], ns[24], os[24];
        pct(app, rate->rate, p, sizeof p);
        pct(app, rate->low, a, sizeof a);
        pct(app, rate->high, b, sizeof b);
        snprintf(ns, sizeof ns, "%d", rate->n);
        snprintf(os, sizeof os, "%d", rate->of);
        tr_i18n_arg args[] = {{"rate", p}, {"n", ns},    {"of", os},  {"low", a},
                              {"high", b}, {NULL, NULL}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.stats.rate_line"), args, line, sizeof line);
    } else {
        snprintf(line, sizeof line, "%s", T(app, "team.stats.rate_none"));
    }
    if (refs[0]) {
        size_t used = strlen(line);
        char more[1000];
        tr_i18n_arg args[] = {{"references", refs}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.stats.references"), args, more, sizeof more);
        snprintf(line + used, sizeof line - used, " %s", more);
    }
    snprintf(id, sizeof id, "team.stats.rate.%s.text", name);
    tu_paragraph(ui, id, line);
}

/* The scale under the bars: 0, 50 and 100 % at the bar's ends and middle. */
static void axis(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    int th = tu_text_height(ui, TU_FONT_BODY, st->small_size, 0, "0");
    tu_rect r = tu_next(ui, th + 4);
    static const double at[] = {0, 0.5, 1};
    for (int i = 0; i < 3; i++) {
        char p[16];
        snprintf(p, sizeof p, "%.0f %%", at[i] * 100);
        int w = tu_text_width(ui, TU_FONT_BODY, st->small_size, p);
        int x = r.x + (int)lround(at[i] * r.w) - (i == 0 ? 0 : i == 2 ? w : w / 2);
        tu_draw_fill(ui, (tu_rect){r.x + (int)lround(at[i] * r.w) - (i == 2), r.y, 1, 4},
                     st->text_muted, 0);
        tu_draw_text(ui, (tu_rect){x, r.y + 4, w, th}, TU_FONT_BODY, st->small_size, 0,
                     st->text_muted, p);
    }
}

static void chart(tu_app *app, const tr_view_group *g)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "team.stats.chart");
    tu_label(ui, "team.stats.chart.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.stats_chart"));
    tu_note(ui, "team.stats.chart.key", T(app, "team.stats_key"));
    for (size_t i = 0; i < TR_VIEW_RATES; i++)
        rate_bar(app, g, i);
    axis(app);
    tu_card_end(ui);
    /* the same numbers in words, for those who would rather read */
    tu_card_begin(ui, "team.stats.numbers");
    tu_label(ui, "team.stats.numbers.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.stats_numbers"));
    for (size_t i = 0; i < TR_VIEW_RATES; i++)
        rate_text(app, g, i);
    tu_card_end(ui);
}

/* Each quarter over the whole team: referrals, finished, recovery. */
static void periods(tu_app *app, const tr_stats_view *stats)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "team.stats.periods");
    tu_label(ui, "team.stats.periods.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.stats_periods"));
    for (size_t k = 0; k < stats->n_periods; k++) {
        const tr_view_group *g = &stats->periods[k];
        const tr_view_rate *rec = &g->rates[0]; /* recovery */
        char ref[16], fin[16], p[32], line[600], id[48];
        snprintf(ref, sizeof ref, "%d", g->counts[0]); /* referrals */
        snprintf(fin, sizeof fin, "%d", g->counts[3]); /* finished */
        if (rec->has_rate)
            pct(app, rec->rate, p, sizeof p);
        else
            snprintf(p, sizeof p, "–");
        tr_i18n_arg args[] = {{"period", g->period},
                              {"referrals", ref},
                              {"finished", fin},
                              {"recovery", p},
                              {NULL, NULL}};
        tr_i18n_fill(T(app, "team.stats.period_line"), args, line, sizeof line);
        snprintf(id, sizeof id, "team.stats.period.%zu", k);
        tu_paragraph(ui, id, line);
    }
    if (stats->n_periods == 0)
        tu_paragraph(ui, "team.stats.periods.none", T(app, "team.stats_periods_none"));
    tu_card_end(ui);
}

void tu_team_stats_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "team.stats.title", T(app, "team.stats_title"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    if (!t->stats && !t->stats_problem[0]) {
        tr_error err = {0};
        if (!(t->stats = calloc(1, sizeof *t->stats))) {
            snprintf(err.msg, sizeof err.msg, "out of memory");
        } else if (tr_caseload_stats_view(&t->cl, app->pack, app->content_dir, lang_code(app),
                                          t->stats, &err) != TR_OK) {
            free(t->stats);
            t->stats = NULL;
        }
        if (!t->stats) {
            tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
            tr_i18n_fill(T(app, "team.stats_problem"), args, t->stats_problem,
                         sizeof t->stats_problem);
        }
    }
    tu_paragraph(ui, "team.stats.intro", T(app, "team.stats_intro"));
    if (t->stats_problem[0]) {
        tu_alert(ui, "team.stats.problem", t->stats_problem);
        return;
    }
    if (!t->stats->has_all) {
        tu_paragraph(ui, "team.stats.none", T(app, "team.stats_none"));
        return;
    }
    chart(app, &t->stats->all);
    counts(app, &t->stats->all);
    periods(app, t->stats);
}

void tu_team_stats_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "team.stats.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE))
        tu_app_go(app, TU_SCR_TEAM);
}
