/* tr_fhir_med: the client's medication log (`medication` records, core/tr_med.h) as FHIR R4
 * MedicationStatements, the side-effect check as a QuestionnaireResponse to our form
 * (tr_fhir_form.c) and the wish for help without medication as an Observation (see tr_fhir.h).
 *
 * A MedicationStatement is the medicine as the records say now: status active, or stopped when
 * the newest change says so (as tr_med_read reads it); medicationCodeableConcept.text the name
 * the client wrote (no coding: free text is never guessed into a code); dosage[0].text the dose
 * now; dateAsserted when the client added it. The client's «since» and «prescribed by» and every
 * change are Annotations in note[], labelled by content/fhir/export.json "medication", with the
 * time the client wrote them down. */
#include <stdio.h>
#include <string.h>

#include "tr_fhir_priv.h"

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A present string field of at most max bytes, or "" when absent; NULL when it is there but is
 * no string or too long. */
static const char *opt_str(const cJSON *o, const char *key, size_t max)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        return "";
    return cJSON_IsString(v) && strlen(v->valuestring) <= max ? v->valuestring : NULL;
}

static cJSON *find_id(cJSON *list, const char *id)
{
    cJSON *r;
    cJSON_ArrayForEach(r, list)
    {
        const char *rid = str(r, "id");
        if (rid && strcmp(rid, id) == 0)
            return r;
    }
    return NULL;
}

/* Appends {"time": ts, "text": text} to the statement's note[]. */
static tr_fhir_build_rc annotate(cJSON *ms, const char *ts, const char *text)
{
    cJSON *notes = cJSON_GetObjectItemCaseSensitive(ms, "note"), *a;
    if (!notes && !(notes = cJSON_AddArrayToObject(ms, "note")))
        return TR_FHIR_BUILD_NOMEM;
    if (!(a = cJSON_CreateObject()))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(notes, a);
    if (!cJSON_AddStringToObject(a, "time", ts) || !cJSON_AddStringToObject(a, "text", text))
        return TR_FHIR_BUILD_NOMEM;
    return TR_FHIR_BUILD_OK;
}

/* "<label> <value>" (label from export.json "medication") appended to buf after sep. */
static void part(char *buf, size_t size, const char *sep, const char *label, const char *value)
{
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s%s%s%s", n ? sep : "", label, value ? " " : "",
             value ? value : "");
}

/* Sets dosage[0].text to dose ("" leaves it as it is). */
static tr_fhir_build_rc set_dose(cJSON *ms, const char *dose)
{
    cJSON *d, *list;
    if (!dose[0])
        return TR_FHIR_BUILD_OK;
    cJSON_DeleteItemFromObjectCaseSensitive(ms, "dosage");
    if (!(list = cJSON_AddArrayToObject(ms, "dosage")) || !(d = cJSON_CreateObject()))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(list, d);
    return cJSON_AddStringToObject(d, "text", dose) ? TR_FHIR_BUILD_OK : TR_FHIR_BUILD_NOMEM;
}

