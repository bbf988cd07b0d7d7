/* Unit tests of what the screens now ask core for instead of reading JSON: a questionnaire's
 * answers changed and read by item and option (tr_answers.h), the profile's records list
 * (tr_records_list.h) and a record read from its text (tr_records_reader_add_text), feeding a
 * tracker from where it stopped (tr_track_feed_list), the variables a rule reads
 * (tr_logic_reads) and the side-effect check's date and note (tr_med_check_*). Bad input gives
 * a clear error, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_answers.h"
#include "tr_logic.h"
#include "tr_med.h"
#include "tr_record.h"
#include "tr_records_list.h"
#include "tr_records_read.h"

static const tr_option OPTS[] = {
    {.is_number = 1, .number = 0},
    {.is_number = 1, .number = 2},
    {.is_number = 0, .string = "often"},
};

static const tr_item ITEM = {.id = "q1", .options = OPTS, .n_options = 3};

static void test_answers_by_option(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *a = tr_answers_make();
    assert_non_null(a);
    assert_false(tr_answers_any(a));
    assert_false(tr_answers_has(a, "q1"));

    assert_int_equal(tr_answers_set_option(a, "q1", &OPTS[1], &err), TR_OK);
    assert_true(tr_answers_has(a, "q1"));
    assert_true(tr_answers_any(a));
    assert_true(tr_answers_holds(a, "q1", &OPTS[1]));
    assert_false(tr_answers_holds(a, "q1", &OPTS[0]));
    assert_false(tr_answers_holds(a, "q1", &OPTS[2]));
    /* stored as the option's value, which scoring reads */
    assert_int_equal(cJSON_GetObjectItem(a, "q1")->valueint, 2);

    assert_int_equal(tr_answers_set_option(a, "q2", &OPTS[2], &err), TR_OK);
    assert_true(tr_answers_holds(a, "q2", &OPTS[2]));
    assert_string_equal(cJSON_GetObjectItem(a, "q2")->valuestring, "often");

    /* «Next» again: the same answer, moved last as when it was first given */
    assert_int_equal(tr_answers_renew(a, "q1", &err), TR_OK);
    assert_string_equal(a->child->string, "q2");
    assert_true(tr_answers_holds(a, "q1", &OPTS[1]));
    assert_int_equal(tr_answers_renew(a, "none", &err), TR_OK);
    assert_false(tr_answers_has(a, "none"));

    /* skipping removes it */
    assert_int_equal(tr_answers_set_option(a, "q1", NULL, &err), TR_OK);
    assert_false(tr_answers_has(a, "q1"));
    tr_answers_remove(a, "q2");
    tr_answers_remove(a, "never");
    assert_false(tr_answers_any(a));
    tr_answers_free(a);
    tr_answers_free(NULL);
}

static void test_answers_several(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *a = tr_answers_make();
    assert_int_equal(tr_answers_set_chosen(a, &ITEM, (1u << 0) | (1u << 2), &err), TR_OK);
    assert_int_equal(tr_answers_chosen(a, &ITEM), (1u << 0) | (1u << 2));
    assert_true(tr_answers_holds(a, "q1", &OPTS[2]));
    assert_false(tr_answers_holds(a, "q1", &OPTS[1]));
    const cJSON *v = cJSON_GetObjectItem(a, "q1");
    assert_true(cJSON_IsArray(v));
    assert_int_equal(cJSON_GetArraySize(v), 2);
    /* bits past the options are ignored; none ticked is a skip */
    assert_int_equal(tr_answers_set_chosen(a, &ITEM, (uint64_t)1 << 40, &err), TR_OK);
    assert_false(tr_answers_has(a, "q1"));
    assert_int_equal(tr_answers_chosen(a, &ITEM), 0);
    /* a single answer has no ticked boxes */
    assert_int_equal(tr_answers_set_option(a, "q1", &OPTS[0], &err), TR_OK);
    assert_int_equal(tr_answers_chosen(a, &ITEM), 0);
    tr_answers_free(a);
}

