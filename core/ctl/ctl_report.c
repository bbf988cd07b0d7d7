/* trinnctl report: reports, client to team (core/EXCHANGE.md §7).
 *
 *   trinnctl --data-dir D2 report create --profile C --passphrase-file F2 --to CARD.json
 *            [--share measures,assessment,modules,checkins,medication,goals,feedback] [--from DATE]
 *            [--until DATE]
 *            --out Y.trinn-rapport
 *   trinnctl --data-dir D [--lang nb|nn|en] report open Y.trinn-rapport --profile NAME
 *            --passphrase-file F [--summary]
 *
 * create shares the chosen kinds of record in the range (default: measures and the assessment)
 * and always every record that carries a risk flag (the content pack's critical items, an
 * assessment's risk: tr_care_risk_of) and every wish to change therapist (tr_feedback_forced), and
 * says on stderr what went in. open prints the verified report as JSON (risks first), or with
 * --summary a plain-text note to paste into the patient record (EPJ), and logs the opening in the
 * opener's journal, where the records it carries are kept (tr_care_shared) for the team's export
 * and statistics (fhir export --profile, stats
 * --profile). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_care.h"
#include "tr_care_team.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_caseload.h"
#include "tr_content.h"
#include "tr_inst.h"
#include "tr_json.h"
#include "tr_share.h"

/* tr_care_visit for tr_journal_query_each. */
static int revisit(void *user, const tr_journal_record *rec)
{
    return tr_care_visit(user, rec, NULL) != TR_OK;
}

/* The team card at path, checked (*card), and its JSON (the caller deletes: it may carry the
 * team key's rotations); NULL after printing why. */
static cJSON *read_card(const char *path, tr_team_card *card)
{
    tr_error err = {0};
    cJSON *j = tr_json_load_file(path, &err);
    tr_status st = j ? tr_team_card_parse(j, card, &err) : TR_E_PARSE;
    if (st != TR_OK) {
        cJSON_Delete(j);
        fprintf(stderr, "trinnctl: %s: %s\n", path, err.msg);
        return NULL;
    }
    return j;
}

