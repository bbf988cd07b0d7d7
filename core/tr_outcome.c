/* tr_outcome: see tr_outcome.h and core/OUTCOME.md. */
#include "tr_outcome.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_json.h"

tr_status tr_outcome_config_check(const tr_outcome_config *cfg, tr_error *err)
{
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        const tr_outcome_scale *s = &cfg->scale[m];
        if (!s->id[0] || !memchr(s->id, '\0', sizeof s->id))
            return tr_error_set(err, TR_E_INVALID, "outcome config: measure %d has no id", m);
        if (s->max <= 0)
            return tr_error_set(err, TR_E_INVALID,
                                "outcome config: %s: the highest total must be above 0, not %d",
                                s->id, s->max);
        if (s->caseness <= 0 || s->caseness > s->max)
            return tr_error_set(err, TR_E_INVALID,
                                "outcome config: %s: caseness cut-off %d is outside 1-%d", s->id,
                                s->caseness, s->max);
        if (s->reliable_change <= 0 || s->reliable_change > s->max)
            return tr_error_set(err, TR_E_INVALID,
                                "outcome config: %s: reliable change %d is outside 1-%d", s->id,
                                s->reliable_change, s->max);
    }
    if (strcmp(cfg->scale[0].id, cfg->scale[1].id) == 0)
        return tr_error_set(err, TR_E_INVALID,
                            "outcome config: the depression and anxiety measures are both '%s'",
                            cfg->scale[0].id);
    if (cfg->finished_sessions < 1)
        return tr_error_set(err, TR_E_INVALID,
                            "outcome config: finished treatment needs at least 1 session, not %d",
                            cfg->finished_sessions);
    return TR_OK;
}

static int paired(const tr_occasion *o)
{
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
        if (o->score[m] == TR_OUTCOME_MISSING)
            return 0;
    return 1;
}

static int any_score(const tr_occasion *o)
{
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
        if (o->score[m] != TR_OUTCOME_MISSING)
            return 1;
    return 0;
}

static int at_caseness(const tr_outcome_config *cfg, const tr_occasion *o)
{
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
        if (o->score[m] >= cfg->scale[m].caseness)
            return 1;
    return 0;
}

tr_status tr_outcome_compute(const tr_outcome_config *cfg, const tr_occasion *occ, size_t n,
                             int sessions, tr_outcome *out, tr_error *err)
{
    int counted = 0, up = 0, down = 0;
    tr_status st;

    memset(out, 0, sizeof *out);
    out->first = out->last = -1;
    if ((st = tr_outcome_config_check(cfg, err)) != TR_OK)
        return st;
    if (n > TR_OUTCOME_MAX_OCCASIONS)
        return tr_error_set(err, TR_E_TOOBIG, "%zu occasions are more than the %d allowed", n,
                            TR_OUTCOME_MAX_OCCASIONS);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && occ[i].ts < occ[i - 1].ts)
            return tr_error_set(err, TR_E_INVALID, "occasion %zu is earlier than occasion %zu", i,
                                i - 1);
        for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
            int v = occ[i].score[m];
            if (v != TR_OUTCOME_MISSING && (v < 0 || v > cfg->scale[m].max)) {
                memset(out, 0, sizeof *out);
                out->first = out->last = -1;
                return tr_error_set(err, TR_E_INVALID, "occasion %zu: %s %d is outside 0-%d", i,
                                    cfg->scale[m].id, v, cfg->scale[m].max);
            }
        }
        counted += any_score(&occ[i]);
        if (paired(&occ[i])) {
            if (out->first < 0)
                out->first = (int)i;
            else
                out->last = (int)i;
        }
    }

    out->sessions = sessions >= 0 ? sessions : counted;
    out->finished = out->sessions >= cfg->finished_sessions;
    out->caseness_start = out->caseness_end = TR_OUTCOME_NA;
    out->recovery = out->reliable_recovery = TR_OUTCOME_NA;
    out->reliable_improvement = out->reliable_deterioration = TR_OUTCOME_NA;
    if (out->first < 0)
        return TR_OK;
    out->caseness_start = at_caseness(cfg, &occ[out->first]);
    if (out->last < 0)
        return TR_OK;

    out->caseness_end = at_caseness(cfg, &occ[out->last]);
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        int d = occ[out->last].score[m] - occ[out->first].score[m];
        out->change[m] = d;
        down += d <= -cfg->scale[m].reliable_change;
        up += d >= cfg->scale[m].reliable_change;
    }
    /* A reliable drop on at least one measure and no reliable rise on the other. */
    out->reliable_improvement = down > 0 && up == 0;
    out->reliable_deterioration = up > 0;
    if (out->caseness_start) {
        out->recovery = !out->caseness_end;
        out->reliable_recovery = out->recovery && out->reliable_improvement;
    }
    return TR_OK;
}

