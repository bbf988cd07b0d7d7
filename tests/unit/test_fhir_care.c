/* Unit tests of the FHIR export of the medication log, the side-effect check, the wish for help
 * without medication and the feedback (issue 17; core/tr_fhir_med.c, tr_fhir_feedback.c,
 * tr_fhir_form.c): records made by the app's own record writers (tr_med_*_record,
 * tr_feedback_record) become MedicationStatements, QuestionnaireResponses to our forms and an
 * Observation, none skipped; records that do not fit are skipped and counted; a team's export
 * keeps each client's medicines apart. Uses the shipped content pack (TRINN_CONTENT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_feedback.h"
#include "tr_fhir.h"
#include "tr_med.h"

typedef struct fx {
    tr_content *pack;
    tr_fhir_map *map;
    tr_med_content *med;
    tr_feedback_content *fb;
    tr_fhir_export *ex;
    uint64_t seq;
} fx;

static int setup(void **state)
{
    static fx f;
    tr_error err = {0};
    tr_diags diags = {0};
    const char *dir = getenv("TRINN_CONTENT");
    memset(&f, 0, sizeof f);
    assert_int_equal(
        tr_content_load(&(tr_content_desc){.dir = dir ? dir : "content"}, &f.pack, &diags, &err),
        TR_OK);
    assert_int_equal(tr_fhir_map_load(f.pack, &f.map, &err), TR_OK);
    assert_int_equal(tr_med_load(f.pack, &f.med, &diags, &err), TR_OK);
    assert_int_equal(tr_feedback_load(f.pack, &f.fb, &diags, &err), TR_OK);
    tr_diags_free(&diags);
    assert_int_equal(
        tr_fhir_export_make(&(tr_fhir_desc){.pack = f.pack, .map = f.map, .team = "RPH Nordby"},
                            &f.ex, &err),
        TR_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    tr_fhir_export_destroy(f->ex);
    tr_feedback_free(f->fb);
    tr_med_free(f->med);
    tr_fhir_map_free(f->map);
    tr_content_free(f->pack);
    return 0;
}

/* Feeds a record (consumed) as the next of the journal. */
static void feed(fx *f, cJSON *rec)
{
    tr_error err = {0};
    char *text;
    assert_non_null(rec);
    text = cJSON_PrintUnformatted(rec);
    assert_non_null(text);
    assert_int_equal(tr_fhir_export_feed(f->ex, ++f->seq, text, strlen(text), &err), TR_OK);
    cJSON_free(text);
    cJSON_Delete(rec);
}

static void feed_text(fx *f, const char *text)
{
    tr_error err = {0};
    assert_int_equal(tr_fhir_export_feed(f->ex, ++f->seq, text, strlen(text), &err), TR_OK);
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The resource of type whose id ends in suffix, or NULL. */
static const cJSON *find(const fx *f, const char *type, const char *suffix)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, tr_fhir_export_resources(f->ex, type))
    {
        const char *id = str(r, "id");
        size_t n = strlen(id), k = strlen(suffix);
        if (n >= k && strcmp(id + n - k, suffix) == 0)
            return r;
    }
    return NULL;
}

static size_t count(const fx *f, const char *type)
{
    const cJSON *a = tr_fhir_export_resources(f->ex, type);
    return a ? (size_t)cJSON_GetArraySize(a) : 0;
}

/* The linkIds of a response's items joined by ",", and its answer (as JSON) to one linkId. */
static void links(const cJSON *qr, char *buf, size_t size)
{
    const cJSON *it;
    buf[0] = '\0';
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(qr, "item"))
    {
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s%s", n ? "," : "", str(it, "linkId"));
    }
}

static const cJSON *answer_of(const cJSON *qr, const char *link)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(qr, "item"))
    {
        if (strcmp(str(it, "linkId"), link) == 0)
            return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "answer"), 0);
    }
    return NULL;
}

/* What the app writes (the medication screens, the side-effect check, the wish, the feedback
 * screen) is exported whole, none of it skipped. */