static void test_answers_refused(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *a = tr_answers_make();
    cJSON *arr = cJSON_CreateArray();
    assert_int_equal(tr_answers_set_option(NULL, "q1", &OPTS[0], &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "no answers"));
    assert_int_equal(tr_answers_set_option(arr, "q1", &OPTS[0], &err), TR_E_INVALID);
    assert_int_equal(tr_answers_set_option(a, "", &OPTS[0], &err), TR_E_INVALID);
    assert_int_equal(tr_answers_set_option(a, NULL, &OPTS[0], &err), TR_E_INVALID);
    assert_int_equal(tr_answers_set_chosen(a, NULL, 1, &err), TR_E_INVALID);
    assert_int_equal(tr_answers_set(a, NULL, NULL, &err), TR_E_INVALID);
    assert_int_equal(tr_answers_renew(arr, "q1", &err), TR_E_INVALID);
    assert_false(tr_answers_has(arr, "q1"));
    assert_false(tr_answers_any(arr));
    assert_false(tr_answers_holds(NULL, "q1", &OPTS[0]));
    assert_false(tr_answers_holds(a, "q1", NULL));
    assert_int_equal(tr_answers_chosen(NULL, &ITEM), 0);
    assert_false(tr_answers_any(a));
    cJSON_Delete(arr);
    tr_answers_free(a);
}

static void test_answers_show_and_group(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *a = tr_answers_make();
    assert_int_equal(tr_answers_set_option(a, "q1", &OPTS[1], &err), TR_OK);
    cJSON *rule = cJSON_Parse("{\">\":[{\"var\":\"q1\"},0]}");
    assert_int_equal(tr_answers_show(rule, a, "risk", &err), 1);
    assert_int_equal(tr_answers_set_option(a, "q1", &OPTS[0], &err), TR_OK);
    assert_int_equal(tr_answers_show(rule, a, "risk", &err), 0);
    assert_int_equal(tr_answers_show(NULL, a, "risk", &err), 1);
    cJSON *bad = cJSON_Parse("{\"no_such_op\":[1]}");
    assert_int_equal(tr_answers_show(bad, a, "risk", &err), -1);
    assert_non_null(strstr(err.msg, "show_if of risk"));

    cJSON *g = tr_answers_make();
    assert_int_equal(tr_answers_group(g, "phq9", a, "q1", &err), TR_OK);
    assert_int_equal(tr_answers_group(g, "phq9", a, "unanswered", &err), TR_OK);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(g, "phq9")), 1);
    assert_int_equal(tr_answers_group(NULL, "phq9", a, "q1", &err), TR_E_INVALID);
    assert_int_equal(tr_answers_group(g, NULL, a, "q1", &err), TR_E_INVALID);
    cJSON_Delete(rule);
    cJSON_Delete(bad);
    tr_answers_free(g);
    tr_answers_free(a);
}

static void test_records_list(void **state)
{
    (void)state;
    tr_error err = {0};
    cJSON *list = tr_records_list_make();
    assert_int_equal(tr_records_list_count(list), 0);
    assert_null(tr_records_list_at(list, 0));
    assert_int_equal(
        tr_records_list_add(list, cJSON_Parse("{\"type\":\"checkin\",\"ts\":\"a\"}"), &err), TR_OK);
    assert_int_equal(
        tr_records_list_add(list, cJSON_Parse("{\"type\":\"measure\",\"ts\":\"b\"}"), &err), TR_OK);
    assert_int_equal(
        tr_records_list_add(list, cJSON_Parse("{\"type\":\"checkin\",\"ts\":\"c\"}"), &err), TR_OK);
    assert_int_equal(tr_records_list_count(list), 3);
    assert_string_equal(tr_records_type(tr_records_list_at(list, 1)), "measure");
    assert_null(tr_records_list_at(list, 3));
    const cJSON *newest = tr_records_newest(list, "checkin");
    assert_string_equal(cJSON_GetObjectItem(newest, "ts")->valuestring, "c");
    assert_null(tr_records_newest(list, "assessment"));
    assert_null(tr_records_newest(list, NULL));
    assert_string_equal(tr_records_type(NULL), "");

    /* newest first, each once, also after a record in the middle was dropped */
    const cJSON *r = tr_records_list_newest(list);
    assert_string_equal(cJSON_GetObjectItem(r, "ts")->valuestring, "c");
    r = tr_records_list_older(list, r);
    assert_string_equal(cJSON_GetObjectItem(r, "ts")->valuestring, "b");
    r = tr_records_list_older(list, r);
    assert_string_equal(cJSON_GetObjectItem(r, "ts")->valuestring, "a");
    assert_null(tr_records_list_older(list, r));
    assert_null(tr_records_list_newest(NULL));
    cJSON *copy = cJSON_Duplicate(list, 1);
    cJSON_DeleteItemFromArray(copy, 2);
    r = tr_records_list_newest(copy);
    assert_string_equal(cJSON_GetObjectItem(r, "ts")->valuestring, "b");
    cJSON_DeleteItemFromArray(copy, 0);
    r = tr_records_list_newest(copy);
    assert_string_equal(cJSON_GetObjectItem(r, "ts")->valuestring, "b");
    assert_null(tr_records_list_older(copy, r));
    tr_records_list_free(copy);
    cJSON *empty = tr_records_list_make();
    assert_null(tr_records_list_newest(empty));
    tr_records_list_free(empty);

    /* not a record, or no list: refused (the record is freed either way) */
    assert_int_equal(tr_records_list_add(list, cJSON_CreateString("x"), &err), TR_E_INVALID);
    assert_int_equal(tr_records_list_add(NULL, cJSON_CreateObject(), &err), TR_E_INVALID);
    assert_int_equal(tr_records_list_add(list, NULL, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "record"));
    assert_int_equal(tr_records_list_count(list), 3);
    assert_int_equal(tr_records_list_count(NULL), 0);
    assert_null(tr_records_list_at(NULL, 0));
    tr_records_list_free(list);
    tr_record_free(NULL);
}

