/* tr_age_keys: age's X25519 keys and their bech32 text forms (tr_age.h). */
#include "tr_age.h"

#include <sodium.h>
#include <string.h>

#include "tr_bech32.h"

tr_status tr_age_keygen(tr_age_identity *id, tr_error *err)
{
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    randombytes_buf(id->sk, sizeof id->sk);
    if (crypto_scalarmult_base(id->pk, id->sk) != 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not make an X25519 key");
    return TR_OK;
}

tr_status tr_age_identity_from_secret(tr_age_identity *id, const uint8_t sk[32], tr_error *err)
{
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    memcpy(id->sk, sk, 32);
    if (crypto_scalarmult_base(id->pk, id->sk) != 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not derive the X25519 key");
    return TR_OK;
}

void tr_age_identity_wipe(tr_age_identity *id)
{
    if (id)
        sodium_memzero(id, sizeof *id);
}

void tr_age_recipient_str(const uint8_t pk[32], char out[TR_AGE_KEY_STR])
{
    tr_bech32_encode("age", pk, 32, 0, out, TR_AGE_KEY_STR, NULL);
}

tr_status tr_age_recipient_parse(const char *s, uint8_t pk[32], tr_error *err)
{
    char hrp[32];
    size_t n = 0;
    tr_status st = tr_bech32_decode(s, hrp, sizeof hrp, pk, 32, &n, err);
    if (st != TR_OK)
        return tr_error_prefix(err, "age recipient");
    if (strcmp(hrp, "age") != 0 || s[0] != 'a')
        return tr_error_set(err, TR_E_PARSE,
                            "age recipient: expected 'age1...' in lower case (prefix '%s')", hrp);
    if (n != 32)
        return tr_error_set(err, TR_E_PARSE, "age recipient: holds %zu bytes, not 32", n);
    return TR_OK;
}

void tr_age_identity_str(const tr_age_identity *id, char out[TR_AGE_KEY_STR])
{
    tr_bech32_encode("age-secret-key-", id->sk, 32, 1, out, TR_AGE_KEY_STR, NULL);
}

/* Decodes one identity line (NUL-terminated). */
static tr_status identity_line(const char *s, tr_age_identity *id, tr_error *err)
{
    char hrp[32];
    uint8_t sk[32];
    size_t n = 0;
    tr_status st = tr_bech32_decode(s, hrp, sizeof hrp, sk, sizeof sk, &n, err);
    if (st == TR_OK && (strcmp(hrp, "age-secret-key-") != 0 || s[0] != 'A'))
        st = tr_error_set(err, TR_E_PARSE,
                          "expected 'AGE-SECRET-KEY-1...' in upper case (an X25519 identity "
                          "as age-keygen writes it)");
    else if (st == TR_OK && n != 32)
        st = tr_error_set(err, TR_E_PARSE, "the key holds %zu bytes, not 32", n);
    if (st == TR_OK)
        st = tr_age_identity_from_secret(id, sk, err);
    sodium_memzero(sk, sizeof sk);
    return st;
}

tr_status tr_age_identity_parse(const char *text, size_t len, tr_age_identity *id, tr_error *err)
{
    char line[TR_AGE_KEY_STR + 2];
    size_t pos = 0, lineno = 0, found = 0;
    tr_status st = TR_OK;
    while (pos < len && st == TR_OK) {
        const char *start = text + pos, *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (n == 0 || start[0] == '#')
            continue;
        if (memchr(start, '\0', n))
            st = tr_error_set(err, TR_E_PARSE, "identity line %zu holds a NUL byte", lineno);
        else if (n >= sizeof line)
            st = tr_error_set(err, TR_E_PARSE,
                              "identity line %zu is too long for an age X25519 identity", lineno);
        else if (found)
            st = tr_error_set(err, TR_E_PARSE,
                              "identity line %zu: the file holds more than one key; give a "
                              "file with one",
                              lineno);
        if (st != TR_OK)
            break;
        memcpy(line, start, n);
        line[n] = '\0';
        st = identity_line(line, id, err);
        if (st != TR_OK)
            tr_error_prefix(err, "identity line %zu", lineno);
        found++;
    }
    sodium_memzero(line, sizeof line);
    if (st == TR_OK && !found)
        st = tr_error_set(err, TR_E_PARSE, "no AGE-SECRET-KEY-1 line: not an age identity file");
    if (st != TR_OK)
        tr_age_identity_wipe(id);
    return st;
}
