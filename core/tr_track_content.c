/* tr_track_content: see tr_track_content.h. */
#include "tp_attr.h"
#include "tr_track_content.h"

#include "tp_path.h"
#include "tr_module.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tr_status tr_track_scale_from_inst(const tr_inst *inst, tr_track_scale *out, tr_error *err)
{
    const tr_scoring *s = &inst->scoring;
    memset(out, 0, sizeof *out);
    if (inst->kind != TR_INST_SCORED)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: '%s' is a questionnaire without a score, so it cannot be "
                            "tracked",
                            inst->file, inst->id);
    if (s->n_bands > TR_TRACK_MAX_BANDS)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: %zu bands are more than the %d a chart can show", inst->file,
                            s->n_bands, TR_TRACK_MAX_BANDS);
    if (strlen(inst->id) >= sizeof out->id)
        return tr_error_set(err, TR_E_INVALID, "%s: the id is too long to track", inst->file);
    memcpy(out->id, inst->id, strlen(inst->id) + 1);
    out->max = s->range_max;
    out->caseness = s->caseness == TR_CASENESS_TOTAL ? s->cutoff : NAN;
    out->reliable_change = s->has_reliable_change ? s->reliable_change : NAN;
    for (size_t i = 0; i < s->n_bands; i++) {
        snprintf(out->bands[i].id, sizeof out->bands[i].id, "%s", s->bands[i].id);
        out->bands[i].min = s->bands[i].min;
        out->bands[i].max = s->bands[i].max;
    }
    out->n_bands = s->n_bands;
    return TR_OK;
}

