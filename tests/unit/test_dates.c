/* One rule for dates and times of day (tp_clock_parse_date, tp_clock_parse_hhmm): every place
 * that reads one gives the same verdict. Before, four parsers had three rules: a module entry
 * took dates from 1900, a module's review date only from 2000, the front end's date field took
 * "2026-+1-05" and its time field " 9:05" (sscanf), which the engine then refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_module.h"

/* A module with a worksheet that has a date and a time field (from test_module_entry.c). */
static const char *MODULE =
    "{\"format\":1,\"id\":\"demo\",\"version\":\"1.0\","
    "\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"summary\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"for\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"focus\":[\"phobia\"],\"minutes\":10,"
    "\"steps\":["
    "{\"id\":\"read\",\"kind\":\"reading\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"text\":[{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}],"
    " \"example\":{\"person\":\"Ali\",\"text\":[{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}]}},"
    "{\"id\":\"ladder\",\"kind\":\"exercise\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"pages\":[{\"id\":\"p\",\"fields\":["
    "  {\"id\":\"goal\",\"type\":\"text\",\"required\":true,"
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"rungs\",\"type\":\"list\",\"max_rows\":3,"
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"columns\":["
    "   "
    "{\"id\":\"situation\",\"type\":\"text\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "   {\"id\":\"fear\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]}"
    " ]}]},"
    "{\"id\":\"tries\",\"kind\":\"worksheet\",\"per\":\"try\",\"label_field\":\"rung\","
    " \"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"pages\":[{\"id\":\"p\",\"show\":[\"ladder.goal\"],\"fields\":["
    "  {\"id\":\"rung\",\"type\":\"choice\",\"options_from\":\"ladder.rungs.situation\","
    "   \"required\":true,\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"date\",\"type\":\"date\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"at\",\"type\":\"time\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"before\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"after\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"minutes\",\"type\":\"number\",\"min\":0,\"max\":600,\"integer\":true,"
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"how\",\"type\":\"choice\",\"multiple\":true,"
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"options\":["
    "   {\"id\":\"alone\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "   {\"id\":\"helper\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]},"
    "  {\"id\":\"drop\",\"type\":\"computed\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "   \"expr\":{\"-\":[{\"var\":\"before\"},{\"var\":\"after\"}]}}"
    " ]}]},"
    "{\"id\":\"think\",\"kind\":\"reflection\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"questions\":[{\"id\":\"q1\",\"text\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]},"
    "{\"id\":\"check\",\"kind\":\"checklist\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"items\":[{\"id\":\"i1\",\"text\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]},"
    "{\"id\":\"home\",\"kind\":\"homework\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"tasks\":[{\"id\":\"t1\",\"text\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]}"
    "]}";

static const struct {
    const char *s;
    int ok;
} DATES[] = {
    {"2026-11-20", 1},  {"2024-02-29", 1}, {"2000-02-29", 1}, {"1900-01-01", 1}, {"1950-06-15", 1},
    {"1999-12-31", 1},  {"9999-12-31", 1}, {"1899-12-31", 0}, {"0000-01-01", 0}, {"1900-02-29", 0},
    {"2026-02-29", 0},  {"2026-13-01", 0}, {"2026-00-10", 0}, {"2026-04-31", 0}, {"2026-01-00", 0},
    {"2026-+1-05", 0},  {"2026- 1-05", 0}, {"+026-01-05", 0}, {"2026-1-05", 0},  {"2026-01-5", 0},
    {"2026-01-05 ", 0}, {"2026/01/05", 0}, {"26-01-05", 0},   {"", 0},
};

static const struct {
    const char *s;
    int ok;
} TIMES[] = {
    {"00:00", 1}, {"09:05", 1}, {"23:59", 1}, {"24:00", 0},  {"12:60", 0}, {" 9:05", 0},
    {"+9:05", 0}, {"9:05", 0},  {"09:5", 0},  {"09:05 ", 0}, {"0905", 0},  {"", 0},
};

static tr_module *load(const char *review_date, tr_diags *d)
{
    cJSON *json = cJSON_Parse(MODULE);
    assert_non_null(json);
    cJSON *review = cJSON_AddObjectToObject(json, "review");
    cJSON_AddStringToObject(review, "status", "reviewed");
    cJSON_AddStringToObject(review, "by", "Kari Lie, psykolog");
    cJSON_AddStringToObject(review, "date", review_date);
    cJSON_AddStringToObject(review, "version", "1.0");
    tr_module *m = NULL;
    tr_module_from_json(json, "demo.json", "demo", &m, d);
    cJSON_Delete(json);
    return m;
}

static int has_problem(const tr_diags *d, const char *path)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].path, path) == 0)
            return 1;
    return 0;
}

