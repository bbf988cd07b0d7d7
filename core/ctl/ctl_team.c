/* trinnctl team and assign: the therapist's side of the care loop (core/EXCHANGE.md §5-6).
 *
 *   trinnctl --data-dir D team card   --profile NAME --passphrase-file F --out CARD.json
 *   trinnctl --data-dir D team export --profile NAME --passphrase-file F
 *            --minisign-pub TEAM.pub --age-identity TEAM.key
 *   trinnctl --data-dir D team identify --profile NAME --passphrase-file F --client ID
 *            --fnr NUMBER|none
 *   trinnctl --data-dir D team log --profile NAME --passphrase-file F [--json]
 *   trinnctl --data-dir D assign --profile NAME --passphrase-file F --client ID
 *            --modules a,b [--ordered] --measures phq9:weekly,gad7:fortnightly
 *            --expires YYYY-MM-DD [--next WHEN] [--homework TEXT] --out X.trinn-oppdrag */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_care.h"
#include "tr_kiosk.h"
#include "tp_clock.h"
#include "ctl_team_member.h"
#include "tr_care_log.h"
#include "tr_team_member.h"

/* Splits a comma list into at most max parts (in place, in buf). */
static size_t split(char *buf, const char **parts, size_t max)
{
    size_t n = 0;
    for (char *tok = strtok(buf, ","); tok && n < max; tok = strtok(NULL, ","))
        parts[n++] = tok;
    return n;
}

static int need_team(const tr_care_state *s)
{
    if (s->has_keys && strcmp(s->role, "team") == 0 && s->has_card)
        return 0;
    fprintf(stderr, "trinnctl: this profile holds no team keys: it is not a therapist profile\n");
    return -1;
}

static int enrolled_each(void *user, const tr_journal_record *rec)
{
    return tr_kiosk_enrolled_visit(user, rec, NULL) != TR_OK;
}

static int cmd_card(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    int rc;
    if (!o->out)
        return ctl_usage("team card: --out CARD.json is required");
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    if (need_team(&s) == 0) {
        cJSON *j = tr_team_card_json(&s.card), *list;
        /* who is in the team (§8), and the handovers of its key, which clients who pinned an
         * older key follow */
        if (j && s.roster && (list = cJSON_AddArrayToObject(j, "members")))
            for (size_t i = 0; i < s.roster->n; i++) {
                cJSON *m = cJSON_CreateObject();
                cJSON_AddStringToObject(m, "name", s.roster->members[i].name);
                cJSON_AddStringToObject(m, "fingerprint", s.roster->members[i].fingerprint);
                cJSON_AddItemToArray(list, m);
            }
        if (j && s.rotations && cJSON_GetArraySize(s.rotations) > 0)
            cJSON_AddItemToObject(j, "rotations", cJSON_Duplicate(s.rotations, 1));
        /* the kiosks whose hand-ins the team accepts (revoked ones drop off) */
        tr_kiosk_enrolled en = {0};
        tr_error err = {0};
        if (j && tr_journal_query_each(p.j, NULL, enrolled_each, &en, &err) != TR_OK) {
            ctl_fail(&err);
            cJSON_Delete(j);
            j = NULL;
        } else if (j && en.n > 0)
            cJSON_AddItemToObject(j, "kiosks", tr_kiosk_card_list(&en));
        char *text = j ? cJSON_Print(j) : NULL;
        if (text && ctl_care_write(o->out, text, strlen(text)) == 0) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "card", o->out);
            cJSON_AddStringToObject(r, "fingerprint", s.card.fingerprint);
            rc = ctl_print_json(r);
        }
        cJSON_free(text);
        cJSON_Delete(j);
    }
    ctl_care_close(&p, &s);
    return rc;
}

