/* tr_inst_score: answers and exact scoring (see tr_inst.h). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_inst.h"
#include "tr_inst_priv.h"
#include "tr_logic.h"

const tr_option *tr_item_find_option(const tr_item *item, const cJSON *value)
{
    for (size_t i = 0; item && value && i < item->n_options; i++) {
        const tr_option *o = &item->options[i];
        if (o->is_number ? cJSON_IsNumber(value) && value->valuedouble == o->number
                         : cJSON_IsString(value) && strcmp(value->valuestring, o->string) == 0)
            return o;
    }
    return NULL;
}

/* Writes the option values of item as "0, 1, 2, 3" into buf. */
static void list_options(const tr_item *item, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < item->n_options && used + 1 < size; i++) {
        const tr_option *o = &item->options[i];
        int n = o->is_number ? snprintf(buf + used, size - used, "%s%g", i ? ", " : "", o->number)
                             : snprintf(buf + used, size - used, "%s%s", i ? ", " : "", o->string);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Describes a JSON value briefly for messages. */
static void describe(const cJSON *v, char *buf, size_t size)
{
    char *text = cJSON_PrintUnformatted(v);
    snprintf(buf, size, "%.60s%s", text ? text : "?", text && strlen(text) > 60 ? "..." : "");
    cJSON_free(text);
}

static tr_status check_one(const tr_item *item, const cJSON *v, const char *where, tr_error *err)
{
    char opts[200], got[80];
    if (!v || cJSON_IsNull(v))
        return TR_OK;
    if (item->kind != TR_ITEM_MULTI && tr_item_find_option(item, v))
        return TR_OK; /* the common case, without building a message */
    list_options(item, opts, sizeof opts);
    if (item->kind == TR_ITEM_MULTI) {
        const cJSON *e;
        int i = 0;
        if (!cJSON_IsArray(v)) {
            describe(v, got, sizeof got);
            return tr_error_set(err, TR_E_INVALID,
                                "%sitem '%s' takes a list of choices, not %s (choices: %s)", where,
                                item->id, got, opts);
        }
        cJSON_ArrayForEach(e, v)
        {
            const cJSON *prev;
            int k = 0;
            if (!tr_item_find_option(item, e)) {
                describe(e, got, sizeof got);
                return tr_error_set(err, TR_E_INVALID,
                                    "%sitem '%s': %s is not one of its choices (%s)", where,
                                    item->id, got, opts);
            }
            cJSON_ArrayForEach(prev, v)
            {
                if (k++ >= i)
                    break;
                if (cJSON_Compare(prev, e, 1)) {
                    describe(e, got, sizeof got);
                    return tr_error_set(err, TR_E_INVALID, "%sitem '%s': %s is chosen twice", where,
                                        item->id, got);
                }
            }
            i++;
        }
        return TR_OK;
    }
    if (!tr_item_find_option(item, v)) {
        describe(v, got, sizeof got);
        return tr_error_set(err, TR_E_INVALID, "%sitem '%s': %s is not one of its options (%s)",
                            where, item->id, got, opts);
    }
    return TR_OK;
}

tr_status tr_inst_check_answers(const tr_inst *inst, const cJSON *answers, tr_error *err)
{
    if (!cJSON_IsObject(answers))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: answers must be an object of item id -> "
                            "answer",
                            inst->id);
    for (size_t i = 0; i < inst->n_items; i++) {
        const tr_item *it = &inst->items[i];
        tr_status st = check_one(it, cJSON_GetObjectItemCaseSensitive(answers, it->id), "", err);
        if (st != TR_OK)
            return tr_error_prefix(err, "%s", inst->id);
    }
    return TR_OK;
}

/* Rounds half away from zero to `decimals` places; the tiny nudge keeps 4.5 from becoming
 * 4.4999999 on the way. */
static double round_to(double x, int decimals)
{
    double f = pow(10.0, decimals);
    return round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
}

