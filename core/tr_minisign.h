/* tr_minisign: Ed25519 signatures in minisign's file format (core/EXCHANGE.md §1), so that a
 * clinic can check what Trinn signed with the standard `minisign -Vm FILE -p KEY.pub`, and Trinn
 * can check what `minisign -S` signed.
 *
 * Only the prehashed algorithm is written and accepted: the signature is plain Ed25519 over the
 * BLAKE2b-512 digest of the file (signature algorithm "ED"), and a global signature covers that
 * signature and the trusted comment. The legacy algorithm "Ed" (Ed25519 over the whole file) is
 * refused with a message that says so.
 *
 * Verification is strict: the four lines exactly as minisign writes them ('\n' after each, no
 * '\r', no extra lines), canonical base64, the signature's key id equal to the public key's,
 * both signatures valid. Callers verify the exact bytes they received and parse them only after.
 *
 * Ownership: plain value structs; a tr_ms_key holds a secret and must be wiped with
 * tr_ms_key_wipe. Signature text from tr_ms_sign is malloc'ed and belongs to the caller.
 * sodium_init() is called where needed (idempotent). */
#ifndef TR_MINISIGN_H
#define TR_MINISIGN_H

#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"

#define TR_MS_KEYID_BYTES 8
/* Key id as minisign shows it: the 8 bytes read as a little-endian u64, in upper-case hex. */
#define TR_MS_KEYID_HEX 17
/* base64 of "Ed" || key id || public key: 56 characters, plus NUL. */
#define TR_MS_PUB_B64 57
/* Longest untrusted comment (after "untrusted comment: ") and trusted comment (after
 * "trusted comment: ") accepted or written, in bytes, as minisign's own limits. */
#define TR_MS_UNTRUSTED_MAX 1024
#define TR_MS_TRUSTED_MAX   8192

typedef struct tr_ms_pub {
    uint8_t keyid[TR_MS_KEYID_BYTES];
    uint8_t pk[32]; /* Ed25519 public key */
} tr_ms_pub;

typedef struct tr_ms_key {
    uint8_t keyid[TR_MS_KEYID_BYTES];
    uint8_t sk[64]; /* libsodium's Ed25519 secret key: seed || public key */
} tr_ms_key;

/* A parsed (not yet verified) signature file; the comments point into the caller's text. */
typedef struct tr_ms_sig {
    uint8_t keyid[TR_MS_KEYID_BYTES];
    uint8_t sig[64];    /* Ed25519 over BLAKE2b-512(message) */
    uint8_t global[64]; /* Ed25519 over sig || trusted comment */
    const char *untrusted;
    size_t untrusted_len;
    const char *trusted; /* the trusted comment's bytes, not NUL-terminated */
    size_t trusted_len;
} tr_ms_sig;

/* Makes a fresh key pair with a random key id. Returns TR_OK or TR_E_CRYPTO. */
tr_status tr_ms_keygen(tr_ms_key *key, tr_error *err);

/* Makes the key pair whose seed is the 32 bytes given (and the given key id): used to keep a key
 * in a journal as its seed. Returns TR_OK or TR_E_CRYPTO. */
tr_status tr_ms_key_from_seed(tr_ms_key *key, const uint8_t keyid[TR_MS_KEYID_BYTES],
                              const uint8_t seed[32], tr_error *err);

/* The public half of key. */
void tr_ms_key_pub(const tr_ms_key *key, tr_ms_pub *pub);

/* Wipes a secret key (sodium_memzero). NULL is fine. */
void tr_ms_key_wipe(tr_ms_key *key);

/* Writes the key id as minisign shows it ("6374D0379F95B253") into hex[TR_MS_KEYID_HEX]. */
void tr_ms_keyid_hex(const uint8_t keyid[TR_MS_KEYID_BYTES], char hex[TR_MS_KEYID_HEX]);

/* Writes the one-line base64 form of pub ("RWQ...", 56 characters) into b64[TR_MS_PUB_B64]. */
void tr_ms_pub_b64(const tr_ms_pub *pub, char b64[TR_MS_PUB_B64]);

/* Writes a minisign public key file ("untrusted comment: minisign public key <ID>\n<b64>\n")
 * into buf. Returns TR_OK, or TR_E_TOOBIG when size is under 128 bytes. */
tr_status tr_ms_pub_file(const tr_ms_pub *pub, char *buf, size_t size, tr_error *err);

/* Reads a public key from text[0..len): either a key file as minisign writes it (an untrusted
 * comment line, then the base64 line, each ending in '\n'; the last '\n' may be missing) or
 * the base64 line alone (as `minisign -P` takes it). Returns TR_OK, or TR_E_PARSE with a
 * message that says what is wrong. */
tr_status tr_ms_pub_parse(const char *text, size_t len, tr_ms_pub *pub, tr_error *err);

/* Signs msg[0..len) with key. untrusted and trusted are the two comments (NULL untrusted =
 * "signature from trinn"); neither may hold '\n', '\r' or NUL, nor be longer than the limits
 * above. On TR_OK, *out is the four-line signature file (NUL-terminated, caller frees) and
 * *out_len its length. Fails with TR_E_INVALID (bad comment), TR_E_NOMEM or TR_E_CRYPTO and
 * *out NULL. */
tr_status tr_ms_sign(const tr_ms_key *key, const uint8_t *msg, size_t len, const char *untrusted,
                     const char *trusted, char **out, size_t *out_len, tr_error *err);

/* Parses a signature file text[0..len) strictly (format only, no cryptography). Returns TR_OK
 * with *sig pointing into text, or TR_E_PARSE (malformed) / TR_E_VERSION (the legacy "Ed"
 * algorithm) with a message. */
tr_status tr_ms_sig_parse(const char *text, size_t len, tr_ms_sig *sig, tr_error *err);

/* Checks a parsed signature of msg[0..len) against pub. Returns TR_OK, TR_E_INVALID when the
 * signature is by another key (its key id differs: the message names both ids), or TR_E_AUTH
 * when either signature does not verify (the file or the trusted comment was altered). */
tr_status tr_ms_sig_check(const tr_ms_pub *pub, const tr_ms_sig *sig, const uint8_t *msg,
                          size_t len, tr_error *err);

/* tr_ms_sig_parse then tr_ms_sig_check. */
tr_status tr_ms_verify(const tr_ms_pub *pub, const uint8_t *msg, size_t len, const char *sigtext,
                       size_t sig_len, tr_ms_sig *sig, tr_error *err);

#endif
