/* tr_fhir_build: journal records into FHIR R4 resources (see tr_fhir.h). Every code and
 * system comes from the map (content/fhir); the structure is FHIR R4's. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_fhir_priv.h"
#include "tr_goal.h"
#include "tr_json.h"

#define SURVEY_SYSTEM "http://terminology.hl7.org/CodeSystem/observation-category"
#define UCUM_SYSTEM   "http://unitsofmeasure.org"

struct tr_fhir_export {
    const tr_content *pack;
    const tr_fhir_map *map;
    char pseudonym[2 * 16 + 1];
    char team_id[64], mun_id[64];
    cJSON *qr, *obs, *org, *pat; /* arrays of resources, NDJSON form */
    cJSON *goal;                 /* the clients' Goal resources (tr_fhir_goal.c) */
    cJSON *meds;                 /* their MedicationStatements (tr_fhir_med.c) */
    int goal_top;                /* the top of the goals' rating scale */
    int identified;              /* the current client has a Patient (tr_fhir_export_identify) */
    size_t skipped;
};

/* Lowercase hex of a keyed BLAKE2b hash of data (outlen bytes, at most 32). */
static void hash_hex(const char *key, const void *data, size_t len, size_t outlen, char *hex)
{
    unsigned char h[32];
    crypto_generichash(h, outlen, data, len, (const unsigned char *)key, strlen(key));
    sodium_bin2hex(hex, 2 * outlen + 1, h, outlen);
}

static int name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n <= TR_FHIR_NAME_MAX && tr_utf8_valid(s, n, NULL);
}

static cJSON *ref_obj(const char *type, const char *id)
{
    char buf[160];
    cJSON *r = cJSON_CreateObject();
    snprintf(buf, sizeof buf, "%s/%s", type, id);
    if (r && !cJSON_AddStringToObject(r, "reference", buf)) {
        cJSON_Delete(r);
        return NULL;
    }
    return r;
}

