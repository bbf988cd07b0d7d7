/* Unit tests of tr_goal (content/goals.json and the `goal` records, issue 17): the shipped file
 * loads in every language with three goals at a time and a 0-10 scale, the validator names each
 * kind of problem with its JSON path, the record makers refuse empty and too long words, a
 * fourth active goal, a rating outside the scale and actions on a goal that is closed or not
 * there, the goals are read back with every rating (closed goals kept), and a report carries
 * them only when the client shares goals, all of them whatever the range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_goal.h"
#include "tr_json.h"
#include "tr_share.h"
#include "tt_os.h"
#include "tt_pack.h"

static tr_content *pack;

static int setup(void **state)
{
    (void)state;
    pack = tt_pack_load();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tr_content_free(pack);
    return 0;
}

static tr_goal_content *shipped(void)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_goal_content *g = NULL;
    tt_pack_no_problems(tr_goal_load(pack, &g, &d, &err), &d, &err);
    return g;
}

static void test_shipped(void **state)
{
    (void)state;
    tr_goal_content *g = shipped();
    assert_true(g->draft); /* our own texts, not yet reviewed */
    assert_int_equal(g->max_active, 3);
    assert_int_equal(g->min, 0);
    assert_int_equal(g->max, 10);
    static const char *const langs[] = {"nb", "nn", "en"};
    for (size_t i = 0; i < 3; i++) {
        assert_true(strlen(tr_content_text(pack, &g->intro, langs[i])) > 40);
        assert_non_null(strstr(tr_content_text(pack, &g->low, langs[i]), "0"));
        assert_non_null(strstr(tr_content_text(pack, &g->high, langs[i]), "10"));
        assert_true(strlen(tr_content_text(pack, &g->rate, langs[i])) > 5);
        assert_true(strlen(tr_content_text(pack, &g->close, langs[i])) > 20);
    }
    /* a goal let go of is kept, and that is said plainly */
    assert_non_null(strstr(tr_content_text(pack, &g->close, "nb"), "ikke slettet"));
    assert_non_null(strstr(tr_content_text(pack, &g->close, "en"), "not deleted"));
    tr_goal_free(g);
}

/* Loads the file and frees it: what tt_pack_expect_problem runs. */
static tr_status load_free(const tr_content *p, tr_diags *d, tr_error *err)
{
    tr_goal_content *x = (tr_goal_content *)1;
    tr_status st = tr_goal_load(p, &x, d, err);
    if (st != TR_OK)
        assert_null(x);
    tr_goal_free(st == TR_OK ? x : NULL);
    return st;
}

/* Writes the shipped file changed by edit into a new pack folder and expects a problem. */
static void expect_problem(void (*edit)(cJSON *doc), const char *want)
{
    tt_pack_expect_problem(pack, TR_GOAL_FILE, edit, NULL, load_free, want);
}

static void bad_format(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "format", cJSON_CreateNumber(2));
}
static void bad_review(cJSON *doc)
{
    cJSON_DeleteItemFromObject(doc, "review");
}
static void typo_key(cJSON *doc)
{
    cJSON_AddNumberToObject(doc, "max_activ", 3);
}
static void too_many(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "max_active", cJSON_CreateNumber(TR_GOAL_ACTIVE_MAX + 1));
}
static void half_goal(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "max_active", cJSON_CreateNumber(2.5));
}
static void scale_upside_down(cJSON *doc)
{
    cJSON *s = cJSON_GetObjectItem(doc, "scale");
    cJSON_ReplaceItemInObject(s, "min", cJSON_CreateNumber(7));
    cJSON_ReplaceItemInObject(s, "max", cJSON_CreateNumber(5));
}
static void scale_too_wide(cJSON *doc)
{
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "scale"), "max", cJSON_CreateNumber(100));
}
static void no_english(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "texts"), "low"), "en");
}
static void no_intro(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(doc, "texts"), "intro");
}

static void test_validator(void **state)
{
    (void)state;
    expect_problem(bad_format, "$.format: must be 1");
    expect_problem(bad_review, "$.review");
    expect_problem(typo_key, "unknown key \"max_activ\"");
    expect_problem(too_many, "\"max_active\" must be a whole number from 1 to 5");
    expect_problem(half_goal, "\"max_active\" must be a whole number");
    expect_problem(scale_upside_down, "\"min\" (7) must be below \"max\" (5)");
    expect_problem(scale_too_wide, "\"max\" must be a whole number from 1 to 10");
    expect_problem(no_english, "$.texts");
    expect_problem(no_intro, "intro");
}

