/* tr_inst_parse: reads and validates one instrument or questionnaire file (see tr_inst.h and
 * content/README.md for the format). Reports every problem, never stops at the first. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_content.h"
#include "tr_inst_priv.h"
#include "tr_json.h"
#include "tr_logic.h"

/* Bands of a total are checked at every possible total; a scale finer than this is refused. */
#define MAX_BAND_STEPS 200000

void tr_inst_problem(tr_inst_pctx *p, const char *path, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->problems++;
    if (tr_diags_add(p->diags, p->file, path, 0, 0, "%s", msg) != TR_OK)
        p->nomem = 1;
}

void tr_inst_json_problem(tr_inst_pctx *p, const char *name, const tr_error *err)
{
    const char *rest = err->msg;
    int line = 0, col = 0, used = 0;
    size_t nlen = strlen(name);
    if (strncmp(rest, name, nlen) == 0)
        rest += nlen;
    if (sscanf(rest, ":%d:%d:%n", &line, &col, &used) == 2 && used > 0)
        rest += used;
    else
        line = col = 0;
    while (*rest == ':' || *rest == ' ')
        rest++;
    p->problems++;
    if (tr_diags_add(p->diags, p->file, "", line, col, "%s", rest) != TR_OK)
        p->nomem = 1;
}

void tr_inst_need_text(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path,
                       int required, tr_text *out)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    char at[320];
    tr_error err = {0};
    memset(out, 0, sizeof *out);
    snprintf(at, sizeof at, "%s.%s", path, key);
    if (!j) {
        if (required)
            tr_inst_problem(p, at,
                            "missing text: add {\"nb\": \"...\", \"nn\": \"...\", "
                            "\"en\": \"...\"}");
        return;
    }
    if (tr_text_read(j, out, &err) != TR_OK) {
        tr_inst_problem(p, at, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < p->n_langs; i++) {
        const char *s = tr_text_find(out, p->langs[i]);
        if (!s)
            tr_inst_problem(p, at, "missing the %s translation", p->langs[i]);
        else if (!s[0])
            tr_inst_problem(p, at, "the %s text is empty", p->langs[i]);
    }
}

static const char *need_string(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path,
                               int required)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        if (required)
            tr_inst_problem(p, path, "missing \"%s\" (a string)", key);
        return NULL;
    }
    if (!cJSON_IsString(j) || !j->valuestring[0]) {
        tr_inst_problem(p, path, "\"%s\" must be a non-empty string", key);
        return NULL;
    }
    return j->valuestring;
}

int tr_inst_content_id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 40 || s[0] < 'a' || s[0] > 'z')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

/* Ids are what answers, rules and the journal key on: keep them plain (an instrument's item
 * ids may start with a digit and run to 64 characters). */
static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static const char *need_id(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path)
{
    const char *s = need_string(p, obj, key, path, 1);
    if (s && !id_ok(s)) {
        tr_inst_problem(p, path,
                        "\"%s\" '%.80s' is not a valid id: use lowercase letters, digits and _, "
                        "at most 64",
                        key, s);
        return NULL;
    }
    return s;
}

static int need_number(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path,
                       int required, double *out)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        if (required)
            tr_inst_problem(p, path, "missing \"%s\" (a number)", key);
        return 0;
    }
    if (!cJSON_IsNumber(j) || !isfinite(j->valuedouble)) {
        tr_inst_problem(p, path, "\"%s\" must be a number", key);
        return 0;
    }
    *out = j->valuedouble;
    return 1;
}

const char *tr_trans_status_name(tr_trans_status status)
{
    return status == TR_TRANS_OFFICIAL ? "official" : "draft";
}

void tr_inst_free(tr_inst *inst)
{
    if (!inst)
        return;
    for (size_t i = 0; i < inst->n_option_sets; i++)
        free(inst->option_sets[i].options);
    free(inst->option_sets);
    free(inst->items);
    free(inst->scoring.bands);
    free((char *)inst->file);
    cJSON_Delete(inst->json);
    free(inst);
}

const tr_item *tr_inst_find_item(const tr_inst *inst, const char *item_id)
{
    for (size_t i = 0; inst && item_id && i < inst->n_items; i++)
        if (inst->items[i].id && strcmp(inst->items[i].id, item_id) == 0)
            return &inst->items[i];
    return NULL;
}

static long find_item_index(const tr_inst *inst, const char *item_id)
{
    const tr_item *it = tr_inst_find_item(inst, item_id);
    return it ? (long)(it - inst->items) : -1;
}

/* ---- pieces ----------------------------------------------------------------------------- */

