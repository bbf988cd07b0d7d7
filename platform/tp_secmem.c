/* tp_secmem: see tp_secmem.h. */
#include "tp_secmem.h"

#include <sodium.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#define CHUNK_SIZE  ((size_t)256 * 1024)
#define BLOCK_ALIGN alignof(max_align_t)
#define HEAD_SIZE   BLOCK_ALIGN /* a block's size, kept just before it */

typedef struct chunk {
    unsigned char *raw;  /* what malloc gave */
    unsigned char *base; /* the first whole page in it */
    size_t size;         /* bytes from base, whole pages */
    size_t used;         /* bytes carved so far */
    size_t live;         /* blocks not yet freed */
    int locked;
    struct chunk *next;
} chunk;

/* The arena (process-wide: see tp_secmem.h) and the spin lock that guards it. */
static struct {
    int enabled;
    chunk *head; /* every chunk held, newest first */
    chunk *cur;  /* the one blocks are carved from */
    size_t freed;
} arena;
static atomic_flag arena_lock = ATOMIC_FLAG_INIT;

static void lock(void)
{
    while (atomic_flag_test_and_set_explicit(&arena_lock, memory_order_acquire))
        ;
}

static void unlock(void)
{
    atomic_flag_clear_explicit(&arena_lock, memory_order_release);
}

static size_t page_size(void)
{
#if defined(_SC_PAGESIZE)
    long p = sysconf(_SC_PAGESIZE);
    if (p > 0)
        return (size_t)p;
#endif
    return 4096;
}

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

/* A new chunk of at least `need` bytes, locked where the limit allows; NULL when out of
 * memory. The page-aligned inside of a larger malloc block: madvise wants whole pages, and
 * those pages then hold nothing of anyone else's. */
static chunk *chunk_new(size_t need)
{
    size_t page = page_size(), size = round_up(need > CHUNK_SIZE ? need : CHUNK_SIZE, page);
    chunk *c = calloc(1, sizeof *c);
    if (!c || size < need || !(c->raw = malloc(size + page))) {
        free(c);
        return NULL;
    }
    c->base = c->raw + (page - (uintptr_t)c->raw % page) % page;
    c->size = size;
    /* MADV_DONTDUMP (Linux) and mlock; a refused mlock (RLIMIT_MEMLOCK) leaves it unlocked */
    c->locked = sodium_mlock(c->base, c->size) == 0;
    return c;
}

/* Wipes c whole, unlocks it and frees it (the caller has unlinked it). */
static void chunk_free(chunk *c)
{
    sodium_munlock(c->base, c->size); /* wipes first, also when it was never locked */
    free(c->raw);
    free(c);
    arena.freed++;
}

static chunk *owner(const void *p)
{
    const unsigned char *b = p;
    for (chunk *c = arena.head; c; c = c->next)
        if (b >= c->base && b < c->base + c->size)
            return c;
    return NULL;
}

/* Unlinks and frees c when it holds no block and is not the chunk blocks come from. */
static void release_if_empty(chunk *c)
{
    if (c->live || c == arena.cur)
        return;
    for (chunk **pp = &arena.head; *pp; pp = &(*pp)->next)
        if (*pp == c) {
            *pp = c->next;
            break;
        }
    chunk_free(c);
}

int tp_secmem_enable(void)
{
    if (sodium_init() < 0)
        return -1;
    lock();
    arena.enabled = 1;
    unlock();
    return 0;
}

void *tp_secmem_alloc(size_t n)
{
    size_t need;
    unsigned char *b = NULL;
    if (n == 0 || n > SIZE_MAX / 2)
        return NULL;
    need = round_up(HEAD_SIZE + n, BLOCK_ALIGN);
    lock();
    if (arena.enabled) {
        chunk *c = arena.cur;
        if (!c || c->size - c->used < need) {
            chunk *fresh = chunk_new(need);
            if (fresh) {
                fresh->next = arena.head;
                arena.head = fresh;
                arena.cur = fresh;
                if (c) /* the old one goes once its last block is freed */
                    release_if_empty(c);
                c = fresh;
            } else {
                c = NULL;
            }
        }
        if (c) {
            b = c->base + c->used;
            c->used += need;
            c->live++;
            *(size_t *)b = need;
            b += HEAD_SIZE;
        }
    }
    unlock();
    return b;
}

int tp_secmem_owns(const void *p)
{
    int owned;
    if (!p)
        return 0;
    lock();
    owned = owner(p) != NULL;
    unlock();
    return owned;
}

void tp_secmem_free(void *p)
{
    chunk *c;
    if (!p)
        return;
    lock();
    c = owner(p);
    if (c) {
        unsigned char *head = (unsigned char *)p - HEAD_SIZE;
        size_t size = *(size_t *)head;
        sodium_memzero(head, size);
        if (head + size == c->base + c->used) /* the newest block: carve its room again */
            c->used -= size;
        if (--c->live == 0)
            c->used = 0; /* every block in it is wiped: carve from the start again */
        release_if_empty(c);
    }
    unlock();
}

void tp_secmem_stats_get(tp_secmem_stats *s)
{
    *s = (tp_secmem_stats){0};
    lock();
    for (const chunk *c = arena.head; c; c = c->next) {
        s->chunks++;
        s->locked += c->locked != 0;
        s->bytes_held += c->size;
        s->blocks_live += c->live;
    }
    s->chunks_freed = arena.freed;
    unlock();
#ifdef __linux__
    s->dontdump_applies = 1;
#endif
}
