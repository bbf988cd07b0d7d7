/* Benchmark: two years of a client's journal (daily check-ins, weekly PHQ-9 and GAD-7,
 * weekly sessions, a daily activity diary saved as it is typed, exposure tries, module
 * progress), all generated here as the JSON text the journal hands back after decryption.
 * Measures parsing the records, feeding them to the tracker, and building every chart
 * series, the measurement occasions and the outcome. DESIGN.md's budget for opening a
 * journal of 20,000 records and building every chart is 100 ms (after key derivation);
 * this is the chart share of it. Prints figures; asserts only that the results are sane. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp_clock.h"
#include "tr_outcome.h"
#include "tr_track.h"

#define DAY 86400

static const char *config_text =
    "{\"format\":1,"
    "\"outcome\":{\"depression\":\"phq9\",\"anxiety\":\"gad7\",\"finished_sessions\":2,"
    "\"occasion_window_hours\":12},"
    "\"measures\":{\"due_early_hours\":12,\"instruments\":["
    "{\"instrument\":\"phq9\",\"every_days\":7},{\"instrument\":\"gad7\",\"every_days\":7}]},"
    "\"checkin\":{\"every_days\":1,\"fields\":["
    "{\"id\":\"mood\",\"kind\":\"scale\",\"min\":0,\"max\":10},"
    "{\"id\":\"sleep_hours\",\"kind\":\"number\",\"min\":0,\"max\":24},"
    "{\"id\":\"note\",\"kind\":\"text\",\"max_length\":280}]},"
    "\"module_series\":["
    "{\"id\":\"activity_mood\",\"module\":\"behavioural_activation\",\"step\":\"diary\","
    "\"date_field\":\"date\",\"rows\":\"activities\",\"group_field\":\"activity\","
    "\"fields\":[\"mood\",\"mastery\",\"pleasure\"]},"
    "{\"id\":\"exposure_distress\",\"module\":\"exposure\",\"step\":\"tries\","
    "\"group_field\":\"rung\",\"fields\":[\"before\",\"peak\","
    "\"after\"]}]}";

static const tr_track_scale scales[] = {
    {"phq9",
     27,
     10,
     6,
     {{"minimal", 0, 4},
      {"mild", 5, 9},
      {"moderate", 10, 14},
      {"moderately_severe", 15, 19},
      {"severe", 20, 27}},
     5},
    {"gad7",
     21,
     8,
     4,
     {{"minimal", 0, 4}, {"mild", 5, 9}, {"moderate", 10, 14}, {"severe", 15, 21}},
     4},
};

typedef struct textbuf {
    char **items;
    size_t n, cap;
} textbuf;

static void add(textbuf *b, const char *s)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1024;
        b->items = realloc(b->items, b->cap * sizeof *b->items);
        assert(b->items);
    }
    b->items[b->n] = strdup(s);
    assert(b->items[b->n]);
    b->n++;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A deterministic pseudo-random number in 0..n-1. */
static unsigned rnd(unsigned *state, unsigned n)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) % n;
}

