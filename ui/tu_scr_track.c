/* tu_scr_track: "How things are going": the outcome in plain words, then one chart per series
 * (PHQ-9 and GAD-7 with their severity bands, caseness line and reliable changes; the daily
 * check-in; the charted module entries), each with a short summary for those who would
 * rather read. */
#include "tu_app.h"
#include "tu_date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tu_chart.h"

#define MAX_POINTS 60 /* the most recent points drawn per chart */

static const char *lang_code(const tu_app *app)
{
    return tu_lang_codes[app->lang.cur];
}

/* A number with at most one decimal, with a decimal comma in nb and nn. */
static void num(const tu_app *app, double v, char *buf, size_t size)
{
    if (v == floor(v))
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.1f", v);
    char *dot = strchr(buf, '.');
    if (dot && strcmp(lang_code(app), "en") != 0)
        *dot = ',';
}

size_t tu_trk_outcome_texts(tu_app *app, char out[][600], size_t max)
{
    tu_trk *k = &app->trk;
    if (!tu_trk_update(app))
        return 0;
    const tr_occasion *occ = NULL;
    size_t n = 0;
    int sessions = -1;
    tr_error err = {0};
    tr_outcome o;
    tr_outcome_text texts[TR_OUTCOME_TEXT_MAX];
    if (tr_track_occasions(k->t, &occ, &n, &sessions, &err) != TR_OK ||
        tr_outcome_compute(&k->ocfg, occ, n, sessions, &o, &err) != TR_OK)
        return 0;
    size_t nt = tr_outcome_summary(&k->ocfg, occ, &o, texts);
    size_t w = 0;
    for (size_t i = 0; i < nt && w < max; i++) {
        char vals[TR_OUTCOME_TEXT_MAX_VALUES][16];
        tr_i18n_arg args[TR_OUTCOME_TEXT_MAX_VALUES + 1];
        int a = 0;
        for (int v = 0; v < texts[i].nvalues && v < TR_OUTCOME_TEXT_MAX_VALUES; v++, a++) {
            snprintf(vals[v], sizeof vals[v], "%d", texts[i].values[v].value);
            args[a] = (tr_i18n_arg){texts[i].values[v].name, vals[v]};
        }
        args[a] = (tr_i18n_arg){NULL, NULL};
        tr_i18n_fill(T(app, texts[i].key), args, out[w++], sizeof out[0]);
    }
    return w;
}

/* The points of one series, newest MAX_POINTS, into vals[line][i]; returns the count. */
static int take(const tr_track_series *s, float vals[][MAX_POINTS], size_t n_lines, int *marks,
                int *n_marks)
{
    size_t from = s->n_points > MAX_POINTS ? s->n_points - MAX_POINTS : 0;
    int n = 0;
    *n_marks = 0;
    for (size_t i = from; i < s->n_points; i++, n++) {
        for (size_t l = 0; l < n_lines; l++) {
            double v = s->points[i].v[l];
            vals[l][n] = isfinite(v) ? (float)v : -1;
        }
        if (s->points[i].mark != 0)
            marks[(*n_marks)++] = n;
    }
    return n;
}

/* first, latest and average of one line, as "{name}: ..." */
static void line_summary(tu_app *app, const char *name, const float *v, int n, char *buf,
                         size_t size)
{
    double sum = 0, first = -1, last = -1;
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] < 0)
            continue;
        if (first < 0)
            first = v[i];
        last = v[i];
        sum += v[i];
        count++;
    }
    char a[16], b[16], c[16], cnt[16];
    num(app, first, a, sizeof a);
    num(app, last, b, sizeof b);
    num(app, count ? sum / count : 0, c, sizeof c);
    snprintf(cnt, sizeof cnt, "%d", count);
    tr_i18n_arg args[] = {{"name", name}, {"first", a},   {"last", b},
                          {"average", c}, {"count", cnt}, {NULL, NULL}};
    tr_i18n_fill(T(app, count == 1 ? "progress.line_one" : "progress.line"), args, buf, size);
}

