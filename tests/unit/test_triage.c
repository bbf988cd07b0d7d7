/* Unit tests of the BEON triage engine on the shipped content pack: typical cases (calm,
 * mild, moderate, severe, alcohol, youth), the safety rules around PHQ-9 item 9 and its
 * follow-ups, the input format and its errors, and the rules validator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tr_json.h"
#include "tt_os.h"
#include "tr_triage.h"

typedef struct fixture {
    tr_content *pack;
    tr_triage *rules;
} fixture;

static const char *content_dir(void)
{
    const char *d = getenv("TRINN_CONTENT");
    return d ? d : "content";
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    tr_diags diags = {0};
    tr_error err = {0};
    char line[1200];
    assert_non_null(f);
    if (tr_content_load(&(tr_content_desc){.dir = content_dir()}, &f->pack, &diags, &err) !=
            TR_OK ||
        tr_triage_load(f->pack, &f->rules, &diags, &err) != TR_OK) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
        fail_msg("%s", err.msg);
    }
    tr_diags_free(&diags);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tr_triage_free(f->rules);
    tr_content_free(f->pack);
    free(f);
    return 0;
}

/* Runs the triage on an input document (JSON text); the result must be freed. */
static tr_triage_result run(fixture *f, const char *input)
{
    tr_error err = {0};
    tr_triage_result r;
    cJSON *in = tr_json_parse(input, strlen(input), "test", &err), *answers = NULL;
    if (!in)
        fail_msg("bad test JSON: %s", err.msg);
    if (tr_triage_answers(f->pack, in, &answers, &err) != TR_OK)
        fail_msg("answers rejected: %s", err.msg);
    if (tr_triage_run(f->rules, answers, &r, &err) != TR_OK)
        fail_msg("triage failed: %s", err.msg);
    cJSON_Delete(in);
    cJSON_Delete(answers);
    return r;
}

static int has_reason(const tr_triage_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_reasons; i++)
        if (strcmp(r->reasons[i].id, id) == 0)
            return 1;
    return 0;
}

static int has_alt(const tr_triage_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_alternatives; i++)
        if (strcmp(r->alternatives[i]->id, id) == 0)
            return 1;
    return 0;
}

static int has_module(const tr_triage_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_modules; i++)
        if (strcmp(r->modules[i], id) == 0)
            return 1;
    return 0;
}

/* No level that may not be offered at risk appears anywhere in the result. */
static void assert_no_self_help(const tr_triage_result *r)
{
    assert_true(r->level->allowed_with_risk);
    for (size_t i = 0; i < r->n_alternatives; i++)
        assert_true(r->alternatives[i]->allowed_with_risk);
    assert_false(has_alt(r, "self_help"));
    assert_string_not_equal(r->level->id, "self_help");
}

#define ADULT "\"intake\":{\"age_band\":25,\"duration\":\"1_6_months\"}"

static void test_calm(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[0,1,0,0,0,1,0,0,0],"
                                     "\"gad7\":[1,0,0,0,0,0,1],\"auditc\":[1,0,0]," ADULT "}}");
    assert_int_equal(r.risk, TR_RISK_NONE);
    assert_string_equal(r.level->id, "self_help");
    assert_true(has_alt(&r, "guided_self_help"));
    assert_true(has_reason(&r, "minimal"));
    assert_int_equal(r.n_ask, 0);
    tr_triage_result_free(&r);
}

