/* tr_minisign: see tr_minisign.h and core/EXCHANGE.md §1. */
#include "tr_minisign.h"

#include "tr_b64.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char UNTRUSTED[] = "untrusted comment: ";
static const char TRUSTED[] = "trusted comment: ";
#define PUB_RAW    (2 + TR_MS_KEYID_BYTES + 32)
#define SIG_RAW    (2 + TR_MS_KEYID_BYTES + 64)
#define SIG_B64    (((SIG_RAW + 2) / 3) * 4) /* 100 */
#define GLOBAL_B64 88

tr_status tr_ms_keygen(tr_ms_key *key, tr_error *err)
{
    uint8_t pk[32];
    if (sodium_init() < 0 || crypto_sign_keypair(pk, key->sk) != 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not make a signing key");
    randombytes_buf(key->keyid, sizeof key->keyid);
    return TR_OK;
}

tr_status tr_ms_key_from_seed(tr_ms_key *key, const uint8_t keyid[TR_MS_KEYID_BYTES],
                              const uint8_t seed[32], tr_error *err)
{
    uint8_t pk[32];
    if (sodium_init() < 0 || crypto_sign_seed_keypair(pk, key->sk, seed) != 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not make a signing key");
    memcpy(key->keyid, keyid, TR_MS_KEYID_BYTES);
    return TR_OK;
}

void tr_ms_key_pub(const tr_ms_key *key, tr_ms_pub *pub)
{
    memcpy(pub->keyid, key->keyid, TR_MS_KEYID_BYTES);
    memcpy(pub->pk, key->sk + 32, 32);
}

void tr_ms_key_wipe(tr_ms_key *key)
{
    if (key)
        sodium_memzero(key, sizeof *key);
}

void tr_ms_keyid_hex(const uint8_t keyid[TR_MS_KEYID_BYTES], char hex[TR_MS_KEYID_HEX])
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < TR_MS_KEYID_BYTES; i++) {
        uint8_t b = keyid[TR_MS_KEYID_BYTES - 1 - i];
        hex[2 * i] = digits[b >> 4];
        hex[2 * i + 1] = digits[b & 15];
    }
    hex[TR_MS_KEYID_HEX - 1] = '\0';
}