static void read_translations(tr_inst_pctx *p, tr_inst *inst, const cJSON *doc)
{
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(doc, "translations"), *e;
    if (!cJSON_IsObject(tr)) {
        tr_inst_problem(p, "$.translations",
                        "missing \"translations\": for each language {\"status\": \"official\" "
                        "or \"draft\", \"note\": \"...\"}");
        return;
    }
    cJSON_ArrayForEach(e, tr)
    {
        char path[128];
        const char *status;
        tr_translation *t;
        snprintf(path, sizeof path, "$.translations.%.60s", e->string);
        if (inst->n_translations == TR_LANG_MAX) {
            tr_inst_problem(p, path, "more than %d languages", TR_LANG_MAX);
            break;
        }
        t = &inst->translations[inst->n_translations++];
        t->lang = e->string;
        t->note = "";
        status = need_string(p, e, "status", path, 1);
        if (status && strcmp(status, "official") == 0)
            t->status = TR_TRANS_OFFICIAL;
        else if (status && strcmp(status, "draft") == 0)
            t->status = TR_TRANS_DRAFT;
        else if (status)
            tr_inst_problem(p, path, "status must be \"official\" or \"draft\", not '%.40s'",
                            status);
        else
            t->status = TR_TRANS_DRAFT;
        if (cJSON_GetObjectItemCaseSensitive(e, "note"))
            t->note = need_string(p, e, "note", path, 0);
        if (!t->note)
            t->note = "";
    }
    for (size_t i = 0; i < p->n_langs; i++) {
        int found = 0;
        for (size_t k = 0; k < inst->n_translations; k++)
            found |= strcmp(inst->translations[k].lang, p->langs[i]) == 0;
        if (!found)
            tr_inst_problem(p, "$.translations", "no entry for language %s (official or draft?)",
                            p->langs[i]);
    }
}

static void read_option_sets(tr_inst_pctx *p, tr_inst *inst, const cJSON *doc)
{
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(doc, "option_sets"), *s;
    size_t n;
    if (!sets)
        return;
    if (!cJSON_IsObject(sets)) {
        tr_inst_problem(p, "$.option_sets", "must be an object of name -> option set");
        return;
    }
    n = (size_t)cJSON_GetArraySize(sets);
    if (!n)
        return;
    inst->option_sets = calloc(n, sizeof *inst->option_sets);
    if (!inst->option_sets) {
        p->nomem = 1;
        return;
    }
    cJSON_ArrayForEach(s, sets)
    {
        tr_option_set *set = &inst->option_sets[inst->n_option_sets++];
        const cJSON *opts = cJSON_GetObjectItemCaseSensitive(s, "options"), *o;
        const cJSON *scale = cJSON_GetObjectItemCaseSensitive(s, "scale");
        char path[128];
        size_t k = 0;
        set->name = s->string;
        snprintf(path, sizeof path, "$.option_sets.%.60s", s->string);
        for (size_t i = 0; i + 1 < inst->n_option_sets; i++)
            if (strcmp(inst->option_sets[i].name, set->name) == 0)
                tr_inst_problem(p, path, "option set '%.60s' is defined twice", set->name);
        if (scale) {
            if (cJSON_GetArraySize(scale) != 2 || !cJSON_IsNumber(cJSON_GetArrayItem(scale, 0)) ||
                !cJSON_IsNumber(cJSON_GetArrayItem(scale, 1)) ||
                cJSON_GetArrayItem(scale, 0)->valuedouble >
                    cJSON_GetArrayItem(scale, 1)->valuedouble) {
                tr_inst_problem(p, path, "\"scale\" must be [min, max] with min <= max");
            } else {
                set->has_scale = 1;
                set->scale_min = cJSON_GetArrayItem(scale, 0)->valuedouble;
                set->scale_max = cJSON_GetArrayItem(scale, 1)->valuedouble;
            }
        }
        if (!cJSON_IsArray(opts) || cJSON_GetArraySize(opts) < 1) {
            tr_inst_problem(p, path, "\"options\" must be a non-empty array");
            continue;
        }
        set->options = calloc((size_t)cJSON_GetArraySize(opts), sizeof *set->options);
        if (!set->options) {
            p->nomem = 1;
            return;
        }
        cJSON_ArrayForEach(o, opts)
        {
            tr_option *opt = &set->options[k];
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
            char opath[160];
            snprintf(opath, sizeof opath, "%s.options[%zu]", path, k);
            k++;
            if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
                opt->is_number = 1;
                opt->number = v->valuedouble;
                if (set->has_scale &&
                    (opt->number < set->scale_min || opt->number > set->scale_max))
                    tr_inst_problem(p, opath, "value %g is outside the scale %g-%g", opt->number,
                                    set->scale_min, set->scale_max);
            } else if (cJSON_IsString(v) && id_ok(v->valuestring)) {
                opt->string = v->valuestring;
                if (set->has_scale)
                    tr_inst_problem(p, opath, "value '%s' is not a number on the scale %g-%g",
                                    opt->string, set->scale_min, set->scale_max);
            } else {
                tr_inst_problem(p, opath,
                                "\"value\" must be a number or an id string "
                                "(lowercase letters, digits, _)");
            }
            tr_inst_need_text(p, o, "label", opath, 1, &opt->label);
            for (size_t i = 0; i + 1 < k; i++) {
                const tr_option *prev = &set->options[i];
                if (prev->is_number == opt->is_number &&
                    (opt->is_number
                         ? prev->number == opt->number
                         : (prev->string && opt->string && strcmp(prev->string, opt->string) == 0)))
                    tr_inst_problem(p, opath, "value is the same as option %zu's", i);
            }
        }
        set->n_options = k;
    }
}

static const tr_option_set *find_set(const tr_inst *inst, const char *name)
{
    for (size_t i = 0; i < inst->n_option_sets; i++)
        if (strcmp(inst->option_sets[i].name, name) == 0)
            return &inst->option_sets[i];
    return NULL;
}

