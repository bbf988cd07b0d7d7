/* tr_triage: the BEON triage engine. It recommends the best effective care level for one set
 * of answers, explains why, lists the other clinically acceptable levels the client may
 * choose among, and suggests self-help modules. It recommends; the client chooses and the
 * therapist confirms (CLINICAL.md, "mixed care").
 *
 * The clinical rules are data: content/triage/rules.json, JsonLogic over a data object the
 * engine builds (format in content/triage/README.md). On top of the rules the engine enforces
 * safety invariants that no rule file can switch off:
 *   - an instrument's critical item answered above its threshold (PHQ-9 item 9 > 0) gives at
 *     least `elevated` risk; an unanswered critical item gives `elevated` too and asks the
 *     team to ask about it (result.ask);
 *   - a risk follow-up (rules.json "risk_followups") that was shown but not answered counts
 *     as its least safe answer (every option is tried; the least safe outcome wins);
 *   - at any risk above `none`, no level that levels.json marks allowed_with_risk: false is
 *     recommended or offered; at `acute` risk the level is the acute level with no others;
 *   - scores of instruments with skipped answers are given to the rules as their lowest
 *     possible value (prorated, or the answered items' sum), never as "nothing".
 *
 * Ownership: a tr_triage holds the parsed rules and borrows the pack, which must outlive it. */
#ifndef TR_TRIAGE_H
#define TR_TRIAGE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tr_content.h"
#include "tr_error.h"

#define TR_TRIAGE_MAX_LEVELS  16
#define TR_TRIAGE_MAX_REASONS 32
#define TR_TRIAGE_MAX_MODULES 16
#define TR_TRIAGE_MAX_ASK     8
#define TR_TRIAGE_MAX_SCORES  16

typedef enum tr_risk {
    TR_RISK_NONE = 0,
    TR_RISK_ELEVATED = 1,
    TR_RISK_ACUTE = 2,
} tr_risk;

/* "none", "elevated", "acute"; and back (returns -1 for an unknown name). */
const char *tr_risk_name(tr_risk risk);
int tr_risk_from_name(const char *name);

/* Loaded rules (opaque). */
typedef struct tr_triage tr_triage;

/* One reason in a result: the rule that fired and its sentence (a localised text that may
 * hold {placeholders}: JsonLogic var paths into the rules' data object). */
typedef struct tr_triage_reason {
    const char *rule; /* id of the rule that fired, or the engine invariant ("safety.*") */
    const char *id;   /* reason id in rules.json "reasons" */
    const tr_text *text;
} tr_triage_reason;

typedef struct tr_triage_result {
    tr_risk risk;
    const tr_level *level;
    const tr_level *alternatives[TR_TRIAGE_MAX_LEVELS]; /* by intensity, never `level` */
    size_t n_alternatives;
    tr_triage_reason reasons[TR_TRIAGE_MAX_REASONS];
    size_t n_reasons;
    const char *focus[TR_TRIAGE_MAX_MODULES]; /* problem focus ids, e.g. "low_mood" */
    size_t n_focus;
    const char *modules[TR_TRIAGE_MAX_MODULES]; /* suggested module ids, in order */
    size_t n_modules;
    const char *ask[TR_TRIAGE_MAX_ASK]; /* what the team must ask about: unanswered critical
                                           items, and the item or reason ids rules add */
    size_t n_ask;
    const char *referral; /* e.g. "youth_services", or NULL */
    const tr_inst *score_inst[TR_TRIAGE_MAX_SCORES];
    tr_score scores[TR_TRIAGE_MAX_SCORES];
    size_t n_scores;
    cJSON *data; /* the data object the rules read (owned; for {placeholders}) */
} tr_triage_result;

/* Reads and checks content/triage/rules.json of the pack (pack->dir/triage/rules.json) and
 * the terminal texts in triage/terminal.json.
 * Every problem goes to diags (file, JSON path, line:col where known): unknown levels,
 * reasons, modules, answer ids in `var`s, unknown JsonLogic operations, missing texts in a
 * pack language, a level list without a rule that always fires. Returns TR_OK and *out
 * (free with tr_triage_free), TR_E_INVALID with err "N problems in triage/rules.json", or the
 * status of reading the file (TR_E_NOTFOUND, TR_E_PARSE, ...). */
tr_status tr_triage_load(const tr_content *pack, tr_triage **out, tr_diags *diags, tr_error *err);
void tr_triage_free(tr_triage *t);

/* For the content checker: loads the rules, reports every problem into diags and frees
 * them. A rule set that loads is also tried on a fixed sample of answer sets: a question whose
 * skipping gives a less safe result than answering it mildly is a problem too. Returns TR_OK
 * when clean. */
tr_status tr_triage_validate(const tr_content *pack, tr_diags *diags);

