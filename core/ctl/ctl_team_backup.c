/* ctl_team_backup: the team key's recovery backup (core/EXCHANGE.md §8).
 *
 *   trinnctl --data-dir D team backup --profile LEAD --passphrase-file F
 *            [--recovery-file R] [--work-factor 18] --out TEAM.age
 *   trinnctl --data-dir D team restore TEAM.age --profile NEW --passphrase-file F
 *            [--recovery-file R]
 * The backup is an age file sealed to the recovery passphrase with age's scrypt stanza:
 * `age -d TEAM.age` opens it too. The recovery passphrase comes from the first line of R, or a
 * no-echo prompt (asked twice for a backup); it must be as strong as a journal's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_team_member.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_care_team.h"
#include "tr_strength.h"

#define WORK_FACTOR 18 /* age's own: 256 MiB, about a second */

/* The recovery passphrase into *pass (NUL-terminated); 0, or -1 after printing why. */
static int recovery(const ctl_care_opts *o, int confirm, ctl_pass *pass)
{
    if (ctl_pass_get(o->recovery_file, confirm ? "Recovery passphrase: " : "Recovery passphrase: ",
                     confirm, pass) != 0)
        return -1;
    pass->buf[pass->len] = '\0';
    if (confirm && !tr_strength_ok(pass->buf, NULL, NULL)) {
        fprintf(stderr,
                "trinnctl: the recovery passphrase is too easy to guess for a key that opens "
                "every report: use four or five unrelated words, and keep it apart from the "
                "backup\n");
        return -1;
    }
    return 0;
}

int ctl_team_backup(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    ctl_pass pass = {0};
    tr_error err = {0};
    uint8_t *file = NULL;
    size_t len = 0;
    int rc, log_n = o->work_factor ? atoi(o->work_factor) : WORK_FACTOR;
    if (!o->out)
        return ctl_usage("team backup: --out TEAM.age is required");
    if (log_n < TR_AGE_SCRYPT_MIN || log_n > TR_AGE_SCRYPT_MAX ||
        (log_n < WORK_FACTOR && !tr_journal_test_costs()))
        return ctl_usage("team backup: --work-factor must be %d-%d", WORK_FACTOR,
                         TR_AGE_SCRYPT_MAX);
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    if (recovery(o, 1, &pass) != 0)
        goto done;
    tr_age_pass ap = {pass.buf, pass.len, log_n};
    if (tr_care_backup(&s, &ap, &file, &len, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    if (ctl_care_write(o->out, file, len) != 0)
        goto done;
    fprintf(stderr,
            "trinnctl: %s holds the team key, sealed to the recovery passphrase (age's scrypt: "
            "`age -d %s` opens it too). Keep it offline and the passphrase apart from it; "
            "restore with `trinnctl team restore`\n",
            o->out, o->out);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "backup", o->out);
    cJSON_AddStringToObject(r, "team_fingerprint", s.card.fingerprint);
    cJSON_AddNumberToObject(r, "work_factor", log_n);
    rc = ctl_print_json(r);
done:
    free(file);
    ctl_pass_free(&pass);
    ctl_care_close(&p, &s);
    return rc;
}

int ctl_team_restore(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_care_records recs = {0};
    ctl_pass pass = {0};
    tr_error err = {0};
    char now[32], fpr[TR_FPR_TEXT], *data = NULL;
    size_t len = 0;
    int rc;
    if (!o->file)
        return ctl_usage("team restore: give the backup: team restore TEAM.age --profile NEW ...");
    if (tp_fs_read_file(o->file, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        fprintf(stderr, "trinnctl: %s: cannot read it, or it is larger than any backup\n", o->file);
        return CTL_EXIT_FAIL;
    }
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0) {
        free(data);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (recovery(o, 0, &pass) != 0)
        goto done;
    tr_age_pass ap = {pass.buf, pass.len, TR_AGE_SCRYPT_MAX};
    if (tr_care_restore(&s, (uint8_t *)data, len, &ap, p.name, now, &recs, fpr, &err) != TR_OK) {
        fprintf(stderr, "trinnctl: %s: %s\n", o->file, err.msg);
        goto done;
    }
    for (size_t i = 0; i < recs.n; i++)
        if (ctl_care_append(&p, recs.text[i]) != 0)
            goto done;
    fprintf(stderr,
            "trinnctl: this profile holds the team key again (fingerprint %s); it is on the "
            "team's roster\n",
            fpr);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "restored", o->file);
    cJSON_AddStringToObject(r, "team_fingerprint", fpr);
    rc = ctl_print_json(r);
done:
    tr_care_records_free(&recs);
    free(data);
    ctl_pass_free(&pass);
    ctl_care_close(&p, &s);
    return rc;
}