tr_status tr_outcome_sort(tr_occasion *occ, size_t n)
{
    /* Merge sort: stable, so occasions on the same date keep the order they were given in. */
    tr_occasion *tmp;
    if (n < 2)
        return TR_OK;
    tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return TR_E_NOMEM;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = occ[b].ts < occ[a].ts ? occ[b++] : occ[a++];
            while (a < mid)
                tmp[k++] = occ[a++];
            while (b < hi)
                tmp[k++] = occ[b++];
        }
        memcpy(occ, tmp, n * sizeof *occ);
    }
    free(tmp);
    return TR_OK;
}

static tr_status parse_one(const tr_outcome_config *cfg, const cJSON *el, size_t idx,
                           const char *name, const char *path, tr_occasion *o, tr_error *err)
{
    const cJSON *f;
    int have_date = 0;

    if (!cJSON_IsObject(el))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: %s[%zu]: each measurement must be an object like "
                            "{\"date\":\"2026-01-05\",\"%s\":14,\"%s\":11}",
                            name, path, idx, cfg->scale[0].id, cfg->scale[1].id);
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
        o->score[m] = TR_OUTCOME_MISSING;
    cJSON_ArrayForEach(f, el)
    {
        const char *key = f->string ? f->string : "";
        int m;
        if (strcmp(key, "date") == 0) {
            if (have_date)
                return tr_error_set(err, TR_E_INVALID, "%s: %s[%zu].date: given twice", name, path,
                                    idx);
            if (!cJSON_IsString(f) || tp_clock_parse(f->valuestring, &o->ts) != 0)
                return tr_error_set(err, TR_E_INVALID,
                                    "%s: %s[%zu].date: expected a date like \"2026-01-05\" or "
                                    "\"2026-01-05T09:30:00Z\"",
                                    name, path, idx);
            have_date = 1;
            continue;
        }
        for (m = 0; m < TR_OUTCOME_NMEASURES; m++)
            if (strcmp(key, cfg->scale[m].id) == 0)
                break;
        if (m == TR_OUTCOME_NMEASURES)
            return tr_error_set(err, TR_E_INVALID,
                                "%s: %s[%zu]: unknown field \"%.64s\" (expected date, %s, %s)",
                                name, path, idx, key, cfg->scale[0].id, cfg->scale[1].id);
        if (o->score[m] != TR_OUTCOME_MISSING)
            return tr_error_set(err, TR_E_INVALID, "%s: %s[%zu].%s: given twice", name, path, idx,
                                key);
        if (cJSON_IsNull(f))
            continue;
        if (!cJSON_IsNumber(f) || f->valuedouble != floor(f->valuedouble) || f->valuedouble < 0 ||
            f->valuedouble > cfg->scale[m].max)
            return tr_error_set(err, TR_E_INVALID,
                                "%s: %s[%zu].%s: expected a whole number 0-%d or null (not "
                                "measured)",
                                name, path, idx, key, cfg->scale[m].max);
        o->score[m] = (int)f->valuedouble;
    }
    if (!have_date)
        return tr_error_set(err, TR_E_INVALID, "%s: %s[%zu]: the \"date\" field is missing", name,
                            path, idx);
    return TR_OK;
}