static void test_moderate(void **state)
{
    char text[2048];
    tr_triage_result r =
        run(*state, "{\"answers\":{\"phq9\":[2,2,1,1,1,1,1,1,0],\"gad7\":[1,1,1,1,1,1,1],"
                    "\"intake\":{\"age_band\":35,\"main_troubles\":[\"low_mood\"]}}}");
    assert_int_equal(r.risk, TR_RISK_NONE);
    assert_string_equal(r.level->id, "guided_self_help");
    assert_true(has_alt(&r, "course"));
    assert_true(has_alt(&r, "individual"));
    assert_true(has_module(&r, "behavioural_activation"));
    assert_true(has_reason(&r, "phq9_moderate"));
    /* the reason names the score, filled in from the data */
    for (size_t i = 0; i < r.n_reasons; i++)
        if (strcmp(r.reasons[i].id, "phq9_moderate") == 0)
            tr_triage_reason_text((*(fixture **)state)->rules, &r, i, "en", text, sizeof text);
    assert_non_null(strstr(text, "PHQ-9 score is 10,"));
    tr_triage_result_free(&r);
}

static void test_severe(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[3,3,3,3,2,2,2,2,0],"
                                     "\"gad7\":[2,2,2,2,2,2,2]," ADULT "}}");
    assert_string_equal(r.level->id, "refer");
    assert_string_equal(r.referral, "gp_specialist");
    assert_true(has_alt(&r, "individual"));
    assert_false(has_alt(&r, "self_help"));
    tr_triage_result_free(&r);

    r = run(*state, "{\"answers\":{\"phq9\":[1,1,1,1,1,1,0,0,0],\"gad7\":[3,3,2,2,2,2,2]}}");
    assert_string_equal(r.level->id, "individual"); /* GAD-7 16: severe anxiety */
    tr_triage_result_free(&r);
}

static void test_alcohol(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,0],"
                                     "\"gad7\":[0,0,0,0,0,0,0],\"auditc\":[3,2,2]," ADULT "}}");
    assert_string_equal(r.level->id, "guided_self_help"); /* raised from self_help */
    assert_true(has_module(&r, "alcohol"));
    assert_true(has_reason(&r, "alcohol"));
    assert_true(has_alt(&r, "individual"));
    tr_triage_result_free(&r);
}

static void test_youth(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[1,1,1,1,1,1,1,1,0],"
                                     "\"gad7\":[0,0,0,0,0,0,0],\"intake\":{\"age_band\":0}}}");
    assert_string_equal(r.level->id, "refer");
    assert_string_equal(r.referral, "youth_services");
    assert_true(has_reason(&r, "youth"));
    tr_triage_result_free(&r);
    /* 16-17 is within the default lower limit of 16 */
    r = run(*state, "{\"answers\":{\"phq9\":[1,1,1,1,1,1,1,1,0],"
                    "\"gad7\":[0,0,0,0,0,0,0],\"intake\":{\"age_band\":16}}}");
    assert_null(r.referral);
    tr_triage_result_free(&r);
}

static void test_item9_gives_elevated_and_no_self_help(void **state)
{
    /* a calm profile otherwise: the rules alone would say self_help */
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,1],"
                                     "\"gad7\":[0,0,0,0,0,0,0],\"risk\":{\"risk_plans\":\"no\","
                                     "\"risk_intent\":\"no\",\"risk_safe\":\"yes\"}}}");
    assert_int_equal(r.risk, TR_RISK_ELEVATED);
    assert_no_self_help(&r);
    assert_true(has_reason(&r, "safety_critical_item"));
    assert_true(has_module(&r, "relapse_crisis_plan"));
    tr_triage_result_free(&r);
}

static void test_followups_decide_acute(void **state)
{
    const char *acute[] = {"\"risk_plans\":\"yes\",\"risk_intent\":\"no\",\"risk_safe\":\"yes\"",
                           "\"risk_plans\":\"no\",\"risk_intent\":\"yes\",\"risk_safe\":\"yes\"",
                           "\"risk_plans\":\"no\",\"risk_intent\":\"no\",\"risk_safe\":\"no\"",
                           "\"risk_plans\":\"no\",\"risk_intent\":\"no\"", /* safe skipped */
                           ""};                                            /* all skipped */
    char input[512];
    for (size_t i = 0; i < sizeof acute / sizeof *acute; i++) {
        tr_triage_result r;
        snprintf(input, sizeof input,
                 "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,2],\"gad7\":[0,0,0,0,0,0,0],"
                 "\"risk\":{%s}}}",
                 acute[i]);
        r = run(*state, input);
        assert_int_equal(r.risk, TR_RISK_ACUTE);
        assert_string_equal(r.level->id, "acute");
        /* help now first; one-to-one contact afterwards is the client's choice (issue 11) */
        assert_int_equal(r.n_alternatives, 1);
        assert_string_equal(r.alternatives[0]->id, "individual");
        assert_string_equal(r.reasons[0].id, "safety_acute"); /* crisis first */
        if (i >= 3)
            assert_true(has_reason(&r, "safety_followup_skipped"));
        tr_triage_result_free(&r);
    }
}

