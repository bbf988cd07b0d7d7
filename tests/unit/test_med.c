/* Unit tests of tr_med (content/medication.json and the medication records, issue 17): the
 * shipped side-effect check loads in every language with the classes the issue names, the
 * validator names each kind of problem with its JSON path, the record makers refuse what a
 * reader could not use, the log is read back from records as a journal holds them, and a
 * report carries the records only when the client chose to share medication. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_med.h"
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

static tr_med_content *shipped(void)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_med_content *m = NULL;
    tt_pack_no_problems(tr_med_load(pack, &m, &d, &err), &d, &err);
    return m;
}

static void test_shipped(void **state)
{
    (void)state;
    tr_med_content *m = shipped();
    assert_true(m->draft); /* our own list and texts, not yet reviewed */
    /* the three classes of the issue, each with at least three effects */
    static const char *const classes[] = {"antidepressant", "sleeping_pill", "anxiolytic"};
    assert_int_equal(m->n_classes, 3);
    for (size_t c = 0; c < 3; c++) {
        size_t n = 0;
        assert_string_equal(m->classes[c].id, classes[c]);
        for (size_t e = 0; e < m->n_effects; e++)
            n += (m->effects[e].classes >> c) & 1u;
        assert_true(n >= 3);
    }
    /* none / mild / bothersome / severe, and only severe advises */
    static const char *const ratings[] = {"none", "mild", "bothersome", "severe"};
    assert_int_equal(m->n_ratings, 4);
    for (size_t r = 0; r < 4; r++) {
        assert_string_equal(m->ratings[r].id, ratings[r]);
        assert_int_equal(m->ratings[r].advise, r == 3);
    }
    assert_non_null(tr_med_choice_find(m->wishes, m->n_wishes, "without"));
    /* stopping is planned with the doctor, never abrupt, in every language */
    assert_non_null(strstr(tr_content_text(pack, &m->stopping, "nb"), "ikke stoppes brått"));
    assert_non_null(strstr(tr_content_text(pack, &m->stopping, "nn"), "ikkje stoppast brått"));
    assert_non_null(strstr(tr_content_text(pack, &m->stopping, "en"), "not stopped abruptly"));
    assert_non_null(strstr(tr_content_text(pack, &m->stopping, "nb"), "legen"));
    /* the severe advice gives only numbers the crisis contacts hold */
    assert_non_null(strstr(tr_content_text(pack, &m->severe, "nb"), "116 117"));
    int found = 0;
    for (size_t i = 0; i < pack->n_crisis; i++)
        found |= strcmp(pack->crisis[i].number, "116 117") == 0;
    assert_true(found);
    tr_med_free(m);
}

/* Loads the file and frees it: what tt_pack_expect_problem runs. */
static tr_status load_free(const tr_content *p, tr_diags *d, tr_error *err)
{
    tr_med_content *x = (tr_med_content *)1;
    tr_status st = tr_med_load(p, &x, d, err);
    if (st != TR_OK)
        assert_null(x);
    tr_med_free(st == TR_OK ? x : NULL);
    return st;
}

/* Writes the shipped file changed by edit into a new pack folder and expects a problem. */
static void expect_problem(void (*edit)(cJSON *doc), const char *want)
{
    tt_pack_expect_problem(pack, TR_MED_FILE, edit, NULL, load_free, want);
}

static cJSON *effect0(cJSON *doc)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "effects"), 0);
}
static void bad_format(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "format", cJSON_CreateNumber(2));
}
static void bad_class(cJSON *doc)
{
    cJSON_AddItemToArray(cJSON_GetObjectItem(effect0(doc), "classes"),
                         cJSON_CreateString("painkiller"));
}
static void no_nn(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(effect0(doc), "text"), "nn");
}
static void typo(cJSON *doc)
{
    cJSON_AddNumberToObject(effect0(doc), "colour", 1);
}
static void twice(cJSON *doc)
{
    cJSON_AddItemToArray(cJSON_GetObjectItem(doc, "effects"), cJSON_Duplicate(effect0(doc), 1));
}
static void no_stopping(cJSON *doc)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(doc, "texts"), "stopping");
}
static void one_rating(cJSON *doc)
{
    cJSON *r = cJSON_GetObjectItem(doc, "ratings");
    while (cJSON_GetArraySize(r) > 1)
        cJSON_DeleteItemFromArray(r, 1);
}
static void bad_review(cJSON *doc)
{
    cJSON_ReplaceItemInObject(doc, "review", cJSON_CreateString("ok"));
}

static void test_validator(void **state)
{
    (void)state;
    expect_problem(bad_format, "$.format: must be 1");
    expect_problem(bad_class, "$.effects[0]: \"classes\" names 'painkiller'");
    expect_problem(no_nn, "$.effects[0].text: missing");
    expect_problem(typo, "$.effects[0]: unknown key \"colour\"");
    expect_problem(twice, "effect id 'nausea' is used twice");
    expect_problem(no_stopping, "$.texts");
    expect_problem(one_rating, "\"ratings\" must be an array of 2 to 8");
    expect_problem(bad_review, "$.review: must be {\"status\": \"draft\"}");
    /* no file: nothing to show, no problem */
    char dir[256];
    char *saved = pack->dir;
    tr_diags d = {0};
    tr_error err = {0};
    tr_med_content *m = NULL;
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-med"), 0);
    pack->dir = dir;
    assert_int_equal(tr_med_load(pack, &m, &d, &err), TR_E_NOTFOUND);
    pack->dir = saved;
    assert_null(m);
    assert_int_equal(d.count, 0);
    assert_int_equal(tt_remove_tree(dir), 0);
}

