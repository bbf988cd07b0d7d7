/* tr_record_read: journal records read back into C types for the screens that show them (the
 * home, the history), so no screen reads JSON. The fields are core/RECORDS.md's; a field that
 * is absent or of the wrong type reads as absent (NULL, 0, false), since readers skip what they
 * do not know and older records lack newer fields (RECORDS.md). A record that is not of the
 * type asked for, or not an object, is refused with a message.
 *
 * Ownership: every pointer in a view points into the record read, valid while the record
 * lives (the profile's records list keeps its records until the profile is locked). Views hold
 * no allocations of their own: nothing to free. */
#ifndef TR_RECORD_READ_H
#define TR_RECORD_READ_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "tr_error.h"

#define TR_RECORD_IDS_MAX    64 /* ids read from one list (levels, modules, measures) */
#define TR_RECORD_SCORES_MAX 16 /* scores read from one assessment */

/* One instrument's score in an assessment, in the record's order. */
typedef struct tr_record_score {
    const char *inst; /* the instrument id */
    bool has_total;   /* false when it could not be scored (too many items skipped) */
    double total;
    const char *band; /* the band id, or NULL */
} tr_record_score;

/* An `assessment` record. */
typedef struct tr_assessment_view {
    const char *ts, *chosen, *recommended, *risk, *preference; /* NULL when absent */
    const char *alternatives[TR_RECORD_IDS_MAX];               /* level ids */
    size_t n_alternatives;
    const char *modules[TR_RECORD_IDS_MAX]; /* module ids the chosen help suggests */
    size_t n_modules;
    tr_record_score scores[TR_RECORD_SCORES_MAX]; /* entries that are not objects are skipped */
    size_t n_scores;
} tr_assessment_view;

/* Reads an assessment record into *out (zeroed first). Returns TR_OK, or TR_E_INVALID (err
 * set) when rec is not an object of type "assessment". Lists longer than their _MAX are cut at
 * it. */
tr_status tr_assessment_read(const cJSON *rec, tr_assessment_view *out, tr_error *err);

/* true when the assessment's risk is a flag (anything but "none"; absent is none). */
bool tr_assessment_has_risk(const tr_assessment_view *a);

/* A measure the therapist assigned: the instrument and how often (weekly, fortnightly …). */
typedef struct tr_assigned_measure {
    const char *instrument, *every;
} tr_assigned_measure;

/* An accepted `assignment` record's plan (its verified payload). */
typedef struct tr_assignment_view {
    const char *homework, *next_appointment;         /* NULL when absent */
    tr_assigned_measure measures[TR_RECORD_IDS_MAX]; /* only those naming both */
    size_t n_measures;
    const char *modules[TR_RECORD_IDS_MAX];
    size_t n_modules;
} tr_assignment_view;

/* Reads an assignment record's payload into *out (zeroed first). Returns TR_OK, or
 * TR_E_INVALID (err set) when rec is not an object of type "assignment" with an object
 * "payload". */
tr_status tr_assignment_read(const cJSON *rec, tr_assignment_view *out, tr_error *err);

/* true when list (the profile's records) holds a record of the client's own making, of one of
 * the n types given (the home shows once there is one). */
bool tr_records_any_of(const cJSON *list, const char *const *types, size_t n);

#endif
