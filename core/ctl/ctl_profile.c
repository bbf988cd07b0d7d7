/* trinnctl profile: the profiles of a data folder, through the same store the app uses
 * (core/tr_profile.h), so a clinic can list them, make one, and remove a forgotten one with
 * its label:
 *   trinnctl [--data-dir D] profile list
 *   trinnctl [--data-dir D] profile create --kind client|therapist --name NAME [--label L]
 *            [--symbol S] [--service S --phone P --hours H (a therapist's team card)]
 *            [--join (a therapist who joins a team through enrolment: no team key made)]
 *            [--colour C] [--passphrase-file F] [--kdf-ops N --kdf-mem-kib N]
 *   trinnctl [--data-dir D] profile delete --profile LABEL-OR-ID --yes
 * A delete needs no passphrase (the point is a forgotten one) and erases the journal for good:
 * --yes says the operator means it. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_care.h"
#include "tr_profile.h"
#include "tr_words.h"

typedef struct prof_opts {
    const char *kind, *name, *label, *symbol, *colour, *pass_file, *profile;
    const char *service, *phone, *hours; /* a therapist's team card */
    int join; /* a therapist who joins a team: no team key of its own (team join) */
    uint64_t kdf_ops;
    size_t kdf_mem;
    int yes;
} prof_opts;

static int parse(int argc, char **argv, prof_opts *o)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = NULL;
        if (strcmp(a, "--yes") == 0 || strcmp(a, "--join") == 0) {
            *(a[2] == 'y' ? &o->yes : &o->join) = 1;
            continue;
        }
        if (strcmp(a, "--kind") == 0)
            slot = &o->kind;
        else if (strcmp(a, "--name") == 0)
            slot = &o->name;
        else if (strcmp(a, "--label") == 0)
            slot = &o->label;
        else if (strcmp(a, "--symbol") == 0)
            slot = &o->symbol;
        else if (strcmp(a, "--colour") == 0)
            slot = &o->colour;
        else if (strcmp(a, "--passphrase-file") == 0)
            slot = &o->pass_file;
        else if (strcmp(a, "--profile") == 0)
            slot = &o->profile;
        else if (strcmp(a, "--service") == 0)
            slot = &o->service;
        else if (strcmp(a, "--phone") == 0)
            slot = &o->phone;
        else if (strcmp(a, "--hours") == 0)
            slot = &o->hours;
        if (!v && (slot || !strcmp(a, "--kdf-ops") || !strcmp(a, "--kdf-mem-kib")))
            return ctl_usage("profile: %s needs a value", a);
        if (slot) {
            *slot = v;
        } else if (strcmp(a, "--kdf-ops") == 0) {
            o->kdf_ops = strtoull(v, NULL, 10);
        } else if (strcmp(a, "--kdf-mem-kib") == 0) {
            o->kdf_mem = (size_t)strtoull(v, NULL, 10) * 1024;
        } else {
            return ctl_usage("profile: unknown option '%s'", a);
        }
        i++;
    }
    return 0;
}

static cJSON *info_json(const tr_profile_info *p)
{
    cJSON *o = cJSON_CreateObject();
    if (o && (!cJSON_AddStringToObject(o, "id", p->id) ||
              !cJSON_AddStringToObject(o, "kind", tr_profile_kind_name(p->kind)) ||
              !cJSON_AddStringToObject(o, "symbol", p->symbol) ||
              !cJSON_AddStringToObject(o, "colour", p->colour) ||
              !cJSON_AddStringToObject(o, "label", p->label))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int cmd_list(const tr_profile_desc *d)
{
    tr_profile_info *list = NULL;
    size_t n = 0;
    tr_error err = {0};
    if (tr_profile_list(d, &list, &n, &err) != TR_OK)
        return ctl_fail(&err);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *o = info_json(&list[i]);
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            cJSON_Delete(arr);
            arr = NULL;
        }
    }
    tr_profile_list_free(list);
    return ctl_print_json(arr);
}