static cJSON *organization(const char *id, const char *name, const char *part_of)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "resourceType", "Organization") ||
        !cJSON_AddStringToObject(o, "id", id) || !cJSON_AddTrueToObject(o, "active") ||
        !cJSON_AddStringToObject(o, "name", name))
        goto fail;
    if (part_of) {
        cJSON *r = ref_obj("Organization", part_of);
        if (!r)
            goto fail;
        cJSON_AddItemToObject(o, "partOf", r);
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

tr_status tr_fhir_export_make(const tr_fhir_desc *desc, tr_fhir_export **out, tr_error *err)
{
    tr_fhir_export *ex;
    *out = NULL;
    if (!desc || !desc->pack || !desc->map)
        return tr_error_set(err, TR_E_INVALID, "fhir export: the pack and map are required");
    if ((desc->team && !name_ok(desc->team)) ||
        (desc->municipality && !name_ok(desc->municipality)))
        return tr_error_set(err, TR_E_INVALID,
                            "the team and municipality names must be 1-%d bytes of UTF-8 text",
                            TR_FHIR_NAME_MAX);
    if (desc->municipality && !desc->team)
        return tr_error_set(err, TR_E_INVALID,
                            "a municipality is exported as the team's parent: name the team too");
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    if (!(ex = calloc(1, sizeof *ex)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    ex->pack = desc->pack;
    ex->map = desc->map;
    if (!(ex->qr = cJSON_CreateArray()) || !(ex->obs = cJSON_CreateArray()) ||
        !(ex->org = cJSON_CreateArray()) || !(ex->pat = cJSON_CreateArray()) ||
        !(ex->goal = cJSON_CreateArray()) || !(ex->meds = cJSON_CreateArray()))
        goto nomem;
    ex->goal_top = TR_GOAL_SCALE_TOP;
    if (ex->map->goal_code) { /* the goals' scale, when the pack has goals.json */
        tr_goal_content *gc = NULL;
        tr_diags gd = {0};
        tr_error gerr = {0};
        tr_status gst = tr_goal_load(desc->pack, &gc, &gd, &gerr);
        tr_diags_free(&gd);
        if (gst == TR_E_NOMEM)
            goto nomem;
        if (gst == TR_OK)
            ex->goal_top = gc->max;
        tr_goal_free(gc);
    }
    if (desc->municipality) {
        cJSON *o;
        memcpy(ex->mun_id, "org-", 4);
        hash_hex("trinn-fhir-organization-v1", desc->municipality, strlen(desc->municipality), 16,
                 ex->mun_id + 4);
        if (!(o = organization(ex->mun_id, desc->municipality, NULL)))
            goto nomem;
        cJSON_AddItemToArray(ex->org, o);
    }
    if (desc->team) {
        cJSON *o;
        memcpy(ex->team_id, "org-", 4);
        hash_hex("trinn-fhir-organization-v1", desc->team, strlen(desc->team), 16, ex->team_id + 4);
        if (!(o = organization(ex->team_id, desc->team, ex->mun_id[0] ? ex->mun_id : NULL)))
            goto nomem;
        cJSON_AddItemToArray(ex->org, o);
    }
    *out = ex;
    return TR_OK;
nomem:
    tr_fhir_export_destroy(ex);
    return tr_error_set(err, TR_E_NOMEM, "out of memory");
}

void tr_fhir_export_destroy(tr_fhir_export *ex)
{
    if (!ex)
        return;
    cJSON_Delete(ex->qr);
    cJSON_Delete(ex->obs);
    cJSON_Delete(ex->org);
    cJSON_Delete(ex->pat);
    cJSON_Delete(ex->goal);
    cJSON_Delete(ex->meds);
    free(ex);
}

size_t tr_fhir_export_skipped(const tr_fhir_export *ex)
{
    return ex->skipped;
}

const char *tr_fhir_export_pseudonym(const tr_fhir_export *ex)
{
    return ex->pseudonym;
}

const cJSON *tr_fhir_export_resources(const tr_fhir_export *ex, const char *type)
{
    const cJSON *a = strcmp(type, "QuestionnaireResponse") == 0 ? ex->qr
                     : strcmp(type, "Observation") == 0         ? ex->obs
                     : strcmp(type, "Organization") == 0        ? ex->org
                     : strcmp(type, "Patient") == 0             ? ex->pat
                     : strcmp(type, "Goal") == 0                ? ex->goal
                     : strcmp(type, "MedicationStatement") == 0 ? ex->meds
                                                                : NULL;
    return a && cJSON_GetArraySize(a) > 0 ? a : NULL;
}

/* {"identifier": {"system": ..., "value": pseudonym}}: the client, without a Patient; or
 * {"reference": "Patient/<pseudonym>"} where the team identified the client. */
static cJSON *subject(const tr_fhir_export *ex)
{
    if (ex->identified)
        return ref_obj("Patient", ex->pseudonym);
    cJSON *s = cJSON_CreateObject(), *id = cJSON_AddObjectToObject(s, "identifier");
    if (!id || !cJSON_AddStringToObject(id, "system", ex->map->patient_system) ||
        !cJSON_AddStringToObject(id, "value", ex->pseudonym)) {
        cJSON_Delete(s);
        return NULL;
    }
    return s;
}

/* Adds a copy of a Coding (system, code, display) to an array. */
static int add_coding(cJSON *array, const cJSON *coding)
{
    cJSON *c = cJSON_Duplicate(coding, 1);
    if (!c)
        return 0;
    cJSON_AddItemToArray(array, c);
    return 1;
}

/* {"coding": [{system, code, display}], "text": display}. */
static cJSON *concept(const char *system, const char *code, const char *display)
{
    cJSON *cc = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(cc, "coding");
    cJSON *c = cJSON_CreateObject();
    if (!list || !c) {
        cJSON_Delete(c);
        cJSON_Delete(cc);
        return NULL;
    }
    cJSON_AddItemToArray(list, c);
    if (!cJSON_AddStringToObject(c, "system", system) ||
        !cJSON_AddStringToObject(c, "code", code) ||
        (display && (!cJSON_AddStringToObject(c, "display", display) ||
                     !cJSON_AddStringToObject(cc, "text", display)))) {
        cJSON_Delete(cc);
        return NULL;
    }
    return cc;
}

/* The parts every Observation shares: id, status, category survey, code, subject, time,
 * performer. NULL when out of memory. */
static cJSON *observation(const tr_fhir_export *ex, const char *id, const cJSON *code,
                          const char *ts)
{
    cJSON *o = cJSON_CreateObject(), *cat, *cc, *list, *s, *perf;
    if (!o || !cJSON_AddStringToObject(o, "resourceType", "Observation") ||
        !cJSON_AddStringToObject(o, "id", id) || !cJSON_AddStringToObject(o, "status", "final") ||
        !(cat = cJSON_AddArrayToObject(o, "category")))
        goto fail;
    if (!(cc = concept(SURVEY_SYSTEM, "survey", "Survey")))
        goto fail;
    cJSON_AddItemToArray(cat, cc);
    if (!(cc = cJSON_AddObjectToObject(o, "code")) ||
        !(list = cJSON_AddArrayToObject(cc, "coding")) || !add_coding(list, code))
        goto fail;
    if (!(s = subject(ex)))
        goto fail;
    cJSON_AddItemToObject(o, "subject", s);
    if (!cJSON_AddStringToObject(o, "effectiveDateTime", ts))
        goto fail;
    if (ex->team_id[0]) {
        if (!(perf = cJSON_AddArrayToObject(o, "performer")) ||
            !(s = ref_obj("Organization", ex->team_id)))
            goto fail;
        cJSON_AddItemToArray(perf, s);
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

typedef enum { BUILD_OK = 0, BUILD_BAD = 1, BUILD_NOMEM = 2 } build_rc;

/* One item of a response: {"linkId", "text", "answer": [{valueCoding}]}, or with coding NULL
 * {"valueInteger": value}. */
static build_rc response_item(cJSON *items, const cJSON *qitem, const cJSON *coding, int value)
{
    cJSON *it = cJSON_CreateObject(), *ans, *a;
    const cJSON *link = cJSON_GetObjectItemCaseSensitive(qitem, "linkId");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(qitem, "text");
    if (!it)
        return BUILD_NOMEM;
    cJSON_AddItemToArray(items, it);
    if (!cJSON_AddStringToObject(it, "linkId", link->valuestring) ||
        (cJSON_IsString(text) && !cJSON_AddStringToObject(it, "text", text->valuestring)) ||
        !(ans = cJSON_AddArrayToObject(it, "answer")) || !(a = cJSON_CreateObject()))
        return BUILD_NOMEM;
    cJSON_AddItemToArray(ans, a);
    if (coding) {
        cJSON *c = cJSON_Duplicate(coding, 1);
        if (!c)
            return BUILD_NOMEM;
        cJSON_AddItemToObject(a, "valueCoding", c);
    } else if (!cJSON_AddNumberToObject(a, "valueInteger", value)) {
        return BUILD_NOMEM;
    }
    return BUILD_OK;
}

/* A QuestionnaireResponse (and with a scorable total its Observation) for the answers to one
 * instrument, appended to *qr / *obs. The record's total must be what the pack's scoring
 * gives for these answers, else the record is BAD; with scorable NULL (an assessment that
 * holds answers to an instrument but no score for it, e.g. items shared with a short form)
 * only the response is made. */
static build_rc one_measure(tr_fhir_export *ex, const tr_fhir_inst *fi, const char *id,
                            const char *ts, const cJSON *answers, const cJSON *total,
                            const cJSON *scorable, cJSON **qr, cJSON **obs)
{
    const tr_inst *inst = fi->inst;
    tr_score score;
    tr_error serr = {0};
    cJSON *items;
    size_t answered = 0;

    if (!cJSON_IsObject(answers) || (scorable && !cJSON_IsBool(scorable)) ||
        tr_inst_score(inst, answers, &score, &serr) != TR_OK)
        return serr.status == TR_E_NOMEM ? BUILD_NOMEM : BUILD_BAD;
    if (!scorable) /* answers the record gives no score for: the response alone */
        score.scorable = 0;
    else if (score.scorable != cJSON_IsTrue(scorable) ||
             (score.scorable && (!cJSON_IsNumber(total) || total->valuedouble != score.total)))
        return BUILD_BAD;
    if (!(*qr = tr_fhir_response(ex, id, fi->canonical, ts)))
        return BUILD_NOMEM;
    items = cJSON_GetObjectItemCaseSensitive(*qr, "item");
    for (size_t i = 0; i < inst->n_items; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, inst->items[i].id);
        const cJSON *coding;
        build_rc rc;
        if (!v || cJSON_IsNull(v))
            continue;
        if (!(coding = tr_fhir_answer_coding(fi, i, v)))
            return BUILD_BAD;
        if ((rc = response_item(items, fi->qitem[i], coding, 0)))
            return rc;
        answered += inst->items[i].scored;
    }
    if (!score.scorable)
        return BUILD_OK;
    /* Every counted item answered: the total is their sum and goes in the response too. */
    if (answered == inst->scoring.n_counted &&
        response_item(items, fi->total_item, NULL, (int)score.total))
        return BUILD_NOMEM;
    {
        cJSON *q, *interp, *cc, *from, *r;
        const char *label = tr_text_get(&score.band->label, "en", NULL);
        if (!(*obs = observation(ex, id, fi->total_coding, ts)) ||
            !(q = cJSON_AddObjectToObject(*obs, "valueQuantity")) ||
            !cJSON_AddNumberToObject(q, "value", score.total) ||
            !cJSON_AddStringToObject(q, "unit", "{score}") ||
            !cJSON_AddStringToObject(q, "system", UCUM_SYSTEM) ||
            !cJSON_AddStringToObject(q, "code", "{score}") ||
            !(interp = cJSON_AddArrayToObject(*obs, "interpretation")) ||
            !(cc = concept(fi->band_system, score.band->id, label)))
            return BUILD_NOMEM;
        cJSON_AddItemToArray(interp, cc);
        if (!(from = cJSON_AddArrayToObject(*obs, "derivedFrom")) ||
            !(r = ref_obj("QuestionnaireResponse", id)))
            return BUILD_NOMEM;
        cJSON_AddItemToArray(from, r);
    }
    return BUILD_OK;
}

/* The chosen and recommended care level of an assessment as one Observation. */
static build_rc care_level(tr_fhir_export *ex, const char *id, const char *ts, const cJSON *rec,
                           cJSON **obs)
{
    const cJSON *chosen = cJSON_GetObjectItemCaseSensitive(rec, "chosen");
    const cJSON *recommended = cJSON_GetObjectItemCaseSensitive(rec, "recommended");
    const tr_level *lc, *lr;
    cJSON *v, *comps, *comp, *code, *list;
    if (!cJSON_IsString(chosen) || !cJSON_IsString(recommended) ||
        !(lc = tr_content_find_level(ex->pack, chosen->valuestring)) ||
        !(lr = tr_content_find_level(ex->pack, recommended->valuestring)))
        return BUILD_BAD;
    if (!(*obs = observation(ex, id, ex->map->care_code, ts)) ||
        !(v = concept(ex->map->level_system, lc->id, tr_text_get(&lc->name, "en", NULL))))
        return BUILD_NOMEM;
    cJSON_AddItemToObject(*obs, "valueCodeableConcept", v);
    if (!(comps = cJSON_AddArrayToObject(*obs, "component")) || !(comp = cJSON_CreateObject()))
        return BUILD_NOMEM;
    cJSON_AddItemToArray(comps, comp);
    if (!(code = cJSON_AddObjectToObject(comp, "code")) ||
        !(list = cJSON_AddArrayToObject(code, "coding")) ||
        !add_coding(list, ex->map->recommended_code) ||
        !(v = concept(ex->map->level_system, lr->id, tr_text_get(&lr->name, "en", NULL))))
        return BUILD_NOMEM;
    cJSON_AddItemToObject(comp, "valueCodeableConcept", v);
    return BUILD_OK;
}

/* Builds every resource of one record into the arrays qr and obs (not yet the export's). */
static build_rc build_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec, const char *ts,
                             cJSON *qr, cJSON *obs)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(rec, "type");
    char id[128];
    build_rc rc;
    if (strcmp(type->valuestring, "measure") == 0) {
        const cJSON *inst = cJSON_GetObjectItemCaseSensitive(rec, "instrument");
        const tr_fhir_inst *fi;
        cJSON *q = NULL, *o = NULL;
        if (!cJSON_IsString(inst))
            return BUILD_BAD;
        if (!(fi = tr_fhir_map_find(ex->map, inst->valuestring)))
            return BUILD_OK; /* an instrument with no Questionnaire is not exported */
        snprintf(id, sizeof id, "%s-%08llu-%s", ex->pseudonym, (unsigned long long)seq,
                 inst->valuestring);
        rc = one_measure(ex, fi, id, ts, cJSON_GetObjectItemCaseSensitive(rec, "answers"),
                         cJSON_GetObjectItemCaseSensitive(rec, "total"),
                         cJSON_GetObjectItemCaseSensitive(rec, "scorable"), &q, &o);
        if (q)
            cJSON_AddItemToArray(qr, q);
        if (o)
            cJSON_AddItemToArray(obs, o);
        return rc;
    }
    if (strcmp(type->valuestring, "goal") == 0) /* Goals are changed in place (tr_fhir_goal.c) */
        return (build_rc)tr_fhir_goal_record(ex, seq, rec, ts, ex->goal, obs);
    if (strcmp(type->valuestring, "medication") == 0) /* changed in place too (tr_fhir_med.c) */
        return (build_rc)tr_fhir_med_record(ex, rec, ts, ex->meds);
    if (strcmp(type->valuestring, "side_effects") == 0)
        return (build_rc)tr_fhir_effects_record(ex, seq, rec, ts, qr);
    if (strcmp(type->valuestring, "medication_wish") == 0)
        return (build_rc)tr_fhir_wish_record(ex, seq, rec, ts, obs);
    if (strcmp(type->valuestring, "feedback") == 0) /* tr_fhir_feedback.c */
        return (build_rc)tr_fhir_feedback_record(ex, seq, rec, ts, qr);
    if (strcmp(type->valuestring, "assessment") == 0) {
        const cJSON *answers = cJSON_GetObjectItemCaseSensitive(rec, "answers");
        const cJSON *scores = cJSON_GetObjectItemCaseSensitive(rec, "scores");
        cJSON *o = NULL;
        if (!cJSON_IsObject(answers) || !cJSON_IsObject(scores))
            return BUILD_BAD;
        for (size_t i = 0; i < ex->map->n_insts; i++) {
            const tr_fhir_inst *fi = &ex->map->insts[i];
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(answers, fi->inst->id);
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(scores, fi->inst->id);
            cJSON *q = NULL;
            if (!a)
                continue;
            if (s && !cJSON_IsObject(s))
                return BUILD_BAD;
            snprintf(id, sizeof id, "%s-%08llu-%s", ex->pseudonym, (unsigned long long)seq,
                     fi->inst->id);
            o = NULL;
            rc = one_measure(ex, fi, id, ts, a, cJSON_GetObjectItemCaseSensitive(s, "total"),
                             cJSON_GetObjectItemCaseSensitive(s, "scorable"), &q, &o);
            if (q)
                cJSON_AddItemToArray(qr, q);
            if (o)
                cJSON_AddItemToArray(obs, o);
            if (rc)
                return rc;
        }
        snprintf(id, sizeof id, "%s-%08llu-level", ex->pseudonym, (unsigned long long)seq);
        o = NULL;
        rc = care_level(ex, id, ts, rec, &o);
        if (o)
            cJSON_AddItemToArray(obs, o);
        return rc;
    }
    return BUILD_OK;
}

/* Moves every item of src to the end of dst. */
static void move_all(cJSON *dst, cJSON *src)
{
    cJSON *it;
    while ((it = cJSON_DetachItemFromArray(src, 0)))
        cJSON_AddItemToArray(dst, it);
}

tr_status tr_fhir_export_identify(tr_fhir_export *ex, const char *system, const char *value,
                                  tr_error *err)
{
    cJSON *p = cJSON_CreateObject(), *meta, *profiles, *ids, *id;
    if (!ex->pseudonym[0])
        return tr_error_set(err, TR_E_INVALID, "fhir export: identify a client after naming it");
    if (!p || !cJSON_AddStringToObject(p, "resourceType", "Patient") ||
        !cJSON_AddStringToObject(p, "id", ex->pseudonym) ||
        !(meta = cJSON_AddObjectToObject(p, "meta")) ||
        !(profiles = cJSON_AddArrayToObject(meta, "profile")) ||
        !cJSON_AddItemToArray(profiles, cJSON_CreateString(TR_FHIR_NO_BASIS_PATIENT)) ||
        !(ids = cJSON_AddArrayToObject(p, "identifier")) || !(id = cJSON_CreateObject()) ||
        !cJSON_AddItemToArray(ids, id) || !cJSON_AddStringToObject(id, "use", "official") ||
        !cJSON_AddStringToObject(id, "system", system) ||
        !cJSON_AddStringToObject(id, "value", value)) {
        cJSON_Delete(p);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_AddItemToArray(ex->pat, p);
    ex->identified = 1;
    return TR_OK;
}

void tr_fhir_export_next_client(tr_fhir_export *ex, const char *key)
{
    ex->identified = 0;
    ex->pseudonym[0] = '\0';
    if (key)
        hash_hex("trinn-fhir-pseudonym-v1", key, strlen(key), 16, ex->pseudonym);
}

/* 1 for a record type the export makes resources of. */
static int exported(const char *type)
{
    static const char *const types[] = {"measure",      "assessment",      "goal",    "medication",
                                        "side_effects", "medication_wish", "feedback"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return 1;
    return 0;
}

tr_status tr_fhir_export_feed(tr_fhir_export *ex, uint64_t seq, const char *json, size_t len,
                              tr_error *err)
{
    cJSON *rec, *qr = NULL, *obs = NULL;
    const cJSON *type, *tsj;
    char ts[32];
    int64_t t;
    build_rc rc = BUILD_OK;

    if (!ex->pseudonym[0])
        hash_hex("trinn-fhir-pseudonym-v1", json, len, 16, ex->pseudonym);
    if (!(rec = tr_json_parse(json, len, "record", NULL))) {
        ex->skipped++;
        return TR_OK;
    }
    type = cJSON_GetObjectItemCaseSensitive(rec, "type");
    tsj = cJSON_GetObjectItemCaseSensitive(rec, "ts");
    if (!cJSON_IsString(type) || !exported(type->valuestring))
        goto done;
    if (!cJSON_IsString(tsj) || tp_clock_parse(tsj->valuestring, &t) != 0 ||
        tp_clock_format(t, ts, sizeof ts) != 0) {
        rc = BUILD_BAD;
        goto done;
    }
    if (!(qr = cJSON_CreateArray()) || !(obs = cJSON_CreateArray())) {
        rc = BUILD_NOMEM;
        goto done;
    }
    rc = build_record(ex, seq, rec, ts, qr, obs);
    if (rc == BUILD_OK) {
        move_all(ex->qr, qr);
        move_all(ex->obs, obs);
    }
done:
    cJSON_Delete(rec);
    cJSON_Delete(qr);
    cJSON_Delete(obs);
    if (rc == BUILD_NOMEM)
        return tr_error_set(err, TR_E_NOMEM, "out of memory while building the export");
    ex->skipped += rc == BUILD_BAD;
    return TR_OK;
}

cJSON *tr_fhir_subject(const tr_fhir_export *ex)
{
    return subject(ex);
}

cJSON *tr_fhir_observation(const tr_fhir_export *ex, const char *id, const cJSON *code,
                           const char *ts)
{
    return observation(ex, id, code, ts);
}

const cJSON *tr_fhir_goal_code(const tr_fhir_export *ex)
{
    return ex->map->goal_code;
}

int tr_fhir_goal_top(const tr_fhir_export *ex)
{
    return ex->goal_top;
}

cJSON *tr_fhir_response(const tr_fhir_export *ex, const char *id, const char *canonical,
                        const char *ts)
{
    cJSON *qr = cJSON_CreateObject(), *s;
    if (!qr || !cJSON_AddStringToObject(qr, "resourceType", "QuestionnaireResponse") ||
        !cJSON_AddStringToObject(qr, "id", id) ||
        !cJSON_AddStringToObject(qr, "questionnaire", canonical) ||
        !cJSON_AddStringToObject(qr, "status", "completed") || !(s = subject(ex)))
        goto fail;
    cJSON_AddItemToObject(qr, "subject", s);
    if (!cJSON_AddStringToObject(qr, "authored", ts))
        goto fail;
    if (ex->team_id[0]) {
        if (!(s = ref_obj("Organization", ex->team_id)))
            goto fail;
        cJSON_AddItemToObject(qr, "author", s);
    }
    if (!cJSON_AddArrayToObject(qr, "item"))
        goto fail;
    return qr;
fail:
    cJSON_Delete(qr);
    return NULL;
}

const tr_fhir_map *tr_fhir_export_map(const tr_fhir_export *ex)
{
    return ex->map;
}

int tr_fhir_record_id_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}