static void period(tu_app *app, const tr_track_series *s, int n)
{
    char a[48], b[48], line[200];
    tu_date_format(&app->lang, s->points[s->n_points - (size_t)n].ts, 0, a, sizeof a);
    tu_date_format(&app->lang, s->points[s->n_points - 1].ts, 0, b, sizeof b);
    tr_i18n_arg args[] = {{"from", a}, {"to", b}, {NULL, NULL}};
    tr_i18n_fill(T(app, "progress.period"), args, line, sizeof line);
    tu_note(&app->ui, "", line);
}

/* A module series' field: its definition (label, range) in the loaded module. */
static const tr_module_field *series_field(tu_app *app, const tr_track_module_series *ms,
                                           const char *field, const tr_module_step **step_out)
{
    const tr_module *mod = tu_mods_find(app, ms->module);
    const tr_module_step *step = mod && ms->step[0] ? tr_module_step_find(mod, ms->step) : NULL;
    *step_out = step;
    if (!step)
        return NULL;
    if (!ms->rows[0])
        return tr_module_field_find(step, field);
    const tr_module_field *list = tr_module_field_find(step, ms->rows);
    for (size_t i = 0; list && i < list->column_count; i++)
        if (strcmp(list->columns[i].id, field) == 0)
            return &list->columns[i];
    return NULL;
}

/* Chart and summary side by side on a landscape window wide enough (the chart left, its
 * summary beside it), else one under the other. */
typedef struct beside {
    int on, x, y, w, left_end;
} beside;

static beside chart_side(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    beside b = {.x = ui->lx, .y = ui->ly, .w = ui->lw};
    b.on = ui->width > ui->height && ui->lw >= (int)(600 * ui->style.scale);
    if (b.on)
        tu_column(ui, b.x, b.y, b.w * 3 / 5);
    return b;
}

static void text_side(tu_app *app, beside *b)
{
    tu_ctx *ui = &app->ui;
    if (!b->on)
        return;
    int gap = ui->style.gap * 2, left = b->w * 3 / 5;
    b->left_end = ui->ly;
    tu_column(ui, b->x + left + gap, b->y, b->w - left - gap);
}

static void side_end(tu_app *app, const beside *b)
{
    tu_ctx *ui = &app->ui;
    if (b->on)
        tu_column(ui, b->x, ui->ly > b->left_end ? ui->ly : b->left_end, b->w);
}

void tu_trk_measure_chart(tu_app *app, const tr_track_series *s, const char *voice)
{
    tu_ctx *ui = &app->ui;
    const tr_track_scale *sc = s->scale;
    float vals[1][MAX_POINTS], bands[TR_TRACK_MAX_BANDS];
    int marks[MAX_POINTS], nm = 0;
    int n = take(s, vals, 1, marks, &nm);
    const tr_inst *inst = app->pack ? tr_content_find_inst(app->pack, s->id) : NULL;
    const char *name = inst ? tr_content_text(app->pack, &inst->name, lang_code(app)) : s->id;
    char head[256], id[96], line[600], cut[16];
    tr_i18n_arg hargs[] = {{"name", name}, {NULL, NULL}};
    char key[64];
    snprintf(key, sizeof key, "%s.measure_title", voice);
    tr_i18n_fill(T(app, key), hargs, head, sizeof head);
    snprintf(id, sizeof id, "progress.%s", s->id);
    tu_card_begin(ui, id);
    if (n == 0) {
        tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text, head);
        tu_paragraph(ui, "", T(app, "progress.measure_none"));
        tu_card_end(ui);
        return;
    }
    /* the layer has four band colours, light to strong: with more bands the strongest ones
     * share the last colour, so "severe" never wraps round to the mildest colour */
    int nb = 0;
    for (size_t b = 0; b < sc->n_bands; b++) {
        if (nb < 4)
            nb++;
        bands[nb - 1] = (float)sc->bands[b].max;
    }
    snprintf(id, sizeof id, "chart.%s", s->id);
    beside b = chart_side(app);
    tu_chart_lines(
        ui, id, (int)(200 * ui->style.scale),
        &(tu_chart_lines_desc){.lines = {vals[0]},
                               .n_lines = 1,
                               .n_points = n,
                               .min = 0,
                               .max = (float)sc->max,
                               .bands = bands,
                               .n_bands = nb,
                               .threshold = isfinite(sc->caseness) ? (float)sc->caseness : -1,
                               .markers = marks,
                               .n_markers = nm,
                               .label = head});
    period(app, s, n);
    text_side(app, &b);
    num(app, sc->caseness, cut, sizeof cut);
    tr_i18n_arg args[] = {{"caseness", cut}, {NULL, NULL}};
    snprintf(key, sizeof key, "%s.measure_key", voice);
    tr_i18n_fill(T(app, key), args, line, sizeof line);
    tu_paragraph(ui, "", line);
    line_summary(app, name, vals[0], n, line, sizeof line);
    snprintf(id, sizeof id, "progress.%s.summary", s->id);
    tu_paragraph(ui, id, line);
    side_end(app, &b);
    tu_card_end(ui);
}

