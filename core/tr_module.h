/* tr_module: guided CBT self-help modules (content/modules/FORMAT.md).
 *
 * A module is loaded once from JSON and validated completely: every step kind, every
 * language, every referenced field; all problems go into a tr_diags with file and JSON
 * path, and a module with any problem does not load. The loaded tr_module is read-only;
 * its localised texts are cJSON objects {"nb","nn","en"} read with tr_module_text.
 *
 * The engine keeps no state of its own: progress and entries are worked out from the
 * client's journal records (core/RECORDS.md `module_progress` and `module_entry`), given
 * as a cJSON array in journal order (oldest first, so later means newer). That keeps it
 * testable without a journal and lets the front end re-ask after every append.
 *
 * Ownership: a tr_module owns its JSON tree and every string and struct reachable from
 * it; tr_module_destroy frees them all. Functions that read records return pointers into
 * the caller's records array, valid while that array lives. */
#ifndef TR_MODULE_H
#define TR_MODULE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "tr_error.h"

#define TR_MODULE_FORMAT    1
#define TR_MODULE_MAX_STEPS 40

typedef enum tr_module_step_kind {
    TR_STEP_READING,
    TR_STEP_REFLECTION,
    TR_STEP_EXERCISE,
    TR_STEP_WORKSHEET,
    TR_STEP_CHECKLIST,
    TR_STEP_HOMEWORK,
} tr_module_step_kind;

typedef enum tr_module_field_type {
    TR_FIELD_TEXT,
    TR_FIELD_RATING,
    TR_FIELD_CHOICE,
    TR_FIELD_TIME,
    TR_FIELD_DATE,
    TR_FIELD_NUMBER,
    TR_FIELD_LIST,
    TR_FIELD_COMPUTED,
} tr_module_field_type;

typedef struct tr_module_option {
    const char *id;
    const cJSON *label; /* loc */
} tr_module_option;

typedef struct tr_module_field {
    const char *id;
    tr_module_field_type type;
    const cJSON *label, *help; /* loc; help may be NULL */
    bool required;
    int lines, max_len;        /* text */
    const cJSON *low, *high;   /* rating anchors, may be NULL */
    tr_module_option *options; /* choice with fixed options */
    size_t option_count;
    const char *options_from; /* choice fed from "step.list.column", else NULL */
    bool multiple;
    double min, max; /* number */
    bool integer;
    const cJSON *unit;               /* number, computed; may be NULL */
    struct tr_module_field *columns; /* list */
    size_t column_count;
    int max_rows;
    const cJSON *expr;      /* computed: JsonLogic, or NULL when sum is used */
    const char *sum_list;   /* computed: list field id of "list.column" */
    const char *sum_column; /* computed: column id of "list.column" */
    int decimals;
    bool as_minutes;
} tr_module_field;

typedef struct tr_module_page {
    const char *id;
    const cJSON *title; /* loc, may be NULL */
    const cJSON *text;  /* array of loc, may be NULL */
    const char **show;  /* field refs */
    size_t show_count;
    tr_module_field *fields;
    size_t field_count;
} tr_module_page;

/* A question (reflection), item (checklist) or task (homework). */
typedef struct tr_module_item {
    const char *id;
    const cJSON *text; /* loc */
    const cJSON *hint; /* loc, questions only, may be NULL */
} tr_module_item;

typedef struct tr_module_step {
    const char *id;
    tr_module_step_kind kind;
    const cJSON *title;    /* loc */
    const cJSON *text;     /* array of loc, may be NULL except for reading */
    const cJSON *example;  /* {"person","title","text"}, may be NULL */
    tr_module_page *pages; /* exercise, worksheet */
    size_t page_count;
    const char *per;         /* worksheet: "day", "situation" or "try" */
    const char *label_field; /* worksheet/exercise, may be NULL */
    tr_module_item *items;   /* reflection, checklist, homework */
    size_t item_count;
    struct tr_module_link *links; /* ways to other parts of the app (below), may be NULL */
    size_t link_count;
} tr_module_step;

/* Where a step's link leads: a part of the app outside the modules (FORMAT.md "Links"). The
 * set is the app's, so it lives here; which steps link where, and the words, are data. */
typedef enum tr_module_link_to {
    TR_LINK_MEDICATION_LOG,    /* "medication_log": the medication log (content/medication.json) */
    TR_LINK_SIDE_EFFECT_CHECK, /* "side_effect_check": the side-effect check of that log */
} tr_module_link_to;

typedef struct tr_module_link {
    tr_module_link_to to;
    const char *to_name; /* as written: "medication_log" ... */
    const cJSON *label;  /* loc: the button's words */
} tr_module_link;