static void test_skipped_item9(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,null],"
                                     "\"gad7\":[0,0,0,0,0,0,0]}}");
    assert_int_equal(r.risk, TR_RISK_ELEVATED);
    assert_int_equal(r.n_ask, 1);
    assert_string_equal(r.ask[0], "phq9_9");
    assert_no_self_help(&r);
    assert_true(has_reason(&r, "safety_critical_skipped"));
    tr_triage_result_free(&r);
}

static void test_preference_informs_never_overrides(void **state)
{
    tr_triage_result r = run(*state, "{\"answers\":{\"phq9\":[3,3,3,3,2,2,2,2,0],"
                                     "\"gad7\":[2,2,2,2,2,2,2],\"intake\":{\"age_band\":25,"
                                     "\"help_preferences\":[\"guided_self_help\"]}}}");
    assert_string_equal(r.level->id, "refer");
    assert_false(has_alt(&r, "guided_self_help")); /* below what the rules accept */
    tr_triage_result_free(&r);

    r = run(*state, "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,0],\"gad7\":[0,0,0,0,0,0,0],"
                    "\"intake\":{\"help_preferences\":[\"individual\",\"course\"]}}}");
    assert_string_equal(r.level->id, "self_help");
    assert_true(has_alt(&r, "individual"));
    assert_true(has_alt(&r, "course"));
    tr_triage_result_free(&r);
}

static void test_result_json(void **state)
{
    fixture *f = *state;
    tr_triage_result r = run(f, "{\"answers\":{\"phq9\":{\"phq9_9\":3},\"risk\":{\"risk_plans\":"
                                "\"yes\"}}}");
    cJSON *j = tr_triage_result_json(f->rules, &r, "nn");
    char *s;
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "risk")->valuestring, "acute");
    assert_string_equal(cJSON_GetObjectItem(j, "level")->valuestring, "acute");
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(j, "crisis")) >= 4);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(j, "scores"), "phq9"), "scorable")));
    s = cJSON_PrintUnformatted(j);
    assert_non_null(strstr(s, "\"text\":\"Svara dine tyder"));
    free(s);
    cJSON_Delete(j);
    tr_triage_result_free(&r);
}

static void expect_input_error(fixture *f, const char *input, const char *part)
{
    tr_error err = {0};
    cJSON *in = tr_json_parse(input, strlen(input), "test", &err), *answers = NULL;
    assert_non_null(in);
    assert_int_equal(tr_triage_answers(f->pack, in, &answers, &err), TR_E_INVALID);
    assert_null(answers);
    if (!strstr(err.msg, part))
        fail_msg("'%s' does not mention '%s'", err.msg, part);
    cJSON_Delete(in);
}