static tr_fhir_build_rc add_med(tr_fhir_export *ex, const cJSON *rec, const char *ts,
                                const char *id, cJSON *meds)
{
    const cJSON *labels = tr_fhir_export_map(ex)->med_labels;
    const char *name = opt_str(rec, "name", TR_MED_FIELD_MAX);
    const char *dose = opt_str(rec, "dose", TR_MED_FIELD_MAX);
    const char *since = opt_str(rec, "since", TR_MED_FIELD_MAX);
    const char *by = opt_str(rec, "prescriber", TR_MED_FIELD_MAX);
    char text[2 * TR_MED_FIELD_MAX + 512];
    cJSON *ms, *med, *s;
    tr_fhir_build_rc rc;
    if (!name || !name[0] || !dose || !since || !by)
        return TR_FHIR_BUILD_BAD;
    if (!(ms = cJSON_CreateObject()))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(meds, ms);
    if (!cJSON_AddStringToObject(ms, "resourceType", "MedicationStatement") ||
        !cJSON_AddStringToObject(ms, "id", id) ||
        !cJSON_AddStringToObject(ms, "status", "active") ||
        !(med = cJSON_AddObjectToObject(ms, "medicationCodeableConcept")) ||
        !cJSON_AddStringToObject(med, "text", name) || !(s = tr_fhir_subject(ex)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToObject(ms, "subject", s);
    if (!cJSON_AddStringToObject(ms, "dateAsserted", ts) || !(s = tr_fhir_subject(ex)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToObject(ms, "informationSource", s);
    if ((rc = set_dose(ms, dose)))
        return rc;
    if (since[0]) {
        text[0] = '\0';
        part(text, sizeof text, "", str(labels, "since"), since);
        if ((rc = annotate(ms, ts, text)))
            return rc;
    }
    if (by[0]) {
        text[0] = '\0';
        part(text, sizeof text, "", str(labels, "prescriber"), by);
        if ((rc = annotate(ms, ts, text)))
            return rc;
    }
    return TR_FHIR_BUILD_OK;
}

static tr_fhir_build_rc change_med(tr_fhir_export *ex, const cJSON *rec, const char *ts, cJSON *ms)
{
    const cJSON *labels = tr_fhir_export_map(ex)->med_labels;
    const cJSON *stopped = cJSON_GetObjectItemCaseSensitive(rec, "stopped");
    const char *date = opt_str(rec, "date", TR_MED_FIELD_MAX);
    const char *dose = opt_str(rec, "dose", TR_MED_FIELD_MAX);
    const char *note = opt_str(rec, "note", TR_MED_NOTE_MAX);
    char day[11], text[2 * TR_MED_FIELD_MAX + TR_MED_NOTE_MAX + 512];
    tr_fhir_build_rc rc;
    if (!cJSON_IsBool(stopped) || !date || !dose || !note ||
        (!dose[0] && !note[0] && !cJSON_IsTrue(stopped)))
        return TR_FHIR_BUILD_BAD;           /* a change that says nothing */
    snprintf(day, sizeof day, "%.10s", ts); /* no date given: the day it was written down */
    text[0] = '\0';
    part(text, sizeof text, "; ", str(labels, date[0] ? "change" : "change_day"),
         date[0] ? date : day);
    if (dose[0])
        part(text, sizeof text, "; ", str(labels, "dose"), dose);
    if (cJSON_IsTrue(stopped))
        part(text, sizeof text, "; ", str(labels, "stopped"), NULL);
    if (note[0])
        part(text, sizeof text, "; ", str(labels, "note"), note);
    if (!cJSON_ReplaceItemInObjectCaseSensitive(
            ms, "status", cJSON_CreateString(cJSON_IsTrue(stopped) ? "stopped" : "active")))
        return TR_FHIR_BUILD_NOMEM;
    if ((rc = set_dose(ms, dose)))
        return rc;
    return annotate(ms, ts, text);
}

tr_fhir_build_rc tr_fhir_med_record(tr_fhir_export *ex, const cJSON *rec, const char *ts,
                                    cJSON *meds)
{
    const char *med = str(rec, "med"), *op = str(rec, "op");
    char id[96];
    cJSON *ms;
    if (!tr_fhir_export_map(ex)->med_labels)
        return TR_FHIR_BUILD_OK; /* a map without "medication" exports no medicines */
    if (!med || !op || !tr_fhir_record_id_ok(med, TR_MED_ID_MAX - 1))
        return TR_FHIR_BUILD_BAD;
    snprintf(id, sizeof id, "%s-%s", tr_fhir_export_pseudonym(ex), med);
    ms = find_id(meds, id);
    if (strcmp(op, "add") == 0)
        return ms ? TR_FHIR_BUILD_BAD : add_med(ex, rec, ts, id, meds);
    if (strcmp(op, "change") == 0)
        return ms ? change_med(ex, rec, ts, ms) : TR_FHIR_BUILD_BAD;
    return TR_FHIR_BUILD_BAD;
}

tr_fhir_build_rc tr_fhir_effects_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                        const char *ts, cJSON *qr)
{
    const tr_fhir_form *f = &tr_fhir_export_map(ex)->side_effects;
    const cJSON *ratings = cJSON_GetObjectItemCaseSensitive(rec, "ratings"), *r;
    tr_fhir_form_fill fill = {0};
    char id[128];
    if (!f->questionnaire)
        return TR_FHIR_BUILD_OK;
    if (!cJSON_IsObject(ratings) || !ratings->child ||
        !(fill.note = opt_str(rec, "note", TR_MED_NOTE_MAX)))
        return TR_FHIR_BUILD_BAD;
    cJSON_ArrayForEach(r, ratings)
    {
        int k = tr_fhir_form_find(f, r->string);
        if (k < 0 || fill.codes[k] || !cJSON_IsString(r))
            return TR_FHIR_BUILD_BAD; /* an effect the check does not have */
        fill.codes[k] = r->valuestring;
    }
    snprintf(id, sizeof id, "%s-%08llu-side-effects", tr_fhir_export_pseudonym(ex),
             (unsigned long long)seq);
    return tr_fhir_form_response(ex, f, id, ts, &fill, qr);
}

tr_fhir_build_rc tr_fhir_wish_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                     const char *ts, cJSON *obs)
{
    const tr_fhir_map *m = tr_fhir_export_map(ex);
    const char *wish = str(rec, "wish");
    const tr_med_choice *w;
    char id[128];
    cJSON *o, *v, *list, *c;
    if (!m->wish_code)
        return TR_FHIR_BUILD_OK;
    if (!wish || !(w = tr_med_choice_find(m->med->wishes, m->med->n_wishes, wish)))
        return TR_FHIR_BUILD_BAD;
    snprintf(id, sizeof id, "%s-%08llu-wish", tr_fhir_export_pseudonym(ex),
             (unsigned long long)seq);
    if (!(o = tr_fhir_observation(ex, id, m->wish_code, ts)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(obs, o);
    if (!(v = cJSON_AddObjectToObject(o, "valueCodeableConcept")) ||
        !(list = cJSON_AddArrayToObject(v, "coding")) || !(c = cJSON_CreateObject()))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(list, c);
    if (!cJSON_AddStringToObject(c, "system", m->wish_system) ||
        !cJSON_AddStringToObject(c, "code", w->id) ||
        !cJSON_AddStringToObject(c, "display", tr_text_get(&w->label, "en", NULL)) ||
        !cJSON_AddStringToObject(v, "text", tr_text_get(&w->label, "en", NULL)))
        return TR_FHIR_BUILD_NOMEM;
    return TR_FHIR_BUILD_OK;
}
