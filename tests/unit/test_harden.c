/* tp_harden (issue 13, item 2): the process hardening every program calls at start, the
 * wiping free, and the memory scan the UI's lock test relies on (it must see a secret that is
 * there, in the heap or on the stack, and stop seeing it once it is wiped). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <cjson/cJSON.h>

#include "tp_harden.h"
#include "tr_json.h"

#define MASK 0x5C

static void mask(const char *plain, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)plain[i] ^ MASK;
}

static void no_core_dumps(void **state)
{
    struct rlimit lim = {RLIM_INFINITY, RLIM_INFINITY};
    setrlimit(RLIMIT_CORE, &(struct rlimit){4096, RLIM_INFINITY}); /* as a shell may leave it */
    assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
    assert_int_equal(tp_harden_process(), 0);
    assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    assert_int_equal(getrlimit(RLIMIT_CORE, &lim), 0);
    assert_int_equal(lim.rlim_cur, 0);
    assert_int_equal(lim.rlim_max, 0);
}

/* A secret made at run time, kept masked; it is unmasked only into the buffers under test. */
static void make_secret(uint8_t m[24])
{
    char plain[25];
    snprintf(plain, sizeof plain, "qzx%08x%08xhrdqq", (unsigned)random(),
             (unsigned)((uintptr_t)m & 0xffffffffu));
    mask(plain, m, 24);
    volatile char *v = plain; /* a plain memset before return may be optimised away */
    for (size_t i = 0; i < sizeof plain; i++)
        v[i] = 0;
}

static void unmask_into(char *dst, const uint8_t m[24])
{
    for (int i = 0; i < 24; i++)
        dst[i] = (char)(m[i] ^ MASK);
    dst[24] = '\0';
}

static void scan_sees_and_wipe_removes(void **state)
{
    uint8_t m[24];
    make_secret(m);
    long found = -1;
    assert_int_equal(tp_mem_find_masked(m, 24, MASK, &found), 0);
    assert_int_equal(found, 0);
    /* in the heap, through the wiping free */
    char *heap = malloc(4000);
    unmask_into(heap + 1234, m);
    assert_int_equal(tp_mem_find_masked(m, 24, MASK, &found), 0);
    assert_int_equal(found, 1);
    tp_wipe_free(heap);
    assert_int_equal(tp_mem_find_masked(m, 24, MASK, &found), 0);
    assert_int_equal(found, 0);
    /* in a cJSON tree and its printed text once tr_json_wipe_on_free is on */
    tr_json_wipe_on_free();
    char text[64];
    unmask_into(text, m);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "note", text);
    volatile char *vt = text;
    for (size_t i = 0; i < sizeof text; i++)
        vt[i] = 0;
    char *printed = cJSON_PrintUnformatted(o);
    assert_int_equal(tp_mem_find_masked(m, 24, MASK, &found), 0);
    assert_int_equal(found, 2);
    cJSON_free(printed);
    cJSON_Delete(o);
    assert_int_equal(tp_mem_find_masked(m, 24, MASK, &found), 0);
    assert_int_equal(found, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_core_dumps),
        cmocka_unit_test(scan_sees_and_wipe_removes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
