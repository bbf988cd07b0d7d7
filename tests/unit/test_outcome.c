/* Unit tests of tr_outcome: every definition of CLINICAL.md "Outcome definitions" at its
 * edges (exactly at the cut-off and the reliable-change value, one either side), pairing
 * with missing measures, one and no measurement, service rates and their denominators, the
 * --measures parser and the plain-words summary keys. The numbers are given as a config, so
 * these tests do not depend on the content pack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_i18n.h"
#include "tr_outcome.h"

#define M   TR_OUTCOME_MISSING
#define NA  TR_OUTCOME_NA
#define DAY 86400

static const tr_outcome_config cfg = {
    .scale = {{"phq9", 27, 10, 6}, {"gad7", 21, 8, 4}},
    .finished_sessions = 2,
};

/* Builds occasions one week apart from pairs of scores and computes the outcome. */
static tr_outcome run(const int (*scores)[2], size_t n, int sessions)
{
    tr_occasion occ[16];
    tr_outcome o;
    tr_error err = {0};
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++) {
        occ[i].ts = 1767571200 + (int64_t)i * 7 * DAY;
        occ[i].score[0] = scores[i][0];
        occ[i].score[1] = scores[i][1];
    }
    assert_int_equal(tr_outcome_compute(&cfg, occ, n, sessions, &o, &err), TR_OK);
    return o;
}

static void test_caseness_exactly_at_cutoff(void **state)
{
    tr_outcome o;
    o = run((const int[][2]){{10, 0}}, 1, -1);
    assert_int_equal(o.caseness_start, 1); /* PHQ-9 10 = cut-off */
    o = run((const int[][2]){{9, 7}}, 1, -1);
    assert_int_equal(o.caseness_start, 0); /* one below on both */
    o = run((const int[][2]){{0, 8}}, 1, -1);
    assert_int_equal(o.caseness_start, 1); /* GAD-7 8 = cut-off */
    o = run((const int[][2]){{27, 21}}, 1, -1);
    assert_int_equal(o.caseness_start, 1);
}

static void test_recovery(void **state)
{
    tr_outcome o;
    /* At caseness on depression only, then one below both cut-offs: recovered. */
    o = run((const int[][2]){{10, 7}, {9, 7}}, 2, -1);
    assert_int_equal(o.caseness_start, 1);
    assert_int_equal(o.caseness_end, 0);
    assert_int_equal(o.recovery, 1);
    /* Still exactly at a cut-off at the end: not recovered. */
    o = run((const int[][2]){{15, 12}, {9, 8}}, 2, -1);
    assert_int_equal(o.caseness_end, 1);
    assert_int_equal(o.recovery, 0);
    /* Not at caseness at the start: recovery does not apply. */
    o = run((const int[][2]){{9, 7}, {2, 1}}, 2, -1);
    assert_int_equal(o.caseness_start, 0);
    assert_int_equal(o.recovery, NA);
    assert_int_equal(o.reliable_recovery, NA);
    /* Only the first and last paired occasions count, not a good week in between. */
    o = run((const int[][2]){{20, 15}, {3, 2}, {18, 14}}, 3, -1);
    assert_int_equal(o.recovery, 0);
    assert_int_equal(o.change[0], -2);
}

static void test_reliable_change_exactly_at_value(void **state)
{
    tr_outcome o;
    o = run((const int[][2]){{14, 5}, {8, 5}}, 2, -1); /* PHQ-9 -6 = RC */
    assert_int_equal(o.reliable_improvement, 1);
    assert_int_equal(o.reliable_deterioration, 0);
    o = run((const int[][2]){{14, 5}, {9, 5}}, 2, -1); /* -5: one short */
    assert_int_equal(o.reliable_improvement, 0);
    o = run((const int[][2]){{14, 5}, {7, 5}}, 2, -1); /* -7: one beyond */
    assert_int_equal(o.reliable_improvement, 1);
    o = run((const int[][2]){{14, 5}, {20, 5}}, 2, -1); /* +6 */
    assert_int_equal(o.reliable_deterioration, 1);
    assert_int_equal(o.reliable_improvement, 0);
    o = run((const int[][2]){{14, 5}, {19, 5}}, 2, -1); /* +5 */
    assert_int_equal(o.reliable_deterioration, 0);
    o = run((const int[][2]){{3, 12}, {3, 8}}, 2, -1); /* GAD-7 -4 = RC */
    assert_int_equal(o.reliable_improvement, 1);
    o = run((const int[][2]){{3, 12}, {3, 9}}, 2, -1); /* -3 */
    assert_int_equal(o.reliable_improvement, 0);
    o = run((const int[][2]){{3, 12}, {3, 16}}, 2, -1); /* +4 */
    assert_int_equal(o.reliable_deterioration, 1);
    o = run((const int[][2]){{3, 12}, {3, 15}}, 2, -1); /* +3 */
    assert_int_equal(o.reliable_deterioration, 0);
}

