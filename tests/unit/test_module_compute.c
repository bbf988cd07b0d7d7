/* Unit tests of computed fields: sleep efficiency across midnight, units of alcohol per row
 * and summed, nothing guessed when a value is missing, and display formatting. */
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

#define LOC "{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}"

/* A sleep diary and a drinking diary, written as a module author would. */
static const char *MODULE =
    "{\"format\":1,\"id\":\"calc\",\"version\":\"1.0\",\"title\":" LOC ",\"summary\":" LOC
    ",\"for\":" LOC ",\"focus\":[\"sleep\",\"alcohol\"],\"minutes\":10,\"review\":{\"status\":"
    "\"draft\"},\"steps\":["
    "{\"id\":\"read\",\"kind\":\"reading\",\"title\":" LOC ",\"text\":[" LOC "],"
    " \"example\":{\"person\":\"Per\",\"text\":[" LOC "]}},"
    "{\"id\":\"sleep\",\"kind\":\"worksheet\",\"per\":\"day\",\"title\":" LOC ","
    " \"pages\":[{\"id\":\"p\",\"fields\":["
    "  {\"id\":\"date\",\"type\":\"date\",\"label\":" LOC "},"
    "  {\"id\":\"bed\",\"type\":\"time\",\"label\":" LOC "},"
    "  {\"id\":\"rise\",\"type\":\"time\",\"label\":" LOC "},"
    "  {\"id\":\"latency\",\"type\":\"number\",\"min\":0,\"max\":600,\"label\":" LOC "},"
    "  {\"id\":\"awake\",\"type\":\"number\",\"min\":0,\"max\":600,\"label\":" LOC "},"
    "  {\"id\":\"in_bed\",\"type\":\"computed\",\"as\":\"minutes\",\"label\":" LOC ","
    "   \"expr\":{\"%\":[{\"+\":[{\"-\":[{\"var\":\"rise\"},{\"var\":\"bed\"}]},1440]},1440]}},"
    "  {\"id\":\"asleep\",\"type\":\"computed\",\"as\":\"minutes\",\"label\":" LOC ","
    "   \"expr\":{\"-\":[{\"-\":[{\"var\":\"in_bed\"},{\"var\":\"latency\"}]},"
    "    {\"var\":\"awake\"}]}},"
    "  {\"id\":\"efficiency\",\"type\":\"computed\",\"unit\":{\"nb\":\"%\",\"nn\":\"%\","
    "   \"en\":\"%\"},\"decimals\":1,\"label\":" LOC ","
    "   \"expr\":{\"/\":[{\"*\":[{\"var\":\"asleep\"},100]},{\"var\":\"in_bed\"}]}},"
    "  {\"id\":\"weekday\",\"type\":\"computed\",\"label\":" LOC ","
    "   \"expr\":{\"%\":[{\"+\":[{\"var\":\"date\"},3]},7]}}"
    " ]}]},"
    "{\"id\":\"drinks\",\"kind\":\"worksheet\",\"per\":\"day\",\"title\":" LOC ","
    " \"pages\":[{\"id\":\"p\",\"fields\":["
    "  {\"id\":\"rows\",\"type\":\"list\",\"label\":" LOC ",\"columns\":["
    "   {\"id\":\"cl\",\"type\":\"number\",\"min\":0,\"max\":500,\"label\":" LOC "},"
    "   {\"id\":\"abv\",\"type\":\"number\",\"min\":0,\"max\":100,\"label\":" LOC "},"
    "   {\"id\":\"count\",\"type\":\"number\",\"min\":0,\"max\":50,\"label\":" LOC "},"
    "   {\"id\":\"units\",\"type\":\"computed\",\"decimals\":1,\"label\":" LOC ","
    "    \"expr\":{\"/\":[{\"*\":[{\"var\":\"cl\"},10,{\"var\":\"abv\"},0.01,0.789,"
    "     {\"var\":\"count\"}]},12]}}]},"
    "  {\"id\":\"total\",\"type\":\"computed\",\"decimals\":1,\"sum\":\"rows.units\","
    "   \"label\":" LOC "}"
    " ]}]}]}";

