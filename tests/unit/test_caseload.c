/* tr_caseload (issue 14, the therapist in the app; issue 16, the team's numbers): a therapist
 * profile gets its team keys and card; reports opened into its journal become the client list
 * (risk first), each client's risk flags (item 9 above 0, the measure's and the assessment's
 * risk, the follow-up answers), what the newest report brought, the note for the patient
 * record, and the team's statistics; a refused report leaves the journal as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_caseload.h"
#include "tr_caseload_view.h"
#include "tr_content.h"
#include "tt_os.h"

typedef struct fixture {
    char dir[1024];
    tr_content *pack;
    tr_profile team;
    tr_care_state client; /* the client's side, in memory */
} fixture;

static const char *content_dir(void)
{
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    return dir;
}

static tr_profile_desc desc_of(fixture *f)
{
    tr_profile_desc d = {.data_dir = f->dir};
    tr_profile_test_costs(&d.kdf_ops, &d.kdf_mem);
    return d;
}

/* Feeds one record to a care state as a journal would. */
static void feed(tr_care_state *s, const char *json)
{
    static uint64_t seq;
    char type[32] = "";
    const char *t = strstr(json, "\"type\":\"");
    tr_error err = {0};
    assert_non_null(t);
    sscanf(t + 8, "%31[^\"]", type);
    tr_journal_record rec = {.seq = ++seq, .type = type, .json = json, .json_len = strlen(json)};
    if (tr_care_visit(s, &rec, &err) != TR_OK)
        fail_msg("record %s refused: %s", type, err.msg);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    tr_error err = {0};
    tr_diags d = {0};
    assert_int_equal(tt_mkdtemp(f->dir, sizeof f->dir, "caseload"), 0);
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content_dir()}, &f->pack, &d, &err),
                     TR_OK);
    tr_diags_free(&d);
    tr_profile_desc pd = desc_of(f);
    const char pass[] = "grønn tavle hopper over bekken";
    assert_int_equal(
        tr_profile_create(&pd,
                          &(tr_profile_new){.name = "Kari Behandler", .kind = TR_PROFILE_THERAPIST},
                          pass, strlen(pass), &f->team, &err),
        TR_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tr_profile_close(&f->team);
    tr_care_state_free(&f->client);
    tr_content_free(f->pack);
    tt_remove_tree(f->dir);
    free(f);
    return 0;
}

static void load(fixture *f, tr_caseload *c)
{
    tr_error err = {0};
    if (tr_caseload_load(f->team.j, f->pack, c, &err) != TR_OK)
        fail_msg("load: %s", err.msg);
}

/* The team's keys and card, then the client paired through a first assignment. */
static void pair(fixture *f)
{
    tr_error err = {0};
    tr_caseload c;
    static const char *const mods[] = {"activity"};
    static const char *const meas[] = {"phq9:weekly"};
    char *file = NULL, *rec = NULL, *krec = NULL;
    size_t len = 0, klen = 0;
    tr_team_keys k;
    tr_care_import_result res;
    assert_int_equal(tr_caseload_init_keys(&f->team, 1, "Kari Behandler", "RPH Nord", "22 00 00 00",
                                           "08-15", "2026-12-01T09:00:00Z", &err),
                     TR_OK);
    load(f, &c);
    assert_true(c.care.has_keys && c.care.has_card);
    assert_string_equal(c.care.role, "team");
    assert_string_equal(c.care.card.service, "RPH Nord");
    assert_string_equal(c.care.card.therapist, "Kari Behandler");
    tr_care_assign_opts o = {"klient-7", mods, 1, 0, NULL, meas, 1, "2030-01-31", NULL};
    assert_int_equal(tr_care_assign(&c.care, &o, "2026-12-05T10:00:00Z", &file, &len, &rec, &err),
                     TR_OK);
    assert_int_equal(tr_profile_append(&f->team, rec, strlen(rec), &err), TR_OK);
    free(rec);
    /* the client: device keys, then the assignment with the fingerprint confirmed */
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "device", "2026-12-05T11:00:00Z", &krec, &klen, &err),
                     TR_OK);
    feed(&f->client, krec);
    tr_team_secret_free(krec, klen);
    tr_team_keys_wipe(&k);
    int64_t now = 0;
    assert_int_equal(tp_clock_parse("2026-12-05T12:00:00Z", &now), 0);
    assert_int_equal(
        tr_care_import(&f->client, (uint8_t *)file, len, now, c.care.card.fingerprint, &res, &err),
        TR_OK);
    feed(&f->client, res.pin_record);
    feed(&f->client, res.record);
    tr_care_import_free(&res);
    free(file);
    tr_caseload_free(&c);
}