static void test_improvement_with_reliable_rise_on_the_other(void **state)
{
    /* Depression falls by 10, anxiety rises by exactly 4: not an improvement, a
     * deterioration; and so no reliable recovery even though both end below caseness... */
    tr_outcome o = run((const int[][2]){{20, 3}, {10, 7}}, 2, -1);
    assert_int_equal(o.reliable_improvement, 0);
    assert_int_equal(o.reliable_deterioration, 1);
    /* ...whereas a rise of 3 does not block the improvement. */
    o = run((const int[][2]){{20, 3}, {9, 6}}, 2, -1);
    assert_int_equal(o.reliable_improvement, 1);
    assert_int_equal(o.reliable_deterioration, 0);
    assert_int_equal(o.recovery, 1);
    assert_int_equal(o.reliable_recovery, 1);
}

static void test_reliable_recovery_needs_both(void **state)
{
    /* Recovered by crossing the cut-off with a change of 1: not reliable recovery. */
    tr_outcome o = run((const int[][2]){{10, 7}, {9, 7}}, 2, -1);
    assert_int_equal(o.recovery, 1);
    assert_int_equal(o.reliable_improvement, 0);
    assert_int_equal(o.reliable_recovery, 0);
    /* Reliably improved but still at caseness: not reliable recovery. */
    o = run((const int[][2]){{25, 10}, {12, 6}}, 2, -1);
    assert_int_equal(o.reliable_improvement, 1);
    assert_int_equal(o.recovery, 0);
    assert_int_equal(o.reliable_recovery, 0);
}

static void test_pairing_with_missing_measures(void **state)
{
    /* The first occasion lacks GAD-7 and the last lacks PHQ-9: the first and last occasions
     * with both measures are used. */
    tr_outcome o = run((const int[][2]){{22, M}, {18, 12}, {M, M}, {9, 5}, {4, M}}, 5, -1);
    assert_int_equal(o.first, 1);
    assert_int_equal(o.last, 3);
    assert_int_equal(o.change[0], -9);
    assert_int_equal(o.change[1], -7);
    assert_int_equal(o.recovery, 1);
    /* Sessions counted from occasions with at least one score: 4 (the empty one is not). */
    assert_int_equal(o.sessions, 4);
    assert_int_equal(o.finished, 1);
    /* Never both measures at one occasion: nothing can be computed. */
    o = run((const int[][2]){{22, M}, {M, 12}}, 2, -1);
    assert_int_equal(o.first, -1);
    assert_int_equal(o.caseness_start, NA);
    assert_int_equal(o.reliable_improvement, NA);
    assert_int_equal(o.sessions, 2);
}

static void test_one_and_no_measurement(void **state)
{
    tr_outcome o = run((const int[][2]){{14, 11}}, 1, -1);
    assert_int_equal(o.first, 0);
    assert_int_equal(o.last, -1);
    assert_int_equal(o.caseness_start, 1);
    assert_int_equal(o.caseness_end, NA);
    assert_int_equal(o.recovery, NA);
    assert_int_equal(o.reliable_improvement, NA);
    assert_int_equal(o.reliable_deterioration, NA);
    assert_int_equal(o.reliable_recovery, NA);
    assert_int_equal(o.sessions, 1);
    assert_int_equal(o.finished, 0);

    o = run(NULL, 0, -1);
    assert_int_equal(o.first, -1);
    assert_int_equal(o.last, -1);
    assert_int_equal(o.caseness_start, NA);
    assert_int_equal(o.sessions, 0);
    assert_int_equal(o.finished, 0);
}

static void test_sessions_given_and_finished_threshold(void **state)
{
    /* Journal session records say 1 attended session: not finished, though measured twice. */
    tr_outcome o = run((const int[][2]){{14, 11}, {5, 4}}, 2, 1);
    assert_int_equal(o.sessions, 1);
    assert_int_equal(o.finished, 0);
    assert_int_equal(o.recovery, 1); /* still computed for the client's own view */
    o = run((const int[][2]){{14, 11}, {5, 4}}, 2, 2);
    assert_int_equal(o.finished, 1);
}

