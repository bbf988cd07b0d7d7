/* trinnctl kiosk: setting up a waiting-room kiosk (issue 15, tr_kiosk.h).
 *
 *   trinnctl kiosk init --out KEYFILE           the kiosk's device key (mode 0600); prints its
 *                                               public key and fingerprint for enrolment
 *   trinnctl kiosk pin --out HASHFILE [--pin-file F]   the staff PIN's Argon2id hash (the PIN
 *                                               from a no-echo prompt, asked twice, or F's first
 *                                               line)
 *   trinnctl --data-dir D kiosk enrol|revoke --profile NAME --passphrase-file F --key K
 *                                               [--label TEXT]
 *                                               a therapist profile accepts (or stops accepting)
 *                                               hand-ins signed by that kiosk; K is the public
 *                                               key ("RW...") or a file holding it; the label
 *                                               (where the kiosk stands) goes on the team card */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_care.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_fpr.h"
#include "tr_kiosk.h"

typedef struct kiosk_opts {
    const char *out, *pin_file, *profile, *pass_file, *key, *label;
} kiosk_opts;

static int parse(int argc, char **argv, kiosk_opts *o)
{
    for (int i = 2; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--out") == 0               ? &o->out
                            : strcmp(argv[i], "--pin-file") == 0        ? &o->pin_file
                            : strcmp(argv[i], "--profile") == 0         ? &o->profile
                            : strcmp(argv[i], "--passphrase-file") == 0 ? &o->pass_file
                            : strcmp(argv[i], "--key") == 0             ? &o->key
                            : strcmp(argv[i], "--label") == 0           ? &o->label
                                                                        : NULL;
        if (!slot)
            return ctl_usage("kiosk %s: unknown option '%s'", argv[1], argv[i]);
        if (i + 1 >= argc)
            return ctl_usage("%s needs a value", argv[i]);
        *slot = argv[++i];
    }
    return 0;
}

static int cmd_init(const kiosk_opts *o)
{
    tr_error err = {0};
    tr_ms_pub pub;
    char *text = NULL, b64[TR_MS_PUB_B64], fpr[TR_FPR_TEXT], id[TR_MS_KEYID_HEX];
    size_t len = 0;
    if (!o->out)
        return ctl_usage("kiosk init: --out KEYFILE is required");
    if (tp_fs_exists(o->out)) {
        fprintf(stderr,
                "trinnctl: %s exists; a kiosk keeps its key (the team enrolled it). Remove the "
                "file first to make a new key, and enrol the new one.\n",
                o->out);
        return CTL_EXIT_FAIL;
    }
    if (tr_kiosk_key_new(&text, &len, &pub, &err) != TR_OK)
        return ctl_fail(&err);
    int rc = ctl_care_write(o->out, text, len);
    tr_team_secret_free(text, len);
    if (rc != 0)
        return CTL_EXIT_FAIL;
    tr_ms_pub_b64(&pub, b64);
    tr_fpr_keys(pub.pk, 1, fpr);
    tr_ms_keyid_hex(pub.keyid, id);
    fprintf(stderr,
            "trinnctl: %s holds the kiosk's secret key; only the kiosk's user may read it.\n"
            "Enrol it on a therapist's PC: trinnctl kiosk enrol --profile NAME --key %s\n"
            "and compare the fingerprint %s.\n",
            o->out, b64, fpr);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "key_file", o->out);
    cJSON_AddStringToObject(r, "sign_key", b64);
    cJSON_AddStringToObject(r, "key_id", id);
    cJSON_AddStringToObject(r, "fingerprint", fpr);
    return ctl_print_json(r);
}

