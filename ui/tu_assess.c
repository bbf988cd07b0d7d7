/* tu_assess: the self-assessment walk; see tu_assess.h. */
#include "tu_assess.h"

#include <assert.h>
#include <string.h>

#include "tr_answers.h"

/* Evaluates a show_if rule over the answers: 1 shown, 0 hidden, -1 error (err set). */
static int shown(const cJSON *rule, const cJSON *answers, const char *what, tr_error *err)
{
    return tr_answers_show(rule, answers, what, err);
}

/* Rebuilds the visible sequence from the answers; drops answers to hidden questions. */
static tr_status rebuild(tu_assess *a, tr_error *err)
{
    a->n = 0;
    for (size_t s = 0; s < a->n_steps; s++) {
        const tr_step *step = &a->steps[s];
        int v = shown(step->show_if, a->answers, step->id, err);
        if (v < 0)
            return err ? err->status : TR_E_INVALID;
        for (size_t i = 0; i < step->n_items; i++) {
            const tr_item *item = &step->inst->items[step->items[i]];
            int iv = v ? shown(item->show_if, a->answers, item->id, err) : 0;
            if (iv < 0)
                return err ? err->status : TR_E_INVALID;
            if (!iv) {
                tr_answers_remove(a->answers, item->id);
                continue;
            }
            if (a->n < TU_ASSESS_MAX)
                a->seq[a->n++] = (tu_assess_q){step, item};
        }
    }
    return TR_OK;
}

tr_status tu_assess_begin(tu_assess *a, const tr_content *pack, tr_error *err)
{
    return tu_assess_begin_steps(a, pack, pack->steps, pack->n_steps, err);
}

tr_status tu_assess_begin_steps(tu_assess *a, const tr_content *pack, const tr_step *steps,
                                size_t n_steps, tr_error *err)
{
    memset(a, 0, sizeof *a);
    a->pack = pack;
    a->steps = steps;
    a->n_steps = n_steps;
    a->answers = tr_answers_make();
    if (!a->answers)
        return tr_error_set(err, TR_E_NOMEM, "out of memory starting the self-assessment");
    tr_status st = rebuild(a, err);
    if (st != TR_OK)
        tu_assess_end(a);
    return st;
}

void tu_assess_end(tu_assess *a)
{
    tr_answers_free(a->answers);
    a->answers = NULL;
    a->n = a->pos = 0;
}

int tu_assess_total(const tu_assess *a)
{
    const tu_assess_q *cur = tu_assess_current(a);
    if (!cur)
        return a->n;
    int rest = 0, seen = 0;
    for (size_t s = 0; s < a->n_steps; s++) {
        const tr_step *step = &a->steps[s];
        for (size_t i = 0; i < step->n_items; i++) {
            if (&step->inst->items[step->items[i]] == cur->item && step == cur->step)
                seen = 1;
            rest += seen;
        }
    }
    return a->pos + (rest > 0 ? rest : 1);
}

int tu_assess_more_may_come(const tu_assess *a)
{
    return tu_assess_current(a) && tu_assess_total(a) > a->n;
}

const tu_assess_q *tu_assess_current(const tu_assess *a)
{
    return a->pos < a->n ? &a->seq[a->pos] : NULL;
}

/* After the current question's answer changed to what st says: the next visible question. */
static tr_status answered(tu_assess *a, const tr_item *item, tr_status st, tr_error *err)
{
    if (st != TR_OK)
        return st;
    st = rebuild(a, err);
    if (st != TR_OK)
        return st;
    /* continue after the question just answered (its index is unchanged: only later
     * questions depend on it) */
    for (int i = 0; i < a->n; i++)
        if (a->seq[i].item == item) {
            a->pos = i + 1;
            return TR_OK;
        }
    a->pos = a->n;
    return TR_OK;
}

tr_status tu_assess_answer(tu_assess *a, const cJSON *value, tr_error *err)
{
    const tu_assess_q *q = tu_assess_current(a);
    assert(q);
    return answered(a, q->item, tr_answers_set(a->answers, q->item->id, value, err), err);
}

tr_status tu_assess_answer_option(tu_assess *a, const tr_option *o, tr_error *err)
{
    const tu_assess_q *q = tu_assess_current(a);
    assert(q);
    return answered(a, q->item, tr_answers_set_option(a->answers, q->item->id, o, err), err);
}

tr_status tu_assess_answer_chosen(tu_assess *a, uint64_t chosen, tr_error *err)
{
    const tu_assess_q *q = tu_assess_current(a);
    assert(q);
    return answered(a, q->item, tr_answers_set_chosen(a->answers, q->item, chosen, err), err);
}

tr_status tu_assess_answer_again(tu_assess *a, tr_error *err)
{
    const tu_assess_q *q = tu_assess_current(a);
    assert(q);
    return answered(a, q->item, tr_answers_renew(a->answers, q->item->id, err), err);
}

void tu_assess_back(tu_assess *a)
{
    if (a->pos > 0)
        a->pos--;
}

int tu_assess_has(const tu_assess *a, const char *item_id)
{
    return tr_answers_has(a->answers, item_id);
}

int tu_assess_holds(const tu_assess *a, const char *item_id, const tr_option *o)
{
    return tr_answers_holds(a->answers, item_id, o);
}

cJSON *tu_assess_grouped(const tu_assess *a)
{
    cJSON *out = tr_answers_make();
    tr_error err = {0};
    for (int i = 0; out && i < a->n; i++)
        if (tr_answers_group(out, a->seq[i].step->inst->id, a->answers, a->seq[i].item->id, &err) !=
            TR_OK) {
            tr_answers_free(out);
            return NULL;
        }
    return out;
}

int tu_assess_option_for_digit(const tr_item *item, int digit)
{
    return digit >= 1 && (size_t)digit <= item->n_options ? digit - 1 : -1;
}
