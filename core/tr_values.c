/* tr_values: typed values of a module entry over the JSON the records hold (tr_values.h).
 *
 * A tr_values is a cJSON object and a tr_value a cJSON item; the two names keep JSON out of
 * the screens, which only ever see these functions. */
#include "tr_values.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "tr_values_priv.h"

cJSON *tr_values_json(tr_values *v)
{
    return (cJSON *)v;
}

const cJSON *tr_values_cjson(const tr_values *v)
{
    return (const cJSON *)v;
}

const tr_values *tr_values_of_json(const cJSON *obj)
{
    return cJSON_IsObject(obj) ? (const tr_values *)obj : NULL;
}

tr_values *tr_values_adopt(cJSON *obj)
{
    return (tr_values *)obj;
}

const tr_value *tr_value_of_json(const cJSON *item)
{
    return (const tr_value *)item;
}

const cJSON *tr_value_cjson(const tr_value *v)
{
    return (const cJSON *)v;
}

tr_values *tr_values_make(void)
{
    return (tr_values *)cJSON_CreateObject();
}

tr_values *tr_values_copy(const tr_values *v)
{
    return v ? (tr_values *)cJSON_Duplicate(tr_values_cjson(v), 1) : tr_values_make();
}

void tr_values_destroy(tr_values *v)
{
    cJSON_Delete(tr_values_json(v));
}

const tr_value *tr_values_get(const tr_values *v, const char *id)
{
    const cJSON *o = tr_values_cjson(v);
    if (!cJSON_IsObject(o) || !id)
        return NULL;
    return tr_value_of_json(cJSON_GetObjectItemCaseSensitive(o, id));
}

bool tr_values_has(const tr_values *v, const char *id)
{
    const cJSON *j = tr_value_cjson(tr_values_get(v, id));
    return j && !cJSON_IsNull(j);
}

tr_value_kind tr_value_kind_of(const tr_value *v)
{
    const cJSON *j = tr_value_cjson(v);
    if (cJSON_IsString(j) && j->valuestring)
        return TR_VALUE_TEXT;
    if (cJSON_IsNumber(j) && isfinite(j->valuedouble))
        return TR_VALUE_NUMBER;
    if (cJSON_IsBool(j))
        return TR_VALUE_BOOL;
    if (cJSON_IsArray(j))
        return TR_VALUE_LIST;
    return TR_VALUE_NONE;
}

const char *tr_value_text(const tr_value *v)
{
    return tr_value_kind_of(v) == TR_VALUE_TEXT ? tr_value_cjson(v)->valuestring : NULL;
}

bool tr_value_number(const tr_value *v, double *out)
{
    if (tr_value_kind_of(v) != TR_VALUE_NUMBER)
        return false;
    *out = tr_value_cjson(v)->valuedouble;
    return true;
}

bool tr_value_is_true(const tr_value *v)
{
    return cJSON_IsTrue(tr_value_cjson(v));
}

size_t tr_value_count(const tr_value *v)
{
    const cJSON *j = tr_value_cjson(v);
    return cJSON_IsArray(j) ? (size_t)cJSON_GetArraySize(j) : 0;
}

static const cJSON *item_at(const tr_value *v, size_t i)
{
    const cJSON *j = tr_value_cjson(v);
    if (!cJSON_IsArray(j))
        return NULL;
    const cJSON *it = j->child;
    while (it && i-- > 0)
        it = it->next;
    return it;
}

const char *tr_value_text_at(const tr_value *v, size_t i)
{
    const cJSON *it = item_at(v, i);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

const tr_values *tr_value_row(const tr_value *v, size_t i)
{
    return tr_values_of_json(item_at(v, i));
}

bool tr_value_has_text(const tr_value *v, const char *s)
{
    const cJSON *it, *j = tr_value_cjson(v);
    if (!cJSON_IsArray(j) || !s)
        return false;
    cJSON_ArrayForEach(it,
                       j) if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0) return true;
    return false;
}

bool tr_value_same(const tr_value *a, const tr_value *b)
{
    const cJSON *x = tr_value_cjson(a), *y = tr_value_cjson(b);
    bool nx = !x || cJSON_IsNull(x), ny = !y || cJSON_IsNull(y);
    if (nx || ny)
        return nx && ny;
    return cJSON_Compare(x, y, 1);
}

/* ---- changing ---------------------------------------------------------------------------- */

static tr_status check_id(const tr_values *v, const char *id, tr_error *err)
{
    if (!cJSON_IsObject(tr_values_cjson(v)) || !id) {
        tr_error_set(err, TR_E_INVALID, "no values or no field id to change");
        return TR_E_INVALID;
    }
    size_t n = strlen(id);
    if (n == 0 || n > TR_VALUES_ID_MAX) {
        tr_error_set(err, TR_E_INVALID, "field id \"%.64s\" is empty or longer than %d bytes", id,
                     TR_VALUES_ID_MAX);
        return TR_E_INVALID;
    }
    return TR_OK;
}

