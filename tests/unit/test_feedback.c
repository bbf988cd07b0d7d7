/* Unit tests of tr_feedback (content/feedback.json and the `feedback` record, issue 17): the
 * shipped questions load in every language and are marked as a draft, the validator names each
 * kind of problem with its JSON path, the record maker refuses what a reader could not use (an
 * answer off the scale, an unknown or repeated item, a note too long, a feedback that says
 * nothing), the feedback is read back typed from records as a journal holds them, with where
 * the wish to change therapist stands, and a report carries the wish whatever was chosen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_feedback.h"
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

static tr_feedback_content *shipped(void)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_feedback_content *c = NULL;
    tt_pack_no_problems(tr_feedback_load(pack, &c, &d, &err), &d, &err);
    return c;
}

static void test_shipped(void **state)
{
    (void)state;
    tr_feedback_content *c = shipped();
    assert_true(c->draft); /* our own questions, not yet reviewed */
    /* the three the issue names: heard, what mattered, whether the approach suits */
    static const char *const items[] = {"heard", "mattered", "approach"};
    assert_int_equal(c->n_items, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(c->items[i].id, items[i]);
    assert_true(c->n_scale >= 3 && c->n_scale <= 7);
    for (size_t i = 0; i < c->n_scale; i++)
        assert_int_equal(c->scale[i].value, (int)i);
    assert_non_null(strstr(tr_content_text(pack, &c->change_box, "nb"), "bytte behandler"));
    assert_non_null(strstr(tr_content_text(pack, &c->change_box, "nn"), "byte behandlar"));
    assert_non_null(strstr(tr_content_text(pack, &c->change_box, "en"), "change therapist"));
    assert_int_equal(tr_feedback_item_index(c, "approach"), 2);
    assert_int_equal(tr_feedback_item_index(c, "nope"), -1);
    tr_feedback_free(c);
}

/* Loads the file and frees it: what tt_pack_expect_problem runs. */
static tr_status load_free(const tr_content *p, tr_diags *d, tr_error *err)
{
    tr_feedback_content *x = (tr_feedback_content *)1;
    tr_status st = tr_feedback_load(p, &x, d, err);
    if (st != TR_OK)
        assert_null(x);
    tr_feedback_free(st == TR_OK ? x : NULL);
    return st;
}

/* Writes the shipped file changed by edit into a new pack folder and expects a problem. */
static void expect_problem(void (*edit)(cJSON *doc), const char *want)
{
    tt_pack_expect_problem(pack, TR_FEEDBACK_FILE, edit, NULL, load_free, want);
}

static cJSON *item0(cJSON *doc)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "items"), 0);
}
static void bad_format(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "format", cJSON_CreateNumber(2));
}
static void no_nn(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(item0(doc), "text"), "nn");
}
static void typo(cJSON *doc)
{
    cJSON_AddNumberToObject(item0(doc), "colour", 1);
}
static void twice(cJSON *doc)
{
    cJSON_AddItemToArray(cJSON_GetObjectItem(doc, "items"), cJSON_Duplicate(item0(doc), 1));
}
static void bad_id(cJSON *doc)
{
    cJSON_ReplaceItemInObject(item0(doc), "id", cJSON_CreateString("Hørt"));
}
static void no_change(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(doc, "texts"), "change_box");
}
static void scale_order(cJSON *doc)
{
    cJSON *o = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "scale"), 1);
    cJSON_ReplaceItemInObject(o, "value", cJSON_CreateNumber(7));
}
static void one_option(cJSON *doc)
{
    cJSON *r = cJSON_GetObjectItem(doc, "scale");
    while (cJSON_GetArraySize(r) > 1)
        cJSON_DeleteItemFromArray(r, 1);
}
static void no_items(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "items", cJSON_CreateArray());
}
static void bad_review(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "review", cJSON_CreateString("ok"));
}

