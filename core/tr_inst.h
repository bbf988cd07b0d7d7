/* tr_inst: questionnaires as data (PHQ-9, GAD-7, AUDIT-C, the intake...), and exact scoring.
 *
 * One instrument = one JSON file (format in content/README.md). Items have pack-wide unique,
 * stable ids; answers are always keyed by item id, never by text or position. A set of
 * answers is a cJSON object {item id -> value}: a number or string that must equal one
 * option's value (single choice), or an array of such values (multi choice). A missing key or
 * a null value means "not answered". One flat object may carry the answers to every
 * instrument of a pack (short forms such as PHQ-2 reuse their parent's item ids, so one set
 * of answers scores both), and it is also the data JsonLogic `show_if` rules read.
 *
 * Ownership: a tr_inst and everything reachable from it (items, options, bands, strings) is
 * read-only and owned by whoever loaded it: the content pack (tr_content_free) or, for a
 * standalone parse, the caller (tr_inst_free). */
#ifndef TR_INST_H
#define TR_INST_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tr_error.h"
#include "tr_i18n.h"

/* Limits a valid instrument stays within (the validator enforces them). */
#define TR_INST_MAX_ITEMS     64
#define TR_INST_MAX_FLAGS     16 /* critical items per instrument */
#define TR_INST_MAX_SUBSCALES 8
#define TR_INST_MAX_CUTOFFS   8 /* answers of the cut-off item with their own cut-off */

typedef enum tr_inst_kind {
    TR_INST_SCORED = 0,        /* "kind": "scored": a measure with a total, bands, ... */
    TR_INST_QUESTIONNAIRE = 1, /* "kind": "questionnaire": questions only (intake, risk) */
} tr_inst_kind;

typedef enum tr_item_kind {
    TR_ITEM_SINGLE = 0, /* "single": choose one option */
    TR_ITEM_MULTI = 1,  /* "multi": choose any number of options; answer is an array */
} tr_item_kind;

typedef enum tr_score_method {
    TR_SCORE_SUM = 0,  /* total = sum of the counted items (after reversal) */
    TR_SCORE_MEAN = 1, /* total = mean of the answered counted items */
} tr_score_method;

typedef enum tr_trans_status {
    TR_TRANS_OFFICIAL = 0, /* the published wording of this language's official version */
    TR_TRANS_DRAFT = 1,    /* our own or unconfirmed translation awaiting clinical review */
} tr_trans_status;

/* One answer option. Its value is a number (scored items, age bands) or a string (ids such
 * as "yes", "low_mood"); exactly one of the two is set. */
typedef struct tr_option {
    int is_number;
    double number;      /* when is_number */
    const char *string; /* when !is_number */
    tr_text label;
} tr_option;

/* A named list of options shared by items ("option_sets" in the file). */
typedef struct tr_option_set {
    const char *name;
    tr_option *options;
    size_t n_options;
    int has_scale; /* "scale": [min, max]: every numeric value must lie within it */
    double scale_min;
    double scale_max;
} tr_option_set;

typedef struct tr_item {
    const char *id; /* pack-wide unique and stable */
    tr_item_kind kind;
    tr_text text;             /* the question */
    tr_text help;             /* optional extra explanation; n == 0 when absent */
    tr_text for_team;         /* "for_team": the answer's label on the team's page and in the
                                 note for the patient record (e.g. "Needs an interpreter");
                                 n == 0: the team is not shown the answer on its own */
    const char *option_set;   /* name of the option set used */
    const tr_option *options; /* the options in display order */
    size_t n_options;
    const cJSON *show_if; /* JsonLogic over the answers object; NULL = always shown */
    int has_when_hidden;  /* "when_hidden": N: scored as N when show_if hides it (skip logic:
                             after "Never" the AUDIT-C's other items are skipped and score 0) */
    double when_hidden;
    int scored;       /* counts toward the total */
    int reversed;     /* scored as (max + min - value) */
    double min_value; /* smallest and largest numeric option value (0 when none) */
    double max_value;
} tr_item;

/* A severity band: a total t with min <= t <= max (both inclusive) falls in it. */
typedef struct tr_band {
    const char *id; /* stable: "minimal", "mild", "moderate", "moderately_severe", ... */
    double min;
    double max;
    tr_text label;
} tr_band;

/* A critical item: fires (is reported in tr_score.flags) when the item's answer > above,
 * whether or not the whole instrument is scorable. PHQ-9 item 9: above 0. */
typedef struct tr_critical {
    const char *item_id;
    size_t item; /* index into tr_inst.items */
    double above;
} tr_critical;

