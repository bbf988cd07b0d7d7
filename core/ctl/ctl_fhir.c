/* trinnctl fhir export: a client's journal, or what a team's clients shared with it, as FHIR R4
 * (core/tr_fhir.h).
 *
 *   trinnctl fhir export JOURNAL [--passphrase-file F] --out DIR [--team NAME]
 *                                [--municipality NAME] [--seal CARD.json]
 *   trinnctl --data-dir D fhir export --profile NAME [--client ID] [--passphrase-file F]
 *                                --out DIR [--team NAME] [--municipality NAME] [--seal CARD.json]
 *
 * With --profile (a therapist profile) every client's shared records (or one client's) are
 * exported, each client under its own pseudonym; the team's Organization is named after its
 * card unless --team names it.
 *
 * Writes DIR/bundle.json (a Bundle of type collection) and DIR/<ResourceType>.ndjson, each
 * 0600, and prints {"out","pseudonym","resources":{type: count},"skipped","sealed"}. The files
 * are health data in clear text; the command says so on stderr. With --seal CARD.json (a team
 * card, `trinnctl team card`) every file is sealed to the team's age key instead
 * (bundle.json.age ...): only the team can open them, with `age -d` or Trinn. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "ctl_team_data.h"
#include "tr_content.h"
#include "tr_fhir.h"
#include "tr_journal.h"
#include "tr_json.h"
#include "tr_team.h"

typedef struct feeder {
    tr_fhir_export *ex;
    tr_error *err;
    tr_status st;
} feeder;

static int feed_record(void *user, const tr_journal_record *rec)
{
    feeder *f = user;
    f->st = tr_fhir_export_feed(f->ex, rec->seq, rec->json, rec->json_len, f->err);
    return f->st != TR_OK;
}

/* {"out", "pseudonym" or "clients", "resources": {type: count}, "skipped"}; NULL when out of
 * memory. clients < 0: a single journal. */
static cJSON *summary(const tr_fhir_export *ex, const char *dir, const tr_team_card *card,
                      long clients)
{
    static const char *const types[] = {"QuestionnaireResponse", "Observation", "Organization",
                                        "Patient"};
    static const char *const optional[] = {"Goal", "MedicationStatement"};
    cJSON *out = cJSON_CreateObject(), *res;
    if (!out || !cJSON_AddStringToObject(out, "out", dir) ||
        !(clients < 0 ? cJSON_AddStringToObject(out, "pseudonym", tr_fhir_export_pseudonym(ex))
                      : cJSON_AddNumberToObject(out, "clients", (double)clients)) ||
        !(res = cJSON_AddObjectToObject(out, "resources")))
        goto fail;
    /* a client's own export never has a Patient: only a team names its clients */
    for (size_t i = 0; i < sizeof types / sizeof types[0] - (clients < 0); i++) {
        const cJSON *list = tr_fhir_export_resources(ex, types[i]);
        if (!cJSON_AddNumberToObject(res, types[i], list ? cJSON_GetArraySize(list) : 0))
            goto fail;
    }
    for (size_t i = 0; i < sizeof optional / sizeof optional[0]; i++) {
        const cJSON *list = tr_fhir_export_resources(ex, optional[i]); /* only when there are any */
        if (list && !cJSON_AddNumberToObject(res, optional[i], cJSON_GetArraySize(list)))
            goto fail;
    }
    if (!cJSON_AddNumberToObject(out, "skipped", (double)tr_fhir_export_skipped(ex)) ||
        !(card ? cJSON_AddStringToObject(out, "sealed", card->fingerprint) != NULL
               : cJSON_AddNullToObject(out, "sealed") != NULL))
        goto fail;
    return out;
fail:
    cJSON_Delete(out);
    return NULL;
}

/* Reads and checks a team card (tr_team_card_parse) from file. */
static tr_status load_card(const char *file, tr_team_card *card, tr_error *err)
{
    cJSON *j = tr_json_load_file(file, err);
    tr_status st;
    if (!j)
        return err->status;
    st = tr_team_card_parse(j, card, err);
    cJSON_Delete(j);
    if (st)
        tr_error_prefix(err, "%s: ", file);
    return st;
}

/* What to export: a client's journal (path), or a team profile's clients (profile). */
typedef struct fopts {
    const char *journal, *profile, *client, *pass_file, *dir, *team, *mun, *seal;
} fopts;

