/* tr_track: symptom tracking from a client's journal records: what is due now, the series the
 * charts draw, and the measurement occasions the outcome metrics use.
 *
 * The schedule, the check-in fields and which module entries become charts are content
 * (content/tracking.json, read by tr_track_config_parse); the scales (range, bands, caseness,
 * reliable change) come from the instrument files and are handed in as tr_track_scale so this
 * file is testable without a content pack. Records are the JSON objects of core/RECORDS.md,
 * fed one at a time in journal order; unknown types and fields are skipped, and a known
 * record with a malformed field is skipped and counted (tr_track_skipped) rather than
 * breaking every chart. core/OUTCOME.md states the rules.
 *
 * Ownership: a tr_track owns every series, point and string it hands out; they stay valid
 * until tr_track_destroy. It copies what it needs from the records and the desc. */
#ifndef TR_TRACK_H
#define TR_TRACK_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_outcome.h"

#define TR_TRACK_MAX_VALUES   4  /* values per point (fields of one module series) */
#define TR_TRACK_MAX_MEASURES 8  /* scheduled instruments */
#define TR_TRACK_MAX_FIELDS   8  /* check-in fields */
#define TR_TRACK_MAX_MODULE   8  /* module series */
#define TR_TRACK_MAX_BANDS    8  /* bands per scale */
#define TR_TRACK_ID_MAX       64 /* longest id + 1 */

typedef enum tr_track_field_kind {
    TR_TRACK_SCALE = 0,  /* whole numbers min..max, e.g. mood 0-10: charted */
    TR_TRACK_NUMBER = 1, /* any number min..max, e.g. sleep hours: charted */
    TR_TRACK_TEXT = 2,   /* a line of text, e.g. the note: not charted */
} tr_track_field_kind;

/* The short text beside a chart (tr_track_summary). */
typedef enum tr_track_summary_kind {
    TR_SUMMARY_NONE = 0,
    TR_SUMMARY_RECENT_AVERAGE = 1, /* "recent_average": the last 7 days against the 7 before */
    TR_SUMMARY_GROUP_CHANGE = 2,   /* "group_change": first and last value in the newest
                                    * point's group (distress over tries on one rung) */
    TR_SUMMARY_DIFFERENCE = 3,     /* "difference": mean of fields[1] - fields[0] (actual
                                    * minus predicted mood) */
    TR_SUMMARY_BEST_GROUP = 4,     /* "best_group": the group with the highest mean (the
                                    * activity with the best mood), at least 2 points */
} tr_track_summary_kind;

typedef struct tr_track_field {
    char id[TR_TRACK_ID_MAX]; /* the record field, e.g. "mood" */
    tr_track_field_kind kind;
    double min, max;               /* SCALE and NUMBER */
    int max_length;                /* TEXT, in bytes */
    tr_track_summary_kind summary; /* NONE or RECENT_AVERAGE ("summary" in the file) */
} tr_track_field;

typedef struct tr_track_measure {
    char instrument[TR_TRACK_ID_MAX]; /* "phq9" */
    int every_days;                   /* due again this many days after the last one */
} tr_track_measure;

/* Entries of one module step charted as one series: each entry is a point with the numeric
 * value of each field (NAN when empty), at its date field's date (else when first saved).
 * With `rows` (a list field of the entry, e.g. the activities of one diary day) each row is
 * a point instead, and fields and group_field name the list's columns. */
typedef struct tr_track_module_series {
    char id[TR_TRACK_ID_MAX];          /* "activity_mood" */
    char module[TR_TRACK_ID_MAX];      /* module id */
    char step[TR_TRACK_ID_MAX];        /* step id; "" = every step of the module */
    char date_field[TR_TRACK_ID_MAX];  /* "" = use the time of the first save */
    char group_field[TR_TRACK_ID_MAX]; /* "" = none; else a text field naming the group */
    char rows[TR_TRACK_ID_MAX];        /* "" = one point per entry; else a list field id */
    char fields[TR_TRACK_MAX_VALUES][TR_TRACK_ID_MAX];
    size_t n_fields;
    tr_track_summary_kind summary; /* "summary" in the file; NONE when absent */
    size_t summary_field;          /* index in fields of "summary_field" (default 0) */
} tr_track_module_series;

