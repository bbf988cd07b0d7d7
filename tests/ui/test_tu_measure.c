/* The measure flow without a window: an app with the real content pack answers PHQ-9 and GAD-7
 * by number keys, as a client can. Checks the records written (one `measure` per instrument,
 * exactly as core/RECORDS.md says), that a journal refusing the write keeps the answers and
 * saves them on "try again", and that a PHQ-9 item 9 answer above 0 puts the crisis contacts
 * above the scores. */
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
    if (tu_testkit_open(&app, 2, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

static void draw(void (*body)(tu_app *))
{
    tu_begin(&app.ui, 1280, 20000, 0);
    tu_column(&app.ui, 0, 0, 720);
    body(&app);
    tu_end(&app.ui);
}

/* A journal that refuses writes while *refuse is set. */
static int sink(void *user, const cJSON *record, tr_error *err)
{
    (void)record;
    if (*(int *)user) {
        tr_error_set(err, TR_E_IO, "the disk is full");
        return -1;
    }
    return 0;
}

/* The risk follow-ups' answers (number keys: 1 yes, 2 no, 3 not sure), set per test. */
static int plans_key = 2, intent_key = 2, safe_key = 1;

/* Answers every scored question with the option worth `digit` points (number key digit + 1:
 * keys count the answers from 1), PHQ-9 item 9 with the one worth `item9`, the risk follow-ups
 * with the keys above, until the walk is over. */
static void answer_all(int digit, int item9)
{
    tu_measure_open(&app, TU_SCR_WELCOME);
    assert_int_equal(app.screen, TU_SCR_MEASURE);
    for (int n = 0; app.screen == TU_SCR_MEASURE; n++) {
        const tu_assess_q *q = tu_assess_current(&app.trk.meas.walk);
        if (n >= 40 || !q)
            fail_msg("question %d: %s", n, q ? q->item->id : "none");
        /* the closing "how difficult" question takes its first option */
        tu_input_digit(&app.ui, strcmp(q->item->id, "phq9_9") == 0        ? item9 + 1
                                : strcmp(q->item->id, "risk_plans") == 0  ? plans_key
                                : strcmp(q->item->id, "risk_intent") == 0 ? intent_key
                                : strcmp(q->item->id, "risk_safe") == 0   ? safe_key
                                : q->item->scored                         ? digit + 1
                                                                          : 1);
        draw(tu_measure_body);
    }
    assert_int_equal(app.screen, TU_SCR_MEASURE_DONE);
    draw(tu_measure_done_body);
}

/* The result screen: its body, and its buttons in a bar below. */
static void done_screen(tu_app *a)
{
    tu_measure_done_body(a);
    tu_measure_done_nav(a, (tu_rect){0, 19000, 720, 60});
}

static void click(const char *id)
{
    draw(done_screen);
    const tu_record *r = tu_find(&app.ui, id);
    assert_non_null(r);
    int x = r->rect.x + r->rect.w / 2, y = r->rect.y + r->rect.h / 2;
    tu_input_mousedown(&app.ui, x, y);
    draw(done_screen);
    tu_input_mouseup(&app.ui, x, y);
    draw(done_screen);
}

static const char *text_of(const cJSON *rec, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void records_as_documented_and_saved_again(void **state)
{
    (void)state;
    int refuse = 1;
    tu_records_attach(&app.records, sink, &refuse, NULL);
    answer_all(1, 0);
    /* nothing was saved: the problem and the way to try again show, the answers stay */
    assert_int_equal(app.records.count, 0);
    assert_non_null(tu_find(&app.ui, "measure.problem"));
    assert_non_null(strstr(tu_find(&app.ui, "measure.problem.link.0")->label, "the disk is full"));
    /* leaving now would lose them: only an explicit "leave without saving", not Escape */
    draw(done_screen);
    assert_null(tu_find(&app.ui, "measure.done"));
    assert_null(tu_find(&app.ui, "measure.charts"));
    assert_non_null(tu_find(&app.ui, "measure.leave_unsaved"));
    tu_input_key(&app.ui, TU_KEY_ESCAPE);
    draw(done_screen);
    assert_int_equal(app.screen, TU_SCR_MEASURE_DONE);
    assert_int_equal(app.trk.meas.on, 1);
    refuse = 0;
    click("measure.retry");
    assert_int_equal(app.records.count, 2);
    draw(done_screen);
    assert_null(tu_find(&app.ui, "measure.problem"));
    assert_non_null(tu_find(&app.ui, "measure.done_title"));
    assert_non_null(tu_find(&app.ui, "measure.done"));
    assert_null(tu_find(&app.ui, "measure.leave_unsaved"));

    const cJSON *list = tu_records_list(&app.records);
    const cJSON *phq = cJSON_GetArrayItem(list, 0), *gad = cJSON_GetArrayItem(list, 1);
    static const char *const keys[] = {"type", "ts",       "instrument", "answers", "total",
                                       "band", "caseness", "scorable",   "risk",    "risk_answers"};
    size_t k = 0;
    for (const cJSON *f = phq->child; f; f = f->next, k++) {
        assert_true(k < 10);
        assert_string_equal(f->string, keys[k]);
    }
    assert_int_equal(k, 10);
    /* item 9 "not at all": no risk, no follow-ups asked; GAD-7 has no critical item */
    assert_string_equal(text_of(phq, "risk"), "none");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(phq, "risk_answers")), 0);
    assert_null(cJSON_GetObjectItemCaseSensitive(gad, "risk"));
    assert_string_equal(text_of(phq, "type"), "measure");
    assert_string_equal(text_of(phq, "instrument"), "phq9");
    assert_string_equal(text_of(gad, "instrument"), "gad7");
    assert_true(cJSON_GetObjectItemCaseSensitive(phq, "total")->valuedouble == 8);
    assert_string_equal(text_of(phq, "band"), "mild");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(phq, "caseness")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(phq, "scorable")));
    /* nine items and the "how difficult" question, and nothing of GAD-7 */
    const cJSON *answers = cJSON_GetObjectItemCaseSensitive(phq, "answers");
    assert_int_equal(cJSON_GetArraySize(answers), 10);
    assert_null(cJSON_GetObjectItemCaseSensitive(answers, "gad7_1"));
    assert_true(cJSON_GetObjectItemCaseSensitive(gad, "total")->valuedouble == 7);
    assert_string_equal(text_of(gad, "band"), "mild");
    /* first time: no change to report yet; no risk section */
    assert_non_null(strstr(tu_find(&app.ui, "measure.score.phq9.change")->label, "first time"));
    assert_null(tu_find(&app.ui, "measure.risk.title"));

    /* done: the reminder is not due, and the charts have the points */
    click("measure.charts");
    assert_int_equal(app.screen, TU_SCR_PROGRESS);
    assert_int_equal(tu_trk_measure_due(&app), 0);
}