static void app_records_exported(void **state)
{
    fx *f = *state;
    tr_error err = {0};
    const char *effects[] = {"nausea", "dizzy"}, *ratings[] = {"bothersome", "none"};
    const char *items[] = {"heard", "approach"};
    const int answers[] = {3, 1};
    const cJSON *ms, *qr, *o, *notes, *a;
    char buf[512];

    feed(f, tr_med_add_record(&(tr_med_add){.ts = "2026-01-05T09:00:00Z",
                                            .med = "med1",
                                            .name = "Sertralin",
                                            .dose = "50 mg",
                                            .since = "mars 2025",
                                            .prescriber = "fastlegen"},
                              &err));
    feed(f,
         tr_med_add_record(
             &(tr_med_add){.ts = "2026-01-06T09:00:00Z", .med = "med2", .name = "Zopiklon"}, &err));
    feed(f, tr_med_change_record(&(tr_med_change){.ts = "2026-02-01T09:00:00Z",
                                                  .med = "med1",
                                                  .date = "1. februar",
                                                  .dose = "100 mg",
                                                  .note = "legen økte dosen"},
                                 &err));
    feed(f, tr_med_change_record(
                &(tr_med_change){.ts = "2026-02-10T09:00:00Z", .med = "med2", .stopped = 1}, &err));
    feed(f, tr_med_effects_record(f->med, "2026-02-11T09:00:00Z", effects, ratings, 2,
                                  "verst om morgenen", &err));
    feed(f, tr_med_wish_record(f->med, "2026-02-12T09:00:00Z", "without", &err));
    feed(f, tr_feedback_record(f->fb,
                               &(tr_feedback_input){.ts = "2026-02-13T09:00:00Z",
                                                    .after = TR_FEEDBACK_AFTER_CONTACT,
                                                    .items = items,
                                                    .answers = answers,
                                                    .n = 2,
                                                    .note = "fint",
                                                    .change_therapist = 1},
                               &err));
    feed(f, tr_feedback_record(f->fb,
                               &(tr_feedback_input){.ts = "2026-02-20T09:00:00Z",
                                                    .after = TR_FEEDBACK_AFTER_MODULE,
                                                    .module = "sleep",
                                                    .note = "nyttig"},
                               &err));
    assert_int_equal(tr_fhir_export_skipped(f->ex), 0);
    assert_int_equal(count(f, "MedicationStatement"), 2);
    assert_int_equal(count(f, "QuestionnaireResponse"), 3);
    assert_int_equal(count(f, "Observation"), 1);

    /* med1: active, the dose now, its words uncoded, since/prescriber/the change as notes */
    assert_non_null(ms = find(f, "MedicationStatement", "-med1"));
    assert_string_equal(str(ms, "status"), "active");
    assert_string_equal(
        str(cJSON_GetObjectItemCaseSensitive(ms, "medicationCodeableConcept"), "text"),
        "Sertralin");
    assert_null(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(ms, "medicationCodeableConcept"), "coding"));
    assert_string_equal(
        str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(ms, "dosage"), 0), "text"),
        "100 mg");
    assert_string_equal(str(ms, "dateAsserted"), "2026-01-05T09:00:00Z");
    notes = cJSON_GetObjectItemCaseSensitive(ms, "note");
    assert_int_equal(cJSON_GetArraySize(notes), 3);
    assert_non_null(strstr(str(cJSON_GetArrayItem(notes, 0), "text"), "mars 2025"));
    assert_non_null(strstr(str(cJSON_GetArrayItem(notes, 1), "text"), "fastlegen"));
    assert_non_null(strstr(str(cJSON_GetArrayItem(notes, 2), "text"), "1. februar"));
    assert_non_null(strstr(str(cJSON_GetArrayItem(notes, 2), "text"), "100 mg"));
    assert_non_null(strstr(str(cJSON_GetArrayItem(notes, 2), "text"), "legen økte dosen"));
    assert_string_equal(str(cJSON_GetArrayItem(notes, 2), "time"), "2026-02-01T09:00:00Z");
    assert_non_null(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(ms, "informationSource"), "identifier"));
    /* med2: stopped, no dose given, no time guessed but the day it was written down */
    assert_non_null(ms = find(f, "MedicationStatement", "-med2"));
    assert_string_equal(str(ms, "status"), "stopped");
    assert_null(cJSON_GetObjectItemCaseSensitive(ms, "dosage"));
    assert_non_null(
        strstr(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(ms, "note"), 0), "text"),
               "2026-02-10"));

    /* the side-effect check: only the answered items, in the Questionnaire's order */
    assert_non_null(qr = find(f, "QuestionnaireResponse", "-side-effects"));
    assert_string_equal(str(qr, "questionnaire"), "urn:trinn:fhir:Questionnaire:side-effects|1.0");
    links(qr, buf, sizeof buf);
    assert_string_equal(buf, "nausea,dizzy,note");
    a = answer_of(qr, "nausea");
    assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(a, "valueCoding"), "code"),
                        "bothersome");
    assert_string_equal(str(answer_of(qr, "note"), "valueString"), "verst om morgenen");

    /* the wish */
    assert_non_null(o = find(f, "Observation", "-wish"));
    a = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(o, "valueCodeableConcept"), "coding"),
        0);
    assert_string_equal(str(a, "system"), "urn:trinn:fhir:CodeSystem:medication-wish");
    assert_string_equal(str(a, "code"), "without");

    /* the feedback after a contact, with the wish to change therapist */
    assert_non_null(qr = find(f, "QuestionnaireResponse", "00000007-feedback"));
    links(qr, buf, sizeof buf);
    assert_string_equal(buf, "after,heard,approach,note,change_therapist");
    assert_string_equal(
        str(cJSON_GetObjectItemCaseSensitive(answer_of(qr, "heard"), "valueCoding"), "code"), "3");
    assert_true(cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(answer_of(qr, "change_therapist"), "valueBoolean")));
    /* after a module: the module named, no answers but the note */
    assert_non_null(qr = find(f, "QuestionnaireResponse", "00000008-feedback"));
    links(qr, buf, sizeof buf);
    assert_string_equal(buf, "after,module,note");
    assert_string_equal(str(answer_of(qr, "module"), "valueString"), "sleep");

    /* the files: MedicationStatement.ndjson, and the Bundle holds every resource */
    {
        size_t len = 0;
        char *nd = tr_fhir_export_ndjson(f->ex, "MedicationStatement", &len);
        cJSON *b = tr_fhir_export_bundle(f->ex);
        assert_non_null(nd);
        assert_non_null(strstr(nd, "\"resourceType\":\"MedicationStatement\""));
        free(nd);
        assert_non_null(b);
        /* 2 medicines, 3 responses, 1 observation, the team */
        assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(b, "entry")), 7);
        cJSON_Delete(b);
    }
}

