/* tu_mod_fields: one module field drawn with the ordinary widgets, editing an entry's typed
 * values (core/tr_values.h). */
#include "tu_mod_priv.h"

#include "tp_harden.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "tp_clock.h"
#include "tu_date.h"

void tu_mod_id(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

const char *tu_mod_lang(const tu_app *app)
{
    return tu_lang_codes[app->lang.cur];
}

tu_mod_buf *tu_mod_buf_get(tu_mods *m, const char *id, size_t cap, const char *init)
{
    for (size_t i = 0; i < m->n_bufs; i++)
        if (strcmp(m->bufs[i].id, id) == 0)
            return &m->bufs[i];
    if (m->n_bufs == m->cap_bufs) {
        size_t n = m->cap_bufs ? m->cap_bufs * 2 : 32;
        tu_mod_buf *b = realloc(m->bufs, n * sizeof *b);
        if (!b)
            return NULL;
        m->bufs = b;
        m->cap_bufs = n;
    }
    tu_mod_buf *b = &m->bufs[m->n_bufs];
    memset(b, 0, sizeof *b);
    if (!(b->s = calloc(1, cap)))
        return NULL;
    b->cap = cap;
    snprintf(b->id, sizeof b->id, "%s", id);
    if (init)
        snprintf(b->s, cap, "%s", init);
    m->n_bufs++;
    return b;
}

void tu_mod_bufs_clear(tu_mods *m)
{
    for (size_t i = 0; i < m->n_bufs; i++)
        tp_wipe_free(m->bufs[i].s); /* what the client typed into a worksheet */
    m->n_bufs = 0;
}

/* A change to the values: saved with the next save, drawn in the next frame. A change that
 * could not be made (out of memory) leaves the values as they were. */
static void changed(tu_app *app)
{
    app->mods.dirty = 1;
    app->ui.need_redraw = 1;
}

static const char *loc_option(const tu_app *app, const tr_module_field *f, const char *id)
{
    for (size_t i = 0; i < f->option_count; i++)
        if (strcmp(f->options[i].id, id) == 0)
            return tr_module_text(f->options[i].label, tu_mod_lang(app));
    return id; /* options_from: the value is the row's own text */
}

static void long_date(const tu_app *app, const char *iso, char *buf, size_t size);

static void number_text(double d, char *buf, size_t size)
{
    if (d == floor(d) && fabs(d) < 1e15)
        snprintf(buf, size, "%.0f", d);
    else
        snprintf(buf, size, "%.2f", d);
}

void tu_mod_value_text(const tu_app *app, const tr_module_field *f, const tr_value *v, char *buf,
                       size_t size)
{
    buf[0] = 0;
    const char *text = tr_value_text(v);
    double d;
    tr_value_kind kind = tr_value_kind_of(v);
    if (text && f && f->type == TR_FIELD_DATE) {
        long_date(app, text, buf, size);
        if (!buf[0])
            snprintf(buf, size, "%s", text);
    } else if (text) {
        snprintf(buf, size, "%s",
                 f && f->type == TR_FIELD_CHOICE ? loc_option(app, f, text) : text);
    } else if (tr_value_number(v, &d)) {
        number_text(d, buf, size);
    } else if (kind == TR_VALUE_BOOL) {
        snprintf(buf, size, "%s", T(app, tr_value_is_true(v) ? "modules.yes" : "modules.no"));
    } else if (kind == TR_VALUE_LIST) {
        size_t len = 0, n = tr_value_count(v);
        for (size_t i = 0; i < n; i++) {
            const char *it = tr_value_text_at(v, i);
            if (!it || len + 3 >= size)
                continue;
            const char *s = f ? loc_option(app, f, it) : it;
            int k = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", s);
            if (k > 0)
                len += (size_t)k < size - len ? (size_t)k : size - len - 1;
        }
    }
}

static int fits(tu_app *app, const char *text)
{
    tu_ctx *ui = &app->ui;
    return tu_text_width(ui, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], text) <= ui->lw;
}

const char *tu_mod_question(tu_app *app, const char *text)
{
    if (fits(app, text))
        return text;
    tu_paragraph(&app->ui, "", text);
    return "";
}

void tu_mod_heading(tu_app *app, const char *text)
{
    tu_ctx *ui = &app->ui;
    if (fits(app, text))
        tu_label(ui, "", TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text, text);
    else
        tu_paragraph(ui, "", text);
}

void tu_mod_note(tu_app *app, const char *text)
{
    tu_ctx *ui = &app->ui;
    int size = ui->style.small_size;
    tu_rect r = tu_next(ui, tu_text_height(ui, TU_FONT_BODY, size, ui->lw, text));
    tu_draw_text(ui, r, TU_FONT_BODY, size, ui->lw, ui->style.text_muted, text);
}