/* content/tracking.json, parsed. */
typedef struct tr_track_config {
    char depression[TR_TRACK_ID_MAX]; /* outcome pair: depression instrument id */
    char anxiety[TR_TRACK_ID_MAX];    /* outcome pair: anxiety instrument id */
    int finished_sessions;            /* finished treatment at >= this many sessions */
    int occasion_window_hours;        /* measures this close form one occasion */
    int due_early_hours;              /* a measure is due this long before the full interval */
    tr_track_measure measures[TR_TRACK_MAX_MEASURES];
    size_t n_measures;
    int checkin_every_days;
    tr_track_field checkin[TR_TRACK_MAX_FIELDS];
    size_t n_checkin;
    tr_track_module_series module[TR_TRACK_MAX_MODULE];
    size_t n_module;
} tr_track_config;

/* An instrument's scale as the charts need it (from the instrument file). */
typedef struct tr_track_band {
    char id[TR_TRACK_ID_MAX]; /* "mild" */
    double min, max;          /* inclusive */
} tr_track_band;

typedef struct tr_track_scale {
    char id[TR_TRACK_ID_MAX]; /* instrument id */
    double max;               /* highest total */
    double caseness;          /* the caseness line: at caseness when total >= this */
    double reliable_change;   /* markers: a change of at least this from the first point */
    tr_track_band bands[TR_TRACK_MAX_BANDS];
    size_t n_bands;
} tr_track_scale;

typedef enum tr_track_series_kind {
    TR_SERIES_MEASURE = 0, /* an instrument's totals; id = instrument id, field "total" */
    TR_SERIES_CHECKIN = 1, /* one check-in field; id = field id */
    TR_SERIES_MODULE = 2,  /* module entries; id and fields from the config */
} tr_track_series_kind;

typedef struct tr_track_point {
    int64_t ts;                    /* UTC seconds */
    double v[TR_TRACK_MAX_VALUES]; /* NAN when the field was empty */
    int mark;                      /* measures: -1 reliable fall since the first point, +1 reliable
                                    * rise, 0 neither; 0 elsewhere */
    const char *group;             /* module series with a group field: its text, or NULL */
    uint32_t order;                /* feed order of the record; breaks ties of ts */
    uint32_t row;                  /* module series with rows: the row's index in its entry */
} tr_track_point;

typedef struct tr_track_series {
    const char *id;
    tr_track_series_kind kind;
    const char *fields[TR_TRACK_MAX_VALUES]; /* what v[i] holds */
    size_t n_fields;
    const tr_track_scale *scale;  /* measures: range, bands, caseness line; else NULL */
    const tr_track_point *points; /* oldest first */
    size_t n_points;
} tr_track_series;

/* What is due now. */
typedef struct tr_track_due {
    const char *what; /* an instrument id, or "checkin" */
    int due;          /* 1 when due now */
    int64_t last;     /* time of the last one, 0 when never */
    int64_t next;     /* when it becomes due (<= now when due) */
} tr_track_due;

/* Parses content/tracking.json from buf[0..len) (any bytes). `name` labels messages. Returns
 * TR_OK and *out, or TR_E_PARSE / TR_E_INVALID with err naming the JSON path and what is
 * expected. Unknown keys are refused (a typo must not silently change a schedule). */
tr_status tr_track_config_parse(const char *buf, size_t len, const char *name, tr_track_config *out,
                                tr_error *err);

/* Reads <content_dir>/tracking.json into *out; errors as tr_track_config_parse, or
 * TR_E_NOTFOUND / TR_E_IO naming the file. */
tr_status tr_track_config_load(const char *content_dir, tr_track_config *out, tr_error *err);

/* The outcome config for the pair named in cfg, with the numbers of their scales. Returns
 * TR_E_NOTFOUND when a scale is not in scales, TR_E_INVALID when one has no whole-number
 * caseness or reliable change. */
tr_status tr_track_outcome_config(const tr_track_config *cfg, const tr_track_scale *scales,
                                  size_t n_scales, tr_outcome_config *out, tr_error *err);

typedef struct tr_track tr_track;

typedef struct tr_track_desc {
    const tr_track_config *config; /* required; copied */
    const tr_track_scale *scales;  /* one per scheduled instrument and per outcome measure */
    size_t n_scales;
} tr_track_desc;

/* Makes an empty tracker. TR_E_INVALID when a scheduled or outcome instrument has no scale
 * (err names it), TR_E_NOMEM. Free with tr_track_destroy. */
tr_status tr_track_make(const tr_track_desc *desc, tr_track **out, tr_error *err);

/* Frees a tracker and everything it handed out; NULL is fine. */
void tr_track_destroy(tr_track *t);

/* Feeds one journal record (a JSON object of core/RECORDS.md), in journal order. Returns
 * TR_OK (also when the record is skipped) or TR_E_NOMEM. Series and occasions are rebuilt
 * lazily on the next query. */
