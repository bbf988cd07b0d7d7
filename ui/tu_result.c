/* tu_result: the assessment record and the result state; see tu_result.h. */
#include "tu_result.h"

#include <assert.h>
#include <string.h>

#include "tu_records.h"

const tr_level *tu_res_chosen(const tu_res *r)
{
    assert(r->have && r->tri.level);
    if (r->chosen > 0 && (size_t)r->chosen <= r->tri.n_alternatives)
        return r->tri.alternatives[r->chosen - 1];
    return r->tri.level;
}

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

cJSON *tu_res_record(const tr_content *pack, const tu_assess *walk, const tr_triage_result *tri,
                     const tr_inst *const *insts, const tr_score *scores, int n, const char *chosen,
                     const char *pref, const char *ts)
{
    char now[32];
    const char *alts[TR_TRIAGE_MAX_LEVELS], *reasons[TR_TRIAGE_MAX_REASONS];
    cJSON *rec = cJSON_CreateObject(), *answers = NULL, *sc;
    assert(tri->level && chosen);
    if (!rec)
        return NULL;
    if (!ts || !ts[0]) {
        tu_records_now(now, sizeof now);
        ts = now;
    }
    for (size_t i = 0; i < tri->n_alternatives; i++)
        alts[i] = tri->alternatives[i]->id;
    for (size_t i = 0; i < tri->n_reasons; i++)
        reasons[i] = tri->reasons[i].id;
    if (!cJSON_AddStringToObject(rec, "type", "assessment") ||
        !cJSON_AddStringToObject(rec, "ts", ts))
        goto fail;
    if (!(answers = tu_assess_grouped(walk)) || !cJSON_AddItemToObject(rec, "answers", answers)) {
        cJSON_Delete(answers);
        goto fail;
    }
    if (!(sc = cJSON_AddObjectToObject(rec, "scores")))
        goto fail;
    for (int i = 0; i < n; i++) {
        cJSON *s = score_json(&scores[i]);
        if (!s || !cJSON_AddItemToObject(sc, insts[i]->id, s)) {
            cJSON_Delete(s);
            goto fail;
        }
    }
    if (!cJSON_AddStringToObject(rec, "risk", tr_risk_name(tri->risk)) ||
        !cJSON_AddStringToObject(rec, "recommended", tri->level->id) ||
        add_ids(rec, "alternatives", alts, tri->n_alternatives) != 0 ||
        add_ids(rec, "reasons", reasons, tri->n_reasons) != 0 ||
        !cJSON_AddStringToObject(rec, "chosen", chosen) ||
        add_ids(rec, "modules", tri->modules, tri->n_modules) != 0 ||
        !cJSON_AddStringToObject(rec, "content_version", pack->version ? pack->version : ""))
        goto fail;
    if (pref && pref[0] && !cJSON_AddStringToObject(rec, "preference", pref))
        goto fail;
    return rec;
fail:
    cJSON_Delete(rec);
    return NULL;
}

void tu_res_free(tu_res *r)
{
    if (r->have)
        tr_triage_result_free(&r->tri);
    tr_triage_free(r->triage);
    memset(r, 0, sizeof *r);
}
