/* tr_caseload: see tr_caseload.h. */
#include "tr_caseload.h"

#include "tr_care_team.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_content.h"
#include "tr_fhir.h"
#include "tr_json.h"
#include "tr_stats.h"

static const char *str_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int tr_caseload_risk_level(const char *risk)
{
    if (!risk)
        return TR_CASELOAD_RISK_NONE;
    if (strcmp(risk, "acute") == 0)
        return TR_CASELOAD_RISK_ACUTE;
    if (strcmp(risk, "elevated") == 0)
        return TR_CASELOAD_RISK_ELEVATED;
    return TR_CASELOAD_RISK_NONE;
}

/* ---- keys ---------------------------------------------------------------------------------- */

tr_status tr_caseload_init_keys(tr_profile *p, int therapist, const char *name, const char *service,
                                const char *phone, const char *hours, const char *now,
                                tr_error *err)
{
    /* every record is made (and the card's texts checked) before anything is written, so a bad
     * text leaves the profile as it was; a therapist gets its own member keys too, and is its
     * team's first member (core/EXCHANGE.md §8) */
    tr_care_records recs;
    tr_status st = tr_care_init_records(therapist, 0, name, service, phone, hours, now, &recs, err);
    for (size_t i = 0; st == TR_OK && i < recs.n; i++)
        st = tr_profile_append(p, recs.text[i], recs.len[i], err);
    tr_care_records_free(&recs);
    return st;
}

/* ---- risk ---------------------------------------------------------------------------------- */

