/* tu_assess: the self-assessment walk; see tu_assess.h. */
#include "tu_assess.h"

#include <assert.h>
#include <string.h>

#include "tr_logic.h"

/* Evaluates a show_if rule over the answers: 1 shown, 0 hidden, -1 error (err set). */
static int shown(const cJSON *rule, const cJSON *answers, const char *what, tr_error *err)
{
    if (!rule)
        return 1;
    cJSON *r = tr_logic_apply(rule, answers, err);
    if (!r) {
        tr_error_prefix(err, "show_if of %s", what);
        return -1;
    }
    int t = tr_logic_truthy(r);
    cJSON_Delete(r);
    return t;
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
                cJSON_DeleteItemFromObjectCaseSensitive(a->answers, item->id);
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
    a->answers = cJSON_CreateObject();
    if (!a->answers)
        return tr_error_set(err, TR_E_NOMEM, "out of memory starting the self-assessment");
    tr_status st = rebuild(a, err);
    if (st != TR_OK)
        tu_assess_end(a);
    return st;
}

void tu_assess_end(tu_assess *a)
{
    cJSON_Delete(a->answers);
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

const tu_assess_q *tu_assess_current(const tu_assess *a)
{
    return a->pos < a->n ? &a->seq[a->pos] : NULL;
}

tr_status tu_assess_answer(tu_assess *a, const cJSON *value, tr_error *err)
{
    const tu_assess_q *q = tu_assess_current(a);
    assert(q);
    const tr_item *item = q->item;
    cJSON_DeleteItemFromObjectCaseSensitive(a->answers, item->id);
    if (value) {
        cJSON *copy = cJSON_Duplicate(value, 1);
        if (!copy || !cJSON_AddItemToObject(a->answers, item->id, copy)) {
            cJSON_Delete(copy);
            return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
        }
    }
    tr_status st = rebuild(a, err);
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

void tu_assess_back(tu_assess *a)
{
    if (a->pos > 0)
        a->pos--;
}

const cJSON *tu_assess_get(const tu_assess *a, const char *item_id)
{
    return cJSON_GetObjectItemCaseSensitive(a->answers, item_id);
}

cJSON *tu_assess_grouped(const tu_assess *a)
{
    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    for (int i = 0; i < a->n; i++) {
        const cJSON *v = tu_assess_get(a, a->seq[i].item->id);
        if (!v)
            continue;
        const char *inst = a->seq[i].step->inst->id;
        cJSON *group = cJSON_GetObjectItemCaseSensitive(out, inst);
        if (!group)
            group = cJSON_AddObjectToObject(out, inst);
        cJSON *copy = group ? cJSON_Duplicate(v, 1) : NULL;
        if (!copy || !cJSON_AddItemToObject(group, a->seq[i].item->id, copy)) {
            cJSON_Delete(copy);
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

cJSON *tu_assess_option_value(const tr_option *o)
{
    return o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
}

int tu_assess_option_equals(const tr_option *o, const cJSON *v)
{
    if (!v)
        return 0;
    if (o->is_number)
        return cJSON_IsNumber(v) && v->valuedouble == o->number;
    return cJSON_IsString(v) && strcmp(v->valuestring, o->string) == 0;
}

int tu_assess_option_for_digit(const tr_item *item, int digit)
{
    return digit >= 1 && (size_t)digit <= item->n_options ? digit - 1 : -1;
}