static void test_records(void **state)
{
    (void)state;
    tr_med_content *m = shipped();
    tr_error err = {0};
    const char *ts = "2026-12-05T10:00:00Z";
    char longtext[300];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = 0;
    /* a medicine needs a name; fields have limits */
    assert_null(tr_med_add_record(&(tr_med_add){.ts = ts, .med = "med1", .name = ""}, &err));
    assert_int_equal(err.status, TR_E_INVALID);
    assert_null(tr_med_add_record(
        &(tr_med_add){.ts = ts, .med = "med1", .name = "Sertralin", .dose = longtext}, &err));
    cJSON *add = tr_med_add_record(&(tr_med_add){.ts = ts,
                                                 .med = "med1",
                                                 .name = "Sertralin",
                                                 .dose = "50 mg",
                                                 .since = "mars 2026",
                                                 .prescriber = "fastlegen"},
                                   &err);
    assert_non_null(add);
    assert_string_equal(cJSON_GetObjectItem(add, "type")->valuestring, "medication");
    assert_string_equal(cJSON_GetObjectItem(add, "op")->valuestring, "add");
    assert_string_equal(cJSON_GetObjectItem(add, "prescriber")->valuestring, "fastlegen");
    /* a change must say something */
    assert_null(tr_med_change_record(&(tr_med_change){.ts = ts, .med = "med1"}, &err));
    assert_int_equal(err.status, TR_E_INVALID);
    cJSON *chg = tr_med_change_record(&(tr_med_change){.ts = "2026-12-06T10:00:00Z",
                                                       .med = "med1",
                                                       .dose = "100 mg",
                                                       .date = "1. desember",
                                                       .note = "Økt etter avtale"},
                                      &err);
    assert_non_null(chg);
    cJSON *stop = tr_med_change_record(
        &(tr_med_change){.ts = "2026-12-07T10:00:00Z", .med = "med1", .stopped = 1}, &err);
    assert_non_null(stop);
    cJSON *orphan = tr_med_change_record(
        &(tr_med_change){.ts = "2026-12-07T10:00:00Z", .med = "med9", .note = "?"}, &err);
    /* side effects: known effects and ratings only, each effect once */
    const char *eff[] = {"nausea", "dizzy"}, *rat[] = {"mild", "severe"};
    const char *bad_eff[] = {"nausea", "nausea"}, *bad_rat[] = {"mild", "awful"};
    assert_null(tr_med_effects_record(m, ts, bad_eff, rat, 2, NULL, &err));
    assert_null(tr_med_effects_record(m, ts, eff, bad_rat, 2, NULL, &err));
    assert_null(tr_med_effects_record(m, ts, eff, rat, 0, NULL, &err));
    assert_null(tr_med_effects_record(m, ts, eff, rat, 2, longtext, &err));
    cJSON *fx1 = tr_med_effects_record(m, ts, eff, rat, 1, NULL, &err);
    cJSON *fx2 = tr_med_effects_record(m, ts, eff, rat, 2, "Svimmel om morgenen", &err);
    assert_non_null(fx1);
    assert_non_null(fx2);
    /* the wish is one of the pack's */
    assert_null(tr_med_wish_record(m, ts, "maybe", &err));
    cJSON *w1 = tr_med_wish_record(m, ts, "open", &err);
    cJSON *w2 = tr_med_wish_record(m, "2026-12-08T10:00:00Z", "without", &err);
    assert_non_null(w1);
    assert_non_null(w2);

    /* read back as a journal holds them, with other records between */
    cJSON *recs = cJSON_CreateArray();
    cJSON *other = cJSON_Parse("{\"type\": \"checkin\", \"ts\": \"2026-12-05T11:00:00Z\"}");
    cJSON *stray = cJSON_Parse("{\"type\": \"medication\", \"ts\": \"x\", \"op\": \"add\"}");
    cJSON *items[] = {orphan, add, other, fx1, chg, w1, stray, fx2, stop, w2};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        cJSON_AddItemToArray(recs, items[i]);
    tr_med_log log;
    assert_int_equal(tr_med_read(recs, &log, &err), TR_OK);
    assert_int_equal(log.n, 1); /* the stray add without a name and the orphan change skipped */
    assert_string_equal(log.items[0].name, "Sertralin");
    assert_string_equal(log.items[0].dose, "100 mg"); /* the newest dose */
    assert_string_equal(log.items[0].since, "mars 2026");
    assert_int_equal(log.items[0].n_changes, 2);
    assert_string_equal(log.items[0].changes[0].date, "1. desember");
    assert_string_equal(log.items[0].changes[0].note, "Økt etter avtale");
    assert_true(log.items[0].stopped);
    assert_ptr_equal(log.check, fx2);
    assert_string_equal(tr_med_check_rating(log.check, "dizzy"), "severe");
    assert_null(tr_med_check_rating(log.check, "headache"));
    assert_string_equal(log.wish, "without");
    char id[TR_MED_ID_MAX];
    tr_med_next_id(&log, id, sizeof id);
    assert_string_equal(id, "med2");
    tr_med_log_free(&log);

    /* a report carries them only when the client shares medication (a risk-free plan) */
    tr_share_plan plan;
    tr_care_report_opts o = {.records = recs, .checkins = 1};
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 1); /* the check-in only */
    tr_share_plan_free(&plan);
    o.medication = 1;
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, sizeof items / sizeof items[0]);
    tr_share_plan_free(&plan);
    cJSON_Delete(recs);
    tr_med_free(m);
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
