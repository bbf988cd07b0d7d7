/* The content pack: the shipped pack loads clean; the validator catches each kind of problem
 * (each test breaks one thing in a copy of the pack) and never half-loads; catalogs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_content.h"
#include "tr_json.h"
#include "tt_os.h"

static const char *content_dir(void)
{
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    return dir;
}

static void print_diags(const tr_diags *d)
{
    char line[1200];
    for (size_t i = 0; i < d->count; i++) {
        tr_diag_format(&d->items[i], line, sizeof line);
        fprintf(stderr, "  %s\n", line);
    }
}

/* Copies the shipped pack into a fresh temporary folder; returns its path (static buffer). */
static const char *copy_pack(void)
{
    static char dir[256];
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-content"), 0);
    assert_int_equal(tt_copy_tree(content_dir(), dir), 0);
    return dir;
}

static void remove_pack(const char *dir)
{
    assert_int_equal(tt_remove_tree(dir), 0);
}

/* Replaces the first `from` in dir/rel by `to` (the test fails if `from` is absent). */
static void patch(const char *dir, const char *rel, const char *from, const char *to)
{
    char path[1024], *buf = NULL, *at;
    size_t len = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(tp_fs_read_file(path, TR_JSON_MAX_BYTES, &buf, &len), 0);
    at = strstr(buf, from);
    if (!at)
        fail_msg("'%s' not found in %s", from, rel);
    f = fopen(path, "w");
    assert_non_null(f);
    fwrite(buf, 1, (size_t)(at - buf), f);
    fputs(to, f);
    fputs(at + strlen(from), f);
    assert_int_equal(fclose(f), 0);
    free(buf);
}

static void write_file(const char *dir, const char *rel, const char *text)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Loads dir, expects failure with a diagnostic in `file` whose text holds `want`. */
static void expect_problem(const char *dir, const char *file, const char *want)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = (tr_content *)1;
    int found = 0;
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &d, &err),
                     TR_E_INVALID);
    assert_null(pack); /* all or nothing */
    assert_non_null(strstr(err.msg, "problem"));
    for (size_t i = 0; i < d.count; i++) {
        char line[1200];
        tr_diag_format(&d.items[i], line, sizeof line);
        if (strcmp(d.items[i].file, file) == 0 && strstr(line, want))
            found = 1;
    }
    if (!found) {
        print_diags(&d);
        fail_msg("no problem in %s saying '%s'", file, want);
    }
    tr_diags_free(&d);
}

/* Patches rel in a copy of the pack; expects the problem reported in file `in`. */
static void break_in(const char *rel, const char *from, const char *to, const char *in,
                     const char *want)
{
    const char *dir = copy_pack();
    patch(dir, rel, from, to);
    expect_problem(dir, in, want);
    remove_pack(dir);
}

static void break_one(const char *rel, const char *from, const char *to, const char *want)
{
    break_in(rel, from, to, rel, want);
}

static void test_shipped_pack_is_clean(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    const tr_inst *owner = NULL;
    const tr_item *it;
    tr_status st = tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err);
    print_diags(&d);
    assert_int_equal(st, TR_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(pack->default_lang, "nb");
    assert_int_equal(pack->n_langs, 3);
    assert_int_equal(pack->service.min_age, 16);
    assert_string_equal(pack->service.phone, "");
    for (const char *const *id = (const char *const[]){"phq9", "gad7", "auditc", "phq2", "gad2",
                                                       "intake", "risk", NULL};
         *id; id++)
        assert_non_null(tr_content_find_inst(pack, *id));
    /* Levels in order of intensity, self-help never offered with risk. */
    assert_int_equal(pack->n_levels, 6);
    assert_string_equal(pack->levels[0].id, "self_help");
    assert_false(pack->levels[0].allowed_with_risk);
    assert_string_equal(pack->levels[5].id, "acute");
    assert_int_equal(tr_content_find_level(pack, "course")->rank, 2);
    assert_null(tr_content_find_level(pack, "nosuch"));
    /* Crisis contacts as CLINICAL.md lists them. */
    assert_int_equal(pack->n_crisis, 5);
    assert_string_equal(tr_content_find_crisis(pack, "emergency")->dial, "113");
    assert_string_equal(tr_content_find_crisis(pack, "kirkens_sos")->number, "22 40 00 40");
    assert_string_equal(
        tr_content_text(pack, &tr_content_find_crisis(pack, "legevakt")->name, "en"),
        "Out-of-hours doctor (legevakt)");
    /* Items are found in their own instrument, not in a short form. */
    it = tr_content_find_item(pack, "phq9_1", &owner);
    assert_non_null(it);
    assert_string_equal(owner->id, "phq9");
    assert_null(tr_content_find_item(pack, "nosuch", &owner));
    assert_null(owner);
    /* The sequence: risk right after PHQ-9 item 9, shown only when it is above 0. */
    for (size_t i = 0; i < pack->n_steps; i++) {
        if (strcmp(pack->steps[i].id, "risk") == 0) {
            assert_string_equal(pack->steps[i - 1].inst->items[pack->steps[i - 1].items[8]].id,
                                "phq9_9");
            assert_non_null(pack->steps[i].show_if);
        }
    }
    assert_string_equal(tr_content_msg(pack, "nn", "risk.acute"), "Du treng hjelp no");
    tr_content_free(pack);
}

