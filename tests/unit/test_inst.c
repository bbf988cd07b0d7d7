/* Instruments: parsing, exact scoring, answers in item order, test vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_inst.h"
#include "tr_json.h"

static char *read_file(const char *dir_env, const char *rel, size_t *len)
{
    char path[4096];
    char *buf = NULL;
    const char *dir = getenv(dir_env);
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(tp_fs_read_file(path, TR_JSON_MAX_BYTES, &buf, len), 0);
    return buf;
}

static tr_inst *parse_file(const char *dir_env, const char *rel, const tr_inst *const *known,
                           size_t n_known)
{
    size_t len = 0;
    char *buf = read_file(dir_env, rel, &len);
    tr_diags diags = {0};
    tr_error err = {0};
    tr_inst *inst = NULL;
    tr_status st =
        tr_inst_parse(buf, len, &(tr_inst_desc){.name = rel, .known = known, .n_known = n_known},
                      &inst, &diags, &err);
    for (size_t i = 0; i < diags.count; i++) {
        char line[1200];
        tr_diag_format(&diags.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    assert_int_equal(st, TR_OK);
    assert_int_equal(diags.count, 0);
    tr_diags_free(&diags);
    free(buf);
    return inst;
}

static void score_list(const tr_inst *inst, const char *list, tr_score *out)
{
    cJSON *answers = NULL;
    tr_error err = {0};
    assert_int_equal(tr_inst_answers_from_list(inst, list, &answers, &err), TR_OK);
    assert_int_equal(tr_inst_score(inst, answers, out, &err), TR_OK);
    cJSON_Delete(answers);
}

static void test_phq9_loads_and_vectors_pass(void **state)
{
    tr_inst *phq9 = parse_file("TRINN_CONTENT", "instruments/phq9.json", NULL, 0);
    tr_diags diags = {0};
    assert_string_equal(phq9->id, "phq9");
    assert_int_equal(phq9->n_items, 10);
    assert_int_equal(phq9->scoring.n_counted, 9);
    assert_true(phq9->scoring.range_max == 27);
    assert_true(phq9->scoring.cutoff == 10);
    assert_true(phq9->scoring.reliable_change == 6);
    assert_string_equal(phq9->loinc, "44249-1");
    assert_non_null(phq9->items[9].show_if);
    assert_true(cJSON_GetArraySize(phq9->test_vectors) >= 15);
    assert_int_equal(tr_inst_run_vectors(phq9, &diags), 0);
    tr_inst_free(phq9);
}

static void test_phq9_exact_scoring(void **state)
{
    tr_inst *phq9 = parse_file("TRINN_CONTENT", "instruments/phq9.json", NULL, 0);
    static const struct {
        const char *answers;
        double total;
        const char *band;
        int caseness;
    } cases[] = {
        {"0,0,0,0,0,0,0,0,0", 0, "minimal", 0},
        {"1,1,1,1,0,0,0,0,0", 4, "minimal", 0},
        {"1,1,1,1,1,0,0,0,0", 5, "mild", 0},
        {"2,2,2,2,1,0,0,0,0", 9, "mild", 0},
        {"2,2,2,2,2,0,0,0,0", 10, "moderate", 1},
        {"2,2,2,2,2,2,2,0,0", 14, "moderate", 1},
        {"3,3,3,3,3,0,0,0,0", 15, "moderately_severe", 1},
        {"3,3,3,3,3,2,2,0,0", 19, "moderately_severe", 1},
        {"3,3,3,3,3,3,2,0,0", 20, "severe", 1},
        {"3,3,3,3,3,3,3,3,3", 27, "severe", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tr_score s;
        score_list(phq9, cases[i].answers, &s);
        assert_true(s.scorable);
        assert_true(s.total == cases[i].total);
        assert_string_equal(s.band->id, cases[i].band);
        assert_int_equal(s.caseness, cases[i].caseness);
    }
    tr_inst_free(phq9);
}

static void test_phq9_missing_and_critical(void **state)
{
    tr_inst *phq9 = parse_file("TRINN_CONTENT", "instruments/phq9.json", NULL, 0);
    tr_score s;
    cJSON *json;
    char *text;

    score_list(phq9, "-,-,-,-,-,-,-,-,-", &s);
    assert_false(s.scorable);
    assert_null(s.band);
    assert_int_equal(s.caseness, -1);
    assert_int_equal(s.n_missing, 9);

    score_list(phq9, "2,2,2,1,1,1,0,0,-", &s); /* 9 * 9 / 8 = 10.125 */
    assert_true(s.scorable && s.prorated);
    assert_true(s.total == 10);

    score_list(phq9, "-,-,0,0,0,0,0,0,2", &s); /* two missing: no score, but the flag fires */
    assert_false(s.scorable);
    assert_int_equal(s.n_flags, 1);
    assert_string_equal(s.flags[0], "phq9_9");

    score_list(phq9, "0,0,0,0,0,0,0,0,1,somewhat", &s);
    assert_true(s.total == 1);
    json = tr_score_to_json(phq9, &s);
    text = cJSON_PrintUnformatted(json);
    assert_string_equal(text, "{\"instrument\":\"phq9\",\"total\":1,\"band\":\"minimal\","
                              "\"caseness\":false,\"flags\":[\"phq9_9\"],\"scorable\":true}");
    cJSON_free(text);
    cJSON_Delete(json);
    tr_inst_free(phq9);
}

