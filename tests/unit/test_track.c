/* Unit tests of tr_track: tracking.json parsing, what is due when, the chart series from
 * journal records (measures with reliable-change marks, check-ins, module entries that are
 * edited and deleted), measurement occasions and sessions for the outcome metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_track.h"

#define DAY  86400
#define HOUR 3600

static const char *config_text =
    "{\"format\":1,"
    "\"outcome\":{\"depression\":\"phq9\",\"anxiety\":\"gad7\",\"finished_sessions\":2,"
    "\"occasion_window_hours\":12},"
    "\"measures\":{\"due_early_hours\":12,\"instruments\":["
    "{\"instrument\":\"phq9\",\"every_days\":7},{\"instrument\":\"gad7\",\"every_days\":14}]},"
    "\"checkin\":{\"every_days\":1,\"fields\":["
    "{\"id\":\"mood\",\"kind\":\"scale\",\"min\":0,\"max\":10,\"summary\":\"recent_average\"},"
    "{\"id\":\"sleep_hours\",\"kind\":\"number\",\"min\":0,\"max\":24},"
    "{\"id\":\"note\",\"kind\":\"text\",\"max_length\":280}]},"
    "\"module_series\":["
    "{\"id\":\"activity_mood\",\"module\":\"ba\",\"step\":\"diary\",\"date_field\":\"date\","
    "\"fields\":[\"mood_before\",\"mood_after\"],\"summary\":\"difference\"},"
    "{\"id\":\"exposure\",\"module\":\"exp\",\"group_field\":\"situation\","
    "\"fields\":[\"before\",\"peak\",\"after\"],\"summary\":\"group_change\",\"summary_field\":"
    "\"peak\"},"
    "{\"id\":\"activities\",\"module\":\"ba\",\"step\":\"day\",\"date_field\":\"date\","
    "\"rows\":\"acts\",\"group_field\":\"what\",\"fields\":[\"mood\",\"mastery\"],"
    "\"summary\":\"best_group\"}]}";

static const tr_track_scale scales[] = {
    {"phq9", 27, 10, 6, {{"minimal", 0, 4}, {"mild", 5, 9}, {"moderate", 10, 27}}, 3},
    {"gad7", 21, 8, 4, {{"low", 0, 7}, {"high", 8, 21}}, 2},
};

typedef struct fixture {
    tr_track_config cfg;
    tr_track *t;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    tr_error err = {0};
    assert_non_null(f);
    if (tr_track_config_parse(config_text, strlen(config_text), "t.json", &f->cfg, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(
        tr_track_make(&(tr_track_desc){.config = &f->cfg, .scales = scales, .n_scales = 2}, &f->t,
                      &err),
        TR_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tr_track_destroy(f->t);
    free(f);
    return 0;
}

static void feed(tr_track *t, const char *json)
{
    cJSON *j = cJSON_Parse(json);
    assert_non_null(j);
    assert_int_equal(tr_track_feed(t, j, NULL), TR_OK);
    cJSON_Delete(j);
}

static void feed_measure(tr_track *t, const char *ts, const char *inst, int total)
{
    char buf[256];
    snprintf(buf, sizeof buf,
             "{\"type\":\"measure\",\"ts\":\"%s\",\"instrument\":\"%s\",\"answers\":{},"
             "\"total\":%d,\"band\":\"x\",\"caseness\":false,\"scorable\":true}",
             ts, inst, total);
    feed(t, buf);
}

static int64_t when(const char *s)
{
    int64_t v = 0;
    assert_int_equal(tp_clock_parse(s, &v), 0);
    return v;
}

static void test_shipped_config_parses(void **state)
{
    const char *dir = getenv("TRINN_CONTENT");
    tr_track_config cfg;
    tr_error err = {0};
    assert_non_null(dir);
    if (tr_track_config_load(dir, &cfg, &err) != TR_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(cfg.depression, "phq9");
    assert_string_equal(cfg.anxiety, "gad7");
    assert_int_equal(cfg.finished_sessions, 2);
    assert_int_equal(cfg.n_measures, 2);
    assert_int_equal(cfg.measures[0].every_days, 7);
    assert_int_equal(cfg.n_checkin, 3);
    assert_string_equal(cfg.checkin[0].id, "mood");
}

static void expect_config_error(const char *from, const char *to, const char *want)
{
    char buf[4096], *p;
    tr_track_config cfg;
    tr_error err = {0};
    snprintf(buf, sizeof buf, "%s", config_text);
    p = strstr(buf, from);
    assert_non_null(p);
    assert_true(strlen(buf) - strlen(from) + strlen(to) < sizeof buf);
    memmove(p + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
    memcpy(p, to, strlen(to));
    assert_int_not_equal(tr_track_config_parse(buf, strlen(buf), "t.json", &cfg, &err), TR_OK);
    if (!strstr(err.msg, want))
        fail_msg("message '%s' does not contain '%s'", err.msg, want);
}

static void test_config_errors_name_the_path(void **state)
{
    expect_config_error("\"every_days\":7", "\"every_day\":7",
                        "t.json: $.measures.instruments[0]: unknown key \"every_day\"");
    expect_config_error("\"every_days\":7", "\"every_days\":0",
                        "$.measures.instruments[0].every_days: expected a whole number from 1");
    expect_config_error("{\"format\":1", "{\"format\":2", "$.format: this build reads format 1");
    expect_config_error("\"gad7\",\"every_days\":14", "\"phq9\",\"every_days\":14",
                        "$.measures.instruments[1]: this instrument is scheduled twice");
    expect_config_error("\"max_length\":280", "\"max\":280", "text field has max_length");
    expect_config_error("\"min\":0,\"max\":10", "\"min\":10,\"max\":10", "min must be below max");
    expect_config_error("\"min\":0,\"max\":10", "\"min\":0.5,\"max\":10",
                        "$.checkin.fields[0].min: expected a whole number");
    expect_config_error("\"anxiety\":\"gad7\"", "\"anxiety\":\"phq9\"", "must be different");
    expect_config_error("\"anxiety\":\"gad7\"", "\"anxiety\":\"GAD 7\"",
                        "$.outcome.anxiety: expected an id");
    expect_config_error("\"fields\":[\"before\",\"peak\",\"after\"]", "\"fields\":[]",
                        "$.module_series[1].fields: name at least one");
    expect_config_error("\"kind\":\"scale\"", "\"kind\":\"slider\"", "\"kind\" must be");
    expect_config_error("{\"format\":1,", "{\"format\":1,\"format\":1,", "given twice");
    expect_config_error("\"checkin\":{", "\"checkin\":[{", "t.json:1:");
}

static void test_due(void **state)
{
    fixture *f = *state;
    tr_track_due d[4];
    int64_t t0 = when("2026-01-05T18:00:00Z");

    /* A new journal: everything is due now. */
    assert_int_equal(tr_track_due_at(f->t, t0, d, 4), 3);
    assert_string_equal(d[0].what, "phq9");
    assert_string_equal(d[2].what, "checkin");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(d[i].due, 1);
        assert_int_equal(d[i].last, 0);
    }

    /* A PHQ-9 inside an assessment counts; a GAD-7 that was not scorable was still taken. */
    feed(f->t, "{\"type\":\"assessment\",\"ts\":\"2026-01-05T18:00:00Z\",\"scores\":"
               "{\"phq9\":{\"total\":12,\"scorable\":true}}}");
    feed(f->t, "{\"type\":\"measure\",\"ts\":\"2026-01-05T18:10:00Z\",\"instrument\":\"gad7\","
               "\"total\":null,\"scorable\":false}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-01-05T18:20:00Z\",\"mood\":4}");

    /* PHQ-9 every 7 days, due 12 hours early: due from day 6.5 on, not a second before. */
    tr_track_due_at(f->t, t0 + 7 * DAY - 12 * HOUR - 1, d, 4);
    assert_int_equal(d[0].due, 0);
    assert_int_equal(d[0].last, t0);
    assert_int_equal(d[0].next, t0 + 7 * DAY - 12 * HOUR);
    tr_track_due_at(f->t, t0 + 7 * DAY - 12 * HOUR, d, 4);
    assert_int_equal(d[0].due, 1);
    assert_int_equal(d[1].due, 0); /* GAD-7 every 14 days */
    assert_int_equal(d[1].last, t0 + 10 * 60);
    assert_int_equal(d[2].due, 1); /* check-in: 12 hours after the last */

    tr_track_due_at(f->t, t0 + 20 * 60 + 12 * HOUR - 1, d, 4);
    assert_int_equal(d[2].due, 0);
    assert_int_equal(tr_track_due_at(f->t, t0, d, 1), 1); /* room for one only */
}

