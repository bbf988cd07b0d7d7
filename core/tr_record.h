/* tr_record: the journal records the app writes, as C types, turned into the JSON of
 * core/RECORDS.md here and nowhere else. The journal stores JSON (FORMAT.md); the screens fill
 * these structs and hand the result to the profile's record list, so a record kind's fields are
 * written in one place, beside the core code that reads them (tr_track, tr_module, tr_outcome).
 *
 * Kinds written here: `assessment` and `checkin`. `measure` (tr_track_measure_record),
 * `module_progress` and `module_entry` (tr_module_*_record) and `profile` (tr_profile) are
 * written by their own core modules; `session`, `settings` and `assignment` are not written by
 * this version.
 *
 * Ownership: every struct only borrows its strings and arrays; the returned cJSON object
 * belongs to the caller (cJSON_Delete). Errors travel in err; nothing is printed. */
#ifndef TR_RECORD_H
#define TR_RECORD_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_error.h"
#include "tr_inst.h"
#include "tr_triage.h"

/* The longest "what matters to me" line of an assessment, in bytes (RECORDS.md). */
#define TR_RECORD_PREFERENCE_MAX 200

/* A finished self-assessment and the level the client chose. */
typedef struct tr_record_assessment {
    const char *ts;              /* ISO 8601 UTC (tp_clock_format) */
    const cJSON *answers;        /* {instrument id: {item id: value}} (copied) */
    const tr_inst *const *insts; /* the scored instruments, n_scores of them ... */
    const tr_score *scores;      /* ... and their scores, in the same order */
    size_t n_scores;
    const tr_triage_result *triage; /* risk, recommended level, alternatives, reasons, modules */
    const char *chosen;             /* the level id the client picked */
    const char *preference;         /* NULL or "" = none */
    const char *content_version;    /* the pack's version (NULL = "") */
} tr_record_assessment;

/* The `assessment` record of a. Returns it, or NULL with err: TR_E_INVALID for a missing ts,
 * answers object, triage level or chosen level, or a preference over
 * TR_RECORD_PREFERENCE_MAX bytes; TR_E_NOMEM. */
cJSON *tr_record_assessment_make(const tr_record_assessment *a, tr_error *err);

/* One answer of a daily check-in: a number, or (text != NULL) a text. */
typedef struct tr_record_value {
    const char *id; /* the check-in field id (content/tracking.json) */
    double number;
    const char *text;
} tr_record_value;

/* The optional daily check-in: the fields the client answered. */
typedef struct tr_record_checkin {
    const char *ts;
    const tr_record_value *values;
    size_t n;
} tr_record_checkin;

/* The `checkin` record of c, its fields in the given order. Returns it, or NULL with err:
 * TR_E_INVALID for a missing ts, an empty or repeated field id, "type"/"ts" as a field id, or a
 * number that is not finite; TR_E_NOMEM. */
cJSON *tr_record_checkin_make(const tr_record_checkin *c, tr_error *err);

/* Frees a record made here or by another core maker that was not handed on (to the journal or
 * the profile's record list); NULL is fine. */
void tr_record_free(cJSON *rec);

#endif