/* Runs the rules on `answers` (a flat object item id -> answer, as tr_inst uses; values must
 * already be valid, see tr_triage_answers). Fills *out (free with tr_triage_result_free).
 * Returns TR_OK, or an error from a rule (TR_E_INVALID / TR_E_TOOBIG / TR_E_NOMEM). */
tr_status tr_triage_run(const tr_triage *t, const cJSON *answers, tr_triage_result *out,
                        tr_error *err);
void tr_triage_result_free(tr_triage_result *r);

/* Turns the triage input {"answers": {"phq9": [...] | {...}, "intake": {...}, ...}} into a
 * flat answers object: per instrument either answers in item order (null = skipped) or an
 * object item id -> answer. Rejects unknown keys, instruments and items, values that are no
 * option, too many answers, answers given twice. Returns TR_OK and *out (cJSON_Delete) or
 * TR_E_INVALID with err naming the place ("answers.gad7[3]: 5 is not an option of gad7_4"). */
tr_status tr_triage_answers(const tr_content *pack, const cJSON *input, cJSON **out, tr_error *err);

/* The result as JSON: {"risk","level","alternatives":[...],"reasons":[{"rule","id","text"}],
 * "focus":[...],"modules":[...],"ask":[...],"referral","next","crisis":[contact ids],"scores":{}}
 * with texts in lang. NULL when out of memory. */
cJSON *tr_triage_result_json(const tr_triage *t, const tr_triage_result *r, const char *lang);

/* Writes a reason's sentence in lang with its {placeholders} filled from r->data. */
void tr_triage_reason_text(const tr_triage *t, const tr_triage_result *r, size_t i,
                           const char *lang, char *buf, size_t size);

/* Writes what the client does next if they choose `level` (the recommended level or one of
 * r's alternatives), in lang, with the service's name, phone and hours filled in. Nothing in
 * Trinn sends a result to anyone, so no text promises that someone will make contact:
 *   - for the acute level: the level's own `next` (113, legevakt now);
 *   - for another level the client chose at acute risk (what comes after help now):
 *     "triage.next.after_acute.<referral>" where that text exists (the urgent youth
 *     referral), else "triage.next.after_acute";
 *   - with a referral whose catalog text "triage.next.referral.<id>" exists (the youth
 *     referrals): that text alone, never the adult service's;
 *   - at elevated risk: "triage.next.risk", a step for the same day (the team at its hours,
 *     legevakt 116 117, 113) instead of the level's "within 1-2 weeks";
 *   - otherwise the level's `next` followed by "triage.next.team" (how to reach the team).
 * Where the pack lacks the team's phone or hours (tr_content_has_team), the catalog variants
 * ending ".no_team" are used: they send the client to the GP or legevakt, not to the team. */
void tr_triage_next_text(const tr_triage *t, const tr_triage_result *r, const tr_level *level,
                         const char *lang, char *buf, size_t size);

/* Where a result is shown, when not in the app itself: the kiosk (issue 15) says what happens
 * to the answers there. suffix ("kiosk", "kiosk_sealed") names the catalog variants used in
 * place of "" and ".no_team": "triage.next.team.<suffix>", "triage.next.risk.<suffix>",
 * "triage.next.after_acute.<suffix>" (a missing variant falls back to the team's text, which
 * claims nothing about sending); team, phone and hours fill {team}, {phone}, {hours} instead
 * of the pack's service (NULL or "": the pack's). */
typedef struct tr_triage_place {
    const char *suffix;
    const char *team, *phone, *hours;
} tr_triage_place;

/* As tr_triage_next_text, for a result shown at place (NULL: as tr_triage_next_text). */
void tr_triage_next_text_at(const tr_triage *t, const tr_triage_result *r, const tr_level *level,
                            const char *lang, const tr_triage_place *place, char *buf, size_t size);

/* The step of the pack's sequence that asks the risk follow-ups (rules.json
 * "risk_followups"), so a measure outside triage can ask the same questions; NULL when no step
 * asks them. */
const tr_step *tr_triage_risk_step(const tr_triage *t);

/* The sentence of reason id `id` (e.g. an "ask" topic that is no item), or NULL. */
const tr_text *tr_triage_reason_topic(const tr_triage *t, const char *id);

/* A text of the terminal triage (content/triage/terminal.json "texts") in lang, falling
 * back to the pack's default language, then to the key itself. Never NULL. */
const char *tr_triage_term_text(const tr_triage *t, const char *key, const char *lang);

/* The pack the rules were loaded for. */
const tr_content *tr_triage_pack(const tr_triage *t);

/* Whether item `item_id` is asked for these answers: it belongs to a step of the pack's
 * sequence whose show_if (and the item's own show_if) hold. Returns 1, 0, or -1 with err
 * when a show_if rule fails. */
int tr_triage_item_asked(const tr_triage *t, size_t step, const tr_item *item, const cJSON *answers,
                         tr_error *err);

#endif
