/* tr_track: series, due measures and outcome occasions from journal records (tr_track.h). */
#include "tr_track.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"

#define DAY_S  86400
#define HOUR_S 3600

typedef struct series_buf {
    tr_track_series pub; /* id, kind, fields and scale point into the tracker */
    char id[TR_TRACK_ID_MAX];
    tr_track_point *pts;
    size_t n, cap;
    int sorted;
} series_buf;

/* One point of a module_entry record for one module series (an entry, or one row of it).
 * Per entry id only the points of the newest record are drawn. */
typedef struct entry_rec {
    size_t series;
    char *entry;
    uint32_t order;
    uint32_t row;
    int64_t ts;   /* the record's time */
    int64_t date; /* the date field's value, or INT64_MIN */
    int hidden;   /* a delete, or a save with no rows: the record draws nothing */
    double v[TR_TRACK_MAX_VALUES];
    char *group;
} entry_rec;

/* One score of an outcome measure, before grouping into occasions. */
typedef struct measure_ev {
    int64_t ts;
    uint32_t order;
    int slot;
    int total;
} measure_ev;

struct tr_track {
    tr_track_config cfg;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_scales;
    series_buf *series;
    size_t n_series;
    size_t first_checkin, first_module;        /* index of the first series of each kind */
    size_t checkin_field[TR_TRACK_MAX_FIELDS]; /* config field index of each check-in series */
    entry_rec *entries;
    size_t n_entries, cap_entries;
    int module_dirty;
    measure_ev *events;
    size_t n_events, cap_events;
    tr_occasion *occ;
    size_t n_occ;
    int occ_dirty;
    int64_t last_measure[TR_TRACK_MAX_MEASURES]; /* 0 = never */
    int64_t last_checkin;
    size_t session_records;
    int attended;
    size_t skipped;
    uint32_t order;
};

static const tr_track_scale *find_scale(const tr_track_scale *s, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s[i].id, id) == 0)
            return &s[i];
    return NULL;
}

static void name_series(series_buf *b, tr_track_series_kind kind, const char *id)
{
    memcpy(b->id, id, strlen(id) + 1);
    b->pub.id = b->id;
    b->pub.kind = kind;
}

tr_status tr_track_make(const tr_track_desc *desc, tr_track **out, tr_error *err)
{
    const tr_track_config *c = desc->config;
    const char *needed[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_needed = 0, k;
    tr_track *t;

    *out = NULL;
    assert(c && c->n_measures <= TR_TRACK_MAX_MEASURES);
    needed[n_needed++] = c->depression;
    needed[n_needed++] = c->anxiety;
    for (size_t i = 0; i < c->n_measures; i++)
        needed[n_needed++] = c->measures[i].instrument;
    t = calloc(1, sizeof *t);
    if (!t)
        return tr_error_set(err, TR_E_NOMEM, "out of memory for the tracker");
    t->cfg = *c;
    for (size_t i = 0; i < n_needed; i++) {
        const tr_track_scale *s = find_scale(desc->scales, desc->n_scales, needed[i]);
        if (!s) {
            tr_track_destroy(t);
            return tr_error_set(err, TR_E_INVALID,
                                "tracking: no scale for instrument '%s' (is it in the content "
                                "pack's instruments?)",
                                needed[i]);
        }
        if (!find_scale(t->scales, t->n_scales, s->id))
            t->scales[t->n_scales++] = *s;
    }

    t->n_series = c->n_measures + c->n_module;
    for (size_t i = 0; i < c->n_checkin; i++)
        t->n_series += c->checkin[i].kind != TR_TRACK_TEXT;
    t->series = calloc(t->n_series ? t->n_series : 1, sizeof *t->series);
    if (!t->series) {
        tr_track_destroy(t);
        return tr_error_set(err, TR_E_NOMEM, "out of memory for the tracker");
    }
    k = 0;
    for (size_t i = 0; i < c->n_measures; i++, k++) {
        series_buf *b = &t->series[k];
        name_series(b, TR_SERIES_MEASURE, c->measures[i].instrument);
        b->pub.fields[0] = "total";
        b->pub.n_fields = 1;
        b->pub.scale = find_scale(t->scales, t->n_scales, b->id);
    }
    t->first_checkin = k;
    for (size_t i = 0; i < c->n_checkin; i++) {
        if (c->checkin[i].kind == TR_TRACK_TEXT)
            continue;
        name_series(&t->series[k], TR_SERIES_CHECKIN, c->checkin[i].id);
        t->series[k].pub.fields[0] = t->cfg.checkin[i].id;
        t->series[k].pub.n_fields = 1;
        t->checkin_field[k - t->first_checkin] = i;
        k++;
    }
    t->first_module = k;
    for (size_t i = 0; i < c->n_module; i++, k++) {
        series_buf *b = &t->series[k];
        name_series(b, TR_SERIES_MODULE, c->module[i].id);
        for (size_t f = 0; f < c->module[i].n_fields; f++)
            b->pub.fields[f] = t->cfg.module[i].fields[f];
        b->pub.n_fields = c->module[i].n_fields;
    }
    assert(k == t->n_series);
    *out = t;
    return TR_OK;
}

static void clear_entries(tr_track *t)
{
    for (size_t i = 0; i < t->n_entries; i++) {
        free(t->entries[i].entry);
        free(t->entries[i].group);
    }
}

void tr_track_destroy(tr_track *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_series; i++)
        free(t->series[i].pts);
    free(t->series);
    clear_entries(t);
    free(t->entries);
    free(t->events);
    free(t->occ);
    free(t);
}