tr_status tr_track_feed(tr_track *t, const cJSON *record, tr_error *err);

/* Feeds the records of list (a journal's records array, oldest first) from index *fed on, as
 * tr_track_feed each, adding one to *fed per record fed: a screen that keeps t feeds only what
 * was added since. Returns TR_OK, or what tr_track_feed returned (what was fed stays fed; *fed
 * says how far it got). */
tr_status tr_track_feed_list(tr_track *t, const cJSON *list, size_t *fed, tr_error *err);

/* Records of a known type skipped because a field was malformed (no time, mood out of range,
 * a total that is not a number...). */
size_t tr_track_skipped(const tr_track *t);

/* Number of series: one per scheduled instrument, one per charted check-in field, one per
 * module series, in that order. */
size_t tr_track_series_count(const tr_track *t);

/* Series i (0 <= i < count) into *out; TR_OK or TR_E_NOMEM (sorting). Points valid until
 * the next feed or destroy. */
tr_status tr_track_series_at(tr_track *t, size_t i, tr_track_series *out, tr_error *err);

/* The series with this id; TR_E_NOTFOUND when none. */
tr_status tr_track_series_get(tr_track *t, const char *id, tr_track_series *out, tr_error *err);

/* What is due at `now`: one entry per scheduled instrument, then the check-in, written to
 * out (room for max). A measure is due when never taken or when now >= last +
 * every_days - due_early_hours. Returns the number of entries (<= max). */
size_t tr_track_due_at(const tr_track *t, int64_t now, tr_track_due *out, size_t max);

/* The measurement occasions of the outcome pair (OUTCOME.md: measures within the occasion
 * window join one occasion) and the sessions to use: the attended `session` records, or -1
 * when the journal has none (count occasions). *occ stays valid until the next feed or
 * destroy. TR_OK or TR_E_NOMEM. */
tr_status tr_track_occasions(tr_track *t, const tr_occasion **occ, size_t *n, int *sessions,
                             tr_error *err);

/* One sentence beside a chart: an i18n key "tracking.<series id>.<variant>" in
 * content/i18n/<lang>/tracking.json and its {placeholder} values, already formatted. */
#define TR_TRACK_TEXT_MAX_VALUES 4
typedef struct tr_track_text {
    char key[TR_TRACK_ID_MAX + 32];
    int nvalues;
    struct {
        const char *name; /* static placeholder name */
        char value[128];  /* a number ("6,5") or a group's text (cut to fit) */
    } values[TR_TRACK_TEXT_MAX_VALUES];
} tr_track_text;

/* The summary kind of series i and, for module series, the index of its summary field (0
 * otherwise). */
tr_track_summary_kind tr_track_series_summary_kind(const tr_track *t, size_t i, size_t *field);

/* The sentence for series i at `now`, per the series' summary kind; decimal_mark (e.g. ","
 * for nb and nn, from the catalog key "tracking.decimal_mark") separates decimals. Variants:
 * recent_average: recent {average}{previous}{count} | recent_new {average}{count} (nothing
 * the week before) | none (nothing in the last 7 days); group_change: group_change
 * {group}{first}{last}{count} | group_first {group}{first}{count} (one point so far) | none;
 * difference: difference_up / difference_down / difference_same {difference}{count} | none;
 * best_group: best_group {group}{average}{count} | none. Returns TR_OK and *out, TR_E_NOTFOUND when
 * the series has no summary, or an error of tr_track_series_at. Means are rounded to one decimal.
 */
tr_status tr_track_summary(tr_track *t, size_t i, int64_t now, const char *decimal_mark,
                           tr_track_text *out, tr_error *err);

/* The key variants a summary kind can pick (the last part of "tracking.<id>.<variant>"), for
 * validators: *n gets the count; static. */
const char *const *tr_track_summary_variants(tr_track_summary_kind kind, size_t *n);

/* A series as JSON: {"id","kind":"measure"|"checkin"|"module","fields":[...],
 * "scale":{"max","caseness","reliable_change","bands":[{"id","min","max"}]} (measures only;
 * caseness and reliable_change null when none), "points":[{"ts":"2026-01-05T09:00:00Z",
 * "v":[number or null per field],"mark":-1|0|1,"group":text (when set)}]}. NULL on NOMEM. */
cJSON *tr_track_series_to_json(const tr_track_series *s);

/* What is due as JSON: [{"what","due":bool,"last":time or null,"next":time}]. NULL on
 * NOMEM. */
cJSON *tr_track_due_to_json(const tr_track_due *due, size_t n);

#endif
