/* tr_stats: a service's outcome statistics from FHIR NDJSON (what `trinnctl fhir export`
 * writes, from one client or many): referrals, assessments, chosen versus recommended level,
 * and the outcome metrics of core/OUTCOME.md per team and per period, with 95 % Wilson
 * intervals, never an identity.
 *
 * The arithmetic is not here: each client's measures go through tr_track (occasions) and
 * tr_outcome (metrics, service counts), exactly as a journal's do. This file reads the
 * Observations, groups them by client, team and period, and adds the counts up. The rules
 * (what a referral is, which team and period a client counts in, the rounding, the small
 * counts) are in core/OUTCOME.md, "Service statistics".
 *
 * Ownership: a tr_stats owns copies of everything it read; the desc's pointers must stay
 * valid until tr_stats_destroy. Trees and text handed back belong to the caller. */
#ifndef TR_STATS_H
#define TR_STATS_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_outcome.h"
#include "tr_track.h"

/* Biggest NDJSON file read (bytes). */
#define TR_STATS_MAX_FILE (512u * 1024u * 1024u)

typedef enum tr_stats_period {
    TR_STATS_QUARTER = 0, /* "2026-Q1" (default) */
    TR_STATS_MONTH = 1,   /* "2026-01" */
    TR_STATS_YEAR = 2,    /* "2026" */
} tr_stats_period;

/* A code an Observation carries in code.coding (or a component's). */
typedef struct tr_stats_code {
    const char *system;
    const char *code;
} tr_stats_code;

typedef struct tr_stats_desc {
    const tr_outcome_config *outcome; /* the pair and its numbers */
    const tr_track_config *track;     /* occasion window (tracking.json) */
    const tr_track_scale *scales;     /* for tr_track: the pair at least */
    size_t n_scales;
    tr_stats_code total[TR_OUTCOME_NMEASURES]; /* Observation codes of the pair's totals */
    tr_stats_code care;                        /* the care-level Observation */
    tr_stats_code recommended;                 /* its recommended-level component */
    const char *level_system;                  /* code system of the level ids */
    const char *const *levels;                 /* level ids, least intensive first */
    size_t n_levels;
    tr_stats_period period;
} tr_stats_desc;

typedef struct tr_stats tr_stats;

/* Makes an empty collection. TR_E_INVALID when a required desc field is missing, TR_E_NOMEM.
 * Free with tr_stats_destroy. */
tr_status tr_stats_make(const tr_stats_desc *desc, tr_stats **out, tr_error *err);

/* Frees everything; NULL is fine. */
void tr_stats_destroy(tr_stats *s);

/* Reads one NDJSON text buf[0..len) (any bytes) of resources of `type` ("Observation" or
 * "Organization"); `name` labels messages. Observations of a status other than final,
 * amended or corrected, and those whose code is none of the desc's, are counted as ignored.
 * Every other line must be a well-formed resource of the type: otherwise TR_E_PARSE or
 * TR_E_INVALID with err naming "name:line: $.path: what" (nothing of that file is kept).
 * Blank lines are allowed. TR_E_NOMEM. */
tr_status tr_stats_add_ndjson(tr_stats *s, const char *type, const char *buf, size_t len,
                              const char *name, tr_error *err);

/* Observations read and ignored so far. */
size_t tr_stats_read(const tr_stats *s);
size_t tr_stats_ignored(const tr_stats *s);

/* Computes every group (team x period, each team, each period, everything). Call once after
 * the last add. TR_E_INVALID when one Observation id comes twice with different contents
 * (err names it); TR_E_NOMEM. */
tr_status tr_stats_compute(tr_stats *s, tr_error *err);

/* Counts below this are shown as "<5" when small counts are hidden. */
#define TR_STATS_SMALL 5

/* The statistics as JSON: {"period", "small_counts": "hidden"|"shown", "observations",
 * "ignored", "groups": [{"team" (name, null = every team), "team_id", "period" (null = every
 * period), "counts": {...}, "rates": {name: {"n", "of", "rate", "low", "high", "reference":
 * [...]}}}]}. reference is the parsed content/stats.json (tr_stats_reference_load) or NULL.
 * With exact 0, a count below TR_STATS_SMALL is the string "<5" and a rate that involves one
 * is null. NULL when out of memory. */
cJSON *tr_stats_to_json(const tr_stats *s, const cJSON *reference, int exact);

/* The same as CSV (one header line, one line per group; rates as fractions with three
 * decimals, empty when undefined or hidden). Caller frees; NULL when out of memory. */
char *tr_stats_to_csv(const tr_stats *s, int exact);

/* Reads <content_dir>/stats.json: the reference figures shown beside the rates, {"format": 1,
 * "reference": [{"rate": name, "value": 0..1, "source": text}, ...]}. Returns TR_OK and *out
 * (caller cJSON_Deletes), or TR_E_NOTFOUND / TR_E_PARSE / TR_E_INVALID naming the path. */
tr_status tr_stats_reference_load(const char *content_dir, cJSON **out, tr_error *err);

/* Everything a desc needs, loaded from a content pack: tracking.json (pair, window), the scales,
 * the codes of content/fhir and the reference figures of stats.json. */
typedef struct tr_stats_setup {
    tr_track_config track;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_scales;
    tr_outcome_config outcome;
    struct tr_fhir_map *map;
    const char *levels[64];
    cJSON *reference;   /* content/stats.json */
    tr_stats_desc desc; /* points into this struct and the pack: do not copy the struct */
} tr_stats_setup;

struct tr_content;
/* Fills *out from the pack (loaded from content_dir) for the given period. Returns TR_OK, or
 * an error of the files it reads (naming the file and path). Free with tr_stats_setup_free
 * whatever it returned; the pack must outlive the setup. */
tr_status tr_stats_setup_load(const struct tr_content *pack, const char *content_dir,
                              tr_stats_period period, tr_stats_setup *out, tr_error *err);
void tr_stats_setup_free(tr_stats_setup *s);

#endif