typedef struct tr_subscale {
    const char *id;
    tr_text name;
    tr_score_method method;
    size_t items[TR_INST_MAX_ITEMS]; /* indices into tr_inst.items */
    size_t n_items;
} tr_subscale;

typedef enum tr_caseness_kind {
    TR_CASENESS_NONE = 0,     /* no cut-off (tr_score.caseness = -1) */
    TR_CASENESS_TOTAL = 1,    /* total >= cutoff */
    TR_CASENESS_ANY_ITEM = 2, /* any counted item >= cutoff (IAPT phobia scales) */
} tr_caseness_kind;

typedef struct tr_scoring {
    tr_score_method method;
    int decimals;     /* totals are rounded half away from zero to this many places */
    double range_min; /* possible totals, checked against the items */
    double range_max;
    size_t counted[TR_INST_MAX_ITEMS]; /* indices of the items that count, in file order */
    size_t n_counted;
    /* Missing answers among the counted items: at most max_missing may be missing; then a sum
     * is prorated (sum * n_counted / n_answered, rounded) when prorate is set, and a mean is
     * the mean of the answered ones. More missing -> not scorable. */
    size_t max_missing;
    int prorate;
    tr_band *bands; /* in order of the total, covering range_min..range_max exactly once */
    size_t n_bands;
    tr_caseness_kind caseness;
    double cutoff; /* the cut-off, or the default one when it depends on an answer (below) */
    /* "by_item": "sex", "at_least": {"male": 4}: with TR_CASENESS_TOTAL, the cut-off is the
     * one given for the answer to item cutoff_item (another item of the pack, e.g. the intake's
     * sex); any other answer, or none, takes `cutoff`. See tr_inst_cutoff. */
    const char *cutoff_item;
    const char *cutoff_answer[TR_INST_MAX_CUTOFFS];
    double cutoff_for[TR_INST_MAX_CUTOFFS];
    size_t n_cutoffs;
    int has_reliable_change;
    double reliable_change; /* a change of at least this much is reliable */
    tr_critical critical[TR_INST_MAX_FLAGS];
    size_t n_critical;
    tr_subscale subscales[TR_INST_MAX_SUBSCALES];
    size_t n_subscales;
} tr_scoring;

typedef struct tr_translation {
    const char *lang;
    tr_trans_status status;
    const char *note; /* who translated, what review is pending; "" when none */
} tr_translation;

typedef struct tr_inst {
    const char *id;      /* "phq9"; unique in the pack */
    const char *version; /* of this file's content, e.g. "1.0" */
    tr_inst_kind kind;
    const char *file; /* path relative to the pack, e.g. "instruments/phq9.json"; owned */
    tr_text name;     /* "PHQ-9" or a localised title */
    tr_text intro; /* the stem shown before the items ("Over the last 2 weeks..."); may be empty */
    const char *licence; /* e.g. "Free to use (Pfizer; no permission required)" */
    const char *source;  /* citation */
    const char *loinc;   /* LOINC panel code or "" */
    const char *parent;  /* a short form's parent instrument id, or NULL */
    tr_translation translations[TR_LANG_MAX];
    size_t n_translations;
    tr_option_set *option_sets;
    size_t n_option_sets;
    tr_item *items;
    size_t n_items;
    tr_scoring scoring;        /* all zero for TR_INST_QUESTIONNAIRE */
    const cJSON *test_vectors; /* the file's "test_vectors" array, or NULL */
    cJSON *json;               /* the parsed file every string points into; owned */
} tr_inst;

/* The result of scoring one set of answers. */
typedef struct tr_score {
    int scorable;        /* 0 when too many answers are missing (or a questionnaire) */
    double total;        /* valid only when scorable */
    const tr_band *band; /* NULL when not scorable */
    int caseness;        /* 1 at or above the cut-off, 0 below, -1 no cut-off or not scorable */
    int prorated;        /* 1 when the total was prorated from fewer answers */
    size_t n_answered;   /* answered counted items */
    size_t n_missing;    /* counted items with no answer */
    const char *flags[TR_INST_MAX_FLAGS]; /* item ids of critical items that fired */
    size_t n_flags;
    double subscores[TR_INST_MAX_SUBSCALES]; /* per tr_scoring.subscales */
    int sub_scorable[TR_INST_MAX_SUBSCALES];
} tr_score;