size_t tr_track_skipped(const tr_track *t)
{
    return t->skipped;
}

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    size_t c;
    void *q;
    if (n < *cap)
        return 1;
    c = *cap ? *cap * 2 : 64;
    q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Appends a point to b: the first min(nv, the series' fields) of v, NAN for the rest. v holds
 * nv values (the caller says how many, so a single score is never read past). */
static tr_status add_point(tr_track *t, series_buf *b, int64_t ts, const double *v, size_t nv,
                           tr_error *err)
{
    tr_track_point *p;
    if (!grow((void **)&b->pts, &b->cap, b->n, sizeof *b->pts))
        return tr_error_set(err, TR_E_NOMEM, "out of memory for chart points");
    p = &b->pts[b->n++];
    memset(p, 0, sizeof *p);
    p->ts = ts;
    for (size_t i = 0; i < TR_TRACK_MAX_VALUES; i++)
        p->v[i] = i < b->pub.n_fields && i < nv ? v[i] : NAN;
    p->order = t->order;
    b->sorted = 0;
    return TR_OK;
}

/* A score of `id` at ts: a chart point when scheduled, an event when in the outcome pair.
 * total is NAN when the measure was taken but not scorable. */
static tr_status add_score(tr_track *t, const char *id, int64_t ts, double total, tr_error *err)
{
    const char *pair[TR_OUTCOME_NMEASURES] = {t->cfg.depression, t->cfg.anxiety};
    tr_status st;
    for (size_t i = 0; i < t->cfg.n_measures; i++) {
        if (strcmp(t->cfg.measures[i].instrument, id) != 0)
            continue;
        if (ts > t->last_measure[i])
            t->last_measure[i] = ts;
        if (!isnan(total) && (st = add_point(t, &t->series[i], ts, &total, 1, err)))
            return st;
    }
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        if (isnan(total) || strcmp(pair[m], id) != 0)
            continue;
        if (!grow((void **)&t->events, &t->cap_events, t->n_events, sizeof *t->events))
            return tr_error_set(err, TR_E_NOMEM, "out of memory for measures");
        t->events[t->n_events++] = (measure_ev){ts, t->order, m, (int)lround(total)};
        t->occ_dirty = 1;
    }
    return TR_OK;
}

/* The total of a score object ({total, scorable, ...}): NAN when not scorable, -1 when
 * malformed (the record is skipped), else the total within 0..max of its scale. */