static int parse_number(const tr_module_field *f, const char *s, double *out)
{
    char tmp[64], *end;
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n + 1);
    for (char *p = tmp; *p; p++)
        if (*p == ',')
            *p = '.'; /* a Norwegian decimal comma */
    double d = strtod(tmp, &end);
    if (*end || !isfinite(d) || d < f->min || d > f->max || (f->integer && d != floor(d)))
        return 0;
    *out = d;
    return 1;
}

/* The words for days in the current language, from the catalog (tp_clock_parse_day). */
static tp_date_words date_words(const tu_app *app)
{
    tp_date_words w = {.today = T(app, "date.words.today"),
                       .yesterday = T(app, "date.words.yesterday")};
    for (int i = 0; i < 12; i++) {
        char key[16];
        snprintf(key, sizeof key, "month.%d", i + 1);
        w.months[i] = T(app, key);
    }
    return w;
}

/* Today in local time, as days since 1970-01-01. */
static int64_t local_today(void)
{
    time_t now = (time_t)tp_clock_now();
    struct tm tm;
    char iso[16];
    int64_t t = 0;
    if (!localtime_r(&now, &tm) || !strftime(iso, sizeof iso, "%Y-%m-%d", &tm) ||
        tp_clock_parse_date(iso, &t) != 0)
        return tp_clock_now() / 86400;
    return t / 86400;
}

int tu_mod_parse_date(const tu_app *app, const char *text, char *iso, size_t size)
{
    tp_date_words w = date_words(app);
    int64_t t;
    if (tp_clock_parse_day(text, &w, local_today(), &t) != 0 ||
        tp_clock_format_date(t, iso, size) != 0)
        return -1;
    return 0;
}

/* "5. desember 2026" for an ISO day (the day itself, not shifted by the time zone). */
static void long_date(const tu_app *app, const char *iso, char *buf, size_t size)
{
    int64_t t;
    buf[0] = 0;
    if (tp_clock_parse_date(iso, &t) != 0)
        return;
    /* noon of that day in UTC is the same calendar day in every zone Norway uses */
    tu_date_format(&app->lang, t + 12 * 3600, 0, buf, size);
}

/* What field f wants, for the error summary and the field: "Label: write ...". */
static void want_text(tu_app *app, const tr_module_field *f, const char *label, char *buf,
                      size_t size)
{
    char lo[32], hi[32];
    number_text(f->min, lo, sizeof lo);
    number_text(f->max, hi, sizeof hi);
    const char *key = f->type == TR_FIELD_TIME   ? "modules.error.time"
                      : f->type == TR_FIELD_DATE ? "modules.error.date"
                      : f->integer               ? "modules.error.whole"
                                                 : "modules.error.number";
    char name[1400]; /* "Når skjedde det?" reads "Når skjedde det: skriv ..." */
    snprintf(name, sizeof name, "%s", label);
    for (size_t n = strlen(name); n > 0 && strchr("?: ", name[n - 1]);)
        name[--n] = 0;
    tr_i18n_arg args[] = {{"field", name}, {"min", lo}, {"max", hi}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, size);
}

/* text, time, date and number: a text field; the value follows what is typed when valid.
 * What is typed stays in the field whatever it is; a value that is not valid is not saved,
 * and going on from the page says so (tu_mod_page_problems). Nothing moves while typing:
 * a date has one line below it for the day it reads (or what it wants), a text its count. */
