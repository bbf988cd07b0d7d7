/* tr_caseload_view: see tr_caseload_view.h. */
#include "tr_caseload_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_track.h"

const char *const tr_view_count_names[TR_VIEW_COUNTS] = {
    "referrals",         "assessments",       "clients",
    "finished",          "finished_unpaired", "caseness_start",
    "recovered",         "reliably_improved", "reliably_deteriorated",
    "reliably_recovered"};
const char *const tr_view_rate_names[TR_VIEW_RATES] = {
    "recovery", "reliable_recovery", "reliable_improvement", "reliable_deterioration"};

static const char *str_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void value_of(const cJSON *v, tr_view_value *out)
{
    copy(out->key, sizeof out->key, v->string);
    if (cJSON_IsNumber(v)) {
        out->kind = 0;
        out->number = v->valuedouble;
    } else if (cJSON_IsString(v)) {
        out->kind = 1;
        copy(out->text, sizeof out->text, v->valuestring);
    } else {
        out->kind = 2;
    }
}

/* The flags of c's records (tr_caseload_flags), newest first. */
static tr_status flags_of(const struct tr_content *pack, const tr_caseload_client *c,
                          tr_caseload_page *p)
{
    cJSON *flags = tr_caseload_flags(pack, c->records);
    const cJSON *f, *a;
    size_t n = (size_t)cJSON_GetArraySize(flags);
    if (!flags || (n && !(p->flags = calloc(n, sizeof *p->flags)))) {
        cJSON_Delete(flags);
        p->flags_failed = 1;
        return TR_OK;
    }
    cJSON_ArrayForEach(f, flags)
    {
        tr_view_flag *o = &p->flags[p->n_flags++];
        const cJSON *num = cJSON_GetObjectItemCaseSensitive(f, "number");
        const cJSON *val = cJSON_GetObjectItemCaseSensitive(f, "value");
        copy(o->ts, sizeof o->ts, str_of(f, "ts"));
        copy(o->type, sizeof o->type, str_of(f, "type"));
        copy(o->instrument, sizeof o->instrument, str_of(f, "instrument"));
        copy(o->risk, sizeof o->risk, str_of(f, "risk"));
        o->has_item = cJSON_IsNumber(num) && cJSON_IsNumber(val);
        o->number = o->has_item ? num->valuedouble : 0;
        o->value = o->has_item ? val->valuedouble : 0;
        cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(f, "risk_answers"))
        {
            if (o->n_answers < TR_VIEW_ANSWERS)
                value_of(a, &o->answers[o->n_answers++]);
        }
    }
    cJSON_Delete(flags);
    return TR_OK;
}

static int is_type(const cJSON *rec, const char *type)
{
    const char *t = str_of(rec, "type");
    return t && strcmp(t, type) == 0;
}

static void assessment_of(const tr_caseload_client *c, tr_caseload_page *p)
{
    const cJSON *rec, *a = NULL, *it;
    cJSON_ArrayForEach(rec, c->records)
    {
        if (is_type(rec, "assessment"))
            a = rec;
    }
    if (!a)
        return;
    p->has_assessment = 1;
    copy(p->a_ts, sizeof p->a_ts, str_of(a, "ts"));
    copy(p->a_recommended, sizeof p->a_recommended, str_of(a, "recommended"));
    copy(p->a_chosen, sizeof p->a_chosen, str_of(a, "chosen"));
    copy(p->a_preference, sizeof p->a_preference, str_of(a, "preference"));
    p->a_answers = cJSON_GetObjectItemCaseSensitive(a, "answers");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(a, "reasons"))
    {
        if (cJSON_IsString(it) && p->n_reasons < TR_VIEW_REASONS)
            copy(p->reasons[p->n_reasons++], TR_VIEW_ID, it->valuestring);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(a, "ask"))
    {
        if (cJSON_IsString(it) && p->n_ask < TR_VIEW_REASONS)
            copy(p->ask[p->n_ask++], TR_VIEW_ID, it->valuestring);
    }
}

/* Steps of module marked done ("module_progress" with status "done"), each counted once. */
static int done_steps(const tr_caseload_client *c, const char *module)
{
    char steps[64][TR_VIEW_ID];
    int n = 0;
    const cJSON *rec;
    cJSON_ArrayForEach(rec, c->records)
    {
        const char *st = str_of(rec, "step"), *mod = str_of(rec, "module");
        const char *status = str_of(rec, "status");
        if (!is_type(rec, "module_progress") || strcmp(mod ? mod : "", module) != 0 || !status ||
            strcmp(status, "done") != 0 || !st)
            continue;
        int j = 0;
        while (j < n && strcmp(steps[j], st) != 0)
            j++;
        if (j == n && n < 64)
            copy(steps[n++], TR_VIEW_ID, st);
    }
    return n;
}

