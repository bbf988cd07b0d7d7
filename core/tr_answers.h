/* tr_answers: a questionnaire's answers as the self-assessment and the routine measures
 * collect them: one object {item id → value} (core/RECORDS.md `assessment.answers` before it
 * is grouped, `measure.answers`), where a value is an option's value (a number or a text) or,
 * for an item with several answers, the list of the chosen options' values. The triage engine,
 * the scoring and the show_if rules read that object as it is (tr_triage_run, tr_inst_score,
 * tr_logic_apply), so it stays one object; the screens only pass it on, and change and read
 * it through these functions, by item and option, never as JSON.
 *
 * Ownership: tr_answers_make's object belongs to the caller (tr_answers_free). Every setter
 * copies what it is given. Not thread-safe. */
#ifndef TR_ANSWERS_H
#define TR_ANSWERS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_inst.h"

/* A new empty answers object, or NULL when out of memory. */
cJSON *tr_answers_make(void);
/* Frees answers; NULL is fine. */
void tr_answers_free(cJSON *answers);

/* Sets item_id's answer to a copy of value (NULL removes it: a skipped question). A present
 * answer is removed and the copy added last, as when it was first given. Returns TR_OK,
 * TR_E_INVALID (answers not an object, item_id NULL or empty) or TR_E_NOMEM (err set; the
 * answers unchanged). */
tr_status tr_answers_set(cJSON *answers, const char *item_id, const cJSON *value, tr_error *err);

/* Sets item_id's answer to option o's value (NULL removes it). Returns as tr_answers_set. */
tr_status tr_answers_set_option(cJSON *answers, const char *item_id, const tr_option *o,
                                tr_error *err);

/* An item with several answers: sets its answer to the list of the values of the options of
 * item whose bit is set in `chosen` (bit i = item->options[i], the first 64), in option order;
 * none chosen removes the answer. Returns as tr_answers_set. */
tr_status tr_answers_set_chosen(cJSON *answers, const tr_item *item, uint64_t chosen,
                                tr_error *err);

/* Gives item_id's answer again (removed and added last, as tr_answers_set with its own
 * value): «Next» on a question answered before. Nothing happens when it has none. */
tr_status tr_answers_renew(cJSON *answers, const char *item_id, tr_error *err);

/* Removes item_id's answer (none is fine). */
void tr_answers_remove(cJSON *answers, const char *item_id);

/* true when item_id has an answer. */
bool tr_answers_has(const cJSON *answers, const char *item_id);
/* true when any item has an answer. */
bool tr_answers_any(const cJSON *answers);

/* true when item_id's answer is option o's value, or a list holding it. */
bool tr_answers_holds(const cJSON *answers, const char *item_id, const tr_option *o);

/* The options of item chosen in its answer as bits (bit i = item->options[i], the first 64);
 * 0 for none. */
uint64_t tr_answers_chosen(const cJSON *answers, const tr_item *item);

/* Evaluates a show_if rule (JsonLogic; NULL shows) over the answers: 1 shown, 0 hidden, -1 when
 * it cannot be evaluated (err set, prefixed with "show_if of <what>"). */
int tr_answers_show(const cJSON *rule, const cJSON *answers, const char *what, tr_error *err);

/* Adds item_id's answer (copied), when it has one, to grouped {instrument id → {item id →
 * value}} under inst_id: the assessment record's `answers`. Returns TR_OK (also when there is
 * no answer), TR_E_INVALID for a grouped that is not an object, or TR_E_NOMEM (err set). */
tr_status tr_answers_group(cJSON *grouped, const char *inst_id, const cJSON *answers,
                           const char *item_id, tr_error *err);

#endif