static void test_validator(void **state)
{
    (void)state;
    expect_problem(bad_format, "$.format: must be 1");
    expect_problem(no_nn, "$.items[0].text: missing");
    expect_problem(typo, "$.items[0]: unknown key \"colour\"");
    expect_problem(twice, "item id 'heard' is used twice");
    expect_problem(bad_id, "$.items[0]: \"id\" must be a string of a-z");
    expect_problem(no_change, "$.texts");
    expect_problem(scale_order, "$.scale[1]: \"value\" must be 1");
    expect_problem(one_option, "\"scale\" must be an array of 2 to 7");
    expect_problem(no_items, "\"items\" must be an array of 1 to 6");
    expect_problem(bad_review, "$.review: must be {\"status\": \"draft\"}");
    /* no file: nothing to offer, no problem */
    char dir[256];
    char *saved = pack->dir;
    tr_diags d = {0};
    tr_error err = {0};
    tr_feedback_content *c = NULL;
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-fb"), 0);
    pack->dir = dir;
    assert_int_equal(tr_feedback_load(pack, &c, &d, &err), TR_E_NOTFOUND);
    pack->dir = saved;
    assert_null(c);
    assert_int_equal(d.count, 0);
    assert_int_equal(tt_remove_tree(dir), 0);
}

/* Expects in to be refused with a message containing want. */
static void refused(const tr_feedback_content *c, const tr_feedback_input *in, const char *want)
{
    tr_error err = {0};
    cJSON *rec = tr_feedback_record(c, in, &err);
    if (rec) {
        cJSON_Delete(rec);
        fail_msg("accepted, expected '%s'", want);
    }
    assert_int_equal(err.status, TR_E_INVALID);
    if (!strstr(err.msg, want))
        fail_msg("'%s' does not say '%s'", err.msg, want);
}

