/* tr_secret: see tr_secret.h. */
#include "tr_secret.h"

#include <sodium.h>

void *tr_secret_alloc(size_t n)
{
    if (sodium_init() < 0)
        return NULL;
    void *p = sodium_malloc(n ? n : 1);
    if (p)
        sodium_memzero(p, n ? n : 1);
    return p;
}

void tr_secret_free(void *p, size_t n)
{
    if (!p)
        return;
    sodium_memzero(p, n);
    sodium_free(p);
}

void tr_secret_wipe(void *p, size_t n)
{
    if (p)
        sodium_memzero(p, n);
}

int tr_secret_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}
