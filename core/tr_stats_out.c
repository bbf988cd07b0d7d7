/* tr_stats_out: the statistics as JSON and CSV, with 95 % Wilson intervals, small counts
 * hidden unless asked, and the reference figures of content/stats.json (see tr_stats.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_attr.h"
#include "tp_path.h"
#include "tr_json.h"
#include "tr_stats_priv.h"

/* The standard normal quantile of 0.975: the z of a two-sided 95 % interval. */
#define Z95 1.959963984540054

enum {
    C_REFERRALS,
    C_ASSESSMENTS,
    C_CHOSE_REC,
    C_CHOSE_MORE,
    C_CHOSE_LESS,
    C_CLIENTS,
    C_FINISHED,
    C_UNPAIRED,
    C_CASE_START,
    C_RECOVERED,
    C_IMPROVED,
    C_DETERIORATED,
    C_REC_RECOVERED,
    N_COUNTS
};

static const char *const COUNTS[N_COUNTS] = {"referrals",
                                             "assessments",
                                             "chose_recommended",
                                             "chose_more_intensive",
                                             "chose_less_intensive",
                                             "clients",
                                             "finished",
                                             "finished_unpaired",
                                             "caseness_start",
                                             "recovered",
                                             "reliably_improved",
                                             "reliably_deteriorated",
                                             "reliably_recovered"};

enum {
    R_RECOVERY,
    R_REL_RECOVERY,
    R_IMPROVEMENT,
    R_DETERIORATION,
    R_CASENESS,
    R_CHOSE_REC,
    N_RATES
};

static const char *const RATES[N_RATES] = {
    "recovery",       "reliable_recovery", "reliable_improvement", "reliable_deterioration",
    "caseness_start", "chose_recommended"};

static int count_of(const st_group *g, int c)
{
    const tr_outcome_service *v = &g->svc;
    const int all[N_COUNTS] = {g->referrals,         g->assessments,       g->chose_recommended,
                               g->chose_more,        g->chose_less,        v->clients,
                               v->finished,          v->finished_unpaired, v->caseness_start,
                               v->recovered,         v->reliably_improved, v->reliably_deteriorated,
                               v->reliably_recovered};
    return all[c];
}

/* A rate's numerator, denominator and point estimate (tr_outcome's where it has one). */
static double rate_of(const st_group *g, int r, int *n, int *of)
{
    const tr_outcome_service *v = &g->svc;
    switch (r) {
    case R_RECOVERY:
        *n = v->recovered, *of = v->caseness_start;
        return v->recovery_rate;
    case R_REL_RECOVERY:
        *n = v->reliably_recovered, *of = v->caseness_start;
        return v->reliable_recovery_rate;
    case R_IMPROVEMENT:
        *n = v->reliably_improved, *of = v->finished;
        return v->reliable_improvement_rate;
    case R_DETERIORATION:
        *n = v->reliably_deteriorated, *of = v->finished;
        return v->reliable_deterioration_rate;
    case R_CASENESS:
        *n = v->caseness_start, *of = v->finished;
        break;
    default:
        *n = g->chose_recommended, *of = g->assessments;
        break;
    }
    return *of > 0 ? (double)*n / *of : NAN;
}

/* Rounded half away from zero to three decimals (core/OUTCOME.md). */
static double r3(double x)
{
    return round(x * 1000.0) / 1000.0;
}

/* The 95 % Wilson score interval of n out of of (of > 0), clamped to 0..1. */
static void wilson(int n, int of, double *low, double *high)
{
    double p = (double)n / of, z2 = Z95 * Z95;
    double denom = 1.0 + z2 / of;
    double centre = (p + z2 / (2.0 * of)) / denom;
    double half = Z95 * sqrt(p * (1.0 - p) / of + z2 / (4.0 * of * of)) / denom;
    *low = centre - half < 0.0 ? 0.0 : centre - half;
    *high = centre + half > 1.0 ? 1.0 : centre + half;
}

static int hidden(int c, int exact)
{
    return !exact && c < TR_STATS_SMALL;
}

static const char *team_id(const tr_stats *s, const st_group *g)
{
    return g->team == ST_ALL || g->team == 0 ? NULL : s->teams.s[g->team];
}

static const char *team_name(const tr_stats *s, const st_group *g)
{
    if (g->team == ST_ALL || g->team == 0)
        return NULL;
    if (g->team < s->team_names_cap && s->team_names[g->team])
        return s->team_names[g->team];
    return s->teams.s[g->team];
}

static const char *scope(const st_group *g)
{
    return g->team == ST_ALL ? (g->period == ST_ALL ? "all" : "period")
                             : (g->period == ST_ALL ? "team" : "team-period");
}

static int scope_rank(const st_group *g)
{
    return (g->team != ST_ALL) * 2 + (g->period != ST_ALL);
}

