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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_care.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_kiosk_spool.h"

/* One row of the listing (the JSON's "opened"). */
static cJSON *row_json(const tr_kiosk_row *row)
{
    cJSON *r = cJSON_CreateObject(), *scores = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "reference", row->reference);
    cJSON_AddStringToObject(r, "client", row->client);
    cJSON_AddStringToObject(r, "time", row->time);
    cJSON_AddStringToObject(r, "risk", row->risk);
    cJSON_AddStringToObject(r, "recommended", row->recommended);
    cJSON_AddStringToObject(r, "chosen", row->chosen);
    for (size_t i = 0; i < row->n_scores; i++)
        cJSON_AddNumberToObject(scores, row->scores[i].inst, row->scores[i].total);
    cJSON_AddItemToObject(r, "scores", scores);
    cJSON_AddStringToObject(r, "report", row->report);
    cJSON_AddStringToObject(r, "device_fingerprint", row->device);
    cJSON_AddStringToObject(r, "file", row->file);
    return r;
}

static void print_table(const tr_kiosk_spool_list *l)
{
    printf("%-9s %-20s %-9s %-16s %-16s %s\n", "CODE", "TIME", "RISK", "RECOMMENDED", "CHOSEN",
           "SCORES");
    for (size_t i = 0; i < l->n; i++) {
        const tr_kiosk_row *r = &l->rows[i];
        char scores[256] = "";
        if (r->state != TR_KIOSK_ROW_OPENED)
            continue;
        for (size_t k = 0; k < r->n_scores; k++) {
            size_t n = strlen(scores);
            snprintf(scores + n, sizeof scores - n, "%s%s %g", n ? ", " : "", r->scores[k].inst,
                     r->scores[k].total);
        }
        printf("%-9s %-20s %-9s %-16s %-16s %s\n", r->reference, r->time, r->risk, r->recommended,
               r->chosen, scores);
    }
}

/* What became of each file, on stderr (and refusals into the JSON's "refused"). */
static void report_rows(const tr_kiosk_spool_list *l, cJSON *opened, cJSON *refused)
{
    for (size_t i = 0; i < l->n; i++) {
        const tr_kiosk_row *r = &l->rows[i];
        if (r->state == TR_KIOSK_ROW_BEFORE)
            fprintf(stderr, "trinnctl: %s: imported before; the file is removed now\n", r->file);
        if (r->state != TR_KIOSK_ROW_REFUSED && r->kept)
            fprintf(stderr,
                    "trinnctl: %s: imported, but the file could not be removed; remove it by "
                    "hand (opening it again is refused as replayed)\n",
                    r->file);
        if (r->state == TR_KIOSK_ROW_OPENED)
            cJSON_AddItemToArray(opened, row_json(r));
        if (r->state != TR_KIOSK_ROW_REFUSED)
            continue;
        fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", r->file, r->why, r->msg);
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "file", r->file);
        cJSON_AddStringToObject(j, "why", r->why);
        cJSON_AddStringToObject(j, "message", r->msg);
        cJSON_AddItemToArray(refused, j);
    }
}

static int cmd_open(const ctl_ctx *ctx, const char *dir, const ctl_care_opts *o, int json)
{
    tr_profile p;
    tr_care_state s;
    tr_kiosk_spool_list l;
    tr_error err = {0};
    char now[32];
    int rc;
    if (!tp_fs_is_dir(dir)) {
        fprintf(stderr, "trinnctl: %s: not a folder (give the kiosk's spool folder)\n", dir);
        return CTL_EXIT_FAIL;
    }
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    tr_status st = tr_kiosk_spool_open(&p, &s, dir, now, &l, &err);
    cJSON *out = cJSON_CreateObject();
    cJSON *opened = cJSON_AddArrayToObject(out, "opened");
    cJSON *refused = cJSON_AddArrayToObject(out, "refused");
    report_rows(&l, opened, refused);
    rc = CTL_EXIT_FAIL;
    if (st != TR_OK) {
        ctl_fail(&err);
        cJSON_Delete(out);
        goto done;
    }
    fprintf(stderr, "trinnctl: %zu hand-in(s) imported into %s, %zu refused\n", l.n_opened, p.name,
            l.n_refused);
    if (json) {
        rc = ctl_print_json(out);
    } else {
        print_table(&l);
        cJSON_Delete(out);
        rc = fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
    }
    if (rc == CTL_EXIT_OK && l.n_refused)
        rc = CTL_EXIT_FAIL;
done:
    tr_kiosk_spool_list_free(&l);
    ctl_care_close(&p, &s);
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