static void typed_field(tu_app *app, const tr_module_field *f, tr_values *obj, const char *wid,
                        const char *label)
{
    tu_mods *m = &app->mods;
    tu_ctx *ui = &app->ui;
    tr_error err = {0};
    char init[96];
    const char *start = tr_value_text(tr_values_get(obj, f->id));
    double old;
    if (tr_value_number(tr_values_get(obj, f->id), &old)) {
        number_text(old, init, sizeof init);
        start = init;
    }
    int fresh_date = 0;
    if (f->type == TR_FIELD_DATE) {
        if (start) {
            long_date(app, start, init, sizeof init);
            start = init[0] ? init : start;
        } else if (!m->entry[0] && !tr_values_has(obj, f->id)) {
            /* a new entry's day is today unless the client writes another */
            char iso[16];
            int64_t t = local_today() * 86400;
            if (tp_clock_format_date(t, iso, sizeof iso) == 0) {
                long_date(app, iso, init, sizeof init);
                start = init;
                fresh_date = 1;
            }
        }
    }
    int max_chars = f->type == TR_FIELD_TEXT ? (f->max_len > 0 ? f->max_len : 500) : 64;
    size_t cap = (size_t)max_chars * 4 + 1;
    size_t had = m->n_bufs;
    tu_mod_buf *b = tu_mod_buf_get(m, wid, cap, start);
    if (!b)
        return;
    if (fresh_date && m->n_bufs > had) {
        char iso[16];
        /* saved with the first thing written */
        if (tu_mod_parse_date(app, b->s, iso, sizeof iso) == 0)
            tr_values_set_text(obj, f->id, iso, &err);
    }
    int lines = f->type == TR_FIELD_TEXT && f->lines > 1 ? f->lines : 0;
    int got = tu_field(ui, &(tu_field_desc){.id = wid,
                                            .label = tu_mod_question(app, label),
                                            .buf = b->s,
                                            .size = b->cap,
                                            .lines = lines,
                                            .max_chars = max_chars,
                                            .select_on_focus = f->type == TR_FIELD_DATE,
                                            .error = tu_errors_of(&m->errs, wid)});
    /* what the field now reads: nothing, a text (text, time, a date as ISO) or a number */
    const char *nt = NULL;
    double nd = 0;
    int ok = 1, has = b->s[0] != 0;
    char iso[16];
    if (!has) {
    } else if (f->type == TR_FIELD_TEXT) {
        nt = b->s;
    } else if (f->type == TR_FIELD_TIME) {
        ok = tp_clock_parse_hhmm(b->s, NULL) == 0;
        nt = b->s;
    } else if (f->type == TR_FIELD_DATE) {
        ok = tu_mod_parse_date(app, b->s, iso, sizeof iso) == 0;
        nt = iso;
    } else {
        ok = parse_number(f, b->s, &nd);
    }
    b->bad = !ok;
    if (!ok)
        want_text(app, f, label, b->want, sizeof b->want);
    if (f->type == TR_FIELD_TEXT) {
        tu_mod_count(app, wid, b, got, max_chars);
    } else if (f->type == TR_FIELD_DATE) { /* the day it reads, or what it wants */
        char shown[96] = "", nid[220];
        if (ok && has)
            long_date(app, iso, shown, sizeof shown);
        snprintf(nid, sizeof nid, "%s.reads", wid);
        tu_fixed_note(ui, nid, shown[0] ? shown : T(app, "modules.date_hint"),
                      T(app, "modules.date_hint"), ui->style.text_muted);
    }
    if (!ok) {
        if (tr_values_has(obj, f->id)) {
            tr_values_clear(obj, f->id); /* an unfinished time is not saved as the old one */
            changed(app);
        }
        return;
    }
    /* store only what differs from the saved value */
    const tr_value *v = tr_values_get(obj, f->id);
    const char *vt = tr_value_text(v);
    double vd;
    if (!has) {
        if (tr_values_has(obj, f->id)) {
            tr_values_clear(obj, f->id);
            changed(app);
        }
    } else if (nt) {
        if ((!vt || strcmp(vt, nt) != 0) && tr_values_set_text(obj, f->id, nt, &err) == TR_OK)
            changed(app);
    } else if ((!tr_value_number(v, &vd) || vd != nd) &&
               tr_values_set_number(obj, f->id, nd, &err) == TR_OK) {
        changed(app);
    }
}

void tu_mod_count(tu_app *app, const char *wid, tu_mod_buf *b, int got, int max_chars)
{
    tu_ctx *ui = &app->ui;
    if (got & TU_FIELD_REFUSED)
        b->full = 1;
    else if (b->full && tu_utf8_count(b->s) < max_chars)
        b->full = 0;
    char count[24], most[24], line[320], full[320], nid[220];
    snprintf(count, sizeof count, "%d", tu_utf8_count(b->s));
    snprintf(most, sizeof most, "%d", max_chars);
    tr_i18n_arg args[] = {{"count", count}, {"max", most}, {NULL, NULL}};
    tr_i18n_fill(T(app, "modules.count"), args, line, sizeof line);
    tr_i18n_fill(T(app, "modules.count_full"), args, full, sizeof full);
    snprintf(nid, sizeof nid, "%s.count", wid);
    /* one box as tall as the longer text: the count can change without moving anything */
    tu_fixed_note(ui, nid, b->full ? full : line, b->full ? line : full,
                  b->full ? ui->style.danger : ui->style.text_muted);
}