/* Groups in a fixed order: everything, each period, each team, each team and period. */
static const tr_stats *sort_ctx;
static int cmp_group(const void *a, const void *b)
{
    const st_group *p = *(const st_group *const *)a, *q = *(const st_group *const *)b;
    int c;
    if (scope_rank(p) != scope_rank(q))
        return scope_rank(p) - scope_rank(q);
    if (p->team != q->team) {
        const char *x = p->team == ST_ALL ? "" : sort_ctx->teams.s[p->team];
        const char *y = q->team == ST_ALL ? "" : sort_ctx->teams.s[q->team];
        if ((c = strcmp(x, y)) != 0)
            return c;
    }
    if (p->period != q->period)
        return strcmp(p->period == ST_ALL ? "" : sort_ctx->periods.s[p->period],
                      q->period == ST_ALL ? "" : sort_ctx->periods.s[q->period]);
    return 0;
}

static const st_group **sorted_groups(const tr_stats *s)
{
    const st_group **o = malloc((s->n_groups + 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < s->n_groups; i++)
        o[i] = &s->groups[i];
    sort_ctx = s;
    qsort(o, s->n_groups, sizeof *o, cmp_group);
    return o;
}

static cJSON *count_json(int c, int exact)
{
    return hidden(c, exact) ? cJSON_CreateString("<5") : cJSON_CreateNumber(c);
}

static int add_str_or_null(cJSON *o, const char *k, const char *v)
{
    return v ? cJSON_AddStringToObject(o, k, v) != NULL : cJSON_AddNullToObject(o, k) != NULL;
}

/* The reference figures of one rate: [{"value", "source"}, ...]. */
static cJSON *reference_for(const cJSON *reference, const char *rate)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(reference, "reference"))
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(r, "rate");
        cJSON *e;
        if (!cJSON_IsString(name) || strcmp(name->valuestring, rate) != 0)
            continue;
        if (!(e = cJSON_CreateObject()) ||
            !cJSON_AddItemToObject(
                e, "value", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "value"), 0)) ||
            !cJSON_AddItemToObject(
                e, "source", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "source"), 0))) {
            cJSON_Delete(e);
            cJSON_Delete(list);
            return NULL;
        }
        cJSON_AddItemToArray(list, e);
    }
    return list;
}

