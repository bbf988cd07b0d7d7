/* tr_caseload_team: see tr_caseload_team.h. */
#include "tr_caseload_team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_care_log.h"
#include "tr_json.h"

tr_status tr_caseload_team_keep(tr_profile *p, tr_care_state *s, const tr_care_records *recs,
                                tr_error *err)
{
    for (size_t i = 0; i < recs->n; i++) {
        tr_status st = tr_profile_append(p, recs->text[i], recs->len[i], err);
        if (st == TR_OK)
            st = tr_care_apply_text(s, recs->text[i], err);
        if (st != TR_OK)
            return st;
    }
    return TR_OK;
}

tr_status tr_caseload_team_upgrade(tr_profile *p, tr_care_state *s, const char *now, tr_error *err)
{
    tr_care_records recs = {0};
    tr_status st = tr_care_team_upgrade(s, p->name, now, &recs, err);
    if (st == TR_OK)
        st = tr_caseload_team_keep(p, s, &recs, err);
    tr_care_records_free(&recs);
    return st;
}

tr_status tr_caseload_member_card(const tr_profile *p, const tr_care_state *s, tr_team_member *m,
                                  char **text, tr_error *err)
{
    cJSON *j;
    char *out;
    *text = NULL;
    tr_status st = tr_care_member_card(s, p->name, m, err);
    if (st != TR_OK)
        return st;
    j = tr_team_member_json(m, 1);
    out = j ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    if (!out)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    *text = strdup(out);
    cJSON_free(out);
    return *text ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory");
}

tr_status tr_caseload_member_read(const uint8_t *data, size_t len, tr_team_member *m, tr_error *err)
{
    tr_error perr = {0};
    cJSON *j = tr_json_parse((const char *)data, len, "member card", &perr);
    if (!j)
        return tr_error_set(err, TR_E_INVALID, "not a Trinn member card (%s)", perr.msg);
    tr_status st = tr_team_member_parse(j, 1, m, err);
    cJSON_Delete(j);
    return st;
}

tr_status tr_caseload_enrol(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                            const char *trust, const char *now, tr_care_enrol_result *res,
                            tr_error *err)
{
    tr_team_member m;
    memset(res, 0, sizeof *res);
    tr_status st = tr_caseload_member_read(data, len, &m, err);
    if (st != TR_OK)
        return st;
    cJSON *card = tr_json_parse((const char *)data, len, "member card", err);
    if (!card)
        return TR_E_INVALID;
    st = tr_care_enrol(s, p->name, card, trust, now, res, err);
    cJSON_Delete(card);
    /* the roster first: a member is never enrolled without being listed */
    if (st == TR_OK)
        st = tr_caseload_team_keep(p, s, &res->records, err);
    return st;
}

tr_status tr_caseload_join(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                           const char *trust, const char *now, tr_care_join_result *res,
                           tr_error *err)
{
    tr_status st = tr_care_join(s, data, len, trust, now, res, err);
    if (st == TR_OK && !res->needs_trust)
        st = tr_caseload_team_keep(p, s, &res->records, err);
    return st;
}

tr_status tr_caseload_remove(tr_profile *p, tr_care_state *s, const char *who, const char *now,
                             tr_team_member *gone, tr_error *err)
{
    tr_care_records recs = {0};
    tr_status st = tr_care_remove(s, p->name, who, now, gone, &recs, err);
    if (st == TR_OK)
        st = tr_caseload_team_keep(p, s, &recs, err);
    tr_care_records_free(&recs);
    return st;
}

tr_status tr_caseload_rotate(tr_profile *p, tr_care_state *s, const char *now,
                             tr_care_rotate_result *res, tr_error *err)
{
    tr_status st = tr_care_rotate(s, p->name, now, res, err);
    if (st == TR_OK)
        st = tr_caseload_team_keep(p, s, &res->records, err);
    return st;
}

tr_status tr_caseload_restore(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                              const tr_age_pass *recovery, const char *now,
                              char fingerprint[TR_FPR_TEXT], tr_error *err)
{
    tr_care_records recs = {0};
    tr_status st = tr_care_restore(s, data, len, recovery, p->name, now, &recs, fingerprint, err);
    if (st == TR_OK)
        st = tr_caseload_team_keep(p, s, &recs, err);
    tr_care_records_free(&recs);
    return st;
}

/* The log's visitor for tr_journal_query_each, which takes no error. */
typedef struct log_walk {
    tr_care_log log;
    tr_error err;
} log_walk;

static int log_record(void *user, const tr_journal_record *rec)
{
    log_walk *w = user;
    return tr_care_log_visit(&w->log, rec, &w->err) != TR_OK;
}

static void copy_str(char *dst, size_t size, const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    snprintf(dst, size, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

tr_status tr_caseload_log_read(tr_profile *p, tr_caseload_log *log, tr_error *err)
{
    log_walk w = {0};
    const cJSON *e;
    tr_status st = TR_OK;
    memset(log, 0, sizeof *log);
    if (tr_journal_query_each(p->j, NULL, log_record, &w, err) != TR_OK || w.err.msg[0]) {
        if (w.err.msg[0] && err)
            *err = w.err;
        st = err && err->status ? err->status : TR_E_CORRUPT;
        goto done;
    }
    size_t n = (size_t)cJSON_GetArraySize(w.log.entries);
    if (n && !(log->entries = calloc(n, sizeof *log->entries))) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        goto done;
    }
    cJSON_ArrayForEach(e, w.log.entries)
    {
        tr_caseload_log_entry *o = &log->entries[log->n++];
        const cJSON *seq = cJSON_GetObjectItemCaseSensitive(e, "seq");
        copy_str(o->ts, sizeof o->ts, e, "ts");
        copy_str(o->event, sizeof o->event, e, "event");
        copy_str(o->report, sizeof o->report, e, "report");
        copy_str(o->client, sizeof o->client, e, "client");
        copy_str(o->member, sizeof o->member, e, "member");
        copy_str(o->by, sizeof o->by, e, "by");
        o->seq = cJSON_IsNumber(seq) && seq->valuedouble >= 0 ? (uint64_t)seq->valuedouble : 0;
    }
done:
    tr_care_log_free(&w.log);
    if (st != TR_OK)
        tr_caseload_log_free(log);
    return st;
}

void tr_caseload_log_free(tr_caseload_log *log)
{
    if (!log)
        return;
    free(log->entries);
    log->entries = NULL;
    log->n = 0;
}