static int cmd_export(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    char pub[160], id[TR_AGE_KEY_STR * 2 + TR_TEAM_TEXT_MAX + 100], rcpt[TR_AGE_KEY_STR],
        sec[TR_AGE_KEY_STR];
    tr_error err = {0};
    int rc;
    if (!o->ms_pub || !o->age_identity)
        return ctl_usage("team export: --minisign-pub TEAM.pub and --age-identity TEAM.key are "
                         "required");
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    if (need_team(&s) == 0 && tr_ms_pub_file(&s.card.sign, pub, sizeof pub, &err) == TR_OK) {
        tr_age_recipient_str(s.keys.box.pk, rcpt);
        tr_age_identity_str(&s.keys.box, sec);
        snprintf(id, sizeof id,
                 "# Trinn team key (%s): SECRET, it opens every report.\n"
                 "# public key: %s\n%s\n",
                 s.card.service, rcpt, sec);
        if (ctl_care_write(o->ms_pub, pub, strlen(pub)) == 0 &&
            ctl_care_write(o->age_identity, id, strlen(id)) == 0) {
            fprintf(stderr,
                    "trinnctl: warning: %s is the team's secret key: anyone who has it "
                    "can read every report sent to the team. It is written with mode "
                    "0600; keep it offline, and delete it when you are done.\n",
                    o->age_identity);
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "minisign_pub", o->ms_pub);
            cJSON_AddStringToObject(r, "age_identity", o->age_identity);
            cJSON_AddStringToObject(r, "recipient", rcpt);
            rc = ctl_print_json(r);
        }
        sodium_memzero(sec, sizeof sec);
        sodium_memzero(id, sizeof id);
    } else if (err.msg[0]) {
        ctl_fail(&err);
    }
    ctl_care_close(&p, &s);
    return rc;
}

/* team identify: the team chooses to put a client's fødselsnummer or D-number (checked) in its
 * FHIR exports from now on, as a Patient of HL7 Norway's no-basis profile; "none" removes it.
 * The number stays inside the team's encrypted journal. */
static int cmd_identify(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_error err = {0};
    char now[32], *rec = NULL;
    int rc;
    if (!o->client || !o->fnr)
        return ctl_usage("team identify: give --client ID and --fnr NUMBER (or --fnr none)");
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_care_shared_identifier(o->client, o->fnr, now, &rec, &err) != TR_OK)
        return ctl_fail(&err);
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0) {
        cJSON_free(rec);
        return rc;
    }
    rc = ctl_care_append(&p, rec) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
    if (rc == CTL_EXIT_OK)
        fprintf(stderr,
                strcmp(o->fnr, "none") == 0
                    ? "trinnctl: the team's exports no longer name client %s\n"
                    : "trinnctl: the team's FHIR exports now name client %s by this number (a "
                      "Patient resource): keep them as the health data they are\n",
                o->client);
    sodium_memzero(rec, strlen(rec));
    cJSON_free(rec);
    ctl_care_close(&p, &s);
    return rc;
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

/* team log: the openings of reports logged in this therapist's own journal (who, when, which
 * report of which client), oldest first: lines, or with --json one object. */
static int cmd_log(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    log_walk w = {0};
    tr_care_log *log = &w.log;
    char *text = NULL;
    int rc;
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    if (tr_journal_query_each(p.j, NULL, log_record, &w, &w.err) != TR_OK || w.err.msg[0]) {
        ctl_fail(&w.err);
        goto done;
    }
    if (!log->entries && !(log->entries = cJSON_CreateArray()))
        goto done;
    if (o->json) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "profile", p.info.id);
        cJSON_AddStringToObject(r, "therapist", p.name);
        cJSON_AddItemToObject(r, "log", log->entries);
        log->entries = NULL;
        rc = ctl_print_json(r);
        goto done;
    }
    if (!(text = tr_care_log_text(log)))
        goto done;
    if (!strstr(text, " opened report "))
        fprintf(stderr, "trinnctl: %s has opened no report yet\n", p.name);
    fputs(text, stdout);
    rc = fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
done:
    free(text);
    tr_care_log_free(log);
    ctl_care_close(&p, &s);
    return rc;
}