static void test_every_vector_runs(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    size_t vectors = 0;
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err),
                     TR_OK);
    for (size_t i = 0; i < pack->n_insts; i++) {
        const tr_inst *in = pack->insts[i];
        if (in->kind != TR_INST_SCORED)
            continue;
        assert_true(cJSON_GetArraySize(in->test_vectors) >= 5);
        vectors += (size_t)cJSON_GetArraySize(in->test_vectors);
        assert_int_equal(tr_inst_run_vectors(in, &d), 0);
    }
    assert_true(vectors >= 50);
    print_diags(&d);
    assert_int_equal(d.count, 0);
    tr_content_free(pack);
}

static void test_validator_catches_each_problem(void **state)
{
    break_one("instruments/gad7.json", "\"id\": \"gad7_2\"", "\"id\": \"gad7_1\"",
              "item id 'gad7_1' is used twice");
    {
        const char *dir = copy_pack();
        patch(dir, "instruments/gad7.json", "\"id\": \"gad7_3\"", "\"id\": \"phq9_3\"");
        expect_problem(dir, "instruments/phq9.json",
                       "item id 'phq9_3' is also used in instruments/gad7.json");
        remove_pack(dir);
    }
    break_in("instruments/gad7.json", "\"id\": \"gad7\"", "\"id\": \"phq9\"",
             "instruments/phq9.json", "instrument id 'phq9' is also used by instruments/gad7.json");
    break_one("instruments/phq9.json", "\"options\": \"difficulty\"", "\"options\": \"dificulty\"",
              "unknown option set 'dificulty'");
    break_one("risk.json", "\"var\": \"phq9_9\"", "\"var\": \"phq9_99\"",
              "$.items[0].show_if.>[0].var: show_if refers to 'phq9_99'");
    break_one("pack.json", "{\"var\": \"phq9_9\"}", "{\"var\": \"phq_9\"}",
              "show_if refers to 'phq_9'");
    break_one("levels.json", "\"nn\": \"Sjølvhjelp\"", "\"xx\": \"Sjølvhjelp\"",
              "$.levels[0].name: missing the nn translation");
    break_one("instruments/auditc.json", "\"value\": 4,", "\"value\": 5,",
              "value 5 is outside the scale 0-4");
    break_one("instruments/gad7.json", "\"max\": 9", "\"max\": 8", "no band covers the total 9");
    break_one("instruments/gad7.json", "\"min\": 10", "\"min\": 9",
              "bands 'mild' and 'moderate' overlap at total 9");
    break_one("instruments/phq9.json", "\"total\": 4,", "\"total\": 5,",
              "test vector 'total 4 (band edge)' fails: expected total 5, scoring gives 4");
    break_one("instruments/phq9.json", "\"band\": \"moderate\"", "\"band\": \"mild\"",
              "expected band \"mild\", scoring gives \"moderate\"");
    break_one("instruments/phq2.json", "\"parent\": \"phq9\"", "\"parent\": \"phq8\"",
              "unknown parent instrument 'phq8'");
    break_one("pack.json", "[\"phq9_difficulty\"]", "[\"phq9_dificulty\"]",
              "'phq9' has no such item");
    break_one("pack.json", "\"questionnaire\": \"gad7\"", "\"questionnaire\": \"gad8\"",
              "not 'gad8'");
    break_one("instruments/gad7.json", "\"prorate\": true", "\"prorate\": false",
              "must be prorated");
    break_one("instruments/gad7.json", "\"total_at_least\": 8", "\"total_at_least\": 30",
              "cut-off 30 is outside the range 0-21");
    break_one("instruments/phq9.json", "\"status\": \"draft\"", "\"status\": \"unsure\"",
              "status must be \"official\" or \"draft\"");
    break_one("instruments/gad7.json", "\"scale\": [", "\"scales\": [",
              "its option set 'frequency' must state its \"scale\"");
    break_one("crisis.json", "\"dial\": \"116117\"", "\"dial\": \"116 117\"",
              "\"dial\" must hold only digits");
    break_one("levels.json", "\"allowed_with_risk\": false", "\"allowed_with_risk\": \"no\"",
              "\"allowed_with_risk\" must be true or false");
}

