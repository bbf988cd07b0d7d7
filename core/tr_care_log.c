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

/* The log's name of a roster change, or NULL for one it does not know. */
static const char *roster_event(const char *change)
{
    static const char *const names[][2] = {
        {"create", "team_created"}, {"enrol", "member_enrolled"}, {"remove", "member_removed"},
        {"join", "team_joined"},    {"rotate", "key_rotated"},    {"restore", "key_restored"}};
    for (size_t i = 0; change && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(change, names[i][0]) == 0)
            return names[i][1];
    return NULL;
}

/* A "team_roster" record as a log entry {ts, event, member, by}. */
static tr_status roster_entry(tr_care_log *log, const cJSON *json, tr_error *err)
{
    const char *event = roster_event(str_field(json, "change")), *ts = str_field(json, "ts");
    const char *member = str_field(json, "member"), *by = str_field(json, "by");
    cJSON *e;
    if (!event || !ts || !member || !by)
        return tr_error_set(err, TR_E_INVALID, "no valid \"change\", \"member\" or \"by\"");
    e = cJSON_CreateObject();
    if (!e || !cJSON_AddStringToObject(e, "ts", ts) ||
        !cJSON_AddStringToObject(e, "event", event) ||
        !cJSON_AddStringToObject(e, "member", member) || !cJSON_AddStringToObject(e, "by", by) ||
        !cJSON_AddItemToArray(log->entries, e)) {
        cJSON_Delete(e);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    return TR_OK;
}

tr_status tr_care_log_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    tr_care_log *log = user;
    const char *report, *client, *by, *ts;
    const cJSON *seq;
    cJSON *json = NULL, *e = NULL;
    int roster = strcmp(rec->type, "team_roster") == 0;
    if (strcmp(rec->type, "report_opened") != 0 && !roster)
        return TR_OK;
    if (!log->entries && !(log->entries = cJSON_CreateArray()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    json = tr_json_parse(rec->json, rec->json_len, "record", err);
    if (!json)
        goto corrupt;
    if (roster) {
        tr_status st = roster_entry(log, json, err);
        cJSON_Delete(json);
        if (st == TR_E_INVALID)
            return tr_error_prefix(err, "journal record %" PRIu64 " (team_roster)", rec->seq),
                   TR_E_CORRUPT;
        return st;
    }
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
    cJSON_ArrayForEach(e, log->entries)
    {
        const char *who = str_field(e, "client") ? str_field(e, "client") : str_field(e, "member");
        cap += 160 + strlen(str_field(e, "by")) + strlen(who);
    }
    out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = 0;
    cJSON_ArrayForEach(e, log->entries)
    {
        if (!str_field(e, "report")) /* a change of the team's members or key */
            len += (size_t)snprintf(out + len, cap - len, "%s  %s%s%s by %s\n", str_field(e, "ts"),
                                    str_field(e, "event"),
                                    str_field(e, "member")[0] ? ": member " : "",
                                    str_field(e, "member"), str_field(e, "by"));
        else
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
