/* The tracking screens without a window: an app with the real content pack and a fake text
 * measurer, fed journal-shaped records, draws the charts screen and the welcome reminder.
 * Checks that every series with data gets its chart and summary, that the outcome reads in
 * plain words, and that the reminder shows only when a measure is due. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tp_clock.h"
#include "tu_app.h"
#include "tu_testkit.h"

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 2, msg, sizeof msg) != 0)
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

static void add(cJSON *rec, int64_t days_ago)
{
    char ts[32];
    tp_clock_format(tp_clock_now() - days_ago * 86400, ts, sizeof ts);
    cJSON_AddStringToObject(rec, "ts", ts);
    tr_error err = {0};
    assert_int_equal(tu_records_append(&app.records, rec, &err), 0);
}

static void add_measure(const char *inst, int total, int64_t days_ago)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "measure");
    cJSON_AddStringToObject(r, "instrument", inst);
    cJSON_AddNumberToObject(r, "total", total);
    cJSON_AddBoolToObject(r, "scorable", 1);
    add(r, days_ago);
}

static void add_checkin(int mood, double sleep, int64_t days_ago)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "checkin");
    cJSON_AddNumberToObject(r, "mood", mood);
    cJSON_AddNumberToObject(r, "sleep_hours", sleep);
    cJSON_AddStringToObject(r, "note", "");
    add(r, days_ago);
}

static void add_diary_day(int n, int mood, int64_t days_ago)
{
    char date[16], id[16];
    tp_clock_format(tp_clock_now() - days_ago * 86400, date, sizeof date);
    date[10] = 0;
    snprintf(id, sizeof id, "d%d", n);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "module_entry");
    cJSON_AddStringToObject(r, "module", "behavioural_activation");
    cJSON_AddStringToObject(r, "step", "diary");
    cJSON_AddStringToObject(r, "entry", id);
    cJSON_AddStringToObject(r, "op", "save");
    cJSON *v = cJSON_AddObjectToObject(r, "values");
    cJSON_AddStringToObject(v, "date", date);
    cJSON *rows = cJSON_AddArrayToObject(v, "activities");
    cJSON *row = cJSON_CreateObject();
    cJSON_AddStringToObject(row, "time", "10:00");
    cJSON_AddStringToObject(row, "activity", "Walk");
    cJSON_AddNumberToObject(row, "mood", mood);
    cJSON_AddNumberToObject(row, "mastery", 5);
    cJSON_AddNumberToObject(row, "pleasure", 6);
    cJSON_AddItemToArray(rows, row);
    add(r, days_ago);
}

static void add_try(int n, int peak, int64_t days_ago)
{
    char date[16], id[16];
    tp_clock_format(tp_clock_now() - days_ago * 86400, date, sizeof date);
    date[10] = 0;
    snprintf(id, sizeof id, "t%d", n);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "module_entry");
    cJSON_AddStringToObject(r, "module", "exposure");
    cJSON_AddStringToObject(r, "step", "tries");
    cJSON_AddStringToObject(r, "entry", id);
    cJSON_AddStringToObject(r, "op", "save");
    cJSON *v = cJSON_AddObjectToObject(r, "values");
    cJSON_AddStringToObject(v, "rung", "Taking the bus one stop");
    cJSON_AddStringToObject(v, "date", date);
    cJSON_AddNumberToObject(v, "before", 50);
    cJSON_AddNumberToObject(v, "peak", peak);
    cJSON_AddNumberToObject(v, "after", 20);
    add(r, days_ago);
}

static void draw(void (*body)(tu_app *))
{
    tu_begin(&app.ui, 1280, 20000, 0);
    tu_column(&app.ui, 0, 0, 720);
    body(&app);
    tu_end(&app.ui);
}

static const char *label(const char *id)
{
    const tu_record *r = tu_find(&app.ui, id);
    return r ? r->label : NULL;
}

static void charts_and_outcome_in_plain_words(void **state)
{
    (void)state;
    /* six weekly measures: PHQ-9 falls by 10 (reliable), GAD-7 by 9 (reliable) */
    for (int w = 0; w < 6; w++) {
        add_measure("phq9", 18 - 2 * w, 7 * (6 - w));
        add_measure("gad7", 15 - 2 * w + (w == 5), 7 * (6 - w));
    }
    for (int d = 0; d < 14; d++)
        add_checkin(3 + d % 5, 6.5, 14 - d);
    for (int d = 0; d < 3; d++)
        add_diary_day(d, 4 + d, 3 - d);
    for (int t = 0; t < 4; t++)
        add_try(t, 80 - 10 * t - 5 * (t == 3), 3 - t);
    draw(tu_progress_body);
    assert_non_null(tu_find(&app.ui, "chart.phq9"));
    assert_non_null(tu_find(&app.ui, "chart.gad7"));
    assert_non_null(tu_find(&app.ui, "chart.mood"));
    assert_non_null(tu_find(&app.ui, "chart.sleep_hours"));
    assert_non_null(tu_find(&app.ui, "chart.activity_mood"));
    /* distress over exposure tries: before, at the peak and after, one line each */
    assert_non_null(tu_find(&app.ui, "chart.exposure_distress"));
    const char *peak = label("progress.exposure_distress.summary.1");
    assert_non_null(peak);
    assert_non_null(strstr(peak, "first 80, latest 45"));
    assert_non_null(label("progress.exposure_distress.summary.2"));
    /* nothing planned yet: no chart, and no empty one */
    assert_null(tu_find(&app.ui, "chart.predicted_actual"));
    assert_null(tu_find(&app.ui, "progress.measures_none"));
    int said = 0;
    for (int i = 0; i < TR_OUTCOME_TEXT_MAX; i++) {
        char id[32];
        snprintf(id, sizeof id, "progress.outcome.%d", i);
        const char *o = label(id);
        said += o && strstr(o, "mood score (PHQ-9) has fallen by 10 points") &&
                strstr(o, "reliable improvement");
    }
    assert_int_equal(said, 1);
    const char *mood = label("progress.mood.summary");
    assert_non_null(mood);
    assert_non_null(strstr(mood, "14 times"));
    const char *walk = label("progress.activity_mood.summary.0");
    assert_non_null(walk);
    assert_non_null(strstr(walk, "first 4, latest 6"));
    char why[512];
    assert_int_equal(tu_check_layout(&app.ui, why, sizeof why), 0);
}

