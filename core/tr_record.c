/* tr_record: see tr_record.h. */
#include "tr_record.h"

#include <math.h>
#include <string.h>

static int add_ids(cJSON *obj, const char *key, const char *const *ids, size_t n)
{
    cJSON *arr = cJSON_AddArrayToObject(obj, key);
    if (!arr)
        return -1;
    for (size_t i = 0; i < n; i++) {
        cJSON *s = cJSON_CreateString(ids[i]);
        if (!s || !cJSON_AddItemToArray(arr, s)) {
            cJSON_Delete(s);
            return -1;
        }
    }
    return 0;
}

/* {total, band, caseness, scorable, flags}: null where the score has no value. */
static cJSON *score_json(const tr_score *sc)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!(sc->scorable ? cJSON_AddNumberToObject(o, "total", sc->total)
                       : cJSON_AddNullToObject(o, "total")) ||
        !(sc->band ? cJSON_AddStringToObject(o, "band", sc->band->id)
                   : cJSON_AddNullToObject(o, "band")) ||
        !(sc->caseness >= 0 ? cJSON_AddBoolToObject(o, "caseness", sc->caseness)
                            : cJSON_AddNullToObject(o, "caseness")) ||
        !cJSON_AddBoolToObject(o, "scorable", sc->scorable) ||
        add_ids(o, "flags", sc->flags, sc->n_flags) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *tr_record_assessment_make(const tr_record_assessment *a, tr_error *err)
{
    const tr_triage_result *tri = a->triage;
    const char *alts[TR_TRIAGE_MAX_LEVELS], *reasons[TR_TRIAGE_MAX_REASONS];
    cJSON *rec = NULL, *answers = NULL, *sc;
    if (!a->ts || !a->ts[0] || !cJSON_IsObject(a->answers) || !tri || !tri->level || !a->chosen ||
        !a->chosen[0] || (a->n_scores && (!a->insts || !a->scores))) {
        tr_error_set(err, TR_E_INVALID,
                     "an assessment record needs ts, answers, the triage level and the chosen "
                     "level");
        return NULL;
    }
    if (a->preference && strlen(a->preference) > TR_RECORD_PREFERENCE_MAX) {
        tr_error_set(err, TR_E_INVALID, "the preference line is longer than %d bytes",
                     TR_RECORD_PREFERENCE_MAX);
        return NULL;
    }
    for (size_t i = 0; i < tri->n_alternatives; i++)
        alts[i] = tri->alternatives[i]->id;
    for (size_t i = 0; i < tri->n_reasons; i++)
        reasons[i] = tri->reasons[i].id;
    if (!(rec = cJSON_CreateObject()) || !cJSON_AddStringToObject(rec, "type", "assessment") ||
        !cJSON_AddStringToObject(rec, "ts", a->ts))
        goto fail;
    if (!(answers = cJSON_Duplicate(a->answers, 1)) ||
        !cJSON_AddItemToObject(rec, "answers", answers)) {
        cJSON_Delete(answers);
        goto fail;
    }
    if (!(sc = cJSON_AddObjectToObject(rec, "scores")))
        goto fail;
    for (size_t i = 0; i < a->n_scores; i++) {
        cJSON *s = score_json(&a->scores[i]);
        if (!s || !cJSON_AddItemToObject(sc, a->insts[i]->id, s)) {
            cJSON_Delete(s);
            goto fail;
        }
    }
    if (!cJSON_AddStringToObject(rec, "risk", tr_risk_name(tri->risk)) ||
        !cJSON_AddStringToObject(rec, "recommended", tri->level->id) ||
        add_ids(rec, "alternatives", alts, tri->n_alternatives) != 0 ||
        add_ids(rec, "reasons", reasons, tri->n_reasons) != 0 ||
        !cJSON_AddStringToObject(rec, "chosen", a->chosen) ||
        add_ids(rec, "modules", tri->modules, tri->n_modules) != 0 ||
        add_ids(rec, "ask", tri->ask, tri->n_ask) != 0 ||
        (tri->referral && !cJSON_AddStringToObject(rec, "referral", tri->referral)) ||
        !cJSON_AddStringToObject(rec, "content_version",
                                 a->content_version ? a->content_version : ""))
        goto fail;
    if (a->preference && a->preference[0] &&
        !cJSON_AddStringToObject(rec, "preference", a->preference))
        goto fail;
    return rec;
fail:
    cJSON_Delete(rec);
    tr_error_set(err, TR_E_NOMEM, "out of memory making the assessment record");
    return NULL;
}

cJSON *tr_record_checkin_make(const tr_record_checkin *c, tr_error *err)
{
    if (!c->ts || !c->ts[0] || (c->n && !c->values)) {
        tr_error_set(err, TR_E_INVALID, "a check-in record needs ts");
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++) {
        const tr_record_value *v = &c->values[i];
        int bad = !v->id || !v->id[0] || !strcmp(v->id, "type") || !strcmp(v->id, "ts") ||
                  (!v->text && !isfinite(v->number));
        for (size_t k = 0; k < i && !bad; k++)
            bad = strcmp(c->values[k].id, v->id) == 0;
        if (bad) {
            tr_error_set(err, TR_E_INVALID, "check-in field %zu (\"%s\") is not a valid answer", i,
                         v->id ? v->id : "");
            return NULL;
        }
    }
    cJSON *rec = cJSON_CreateObject();
    int ok = rec && cJSON_AddStringToObject(rec, "type", "checkin") &&
             cJSON_AddStringToObject(rec, "ts", c->ts);
    for (size_t i = 0; ok && i < c->n; i++) {
        const tr_record_value *v = &c->values[i];
        ok = (v->text ? cJSON_AddStringToObject(rec, v->id, v->text)
                      : cJSON_AddNumberToObject(rec, v->id, v->number)) != NULL;
    }
    if (!ok) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the check-in record");
        return NULL;
    }
    return rec;
}

void tr_record_free(cJSON *rec)
{
    cJSON_Delete(rec);
}
