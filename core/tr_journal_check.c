/* tr_journal_check: the deep check of one authentic record's JSON text (tr_journal.h). */
#include <stdio.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_journal.h"
#include "tr_json.h"

tr_status tr_journal_record_check(const tr_journal_record *rec, tr_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "record %llu", (unsigned long long)rec->seq);
    tr_error perr = {0};
    cJSON *root = tr_json_parse(rec->json, rec->json_len, name, &perr);
    if (!root)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s (byte offset %llu) is authentic but its text is not valid JSON: "
                            "%s",
                            name, (unsigned long long)rec->off, perr.msg);
    const char *why = NULL;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(root, "ts");
    int64_t when = 0;
    if (!cJSON_IsObject(root))
        why = "it is not a JSON object";
    else if (!cJSON_IsString(type))
        why = "it has no string \"type\"";
    else if (strcmp(type->valuestring, rec->type) != 0)
        why = "its \"type\" differs from the type stored with the record";
    else if (!cJSON_IsString(ts) || tp_clock_parse(ts->valuestring, &when) != 0)
        why = "it has no ISO 8601 \"ts\"";
    else if (when != rec->ts)
        why = "its \"ts\" differs from the time stored with the record";
    cJSON_Delete(root);
    if (why)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s (byte offset %llu) is authentic but not a valid record: %s", name,
                            (unsigned long long)rec->off, why);
    return TR_OK;
}