/* Options for parsing one instrument file on its own (the pack loader fills these itself). */
typedef struct tr_inst_desc {
    const char *name;         /* file name for messages; NULL = "instrument" */
    const char *const *langs; /* languages every text must have; NULL = nb, nn, en */
    size_t n_langs;
    const tr_inst *const *known; /* other instruments, for a short form's "parent"; may be NULL */
    size_t n_known;
} tr_inst_desc;

/* Parses and validates one instrument from buf[0..len) (any bytes: the fuzzer calls this).
 * Every problem goes to diags (file, JSON path, line:col) and the test vectors are run.
 * Returns TR_OK and *out (caller frees with tr_inst_free), or TR_E_PARSE / TR_E_INVALID /
 * TR_E_TOOBIG with *out = NULL and err summarising; TR_E_NOMEM on allocation failure.
 * show_if `var` names are checked against the instrument's own items and desc->known. */
tr_status tr_inst_parse(const char *buf, size_t len, const tr_inst_desc *desc, tr_inst **out,
                        tr_diags *diags, tr_error *err);

/* Frees an instrument from tr_inst_parse; NULL is fine. Never call it on a pack's instrument. */
void tr_inst_free(tr_inst *inst);

/* Returns the item with this id, or NULL. */
const tr_item *tr_inst_find_item(const tr_inst *inst, const char *item_id);

/* Returns the option whose value equals `value` (number or string), or NULL. */
const tr_option *tr_item_find_option(const tr_item *item, const cJSON *value);

/* Scores answers (an object keyed by item id; other keys are ignored). Every answer to one
 * of this instrument's items must be a valid option value (or an array of them for a multi
 * item) else TR_E_INVALID naming the item and value. TR_OK with *out filled otherwise, also
 * when the result is "not scorable" (out->scorable = 0, total meaningless, band NULL). */
tr_status tr_inst_score(const tr_inst *inst, const cJSON *answers, tr_score *out, tr_error *err);

/* Builds an answers object from answers given in item order: `list` is "0,1,-,2" where "-"
 * (or an empty field) is a skipped item, a number is a numeric option value and anything else
 * a string value. Exactly n_items fields (all items, scored or not, e.g. PHQ-9's difficulty
 * item) or exactly the number of scored items (the unscored ones then count as skipped).
 * Returns TR_OK and *out (caller cJSON_Deletes) or TR_E_INVALID naming the field position,
 * its text and what was expected (too many, too few, not an option). */
tr_status tr_inst_answers_from_list(const tr_inst *inst, const char *list, cJSON **out,
                                    tr_error *err);

/* Same as tr_inst_answers_from_list for a JSON array in item order (null = skipped). */
tr_status tr_inst_answers_from_array(const tr_inst *inst, const cJSON *array, cJSON **out,
                                     tr_error *err);

/* Checks that every answer to this instrument's items in `answers` is a valid option value
 * of the right shape. TR_OK or TR_E_INVALID naming the item and value. */
tr_status tr_inst_check_answers(const tr_inst *inst, const cJSON *answers, tr_error *err);

/* The score as the JSON trinnctl prints and the journal stores:
 * {"instrument","total","band","caseness","flags":[...],"scorable"}, with total and band
 * null when not scorable and caseness null when there is no cut-off. NULL on NOMEM. */
cJSON *tr_score_to_json(const tr_inst *inst, const tr_score *score);

/* Runs the instrument's test_vectors. Each failure goes to diags (file, path of the vector,
 * what differed). Returns the number of problems found: 0 when every vector passes. */
size_t tr_inst_run_vectors(const tr_inst *inst, tr_diags *diags);

/* Returns 1 when item is shown for these answers (its show_if, a JsonLogic expression over
 * the flat answers object, is truthy or absent), 0 when hidden, -1 with err set when show_if
 * cannot be evaluated (answers may be NULL: nothing answered yet). */
int tr_inst_item_visible(const tr_item *item, const cJSON *answers, tr_error *err);

/* The caseness cut-off that applies to these answers: the one for the answer to
 * scoring.cutoff_item when there is one, else scoring.cutoff. answers may be NULL. */
double tr_inst_cutoff(const tr_inst *inst, const cJSON *answers);

/* The scored value of item i of inst for these answers into *out: the answer (reversed where
 * the item is), or the item's "when_hidden" value when it is unanswered and its show_if hides
 * it. Returns 1 with *out set, 0 when the item has no value (unanswered and shown). */
int tr_inst_item_value(const tr_inst *inst, size_t i, const cJSON *answers, double *out);

/* The name of a translation status: "official" or "draft". */
const char *tr_trans_status_name(tr_trans_status status);

#endif
