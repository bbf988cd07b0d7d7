/* tr_track_summary: the short sentence beside each chart (tr_track.h). The core picks the
 * key and the numbers; the wording is in content/i18n/<lang>/tracking.json. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tr_track.h"

#define WEEK_S (7 * 86400)

static void put_text(tr_track_text *out, const char *name, const char *value)
{
    int k = out->nvalues++;
    char *v = out->values[k].value;
    size_t len = strlen(value);
    out->values[k].name = name;
    if (len >= sizeof out->values[k].value) {
        /* Cut a long group text at a character boundary, never inside a UTF-8 sequence. */
        len = sizeof out->values[k].value - 1;
        while (len > 0 && ((unsigned char)value[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(v, value, len);
    v[len] = '\0';
}

/* Rounds to one decimal and writes it with the language's decimal mark ("6,5", "7"). */
static void put_num(tr_track_text *out, const char *name, double v, const char *mark)
{
    char buf[64], res[80], *dot;
    double r = round(v * 10) / 10;
    if (r == 0)
        r = 0; /* no "-0" */
    snprintf(buf, sizeof buf, r == floor(r) ? "%.0f" : "%.1f", r);
    dot = strchr(buf, '.');
    if (dot) {
        *dot = '\0';
        snprintf(res, sizeof res, "%s%s%s", buf, mark, dot + 1);
    } else {
        snprintf(res, sizeof res, "%s", buf);
    }
    put_text(out, name, res);
}

static void put_count(tr_track_text *out, const char *name, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    put_text(out, name, buf);
}

static void set_key(tr_track_text *out, const char *id, const char *variant)
{
    snprintf(out->key, sizeof out->key, "tracking.%s.%s", id, variant);
}

static void recent_average(const tr_track_series *s, size_t f, int64_t now, const char *mark,
                           tr_track_text *out)
{
    double sum[2] = {0, 0};
    size_t n[2] = {0, 0};
    for (size_t i = 0; i < s->n_points; i++) {
        const tr_track_point *p = &s->points[i];
        int w = p->ts > now - WEEK_S && p->ts <= now                ? 0
                : p->ts > now - 2 * WEEK_S && p->ts <= now - WEEK_S ? 1
                                                                    : -1;
        if (w >= 0 && !isnan(p->v[f])) {
            sum[w] += p->v[f];
            n[w]++;
        }
    }
    if (!n[0]) {
        set_key(out, s->id, "none");
        return;
    }
    set_key(out, s->id, n[1] ? "recent" : "recent_new");
    put_num(out, "average", sum[0] / n[0], mark);
    if (n[1])
        put_num(out, "previous", sum[1] / n[1], mark);
    put_count(out, "count", n[0]);
}

static void group_change(const tr_track_series *s, size_t f, const char *mark, tr_track_text *out)
{
    const char *group = NULL;
    double first = NAN, last = NAN;
    size_t n = 0;
    for (size_t i = s->n_points; i-- > 0 && !group;)
        if (s->points[i].group && !isnan(s->points[i].v[f]))
            group = s->points[i].group;
    for (size_t i = 0; group && i < s->n_points; i++) {
        const tr_track_point *p = &s->points[i];
        if (!p->group || strcmp(p->group, group) != 0 || isnan(p->v[f]))
            continue;
        if (!n++)
            first = p->v[f];
        last = p->v[f];
    }
    if (!group) {
        set_key(out, s->id, "none");
        return;
    }
    /* One try only: there is no change to tell yet. */
    set_key(out, s->id, n > 1 ? "group_change" : "group_first");
    put_text(out, "group", group);
    put_num(out, "first", first, mark);
    if (n > 1)
        put_num(out, "last", last, mark);
    put_count(out, "count", n);
}

static void difference(const tr_track_series *s, const char *mark, tr_track_text *out)
{
    double sum = 0, mean;
    size_t n = 0;
    for (size_t i = 0; i < s->n_points; i++) {
        const tr_track_point *p = &s->points[i];
        if (!isnan(p->v[0]) && !isnan(p->v[1])) {
            sum += p->v[1] - p->v[0];
            n++;
        }
    }
    if (!n) {
        set_key(out, s->id, "none");
        return;
    }
    mean = round(sum / n * 10) / 10;
    set_key(out, s->id,
            mean > 0   ? "difference_up"
            : mean < 0 ? "difference_down"
                       : "difference_same");
    put_num(out, "difference", fabs(mean), mark);
    put_count(out, "count", n);
}

static void best_group(const tr_track_series *s, size_t f, const char *mark, tr_track_text *out)
{
    const char *best = NULL;
    double best_mean = 0;
    size_t best_n = 0;
    for (size_t i = 0; i < s->n_points; i++) {
        const char *g = s->points[i].group;
        double sum = 0;
        size_t n = 0, k;
        if (!g)
            continue;
        for (k = 0; k < i; k++) /* each group once, at its first point */
            if (s->points[k].group && strcmp(s->points[k].group, g) == 0)
                break;
        if (k < i)
            continue;
        for (k = i; k < s->n_points; k++) {
            const tr_track_point *p = &s->points[k];
            if (p->group && strcmp(p->group, g) == 0 && !isnan(p->v[f])) {
                sum += p->v[f];
                n++;
            }
        }
        if (n >= 2 && (!best || sum / n > best_mean)) {
            best = g;
            best_mean = sum / n;
            best_n = n;
        }
    }
    if (!best) {
        set_key(out, s->id, "none");
        return;
    }
    set_key(out, s->id, "best_group");
    put_text(out, "group", best);
    put_num(out, "average", best_mean, mark);
    put_count(out, "count", best_n);
}

const char *const *tr_track_summary_variants(tr_track_summary_kind kind, size_t *n)
{
    static const char *const recent[] = {"recent", "recent_new", "none"};
    static const char *const group[] = {"group_change", "group_first", "none"};
    static const char *const diff[] = {"difference_up", "difference_down", "difference_same",
                                       "none"};
    static const char *const best[] = {"best_group", "none"};
    switch (kind) {
    case TR_SUMMARY_RECENT_AVERAGE:
        *n = 3;
        return recent;
    case TR_SUMMARY_GROUP_CHANGE:
        *n = 3;
        return group;
    case TR_SUMMARY_DIFFERENCE:
        *n = 4;
        return diff;
    case TR_SUMMARY_BEST_GROUP:
        *n = 2;
        return best;
    case TR_SUMMARY_NONE:
        break;
    }
    *n = 0;
    return NULL;
}

tr_status tr_track_summary(tr_track *t, size_t i, int64_t now, const char *decimal_mark,
                           tr_track_text *out, tr_error *err)
{
    tr_track_series s;
    size_t f = 0;
    tr_track_summary_kind kind = tr_track_series_summary_kind(t, i, &f);
    tr_status st;

    memset(out, 0, sizeof *out);
    if (kind == TR_SUMMARY_NONE)
        return tr_error_set(err, TR_E_NOTFOUND, "tracking: series %zu has no summary", i);
    if ((st = tr_track_series_at(t, i, &s, err)) != TR_OK)
        return st;
    switch (kind) {
    case TR_SUMMARY_RECENT_AVERAGE:
        recent_average(&s, f, now, decimal_mark, out);
        break;
    case TR_SUMMARY_GROUP_CHANGE:
        group_change(&s, f, decimal_mark, out);
        break;
    case TR_SUMMARY_DIFFERENCE:
        difference(&s, decimal_mark, out);
        break;
    case TR_SUMMARY_BEST_GROUP:
        best_group(&s, f, decimal_mark, out);
        break;
    case TR_SUMMARY_NONE:
        break;
    }
    return TR_OK;
}