static void test_bad_occasions_are_refused(void **state)
{
    tr_occasion occ[2] = {{200, {5, 5}}, {100, {5, 5}}};
    tr_outcome o;
    tr_error err = {0};
    tr_outcome_config bad = cfg;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "earlier"));
    occ[1].ts = 300;
    occ[1].score[0] = 28;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "phq9 28 is outside 0-27"));
    assert_int_equal(o.first, -1);
    bad.scale[1].reliable_change = 0;
    assert_int_equal(tr_outcome_compute(&bad, occ, 0, -1, &o, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "gad7: reliable change 0"));
    bad = cfg;
    strcpy(bad.scale[1].id, "phq9");
    assert_int_equal(tr_outcome_config_check(&bad, &err), TR_E_INVALID);
}

static void test_service_rates_and_denominators(void **state)
{
    tr_outcome_service s = {0};
    /* A: finished, at caseness, recovered and reliably improved. */
    tr_outcome a = run((const int[][2]){{16, 12}, {6, 5}}, 2, -1);
    /* B: finished, at caseness, not recovered, reliably deteriorated. */
    tr_outcome b = run((const int[][2]){{12, 9}, {19, 10}}, 2, -1);
    /* C: finished, not at caseness at start, reliably improved. */
    tr_outcome c = run((const int[][2]){{9, 7}, {2, 1}}, 2, -1);
    /* D: one session only: not finished, left out of every rate. */
    tr_outcome d = run((const int[][2]){{20, 15}}, 1, -1);
    /* E: three sessions but only one paired occasion: finished, unpaired. */
    tr_outcome e = run((const int[][2]){{20, 15}, {18, M}, {M, 9}}, 3, -1);
    tr_outcome_service_add(&s, &a);
    tr_outcome_service_add(&s, &b);
    tr_outcome_service_add(&s, &c);
    tr_outcome_service_add(&s, &d);
    tr_outcome_service_add(&s, &e);
    tr_outcome_service_rates(&s);
    assert_int_equal(s.clients, 5);
    assert_int_equal(s.finished, 3);
    assert_int_equal(s.finished_unpaired, 1);
    assert_int_equal(s.caseness_start, 2);
    assert_int_equal(s.recovered, 1);
    /* recovered / (finished - not at caseness at start) = 1 / (3 - 1) */
    assert_true(fabs(s.recovery_rate - 0.5) < 1e-12);
    /* reliable improvement over all who finished = 2 / 3 */
    assert_true(fabs(s.reliable_improvement_rate - 2.0 / 3.0) < 1e-12);
    assert_true(fabs(s.reliable_deterioration_rate - 1.0 / 3.0) < 1e-12);
    assert_true(fabs(s.reliable_recovery_rate - 0.5) < 1e-12);

    /* No finished client at caseness: the recovery rate is undefined, not 0. */
    s = (tr_outcome_service){0};
    tr_outcome_service_add(&s, &c);
    tr_outcome_service_rates(&s);
    assert_true(isnan(s.recovery_rate));
    assert_true(fabs(s.reliable_improvement_rate - 1.0) < 1e-12);
}

static tr_status parse(const char *text, tr_occasion **occ, size_t *n, tr_error *err)
{
    return tr_outcome_parse_measures(&cfg, text, strlen(text), "m.json", occ, n, err);
}

static void test_parse_measures(void **state)
{
    tr_occasion *occ = NULL;
    size_t n = 0;
    tr_error err = {0};
    const char *ok = "[{\"date\":\"2026-02-02\",\"phq9\":9,\"gad7\":null},"
                     " {\"date\":\"2026-01-05\",\"phq9\":14,\"gad7\":11},"
                     " {\"date\":\"2026-01-12T09:30:00Z\",\"gad7\":10}]";
    assert_int_equal(parse(ok, &occ, &n, &err), TR_OK);
    assert_int_equal(n, 3);
    /* Sorted by date; null and an absent key are both "not measured". */
    assert_int_equal(occ[0].score[0], 14);
    assert_int_equal(occ[1].score[0], M);
    assert_int_equal(occ[1].score[1], 10);
    assert_int_equal(occ[2].score[1], M);
    free(occ);

    assert_int_equal(parse("[]", &occ, &n, &err), TR_OK);
    assert_int_equal(n, 0);
    assert_null(occ);
}

