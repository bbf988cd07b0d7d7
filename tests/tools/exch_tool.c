/* exch_tool: drives the exchange formats of the core (minisign, age, the two containers) from
 * shell tests, so they can be checked against the real `minisign` and `age` programs. A test
 * helper, not installed. Its own secret key file is one line, the base64 of key id || seed.
 *
 *   exch_tool ms-keygen SEC PUB            ms-sign SEC FILE TRUSTED (writes FILE.minisig)
 *   exch_tool ms-verify PUB FILE [SIG]     (prints the trusted comment)
 *   exch_tool age-keygen ID                (prints the recipient)
 *   exch_tool age-recipient ID             age-enc RECIPIENT IN OUT     age-dec ID IN OUT
 *   exch_tool oppdrag-write SEC PAYLOAD CLIENT SEQ EXPIRES OUT
 *   exch_tool oppdrag-read FILE [PUB [CLIENT [LAST_SEQ [NOW]]]]
 *   exch_tool rapport-write SEC RECIPIENT PAYLOAD REPORT SEQ OUT
 *   exch_tool rapport-read ID FILE [PUB [LAST_SEQ]]
 *   exch_tool fpr-card SEC ID              (the fingerprint of the Ed25519 and X25519 keys)
 * Refusals print "refused <why>: <message>" on stderr and exit 1. */
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_BINARY
#define O_BINARY 0 /* POSIX has no text mode; Windows' open() would write \r\n */
#endif

#include "tp_term.h"
#include "tp_fs.h"
#include "tr_age.h"
#include "tr_exch.h"
#include "tr_fpr.h"
#include "tr_minisign.h"

/* Every buffer a command allocates, freed by main when the command returns. */
typedef struct tool {
    void *keep[8];
    size_t n;
} tool;

static void *keep(tool *t, void *p)
{
    if (t->n < sizeof t->keep / sizeof t->keep[0])
        t->keep[t->n++] = p;
    return p;
}

static int die(const char *what, const tr_error *err)
{
    fprintf(stderr, "exch_tool: %s: %s\n", what, err ? err->msg : "failed");
    return 1;
}

static char *slurp(tool *t, const char *path, size_t *len)
{
    char *buf = NULL;
    if (tp_fs_read_file(path, (size_t)80 << 20, &buf, len) != 0) {
        fprintf(stderr, "exch_tool: cannot read %s\n", path);
        exit(1);
    }
    return keep(t, buf);
}

static void spit(const char *path, const void *buf, size_t len, int mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_BINARY, mode);
    if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd) != 0) {
        fprintf(stderr, "exch_tool: cannot write %s\n", path);
        exit(1);
    }
}