int tr_inst_item_value(const tr_inst *inst, size_t i, const cJSON *answers, double *out)
{
    const tr_item *it = &inst->items[i];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, it->id);
    if (cJSON_IsNumber(v)) {
        *out = it->reversed ? it->max_value + it->min_value - v->valuedouble : v->valuedouble;
        return 1;
    }
    /* skip logic: an item its show_if hides is scored as "when_hidden" (an error in show_if
     * counts as shown, so the item stays missing rather than silently 0) */
    if (it->has_when_hidden && (!v || cJSON_IsNull(v)) &&
        tr_inst_item_visible(it, answers, NULL) == 0) {
        *out = it->when_hidden;
        return 1;
    }
    return 0;
}

double tr_inst_cutoff(const tr_inst *inst, const cJSON *answers)
{
    const tr_scoring *s = &inst->scoring;
    const cJSON *v =
        s->cutoff_item ? cJSON_GetObjectItemCaseSensitive(answers, s->cutoff_item) : NULL;
    for (size_t i = 0; cJSON_IsString(v) && i < s->n_cutoffs; i++)
        if (strcmp(v->valuestring, s->cutoff_answer[i]) == 0)
            return s->cutoff_for[i];
    return s->cutoff;
}

/* The scored value of item i, or NAN when it has none. */
static double item_value(const tr_inst *inst, size_t i, const cJSON *answers)
{
    double v;
    return tr_inst_item_value(inst, i, answers, &v) ? v : NAN;
}

/* Total of the given items under the instrument's missing rule; returns 0 when not scorable. */
static int total_of(const tr_inst *inst, tr_score_method method, const size_t *items, size_t n,
                    const cJSON *answers, double *total, size_t *answered, int *prorated)
{
    const tr_scoring *s = &inst->scoring;
    double sum = 0;
    size_t got = 0;
    for (size_t k = 0; k < n; k++) {
        double v = item_value(inst, items[k], answers);
        if (!isnan(v)) {
            sum += v;
            got++;
        }
    }
    *answered = got;
    *prorated = 0;
    if (got == 0 || n - got > s->max_missing)
        return 0;
    if (method == TR_SCORE_MEAN) {
        *total = round_to(sum / (double)got, s->decimals);
    } else if (got < n) {
        if (!s->prorate)
            return 0;
        *total = round_to(sum * (double)n / (double)got, s->decimals);
        *prorated = 1;
    } else {
        *total = round_to(sum, s->decimals);
    }
    return 1;
}

tr_status tr_inst_score(const tr_inst *inst, const cJSON *answers, tr_score *out, tr_error *err)
{
    const tr_scoring *s = &inst->scoring;
    tr_status st;

    assert(inst && out);
    memset(out, 0, sizeof *out);
    out->caseness = -1;
    st = tr_inst_check_answers(inst, answers, err);
    if (st != TR_OK)
        return st;
    if (inst->kind != TR_INST_SCORED)
        return TR_OK;

    for (size_t i = 0; i < s->n_critical; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, s->critical[i].item_id);
        if (cJSON_IsNumber(v) && v->valuedouble > s->critical[i].above)
            out->flags[out->n_flags++] = s->critical[i].item_id;
    }
    out->scorable = total_of(inst, s->method, s->counted, s->n_counted, answers, &out->total,
                             &out->n_answered, &out->prorated);
    out->n_missing = s->n_counted - out->n_answered;
    if (!out->scorable) {
        out->total = 0;
        out->prorated = 0;
    } else {
        for (size_t i = 0; i < s->n_bands && !out->band; i++)
            if (out->total >= s->bands[i].min && out->total <= s->bands[i].max)
                out->band = &s->bands[i];
        if (s->caseness == TR_CASENESS_TOTAL) {
            out->caseness = out->total >= tr_inst_cutoff(inst, answers);
        } else if (s->caseness == TR_CASENESS_ANY_ITEM) {
            out->caseness = 0;
            for (size_t k = 0; k < s->n_counted; k++)
                if (item_value(inst, s->counted[k], answers) >= s->cutoff)
                    out->caseness = 1;
        }
    }
    for (size_t i = 0; i < s->n_subscales; i++) {
        size_t got;
        int pr;
        out->sub_scorable[i] =
            total_of(inst, s->subscales[i].method, s->subscales[i].items, s->subscales[i].n_items,
                     answers, &out->subscores[i], &got, &pr);
    }
    return TR_OK;
}

