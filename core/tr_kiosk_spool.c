/* tr_kiosk_spool: opening a kiosk's spool folder into a therapist profile (tr_kiosk_spool.h). */
#include "tr_kiosk_spool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_caseload.h"
#include "tr_journal.h"
#include "tr_secret.h"

static int enrolled_each(void *user, const tr_journal_record *rec)
{
    return tr_kiosk_enrolled_visit(user, rec, NULL) != TR_OK;
}

tr_status tr_kiosk_enrolled_read(tr_profile *p, tr_kiosk_enrolled *out, tr_error *err)
{
    memset(out, 0, sizeof *out);
    return tr_journal_query_each(p->j, NULL, enrolled_each, out, err);
}

/* The hand-in's one assessment record, or NULL. */
static const cJSON *assessment_of(const cJSON *payload)
{
    const cJSON *rec;
    cJSON_ArrayForEach(rec, cJSON_GetObjectItemCaseSensitive(payload, "records"))
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(rec, "type");
        if (cJSON_IsString(t) && strcmp(t->valuestring, "assessment") == 0)
            return rec;
    }
    return NULL;
}

static void copy_str(char *dst, size_t size, const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    snprintf(dst, size, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

/* The row of an opened hand-in. */
static void fill_row(tr_kiosk_row *r, const tr_care_open_result *res)
{
    char ref[TR_KIOSK_REF_LEN + 1] = "";
    const cJSON *a = assessment_of(res->payload), *sc;
    tr_kiosk_client_ref(res->client, ref);
    tr_kiosk_ref_show(ref, r->reference);
    snprintf(r->client, sizeof r->client, "%s", res->client);
    snprintf(r->report, sizeof r->report, "%s", res->report_id);
    snprintf(r->device, sizeof r->device, "%s", res->sender_fingerprint);
    copy_str(r->time, sizeof r->time, res->payload, "created");
    copy_str(r->risk, sizeof r->risk, a, "risk");
    copy_str(r->recommended, sizeof r->recommended, a, "recommended");
    copy_str(r->chosen, sizeof r->chosen, a, "chosen");
    cJSON_ArrayForEach(sc, cJSON_GetObjectItemCaseSensitive(a, "scores"))
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(sc, "total");
        if (!cJSON_IsNumber(t) || r->n_scores == TR_KIOSK_ROW_SCORES || !sc->string)
            continue;
        snprintf(r->scores[r->n_scores].inst, sizeof r->scores[0].inst, "%s", sc->string);
        r->scores[r->n_scores++].total = t->valuedouble;
    }
}

static void refuse(tr_kiosk_row *r, const char *why, const char *msg, const char *detail)
{
    r->state = TR_KIOSK_ROW_REFUSED;
    snprintf(r->why, sizeof r->why, "%s", why);
    snprintf(r->msg, sizeof r->msg, "%s", msg);
    snprintf(r->detail, sizeof r->detail, "%s", detail ? detail : "");
}

/* The words for the team of why a hand-in file was refused. */
static const char *why_words(tr_exch_why why)
{
    switch (why) {
    case TR_EXCH_ALTERED:
        return "the file was changed after the kiosk sealed it (tampered or damaged)";
    case TR_EXCH_TRUNCATED:
        return "the file is cut short (copied before the kiosk finished, or damaged)";
    case TR_EXCH_NOT_FOR_US:
        return "the file is sealed to another team's key, not to this team";
    case TR_EXCH_FORWARDED:
        return "the file was signed for another team and sealed again to this one";
    case TR_EXCH_UNSIGNED:
        return "the file opens with this team's key but holds no signed hand-in";
    default:
        return NULL;
    }
}

/* 1 when data is a kiosk hand-in this team already imported: sealed to it, and its client (one
 * per hand-in) holds a device pinned to the same signer and a report at least as new. */
static int already_imported(const tr_care_state *s, const uint8_t *data, size_t len)
{
    tr_exch_expect any = {0};
    tr_exch_info info;
    tr_error err = {0};
    int done = 0;
    if (tr_exch_rapport_read(&s->keys.box, data, len, &any, &info, &err) != TR_OK)
        return 0;
    for (size_t i = 0; tr_kiosk_client_ref(info.client, NULL) && i < s->n_clients; i++) {
        const tr_care_client *c = &s->clients[i];
        if (strcmp(c->id, info.client) == 0 && c->has_device &&
            memcmp(&c->device, &info.signer, sizeof c->device) == 0 &&
            c->last_report_seq >= info.seq)
            done = 1;
    }
    tr_exch_info_free(&info);
    return done;
}

/* Opens, checks and imports one spool file into r. TR_OK whatever became of the file; an error
 * only when the journal could not be written (stop). */
static tr_status one(tr_profile *p, const tr_care_state *s, const tr_kiosk_enrolled *en,
                     const char *path, const char *now, tr_kiosk_row *r, tr_error *err)
{
    tr_care_open_result res = {0};
    tr_error e = {0};
    char *data = NULL, msg[1600];
    size_t len = 0;
    int state;
    tr_status st = TR_OK;
    if (tp_fs_read_file(path, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        refuse(r, "unreadable", "cannot read it, or it is larger than any hand-in", NULL);
        return TR_OK;
    }
    if (tr_care_open(s, (uint8_t *)data, len, p->name, now, &res, &e) != TR_OK) {
        if (res.why == TR_EXCH_REPLAYED && already_imported(s, (uint8_t *)data, len)) {
            /* the journal holds it: the file can go now */
            r->state = TR_KIOSK_ROW_BEFORE;
            r->kept = remove(path) != 0;
            goto done;
        }
        const char *words = why_words(res.why);
        snprintf(msg, sizeof msg, "%s%s%s", words ? words : e.msg, words ? ": " : "",
                 words ? e.msg : "");
        refuse(r, tr_exch_why_name(res.why), msg, words ? e.msg : NULL);
        goto done;
    }
    if (!tr_kiosk_client_ref(res.client, NULL)) {
        refuse(r, "not_kiosk",
               "a client's report, not a kiosk hand-in: open it as a report (trinnctl report "
               "open, or «Åpne rapport»)",
               NULL);
        goto done;
    }
    state = tr_kiosk_enrolled_state(en, res.sender_fingerprint);
    if (state != 1) {
        snprintf(msg, sizeof msg,
                 state == 2 ? "signed by a kiosk whose key this team revoked (device fingerprint "
                              "%s): a stolen or retired kiosk's key, or a forgery made with it"
                            : "signed by a device this team has not enrolled as a kiosk (device "
                              "fingerprint %s): if it is your kiosk, enrol it with trinnctl kiosk "
                              "enrol; otherwise it is not from your waiting room",
                 res.sender_fingerprint);
        refuse(r, state == 2 ? "revoked_kiosk" : "foreign_kiosk", msg, NULL);
        goto done;
    }
    /* verified and from an enrolled kiosk: kept in the journal as a report is (its records, its
     * header, the device pin, last the log of the opening), each appended durably; only then
     * does the file go */
    tr_care_open_free(&res);
    st = tr_caseload_open_report(p, s, (uint8_t *)data, len, now, &res, err);
    if (st != TR_OK) {
        if (res.why != TR_EXCH_OK) { /* refused after all (cannot happen after tr_care_open) */
            refuse(r, tr_exch_why_name(res.why), err->msg, NULL);
            st = TR_OK;
        }
        goto done;
    }
    r->state = TR_KIOSK_ROW_OPENED;
    fill_row(r, &res);
    r->kept = remove(path) != 0;
done:
    tr_care_open_free(&res);
    if (data) {
        tr_secret_wipe(data, len); /* sealed, but the journal's plaintext passed through it */
        free(data);
    }
    return st;
}

tr_status tr_kiosk_spool_open(tr_profile *p, const tr_care_state *s, const char *dir,
                              const char *now, tr_kiosk_spool_list *out, tr_error *err)
{
    tr_kiosk_enrolled en;
    char **names = NULL;
    size_t n = 0;
    tr_status st;
    memset(out, 0, sizeof *out);
    if (!tp_fs_is_dir(dir))
        return tr_error_set(err, TR_E_NOTFOUND, "%s: not a folder (give the kiosk's spool folder)",
                            dir);
    if (tp_dir_list(dir, ".trinn-rapport", &names, &n) != 0)
        return tr_error_set(err, TR_E_IO, "%s: cannot list the folder", dir);
    if ((st = tr_kiosk_enrolled_read(p, &en, err)) != TR_OK)
        goto fail;
    if (n && !(out->rows = calloc(n, sizeof *out->rows))) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        char path[TP_PATH_MAX];
        tr_kiosk_row *r = &out->rows[out->n];
        if (tp_path_join(path, sizeof path, dir, names[i]) != 0)
            continue;
        snprintf(r->file, sizeof r->file, "%s", names[i]);
        out->n++;
        if ((st = one(p, s, &en, path, now, r, err)) != TR_OK) {
            out->n--; /* the file stays; the rows before are what happened */
            memset(r, 0, sizeof *r);
            goto fail;
        }
        out->n_opened += r->state == TR_KIOSK_ROW_OPENED;
        out->n_before += r->state == TR_KIOSK_ROW_BEFORE;
        out->n_refused += r->state == TR_KIOSK_ROW_REFUSED;
    }
fail:
    tp_dir_names_free(names, n);
    return st;
}

void tr_kiosk_spool_list_free(tr_kiosk_spool_list *l)
{
    if (!l)
        return;
    if (l->rows) {
        tr_secret_wipe(l->rows, l->n * sizeof *l->rows);
        free(l->rows);
    }
    memset(l, 0, sizeof *l);
}