static int setup(void **state)
{
    cJSON *json = cJSON_Parse(MODULE);
    tr_diags d = {0};
    tr_module *m = NULL;
    tr_status st = json ? tr_module_from_json(json, "calc.json", "calc", &m, &d) : TR_E_PARSE;
    for (size_t i = 0; i < d.count; i++) {
        char buf[600];
        tr_diag_format(&d.items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    tr_diags_free(&d);
    cJSON_Delete(json);
    *state = m;
    return st == TR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    tr_module_destroy(*state);
    return 0;
}

static cJSON *compute(tr_module *m, const char *step, const char *values)
{
    cJSON *v = cJSON_Parse(values);
    assert_non_null(v);
    tr_error err = {0};
    cJSON *out = tr_module_compute(tr_module_step_find(m, step), v, &err);
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

static void test_sleep_efficiency(void **state)
{
    tr_module *m = *state;
    cJSON *out = compute(m, "sleep",
                         "{\"date\":\"2026-11-26\",\"bed\":\"23:30\",\"rise\":\"07:15\","
                         "\"latency\":30,\"awake\":45}");
    assert_true(num(out, "in_bed") == 465);
    assert_true(num(out, "asleep") == 390);
    assert_true(fabs(num(out, "efficiency") - 390.0 * 100 / 465) < 1e-9);
    assert_true(num(out, "weekday") == 3); /* 2026-11-26 is a Thursday: (days + 3) % 7 */
    assert_string_equal(cJSON_GetObjectItem(out, "bed")->valuestring, "23:30"); /* kept */

    const tr_module_step *s = tr_module_step_find(m, "sleep");
    char buf[64];
    tr_module_format_number(tr_module_field_find(s, "efficiency"),
                            cJSON_GetObjectItem(out, "efficiency"), "nb", buf, sizeof buf);
    assert_string_equal(buf, "83,9 %");
    tr_module_format_number(tr_module_field_find(s, "in_bed"), cJSON_GetObjectItem(out, "in_bed"),
                            "nn", buf, sizeof buf);
    assert_string_equal(buf, "7 t 45 min");
    tr_module_format_number(tr_module_field_find(s, "asleep"), cJSON_GetObjectItem(out, "asleep"),
                            "en", buf, sizeof buf);
    assert_string_equal(buf, "6 h 30 min");
    cJSON_Delete(out);

    /* before midnight to after: same evening, no wrap */
    out = compute(m, "sleep", "{\"bed\":\"21:00\",\"rise\":\"23:00\",\"latency\":0,\"awake\":0}");
    assert_true(num(out, "in_bed") == 120);
    assert_true(num(out, "efficiency") == 100);
    cJSON_Delete(out);
}

static void test_nothing_guessed(void **state)
{
    tr_module *m = *state;
    /* latency missing: asleep and efficiency stay empty, in_bed is still known */
    cJSON *out = compute(m, "sleep", "{\"bed\":\"23:00\",\"rise\":\"07:00\",\"awake\":null}");
    assert_true(num(out, "in_bed") == 480);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "asleep")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "efficiency")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "weekday")));
    char buf[16];
    const tr_module_step *s = tr_module_step_find(m, "sleep");
    tr_module_format_number(tr_module_field_find(s, "efficiency"),
                            cJSON_GetObjectItem(out, "efficiency"), "en", buf, sizeof buf);
    assert_string_equal(buf, "\xe2\x80\x93");
    cJSON_Delete(out);

    /* in bed zero minutes: a division by zero is empty, not infinite */
    out = compute(m, "sleep", "{\"bed\":\"23:00\",\"rise\":\"23:00\",\"latency\":0,\"awake\":0}");
    assert_true(num(out, "in_bed") == 0);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "efficiency")));
    cJSON_Delete(out);

    /* a stale stored value for a computed field is replaced, never trusted */
    out = compute(m, "sleep", "{\"in_bed\":999}");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "in_bed")));
    cJSON_Delete(out);

    tr_error err = {0};
    assert_null(tr_module_compute(tr_module_step_find(m, "sleep"), NULL, &err));
    assert_int_equal(err.status, TR_E_INVALID);
}

static void test_units_of_alcohol(void **state)
{
    tr_module *m = *state;
    /* two 0.5 l beers at 4.7 %, one 12 cl glass of wine at 12.5 %, one row half filled */
    cJSON *out = compute(m, "drinks",
                         "{\"rows\":[{\"cl\":50,\"abv\":4.7,\"count\":2},"
                         "{\"cl\":12,\"abv\":12.5,\"count\":1},{\"cl\":4}]}");
    const cJSON *rows = cJSON_GetObjectItem(out, "rows");
    double beer = 50 * 10 * 4.7 * 0.01 * 0.789 * 2 / 12;
    double wine = 12 * 10 * 12.5 * 0.01 * 0.789 / 12;
    assert_true(fabs(num(cJSON_GetArrayItem(rows, 0), "units") - beer) < 1e-9);
    assert_true(fabs(num(cJSON_GetArrayItem(rows, 1), "units") - wine) < 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 2), "units")));
    assert_true(fabs(num(out, "total") - (beer + wine)) < 1e-9);
    char buf[32];
    const tr_module_step *s = tr_module_step_find(m, "drinks");
    tr_module_format_number(tr_module_field_find(s, "total"), cJSON_GetObjectItem(out, "total"),
                            "nb", buf, sizeof buf);
    assert_string_equal(buf, "4,1"); /* 3.09 + 0.99, with a decimal comma */
    cJSON_Delete(out);

    out = compute(m, "drinks", "{}");
    assert_true(num(out, "total") == 0); /* an empty diary sums to 0 */
    cJSON_Delete(out);
}

static void test_shipped_computed_fields(void **state)
{
    (void)state;
    /* the thought record's change in feeling, from the shipped file */
    const char *dir = getenv("TRINN_CONTENT");
    char path[1024];
    snprintf(path, sizeof path, "%s/modules/thought_record.json", dir);
    tr_module *m = NULL;
    assert_int_equal(tr_module_load(path, &m, NULL), TR_OK);
    cJSON *out = compute(m, "record", "{\"emotion_before\":80,\"emotion_after\":40}");
    assert_true(num(out, "change") == -40);
    cJSON_Delete(out);
    tr_module_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sleep_efficiency),
        cmocka_unit_test(test_nothing_guessed),
        cmocka_unit_test(test_units_of_alcohol),
        cmocka_unit_test(test_shipped_computed_fields),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