/* A report of records (JSON array text) from the client to the team, sealed. */
static tr_care_report_result report(fixture *f, const char *records, const char *now)
{
    tr_care_report_result r;
    tr_error err = {0};
    tr_caseload c;
    cJSON *recs = cJSON_Parse(records);
    load(f, &c);
    tr_care_report_opts o = {.records = recs,
                             .measures = 1,
                             .assessment = 1,
                             .modules = 1,
                             .from = "2026-12-01",
                             .to = "2026-12-31",
                             .risk = tr_care_risk_of,
                             .risk_user = f->pack};
    assert_int_equal(tr_care_report(&f->client, &c.care.card, &o, now, &r, &err), TR_OK);
    feed(&f->client, r.record);
    cJSON_Delete(recs);
    tr_caseload_free(&c);
    return r;
}

/* Measure records as the app writes them (complete answers, so the export scores them). */
#define P1                                                                                         \
    "{\"type\":\"measure\",\"ts\":\"2026-12-02T20:00:00Z\",\"instrument\":\"phq9\","               \
    "\"answers\":{\"phq9_1\":3,\"phq9_2\":3,\"phq9_3\":3,\"phq9_4\":3,\"phq9_5\":2,\"phq9_6\":2,"  \
    "\"phq9_7\":2,\"phq9_8\":0,\"phq9_9\":0},"                                                     \
    "\"total\":18,\"scorable\":true,\"band\":\"moderately_severe\",\"risk\":\"none\",\"risk_"      \
    "answers\":{}}"
#define G1                                                                                         \
    "{\"type\":\"measure\",\"ts\":\"2026-12-02T20:05:00Z\",\"instrument\":\"gad7\","               \
    "\"answers\":{\"gad7_1\":2,\"gad7_2\":2,\"gad7_3\":2,\"gad7_4\":2,\"gad7_5\":2,\"gad7_6\":1,"  \
    "\"gad7_7\":1},"                                                                               \
    "\"total\":12,\"scorable\":true,\"band\":\"moderate\"}"
#define P2                                                                                         \
    "{\"type\":\"measure\",\"ts\":\"2026-12-09T20:00:00Z\",\"instrument\":\"phq9\","               \
    "\"answers\":{\"phq9_1\":1,\"phq9_2\":1,\"phq9_3\":1,\"phq9_4\":1,\"phq9_5\":1,\"phq9_6\":1,"  \
    "\"phq9_7\":1,\"phq9_8\":0,\"phq9_9\":2},"                                                     \
    "\"total\":9,\"scorable\":true,\"band\":\"mild\",\"risk\":\"elevated\",\"risk_answers\":{"     \
    "\"risk_plans\":\"no\"}}"
#define G2                                                                                         \
    "{\"type\":\"measure\",\"ts\":\"2026-12-09T20:05:00Z\",\"instrument\":\"gad7\","               \
    "\"answers\":{\"gad7_1\":1,\"gad7_2\":1,\"gad7_3\":1,\"gad7_4\":1,\"gad7_5\":1,\"gad7_6\":0,"  \
    "\"gad7_7\":0},"                                                                               \
    "\"total\":5,\"scorable\":true,\"band\":\"mild\"}"
static const char FIRST[] = "[" P1 "," G1 "]";
static const char SECOND[] = "[" P1 "," P2 "," G2 "]";

static void test_keys_refuse_bad_text(void **state)
{
    fixture *f = *state;
    tr_error err = {0};
    uint64_t before = tr_journal_count(f->team.j);
    assert_int_equal(tr_caseload_init_keys(&f->team, 1, "Kari", "RPH\nNord", NULL, NULL,
                                           "2026-12-01T09:00:00Z", &err),
                     TR_E_INVALID);
    assert_int_equal(tr_journal_count(f->team.j), before); /* nothing half written */
}

