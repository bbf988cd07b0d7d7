/* tu_assess: the self-assessment walk over the pack's triage sequence: which question comes
 * next, given the answers so far (steps and items with a JsonLogic show_if appear only when
 * it holds), back and skip, and the answers grouped per instrument for the journal.
 *
 * The answers are core's answers object (core/tr_answers.h): the walk changes and reads it by
 * item and option; the screens pass `answers` on to core (scoring, triage, records) as it is.
 *
 * Ownership: the walk borrows the pack (which must outlive it) and owns its answers object. */
#ifndef TU_ASSESS_H
#define TU_ASSESS_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_content.h"

#define TU_ASSESS_MAX 256

typedef struct tu_assess_q {
    const tr_step *step;
    const tr_item *item;
} tu_assess_q;

typedef struct tu_assess {
    const tr_content *pack;
    const tr_step *steps; /* the steps walked: the pack's triage sequence, or the caller's */
    size_t n_steps;
    cJSON *answers;                 /* flat {item id -> value}; what show_if rules read */
    tu_assess_q seq[TU_ASSESS_MAX]; /* the questions shown for the answers so far */
    int n;
    int pos; /* index into seq of the current question; n when finished */
} tu_assess;

/* Starts a walk at the first question. Returns TR_OK, TR_E_NOMEM, or TR_E_INVALID when a
 * show_if cannot be evaluated (err says which step or item). */
tr_status tu_assess_begin(tu_assess *a, const tr_content *pack, tr_error *err);

/* Like tu_assess_begin over the caller's steps (which must outlive the walk), e.g. one step
 * per routine measure with every item of its instrument. */
tr_status tu_assess_begin_steps(tu_assess *a, const tr_content *pack, const tr_step *steps,
                                size_t n_steps, tr_error *err);
void tu_assess_end(tu_assess *a);

/* The current question, or NULL when the walk is finished. */
const tu_assess_q *tu_assess_current(const tu_assess *a);

/* How many questions the walk has, for "question n of total": those answered or passed so far
 * and, from the current one on, every question of every step, follow-ups (and steps with a
 * show_if, such as the risk questions) included as if they will all be asked. So the total only
 * shrinks as the client goes forward (when a follow-up is not needed) and the bar (pos / total)
 * never moves back. Never below pos + 1 while a question is open; the number of questions shown
 * once finished. */
int tu_assess_total(const tu_assess *a);

/* 1 when questions not shown for the answers so far may still come after the current one (a
 * follow-up, or a step with a show_if, that answers to come could open): tu_assess_total is
 * then above a->n, the questions the answers so far lead to. 0 once finished. */
int tu_assess_more_may_come(const tu_assess *a);

/* Records value (copied; NULL = skip: removes any answer) for the current question and moves
 * to the next visible one. Answers to questions no longer shown are dropped, so a changed
 * answer cannot leave stale follow-up answers behind. */
tr_status tu_assess_answer(tu_assess *a, const cJSON *value, tr_error *err);
/* As tu_assess_answer with option o's value (NULL = skip). */
tr_status tu_assess_answer_option(tu_assess *a, const tr_option *o, tr_error *err);
/* As tu_assess_answer with the list of the current item's options whose bit is set in chosen
 * (bit i = options[i]); none = skip. */
tr_status tu_assess_answer_chosen(tu_assess *a, uint64_t chosen, tr_error *err);
/* As tu_assess_answer with the answer the current question already has («Next» on a question
 * answered before; skips it when it has none). */
tr_status tu_assess_answer_again(tu_assess *a, tr_error *err);

/* Moves back one question (no-op at the first). */
void tu_assess_back(tu_assess *a);

/* 1 when item_id has an answer; 1 when that answer is option o (or a list holding it). */
int tu_assess_has(const tu_assess *a, const char *item_id);
int tu_assess_holds(const tu_assess *a, const char *item_id, const tr_option *o);

/* Answers grouped {instrument id -> {item id -> value}}, intake under "intake" as the
 * instrument id says. Caller frees. NULL on NOMEM. */
cJSON *tu_assess_grouped(const tu_assess *a);

/* The option a number key picks: its position counted from 1, as on every screen and as the
 * key cap on each answer shows (PHQ-9's first answer, worth 0 points, is key 1). -1 when none. */
int tu_assess_option_for_digit(const tr_item *item, int digit);

#endif