static void expect_bad(const char *text, const char *want)
{
    tr_occasion *occ = (tr_occasion *)&occ;
    size_t n = 9;
    tr_error err = {0};
    assert_int_not_equal(parse(text, &occ, &n, &err), TR_OK);
    assert_null(occ);
    assert_int_equal(n, 0);
    if (!strstr(err.msg, want))
        fail_msg("message '%s' does not contain '%s'", err.msg, want);
}

static void test_parse_measures_rejects_bad_input(void **state)
{
    expect_bad("{\"date\":\"2026-01-05\"}", "m.json: $: expected an array");
    expect_bad("[1]", "m.json: $[0]: each measurement must be an object");
    expect_bad("[{\"phq9\":3}]", "$[0]: the \"date\" field is missing");
    expect_bad("[{\"date\":\"2026-02-30\",\"phq9\":3}]", "$[0].date: expected a date");
    expect_bad("[{\"date\":5}]", "$[0].date");
    expect_bad("[{\"date\":\"2026-01-05\"},{\"date\":\"2026-01-06\",\"phq9\":28}]",
               "$[1].phq9: expected a whole number 0-27");
    expect_bad("[{\"date\":\"2026-01-05\",\"gad7\":-1}]", "$[0].gad7");
    expect_bad("[{\"date\":\"2026-01-05\",\"gad7\":3.5}]", "$[0].gad7");
    expect_bad("[{\"date\":\"2026-01-05\",\"gad7\":\"3\"}]", "$[0].gad7");
    expect_bad("[{\"date\":\"2026-01-05\",\"phq-9\":3}]", "unknown field \"phq-9\"");
    expect_bad("[{\"date\":\"2026-01-05\",\"phq9\":3,\"phq9\":4}]", "$[0].phq9: given twice");
    expect_bad("[{\"date\":\"2026-01-05\",", "m.json:1:");
}

static void test_parse_service(void **state)
{
    tr_outcome_service s;
    tr_error err = {0};
    char *text;
    cJSON *j;
    /* The clients of test_service_rates_and_denominators, as a --service file. */
    const char *in = "{\"a\":[{\"date\":\"2026-01-05\",\"phq9\":16,\"gad7\":12},"
                     "{\"date\":\"2026-02-05\",\"phq9\":6,\"gad7\":5}],"
                     "\"b\":[{\"date\":\"2026-01-05\",\"phq9\":12,\"gad7\":9},"
                     "{\"date\":\"2026-02-05\",\"phq9\":19,\"gad7\":10}],"
                     "\"c\":[{\"date\":\"2026-01-05\",\"phq9\":9,\"gad7\":7},"
                     "{\"date\":\"2026-02-05\",\"phq9\":2,\"gad7\":1}],"
                     "\"d\":[{\"date\":\"2026-01-05\",\"phq9\":20,\"gad7\":15}],"
                     "\"e\":[{\"date\":\"2026-01-05\",\"phq9\":20,\"gad7\":15},"
                     "{\"date\":\"2026-01-12\",\"phq9\":18},{\"date\":\"2026-01-19\",\"gad7\":9}]}";
    assert_int_equal(tr_outcome_parse_service(&cfg, in, strlen(in), "s.json", &s, &err), TR_OK);
    j = tr_outcome_service_to_json(&s);
    text = cJSON_PrintUnformatted(j);
    assert_string_equal(text, "{\"clients\":5,\"finished\":3,\"finished_unpaired\":1,"
                              "\"caseness_start\":2,\"recovered\":1,\"reliably_improved\":2,"
                              "\"reliably_deteriorated\":1,\"reliably_recovered\":1,"
                              "\"recovery_rate\":0.5,"
                              "\"reliable_improvement_rate\":0.66666666666666663,"
                              "\"reliable_deterioration_rate\":0.33333333333333331,"
                              "\"reliable_recovery_rate\":0.5}");
    cJSON_free(text);
    cJSON_Delete(j);

    assert_int_equal(tr_outcome_parse_service(&cfg, "{}", 2, "s.json", &s, &err), TR_OK);
    j = tr_outcome_service_to_json(&s);
    text = cJSON_PrintUnformatted(j);
    assert_non_null(strstr(text, "\"recovery_rate\":null"));
    cJSON_free(text);
    cJSON_Delete(j);

    in = "{\"a\":[],\"k7\":[{\"date\":\"2026-01-05\",\"phq9\":30}]}";
    assert_int_equal(tr_outcome_parse_service(&cfg, in, strlen(in), "s.json", &s, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "s.json: $.k7[0].phq9: expected a whole number 0-27"));
    assert_int_equal(s.clients, 0);
    in = "{\"a\":[],\"a\":[]}";
    assert_int_equal(tr_outcome_parse_service(&cfg, in, strlen(in), "s.json", &s, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "$.a: this client is given twice"));
    assert_int_equal(tr_outcome_parse_service(&cfg, "[]", 2, "s.json", &s, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "expected an object of clients"));
}