static int cmd_create(const ctl_ctx *ctx, tr_profile_desc *d, const prof_opts *o)
{
    tr_profile_new np = {
        .name = o->name, .label = o->label, .symbol = o->symbol, .colour = o->colour};
    tr_error err = {0};
    if (!o->kind || tr_profile_kind_parse(o->kind, &np.kind) != 0)
        return ctl_usage("profile create: --kind must be client or therapist");
    if (!o->name)
        return ctl_usage("profile create: --name NAME is required (it is kept encrypted)");
    if (tr_profile_check_new(d, &np, &err) != TR_OK)
        return ctl_fail(&err);
    if (tr_journal_costs_weak(d->kdf_ops, d->kdf_mem) && tr_journal_test_costs())
        fprintf(stderr,
                "trinnctl: WARNING: key derivation costs below the minimum (ops %d, %zu KiB): "
                "anyone with the journal file could guess its passphrase quickly. This test "
                "build allows them for the test suite only; never use them for real data.\n",
                TR_JOURNAL_MIN_KDF_OPS, TR_JOURNAL_MIN_KDF_MEM >> 10);
    /* the strength floor counts the pack's common words, as the app does */
    tr_words *words = NULL;
    if (ctx->content_dir && tr_words_load(ctx->content_dir, &words, NULL, NULL) == TR_OK)
        d->words = words;
    ctl_pass pass = {0};
    int rc = CTL_EXIT_FAIL;
    tr_profile p = {0};
    if (ctl_pass_get(o->pass_file, "New passphrase: ", 1, &pass) != 0)
        goto done;
    if (tr_profile_create(d, &np, pass.buf, pass.len, &p, &err) != TR_OK) {
        rc = ctl_fail(&err);
        goto done;
    }
    /* the exchange keys: a therapist's team keys and card, a client's device key
     * (core/EXCHANGE.md §5) */
    if (ctl_care_init_keys(&p, np.kind == TR_PROFILE_THERAPIST, o->join, o->name, o->service,
                           o->phone, o->hours) != 0) {
        tr_profile_close(&p);
        goto done;
    }
    cJSON *out = info_json(&p.info);
    tr_profile_close(&p);
    rc = ctl_print_json(out);
done:
    ctl_pass_free(&pass);
    tr_words_free(words);
    d->words = NULL;
    return rc;
}

static int cmd_delete(const tr_profile_desc *d, const prof_opts *o)
{
    tr_profile_info info;
    tr_error err = {0};
    if (!o->profile)
        return ctl_usage("profile delete: --profile LABEL-OR-ID is required");
    if (tr_profile_find(d, o->profile, &info, &err) != TR_OK)
        return ctl_fail(&err);
    if (!o->yes) {
        fprintf(stderr,
                "trinnctl: this erases profile %s%s%s%s and everything saved in it, for good, "
                "without its passphrase; add --yes to do it\n",
                info.id, info.label[0] ? " (\"" : "", info.label, info.label[0] ? "\")" : "");
        return CTL_EXIT_USAGE;
    }
    if (tr_profile_delete(d, info.id, NULL, 0, &err) != TR_OK)
        return ctl_fail(&err);
    cJSON *out = cJSON_CreateObject();
    if (out && !cJSON_AddStringToObject(out, "deleted", info.id)) {
        cJSON_Delete(out);
        out = NULL;
    }
    return ctl_print_json(out);
}

int ctl_cmd_profile(ctl_ctx *ctx, int argc, char **argv)
{
    prof_opts o = {0};
    if (argc < 2)
        return ctl_usage("usage: trinnctl [--data-dir D] profile list|create|delete ...");
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (!ctx->data_dir)
        return ctl_usage("profile: no data folder; give it with --data-dir D");
    if (sodium_init() < 0) {
        fprintf(stderr, "trinnctl: libsodium could not start\n");
        return CTL_EXIT_FAIL;
    }
    tr_profile_desc d = {.data_dir = ctx->data_dir, .kdf_ops = o.kdf_ops, .kdf_mem = o.kdf_mem};
    if (strcmp(argv[1], "list") == 0)
        return cmd_list(&d);
    if (strcmp(argv[1], "create") == 0)
        return cmd_create(ctx, &d, &o);
    if (strcmp(argv[1], "delete") == 0)
        return cmd_delete(&d, &o);
    return ctl_usage("profile: unknown subcommand '%s' (list, create, delete)", argv[1]);
}
