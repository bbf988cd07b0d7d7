/* trinnctl spool: the team's side of the kiosk hand-ins (issue 15, tr_kiosk.h).
 *
 *   trinnctl --data-dir D spool open DIR --profile NAME --passphrase-file F [--json]
 *
 * Opens every DIR/NAME.trinn-rapport with the team keys of the therapist profile NAME: each must
 * open with the team's key, be signed for it, come from a kiosk this team enrolled (trinnctl
 * kiosk enrol) and not revoked, and be a kiosk hand-in (client id kiosk-<date>-<code>). An
 * accepted hand-in is imported into the profile as a client of its own (its records and the
 * log of the opening, each appended durably) and only then is its file removed. Prints a
 * table (reference code, time, risk, recommendation, chosen level, scores), or JSON with
 * --json; every refused file is named on stderr with its reason, left where it is, and makes
 * the exit status 1. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_care.h"
#include "tp_clock.h"
#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_caseload.h"
#include "tr_kiosk.h"

static tr_status enrolled_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    return tr_kiosk_enrolled_visit(user, rec, err);
}

static int enrolled_each(void *user, const tr_journal_record *rec)
{
    return enrolled_visit(user, rec, NULL) != TR_OK;
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

static const char *str_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* One row of the listing from an opened hand-in. */
static cJSON *row_of(const char *file, const tr_care_open_result *res)
{
    char ref[TR_KIOSK_REF_LEN + 1] = "", shown[TR_KIOSK_REF_SHOWN];
    const cJSON *a = assessment_of(res->payload), *sc;
    tr_kiosk_client_ref(res->client, ref);
    tr_kiosk_ref_show(ref, shown);
    cJSON *r = cJSON_CreateObject(), *scores = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "reference", shown);
    cJSON_AddStringToObject(r, "client", res->client);
    cJSON_AddStringToObject(r, "time", str_of(res->payload, "created"));
    cJSON_AddStringToObject(r, "risk", a ? str_of(a, "risk") : "");
    cJSON_AddStringToObject(r, "recommended", a ? str_of(a, "recommended") : "");
    cJSON_AddStringToObject(r, "chosen", a ? str_of(a, "chosen") : "");
    cJSON_ArrayForEach(sc, cJSON_GetObjectItemCaseSensitive(a, "scores"))
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(sc, "total");
        if (cJSON_IsNumber(t))
            cJSON_AddNumberToObject(scores, sc->string, t->valuedouble);
    }
    cJSON_AddItemToObject(r, "scores", scores);
    cJSON_AddStringToObject(r, "report", res->report_id);
    cJSON_AddStringToObject(r, "device_fingerprint", res->sender_fingerprint);
    cJSON_AddStringToObject(r, "file", file);
    return r;
}