static int read_total(const tr_track *t, const char *id, const cJSON *score, double *total)
{
    const cJSON *tot = cJSON_GetObjectItemCaseSensitive(score, "total");
    const cJSON *ok = cJSON_GetObjectItemCaseSensitive(score, "scorable");
    const tr_track_scale *s = find_scale(t->scales, t->n_scales, id);
    *total = NAN;
    if (!cJSON_IsObject(score) || (ok && !cJSON_IsBool(ok)))
        return -1;
    if (cJSON_IsFalse(ok) || cJSON_IsNull(tot))
        return 0;
    if (!cJSON_IsNumber(tot) || !s || tot->valuedouble < 0 || tot->valuedouble > s->max)
        return -1;
    *total = tot->valuedouble;
    return 0;
}

static int wanted(const tr_track *t, const char *id)
{
    if (strcmp(id, t->cfg.depression) == 0 || strcmp(id, t->cfg.anxiety) == 0)
        return 1;
    for (size_t i = 0; i < t->cfg.n_measures; i++)
        if (strcmp(t->cfg.measures[i].instrument, id) == 0)
            return 1;
    return 0;
}

static tr_status feed_measure(tr_track *t, const cJSON *rec, int64_t ts, tr_error *err)
{
    const cJSON *inst = cJSON_GetObjectItemCaseSensitive(rec, "instrument");
    double total;
    if (!cJSON_IsString(inst))
        return t->skipped++, TR_OK;
    if (!wanted(t, inst->valuestring))
        return TR_OK;
    if (read_total(t, inst->valuestring, rec, &total) < 0)
        return t->skipped++, TR_OK;
    return add_score(t, inst->valuestring, ts, total, err);
}