typedef struct tr_module {
    cJSON *root;
    const char *id, *version;
    const cJSON *title, *summary, *for_whom; /* loc */
    const cJSON *focus;                      /* array of tag strings */
    int minutes;
    bool reviewed;                       /* $.review.status is "reviewed" (else a draft) */
    const char *review_by, *review_date; /* who reviewed it and when; NULL for a draft */
    tr_module_step *steps;
    size_t step_count;
} tr_module;

/* ---- loading and validation ---------------------------------------------------------- */

/* Validates the module JSON `json` (not consumed) and, when out is not NULL and nothing
 * was wrong, builds *out (the module then owns a deep copy of json; free it with
 * tr_module_destroy). `file` names the source in diagnostics ("modules/worry.json");
 * `expect_id` (may be NULL) is the id the file name implies. Every problem is appended to
 * diags. Returns TR_OK, TR_E_INVALID if any problem was found (out untouched), or
 * TR_E_NOMEM. */
tr_status tr_module_from_json(const cJSON *json, const char *file, const char *expect_id,
                              tr_module **out, tr_diags *diags);

/* Reads, parses and validates one module file (diagnostics name it by `path`); the
 * expected id is the file's base name. A JSON syntax error becomes one diagnostic with
 * line:col. Returns as
 * tr_module_from_json, or TR_E_PARSE / TR_E_IO / TR_E_NOTFOUND / TR_E_TOOBIG. */
tr_status tr_module_load(const char *path, tr_module **out, tr_diags *diags);

/* Frees a module and everything it owns; NULL is fine. */
void tr_module_destroy(tr_module *m);

/* Validates every .json file in content_dir/modules (FORMAT.md is not a module). Appends every
 * problem to diags, file names relative to content_dir ("modules/worry.json"). Returns
 * TR_OK when all are valid, TR_E_INVALID when any is not, TR_E_NOTFOUND (and no
 * diagnostic: a pack may have no modules) when there is no modules folder, TR_E_IO (with a
 * diagnostic) or TR_E_NOMEM. `count` (may be NULL) receives the number of module files seen. */
tr_status tr_module_validate_dir(const char *content_dir, size_t *count, tr_diags *diags);

/* Loads every .json file in content_dir/modules, all or nothing. On TR_OK *out (when out is
 * not NULL) is an array of *count modules in file-name order (free each with
 * tr_module_destroy, then the array with free). On any problem every loaded module is freed,
 * *out is NULL and the result is as tr_module_validate_dir's (which is this with out NULL). */
tr_status tr_module_load_dir(const char *content_dir, tr_module ***out, size_t *count,
                             tr_diags *diags);

/* ---- looking things up --------------------------------------------------------------- */

/* The text of a loc object in lang ("nb", "nn", "en"); falls back to "nb" for an unknown
 * language. Returns "" (never NULL) when loc is NULL. */
const char *tr_module_text(const cJSON *loc, const char *lang);

/* Step by id, or NULL. */
const tr_module_step *tr_module_step_find(const tr_module *m, const char *step_id);
/* Index of a step in m->steps, or -1. */
int tr_module_step_index(const tr_module *m, const char *step_id);
/* Field of a step by id (searching all pages), or NULL. */
const tr_module_field *tr_module_field_find(const tr_module_step *step, const char *field_id);

/* Stable names: "reading"... and "text"... */
const char *tr_module_step_kind_name(tr_module_step_kind kind);
const char *tr_module_field_type_name(tr_module_field_type type);

/* Picks the module records (module_progress and module_entry) out of a journal's records,
 * of module `module_id` only when it is not NULL, in journal order. Returns a new array of
 * cJSON references (cJSON_Delete frees the array, never the records, which must outlive
 * it), or NULL when records is not an array or memory runs out. Every function below gives
 * the same answers for the picked array as for the whole journal, only faster: a screen
 * that asks about many steps picks once (20,000 records: bench_module). */
cJSON *tr_module_records_pick(const cJSON *records, const char *module_id);

/* ---- progress ------------------------------------------------------------------------ */

typedef enum tr_module_step_state {
    TR_STEP_NEW = 0, /* never opened */
    TR_STEP_STARTED, /* opened, not finished */
    TR_STEP_DONE,    /* finished at least once (reopening it later keeps it done) */
} tr_module_step_state;

typedef struct tr_module_progress {
    tr_module_step_state state[TR_MODULE_MAX_STEPS]; /* per step, in module order */
    size_t done_count;
    int resume;          /* step index to offer, or -1 when every step is done */
    int last;            /* step index the client opened last, or -1 if none */
    const char *last_ts; /* ts of the newest progress record, or NULL */
} tr_module_progress;