static void test_parse_errors_have_line_and_col(void **state)
{
    const char *dir = copy_pack();
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    write_file(dir, "intake.json", "{\n  \"format\": 1,\n  \"id\": \"intake\",,\n}\n");
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &d, &err),
                     TR_E_INVALID);
    assert_null(pack);
    assert_true(d.count >= 1);
    assert_string_equal(d.items[0].file, "intake.json");
    assert_int_equal(d.items[0].line, 3);
    assert_true(d.items[0].col > 0);
    tr_diags_free(&d);
    remove_pack(dir);
}

static void test_every_problem_is_reported(void **state)
{
    const char *dir = copy_pack();
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    patch(dir, "instruments/gad7.json", "\"max\": 9", "\"max\": 8");
    patch(dir, "risk.json", "\"var\": \"phq9_9\"", "\"var\": \"phq9_99\"");
    patch(dir, "i18n/en/core.json", "  \"question.skip\": \"Skip\",\n", "");
    patch(dir, "i18n/nb/core.json", "{n} av {total}", "{n} av {antall}");
    write_file(dir, "i18n/nb/extra.json", "{\"app.name\": \"Trinn\"}");
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &d, &err),
                     TR_E_INVALID);
    assert_null(pack);
    print_diags(&d);
    assert_true(d.count >= 5);
    expect_problem(dir, "instruments/gad7.json", "no band covers");
    expect_problem(dir, "risk.json", "phq9_99");
    expect_problem(dir, "i18n/en/core.json", "key \"question.skip\" is missing in en");
    expect_problem(dir, "i18n/en/core.json",
                   "key \"question.progress\" has other {placeholders} than in nb");
    expect_problem(dir, "i18n/nb/extra.json", "key \"app.name\" is defined twice");
    tr_diags_free(&d);
    remove_pack(dir);
}

static void test_missing_pack(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    assert_int_equal(
        tr_content_load(&(tr_content_desc){.dir = "/nonexistent/pack"}, &pack, &d, &err),
        TR_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "pack.json"));
    assert_null(pack);
}

static void test_i18n(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    char buf[64];
    size_t n;
    tr_text t = {0};
    cJSON *j;
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err),
                     TR_OK);
    assert_string_equal(tr_i18n_get(pack->i18n, "en", "question.skip"), "Skip");
    assert_string_equal(tr_i18n_get(pack->i18n, "de", "question.skip"), "Hopp over"); /* nb */
    assert_string_equal(tr_i18n_get(pack->i18n, "en", "no.such.key"), "no.such.key");
    assert_string_equal(tr_i18n_get(NULL, "en", "x.y"), "x.y");
    assert_true(tr_i18n_has(pack->i18n, "nn", "risk.acute"));
    assert_false(tr_i18n_has(pack->i18n, "nn", "risk.nosuch"));
    n = tr_i18n_format(pack->i18n, "en", "question.progress",
                       (const tr_i18n_arg[]){{"n", "3"}, {"total", "9"}, {NULL, NULL}}, buf,
                       sizeof buf);
    assert_string_equal(buf, "Question 3 of 9");
    assert_int_equal(n, strlen("Question 3 of 9"));
    n = tr_i18n_fill("{a} and {b} and {a}", (const tr_i18n_arg[]){{"a", "x"}, {NULL, NULL}}, buf,
                     8);
    assert_string_equal(buf, "x and {");
    assert_int_equal(n, strlen("x and {b} and x"));
    tr_content_free(pack);

    j = cJSON_Parse("{\"nb\": \"hei\", \"en\": \"hi\"}");
    assert_int_equal(tr_text_read(j, &t, &err), TR_OK);
    assert_string_equal(tr_text_get(&t, "en", "nb"), "hi");
    assert_string_equal(tr_text_get(&t, "nn", "nb"), "hei");
    assert_string_equal(tr_text_get(&t, "nn", "de"), "hei");
    assert_null(tr_text_find(&t, "nn"));
    cJSON_Delete(j);
    j = cJSON_Parse("{\"NB\": \"hei\"}");
    assert_int_equal(tr_text_read(j, &t, &err), TR_E_INVALID);
    cJSON_Delete(j);
    j = cJSON_Parse("\"hei\"");
    assert_int_equal(tr_text_read(j, &t, &err), TR_E_INVALID);
    cJSON_Delete(j);
    assert_string_equal(tr_text_get(NULL, "nb", "nb"), "");
}

