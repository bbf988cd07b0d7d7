/* tr_age: the age v1 file format (tr_age.h, core/EXCHANGE.md §2). */
#include "tr_age.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_b64.h"

#define CHUNK      ((size_t)64 << 10)
#define TAG        crypto_aead_chacha20poly1305_ietf_ABYTES
#define FILE_KEY   16
#define MAX_HEADER ((size_t)64 << 10)
#define B64_32     43 /* unpadded base64 of 32 bytes */

static const char INTRO[] = "age-encryption.org/v1\n";
static const char X25519_INFO[] = "age-encryption.org/v1/X25519";
static const char SCRYPT_LABEL[] = "age-encryption.org/v1/scrypt";

static tr_status seal(const uint8_t *recipients, size_t n, const tr_age_pass *pass,
                      const uint8_t *pt, size_t len, uint8_t **out, size_t *out_len, tr_error *err);

/* HKDF-SHA-256 (RFC 5869) with 32 bytes of output, from HMAC-SHA-256. */
static void hkdf(uint8_t out[32], const uint8_t *ikm, size_t ikm_len, const uint8_t *salt,
                 size_t salt_len, const char *info)
{
    crypto_auth_hmacsha256_state st;
    uint8_t prk[32], one = 1, empty = 0;
    /* an empty salt is an HMAC key of length zero (libsodium wants a pointer all the same) */
    crypto_auth_hmacsha256_init(&st, salt ? salt : &empty, salt_len);
    crypto_auth_hmacsha256_update(&st, ikm, ikm_len);
    crypto_auth_hmacsha256_final(&st, prk);
    crypto_auth_hmacsha256_init(&st, prk, sizeof prk);
    crypto_auth_hmacsha256_update(&st, (const uint8_t *)info, strlen(info));
    crypto_auth_hmacsha256_update(&st, &one, 1);
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(prk, sizeof prk);
    sodium_memzero(&st, sizeof st);
}

static void header_mac(uint8_t mac[32], const uint8_t file_key[FILE_KEY], const uint8_t *hdr,
                       size_t n)
{
    uint8_t key[32];
    hkdf(key, file_key, FILE_KEY, NULL, 0, "header");
    crypto_auth_hmacsha256(mac, hdr, n, key);
    sodium_memzero(key, sizeof key);
}

static void chunk_nonce(uint8_t nonce[12], uint64_t counter, int last)
{
    memset(nonce, 0, 12);
    for (int i = 0; i < 8; i++)
        nonce[10 - i] = (uint8_t)(counter >> (8 * i));
    nonce[11] = last ? 1 : 0;
}

void tr_age_free(uint8_t *buf, size_t len)
{
    if (buf) {
        sodium_memzero(buf, len);
        free(buf);
    }
}

/* ---- sealing ---- */