static void test_answers_bad_input(void **state)
{
    tr_inst *phq9 = parse_file("TRINN_CONTENT", "instruments/phq9.json", NULL, 0);
    cJSON *answers = NULL;
    tr_error err = {0};
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,0", &answers, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not 3"));
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,0,0,0,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,4,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "answer 3"));
    assert_non_null(strstr(err.msg, "phq9_3"));
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,x,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,1.5,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,0x1,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,1e0,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,.,0,0,0,0,0,0", &answers, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_inst_answers_from_list(phq9, "0,0,0,0,0,0,0,0,0,3", &answers, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "phq9_difficulty"));
    assert_null(answers);
    tr_inst_free(phq9);
}

static void test_licensed_example_loads(void **state)
{
    tr_inst *wsas = parse_file("TRINN_TESTDATA", "instruments/wsas_example.json", NULL, 0);
    tr_score s;
    assert_int_equal(wsas->n_items, 5);
    assert_true(wsas->scoring.range_max == 40);
    assert_int_equal(wsas->items[0].n_options, 9);
    assert_int_equal(wsas->scoring.caseness, TR_CASENESS_NONE);
    score_list(wsas, "8,8,8,8,8", &s);
    assert_true(s.total == 40);
    assert_string_equal(s.band->id, "moderately_severe");
    assert_int_equal(s.caseness, -1);
    score_list(wsas, "2,2,2,2,1", &s);
    assert_string_equal(s.band->id, "subclinical");
    tr_inst_free(wsas);
}

static void test_mean_reversed_subscales(void **state)
{
    tr_inst *m = parse_file("TRINN_TESTDATA", "instruments/mean_example.json", NULL, 0);
    tr_score s;
    assert_int_equal(m->scoring.method, TR_SCORE_MEAN);
    assert_true(m->items[3].reversed);
    score_list(m, "2,2,1,4", &s); /* (2 + 2 + 1 + 0) / 4 */
    assert_true(s.total == 1.25);
    assert_string_equal(s.band->id, "low");
    assert_int_equal(m->scoring.n_subscales, 1);
    assert_true(s.sub_scorable[0]);
    assert_true(s.subscores[0] == 4);
    score_list(m, "2,2,3,-", &s); /* 7 / 3 = 2.333.. -> 2.33 */
    assert_true(s.total == 2.33);
    assert_string_equal(s.band->id, "high");
    score_list(m, "4,0,0,4", &s);
    assert_int_equal(s.caseness, 1); /* any item at least 4 */
    tr_inst_free(m);
}

static void test_short_form_shares_answers(void **state)
{
    tr_inst *phq9 = parse_file("TRINN_CONTENT", "instruments/phq9.json", NULL, 0);
    const tr_inst *known[] = {phq9};
    tr_inst *phq2 = parse_file("TRINN_CONTENT", "instruments/phq2.json", known, 1);
    cJSON *answers = NULL;
    tr_error err = {0};
    tr_score s9, s2;
    assert_string_equal(phq2->items[0].id, "phq9_1");
    assert_int_equal(tr_inst_answers_from_list(phq9, "2,1,3,3,3,0,0,0,0", &answers, &err), TR_OK);
    assert_int_equal(tr_inst_score(phq9, answers, &s9, &err), TR_OK);
    assert_int_equal(tr_inst_score(phq2, answers, &s2, &err), TR_OK);
    assert_true(s9.total == 12);
    assert_true(s2.total == 3);
    assert_int_equal(s2.caseness, 1);
    cJSON_Delete(answers);
    tr_inst_free(phq2);
    tr_inst_free(phq9);
}

static void test_parse_rejects_junk(void **state)
{
    static const char *const bad[] = {
        "",
        "{",
        "[]",
        "null",
        "{\"format\": 1}",
        "{\"format\": 1, \"id\": \"X Y\"}",
        "{\"format\": 1, \"id\": \"a\", \"version\": \"1\", \"kind\": \"scored\", \"items\": [{}]}",
        "{\"format\": 1, \"id\": \"a\", \"parent\": \"b\", \"items\": [{\"ref\": \"c\"}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tr_diags d = {0};
        tr_error err = {0};
        tr_inst *inst = (tr_inst *)1;
        assert_int_not_equal(tr_inst_parse(bad[i], strlen(bad[i]), NULL, &inst, &d, &err), TR_OK);
        assert_null(inst);
        assert_true(d.count >= 1);
        assert_true(err.msg[0] != '\0');
        tr_diags_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phq9_loads_and_vectors_pass),
        cmocka_unit_test(test_phq9_exact_scoring),
        cmocka_unit_test(test_phq9_missing_and_critical),
        cmocka_unit_test(test_answers_bad_input),
        cmocka_unit_test(test_licensed_example_loads),
        cmocka_unit_test(test_mean_reversed_subscales),
        cmocka_unit_test(test_short_form_shares_answers),
        cmocka_unit_test(test_parse_rejects_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