static void checkin_chart(tu_app *app, const tr_track_series *s)
{
    tu_ctx *ui = &app->ui;
    const tr_track_field *f = NULL;
    for (size_t i = 0; i < app->trk.cfg.n_checkin; i++)
        if (strcmp(app->trk.cfg.checkin[i].id, s->id) == 0)
            f = &app->trk.cfg.checkin[i];
    if (!f || s->n_points == 0)
        return;
    float vals[1][MAX_POINTS];
    int marks[MAX_POINTS], nm = 0;
    int n = take(s, vals, 1, marks, &nm);
    char key[128], id[96], line[600];
    snprintf(key, sizeof key, "progress.checkin.%s", s->id);
    snprintf(id, sizeof id, "progress.%s", s->id);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "chart.%s", s->id);
    beside b = chart_side(app);
    tu_chart_lines(ui, id, (int)(160 * ui->style.scale),
                   &(tu_chart_lines_desc){.lines = {vals[0]},
                                          .n_lines = 1,
                                          .n_points = n,
                                          .min = (float)f->min,
                                          .max = (float)f->max,
                                          .threshold = -1,
                                          .label = T(app, key)});
    period(app, s, n);
    text_side(app, &b);
    line_summary(app, T(app, key), vals[0], n, line, sizeof line);
    snprintf(id, sizeof id, "progress.%s.summary", s->id);
    tu_paragraph(ui, id, line);
    side_end(app, &b);
    tu_card_end(ui);
}

