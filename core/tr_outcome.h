/* tr_outcome: the NHS Talking Therapies / RPH outcome metrics of one client and of a service.
 *
 * The arithmetic takes its numbers (cut-offs, reliable-change values, what "finished" means)
 * from a tr_outcome_config filled by the caller, so it is testable without a content pack;
 * tr_outcome_config_load fills one from the content pack. core/OUTCOME.md states every
 * definition and the choices made where CLINICAL.md leaves room (pairing, sessions).
 *
 * Ownership: occasion arrays handed back by tr_outcome_parse_measures belong to the caller
 * (free()); cJSON trees handed back belong to the caller (cJSON_Delete); summary keys are
 * static strings. */
#ifndef TR_OUTCOME_H
#define TR_OUTCOME_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"

/* The paired measures: slot 0 is the depression measure, slot 1 the anxiety measure. */
enum { TR_OUTCOME_DEP = 0, TR_OUTCOME_ANX = 1, TR_OUTCOME_NMEASURES = 2 };

/* A score that was not taken (or not scorable) at an occasion. */
#define TR_OUTCOME_MISSING (-1)
/* A metric that cannot be computed or does not apply (printed as JSON null). */
#define TR_OUTCOME_NA (-1)
/* Most occasions one client or one --measures file may hold. */
#define TR_OUTCOME_MAX_OCCASIONS 100000

typedef struct tr_outcome_scale {
    char id[64];         /* instrument id, e.g. "phq9"; names the field in --measures files */
    int max;             /* highest possible total (27 for PHQ-9) */
    int caseness;        /* at caseness when total >= caseness (10 for PHQ-9) */
    int reliable_change; /* a change of at least this many points is reliable (6) */
} tr_outcome_scale;

typedef struct tr_outcome_config {
    tr_outcome_scale scale[TR_OUTCOME_NMEASURES];
    int finished_sessions; /* finished treatment at >= this many sessions (2) */
} tr_outcome_config;

/* One measurement occasion: a time and the totals taken then. */
typedef struct tr_occasion {
    int64_t ts;                      /* UTC seconds */
    int score[TR_OUTCOME_NMEASURES]; /* total, or TR_OUTCOME_MISSING */
} tr_occasion;

/* One client's outcome. Every yes/no metric is 1, 0 or TR_OUTCOME_NA. */
typedef struct tr_outcome {
    int first;                        /* index of the first paired occasion, -1 when none */
    int last;                         /* index of the last paired occasion after first, or -1 */
    int change[TR_OUTCOME_NMEASURES]; /* last minus first; 0 when last is -1 */
    int caseness_start;               /* NA without a first paired occasion */
    int caseness_end;                 /* NA without a last paired occasion */
    int recovery;                     /* NA without last, or when not at caseness at start */
    int reliable_improvement;         /* NA without last */
    int reliable_deterioration;       /* NA without last */
    int reliable_recovery;            /* NA like recovery */
    int sessions;                     /* attended sessions counted (OUTCOME.md) */
    int finished;                     /* sessions >= config finished_sessions */
} tr_outcome;

/* Service-level counts and rates over many clients (tr_outcome_service_add each client,
 * then tr_outcome_service_rates). Only clients who finished treatment AND have a first and
 * last paired occasion enter the rates; finished clients without pairs are counted apart. */
typedef struct tr_outcome_service {
    int clients;                        /* every client added */
    int finished;                       /* finished with paired scores: the base of every rate */
    int finished_unpaired;              /* finished, but no first and last paired occasion */
    int caseness_start;                 /* of finished: at caseness at the first occasion */
    int recovered;                      /* of finished */
    int reliably_improved;              /* of finished */
    int reliably_deteriorated;          /* of finished */
    int reliably_recovered;             /* of finished */
    double recovery_rate;               /* recovered / (finished - not at caseness at start) */
    double reliable_improvement_rate;   /* reliably_improved / finished */
    double reliable_deterioration_rate; /* reliably_deteriorated / finished */
    double reliable_recovery_rate;      /* reliably_recovered / (finished - not at caseness) */
} tr_outcome_service;

/* Checks a config: ids set and distinct, 0 < caseness <= max, 0 < reliable_change <= max,
 * finished_sessions >= 1. Returns TR_OK or TR_E_INVALID with a message naming the field. */
