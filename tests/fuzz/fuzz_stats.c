/* Fuzzes the NDJSON reader of `trinnctl stats` (tr_stats_add_ndjson) and everything after it:
 * any bytes, read as Observations and as Organizations, give a clean error naming the line or
 * statistics whose groups, JSON and CSV can be written. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_stats.h"

static const char *config_text =
    "{\"format\":1,\"outcome\":{\"depression\":\"phq9\",\"anxiety\":\"gad7\","
    "\"finished_sessions\":2,\"occasion_window_hours\":12},\"measures\":{\"due_early_hours\":12,"
    "\"instruments\":[{\"instrument\":\"phq9\",\"every_days\":7},{\"instrument\":\"gad7\","
    "\"every_days\":7}]},\"checkin\":{\"every_days\":1,\"fields\":[]},\"module_series\":[]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tr_outcome_config outcome = {
        .scale = {{"phq9", 27, 10, 6}, {"gad7", 21, 8, 4}},
        .finished_sessions = 2,
    };
    static const tr_track_scale scales[] = {
        {"phq9", 27, 10, 6, {{"all", 0, 27}}, 1},
        {"gad7", 21, 8, 4, {{"all", 0, 21}}, 1},
    };
    static const char *const levels[] = {"self_help", "guided_self_help", "course"};
    static tr_track_config track;
    static int ready;
    tr_error err = {0};
    tr_stats *s = NULL;
    cJSON *j;
    char *csv;

    if (!ready) {
        assert(tr_track_config_parse(config_text, strlen(config_text), "fuzz", &track, &err) ==
               TR_OK);
        ready = 1;
    }
    tr_stats_desc d = {.outcome = &outcome,
                       .track = &track,
                       .scales = scales,
                       .n_scales = 2,
                       .total = {{"http://loinc.org", "44261-6"}, {"http://loinc.org", "70274-6"}},
                       .care = {"urn:c", "care-level"},
                       .recommended = {"urn:c", "recommended-care-level"},
                       .level_system = "urn:l",
                       .levels = levels,
                       .n_levels = 3,
                       .period = (tr_stats_period)(size % 3)};
    assert(tr_stats_make(&d, &s, &err) == TR_OK);
    if (tr_stats_add_ndjson(s, "Organization", (const char *)data, size, "fuzz", &err) != TR_OK)
        assert(err.msg[0]);
    if (tr_stats_add_ndjson(s, "Observation", (const char *)data, size, "fuzz", &err) != TR_OK)
        assert(err.msg[0]);
    if (tr_stats_compute(s, &err) == TR_OK) {
        assert(tr_stats_ignored(s) <= tr_stats_read(s));
        j = tr_stats_to_json(s, NULL, (int)(size & 1));
        assert(j);
        cJSON_Delete(j);
        csv = tr_stats_to_csv(s, 1);
        assert(csv);
        free(csv);
    }
    tr_stats_destroy(s);
    return 0;
}
