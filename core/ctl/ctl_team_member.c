/* ctl_team_member: see ctl_team_member.h.
 *
 *   trinnctl --data-dir D team member --profile NEW --passphrase-file F --out MEMBER.json
 *   trinnctl --data-dir D team enrol  --profile LEAD --passphrase-file F --member MEMBER.json
 *            --trust MEMBER-FINGERPRINT --out X.trinn-enrol
 *   trinnctl --data-dir D team join X.trinn-enrol --profile NEW --passphrase-file F
 *            [--trust TEAM-FINGERPRINT]
 *   trinnctl --data-dir D team remove --profile LEAD --passphrase-file F
 *            --member NAME-OR-FINGERPRINT --out-dir DIR
 *   trinnctl --data-dir D team rotate --profile LEAD --passphrase-file F --out-dir DIR */
#include "ctl_team_member.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_care_team.h"
#include "tr_json.h"

/* Appends recs to the open profile and applies them to s, in order. 0, or -1 after printing. */
static int append_all(tr_profile *p, tr_care_state *s, const tr_care_records *recs)
{
    tr_error err = {0};
    for (size_t i = 0; i < recs->n; i++) {
        if (ctl_care_append(p, recs->text[i]) != 0)
            return -1;
        if (tr_care_apply_text(s, recs->text[i], &err) != TR_OK)
            return ctl_fail(&err), -1;
    }
    return 0;
}

/* Unlocks a therapist profile; one made before personal keys gets its member keys and a roster
 * of itself first. 0, or a CTL_EXIT_ code after printing why. */
static int unlock_member(const ctl_ctx *ctx, const ctl_care_opts *o, tr_profile *p,
                         tr_care_state *s, char now[32])
{
    tr_care_records recs = {0};
    tr_error err = {0};
    int rc;
    tp_clock_format(tp_clock_now(), now, 32);
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, p, s)) != 0)
        return rc;
    if (tr_care_team_upgrade(s, p->name, now, &recs, &err) != TR_OK) {
        ctl_fail(&err);
        rc = CTL_EXIT_FAIL;
    } else if (append_all(p, s, &recs) != 0) {
        rc = CTL_EXIT_FAIL;
    }
    tr_care_records_free(&recs);
    if (rc)
        ctl_care_close(p, s);
    return rc;
}