static void test_bad_input(void **state)
{
    fixture *f = *state;
    expect_input_error(f, "[]", "must be an object");
    expect_input_error(f, "{\"answers\":{},\"lang\":\"nb\"}", "unknown key \"lang\"");
    expect_input_error(f, "{\"answers\":[1]}", "\"answers\" must be an object");
    expect_input_error(f, "{\"answers\":{\"phq8\":[1]}}", "'phq8' is no instrument");
    expect_input_error(f, "{\"answers\":{\"phq9\":[1,1]}}", "phq9");
    expect_input_error(f, "{\"answers\":{\"phq9\":[0,0,0,0,0,0,0,0,0,\"somewhat\",1]}}", "not 11");
    expect_input_error(f, "{\"answers\":{\"gad7\":[0,0,0,0,0,0,9]}}", "9");
    expect_input_error(f, "{\"answers\":{\"gad7\":[0,0,0,0,0,0,\"0\"]}}", "gad7");
    expect_input_error(f, "{\"answers\":{\"intake\":{\"phq9_1\":1}}}", "no item of intake");
    expect_input_error(f, "{\"answers\":{\"intake\":{\"age_band\":17}}}", "age_band");
    expect_input_error(f, "{\"answers\":{\"intake\":{\"main_troubles\":\"sleep\"}}}",
                       "main_troubles");
    expect_input_error(f, "{\"answers\":{\"phq9\":{\"phq9_1\":1},\"phq2\":{\"phq9_1\":1}}}",
                       "answered twice");
    expect_input_error(f, "{\"answers\":{\"phq9\":true}}", "list of answers");
}

/* Copies the shipped pack into a temporary folder, with triage/rules.json replaced. */
static char *pack_with_rules(const char *rules_edit_from, const char *rules_edit_to)
{
    char *dir = malloc(512), path[4200];
    char *text = NULL, *hit;
    size_t len = 0;
    tr_error err = {0};
    FILE *fp;
    cJSON *j;
    assert_non_null(dir);
    assert_int_equal(tt_mkdtemp(dir, 512, "trinn-triage"), 0);
    assert_int_equal(tt_copy_tree(content_dir(), dir), 0);
    snprintf(path, sizeof path, "%s/triage/rules.json", dir);
    j = tr_json_load_file_text(path, &text, &len, &err);
    assert_non_null(j);
    cJSON_Delete(j);
    hit = strstr(text, rules_edit_from);
    assert_non_null(hit);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fwrite(text, 1, (size_t)(hit - text), fp);
    fputs(rules_edit_to, fp);
    fputs(hit + strlen(rules_edit_from), fp);
    fclose(fp);
    free(text);
    return dir;
}

static void remove_pack(char *dir)
{
    assert_int_equal(tt_remove_tree(dir), 0);
    free(dir);
}

static void expect_rules_problem(const char *from, const char *to, const char *part)
{
    char *dir = pack_with_rules(from, to), line[1200];
    tr_content *pack = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    int found = 0;
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &diags, &err), TR_OK);
    assert_int_equal(tr_triage_validate(pack, &diags), TR_E_INVALID);
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], line, sizeof line);
        found |= strstr(line, part) != NULL && strstr(line, "triage/") != NULL;
    }
    if (!found) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
        fail_msg("no problem mentions '%s'", part);
    }
    tr_diags_free(&diags);
    tr_content_free(pack);
    remove_pack(dir);
}