static void test_reports_make_the_client_list(void **state)
{
    fixture *f = *state;
    tr_error err = {0};
    tr_caseload c;
    tr_care_open_result o;
    pair(f);

    /* before any report: the client assigned to, nothing heard */
    load(f, &c);
    assert_int_equal(c.n_clients, 1);
    assert_string_equal(c.clients[0].id, "klient-7");
    assert_int_equal(c.clients[0].last_assign_seq >> 16, 1796464800); /* 2026-12-05T10:00:00Z */
    assert_int_equal(c.clients[0].last_report, 0);
    assert_int_equal(c.clients[0].risk, TR_CASELOAD_RISK_NONE);

    tr_care_report_result r1 = report(f, FIRST, "2026-12-03T08:00:00Z");
    assert_int_equal(tr_caseload_open_report(&f->team, &c.care, r1.file, r1.file_len,
                                             "2026-12-03T09:00:00Z", &o, &err),
                     TR_OK);
    assert_true(o.first);
    tr_care_open_free(&o);
    tr_caseload_free(&c);
    load(f, &c);
    const tr_caseload_client *k7 = tr_caseload_find(&c, "klient-7");
    assert_non_null(k7);
    assert_int_equal(k7->n_reports, 1);
    assert_true(k7->last_report > 0);
    assert_int_equal(k7->risk, TR_CASELOAD_RISK_NONE);
    assert_true(k7->has_device);
    assert_string_equal(k7->device_fingerprint,
                        cJSON_GetObjectItem(k7->header, "sender_fingerprint")->valuestring);
    assert_int_equal(cJSON_GetArraySize(k7->records), 2);
    assert_int_equal(k7->n_new, 2);

    /* the same file again: refused, and the journal keeps nothing of it */
    uint64_t before = tr_journal_count(f->team.j);
    assert_int_equal(tr_caseload_open_report(&f->team, &c.care, r1.file, r1.file_len,
                                             "2026-12-03T09:30:00Z", &o, &err),
                     TR_E_INVALID);
    assert_int_equal(o.why, TR_EXCH_REPLAYED);
    tr_care_open_free(&o);
    assert_int_equal(tr_journal_count(f->team.j), before);
    /* a damaged file: refused the same way */
    r1.file[r1.file_len / 2] ^= 1;
    assert_int_not_equal(tr_caseload_open_report(&f->team, &c.care, r1.file, r1.file_len,
                                                 "2026-12-03T09:31:00Z", &o, &err),
                         TR_OK);
    assert_int_not_equal(o.why, TR_EXCH_OK);
    tr_care_open_free(&o);
    assert_int_equal(tr_journal_count(f->team.j), before);
    tr_care_report_free(&r1);

    /* the second report: item 9 above 0 with a follow-up answer */
    tr_care_report_result r2 = report(f, SECOND, "2026-12-10T08:00:00Z");
    assert_int_equal(tr_caseload_open_report(&f->team, &c.care, r2.file, r2.file_len,
                                             "2026-12-10T09:00:00Z", &o, &err),
                     TR_OK);
    tr_care_open_free(&o);
    tr_care_report_free(&r2);
    tr_caseload_free(&c);
    load(f, &c);
    k7 = tr_caseload_find(&c, "klient-7");
    assert_int_equal(k7->n_reports, 2);
    assert_int_equal(k7->risk, TR_CASELOAD_RISK_ELEVATED);
    assert_int_equal(cJSON_GetArraySize(k7->records), 4); /* the repeated one once */
    assert_int_equal(cJSON_GetArraySize(k7->latest), 3);
    assert_int_equal(k7->n_new, 2); /* the first measure came with the first report */
    /* what changed: PHQ-9 18 -> 9 and GAD-7 12 -> 5 since the first report */
    tr_caseload_change ch[4];
    assert_int_equal(tr_caseload_changes(k7, ch, 4), 2);
    assert_string_equal(ch[0].instrument, "phq9");
    assert_true(ch[0].now == 9 && ch[0].before == 18);
    assert_string_equal(ch[1].instrument, "gad7");
    assert_true(ch[1].now == 5 && ch[1].before == 12);

    cJSON *flags = tr_caseload_flags(f->pack, k7->records);
    assert_int_equal(cJSON_GetArraySize(flags), 1);
    const cJSON *fl = cJSON_GetArrayItem(flags, 0);
    assert_string_equal(cJSON_GetObjectItem(fl, "item")->valuestring, "phq9_9");
    assert_int_equal(cJSON_GetObjectItem(fl, "number")->valueint, 9);
    assert_int_equal(cJSON_GetObjectItem(fl, "value")->valueint, 2);
    assert_string_equal(cJSON_GetObjectItem(fl, "risk")->valuestring, "elevated");
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(fl, "risk_answers"), "risk_plans"));
    cJSON_Delete(flags);

    /* the note for the patient record: the risk first, from the newest report */
    char *note = NULL;
    assert_int_equal(tr_caseload_summary(&c, k7, f->pack, "nb", &note, &err), TR_OK);
    const char *risk = strstr(note, "RISIKO"), *recs = strstr(note, "Delte svar");
    assert_non_null(risk);
    assert_non_null(recs);
    assert_true(risk < recs);
    assert_non_null(strstr(note, "klient-7"));
    assert_non_null(strstr(note, k7->device_fingerprint));
    free(note);

    /* the team's numbers: one client, finished (two paired occasions), at caseness, recovered
     * (PHQ-9 18 -> 9, GAD-7 12 -> 5) and reliably improved */
    cJSON *stats = NULL;
    assert_int_equal(tr_caseload_stats(&c, f->pack, content_dir(), &stats, &err), TR_OK);
    const cJSON *g, *all = NULL;
    cJSON_ArrayForEach(g, cJSON_GetObjectItem(stats, "groups"))
    {
        if (cJSON_IsNull(cJSON_GetObjectItem(g, "team")) &&
            cJSON_IsNull(cJSON_GetObjectItem(g, "period")))
            all = g;
    }
    assert_non_null(all);
    const cJSON *counts = cJSON_GetObjectItem(all, "counts");
    assert_int_equal(cJSON_GetObjectItem(counts, "finished")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(counts, "recovered")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(counts, "reliably_improved")->valueint, 1);
    /* the reference figures carry their label in each language */
    const cJSON *ref = cJSON_GetArrayItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(all, "rates"), "recovery"),
                            "reference"),
        0);
    assert_non_null(ref);
    assert_true(cJSON_IsString(cJSON_GetObjectItem(cJSON_GetObjectItem(ref, "label"), "nn")));
    cJSON_Delete(stats);
    /* the same as the screens' views (issue 10: no JSON in ui/): the page's flag with its item
     * and follow-up answer, what the newest report carried, and the team's numbers with the
     * reference labels in the language asked for */
    tr_caseload_page page;
    assert_int_equal(tr_caseload_page_make(f->pack, k7, &page, &err), TR_OK);
    assert_false(page.flags_failed);
    assert_int_equal(page.n_flags, 1);
    assert_string_equal(page.flags[0].instrument, "phq9");
    assert_true(page.flags[0].has_item && page.flags[0].number == 9 && page.flags[0].value == 2);
    assert_string_equal(page.flags[0].risk, "elevated");
    assert_int_equal(page.flags[0].n_answers, 1);
    assert_string_equal(page.flags[0].answers[0].key, "risk_plans");
    assert_int_equal(page.n_latest, 3);
    tr_caseload_page_free(&page);
    tr_stats_view sv;
    assert_int_equal(tr_caseload_stats_view(&c, f->pack, content_dir(), "nn", &sv, &err), TR_OK);
    assert_true(sv.has_all);
    assert_string_equal(tr_view_count_names[3], "finished");
    assert_int_equal(sv.all.counts[3], 1);
    assert_int_equal(sv.all.counts[6], 1); /* recovered */
    assert_string_equal(tr_view_rate_names[0], "recovery");
    assert_true(sv.all.rates[0].defined && sv.all.rates[0].rate == 1.0);
    assert_true(sv.all.rates[0].n_refs > 0 && sv.all.rates[0].refs[0].label[0]);
    assert_true(sv.n_periods >= 1 && sv.periods[0].period[0]);
    tr_stats_view_free(&sv);
    tr_caseload_free(&c);
}