static int cmd_create(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_team_card card;
    tr_care_records follow = {0};
    tr_exch_why why = TR_EXCH_OK;
    cJSON *card_json = NULL;
    tr_care_report_result res = {0};
    tr_error err = {0};
    int64_t from = 0, until = 0;
    cJSON *records = NULL;
    char now[32];
    const char *share = o->share ? o->share : "measures,assessment";
    tr_content *pack = NULL;
    tr_care_report_opts ro = {0};
    int rc;
    if (!o->to || !o->out)
        return ctl_usage("report create: --to CARD.json and --out FILE are required");
    if (tr_care_kinds_parse(share, &ro, &err) != TR_OK)
        return ctl_usage("report create: --share: %s", err.msg);
    if ((o->from && tp_clock_parse(o->from, &from) != 0) ||
        (o->until && tp_clock_parse(o->until, &until) != 0))
        return ctl_usage("report create: --from and --until want a date such as 2026-12-01");
    if (until && o->until && strlen(o->until) == 10)
        until += 86399; /* through the end of that day */
    if (!(card_json = read_card(o->to, &card)))
        return CTL_EXIT_FAIL;
    pack = ctl_load_pack(ctx, &err);
    if (!pack) {
        cJSON_Delete(card_json);
        return ctl_fail(&err);
    }
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_CLIENT, &p, &s)) != 0) {
        tr_content_free(pack);
        cJSON_Delete(card_json);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    /* a card with a new team key is taken when the pinned key handed over to it (§8) */
    if (tr_care_follow(&s, card_json, now, &card, &follow, &why, &err) != TR_OK) {
        fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", o->to, tr_exch_why_name(why), err.msg);
        goto done;
    }
    for (size_t i = 0; i < follow.n; i++)
        if (ctl_care_append(&p, follow.text[i]) != 0 ||
            tr_care_apply_text(&s, follow.text[i], &err) != TR_OK)
            goto done;
    if (follow.n)
        fprintf(stderr,
                "trinnctl: the team's key changed, handed over by the key you paired "
                "with; its new fingerprint is %s\n",
                card.fingerprint);
    if (!s.has_keys) { /* a profile made before the care loop: give it its device key now */
        if (ctl_care_init_keys(&p, 0, 0, NULL, NULL, NULL, NULL) != 0)
            goto done;
        tr_care_state_free(&s);
        if (tr_journal_query_each(p.j, NULL, revisit, &s, &err) != TR_OK || !s.has_keys) {
            fprintf(stderr, "trinnctl: the new device key could not be read back\n");
            goto done;
        }
    }
    if (tr_share_gather(p.j, from, until, &records, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    ro.records = records;
    ro.from = o->from;
    ro.to = o->until;
    ro.risk = tr_care_risk_of;
    ro.risk_user = pack;
    if (tr_care_report(&s, &card, &ro, now, &res, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    if (ctl_care_append(&p, res.record) != 0 || ctl_care_write(o->out, res.file, res.file_len) != 0)
        goto done;
    fprintf(stderr,
            "trinnctl: %s holds %zu records for %s (%s); %zu carry a risk flag and are always "
            "sent%s. It reaches no one until you deliver it.\n",
            o->out, res.n_records, card.service, share, res.n_risk,
            res.n_forced ? ", also those you did not choose" : "");
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "file", o->out);
    cJSON_AddStringToObject(r, "report", res.report_id);
    cJSON_AddNumberToObject(r, "seq", (double)res.seq);
    cJSON_AddNumberToObject(r, "records", (double)res.n_records);
    cJSON_AddNumberToObject(r, "risk", (double)res.n_risk);
    cJSON_AddStringToObject(r, "team_fingerprint", card.fingerprint);
    rc = ctl_print_json(r);
done:
    tr_care_records_free(&follow);
    cJSON_Delete(card_json);
    cJSON_Delete(records);
    tr_care_report_free(&res);
    ctl_care_close(&p, &s);
    tr_content_free(pack);
    return rc;
}

static int cmd_open(const ctl_ctx *ctx, const ctl_care_opts *o)
{
    tr_profile p;
    tr_care_state s;
    tr_care_open_result res = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    char now[32], *data = NULL, *note = NULL;
    size_t len = 0;
    int rc;
    if (!o->file)
        return ctl_usage("report open: give the report file: report open Y.trinn-rapport ...");
    if (tp_fs_read_file(o->file, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        fprintf(stderr, "trinnctl: %s: cannot read it, or it is larger than any report\n", o->file);
        return CTL_EXIT_FAIL;
    }
    if (o->summary && !(pack = ctl_load_pack(ctx, &err))) {
        free(data);
        return ctl_fail(&err);
    }
    if ((rc = ctl_care_unlock(ctx, o, TR_PROFILE_THERAPIST, &p, &s)) != 0) {
        free(data);
        tr_content_free(pack);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_caseload_open_report(&p, &s, (uint8_t *)data, len, now, &res, &err) != TR_OK) {
        if (res.why != TR_EXCH_OK)
            fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", o->file, tr_exch_why_name(res.why),
                    err.msg);
        else
            ctl_fail(&err);
        goto done;
    }
    if (o->summary) {
        if (tr_care_summary(pack, ctx->lang, &res, &note, &err) != TR_OK) {
            ctl_fail(&err);
            goto done;
        }
        fputs(note, stdout);
        rc = fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
        goto done;
    }
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "risk", cJSON_DetachItemFromObjectCaseSensitive(res.payload, "risk"));
    cJSON *asks = cJSON_DetachItemFromObjectCaseSensitive(res.payload, "requests");
    if (asks) /* the client's requests (a wish to change therapist) right after the risks */
        cJSON_AddItemToObject(r, "requests", asks);
    cJSON_AddStringToObject(r, "client", res.client);
    cJSON_AddStringToObject(r, "report", res.report_id);
    cJSON_AddNumberToObject(r, "seq", (double)res.seq);
    cJSON_AddBoolToObject(r, "first_report", res.first);
    cJSON_AddStringToObject(r, "device_fingerprint", res.sender_fingerprint);
    cJSON_AddItemToObject(r, "report_payload", res.payload);
    res.payload = NULL;
    rc = ctl_print_json(r);
done:
    tr_care_open_free(&res);
    ctl_care_close(&p, &s);
    tr_content_free(pack);
    free(note);
    free(data);
    return rc;
}

int ctl_cmd_report(ctl_ctx *ctx, int argc, char **argv)
{
    ctl_care_opts o = {0};
    int rc;
    if (argc < 2)
        return ctl_usage("usage: trinnctl report create|open ...");
    if ((rc = ctl_care_parse(argc, argv, 2, &o)) != 0)
        return rc;
    if (strcmp(argv[1], "create") == 0)
        return cmd_create(ctx, &o);
    if (strcmp(argv[1], "open") == 0)
        return cmd_open(ctx, &o);
    return ctl_usage("report: unknown subcommand '%s' (create or open)", argv[1]);
}
