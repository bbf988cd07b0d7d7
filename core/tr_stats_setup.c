/* tr_stats_setup: a tr_stats_desc from a content pack (see tr_stats.h). */
#include <string.h>

#include "tr_content.h"
#include "tr_fhir.h"
#include "tr_stats.h"
#include "tr_track_content.h"

tr_status tr_stats_setup_load(const tr_content *pack, const char *content_dir,
                              tr_stats_period period, tr_stats_setup *out, tr_error *err)
{
    tr_stats_desc *d = &out->desc;
    tr_fhir_code code, care, rec;
    tr_status st;
    memset(out, 0, sizeof *out);
    if ((st = tr_track_config_load(content_dir, &out->track, err)) ||
        (st = tr_track_scales_from_pack(pack, &out->track, out->scales,
                                        sizeof out->scales / sizeof out->scales[0], &out->n_scales,
                                        err)) ||
        (st = tr_track_outcome_config(&out->track, out->scales, out->n_scales, &out->outcome,
                                      err)) ||
        (st = tr_fhir_map_load(pack, &out->map, err)) ||
        (st = tr_stats_reference_load(content_dir, &out->reference, err)))
        return st;
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        if ((st = tr_fhir_total_code(out->map, out->outcome.scale[m].id, &code, err)))
            return st;
        d->total[m] = (tr_stats_code){code.system, code.code};
    }
    if (pack->n_levels > sizeof out->levels / sizeof out->levels[0])
        return tr_error_set(err, TR_E_INVALID, "the pack has more than 64 care levels");
    for (size_t i = 0; i < pack->n_levels; i++)
        out->levels[i] = pack->levels[i].id;
    tr_fhir_care_codes(out->map, &care, &rec, &d->level_system);
    d->care = (tr_stats_code){care.system, care.code};
    d->recommended = (tr_stats_code){rec.system, rec.code};
    d->outcome = &out->outcome;
    d->track = &out->track;
    d->scales = out->scales;
    d->n_scales = out->n_scales;
    d->levels = out->levels;
    d->n_levels = pack->n_levels;
    d->period = period;
    return TR_OK;
}

void tr_stats_setup_free(tr_stats_setup *s)
{
    tr_fhir_map_free(s->map);
    cJSON_Delete(s->reference);
    memset(s, 0, sizeof *s);
}