static void generate(textbuf *out)
{
    static const char *acts[] = {"walk", "call a friend", "cook", "tidy", "read", "swim"};
    static const char *rungs[] = {"bus", "shop", "meeting", "cafe"};
    const int64_t start = 1767600000; /* 2026-01-05 08:00 UTC */
    unsigned seed = 7;
    char rec[2048], ts[32], ts2[32], date[32], rows[1200];
    int exposure = 0;

    for (int day = 0; day < 730; day++) {
        int64_t t = start + (int64_t)day * DAY;
        int phq = 18 - day / 60 + (int)rnd(&seed, 4), gad = 13 - day / 90 + (int)rnd(&seed, 3);
        phq = phq < 0 ? 0 : phq;
        gad = gad < 0 ? 0 : gad;
        tp_clock_format(t, ts, sizeof ts);
        tp_clock_format(t, date, sizeof date);
        date[10] = '\0';
        snprintf(rec, sizeof rec,
                 "{\"type\":\"checkin\",\"ts\":\"%s\",\"mood\":%u,\"sleep_hours\":%.1f,"
                 "\"note\":\"an ordinary day, a bit tired\"}",
                 ts, rnd(&seed, 11), 5 + rnd(&seed, 8) * 0.5);
        add(out, rec);
        if (day % 7 == 0) {
            tp_clock_format(t + 600, ts2, sizeof ts2);
            snprintf(rec, sizeof rec,
                     "{\"type\":\"measure\",\"ts\":\"%s\",\"instrument\":\"phq9\",\"answers\":"
                     "{\"phq9_1\":1,\"phq9_2\":2,\"phq9_3\":1,\"phq9_4\":2,\"phq9_5\":1,\"phq9_6\":"
                     "1,\"phq9_7\":1,\"phq9_8\":0,\"phq9_9\":0},\"total\":%d,\"band\":\"mild\","
                     "\"caseness\":%s,\"scorable\":true}",
                     ts2, phq, phq >= 10 ? "true" : "false");
            add(out, rec);
            snprintf(rec, sizeof rec,
                     "{\"type\":\"measure\",\"ts\":\"%s\",\"instrument\":\"gad7\",\"answers\":"
                     "{\"gad7_1\":1,\"gad7_2\":2,\"gad7_3\":1,\"gad7_4\":2,\"gad7_5\":1,\"gad7_6\":"
                     "1,\"gad7_7\":1},\"total\":%d,\"band\":\"mild\",\"caseness\":%s,"
                     "\"scorable\":true}",
                     ts2, gad, gad >= 8 ? "true" : "false");
            add(out, rec);
            snprintf(rec, sizeof rec,
                     "{\"type\":\"session\",\"ts\":\"%s\",\"attended\":true,\"note\":\"\"}", ts2);
            add(out, rec);
        }
        /* The activity diary of the day: each activity is saved twice as it is typed (first
         * what and when, then the ratings); the newest record of the entry wins. */
        rows[0] = '\0';
        for (int k = 0; k < 10; k++) {
            char row[200], draft[1400];
            if (k % 2 == 0) {
                snprintf(row, sizeof row, "%s{\"time\":\"%02d:00\",\"activity\":\"%s\"",
                         k ? "," : "", 9 + k, acts[rnd(&seed, 6)]);
                strcat(rows, row);
                snprintf(draft, sizeof draft, "%s}", rows);
            } else {
                snprintf(row, sizeof row, ",\"mood\":%u,\"mastery\":%u,\"pleasure\":%u}",
                         rnd(&seed, 11), rnd(&seed, 101), rnd(&seed, 101));
                strcat(rows, row);
                snprintf(draft, sizeof draft, "%s", rows);
            }
            tp_clock_format(t + 3600 * (2 + k), ts2, sizeof ts2);
            snprintf(rec, sizeof rec,
                     "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":\"behavioural_"
                     "activation\",\"step\":\"diary\",\"entry\":\"ba-%d\",\"op\":\"save\","
                     "\"values\":{\"date\":\"%s\",\"activities\":[%s]}}",
                     ts2, day, date, draft);
            add(out, rec);
            snprintf(rec, sizeof rec,
                     "{\"type\":\"module_progress\",\"ts\":\"%s\",\"module\":\"behavioural_"
                     "activation\",\"step\":\"diary\",\"status\":\"%s\"}",
                     ts2, k == 9 ? "done" : "started");
            add(out, rec);
        }
        /* Exposure tries on four days a week, each typed in three saves. */
        if (day % 7 < 4) {
            int before = 80 - exposure / 8, peak = before + 10, after = before - 30;
            for (int k = 0; k < 3; k++) {
                tp_clock_format(t + 3600 * 9 + k * 300, ts2, sizeof ts2);
                snprintf(rec, sizeof rec,
                         "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":\"exposure\","
                         "\"step\":\"tries\",\"entry\":\"ex-%d\",\"op\":\"save\","
                         "\"values\":{\"rung\":\"%s\",\"before\":%d,"
                         "\"peak\":%d,\"after\":%d}}",
                         ts2, exposure, rungs[exposure / 100 % 4], before < 0 ? 0 : before,
                         peak < 0 ? 0 : peak, after < 0 ? 0 : after);
                add(out, rec);
            }
            exposure++;
        }
        /* Now and then an entry is deleted. */
        if (day % 50 == 49) {
            snprintf(rec, sizeof rec,
                     "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":\"exposure\","
                     "\"step\":\"tries\",\"entry\":\"ex-%d\",\"op\":\"delete\"}",
                     ts2, exposure - 1);
            add(out, rec);
        }
    }
}

