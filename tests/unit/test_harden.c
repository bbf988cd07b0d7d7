/* tp_harden (issue 13, item 2): the process hardening every program calls at start, the
 * wiping free, and the memory scan the UI's lock test relies on (it must see a secret that is
 * there, in the heap or on the stack, and stop seeing it once it is wiped). On Windows (issue
 * 18) the hardening is checked by crashing a child copy of this program: it must end with the
 * exception's code and nothing else, no crash report (under wine, without the filter, winedbg
 * prints one, the stand-in for Windows Error Reporting's dump). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

#include <cjson/cJSON.h>

#include "tp_harden.h"
#include "tr_json.h"

#define MASK 0x5C

static void mask(const char *plain, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)plain[i] ^ MASK;
}

#ifdef _WIN32
/* Runs this program again as `SELF --crash` with its output in a file; returns its exit code
 * and what it printed (caller frees). */
static DWORD run_crashing_child(char **printed)
{
    wchar_t self[MAX_PATH], cmd[MAX_PATH + 32], out[MAX_PATH];
    assert_true(GetModuleFileNameW(NULL, self, MAX_PATH) > 0);
    swprintf(cmd, sizeof cmd / sizeof *cmd, L"\"%ls\" --crash", self);
    wchar_t tmp[MAX_PATH];
    assert_true(GetTempPathW(MAX_PATH, tmp) > 0);
    assert_true(GetTempFileNameW(tmp, L"thd", 0, out) != 0);
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE h = CreateFileW(out, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    STARTUPINFOW si = {.cb = sizeof si, .dwFlags = STARTF_USESTDHANDLES};
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = h;
    PROCESS_INFORMATION pi;
    assert_true(CreateProcessW(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi));
    assert_int_equal(WaitForSingleObject(pi.hProcess, 60000), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeProcess(pi.hProcess, &code));
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    CloseHandle(h);
    FILE *f = _wfopen(out, L"rb");
    assert_non_null(f);
    char *text = calloc(1, 65536);
    assert_non_null(text);
    size_t n = fread(text, 1, 65535, f), k = 0;
    fclose(f);
    for (size_t i = 0; i < n; i++) /* the child's stderr is in text mode: \r\n */
        if (text[i] != '\r')
            text[k++] = text[i];
    text[k] = '\0';
    DeleteFileW(out);
    *printed = text;
    return code;
}

static void crash_leaves_no_report(void **state)
{
    (void)state;
    char *printed = NULL;
    DWORD code = run_crashing_child(&printed);
    print_message("child ended with 0x%08lx\n", (unsigned long)code);
    assert_int_equal(code, EXCEPTION_ACCESS_VIOLATION);
    /* the filter's one line, and no crash report */
    assert_string_equal(printed, "hardened, crashing\n"
                                 "crashed with exception 0xC0000005; no crash report written\n");
    free(printed);
    assert_int_equal(tp_harden_process(), 0);
    UINT mode = GetErrorMode();
    assert_true(mode & SEM_NOGPFAULTERRORBOX);
    assert_true(mode & SEM_FAILCRITICALERRORS);
}

/* The child: hardens itself, then dereferences NULL, which no handler takes. */
static int crash_child(void)
{
    if (tp_harden_process() != 0)
        return 2;
    fputs("hardened, crashing\n", stderr);
    fflush(stderr);
    *(volatile int *)(uintptr_t)0 = 1;
    return 3; /* not reached */
}
#else
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
#endif

/* A secret made at run time, kept masked; it is unmasked only into the buffers under test. */
static void make_secret(uint8_t m[24])
{
    char plain[25];
    snprintf(plain, sizeof plain, "qzx%08x%08xhrdqq", (unsigned)rand(),
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

int main(int argc, char **argv)
{
#ifdef _WIN32
    if (argc > 1 && strcmp(argv[1], "--crash") == 0)
        return crash_child();
#endif
    (void)argc;
    (void)argv;
    const struct CMUnitTest tests[] = {
#ifdef _WIN32
        cmocka_unit_test(crash_leaves_no_report),
#else
        cmocka_unit_test(no_core_dumps),
#endif
        cmocka_unit_test(scan_sees_and_wipe_removes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