void tr_ms_pub_b64(const tr_ms_pub *pub, char b64[TR_MS_PUB_B64])
{
    uint8_t raw[PUB_RAW];
    raw[0] = 'E';
    raw[1] = 'd';
    memcpy(raw + 2, pub->keyid, TR_MS_KEYID_BYTES);
    memcpy(raw + 2 + TR_MS_KEYID_BYTES, pub->pk, 32);
    sodium_bin2base64(b64, TR_MS_PUB_B64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
}

tr_status tr_ms_pub_file(const tr_ms_pub *pub, char *buf, size_t size, tr_error *err)
{
    char id[TR_MS_KEYID_HEX], b64[TR_MS_PUB_B64];
    if (size < 128)
        return tr_error_set(err, TR_E_TOOBIG, "buffer too small for a public key file");
    tr_ms_keyid_hex(pub->keyid, id);
    tr_ms_pub_b64(pub, b64);
    snprintf(buf, size, "%sminisign public key %s\n%s\n", UNTRUSTED, id, b64);
    return TR_OK;
}

/* Decodes exactly want bytes of canonical base64 (with padding) from s[0..n). */
static int b64_exact(const char *s, size_t n, uint8_t *out, size_t want)
{
    size_t got = 0;
    if (n != ((want + 2) / 3) * 4 || tr_b64_decode(s, n, out, want, &got, 1) != 0)
        return -1;
    return got == want ? 0 : -1;
}

tr_status tr_ms_pub_parse(const char *text, size_t len, tr_ms_pub *pub, tr_error *err)
{
    uint8_t raw[PUB_RAW];
    const char *line = text;
    size_t n = len;
    const char *nl = memchr(text, '\n', len);
    if (len >= sizeof UNTRUSTED - 1 && memcmp(text, UNTRUSTED, sizeof UNTRUSTED - 1) == 0) {
        if (!nl)
            return tr_error_set(err, TR_E_PARSE,
                                "public key: the comment line is not followed by the key");
        if ((size_t)(nl - text) > sizeof UNTRUSTED - 1 + TR_MS_UNTRUSTED_MAX)
            return tr_error_set(err, TR_E_PARSE, "public key: the comment line is too long");
        line = nl + 1;
        n = len - (size_t)(line - text);
    }
    if (n > 0 && line[n - 1] == '\n')
        n--;
    if (memchr(line, '\n', n) || memchr(line, '\r', n))
        return tr_error_set(err, TR_E_PARSE,
                            "public key: expected one comment line and one key line, nothing "
                            "more (Windows line ends are not accepted)");
    if (b64_exact(line, n, raw, sizeof raw) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "public key: the key line is not the 56 base64 characters of a "
                            "minisign public key");
    if (raw[0] != 'E' || raw[1] != 'd')
        return tr_error_set(err, TR_E_PARSE,
                            "public key: not an Ed25519 minisign key (algorithm '%c%c')",
                            raw[0] >= 32 && raw[0] < 127 ? raw[0] : '?',
                            raw[1] >= 32 && raw[1] < 127 ? raw[1] : '?');
    memcpy(pub->keyid, raw + 2, TR_MS_KEYID_BYTES);
    memcpy(pub->pk, raw + 2 + TR_MS_KEYID_BYTES, 32);
    return TR_OK;
}

static int comment_ok(const char *c, size_t max)
{
    size_t n = strlen(c);
    return n <= max && !strpbrk(c, "\r\n");
}

tr_status tr_ms_sign(const tr_ms_key *key, const uint8_t *msg, size_t len, const char *untrusted,
                     const char *trusted, char **out, size_t *out_len, tr_error *err)
{
    uint8_t hash[crypto_generichash_BYTES_MAX], raw[SIG_RAW], *glob_msg = NULL;
    uint8_t global[64];
    char sig_b64[SIG_B64 + 1], glob_b64[GLOBAL_B64 + 1];
    size_t tlen = 0, cap;
    tr_status st = TR_OK;

    *out = NULL;
    if (!untrusted)
        untrusted = "signature from trinn";
    if (!trusted || !comment_ok(untrusted, TR_MS_UNTRUSTED_MAX) ||
        !comment_ok(trusted, TR_MS_TRUSTED_MAX))
        return tr_error_set(err, TR_E_INVALID,
                            "a signature comment must be one line (trusted at most %d bytes, "
                            "untrusted at most %d)",
                            TR_MS_TRUSTED_MAX, TR_MS_UNTRUSTED_MAX);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    tlen = strlen(trusted);
    crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
    raw[0] = 'E';
    raw[1] = 'D';
    memcpy(raw + 2, key->keyid, TR_MS_KEYID_BYTES);
    crypto_sign_detached(raw + 2 + TR_MS_KEYID_BYTES, NULL, hash, sizeof hash, key->sk);
    glob_msg = malloc(64 + tlen);
    if (!glob_msg) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory while signing");
        goto fail;
    }
    memcpy(glob_msg, raw + 2 + TR_MS_KEYID_BYTES, 64);
    memcpy(glob_msg + 64, trusted, tlen);
    crypto_sign_detached(global, NULL, glob_msg, 64 + tlen, key->sk);
    sodium_bin2base64(sig_b64, sizeof sig_b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(glob_b64, sizeof glob_b64, global, sizeof global,
                      sodium_base64_VARIANT_ORIGINAL);
    cap = sizeof UNTRUSTED + strlen(untrusted) + SIG_B64 + sizeof TRUSTED + tlen + GLOBAL_B64 + 8;
    *out = malloc(cap);
    if (!*out) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory while signing");
        goto fail;
    }
    *out_len = (size_t)snprintf(*out, cap, "%s%s\n%s\n%s%s\n%s\n", UNTRUSTED, untrusted, sig_b64,
                                TRUSTED, trusted, glob_b64);
fail:
    if (glob_msg) /* the trusted comment: a report's names its client */
        sodium_memzero(glob_msg, 64 + tlen);
    free(glob_msg);
    sodium_memzero(hash, sizeof hash);
    return st;
}

/* Takes the next line of text[*pos..len), which must end in '\n' and hold no '\r' or NUL. */
static int next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    if (!nl)
        return -1;
    *line = start;
    *n = (size_t)(nl - start);
    if (memchr(start, '\r', *n) || memchr(start, '\0', *n))
        return -1;
    *pos += *n + 1;
    return 0;
}