/* Appends the X25519 stanza for recipient pk to hdr at *pos (room checked by the caller). */
static tr_status write_stanza(char *hdr, size_t *pos, const uint8_t pk[32],
                              const uint8_t file_key[FILE_KEY], tr_error *err)
{
    uint8_t eph[32], share[32], shared[32], salt[64], wrap[32], body[FILE_KEY + TAG];
    static const uint8_t zero_nonce[12];
    tr_status st = TR_OK;
    randombytes_buf(eph, sizeof eph);
    if (crypto_scalarmult_base(share, eph) != 0 || crypto_scalarmult(shared, eph, pk) != 0) {
        st = tr_error_set(err, TR_E_INVALID, "the recipient is not a usable X25519 key");
        goto fail;
    }
    memcpy(salt, share, 32);
    memcpy(salt + 32, pk, 32);
    hkdf(wrap, shared, sizeof shared, salt, sizeof salt, X25519_INFO);
    crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, FILE_KEY, NULL, 0, NULL,
                                              zero_nonce, wrap);
    memcpy(hdr + *pos, "-> X25519 ", 10);
    *pos += 10;
    sodium_bin2base64(hdr + *pos, B64_32 + 1, share, 32, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    *pos += B64_32;
    hdr[(*pos)++] = '\n';
    sodium_bin2base64(hdr + *pos, B64_32 + 1, body, sizeof body,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    *pos += B64_32;
    hdr[(*pos)++] = '\n';
fail:
    sodium_memzero(eph, sizeof eph);
    sodium_memzero(shared, sizeof shared);
    sodium_memzero(wrap, sizeof wrap);
    return st;
}

/* Appends the scrypt stanza of pass (work factor log_n) to hdr at *pos (age -p). */
static tr_status write_scrypt(char *hdr, size_t *pos, const tr_age_pass *pass,
                              const uint8_t file_key[FILE_KEY], tr_error *err)
{
    uint8_t salt[sizeof SCRYPT_LABEL - 1 + 16], wrap[32], body[FILE_KEY + TAG];
    static const uint8_t zero_nonce[12];
    memcpy(salt, SCRYPT_LABEL, sizeof SCRYPT_LABEL - 1);
    randombytes_buf(salt + sizeof SCRYPT_LABEL - 1, 16);
    if (crypto_pwhash_scryptsalsa208sha256_ll((const uint8_t *)pass->pass, pass->len, salt,
                                              sizeof salt, (uint64_t)1 << pass->log_n, 8, 1, wrap,
                                              sizeof wrap) != 0)
        return tr_error_set(err, TR_E_CRYPTO,
                            "scrypt with work factor %d needs more memory than there is",
                            pass->log_n);
    crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, FILE_KEY, NULL, 0, NULL,
                                              zero_nonce, wrap);
    sodium_memzero(wrap, sizeof wrap);
    memcpy(hdr + *pos, "-> scrypt ", 10);
    *pos += 10;
    sodium_bin2base64(hdr + *pos, 23, salt + sizeof SCRYPT_LABEL - 1, 16,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    *pos += 22;
    *pos += (size_t)sprintf(hdr + *pos, " %d\n", pass->log_n);
    sodium_bin2base64(hdr + *pos, B64_32 + 1, body, sizeof body,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    *pos += B64_32;
    hdr[(*pos)++] = '\n';
    return TR_OK;
}

tr_status tr_age_encrypt(const uint8_t *recipients, size_t n, const uint8_t *pt, size_t len,
                         uint8_t **out, size_t *out_len, tr_error *err)
{
    *out = NULL;
    if (n < 1 || n > 64)
        return tr_error_set(err, TR_E_INVALID, "seal to between 1 and 64 recipients");
    return seal(recipients, n, NULL, pt, len, out, out_len, err);
}

tr_status tr_age_encrypt_passphrase(const tr_age_pass *pass, const uint8_t *pt, size_t len,
                                    uint8_t **out, size_t *out_len, tr_error *err)
{
    *out = NULL;
    if (pass->log_n < TR_AGE_SCRYPT_MIN || pass->log_n > TR_AGE_SCRYPT_MAX)
        return tr_error_set(err, TR_E_INVALID, "the scrypt work factor must be %d-%d",
                            TR_AGE_SCRYPT_MIN, TR_AGE_SCRYPT_MAX);
    return seal(NULL, 0, pass, pt, len, out, out_len, err);
}

static tr_status seal(const uint8_t *recipients, size_t n, const tr_age_pass *pass,
                      const uint8_t *pt, size_t len, uint8_t **out, size_t *out_len, tr_error *err)
{
    uint8_t file_key[FILE_KEY], mac[32], nonce[16], key[32], cn[12], *buf = NULL;
    size_t chunks = len / CHUNK + (len % CHUNK || len == 0 ? 1 : 0), hdr_cap, pos = 0, total;
    tr_status st = TR_OK;

    hdr_cap = sizeof INTRO + (pass ? 1 : n) * (10 + 2 * (B64_32 + 1)) + 4 + B64_32 + 1;
    if (len > TR_AGE_MAX_FILE - hdr_cap - 16 - chunks * TAG)
        return tr_error_set(err, TR_E_TOOBIG, "the data to seal is over %zu MiB",
                            TR_AGE_MAX_FILE >> 20);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    total = hdr_cap + 16 + len + chunks * TAG;
    buf = malloc(total);
    if (!buf)
        return tr_error_set(err, TR_E_NOMEM, "out of memory while sealing");
    randombytes_buf(file_key, sizeof file_key);
    memcpy(buf, INTRO, sizeof INTRO - 1);
    pos = sizeof INTRO - 1;
    if (pass)
        st = write_scrypt((char *)buf, &pos, pass, file_key, err);
    for (size_t i = 0; st == TR_OK && i < n; i++)
        st = write_stanza((char *)buf, &pos, recipients + 32 * i, file_key, err);
    if (st != TR_OK)
        goto fail;
    memcpy(buf + pos, "---", 3);
    pos += 3;
    header_mac(mac, file_key, buf, pos);
    buf[pos++] = ' ';
    sodium_bin2base64((char *)buf + pos, B64_32 + 1, mac, sizeof mac,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    pos += B64_32;
    buf[pos++] = '\n';
    randombytes_buf(nonce, sizeof nonce);
    memcpy(buf + pos, nonce, sizeof nonce);
    pos += sizeof nonce;
    hkdf(key, file_key, sizeof file_key, nonce, sizeof nonce, "payload");
    for (size_t c = 0; c < chunks; c++) {
        size_t off = c * CHUNK, m = len - off < CHUNK ? len - off : CHUNK;
        unsigned long long clen = 0;
        chunk_nonce(cn, c, c + 1 == chunks);
        crypto_aead_chacha20poly1305_ietf_encrypt(buf + pos, &clen, pt + off, m, NULL, 0, NULL, cn,
                                                  key);
        pos += (size_t)clen;
    }
    *out = buf;
    *out_len = pos;
    buf = NULL;
fail:
    free(buf);
    sodium_memzero(file_key, sizeof file_key);
    sodium_memzero(key, sizeof key);
    return st;
}

/* ---- opening ---- */

typedef struct reader {
    const uint8_t *in;
    size_t len, pos, line; /* line: 1-based number of the line last taken */
} reader;

/* Takes the next header line (without its '\n'); -1 when there is no '\n' within the header. */
static int take_line(reader *r, const char **s, size_t *n)
{
    size_t lim = r->len < MAX_HEADER ? r->len : MAX_HEADER;
    const uint8_t *nl;
    if (r->pos >= lim)
        return -1;
    nl = memchr(r->in + r->pos, '\n', lim - r->pos);
    if (!nl)
        return -1;
    *s = (const char *)r->in + r->pos;
    *n = (size_t)(nl - (r->in + r->pos));
    r->pos += *n + 1;
    r->line++;
    return 0;
}

/* Canonical unpadded base64 of s[0..n) into out (at most max); *got the length. */
static int b64_nopad(const char *s, size_t n, uint8_t *out, size_t max, size_t *got)
{
    return tr_b64_decode(s, n, out, max, got, 0);
}

typedef struct stanza {
    const char *args[8];
    size_t arg_len[8];
    size_t nargs;
    uint8_t body[512];
    size_t body_len;
    int oversized; /* the body is larger than this reader keeps (only X25519 stanzas matter) */
} stanza;

static int arg_is(const stanza *s, size_t i, const char *want)
{
    return s->arg_len[i] == strlen(want) && memcmp(s->args[i], want, s->arg_len[i]) == 0;
}

/* Parses the stanza whose "-> " line is l[0..n), then its body lines. */
static tr_status read_stanza(reader *r, const char *l, size_t n, stanza *s, tr_error *err)
{
    size_t i = 3, start, line_no = r->line;
    s->nargs = 0;
    s->body_len = 0;
    s->oversized = 0;
    while (i <= n) {
        start = i;
        while (i < n && l[i] != ' ')
            i++;
        if (i == start)
            return tr_error_set(err, TR_E_PARSE,
                                "age header line %zu: an empty argument (two spaces, or a space "
                                "at the end)",
                                line_no);
        for (size_t k = start; k < i; k++)
            if ((unsigned char)l[k] < 33 || (unsigned char)l[k] > 126)
                return tr_error_set(err, TR_E_PARSE,
                                    "age header line %zu: an argument holds a character that is "
                                    "not printable ASCII",
                                    line_no);
        if (s->nargs == sizeof s->args / sizeof s->args[0])
            return tr_error_set(err, TR_E_PARSE, "age header line %zu: too many arguments",
                                line_no);
        s->args[s->nargs] = l + start;
        s->arg_len[s->nargs++] = i - start;
        i++;
    }
    for (;;) {
        const char *b;
        size_t bn, got = 0;
        uint8_t tmp[48];
        if (take_line(r, &b, &bn) != 0)
            return tr_error_set(err, TR_E_PARSE,
                                "age header: the stanza of line %zu has no end (cut short?)",
                                line_no);
        if (bn > 64 || b64_nopad(b, bn, tmp, sizeof tmp, &got) != 0)
            return tr_error_set(err, TR_E_PARSE,
                                "age header line %zu: not a stanza body line (canonical base64 "
                                "without padding, at most 64 columns)",
                                r->line);
        if (s->body_len + got > sizeof s->body)
            s->oversized = 1;
        else
            memcpy(s->body + s->body_len, tmp, got);
        s->body_len += got;
        if (bn < 64)
            return TR_OK;
    }
}

/* Tries to unwrap the file key from an X25519 stanza; 1 when it opened, 0 when it is for another
 * key, -1 (err set) when malformed. */
static int try_x25519(const stanza *s, const tr_age_identity *id, uint8_t file_key[FILE_KEY],
                      size_t line, tr_error *err)
{
    uint8_t share[32], shared[32], salt[64], wrap[32];
    static const uint8_t zero_nonce[12];
    size_t got = 0;
    int ok;
    if (s->nargs != 2 || s->arg_len[1] != B64_32 ||
        b64_nopad(s->args[1], B64_32, share, sizeof share, &got) != 0 || got != 32 ||
        s->oversized || s->body_len != FILE_KEY + TAG) {
        tr_error_set(err, TR_E_PARSE,
                     "age header line %zu: a malformed X25519 stanza (it needs one 32-byte share "
                     "and a 32-byte body)",
                     line);
        return -1;
    }
    if (crypto_scalarmult(shared, id->sk, share) != 0) {
        tr_error_set(err, TR_E_PARSE,
                     "age header line %zu: the X25519 share is a low-order point (a crafted file)",
                     line);
        return -1;
    }
    memcpy(salt, share, 32);
    memcpy(salt + 32, id->pk, 32);
    hkdf(wrap, shared, sizeof shared, salt, sizeof salt, X25519_INFO);
    ok = crypto_aead_chacha20poly1305_ietf_decrypt(file_key, NULL, NULL, s->body, s->body_len, NULL,
                                                   0, zero_nonce, wrap) == 0;
    sodium_memzero(shared, sizeof shared);
    sodium_memzero(wrap, sizeof wrap);
    return ok;
}

/* Tries to unwrap the file key from a scrypt stanza with pass; 1 when it opened, 0 when the
 * passphrase is wrong, -1 (err set) when malformed or too costly. */
static int try_scrypt(const stanza *s, const tr_age_pass *pass, uint8_t file_key[FILE_KEY],
                      size_t line, tr_error *err)
{
    uint8_t salt[sizeof SCRYPT_LABEL - 1 + 16], wrap[32];
    static const uint8_t zero_nonce[12];
    size_t got = 0;
    int log_n = 0, ok;
    if (s->nargs != 3 || s->arg_len[1] != 22 ||
        b64_nopad(s->args[1], 22, salt + sizeof SCRYPT_LABEL - 1, 16, &got) != 0 || got != 16 ||
        s->arg_len[2] < 1 || s->arg_len[2] > 2 || s->args[2][0] == '0' || s->oversized ||
        s->body_len != FILE_KEY + TAG) {
        tr_error_set(err, TR_E_PARSE,
                     "age header line %zu: a malformed scrypt stanza (it needs a 16-byte salt, a "
                     "work factor and a 32-byte body)",
                     line);
        return -1;
    }
    for (size_t i = 0; i < s->arg_len[2]; i++) {
        if (s->args[2][i] < '0' || s->args[2][i] > '9') {
            tr_error_set(err, TR_E_PARSE,
                         "age header line %zu: the scrypt work factor is not a "
                         "number",
                         line);
            return -1;
        }
        log_n = log_n * 10 + (s->args[2][i] - '0');
    }
    if (log_n > pass->log_n || log_n > TR_AGE_SCRYPT_MAX) {
        tr_error_set(err, TR_E_TOOBIG,
                     "age header line %zu: the passphrase's work factor %d is over the %d this "
                     "reader allows (a crafted file would take minutes and gigabytes)",
                     line, log_n,
                     pass->log_n < TR_AGE_SCRYPT_MAX ? pass->log_n : TR_AGE_SCRYPT_MAX);
        return -1;
    }
    memcpy(salt, SCRYPT_LABEL, sizeof SCRYPT_LABEL - 1);
    if (crypto_pwhash_scryptsalsa208sha256_ll((const uint8_t *)pass->pass, pass->len, salt,
                                              sizeof salt, (uint64_t)1 << log_n, 8, 1, wrap,
                                              sizeof wrap) != 0) {
        tr_error_set(err, TR_E_CRYPTO,
                     "scrypt with work factor %d needs more memory than there "
                     "is",
                     log_n);
        return -1;
    }
    ok = crypto_aead_chacha20poly1305_ietf_decrypt(file_key, NULL, NULL, s->body, s->body_len, NULL,
                                                   0, zero_nonce, wrap) == 0;
    sodium_memzero(wrap, sizeof wrap);
    return ok;
}

/* Reads the header up to and including the MAC line; *file_key set when a stanza opened. With
 * pass (id NULL) the file must hold one scrypt stanza alone (age -p), else X25519 stanzas. */
static tr_status read_header(reader *r, const tr_age_identity *id, const tr_age_pass *pass,
                             uint8_t file_key[FILE_KEY], tr_error *err)
{
    const char *l;
    size_t n, stanzas = 0, mac_end;
    int found = 0, scrypt = 0;
    uint8_t mac[32], want[32];
    stanza s;
    tr_status st = TR_OK;
    if (take_line(r, &l, &n) != 0 || n + 1 != sizeof INTRO - 1 || memcmp(l, INTRO, n + 1) != 0) {
        if (r->len >= 11 && memcmp(r->in, "-----BEGIN ", 11) == 0)
            return tr_error_set(err, TR_E_VERSION,
                                "an ASCII-armored age file (age -a): Trinn reads the binary "
                                "form only (age -d it, or seal without -a)");
        if (r->len >= 19 && memcmp(r->in, "age-encryption.org/", 19) == 0)
            return tr_error_set(err, TR_E_VERSION,
                                "an age file of another version than v1: not supported");
        return tr_error_set(err, TR_E_VERSION,
                            "not an age file (it does not start with 'age-encryption.org/v1')");
    }
    for (;;) {
        if (take_line(r, &l, &n) != 0)
            return tr_error_set(err, TR_E_PARSE,
                                "age header: cut short or over %zu KiB before the '---' line",
                                MAX_HEADER >> 10);
        if (n >= 3 && memcmp(l, "---", 3) == 0)
            break;
        if (n < 4 || memcmp(l, "-> ", 3) != 0)
            return tr_error_set(err, TR_E_PARSE,
                                "age header line %zu: expected a stanza ('-> ') or the MAC line "
                                "('--- ')",
                                r->line);
        size_t line = r->line;
        if ((st = read_stanza(r, l, n, &s, err)) != TR_OK)
            return st;
        stanzas++;
        if (arg_is(&s, 0, "scrypt"))
            scrypt = 1;
        if (pass && arg_is(&s, 0, "scrypt") && stanzas == 1) {
            int got = try_scrypt(&s, pass, file_key, line, err);
            if (got < 0)
                return err ? err->status : TR_E_PARSE;
            found = got;
        } else if (pass) {
            continue;
        } else if (arg_is(&s, 0, "X25519") && !found) {
            int got = try_x25519(&s, id, file_key, line, err);
            if (got < 0)
                return err ? err->status : TR_E_PARSE;
            found = got;
        } else if (arg_is(&s, 0, "X25519") && s.nargs != 2) {
            return tr_error_set(err, TR_E_PARSE, "age header line %zu: a malformed X25519 stanza",
                                line);
        }
    }
    mac_end = r->pos - n - 1 + 3;
    if (stanzas == 0)
        return tr_error_set(err, TR_E_PARSE, "age header: no recipient stanza");
    if (scrypt && !pass)
        return tr_error_set(err, TR_E_VERSION,
                            "sealed with a passphrase (age -p): Trinn opens files sealed to a "
                            "key only");
    if (pass && (!scrypt || stanzas != 1))
        return tr_error_set(err, TR_E_VERSION,
                            scrypt ? "a passphrase stanza must be the file's only one (age "
                                     "refuses such a file too)"
                                   : "this file is sealed to a key, not to a passphrase");
    if (n != 4 + B64_32 || l[3] != ' ' ||
        b64_nopad(l + 4, B64_32, mac, sizeof mac, &(size_t){0}) != 0)
        return tr_error_set(err, TR_E_PARSE,
                            "age header line %zu: the MAC line must be '--- ' and 43 base64 "
                            "characters",
                            r->line);
    if (!found)
        return tr_error_set(err, TR_E_NOTFOUND,
                            pass ? "the passphrase is not the one this file was sealed with"
                                 : "this file is not sealed to this key (it is for another team "
                                   "or person, or the wrong key file was given)");
    header_mac(want, file_key, r->in, mac_end);
    if (sodium_memcmp(mac, want, sizeof mac) != 0)
        return tr_error_set(err, TR_E_AUTH,
                            "the age header's MAC does not match: the header was altered");
    return TR_OK;
}

static tr_status open_file(const tr_age_identity *id, const tr_age_pass *pass, const uint8_t *in,
                           size_t len, uint8_t **out, size_t *out_len, tr_error *err);

tr_status tr_age_decrypt(const tr_age_identity *id, const uint8_t *in, size_t len, uint8_t **out,
                         size_t *out_len, tr_error *err)
{
    return open_file(id, NULL, in, len, out, out_len, err);
}

tr_status tr_age_decrypt_passphrase(const tr_age_pass *pass, const uint8_t *in, size_t len,
                                    uint8_t **out, size_t *out_len, tr_error *err)
{
    return open_file(NULL, pass, in, len, out, out_len, err);
}

static tr_status open_file(const tr_age_identity *id, const tr_age_pass *pass, const uint8_t *in,
                           size_t len, uint8_t **out, size_t *out_len, tr_error *err)
{
    reader r = {.in = in, .len = len};
    uint8_t file_key[FILE_KEY], key[32], cn[12], *pt = NULL;
    size_t plen = 0, rest, cap = 0;
    uint64_t c = 0;
    tr_status st;

    *out = NULL;
    if (len > TR_AGE_MAX_FILE)
        return tr_error_set(err, TR_E_TOOBIG, "the sealed file is over %zu MiB",
                            TR_AGE_MAX_FILE >> 20);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    if ((st = read_header(&r, id, pass, file_key, err)) != TR_OK)
        goto fail;
    if (len - r.pos < 16 + TAG) {
        st = tr_error_set(err, TR_E_CORRUPT,
                          "the sealed file is cut short: the payload is missing or incomplete");
        goto fail;
    }
    hkdf(key, file_key, sizeof file_key, in + r.pos, 16, "payload");
    r.pos += 16;
    rest = len - r.pos;
    cap = rest - (rest / (CHUNK + TAG)) * TAG; /* an upper bound of the plaintext */
    pt = malloc(cap ? cap : 1);
    if (!pt) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory while opening a sealed file");
        goto fail;
    }
    for (;; c++) {
        size_t left = len - r.pos, m;
        int last = left <= CHUNK + TAG;
        m = last ? left : CHUNK + TAG;
        if (left < TAG) {
            st = tr_error_set(err, TR_E_CORRUPT, "the sealed file is cut short after chunk %llu",
                              (unsigned long long)c);
            goto fail;
        }
        chunk_nonce(cn, c, last);
        if (crypto_aead_chacha20poly1305_ietf_decrypt(pt + plen, NULL, NULL, in + r.pos, m, NULL, 0,
                                                      cn, key) == 0) {
            if (last && m == TAG && c > 0) {
                st = tr_error_set(err, TR_E_CORRUPT,
                                  "the sealed file ends in an empty chunk (not allowed after "
                                  "data)");
                goto fail;
            }
            plen += m - TAG;
            r.pos += m;
            if (last)
                break;
            continue;
        }
        /* Say what went wrong where it can be told apart. */
        chunk_nonce(cn, c, !last);
        if (last && m == CHUNK + TAG &&
            crypto_aead_chacha20poly1305_ietf_decrypt(pt + plen, NULL, NULL, in + r.pos, m, NULL, 0,
                                                      cn, key) == 0)
            st = tr_error_set(err, TR_E_CORRUPT,
                              "the sealed file is cut short: chunk %llu is not the last one",
                              (unsigned long long)c);
        else if (!last &&
                 crypto_aead_chacha20poly1305_ietf_decrypt(pt + plen, NULL, NULL, in + r.pos,
                                                           CHUNK + TAG, NULL, 0, cn, key) == 0)
            st = tr_error_set(err, TR_E_CORRUPT,
                              "%zu bytes follow the last chunk of the sealed file",
                              left - (CHUNK + TAG));
        else
            st = tr_error_set(err, TR_E_AUTH,
                              "chunk %llu of the sealed file fails authentication: the file was "
                              "altered, cut or its parts reordered",
                              (unsigned long long)c);
        goto fail;
    }
    *out = pt;
    *out_len = plen;
    pt = NULL;
fail:
    if (pt)
        tr_age_free(pt, cap);
    sodium_memzero(file_key, sizeof file_key);
    sodium_memzero(key, sizeof key);
    return st;
}
