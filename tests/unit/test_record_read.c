/* Unit tests of the typed record readers the home and the history use (tr_record_read.h):
 * an assessment and an assignment read back as written; absent fields and fields of the wrong
 * type read as absent; records of another type or not objects are refused with a message; long
 * lists are cut at their limit, never overrun. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_record_read.h"

static cJSON *parse(const char *json)
{
    cJSON *j = cJSON_Parse(json);
    assert_non_null(j);
    return j;
}

static void test_assessment(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *rec = parse(
        "{\"type\":\"assessment\",\"ts\":\"2026-11-26T23:54:59Z\",\"answers\":{},"
        "\"scores\":{\"phq9\":{\"total\":12,\"band\":\"moderate\",\"caseness\":true},"
        "\"gad7\":{\"total\":null,\"scorable\":false},\"odd\":5},"
        "\"risk\":\"none\",\"recommended\":\"guided\",\"alternatives\":[\"self\",7,\"group\"],"
        "\"reasons\":[],\"chosen\":\"self\",\"modules\":[\"worry\",\"sleep\"],\"ask\":[],"
        "\"content_version\":\"1\",\"preference\":\"kveldstid\"}");
    tr_assessment_view a;
    assert_int_equal(tr_assessment_read(rec, &a, &err), TR_OK);
    assert_string_equal(a.ts, "2026-11-26T23:54:59Z");
    assert_string_equal(a.chosen, "self");
    assert_string_equal(a.recommended, "guided");
    assert_string_equal(a.preference, "kveldstid");
    assert_false(tr_assessment_has_risk(&a));
    assert_int_equal(a.n_alternatives, 2); /* the number is skipped */
    assert_string_equal(a.alternatives[1], "group");
    assert_int_equal(a.n_modules, 2);
    assert_string_equal(a.modules[0], "worry");
    assert_int_equal(a.n_scores, 2); /* "odd" is not a score */
    assert_string_equal(a.scores[0].inst, "phq9");
    assert_true(a.scores[0].has_total);
    assert_true(a.scores[0].total == 12);
    assert_string_equal(a.scores[0].band, "moderate");
    assert_string_equal(a.scores[1].inst, "gad7");
    assert_false(a.scores[1].has_total);
    assert_null(a.scores[1].band);
    cJSON_Delete(rec);

    /* an old or damaged record: what is missing or of the wrong type reads as absent */
    rec = parse("{\"type\":\"assessment\",\"chosen\":5,\"risk\":\"acute\",\"scores\":[1],"
                "\"modules\":\"worry\"}");
    assert_int_equal(tr_assessment_read(rec, &a, &err), TR_OK);
    assert_null(a.ts);
    assert_null(a.chosen);
    assert_true(tr_assessment_has_risk(&a));
    assert_int_equal(a.n_scores, 0);
    assert_int_equal(a.n_modules, 0);
    cJSON_Delete(rec);
}

static void test_long_lists_cut(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *rec = parse("{\"type\":\"assessment\",\"scores\":{}}");
    cJSON *mods = cJSON_AddArrayToObject(rec, "modules");
    cJSON *scores = cJSON_GetObjectItem(rec, "scores");
    for (int i = 0; i < TR_RECORD_IDS_MAX + 10; i++)
        cJSON_AddItemToArray(mods, cJSON_CreateString("m"));
    for (int i = 0; i < TR_RECORD_SCORES_MAX + 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "i%d", i);
        cJSON_AddItemToObject(scores, id, parse("{\"total\":1}"));
    }
    tr_assessment_view a;
    assert_int_equal(tr_assessment_read(rec, &a, &err), TR_OK);
    assert_int_equal(a.n_modules, TR_RECORD_IDS_MAX);
    assert_int_equal(a.n_scores, TR_RECORD_SCORES_MAX);
    cJSON_Delete(rec);
}

static void test_assignment(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *rec = parse(
        "{\"type\":\"assignment\",\"ts\":\"x\",\"client\":\"c1\",\"seq\":2,\"expires\":\"y\","
        "\"payload\":{\"homework\":\"Gå en tur\",\"next_appointment\":\"2026-12-10T10:00:00Z\","
        "\"measures\":[{\"instrument\":\"phq9\",\"every\":\"weekly\"},{\"instrument\":\"gad7\"},"
        "\"odd\",{\"instrument\":\"gad7\",\"every\":\"monthly\"}],"
        "\"modules\":[\"worry\",null,\"sleep\"]}}");
    tr_assignment_view v;
    assert_int_equal(tr_assignment_read(rec, &v, &err), TR_OK);
    assert_string_equal(v.homework, "Gå en tur");
    assert_string_equal(v.next_appointment, "2026-12-10T10:00:00Z");
    assert_int_equal(v.n_measures, 2); /* only those naming both */
    assert_string_equal(v.measures[1].instrument, "gad7");
    assert_string_equal(v.measures[1].every, "monthly");
    assert_int_equal(v.n_modules, 2);
    assert_string_equal(v.modules[1], "sleep");
    cJSON_Delete(rec);

    rec = parse("{\"type\":\"assignment\",\"payload\":\"signed text\"}");
    assert_int_equal(tr_assignment_read(rec, &v, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "payload"));
    cJSON_Delete(rec);
}

static void test_refused(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_assessment_view a;
    tr_assignment_view v;
    cJSON *rec = parse("{\"type\":\"measure\",\"ts\":\"x\"}");
    assert_int_equal(tr_assessment_read(rec, &a, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"assessment\""));
    assert_int_equal(tr_assignment_read(rec, &v, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"assignment\""));
    cJSON_Delete(rec);
    rec = parse("[{\"type\":\"assessment\"}]");
    assert_int_equal(tr_assessment_read(rec, &a, &err), TR_E_INVALID);
    cJSON_Delete(rec);
    assert_int_equal(tr_assessment_read(NULL, &a, &err), TR_E_INVALID);
    assert_int_equal(tr_assignment_read(NULL, &v, &err), TR_E_INVALID);
    assert_int_equal(a.n_scores, 0);
}

static void test_any_of(void **state)
{
    (void)state;
    static const char *const own[] = {"assessment", "checkin"};
    cJSON *list = parse("[{\"type\":\"profile\"},{\"type\":\"settings\"},5]");
    assert_false(tr_records_any_of(list, own, 2));
    cJSON_AddItemToArray(list, parse("{\"type\":\"checkin\"}"));
    assert_true(tr_records_any_of(list, own, 2));
    assert_false(tr_records_any_of(list, own, 1));
    assert_false(tr_records_any_of(NULL, own, 2));
    cJSON_Delete(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assessment), cmocka_unit_test(test_long_lists_cut),
        cmocka_unit_test(test_assignment), cmocka_unit_test(test_refused),
        cmocka_unit_test(test_any_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