static const tr_inst *find_known(const tr_inst *const *known, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (known[i] && known[i]->id && strcmp(known[i]->id, id) == 0)
            return known[i];
    return NULL;
}

static void read_items(tr_inst_pctx *p, tr_inst *inst, const cJSON *doc, const tr_inst *parent)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(doc, "items"), *j;
    size_t n;
    if (!cJSON_IsArray(items) || cJSON_GetArraySize(items) < 1) {
        tr_inst_problem(p, "$.items", "\"items\" must be a non-empty array");
        return;
    }
    n = (size_t)cJSON_GetArraySize(items);
    if (n > TR_INST_MAX_ITEMS) {
        tr_inst_problem(p, "$.items", "%zu items; at most %d", n, TR_INST_MAX_ITEMS);
        return;
    }
    inst->items = calloc(n, sizeof *inst->items);
    if (!inst->items) {
        p->nomem = 1;
        return;
    }
    cJSON_ArrayForEach(j, items)
    {
        char path[64];
        tr_item *it = &inst->items[inst->n_items];
        const cJSON *ref = cJSON_GetObjectItemCaseSensitive(j, "ref");
        snprintf(path, sizeof path, "$.items[%zu]", inst->n_items);
        inst->n_items++;
        if (!cJSON_IsObject(j)) {
            tr_inst_problem(p, path, "an item must be an object");
            continue;
        }
        if (ref) {
            const tr_item *src;
            if (!inst->parent) {
                tr_inst_problem(p, path, "\"ref\" items need a \"parent\" instrument");
                continue;
            }
            if (!cJSON_IsString(ref)) {
                tr_inst_problem(p, path, "\"ref\" must be an item id of the parent");
                continue;
            }
            if (!parent)
                continue; /* reported once, at $.parent */
            src = tr_inst_find_item(parent, ref->valuestring);
            if (!src) {
                tr_inst_problem(p, path, "\"ref\": the parent '%s' has no item '%.60s'", parent->id,
                                ref->valuestring);
                continue;
            }
            *it = *src;
            continue;
        }
        it->id = need_id(p, j, "id", path);
        for (size_t i = 0; it->id && i + 1 < inst->n_items; i++)
            if (inst->items[i].id && strcmp(inst->items[i].id, it->id) == 0)
                tr_inst_problem(p, path, "item id '%s' is used twice in this file", it->id);
        {
            const char *kind = need_string(p, j, "kind", path, 0);
            if (kind && strcmp(kind, "multi") == 0)
                it->kind = TR_ITEM_MULTI;
            else if (kind && strcmp(kind, "single") != 0)
                tr_inst_problem(p, path, "\"kind\" must be \"single\" or \"multi\", not '%.40s'",
                                kind);
        }
        tr_inst_need_text(p, j, "text", path, 1, &it->text);
        tr_inst_need_text(p, j, "help", path, 0, &it->help);
        tr_inst_need_text(p, j, "for_team", path, 0, &it->for_team);
        it->option_set = need_string(p, j, "options", path, 1);
        if (it->option_set) {
            const tr_option_set *set = find_set(inst, it->option_set);
            if (!set) {
                tr_inst_problem(p, path, "unknown option set '%.60s' (see $.option_sets)",
                                it->option_set);
            } else {
                it->options = set->options;
                it->n_options = set->n_options;
                for (size_t k = 0; k < set->n_options; k++) {
                    if (!set->options[k].is_number)
                        continue;
                    if (k == 0 || set->options[k].number < it->min_value)
                        it->min_value = set->options[k].number;
                    if (k == 0 || set->options[k].number > it->max_value)
                        it->max_value = set->options[k].number;
                }
            }
        }
        {
            const cJSON *show_if = cJSON_GetObjectItemCaseSensitive(j, "show_if");
            const cJSON *hidden = cJSON_GetObjectItemCaseSensitive(j, "when_hidden");
            if (show_if && !cJSON_IsObject(show_if) && !cJSON_IsBool(show_if))
                tr_inst_problem(p, path, "\"show_if\" must be a JsonLogic expression (an object)");
            else
                it->show_if = show_if;
            if (hidden && (!cJSON_IsNumber(hidden) || !show_if)) {
                tr_inst_problem(p, path,
                                "\"when_hidden\" must be a number (the score of the item when "
                                "its show_if hides it), and needs a \"show_if\"");
            } else if (hidden) {
                const tr_option *o = NULL;
                for (size_t k = 0; k < it->n_options && !o; k++)
                    if (it->options[k].is_number && it->options[k].number == hidden->valuedouble)
                        o = &it->options[k];
                if (!o && it->option_set)
                    tr_inst_problem(p, path,
                                    "\"when_hidden\": %g is no value of its options (option set "
                                    "'%.60s')",
                                    hidden->valuedouble, it->option_set);
                it->has_when_hidden = 1;
                it->when_hidden = hidden->valuedouble;
            }
        }
    }
}

/* "caseness": {"total_at_least": N, "by_item": ID, "at_least": {ANSWER: M, ...}}: a cut-off
 * per answer of another item (the pack checks that the item and answers exist). */
