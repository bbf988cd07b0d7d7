/* tr_fhir_feedback: the client's feedback on the help (`feedback` records, core/tr_feedback.h)
 * as QuestionnaireResponses to our feedback form (tr_fhir_form.c, see tr_fhir.h): when it was
 * given (after a contact or a module, and which module), each answer on content/feedback.json's
 * scale, the free-text line and a wish to change therapist. */
#include <stdio.h>
#include <string.h>

#include "tr_fhir_priv.h"
#include "tr_inst_priv.h"

tr_fhir_build_rc tr_fhir_feedback_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                         const char *ts, cJSON *qr)
{
    const tr_fhir_form *f = &tr_fhir_export_map(ex)->feedback;
    const cJSON *ratings = cJSON_GetObjectItemCaseSensitive(rec, "ratings"), *r;
    const cJSON *after = cJSON_GetObjectItemCaseSensitive(rec, "after");
    const cJSON *module = cJSON_GetObjectItemCaseSensitive(rec, "module");
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(rec, "note");
    const cJSON *change = cJSON_GetObjectItemCaseSensitive(rec, "change_therapist");
    char codes[TR_FHIR_FORM_MAX_ITEMS][12], id[128];
    tr_fhir_form_fill fill = {0};
    int is_module;
    if (!f->questionnaire)
        return TR_FHIR_BUILD_OK;
    if (!cJSON_IsString(after) || (ratings && !cJSON_IsObject(ratings)) ||
        (note && (!cJSON_IsString(note) || strlen(note->valuestring) > TR_FEEDBACK_NOTE_MAX)) ||
        (change && !cJSON_IsBool(change)))
        return TR_FHIR_BUILD_BAD;
    /* a module after a module only, and then its id (as tr_feedback_record makes it) */
    is_module = strcmp(after->valuestring, TR_FEEDBACK_AFTER_MODULE) == 0;
    if (is_module != (cJSON_IsString(module) && module->valuestring[0] != '\0') ||
        (module &&
         (!cJSON_IsString(module) || (is_module && !tr_inst_content_id_ok(module->valuestring)))))
        return TR_FHIR_BUILD_BAD;
    cJSON_ArrayForEach(r, ratings)
    {
        int k = tr_fhir_form_find(f, r->string);
        if (k < 0 || fill.codes[k] || !cJSON_IsNumber(r) || r->valuedouble < 0 ||
            r->valuedouble > 100 || r->valuedouble != (double)(int)r->valuedouble)
            return TR_FHIR_BUILD_BAD; /* a question the form lacks, or no answer of the scale */
        snprintf(codes[k], sizeof codes[k], "%d", (int)r->valuedouble);
        fill.codes[k] = codes[k];
    }
    fill.after = after->valuestring;
    fill.module = is_module ? module->valuestring : NULL;
    fill.note = note ? note->valuestring : NULL;
    fill.change = cJSON_IsTrue(change);
    snprintf(id, sizeof id, "%s-%08llu-feedback", tr_fhir_export_pseudonym(ex),
             (unsigned long long)seq);
    return tr_fhir_form_response(ex, f, id, ts, &fill, qr);
}
