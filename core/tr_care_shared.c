/* tr_care_shared: see tr_care_shared.h. */
#include "tr_care_shared.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tr_exch.h"
#include "tr_json.h"
#include "tr_nin.h"

void tr_care_shared_parts_free(char **parts, size_t n)
{
    for (size_t i = 0; parts && i < n; i++)
        cJSON_free(parts[i]);
    free(parts);
}

/* A new, empty "client_records" part. */
static cJSON *part_new(const char *client, const char *report, const char *now, size_t part,
                       cJSON **records)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "type", "client_records") ||
        !cJSON_AddStringToObject(o, "ts", now) || !cJSON_AddStringToObject(o, "client", client) ||
        !cJSON_AddStringToObject(o, "report", report) ||
        !cJSON_AddNumberToObject(o, "part", (double)part) ||
        !(*records = cJSON_AddArrayToObject(o, "records"))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Prints part into the list; 0, or -1 when out of memory (part is freed either way). */
static int part_close(cJSON *part, char ***parts, size_t *n)
{
    char *text = cJSON_PrintUnformatted(part);
    char **grown = text ? realloc(*parts, (*n + 1) * sizeof **parts) : NULL;
    cJSON_Delete(part);
    if (!grown) {
        cJSON_free(text);
        return -1;
    }
    *parts = grown;
    (*parts)[(*n)++] = text;
    return 0;
}

tr_status tr_care_shared_parts(const char *client, const char *report, const char *now,
                               const cJSON *payload, char ***out, size_t *n, tr_error *err)
{
    const cJSON *records = cJSON_GetObjectItemCaseSensitive(payload, "records"), *r;
    cJSON *part = NULL, *list = NULL;
    size_t used = 0, overhead = 160 + strlen(client) + strlen(report) + strlen(now);
    char **parts = NULL;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    cJSON_ArrayForEach(r, records)
    {
        char *text = cJSON_PrintUnformatted(r);
        size_t len = text ? strlen(text) : 0;
        cJSON *copy = text ? cJSON_Parse(text) : NULL;
        cJSON_free(text);
        if (!copy)
            goto nomem;
        if (overhead + len + 1 > TR_CARE_SHARED_PART) {
            cJSON_Delete(copy);
            cJSON_Delete(part);
            tr_care_shared_parts_free(parts, k);
            return tr_error_set(err, TR_E_INVALID,
                                "a shared record of %zu bytes is larger than the team's journal "
                                "keeps in one record (%zu)",
                                len, TR_CARE_SHARED_PART);
        }
        if (part && used + len + 1 > TR_CARE_SHARED_PART) {
            if (part_close(part, &parts, &k) != 0) {
                part = NULL;
                cJSON_Delete(copy);
                goto nomem;
            }
            part = NULL;
        }
        if (!part) {
            if (!(part = part_new(client, report, now, k + 1, &list))) {
                cJSON_Delete(copy);
                goto nomem;
            }
            used = overhead;
        }
        cJSON_AddItemToArray(list, copy);
        used += len + 1;
    }
    if (part && part_close(part, &parts, &k) != 0) {
        part = NULL;
        goto nomem;
    }
    *out = parts;
    *n = k;
    return TR_OK;
nomem:
    cJSON_Delete(part);
    tr_care_shared_parts_free(parts, k);
    return tr_error_set(err, TR_E_NOMEM, "out of memory keeping the shared records");
}

tr_status tr_care_shared_identifier(const char *client, const char *nin, const char *now,
                                    char **out, tr_error *err)
{
    tr_nin_kind kind = TR_NIN_FNR;
    int removing = strcmp(nin, "none") == 0;
    cJSON *o;
    *out = NULL;
    if (!tr_exch_id_ok(client))
        return tr_error_set(err, TR_E_INVALID, "'%s' is no client id", client);
    if (!removing && tr_nin_check(nin, &kind, err) != TR_OK)
        return err->status;
    o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "type", "client_identifier") ||
        !cJSON_AddStringToObject(o, "ts", now) || !cJSON_AddStringToObject(o, "client", client) ||
        !cJSON_AddStringToObject(o, "system", removing ? "" : tr_nin_system(kind)) ||
        !cJSON_AddStringToObject(o, "value", removing ? "" : nin) ||
        !(*out = cJSON_PrintUnformatted(o))) {
        cJSON_Delete(o);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_Delete(o);
    return TR_OK;
}

const cJSON *tr_care_shared_identifier_of(const tr_care_shared *s, const char *client)
{
    return cJSON_GetObjectItemCaseSensitive(s->identifiers, client);
}