static int cmd_pin(const kiosk_opts *o)
{
    tr_error err = {0};
    ctl_pass pin = {0};
    char hash[TR_KIOSK_HASH_MAX + 1];
    if (!o->out)
        return ctl_usage("kiosk pin: --out HASHFILE is required");
    if (sodium_init() < 0) {
        fprintf(stderr, "trinnctl: libsodium could not start\n");
        return CTL_EXIT_FAIL;
    }
    if (ctl_pass_get(o->pin_file, "Staff PIN (4-12 digits): ", 1, &pin) != 0) {
        ctl_pass_free(&pin);
        return CTL_EXIT_FAIL;
    }
    tr_status st = tr_kiosk_pin_hash(pin.buf, pin.len, hash, &err);
    ctl_pass_free(&pin);
    if (st != TR_OK)
        return ctl_fail(&err);
    size_t n = strlen(hash);
    hash[n] = '\n';
    if (ctl_care_write(o->out, hash, n + 1) != 0)
        return CTL_EXIT_FAIL;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "pin_file", o->out);
    cJSON_AddStringToObject(r, "algorithm", "argon2id");
    return ctl_print_json(r);
}

/* The kiosk's public key from --key: the "RW..." line itself, or a file holding it. */
static int read_pub(const char *key, tr_ms_pub *pub)
{
    tr_error err = {0};
    char *text = NULL;
    size_t len = 0;
    if (tr_ms_pub_parse(key, strlen(key), pub, &err) == TR_OK)
        return 0;
    if (tp_fs_read_file(key, 4096, &text, &len) != 0) {
        fprintf(stderr, "trinnctl: --key %s: %s\n", key, err.msg);
        return -1;
    }
    /* a file: a minisign public key file, or the output of kiosk init (its "sign_key") */
    tr_status st = tr_ms_pub_parse(text, len, pub, &err);
    if (st != TR_OK) {
        cJSON *j = cJSON_ParseWithLength(text, len);
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "sign_key");
        if (cJSON_IsString(k))
            st = tr_ms_pub_parse(k->valuestring, strlen(k->valuestring), pub, &err);
        cJSON_Delete(j);
    }
    free(text);
    if (st != TR_OK)
        fprintf(stderr, "trinnctl: --key %s: no kiosk public key in it (%s)\n", key, err.msg);
    return st == TR_OK ? 0 : -1;
}

static int cmd_enrol(const ctl_ctx *ctx, const kiosk_opts *o, int revoke)
{
    tr_profile p;
    tr_care_state s;
    tr_ms_pub pub;
    char now[32], fpr[TR_FPR_TEXT];
    if (!o->key)
        return ctl_usage("kiosk %s: --key KEY is required", revoke ? "revoke" : "enrol");
    if (o->label && (revoke || !tr_kiosk_label_ok(o->label)))
        return ctl_usage(revoke ? "kiosk revoke: a revoked kiosk keeps no label"
                                : "kiosk enrol: --label must be 1-%d bytes on one line",
                         TR_KIOSK_LABEL_MAX);
    if (read_pub(o->key, &pub) != 0)
        return CTL_EXIT_FAIL;
    ctl_care_opts co = {.profile = o->profile, .pass_file = o->pass_file};
    int rc = ctl_care_unlock(ctx, &co, TR_PROFILE_THERAPIST, &p, &s);
    if (rc != 0)
        return rc;
    tp_clock_format(tp_clock_now(), now, sizeof now);
    char *rec = tr_kiosk_enrol_record(&pub, revoke, now, o->label);
    rc = rec && ctl_care_append(&p, rec) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
    free(rec);
    ctl_care_close(&p, &s);
    if (rc != CTL_EXIT_OK)
        return rc;
    tr_fpr_keys(pub.pk, 1, fpr);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, revoke ? "revoked" : "enrolled", fpr);
    return ctl_print_json(r);
}

int ctl_cmd_kiosk(ctl_ctx *ctx, int argc, char **argv)
{
    kiosk_opts o = {0};
    int rc;
    if (argc < 2)
        return ctl_usage("usage: trinnctl kiosk init|pin|enrol|revoke ...");
    if ((rc = parse(argc, argv, &o)) != 0)
        return rc;
    if (strcmp(argv[1], "init") == 0)
        return cmd_init(&o);
    if (strcmp(argv[1], "pin") == 0)
        return cmd_pin(&o);
    if (strcmp(argv[1], "enrol") == 0 || strcmp(argv[1], "revoke") == 0)
        return cmd_enrol(ctx, &o, argv[1][0] == 'r');
    return ctl_usage("kiosk: unknown subcommand '%s' (init, pin, enrol or revoke)", argv[1]);
}