static void test_validator(void **state)
{
    expect_rules_problem("\"level\": \"individual\"", "\"level\": \"therapy\"",
                         "'therapy' is no level");
    expect_rules_problem("\"reason\": \"phq9_severe\"", "\"reason\": \"phq9_very_bad\"",
                         "reason 'phq9_very_bad' has no text");
    expect_rules_problem("\"modules\": [\"sleep\"]", "\"modules\": [\"sleeep\"]",
                         "module 'sleeep'");
    expect_rules_problem("{\"var\": \"answers.risk_plans\"}", "{\"var\": \"answers.risk_plan\"}",
                         "'answers.risk_plan'");
    expect_rules_problem("{\"var\": \"scores.phq9.total\"}", "{\"var\": \"scores.phq9.sum\"}",
                         "scores.phq9.sum");
    expect_rules_problem("{\">=\": [{\"var\": \"scores.gad7.total\"}, 15]}",
                         "{\"atleast\": [{\"var\": \"scores.gad7.total\"}, 15]}",
                         "unrecognised operation 'atleast'");
    expect_rules_problem("\"level\": \"self_help\", \"alternatives\": [\"guided_self_help\"], "
                         "\"reason\": \"minimal\",\n     \"when\": true",
                         "\"level\": \"self_help\", \"alternatives\": [\"guided_self_help\"], "
                         "\"reason\": \"minimal\",\n     \"when\": false",
                         "the last level rule must have \"when\": true");
    /* a rule where answering "not at all" gives more help than skipping the question */
    expect_rules_problem("{\"id\": \"minimal\", \"level\": \"self_help\"",
                         "{\"id\": \"odd\", \"level\": \"individual\", \"reason\": \"mild\", "
                         "\"when\": {\"===\": [{\"var\": \"answers.phq9_1\"}, 0]}},\n"
                         "{\"id\": \"minimal\", \"level\": \"self_help\"",
                         "skipping 'phq9_1' gives none risk and level self_help");
    expect_rules_problem("\"safety_acute\": {", "\"safety_acute_x\": {",
                         "reason 'safety_acute' is missing");
    expect_rules_problem("\"en\": \"You answered that you have plans to harm yourself.\"",
                         "\"en\": \"\"", "no 'en' version");
}

/* Issue 11 items 4 and 7: the sequence asks about sex exactly when it changes the AUDIT-C's
 * meaning (total 3 or more) and opens the rest of the full AUDIT exactly when the AUDIT-C is
 * positive by instruments/auditc.json's sex-specific cut-offs; pack.json's show_if and the
 * instrument's caseness must never disagree. */
static void test_audit_opens_on_positive_auditc(void **state)
{
    fixture *f = *state;
    static const char *const sexes[] = {NULL, "female", "male", "other", "unspecified"};
    const tr_inst *auditc = tr_content_find_inst(f->pack, "auditc");
    const tr_step *sex_step = NULL, *audit_step = NULL;
    size_t n = 0;
    assert_non_null(auditc);
    for (size_t i = 0; i < f->pack->n_steps; i++) {
        if (strcmp(f->pack->steps[i].id, "sex") == 0)
            sex_step = &f->pack->steps[i];
        if (strcmp(f->pack->steps[i].id, "audit") == 0)
            audit_step = &f->pack->steps[i];
    }
    assert_non_null(sex_step);
    assert_non_null(audit_step);
    for (int a = 0; a < 125; a++) {
        for (size_t sx = 0; sx < sizeof sexes / sizeof *sexes; sx++) {
            cJSON *ans = cJSON_CreateObject();
            tr_error err = {0};
            tr_score sc;
            int v1 = a / 25, v2 = a / 5 % 5, v3 = a % 5;
            if (v1 == 0 && (v2 || v3)) { /* after "Never" items 2 and 3 are not asked */
                cJSON_Delete(ans);
                continue;
            }
            cJSON_AddNumberToObject(ans, "auditc_1", v1);
            if (v1) {
                cJSON_AddNumberToObject(ans, "auditc_2", v2);
                cJSON_AddNumberToObject(ans, "auditc_3", v3);
            }
            if (sexes[sx])
                cJSON_AddStringToObject(ans, "sex", sexes[sx]);
            assert_int_equal(tr_inst_score(auditc, ans, &sc, &err), TR_OK);
            assert_true(sc.scorable);
            assert_int_equal(tr_content_step_visible(sex_step, ans, &err), sc.total >= 3);
            if (tr_content_step_visible(audit_step, ans, &err) != sc.caseness)
                fail_msg("AUDIT-C %g (%s): the full AUDIT %s, but caseness is %d", sc.total,
                         sexes[sx] ? sexes[sx] : "sex not given",
                         sc.caseness ? "is not asked" : "is asked", sc.caseness);
            cJSON_Delete(ans);
            n++;
        }
    }
    assert_int_equal(n, 101 * 5);
}

