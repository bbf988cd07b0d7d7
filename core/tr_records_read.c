/* tr_records_read: see tr_records_read.h. */
#include "tr_records_read.h"

#include <string.h>

tr_status tr_records_reader_begin(tr_records_reader *rd, tr_error *err)
{
    memset(rd, 0, sizeof *rd);
    rd->arr = cJSON_CreateArray();
    return rd->arr ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
}

tr_status tr_records_reader_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    tr_records_reader *rd = user;
    /* rec->json is NUL-terminated: passing the NUL makes cJSON refuse trailing bytes */
    cJSON *item = cJSON_ParseWithLengthOpts(rec->json, rec->json_len + 1, NULL, 1);
    if (!item)
        return tr_error_set(err, TR_E_CORRUPT,
                            "journal record %llu is not readable JSON (or memory ran out); "
                            "run 'trinnctl journal verify' on the profile's file",
                            (unsigned long long)rec->seq);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(item, "ts");
    if (!cJSON_IsObject(item) || !cJSON_IsString(type) || strcmp(type->valuestring, rec->type) ||
        !cJSON_IsString(ts)) {
        cJSON_Delete(item);
        return tr_error_set(err, TR_E_CORRUPT,
                            "journal record %llu is not an object with the string \"type\" and "
                            "\"ts\" its framing names (core/RECORDS.md)",
                            (unsigned long long)rec->seq);
    }
    if (tr_keep_add(&rd->keep, rd->arr, item) != 0)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal's records");
    return TR_OK;
}

tr_status tr_records_reader_add_text(tr_records_reader *rd, const char *json, size_t len,
                                     tr_error *err)
{
    cJSON *item = json ? cJSON_ParseWithLength(json, len) : NULL;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(item, "ts");
    if (!cJSON_IsObject(item) || !cJSON_IsString(type) || !cJSON_IsString(ts)) {
        cJSON_Delete(item);
        return tr_error_set(err, TR_E_PARSE,
                            "a record that is not one JSON object with the string \"type\" and "
                            "\"ts\" (core/RECORDS.md), or memory ran out");
    }
    if (tr_keep_add(&rd->keep, rd->arr, item) != 0)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the records");
    return TR_OK;
}

cJSON *tr_records_reader_end(tr_records_reader *rd, int ok)
{
    cJSON *arr = rd->arr;
    if (ok)
        tr_keep_finish(&rd->keep, arr);
    tr_keep_free(&rd->keep);
    if (!ok) {
        cJSON_Delete(arr); /* verification failed: what was visited is not trusted */
        arr = NULL;
    }
    memset(rd, 0, sizeof *rd);
    return arr;
}
