/* tp_secmem (issue 13, item 2): the records kept after unlock live in memory that core dumps
 * leave out (MADV_DONTDUMP, the "dd" flag in /proc/self/smaps) and that is locked out of swap
 * where RLIMIT_MEMLOCK allows ("lo"); a freed block is wiped at once; a chunk with no block
 * left is given back; and packed records come from there once tr_json_wipe_on_free is on. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include <cjson/cJSON.h>

#include "tp_secmem.h"
#include "tr_json.h"
#include "tr_records_pack.h"

#ifdef __linux__
/* The VmFlags line of the /proc/self/smaps mapping that holds p, into flags. */
static void vm_flags(const void *p, char *flags, size_t size)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int in = 0;
    uintptr_t a = (uintptr_t)p;
    flags[0] = '\0';
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            in = a >= lo && a < hi;
        else if (in && strncmp(line, "VmFlags:", 8) == 0) {
            snprintf(flags, size, "%s", line + 8);
            break;
        }
    }
    fclose(f);
}

static int has_flag(const char *flags, const char *flag)
{
    char padded[8];
    snprintf(padded, sizeof padded, " %s", flag);
    return strstr(flags, padded) != NULL;
}
#endif

static void off_until_enabled(void **state)
{
    (void)state;
    assert_null(tp_secmem_alloc(64)); /* the caller then uses malloc */
    assert_int_equal(tp_secmem_owns(&state), 0);
}

static void blocks_are_kept_out_of_dumps_and_wiped(void **state)
{
    (void)state;
    tp_secmem_stats st;
    assert_int_equal(tp_secmem_enable(), 0);
    unsigned char *a = tp_secmem_alloc(100), *b = tp_secmem_alloc(3000);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(tp_secmem_owns(a) && tp_secmem_owns(b + 2999));
    assert_int_equal((uintptr_t)a % alignof(max_align_t), 0);
    assert_int_equal((uintptr_t)b % alignof(max_align_t), 0);
    assert_true(b >= a + 100); /* no overlap */
    memset(a, 'A', 100);
    memset(b, 'B', 3000);
    tp_secmem_stats_get(&st);
    assert_int_equal(st.chunks, 1);
    assert_int_equal(st.blocks_live, 2);
#ifdef __linux__
    char flags[512];
    struct rlimit lim;
    vm_flags(a, flags, sizeof flags);
    print_message("VmFlags of the arena: %s", flags);
    assert_true(has_flag(flags, "dd")); /* MADV_DONTDUMP: no core dump holds it */
    assert_int_equal(st.dontdump_applies, 1);
    assert_int_equal(getrlimit(RLIMIT_MEMLOCK, &lim), 0);
    if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= 1024 * 1024) {
        assert_int_equal(st.locked, 1); /* the limit allows: locked out of swap */
#if defined(__SANITIZE_ADDRESS__)
        print_message("AddressSanitizer makes mlock a no-op: the \"lo\" flag is not checked\n");
#else
        assert_true(has_flag(flags, "lo"));
#endif
    }
#else
    print_message("%zu of %zu chunks locked (VirtualLock)\n", st.locked, st.chunks);
#endif

    /* a freed block is wiped at once, while the chunk stays for the other */
    tp_secmem_free(a);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(a[i], 0);
    assert_int_equal(b[0], 'B');
    tp_secmem_free(b);
    tp_secmem_stats_get(&st);
    assert_int_equal(st.blocks_live, 0);
    assert_int_equal(st.chunks, 1); /* the chunk blocks come from is kept for reuse */

    /* a block bigger than a chunk gets its own; the emptied old one is given back */
    size_t freed = st.chunks_freed;
    size_t n_big =
        600 * 1024 - alignof(max_align_t); /* with its size in front: whole pages, no room left */
    unsigned char *big = tp_secmem_alloc(n_big);
    assert_non_null(big);
    memset(big, 'C', n_big);
    tp_secmem_stats_get(&st);
    assert_int_equal(st.chunks, 1);
    assert_int_equal(st.chunks_freed, freed + 1);
    unsigned char *small = tp_secmem_alloc(10); /* does not fit beside it: a new chunk */
    assert_non_null(small);
    tp_secmem_free(big); /* no longer the current chunk and empty: given back */
    tp_secmem_stats_get(&st);
    assert_int_equal(st.chunks, 1);
    assert_int_equal(st.chunks_freed, freed + 2);
    assert_false(tp_secmem_owns(big));
    tp_secmem_free(small);
    tp_secmem_free(NULL);
}

static void packed_records_come_from_the_arena(void **state)
{
    (void)state;
    tp_secmem_stats st;
    tr_json_wipe_on_free(); /* the hook, then the arena */
    cJSON *rec = tr_records_pack(cJSON_Parse(
        "{\"type\":\"checkin\",\"ts\":\"2026-12-05T09:00:00Z\",\"note\":\"hemmelig\"}"));
    assert_true(tr_records_packed(rec));
    assert_true(tp_secmem_owns(rec));
    assert_string_equal(cJSON_GetObjectItem(rec, "note")->valuestring, "hemmelig");
    tp_secmem_stats_get(&st);
    assert_int_equal(st.blocks_live, 1);
    char *note = cJSON_GetObjectItem(rec, "note")->valuestring;
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, rec);
    cJSON_Delete(arr); /* cJSON's free hook gives the block back, wiped */
    tp_secmem_stats_get(&st);
    assert_int_equal(st.blocks_live, 0);
    assert_int_equal(tp_secmem_owns(note), 1); /* the chunk is kept, and the note is gone */
    assert_int_equal(note[0], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(off_until_enabled),
        cmocka_unit_test(blocks_are_kept_out_of_dumps_and_wiped),
        cmocka_unit_test(packed_records_come_from_the_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