/* The page's module progress and newest entries (tr_caseload_page_make): each module once, its
 * distinct steps done, the entries newest first without the deleted one, and never one twice
 * (the screen walked the records back past the first one and showed entries again). */
static void test_page_modules(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_caseload_page page;
    cJSON *recs = cJSON_Parse(
        "[{\"type\":\"module_progress\",\"module\":\"activity\",\"step\":\"s1\","
        "\"status\":\"done\"},"
        "{\"type\":\"module_progress\",\"module\":\"activity\",\"step\":\"s1\","
        "\"status\":\"done\"},"
        "{\"type\":\"module_entry\",\"ts\":\"2026-12-01T10:00:00Z\",\"module\":\"sleep\","
        "\"step\":\"diary\",\"values\":{\"hours\":7,\"note\":\"godt\",\"rows\":[1]}},"
        "{\"type\":\"module_entry\",\"ts\":\"2026-12-02T10:00:00Z\",\"module\":\"sleep\","
        "\"op\":\"delete\"},"
        "{\"type\":\"module_entry\",\"ts\":\"2026-12-03T10:00:00Z\",\"module\":\"activity\","
        "\"step\":\"plan\",\"values\":{\"what\":\"tur\"}}]");
    assert_non_null(recs);
    tr_caseload_client c = {.records = recs};
    assert_int_equal(tr_caseload_page_make(NULL, &c, &page, &err), TR_OK);
    assert_int_equal(page.n_modules, 2);
    assert_string_equal(page.modules[0], "activity");
    assert_int_equal(page.done[0], 1); /* s1 done twice: one step */
    assert_string_equal(page.modules[1], "sleep");
    assert_int_equal(page.done[1], 0);
    assert_int_equal(page.n_entries, 3);
    assert_int_equal(page.n_shown, 2); /* newest first, the deleted one left out, none twice */
    assert_string_equal(page.shown[0].ts, "2026-12-03T10:00:00Z");
    assert_string_equal(page.shown[1].ts, "2026-12-01T10:00:00Z");
    assert_int_equal(page.shown[1].n_values, 3);
    assert_true(page.shown[1].values[0].kind == 0 && page.shown[1].values[0].number == 7);
    assert_true(page.shown[1].values[1].kind == 1 &&
                strcmp(page.shown[1].values[1].text, "godt") == 0);
    assert_int_equal(page.shown[1].values[2].kind, 2);
    assert_false(page.has_assessment);
    tr_caseload_page_free(&page);
    cJSON_Delete(recs);
}