static void read_cutoffs(tr_inst_pctx *p, tr_scoring *s, const cJSON *j)
{
    const cJSON *by = cJSON_GetObjectItemCaseSensitive(j, "by_item");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(j, "at_least"), *e;
    if (!by && !at)
        return;
    if (!cJSON_IsString(by) || !by->valuestring[0] || !cJSON_IsObject(at)) {
        tr_inst_problem(p, "$.scoring.caseness",
                        "a cut-off that depends on an answer needs \"by_item\" (an item id, e.g. "
                        "\"sex\") and \"at_least\" ({answer: cut-off})");
        return;
    }
    s->cutoff_item = by->valuestring;
    cJSON_ArrayForEach(e, at)
    {
        if (!cJSON_IsNumber(e) || e->valuedouble < s->range_min || e->valuedouble > s->range_max) {
            tr_inst_problem(p, "$.scoring.caseness.at_least",
                            "'%.60s': the cut-off must be a number within the range %g-%g",
                            e->string, s->range_min, s->range_max);
        } else if (s->n_cutoffs >= TR_INST_MAX_CUTOFFS) {
            tr_inst_problem(p, "$.scoring.caseness.at_least", "more than %d cut-offs",
                            TR_INST_MAX_CUTOFFS);
            return;
        } else {
            s->cutoff_answer[s->n_cutoffs] = e->string;
            s->cutoff_for[s->n_cutoffs++] = e->valuedouble;
        }
    }
}

static void read_bands(tr_inst_pctx *p, tr_inst *inst, const cJSON *sc)
{
    tr_scoring *s = &inst->scoring;
    const cJSON *bands = cJSON_GetObjectItemCaseSensitive(sc, "bands"), *b;
    double step = pow(10.0, -s->decimals);
    long lo, hi;
    if (!cJSON_IsArray(bands) || cJSON_GetArraySize(bands) < 1) {
        tr_inst_problem(p, "$.scoring.bands",
                        "\"bands\" must be a non-empty array of "
                        "{\"id\", \"min\", \"max\", \"label\"}");
        return;
    }
    s->bands = calloc((size_t)cJSON_GetArraySize(bands), sizeof *s->bands);
    if (!s->bands) {
        p->nomem = 1;
        return;
    }
    cJSON_ArrayForEach(b, bands)
    {
        char path[64];
        tr_band *band = &s->bands[s->n_bands];
        int ok;
        snprintf(path, sizeof path, "$.scoring.bands[%zu]", s->n_bands);
        s->n_bands++;
        band->id = need_id(p, b, "id", path);
        for (size_t i = 0; band->id && i + 1 < s->n_bands; i++)
            if (s->bands[i].id && strcmp(s->bands[i].id, band->id) == 0)
                tr_inst_problem(p, path, "band id '%s' is used twice", band->id);
        ok = need_number(p, b, "min", path, 1, &band->min);
        ok &= need_number(p, b, "max", path, 1, &band->max);
        if (ok && band->min > band->max)
            tr_inst_problem(p, path, "min %g is above max %g", band->min, band->max);
        if (!ok)
            band->min = 1, band->max = 0; /* matches nothing */
        tr_inst_need_text(p, b, "label", path, 1, &band->label);
    }
    /* Every possible total (a multiple of the rounding step in the range) must fall in
     * exactly one band. */
    if (!(s->range_max >= s->range_min))
        return;
    lo = lround(s->range_min / step);
    hi = lround(s->range_max / step);
    if (hi - lo > MAX_BAND_STEPS) {
        tr_inst_problem(p, "$.scoring.decimals",
                        "too many possible totals to check; use fewer "
                        "decimals");
        return;
    }
    for (long k = lo; k <= hi; k++) {
        double v = (double)k * step, eps = step / 1000;
        size_t hits = 0, first = 0;
        for (size_t i = 0; i < s->n_bands; i++) {
            if (v >= s->bands[i].min - eps && v <= s->bands[i].max + eps) {
                if (!hits++)
                    first = i;
                else if (hits == 2)
                    tr_inst_problem(p, "$.scoring.bands",
                                    "bands '%s' and '%s' overlap at total %.*f",
                                    s->bands[first].id ? s->bands[first].id : "?",
                                    s->bands[i].id ? s->bands[i].id : "?", s->decimals, v);
            }
        }
        if (!hits) {
            long k2 = k;
            while (k2 + 1 <= hi) {
                double v2 = (double)(k2 + 1) * step;
                int covered = 0;
                for (size_t i = 0; i < s->n_bands; i++)
                    covered |= v2 >= s->bands[i].min - eps && v2 <= s->bands[i].max + eps;
                if (covered)
                    break;
                k2++;
            }
            if (k2 > k)
                tr_inst_problem(p, "$.scoring.bands", "no band covers the totals %.*f-%.*f",
                                s->decimals, v, s->decimals, (double)k2 * step);
            else
                tr_inst_problem(p, "$.scoring.bands", "no band covers the total %.*f", s->decimals,
                                v);
            k = k2;
        }
    }
    for (size_t i = 0; i < s->n_bands; i++)
        if (s->bands[i].min < s->range_min || s->bands[i].max > s->range_max)
            tr_inst_problem(p, "$.scoring.bands",
                            "band '%s' (%g-%g) reaches outside the range "
                            "%g-%g",
                            s->bands[i].id ? s->bands[i].id : "?", s->bands[i].min, s->bands[i].max,
                            s->range_min, s->range_max);
}

