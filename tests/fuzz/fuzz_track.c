/* Fuzzes tr_track with any bytes: as a tracking.json, and as a JSON array of journal records
 * fed to a tracker whose every series, due list, occasions and outcome are then built. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tr_json.h"
#include "tr_track.h"

static const char *config_text =
    "{\"format\":1,\"outcome\":{\"depression\":\"phq9\",\"anxiety\":\"gad7\","
    "\"finished_sessions\":2,\"occasion_window_hours\":12},\"measures\":{\"due_early_hours\":12,"
    "\"instruments\":[{\"instrument\":\"phq9\",\"every_days\":7},{\"instrument\":\"gad7\","
    "\"every_days\":7}]},\"checkin\":{\"every_days\":1,\"fields\":[{\"id\":\"mood\",\"kind\":"
    "\"scale\",\"min\":0,\"max\":10},{\"id\":\"sleep_hours\",\"kind\":\"number\",\"min\":0,"
    "\"max\":24},{\"id\":\"note\",\"kind\":\"text\",\"max_length\":280}]},\"module_series\":["
    "{\"id\":\"a\",\"module\":\"ba\",\"date_field\":\"date\",\"rows\":\"acts\",\"group_field\":"
    "\"what\",\"fields\":[\"mood\",\"mastery\"]},{\"id\":\"e\",\"module\":\"exp\",\"step\":"
    "\"try\",\"group_field\":\"rung\",\"fields\":[\"before\",\"peak\",\"after\"]}]}";

static const tr_track_scale scales[] = {
    {"phq9", 27, 10, 6, {{"low", 0, 9}, {"high", 10, 27}}, 2},
    {"gad7", 21, 8, 4, {{"low", 0, 7}, {"high", 8, 21}}, 2},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_track_config cfg;
    tr_outcome_config ocfg;
    tr_track *t = NULL;
    tr_track_due due[TR_TRACK_MAX_MEASURES + 1];
    const tr_occasion *occ;
    tr_outcome o;
    size_t n;
    int sessions;
    const cJSON *rec;
    cJSON *root;

    if (tr_track_config_parse((const char *)data, size, "fuzz", &cfg, NULL) == TR_OK)
        assert(cfg.n_measures <= TR_TRACK_MAX_MEASURES && cfg.finished_sessions >= 1);

    root = tr_json_parse((const char *)data, size, "fuzz", NULL);
    if (!cJSON_IsArray(root)) {
        cJSON_Delete(root);
        return 0;
    }
    if (tr_track_config_parse(config_text, strlen(config_text), "cfg", &cfg, NULL) != TR_OK ||
        tr_track_outcome_config(&cfg, scales, 2, &ocfg, NULL) != TR_OK ||
        tr_track_make(&(tr_track_desc){.config = &cfg, .scales = scales, .n_scales = 2}, &t,
                      NULL) != TR_OK)
        assert(0 && "the fixed config must load");
    cJSON_ArrayForEach(rec, root)
    {
        assert(tr_track_feed(t, rec, NULL) == TR_OK);
    }
    for (size_t i = 0; i < tr_track_series_count(t); i++) {
        tr_track_series s;
        assert(tr_track_series_at(t, i, &s, NULL) == TR_OK);
        for (size_t k = 1; k < s.n_points; k++)
            assert(s.points[k - 1].ts <= s.points[k].ts);
    }
    assert(tr_track_due_at(t, 1800000000, due, TR_TRACK_MAX_MEASURES + 1) == 3);
    assert(tr_track_occasions(t, &occ, &n, &sessions, NULL) == TR_OK);
    assert(tr_outcome_compute(&ocfg, occ, n, sessions, &o, NULL) == TR_OK);
    tr_track_destroy(t);
    cJSON_Delete(root);
    return 0;
}
