/* Unit tests of tr_share, the client's side of the care loop over an open profile: a profile
 * made before the care loop gets its device key once (kept in the journal, read back); the
 * records a report can carry are gathered by date; the plan the client is shown holds the kinds
 * chosen, module records only of the modules chosen, and every record with a risk flag, and is
 * exactly what tr_care_report seals (the team opens it and finds the same records). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tj_support.h"
#include "tp_clock.h"
#include "tr_content.h"
#include "tr_profile.h"
#include "tr_share.h"
#include "tr_share_draft.h"

#define PASS "grønn sykkel under brua"

static const char *const RECORDS[] = {
    "{\"type\":\"checkin\",\"ts\":\"2026-11-01T10:00:00Z\",\"mood\":5,\"sleep_hours\":7,"
    "\"note\":\"\"}",
    "{\"type\":\"checkin\",\"ts\":\"2026-12-01T10:00:00Z\",\"mood\":6,\"sleep_hours\":7,"
    "\"note\":\"\"}",
    "{\"type\":\"measure\",\"ts\":\"2026-12-02T10:00:00Z\",\"instrument\":\"phq9\",\"answers\":"
    "{\"phq9_1\":1,\"phq9_2\":1,\"phq9_3\":1,\"phq9_4\":1,\"phq9_5\":1,\"phq9_6\":1,\"phq9_7\":1,"
    "\"phq9_8\":1,\"phq9_9\":1},\"total\":9,\"band\":\"mild\",\"caseness\":false,\"scorable\":true,"
    "\"risk\":\"elevated\",\"risk_answers\":{}}",
    "{\"type\":\"module_entry\",\"ts\":\"2026-12-03T10:00:00Z\",\"module\":\"sleep\",\"step\":"
    "\"diary\",\"entry\":\"e1\",\"op\":\"save\",\"values\":{\"note\":\"sov godt\"}}",
    "{\"type\":\"module_entry\",\"ts\":\"2026-12-03T11:00:00Z\",\"module\":\"activity\",\"step\":"
    "\"plan\",\"entry\":\"e2\",\"op\":\"save\",\"values\":{\"note\":\"tur\"}}",
    "{\"type\":\"assessment\",\"ts\":\"2026-12-04T10:00:00Z\",\"risk\":\"none\",\"chosen\":"
    "\"selfhelp\"}",
    "{\"type\":\"session\",\"ts\":\"2026-12-04T12:00:00Z\",\"attended\":true,\"note\":\"\"}",
};

static tr_content *load_pack(void)
{
    tr_content *pack = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    if (tr_content_load(&(tr_content_desc){.dir = getenv("TRINN_CONTENT")}, &pack, &diags, &err) !=
        TR_OK)
        fail_msg("content: %s", err.msg);
    tr_diags_free(&diags);
    return pack;
}

static void open_client(tr_profile *p)
{
    tr_profile_desc d = {.data_dir = tj_dir};
    tr_profile_new np = {.name = "Kari", .kind = TR_PROFILE_CLIENT};
    tr_error err = {0};
    tr_profile_test_costs(&d.kdf_ops, &d.kdf_mem);
    assert_int_equal(tr_profile_create(&d, &np, PASS, strlen(PASS), p, &err), TR_OK);
    for (size_t i = 0; i < sizeof RECORDS / sizeof RECORDS[0]; i++)
        assert_int_equal(tr_profile_append(p, RECORDS[i], strlen(RECORDS[i]), &err), TR_OK);
}

/* A team state from fresh keys, as a therapist profile's journal gives it. */
static void team_state(tr_care_state *t)
{
    tr_team_keys k;
    tr_team_card card;
    tr_error err = {0};
    char *rec = NULL, buf[2048];
    size_t len = 0;
    memset(t, 0, sizeof *t);
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "team", "2026-12-01T09:00:00Z", &rec, &len, &err),
                     TR_OK);
    tr_journal_record jr = {.seq = 1, .type = "keys", .json = rec, .json_len = len};
    assert_int_equal(tr_care_visit(t, &jr, &err), TR_OK);
    tr_team_secret_free(rec, len);
    assert_int_equal(tr_team_card_make(&card, &k, "RPH Nord", "Kari", "22 00 00 00", "8-15", &err),
                     TR_OK);
    cJSON *cj = tr_team_card_json(&card);
    char *text = cJSON_PrintUnformatted(cj);
    snprintf(buf, sizeof buf,
             "{\"type\":\"team_card\",\"ts\":\"2026-12-01T09:00:00Z\",\"card\":%s}", text);
    cJSON_free(text);
    cJSON_Delete(cj);
    jr = (tr_journal_record){.seq = 2, .type = "team_card", .json = buf, .json_len = strlen(buf)};
    assert_int_equal(tr_care_visit(t, &jr, &err), TR_OK);
    tr_team_keys_wipe(&k);
    assert_true(t->has_keys && t->has_card);
}