static void test_visibility(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    const tr_item *diff, *plans;
    const tr_step *risk = NULL;
    cJSON *none = cJSON_Parse("{\"phq9_1\": 0, \"phq9_9\": 0}");
    cJSON *some = cJSON_Parse("{\"phq9_1\": 0, \"phq9_4\": 2, \"phq9_9\": 0}");
    cJSON *item9 = cJSON_Parse("{\"phq9_9\": 1}");
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err),
                     TR_OK);
    diff = tr_content_find_item(pack, "phq9_difficulty", NULL);
    plans = tr_content_find_item(pack, "risk_plans", NULL);
    for (size_t i = 0; i < pack->n_steps; i++)
        if (strcmp(pack->steps[i].id, "risk") == 0)
            risk = &pack->steps[i];
    assert_non_null(diff);
    assert_non_null(plans);
    assert_non_null(risk);
    /* PHQ-9's difficulty item only when a problem was ticked. */
    assert_int_equal(tr_inst_item_visible(diff, NULL, &err), 0);
    assert_int_equal(tr_inst_item_visible(diff, none, &err), 0);
    assert_int_equal(tr_inst_item_visible(diff, some, &err), 1);
    /* Risk follow-ups only when PHQ-9 item 9 is above 0. */
    assert_int_equal(tr_inst_item_visible(plans, NULL, &err), 0);
    assert_int_equal(tr_inst_item_visible(plans, none, &err), 0);
    assert_int_equal(tr_inst_item_visible(plans, item9, &err), 1);
    assert_int_equal(tr_content_step_visible(risk, none, &err), 0);
    assert_int_equal(tr_content_step_visible(risk, item9, &err), 1);
    assert_int_equal(tr_content_step_visible(&pack->steps[0], NULL, &err), 1);
    assert_int_equal(tr_inst_item_visible(tr_content_find_item(pack, "phq9_1", NULL), NULL, &err),
                     1);
    cJSON_Delete(none);
    cJSON_Delete(some);
    cJSON_Delete(item9);
    tr_content_free(pack);
}

static void test_show_if_must_be_valid_jsonlogic(void **state)
{
    break_one("risk.json", "{\n        \">\": [", "{\n        \"greater\": [",
              "show_if is not a valid JsonLogic expression");
    break_one("pack.json", "{\">\": [{\"var\": \"phq9_9\"}, 0]}",
              "{\">\": [{\"var\": \"phq9_9\"}, 0], \"<\": [1, 2]}",
              "show_if is not a valid JsonLogic expression");
}