static int read_item_list(tr_inst_pctx *p, const tr_inst *inst, const cJSON *list, const char *path,
                          size_t *out, size_t max)
{
    const cJSON *e;
    size_t n = 0, pos = 0;
    if (!cJSON_IsArray(list)) {
        tr_inst_problem(p, path, "must be an array of item ids");
        return 0;
    }
    cJSON_ArrayForEach(e, list)
    {
        long idx = cJSON_IsString(e) ? find_item_index(inst, e->valuestring) : -1;
        char at[128];
        snprintf(at, sizeof at, "%s[%zu]", path, pos++);
        if (idx < 0) {
            tr_inst_problem(p, at, "unknown item '%.60s'",
                            cJSON_IsString(e) ? e->valuestring : "(not a string)");
            continue;
        }
        for (size_t i = 0; i < n; i++)
            if (out[i] == (size_t)idx)
                tr_inst_problem(p, at, "item '%s' is listed twice", e->valuestring);
        if (n == max) {
            tr_inst_problem(p, at, "too many items");
            break;
        }
        out[n++] = (size_t)idx;
    }
    return (int)n;
}

static tr_score_method read_method(tr_inst_pctx *p, const cJSON *obj, const char *path)
{
    const char *m = need_string(p, obj, "method", path, 1);
    if (m && strcmp(m, "mean") == 0)
        return TR_SCORE_MEAN;
    if (m && strcmp(m, "sum") != 0)
        tr_inst_problem(p, path, "\"method\" must be \"sum\" or \"mean\", not '%.40s'", m);
    return TR_SCORE_SUM;
}