/* The one value of field `id` on the worksheet, checked by the engine as a save is. */
static int engine_accepts(const tr_module *m, const char *id, const char *value)
{
    const tr_module_step *step = tr_module_step_find(m, "tries");
    assert_non_null(step);
    cJSON *v = cJSON_CreateObject();
    cJSON_AddStringToObject(v, "rung", "Bus");
    cJSON_AddStringToObject(v, id, value);
    tr_error err = {0};
    int ok = tr_module_values_check(step, v, &err) == TR_OK;
    cJSON_Delete(v);
    return ok;
}

static void test_dates_one_rule(void **state)
{
    (void)state;
    tr_diags d = {0};
    tr_module *m = load("2026-11-20", &d);
    assert_non_null(m);
    assert_int_equal(d.count, 0);
    for (size_t i = 0; i < sizeof DATES / sizeof DATES[0]; i++) {
        const char *s = DATES[i].s;
        int64_t t = 0;
        int ok = DATES[i].ok;
        if ((tp_clock_parse_date(s, &t) == 0) != ok)
            fail_msg("tp_clock_parse_date(\"%s\") should %s it", s, ok ? "accept" : "refuse");
        if ((tp_clock_parse(s, &t) == 0) != ok)
            fail_msg("tp_clock_parse(\"%s\") should %s it", s, ok ? "accept" : "refuse");
        if (engine_accepts(m, "date", s) != ok)
            fail_msg("a module entry's date \"%s\" should be %s", s, ok ? "accepted" : "refused");
        tr_diags rd = {0};
        tr_module *r = load(s, &rd);
        if (has_problem(&rd, "$.review.date") == ok)
            fail_msg("a module's review date \"%s\" should be %s", s, ok ? "accepted" : "refused");
        tr_module_destroy(r);
        tr_diags_free(&rd);
    }
    tr_module_destroy(m);
    tr_diags_free(&d);
}

static void test_times_one_rule(void **state)
{
    (void)state;
    tr_diags d = {0};
    tr_module *m = load("2026-11-20", &d);
    assert_non_null(m);
    for (size_t i = 0; i < sizeof TIMES / sizeof TIMES[0]; i++) {
        const char *s = TIMES[i].s;
        int ok = TIMES[i].ok, min = -1;
        if ((tp_clock_parse_hhmm(s, &min) == 0) != ok)
            fail_msg("tp_clock_parse_hhmm(\"%s\") should %s it", s, ok ? "accept" : "refuse");
        if (engine_accepts(m, "at", s) != ok)
            fail_msg("a module entry's time \"%s\" should be %s", s, ok ? "accepted" : "refused");
    }
    tr_module_destroy(m);
    tr_diags_free(&d);
}

static void test_date_values(void **state)
{
    (void)state;
    int64_t t = 0;
    int min = 0;
    assert_int_equal(tp_clock_parse_date("1970-01-02", &t), 0);
    assert_int_equal(t, 86400);
    assert_int_equal(tp_clock_parse_date("1900-01-01", &t), 0);
    assert_int_equal(t, -2208988800LL);
    assert_int_equal(tp_clock_parse_date("2026-11-20", NULL), 0);
    assert_int_equal(tp_clock_parse_hhmm("23:59", &min), 0);
    assert_int_equal(min, 23 * 60 + 59);
    assert_int_equal(tp_clock_parse("2026-11-20T00:00:00Z", &t), 0);
    int64_t day = 0;
    assert_int_equal(tp_clock_parse_date("2026-11-20", &day), 0);
    assert_int_equal(t, day);
}