tr_status tr_outcome_occasions_from_json(const tr_outcome_config *cfg, const cJSON *array,
                                         const char *name, const char *path, tr_occasion **occ,
                                         size_t *n, tr_error *err)
{
    tr_occasion *list = NULL;
    size_t count = 0, i = 0;
    const cJSON *el;
    tr_status st;

    *occ = NULL;
    *n = 0;
    if ((st = tr_outcome_config_check(cfg, err)) != TR_OK)
        return st;
    if (!cJSON_IsArray(array))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: %s: expected an array of measurements like "
                            "[{\"date\":\"2026-01-05\",\"%s\":14,\"%s\":11}]",
                            name, path, cfg->scale[0].id, cfg->scale[1].id);
    count = (size_t)cJSON_GetArraySize(array);
    if (count > TR_OUTCOME_MAX_OCCASIONS)
        return tr_error_set(err, TR_E_TOOBIG,
                            "%s: %s: %zu measurements are more than the %d allowed", name, path,
                            count, TR_OUTCOME_MAX_OCCASIONS);
    if (count > 0 && !(list = calloc(count, sizeof *list)))
        return tr_error_set(err, TR_E_NOMEM, "%s: out of memory", name);
    cJSON_ArrayForEach(el, array)
    {
        if ((st = parse_one(cfg, el, i, name, path, &list[i], err)) != TR_OK)
            goto fail;
        i++;
    }
    if (tr_outcome_sort(list, count) != TR_OK) {
        st = tr_error_set(err, TR_E_NOMEM, "%s: out of memory", name);
        goto fail;
    }
    *occ = list;
    *n = count;
    return TR_OK;
fail:
    free(list);
    return st;
}

tr_status tr_outcome_parse_measures(const tr_outcome_config *cfg, const char *buf, size_t len,
                                    const char *name, tr_occasion **occ, size_t *n, tr_error *err)
{
    cJSON *root;
    tr_status st;
    *occ = NULL;
    *n = 0;
    if ((st = tr_outcome_config_check(cfg, err)) != TR_OK)
        return st;
    root = tr_json_parse(buf, len, name, err);
    if (!root)
        return err ? err->status : TR_E_PARSE;
    st = tr_outcome_occasions_from_json(cfg, root, name, "$", occ, n, err);
    cJSON_Delete(root);
    return st;
}

tr_status tr_outcome_parse_service(const tr_outcome_config *cfg, const char *buf, size_t len,
                                   const char *name, tr_outcome_service *out, tr_error *err)
{
    const cJSON *client;
    cJSON *root;
    tr_status st = TR_OK;

    memset(out, 0, sizeof *out);
    if ((st = tr_outcome_config_check(cfg, err)) != TR_OK)
        return st;
    root = tr_json_parse(buf, len, name, err);
    if (!root)
        return err ? err->status : TR_E_PARSE;
    if (!cJSON_IsObject(root)) {
        st = tr_error_set(err, TR_E_INVALID,
                          "%s: $: expected an object of clients like {\"client-1\": "
                          "[{\"date\":\"2026-01-05\",\"%s\":14,\"%s\":11}, ...], ...}",
                          name, cfg->scale[0].id, cfg->scale[1].id);
        goto done;
    }
    cJSON_ArrayForEach(client, root)
    {
        tr_occasion *occ = NULL;
        tr_outcome o;
        size_t n = 0;
        char path[96];
        snprintf(path, sizeof path, "$.%.64s", client->string);
        for (const cJSON *c = client->next; c; c = c->next) {
            if (strcmp(c->string, client->string) == 0) {
                st = tr_error_set(err, TR_E_INVALID, "%s: %s: this client is given twice", name,
                                  path);
                goto done;
            }
        }
        st = tr_outcome_occasions_from_json(cfg, client, name, path, &occ, &n, err);
        if (st == TR_OK && (st = tr_outcome_compute(cfg, occ, n, -1, &o, err)) == TR_OK)
            tr_outcome_service_add(out, &o);
        free(occ);
        if (st != TR_OK)
            goto done;
    }
    tr_outcome_service_rates(out);
done:
    if (st != TR_OK)
        memset(out, 0, sizeof *out);
    cJSON_Delete(root);
    return st;
}