static void test_measure_series_and_marks(void **state)
{
    fixture *f = *state;
    tr_track_series s;
    tr_error err = {0};
    /* Fed out of order: the series is by time. */
    feed_measure(f->t, "2026-01-19", "phq9", 8);  /* -6: reliable fall */
    feed_measure(f->t, "2026-01-05", "phq9", 14); /* baseline */
    feed_measure(f->t, "2026-01-12", "phq9", 9);  /* -5: not reliable */
    feed_measure(f->t, "2026-01-26", "phq9", 20); /* +6: reliable rise */
    feed_measure(f->t, "2026-01-27", "phq9", 28); /* out of range: skipped */
    feed(f->t, "{\"type\":\"measure\",\"ts\":\"2026-01-28\",\"instrument\":\"phq9\","
               "\"total\":null,\"scorable\":false}"); /* not scorable: no point */
    feed_measure(f->t, "2026-01-29", "audit_c", 3);   /* not tracked: ignored */

    assert_int_equal(tr_track_series_count(f->t), 7);
    assert_int_equal(tr_track_series_at(f->t, 0, &s, &err), TR_OK);
    assert_string_equal(s.id, "phq9");
    assert_int_equal(s.kind, TR_SERIES_MEASURE);
    assert_string_equal(s.fields[0], "total");
    assert_non_null(s.scale);
    assert_true(s.scale->caseness == 10);
    assert_int_equal(s.scale->n_bands, 3);
    assert_int_equal(s.n_points, 4);
    assert_true(s.points[0].v[0] == 14 && s.points[0].mark == 0);
    assert_true(s.points[1].v[0] == 9 && s.points[1].mark == 0);
    assert_true(s.points[2].v[0] == 8 && s.points[2].mark == -1);
    assert_true(s.points[3].v[0] == 20 && s.points[3].mark == 1);
    assert_int_equal(s.points[0].ts, when("2026-01-05"));
    assert_int_equal(tr_track_skipped(f->t), 1);

    assert_int_equal(tr_track_series_get(f->t, "gad7", &s, &err), TR_OK);
    assert_int_equal(s.n_points, 0);
    assert_int_equal(tr_track_series_get(f->t, "nope", &s, &err), TR_E_NOTFOUND);
}