/* A refusal: stderr and the JSON list. */
static void refuse(cJSON *refused, const char *file, const char *why, const char *msg)
{
    fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", file, why, msg);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "file", file);
    cJSON_AddStringToObject(r, "why", why);
    cJSON_AddStringToObject(r, "message", msg);
    cJSON_AddItemToArray(refused, r);
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

/* Opens, checks and imports one spool file; returns 1 when imported (the row in `opened`), 0
 * when refused (in `refused`), -1 when the journal could not be written (stop). */
static int one(tr_profile *p, const tr_care_state *s, const tr_kiosk_enrolled *en, const char *path,
               const char *name, cJSON *opened, cJSON *refused)
{
    tr_care_open_result res = {0};
    tr_error err = {0};
    char now[32], *data = NULL, msg[1600];
    size_t len = 0;
    int rc = 0, state;
    if (tp_fs_read_file(path, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        refuse(refused, name, "unreadable", "cannot read it, or it is larger than any hand-in");
        return 0;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_care_open(s, (uint8_t *)data, len, p->name, now, &res, &err) != TR_OK) {
        if (res.why == TR_EXCH_REPLAYED && already_imported(s, (uint8_t *)data, len)) {
            /* imported by an earlier spool open that could not remove it (a crash between the
             * import and the removal): the journal holds it, so the file can go now */
            fprintf(stderr, "trinnctl: %s: imported before; the file is removed now\n", name);
            remove(path);
            goto done;
        }
        const char *words = why_words(res.why);
        snprintf(msg, sizeof msg, "%s%s%s", words ? words : err.msg, words ? ": " : "",
                 words ? err.msg : "");
        refuse(refused, name, tr_exch_why_name(res.why), msg);
        goto done;
    }
    if (!tr_kiosk_client_ref(res.client, NULL)) {
        refuse(refused, name, "not_kiosk",
               "a client's report, not a kiosk hand-in: open it with trinnctl report open");
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
        refuse(refused, name, state == 2 ? "revoked_kiosk" : "foreign_kiosk", msg);
        goto done;
    }
    /* verified and from an enrolled kiosk: kept in the journal as report open keeps a report
     * (its records, its header, the device pin, last the log of the opening), each appended
     * durably; only then does the file go */
    rc = -1;
    tr_care_open_free(&res);
    if (tr_caseload_open_report(p, s, (uint8_t *)data, len, now, &res, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    cJSON_AddItemToArray(opened, row_of(name, &res));
    if (remove(path) != 0)
        fprintf(stderr,
                "trinnctl: %s: imported, but the file could not be removed; remove it by hand "
                "(opening it again is refused as replayed)\n",
                name);
    rc = 1;
done:
    tr_care_open_free(&res);
    free(data);
    return rc;
}

static void print_table(const cJSON *opened)
{
    const cJSON *r;
    printf("%-9s %-20s %-9s %-16s %-16s %s\n", "CODE", "TIME", "RISK", "RECOMMENDED", "CHOSEN",
           "SCORES");
    cJSON_ArrayForEach(r, opened)
    {
        char scores[256] = "";
        const cJSON *sc;
        cJSON_ArrayForEach(sc, cJSON_GetObjectItemCaseSensitive(r, "scores"))
        {
            size_t n = strlen(scores);
            snprintf(scores + n, sizeof scores - n, "%s%s %g", n ? ", " : "", sc->string,
                     sc->valuedouble);
        }
        printf("%-9s %-20s %-9s %-16s %-16s %s\n", str_of(r, "reference"), str_of(r, "time"),
               str_of(r, "risk"), str_of(r, "recommended"), str_of(r, "chosen"), scores);
    }
}

static int cmd_open(const ctl_ctx *ctx, const char *dir, const ctl_care_opts *o, int json)
{
    tr_profile p;
    tr_care_state s;
    tr_kiosk_enrolled en = {0};
    tr_error err = {0};
    char **names = NULL;
    size_t n = 0;
    int rc;
    if (!tp_fs_is_dir(dir)) {
        fprintf(stderr, "trinnctl: %s: not a folder (give the kiosk's spool folder)\n", dir);
        return CTL_EXIT_FAIL;
    }
    if (tp_dir_list(dir, ".trinn-rapport", &names, &n) != 0) {
        fprintf(stderr, "trinnctl: %s: cannot list the folder\n", dir);
        return CTL_EXIT_FAIL;
    }
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0) {
        tp_dir_names_free(names, n);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    if (tr_journal_query_each(p.j, NULL, enrolled_each, &en, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    cJSON *out = cJSON_CreateObject();
    cJSON *opened = cJSON_AddArrayToObject(out, "opened");
    cJSON *refused = cJSON_AddArrayToObject(out, "refused");
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char path[TP_PATH_MAX];
        if (tp_path_join(path, sizeof path, dir, names[i]) != 0)
            continue;
        int r = one(&p, &s, &en, path, names[i], opened, refused);
        if (r < 0) {
            cJSON_Delete(out);
            goto done;
        }
        bad |= r == 0;
    }
    fprintf(stderr, "trinnctl: %d hand-in(s) imported into %s, %d refused\n",
            cJSON_GetArraySize(opened), p.name, cJSON_GetArraySize(refused));
    if (json) {
        rc = ctl_print_json(out);
    } else {
        print_table(opened);
        cJSON_Delete(out);
        rc = fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
    }
    if (rc == CTL_EXIT_OK && bad)
        rc = CTL_EXIT_FAIL;
done:
    ctl_care_close(&p, &s);
    tp_dir_names_free(names, n);
    return rc;
}

int ctl_cmd_spool(ctl_ctx *ctx, int argc, char **argv)
{
    ctl_care_opts o = {0};
    char *rest[32];
    int n = 0, json = 0, rc;
    if (argc < 3 || strcmp(argv[1], "open") != 0)
        return ctl_usage("usage: trinnctl spool open DIR --profile NAME [--passphrase-file F] "
                         "[--json]");
    for (int i = 0; i < argc && n < 32; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else
            rest[n++] = argv[i];
    }
    if ((rc = ctl_care_parse(n, rest, 2, &o)) != 0)
        return rc;
    if (!o.file)
        return ctl_usage("spool open: give the spool folder");
    return cmd_open(ctx, o.file, &o, json);
}
