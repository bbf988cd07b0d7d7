/* tp_secmem: memory for record plaintext that stays out of core dumps and, where the limit
 * allows, out of swap.
 *
 * A small arena of chunks (256 KiB each, page-aligned), each handed to sodium_mlock: on Linux
 * that is madvise(MADV_DONTDUMP), so no core dump holds the chunk, and mlock, so it is never
 * written to swap (VirtualLock on Windows). mlock is limited by RLIMIT_MEMLOCK (8 MiB on
 * Debian 12); a chunk over the limit is still used, only not locked (tp_secmem_stats says how
 * many are). Blocks are carved from a chunk in order; freeing one wipes it, and a chunk whose
 * blocks are all freed is wiped whole, unlocked and given back (the newest is kept for reuse).
 *
 * Process-wide, by necessity: cJSON's free hook is global and gets no context, so whoever frees
 * a block must be able to ask whether it came from here (tp_secmem_owns). All functions are
 * safe to call from several threads (the profile's worker thread packs records while the main
 * thread frees others). Until tp_secmem_enable is called, tp_secmem_alloc returns NULL and the
 * caller uses malloc as before. */
#ifndef TP_SECMEM_H
#define TP_SECMEM_H

#include <stddef.h>

/* Turns the arena on (idempotent). Returns 0, or -1 when libsodium cannot start. */
int tp_secmem_enable(void);

/* n bytes (any n > 0) aligned for any type, from the arena; NULL when the arena is not enabled
 * or memory runs out (the caller falls back to malloc). Free with tp_secmem_free. */
void *tp_secmem_alloc(size_t n);

/* 1 when p is a block of this arena (so must be freed with tp_secmem_free), else 0. */
int tp_secmem_owns(const void *p);

/* Wipes p's block and frees it; the chunk goes back once all its blocks are freed. p must be
 * owned (tp_secmem_owns); NULL is a no-op. */
void tp_secmem_free(void *p);

typedef struct tp_secmem_stats {
    size_t chunks;        /* chunks held now */
    size_t locked;        /* of them, locked in memory (mlock succeeded) */
    size_t bytes_held;    /* their total size */
    size_t blocks_live;   /* blocks allocated and not yet freed */
    size_t chunks_freed;  /* chunks given back since the start */
    int dontdump_applies; /* 1 where the system has MADV_DONTDUMP (Linux) */
} tp_secmem_stats;

/* A snapshot of the arena's figures (for tests and --benchmark). */
void tp_secmem_stats_get(tp_secmem_stats *s);

#endif