tr_status tr_ms_sig_parse(const char *text, size_t len, tr_ms_sig *sig, tr_error *err)
{
    const char *l[4];
    size_t n[4], pos = 0;
    uint8_t raw[SIG_RAW];
    static const char *const what[4] = {"the untrusted comment", "the signature",
                                        "the trusted comment", "the global signature"};
    for (int i = 0; i < 4; i++) {
        if (pos >= len)
            return tr_error_set(err, TR_E_PARSE,
                                "signature: cut short, %s line is missing (a minisign signature "
                                "has four lines)",
                                what[i]);
        if (next_line(text, len, &pos, &l[i], &n[i]) != 0)
            return tr_error_set(err, TR_E_PARSE,
                                "signature: %s line does not end in a line feed or holds a "
                                "carriage return or NUL",
                                what[i]);
    }
    if (pos != len)
        return tr_error_set(err, TR_E_PARSE,
                            "signature: there is more after the four lines of the signature");
    if (n[0] < sizeof UNTRUSTED - 1 || memcmp(l[0], UNTRUSTED, sizeof UNTRUSTED - 1) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "signature: the first line must start with 'untrusted comment: '");
    if (n[0] - (sizeof UNTRUSTED - 1) > TR_MS_UNTRUSTED_MAX)
        return tr_error_set(err, TR_E_PARSE, "signature: the untrusted comment is too long");
    if (b64_exact(l[1], n[1], raw, sizeof raw) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "signature: the second line is not the 100 base64 characters of a "
                            "minisign signature");
    if (raw[0] == 'E' && raw[1] == 'd')
        return tr_error_set(err, TR_E_VERSION,
                            "signature: made with minisign's legacy algorithm 'Ed' (not "
                            "prehashed); sign again without -l");
    if (raw[0] != 'E' || raw[1] != 'D')
        return tr_error_set(err, TR_E_PARSE, "signature: unknown signature algorithm");
    if (n[2] < sizeof TRUSTED - 1 || memcmp(l[2], TRUSTED, sizeof TRUSTED - 1) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "signature: the third line must start with 'trusted comment: '");
    if (n[2] - (sizeof TRUSTED - 1) > TR_MS_TRUSTED_MAX)
        return tr_error_set(err, TR_E_PARSE, "signature: the trusted comment is too long");
    if (b64_exact(l[3], n[3], sig->global, sizeof sig->global) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "signature: the fourth line is not the 88 base64 characters of a "
                            "global signature");
    memcpy(sig->keyid, raw + 2, TR_MS_KEYID_BYTES);
    memcpy(sig->sig, raw + 2 + TR_MS_KEYID_BYTES, 64);
    sig->untrusted = l[0] + sizeof UNTRUSTED - 1;
    sig->untrusted_len = n[0] - (sizeof UNTRUSTED - 1);
    sig->trusted = l[2] + sizeof TRUSTED - 1;
    sig->trusted_len = n[2] - (sizeof TRUSTED - 1);
    return TR_OK;
}

tr_status tr_ms_sig_check(const tr_ms_pub *pub, const tr_ms_sig *sig, const uint8_t *msg,
                          size_t len, tr_error *err)
{
    uint8_t hash[crypto_generichash_BYTES_MAX], *glob_msg;
    int bad;
    if (sodium_memcmp(pub->keyid, sig->keyid, TR_MS_KEYID_BYTES) != 0) {
        char want[TR_MS_KEYID_HEX], got[TR_MS_KEYID_HEX];
        tr_ms_keyid_hex(pub->keyid, want);
        tr_ms_keyid_hex(sig->keyid, got);
        return tr_error_set(err, TR_E_INVALID, "signed by another key (key id %s, expected %s)",
                            got, want);
    }
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
    if (crypto_sign_verify_detached(sig->sig, hash, sizeof hash, pub->pk) != 0)
        return tr_error_set(err, TR_E_AUTH,
                            "the signature does not match: the file was altered after it "
                            "was signed");
    glob_msg = malloc(64 + sig->trusted_len);
    if (!glob_msg)
        return tr_error_set(err, TR_E_NOMEM, "out of memory while verifying");
    memcpy(glob_msg, sig->sig, 64);
    memcpy(glob_msg + 64, sig->trusted, sig->trusted_len);
    bad = crypto_sign_verify_detached(sig->global, glob_msg, 64 + sig->trusted_len, pub->pk);
    free(glob_msg);
    if (bad)
        return tr_error_set(err, TR_E_AUTH,
                            "the trusted comment's signature does not match: the comment was "
                            "altered after it was signed");
    return TR_OK;
}

tr_status tr_ms_verify(const tr_ms_pub *pub, const uint8_t *msg, size_t len, const char *sigtext,
                       size_t sig_len, tr_ms_sig *sig, tr_error *err)
{
    tr_status st = tr_ms_sig_parse(sigtext, sig_len, sig, err);
    if (st != TR_OK)
        return st;
    return tr_ms_sig_check(pub, sig, msg, len, err);
}
