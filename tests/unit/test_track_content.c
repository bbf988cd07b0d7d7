/* Unit tests of tr_track_content: the numbers of the charts and of the outcome metrics come
 * from the shipped instrument files (PHQ-9: 0-27, caseness 10, reliable change 6, 5 bands). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_track_content.h"

static tr_inst *load_inst(const char *file)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    tr_inst *inst = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/instruments/%s", dir, file);
    assert_int_equal(tp_fs_read_file(path, 1 << 22, &text, &len), 0);
    if (tr_inst_parse(text, len, &(tr_inst_desc){.name = file}, &inst, &diags, &err) != TR_OK)
        fail_msg("%s", err.msg);
    tr_diags_free(&diags);
    free(text);
    return inst;
}

static void test_phq9_scale_from_the_instrument_file(void **state)
{
    tr_inst *inst = load_inst("phq9.json");
    tr_track_scale s;
    tr_error err = {0};
    assert_int_equal(tr_track_scale_from_inst(inst, &s, &err), TR_OK);
    assert_string_equal(s.id, "phq9");
    assert_true(s.max == 27);
    assert_true(s.caseness == 10);
    assert_true(s.reliable_change == 6);
    assert_int_equal(s.n_bands, 5);
    assert_string_equal(s.bands[0].id, "minimal");
    assert_true(s.bands[0].min == 0 && s.bands[0].max == 4);
    assert_true(s.bands[4].min == 20 && s.bands[4].max == 27);
    tr_inst_free(inst);
}

static void test_scale_without_cutoff_cannot_be_an_outcome_measure(void **state)
{
    tr_inst *inst = load_inst("phq9.json");
    tr_track_scale s[2];
    tr_track_config cfg = {.depression = "phq9", .anxiety = "other", .finished_sessions = 2};
    tr_outcome_config ocfg;
    tr_error err = {0};
    assert_int_equal(tr_track_scale_from_inst(inst, &s[0], &err), TR_OK);
    s[1] = s[0];
    strcpy(s[1].id, "other");
    s[1].caseness = NAN; /* e.g. a measure whose caseness is per item */
    assert_int_equal(tr_track_outcome_config(&cfg, s, 2, &ocfg, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "'other'"));
    s[1].caseness = 8;
    s[1].reliable_change = 4;
    assert_int_equal(tr_track_outcome_config(&cfg, s, 2, &ocfg, &err), TR_OK);
    assert_int_equal(ocfg.scale[0].caseness, 10);
    assert_int_equal(ocfg.scale[0].reliable_change, 6);
    assert_int_equal(ocfg.scale[0].max, 27);
    tr_inst_free(inst);
}

static tr_content *load_pack(void)
{
    tr_content *pack = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    char line[1024];
    if (tr_content_load(&(tr_content_desc){.dir = getenv("TRINN_CONTENT")}, &pack, &diags, &err) !=
        TR_OK) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
        fail_msg("%s", err.msg);
    }
    tr_diags_free(&diags);
    return pack;
}

/* The shipped tracking.json names instruments, modules, steps and fields that exist. */
static void test_shipped_tracking_matches_the_pack(void **state)
{
    tr_content *pack = load_pack();
    tr_track_config cfg;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + 2];
    tr_track *t = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    char line[1024];
    size_t n = 0;

    assert_int_equal(tr_track_config_load(pack->dir, &cfg, &err), TR_OK);
    if (tr_track_check_content(&cfg, pack, &diags) != TR_OK) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
        fail_msg("tracking.json does not match the pack");
    }
    assert_true(cfg.n_module >= 3);
    assert_int_equal(
        tr_track_scales_from_pack(pack, &cfg, scales, TR_TRACK_MAX_MEASURES + 2, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    assert_true(scales[1].caseness == 8 && scales[1].reliable_change == 4 && scales[1].max == 21);
    assert_int_equal(
        tr_track_make(&(tr_track_desc){.config = &cfg, .scales = scales, .n_scales = n}, &t, &err),
        TR_OK);
    tr_track_destroy(t);
    tr_diags_free(&diags);
    tr_content_free(pack);
}

static void test_wrong_module_references_are_reported(void **state)
{
    tr_content *pack = load_pack();
    tr_track_config cfg;
    tr_diags diags = {0};
    tr_error err = {0};
    char all[4096] = "", line[1024];
    const char *want[] = {
        "$.module_series[0]: module 'nope' is not a valid module",
        "$.module_series[1]: module 'exposure' has no step 'steps'",
        "$.module_series[2]: rows: 'date' is not a list field",
        "$.module_series[3].fields[0]: 'fall' is not a stored rating or number field",
        "$.module_series[3]: date_field: 'before' is not a date field",
        "$.module_series[3]: group_field: 'peak' is not a text or choice field",
        "$.module_series[4].fields[1]: 'activity' is not a stored rating or number",
    };
    const char *text =
        "{\"format\":1,\"outcome\":{\"depression\":\"phq9\",\"anxiety\":\"gad7\","
        "\"finished_sessions\":2,\"occasion_window_hours\":12},\"measures\":{"
        "\"due_early_hours\":12,\"instruments\":[]},\"checkin\":{\"every_days\":1,\"fields\":"
        "[]},\"module_series\":["
        "{\"id\":\"a\",\"module\":\"nope\",\"fields\":[\"x\"]},"
        "{\"id\":\"b\",\"module\":\"exposure\",\"step\":\"steps\",\"fields\":[\"x\"]},"
        "{\"id\":\"c\",\"module\":\"exposure\",\"step\":\"tries\",\"rows\":\"date\","
        "\"fields\":[\"x\"]},"
        "{\"id\":\"d\",\"module\":\"exposure\",\"step\":\"tries\",\"date_field\":\"before\","
        "\"group_field\":\"peak\",\"fields\":[\"fall\",\"after\"]},"
        "{\"id\":\"e\",\"module\":\"behavioural_activation\",\"rows\":\"activities\","
        "\"fields\":[\"mood\",\"activity\"]}]}";

    assert_int_equal(tr_track_config_parse(text, strlen(text), "t", &cfg, &err), TR_OK);
    assert_int_equal(tr_track_check_content(&cfg, pack, &diags), TR_E_INVALID);
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], line, sizeof line);
        strncat(all, line, sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(all, want[i]))
            fail_msg("missing '%s' in:\n%s", want[i], all);
    assert_int_equal(diags.count, 7);

    /* An outcome measure the pack lacks. */
    tr_diags_free(&diags);
    snprintf(cfg.anxiety, sizeof cfg.anxiety, "pswq");
    cfg.n_module = 0;
    assert_int_equal(tr_track_check_content(&cfg, pack, &diags), TR_E_INVALID);
    assert_non_null(strstr(diags.items[0].msg, "'pswq'"));
    tr_diags_free(&diags);
    tr_content_free(pack);
}