static void test_json_output(void **state)
{
    tr_occasion *occ = NULL;
    size_t n = 0;
    tr_outcome o;
    char *text;
    cJSON *j;
    const char *in = "[{\"date\":\"2026-01-05\",\"phq9\":14,\"gad7\":11},"
                     "{\"date\":\"2026-03-02\",\"phq9\":7,\"gad7\":6}]";
    assert_int_equal(parse(in, &occ, &n, NULL), TR_OK);
    assert_int_equal(tr_outcome_compute(&cfg, occ, n, -1, &o, NULL), TR_OK);
    j = tr_outcome_to_json(&cfg, occ, &o);
    assert_non_null(j);
    text = cJSON_PrintUnformatted(j);
    assert_string_equal(text, "{\"first\":{\"date\":\"2026-01-05\",\"phq9\":14,\"gad7\":11},"
                              "\"last\":{\"date\":\"2026-03-02\",\"phq9\":7,\"gad7\":6},"
                              "\"caseness_start\":true,\"caseness_end\":false,"
                              "\"recovery\":true,\"reliable_improvement\":true,"
                              "\"reliable_deterioration\":false,\"reliable_recovery\":true,"
                              "\"sessions\":2,\"finished\":true,"
                              "\"change\":{\"phq9\":-7,\"gad7\":-5}}");
    cJSON_free(text);
    cJSON_Delete(j);

    assert_int_equal(tr_outcome_compute(&cfg, occ, 1, -1, &o, NULL), TR_OK);
    j = tr_outcome_to_json(&cfg, occ, &o);
    text = cJSON_PrintUnformatted(j);
    assert_non_null(strstr(text, "\"last\":null,\"caseness_start\":true,\"caseness_end\":null"));
    assert_non_null(strstr(text, "\"change\":null"));
    cJSON_free(text);
    cJSON_Delete(j);
    free(occ);
}

static void test_summary_keys(void **state)
{
    tr_outcome_text t[TR_OUTCOME_TEXT_MAX];
    tr_occasion occ[2] = {{0, {14, 11}}, {DAY, {7, 9}}};
    tr_outcome o;
    size_t k;

    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_int_equal(k, 3);
    assert_string_equal(t[0].key, "outcome.depression.fell_reliable");
    assert_string_equal(t[0].values[0].name, "points");
    assert_int_equal(t[0].values[0].value, 7);
    assert_string_equal(t[1].key, "outcome.anxiety.fell");
    assert_int_equal(t[1].values[0].value, 2);
    assert_string_equal(t[1].values[3].name, "reliable");
    assert_int_equal(t[1].values[3].value, 4);
    assert_string_equal(t[2].key, "outcome.still_caseness");

    occ[1].score[0] = 20; /* +6 on depression */
    occ[1].score[1] = 11;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[0].key, "outcome.depression.rose_reliable");
    assert_string_equal(t[1].key, "outcome.anxiety.same");

    occ[0].score[0] = 3; /* not at caseness at start, at caseness at the end */
    occ[0].score[1] = 2;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[2].key, "outcome.now_caseness");

    occ[0].score[0] = 16;
    occ[1].score[0] = 4;
    occ[1].score[1] = 2;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[2].key, "outcome.reliable_recovery");

    assert_int_equal(tr_outcome_compute(&cfg, occ, 1, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_int_equal(k, 1);
    assert_string_equal(t[0].key, "outcome.one");
    assert_int_equal(t[0].values[0].value, 16);

    assert_int_equal(tr_outcome_compute(&cfg, occ, 0, -1, &o, NULL), TR_OK);
    k = tr_outcome_summary(&cfg, occ, &o, t);
    assert_int_equal(k, 1);
    assert_string_equal(t[0].key, "outcome.none");
}

/* Issue 11 item 14: "reliable" only when reliable. A fall from 10 to 9 beside a reliable rise on
 * the other measure is not called recovery, and a rise near the reliable-change value is said
 * plainly, not as "a little". */
static void test_summary_words_honest(void **state)
{
    tr_outcome_text t[TR_OUTCOME_TEXT_MAX];
    tr_occasion occ[2] = {{0, {10, 0}}, {DAY, {9, 5}}};
    tr_outcome o;
    (void)state;

    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    assert_int_equal(o.recovery, 1); /* by the IAPT definition */
    assert_int_equal(o.reliable_deterioration, 1);
    assert_int_equal(tr_outcome_summary(&cfg, occ, &o, t), 3);
    assert_string_equal(t[0].key, "outcome.depression.fell");
    assert_string_equal(t[1].key, "outcome.anxiety.rose_reliable");
    assert_string_equal(t[2].key, "outcome.below_but_worse");

    occ[1].score[1] = 0; /* 10 -> 9, nothing else: below caseness, but not reliably */
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[2].key, "outcome.recovery");

    occ[0].score[0] = 10; /* +5 on depression (reliable is 6): near, not "a little" */
    occ[1].score[0] = 15;
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[0].key, "outcome.depression.rose_near");
    occ[1].score[0] = 14; /* +4: more than half of 6 */
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[0].key, "outcome.depression.rose_near");
    occ[1].score[0] = 13; /* +3: half of 6, "a little" */
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[0].key, "outcome.depression.rose");
    occ[1].score[1] = 3; /* anxiety +3 of 4: near */
    assert_int_equal(tr_outcome_compute(&cfg, occ, 2, -1, &o, NULL), TR_OK);
    tr_outcome_summary(&cfg, occ, &o, t);
    assert_string_equal(t[1].key, "outcome.anxiety.rose_near");
}

