/* tr_content: the content pack: every instrument and questionnaire, the triage sequence, care
 * levels, crisis contacts, service settings and message catalogs, loaded and validated in one
 * go. The format is described for clinical leads in content/README.md.
 *
 * All-or-nothing: tr_content_load either returns a fully validated pack or nothing, and
 * reports EVERY problem it found (not just the first) into the caller's tr_diags with file
 * (relative to the pack), JSON path and line:col.
 *
 * Ownership: the pack owns everything reachable from it (structs, strings, cJSON). It is
 * read-only after loading, so several readers may share it. Free with tr_content_free. */
#ifndef TR_CONTENT_H
#define TR_CONTENT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tr_error.h"
#include "tr_i18n.h"
#include "tr_inst.h"

/* The pack format version this build reads (pack.json "format"). */
#define TR_CONTENT_FORMAT 1

/* A care level (content/levels.json), in order of intensity: index 0 is the lightest. */
typedef struct tr_level {
    const char *id; /* self_help, guided_self_help, course, individual, refer, acute, ... */
    size_t rank;    /* its index in tr_content.levels: higher = more intensive */
    tr_text name;
    tr_text description;   /* what it means at RPH, in plain language */
    tr_text next;          /* what happens next */
    int allowed_with_risk; /* may be offered when risk is not "none" (self_help: 0) */
} tr_level;

/* A crisis contact (content/crisis.json). */
typedef struct tr_crisis_contact {
    const char *id;     /* "emergency", "legevakt", ... */
    const char *number; /* as shown: "116 117" */
    const char *dial;   /* digits to dial: "116117" */
    tr_text name;
    tr_text purpose; /* what it is for */
    tr_text hours;   /* "24/7", ...; may be empty */
} tr_crisis_contact;

/* The service running Trinn (pack.json "service"). Empty strings / texts when not set;
 * the UI shows the service's own contact only when phone is not "". */
typedef struct tr_service {
    tr_text name;      /* e.g. "Rask psykisk helsehjelp, Bergen kommune" */
    const char *phone; /* the RPH team's number as shown, "" when not set */
    tr_text hours;     /* opening hours */
    int min_age;       /* lower age limit; younger clients are routed to youth services */
} tr_service;

/* One step of the triage sequence: a questionnaire, or a subset of its items, asked in this
 * order. Items with show_if are asked only when it holds (e.g. the risk questions after PHQ-9
 * item 9). */
typedef struct tr_step {
    const char *id; /* stable step id, e.g. "intake_basics" */
    const tr_inst *inst;
    size_t items[TR_INST_MAX_ITEMS]; /* indices into inst->items, in order */
    size_t n_items;
    const cJSON *show_if; /* JsonLogic over the answers; NULL = always */
} tr_step;

typedef struct tr_content {
    char *dir;                      /* the folder it was loaded from */
    int format;                     /* TR_CONTENT_FORMAT */
    const char *id;                 /* pack id, e.g. "no.rph.default" */
    const char *version;            /* pack version, e.g. "1.0.0" */
    const char *langs[TR_LANG_MAX]; /* languages every text has, e.g. nb, nn, en */
    size_t n_langs;
    const char *default_lang; /* the fallback language, e.g. "nb" */
    tr_service service;
    tr_inst **insts; /* instruments/ by file name (short forms after the others), then the
                        questionnaires in pack.json order */
    size_t n_insts;
    tr_step *steps; /* the triage sequence */
    size_t n_steps;
    tr_level *levels;
    size_t n_levels;
    tr_crisis_contact *crisis;
    size_t n_crisis;
    tr_i18n *i18n;
    cJSON *pack_json; /* pack.json as read (for settings others add); owned by the pack */
    cJSON *docs[8];   /* the other documents read (levels, crisis, ...); owned by the pack */
    size_t n_docs;
} tr_content;

typedef struct tr_content_desc {
    const char *dir; /* the pack folder (holding pack.json); required */
} tr_content_desc;

/* Loads and validates the pack in desc->dir: pack.json, instruments/NAME.json, the
 * questionnaire files pack.json lists (intake.json, risk.json), levels.json, crisis.json,
 * i18n/LANG/NAME.json. Checks duplicate ids, unknown references (option sets, show_if vars,
 * parents, levels, sequence), missing translations, option values outside the scale, bands
 * that miss or overlap part of the range, failing test vectors, and catalog keys missing or
 * with different placeholders in a language. Every problem goes to diags.
 * Returns TR_OK and *out (caller frees with tr_content_free), or TR_E_INVALID (err: "N
 * problems in DIR") with *out = NULL; TR_E_NOTFOUND when dir has no pack.json; TR_E_NOMEM. */