/* Puts item (taken over) as field id of v, replacing what was there. */
static tr_status put(tr_values *v, const char *id, cJSON *item, tr_error *err)
{
    cJSON *o = tr_values_json(v);
    if (!item) {
        tr_error_set(err, TR_E_NOMEM, "out of memory saving field %s", id);
        return TR_E_NOMEM;
    }
    if (cJSON_GetObjectItemCaseSensitive(o, id)) {
        if (!cJSON_ReplaceItemInObjectCaseSensitive(o, id, item)) {
            cJSON_Delete(item);
            tr_error_set(err, TR_E_NOMEM, "out of memory saving field %s", id);
            return TR_E_NOMEM;
        }
    } else if (!cJSON_AddItemToObject(o, id, item)) {
        cJSON_Delete(item);
        tr_error_set(err, TR_E_NOMEM, "out of memory saving field %s", id);
        return TR_E_NOMEM;
    }
    return TR_OK;
}

tr_status tr_values_set_text(tr_values *v, const char *id, const char *text, tr_error *err)
{
    tr_status st = check_id(v, id, err);
    if (st != TR_OK)
        return st;
    if (!text || strlen(text) > TR_VALUES_TEXT_MAX) {
        tr_error_set(err, TR_E_INVALID, "field %s: %s", id,
                     text ? "the text is longer than the journal keeps" : "no text");
        return TR_E_INVALID;
    }
    return put(v, id, cJSON_CreateString(text), err);
}

tr_status tr_values_set_number(tr_values *v, const char *id, double d, tr_error *err)
{
    tr_status st = check_id(v, id, err);
    if (st != TR_OK)
        return st;
    if (!isfinite(d)) {
        tr_error_set(err, TR_E_INVALID, "field %s: not a finite number", id);
        return TR_E_INVALID;
    }
    return put(v, id, cJSON_CreateNumber(d), err);
}

tr_status tr_values_set_bool(tr_values *v, const char *id, bool on, tr_error *err)
{
    tr_status st = check_id(v, id, err);
    return st != TR_OK ? st : put(v, id, cJSON_CreateBool(on), err);
}

void tr_values_clear(tr_values *v, const char *id)
{
    if (cJSON_IsObject(tr_values_cjson(v)) && id)
        cJSON_DeleteItemFromObjectCaseSensitive(tr_values_json(v), id);
}

tr_status tr_values_set_choice(tr_values *v, const char *id, const char *text, bool on,
                               tr_error *err)
{
    tr_status st = check_id(v, id, err);
    if (st != TR_OK)
        return st;
    if (!text || strlen(text) > TR_VALUES_TEXT_MAX) {
        tr_error_set(err, TR_E_INVALID, "field %s: no choice, or one longer than the journal keeps",
                     id);
        return TR_E_INVALID;
    }
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(tr_values_cjson(v), id), *it;
    cJSON *arr = cJSON_CreateArray();
    bool ok = arr != NULL;
    cJSON_ArrayForEach(it, old) if (ok && cJSON_IsString(it) && strcmp(it->valuestring, text) != 0)
        ok = cJSON_AddItemToArray(arr, cJSON_CreateString(it->valuestring));
    if (ok && on)
        ok = cJSON_AddItemToArray(arr, cJSON_CreateString(text));
    if (!ok) {
        cJSON_Delete(arr);
        tr_error_set(err, TR_E_NOMEM, "out of memory saving field %s", id);
        return TR_E_NOMEM;
    }
    return put(v, id, arr, err);
}

size_t tr_values_row_count(const tr_values *v, const char *id)
{
    return tr_value_count(tr_values_get(v, id));
}

tr_values *tr_values_row_edit(tr_values *v, const char *id, size_t i)
{
    return (tr_values *)tr_value_row(tr_values_get(v, id), i);
}

tr_status tr_values_add_row(tr_values *v, const char *id, tr_error *err)
{
    tr_status st = check_id(v, id, err);
    if (st != TR_OK)
        return st;
    cJSON *rows = cJSON_GetObjectItemCaseSensitive(tr_values_json(v), id);
    if (!cJSON_IsArray(rows)) {
        st = put(v, id, cJSON_CreateArray(), err);
        if (st != TR_OK)
            return st;
        rows = cJSON_GetObjectItemCaseSensitive(tr_values_json(v), id);
    }
    if (!cJSON_AddItemToArray(rows, cJSON_CreateObject())) {
        tr_error_set(err, TR_E_NOMEM, "out of memory adding a row to %s", id);
        return TR_E_NOMEM;
    }
    return TR_OK;
}

void tr_values_remove_row(tr_values *v, const char *id, size_t i)
{
    cJSON *rows = cJSON_GetObjectItemCaseSensitive(tr_values_json(v), id);
    if (cJSON_IsArray(rows) && i < (size_t)cJSON_GetArraySize(rows))
        cJSON_DeleteItemFromArray(rows, (int)i);
}