static void test_assign_keeps_the_number(void **state)
{
    fixture *f = *state;
    tr_error err = {0};
    tr_caseload c;
    char *file = NULL;
    size_t len = 0;
    uint64_t seq = 0;
    static const char *const mods[] = {"activity"};
    pair(f); /* the first number for klient-7 */
    load(f, &c);
    tr_care_assign_opts o = {"klient-7", mods, 1, 0, "Gå en tur", NULL, 0, "2030-01-31", NULL};
    assert_int_equal(
        tr_caseload_assign(&f->team, &c.care, &o, "2026-12-06T10:00:00Z", &file, &len, &seq, &err),
        TR_OK);
    assert_int_equal(seq >> 16, 1796551200); /* 2026-12-06T10:00:00Z, and the key's tag */
    assert_int_equal(tr_caseload_find(&c, "klient-7")->last_assign_seq >> 16, 1796464800);
    assert_true(len > 0 && strncmp(file, "trinn-oppdrag 1\n", 16) == 0);
    free(file);
    tr_caseload_free(&c);
    load(f, &c);
    assert_int_equal(tr_caseload_find(&c, "klient-7")->last_assign_seq, seq);
    /* a bad option: nothing kept, no file */
    uint64_t before = tr_journal_count(f->team.j);
    o.expires = "2030-02-30";
    assert_int_equal(
        tr_caseload_assign(&f->team, &c.care, &o, "2026-12-06T10:00:00Z", &file, &len, &seq, &err),
        TR_E_INVALID);
    assert_null(file);
    assert_int_equal(tr_journal_count(f->team.j), before);
    tr_caseload_free(&c);
}

static void test_risk_rule(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *rec;
        int flagged;
        const char *risk;
    } cases[] = {
        {"{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{\"phq9_9\":0}}", 0, NULL},
        {"{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{\"phq9_9\":1}}", 1,
         "elevated"},
        {"{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{\"phq9_9\":3},"
         "\"risk\":\"acute\"}",
         1, "acute"},
        /* a skipped item 9 whose follow-up made it acute */
        {"{\"type\":\"measure\",\"instrument\":\"phq9\",\"answers\":{},\"risk\":\"acute\"}", 1,
         "acute"},
        {"{\"type\":\"assessment\",\"risk\":\"none\"}", 0, NULL},
        {"{\"type\":\"assessment\",\"risk\":\"elevated\"}", 1, "elevated"},
        {"{\"type\":\"checkin\",\"mood\":0}", 0, NULL},
        {"{\"instrument\":\"phq9\"}", 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *rec = cJSON_Parse(cases[i].rec), *flag = cJSON_CreateObject();
        assert_int_equal(tr_care_risk_of(f->pack, rec, flag), cases[i].flagged);
        if (cases[i].risk)
            assert_string_equal(cJSON_GetObjectItem(flag, "risk")->valuestring, cases[i].risk);
        cJSON_Delete(rec);
        cJSON_Delete(flag);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keys_refuse_bad_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reports_make_the_client_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_keeps_the_number, setup, teardown),
        cmocka_unit_test(test_page_modules),
        cmocka_unit_test_setup_teardown(test_risk_rule, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