static cJSON *group_json(const tr_stats *s, const st_group *g, const cJSON *reference, int exact)
{
    cJSON *o = cJSON_CreateObject(), *counts, *rates;
    if (!o || !cJSON_AddStringToObject(o, "scope", scope(g)) ||
        !add_str_or_null(o, "team_id", team_id(s, g)) ||
        !add_str_or_null(o, "team", team_name(s, g)) ||
        !add_str_or_null(o, "period", g->period == ST_ALL ? NULL : s->periods.s[g->period]) ||
        !(counts = cJSON_AddObjectToObject(o, "counts")) ||
        !(rates = cJSON_AddObjectToObject(o, "rates")))
        goto fail;
    for (int c = 0; c < N_COUNTS; c++)
        if (!cJSON_AddItemToObject(counts, COUNTS[c], count_json(count_of(g, c), exact)))
            goto fail;
    for (int r = 0; r < N_RATES; r++) {
        int n, of;
        double point = rate_of(g, r, &n, &of), low, high;
        cJSON *j = cJSON_CreateObject(), *ref;
        if (!j || !cJSON_AddItemToObject(rates, RATES[r], j) ||
            !cJSON_AddItemToObject(j, "n", count_json(n, exact)) ||
            !cJSON_AddItemToObject(j, "of", count_json(of, exact)))
            goto fail;
        if (of == 0 || hidden(n, exact) || hidden(of, exact)) {
            if (!cJSON_AddNullToObject(j, "rate") || !cJSON_AddNullToObject(j, "low") ||
                !cJSON_AddNullToObject(j, "high"))
                goto fail;
        } else {
            wilson(n, of, &low, &high);
            if (!cJSON_AddNumberToObject(j, "rate", r3(point)) ||
                !cJSON_AddNumberToObject(j, "low", r3(low)) ||
                !cJSON_AddNumberToObject(j, "high", r3(high)))
                goto fail;
        }
        if (reference && (!(ref = reference_for(reference, RATES[r])) ||
                          !cJSON_AddItemToObject(j, "reference", ref)))
            goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

cJSON *tr_stats_to_json(const tr_stats *s, const cJSON *reference, int exact)
{
    static const char *const periods[] = {"quarter", "month", "year"};
    const st_group **order = sorted_groups(s);
    cJSON *o = cJSON_CreateObject(), *groups;
    if (!order || !o || !cJSON_AddStringToObject(o, "period", periods[s->desc.period]) ||
        !cJSON_AddStringToObject(o, "small_counts", exact ? "shown" : "hidden") ||
        !cJSON_AddNumberToObject(o, "observations", (double)s->read) ||
        !cJSON_AddNumberToObject(o, "ignored", (double)s->ignored) ||
        !(groups = cJSON_AddArrayToObject(o, "groups")))
        goto fail;
    for (size_t i = 0; i < s->n_groups; i++) {
        cJSON *g = group_json(s, order[i], reference, exact);
        if (!g)
            goto fail;
        cJSON_AddItemToArray(groups, g);
    }
    free(order);
    return o;
fail:
    free(order);
    cJSON_Delete(o);
    return NULL;
}

/* A growing text. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...) TP_PRINTF(2, 3);
#include <stdarg.h>
static void sb_add(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int need;
    if (b->failed)
        return;
    va_start(ap, fmt);
    need = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
    va_end(ap);
    if (need < 0) {
        b->failed = 1;
        return;
    }
    if (!b->p || b->n + (size_t)need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *np;
        while (b->n + (size_t)need + 1 > cap)
            cap *= 2;
        if (!(np = realloc(b->p, cap))) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
        va_start(ap, fmt);
        vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
    }
    b->n += (size_t)need;
}

/* A CSV field: empty for NULL, else quoted with quotes doubled. */
static void sb_field(sbuf *b, const char *v)
{
    sb_add(b, ",");
    if (!v)
        return;
    sb_add(b, "\"");
    for (const char *p = v; *p; p++)
        sb_add(b, *p == '"' ? "\"\"" : "%c", *p);
    sb_add(b, "\"");
}

static void sb_count(sbuf *b, int c, int exact)
{
    if (hidden(c, exact))
        sb_add(b, ",<5");
    else
        sb_add(b, ",%d", c);
}

char *tr_stats_to_csv(const tr_stats *s, int exact)
{
    const st_group **order = sorted_groups(s);
    sbuf b = {0};
    if (!order)
        return NULL;
    sb_add(&b, "scope,team_id,team,period");
    for (int c = 0; c < N_COUNTS; c++)
        sb_add(&b, ",%s", COUNTS[c]);
    for (int r = 0; r < N_RATES; r++)
        sb_add(&b, ",%s_rate,%s_low,%s_high", RATES[r], RATES[r], RATES[r]);
    sb_add(&b, "\n");
    for (size_t i = 0; i < s->n_groups; i++) {
        const st_group *g = order[i];
        sb_add(&b, "%s", scope(g));
        sb_field(&b, team_id(s, g));
        sb_field(&b, team_name(s, g));
        sb_field(&b, g->period == ST_ALL ? NULL : s->periods.s[g->period]);
        for (int c = 0; c < N_COUNTS; c++)
            sb_count(&b, count_of(g, c), exact);
        for (int r = 0; r < N_RATES; r++) {
            int n, of;
            double point = rate_of(g, r, &n, &of), low, high;
            if (of == 0 || hidden(n, exact) || hidden(of, exact)) {
                sb_add(&b, ",,,");
                continue;
            }
            wilson(n, of, &low, &high);
            sb_add(&b, ",%.3f,%.3f,%.3f", r3(point), r3(low), r3(high));
        }
        sb_add(&b, "\n");
    }
    free(order);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

tr_status tr_stats_reference_load(const char *content_dir, cJSON **out, tr_error *err)
{
    char path[1024];
    cJSON *root;
    const cJSON *fmt, *list, *r;
    size_t i = 0;
    *out = NULL;
    if (tp_path_join(path, sizeof path, content_dir, "stats.json") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", content_dir);
    if (!(root = tr_json_load_file(path, err)))
        return err->status;
    fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    list = cJSON_GetObjectItemCaseSensitive(root, "reference");
    if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
        tr_error_set(err, TR_E_INVALID, "%s: $.format: this build reads format 1", path);
        goto fail;
    }
    if (!cJSON_IsArray(list)) {
        tr_error_set(err, TR_E_INVALID, "%s: $.reference: expected an array", path);
        goto fail;
    }
    cJSON_ArrayForEach(r, list)
    {
        const cJSON *rate = cJSON_GetObjectItemCaseSensitive(r, "rate");
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(r, "value");
        const cJSON *source = cJSON_GetObjectItemCaseSensitive(r, "source");
        int known = 0;
        for (int k = 0; k < N_RATES; k++)
            known |= cJSON_IsString(rate) && strcmp(rate->valuestring, RATES[k]) == 0;
        if (!known) {
            tr_error_set(err, TR_E_INVALID,
                         "%s: $.reference[%zu].rate: expected one of recovery, "
                         "reliable_recovery, reliable_improvement, reliable_deterioration, "
                         "caseness_start, chose_recommended",
                         path, i);
            goto fail;
        }
        if (!cJSON_IsNumber(value) || value->valuedouble < 0 || value->valuedouble > 1) {
            tr_error_set(err, TR_E_INVALID, "%s: $.reference[%zu].value: expected a fraction 0-1",
                         path, i);
            goto fail;
        }
        if (!cJSON_IsString(source) || !source->valuestring[0]) {
            tr_error_set(err, TR_E_INVALID,
                         "%s: $.reference[%zu].source: expected where the figure comes from", path,
                         i);
            goto fail;
        }
        i++;
    }
    *out = root;
    return TR_OK;
fail:
    cJSON_Delete(root);
    return err->status;
}
