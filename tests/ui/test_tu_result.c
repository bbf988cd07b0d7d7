/* The assessment record and saving it, without a window: an app with the real content pack
 * walks the self-assessment with chosen answers, runs the triage engine as the result screen
 * does (tu_result_compute), and saves the client's choice. Checks the record's fields against
 * core/RECORDS.md, that it holds ids and values and no displayed text, that a refusing sink
 * leaves the choice in place with its message shown, and that risk removes self-help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tu_app.h"
#include "tu_testkit.h"

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 0, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    tu_theme_style(&app.ui.style, TU_THEME_STANDARD, 1.0f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

/* An answer for the walk: item id and its value as JSON text. */
typedef struct answer {
    const char *item, *json;
} answer;

/* Walks the whole self-assessment: the answer given for an item, else its first option
 * (multi-choice items are skipped), then computes the result as the screen does. */
static void walk(const answer *given)
{
    tr_error err = {0};
    assert_int_equal(tu_assess_begin(&app.assess, app.pack, &err), TR_OK);
    app.assess_on = 1;
    const tu_assess_q *q;
    while ((q = tu_assess_current(&app.assess))) {
        cJSON *v = NULL;
        for (const answer *a = given; a->item; a++)
            if (strcmp(a->item, q->item->id) == 0)
                v = cJSON_Parse(a->json);
        if (!v && q->item->kind != TR_ITEM_MULTI && q->item->n_options > 0) {
            const tr_option *o = &q->item->options[0];
            v = o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
        }
        assert_int_equal(tu_assess_answer(&app.assess, v, &err), TR_OK);
        cJSON_Delete(v);
    }
    tu_result_compute(&app);
    assert_int_equal(app.error_open, 0);
    assert_true(app.res.have);
}

/* Every string in the record outside answers and ts is an id or a version: lower case,
 * digits and _ . - only, so no displayed text (which has capitals and spaces) got in. */
static void assert_only_ids(const cJSON *node, const char *key)
{
    if (key && (strcmp(key, "answers") == 0 || strcmp(key, "ts") == 0))
        return;
    if (cJSON_IsString(node)) {
        for (const char *p = node->valuestring; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("_.-", *p)))
                fail_msg("\"%s\" (%s) is not an id", node->valuestring, key ? key : "?");
        return;
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, node) assert_only_ids(c, c->string ? c->string : key);
}

static const cJSON *get(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!v)
        fail_msg("the record has no \"%s\"", k);
    return v;
}

static const answer calm[] = {{"age_band", "25"}, {NULL, NULL}};

static void test_record_fields(void **state)
{
    (void)state;
    walk(calm);
    const tr_triage_result *tri = &app.res.tri;
    assert_string_equal(tri->level->id, "self_help");
    assert_true(tri->n_alternatives >= 1);
    cJSON *rec = tu_res_record(app.pack, &app.assess, tri, app.score_inst, app.scores, app.n_scores,
                               tri->alternatives[0]->id, "", "2026-11-27T10:00:00Z");
    assert_non_null(rec);
    assert_string_equal(get(rec, "type")->valuestring, "assessment");
    assert_string_equal(get(rec, "ts")->valuestring, "2026-11-27T10:00:00Z");
    const cJSON *answers = get(rec, "answers");
    assert_true(cJSON_IsObject(get(answers, "phq9")));
    assert_true(cJSON_IsObject(get(answers, "intake")));
    assert_int_equal(get(get(answers, "intake"), "age_band")->valueint, 25);
    assert_int_equal(get(get(answers, "phq9"), "phq9_1")->valueint, 0);
    const cJSON *scores = get(rec, "scores");
    static const char *const ids[] = {"phq9", "gad7", "auditc"};
    for (int i = 0; i < 3; i++) {
        const cJSON *s = get(scores, ids[i]);
        assert_int_equal(cJSON_GetArraySize(s), 5); /* total, band, caseness, scorable, flags */
        assert_int_equal(get(s, "total")->valueint, 0);
        assert_true(cJSON_IsString(get(s, "band")));
        assert_true(cJSON_IsTrue(get(s, "scorable")));
        assert_true(cJSON_IsArray(get(s, "flags")));
        assert_true(cJSON_IsBool(get(s, "caseness")) || cJSON_IsNull(get(s, "caseness")));
    }
    assert_string_equal(get(get(scores, "phq9"), "band")->valuestring, "minimal");
    assert_string_equal(get(rec, "risk")->valuestring, "none");
    assert_string_equal(get(rec, "recommended")->valuestring, "self_help");
    const cJSON *alts = get(rec, "alternatives");
    assert_int_equal(cJSON_GetArraySize(alts), (int)tri->n_alternatives);
    assert_string_equal(cJSON_GetArrayItem(alts, 0)->valuestring, tri->alternatives[0]->id);
    const cJSON *reasons = get(rec, "reasons");
    assert_int_equal(cJSON_GetArraySize(reasons), (int)tri->n_reasons);
    for (size_t i = 0; i < tri->n_reasons; i++)
        assert_string_equal(cJSON_GetArrayItem(reasons, (int)i)->valuestring, tri->reasons[i].id);
    assert_string_equal(get(rec, "chosen")->valuestring, tri->alternatives[0]->id);
    assert_int_equal(cJSON_GetArraySize(get(rec, "modules")), (int)tri->n_modules);
    assert_string_equal(get(rec, "content_version")->valuestring, app.pack->version);
    assert_null(cJSON_GetObjectItemCaseSensitive(rec, "preference"));
    assert_only_ids(rec, NULL);
    cJSON_Delete(rec);

    rec = tu_res_record(app.pack, &app.assess, tri, app.score_inst, app.scores, app.n_scores,
                        "self_help", "Evenings suit me", NULL);
    assert_non_null(rec);
    assert_string_equal(get(rec, "preference")->valuestring, "Evenings suit me");
    assert_int_equal(strlen(get(rec, "ts")->valuestring), 20); /* "now", UTC */
    cJSON_Delete(rec);
}