/* Days as people write them (issue 12 item 7): the Norwegian and English forms, the words
 * for today and yesterday from the catalogs, and a refusal for anything else. */
static const tp_date_words NB = {
    .today = "i dag|idag",
    .yesterday = "i går|igår",
    .months = {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "desember"},
};
static const tp_date_words EN = {
    .today = "today",
    .yesterday = "yesterday",
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
};

static void test_days_as_people_write_them(void **state)
{
    (void)state;
    int64_t today = 0, t = 0;
    assert_int_equal(tp_clock_parse_date("2026-12-05", &today), 0);
    today /= 86400;
    static const struct {
        const char *s, *want; /* want NULL: refused */
        const tp_date_words *w;
    } DAYS[] = {
        {"5.12.2026", "2026-12-05", &NB},
        {"05.12.2026", "2026-12-05", &NB},
        {"5.12.26", "2026-12-05", &NB},
        {"05.12", "2026-12-05", &NB},
        {"05.12.", "2026-12-05", &NB},
        {" 5.12 ", "2026-12-05", &NB},
        {"1.1", "2026-01-01", &NB},
        {"5/12/2026", "2026-12-05", &NB},
        {"2026-12-05", "2026-12-05", &NB},
        {"2026-12-05", "2026-12-05", NULL},
        {"5.12.2026", "2026-12-05", NULL},
        {"i dag", "2026-12-05", &NB},
        {"I  dag", "2026-12-05", &NB},
        {"idag", "2026-12-05", &NB},
        {"i går", "2026-12-04", &NB},
        {"5. desember 2026", "2026-12-05", &NB},
        {"5. Desember", "2026-12-05", &NB},
        {"5. des. 2026", "2026-12-05", &NB},
        {"5 des 2026", "2026-12-05", &NB},
        {"29. februar 2024", "2024-02-29", &NB},
        {"today", "2026-12-05", &EN},
        {"Yesterday", "2026-12-04", &EN},
        {"5 December 2026", "2026-12-05", &EN},
        {"5 dec", "2026-12-05", &EN},
        {"i dag", NULL, &EN},
        {"i dag", NULL, NULL},
        {"today", NULL, &NB},
        {"5 December 2026", NULL, &NB},
        {"5. de 2026", NULL, &NB},
        {"5. desemberr", NULL, &NB},
        {"32.12.2026", NULL, &NB},
        {"29.2.2026", NULL, &NB},
        {"31.4", NULL, &NB},
        {"5.13", NULL, &NB},
        {"0.12", NULL, &NB},
        {"5.12.202", NULL, &NB},
        {"5.12.20266", NULL, &NB},
        {"5.12/2026", NULL, &NB},
        {"5.12.1899", NULL, &NB},
        {"5", NULL, &NB},
        {"5.", NULL, &NB},
        {"123.4", NULL, &NB},
        {"neste fredag", NULL, &NB},
        {"5.12.2026x", NULL, &NB},
        {"", NULL, &NB},
        {"   ", NULL, &NB},
    };
    for (size_t i = 0; i < sizeof DAYS / sizeof DAYS[0]; i++) {
        int rc = tp_clock_parse_day(DAYS[i].s, DAYS[i].w, today, &t);
        if (!DAYS[i].want) {
            if (rc == 0)
                fail_msg("\"%s\" should be refused", DAYS[i].s);
            continue;
        }
        char got[16] = "";
        if (rc != 0 || tp_clock_format_date(t, got, sizeof got) != 0 ||
            strcmp(got, DAYS[i].want) != 0)
            fail_msg("\"%s\" should be %s, got %s (rc %d)", DAYS[i].s, DAYS[i].want, got, rc);
    }
    /* a long text is refused, not read in part */
    char long_text[300];
    memset(long_text, '1', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = 0;
    assert_int_not_equal(tp_clock_parse_day(long_text, &NB, today, &t), 0);
    assert_int_not_equal(tp_clock_parse_day(NULL, &NB, today, &t), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_one_rule),
        cmocka_unit_test(test_times_one_rule),
        cmocka_unit_test(test_date_values),
        cmocka_unit_test(test_days_as_people_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