/* Records that do not fit are skipped and counted, and make nothing. */
static void misfits_skipped(void **state)
{
    fx *f = *state;
    static const char *const bad[] = {
        /* a change to a medicine never added */
        "{\"type\":\"medication\",\"ts\":\"2026-01-02T09:00:00Z\",\"med\":\"med7\",\"op\":"
        "\"change\",\"stopped\":true}",
        /* an id that is no medicine id */
        "{\"type\":\"medication\",\"ts\":\"2026-01-02T09:00:00Z\",\"med\":\"Med 1\",\"op\":"
        "\"add\",\"name\":\"X\"}",
        /* no name */
        "{\"type\":\"medication\",\"ts\":\"2026-01-02T09:00:00Z\",\"med\":\"med3\",\"op\":\"add\"}",
        /* a change that says nothing */
        "{\"type\":\"medication\",\"ts\":\"2026-01-03T09:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"change\",\"stopped\":false}",
        /* added twice */
        "{\"type\":\"medication\",\"ts\":\"2026-01-03T09:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"add\",\"name\":\"Twice\"}",
        /* an effect the check does not have, a rating it does not have, no rating */
        "{\"type\":\"side_effects\",\"ts\":\"2026-01-04T09:00:00Z\",\"ratings\":{\"hiccups\":"
        "\"mild\"}}",
        "{\"type\":\"side_effects\",\"ts\":\"2026-01-04T09:00:00Z\",\"ratings\":{\"nausea\":"
        "\"awful\"}}",
        "{\"type\":\"side_effects\",\"ts\":\"2026-01-04T09:00:00Z\",\"ratings\":{}}",
        /* a wish that is none */
        "{\"type\":\"medication_wish\",\"ts\":\"2026-01-05T09:00:00Z\",\"wish\":\"maybe\"}",
        /* an answer off the scale, a question the feedback lacks, a module after a contact, a
         * feedback that says nothing */
        "{\"type\":\"feedback\",\"ts\":\"2026-01-06T09:00:00Z\",\"after\":\"contact\","
        "\"ratings\":{\"heard\":9}}",
        "{\"type\":\"feedback\",\"ts\":\"2026-01-06T09:00:00Z\",\"after\":\"contact\","
        "\"ratings\":{\"liked\":2}}",
        "{\"type\":\"feedback\",\"ts\":\"2026-01-06T09:00:00Z\",\"after\":\"contact\","
        "\"module\":\"sleep\",\"ratings\":{\"heard\":2}}",
        "{\"type\":\"feedback\",\"ts\":\"2026-01-06T09:00:00Z\",\"after\":\"contact\","
        "\"ratings\":{}}",
    };
    feed_text(f, "{\"type\":\"medication\",\"ts\":\"2026-01-01T09:00:00Z\",\"med\":\"med1\","
                 "\"op\":\"add\",\"name\":\"Sertralin\"}");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        feed_text(f, bad[i]);
        assert_int_equal(tr_fhir_export_skipped(f->ex), i + 1);
    }
    assert_int_equal(count(f, "MedicationStatement"), 1);
    assert_string_equal(str(find(f, "MedicationStatement", "-med1"), "status"), "active");
    assert_null(cJSON_GetObjectItemCaseSensitive(find(f, "MedicationStatement", "-med1"), "note"));
    assert_int_equal(count(f, "QuestionnaireResponse"), 0);
    assert_int_equal(count(f, "Observation"), 0);
}