static int refuse(void *user, const cJSON *record, tr_error *err)
{
    (void)record;
    ++*(int *)user;
    tr_error_set(err, TR_E_IO, "the journal file could not be written (disk full)");
    return -1;
}

static void test_save_refused_keeps_choice(void **state)
{
    (void)state;
    int calls = 0;
    walk(calm);
    tu_records_attach(&app.records, refuse, &calls, NULL);
    app.res.chosen = 1; /* the first alternative */
    snprintf(app.res.pref, sizeof app.res.pref, "%s", "Short sessions");
    assert_int_equal(tu_result_save(&app), -1);
    assert_int_equal(calls, 1);
    assert_true(app.error_open);
    assert_non_null(strstr(app.error_msg, "disk full"));
    assert_false(app.res.saved);
    assert_int_equal(app.res.chosen, 1);
    assert_string_equal(app.res.pref, "Short sessions");
    assert_int_equal(cJSON_GetArraySize(tu_records_list(&app.records)), 0);

    /* the sink works again: the same choice is saved, once */
    app.error_open = 0;
    tu_records_attach(&app.records, NULL, NULL, NULL);
    assert_int_equal(tu_result_save(&app), 0);
    assert_true(app.res.saved);
    const cJSON *list = tu_records_list(&app.records);
    assert_int_equal(cJSON_GetArraySize(list), 1);
    const cJSON *rec = cJSON_GetArrayItem(list, 0);
    assert_string_equal(get(rec, "chosen")->valuestring, app.res.tri.alternatives[0]->id);
    assert_string_equal(get(rec, "preference")->valuestring, "Short sessions");
}

static void test_risk_offers_no_self_help(void **state)
{
    (void)state;
    static const answer risk[] = {{"age_band", "25"},       {"phq9_9", "2"},
                                  {"risk_plans", "\"no\""}, {"risk_intent", "\"no\""},
                                  {"risk_safe", "\"yes\""}, {NULL, NULL}};
    walk(risk);
    const tr_triage_result *tri = &app.res.tri;
    assert_int_equal(tri->risk, TR_RISK_ELEVATED);
    assert_true(app.risk_flag);
    assert_true(tri->level->allowed_with_risk);
    for (size_t i = 0; i < tri->n_alternatives; i++)
        assert_true(tri->alternatives[i]->allowed_with_risk);
    assert_int_equal(tu_result_save(&app), 0);
    const cJSON *rec = cJSON_GetArrayItem(tu_records_list(&app.records), 0);
    assert_string_equal(get(rec, "risk")->valuestring, "elevated");
    assert_string_equal(get(rec, "chosen")->valuestring, tri->level->id);
    const cJSON *flags = get(get(get(rec, "scores"), "phq9"), "flags");
    assert_string_equal(cJSON_GetArrayItem(flags, 0)->valuestring, "phq9_9");
}

static void test_youth_referral(void **state)
{
    (void)state;
    static const answer young[] = {{"age_band", "0"}, {NULL, NULL}};
    walk(young);
    assert_non_null(app.res.tri.referral);
    assert_string_equal(app.res.tri.referral, "youth_services");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_record_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_refused_keeps_choice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_risk_offers_no_self_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_youth_referral, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