/* Issue 17: the sex question is asked whenever it changes the DUDIT's meaning (the cut-offs for
 * drug-related problems differ from a total of 2: women 2, men 6), and the DUDIT is asked only
 * after a yes to the gateway question: the intake grows only for those it concerns. */
static void test_dudit_asks_sex_when_it_matters(void **state)
{
    fixture *f = *state;
    static const char *const sexes[] = {NULL, "female", "male", "other", "unspecified"};
    const tr_inst *dudit = tr_content_find_inst(f->pack, "dudit");
    const tr_step *sex_step = NULL, *dudit_step = NULL;
    size_t n = 0;
    assert_non_null(dudit);
    for (size_t i = 0; i < f->pack->n_steps; i++) {
        if (strcmp(f->pack->steps[i].id, "sex") == 0)
            sex_step = &f->pack->steps[i];
        if (strcmp(f->pack->steps[i].id, "dudit") == 0)
            dudit_step = &f->pack->steps[i];
    }
    assert_non_null(sex_step);
    assert_non_null(dudit_step);
    for (int total = 0; total <= 44; total++) {
        int differs = 0, seen = -1;
        for (size_t sx = 0; sx < sizeof sexes / sizeof *sexes; sx++) {
            cJSON *ans = cJSON_CreateObject();
            tr_error err = {0};
            tr_score sc;
            /* items 10-11 (0, 2 or 4 each) take the largest even part up to 8, items 1-9
             * (0-4 each) the rest: every total 0-44 is reached */
            int tail = total - total % 2 > 8 ? 8 : total - total % 2, left = total - tail;
            cJSON_AddStringToObject(ans, "drugs_gateway", "yes");
            for (int i = 1; i <= 11; i++) {
                char id[16];
                int v = i <= 9 ? (left > 4 ? 4 : left) : (tail > 4 ? 4 : tail);
                snprintf(id, sizeof id, "dudit_%d", i);
                cJSON_AddNumberToObject(ans, id, v);
                if (i <= 9)
                    left -= v;
                else
                    tail -= v;
            }
            assert_int_equal(left + tail, 0);
            if (sexes[sx])
                cJSON_AddStringToObject(ans, "sex", sexes[sx]);
            assert_int_equal(tr_inst_score(dudit, ans, &sc, &err), TR_OK);
            assert_true(sc.scorable);
            assert_int_equal((int)sc.total, total);
            assert_true(tr_content_step_visible(dudit_step, ans, &err));
            assert_int_equal(tr_content_step_visible(sex_step, ans, &err), total >= 2);
            if (seen >= 0 && seen != sc.caseness)
                differs = 1;
            seen = sc.caseness;
            cJSON_Delete(ans);
            n++;
        }
        if (differs && total < 2)
            fail_msg("DUDIT %d: the cut-off depends on sex, but sex is not asked", total);
    }
    assert_int_equal(n, 45 * 5);
    { /* no, or no answer, to the gateway: the DUDIT is not asked */
        tr_error err = {0};
        cJSON *ans = cJSON_CreateObject();
        assert_false(tr_content_step_visible(dudit_step, ans, &err));
        cJSON_AddStringToObject(ans, "drugs_gateway", "no");
        assert_false(tr_content_step_visible(dudit_step, ans, &err));
        cJSON_Delete(ans);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calm),
        cmocka_unit_test(test_audit_opens_on_positive_auditc),
        cmocka_unit_test(test_dudit_asks_sex_when_it_matters),
        cmocka_unit_test(test_moderate),
        cmocka_unit_test(test_severe),
        cmocka_unit_test(test_alcohol),
        cmocka_unit_test(test_youth),
        cmocka_unit_test(test_item9_gives_elevated_and_no_self_help),
        cmocka_unit_test(test_followups_decide_acute),
        cmocka_unit_test(test_skipped_item9),
        cmocka_unit_test(test_preference_informs_never_overrides),
        cmocka_unit_test(test_result_json),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_validator),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