static cJSON *occasion_json(const tr_outcome_config *cfg, const tr_occasion *o)
{
    char date[32];
    cJSON *j = cJSON_CreateObject();
    if (!j || tp_clock_format(o->ts, date, sizeof date) != 0)
        goto fail;
    date[10] = '\0'; /* "YYYY-MM-DD" */
    if (!cJSON_AddStringToObject(j, "date", date))
        goto fail;
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        cJSON *v = o->score[m] == TR_OUTCOME_MISSING ? cJSON_CreateNull()
                                                     : cJSON_CreateNumber(o->score[m]);
        if (!v)
            goto fail;
        cJSON_AddItemToObject(j, cfg->scale[m].id, v);
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

static int add_tri(cJSON *obj, const char *key, int v)
{
    cJSON *item = v == TR_OUTCOME_NA ? cJSON_CreateNull() : cJSON_CreateBool(v);
    if (!item)
        return 0;
    cJSON_AddItemToObject(obj, key, item);
    return 1;
}

cJSON *tr_outcome_to_json(const tr_outcome_config *cfg, const tr_occasion *occ, const tr_outcome *o)
{
    cJSON *j = cJSON_CreateObject(), *first, *last, *change;
    if (!j)
        return NULL;
    first = o->first >= 0 ? occasion_json(cfg, &occ[o->first]) : cJSON_CreateNull();
    last = o->last >= 0 ? occasion_json(cfg, &occ[o->last]) : cJSON_CreateNull();
    if (first)
        cJSON_AddItemToObject(j, "first", first);
    if (last)
        cJSON_AddItemToObject(j, "last", last);
    if (!first || !last)
        goto fail;
    if (!add_tri(j, "caseness_start", o->caseness_start) ||
        !add_tri(j, "caseness_end", o->caseness_end) || !add_tri(j, "recovery", o->recovery) ||
        !add_tri(j, "reliable_improvement", o->reliable_improvement) ||
        !add_tri(j, "reliable_deterioration", o->reliable_deterioration) ||
        !add_tri(j, "reliable_recovery", o->reliable_recovery) ||
        !cJSON_AddNumberToObject(j, "sessions", o->sessions) ||
        !cJSON_AddBoolToObject(j, "finished", o->finished))
        goto fail;
    if (o->last >= 0) {
        if (!(change = cJSON_AddObjectToObject(j, "change")))
            goto fail;
        for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
            if (!cJSON_AddNumberToObject(change, cfg->scale[m].id, o->change[m]))
                goto fail;
    } else if (!cJSON_AddNullToObject(j, "change")) {
        goto fail;
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

void tr_outcome_service_add(tr_outcome_service *s, const tr_outcome *o)
{
    s->clients++;
    if (!o->finished)
        return;
    if (o->last < 0) {
        s->finished_unpaired++;
        return;
    }
    assert(o->caseness_start != TR_OUTCOME_NA);
    s->finished++;
    s->caseness_start += o->caseness_start == 1;
    s->recovered += o->recovery == 1;
    s->reliably_improved += o->reliable_improvement == 1;
    s->reliably_deteriorated += o->reliable_deterioration == 1;
    s->reliably_recovered += o->reliable_recovery == 1;
}

static int add_rate(cJSON *obj, const char *key, double v)
{
    cJSON *item = isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
    if (!item)
        return 0;
    cJSON_AddItemToObject(obj, key, item);
    return 1;
}

cJSON *tr_outcome_service_to_json(const tr_outcome_service *s)
{
    cJSON *j = cJSON_CreateObject();
    if (!j || !cJSON_AddNumberToObject(j, "clients", s->clients) ||
        !cJSON_AddNumberToObject(j, "finished", s->finished) ||
        !cJSON_AddNumberToObject(j, "finished_unpaired", s->finished_unpaired) ||
        !cJSON_AddNumberToObject(j, "caseness_start", s->caseness_start) ||
        !cJSON_AddNumberToObject(j, "recovered", s->recovered) ||
        !cJSON_AddNumberToObject(j, "reliably_improved", s->reliably_improved) ||
        !cJSON_AddNumberToObject(j, "reliably_deteriorated", s->reliably_deteriorated) ||
        !cJSON_AddNumberToObject(j, "reliably_recovered", s->reliably_recovered) ||
        !add_rate(j, "recovery_rate", s->recovery_rate) ||
        !add_rate(j, "reliable_improvement_rate", s->reliable_improvement_rate) ||
        !add_rate(j, "reliable_deterioration_rate", s->reliable_deterioration_rate) ||
        !add_rate(j, "reliable_recovery_rate", s->reliable_recovery_rate)) {
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

static double rate(int num, int den)
{
    return den > 0 ? (double)num / den : NAN;
}

void tr_outcome_service_rates(tr_outcome_service *s)
{
    /* CLINICAL.md: recovered / (finished - not at caseness at start); that denominator is
     * the finished clients who were at caseness at the start. */
    int at_case = s->caseness_start;
    s->recovery_rate = rate(s->recovered, at_case);
    s->reliable_recovery_rate = rate(s->reliably_recovered, at_case);
    s->reliable_improvement_rate = rate(s->reliably_improved, s->finished);
    s->reliable_deterioration_rate = rate(s->reliably_deteriorated, s->finished);
}

/* Keys per measure slot; the wording lives in content/i18n/<lang>/outcome.json. */
static const char *const keys[TR_OUTCOME_NMEASURES][6] = {
    {"outcome.depression.fell_reliable", "outcome.depression.fell", "outcome.depression.same",
     "outcome.depression.rose", "outcome.depression.rose_near", "outcome.depression.rose_reliable"},
    {"outcome.anxiety.fell_reliable", "outcome.anxiety.fell", "outcome.anxiety.same",
     "outcome.anxiety.rose", "outcome.anxiety.rose_near", "outcome.anxiety.rose_reliable"},
};

const char *const *tr_outcome_summary_keys(size_t *n)
{
    static const char *const all[] = {
        "outcome.none",
        "outcome.one",
        "outcome.depression.fell_reliable",
        "outcome.depression.fell",
        "outcome.depression.same",
        "outcome.depression.rose",
        "outcome.depression.rose_near",
        "outcome.depression.rose_reliable",
        "outcome.anxiety.fell_reliable",
        "outcome.anxiety.fell",
        "outcome.anxiety.same",
        "outcome.anxiety.rose",
        "outcome.anxiety.rose_near",
        "outcome.anxiety.rose_reliable",
        "outcome.reliable_recovery",
        "outcome.recovery",
        "outcome.below_but_worse",
        "outcome.still_caseness",
        "outcome.below_caseness",
        "outcome.now_caseness",
    };
    *n = sizeof all / sizeof all[0];
    return all;
}

static void put(tr_outcome_text *t, const char *name, int value)
{
    assert(t->nvalues < TR_OUTCOME_TEXT_MAX_VALUES);
    t->values[t->nvalues].name = name;
    t->values[t->nvalues].value = value;
    t->nvalues++;
}

size_t tr_outcome_summary(const tr_outcome_config *cfg, const tr_occasion *occ, const tr_outcome *o,
                          tr_outcome_text *out)
{
    size_t k = 0;
    memset(out, 0, TR_OUTCOME_TEXT_MAX * sizeof *out);
    if (o->first < 0) {
        out[k++].key = "outcome.none";
        return k;
    }
    if (o->last < 0) {
        out[k].key = "outcome.one";
        put(&out[k], "depression", occ[o->first].score[TR_OUTCOME_DEP]);
        put(&out[k], "anxiety", occ[o->first].score[TR_OUTCOME_ANX]);
        return k + 1;
    }
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        int d = o->change[m], rc = cfg->scale[m].reliable_change, which;
        /* A rise of more than half the reliable change is "near" it and said plainly, not as
         * "a little"; only a change of the full value is called reliable. */
        which = d <= -rc ? 0 : d < 0 ? 1 : d == 0 ? 2 : 2 * d <= rc ? 3 : d < rc ? 4 : 5;
        out[k].key = keys[m][which];
        put(&out[k], "points", abs(d));
        put(&out[k], "from", occ[o->first].score[m]);
        put(&out[k], "to", occ[o->last].score[m]);
        put(&out[k], "reliable", rc);
        k++;
    }
    /* Recovery is only called so when nothing got reliably worse: 10 -> 9 beside a reliable
     * rise on the other measure is no recovery to the client. */
    if (o->reliable_recovery == 1)
        out[k++].key = "outcome.reliable_recovery";
    else if (o->recovery == 1 && o->reliable_deterioration == 1)
        out[k++].key = "outcome.below_but_worse";
    else if (o->recovery == 1)
        out[k++].key = "outcome.recovery";
    else if (o->caseness_start == 1 && o->caseness_end == 1)
        out[k++].key = "outcome.still_caseness";
    else if (o->caseness_start == 0 && o->caseness_end == 0)
        out[k++].key = "outcome.below_caseness";
    else
        out[k++].key = "outcome.now_caseness";
    assert(k <= TR_OUTCOME_TEXT_MAX);
    return k;
}