/* Works out the progress in m from records (an array; records of other types or other
 * modules and records for steps the module no longer has are skipped). resume is the step
 * opened last if it is not done, else the first step (in order) not done. Returns TR_OK,
 * or TR_E_INVALID if records is not an array. */
tr_status tr_module_progress_of(const tr_module *m, const cJSON *records, tr_module_progress *out,
                                tr_error *err);

/* A new `module_progress` record {type, ts, module, step, status} (caller owns it), or
 * NULL with err set for an unknown step or missing ts. */
cJSON *tr_module_progress_record(const tr_module *m, const char *step_id, bool done, const char *ts,
                                 tr_error *err);

/* ---- entries ------------------------------------------------------------------------- */

typedef struct tr_module_entry {
    const char *id;
    const cJSON *values; /* newest saved values (points into records) */
    const char *created; /* ts of the first save */
    const char *updated; /* ts of the newest save */
} tr_module_entry;

typedef struct tr_module_entries {
    tr_module_entry *items; /* live entries, oldest first (by first save) */
    size_t count;
} tr_module_entries;

/* The live entries of one step: for each entry id the newest record wins and a `delete`
 * hides it. Malformed module_entry records are skipped. Returns TR_OK (out may be empty;
 * free with tr_module_entries_free), TR_E_INVALID for a bad argument, TR_E_NOMEM. */
tr_status tr_module_entries_of(const tr_module *m, const char *step_id, const cJSON *records,
                               tr_module_entries *out, tr_error *err);
void tr_module_entries_free(tr_module_entries *e);

/* Checks values {field id → value} against a step's fields (reflection: question ids →
 * strings; checklist/homework: item ids → booleans). Empty values and null are allowed
 * (entries are saved half-done); unknown ids, wrong types and out-of-range values are
 * not. Computed fields are ignored. Returns TR_OK or TR_E_INVALID with the field named. */
tr_status tr_module_values_check(const tr_module_step *step, const cJSON *values, tr_error *err);

/* true when every required field (and, for reflection, every question) has a value. */
bool tr_module_values_complete(const tr_module_step *step, const cJSON *values);

/* A new `module_entry` save record (caller owns it) holding a copy of values without
 * computed fields, or NULL with err set when the step takes no entries, entry_id or ts
 * is empty, or the values fail tr_module_values_check. */
cJSON *tr_module_entry_record(const tr_module *m, const char *step_id, const char *entry_id,
                              const cJSON *values, const char *ts, tr_error *err);

/* A new `module_entry` delete record for entry_id (caller owns it), or NULL with err. */
cJSON *tr_module_delete_record(const tr_module *m, const char *step_id, const char *entry_id,
                               const char *ts, tr_error *err);

/* ---- references ---------------------------------------------------------------------- */

/* Resolves a field ref of `step` (FORMAT.md: "field" in the same step, "step.field" in
 * another step) to its value: from `values` (the entry being edited) for the same step,
 * else from the newest live entry of the other step in records. Returns NULL when there
 * is no value yet. *field (may be NULL) receives the referenced field's definition. */
const cJSON *tr_module_ref_value(const tr_module *m, const tr_module_step *step, const char *ref,
                                 const cJSON *values, const cJSON *records,
                                 const tr_module_field **field);

/* The options of a choice field with options_from: a new array of the distinct non-empty
 * strings in that column over the rows of the newest live entry of the named step, in row
 * order (caller owns it; empty when there is none). NULL with err on a bad argument or
 * out of memory. */
cJSON *tr_module_options_of(const tr_module *m, const tr_module_field *field, const cJSON *records,
                            tr_error *err);

/* ---- computed fields ----------------------------------------------------------------- */

/* Returns a new copy of values (caller owns it) in which every computed field of the step
 * (and every computed column of each list row) holds its value: a number, or null when a
 * field it uses is empty or the result is not finite. NULL with err when values is not an
 * object or memory runs out. */
cJSON *tr_module_compute(const tr_module_step *step, const cJSON *values, tr_error *err);

/* Formats a computed or number value for display: rounded to the field's decimals with a
 * decimal comma in nb/nn and a point in en, then " unit" when the field has one; as hours
 * and minutes ("7 t 45 min", "7 h 45 min" in en) when as_minutes; "–" for null or a
 * non-number. Always terminates buf. */
void tr_module_format_number(const tr_module_field *field, const cJSON *value, const char *lang,
                             char *buf, size_t size);

#endif