static void test_device_key_made_once(void **state)
{
    (void)state;
    tr_profile p;
    tr_care_state s, again;
    tr_error err = {0};
    tr_ms_pub a, b;
    open_client(&p);
    assert_int_equal(tr_share_state(p.j, &s, &err), TR_OK);
    assert_false(s.has_keys);
    uint64_t before = tr_journal_count(p.j);
    assert_int_equal(tr_share_keys(&p, &s, "2026-12-05T10:00:00Z", &err), TR_OK);
    assert_true(s.has_keys);
    assert_string_equal(s.role, "device");
    assert_int_equal(tr_journal_count(p.j), before + 1);
    /* a second call keeps the key and writes nothing */
    assert_int_equal(tr_share_keys(&p, &s, "2026-12-05T10:00:00Z", &err), TR_OK);
    assert_int_equal(tr_journal_count(p.j), before + 1);
    /* read back from the journal: the same key */
    assert_int_equal(tr_share_state(p.j, &again, &err), TR_OK);
    assert_true(again.has_keys);
    tr_ms_key_pub(&s.keys.sign, &a);
    tr_ms_key_pub(&again.keys.sign, &b);
    assert_memory_equal(&a, &b, sizeof a);
    tr_care_state_free(&s);
    tr_care_state_free(&again);
    tr_profile_close(&p);
}

static void test_gather_by_date(void **state)
{
    (void)state;
    tr_profile p;
    tr_error err = {0};
    cJSON *recs = NULL;
    int64_t from, until;
    open_client(&p);
    assert_int_equal(tp_clock_parse("2026-12-01T00:00:00Z", &from), 0);
    assert_int_equal(tp_clock_parse("2026-12-04T23:59:59Z", &until), 0);
    assert_int_equal(tr_share_gather(p.j, from, until, &recs, &err), TR_OK);
    /* the November check-in is outside, the session is not a kind a report carries */
    assert_int_equal(cJSON_GetArraySize(recs), 5);
    cJSON_Delete(recs);
    assert_int_equal(tr_share_gather(p.j, 0, 0, &recs, &err), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 6);
    cJSON_Delete(recs);
    tr_profile_close(&p);
}

static void test_risk_rule(void **state)
{
    (void)state;
    tr_content *pack = load_pack();
    cJSON *m = cJSON_Parse(RECORDS[2]), *a = cJSON_Parse(RECORDS[5]), *flag = cJSON_CreateObject();
    assert_int_equal(tr_care_risk_of(pack, m, flag), 1);
    assert_string_equal(cJSON_GetObjectItem(flag, "item")->valuestring, "phq9_9");
    assert_int_equal(cJSON_GetObjectItem(flag, "number")->valueint, 9);
    cJSON_Delete(flag);
    flag = cJSON_CreateObject();
    assert_int_equal(tr_care_risk_of(pack, a, flag), 0);
    cJSON_ReplaceItemInObject(a, "risk", cJSON_CreateString("elevated"));
    assert_int_equal(tr_care_risk_of(NULL, a, flag), 1); /* an assessment's risk needs no pack */
    assert_string_equal(cJSON_GetObjectItem(flag, "risk")->valuestring, "elevated");
    /* item 9 at 0, and so no risk of the measure's own, is no flag */
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(m, "answers"), "phq9_9", cJSON_CreateNumber(0));
    cJSON_ReplaceItemInObject(m, "risk", cJSON_CreateString("none"));
    cJSON_Delete(flag);
    flag = cJSON_CreateObject();
    assert_int_equal(tr_care_risk_of(pack, m, flag), 0);
    cJSON_Delete(flag);
    cJSON_Delete(m);
    cJSON_Delete(a);
    tr_content_free(pack);
}

/* The report's risk rule is the team page's: a measure whose follow-up made the risk acute says
 * so in the report's flag, and one whose item 9 was skipped but whose risk is not "none" still
 * goes into the report (it did not, before the two rules became one). */
