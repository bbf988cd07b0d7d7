/* tr_record_read: records read back into C types for the screens (tr_record_read.h). */
#include "tr_record_read.h"

#include <string.h>

#include "tr_records_list.h"

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* The strings of the array obj[key] into ids (non-strings skipped); returns how many. */
static size_t ids_of(const cJSON *obj, const char *key, const char **ids, size_t max)
{
    size_t n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(obj, key))
    {
        if (n < max && cJSON_IsString(e))
            ids[n++] = e->valuestring;
    }
    return n;
}

static tr_status check_type(const cJSON *rec, const char *type, tr_error *err)
{
    if (!cJSON_IsObject(rec) || strcmp(tr_records_type(rec), type) != 0)
        return tr_error_set(err, TR_E_INVALID, "not an \"%s\" record", type);
    return TR_OK;
}

tr_status tr_assessment_read(const cJSON *rec, tr_assessment_view *out, tr_error *err)
{
    memset(out, 0, sizeof *out);
    tr_status st = check_type(rec, "assessment", err);
    if (st != TR_OK)
        return st;
    out->ts = str(rec, "ts");
    out->chosen = str(rec, "chosen");
    out->recommended = str(rec, "recommended");
    out->risk = str(rec, "risk");
    out->preference = str(rec, "preference");
    out->n_alternatives = ids_of(rec, "alternatives", out->alternatives, TR_RECORD_IDS_MAX);
    out->n_modules = ids_of(rec, "modules", out->modules, TR_RECORD_IDS_MAX);
    const cJSON *scores = cJSON_GetObjectItemCaseSensitive(rec, "scores"), *s;
    if (!cJSON_IsObject(scores))
        return TR_OK;
    cJSON_ArrayForEach(s, scores)
    {
        if (!cJSON_IsObject(s) || out->n_scores == TR_RECORD_SCORES_MAX)
            continue;
        tr_record_score *sc = &out->scores[out->n_scores++];
        const cJSON *total = cJSON_GetObjectItemCaseSensitive(s, "total");
        sc->inst = s->string;
        sc->has_total = cJSON_IsNumber(total);
        sc->total = sc->has_total ? total->valuedouble : 0;
        sc->band = str(s, "band");
    }
    return TR_OK;
}

bool tr_assessment_has_risk(const tr_assessment_view *a)
{
    return a->risk && strcmp(a->risk, "none") != 0;
}

tr_status tr_assignment_read(const cJSON *rec, tr_assignment_view *out, tr_error *err)
{
    memset(out, 0, sizeof *out);
    tr_status st = check_type(rec, "assignment", err);
    if (st != TR_OK)
        return st;
    const cJSON *pay = cJSON_GetObjectItemCaseSensitive(rec, "payload"), *m;
    if (!cJSON_IsObject(pay))
        return tr_error_set(err, TR_E_INVALID, "an \"assignment\" record without its payload");
    out->homework = str(pay, "homework");
    out->next_appointment = str(pay, "next_appointment");
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(pay, "measures"))
    {
        const char *inst = str(m, "instrument"), *every = str(m, "every");
        if (inst && every && out->n_measures < TR_RECORD_IDS_MAX)
            out->measures[out->n_measures++] = (tr_assigned_measure){inst, every};
    }
    out->n_modules = ids_of(pay, "modules", out->modules, TR_RECORD_IDS_MAX);
    return TR_OK;
}

bool tr_records_any_of(const cJSON *list, const char *const *types, size_t n)
{
    const cJSON *rec;
    cJSON_ArrayForEach(rec, list)
    {
        const char *t = tr_records_type(rec);
        for (size_t i = 0; i < n; i++)
            if (strcmp(t, types[i]) == 0)
                return true;
    }
    return false;
}