static void read_scoring(tr_inst_pctx *p, tr_inst *inst, const cJSON *doc)
{
    tr_scoring *s = &inst->scoring;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(doc, "scoring"), *j;
    double d;
    if (!cJSON_IsObject(sc)) {
        tr_inst_problem(p, "$.scoring", "a scored instrument needs a \"scoring\" object");
        return;
    }
    s->method = read_method(p, sc, "$.scoring");
    s->decimals = 0;
    if (need_number(p, sc, "decimals", "$.scoring", 0, &d)) {
        if (d != floor(d) || d < 0 || d > 3)
            tr_inst_problem(p, "$.scoring.decimals", "must be a whole number 0-3");
        else
            s->decimals = (int)d;
    }
    s->n_counted = (size_t)read_item_list(p, inst, cJSON_GetObjectItemCaseSensitive(sc, "items"),
                                          "$.scoring.items", s->counted, TR_INST_MAX_ITEMS);
    if (!s->n_counted) {
        tr_inst_problem(p, "$.scoring.items", "no item counts toward the total");
        return; /* range, bands and caseness cannot be checked without items */
    }
    for (size_t i = 0; i < s->n_counted; i++) {
        tr_item *it = &inst->items[s->counted[i]];
        it->scored = 1;
        for (size_t k = 0; k < it->n_options; k++)
            if (!it->options[k].is_number) {
                tr_inst_problem(p, "$.scoring.items",
                                "item '%s' counts toward the total but its option set '%s' "
                                "has non-numeric values",
                                it->id, it->option_set);
                break;
            }
        if (it->kind == TR_ITEM_MULTI)
            tr_inst_problem(p, "$.scoring.items", "item '%s' is multi-choice and cannot count",
                            it->id);
        if (it->option_set && find_set(inst, it->option_set) &&
            !find_set(inst, it->option_set)->has_scale)
            tr_inst_problem(p, "$.scoring.items",
                            "item '%s' counts toward the total, so its option set '%s' must state "
                            "its \"scale\": [min, max]",
                            it->id, it->option_set);
    }
    if ((j = cJSON_GetObjectItemCaseSensitive(sc, "reversed")) != NULL) {
        size_t rev[TR_INST_MAX_ITEMS];
        size_t n = (size_t)read_item_list(p, inst, j, "$.scoring.reversed", rev, TR_INST_MAX_ITEMS);
        for (size_t i = 0; i < n; i++) {
            if (!inst->items[rev[i]].scored)
                tr_inst_problem(p, "$.scoring.reversed", "item '%s' is reversed but not counted",
                                inst->items[rev[i]].id);
            inst->items[rev[i]].reversed = 1;
        }
    }
    /* The possible range, from the items; the file must state the same. */
    {
        double lo = 0, hi = 0;
        for (size_t i = 0; i < s->n_counted; i++) {
            const tr_item *it = &inst->items[s->counted[i]];
            if (s->method == TR_SCORE_SUM) {
                lo += it->min_value;
                hi += it->max_value;
            } else {
                lo = i == 0 || it->min_value < lo ? it->min_value : lo;
                hi = i == 0 || it->max_value > hi ? it->max_value : hi;
            }
        }
        s->range_min = lo;
        s->range_max = hi;
        j = cJSON_GetObjectItemCaseSensitive(sc, "range");
        if (cJSON_GetArraySize(j) != 2 || !cJSON_IsNumber(cJSON_GetArrayItem(j, 0)) ||
            !cJSON_IsNumber(cJSON_GetArrayItem(j, 1)))
            tr_inst_problem(p, "$.scoring.range", "must be [min, max] (the items give [%g, %g])",
                            lo, hi);
        else if (cJSON_GetArrayItem(j, 0)->valuedouble != lo ||
                 cJSON_GetArrayItem(j, 1)->valuedouble != hi)
            tr_inst_problem(p, "$.scoring.range",
                            "says [%g, %g] but the counted items give "
                            "[%g, %g]",
                            cJSON_GetArrayItem(j, 0)->valuedouble,
                            cJSON_GetArrayItem(j, 1)->valuedouble, lo, hi);
    }
    /* Missing answers. */
    j = cJSON_GetObjectItemCaseSensitive(sc, "missing");
    if (!cJSON_IsObject(j)) {
        tr_inst_problem(p, "$.scoring.missing",
                        "state the rule for missing answers: {\"max_missing\": N, \"prorate\": "
                        "true|false, \"why\": \"...\"}");
    } else {
        const cJSON *pr = cJSON_GetObjectItemCaseSensitive(j, "prorate");
        if (need_number(p, j, "max_missing", "$.scoring.missing", 1, &d)) {
            if (d != floor(d) || d < 0 || d >= (double)s->n_counted + (s->n_counted == 0))
                tr_inst_problem(p, "$.scoring.missing.max_missing",
                                "must be a whole number from 0 to %zu (fewer than the counted "
                                "items)",
                                s->n_counted ? s->n_counted - 1 : 0);
            else
                s->max_missing = (size_t)d;
        }
        if (!cJSON_IsBool(pr))
            tr_inst_problem(p, "$.scoring.missing.prorate", "must be true or false");
        else
            s->prorate = cJSON_IsTrue(pr);
        if (s->method == TR_SCORE_SUM && s->max_missing > 0 && !s->prorate)
            tr_inst_problem(p, "$.scoring.missing",
                            "a sum with missing answers must be prorated (\"prorate\": true) or "
                            "allow none (\"max_missing\": 0); otherwise the total would be too "
                            "low");
        need_string(p, j, "why", "$.scoring.missing", 1);
    }
    read_bands(p, inst, sc);
    /* Caseness. */
    j = cJSON_GetObjectItemCaseSensitive(sc, "caseness");
    if (!j) {
        tr_inst_problem(p, "$.scoring.caseness",
                        "state the caseness cut-off ({\"total_at_least\": N} or "
                        "{\"any_item_at_least\": N}) or null when there is none");
    } else if (!cJSON_IsNull(j)) {
        if (need_number(p, j, "total_at_least", "$.scoring.caseness", 0, &s->cutoff)) {
            s->caseness = TR_CASENESS_TOTAL;
            read_cutoffs(p, s, j);
        } else if (need_number(p, j, "any_item_at_least", "$.scoring.caseness", 0, &s->cutoff))
            s->caseness = TR_CASENESS_ANY_ITEM;
        else
            tr_inst_problem(p, "$.scoring.caseness",
                            "must be {\"total_at_least\": N}, {\"any_item_at_least\": N} or "
                            "null");
        if (s->caseness == TR_CASENESS_TOTAL &&
            (s->cutoff < s->range_min || s->cutoff > s->range_max))
            tr_inst_problem(p, "$.scoring.caseness", "cut-off %g is outside the range %g-%g",
                            s->cutoff, s->range_min, s->range_max);
    }
    /* Reliable change. */
    j = cJSON_GetObjectItemCaseSensitive(sc, "reliable_change");
    if (cJSON_IsNumber(j) && j->valuedouble > 0) {
        s->has_reliable_change = 1;
        s->reliable_change = j->valuedouble;
    } else if (j && !cJSON_IsNull(j)) {
        tr_inst_problem(p, "$.scoring.reliable_change", "must be a positive number or null");
    }
    /* Critical items. */
    j = cJSON_GetObjectItemCaseSensitive(sc, "critical");
    if (j) {
        const cJSON *c;
        if (!cJSON_IsArray(j))
            tr_inst_problem(p, "$.scoring.critical", "must be an array of {\"item\", \"above\"}");
        const cJSON *list = cJSON_IsArray(j) ? j : NULL;
        cJSON_ArrayForEach(c, list)
        {
            char path[64];
            tr_critical *cr;
            const char *id;
            long idx;
            snprintf(path, sizeof path, "$.scoring.critical[%zu]", s->n_critical);
            if (s->n_critical == TR_INST_MAX_FLAGS) {
                tr_inst_problem(p, path, "at most %d critical items", TR_INST_MAX_FLAGS);
                break;
            }
            cr = &s->critical[s->n_critical];
            id = need_string(p, c, "item", path, 1);
            idx = id ? find_item_index(inst, id) : -1;
            if (id && idx < 0) {
                tr_inst_problem(p, path, "unknown item '%.60s'", id);
                continue;
            }
            if (!need_number(p, c, "above", path, 1, &cr->above) || idx < 0)
                continue;
            {
                int numeric = 1;
                for (size_t k = 0; k < inst->items[idx].n_options; k++)
                    numeric &= inst->items[idx].options[k].is_number;
                if (!numeric) {
                    tr_inst_problem(p, path, "critical item '%s' must have numeric answers", id);
                    continue;
                }
            }
            cr->item_id = id;
            cr->item = (size_t)idx;
            s->n_critical++;
        }
    }
    /* Subscales. */
    j = cJSON_GetObjectItemCaseSensitive(sc, "subscales");
    if (j) {
        const cJSON *c;
        if (!cJSON_IsArray(j))
            tr_inst_problem(p, "$.scoring.subscales", "must be an array");
        const cJSON *list = cJSON_IsArray(j) ? j : NULL;
        cJSON_ArrayForEach(c, list)
        {
            char path[64], ipath[80];
            tr_subscale *sub;
            snprintf(path, sizeof path, "$.scoring.subscales[%zu]", s->n_subscales);
            if (s->n_subscales == TR_INST_MAX_SUBSCALES) {
                tr_inst_problem(p, path, "at most %d subscales", TR_INST_MAX_SUBSCALES);
                break;
            }
            sub = &s->subscales[s->n_subscales++];
            sub->id = need_id(p, c, "id", path);
            tr_inst_need_text(p, c, "name", path, 1, &sub->name);
            sub->method = read_method(p, c, path);
            snprintf(ipath, sizeof ipath, "%s.items", path);
            sub->n_items =
                (size_t)read_item_list(p, inst, cJSON_GetObjectItemCaseSensitive(c, "items"), ipath,
                                       sub->items, TR_INST_MAX_ITEMS);
            for (size_t i = 0; i < sub->n_items; i++)
                if (!inst->items[sub->items[i]].scored)
                    tr_inst_problem(p, ipath, "item '%s' is not among the counted items",
                                    inst->items[sub->items[i]].id);
        }
    }
}

