/* tr_content_answers: answers grouped by instrument <-> one flat object keyed by item id. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "tr_content.h"

/* Merges src's members into flat; an item already there must have the same answer. */
static tr_status merge(cJSON *flat, const cJSON *src, const char *inst_id, tr_error *err)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, src)
    {
        const cJSON *have = cJSON_GetObjectItemCaseSensitive(flat, e->string);
        cJSON *copy;
        if (have) {
            if (cJSON_Compare(have, e, 1))
                continue;
            return tr_error_set(err, TR_E_INVALID,
                                "%s: item '%s' is answered twice with different answers", inst_id,
                                e->string);
        }
        copy = cJSON_Duplicate(e, 1);
        if (!copy || !cJSON_AddItemToObject(flat, e->string, copy)) {
            cJSON_Delete(copy);
            return tr_error_set(err, TR_E_NOMEM, "out of memory");
        }
    }
    return TR_OK;
}

tr_status tr_content_answers_flatten(const tr_content *pack, const cJSON *by_inst, cJSON **flat,
                                     tr_error *err)
{
    const cJSON *e;
    cJSON *out, *part = NULL;
    tr_status st = TR_OK;

    assert(pack && flat);
    *flat = NULL;
    if (!cJSON_IsObject(by_inst))
        return tr_error_set(err, TR_E_INVALID,
                            "answers must be an object of instrument id -> answers, e.g. "
                            "{\"phq9\": [0, 1, 2, ...], \"intake\": {\"age_band\": 25}}");
    if (!(out = cJSON_CreateObject()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    cJSON_ArrayForEach(e, by_inst)
    {
        const tr_inst *inst = tr_content_find_inst(pack, e->string);
        const cJSON *a;
        if (!inst) {
            st = tr_error_set(err, TR_E_INVALID,
                              "answers: unknown instrument '%.60s' (see 'trinnctl check' for the "
                              "pack's instruments)",
                              e->string);
            goto fail;
        }
        if (cJSON_IsNull(e))
            continue;
        if (cJSON_IsArray(e)) {
            if ((st = tr_inst_answers_from_array(inst, e, &part, err)) != TR_OK)
                goto fail;
        } else if (cJSON_IsObject(e)) {
            cJSON_ArrayForEach(a, e)
            {
                if (!tr_inst_find_item(inst, a->string)) {
                    st = tr_error_set(err, TR_E_INVALID, "%s: unknown item '%.60s'", inst->id,
                                      a->string);
                    goto fail;
                }
            }
            if ((st = tr_inst_check_answers(inst, e, err)) != TR_OK)
                goto fail;
            if (!(part = cJSON_CreateObject())) {
                st = tr_error_set(err, TR_E_NOMEM, "out of memory");
                goto fail;
            }
            cJSON_ArrayForEach(a, e)
            {
                cJSON *copy;
                if (cJSON_IsNull(a))
                    continue;
                copy = cJSON_Duplicate(a, 1);
                if (!copy || !cJSON_AddItemToObject(part, a->string, copy)) {
                    cJSON_Delete(copy);
                    st = tr_error_set(err, TR_E_NOMEM, "out of memory");
                    goto fail;
                }
            }
        } else {
            st = tr_error_set(err, TR_E_INVALID,
                              "%s: answers must be an array in item order or an object of item "
                              "id -> answer",
                              inst->id);
            goto fail;
        }
        if ((st = merge(out, part, inst->id, err)) != TR_OK)
            goto fail;
        cJSON_Delete(part);
        part = NULL;
    }
    *flat = out;
    return TR_OK;
fail:
    cJSON_Delete(part);
    cJSON_Delete(out);
    return st;
}

cJSON *tr_content_answers_group(const tr_content *pack, const cJSON *flat)
{
    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    for (size_t i = 0; i < pack->n_insts; i++) {
        const tr_inst *inst = pack->insts[i];
        const tr_inst *parent = inst->parent ? tr_content_find_inst(pack, inst->parent) : NULL;
        cJSON *group = NULL;
        for (size_t k = 0; k < inst->n_items; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(flat, inst->items[k].id);
            cJSON *copy;
            /* an item reused from the parent is stored with the parent (AUDIT-C's under
             * "auditc"), the ones an instrument adds under its own id (AUDIT's 4-10) */
            if (!v || cJSON_IsNull(v) || (parent && tr_inst_find_item(parent, inst->items[k].id)))
                continue;
            if (!group && !(group = cJSON_AddObjectToObject(out, inst->id)))
                goto fail;
            copy = cJSON_Duplicate(v, 1);
            if (!copy || !cJSON_AddItemToObject(group, inst->items[k].id, copy)) {
                cJSON_Delete(copy);
                goto fail;
            }
        }
    }
    return out;
fail:
    cJSON_Delete(out);
    return NULL;
}