static const char TEAM_USAGE[] =
    "usage: trinnctl --data-dir D team SUBCOMMAND --profile NAME --passphrase-file F ...\n"
    "  card --out CARD.json                        the public team card for clients\n"
    "  export --minisign-pub TEAM.pub --age-identity TEAM.key   the team key for minisign/age\n"
    "  identify --client ID --fnr NUMBER|none      name a client in the team's FHIR exports\n"
    "  log [--json]                                every opening of a report by this therapist\n"
    "  member --out MEMBER.json                    this therapist's member card, to join a team\n"
    "  enrol --member MEMBER.json --trust FPR --out X.trinn-enrol   bring a colleague in\n"
    "  join X.trinn-enrol [--trust TEAM-FPR]       join the team an enrolment brings\n"
    "  remove --member NAME|FPR --out-dir DIR      remove a member; rotates the team key\n"
    "  rotate --out-dir DIR                        a new team key, handed over by the old one\n"
    "  backup [--recovery-file R] --out TEAM.age   the team key sealed to a recovery passphrase\n"
    "  restore TEAM.age [--recovery-file R]        the team key back, into a --join profile";

int ctl_cmd_team(ctl_ctx *ctx, int argc, char **argv)
{
    ctl_care_opts o = {0};
    int rc;
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0)
        return ctl_usage("%s", TEAM_USAGE);
    if ((rc = ctl_care_parse(argc, argv, 2, &o)) != 0)
        return rc;
    if (strcmp(argv[1], "card") == 0)
        return cmd_card(ctx, &o);
    if (strcmp(argv[1], "export") == 0)
        return cmd_export(ctx, &o);
    if (strcmp(argv[1], "identify") == 0)
        return cmd_identify(ctx, &o);
    if (strcmp(argv[1], "log") == 0)
        return cmd_log(ctx, &o);
    if ((rc = ctl_team_member_cmd(ctx, argv[1], &o)) >= 0)
        return rc;
    return ctl_usage("team: unknown subcommand '%s'\n%s", argv[1], TEAM_USAGE);
}

int ctl_cmd_assign(ctl_ctx *ctx, int argc, char **argv)
{
    ctl_care_opts o = {0};
    tr_profile p;
    tr_care_state s;
    char now[32], mods_buf[2048] = "", meas_buf[1024] = "", *file = NULL, *rec = NULL;
    const char *mods[50], *meas[20];
    size_t len = 0;
    tr_error err = {0};
    int rc;
    if ((rc = ctl_care_parse(argc, argv, 1, &o)) != 0)
        return rc;
    if (!o.client || !o.expires || !o.out)
        return ctl_usage("assign: --client ID, --expires YYYY-MM-DD and --out FILE are required");
    snprintf(mods_buf, sizeof mods_buf, "%s", o.modules ? o.modules : "");
    snprintf(meas_buf, sizeof meas_buf, "%s", o.measures ? o.measures : "");
    tr_care_assign_opts a = {.client = o.client,
                             .modules = mods,
                             .n_modules = split(mods_buf, mods, 50),
                             .ordered = o.ordered,
                             .homework = o.homework,
                             .measures = meas,
                             .n_measures = split(meas_buf, meas, 20),
                             .expires = o.expires,
                             .next_appointment = o.next};
    if ((rc = ctl_care_unlock(ctx, &o, TR_PROFILE_THERAPIST, &p, &s)) != 0)
        return rc;
    rc = CTL_EXIT_FAIL;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_care_assign(&s, &a, now, &file, &len, &rec, &err) != TR_OK) {
        ctl_fail(&err);
    } else if (ctl_care_append(&p, rec) == 0 && ctl_care_write(o.out, file, len) == 0) {
        /* the number is recorded before the file exists, so it is never given out twice */
        cJSON *r = cJSON_Parse(rec);
        cJSON_DeleteItemFromObject(r, "type");
        cJSON_AddStringToObject(r, "file", o.out);
        cJSON_AddStringToObject(r, "fingerprint", s.card.fingerprint);
        rc = ctl_print_json(r);
    }
    free(file);
    free(rec);
    ctl_care_close(&p, &s);
    return rc;
}