tr_status tr_content_load(const tr_content_desc *desc, tr_content **out, tr_diags *diags,
                          tr_error *err);

/* Frees a pack; NULL is fine. */
void tr_content_free(tr_content *pack);

/* Lookups by id; NULL when there is none. */
const tr_inst *tr_content_find_inst(const tr_content *pack, const char *id);
const tr_level *tr_content_find_level(const tr_content *pack, const char *id);
const tr_crisis_contact *tr_content_find_crisis(const tr_content *pack, const char *id);

/* One answer of an assessment the team is shown on its own: an item whose questionnaire marks
 * it "for_team" (e.g. the need for an interpreter, and the language). */
typedef struct tr_team_fact {
    const tr_item *item;
    const char *label; /* the item's "for_team" text in the language asked for (the pack's) */
    char answer[240];  /* the answer's option labels in that language, joined with ", " */
} tr_team_fact;

/* The answers in `answers` (an assessment record's {instrument id -> {item id -> value}}) whose
 * items carry "for_team", in the pack's order of questionnaires and items, into out[0..max),
 * in language lang (else the pack's nb). An answer that is no option of its item is left out.
 * Returns how many were written. */
size_t tr_content_team_facts(const tr_content *pack, const cJSON *answers, const char *lang,
                             tr_team_fact *out, size_t max);

/* Finds the item with this id in any instrument of the pack (a short form's items are found
 * in their parent first). Returns NULL when none; sets *inst (may be NULL) to its owner. */
const tr_item *tr_content_find_item(const tr_content *pack, const char *item_id,
                                    const tr_inst **inst);

/* 1 when the pack says how to reach the service's own team: a phone number and opening hours
 * in every language of the pack; 0 otherwise. The shipped pack is a template without them;
 * texts that would send a client to the team are then replaced by ones that do not (the
 * catalog variant ending ".no_team", see content/triage/README.md), and `trinnctl check` warns. */
int tr_content_has_team(const tr_content *pack);

/* The pack's text in lang (falling back to the default language). Never NULL. */
const char *tr_content_text(const tr_content *pack, const tr_text *t, const char *lang);

/* A catalog message in lang (see tr_i18n_get). Never NULL. */
const char *tr_content_msg(const tr_content *pack, const char *lang, const char *key);

/* Returns 1 when the step is asked for these answers (its show_if is truthy or absent), 0 when
 * it is skipped, -1 with err set when show_if cannot be evaluated. Items inside a shown step
 * still each have their own show_if (tr_inst_item_visible). */
int tr_content_step_visible(const tr_step *step, const cJSON *answers, tr_error *err);

/* Turns answers grouped by instrument, {"phq9": [1, 2, null, ...], "intake": {"age_band": 25},
 * ...} (per instrument: an array in item order as tr_inst_answers_from_array takes, or an
 * object of item id -> answer; null = nothing answered), into one flat object of item id ->
 * answer, every value checked against its item's options. An item answered twice (e.g. via
 * phq9 and phq2) must have the same answer. Returns TR_OK and *flat (caller cJSON_Deletes),
 * or TR_E_INVALID with err naming the instrument, item or position and what is wrong
 * (unknown instrument, unknown item, answer not an option, wrong count, conflict). */
tr_status tr_content_answers_flatten(const tr_content *pack, const cJSON *by_inst, cJSON **flat,
                                     tr_error *err);

/* The reverse, for storing: {instrument id -> {item id -> answer}}, each answer under the
 * instrument that defines its item (a short form's, or AUDIT's reused AUDIT-C items, under the
 * parent), for every instrument with at least one such answer in flat (keys of flat that are
 * no item are left out). NULL when out of memory. */
cJSON *tr_content_answers_group(const tr_content *pack, const cJSON *flat);

/* Collects every {"var": NAME} in a JsonLogic expression and calls fn(name, path, ctx) with
 * the JSON path of the var inside `rule` (prefixed with `base`). Used by validators here and
 * in triage/modules to reject rules that name unknown answers. Returns the number of vars. */
typedef void (*tr_content_var_fn)(const char *name, const char *path, void *ctx);
size_t tr_content_walk_vars(const cJSON *rule, const char *base, tr_content_var_fn fn, void *ctx);

#endif
