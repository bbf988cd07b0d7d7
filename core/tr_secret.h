/* tr_secret: small buffers for passphrases, kept out of swap where the limit allows and wiped
 * before they are freed, so the front end never touches libsodium itself.
 *
 * Ownership: a buffer from tr_secret_alloc belongs to the caller until tr_secret_free. */
#ifndef TR_SECRET_H
#define TR_SECRET_H

#include <stddef.h>

/* n zeroed bytes in guarded, locked memory (sodium_malloc), or NULL when memory or libsodium
 * could not be had. */
void *tr_secret_alloc(size_t n);

/* Wipes the n bytes at p and frees them; NULL is a no-op. n must be what was allocated. */
void tr_secret_free(void *p, size_t n);

/* Wipes n bytes at p (cannot be optimised away). */
void tr_secret_wipe(void *p, size_t n);

/* 1 when a[0..n) equals b[0..n), in time that does not depend on where they differ. */
int tr_secret_equal(const void *a, const void *b, size_t n);

#endif