/* Every key the core can pick exists in every language of the shipped catalogs, and the
 * placeholders it fills are the ones the texts use. */
static void test_summary_keys_are_in_every_catalog(void **state)
{
    static const char *const langs[] = {"nb", "nn", "en"};
    char dir[4096], buf[1024];
    const char *content = getenv("TRINN_CONTENT");
    const char *const *keys;
    size_t n;
    tr_i18n *cat = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    tr_i18n_arg args[] = {{"points", "7"},      {"from", "14"},    {"to", "7"}, {"reliable", "6"},
                          {"depression", "14"}, {"anxiety", "11"}, {NULL, NULL}};

    assert_non_null(content);
    snprintf(dir, sizeof dir, "%s/i18n", content);
    if (tr_i18n_load(&(tr_i18n_desc){.dir = dir, .langs = langs, .n_langs = 3}, &cat, &diags,
                     &err) != TR_OK) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], buf, sizeof buf);
            print_error("%s\n", buf);
        }
        fail_msg("%s", err.msg);
    }
    keys = tr_outcome_summary_keys(&n);
    assert_int_equal(n, 20);
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < n; i++) {
            if (!tr_i18n_has(cat, langs[l], keys[i]))
                fail_msg("%s: no text for %s", langs[l], keys[i]);
            tr_i18n_format(cat, langs[l], keys[i], args, buf, sizeof buf);
            if (strchr(buf, '{'))
                fail_msg("%s: %s has a placeholder the core does not fill: %s", langs[l], keys[i],
                         buf);
        }
    }
    tr_i18n_format(cat, "en", "outcome.depression.fell_reliable", args, buf, sizeof buf);
    assert_string_equal(buf, "Your mood score (PHQ-9) has fallen by 7 points since you started "
                             "(from 14 to 7): that is a reliable improvement.");
    tr_diags_free(&diags);
    tr_i18n_free(cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseness_exactly_at_cutoff),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_reliable_change_exactly_at_value),
        cmocka_unit_test(test_improvement_with_reliable_rise_on_the_other),
        cmocka_unit_test(test_reliable_recovery_needs_both),
        cmocka_unit_test(test_pairing_with_missing_measures),
        cmocka_unit_test(test_one_and_no_measurement),
        cmocka_unit_test(test_sessions_given_and_finished_threshold),
        cmocka_unit_test(test_bad_occasions_are_refused),
        cmocka_unit_test(test_service_rates_and_denominators),
        cmocka_unit_test(test_parse_measures),
        cmocka_unit_test(test_parse_measures_rejects_bad_input),
        cmocka_unit_test(test_parse_service),
        cmocka_unit_test(test_json_output),
        cmocka_unit_test(test_summary_keys),
        cmocka_unit_test(test_summary_words_honest),
        cmocka_unit_test(test_summary_keys_are_in_every_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
