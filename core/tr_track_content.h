/* tr_track_content: the scales tr_track and tr_outcome need, taken from a loaded content
 * pack's instrument files (range, bands, caseness cut-off, reliable-change value), so the
 * numbers live in content/instruments and never in C. */
#ifndef TR_TRACK_CONTENT_H
#define TR_TRACK_CONTENT_H

#include <stddef.h>

#include "tr_content.h"
#include "tr_error.h"
#include "tr_inst.h"
#include "tr_track.h"

/* Fills *out from a scored instrument: its id, highest total, bands, caseness cut-off
 * ("caseness": {"total_at_least": N}; NAN when the instrument has none or uses another kind)
 * and reliable change (NAN when none). Returns TR_OK, or TR_E_INVALID when inst is not a
 * scored instrument or has more than TR_TRACK_MAX_BANDS bands (err names it). */
tr_status tr_track_scale_from_inst(const tr_inst *inst, tr_track_scale *out, tr_error *err);

/* Fills out[0..*n) with one scale per instrument cfg needs (the outcome pair, then every
 * scheduled instrument, each once). max must be at least TR_TRACK_MAX_MEASURES + 2. Returns
 * TR_OK, or TR_E_NOTFOUND naming an instrument tracking.json refers to that the pack lacks,
 * or an error of tr_track_scale_from_inst. */
tr_status tr_track_scales_from_pack(const tr_content *pack, const tr_track_config *cfg,
                                    tr_track_scale *out, size_t max, size_t *n, tr_error *err);

/* Checks tracking.json against the pack and its modules, so a renamed module field cannot
 * silently empty a chart: every scheduled and outcome instrument is a scored instrument of
 * the pack (the pair with a total cut-off and a reliable-change value); every module series
 * names an existing module (content_dir/modules/<id>.json), step, and fields of a charting
 * type (rating or number; with `rows`, columns of that list field), a date field of type
 * date and a group field of type text or choice; every sentence tr_outcome_summary and the
 * series' summaries can pick has a text in every language of the pack. Every problem goes to diags
 * (file "tracking.json", JSON path). Returns TR_OK, TR_E_INVALID when any problem was found, or
 * TR_E_NOMEM. */
tr_status tr_track_check_content(const tr_track_config *cfg, const tr_content *pack,
                                 tr_diags *diags);

/* The `measure` record (core/RECORDS.md) of one routine measure answered on its own:
 * {"type": "measure", "ts", "instrument", "answers": {item id -> value}, "total", "band",
 * "caseness", "scorable"} with total and band null when not scorable and caseness null when
 * the instrument has no cut-off. answers (not consumed) holds at least this instrument's items;
 * only those are copied. score is tr_inst_score's result for them. Returns a new record
 * (caller owns it) or NULL when out of memory. */
/* Adds the risk pathway's outcome to a `measure` record of an instrument with a critical item
 * (PHQ-9 item 9): "risk" (none, elevated or acute, from tr_triage_run on the same answers) and
 * "risk_answers" {follow-up item id -> answer} for each item of `followups` (the risk step, may
 * be NULL) that was answered. Returns 0, or -1 when out of memory (rec is then unchanged but
 * for what was added). */
int tr_track_measure_add_risk(cJSON *rec, const char *risk, const tr_step *followups,
                              const cJSON *answers);

cJSON *tr_track_measure_record(const tr_inst *inst, const tr_score *score, const cJSON *answers,
                               const char *ts);

#endif
