/* trinnctl assignment: assignments (.trinn-oppdrag) from the team, core/EXCHANGE.md §4.
 *
 *   trinnctl assignment unpack X.trinn-oppdrag --out DIR
 *
 * checks the file's signature against the key it names (the fingerprint is what proves whose
 * key that is: compare key_id with the team's public key), then writes DIR/assignment.json (the
 * signed payload, byte for byte) and DIR/assignment.json.minisig, so that
 * `minisign -Vm DIR/assignment.json -p TEAM.pub` checks it with the team's own key.
 *
 *   trinnctl --data-dir D2 assignment import X.trinn-oppdrag --profile C [--passphrase-file F2]
 *            [--trust FINGERPRINT]
 *
 * imports it into a client profile (core/EXCHANGE.md §6): the first one from a team shows the
 * team's fingerprint and imports only when the client confirms it (typed at the terminal, or
 * --trust), later ones must be that team's, for this client, newer, not expired. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_care.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_exch.h"

/* Reads a container file into *data; -1 after printing why. */
static int read_input(const char *path, char **data, size_t *len)
{
    int rc = tp_fs_read_file(path, TR_EXCH_MAX_FILE, data, len);
    if (rc == 0)
        return 0;
    fprintf(stderr, "trinnctl: %s: %s\n", path,
            rc == -EFBIG ? "over the size of any assignment: not an assignment" : strerror(-rc));
    return -1;
}

static int cmd_unpack(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    char *data = NULL, path[4096], id[TR_MS_KEYID_HEX], b64[TR_MS_PUB_B64];
    uint8_t *payload = NULL;
    const char *sig = NULL;
    size_t len = 0, plen = 0, slen = 0;
    tr_exch_info info = {0};
    tr_exch_expect any = {0};
    tr_error err = {0};
    int rc = CTL_EXIT_FAIL;
    cJSON *r;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strncmp(argv[i], "--", 2) != 0 && !in)
            in = argv[i];
        else
            return ctl_usage("assignment unpack: unexpected '%s'", argv[i]);
    }
    if (!in || !out)
        return ctl_usage("usage: trinnctl assignment unpack X.trinn-oppdrag --out DIR");
    if (read_input(in, &data, &len) != 0)
        goto fail;
    if (tr_exch_oppdrag_read((uint8_t *)data, len, &any, &info, &err) != TR_OK) {
        fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", in, tr_exch_why_name(info.why),
                err.msg);
        goto fail;
    }
    if (tr_exch_oppdrag_split((uint8_t *)data, len, &payload, &plen, &sig, &slen, &err) != TR_OK)
        goto fail_err;
    if (tp_fs_mkdirs(out) != 0) {
        tr_error_set(&err, TR_E_IO, "%s: cannot create the folder", out);
        goto fail_err;
    }
    if (tp_path_join(path, sizeof path - 8, out, "assignment.json") != 0) {
        tr_error_set(&err, TR_E_IO, "%s: the folder's path is too long", out);
        goto fail_err;
    }
    /* ctl_care_write says on stderr what failed */
    if (ctl_care_write(path, payload, plen) != 0)
        goto fail;
    strcat(path, ".minisig");
    if (ctl_care_write(path, sig, slen) != 0)
        goto fail;
    tr_ms_keyid_hex(info.signer.keyid, id);
    tr_ms_pub_b64(&info.signer, b64);
    r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "folder", out);
    cJSON_AddStringToObject(r, "client", info.client);
    cJSON_AddNumberToObject(r, "seq", (double)info.seq);
    cJSON_AddStringToObject(r, "expires", info.expires);
    cJSON_AddStringToObject(r, "key_id", id);
    cJSON_AddStringToObject(r, "public_key", b64);
    rc = ctl_print_json(r);
    goto fail;
fail_err:
    ctl_fail(&err);
fail:
    tr_exch_info_free(&info);
    free(payload);
    free(data);
    return rc;
}

static int cmd_import(const ctl_ctx *ctx, int argc, char **argv)
{
    ctl_care_opts o = {0};
    tr_profile p;
    tr_care_state s;
    tr_care_import_result res = {0};
    tr_error err = {0};
    char *data = NULL, typed[128];
    size_t len = 0;
    int rc;
    if ((rc = ctl_care_parse(argc, argv, 2, &o)) != 0)
        return rc;
    if (!o.file)
        return ctl_usage("usage: trinnctl assignment import X.trinn-oppdrag --profile C ...");
    if (read_input(o.file, &data, &len) != 0)
        return CTL_EXIT_FAIL;
    if ((rc = ctl_care_unlock(ctx, &o, TR_PROFILE_CLIENT, &p, &s)) != 0) {
        free(data);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    tr_status st = tr_care_import(&s, (uint8_t *)data, len, tp_clock_now(), o.trust, &res, &err);
    if (st == TR_OK && res.needs_trust) {
        /* the first assignment from this team: the client compares the fingerprint */
        FILE *tty = fopen("/dev/tty", "r+");
        if (!tty) {
            fprintf(stderr,
                    "trinnctl: the first assignment from %s: its fingerprint is %s. Compare it "
                    "with the one your therapist gave you; only if they are the same, run again "
                    "with --trust and the fingerprint your therapist gave you.\n",
                    res.team_service, res.fingerprint);
            goto done;
        }
        fprintf(tty,
                "The first assignment from %s.\nIts fingerprint is:  %s\nType the fingerprint "
                "your therapist gave you: ",
                res.team_service, res.fingerprint);
        fflush(tty);
        if (!fgets(typed, sizeof typed, tty))
            typed[0] = '\0';
        fclose(tty);
        typed[strcspn(typed, "\n")] = '\0';
        tr_care_import_free(&res);
        st = tr_care_import(&s, (uint8_t *)data, len, tp_clock_now(), typed, &res, &err);
    }
    if (st != TR_OK) {
        fprintf(stderr, "trinnctl: %s: refused (%s): %s\n", o.file, tr_exch_why_name(res.why),
                err.msg);
        goto done;
    }
    if ((res.pin_record && ctl_care_append(&p, res.pin_record) != 0) ||
        ctl_care_append(&p, res.record) != 0)
        goto done;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "imported", o.file);
    cJSON_AddNumberToObject(r, "seq", (double)res.seq);
    cJSON_AddStringToObject(r, "expires", res.expires);
    cJSON_AddStringToObject(r, "team", res.team_service);
    cJSON_AddStringToObject(r, "team_fingerprint", res.fingerprint);
    cJSON_AddBoolToObject(r, "first", res.pin_record != NULL);
    rc = ctl_print_json(r);
done:
    tr_care_import_free(&res);
    ctl_care_close(&p, &s);
    free(data);
    return rc;
}

int ctl_cmd_assignment(ctl_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "unpack") == 0)
        return cmd_unpack(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return cmd_import(ctx, argc, argv);
    return ctl_usage("usage: trinnctl assignment unpack X.trinn-oppdrag --out DIR | import "
                     "X.trinn-oppdrag --profile C [--passphrase-file F] [--trust FINGERPRINT]");
}