static void load_sec(tool *t, const char *path, tr_ms_key *key)
{
    size_t len, got = 0;
    char *text = slurp(t, path, &len);
    uint8_t raw[40];
    tr_error err = {0};
    if (sodium_base642bin(raw, sizeof raw, text, strcspn(text, "\n"), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != 40 || tr_ms_key_from_seed(key, raw, raw + 8, &err) != TR_OK) {
        fprintf(stderr, "exch_tool: %s is not a key of this tool\n", path);
        exit(1);
    }
}

static void load_pub(tool *t, const char *path, tr_ms_pub *pub)
{
    size_t len;
    char *text = slurp(t, path, &len);
    tr_error err = {0};
    if (tr_ms_pub_parse(text, len, pub, &err) != TR_OK)
        exit(die(path, &err));
}

static void load_id(tool *t, const char *path, tr_age_identity *id)
{
    size_t len;
    char *text = slurp(t, path, &len);
    tr_error err = {0};
    if (tr_age_identity_parse(text, len, id, &err) != TR_OK)
        exit(die(path, &err));
}

static int refused(const tr_exch_info *info, const tr_error *err)
{
    fprintf(stderr, "refused %s: %s\n", tr_exch_why_name(info->why), err->msg);
    return 1;
}

static int ms_cmd(tool *t, int argc, char **argv)
{
    tr_error err = {0};
    tr_ms_key key;
    tr_ms_pub pub;
    tr_ms_sig sig;
    if (strcmp(argv[1], "ms-keygen") == 0 && argc == 4) {
        uint8_t raw[40];
        char b64[64], file[160];
        if (tr_ms_keygen(&key, &err) != TR_OK)
            return die("keygen", &err);
        memcpy(raw, key.keyid, 8);
        memcpy(raw + 8, key.sk, 32);
        sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
        strcat(b64, "\n");
        spit(argv[2], b64, strlen(b64), 0600);
        tr_ms_key_pub(&key, &pub);
        tr_ms_pub_file(&pub, file, sizeof file, &err);
        spit(argv[3], file, strlen(file), 0644);
        return 0;
    }
    if (strcmp(argv[1], "ms-sign") == 0 && argc == 5) {
        size_t len, slen;
        char *msg = slurp(t, argv[3], &len), *out, path[4096];
        load_sec(t, argv[2], &key);
        if (tr_ms_sign(&key, (uint8_t *)msg, len, NULL, argv[4], &out, &slen, &err) != TR_OK)
            return die("sign", &err);
        snprintf(path, sizeof path, "%s.minisig", argv[3]);
        spit(path, keep(t, out), slen, 0644);
        return 0;
    }
    if (strcmp(argv[1], "ms-verify") == 0 && (argc == 4 || argc == 5)) {
        size_t len, slen;
        char path[4096], *msg = slurp(t, argv[3], &len), *text;
        snprintf(path, sizeof path, "%s.minisig", argv[3]);
        text = slurp(t, argc == 5 ? argv[4] : path, &slen);
        load_pub(t, argv[2], &pub);
        if (tr_ms_verify(&pub, (uint8_t *)msg, len, text, slen, &sig, &err) != TR_OK)
            return die("verify", &err);
        printf("%.*s\n", (int)sig.trusted_len, sig.trusted);
        return 0;
    }
    fprintf(stderr, "exch_tool: bad arguments\n");
    return 2;
}

static int age_cmd(tool *t, int argc, char **argv)
{
    tr_error err = {0};
    tr_age_identity id;
    char str[TR_AGE_KEY_STR];
    if (strcmp(argv[1], "age-keygen") == 0 && argc == 3) {
        char line[TR_AGE_KEY_STR + 1];
        if (tr_age_keygen(&id, &err) != TR_OK)
            return die("keygen", &err);
        tr_age_identity_str(&id, line);
        strcat(line, "\n");
        spit(argv[2], line, strlen(line), 0600);
        tr_age_recipient_str(id.pk, str);
        puts(str);
        return 0;
    }
    if (strcmp(argv[1], "age-recipient") == 0 && argc == 3) {
        load_id(t, argv[2], &id);
        tr_age_recipient_str(id.pk, str);
        puts(str);
        return 0;
    }
    if (strcmp(argv[1], "age-enc") == 0 && argc == 5) {
        uint8_t pk[32], *out;
        size_t len, olen;
        char *in = slurp(t, argv[3], &len);
        if (tr_age_recipient_parse(argv[2], pk, &err) != TR_OK)
            return die("recipient", &err);
        if (tr_age_encrypt(pk, 1, (uint8_t *)in, len, &out, &olen, &err) != TR_OK)
            return die("encrypt", &err);
        spit(argv[4], keep(t, out), olen, 0644);
        return 0;
    }
    if (strcmp(argv[1], "age-dec") == 0 && argc == 5) {
        uint8_t *out;
        size_t len, olen;
        char *in = slurp(t, argv[3], &len);
        load_id(t, argv[2], &id);
        if (tr_age_decrypt(&id, (uint8_t *)in, len, &out, &olen, &err) != TR_OK)
            return die("decrypt", &err);
        spit(argv[4], out, olen, 0600);
        tr_age_free(out, olen);
        return 0;
    }
    fprintf(stderr, "exch_tool: bad arguments\n");
    return 2;
}

static int exch_cmd(tool *t, int argc, char **argv)
{
    tr_error err = {0};
    tr_exch_info info;
    tr_exch_expect ex = {0};
    tr_ms_key key;
    tr_ms_pub pub;
    tr_age_identity id;
    size_t len;
    if (strcmp(argv[1], "oppdrag-write") == 0 && argc == 8) {
        char *payload = slurp(t, argv[3], &len), *out;
        size_t olen;
        tr_exch_oppdrag_meta m = {argv[4], strtoull(argv[5], NULL, 10), argv[6]};
        load_sec(t, argv[2], &key);
        if (tr_exch_oppdrag_write(&key, (uint8_t *)payload, len, &m, &out, &olen, &err) != TR_OK)
            return die("oppdrag-write", &err);
        spit(argv[7], keep(t, out), olen, 0644);
        return 0;
    }
    if (strcmp(argv[1], "oppdrag-read") == 0 && argc >= 3 && argc <= 7) {
        char *data = slurp(t, argv[2], &len);
        if (argc > 3 && argv[3][0]) {
            load_pub(t, argv[3], &pub);
            ex.signer = &pub;
        }
        if (argc > 4 && argv[4][0])
            ex.client = argv[4];
        if (argc > 5 && argv[5][0]) {
            ex.has_last_seq = 1;
            ex.last_seq = strtoull(argv[5], NULL, 10);
        }
        if (argc > 6)
            ex.now = strtoll(argv[6], NULL, 10);
        if (tr_exch_oppdrag_read((uint8_t *)data, len, &ex, &info, &err) != TR_OK)
            return refused(&info, &err);
        printf("client=%s seq=%" PRIu64 " expires=%s\n%s\n", info.client, info.seq, info.expires,
               info.payload);
        tr_exch_info_free(&info);
        return 0;
    }
    if (strcmp(argv[1], "rapport-write") == 0 && argc == 8) {
        char *payload = slurp(t, argv[4], &len);
        uint8_t pk[32], *out;
        size_t olen;
        tr_exch_rapport_meta m = {argv[5], strtoull(argv[6], NULL, 10), NULL};
        load_sec(t, argv[2], &key);
        if (tr_age_recipient_parse(argv[3], pk, &err) != TR_OK)
            return die("recipient", &err);
        if (tr_exch_rapport_write(&key, pk, (uint8_t *)payload, len, &m, &out, &olen, &err) !=
            TR_OK)
            return die("rapport-write", &err);
        spit(argv[7], keep(t, out), olen, 0644);
        return 0;
    }
    if (strcmp(argv[1], "rapport-read") == 0 && argc >= 4 && argc <= 6) {
        char *data = slurp(t, argv[3], &len);
        load_id(t, argv[2], &id);
        if (argc > 4 && argv[4][0]) {
            load_pub(t, argv[4], &pub);
            ex.signer = &pub;
        }
        if (argc > 5) {
            ex.has_last_seq = 1;
            ex.last_seq = strtoull(argv[5], NULL, 10);
        }
        if (tr_exch_rapport_read(&id, (uint8_t *)data, len, &ex, &info, &err) != TR_OK)
            return refused(&info, &err);
        printf("report=%s seq=%" PRIu64 " to=%s\n%s\n", info.report_id, info.seq, info.to,
               info.payload);
        tr_exch_info_free(&info);
        return 0;
    }
    if (strcmp(argv[1], "fpr-card") == 0 && argc == 4) {
        uint8_t keys[64];
        char fpr[TR_FPR_TEXT];
        load_sec(t, argv[2], &key);
        load_id(t, argv[3], &id);
        memcpy(keys, key.sk + 32, 32);
        memcpy(keys + 32, id.pk, 32);
        tr_fpr_keys(keys, 2, fpr);
        puts(fpr);
        return 0;
    }
    fprintf(stderr, "exch_tool: bad arguments (see the comment at the top of exch_tool.c)\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (tp_term_init(&argc, &argv) != 0) /* binary stdout on Windows: the same bytes */
        return 2;
    tool t = {0};
    int rc;
    if (argc < 2 || sodium_init() < 0)
        return 2;
    if (strncmp(argv[1], "ms-", 3) == 0)
        rc = ms_cmd(&t, argc, argv);
    else if (strncmp(argv[1], "age-", 4) == 0)
        rc = age_cmd(&t, argc, argv);
    else
        rc = exch_cmd(&t, argc, argv);
    for (size_t i = 0; i < t.n; i++)
        free(t.keep[i]);
    return rc;
}