static void test_risk_rule_is_the_team_pages(void **state)
{
    (void)state;
    tr_content *pack = load_pack();
    static const char *const recs[] = {
        "{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{\"phq9_9\":2},"
        "\"risk\":\"acute\",\"risk_answers\":{\"risk_plan\":1}}",
        "{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{},\"risk\":\"acute\"}",
    };
    for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
        cJSON *m = cJSON_Parse(recs[i]), *flag = cJSON_CreateObject();
        assert_non_null(m);
        assert_int_equal(tr_care_risk_of(pack, m, flag), 1);
        assert_string_equal(cJSON_GetObjectItem(flag, "risk")->valuestring, "acute");
        if (i == 0)
            assert_non_null(cJSON_GetObjectItem(flag, "risk_answers"));
        cJSON_Delete(flag);
        cJSON_Delete(m);
    }
    tr_content_free(pack);
}

/* What the client is shown is what is sealed: the team opens the report and finds it. */
static void test_plan_is_what_is_sealed(void **state)
{
    (void)state;
    tr_profile p;
    tr_care_state s, t;
    tr_error err = {0};
    tr_share_plan plan;
    tr_care_report_result res = {0};
    tr_care_open_result opened = {0};
    cJSON *recs = NULL;
    tr_content *pack = load_pack();
    static const char *const mods[] = {"sleep"};
    open_client(&p);
    team_state(&t);
    assert_int_equal(tr_share_state(p.j, &s, &err), TR_OK);
    assert_int_equal(tr_share_keys(&p, &s, "2026-12-05T10:00:00Z", &err), TR_OK);
    assert_int_equal(tr_share_gather(p.j, 0, 0, &recs, &err), TR_OK);
    /* the assessment and the sleep module chosen; not measures, check-ins or activity */
    tr_care_report_opts o = {.records = recs,
                             .assessment = 1,
                             .modules = 1,
                             .from = "2026-11-01",
                             .to = "2026-12-05",
                             .risk = tr_care_risk_of,
                             .risk_user = pack};
    assert_int_equal(tr_share_plan_make(&o, mods, 1, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 3);
    assert_int_equal(plan.n_risk, 1);
    assert_int_equal(plan.n_forced, 1);
    assert_string_equal(cJSON_GetObjectItem(plan.items[0].rec, "type")->valuestring, "measure");
    assert_true(plan.items[0].risk && plan.items[0].forced); /* item 9 goes, though not chosen */
    assert_string_equal(cJSON_GetObjectItem(plan.items[1].rec, "module")->valuestring, "sleep");
    assert_string_equal(cJSON_GetObjectItem(plan.items[2].rec, "type")->valuestring, "assessment");
    o.records = plan.records;
    assert_int_equal(tr_care_report(&s, &t.card, &o, "2026-12-05T10:00:00Z", &res, &err), TR_OK);
    assert_int_equal(res.n_records, plan.n);
    assert_int_equal(res.n_risk, plan.n_risk);
    assert_int_equal(res.n_forced, plan.n_forced);
    assert_int_equal(
        tr_care_open(&t, res.file, res.file_len, "Kari", "2026-12-05T11:00:00Z", &opened, &err),
        TR_OK);
    const cJSON *got = cJSON_GetObjectItem(opened.payload, "records"), *r;
    assert_int_equal(cJSON_GetArraySize(got), 3);
    cJSON_ArrayForEach(r, got)
    {
        const cJSON *mod = cJSON_GetObjectItem(r, "module");
        assert_false(mod && strcmp(mod->valuestring, "activity") == 0);
        assert_string_not_equal(cJSON_GetObjectItem(r, "type")->valuestring, "checkin");
    }
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(opened.payload, "risk")), 1);
    /* all modules: NULL list */
    tr_share_plan_free(&plan);
    o.records = recs;
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 4);
    tr_share_plan_free(&plan);
    tr_care_open_free(&opened);
    tr_care_report_free(&res);
    cJSON_Delete(recs);
    tr_care_state_free(&s);
    tr_care_state_free(&t);
    tr_content_free(pack);
    tr_profile_close(&p);
}

/* The medication log goes to the team when the client shares "medication" (issue 17), and only
 * then: the records gathered, planned, sealed and opened, with "medication" among the kinds. */