/* A routine measure answered on its own becomes a `measure` record exactly as RECORDS.md says,
 * which the tracker reads back as a point of the PHQ-9 series. */
static void test_measure_record(void **state)
{
    tr_content *pack = load_pack();
    const tr_inst *phq9 = tr_content_find_inst(pack, "phq9");
    tr_track_config cfg;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + 2];
    tr_track *t = NULL;
    tr_track_series s;
    tr_score sc;
    tr_error err = {0};
    size_t n = 0;
    /* phq9_1..8 at 1, item 9 at 2 (a flag), an answer of another instrument to leave out */
    cJSON *answers = cJSON_Parse("{\"phq9_1\":1,\"phq9_2\":1,\"phq9_3\":1,\"phq9_4\":1,"
                                 "\"phq9_5\":1,\"phq9_6\":1,\"phq9_7\":1,\"phq9_8\":1,"
                                 "\"phq9_9\":2,\"gad7_1\":3}");
    assert_non_null(phq9);
    assert_non_null(answers);
    assert_int_equal(tr_inst_score(phq9, answers, &sc, &err), TR_OK);
    cJSON *rec = tr_track_measure_record(phq9, &sc, answers, "2026-11-27T03:00:00Z");
    assert_non_null(rec);
    char *text = cJSON_PrintUnformatted(rec);
    assert_string_equal(text, "{\"type\":\"measure\",\"ts\":\"2026-11-27T03:00:00Z\","
                              "\"instrument\":\"phq9\",\"answers\":{\"phq9_1\":1,\"phq9_2\":1,"
                              "\"phq9_3\":1,\"phq9_4\":1,\"phq9_5\":1,\"phq9_6\":1,\"phq9_7\":1,"
                              "\"phq9_8\":1,\"phq9_9\":2},\"total\":10,\"band\":\"moderate\","
                              "\"caseness\":true,\"scorable\":true}");
    cJSON_free(text);

    assert_int_equal(tr_track_config_load(pack->dir, &cfg, &err), TR_OK);
    assert_int_equal(
        tr_track_scales_from_pack(pack, &cfg, scales, TR_TRACK_MAX_MEASURES + 2, &n, &err), TR_OK);
    assert_int_equal(
        tr_track_make(&(tr_track_desc){.config = &cfg, .scales = scales, .n_scales = n}, &t, &err),
        TR_OK);
    assert_int_equal(tr_track_feed(t, rec, &err), TR_OK);
    assert_int_equal(tr_track_skipped(t), 0);
    assert_int_equal(tr_track_series_get(t, "phq9", &s, &err), TR_OK);
    assert_int_equal(s.n_points, 1);
    assert_true(s.points[0].v[0] == 10);
    cJSON_Delete(rec);

    /* too few answers: not scorable, total and band null, still a valid record */
    cJSON_Delete(answers);
    answers = cJSON_Parse("{\"phq9_1\":3}");
    assert_int_equal(tr_inst_score(phq9, answers, &sc, &err), TR_OK);
    assert_false(sc.scorable);
    rec = tr_track_measure_record(phq9, &sc, answers, "2026-11-28T03:00:00Z");
    text = cJSON_PrintUnformatted(rec);
    assert_string_equal(text, "{\"type\":\"measure\",\"ts\":\"2026-11-28T03:00:00Z\","
                              "\"instrument\":\"phq9\",\"answers\":{\"phq9_1\":3},"
                              "\"total\":null,\"band\":null,\"caseness\":null,\"scorable\":false}");
    cJSON_free(text);
    assert_int_equal(tr_track_feed(t, rec, &err), TR_OK);
    assert_int_equal(tr_track_skipped(t), 0);
    cJSON_Delete(rec);
    cJSON_Delete(answers);
    tr_track_destroy(t);
    tr_content_free(pack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phq9_scale_from_the_instrument_file),
        cmocka_unit_test(test_scale_without_cutoff_cannot_be_an_outcome_measure),
        cmocka_unit_test(test_shipped_tracking_matches_the_pack),
        cmocka_unit_test(test_wrong_module_references_are_reported),
        cmocka_unit_test(test_measure_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
