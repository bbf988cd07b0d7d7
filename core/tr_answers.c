/* tr_answers: a questionnaire's answers object, changed and read by item and option
 * (tr_answers.h). */
#include "tr_answers.h"

#include <string.h>

#include "tr_logic.h"

cJSON *tr_answers_make(void)
{
    return cJSON_CreateObject();
}

void tr_answers_free(cJSON *answers)
{
    cJSON_Delete(answers);
}

static tr_status bad_args(const cJSON *answers, const char *item_id, tr_error *err)
{
    if (!cJSON_IsObject(answers) || !item_id || !item_id[0])
        return tr_error_set(err, TR_E_INVALID, "no answers or no question to answer");
    return TR_OK;
}

/* Puts copy (taken over; NULL = remove) as item_id's answer. */
static tr_status put(cJSON *answers, const char *item_id, cJSON *copy, tr_error *err)
{
    cJSON_DeleteItemFromObjectCaseSensitive(answers, item_id);
    if (copy && !cJSON_AddItemToObject(answers, item_id, copy)) {
        cJSON_Delete(copy);
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
    }
    return TR_OK;
}

tr_status tr_answers_set(cJSON *answers, const char *item_id, const cJSON *value, tr_error *err)
{
    tr_status st = bad_args(answers, item_id, err);
    if (st != TR_OK)
        return st;
    cJSON *copy = NULL;
    if (value && !(copy = cJSON_Duplicate(value, 1)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
    return put(answers, item_id, copy, err);
}

static cJSON *option_value(const tr_option *o)
{
    return o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
}

tr_status tr_answers_set_option(cJSON *answers, const char *item_id, const tr_option *o,
                                tr_error *err)
{
    tr_status st = bad_args(answers, item_id, err);
    if (st != TR_OK)
        return st;
    cJSON *copy = NULL;
    if (o && !(copy = option_value(o)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
    return put(answers, item_id, copy, err);
}

tr_status tr_answers_set_chosen(cJSON *answers, const tr_item *item, uint64_t chosen, tr_error *err)
{
    tr_status st = bad_args(answers, item ? item->id : NULL, err);
    if (st != TR_OK)
        return st;
    cJSON *arr = cJSON_CreateArray();
    if (!arr)
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
    for (size_t i = 0; i < item->n_options && i < 64; i++)
        if ((chosen >> i) & 1 && !cJSON_AddItemToArray(arr, option_value(&item->options[i]))) {
            cJSON_Delete(arr);
            return tr_error_set(err, TR_E_NOMEM, "out of memory saving an answer");
        }
    if (!arr->child) { /* nothing ticked: as skipped */
        cJSON_Delete(arr);
        arr = NULL;
    }
    return put(answers, item->id, arr, err);
}

tr_status tr_answers_renew(cJSON *answers, const char *item_id, tr_error *err)
{
    tr_status st = bad_args(answers, item_id, err);
    if (st != TR_OK)
        return st;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, item_id);
    return v ? tr_answers_set(answers, item_id, v, err) : TR_OK;
}

void tr_answers_remove(cJSON *answers, const char *item_id)
{
    if (cJSON_IsObject(answers) && item_id)
        cJSON_DeleteItemFromObjectCaseSensitive(answers, item_id);
}

bool tr_answers_has(const cJSON *answers, const char *item_id)
{
    return cJSON_IsObject(answers) && item_id &&
           cJSON_GetObjectItemCaseSensitive(answers, item_id) != NULL;
}

bool tr_answers_any(const cJSON *answers)
{
    return cJSON_IsObject(answers) && answers->child;
}

static bool equals(const tr_option *o, const cJSON *v)
{
    if (!v || !o)
        return false;
    if (o->is_number)
        return cJSON_IsNumber(v) && v->valuedouble == o->number;
    return cJSON_IsString(v) && o->string && strcmp(v->valuestring, o->string) == 0;
}

bool tr_answers_holds(const cJSON *answers, const char *item_id, const tr_option *o)
{
    if (!cJSON_IsObject(answers) || !item_id)
        return false;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, item_id), *e;
    if (!cJSON_IsArray(v))
        return equals(o, v);
    cJSON_ArrayForEach(e, v) if (equals(o, e)) return true;
    return false;
}

uint64_t tr_answers_chosen(const cJSON *answers, const tr_item *item)
{
    uint64_t sel = 0;
    const cJSON *v = item && cJSON_IsObject(answers)
                         ? cJSON_GetObjectItemCaseSensitive(answers, item->id)
                         : NULL;
    for (size_t i = 0; cJSON_IsArray(v) && i < item->n_options && i < 64; i++) {
        const cJSON *e;
        cJSON_ArrayForEach(e, v) if (equals(&item->options[i], e)) sel |= (uint64_t)1 << i;
    }
    return sel;
}

int tr_answers_show(const cJSON *rule, const cJSON *answers, const char *what, tr_error *err)
{
    if (!rule)
        return 1;
    cJSON *r = tr_logic_apply(rule, answers, err);
    if (!r) {
        tr_error_prefix(err, "show_if of %s", what ? what : "?");
        return -1;
    }
    int t = tr_logic_truthy(r);
    cJSON_Delete(r);
    return t;
}

tr_status tr_answers_group(cJSON *grouped, const char *inst_id, const cJSON *answers,
                           const char *item_id, tr_error *err)
{
    if (!cJSON_IsObject(grouped) || !inst_id || !item_id)
        return tr_error_set(err, TR_E_INVALID, "nothing to group the answers in");
    const cJSON *v =
        cJSON_IsObject(answers) ? cJSON_GetObjectItemCaseSensitive(answers, item_id) : NULL;
    if (!v)
        return TR_OK;
    cJSON *group = cJSON_GetObjectItemCaseSensitive(grouped, inst_id);
    if (!group)
        group = cJSON_AddObjectToObject(grouped, inst_id);
    cJSON *copy = group ? cJSON_Duplicate(v, 1) : NULL;
    if (!copy || !cJSON_AddItemToObject(group, item_id, copy)) {
        cJSON_Delete(copy);
        return tr_error_set(err, TR_E_NOMEM, "out of memory grouping the answers");
    }
    return TR_OK;
}