static void test_medication_carried(void **state)
{
    (void)state;
    static const char *const med[] = {
        "{\"type\":\"medication\",\"ts\":\"2026-12-04T13:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"add\",\"name\":\"Sertralin\",\"dose\":\"50 mg\"}",
        "{\"type\":\"side_effects\",\"ts\":\"2026-12-04T13:01:00Z\",\"ratings\":{\"nausea\":"
        "\"mild\"}}",
        "{\"type\":\"medication_wish\",\"ts\":\"2026-12-04T13:02:00Z\",\"wish\":\"without\"}"};
    tr_profile p;
    tr_care_state s, t;
    tr_error err = {0};
    tr_share_plan plan;
    tr_care_report_result res = {0};
    tr_care_open_result opened = {0};
    cJSON *recs = NULL;
    open_client(&p);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(tr_profile_append(&p, med[i], strlen(med[i]), &err), TR_OK);
    team_state(&t);
    assert_int_equal(tr_share_state(p.j, &s, &err), TR_OK);
    assert_int_equal(tr_share_keys(&p, &s, "2026-12-05T10:00:00Z", &err), TR_OK);
    assert_int_equal(tr_share_gather(p.j, 0, 0, &recs, &err), TR_OK);
    tr_care_report_opts o = {.records = recs, .assessment = 1};
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 1); /* not chosen: none of the three */
    tr_share_plan_free(&plan);
    o.medication = 1;
    assert_int_equal(tr_share_plan_make(&o, NULL, 0, &plan, &err), TR_OK);
    assert_int_equal(plan.n, 4);
    o.records = plan.records;
    assert_int_equal(tr_care_report(&s, &t.card, &o, "2026-12-05T10:00:00Z", &res, &err), TR_OK);
    assert_int_equal(res.n_records, 4);
    assert_int_equal(
        tr_care_open(&t, res.file, res.file_len, "Kari", "2026-12-05T11:00:00Z", &opened, &err),
        TR_OK);
    const cJSON *got = cJSON_GetObjectItem(opened.payload, "records"), *r;
    int seen = 0;
    cJSON_ArrayForEach(r, got)
    {
        const char *type = cJSON_GetObjectItem(r, "type")->valuestring;
        seen |= (strcmp(type, "medication") == 0) | (strcmp(type, "side_effects") == 0) << 1 |
                (strcmp(type, "medication_wish") == 0) << 2;
    }
    assert_int_equal(seen, 7);
    const cJSON *kinds = cJSON_GetObjectItem(opened.payload, "shared"), *k;
    int named = 0;
    cJSON_ArrayForEach(k, kinds) named |= !strcmp(k->valuestring, "medication");
    assert_true(named);
    tr_share_plan_free(&plan);
    tr_care_open_free(&opened);
    tr_care_report_free(&res);
    cJSON_Delete(recs);
    tr_care_state_free(&s);
    tr_care_state_free(&t);
    tr_profile_close(&p);
}

/* A medicine changed in the range but added before it: the report carries its "add" too, so the
 * team (and the preview) can name the medicine; a medicine added before and not changed in the
 * range does not come along. */
static void test_gather_takes_the_add_of_a_change(void **state)
{
    (void)state;
    static const char *const med[] = {
        "{\"type\":\"medication\",\"ts\":\"2026-10-01T10:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"add\",\"name\":\"Sertralin\",\"dose\":\"50 mg\"}",
        "{\"type\":\"medication\",\"ts\":\"2026-10-02T10:00:00Z\",\"med\":\"med2\",\"op\":"
        "\"add\",\"name\":\"Zopiklon\"}",
        "{\"type\":\"medication\",\"ts\":\"2026-12-03T14:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"change\",\"dose\":\"100 mg\",\"stopped\":false}"};
    tr_profile p;
    tr_error err = {0};
    tr_share_draft d = {0};
    int64_t from, until;
    open_client(&p);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(tr_profile_append(&p, med[i], strlen(med[i]), &err), TR_OK);
    assert_int_equal(tp_clock_parse_date("2026-12-01", &from), 0);
    assert_int_equal(tp_clock_parse_date("2026-12-05", &until), 0);
    assert_int_equal(tr_share_draft_gather(&d, p.j, from, until + 86399, &err), TR_OK);
    tr_care_report_opts o = {.medication = 1};
    assert_int_equal(tr_share_draft_plan(&d, &o, NULL, 0, &err), TR_OK);
    assert_int_equal(d.n_lines, 2);
    assert_string_equal(d.lines[0].med_op, "add");
    assert_string_equal(d.lines[0].med_name, "Sertralin");
    assert_string_equal(d.lines[1].med_op, "change");
    assert_string_equal(d.lines[1].med_name, "Sertralin");
    tr_share_draft_free(&d);
    tr_profile_close(&p);
}

/* The report screen's typed view (tr_share_draft): a closed range [from, until] keeps only its
 * records, the modules they name are listed, each planned line says its record (a medicine's
 * change by the name of its "add"), the kinds come from the one table, and sealing the draft
 * seals exactly its plan. */