static void module_chart(tu_app *app, const tr_track_series *s, const tr_track_module_series *ms)
{
    tu_ctx *ui = &app->ui;
    if (s->n_points == 0)
        return;
    const char *lang = lang_code(app);
    const tr_module_step *step = NULL;
    float vals[TR_TRACK_MAX_VALUES][MAX_POINTS];
    int marks[MAX_POINTS], nm = 0;
    size_t nl = s->n_fields < TU_CHART_MAX_LINES ? s->n_fields : TU_CHART_MAX_LINES;
    int n = take(s, vals, nl, marks, &nm);
    tu_chart_lines_desc d = {.n_lines = (int)nl, .n_points = n, .threshold = -1};
    float lo = 0, hi = 0;
    for (size_t l = 0; l < nl; l++) {
        const tr_module_field *f = series_field(app, ms, s->fields[l], &step);
        d.lines[l] = vals[l];
        d.names[l] = f ? tr_module_text(f->label, lang) : s->fields[l];
        double fmax = !f ? 10 : f->type == TR_FIELD_RATING ? 100 : f->max;
        if (fmax > hi)
            hi = (float)fmax;
        if (f && f->type == TR_FIELD_NUMBER && f->min < lo)
            lo = (float)f->min;
    }
    if (hi <= lo)
        hi = lo + 10;
    d.min = lo;
    d.max = hi;
    const tr_module *mod = tu_mods_find(app, ms->module);
    char head[600], id[96], line[700];
    snprintf(head, sizeof head, "%s: %s", mod ? tr_module_text(mod->title, lang) : ms->module,
             step ? tr_module_text(step->title, lang) : ms->id);
    d.label = head;
    snprintf(id, sizeof id, "progress.%s", s->id);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "chart.%s", s->id);
    beside b = chart_side(app);
    tu_chart_lines(ui, id, (int)(180 * ui->style.scale), &d);
    period(app, s, n);
    text_side(app, &b);
    for (size_t l = 0; l < nl; l++) {
        line_summary(app, d.names[l], vals[l], n, line, sizeof line);
        snprintf(id, sizeof id, "progress.%s.summary.%zu", s->id, l);
        tu_paragraph(ui, id, line);
    }
    side_end(app, &b);
    tu_card_end(ui);
}

void tu_progress_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_trk *k = &app->trk;
    tu_title(ui, "progress.title", T(app, "progress.title"));
    if (k->saved)
        tu_paragraph(ui, "progress.saved", tu_tr_saving(app, "progress.saved"));
    if (!tu_trk_update(app)) {
        tu_paragraph(ui, "progress.problem", k->msg);
        return;
    }
    tu_paragraph(ui, "progress.intro", T(app, "progress.intro"));
    /* the questionnaires can be answered from here at any time, not only when due */
    if (tu_button(ui, "progress.measure", TU_LOOK_SECONDARY, T(app, "measure.open")))
        tu_measure_open(app, TU_SCR_PROGRESS);
    size_t ns = tr_track_series_count(k->t), measured = 0;
    for (size_t i = 0; i < ns; i++) {
        tr_track_series s;
        tr_error err = {0};
        if (tr_track_series_at(k->t, i, &s, &err) == TR_OK && s.kind == TR_SERIES_MEASURE)
            measured += s.n_points;
    }
    char texts[TR_OUTCOME_TEXT_MAX][600];
    size_t nt = measured ? tu_trk_outcome_texts(app, texts, TR_OUTCOME_TEXT_MAX) : 0;
    if (nt > 0) {
        tu_card_begin(ui, "progress.outcome");
        tu_label(ui, "progress.outcome.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "progress.outcome_title"));
        for (size_t i = 0; i < nt; i++) {
            char id[64];
            snprintf(id, sizeof id, "progress.outcome.%zu", i);
            tu_paragraph(ui, id, texts[i]);
        }
        tu_card_end(ui);
    }
    for (size_t i = 0; i < ns; i++) {
        tr_track_series s;
        tr_error err = {0};
        if (tr_track_series_at(k->t, i, &s, &err) != TR_OK)
            continue;
        switch (s.kind) {
        case TR_SERIES_MEASURE:
            if (measured)
                tu_trk_measure_chart(app, &s, "progress");
            break;
        case TR_SERIES_CHECKIN:
            checkin_chart(app, &s);
            break;
        case TR_SERIES_MODULE:
            for (size_t j = 0; j < k->cfg.n_module; j++)
                if (strcmp(k->cfg.module[j].id, s.id) == 0)
                    module_chart(app, &s, &k->cfg.module[j]);
            break;
        }
    }
    if (!measured)
        tu_paragraph(ui, "progress.measures_none", T(app, "progress.measures_none"));
    tu_goals_progress(app); /* the client's own goals beside the measures (tu_goals.h) */
}

void tu_progress_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "progress.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        app->trk.saved = 0;
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (tu_button_at(ui, "progress.checkin", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "track.checkin")))
        tu_checkin_open(app);
}