static int run_export(const ctl_ctx *ctx, const fopts *o)
{
    tr_team_card card;
    tr_error err = {0};
    tr_content *pack = NULL;
    tr_fhir_map *map = NULL;
    tr_fhir_export *ex = NULL;
    tr_journal *j = NULL;
    ctl_pass p = {0};
    ctl_team_data td;
    int team_open = 0;
    size_t n_clients = 0;
    feeder f = {.err = &err};
    const char *team = o->team, *dir = o->dir, *seal = o->seal;
    cJSON *out;
    int rc = CTL_EXIT_FAIL;

    if (sodium_init() < 0) {
        tr_error_set(&err, TR_E_CRYPTO, "libsodium could not start");
        return ctl_fail(&err);
    }
    if ((o->seal && load_card(o->seal, &card, &err)) || !(pack = ctl_load_pack(ctx, &err)) ||
        tr_fhir_map_load(pack, &map, &err))
        goto fail;
    if (o->profile) {
        if ((rc = ctl_team_open(ctx, o->profile, o->pass_file, &td)) != 0)
            goto fail;
        team_open = 1;
        rc = CTL_EXIT_FAIL;
        if (!team)
            team = ctl_team_name(&td);
    }
    if (tr_fhir_export_make(
            &(tr_fhir_desc){.pack = pack, .map = map, .team = team, .municipality = o->mun}, &ex,
            &err))
        goto fail;
    if (o->profile) {
        if ((rc = ctl_team_feed(&td, o->client, ex, &n_clients)) != 0)
            goto fail;
        rc = CTL_EXIT_FAIL;
        ctl_team_close(&td);
        team_open = 0;
    } else {
        if (ctl_pass_get(o->pass_file, "Passphrase: ", 0, &p) != 0) {
            err.msg[0] = '\0';
            goto fail;
        }
        if (tr_journal_open(&(tr_journal_desc){.path = o->journal}, p.buf, p.len, &j, &err))
            goto fail;
        ctl_pass_free(&p);
        for (size_t i = 0; i < tr_journal_warning_count(j); i++)
            fprintf(stderr, "trinnctl: %s: %s\n", o->journal, tr_journal_warning(j, i));
        f.ex = ex;
        if (tr_journal_query_each(j, NULL, feed_record, &f, &err) || f.st)
            goto fail;
        tr_journal_close(j);
        j = NULL;
    }
    if (tr_fhir_export_write(ex, dir, seal ? card.box : NULL, &err))
        goto fail;
    if (seal)
        fprintf(stderr, "trinnctl: %s: sealed to %s (fingerprint %s); only that team can open it\n",
                dir, card.service, card.fingerprint);
    else
        fprintf(stderr,
                "trinnctl: %s holds health data in clear text (files readable by you only): keep "
                "it safe, hand it over in person or sealed (--seal CARD), and delete it when "
                "done\n",
                dir);
    if (!(out = summary(ex, dir, seal ? &card : NULL, o->profile ? (long)n_clients : -1))) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
        goto fail;
    }
    rc = ctl_print_json(out);
fail:
    ctl_pass_free(&p);
    tr_journal_close(j);
    if (team_open)
        ctl_team_close(&td);
    tr_fhir_export_destroy(ex);
    tr_fhir_map_free(map);
    tr_content_free(pack);
    return rc != CTL_EXIT_OK && err.msg[0] ? ctl_fail(&err) : rc;
}

int ctl_cmd_fhir(ctl_ctx *ctx, int argc, char **argv)
{
    fopts o = {0};
    if (argc < 2 || strcmp(argv[1], "export") != 0)
        return ctl_usage("usage: fhir export JOURNAL [--passphrase-file F] --out DIR "
                         "[--team NAME] [--municipality NAME] [--seal CARD.json]\n"
                         "       fhir export --profile NAME [--client ID] [--passphrase-file F] "
                         "--out DIR [--team NAME] [--municipality NAME] [--seal CARD.json]");
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--passphrase-file") == 0 && v && !o.pass_file)
            o.pass_file = argv[++i];
        else if (strcmp(a, "--out") == 0 && v && !o.dir)
            o.dir = argv[++i];
        else if (strcmp(a, "--team") == 0 && v && !o.team)
            o.team = argv[++i];
        else if (strcmp(a, "--municipality") == 0 && v && !o.mun)
            o.mun = argv[++i];
        else if (strcmp(a, "--seal") == 0 && v && !o.seal)
            o.seal = argv[++i];
        else if (strcmp(a, "--profile") == 0 && v && !o.profile)
            o.profile = argv[++i];
        else if (strcmp(a, "--client") == 0 && v && !o.client)
            o.client = argv[++i];
        else if (a[0] != '-' && !o.journal)
            o.journal = a;
        else
            return ctl_usage("fhir export: unexpected '%s' (or it lacks its value)", a);
    }
    if (!o.dir || !o.journal == !o.profile)
        return ctl_usage("fhir export: give a client's JOURNAL or a team's --profile NAME, and "
                         "--out DIR");
    if (o.client && !o.profile)
        return ctl_usage("fhir export: --client picks one client of a team's --profile");
    return run_export(ctx, &o);
}