static void reminder_only_when_due(void **state)
{
    (void)state;
    /* a first-time client is not nagged */
    draw(tu_trk_reminder);
    assert_null(tu_find(&app.ui, "track.due"));
    add_measure("phq9", 12, 3);
    add_measure("gad7", 9, 3);
    draw(tu_trk_reminder);
    assert_null(tu_find(&app.ui, "track.due"));
    assert_null(tu_find(&app.ui, "track.measure"));
    draw(tu_trk_welcome);
    assert_non_null(tu_find(&app.ui, "track.text"));
    tu_records_free(&app.records);
    tu_trk_free(&app.trk);
    add_measure("phq9", 12, 8);
    add_measure("gad7", 9, 8);
    draw(tu_trk_reminder);
    assert_non_null(tu_find(&app.ui, "track.due"));
    assert_non_null(tu_find(&app.ui, "track.measure"));
}

static void draw_suggest(tu_app *a)
{
    static const char *const ids[] = {"thought_record", "no_such_module", "worry"};
    tu_mods_suggest(a, ids, 3);
}

static void draw_suggest_none(tu_app *a)
{
    static const char *const ids[] = {"no_such_module"};
    tu_mods_suggest(a, ids, 1);
}

/* A triage result's suggested modules: a button for each the pack has, in order. */
static void suggested_modules_link_to_them(void **state)
{
    (void)state;
    draw(draw_suggest);
    const tu_record *a = tu_find(&app.ui, "suggest.thought_record");
    const tu_record *b = tu_find(&app.ui, "suggest.worry");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->rect.y < b->rect.y);
    assert_non_null(strstr(a->label, "Thought record"));
    assert_null(tu_find(&app.ui, "suggest.no_such_module"));
    draw(draw_suggest_none);
    assert_null(tu_find(&app.ui, "suggest.card"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(charts_and_outcome_in_plain_words, setup, teardown),
        cmocka_unit_test_setup_teardown(reminder_only_when_due, setup, teardown),
        cmocka_unit_test_setup_teardown(suggested_modules_link_to_them, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