tr_status tr_track_scales_from_pack(const tr_content *pack, const tr_track_config *cfg,
                                    tr_track_scale *out, size_t max, size_t *n, tr_error *err)
{
    const char *ids[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_ids = 0;
    tr_status st;

    assert(max >= TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES);
    *n = 0;
    ids[n_ids++] = cfg->depression;
    ids[n_ids++] = cfg->anxiety;
    for (size_t i = 0; i < cfg->n_measures; i++)
        ids[n_ids++] = cfg->measures[i].instrument;
    for (size_t i = 0; i < n_ids; i++) {
        const tr_inst *inst = tr_content_find_inst(pack, ids[i]);
        int seen = 0;
        for (size_t k = 0; k < *n; k++)
            seen |= strcmp(out[k].id, ids[i]) == 0;
        if (seen)
            continue;
        if (!inst)
            return tr_error_set(err, TR_E_NOTFOUND,
                                "tracking.json names instrument '%s', which is not in the "
                                "content pack %s",
                                ids[i], pack->dir);
        if ((st = tr_track_scale_from_inst(inst, &out[*n], err)) != TR_OK)
            return st;
        (*n)++;
    }
    return TR_OK;
}

typedef struct checker {
    tr_diags *diags;
    size_t problems;
    int nomem;
} checker;

static void problem(checker *c, const char *path, const char *fmt, ...) TP_PRINTF(3, 4);

static void problem(checker *c, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->problems++;
    if (tr_diags_add(c->diags, "tracking.json", path, 0, 0, "%s", msg) != TR_OK)
        c->nomem = 1;
}

/* The field `id` of the step, or of any step when step is NULL. */
static const tr_module_field *find_field(const tr_module *m, const tr_module_step *step,
                                         const char *id)
{
    const tr_module_field *f = NULL;
    if (step)
        return tr_module_field_find(step, id);
    for (size_t i = 0; i < m->step_count && !f; i++)
        f = tr_module_field_find(&m->steps[i], id);
    return f;
}

static const tr_module_field *find_column(const tr_module_field *list, const char *id)
{
    for (size_t i = 0; i < list->column_count; i++)
        if (strcmp(list->columns[i].id, id) == 0)
            return &list->columns[i];
    return NULL;
}

static void check_series(checker *c, const tr_content *pack, size_t idx,
                         const tr_track_module_series *ms)
{
    char path[128], file[4096], rel[128];
    const tr_module_step *step = NULL;
    const tr_module_field *list = NULL, *f;
    tr_module *m = NULL;
    tr_diags ignored = {0};

    snprintf(path, sizeof path, "$.module_series[%zu]", idx);
    snprintf(rel, sizeof rel, "modules/%s.json", ms->module);
    if (tp_path_join(file, sizeof file, pack->dir, rel) != 0 ||
        tr_module_load(file, &m, &ignored) != TR_OK) {
        problem(c, path, "module '%s' is not a valid module of the pack (%s)", ms->module, rel);
        goto done;
    }
    if (ms->step[0] && !(step = tr_module_step_find(m, ms->step))) {
        problem(c, path, "module '%s' has no step '%s'", ms->module, ms->step);
        goto done;
    }
    if (ms->rows[0]) {
        list = find_field(m, step, ms->rows);
        if (!list || list->type != TR_FIELD_LIST) {
            problem(c, path, "rows: '%s' is not a list field of module '%s'", ms->rows, ms->module);
            goto done;
        }
    }
    if (ms->date_field[0] &&
        (!(f = find_field(m, step, ms->date_field)) || f->type != TR_FIELD_DATE))
        problem(c, path, "date_field: '%s' is not a date field of module '%s'", ms->date_field,
                ms->module);
    if (ms->group_field[0]) {
        f = list ? find_column(list, ms->group_field) : find_field(m, step, ms->group_field);
        if (!f || (f->type != TR_FIELD_TEXT && f->type != TR_FIELD_CHOICE))
            problem(c, path, "group_field: '%s' is not a text or choice field of module '%s'",
                    ms->group_field, ms->module);
    }
    for (size_t k = 0; k < ms->n_fields; k++) {
        char fpath[160];
        snprintf(fpath, sizeof fpath, "%s.fields[%zu]", path, k);
        f = list ? find_column(list, ms->fields[k]) : find_field(m, step, ms->fields[k]);
        if (!f || (f->type != TR_FIELD_RATING && f->type != TR_FIELD_NUMBER))
            problem(c, fpath,
                    "'%s' is not a stored rating or number field of module '%s' (computed "
                    "fields are not stored in the journal)",
                    ms->fields[k], ms->module);
    }
done:
    tr_diags_free(&ignored);
    tr_module_destroy(m);
}

/* Every key a series' summary can pick is in every language of the pack. */
static void check_summary_keys(checker *c, const tr_content *pack, const char *path, const char *id,
                               tr_track_summary_kind kind)
{
    size_t n = 0;
    const char *const *variants = tr_track_summary_variants(kind, &n);
    char key[TR_TRACK_ID_MAX + 48];
    for (size_t l = 0; l < pack->n_langs; l++) {
        for (size_t v = 0; v < n; v++) {
            snprintf(key, sizeof key, "tracking.%s.%s", id, variants[v]);
            if (!tr_i18n_has(pack->i18n, pack->langs[l], key))
                problem(c, path, "i18n/%s: the summary text %s is missing", pack->langs[l], key);
        }
    }
}

tr_status tr_track_check_content(const tr_track_config *cfg, const tr_content *pack,
                                 tr_diags *diags)
{
    checker c = {.diags = diags};
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    tr_outcome_config ocfg;
    size_t n = 0;
    tr_error err = {0};

    if (tr_track_scales_from_pack(pack, cfg, scales, sizeof scales / sizeof scales[0], &n, &err) !=
            TR_OK ||
        tr_track_outcome_config(cfg, scales, n, &ocfg, &err) != TR_OK)
        problem(&c, "$", "%s", err.msg);
    /* the client reads the outcome in these sentences (tr_outcome_summary) */
    size_t n_keys = 0;
    const char *const *keys = tr_outcome_summary_keys(&n_keys);
    for (size_t l = 0; l < pack->n_langs; l++)
        for (size_t k = 0; k < n_keys; k++)
            if (!tr_i18n_has(pack->i18n, pack->langs[l], keys[k]))
                problem(&c, "$.outcome", "i18n/%s: the outcome text %s is missing", pack->langs[l],
                        keys[k]);
    for (size_t l = 0; l < pack->n_langs; l++)
        if (!tr_i18n_has(pack->i18n, pack->langs[l], "tracking.decimal_mark"))
            problem(&c, "$", "i18n/%s: the key tracking.decimal_mark (\".\" or \",\") is missing",
                    pack->langs[l]);
    for (size_t i = 0; i < cfg->n_checkin && !c.nomem; i++) {
        char path[64];
        snprintf(path, sizeof path, "$.checkin.fields[%zu]", i);
        check_summary_keys(&c, pack, path, cfg->checkin[i].id, cfg->checkin[i].summary);
    }
    for (size_t i = 0; i < cfg->n_module && !c.nomem; i++) {
        char path[64];
        snprintf(path, sizeof path, "$.module_series[%zu]", i);
        check_series(&c, pack, i, &cfg->module[i]);
        check_summary_keys(&c, pack, path, cfg->module[i].id, cfg->module[i].summary);
    }
    if (c.nomem)
        return TR_E_NOMEM;
    return c.problems ? TR_E_INVALID : TR_OK;
}

int tr_track_measure_add_risk(cJSON *rec, const char *risk, const tr_step *followups,
                              const cJSON *answers)
{
    cJSON *ra;
    assert(rec && risk);
    if (!cJSON_AddStringToObject(rec, "risk", risk) ||
        !(ra = cJSON_AddObjectToObject(rec, "risk_answers")))
        return -1;
    for (size_t k = 0; followups && k < followups->n_items; k++) {
        const char *id = followups->inst->items[followups->items[k]].id;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, id);
        cJSON *copy = v && !cJSON_IsNull(v) ? cJSON_Duplicate(v, 1) : NULL;
        if (v && !cJSON_IsNull(v) && (!copy || !cJSON_AddItemToObject(ra, id, copy))) {
            cJSON_Delete(copy);
            return -1;
        }
    }
    return 0;
}

cJSON *tr_track_measure_record(const tr_inst *inst, const tr_score *score, const cJSON *answers,
                               const char *ts)
{
    static const char *const keys[] = {"total", "band", "caseness", "scorable"};
    assert(inst && score && ts);
    cJSON *sc = tr_score_to_json(inst, score);
    cJSON *rec = cJSON_CreateObject(), *ans;
    if (!sc || !rec || !cJSON_AddStringToObject(rec, "type", "measure") ||
        !cJSON_AddStringToObject(rec, "ts", ts) ||
        !cJSON_AddStringToObject(rec, "instrument", inst->id) ||
        !(ans = cJSON_AddObjectToObject(rec, "answers")))
        goto fail;
    for (size_t i = 0; i < inst->n_items; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, inst->items[i].id);
        cJSON *copy = v ? cJSON_Duplicate(v, 1) : NULL;
        if (v && (!copy || !cJSON_AddItemToObject(ans, inst->items[i].id, copy))) {
            cJSON_Delete(copy);
            goto fail;
        }
    }
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(sc, keys[k]);
        if (!v || !cJSON_AddItemToObject(rec, keys[k], v)) {
            cJSON_Delete(v);
            goto fail;
        }
    }
    cJSON_Delete(sc);
    return rec;
fail:
    cJSON_Delete(sc);
    cJSON_Delete(rec);
    return NULL;
}