int tu_mod_page_problems(tu_app *app)
{
    tu_mods *m = &app->mods;
    tu_errors_clear(&m->errs);
    for (size_t i = 0; i < m->n_bufs; i++) {
        const tu_mod_buf *b = &m->bufs[i];
        const tu_record *r = b->bad ? tu_find(&app->ui, b->id) : NULL;
        if (r && strcmp(r->id, b->id) == 0) /* drawn on this page */
            tu_errors_add(&m->errs, b->id, b->want);
    }
    app->ui.need_redraw = 1;
    return m->errs.n;
}

static void rating_field(tu_app *app, const tr_module_field *f, tr_values *obj, const char *wid,
                         const char *label)
{
    tu_ctx *ui = &app->ui;
    double d = 0;
    int have = tr_value_number(tr_values_get(obj, f->id), &d);
    int val = have ? (int)d : 0;
    /* the slider writes "label: value": a question mark before the colon reads oddly */
    char q[1400];
    snprintf(q, sizeof q, "%s", label);
    for (size_t n = strlen(q); n > 0 && (q[n - 1] == '?' || q[n - 1] == ':' || q[n - 1] == ' ');)
        q[--n] = 0;
    char shown[1420];
    snprintf(shown, sizeof shown, "%s: 100", q);
    if (!fits(app, shown)) { /* the question above, the value on the slider's own line */
        tu_paragraph(ui, "", label);
        snprintf(q, sizeof q, "%s", T(app, "modules.rating_value"));
    }
    if (tu_slider(ui, wid, q, &val) ||
        (!have && ui->focus == tu_id(wid) && ui->keys & (TU_KEY_ENTER | TU_KEY_SPACE))) {
        tr_error err = {0};
        if (tr_values_set_number(obj, f->id, val, &err) == TR_OK)
            changed(app);
    }
    const char *lang = tu_mod_lang(app);
    char line[512];
    if (f->low || f->high) {
        snprintf(line, sizeof line, "0 = %s   \xC2\xB7   100 = %s", tr_module_text(f->low, lang),
                 tr_module_text(f->high, lang));
        tu_mod_note(app, line);
    }
    if (!have)
        tu_mod_note(app, T(app, "modules.rating_unset"));
}

static void choice_field(tu_app *app, const tr_module *mod, const tr_module_field *f,
                         tr_values *obj, const char *wid, const char *label)
{
    tu_ctx *ui = &app->ui;
    const tr_value *v = tr_values_get(obj, f->id);
    const char *lang = tu_mod_lang(app);
    tr_error err = {0};
    tu_mod_heading(app, label);
    tr_value *from = NULL;
    size_t n = f->option_count;
    if (f->options_from) {
        from = tr_module_options(mod, f, tu_records_list(&app->records), &err);
        n = tr_value_count(from);
        if (n == 0) {
            tu_mod_note(app, T(app, "modules.no_options"));
            tr_module_options_free(from);
            return;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const char *oid, *olabel;
        if (from) {
            const char *o = tr_value_text_at(from, i);
            oid = olabel = o ? o : "";
        } else {
            oid = f->options[i].id;
            olabel = tr_module_text(f->options[i].label, lang);
        }
        char id[160];
        tu_mod_id(id, sizeof id, "%s.%zu", wid, i);
        if (f->multiple) {
            int on = tr_value_has_text(v, oid);
            if (tu_checkbox(ui, id, olabel, &on)) {
                if (tr_values_set_choice(obj, f->id, oid, on, &err) == TR_OK)
                    changed(app);
                break; /* v was replaced */
            }
        } else {
            const char *cur = tr_value_text(v);
            int sel = cur && strcmp(cur, oid) == 0;
            if (tu_radio(ui, id, olabel, sel) && !sel) {
                if (tr_values_set_text(obj, f->id, oid, &err) == TR_OK)
                    changed(app);
                break;
            }
        }
    }
    tr_module_options_free(from);
}

/* How many columns from c on are short (time, date, number) and fit side by side on one
 * line with their labels: up to three; 1 when they do not fit. */
static size_t short_group(tu_app *app, const tr_module_field *list, size_t c)
{
    tu_ctx *ui = &app->ui;
    size_t g = 0;
    int need = 0;
    for (size_t k = c; k < list->column_count && g < 3; k++, g++) {
        const tr_module_field *f = &list->columns[k];
        if (f->type != TR_FIELD_TIME && f->type != TR_FIELD_DATE && f->type != TR_FIELD_NUMBER)
            break;
        int w = tu_text_width(ui, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY],
                              tr_module_text(f->label, tu_mod_lang(app)));
        w += 2 * ui->style.pad;
        need = w > need ? w : need;
    }
    while (g > 1 && (ui->lw - (int)(g - 1) * ui->style.gap) / (int)g < need)
        g--;
    return g ? g : 1;
}