static void test_checkin_series(void **state)
{
    fixture *f = *state;
    tr_track_series mood, sleep;
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-02T08:00:00Z\",\"mood\":3,"
               "\"sleep_hours\":6.5,\"note\":\"tired\"}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-01T08:00:00Z\",\"mood\":2,"
               "\"note\":\"\"}"); /* no sleep given: a mood point only */
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-03T08:00:00Z\",\"mood\":11}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-04T08:00:00Z\",\"mood\":5.5}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-05T08:00:00Z\",\"mood\":5,"
               "\"sleep_hours\":-1}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-06T08:00:00Z\",\"mood\":5,\"note\":7}");
    feed(f->t, "{\"type\":\"checkin\",\"mood\":5}"); /* no time */
    feed(f->t, "{\"type\":\"settings\",\"ts\":\"2026-02-06T08:00:00Z\",\"lang\":\"en\"}");
    feed(f->t, "{\"type\":\"future_type\",\"ts\":\"2026-02-06T08:00:00Z\"}");

    assert_int_equal(tr_track_series_get(f->t, "mood", &mood, NULL), TR_OK);
    assert_int_equal(tr_track_series_get(f->t, "sleep_hours", &sleep, NULL), TR_OK);
    assert_int_equal(mood.kind, TR_SERIES_CHECKIN);
    assert_null(mood.scale);
    assert_int_equal(mood.n_points, 2);
    assert_true(mood.points[0].v[0] == 2 && mood.points[1].v[0] == 3);
    assert_int_equal(sleep.n_points, 1);
    assert_true(sleep.points[0].v[0] == 6.5);
    assert_int_equal(tr_track_series_get(f->t, "note", &mood, NULL), TR_E_NOTFOUND);
    /* Five malformed check-ins skipped; settings and unknown types are not errors. */
    assert_int_equal(tr_track_skipped(f->t), 5);
}