cJSON *tr_caseload_flags(const tr_content *pack, const cJSON *records)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *rec;
    if (!out)
        return NULL;
    cJSON_ArrayForEach(rec, records)
    {
        cJSON *flag = cJSON_CreateObject();
        const char *ts = str_of(rec, "ts"), *type = str_of(rec, "type");
        if (!flag || !cJSON_AddStringToObject(flag, "ts", ts ? ts : "") ||
            !cJSON_AddStringToObject(flag, "type", type ? type : "")) {
            cJSON_Delete(flag);
            cJSON_Delete(out);
            return NULL;
        }
        if (!tr_care_risk_of((void *)pack, rec, flag)) {
            cJSON_Delete(flag);
            continue;
        }
        /* newest first: the records come oldest first */
        if (!cJSON_InsertItemInArray(out, 0, flag) && !cJSON_AddItemToArray(out, flag)) {
            cJSON_Delete(flag);
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

/* ---- opening a report ---------------------------------------------------------------------- */

/* The "report_header" record of an opened report; NULL when out of memory. */
static char *header_record(const tr_care_open_result *res, const char *now)
{
    static const char *const keep[] = {"created", "from", "to", "shared", "risk", NULL};
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    if (!o || !cJSON_AddStringToObject(o, "type", "report_header") ||
        !cJSON_AddStringToObject(o, "ts", now) ||
        !cJSON_AddStringToObject(o, "client", res->client) ||
        !cJSON_AddStringToObject(o, "report", res->report_id) ||
        !cJSON_AddNumberToObject(o, "seq", (double)res->seq) ||
        !cJSON_AddStringToObject(o, "sender_fingerprint", res->sender_fingerprint) ||
        !cJSON_AddBoolToObject(o, "first", res->first))
        goto done;
    for (int i = 0; keep[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(res->payload, keep[i]);
        cJSON *copy = v ? cJSON_Duplicate(v, 1) : NULL;
        if (v && (!copy || !cJSON_AddItemToObject(o, keep[i], copy))) {
            cJSON_Delete(copy);
            goto done;
        }
    }
    text = cJSON_PrintUnformatted(o);
done:
    cJSON_Delete(o);
    return text;
}

tr_status tr_caseload_open_report(tr_profile *p, const tr_care_state *s, const uint8_t *data,
                                  size_t len, const char *now, tr_care_open_result *res,
                                  tr_error *err)
{
    char **parts = NULL, *header = NULL;
    size_t n_parts = 0;
    tr_status st = tr_care_open(s, data, len, p->name, now, res, err);
    if (st != TR_OK)
        return st;
    /* the shared records first, the log entry last: a crash between them leaves the report
     * unopened, and opening it again adds nothing twice (tr_care_shared drops duplicates) */
    st =
        tr_care_shared_parts(res->client, res->report_id, now, res->payload, &parts, &n_parts, err);
    for (size_t i = 0; st == TR_OK && i < n_parts; i++)
        st = tr_profile_append(p, parts[i], strlen(parts[i]), err);
    if (st == TR_OK && !(header = header_record(res, now)))
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
    if (st == TR_OK)
        st = tr_profile_append(p, header, strlen(header), err);
    if (st == TR_OK && res->device_record)
        st = tr_profile_append(p, res->device_record, strlen(res->device_record), err);
    if (st == TR_OK)
        st = tr_profile_append(p, res->opened_record, strlen(res->opened_record), err);
    tr_care_shared_parts_free(parts, n_parts);
    cJSON_free(header);
    return st;
}

/* ---- assignments --------------------------------------------------------------------------- */

tr_status tr_caseload_assign(tr_profile *p, const tr_care_state *s, const tr_care_assign_opts *o,
                             const char *now, char **file, size_t *len, uint64_t *seq,
                             tr_error *err)
{
    char *rec = NULL;
    cJSON *j = NULL;
    *file = NULL;
    *len = 0;
    *seq = 0;
    tr_status st = tr_care_assign(s, o, now, file, len, &rec, err);
    if (st == TR_OK)
        st = tr_profile_append(p, rec, strlen(rec), err);
    if (st == TR_OK) {
        const cJSON *n = (j = cJSON_Parse(rec)) ? cJSON_GetObjectItemCaseSensitive(j, "seq") : NULL;
        if (cJSON_IsNumber(n) && n->valuedouble >= 1)
            *seq = (uint64_t)n->valuedouble;
        else
            st = tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    if (st != TR_OK) {
        free(*file);
        *file = NULL;
        *len = 0;
    }
    cJSON_Delete(j);
    free(rec);
    return st;
}

/* ---- the walk ------------------------------------------------------------------------------ */

/* Keeps a copy of a "client_records" part under reports[client][report]. */
static tr_status keep_part(tr_caseload *c, const cJSON *json, tr_error *err)
{
    const char *client = str_of(json, "client"), *report = str_of(json, "report");
    const cJSON *records = cJSON_GetObjectItemCaseSensitive(json, "records"), *r;
    cJSON *by, *list;
    if (!client || !report)
        return TR_OK; /* tr_care_shared_visit has judged it */
    if (!c->reports && !(c->reports = cJSON_CreateObject()))
        goto nomem;
    by = cJSON_GetObjectItemCaseSensitive(c->reports, client);
    if (!by && !(by = cJSON_AddObjectToObject(c->reports, client)))
        goto nomem;
    list = cJSON_GetObjectItemCaseSensitive(by, report);
    if (!list && !(list = cJSON_AddArrayToObject(by, report)))
        goto nomem;
    cJSON_ArrayForEach(r, records)
    {
        cJSON *copy = cJSON_IsObject(r) ? cJSON_Duplicate(r, 1) : NULL;
        if (cJSON_IsObject(r) && (!copy || !cJSON_AddItemToArray(list, copy))) {
            cJSON_Delete(copy);
            goto nomem;
        }
    }
    return TR_OK;
nomem:
    return tr_error_set(err, TR_E_NOMEM, "out of memory reading the shared records");
}

tr_status tr_caseload_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    tr_caseload *c = user;
    tr_status st = tr_care_visit(&c->care, rec, err);
    int part = strcmp(rec->type, "client_records") == 0;
    int log = strcmp(rec->type, "report_opened") == 0 || strcmp(rec->type, "report_header") == 0;
    cJSON *json;
    if (st == TR_OK)
        st = tr_care_shared_visit(&c->shared, rec, err);
    if (st != TR_OK || (!part && !log))
        return st;
    json = tr_json_parse(rec->json, rec->json_len, "record", err);
    if (!json || !str_of(json, "client") || !str_of(json, "report")) {
        cJSON_Delete(json);
        return tr_error_set(err, TR_E_CORRUPT,
                            "journal record %" PRIu64 " (%s): no valid \"client\" or \"report\"",
                            rec->seq, rec->type);
    }
    if (part) {
        st = keep_part(c, json, err);
        cJSON_Delete(json);
        return st;
    }
    if (!c->log && !(c->log = cJSON_CreateArray())) {
        cJSON_Delete(json);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    /* the time as the journal read it, for the list */
    cJSON_AddNumberToObject(json, "_t", (double)rec->ts);
    cJSON_AddItemToArray(c->log, json);
    return TR_OK;
}

/* ---- the client list ----------------------------------------------------------------------- */

static tr_caseload_client *slot(tr_caseload *c, const char *id, size_t *cap)
{
    for (size_t i = 0; i < c->n_clients; i++)
        if (strcmp(c->clients[i].id, id) == 0)
            return &c->clients[i];
    if (!tr_exch_id_ok(id))
        return NULL;
    if (c->n_clients == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        tr_caseload_client *grown = realloc(c->clients, ncap * sizeof *grown);
        if (!grown)
            return NULL;
        c->clients = grown;
        *cap = ncap;
    }
    tr_caseload_client *cl = &c->clients[c->n_clients++];
    memset(cl, 0, sizeof *cl);
    snprintf(cl->id, sizeof cl->id, "%s", id);
    return cl;
}

static int by_risk_then_report(const void *a, const void *b)
{
    const tr_caseload_client *x = a, *y = b;
    if (x->risk != y->risk)
        return y->risk - x->risk;
    if (x->last_report != y->last_report)
        return y->last_report > x->last_report ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* The newest report's records, and how many of them no earlier report carried. */
static tr_status latest_of(tr_caseload *c, tr_caseload_client *cl, const char *report,
                           tr_error *err)
{
    const cJSON *by = cJSON_GetObjectItemCaseSensitive(c->reports, cl->id), *list, *r, *old;
    const cJSON *newest = NULL;
    if (!by)
        return TR_OK;
    newest = report ? cJSON_GetObjectItemCaseSensitive(by, report) : NULL;
    if (!newest) /* no log entry (a crash before it): the last part kept */
        cJSON_ArrayForEach(list, by) newest = list;
    if (!newest)
        return TR_OK;
    if (!(cl->latest = cJSON_Duplicate(newest, 1)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    cJSON_ArrayForEach(r, newest)
    {
        int seen = 0;
        cJSON_ArrayForEach(list, by)
        {
            if (list == newest)
                continue;
            cJSON_ArrayForEach(old, list) if (cJSON_Compare(old, r, 1))
            {
                seen = 1;
                break;
            }
            if (seen)
                break;
        }
        if (seen)
            continue;
        cl->n_new++;
        cJSON *copy = cJSON_Duplicate(r, 1);
        if ((!cl->fresh && !(cl->fresh = cJSON_CreateArray())) || !copy ||
            !cJSON_AddItemToArray(cl->fresh, copy)) {
            cJSON_Delete(copy);
            return tr_error_set(err, TR_E_NOMEM, "out of memory");
        }
    }
    return TR_OK;
}

/* A measure record's instrument, total and time; 0 when it has no scored total. */
static int scored(const cJSON *rec, const char **inst, double *total, const char **ts)
{
    const char *type = str_of(rec, "type");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(rec, "total");
    const cJSON *ok = cJSON_GetObjectItemCaseSensitive(rec, "scorable");
    if (!type || strcmp(type, "measure") != 0 || !cJSON_IsNumber(t) || cJSON_IsFalse(ok))
        return 0;
    *inst = str_of(rec, "instrument");
    *ts = str_of(rec, "ts");
    *total = t->valuedouble;
    return *inst && *ts;
}

size_t tr_caseload_changes(const tr_caseload_client *cl, tr_caseload_change *out, size_t max)
{
    const cJSON *r, *o, *fresh = cl ? cl->fresh : NULL;
    size_t n = 0;
    cJSON_ArrayForEach(r, fresh)
    {
        const char *inst, *ts;
        double total;
        size_t k = 0;
        if (!scored(r, &inst, &total, &ts))
            continue;
        while (k < n && strcmp(out[k].instrument, inst) != 0)
            k++;
        if (k == n) {
            if (n == max)
                continue;
            memset(&out[n], 0, sizeof out[n]);
            snprintf(out[n].instrument, sizeof out[n].instrument, "%s", inst);
            out[n].before = -1;
            n++;
        } else if (strcmp(ts, out[k].now_ts) < 0) {
            continue; /* an older new one: the newest counts */
        }
        out[k].now = total;
        snprintf(out[k].now_ts, sizeof out[k].now_ts, "%s", ts);
    }
    /* before: the newest total of the instrument among the records that are not new */
    for (size_t k = 0; k < n; k++) {
        cJSON_ArrayForEach(o, cl->records)
        {
            const char *inst, *ts;
            double total;
            int is_new = 0;
            if (!scored(o, &inst, &total, &ts) || strcmp(inst, out[k].instrument) != 0)
                continue;
            cJSON_ArrayForEach(r, cl->fresh) if (cJSON_Compare(r, o, 1))
            {
                is_new = 1;
                break;
            }
            if (is_new || strcmp(ts, out[k].before_ts) < 0)
                continue;
            out[k].before = total;
            snprintf(out[k].before_ts, sizeof out[k].before_ts, "%s", ts);
        }
    }
    return n;
}

tr_status tr_caseload_finish(tr_caseload *c, const tr_content *pack, tr_error *err)
{
    size_t cap = 0;
    const cJSON *it;
    tr_status st = tr_care_shared_finish(&c->shared, err);
    if (st != TR_OK)
        return st;
    for (size_t i = 0; i < c->care.n_clients; i++) {
        tr_caseload_client *cl = slot(c, c->care.clients[i].id, &cap);
        if (!cl)
            goto nomem;
        cl->last_assign_seq = c->care.clients[i].last_assign_seq;
        cl->has_device = c->care.clients[i].has_device;
        if (cl->has_device)
            tr_fpr_keys(c->care.clients[i].device.pk, 1, cl->device_fingerprint);
    }
    cJSON_ArrayForEach(it, c->shared.by_client)
    {
        tr_caseload_client *cl = slot(c, it->string, &cap);
        if (!cl)
            goto nomem;
        cl->records = it;
    }
    for (size_t i = 0; i < c->n_clients; i++) {
        tr_caseload_client *cl = &c->clients[i];
        const char *last = NULL;
        cJSON_ArrayForEach(it, c->log)
        {
            if (strcmp(str_of(it, "client"), cl->id) != 0)
                continue;
            if (strcmp(str_of(it, "type"), "report_header") == 0) {
                cl->header = it;
                continue;
            }
            cl->n_reports++;
            cl->last_report = (int64_t)cJSON_GetObjectItemCaseSensitive(it, "_t")->valuedouble;
            last = str_of(it, "report");
        }
        if (cl->header && last && strcmp(str_of(cl->header, "report"), last) != 0)
            cl->header = NULL; /* the newest report was opened by an older Trinn */
        if ((st = latest_of(c, cl, last, err)) != TR_OK)
            return st;
        const cJSON *rec;
        cJSON_ArrayForEach(rec, cl->records)
        {
            cJSON *flag = cJSON_CreateObject();
            if (!flag)
                goto nomem;
            if (tr_care_risk_of((void *)pack, rec, flag)) {
                int level = tr_caseload_risk_level(str_of(flag, "risk"));
                if (level > cl->risk)
                    cl->risk = level;
                const char *ts = str_of(rec, "ts");
                int64_t t = 0;
                if (ts && tp_clock_parse(ts, &t) == 0)
                    cl->risk_ts = t;
            }
            cJSON_Delete(flag);
        }
    }
    if (c->n_clients > 1)
        qsort(c->clients, c->n_clients, sizeof *c->clients, by_risk_then_report);
    return TR_OK;
nomem:
    return tr_error_set(err, TR_E_NOMEM, "out of memory building the client list");
}

/* tr_journal_query_each's visitor over tr_caseload_visit. */
typedef struct walk {
    tr_caseload *c;
    tr_error *err;
    tr_status st;
} walk;

static int walk_one(void *user, const tr_journal_record *rec)
{
    walk *w = user;
    w->st = tr_caseload_visit(w->c, rec, w->err);
    return w->st != TR_OK;
}

tr_status tr_caseload_load(tr_journal *j, const tr_content *pack, tr_caseload *c, tr_error *err)
{
    walk w = {c, err, TR_OK};
    memset(c, 0, sizeof *c);
    tr_status st = tr_journal_query_each(j, NULL, walk_one, &w, err);
    if (st == TR_OK && w.st != TR_OK)
        st = w.st;
    if (st == TR_OK)
        st = tr_caseload_finish(c, pack, err);
    if (st != TR_OK)
        tr_caseload_free(c);
    return st;
}

void tr_caseload_free(tr_caseload *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_clients; i++) {
        cJSON_Delete(c->clients[i].latest);
        cJSON_Delete(c->clients[i].fresh);
    }
    free(c->clients);
    tr_care_state_free(&c->care);
    tr_care_shared_free(&c->shared);
    cJSON_Delete(c->log);
    cJSON_Delete(c->reports);
    memset(c, 0, sizeof *c);
}

const tr_caseload_client *tr_caseload_find(const tr_caseload *c, const char *id)
{
    for (size_t i = 0; c && id && i < c->n_clients; i++)
        if (strcmp(c->clients[i].id, id) == 0)
            return &c->clients[i];
    return NULL;
}

/* ---- the note for the patient record ------------------------------------------------------- */

tr_status tr_caseload_summary(const tr_caseload *c, const tr_caseload_client *cl,
                              const tr_content *pack, const char *lang, char **out, tr_error *err)
{
    static const char *const keep[] = {"created", "from", "to", "shared", "risk", NULL};
    const cJSON *h = cl ? cl->header : NULL, *fpr, *first, *seq;
    tr_care_open_result res;
    tr_status st;
    (void)c;
    *out = NULL;
    if (!h)
        return tr_error_set(err, TR_E_NOTFOUND,
                            "the newest report of this client was opened by an older Trinn: "
                            "its note can be made with trinnctl report open --summary");
    memset(&res, 0, sizeof res);
    snprintf(res.client, sizeof res.client, "%s", cl->id);
    snprintf(res.report_id, sizeof res.report_id, "%s", str_of(h, "report"));
    seq = cJSON_GetObjectItemCaseSensitive(h, "seq");
    res.seq = cJSON_IsNumber(seq) && seq->valuedouble > 0 ? (uint64_t)seq->valuedouble : 0;
    fpr = cJSON_GetObjectItemCaseSensitive(h, "sender_fingerprint");
    snprintf(res.sender_fingerprint, sizeof res.sender_fingerprint, "%s",
             cJSON_IsString(fpr) ? fpr->valuestring : "");
    first = cJSON_GetObjectItemCaseSensitive(h, "first");
    res.first = cJSON_IsTrue(first);
    if (!(res.payload = cJSON_CreateObject()))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    for (int i = 0; keep[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(h, keep[i]);
        if (v && !cJSON_AddItemToObject(res.payload, keep[i], cJSON_Duplicate(v, 1)))
            goto nomem;
    }
    if (!cJSON_AddItemToObject(res.payload, "records",
                               cl->latest ? cJSON_Duplicate(cl->latest, 1) : cJSON_CreateArray()))
        goto nomem;
    st = tr_care_summary(pack, lang, &res, out, err);
    cJSON_Delete(res.payload);
    return st;
nomem:
    cJSON_Delete(res.payload);
    return tr_error_set(err, TR_E_NOMEM, "out of memory");
}

/* ---- the team's numbers -------------------------------------------------------------------- */

tr_status tr_caseload_feed(const tr_care_state *care, const tr_care_shared *sh, const char *client,
                           tr_fhir_export *ex, size_t *n, tr_error *err)
{
    const cJSON *list, *rec;
    char key[TR_FPR_TEXT + TR_EXCH_ID_MAX + 8];
    *n = 0;
    cJSON_ArrayForEach(list, sh->by_client)
    {
        uint64_t seq = 0;
        if (client && strcmp(client, list->string) != 0)
            continue;
        snprintf(key, sizeof key, "%s/%s", care->has_card ? care->card.fingerprint : "",
                 list->string);
        tr_fhir_export_next_client(ex, key);
        const cJSON *id = tr_care_shared_identifier_of(sh, list->string);
        tr_status st;
        if (id && (st = tr_fhir_export_identify(
                       ex, cJSON_GetObjectItemCaseSensitive(id, "system")->valuestring,
                       cJSON_GetObjectItemCaseSensitive(id, "value")->valuestring, err)) != TR_OK)
            return st;
        cJSON_ArrayForEach(rec, list)
        {
            char *text = cJSON_PrintUnformatted(rec);
            st = text ? tr_fhir_export_feed(ex, ++seq, text, strlen(text), err)
                      : tr_error_set(err, TR_E_NOMEM, "out of memory");
            cJSON_free(text);
            if (st != TR_OK)
                return st;
        }
        (*n)++;
    }
    if (client && *n == 0)
        return tr_error_set(err, TR_E_NOTFOUND,
                            "the team has no records from client '%s' (only reports it has "
                            "opened count)",
                            client);
    return TR_OK;
}

/* Adds the resources of one type of ex to s, as the NDJSON a file would hold. */
static tr_status add_type(tr_stats *s, const tr_fhir_export *ex, const char *type, tr_error *err)
{
    size_t len = 0;
    char *text = tr_fhir_export_ndjson(ex, type, &len);
    tr_status st;
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    st = tr_stats_add_ndjson(s, type, text, len, "the team's journal", err);
    free(text);
    return st;
}

/* Gives each reference figure of out the "label" ({lang: text}) stats.json has for it, so a
 * screen can name the source in the reader's language. 0, or -1 when out of memory. */
static int add_labels(cJSON *out, const cJSON *reference)
{
    const cJSON *g, *rate, *ref;
    cJSON *e;
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(out, "groups"))
    {
        cJSON_ArrayForEach(rate, cJSON_GetObjectItemCaseSensitive(g, "rates"))
        {
            cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(rate, "reference"))
            {
                const char *source = str_of(e, "source");
                cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(reference, "reference"))
                {
                    const cJSON *label = cJSON_GetObjectItemCaseSensitive(ref, "label");
                    const char *name = str_of(ref, "rate"), *src = str_of(ref, "source");
                    if (!cJSON_IsObject(label) || !name || !src || !source ||
                        strcmp(name, rate->string) != 0 || strcmp(src, source) != 0)
                        continue;
                    cJSON *copy = cJSON_Duplicate(label, 1);
                    if (!copy || !cJSON_AddItemToObject(e, "label", copy)) {
                        cJSON_Delete(copy);
                        return -1;
                    }
                    break;
                }
            }
        }
    }
    return 0;
}

tr_status tr_caseload_stats(const tr_caseload *c, const tr_content *pack, const char *content_dir,
                            cJSON **out, tr_error *err)
{
    tr_stats_setup setup;
    tr_stats *s = NULL;
    tr_fhir_map *map = NULL;
    tr_fhir_export *ex = NULL;
    size_t n = 0;
    tr_status st;
    const char *team = c->care.has_card && c->care.card.service[0] ? c->care.card.service : NULL;
    *out = NULL;
    memset(&setup, 0, sizeof setup);
    if ((st = tr_stats_setup_load(pack, content_dir, TR_STATS_QUARTER, &setup, err)) ||
        (st = tr_stats_make(&setup.desc, &s, err)) || (st = tr_fhir_map_load(pack, &map, err)) ||
        (st = tr_fhir_export_make(&(tr_fhir_desc){.pack = pack, .map = map, .team = team}, &ex,
                                  err)) ||
        (st = tr_caseload_feed(&c->care, &c->shared, NULL, ex, &n, err)) ||
        (st = add_type(s, ex, "Organization", err)) || (st = add_type(s, ex, "Observation", err)) ||
        (st = tr_stats_compute(s, err)))
        goto done;
    if (!(*out = tr_stats_to_json(s, setup.reference, 1)) || add_labels(*out, setup.reference)) {
        cJSON_Delete(*out);
        *out = NULL;
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
done:
    tr_fhir_export_destroy(ex);
    tr_fhir_map_free(map);
    tr_stats_destroy(s);
    tr_stats_setup_free(&setup);
    return st;
}
