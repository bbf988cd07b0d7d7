/* Unit tests of the shipped modules 6-11 as content: each loads, has a worked example and
 * ends with homework, and the computed fields of the sleep and drinking diaries give the
 * figures a practitioner would work out by hand (so an edited expression cannot drift). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_module.h"

static tr_module *load(const char *id)
{
    const char *dir = getenv("TRINN_CONTENT");
    char path[1024];
    tr_diags d = {0};
    tr_module *m = NULL;
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/modules/%s.json", dir, id);
    tr_status st = tr_module_load(path, &m, &d);
    for (size_t i = 0; i < d.count; i++) {
        char buf[600];
        tr_diag_format(&d.items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    tr_diags_free(&d);
    assert_int_equal(st, TR_OK);
    assert_non_null(m);
    return m;
}

static cJSON *compute(const tr_module *m, const char *step, const char *values)
{
    const tr_module_step *s = tr_module_step_find(m, step);
    cJSON *v = cJSON_Parse(values);
    tr_error err = {0};
    assert_non_null(s);
    assert_non_null(v);
    cJSON *out = tr_module_compute(s, v, &err);
    if (!out)
        fail_msg("%s", err.msg);
    cJSON_Delete(v);
    return out;
}

static double num(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v))
        fail_msg("%s is not a number", key);
    return v->valuedouble;
}

static void shown(const tr_module *m, const char *step, const char *field, const cJSON *values,
                  const char *lang, const char *want)
{
    const tr_module_field *f = tr_module_field_find(tr_module_step_find(m, step), field);
    char buf[64];
    assert_non_null(f);
    tr_module_format_number(f, cJSON_GetObjectItemCaseSensitive(values, field), lang, buf,
                            sizeof buf);
    assert_string_equal(buf, want);
}

static void test_modules_6_to_11_are_complete(void **state)
{
    (void)state;
    static const char *const ids[] = {"panic",       "sleep",   "problem_solving",
                                      "stress_work", "alcohol", "relapse_crisis_plan"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        tr_module *m = load(ids[i]);
        size_t examples = 0, entries = 0;
        for (size_t s = 0; s < m->step_count; s++) {
            examples += m->steps[s].example != NULL;
            entries += m->steps[s].kind != TR_STEP_READING;
        }
        assert_true(examples >= 1);
        assert_true(entries >= 3);
        assert_int_equal(m->steps[m->step_count - 1].kind, TR_STEP_HOMEWORK);
        tr_module_destroy(m);
    }
}

static void test_sleep_diary_night(void **state)
{
    (void)state;
    tr_module *m = load("sleep");
    /* in bed 23:30-07:15 = 465 min; awake 30 falling asleep + 20 in the night + 30 after
     * the last waking at 06:45 = 80; asleep 385; efficiency 385/465 = 82.8 % */
    cJSON *out = compute(m, "diary",
                         "{\"date\":\"2026-11-26\",\"bed\":\"23:30\",\"latency\":30,"
                         "\"wakings\":2,\"awake_min\":20,\"wake\":\"06:45\",\"rise\":\"07:15\"}");
    assert_true(num(out, "in_bed") == 465);
    assert_true(num(out, "asleep") == 385);
    assert_true(fabs(num(out, "efficiency") - 385.0 * 100 / 465) < 1e-9);
    shown(m, "diary", "in_bed", out, "nb", "7 t 45 min");
    shown(m, "diary", "asleep", out, "en", "6 h 25 min");
    shown(m, "diary", "efficiency", out, "nn", "83 %");
    cJSON_Delete(out);

    /* bed after midnight, slept through, up at once */
    out = compute(m, "diary",
                  "{\"bed\":\"00:30\",\"latency\":10,\"awake_min\":0,\"wake\":\"07:00\","
                  "\"rise\":\"07:00\"}");
    assert_true(num(out, "in_bed") == 390);
    assert_true(num(out, "asleep") == 380);
    cJSON_Delete(out);

    /* nothing is guessed: no night-time figure, no time asleep and no efficiency */
    out = compute(m, "diary",
                  "{\"bed\":\"23:00\",\"latency\":15,\"wake\":\"06:00\",\"rise\":\"06:30\"}");
    assert_true(num(out, "in_bed") == 450);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "asleep")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "efficiency")));
    shown(m, "diary", "efficiency", out, "nb", "–");
    cJSON_Delete(out);

    /* the last waking typed after the get-up time cannot give negative sleep */
    out = compute(m, "diary",
                  "{\"bed\":\"23:00\",\"latency\":0,\"awake_min\":0,\"wake\":\"07:00\","
                  "\"rise\":\"06:30\"}");
    assert_true(num(out, "asleep") == 0);
    cJSON_Delete(out);
    tr_module_destroy(m);
}