static void test_module_series_edit_delete(void **state)
{
    fixture *f = *state;
    tr_track_series ba, ex;
    /* e1 saved, then edited: newest values, dated by its date field. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-02T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e1\",\"op\":\"save\",\"values\":"
               "{\"date\":\"2026-03-01\",\"mood_before\":3,\"mood_after\":5}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e1\",\"op\":\"save\",\"values\":"
               "{\"date\":\"2026-03-01\",\"mood_before\":3,\"mood_after\":6}}");
    /* e2 saved then deleted: hidden. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-04T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e2\",\"op\":\"save\",\"values\":"
               "{\"mood_before\":1,\"mood_after\":1}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-05T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e2\",\"op\":\"delete\"}");
    /* e3 has no date field: dated by its first save; an empty field is NAN. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-02-27T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e3\",\"op\":\"save\",\"values\":"
               "{\"mood_before\":2,\"mood_after\":\"\"}}");
    /* Another step of the module and a malformed op are not part of the series. */
    feed(f->t,
         "{\"type\":\"module_entry\",\"ts\":\"2026-03-05T20:00:00Z\",\"module\":\"ba\","
         "\"step\":\"plan\",\"entry\":\"p1\",\"op\":\"save\",\"values\":{\"mood_before\":9}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-05T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e4\",\"op\":\"edit\",\"values\":{}}");
    /* Exposure: any step, grouped by situation. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-06T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x1\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"bus\",\"before\":70,\"peak\":80,\"after\":40}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-07T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try2\",\"entry\":\"x2\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"bus\",\"before\":60,\"peak\":65,\"after\":30}}");

    assert_int_equal(tr_track_series_get(f->t, "activity_mood", &ba, NULL), TR_OK);
    assert_int_equal(ba.kind, TR_SERIES_MODULE);
    assert_int_equal(ba.n_fields, 2);
    assert_string_equal(ba.fields[1], "mood_after");
    assert_int_equal(ba.n_points, 2);
    assert_int_equal(ba.points[0].ts, when("2026-02-27T20:00:00Z")); /* e3 */
    assert_true(ba.points[0].v[0] == 2 && isnan(ba.points[0].v[1]));
    assert_int_equal(ba.points[1].ts, when("2026-03-01")); /* e1, edited */
    assert_true(ba.points[1].v[1] == 6);
    assert_int_equal(tr_track_skipped(f->t), 1);

    assert_int_equal(tr_track_series_get(f->t, "exposure", &ex, NULL), TR_OK);
    assert_int_equal(ex.n_points, 2);
    assert_string_equal(ex.points[0].group, "bus");
    assert_true(ex.points[0].v[1] == 80 && ex.points[1].v[2] == 30);

    /* Feeding more afterwards rebuilds the series. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-08T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x1\",\"op\":\"delete\"}");
    assert_int_equal(tr_track_series_get(f->t, "exposure", &ex, NULL), TR_OK);
    assert_int_equal(ex.n_points, 1);
    assert_true(ex.points[0].v[0] == 60);
}

static void test_module_rows(void **state)
{
    fixture *f = *state;
    tr_track_series s;
    /* One diary day with two activities, then edited to three: the newest rows are drawn. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-02T21:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d1\",\"op\":\"save\",\"values\":{\"date\":"
               "\"2026-03-02\",\"acts\":[{\"what\":\"walk\",\"mood\":6,\"mastery\":40},"
               "{\"what\":\"tv\",\"mood\":4}]}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-02T22:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d1\",\"op\":\"save\",\"values\":{\"date\":"
               "\"2026-03-02\",\"acts\":[{\"what\":\"walk\",\"mood\":7,\"mastery\":40},"
               "{\"what\":\"tv\",\"mood\":4},{\"what\":\"call\",\"mood\":8}]}}");
    /* Another day saved with rows, then emptied: nothing drawn for it. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T21:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d2\",\"op\":\"save\",\"values\":{\"date\":"
               "\"2026-03-03\",\"acts\":[{\"what\":\"walk\",\"mood\":5}]}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T22:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d2\",\"op\":\"save\",\"values\":{\"date\":"
               "\"2026-03-03\",\"acts\":[]}}");
    assert_int_equal(tr_track_series_get(f->t, "activities", &s, NULL), TR_OK);
    assert_int_equal(s.n_points, 3);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(s.points[i].ts, when("2026-03-02"));
        assert_int_equal(s.points[i].row, i);
    }
    assert_string_equal(s.points[0].group, "walk");
    assert_true(s.points[0].v[0] == 7 && s.points[0].v[1] == 40);
    assert_true(isnan(s.points[1].v[1]));
    assert_string_equal(s.points[2].group, "call");
}

static void expect_text(tr_track *t, const char *series, int64_t now, const char *key,
                        const char *values)
{
    tr_track_text text;
    char got[512] = "";
    size_t i = 0;
    while (i < tr_track_series_count(t)) {
        tr_track_series s;
        assert_int_equal(tr_track_series_at(t, i, &s, NULL), TR_OK);
        if (strcmp(s.id, series) == 0)
            break;
        i++;
    }
    assert_true(i < tr_track_series_count(t));
    assert_int_equal(tr_track_summary(t, i, now, ",", &text, NULL), TR_OK);
    assert_string_equal(text.key, key);
    for (int v = 0; v < text.nvalues; v++) {
        char part[160];
        snprintf(part, sizeof part, "%s%s=%s", v ? " " : "", text.values[v].name,
                 text.values[v].value);
        strcat(got, part);
    }
    assert_string_equal(got, values);
}

static void test_summaries(void **state)
{
    fixture *f = *state;
    int64_t now = when("2026-03-10T12:00:00Z");
    tr_track_text text;
    tr_error err = {0};

    /* Nothing yet: the "none" variant of each. */
    expect_text(f->t, "mood", now, "tracking.mood.none", "");
    expect_text(f->t, "activity_mood", now, "tracking.activity_mood.none", "");
    expect_text(f->t, "exposure", now, "tracking.exposure.none", "");
    expect_text(f->t, "activities", now, "tracking.activities.none", "");
    /* Series without a summary, e.g. measures, say so. */
    assert_int_equal(tr_track_summary(f->t, 0, now, ",", &text, &err), TR_E_NOTFOUND);

    /* Mood: this week 4 and 5 (4,5), the week before 2; 15 days ago is outside both. */
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-03-09T08:00:00Z\",\"mood\":4}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-03-04T08:00:00Z\",\"mood\":5}");
    expect_text(f->t, "mood", now, "tracking.mood.recent_new", "average=4,5 count=2");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-03-02T08:00:00Z\",\"mood\":2}");
    feed(f->t, "{\"type\":\"checkin\",\"ts\":\"2026-02-20T08:00:00Z\",\"mood\":9}");
    expect_text(f->t, "mood", now, "tracking.mood.recent", "average=4,5 previous=2 count=2");

    /* Predicted (3, 2) vs actual (5, 5): on average 2,5 better than expected. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-02T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e1\",\"op\":\"save\",\"values\":"
               "{\"mood_before\":3,\"mood_after\":5}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T20:00:00Z\",\"module\":\"ba\","
               "\"step\":\"diary\",\"entry\":\"e2\",\"op\":\"save\",\"values\":"
               "{\"mood_before\":2,\"mood_after\":5}}");
    expect_text(f->t, "activity_mood", now, "tracking.activity_mood.difference_up",
                "difference=2,5 count=2");

    /* Exposure: one try on "bus", then two more; then a try on "shop" is the newest group. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-01T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x1\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"bus\",\"before\":70,\"peak\":90,\"after\":40}}");
    expect_text(f->t, "exposure", now, "tracking.exposure.group_first",
                "group=bus first=90 count=1");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x2\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"bus\",\"before\":60,\"peak\":70,\"after\":30}}");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-05T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x3\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"bus\",\"before\":50,\"peak\":55,\"after\":20}}");
    expect_text(f->t, "exposure", now, "tracking.exposure.group_change",
                "group=bus first=90 last=55 count=3");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-06T10:00:00Z\",\"module\":\"exp\","
               "\"step\":\"try\",\"entry\":\"x4\",\"op\":\"save\",\"values\":"
               "{\"situation\":\"shop\",\"before\":50,\"peak\":60,\"after\":20}}");
    expect_text(f->t, "exposure", now, "tracking.exposure.group_first",
                "group=shop first=60 count=1");

    /* Best activity: walk (7, 8) beats tv (4, 5); a single call (9) does not count. */
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-02T21:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d1\",\"op\":\"save\",\"values\":{\"acts\":["
               "{\"what\":\"walk\",\"mood\":7},{\"what\":\"tv\",\"mood\":4},"
               "{\"what\":\"call\",\"mood\":9}]}}");
    expect_text(f->t, "activities", now, "tracking.activities.none", "");
    feed(f->t, "{\"type\":\"module_entry\",\"ts\":\"2026-03-03T21:00:00Z\",\"module\":\"ba\","
               "\"step\":\"day\",\"entry\":\"d2\",\"op\":\"save\",\"values\":{\"acts\":["
               "{\"what\":\"tv\",\"mood\":5},{\"what\":\"walk\",\"mood\":8}]}}");
    expect_text(f->t, "activities", now, "tracking.activities.best_group",
                "group=walk average=7,5 count=2");
}