static tr_status feed_assessment(tr_track *t, const cJSON *rec, int64_t ts, tr_error *err)
{
    const cJSON *scores = cJSON_GetObjectItemCaseSensitive(rec, "scores"), *s;
    double totals[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n = 0;
    tr_status st;
    if (!cJSON_IsObject(scores))
        return t->skipped++, TR_OK;
    /* Check every wanted score first so a bad one skips the whole record. */
    for (size_t i = 0; i < t->n_scales; i++) {
        s = cJSON_GetObjectItemCaseSensitive(scores, t->scales[i].id);
        totals[i] = NAN;
        if (s && read_total(t, t->scales[i].id, s, &totals[i]) < 0)
            return t->skipped++, TR_OK;
        n += s != NULL;
    }
    for (size_t i = 0; i < t->n_scales && n; i++)
        if (cJSON_GetObjectItemCaseSensitive(scores, t->scales[i].id) &&
            (st = add_score(t, t->scales[i].id, ts, totals[i], err)))
            return st;
    return TR_OK;
}

static tr_status feed_checkin(tr_track *t, const cJSON *rec, int64_t ts, tr_error *err)
{
    double v[TR_TRACK_MAX_FIELDS];
    tr_status st;
    for (size_t i = 0; i < t->cfg.n_checkin; i++) {
        const tr_track_field *f = &t->cfg.checkin[i];
        const cJSON *j = cJSON_GetObjectItemCaseSensitive(rec, f->id);
        v[i] = NAN;
        if (!j || cJSON_IsNull(j))
            continue;
        if (f->kind == TR_TRACK_TEXT) {
            if (!cJSON_IsString(j))
                return t->skipped++, TR_OK;
            continue;
        }
        if (!cJSON_IsNumber(j) || j->valuedouble < f->min || j->valuedouble > f->max ||
            (f->kind == TR_TRACK_SCALE && j->valuedouble != floor(j->valuedouble)))
            return t->skipped++, TR_OK;
        v[i] = j->valuedouble;
    }
    if (ts > t->last_checkin)
        t->last_checkin = ts;
    for (size_t k = t->first_checkin; k < t->first_module; k++) {
        size_t i = t->checkin_field[k - t->first_checkin];
        if (!isnan(v[i]) && (st = add_point(t, &t->series[k], ts, &v[i], 1, err)))
            return st;
    }
    return TR_OK;
}

static tr_status feed_session(tr_track *t, const cJSON *rec)
{
    const cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended");
    if (!cJSON_IsBool(att))
        return t->skipped++, TR_OK;
    t->session_records++;
    t->attended += cJSON_IsTrue(att);
    t->occ_dirty = 1;
    return TR_OK;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* Appends one point of a module entry record (values NULL for a hidden record). */
static tr_status add_entry_rec(tr_track *t, size_t i, const char *entry, uint32_t row, int64_t ts,
                               int64_t date, const cJSON *values, tr_error *err)
{
    const tr_track_module_series *ms = &t->cfg.module[i];
    const cJSON *g = values && ms->group_field[0]
                         ? cJSON_GetObjectItemCaseSensitive(values, ms->group_field)
                         : NULL;
    entry_rec *e;
    if (!grow((void **)&t->entries, &t->cap_entries, t->n_entries, sizeof *t->entries))
        return tr_error_set(err, TR_E_NOMEM, "out of memory for module entries");
    e = &t->entries[t->n_entries];
    memset(e, 0, sizeof *e);
    e->series = t->first_module + i;
    e->order = t->order;
    e->row = row;
    e->ts = ts;
    e->date = date;
    e->hidden = values == NULL;
    for (size_t f = 0; f < TR_TRACK_MAX_VALUES; f++) {
        const cJSON *v = f < ms->n_fields && values
                             ? cJSON_GetObjectItemCaseSensitive(values, ms->fields[f])
                             : NULL;
        e->v[f] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    }
    if (!(e->entry = dup(entry)) || (cJSON_IsString(g) && !(e->group = dup(g->valuestring)))) {
        free(e->entry);
        return tr_error_set(err, TR_E_NOMEM, "out of memory for module entries");
    }
    t->n_entries++;
    t->module_dirty = 1;
    return TR_OK;
}

static tr_status feed_entry(tr_track *t, const cJSON *rec, int64_t ts, tr_error *err)
{
    const cJSON *mod = cJSON_GetObjectItemCaseSensitive(rec, "module");
    const cJSON *step = cJSON_GetObjectItemCaseSensitive(rec, "step");
    const cJSON *entry = cJSON_GetObjectItemCaseSensitive(rec, "entry");
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(rec, "op");
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(rec, "values");
    tr_status st;
    int del;
    if (!cJSON_IsString(mod) || !cJSON_IsString(step) || !cJSON_IsString(entry) ||
        !cJSON_IsString(op) ||
        (strcmp(op->valuestring, "save") != 0 && strcmp(op->valuestring, "delete") != 0))
        return t->skipped++, TR_OK;
    del = op->valuestring[0] == 'd';
    if (!del && !cJSON_IsObject(values))
        return t->skipped++, TR_OK;
    for (size_t i = 0; i < t->cfg.n_module; i++) {
        const tr_track_module_series *ms = &t->cfg.module[i];
        const cJSON *d, *rows, *row;
        int64_t date = INT64_MIN;
        uint32_t n = 0;
        if (strcmp(ms->module, mod->valuestring) != 0 ||
            (ms->step[0] && strcmp(ms->step, step->valuestring) != 0))
            continue;
        if (del) {
            if ((st = add_entry_rec(t, i, entry->valuestring, 0, ts, date, NULL, err)))
                return st;
            continue;
        }
        d = ms->date_field[0] ? cJSON_GetObjectItemCaseSensitive(values, ms->date_field) : NULL;
        if (cJSON_IsString(d) && tp_clock_parse(d->valuestring, &date) != 0)
            date = INT64_MIN;
        if (!ms->rows[0]) {
            if ((st = add_entry_rec(t, i, entry->valuestring, 0, ts, date, values, err)))
                return st;
            continue;
        }
        rows = cJSON_GetObjectItemCaseSensitive(values, ms->rows);
        if (!cJSON_IsArray(rows))
            rows = NULL;
        cJSON_ArrayForEach(row, rows)
        {
            if (cJSON_IsObject(row) &&
                (st = add_entry_rec(t, i, entry->valuestring, n++, ts, date, row, err)))
                return st;
        }
        /* No rows (any more): a hidden point, so an older save's rows are not drawn. */
        if (n == 0 && (st = add_entry_rec(t, i, entry->valuestring, 0, ts, date, NULL, err)))
            return st;
    }
    return TR_OK;
}

tr_status tr_track_feed(tr_track *t, const cJSON *record, tr_error *err)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(record, "type");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(record, "ts");
    const char *ty;
    int64_t when;
    tr_status st = TR_OK;

    t->order++;
    if (!cJSON_IsObject(record) || !cJSON_IsString(type))
        return t->skipped++, TR_OK;
    ty = type->valuestring;
    if (strcmp(ty, "measure") != 0 && strcmp(ty, "assessment") != 0 && strcmp(ty, "checkin") != 0 &&
        strcmp(ty, "session") != 0 && strcmp(ty, "module_entry") != 0)
        return TR_OK; /* other and newer types are not tracked */
    if (!cJSON_IsString(ts) || tp_clock_parse(ts->valuestring, &when) != 0)
        return t->skipped++, TR_OK;
    if (strcmp(ty, "measure") == 0)
        st = feed_measure(t, record, when, err);
    else if (strcmp(ty, "assessment") == 0)
        st = feed_assessment(t, record, when, err);
    else if (strcmp(ty, "checkin") == 0)
        st = feed_checkin(t, record, when, err);
    else if (strcmp(ty, "session") == 0)
        st = feed_session(t, record);
    else
        st = feed_entry(t, record, when, err);
    return st;
}

static int cmp_point(const void *a, const void *b)
{
    const tr_track_point *p = a, *q = b;
    if (p->ts != q->ts)
        return p->ts < q->ts ? -1 : 1;
    if (p->order != q->order)
        return p->order < q->order ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

static int cmp_entry(const void *a, const void *b)
{
    const entry_rec *p = a, *q = b;
    int c;
    if (p->series != q->series)
        return p->series < q->series ? -1 : 1;
    if ((c = strcmp(p->entry, q->entry)) != 0)
        return c;
    if (p->order != q->order)
        return p->order < q->order ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

/* Rebuilds the module series: per entry id the points of the newest record are drawn (a
 * delete hides the entry), at its date field's date or else the time of the first record. */
static tr_status build_module(tr_track *t, tr_error *err)
{
    uint32_t keep = t->order;
    tr_status st = TR_OK;
    for (size_t k = t->first_module; k < t->n_series; k++)
        t->series[k].n = 0;
    if (t->n_entries > 1)
        qsort(t->entries, t->n_entries, sizeof *t->entries, cmp_entry);
    for (size_t i = 0; i < t->n_entries && st == TR_OK;) {
        size_t j = i, newest;
        while (j + 1 < t->n_entries && t->entries[j + 1].series == t->entries[i].series &&
               strcmp(t->entries[j + 1].entry, t->entries[i].entry) == 0)
            j++;
        newest = j;
        while (newest > i && t->entries[newest - 1].order == t->entries[j].order)
            newest--;
        for (size_t r = newest; r <= j && st == TR_OK; r++) {
            const entry_rec *e = &t->entries[r];
            series_buf *b = &t->series[e->series];
            if (e->hidden)
                continue;
            t->order = t->entries[i].order; /* ties sort by when the entry was first made */
            st = add_point(t, b, e->date != INT64_MIN ? e->date : t->entries[i].ts, e->v,
                           TR_TRACK_MAX_VALUES, err);
            if (st == TR_OK) {
                b->pts[b->n - 1].group = e->group;
                b->pts[b->n - 1].row = e->row;
            }
        }
        i = j + 1;
    }
    t->order = keep;
    t->module_dirty = st != TR_OK;
    return st;
}

static void finish_series(series_buf *b)
{
    const tr_track_scale *s = b->pub.scale;
    if (!b->sorted) {
        if (b->n > 1)
            qsort(b->pts, b->n, sizeof *b->pts, cmp_point);
        b->sorted = 1;
    }
    if (b->pub.kind == TR_SERIES_MEASURE && s && b->n) {
        double base = b->pts[0].v[0];
        for (size_t i = 0; i < b->n; i++) {
            double d = b->pts[i].v[0] - base;
            b->pts[i].mark = d <= -s->reliable_change ? -1 : d >= s->reliable_change ? 1 : 0;
        }
    }
    b->pub.points = b->pts;
    b->pub.n_points = b->n;
}

tr_track_summary_kind tr_track_series_summary_kind(const tr_track *t, size_t i, size_t *field)
{
    assert(i < t->n_series);
    *field = 0;
    if (i >= t->first_module) {
        *field = t->cfg.module[i - t->first_module].summary_field;
        return t->cfg.module[i - t->first_module].summary;
    }
    if (i >= t->first_checkin)
        return t->cfg.checkin[t->checkin_field[i - t->first_checkin]].summary;
    return TR_SUMMARY_NONE;
}

size_t tr_track_series_count(const tr_track *t)
{
    return t->n_series;
}

tr_status tr_track_series_at(tr_track *t, size_t i, tr_track_series *out, tr_error *err)
{
    tr_status st;
    assert(i < t->n_series);
    if (t->module_dirty && (st = build_module(t, err)))
        return st;
    finish_series(&t->series[i]);
    *out = t->series[i].pub;
    return TR_OK;
}

tr_status tr_track_series_get(tr_track *t, const char *id, tr_track_series *out, tr_error *err)
{
    for (size_t i = 0; i < t->n_series; i++)
        if (strcmp(t->series[i].id, id) == 0)
            return tr_track_series_at(t, i, out, err);
    return tr_error_set(err, TR_E_NOTFOUND, "tracking: no series '%.64s'", id);
}

static void due_one(tr_track_due *d, const char *what, int64_t last, int every_days,
                    int early_hours, int64_t now)
{
    d->what = what;
    d->last = last;
    d->next = last ? last + (int64_t)every_days * DAY_S - (int64_t)early_hours * HOUR_S : now;
    d->due = now >= d->next;
}

size_t tr_track_due_at(const tr_track *t, int64_t now, tr_track_due *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < t->cfg.n_measures && k < max; i++, k++)
        due_one(&out[k], t->cfg.measures[i].instrument, t->last_measure[i],
                t->cfg.measures[i].every_days, t->cfg.due_early_hours, now);
    if (k < max) {
        due_one(&out[k], "checkin", t->last_checkin, t->cfg.checkin_every_days,
                t->cfg.due_early_hours, now);
        k++;
    }
    return k;
}

static int cmp_event(const void *a, const void *b)
{
    const measure_ev *p = a, *q = b;
    if (p->ts != q->ts)
        return p->ts < q->ts ? -1 : 1;
    return p->order < q->order ? -1 : p->order > q->order;
}

tr_status tr_track_occasions(tr_track *t, const tr_occasion **occ, size_t *n, int *sessions,
                             tr_error *err)
{
    int64_t window = (int64_t)t->cfg.occasion_window_hours * HOUR_S;
    if (t->occ_dirty) {
        tr_occasion *o = NULL;
        size_t k = 0;
        int64_t opened = 0;
        if (t->n_events > 1)
            qsort(t->events, t->n_events, sizeof *t->events, cmp_event);
        if (t->n_events && !(o = malloc(t->n_events * sizeof *o)))
            return tr_error_set(err, TR_E_NOMEM, "out of memory for occasions");
        for (size_t i = 0; i < t->n_events; i++) {
            const measure_ev *e = &t->events[i];
            if (k == 0 || o[k - 1].score[e->slot] != TR_OUTCOME_MISSING ||
                e->ts - opened > window) {
                o[k].ts = opened = e->ts;
                for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
                    o[k].score[m] = TR_OUTCOME_MISSING;
                k++;
            }
            o[k - 1].score[e->slot] = e->total;
        }
        free(t->occ);
        t->occ = o;
        t->n_occ = k;
        t->occ_dirty = 0;
    }
    *occ = t->occ;
    *n = t->n_occ;
    *sessions = t->session_records ? t->attended : -1;
    return TR_OK;
}