static void test_sleep_window_never_under_six_hours(void **state)
{
    (void)state;
    tr_module *m = load("sleep");
    cJSON *out = compute(m, "window_plan",
                         "{\"start\":\"2026-11-30\",\"avg_asleep\":5,\"rise\":\"06:45\","
                         "\"bedtime\":\"00:45\"}");
    assert_true(num(out, "suggested") == 360);
    assert_true(num(out, "window_len") == 360);
    shown(m, "window_plan", "suggested", out, "nb", "6 t 0 min");
    cJSON_Delete(out);
    out =
        compute(m, "window_plan", "{\"avg_asleep\":6.5,\"rise\":\"07:00\",\"bedtime\":\"00:15\"}");
    assert_true(num(out, "suggested") == 390);
    assert_true(num(out, "window_len") == 405);
    cJSON_Delete(out);
    tr_module_destroy(m);
}

static void test_drinking_diary_units(void **state)
{
    (void)state;
    tr_module *m = load("alcohol");
    /* Norway: one unit is 12 g of alcohol (density 0.789 g/ml). Two 33 cl 4.7 % beers are
     * 2 x 1.02 units, a 75 cl bottle of 12.5 % wine 6.16, one 4 cl of 40 % spirits 1.05. */
    cJSON *out = compute(m, "diary",
                         "{\"date\":\"2026-11-28\",\"drinks\":["
                         "{\"what\":\"pils\",\"count\":2,\"cl\":33,\"pct\":4.7},"
                         "{\"what\":\"rødvin\",\"count\":1,\"cl\":75,\"pct\":12.5},"
                         "{\"what\":\"akevitt\",\"count\":1,\"cl\":4,\"pct\":40}]}");
    const cJSON *rows = cJSON_GetObjectItem(out, "drinks");
    assert_int_equal(cJSON_GetArraySize(rows), 3);
    assert_true(fabs(num(cJSON_GetArrayItem(rows, 0), "units") - 2 * 33 * 4.7 * 0.789 / 120) <
                1e-9);
    assert_true(fabs(num(cJSON_GetArrayItem(rows, 1), "units") - 6.1640625) < 1e-9);
    assert_true(fabs(num(cJSON_GetArrayItem(rows, 2), "units") - 1.052) < 1e-9);
    double total = 2 * 33 * 4.7 * 0.789 / 120 + 6.1640625 + 1.052;
    assert_true(fabs(num(out, "total") - total) < 1e-9);
    shown(m, "diary", "total", out, "nn", "9,3 einingar");
    shown(m, "diary", "total", out, "en", "9.3 units");
    cJSON_Delete(out);

    /* an alcohol-free day sums to 0; a row without a strength is skipped, not guessed */
    out = compute(m, "diary", "{\"date\":\"2026-11-29\",\"drinks\":[]}");
    assert_true(num(out, "total") == 0);
    cJSON_Delete(out);
    out = compute(m, "diary",
                  "{\"drinks\":[{\"count\":1,\"cl\":50},{\"count\":1,\"cl\":33,\"pct\":4.7}]}");
    assert_true(cJSON_IsNull(
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(out, "drinks"), 0), "units")));
    assert_true(fabs(num(out, "total") - 33 * 4.7 * 0.789 / 120) < 1e-9);
    cJSON_Delete(out);
    tr_module_destroy(m);
}

static void test_crisis_plan_is_one_editable_plan(void **state)
{
    (void)state;
    tr_module *m = load("relapse_crisis_plan");
    const tr_module_step *s = tr_module_step_find(m, "crisis_plan");
    assert_non_null(s);
    assert_int_equal(s->kind, TR_STEP_EXERCISE); /* one plan, edited in place */
    assert_non_null(tr_module_field_find(s, "crisis_signs"));
    assert_non_null(tr_module_field_find(s, "self_help"));
    assert_non_null(tr_module_field_find(s, "helpers"));
    assert_non_null(tr_module_field_find(s, "rph_team"));
    tr_module_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modules_6_to_11_are_complete),
        cmocka_unit_test(test_sleep_diary_night),
        cmocka_unit_test(test_sleep_window_never_under_six_hours),
        cmocka_unit_test(test_drinking_diary_units),
        cmocka_unit_test(test_crisis_plan_is_one_editable_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