static void risk_answer_shows_crisis_contacts_first(void **state)
{
    (void)state;
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    answer_all(0, 1); /* only PHQ-9 item 9, on "several days" */
    const tu_record *risk = tu_find(&app.ui, "measure.risk.title");
    const tu_record *contact = tu_find(&app.ui, "crisis.emergency");
    const tu_record *score = tu_find(&app.ui, "measure.score.phq9");
    assert_non_null(risk);
    assert_non_null(contact);
    assert_non_null(score);
    assert_true(risk->rect.y < contact->rect.y);
    assert_true(contact->rect.y + contact->rect.h <= score->rect.y);
    assert_int_equal(app.records.count, 2);
    const cJSON *phq = cJSON_GetArrayItem(tu_records_list(&app.records), 0);
    assert_true(cJSON_GetObjectItemCaseSensitive(phq, "total")->valuedouble == 1);
}

/* Issue 11 item 6: item 9 above 0 in a weekly measure asks the assessment's risk follow-ups
 * right after item 9, and the PHQ-9 record keeps the risk and the follow-up answers. */
static void risk_answer_asks_followups_and_flags_record(void **state)
{
    (void)state;
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    tu_measure_open(&app, TU_SCR_WELCOME);
    /* walk to item 9, answer it, and the next question is the first follow-up */
    for (int n = 0; n < 8; n++) {
        tu_input_digit(&app.ui, 2); /* the second answer, 1 point */
        draw(tu_measure_body);
    }
    assert_string_equal(tu_assess_current(&app.trk.meas.walk)->item->id, "phq9_9");
    tu_input_digit(&app.ui, 3); /* 2 points */
    draw(tu_measure_body);
    assert_string_equal(tu_assess_current(&app.trk.meas.walk)->item->id, "risk_plans");

    plans_key = 2, intent_key = 2, safe_key = 1; /* no plans, no intent, can keep safe */
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    answer_all(0, 1);
    assert_non_null(tu_find(&app.ui, "measure.risk.title"));
    const cJSON *phq = cJSON_GetArrayItem(tu_records_list(&app.records), 0);
    assert_string_equal(text_of(phq, "risk"), "elevated");
    const cJSON *ra = cJSON_GetObjectItemCaseSensitive(phq, "risk_answers");
    assert_string_equal(text_of(ra, "risk_plans"), "no");
    assert_string_equal(text_of(ra, "risk_intent"), "no");
    assert_string_equal(text_of(ra, "risk_safe"), "yes");
    /* the follow-ups are not PHQ-9 items: they stay out of its answers */
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(phq, "answers"),
                                                 "risk_plans"));

    plans_key = 2, intent_key = 2, safe_key = 3; /* not sure they can keep safe: acute */
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    answer_all(0, 1);
    phq = cJSON_GetArrayItem(tu_records_list(&app.records), 0);
    assert_string_equal(text_of(phq, "risk"), "acute");
    plans_key = 2, intent_key = 2, safe_key = 1;
}

/* Leaving after a failed save is the client's explicit choice, asked twice («Gå uten å
 * lagre», then the dialog's yes), and then nothing is kept. */
static void leaving_unsaved_is_explicit(void **state)
{
    (void)state;
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    int refuse = 1;
    tu_records_attach(&app.records, sink, &refuse, NULL);
    answer_all(2, 0);
    assert_non_null(tu_find(&app.ui, "measure.unsaved_note"));
    click("measure.leave_unsaved");
    /* asked first (tu_app_frame draws the dialog): nothing has gone yet */
    assert_non_null(app.confirm_fn);
    assert_string_equal(app.confirm_key, "confirm.leave_measure");
    assert_int_equal(app.screen, TU_SCR_MEASURE_DONE);
    assert_int_equal(app.trk.meas.on, 1);
    tu_confirm_fn yes = app.confirm_fn; /* what the dialog's «yes» runs */
    app.confirm_fn = NULL;
    yes(&app);
    assert_int_equal(app.screen, TU_SCR_WELCOME);
    assert_int_equal(app.trk.meas.on, 0);
    assert_int_equal(app.records.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_as_documented_and_saved_again),
        cmocka_unit_test(risk_answer_shows_crisis_contacts_first),
        cmocka_unit_test(risk_answer_asks_followups_and_flags_record),
        cmocka_unit_test(leaving_unsaved_is_explicit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