static void modules_of(const tr_caseload_client *c, tr_caseload_page *p)
{
    const cJSON *rec;
    cJSON_ArrayForEach(rec, c->records)
    {
        const char *mod = str_of(rec, "module");
        int entry = is_type(rec, "module_entry");
        if (!mod || (!entry && !is_type(rec, "module_progress")))
            continue;
        size_t k = 0;
        while (k < p->n_modules && strcmp(p->modules[k], mod) != 0)
            k++;
        if (k == p->n_modules && p->n_modules < TR_VIEW_MODULES)
            copy(p->modules[p->n_modules++], TR_VIEW_ID, mod);
        p->n_entries += entry;
    }
    for (size_t k = 0; k < p->n_modules; k++)
        p->done[k] = done_steps(c, p->modules[k]);
    /* the newest entries, deleted ones left out; back from the last record to the first (a
     * cJSON array's first item's prev is its last: the walk stops there, never wraps round) */
    const cJSON *first = c->records ? c->records->child : NULL;
    const cJSON *last = first ? first->prev : NULL;
    for (rec = last; rec && p->n_shown < TR_VIEW_ENTRIES; rec = rec == first ? NULL : rec->prev) {
        const char *op = str_of(rec, "op");
        const cJSON *v;
        if (!is_type(rec, "module_entry") || (op && strcmp(op, "delete") == 0))
            continue;
        tr_view_entry *e = &p->shown[p->n_shown++];
        copy(e->ts, sizeof e->ts, str_of(rec, "ts"));
        copy(e->module, sizeof e->module, str_of(rec, "module"));
        copy(e->step, sizeof e->step, str_of(rec, "step"));
        cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(rec, "values"))
        {
            if (e->n_values < TR_VIEW_VALUES)
                value_of(v, &e->values[e->n_values++]);
        }
    }
}

tr_status tr_caseload_page_make(const struct tr_content *pack, const tr_caseload_client *c,
                                tr_caseload_page *out, tr_error *err)
{
    memset(out, 0, sizeof *out);
    (void)err;
    flags_of(pack, c, out);
    out->n_latest = (size_t)cJSON_GetArraySize(c->latest);
    assessment_of(c, out);
    modules_of(c, out);
    return TR_OK;
}

void tr_caseload_page_free(tr_caseload_page *p)
{
    if (!p)
        return;
    free(p->flags);
    memset(p, 0, sizeof *p);
}

tr_status tr_caseload_track_feed(const tr_caseload_client *c, struct tr_track *t, tr_error *err)
{
    const cJSON *rec;
    cJSON_ArrayForEach(rec, c->records)
    {
        tr_status st = tr_track_feed(t, rec, err);
        if (st != TR_OK)
            return st;
    }
    return TR_OK;
}

/* ---- statistics ---------------------------------------------------------------------------- */

static int int_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

static void rate_of(const cJSON *rate, const char *lang, tr_view_rate *o)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rate, "rate");
    const cJSON *lo = cJSON_GetObjectItemCaseSensitive(rate, "low");
    const cJSON *hi = cJSON_GetObjectItemCaseSensitive(rate, "high");
    const cJSON *r;
    o->has_rate = cJSON_IsNumber(v);
    o->defined = o->has_rate && cJSON_IsNumber(lo) && cJSON_IsNumber(hi);
    o->rate = o->has_rate ? v->valuedouble : 0;
    o->low = o->defined ? lo->valuedouble : 0;
    o->high = o->defined ? hi->valuedouble : 0;
    o->n = int_of(rate, "n");
    o->of = int_of(rate, "of");
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(rate, "reference"))
    {
        const cJSON *rv = cJSON_GetObjectItemCaseSensitive(r, "value");
        const char *label = str_of(cJSON_GetObjectItemCaseSensitive(r, "label"), lang);
        if (!cJSON_IsNumber(rv) || o->n_refs >= TR_VIEW_REFS)
            continue;
        tr_view_ref *ref = &o->refs[o->n_refs++];
        ref->value = rv->valuedouble;
        copy(ref->label, sizeof ref->label, label ? label : str_of(r, "source"));
    }
}

static void group_of(const cJSON *g, const char *lang, tr_view_group *o)
{
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(g, "counts");
    const cJSON *rates = cJSON_GetObjectItemCaseSensitive(g, "rates");
    memset(o, 0, sizeof *o);
    copy(o->period, sizeof o->period, str_of(g, "period"));
    for (size_t i = 0; i < TR_VIEW_COUNTS; i++)
        o->counts[i] = int_of(counts, tr_view_count_names[i]);
    for (size_t i = 0; i < TR_VIEW_RATES; i++)
        rate_of(cJSON_GetObjectItemCaseSensitive(rates, tr_view_rate_names[i]), lang, &o->rates[i]);
}

tr_status tr_caseload_stats_view(const tr_caseload *c, const struct tr_content *pack,
                                 const char *content_dir, const char *lang, tr_stats_view *out,
                                 tr_error *err)
{
    cJSON *stats = NULL;
    const cJSON *g, *groups;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    tr_status st = tr_caseload_stats(c, pack, content_dir, &stats, err);
    if (st != TR_OK)
        return st;
    groups = cJSON_GetObjectItemCaseSensitive(stats, "groups");
    cJSON_ArrayForEach(g, groups)
    {
        const char *scope = str_of(g, "scope");
        n += scope && strcmp(scope, "period") == 0 && str_of(g, "period");
    }
    if (n && !(out->periods = calloc(n, sizeof *out->periods))) {
        cJSON_Delete(stats);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_ArrayForEach(g, groups)
    {
        const char *scope = str_of(g, "scope");
        if (scope && strcmp(scope, "all") == 0 && !out->has_all) {
            out->has_all = 1;
            group_of(g, lang, &out->all);
        } else if (scope && strcmp(scope, "period") == 0 && str_of(g, "period")) {
            group_of(g, lang, &out->periods[out->n_periods++]);
        }
    }
    cJSON_Delete(stats);
    return TR_OK;
}

void tr_stats_view_free(tr_stats_view *v)
{
    if (!v)
        return;
    free(v->periods);
    memset(v, 0, sizeof *v);
}