static void test_summary_config_errors(void **state)
{
    expect_config_error("\"summary\":\"recent_average\"", "\"summary\":\"average\"",
                        "$.checkin.fields[0].summary: expected \"recent_average\"");
    expect_config_error("\"summary\":\"recent_average\"", "\"summary\":\"best_group\"",
                        "a check-in field can only have");
    expect_config_error("\"summary_field\":\"peak\"", "\"summary_field\":\"worst\"",
                        "$.module_series[1]: \"summary_field\" must be one of");
    expect_config_error("\"group_field\":\"situation\",", "",
                        "$.module_series[1]: this \"summary\" needs a \"group_field\"");
    expect_config_error("\"fields\":[\"mood_before\",\"mood_after\"]",
                        "\"fields\":[\"mood_before\"]", "\"difference\" needs two fields");
}

static void test_occasions_and_sessions(void **state)
{
    fixture *f = *state;
    const tr_occasion *occ;
    size_t n;
    int sessions;
    tr_error err = {0};

    /* One sitting: PHQ-9 and GAD-7 five minutes apart. */
    feed_measure(f->t, "2026-01-05T09:00:00Z", "phq9", 15);
    feed_measure(f->t, "2026-01-05T09:05:00Z", "gad7", 11);
    /* Across midnight UTC, 20 minutes apart: still one occasion. */
    feed_measure(f->t, "2026-01-12T23:50:00Z", "gad7", 9);
    feed_measure(f->t, "2026-01-13T00:10:00Z", "phq9", 12);
    /* PHQ-9 twice in one evening: two occasions. */
    feed_measure(f->t, "2026-01-19T18:00:00Z", "phq9", 10);
    feed_measure(f->t, "2026-01-19T19:00:00Z", "phq9", 9);
    /* GAD-7 more than 12 hours after a PHQ-9: its own occasion. */
    feed_measure(f->t, "2026-01-26T08:00:00Z", "phq9", 7);
    feed_measure(f->t, "2026-01-26T20:00:01Z", "gad7", 6);

    assert_int_equal(tr_track_occasions(f->t, &occ, &n, &sessions, &err), TR_OK);
    assert_int_equal(n, 6);
    assert_int_equal(sessions, -1); /* no session records: count occasions */
    assert_true(occ[0].score[0] == 15 && occ[0].score[1] == 11);
    assert_int_equal(occ[1].ts, when("2026-01-12T23:50:00Z"));
    assert_true(occ[1].score[0] == 12 && occ[1].score[1] == 9);
    assert_true(occ[2].score[0] == 10 && occ[2].score[1] == TR_OUTCOME_MISSING);
    assert_true(occ[3].score[0] == 9);
    assert_true(occ[4].score[0] == 7 && occ[4].score[1] == TR_OUTCOME_MISSING);
    assert_true(occ[5].score[0] == TR_OUTCOME_MISSING && occ[5].score[1] == 6);

    feed(f->t, "{\"type\":\"session\",\"ts\":\"2026-01-05T10:00:00Z\",\"attended\":true}");
    feed(f->t, "{\"type\":\"session\",\"ts\":\"2026-01-12T10:00:00Z\",\"attended\":false}");
    feed(f->t, "{\"type\":\"session\",\"ts\":\"2026-01-19T10:00:00Z\",\"attended\":\"yes\"}");
    assert_int_equal(tr_track_occasions(f->t, &occ, &n, &sessions, &err), TR_OK);
    assert_int_equal(sessions, 1);
    assert_int_equal(tr_track_skipped(f->t), 1);
}