tr_inst *tr_inst_build(cJSON *doc, tr_inst_pctx *p, const tr_inst *const *known, size_t n_known)
{
    tr_inst *inst = calloc(1, sizeof *inst);
    const tr_inst *parent = NULL;
    const char *kind;
    double fmt;

    if (!inst) {
        cJSON_Delete(doc);
        p->nomem = 1;
        return NULL;
    }
    inst->json = doc;
    inst->file = strdup(p->file);
    if (!inst->file) {
        tr_inst_free(inst);
        p->nomem = 1;
        return NULL;
    }
    if (!cJSON_IsObject(doc)) {
        tr_inst_problem(p, "$", "an instrument file must be one JSON object");
        return inst;
    }
    if (need_number(p, doc, "format", "$", 1, &fmt) && fmt != TR_CONTENT_FORMAT)
        tr_inst_problem(p, "$.format", "format %g is not the one this build reads (%d)", fmt,
                        TR_CONTENT_FORMAT);
    inst->id = need_id(p, doc, "id", "$");
    inst->version = need_string(p, doc, "version", "$", 1);
    kind = need_string(p, doc, "kind", "$", 1);
    if (kind && strcmp(kind, "questionnaire") == 0)
        inst->kind = TR_INST_QUESTIONNAIRE;
    else if (kind && strcmp(kind, "scored") != 0)
        tr_inst_problem(p, "$.kind", "must be \"scored\" or \"questionnaire\", not '%.40s'", kind);
    tr_inst_need_text(p, doc, "name", "$", 1, &inst->name);
    tr_inst_need_text(p, doc, "intro", "$", 0, &inst->intro);
    inst->licence = need_string(p, doc, "licence", "$", 1);
    inst->source = need_string(p, doc, "source", "$", 1);
    inst->loinc = "";
    {
        const cJSON *codes = cJSON_GetObjectItemCaseSensitive(doc, "codes");
        if (codes && !cJSON_IsObject(codes))
            tr_inst_problem(p, "$.codes", "must be an object such as {\"loinc\": \"44249-1\"}");
        else if (codes && cJSON_GetObjectItemCaseSensitive(codes, "loinc"))
            inst->loinc = need_string(p, codes, "loinc", "$.codes", 1);
        if (!inst->loinc)
            inst->loinc = "";
    }
    read_translations(p, inst, doc);
    if (cJSON_GetObjectItemCaseSensitive(doc, "parent")) {
        inst->parent = need_id(p, doc, "parent", "$");
        parent = find_known(known, n_known, inst->parent);
        if (inst->parent && !parent)
            tr_inst_problem(p, "$.parent", "unknown parent instrument '%s'", inst->parent);
    }
    if (inst->parent && !parent)
        return inst; /* without its parent a short form's items and scoring mean nothing */
    read_option_sets(p, inst, doc);
    if (!p->nomem)
        read_items(p, inst, doc, parent);
    if (!p->nomem && inst->kind == TR_INST_SCORED)
        read_scoring(p, inst, doc);
    else if (cJSON_GetObjectItemCaseSensitive(doc, "scoring"))
        tr_inst_problem(p, "$.scoring",
                        "a questionnaire has no scoring; make it \"kind\": "
                        "\"scored\" or remove \"scoring\"");
    inst->test_vectors = cJSON_GetObjectItemCaseSensitive(doc, "test_vectors");
    if (inst->test_vectors && !cJSON_IsArray(inst->test_vectors)) {
        tr_inst_problem(p, "$.test_vectors", "must be an array");
        inst->test_vectors = NULL;
    }
    if (inst->kind == TR_INST_SCORED && !p->nomem && cJSON_GetArraySize(inst->test_vectors) < 1)
        tr_inst_problem(p, "$.test_vectors",
                        "a scored instrument must ship test vectors "
                        "(answers -> expected total, band, ...)");
    return inst;
}

