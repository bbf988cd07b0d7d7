/* Unit tests of the module engine over journal records: progress and where to resume,
 * entries saved, edited and deleted (newest wins), value checks, and field refs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_module.h"

/* A small module with every step kind, a cross-step ref and options from a list. */
static const char *MODULE =
    "{\"format\":1,\"id\":\"demo\",\"version\":\"1.0\","
    "\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"summary\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"for\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"focus\":[\"phobia\"],\"minutes\":10,"
    "\"review\":{\"status\":\"draft\"},"
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

static int setup(void **state)
{
    cJSON *json = cJSON_Parse(MODULE);
    if (!json)
        return -1;
    tr_diags d = {0};
    tr_module *m = NULL;
    tr_status st = tr_module_from_json(json, "demo.json", "demo", &m, &d);
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

static void append(cJSON *records, cJSON *rec)
{
    assert_non_null(rec);
    cJSON_AddItemToArray(records, rec);
}

static cJSON *vals(const char *json)
{
    cJSON *v = cJSON_Parse(json);
    assert_non_null(v);
    return v;
}

static void test_progress(void **state)
{
    tr_module *m = *state;
    cJSON *recs = cJSON_CreateArray();
    tr_module_progress p;
    tr_error err = {0};

    assert_int_equal(tr_module_progress_of(m, recs, &p, &err), TR_OK);
    assert_int_equal(p.resume, 0);
    assert_int_equal(p.last, -1);
    assert_int_equal(p.done_count, 0);

    append(recs, tr_module_progress_record(m, "read", false, "2026-11-01T10:00:00Z", &err));
    append(recs, tr_module_progress_record(m, "read", true, "2026-11-01T10:05:00Z", &err));
    append(recs, tr_module_progress_record(m, "tries", false, "2026-11-01T10:06:00Z", &err));
    /* other modules, other types and unknown steps do not count */
    append(recs, vals("{\"type\":\"module_progress\",\"ts\":\"x\",\"module\":\"other\","
                      "\"step\":\"ladder\",\"status\":\"done\"}"));
    append(recs, vals("{\"type\":\"module_progress\",\"ts\":\"x\",\"module\":\"demo\","
                      "\"step\":\"gone\",\"status\":\"done\"}"));
    append(recs, vals("{\"type\":\"checkin\",\"ts\":\"x\",\"mood\":5}"));
    assert_int_equal(tr_module_progress_of(m, recs, &p, &err), TR_OK);
    assert_int_equal(p.state[0], TR_STEP_DONE);
    assert_int_equal(p.state[1], TR_STEP_NEW);
    assert_int_equal(p.state[2], TR_STEP_STARTED);
    assert_int_equal(p.done_count, 1);
    assert_int_equal(p.resume, 2); /* opened last, not done: resume there */
    assert_int_equal(p.last, 2);
    assert_string_equal(p.last_ts, "2026-11-01T10:06:00Z");

    append(recs, tr_module_progress_record(m, "tries", true, "2026-11-01T10:30:00Z", &err));
    assert_int_equal(tr_module_progress_of(m, recs, &p, &err), TR_OK);
    assert_int_equal(p.resume, 1); /* then the first step not done */

    /* reopening a done step keeps it done */
    append(recs, tr_module_progress_record(m, "read", false, "2026-11-02T09:00:00Z", &err));
    const char *all[] = {"ladder", "think", "check", "home"};
    for (size_t i = 0; i < 4; i++)
        append(recs, tr_module_progress_record(m, all[i], true, "2026-11-02T10:00:00Z", &err));
    assert_int_equal(tr_module_progress_of(m, recs, &p, &err), TR_OK);
    assert_int_equal(p.state[0], TR_STEP_DONE);
    assert_int_equal(p.done_count, 6);
    assert_int_equal(p.resume, -1);

    assert_null(tr_module_progress_record(m, "nope", true, "t", &err));
    assert_int_equal(err.status, TR_E_NOTFOUND);
    assert_int_equal(tr_module_progress_of(m, NULL, &p, &err), TR_E_INVALID);
    cJSON_Delete(recs);
}

static void test_entries_newest_wins(void **state)
{
    tr_module *m = *state;
    tr_error err = {0};
    cJSON *recs = cJSON_CreateArray();
    cJSON *v1 = vals("{\"rung\":\"Bus\",\"before\":70}");
    cJSON *v2 = vals("{\"rung\":\"Bus\",\"before\":70,\"after\":30}");
    cJSON *v3 = vals("{\"rung\":\"Shop\",\"before\":50}");
    append(recs, tr_module_entry_record(m, "tries", "e1", v1, "2026-11-01T10:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "tries", "e2", v3, "2026-11-01T11:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "tries", "e1", v2, "2026-11-01T12:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "tries", "e3", v3, "2026-11-01T13:00:00Z", &err));
    append(recs, tr_module_delete_record(m, "tries", "e2", "2026-11-01T14:00:00Z", &err));
    append(recs, tr_module_delete_record(m, "tries", "never", "2026-11-01T14:00:00Z", &err));
    /* malformed records are skipped, not trusted */
    append(recs, vals("{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"demo\","
                      "\"step\":\"tries\",\"entry\":\"e9\",\"op\":\"save\",\"values\":3}"));
    append(recs, vals("{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"demo\","
                      "\"step\":\"tries\",\"entry\":\"e9\",\"op\":\"burn\",\"values\":{}}"));

    tr_module_entries e = {0};
    assert_int_equal(tr_module_entries_of(m, "tries", recs, &e, &err), TR_OK);
    assert_int_equal(e.count, 2);
    assert_string_equal(e.items[0].id, "e1");
    assert_string_equal(e.items[0].created, "2026-11-01T10:00:00Z");
    assert_string_equal(e.items[0].updated, "2026-11-01T12:00:00Z");
    assert_int_equal(cJSON_GetObjectItem(e.items[0].values, "after")->valueint, 30);
    assert_string_equal(e.items[1].id, "e3");
    tr_module_entries_free(&e);

    /* a deleted entry saved again comes back */
    append(recs, tr_module_entry_record(m, "tries", "e2", v1, "2026-11-01T15:00:00Z", &err));
    assert_int_equal(tr_module_entries_of(m, "tries", recs, &e, &err), TR_OK);
    assert_int_equal(e.count, 3);
    tr_module_entries_free(&e);

    assert_int_equal(tr_module_entries_of(m, "ladder", recs, &e, &err), TR_OK);
    assert_int_equal(e.count, 0);
    assert_null(e.items);
    assert_int_equal(tr_module_entries_of(m, "nope", recs, &e, &err), TR_E_NOTFOUND);
    cJSON_Delete(v1);
    cJSON_Delete(v2);
    cJSON_Delete(v3);
    cJSON_Delete(recs);
}

/* Expects values to be refused for step with a message containing part. */
static void refused(tr_module *m, const char *step, const char *json, const char *part)
{
    tr_error err = {0};
    cJSON *v = vals(json);
    cJSON *r = tr_module_entry_record(m, step, "e", v, "2026-11-01T10:00:00Z", &err);
    if (r || !strstr(err.msg, part))
        fail_msg("%s %s: expected refusal with \"%s\", got \"%s\"", step, json, part, err.msg);
    assert_int_equal(err.status, TR_E_INVALID);
    cJSON_Delete(v);
}

static void test_values_checked(void **state)
{
    tr_module *m = *state;
    refused(m, "tries", "{\"before\":101}", "outside 0-100");
    refused(m, "tries", "{\"before\":50.5}", "whole number");
    refused(m, "tries", "{\"before\":\"high\"}", "must be a number");
    refused(m, "tries", "{\"at\":\"24:00\"}", "HH:MM");
    refused(m, "tries", "{\"at\":\"7:30\"}", "HH:MM");
    refused(m, "tries", "{\"date\":\"2026-02-29\"}", "YYYY-MM-DD");
    refused(m, "tries", "{\"date\":\"2026-13-01\"}", "YYYY-MM-DD");
    refused(m, "tries", "{\"minutes\":-1}", "outside");
    refused(m, "tries", "{\"how\":[\"alone\",\"alone\"]}", "twice");
    refused(m, "tries", "{\"how\":\"alone\"}", "list of option ids");
    refused(m, "tries", "{\"how\":[\"bus\"]}", "not one of the options");
    refused(m, "tries", "{\"mood\":3}", "no such field");
    refused(m, "tries", "{\"rung\":\"\"}", "not one of the options");
    refused(m, "ladder", "{\"rungs\":[{},{},{},{}]}", "at most 3");
    refused(m, "ladder", "{\"rungs\":[{\"fear\":500}]}", "rungs[0].fear");
    refused(m, "ladder", "{\"rungs\":[{\"smell\":5}]}", "no such column");
    refused(m, "ladder", "{\"rungs\":[3]}", "must be an object");
    refused(m, "think", "{\"q1\":7}", "must be text");
    refused(m, "think", "{\"q2\":\"x\"}", "no such question");
    refused(m, "check", "{\"i1\":\"yes\"}", "true or false");
    refused(m, "home", "{\"i1\":true}", "no such item");
    refused(m, "read", "{}", "takes no entries");

    tr_error err = {0};
    cJSON *v = vals("{\"rung\":\"Bus\",\"date\":\"2024-02-29\",\"at\":\"23:59\",\"before\":0,"
                    "\"after\":null,\"drop\":99,\"how\":[\"alone\",\"helper\"]}");
    cJSON *r = tr_module_entry_record(m, "tries", "e1", v, "2026-11-01T10:00:00Z", &err);
    assert_non_null(r);
    assert_string_equal(cJSON_GetObjectItem(r, "type")->valuestring, "module_entry");
    assert_string_equal(cJSON_GetObjectItem(r, "op")->valuestring, "save");
    cJSON *stored = cJSON_GetObjectItem(r, "values");
    assert_null(cJSON_GetObjectItem(stored, "drop")); /* computed values are never stored */
    assert_non_null(cJSON_GetObjectItem(stored, "before"));
    assert_null(tr_module_entry_record(m, "tries", "", v, "t", &err));
    assert_null(tr_module_entry_record(m, "tries", "e1", v, NULL, &err));
    cJSON_Delete(r);
    cJSON_Delete(v);
}

static void test_complete(void **state)
{
    tr_module *m = *state;
    const tr_module_step *ladder = tr_module_step_find(m, "ladder");
    const tr_module_step *think = tr_module_step_find(m, "think");
    cJSON *v = vals("{\"goal\":\"  \"}");
    assert_false(tr_module_values_complete(ladder, v));
    cJSON_Delete(v);
    v = vals("{\"goal\":\"Take the bus to work\"}");
    assert_true(tr_module_values_complete(ladder, v));
    assert_int_equal(tr_module_values_check(ladder, v, NULL), TR_OK);
    cJSON_Delete(v);
    v = vals("{}");
    assert_false(tr_module_values_complete(think, v));
    cJSON_Delete(v);
}

static void test_refs_and_options(void **state)
{
    tr_module *m = *state;
    tr_error err = {0};
    const tr_module_step *tries = tr_module_step_find(m, "tries");
    const tr_module_field *rung = tr_module_field_find(tries, "rung");
    cJSON *recs = cJSON_CreateArray();

    cJSON *opts = tr_module_options_of(m, rung, recs, &err);
    assert_int_equal(cJSON_GetArraySize(opts), 0);
    cJSON_Delete(opts);

    cJSON *l1 = vals("{\"goal\":\"Bus\",\"rungs\":[{\"situation\":\"Look at a bus\"}]}");
    cJSON *l2 = vals("{\"goal\":\"Take the bus\",\"rungs\":[{\"situation\":\"Stand at the stop\","
                     "\"fear\":30},{\"situation\":\"One stop\",\"fear\":60},"
                     "{\"situation\":\"Stand at the stop\"}]}");
    append(recs, tr_module_entry_record(m, "ladder", "a", l1, "2026-11-01T10:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "ladder", "b", l1, "2026-11-01T10:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "ladder", "a", l2, "2026-11-01T11:00:00Z", &err));
    opts = tr_module_options_of(m, rung, recs, &err);
    assert_int_equal(cJSON_GetArraySize(opts), 2); /* newest save, distinct rows */
    assert_string_equal(cJSON_GetArrayItem(opts, 0)->valuestring, "Stand at the stop");
    assert_string_equal(cJSON_GetArrayItem(opts, 1)->valuestring, "One stop");
    cJSON_Delete(opts);
    assert_null(tr_module_options_of(m, tr_module_field_find(tries, "before"), recs, &err));

    const tr_module_field *f = NULL;
    const cJSON *goal = tr_module_ref_value(m, tries, "ladder.goal", NULL, recs, &f);
    assert_non_null(goal);
    assert_string_equal(goal->valuestring, "Take the bus");
    assert_non_null(f);
    assert_string_equal(f->id, "goal");
    cJSON *cur = vals("{\"before\":40}");
    const cJSON *before = tr_module_ref_value(m, tries, "before", cur, recs, &f);
    assert_non_null(before);
    assert_int_equal(before->valueint, 40);
    assert_null(tr_module_ref_value(m, tries, "after", cur, recs, NULL));
    assert_null(tr_module_ref_value(m, tries, "nope.goal", cur, recs, NULL));

    /* once the newest ladder is deleted, the older one is what remains */
    append(recs, tr_module_delete_record(m, "ladder", "a", "2026-11-01T12:00:00Z", &err));
    goal = tr_module_ref_value(m, tries, "ladder.goal", NULL, recs, NULL);
    assert_string_equal(goal->valuestring, "Bus");
    cJSON_Delete(cur);
    cJSON_Delete(l1);
    cJSON_Delete(l2);
    cJSON_Delete(recs);
}

static void test_pick(void **state)
{
    tr_module *m = *state;
    tr_error err = {0};
    cJSON *recs = cJSON_CreateArray();
    cJSON *v = vals("{\"rung\":\"Bus\",\"before\":70}");
    append(recs, vals("{\"type\":\"checkin\",\"ts\":\"x\",\"mood\":5}"));
    append(recs, tr_module_progress_record(m, "tries", false, "2026-11-01T10:00:00Z", &err));
    append(recs, tr_module_entry_record(m, "tries", "e1", v, "2026-11-01T10:00:00Z", &err));
    append(recs, vals("{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"other\","
                      "\"step\":\"tries\",\"entry\":\"e1\",\"op\":\"delete\",\"values\":{}}"));
    append(recs, tr_module_entry_record(m, "tries", "e2", v, "2026-11-01T11:00:00Z", &err));

    cJSON *mine = tr_module_records_pick(recs, "demo");
    assert_int_equal(cJSON_GetArraySize(mine), 3);
    cJSON *all = tr_module_records_pick(recs, NULL);
    assert_int_equal(cJSON_GetArraySize(all), 4);
    tr_module_entries e1 = {0}, e2 = {0};
    assert_int_equal(tr_module_entries_of(m, "tries", recs, &e1, &err), TR_OK);
    assert_int_equal(tr_module_entries_of(m, "tries", mine, &e2, &err), TR_OK);
    assert_int_equal(e1.count, 2);
    assert_int_equal(e2.count, 2);
    assert_ptr_equal(e1.items[1].values, e2.items[1].values); /* references, not copies */
    tr_module_progress p1, p2;
    assert_int_equal(tr_module_progress_of(m, recs, &p1, &err), TR_OK);
    assert_int_equal(tr_module_progress_of(m, all, &p2, &err), TR_OK);
    assert_int_equal(p1.resume, p2.resume);
    assert_int_equal(p1.state[2], p2.state[2]);
    tr_module_entries_free(&e1);
    tr_module_entries_free(&e2);
    cJSON_Delete(mine); /* frees the picked array only */
    cJSON_Delete(all);
    assert_null(tr_module_records_pick(NULL, "demo"));
    assert_int_equal(cJSON_GetArraySize(recs), 5);
    cJSON_Delete(v);
    cJSON_Delete(recs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress),         cmocka_unit_test(test_entries_newest_wins),
        cmocka_unit_test(test_values_checked),   cmocka_unit_test(test_complete),
        cmocka_unit_test(test_refs_and_options), cmocka_unit_test(test_pick),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