static void test_outcome_from_journal_records(void **state)
{
    fixture *f = *state;
    tr_outcome_config ocfg;
    tr_outcome o;
    const tr_occasion *occ;
    size_t n;
    int sessions;
    tr_error err = {0};

    assert_int_equal(tr_track_outcome_config(&f->cfg, scales, 2, &ocfg, &err), TR_OK);
    assert_int_equal(ocfg.scale[0].caseness, 10);
    assert_int_equal(ocfg.scale[1].reliable_change, 4);
    /* Start: triage assessment. Then a GAD-7 with too many items missing (not scorable),
     * so the last paired occasion is the week before. */
    feed(f->t, "{\"type\":\"assessment\",\"ts\":\"2026-01-05T09:00:00Z\",\"scores\":"
               "{\"phq9\":{\"total\":16,\"scorable\":true},\"gad7\":{\"total\":12,"
               "\"scorable\":true},\"audit_c\":{\"total\":2,\"scorable\":true}}}");
    feed_measure(f->t, "2026-02-02T09:00:00Z", "phq9", 7);
    feed_measure(f->t, "2026-02-02T09:02:00Z", "gad7", 6);
    feed_measure(f->t, "2026-02-09T09:00:00Z", "phq9", 5);
    feed(f->t, "{\"type\":\"measure\",\"ts\":\"2026-02-09T09:03:00Z\",\"instrument\":\"gad7\","
               "\"total\":null,\"scorable\":false}");
    assert_int_equal(tr_track_occasions(f->t, &occ, &n, &sessions, &err), TR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(tr_outcome_compute(&ocfg, occ, n, sessions, &o, &err), TR_OK);
    assert_int_equal(o.first, 0);
    assert_int_equal(o.last, 1);
    assert_int_equal(o.change[0], -9);
    assert_int_equal(o.recovery, 1);
    assert_int_equal(o.reliable_recovery, 1);
    assert_int_equal(o.sessions, 3);

    /* A pair member the pack does not have is a clear error. */
    snprintf(f->cfg.anxiety, sizeof f->cfg.anxiety, "pswq");
    assert_int_equal(tr_track_outcome_config(&f->cfg, scales, 2, &ocfg, &err), TR_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "'pswq'"));
}

static void test_make_needs_every_scale(void **state)
{
    tr_track_config cfg;
    tr_track *t = NULL;
    tr_error err = {0};
    assert_int_equal(tr_track_config_parse(config_text, strlen(config_text), "t", &cfg, &err),
                     TR_OK);
    assert_int_equal(
        tr_track_make(&(tr_track_desc){.config = &cfg, .scales = scales, .n_scales = 1}, &t, &err),
        TR_E_INVALID);
    assert_null(t);
    assert_non_null(strstr(err.msg, "'gad7'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_config_parses),
        cmocka_unit_test(test_config_errors_name_the_path),
        cmocka_unit_test_setup_teardown(test_due, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measure_series_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_series, setup, teardown),
        cmocka_unit_test_setup_teardown(test_module_series_edit_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_module_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries, setup, teardown),
        cmocka_unit_test(test_summary_config_errors),
        cmocka_unit_test_setup_teardown(test_occasions_and_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outcome_from_journal_records, setup, teardown),
        cmocka_unit_test(test_make_needs_every_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