static void test_draft_range_and_lines(void **state)
{
    (void)state;
    static const char *const med[] = {
        "{\"type\":\"medication\",\"ts\":\"2026-12-03T13:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"add\",\"name\":\"Sertralin\",\"dose\":\"50 mg\"}",
        "{\"type\":\"medication\",\"ts\":\"2026-12-03T14:00:00Z\",\"med\":\"med1\",\"op\":"
        "\"change\",\"dose\":\"100 mg\",\"stopped\":false}"};
    tr_profile p;
    tr_care_state s, t;
    tr_error err = {0};
    tr_share_draft d = {0};
    tr_care_report_result res = {0};
    tr_care_open_result opened = {0};
    int64_t from, until;
    open_client(&p);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(tr_profile_append(&p, med[i], strlen(med[i]), &err), TR_OK);
    team_state(&t);
    assert_int_equal(tr_share_state(p.j, &s, &err), TR_OK);
    assert_int_equal(tr_share_keys(&p, &s, "2026-12-05T10:00:00Z", &err), TR_OK);
    /* 2 to 3 December, both whole days: the measure, the two module entries, the medicines */
    assert_int_equal(tp_clock_parse_date("2026-12-02", &from), 0);
    assert_int_equal(tp_clock_parse_date("2026-12-03", &until), 0);
    assert_int_equal(tr_share_draft_gather(&d, p.j, from, until + 86399, &err), TR_OK);
    assert_int_equal(d.n_modules, 2);
    assert_string_equal(d.modules[0], "sleep");
    assert_string_equal(d.modules[1], "activity");
    tr_care_report_opts o = {.medication = 1, .risk = tr_care_risk_of};
    assert_non_null(tr_care_kind_named("medication"));
    assert_ptr_equal(tr_care_kind_of("side_effects"), tr_care_kind_named("medication"));
    assert_null(tr_care_kind_of("session"));
    assert_true(tr_care_kind_on(&o, tr_care_kind_named("medication")));
    assert_false(tr_care_kind_on(&o, tr_care_kind_named("checkins")));
    assert_int_equal(tr_share_draft_plan(&d, &o, NULL, 0, &err), TR_OK);
    /* the two medication records, and the measure though it is not chosen: with no pack given
     * its own risk ("elevated") still counts */
    assert_int_equal(d.n_lines, 3);
    assert_string_equal(d.lines[0].type, "measure");
    assert_string_equal(d.lines[1].type, "medication");
    assert_string_equal(d.lines[1].med_op, "add");
    assert_string_equal(d.lines[1].dose, "50 mg");
    assert_string_equal(d.lines[2].med_op, "change");
    assert_string_equal(d.lines[2].med_name, "Sertralin"); /* from its "add" */
    assert_string_equal(d.lines[2].dose, "100 mg");
    assert_string_equal(d.lines[2].kind->name, "medication");
    o.from = "2026-12-02";
    o.to = "2026-12-03";
    assert_int_equal(tr_share_draft_seal(&d, &s, &t.card, &o, "2026-12-05T10:00:00Z", &res, &err),
                     TR_OK);
    assert_int_equal(res.n_records, 3);
    assert_int_equal(
        tr_care_open(&t, res.file, res.file_len, "Kari", "2026-12-05T11:00:00Z", &opened, &err),
        TR_OK);
    assert_string_equal(cJSON_GetObjectItem(opened.payload, "from")->valuestring, "2026-12-02");
    assert_string_equal(cJSON_GetObjectItem(opened.payload, "to")->valuestring, "2026-12-03");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(opened.payload, "records")), 3);
    const cJSON *shared = cJSON_GetObjectItem(opened.payload, "shared");
    assert_int_equal(cJSON_GetArraySize(shared), 1);
    assert_string_equal(cJSON_GetArrayItem(shared, 0)->valuestring, "medication");
    tr_care_open_free(&opened);
    tr_care_report_free(&res);
    tr_share_draft_free(&d);
    assert_null(d.records);
    tr_care_state_free(&s);
    tr_care_state_free(&t);
    tr_profile_close(&p);
}

static int setup(void **state)
{
    (void)state;
    tj_mkdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tj_rmdir();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_device_key_made_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gather_by_date, setup, teardown),
        cmocka_unit_test(test_risk_rule),
        cmocka_unit_test(test_risk_rule_is_the_team_pages),
        cmocka_unit_test_setup_teardown(test_gather_takes_the_add_of_a_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_medication_carried, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_is_what_is_sealed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_draft_range_and_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
