/* tr_age: files sealed in the age v1 format (C2SP age.md; core/EXCHANGE.md §2) with X25519 keys,
 * so `age -d -i KEY` opens what Trinn sealed and Trinn opens what `age -r` sealed.
 *
 * Header: "age-encryption.org/v1", one "-> X25519" stanza per recipient (an ephemeral share and
 * the 16-byte file key wrapped with ChaCha20-Poly1305 under HKDF-SHA-256 of the shared secret),
 * "--- " and an HMAC-SHA-256 of the header. Payload: a 16-byte nonce, then the plaintext in
 * 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a key from HKDF(file key, nonce), its
 * nonce an 11-byte big-endian counter and a last-chunk flag (STREAM), so a cut, a reordered or a
 * repeated chunk, or bytes after the last chunk all fail.
 *
 * Whole files in memory, at most TR_AGE_MAX_FILE bytes: reports and hand-ins are small. Every
 * malformed header, wrong key, wrong MAC, failed chunk and trailing byte is refused with its
 * own message. Not supported, and refused saying so: the ASCII armor (age -a), SSH and plugin
 * recipients (ignored when an X25519 stanza fits). Passphrase files (age -p, one scrypt stanza)
 * are read and written only by the _passphrase functions (a team key's recovery backup).
 *
 * Ownership: a tr_age_identity holds a secret (tr_age_identity_wipe). Buffers returned are
 * malloc'ed and belong to the caller; free decrypted plaintext with tr_age_free, which wipes
 * it first. sodium_init() is called where needed. */
#ifndef TR_AGE_H
#define TR_AGE_H

#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"

/* Largest file read or written (header and payload). */
#define TR_AGE_MAX_FILE ((size_t)64 << 20)
/* Room for "age1..." (62 characters) and "AGE-SECRET-KEY-1..." (74), with the NUL. */
#define TR_AGE_KEY_STR 96

typedef struct tr_age_identity {
    uint8_t sk[32]; /* X25519 secret scalar */
    uint8_t pk[32]; /* its public key: the recipient */
} tr_age_identity;

/* Makes a fresh identity. Returns TR_OK or TR_E_CRYPTO. */
tr_status tr_age_keygen(tr_age_identity *id, tr_error *err);

/* Fills id from a 32-byte secret (id->pk computed). TR_E_CRYPTO if libsodium refuses. */
tr_status tr_age_identity_from_secret(tr_age_identity *id, const uint8_t sk[32], tr_error *err);

/* Wipes id (NULL is fine). */
void tr_age_identity_wipe(tr_age_identity *id);

/* Writes the recipient "age1..." of the public key pk into out[TR_AGE_KEY_STR]. */
void tr_age_recipient_str(const uint8_t pk[32], char out[TR_AGE_KEY_STR]);

/* Reads "age1..." (lower case, as age-keygen prints it). Returns TR_OK, or TR_E_PARSE naming
 * what is wrong (not age1, checksum, length). */
tr_status tr_age_recipient_parse(const char *s, uint8_t pk[32], tr_error *err);

/* Writes the identity "AGE-SECRET-KEY-1..." into out[TR_AGE_KEY_STR]: a secret, the caller
 * wipes out after use. */
void tr_age_identity_str(const tr_age_identity *id, char out[TR_AGE_KEY_STR]);

/* Reads an identity from text[0..len): a key file as age-keygen writes it (lines starting with
 * '#' and empty lines are skipped; exactly one AGE-SECRET-KEY-1 line) or the key alone.
 * Returns TR_OK, or TR_E_PARSE naming the line and what is wrong. Wipes its own copies. */
tr_status tr_age_identity_parse(const char *text, size_t len, tr_age_identity *id, tr_error *err);

/* Seals pt[0..len) to the n (>= 1) X25519 recipients (n public keys of 32 bytes, one after the
 * other, in recipients). On TR_OK *out (caller frees with free)
 * and *out_len hold the age file. TR_E_INVALID (no recipients, or a recipient that is a
 * low-order point), TR_E_TOOBIG, TR_E_NOMEM or TR_E_CRYPTO otherwise, *out NULL. */
tr_status tr_age_encrypt(const uint8_t *recipients, size_t n, const uint8_t *pt, size_t len,
                         uint8_t **out, size_t *out_len, tr_error *err);

/* Opens the age file in[0..len) with id. On TR_OK *out (free with tr_age_free) and *out_len
 * hold the plaintext. Failures, *out NULL:
 *   TR_E_VERSION  not an age v1 file, or armored / passphrase-sealed (the message says which)
 *   TR_E_PARSE    malformed header (the message names the line)
 *   TR_E_NOTFOUND no stanza opens with this identity (sealed to another key)
 *   TR_E_AUTH     header MAC wrong, or a chunk fails authentication (altered or reordered)
 *   TR_E_CORRUPT  cut short, or bytes after the last chunk
 *   TR_E_TOOBIG, TR_E_NOMEM, TR_E_CRYPTO */
tr_status tr_age_decrypt(const tr_age_identity *id, const uint8_t *in, size_t len, uint8_t **out,
                         size_t *out_len, tr_error *err);

/* A passphrase for age's scrypt stanza (age -p): the bytes, and the work factor log2(N) used to
 * seal, or the largest one accepted when opening (age itself seals with 18 and opens up to 22).
 * scrypt's r is 8 and p is 1; the salt is "age-encryption.org/v1/scrypt" and 16 random bytes. */
typedef struct tr_age_pass {
    const char *pass;
    size_t len;
    int log_n;
} tr_age_pass;

#define TR_AGE_SCRYPT_MIN 10 /* 1 MiB: test builds only; trinnctl seals with 18 (256 MiB) */
#define TR_AGE_SCRYPT_MAX 22

/* Seals pt[0..len) to a passphrase, as `age -p` does, so `age -d` opens it with that passphrase:
 * one scrypt stanza, work factor pass->log_n (TR_AGE_SCRYPT_MIN..MAX). As tr_age_encrypt;
 * TR_E_CRYPTO when scrypt cannot get its memory. */
tr_status tr_age_encrypt_passphrase(const tr_age_pass *pass, const uint8_t *pt, size_t len,
                                    uint8_t **out, size_t *out_len, tr_error *err);

/* Opens a passphrase-sealed age file (one scrypt stanza, alone). As tr_age_decrypt, and:
 * TR_E_NOTFOUND the passphrase is wrong; TR_E_VERSION the file is sealed to a key, or holds other
 * stanzas beside the scrypt one; TR_E_TOOBIG its work factor is over pass->log_n. */
tr_status tr_age_decrypt_passphrase(const tr_age_pass *pass, const uint8_t *in, size_t len,
                                    uint8_t **out, size_t *out_len, tr_error *err);

/* Wipes buf[0..len) and frees it. NULL is fine. */
void tr_age_free(uint8_t *buf, size_t len);

#endif