tr_status tr_outcome_config_check(const tr_outcome_config *cfg, tr_error *err);

/* Computes one client's outcome from occasions sorted by ts (oldest first). sessions is the
 * number of attended sessions, or a negative number to count the occasions that have at
 * least one score. Returns TR_OK, or TR_E_INVALID when the occasions are out of order or a
 * score is outside 0..max (out is then zeroed). */
tr_status tr_outcome_compute(const tr_outcome_config *cfg, const tr_occasion *occ, size_t n,
                             int sessions, tr_outcome *out, tr_error *err);

/* Parses a --measures document: a JSON array of {"date": "YYYY-MM-DD" or ISO 8601 time,
 * "<scale id>": integer or null, ...}; a missing key means not measured; other keys are
 * refused. The result is sorted by time (ties keep file order). `name` labels messages. On
 * success *occ (caller frees; NULL when the list is empty) and *n. On failure NULL/0 and err
 * names the element and field ("measures.json: $[3].phq9: 30 is outside 0-27"). */
tr_status tr_outcome_parse_measures(const tr_outcome_config *cfg, const char *buf, size_t len,
                                    const char *name, tr_occasion **occ, size_t *n, tr_error *err);

/* Like tr_outcome_parse_measures for an already parsed JSON array; path names the array in
 * messages (e.g. "$" or "$.client-7"). */
tr_status tr_outcome_occasions_from_json(const tr_outcome_config *cfg, const cJSON *array,
                                         const char *name, const char *path, tr_occasion **occ,
                                         size_t *n, tr_error *err);

/* Parses a --service document: an object of client id -> measures array (as above), computes
 * each client's outcome (sessions = occasions with a score) and fills *out with the counts
 * and rates. On failure *out is zeroed and err names the client, element and field. */
tr_status tr_outcome_parse_service(const tr_outcome_config *cfg, const char *buf, size_t len,
                                   const char *name, tr_outcome_service *out, tr_error *err);

/* Stable-sorts occasions by ts, oldest first. Returns TR_OK or TR_E_NOMEM. */
tr_status tr_outcome_sort(tr_occasion *occ, size_t n);

/* The outcome as the JSON object `trinnctl outcome` prints: first, last (objects with
 * "date" and one field per scale, or null), caseness_start, caseness_end, recovery,
 * reliable_improvement, reliable_deterioration, reliable_recovery (true/false/null),
 * sessions, finished, change. NULL when out of memory. */
cJSON *tr_outcome_to_json(const tr_outcome_config *cfg, const tr_occasion *occ,
                          const tr_outcome *o);

/* Adds one client to the service totals (zero-initialise s first). */
void tr_outcome_service_add(tr_outcome_service *s, const tr_outcome *o);

/* Fills the rates from the counts; a rate whose denominator is 0 becomes NAN. */
void tr_outcome_service_rates(tr_outcome_service *s);

/* The service totals as JSON: every count, and the rates as fractions 0-1 (null when the
 * denominator is 0). NULL when out of memory. */
cJSON *tr_outcome_service_to_json(const tr_outcome_service *s);

/* One plain-words sentence for the client: an i18n key in content/i18n/<lang>/outcome.json
 * and the values of its {placeholders}. */
#define TR_OUTCOME_TEXT_MAX_VALUES 4
typedef struct tr_outcome_text {
    const char *key; /* static, e.g. "outcome.depression.fell_reliable" */
    int nvalues;
    struct {
        const char *name; /* static placeholder name, e.g. "points" */
        int value;
    } values[TR_OUTCOME_TEXT_MAX_VALUES];
} tr_outcome_text;

/* Most sentences tr_outcome_summary writes. */
#define TR_OUTCOME_TEXT_MAX 4

/* Picks the sentences that tell a client how things have gone, in reading order: one per
 * measure (fallen/risen/the same, reliable or not), then one about caseness or recovery;
 * or one sentence saying there is nothing or only one measurement yet. Returns how many were
 * written to out (at most TR_OUTCOME_TEXT_MAX, out must have room for that many). */
size_t tr_outcome_summary(const tr_outcome_config *cfg, const tr_occasion *occ, const tr_outcome *o,
                          tr_outcome_text *out);

/* Every key tr_outcome_summary can pick, for validators and tests: *n gets the count. The
 * array and its strings are static. */
const char *const *tr_outcome_summary_keys(size_t *n);

#endif