int main(void)
{
    textbuf recs = {0};
    tr_track_config cfg;
    tr_outcome_config ocfg;
    tr_track *t = NULL;
    tr_error err = {0};
    cJSON **parsed;
    const tr_occasion *occ;
    tr_outcome o;
    size_t n_occ, points = 0, n_series = 0;
    int sessions;
    double t0, t1, t2, t3, best_parse = 1e9, best_feed = 1e9, best_build = 1e9;

    generate(&recs);
    parsed = calloc(recs.n, sizeof *parsed);
    assert(parsed);
    if (tr_track_config_parse(config_text, strlen(config_text), "bench", &cfg, &err) ||
        tr_track_outcome_config(&cfg, scales, 2, &ocfg, &err)) {
        fprintf(stderr, "bench_track: %s\n", err.msg);
        return 1;
    }
    for (int run = 0; run < 5; run++) {
        t0 = now_ms();
        for (size_t i = 0; i < recs.n; i++) {
            parsed[i] = cJSON_Parse(recs.items[i]);
            assert(parsed[i]);
        }
        t1 = now_ms();
        if (tr_track_make(&(tr_track_desc){.config = &cfg, .scales = scales, .n_scales = 2}, &t,
                          &err))
            return fprintf(stderr, "bench_track: %s\n", err.msg), 1;
        for (size_t i = 0; i < recs.n; i++)
            if (tr_track_feed(t, parsed[i], &err))
                return fprintf(stderr, "bench_track: %s\n", err.msg), 1;
        t2 = now_ms();
        points = 0;
        n_series = tr_track_series_count(t);
        for (size_t i = 0; i < n_series; i++) {
            tr_track_series s;
            if (tr_track_series_at(t, i, &s, &err))
                return fprintf(stderr, "bench_track: %s\n", err.msg), 1;
            points += s.n_points;
        }
        if (tr_track_occasions(t, &occ, &n_occ, &sessions, &err) ||
            tr_outcome_compute(&ocfg, occ, n_occ, sessions, &o, &err))
            return fprintf(stderr, "bench_track: %s\n", err.msg), 1;
        t3 = now_ms();
        best_parse = t1 - t0 < best_parse ? t1 - t0 : best_parse;
        best_feed = t2 - t1 < best_feed ? t2 - t1 : best_feed;
        best_build = t3 - t2 < best_build ? t3 - t2 : best_build;
        assert(tr_track_skipped(t) == 0);
        assert(n_occ == 105 && sessions == 105 && o.finished && o.last > o.first);
        tr_track_destroy(t);
        for (size_t i = 0; i < recs.n; i++)
            cJSON_Delete(parsed[i]);
    }
    printf("bench_track: %zu records (2 years), %zu chart points in %zu series, %zu occasions\n",
           recs.n, points, n_series, n_occ);
    printf("bench_track: best of 5: parse JSON %.2f ms, feed %.2f ms, series + outcome %.2f ms, "
           "total %.2f ms (budget for open + every chart: 100 ms)\n",
           best_parse, best_feed, best_build, best_parse + best_feed + best_build);
    for (size_t i = 0; i < recs.n; i++)
        free(recs.items[i]);
    free(recs.items);
    free(parsed);
    return 0;
}