/* A "client_identifier": the newest one of a client wins; an empty value removes it. */
static tr_status visit_identifier(tr_care_shared *s, const tr_journal_record *rec, tr_error *err)
{
    cJSON *json = tr_json_parse(rec->json, rec->json_len, "record", err), *id;
    const cJSON *client = cJSON_GetObjectItemCaseSensitive(json, "client");
    const cJSON *system = cJSON_GetObjectItemCaseSensitive(json, "system");
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(json, "value");
    if (!json || !cJSON_IsString(client) || !tr_exch_id_ok(client->valuestring) ||
        !cJSON_IsString(system) || !cJSON_IsString(value)) {
        cJSON_Delete(json);
        tr_error_set(err, TR_E_CORRUPT,
                     "journal record %" PRIu64 " (client_identifier): no valid \"client\", "
                     "\"system\" or \"value\"",
                     rec->seq);
        return TR_E_CORRUPT;
    }
    if (!s->identifiers && !(s->identifiers = cJSON_CreateObject()))
        goto nomem;
    cJSON_DeleteItemFromObjectCaseSensitive(s->identifiers, client->valuestring);
    if (value->valuestring[0]) {
        if (!(id = cJSON_AddObjectToObject(s->identifiers, client->valuestring)) ||
            !cJSON_AddStringToObject(id, "system", system->valuestring) ||
            !cJSON_AddStringToObject(id, "value", value->valuestring))
            goto nomem;
    }
    cJSON_Delete(json);
    return TR_OK;
nomem:
    cJSON_Delete(json);
    return tr_error_set(err, TR_E_NOMEM, "out of memory reading the shared records");
}

tr_status tr_care_shared_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    tr_care_shared *s = user;
    const cJSON *client, *records;
    cJSON *json, *list, *r;
    if (strcmp(rec->type, "client_identifier") == 0)
        return visit_identifier(s, rec, err);
    if (strcmp(rec->type, "client_records") != 0)
        return TR_OK;
    json = tr_json_parse(rec->json, rec->json_len, "record", err);
    client = cJSON_GetObjectItemCaseSensitive(json, "client");
    records = cJSON_GetObjectItemCaseSensitive(json, "records");
    if (!json || !cJSON_IsString(client) || !tr_exch_id_ok(client->valuestring) ||
        !cJSON_IsArray(records)) {
        cJSON_Delete(json);
        tr_error_set(err, TR_E_CORRUPT,
                     "journal record %" PRIu64 " (client_records): no valid \"client\" or "
                     "\"records\"",
                     rec->seq);
        return TR_E_CORRUPT;
    }
    if (!s->by_client && !(s->by_client = cJSON_CreateObject()))
        goto nomem;
    list = cJSON_GetObjectItemCaseSensitive(s->by_client, client->valuestring);
    if (!list && !(list = cJSON_AddArrayToObject(s->by_client, client->valuestring)))
        goto nomem;
    while ((r = cJSON_DetachItemFromArray((cJSON *)records, 0))) {
        if (!cJSON_IsObject(r)) {
            cJSON_Delete(r);
            continue;
        }
        cJSON_AddItemToArray(list, r);
        s->n_records++;
    }
    cJSON_Delete(json);
    return TR_OK;
nomem:
    cJSON_Delete(json);
    return tr_error_set(err, TR_E_NOMEM, "out of memory reading the shared records");
}

typedef struct keyed {
    const char *ts;
    char *text;
    cJSON *rec;
} keyed;

static int by_ts_then_text(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->ts, y->ts);
    return c ? c : strcmp(x->text, y->text);
}

/* Sorts one client's list and drops exact duplicates; 0 or -1 (out of memory). */
static int tidy(cJSON *list)
{
    size_t n = (size_t)cJSON_GetArraySize(list), k = 0;
    keyed *all = n ? calloc(n, sizeof *all) : NULL;
    cJSON *r;
    int rc = -1;
    if (n && !all)
        return -1;
    while ((r = cJSON_DetachItemFromArray(list, 0))) {
        const cJSON *ts = cJSON_GetObjectItemCaseSensitive(r, "ts");
        all[k].ts = cJSON_IsString(ts) ? ts->valuestring : "";
        all[k].rec = r;
        if (!(all[k++].text = cJSON_PrintUnformatted(r)))
            goto done;
    }
    qsort(all, k, sizeof *all, by_ts_then_text);
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && strcmp(all[i].text, all[i - 1].text) == 0)
            cJSON_Delete(all[i].rec);
        else
            cJSON_AddItemToArray(list, all[i].rec);
        all[i].rec = NULL;
    }
    rc = 0;
done:
    for (size_t i = 0; i < k; i++) {
        cJSON_free(all[i].text);
        cJSON_Delete(all[i].rec);
    }
    free(all);
    return rc;
}

tr_status tr_care_shared_finish(tr_care_shared *s, tr_error *err)
{
    cJSON *list;
    cJSON_ArrayForEach(list, s->by_client)
    {
        if (tidy(list) != 0)
            return tr_error_set(err, TR_E_NOMEM, "out of memory sorting the shared records");
    }
    return TR_OK;
}

void tr_care_shared_free(tr_care_shared *s)
{
    cJSON_Delete(s->by_client);
    cJSON_Delete(s->identifiers);
    memset(s, 0, sizeof *s);
}