static int cmd_member(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_team_member m;
    tr_error err = {0};
    char now[32], *text = NULL;
    cJSON *j = NULL;
    int rc;
    if (!o->out)
        return ctl_usage("team member: --out MEMBER.json is required");
    if ((rc = unlock_member(ctx, o, &p, &s, now)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    if (tr_care_member_card(&s, p.name, &m, &err) != TR_OK) {
        ctl_fail(&err);
    } else if ((j = tr_team_member_json(&m, 1)) && (text = cJSON_Print(j)) &&
               ctl_care_write(o->out, text, strlen(text)) == 0) {
        fprintf(stderr,
                "trinnctl: give %s to a colleague of the team you join, and compare its "
                "fingerprint %s with them in person or on the phone\n",
                o->out, m.fingerprint);
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "member_card", o->out);
        cJSON_AddStringToObject(r, "name", m.name);
        cJSON_AddStringToObject(r, "fingerprint", m.fingerprint);
        rc = ctl_print_json(r);
    }
    cJSON_free(text);
    cJSON_Delete(j);
    ctl_care_close(&p, &s);
    return rc;
}

static int cmd_enrol(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_care_enrol_result res = {0};
    tr_error err = {0};
    char now[32];
    cJSON *card;
    int rc;
    if (!o->member || !o->out)
        return ctl_usage("team enrol: --member MEMBER.json, --trust FINGERPRINT and --out "
                         "X.trinn-enrol are required");
    if (!(card = tr_json_load_file(o->member, &err)))
        return ctl_fail(&err);
    if ((rc = unlock_member(ctx, o, &p, &s, now)) != 0) {
        cJSON_Delete(card);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    if (tr_care_enrol(&s, p.name, card, o->trust, now, &res, &err) != TR_OK) {
        fprintf(stderr, "trinnctl: %s: %s\n", o->member, err.msg);
    } else if (append_all(&p, &s, &res.records) == 0 &&
               ctl_care_write(o->out, res.file, res.file_len) == 0) {
        /* the roster first: a member is never enrolled without being listed */
        fprintf(stderr,
                "trinnctl: %s brings the team key to %s, sealed to their own key; %s joins with "
                "`trinnctl team join %s` and compares the team's fingerprint %s with you\n",
                o->out, res.member.name, res.member.name, o->out, s.card.fingerprint);
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "enrolment", o->out);
        cJSON_AddStringToObject(r, "member", res.member.name);
        cJSON_AddStringToObject(r, "member_fingerprint", res.member.fingerprint);
        cJSON_AddBoolToObject(r, "already_member", res.already);
        cJSON_AddNumberToObject(r, "roster_serial", (double)res.serial);
        cJSON_AddStringToObject(r, "team_fingerprint", s.card.fingerprint);
        rc = ctl_print_json(r);
    }
    tr_care_enrol_free(&res);
    cJSON_Delete(card);
    ctl_care_close(&p, &s);
    return rc;
}

static int cmd_join(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_care_join_result res = {0};
    tr_error err = {0};
    char now[32], *data = NULL;
    size_t len = 0;
    int rc;
    if (!o->file)
        return ctl_usage("team join: give the enrolment file: team join X.trinn-enrol ...");
    if (tp_fs_read_file(o->file, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        fprintf(stderr, "trinnctl: %s: cannot read it, or it is larger than any enrolment\n",
                o->file);
        return CTL_EXIT_FAIL;
    }
    if ((rc = unlock_member(ctx, o, &p, &s, now)) != 0) {
        free(data);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    if (tr_care_join(&s, (uint8_t *)data, len, o->trust, now, &res, &err) != TR_OK) {
        fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", o->file, tr_exch_why_name(res.why),
                err.msg);
    } else if (res.needs_trust) {
        fprintf(stderr,
                "trinnctl: %s enrols you in %s, sent by %s (%s). The team's fingerprint is %s: "
                "compare it with a colleague of the team; only if it is the same, run again "
                "with --trust and that fingerprint.\n",
                o->file, res.service, res.by.name, res.by.fingerprint, res.fingerprint);
    } else if (append_all(&p, &s, &res.records) == 0) {
        fprintf(stderr, "trinnctl: you are a member of %s now (team fingerprint %s)%s\n",
                res.service, res.fingerprint,
                res.rotations ? "; its key was rotated, and you hold the new one" : "");
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "team", res.service);
        cJSON_AddStringToObject(r, "team_fingerprint", res.fingerprint);
        cJSON_AddStringToObject(r, "enrolled_by", res.by.name);
        cJSON_AddNumberToObject(r, "roster_serial", (double)res.serial);
        cJSON_AddNumberToObject(r, "rotations_followed", res.rotations);
        cJSON_AddNumberToObject(r, "members", s.roster ? (double)s.roster->n : 0);
        rc = ctl_print_json(r);
    }
    tr_care_join_free(&res);
    free(data);
    ctl_care_close(&p, &s);
    return rc;
}

/* DIR/<name>-<first group of the fingerprint>.trinn-enrol, the name made safe for a file. */
static void enrol_path(char *out, size_t n, const char *dir, const tr_team_member *m)
{
    char safe[41];
    size_t k = 0;
    for (const char *c = m->name; *c && k < sizeof safe - 1; c++)
        safe[k++] = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                            (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'
                        ? *c
                        : '_';
    safe[k] = 0;
    snprintf(out, n, "%s/%s-%.5s.trinn-enrol", dir, safe, m->fingerprint);
}

/* Rotates the team key of the open profile: appends the new key, card, rotations and roster,
 * then writes an enrolment for every other member into dir. Adds "enrolments" to r. */
static int rotate(tr_profile *p, tr_care_state *s, const char *dir, const char *now, cJSON *r)
{
    tr_care_rotate_result *res = calloc(1, sizeof *res);
    tr_error err = {0};
    char path[4200];
    int rc = -1;
    cJSON *list = cJSON_AddArrayToObject(r, "enrolments");
    if (!res || !list)
        goto done;
    if (tr_care_rotate(s, p->name, now, res, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    if (append_all(p, s, &res->records) != 0)
        goto done;
    for (size_t i = 0; i < res->n_files; i++) {
        enrol_path(path, sizeof path, dir, &res->to[i]);
        if (ctl_care_write(path, res->files[i], res->file_lens[i]) != 0) {
            fprintf(stderr, "trinnctl: the team key was rotated, but not every enrolment could be "
                            "written: make the missing ones with `trinnctl team enrol --member`\n");
            goto done;
        }
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "file", path);
        cJSON_AddStringToObject(e, "member", res->to[i].name);
        cJSON_AddItemToArray(list, e);
    }
    cJSON_AddStringToObject(r, "team_fingerprint", res->card.fingerprint);
    fprintf(stderr,
            "trinnctl: the team key is new (fingerprint %s). Give each colleague their file "
            "from %s to `trinnctl team join`; clients follow the new key with the next "
            "assignment or team card (`team card`), which carries the handover signed by the "
            "old key\n",
            res->card.fingerprint, dir);
    rc = 0;
done:
    if (res)
        tr_care_rotate_free(res);
    free(res);
    return rc;
}

static int cmd_rotate(const ctl_ctx *ctx, const ctl_care_opts *o, int remove)
{
    tr_profile p;
    tr_care_state s;
    tr_care_records recs = {0};
    tr_team_member gone;
    tr_error err = {0};
    char now[32];
    cJSON *r = NULL;
    int rc;
    if (remove && (!o->member || !o->out_dir))
        return ctl_usage("team remove: --member NAME-OR-FINGERPRINT and --out-dir DIR are "
                         "required (the team key is rotated, and every remaining colleague "
                         "gets an enrolment in DIR)");
    if (!o->out_dir)
        return ctl_usage("team rotate: --out-dir DIR is required (an enrolment for every "
                         "colleague is written there)");
    if (tp_fs_mkdirs(o->out_dir) != 0) {
        fprintf(stderr, "trinnctl: %s: cannot make that folder\n", o->out_dir);
        return CTL_EXIT_FAIL;
    }
    if ((rc = unlock_member(ctx, o, &p, &s, now)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    r = cJSON_CreateObject();
    if (remove) {
        if (tr_care_remove(&s, p.name, o->member, now, &gone, &recs, &err) != TR_OK) {
            ctl_fail(&err);
            goto done;
        }
        if (append_all(&p, &s, &recs) != 0)
            goto done;
        cJSON_AddStringToObject(r, "removed", gone.name);
        cJSON_AddStringToObject(r, "removed_fingerprint", gone.fingerprint);
    }
    if (rotate(&p, &s, o->out_dir, now, r) == 0) {
        cJSON_AddNumberToObject(r, "members", s.roster ? (double)s.roster->n : 0);
        rc = ctl_print_json(r);
        r = NULL;
    }
done:
    cJSON_Delete(r);
    tr_care_records_free(&recs);
    ctl_care_close(&p, &s);
    return rc;
}

int ctl_team_member_cmd(const ctl_ctx *ctx, const char *sub, const ctl_care_opts *o)
{
    if (strcmp(sub, "member") == 0)
        return cmd_member(ctx, o);
    if (strcmp(sub, "enrol") == 0)
        return cmd_enrol(ctx, o);
    if (strcmp(sub, "join") == 0)
        return cmd_join(ctx, o);
    if (strcmp(sub, "remove") == 0)
        return cmd_rotate(ctx, o, 1);
    if (strcmp(sub, "rotate") == 0)
        return cmd_rotate(ctx, o, 0);
    if (strcmp(sub, "backup") == 0)
        return ctl_team_backup(ctx, o);
    if (strcmp(sub, "restore") == 0)
        return ctl_team_restore(ctx, o);
    return -1;
}