/* A team's export: each client's medicines under its own pseudonym, a change reaching only its
 * own client's medicine. */
static void team_clients_apart(void **state)
{
    fx *f = *state;
    const char *add = "{\"type\":\"medication\",\"ts\":\"2026-01-01T09:00:00Z\",\"med\":\"med1\","
                      "\"op\":\"add\",\"name\":\"Sertralin\"}";
    char a_id[96];
    tr_fhir_export_next_client(f->ex, "team/a");
    feed_text(f, add);
    snprintf(a_id, sizeof a_id, "%s-med1", tr_fhir_export_pseudonym(f->ex));
    tr_fhir_export_next_client(f->ex, "team/b");
    f->seq = 0;
    feed_text(f, add);
    feed_text(f, "{\"type\":\"medication\",\"ts\":\"2026-01-05T09:00:00Z\",\"med\":\"med1\","
                 "\"op\":\"change\",\"stopped\":true}");
    assert_int_equal(tr_fhir_export_skipped(f->ex), 0);
    assert_int_equal(count(f, "MedicationStatement"), 2);
    const cJSON *a = cJSON_GetArrayItem(tr_fhir_export_resources(f->ex, "MedicationStatement"), 0);
    const cJSON *b = cJSON_GetArrayItem(tr_fhir_export_resources(f->ex, "MedicationStatement"), 1);
    assert_string_equal(str(a, "id"), a_id);
    assert_string_not_equal(str(a, "id"), str(b, "id"));
    assert_string_equal(str(a, "status"), "active");
    assert_string_equal(str(b, "status"), "stopped");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(app_records_exported, setup, teardown),
        cmocka_unit_test_setup_teardown(misfits_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(team_clients_apart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
