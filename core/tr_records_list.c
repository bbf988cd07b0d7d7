/* tr_records_list: the profile's records as one packed list (tr_records_list.h). */
#include "tr_records_list.h"

#include <string.h>

#include "tr_records_pack.h"

cJSON *tr_records_list_make(void)
{
    return cJSON_CreateArray();
}

void tr_records_list_free(cJSON *list)
{
    cJSON_Delete(list);
}

size_t tr_records_list_count(const cJSON *list)
{
    return cJSON_IsArray(list) ? (size_t)cJSON_GetArraySize(list) : 0;
}

const cJSON *tr_records_list_at(const cJSON *list, size_t i)
{
    if (!cJSON_IsArray(list))
        return NULL;
    const cJSON *rec = list->child;
    while (rec && i-- > 0)
        rec = rec->next;
    return rec;
}

const cJSON *tr_records_list_newest(const cJSON *list)
{
    /* cJSON keeps the first item's prev at the last one (its appends rely on it) */
    return cJSON_IsArray(list) && list->child ? list->child->prev : NULL;
}

const cJSON *tr_records_list_older(const cJSON *list, const cJSON *rec)
{
    return cJSON_IsArray(list) && rec && rec != list->child ? rec->prev : NULL;
}

tr_status tr_records_list_add(cJSON *list, cJSON *rec, tr_error *err)
{
    if (!cJSON_IsArray(list) || !cJSON_IsObject(rec)) {
        cJSON_Delete(rec);
        return tr_error_set(err, TR_E_INVALID, "no record list, or a record that is not one");
    }
    cJSON *packed = tr_records_pack(rec);
    if (!cJSON_AddItemToArray(list, packed)) {
        cJSON_Delete(packed);
        return tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
    }
    return TR_OK;
}

const char *tr_records_type(const cJSON *rec)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(rec, "type");
    return cJSON_IsString(t) ? t->valuestring : "";
}

const cJSON *tr_records_newest(const cJSON *list, const char *type)
{
    const cJSON *rec, *found = NULL;
    if (!type)
        return NULL;
    cJSON_ArrayForEach(rec, list) if (strcmp(tr_records_type(rec), type) == 0) found = rec;
    return found;
}