static void test_records(void **state)
{
    (void)state;
    tr_feedback_content *c = shipped();
    tr_error err = {0};
    const char *ts = "2026-12-05T10:00:00Z";
    const char *items[] = {"heard", "mattered", "approach"}, *bad_items[] = {"heard", "liked"};
    const char *same[] = {"heard", "heard"};
    const int answers[] = {3, 2, 1}, off[] = {3, 5}, below[] = {-1, 2};
    char longtext[TR_FEEDBACK_NOTE_MAX + 2];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = 0;
    tr_feedback_input ok = {
        .ts = ts, .after = "contact", .items = items, .answers = answers, .n = 3};
    tr_feedback_input in = ok;

    /* bad input, each in words */
    in.answers = off, in.n = 2;
    refused(c, &in, "the scale runs from 0 to 4"); /* out of range, above */
    in.answers = below;
    refused(c, &in, "the scale runs from 0 to 4"); /* and below */
    in = ok, in.items = bad_items, in.n = 2;
    refused(c, &in, "'liked', not one of the feedback's questions"); /* unknown item */
    in = ok, in.items = same, in.n = 2;
    refused(c, &in, "answered twice");
    in = ok, in.note = longtext;
    refused(c, &in, "at most 200"); /* too long */
    in = ok, in.n = 0;
    refused(c, &in, "needs an answer, a note or the wish");
    in = ok, in.ts = "";
    refused(c, &in, "its time");
    in = ok, in.after = "lunch";
    refused(c, &in, "not \"lunch\"");
    in = ok, in.after = "module";
    refused(c, &in, "names the module's id");
    in = ok, in.module = "sleep";
    refused(c, &in, "names no module");
    in = ok, in.after = "module", in.module = "../x";
    refused(c, &in, "names the module's id");

    /* good ones: answers, a module, a note only, a wish only */
    cJSON *r1 = tr_feedback_record(c, &ok, &err);
    assert_non_null(r1);
    assert_string_equal(cJSON_GetObjectItem(r1, "type")->valuestring, "feedback");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(r1, "ratings"), "heard")->valueint, 3);
    assert_null(cJSON_GetObjectItem(r1, "change_therapist"));
    assert_null(cJSON_GetObjectItem(r1, "note"));
    in = ok, in.ts = "2026-12-06T10:00:00Z", in.after = "module", in.module = "sleep", in.n = 1;
    in.note = "Nyttig";
    cJSON *r2 = tr_feedback_record(c, &in, &err);
    assert_non_null(r2);
    assert_string_equal(cJSON_GetObjectItem(r2, "module")->valuestring, "sleep");
    in = ok, in.ts = "2026-12-07T10:00:00Z", in.n = 0, in.change_therapist = 1;
    cJSON *wish = tr_feedback_record(c, &in, &err);
    assert_non_null(wish);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(wish, "change_therapist")));
    assert_true(tr_feedback_forced(wish));
    assert_false(tr_feedback_forced(r1));

    /* read back as a journal holds them, with other records between */
    cJSON *recs = cJSON_CreateArray();
    cJSON *other = cJSON_Parse("{\"type\": \"checkin\", \"ts\": \"2026-12-05T11:00:00Z\"}");
    cJSON *stray = cJSON_Parse("{\"type\": \"feedback\", \"ratings\": {\"heard\": 1}}");
    cJSON *odd = cJSON_Parse("{\"type\": \"feedback\", \"ts\": \"2026-12-06T12:00:00Z\", "
                             "\"after\": \"contact\", \"ratings\": {\"heard\": 9, \"x\": 1, "
                             "\"approach\": 2.5, \"mattered\": 4}}");
    cJSON *sent = cJSON_Parse("{\"type\": \"report_sent\", \"ts\": \"2026-12-08T09:00:00Z\"}");
    cJSON *recs_in[] = {r1, other, stray, r2, odd, wish};
    for (size_t i = 0; i < sizeof recs_in / sizeof recs_in[0]; i++)
        cJSON_AddItemToArray(recs, recs_in[i]);
    tr_feedback_log log;
    assert_int_equal(tr_feedback_read(c, recs, &log, &err), TR_OK);
    assert_int_equal(log.n, 4); /* the stray one without ts skipped */
    assert_int_equal(log.entries[0].answers[0], 3);
    assert_int_equal(log.entries[0].answers[2], 1);
    assert_string_equal(log.entries[1].module, "sleep");
    assert_string_equal(log.entries[1].note, "Nyttig");
    assert_int_equal(log.entries[1].answers[1], -1);
    /* answers off the scale, not whole, or to unknown items are read as not answered */
    assert_int_equal(log.entries[2].answers[0], -1);
    assert_int_equal(log.entries[2].answers[1], 4);
    assert_int_equal(log.entries[2].answers[2], -1);
    assert_int_equal(log.change_at, 3);
    assert_string_equal(log.change_ts, "2026-12-07T10:00:00Z");
    assert_string_equal(log.change_via, ""); /* no report since */
    char words[400];
    assert_string_equal(tr_feedback_describe(c, &log.entries[0], "nb", words, sizeof words),
                        "Hørt: Mye; Det som er viktig: Noe; Måten å jobbe på: Lite");
    tr_feedback_log_free(&log);
    cJSON_AddItemToArray(recs, sent);
    assert_int_equal(tr_feedback_read(c, recs, &log, &err), TR_OK);
    assert_string_equal(log.change_via, "2026-12-08T09:00:00Z");
    tr_feedback_log_free(&log);

    /* a report carries feedback only when chosen, but the wish to change therapist always */
    tr_share_plan plan;
    tr_care_report_opts o = {.records = recs, .checkins = 1};
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 2); /* the check-in and the wish */
    assert_ptr_equal(plan.items[1].rec, wish);
    assert_true(plan.items[1].request);
    assert_false(plan.items[0].request);
    tr_share_plan_free(&plan);
    o.feedback = 1;
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 5); /* the check-in and four feedbacks (the stray one has no ts) */
    tr_share_plan_free(&plan);
    cJSON_Delete(recs);
    tr_feedback_free(c);
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