static void test_record_from_text(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_records_reader rd;
    assert_int_equal(tr_records_reader_begin(&rd, &err), TR_OK);
    const char *good = "{\"type\":\"checkin\",\"ts\":\"2026-12-05T07:00:00Z\",\"mood\":5}";
    assert_int_equal(tr_records_reader_add_text(&rd, good, strlen(good), &err), TR_OK);
    static const char *const bad[] = {
        "",
        "not json",
        "[1,2]",
        "{\"ts\":\"2026-12-05T07:00:00Z\"}",            /* no type */
        "{\"type\":\"checkin\"}",                       /* no ts */
        "{\"type\":5,\"ts\":\"2026-12-05T07:00:00Z\"}", /* type not a string */
        "{\"type\":\"checkin\",\"ts\":[]}",             /* ts not a string */
        "{\"type\":\"checkin\",\"ts\":\"x\"",           /* cut off */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err = (tr_error){0};
        assert_int_equal(tr_records_reader_add_text(&rd, bad[i], strlen(bad[i]), &err), TR_E_PARSE);
        assert_non_null(strstr(err.msg, "\"type\""));
    }
    assert_int_equal(tr_records_reader_add_text(&rd, NULL, 0, &err), TR_E_PARSE);
    /* only the length given is read */
    assert_int_equal(tr_records_reader_add_text(&rd, good, 10, &err), TR_E_PARSE);
    cJSON *list = tr_records_reader_end(&rd, 1);
    assert_int_equal(tr_records_list_count(list), 1);
    tr_records_list_free(list);
}

static int named(void *user, const char *name)
{
    return strcmp(name, user) == 0;
}

static void test_logic_reads(void **state)
{
    (void)state;
    cJSON *r1 = cJSON_Parse("{\"and\":[{\">\":[{\"var\":\"phq9_9\"},0]},true]}");
    cJSON *r2 = cJSON_Parse("{\"==\":[{\"var\":[\"phq9_9\",0]},1]}");
    cJSON *r3 = cJSON_Parse("{\"==\":[{\"var\":\"gad7_1\"},1]}");
    assert_int_equal(tr_logic_reads(r1, named, "phq9_9"), 1);
    assert_int_equal(tr_logic_reads(r2, named, "phq9_9"), 1);
    assert_int_equal(tr_logic_reads(r3, named, "phq9_9"), 0);
    assert_int_equal(tr_logic_reads(NULL, named, "phq9_9"), 0);
    cJSON_Delete(r1);
    cJSON_Delete(r2);
    cJSON_Delete(r3);
}

static void test_med_check_fields(void **state)
{
    (void)state;
    cJSON *c = cJSON_Parse("{\"type\":\"side_effects\",\"ts\":\"2026-12-05T07:00:00Z\","
                           "\"ratings\":{},\"note\":\"svimmel\"}");
    assert_string_equal(tr_med_check_ts(c), "2026-12-05T07:00:00Z");
    assert_string_equal(tr_med_check_note(c), "svimmel");
    cJSON *w = cJSON_Parse("{\"type\":\"side_effects\",\"ts\":5,\"note\":[]}");
    assert_string_equal(tr_med_check_ts(w), "");
    assert_string_equal(tr_med_check_note(w), "");
    assert_string_equal(tr_med_check_note(NULL), "");
    cJSON_Delete(c);
    cJSON_Delete(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_by_option), cmocka_unit_test(test_answers_several),
        cmocka_unit_test(test_answers_refused),   cmocka_unit_test(test_answers_show_and_group),
        cmocka_unit_test(test_records_list),      cmocka_unit_test(test_record_from_text),
        cmocka_unit_test(test_logic_reads),       cmocka_unit_test(test_med_check_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