static void test_answers_flatten_and_group(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    cJSON *flat = NULL, *grouped;
    char *text;
    static const struct {
        const char *json;
        const char *want;
    } bad[] = {
        {"[]", "must be an object"},
        {"{\"phq10\": [0]}", "unknown instrument 'phq10'"},
        {"{\"phq9\": [0, 1]}", "not 2"},
        {"{\"phq9\": \"0,1\"}", "array in item order"},
        {"{\"intake\": {\"age\": 25}}", "intake: unknown item 'age'"},
        {"{\"intake\": {\"age_band\": 26}}", "item 'age_band': 26 is not one of its options"},
        {"{\"intake\": {\"main_troubles\": \"sleep\"}}", "takes a list of choices"},
        {"{\"phq9\": [2, 1, 0, 0, 0, 0, 0, 0, 0], \"phq2\": [1, 1]}",
         "item 'phq9_1' is answered twice with different answers"},
    };
    cJSON *in = cJSON_Parse("{\"phq9\": [2, 1, 0, 0, 0, 0, 0, 0, 1, null], \"phq2\": [2, 1],"
                            " \"intake\": {\"age_band\": 25, \"main_troubles\": [\"sleep\", "
                            "\"worry\"], \"duration\": null}, \"gad7\": null}");
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err),
                     TR_OK);
    assert_int_equal(tr_content_answers_flatten(pack, in, &flat, &err), TR_OK);
    assert_int_equal(cJSON_GetObjectItem(flat, "phq9_9")->valueint, 1);
    assert_null(cJSON_GetObjectItem(flat, "phq9_difficulty"));
    assert_null(cJSON_GetObjectItem(flat, "duration"));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(flat, "main_troubles")), 2);
    grouped = tr_content_answers_group(pack, flat);
    text = cJSON_PrintUnformatted(grouped);
    assert_string_equal(text, "{\"phq9\":{\"phq9_1\":2,\"phq9_2\":1,\"phq9_3\":0,\"phq9_4\":0,"
                              "\"phq9_5\":0,\"phq9_6\":0,\"phq9_7\":0,\"phq9_8\":0,\"phq9_9\":1},"
                              "\"intake\":{\"age_band\":25,\"main_troubles\":[\"sleep\","
                              "\"worry\"]}}");
    cJSON_free(text);
    cJSON_Delete(grouped);
    cJSON_Delete(flat);
    cJSON_Delete(in);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *j = cJSON_Parse(bad[i].json);
        flat = (cJSON *)1;
        assert_int_equal(tr_content_answers_flatten(pack, j, &flat, &err), TR_E_INVALID);
        assert_null(flat);
        if (!strstr(err.msg, bad[i].want))
            fail_msg("%s: got '%s', want '%s'", bad[i].json, err.msg, bad[i].want);
        cJSON_Delete(j);
    }
    tr_content_free(pack);
}

/* Issue 11 item 4: the full AUDIT reuses AUDIT-C's items; its answers are stored with the
 * instrument that defines each item, so nothing of the ten is lost. */
static void test_audit_answers_grouped(void **state)
{
    tr_content *pack = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    cJSON *flat = NULL, *grouped;
    char *text;
    (void)state;
    cJSON *in = cJSON_Parse("{\"audit\": [4, 4, 4, 3, 3, 4, 3, 3, 2, 4]}");
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &pack, &d, &err),
                     TR_OK);
    assert_int_equal(tr_content_answers_flatten(pack, in, &flat, &err), TR_OK);
    grouped = tr_content_answers_group(pack, flat);
    text = cJSON_PrintUnformatted(grouped);
    assert_string_equal(text, "{\"auditc\":{\"auditc_1\":4,\"auditc_2\":4,\"auditc_3\":4},"
                              "\"audit\":{\"audit_4\":3,\"audit_5\":3,\"audit_6\":4,"
                              "\"audit_7\":3,\"audit_8\":3,\"audit_9\":2,\"audit_10\":4}}");
    cJSON_free(text);
    cJSON_Delete(grouped);
    cJSON_Delete(flat);
    cJSON_Delete(in);
    tr_diags_free(&d);
    tr_content_free(pack);
}

static void collect_var(const char *name, const char *path, void *ctx)
{
    char *buf = ctx;
    size_t used = strlen(buf);
    snprintf(buf + used, 512 - used, "%s@%s;", name, path);
}

static void test_walk_vars(void **state)
{
    char seen[512] = "";
    cJSON *rule = cJSON_Parse("{\"and\": [{\">\": [{\"var\": \"a\"}, 0]}, {\"var\": [\"b\", 1]},"
                              " {\"in\": [\"x\", {\"var\": \"c.d\"}]}, {\"var\": \"\"}]}");
    assert_non_null(rule);
    assert_int_equal(tr_content_walk_vars(rule, "$.r", collect_var, seen), 3);
    assert_string_equal(seen, "a@$.r.and[0].>[0].var;b@$.r.and[1].var;c.d@$.r.and[2].in[1].var;");
    cJSON_Delete(rule);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_pack_is_clean),
        cmocka_unit_test(test_every_vector_runs),
        cmocka_unit_test(test_validator_catches_each_problem),
        cmocka_unit_test(test_parse_errors_have_line_and_col),
        cmocka_unit_test(test_every_problem_is_reported),
        cmocka_unit_test(test_missing_pack),
        cmocka_unit_test(test_i18n),
        cmocka_unit_test(test_walk_vars),
        cmocka_unit_test(test_visibility),
        cmocka_unit_test(test_answers_flatten_and_group),
        cmocka_unit_test(test_audit_answers_grouped),
        cmocka_unit_test(test_show_if_must_be_valid_jsonlogic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