cJSON *tr_score_to_json(const tr_inst *inst, const tr_score *score)
{
    cJSON *o = cJSON_CreateObject(), *flags;
    if (!o)
        return NULL;
    if (!cJSON_AddStringToObject(o, "instrument", inst->id))
        goto fail;
    if (!(score->scorable ? cJSON_AddNumberToObject(o, "total", score->total)
                          : cJSON_AddNullToObject(o, "total")))
        goto fail;
    if (!(score->band ? cJSON_AddStringToObject(o, "band", score->band->id)
                      : cJSON_AddNullToObject(o, "band")))
        goto fail;
    if (!(score->caseness >= 0 ? cJSON_AddBoolToObject(o, "caseness", score->caseness)
                               : cJSON_AddNullToObject(o, "caseness")))
        goto fail;
    if (!(flags = cJSON_AddArrayToObject(o, "flags")))
        goto fail;
    for (size_t i = 0; i < score->n_flags; i++) {
        cJSON *f = cJSON_CreateString(score->flags[i]);
        if (!f || !cJSON_AddItemToArray(flags, f)) {
            cJSON_Delete(f);
            goto fail;
        }
    }
    if (!cJSON_AddBoolToObject(o, "scorable", score->scorable))
        goto fail;
    if (inst->scoring.n_subscales) {
        cJSON *subs = cJSON_AddObjectToObject(o, "subscales");
        if (!subs)
            goto fail;
        for (size_t i = 0; i < inst->scoring.n_subscales; i++) {
            const char *id = inst->scoring.subscales[i].id;
            if (!(score->sub_scorable[i] ? cJSON_AddNumberToObject(subs, id, score->subscores[i])
                                         : cJSON_AddNullToObject(subs, id)))
                goto fail;
        }
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

int tr_inst_item_visible(const tr_item *item, const cJSON *answers, tr_error *err)
{
    cJSON *r;
    int shown;
    assert(item);
    if (!item->show_if)
        return 1;
    r = tr_logic_apply(item->show_if, answers, err);
    if (!r) {
        tr_error_prefix(err, "show_if of item '%s'", item->id);
        return -1;
    }
    shown = tr_logic_truthy(r);
    cJSON_Delete(r);
    return shown;
}

/* ---- answers in item order -------------------------------------------------------------- */

/* Which items the positions map to: all items, or only the counted ones (in item order). */
static tr_status map_positions(const tr_inst *inst, size_t n, size_t *map, tr_error *err)
{
    size_t scored = 0;
    for (size_t i = 0; i < inst->n_items; i++)
        scored += inst->items[i].scored;
    if (n == inst->n_items) {
        for (size_t i = 0; i < n; i++)
            map[i] = i;
        return TR_OK;
    }
    if (scored && n == scored) {
        size_t k = 0;
        for (size_t i = 0; i < inst->n_items; i++)
            if (inst->items[i].scored)
                map[k++] = i;
        return TR_OK;
    }
    if (scored && scored != inst->n_items)
        return tr_error_set(err, TR_E_INVALID,
                            "%s takes %zu answers (or %zu without its unscored items), not %zu; "
                            "use - for a skipped item",
                            inst->id, inst->n_items, scored, n);
    return tr_error_set(err, TR_E_INVALID,
                        "%s takes %zu answers, not %zu; use - for a skipped item", inst->id,
                        inst->n_items, n);
}

static tr_status add_answer(const tr_inst *inst, cJSON *obj, size_t pos, const tr_item *it,
                            cJSON *v, tr_error *err)
{
    char where[64];
    tr_status st;
    if (!v)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    snprintf(where, sizeof where, "answer %zu: ", pos + 1);
    st = check_one(it, v, where, err);
    if (st != TR_OK) {
        cJSON_Delete(v);
        return tr_error_prefix(err, "%s", inst->id);
    }
    if (!cJSON_AddItemToObject(obj, it->id, v)) {
        cJSON_Delete(v);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    return TR_OK;
}

/* Parses one field of a list: a number, or a string value. */
static cJSON *field_value(const char *s, size_t len)
{
    char buf[80], *end;
    double d;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    /* Only plain decimals are numbers ("-1", "2", "0.5"); "0x1" or "1e0" stay text and are
     * then refused as no option's value. */
    if (strspn(buf + (buf[0] == '-'), "0123456789.") == len - (buf[0] == '-') &&
        len > (size_t)(buf[0] == '-')) {
        d = strtod(buf, &end);
        if (*end == '\0' && isfinite(d))
            return cJSON_CreateNumber(d);
    }
    return cJSON_CreateString(buf);
}

tr_status tr_inst_answers_from_list(const tr_inst *inst, const char *list, cJSON **out,
                                    tr_error *err)
{
    size_t n = 1, map[TR_INST_MAX_ITEMS], pos = 0;
    const char *s = list;
    cJSON *obj = NULL;
    tr_status st;

    assert(inst && list && out);
    *out = NULL;
    for (const char *c = list; *c; c++)
        n += *c == ',';
    if (n > TR_INST_MAX_ITEMS)
        return tr_error_set(err, TR_E_INVALID, "%s: %zu answers is far too many (it has %zu items)",
                            inst->id, n, inst->n_items);
    if ((st = map_positions(inst, n, map, err)) != TR_OK)
        return st;
    if (!(obj = cJSON_CreateObject()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    for (;; pos++) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const tr_item *it = &inst->items[map[pos]];
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (!(len == 0 || (len == 1 && s[0] == '-'))) {
            cJSON *v;
            if (it->kind == TR_ITEM_MULTI) {
                const char *f = s;
                v = cJSON_CreateArray();
                while (v && f <= s + len) {
                    const char *bar = memchr(f, '|', (size_t)(s + len - f));
                    size_t flen = bar ? (size_t)(bar - f) : (size_t)(s + len - f);
                    cJSON *e = field_value(f, flen);
                    if (!e || !cJSON_AddItemToArray(v, e)) {
                        cJSON_Delete(e);
                        cJSON_Delete(v);
                        v = NULL;
                    }
                    f += flen + 1;
                }
            } else {
                v = field_value(s, len);
            }
            if ((st = add_answer(inst, obj, pos, it, v, err)) != TR_OK)
                goto fail;
        }
        if (!end)
            break;
        s = end + 1;
    }
    *out = obj;
    return TR_OK;
fail:
    cJSON_Delete(obj);
    return st;
}

tr_status tr_inst_answers_from_array(const tr_inst *inst, const cJSON *array, cJSON **out,
                                     tr_error *err)
{
    size_t n, map[TR_INST_MAX_ITEMS], pos = 0;
    const cJSON *e;
    cJSON *obj;
    tr_status st;

    assert(inst && out);
    *out = NULL;
    if (!cJSON_IsArray(array))
        return tr_error_set(err, TR_E_INVALID, "%s: answers must be an array in item order",
                            inst->id);
    n = (size_t)cJSON_GetArraySize(array);
    if (n > TR_INST_MAX_ITEMS)
        return tr_error_set(err, TR_E_INVALID, "%s: %zu answers is far too many (it has %zu items)",
                            inst->id, n, inst->n_items);
    if ((st = map_positions(inst, n, map, err)) != TR_OK)
        return st;
    if (!(obj = cJSON_CreateObject()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    cJSON_ArrayForEach(e, array)
    {
        if (!cJSON_IsNull(e) && (st = add_answer(inst, obj, pos, &inst->items[map[pos]],
                                                 cJSON_Duplicate(e, 1), err)) != TR_OK)
            goto fail;
        pos++;
    }
    *out = obj;
    return TR_OK;
fail:
    cJSON_Delete(obj);
    return st;
}

/* ---- test vectors ----------------------------------------------------------------------- */

static void vector_problem(tr_inst_pctx *p, size_t i, const cJSON *v, const char *what)
{
    char path[64];
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "name");
    snprintf(path, sizeof path, "$.test_vectors[%zu]", i);
    tr_inst_problem(p, path, "test vector%s%.80s%s fails: %s", cJSON_IsString(name) ? " '" : "",
                    cJSON_IsString(name) ? name->valuestring : "", cJSON_IsString(name) ? "'" : "",
                    what);
}

static void check_vector(const tr_inst *inst, tr_inst_pctx *p, size_t i, const cJSON *v)
{
    const cJSON *given = cJSON_GetObjectItemCaseSensitive(v, "answers"), *j;
    cJSON *answers = NULL, *got = NULL;
    tr_error err = {0};
    tr_score score;
    char msg[600];
    static const char *const fields[] = {"total", "band", "caseness", "flags", "scorable"};

    if (!cJSON_IsObject(v)) {
        vector_problem(p, i, v, "it must be an object");
        return;
    }
    if (cJSON_IsArray(given)) {
        if (tr_inst_answers_from_array(inst, given, &answers, &err) != TR_OK) {
            vector_problem(p, i, v, err.msg);
            return;
        }
    } else if (cJSON_IsObject(given)) {
        if (!(answers = cJSON_Duplicate(given, 1))) {
            p->nomem = 1;
            return;
        }
    } else {
        vector_problem(p, i, v, "\"answers\" must be an array in item order or an object");
        return;
    }
    if (tr_inst_score(inst, answers, &score, &err) != TR_OK) {
        vector_problem(p, i, v, err.msg);
        goto done;
    }
    if (!(got = tr_score_to_json(inst, &score))) {
        p->nomem = 1;
        goto done;
    }
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        const cJSON *want = cJSON_GetObjectItemCaseSensitive(v, fields[f]);
        const cJSON *have = cJSON_GetObjectItemCaseSensitive(got, fields[f]);
        if (!want) {
            if (f == 0 || f == 4) { /* total and scorable are required */
                snprintf(msg, sizeof msg, "it must state the expected \"%s\"", fields[f]);
                vector_problem(p, i, v, msg);
            }
            continue;
        }
        if (!cJSON_Compare(want, have, 1)) {
            char w[80], h[80];
            describe(want, w, sizeof w);
            describe(have, h, sizeof h);
            snprintf(msg, sizeof msg, "expected %s %s, scoring gives %s", fields[f], w, h);
            vector_problem(p, i, v, msg);
        }
    }
    cJSON_ArrayForEach(j, v)
    {
        if (strcmp(j->string, "name") && strcmp(j->string, "answers") &&
            !cJSON_GetObjectItemCaseSensitive(got, j->string)) {
            snprintf(msg, sizeof msg, "unknown field \"%.60s\"", j->string);
            vector_problem(p, i, v, msg);
        }
    }
done:
    cJSON_Delete(answers);
    cJSON_Delete(got);
}

void tr_inst_check_vectors(const tr_inst *inst, tr_inst_pctx *p)
{
    const cJSON *v;
    size_t i = 0;
    cJSON_ArrayForEach(v, inst->test_vectors)
    {
        check_vector(inst, p, i++, v);
        if (p->nomem)
            return;
    }
}

size_t tr_inst_run_vectors(const tr_inst *inst, tr_diags *diags)
{
    tr_inst_pctx p = {.file = inst->file ? inst->file : inst->id, .diags = diags};
    tr_inst_check_vectors(inst, &p);
    return p.problems;
}
