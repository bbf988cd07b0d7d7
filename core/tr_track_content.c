/* tr_track_content: see tr_track_content.h. */
#include "tr_track_content.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

tr_status tr_track_scale_from_inst(const tr_inst *inst, tr_track_scale *out, tr_error *err)
{
    const tr_scoring *s = &inst->scoring;
    memset(out, 0, sizeof *out);
    if (inst->kind != TR_INST_SCORED)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: '%s' is a questionnaire without a score, so it cannot be "
                            "tracked",
                            inst->file, inst->id);
    if (s->n_bands > TR_TRACK_MAX_BANDS)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: %zu bands are more than the %d a chart can show", inst->file,
                            s->n_bands, TR_TRACK_MAX_BANDS);
    if (strlen(inst->id) >= sizeof out->id)
        return tr_error_set(err, TR_E_INVALID, "%s: the id is too long to track", inst->file);
    memcpy(out->id, inst->id, strlen(inst->id) + 1);
    out->max = s->range_max;
    out->caseness = s->caseness == TR_CASENESS_TOTAL ? s->cutoff : NAN;
    out->reliable_change = s->has_reliable_change ? s->reliable_change : NAN;
    for (size_t i = 0; i < s->n_bands; i++) {
        snprintf(out->bands[i].id, sizeof out->bands[i].id, "%s", s->bands[i].id);
        out->bands[i].min = s->bands[i].min;
        out->bands[i].max = s->bands[i].max;
    }
    out->n_bands = s->n_bands;
    return TR_OK;
}

tr_status tr_track_scales_from_pack(const tr_content *pack, const tr_track_config *cfg,
                                    tr_track_scale *out, size_t max, size_t *n, tr_error *err)
{
    const char *ids[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_ids = 0;
    tr_status st;

    assert(max >= TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES);
    *n = 0;
    ids[n_ids++] = cfg->depression;
    ids[n_ids++] = cfg->anxiety;
    for (size_t i = 0; i < cfg->n_measures; i++)
        ids[n_ids++] = cfg->measures[i].instrument;
    for (size_t i = 0; i < n_ids; i++) {
        const tr_inst *inst = tr_content_find_inst(pack, ids[i]);
        int seen = 0;
        for (size_t k = 0; k < *n; k++)
            seen |= strcmp(out[k].id, ids[i]) == 0;
        if (seen)
            continue;
        if (!inst)
            return tr_error_set(err, TR_E_NOTFOUND,
                                "tracking.json names instrument '%s', which is not in the "
                                "content pack %s",
                                ids[i], pack->dir);
        if ((st = tr_track_scale_from_inst(inst, &out[*n], err)) != TR_OK)
            return st;
        (*n)++;
    }
    return TR_OK;
}
