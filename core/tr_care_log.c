/* tr_care_log: see tr_care_log.h. */
#include "tr_care_log.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_exch.h"
#include "tr_json.h"

static const char *str_field(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

tr_status tr_care_log_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    tr_care_log *log = user;
    const char *report, *client, *by, *ts;
    const cJSON *seq;
    cJSON *json = NULL, *e = NULL;
    if (strcmp(rec->type, "report_opened") != 0)
        return TR_OK;
    if (!log->entries && !(log->entries = cJSON_CreateArray()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    json = tr_json_parse(rec->json, rec->json_len, "record", err);
    if (!json)
        goto corrupt;
    report = str_field(json, "report");
    client = str_field(json, "client");
    by = str_field(json, "by");
    ts = str_field(json, "ts");
    seq = cJSON_GetObjectItemCaseSensitive(json, "seq");
    if (!tr_exch_id_ok(report) || !client || !by || !ts || !cJSON_IsNumber(seq)) {
        tr_error_set(err, TR_E_INVALID, "no valid \"report\", \"client\", \"seq\" or \"by\"");
        goto corrupt;
    }
    e = cJSON_CreateObject();
    if (!e || !cJSON_AddStringToObject(e, "ts", ts) ||
        !cJSON_AddStringToObject(e, "event", "report_opened") ||
        !cJSON_AddStringToObject(e, "report", report) ||
        !cJSON_AddStringToObject(e, "client", client) ||
        !cJSON_AddNumberToObject(e, "seq", seq->valuedouble) ||
        !cJSON_AddStringToObject(e, "by", by) || !cJSON_AddItemToArray(log->entries, e)) {
        cJSON_Delete(e);
        cJSON_Delete(json);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_Delete(json);
    return TR_OK;
corrupt:
    cJSON_Delete(json);
    tr_error_prefix(err, "journal record %" PRIu64 " (report_opened)", rec->seq);
    return TR_E_CORRUPT;
}

char *tr_care_log_text(const tr_care_log *log)
{
    size_t cap = 1, len = 0;
    const cJSON *e;
    char *out;
    cJSON_ArrayForEach(e, log->entries) cap +=
        160 + strlen(str_field(e, "by")) + strlen(str_field(e, "client"));
    out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = 0;
    cJSON_ArrayForEach(e, log->entries)
    {
        len += (size_t)snprintf(
            out + len, cap - len, "%s  opened report %s of client %s (number %.0f) by %s\n",
            str_field(e, "ts"), str_field(e, "report"), str_field(e, "client"),
            cJSON_GetObjectItemCaseSensitive(e, "seq")->valuedouble, str_field(e, "by"));
    }
    return out;
}

void tr_care_log_free(tr_care_log *log)
{
    if (!log)
        return;
    cJSON_Delete(log->entries);
    log->entries = NULL;
}