static void list_field(tu_app *app, const tr_module *mod, const tr_module_step *step,
                       const tr_module_field *f, tr_values *obj, const char *wid, const char *label)
{
    tu_ctx *ui = &app->ui;
    tu_mod_heading(app, label);
    const tr_value *rows = tr_values_get(obj, f->id);
    if (rows && tr_value_kind_of(rows) != TR_VALUE_LIST) {
        tr_values_clear(obj, f->id);
        changed(app);
    }
    int n = (int)tr_values_row_count(obj, f->id), remove = -1;
    char id[160], text[96];
    for (int r = 0; r < n; r++) {
        tr_values *row = tr_values_row_edit(obj, f->id, (size_t)r);
        if (!row)
            continue;
        tu_mod_id(id, sizeof id, "%s.%d", wid, r);
        tu_card_begin(ui, id);
        char num[16];
        snprintf(num, sizeof num, "%d", r + 1);
        tr_i18n_arg args[] = {{"n", num}, {NULL, NULL}};
        tr_i18n_fill(T(app, "modules.row"), args, text, sizeof text);
        tu_label(ui, "", TU_FONT_STRONG, ui->style.small_size, ui->style.text_muted, text);
        app->mods.computed_row = tr_value_row(tr_values_get(app->mods.computed, f->id), (size_t)r);
        for (size_t c = 0; c < f->column_count;) {
            size_t g = short_group(app, f, c);
            int x0 = ui->lx, y0 = ui->ly, w0 = ui->lw, ymax = y0, gap = ui->style.gap;
            int w = (w0 - (int)(g - 1) * gap) / (int)g;
            for (size_t k = 0; k < g; k++, c++) {
                char cid[200];
                tu_mod_id(cid, sizeof cid, "%s.%d.%s", wid, r, f->columns[c].id);
                if (g > 1)
                    tu_column(ui, x0 + (int)k * (w + gap), y0, w);
                tu_mod_field(app, mod, step, &f->columns[c], row, cid);
                ymax = ui->ly > ymax ? ui->ly : ymax;
            }
            if (g > 1)
                tu_column(ui, x0, ymax, w0);
        }
        tu_mod_id(id, sizeof id, "%s.%d.remove", wid, r);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "modules.row_remove")))
            remove = r;
        tu_card_end(ui);
    }
    if (remove >= 0) {
        tr_values_remove_row(obj, f->id, (size_t)remove);
        tu_mod_bufs_clear(&app->mods); /* row buffers are by index: read them afresh */
        app->mods.dirty = 1;
        ui->need_redraw = 1;
    }
    if (n < (f->max_rows > 0 ? f->max_rows : 20)) {
        tu_mod_id(id, sizeof id, "%s.add", wid);
        tr_error err = {0};
        if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "modules.row_add")) &&
            tr_values_add_row(obj, f->id, &err) == TR_OK)
            changed(app);
    }
}

void tu_mod_field(tu_app *app, const tr_module *mod, const tr_module_step *step,
                  const tr_module_field *f, tr_values *obj, const char *prefix)
{
    const char *lang = tu_mod_lang(app);
    char label[1400];
    if (f->unit && f->type == TR_FIELD_NUMBER)
        snprintf(label, sizeof label, "%s (%s)", tr_module_text(f->label, lang),
                 tr_module_text(f->unit, lang));
    else
        snprintf(label, sizeof label, "%s", tr_module_text(f->label, lang));
    const char *wid = prefix;
    switch (f->type) {
    case TR_FIELD_TEXT:
    case TR_FIELD_TIME:
    case TR_FIELD_DATE:
    case TR_FIELD_NUMBER:
        typed_field(app, f, obj, wid, label);
        break;
    case TR_FIELD_RATING:
        rating_field(app, f, obj, wid, label);
        break;
    case TR_FIELD_CHOICE:
        choice_field(app, mod, f, obj, wid, label);
        break;
    case TR_FIELD_LIST:
        list_field(app, mod, step, f, obj, wid, label);
        break;
    case TR_FIELD_COMPUTED: {
        /* worked out by the engine from what is filled in, never typed */
        tu_mods *m = &app->mods;
        const tr_values *src = obj == m->values ? m->computed : m->computed_row;
        char value[128], line[1600];
        tr_module_format_value(f, tr_values_get(src, f->id), lang, value, sizeof value);
        snprintf(line, sizeof line, "%s: %s", label, value);
        tu_paragraph(&app->ui, wid, line);
        break;
    }
    }
    if (f->help)
        tu_mod_note(app, tr_module_text(f->help, lang));
    tu_space(&app->ui, app->ui.style.gap / 2);
}
