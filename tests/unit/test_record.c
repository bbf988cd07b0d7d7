/* The records the app writes, made in core (tr_record.h): the assessment record's fields
 * exactly as core/RECORDS.md lists them (nulls where a score has no value, the preference only
 * when there is one, the answers copied), the check-in with its fields in order; and what each
 * refuses (a missing time or level, a preference over 200 bytes, a repeated or reserved field
 * id, a number that is not finite). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tr_content.h"
#include "tr_record.h"

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_assessment(void **state)
{
    (void)state;
    tr_level low = {.id = "guided_self_help"}, self = {.id = "self_help"},
             course = {.id = "course"};
    tr_inst phq = {.id = "phq9"}, gad = {.id = "gad7"};
    tr_band mild = {.id = "mild"};
    tr_triage_result tri = {.risk = TR_RISK_NONE,
                            .level = &low,
                            .alternatives = {&self, &course},
                            .n_alternatives = 2,
                            .n_reasons = 1,
                            .modules = {"behavioural_activation"},
                            .n_modules = 1,
                            .ask = {"suicide_risk"},
                            .n_ask = 1,
                            .referral = "gp_specialist"};
    tri.reasons[0].id = "phq9_mild";
    tr_score scores[2] = {{.scorable = 1, .total = 7, .band = &mild, .caseness = 0},
                          {.scorable = 0, .caseness = -1}};
    scores[0].flags[0] = "phq9_9";
    scores[0].n_flags = 1;
    const tr_inst *insts[2] = {&phq, &gad};
    cJSON *answers =
        cJSON_Parse("{\"phq9\":{\"phq9_1\":1,\"phq9_9\":1},\"intake\":{\"age\":\"30\"}}");
    tr_record_assessment a = {.ts = "2026-12-05T07:00:00Z",
                              .answers = answers,
                              .insts = insts,
                              .scores = scores,
                              .n_scores = 2,
                              .triage = &tri,
                              .chosen = "course",
                              .content_version = "1.0.0"};
    tr_error err = {0};
    cJSON *rec = tr_record_assessment_make(&a, &err);
    assert_non_null(rec);
    assert_string_equal(str(rec, "type"), "assessment");
    assert_string_equal(str(rec, "ts"), "2026-12-05T07:00:00Z");
    assert_true(cJSON_Compare(cJSON_GetObjectItem(rec, "answers"), answers, 1));
    assert_ptr_not_equal(cJSON_GetObjectItem(rec, "answers"), answers); /* a copy */
    const cJSON *sc = cJSON_GetObjectItem(rec, "scores");
    const cJSON *p = cJSON_GetObjectItem(sc, "phq9"), *g = cJSON_GetObjectItem(sc, "gad7");
    assert_int_equal(cJSON_GetObjectItem(p, "total")->valueint, 7);
    assert_string_equal(str(p, "band"), "mild");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(p, "caseness")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(p, "scorable")));
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(p, "flags"), 0)->valuestring,
                        "phq9_9");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "total")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "band")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "caseness")));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(g, "scorable")));
    assert_string_equal(str(rec, "risk"), "none");
    assert_string_equal(str(rec, "recommended"), "guided_self_help");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(rec, "alternatives")), 2);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(rec, "reasons"), 0)->valuestring,
                        "phq9_mild");
    assert_string_equal(str(rec, "chosen"), "course");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(rec, "modules"), 0)->valuestring,
                        "behavioural_activation");
    assert_string_equal(str(rec, "content_version"), "1.0.0");
    /* what the team is asked to assess and the referral travel with the record (issue 11) */
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(rec, "ask"), 0)->valuestring,
                        "suicide_risk");
    assert_string_equal(str(rec, "referral"), "gp_specialist");
    assert_null(cJSON_GetObjectItem(rec, "preference")); /* absent when nothing was written */
    cJSON_Delete(rec);

    char long_pref[TR_RECORD_PREFERENCE_MAX + 2];
    memset(long_pref, 'a', sizeof long_pref - 1);
    long_pref[sizeof long_pref - 1] = 0;
    a.preference = long_pref + 1; /* exactly 200 bytes */
    rec = tr_record_assessment_make(&a, &err);
    assert_int_equal(strlen(str(rec, "preference")), TR_RECORD_PREFERENCE_MAX);
    cJSON_Delete(rec);
    a.preference = long_pref;
    assert_null(tr_record_assessment_make(&a, &err));
    assert_int_equal(err.status, TR_E_INVALID);
    a.preference = NULL;
    a.chosen = "";
    assert_null(tr_record_assessment_make(&a, &err));
    a.chosen = "course";
    a.ts = NULL;
    assert_null(tr_record_assessment_make(&a, &err));
    a.ts = "2026-12-05T07:00:00Z";
    tri.level = NULL;
    assert_null(tr_record_assessment_make(&a, &err));
    assert_int_equal(err.status, TR_E_INVALID);
    cJSON_Delete(answers);
}

static void test_checkin(void **state)
{
    (void)state;
    tr_record_value v[] = {{.id = "mood", .number = 6},
                           {.id = "sleep_hours", .number = 7.5},
                           {.id = "note", .text = "Gikk en tur"}};
    tr_error err = {0};
    cJSON *rec = tr_record_checkin_make(
        &(tr_record_checkin){.ts = "2026-12-05T07:00:00Z", .values = v, .n = 3}, &err);
    assert_non_null(rec);
    char *text = cJSON_PrintUnformatted(rec);
    assert_string_equal(text, "{\"type\":\"checkin\",\"ts\":\"2026-12-05T07:00:00Z\",\"mood\":6,"
                              "\"sleep_hours\":7.5,\"note\":\"Gikk en tur\"}");
    cJSON_free(text);
    cJSON_Delete(rec);
    tr_record_value bad[][2] = {{{.id = "mood", .number = 1}, {.id = "mood", .number = 2}},
                                {{.id = "ts", .number = 1}, {.id = "x", .number = 2}},
                                {{.id = "", .number = 1}, {.id = "x", .number = 2}},
                                {{.id = "mood", .number = NAN}, {.id = "x", .number = 2}}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(tr_record_checkin_make(
            &(tr_record_checkin){.ts = "2026-12-05T07:00:00Z", .values = bad[i], .n = 2}, &err));
        assert_int_equal(err.status, TR_E_INVALID);
    }
    assert_null(tr_record_checkin_make(&(tr_record_checkin){.values = v, .n = 1}, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assessment),
        cmocka_unit_test(test_checkin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