typedef struct var_check {
    tr_inst_pctx *p;
    int (*known)(const char *name, void *ctx);
    void *ctx;
    const char *base;
} var_check;

static void on_var(void *user, const char *name, int scoped, const char *path)
{
    var_check *vc = user;
    /* Inside map/filter/... a var reads an element, not the answers; "" is all the data. */
    if (scoped || !name[0] || vc->known(name, vc->ctx))
        return;
    {
        char full[400];
        snprintf(full, sizeof full, "%s%s", vc->base, path[0] == '$' ? path + 1 : path);
        tr_inst_problem(vc->p, full, "show_if refers to '%.80s', which is no item of the pack",
                        name);
    }
}

void tr_inst_check_rule(tr_inst_pctx *p, const cJSON *rule, const char *base,
                        int (*known)(const char *name, void *ctx), void *ctx)
{
    var_check vc = {p, known, ctx, base};
    tr_error err = {0};
    /* JsonLogic reads an object of several keys as plain data (always truthy): a slip. */
    if (cJSON_IsObject(rule) && cJSON_GetArraySize(rule) != 1)
        tr_inst_problem(p, base,
                        "show_if is not a valid JsonLogic expression: it must be one operation "
                        "such as {\">\": [{\"var\": \"phq9_9\"}, 0]}, not an object of %d keys",
                        cJSON_GetArraySize(rule));
    else if (tr_logic_check(rule, on_var, &vc, &err) != TR_OK)
        tr_inst_problem(p, base, "show_if is not a valid JsonLogic expression: %s", err.msg);
}

void tr_inst_check_vars(const tr_inst *inst, tr_inst_pctx *p,
                        int (*known)(const char *name, void *ctx), void *ctx)
{
    for (size_t i = 0; i < inst->n_items; i++) {
        char base[64];
        if (!inst->items[i].show_if)
            continue;
        /* A ref item's show_if belongs to (and is checked in) its parent. */
        if (inst->parent && inst->json) {
            const cJSON *own =
                cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(inst->json, "items"), (int)i);
            if (cJSON_GetObjectItemCaseSensitive(own, "ref"))
                continue;
        }
        snprintf(base, sizeof base, "$.items[%zu].show_if", i);
        tr_inst_check_rule(p, inst->items[i].show_if, base, known, ctx);
    }
}

/* Is name an item of one of the instruments in the list? */
typedef struct own_items {
    const tr_inst *inst;
    const tr_inst *const *known;
    size_t n_known;
} own_items;

static int known_item(const char *name, void *ctx)
{
    own_items *o = ctx;
    if (tr_inst_find_item(o->inst, name))
        return 1;
    for (size_t i = 0; i < o->n_known; i++)
        if (tr_inst_find_item(o->known[i], name))
            return 1;
    return 0;
}

tr_status tr_inst_parse(const char *buf, size_t len, const tr_inst_desc *desc, tr_inst **out,
                        tr_diags *diags, tr_error *err)
{
    static const char *const default_langs[] = {"nb", "nn", "en"};
    tr_inst_desc d = desc ? *desc : (tr_inst_desc){0};
    tr_inst_pctx p = {.file = d.name ? d.name : "instrument", .diags = diags};
    tr_error jerr = {0};
    tr_inst *inst;
    cJSON *doc;

    assert(out && diags);
    *out = NULL;
    p.langs = d.langs ? d.langs : default_langs;
    p.n_langs = d.langs ? d.n_langs : 3;
    if (len > TR_JSON_MAX_BYTES)
        return tr_error_set(err, TR_E_TOOBIG, "%s: %zu bytes; at most %zu", p.file, len,
                            TR_JSON_MAX_BYTES);
    doc = tr_json_parse(buf, len, p.file, &jerr);
    if (!doc) {
        if (jerr.status == TR_E_NOMEM)
            return tr_error_set(err, TR_E_NOMEM, "%s: out of memory", p.file);
        tr_inst_json_problem(&p, p.file, &jerr);
        *err = jerr;
        return jerr.status;
    }
    inst = tr_inst_build(doc, &p, d.known, d.n_known);
    if (inst && !p.nomem) {
        own_items o = {inst, d.known, d.n_known};
        tr_inst_check_vars(inst, &p, known_item, &o);
        if (!p.problems)
            tr_inst_check_vectors(inst, &p);
    }
    if (p.nomem) {
        tr_inst_free(inst);
        return tr_error_set(err, TR_E_NOMEM, "%s: out of memory", p.file);
    }
    if (p.problems) {
        tr_inst_free(inst);
        return tr_error_set(err, TR_E_INVALID, "%s: %zu problem%s", p.file, p.problems,
                            p.problems == 1 ? "" : "s");
    }
    *out = inst;
    return TR_OK;
}