static void append(cJSON *recs, cJSON *rec)
{
    assert_non_null(rec);
    cJSON_AddItemToArray(recs, rec);
}

static void reread(const cJSON *recs, tr_goal_list *l)
{
    tr_error err = {0};
    tr_goal_list_free(l);
    assert_int_equal(tr_goal_read(recs, l, &err), TR_OK);
}

static void test_records(void **state)
{
    (void)state;
    tr_goal_content *g = shipped();
    tr_error err = {0};
    tr_goal_problem why = TR_GOAL_OK;
    tr_goal_list l = {0};
    char longtext[TR_GOAL_TEXT_MAX + 2];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = 0;
    cJSON *recs = cJSON_CreateArray();
    const char *ts = "2026-12-01T10:00:00Z";

    /* empty and too long words, a rating outside the scale, a missing time */
    assert_null(tr_goal_add_record(g, &l, ts, "   ", 3, NULL, &why, &err));
    assert_int_equal(why, TR_GOAL_EMPTY);
    assert_int_equal(err.status, TR_E_INVALID);
    assert_null(tr_goal_add_record(g, &l, ts, longtext, 3, NULL, &why, &err));
    assert_int_equal(why, TR_GOAL_TOO_LONG);
    assert_non_null(strstr(err.msg, "200 bytes"));
    longtext[TR_GOAL_TEXT_MAX] = 0; /* exactly the most is fine */
    assert_int_equal(tr_goal_check_add(g, &l, longtext, 0), TR_GOAL_OK);
    assert_null(tr_goal_add_record(g, &l, ts, "Sove bedre", 11, NULL, &why, &err));
    assert_int_equal(why, TR_GOAL_RATING);
    assert_null(tr_goal_add_record(g, &l, ts, "Sove bedre", -1, NULL, &why, &err));
    assert_int_equal(why, TR_GOAL_RATING);
    assert_null(tr_goal_add_record(g, &l, "", "Sove bedre", 2, NULL, &why, &err));
    assert_null(tr_goal_add_record(g, &l, ts, "Sove bedre", 2, "Not A Module", &why, &err));
    assert_int_equal(why, TR_GOAL_MODULE);

    /* three goals, the words trimmed, the first linked to a module */
    cJSON *a = tr_goal_add_record(g, &l, ts, "  Sove gjennom natten  ", 2, "sleep", &why, &err);
    assert_non_null(a);
    assert_int_equal(why, TR_GOAL_OK);
    assert_string_equal(cJSON_GetObjectItem(a, "type")->valuestring, "goal");
    assert_string_equal(cJSON_GetObjectItem(a, "goal")->valuestring, "goal1");
    assert_string_equal(cJSON_GetObjectItem(a, "text")->valuestring, "Sove gjennom natten");
    append(recs, a);
    reread(recs, &l);
    append(recs, tr_goal_add_record(g, &l, "2026-12-01T10:01:00Z", "Begynne i koret igjen", 0, NULL,
                                    &why, &err));
    reread(recs, &l);
    append(recs, tr_goal_add_record(g, &l, "2026-12-01T10:02:00Z", "Gå tur hver dag", 5, NULL, &why,
                                    &err));
    reread(recs, &l);
    assert_int_equal(l.n_active, 3);
    /* a fourth active goal is refused, with words that say what to do */
    assert_null(tr_goal_add_record(g, &l, ts, "Et fjerde mål", 1, NULL, &why, &err));
    assert_int_equal(why, TR_GOAL_TOO_MANY);
    assert_non_null(strstr(err.msg, "reached or let go of"));

    /* re-rated at a check-in and a measure; out of range refused */
    assert_null(tr_goal_rate_record(g, &l, ts, "goal1", 12, "checkin", &why, &err));
    assert_int_equal(why, TR_GOAL_RATING);
    assert_null(tr_goal_rate_record(g, &l, ts, "goal9", 5, "checkin", &why, &err));
    assert_int_equal(why, TR_GOAL_UNKNOWN);
    append(recs,
           tr_goal_rate_record(g, &l, "2026-12-03T10:00:00Z", "goal1", 4, "checkin", &why, &err));
    append(recs,
           tr_goal_rate_record(g, &l, "2026-12-05T10:00:00Z", "goal1", 7, "measure", &why, &err));
    /* reached and let go of; then a fourth may be set */
    append(recs,
           tr_goal_close_record(&l, "2026-12-06T10:00:00Z", "goal2", TR_GOAL_LET_GO, &why, &err));
    assert_null(tr_goal_close_record(&l, ts, "goal3", TR_GOAL_ACTIVE, &why, &err));
    append(recs, tr_goal_link_record(&l, "2026-12-06T11:00:00Z", "goal3", "activity", &why, &err));
    reread(recs, &l);
    assert_int_equal(l.n_active, 2);
    /* nothing more is done to a goal let go of */
    assert_null(tr_goal_rate_record(g, &l, ts, "goal2", 5, "goals", &why, &err));
    assert_int_equal(why, TR_GOAL_NOT_ACTIVE);
    assert_null(tr_goal_close_record(&l, ts, "goal2", TR_GOAL_REACHED, &why, &err));
    assert_int_equal(why, TR_GOAL_NOT_ACTIVE);
    cJSON *fourth =
        tr_goal_add_record(g, &l, "2026-12-07T10:00:00Z", "Ringe en venn", 1, NULL, &why, &err);
    assert_non_null(fourth);
    assert_string_equal(cJSON_GetObjectItem(fourth, "goal")->valuestring, "goal4");
    append(recs, fourth);

    /* read back as a journal holds them, with other records and strays between */
    append(recs, cJSON_Parse("{\"type\": \"checkin\", \"ts\": \"2026-12-07T11:00:00Z\"}"));
    append(recs, cJSON_Parse("{\"type\": \"goal\", \"ts\": \"x\", \"goal\": \"goal9\", "
                             "\"op\": \"rate\", \"rating\": 3}"));
    append(recs, cJSON_Parse("{\"type\": \"goal\", \"ts\": \"x\", \"goal\": \"goal1\", "
                             "\"op\": \"rate\", \"rating\": 4.5}"));
    append(recs, cJSON_Parse("{\"type\": \"goal\", \"ts\": \"x\", \"goal\": \"goal5\", "
                             "\"op\": \"add\", \"rating\": 3}"));
    append(recs,
           tr_goal_close_record(&l, "2026-12-08T10:00:00Z", "goal1", TR_GOAL_REACHED, &why, &err));
    reread(recs, &l);
    assert_int_equal(l.n, 4); /* the add without words skipped */
    assert_int_equal(l.n_active, 2);
    assert_int_equal(l.items[0].status, TR_GOAL_REACHED);
    assert_string_equal(l.items[0].closed_ts, "2026-12-08T10:00:00Z");
    assert_string_equal(l.items[0].module, "sleep");
    assert_int_equal(l.items[0].n_ratings, 3); /* 2, 4 at the check-in, 7 at the measure */
    assert_int_equal(l.items[0].ratings[0].value, 2);
    assert_string_equal(l.items[0].ratings[1].at, "checkin");
    assert_string_equal(l.items[0].ratings[2].at, "measure");
    assert_int_equal(tr_goal_latest(&l.items[0]), 7);
    assert_int_equal(l.items[1].status, TR_GOAL_LET_GO);
    assert_string_equal(tr_goal_status_name(l.items[1].status), "let_go");
    assert_string_equal(l.items[2].module, "activity");
    assert_int_equal(tr_goal_latest(&l.items[3]), 1);
    tr_goal_list_free(&l);

    /* one record at a time, for a report's preview */
    tr_goal_event ev;
    assert_true(tr_goal_event_of(cJSON_GetArrayItem(recs, 0), &ev));
    assert_int_equal(ev.op, TR_GOAL_OP_ADD);
    assert_string_equal(ev.text, "Sove gjennom natten");
    assert_int_equal(ev.rating, 2);
    assert_true(tr_goal_event_of(cJSON_GetArrayItem(recs, 4), &ev)); /* goal1 at the measure */
    assert_int_equal(ev.op, TR_GOAL_OP_RATE);
    assert_int_equal(ev.rating, 7);
    assert_true(tr_goal_event_of(cJSON_GetArrayItem(recs, 5), &ev));
    assert_int_equal(ev.op, TR_GOAL_OP_CLOSE);
    assert_int_equal(ev.status, TR_GOAL_LET_GO);
    assert_false(tr_goal_event_of(cJSON_GetArrayItem(recs, 8), &ev));  /* the check-in */
    assert_false(tr_goal_event_of(cJSON_GetArrayItem(recs, 10), &ev)); /* rating 4.5 */

    /* a report carries them only when the client shares goals */
    tr_share_plan plan;
    tr_care_report_opts o = {.records = recs, .checkins = 1};
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 1); /* the check-in only */
    tr_share_plan_free(&plan);
    o.goals = 1;
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, (size_t)cJSON_GetArraySize(recs));
    tr_share_plan_free(&plan);
    cJSON_Delete(recs);
    tr_goal_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_validator),
        cmocka_unit_test(test_records),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
