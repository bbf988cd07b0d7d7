/* tp_harden: the Windows implementation of platform/tp_harden.h.
 *
 * Windows has no core files; what writes a crashed process's memory to disk there is Windows
 * Error Reporting (WER: its report queue, and full dumps when IT has set LocalDumps), which
 * the default unhandled-exception filter starts (under wine: the AeDebug debugger, winedbg).
 * So tp_harden_process installs a top-level exception filter that ends the process at once
 * with the exception's code, before WER or a debugger is started, turns off the error dialog
 * boxes (SetErrorMode), and asks WER for no UI (WerSetFlags), so a crash of a kiosk PC does not
 * wait on a dialog. Not covered, and said so in the README: a fail-fast exit (__fastfail, which
 * Windows itself uses for detected heap or stack corruption) bypasses every filter and goes to
 * WER, which then writes a dump if an administrator configured LocalDumps; and an
 * administrator, a debugger, or another process of the same user can still read the running
 * process's memory (there is no PR_SET_DUMPABLE; an access list on the process would not stop
 * its owner, who may rewrite it). */
#include "tp_harden.h"

#include <windows.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* From the Windows SDK's werapi.h (kernel32): mingw-w64 12's werapi.h does not compile on its
 * own and lacks the flag. */
HRESULT WINAPI WerSetFlags(DWORD flags);
#define WER_FAULT_REPORTING_NO_UI 0x20

/* The top-level filter: runs for any exception no handler took, instead of WER. Says on
 * stderr which exception it was (one line, no memory contents), then ends the process. */
static LONG WINAPI end_without_report(EXCEPTION_POINTERS *info)
{
    UINT code = info && info->ExceptionRecord ? (UINT)info->ExceptionRecord->ExceptionCode : 1u;
    char line[] = "crashed with exception 0x00000000; no crash report written\n";
    char *hex = strstr(line, "0x") + 2; /* no printf in a crashed process */
    for (int i = 0; i < 8; i++)
        hex[i] = "0123456789ABCDEF"[(code >> (28 - 4 * i)) & 0xF];
    DWORD put;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)strlen(line), &put, NULL);
    TerminateProcess(GetCurrentProcess(), code);
    return EXCEPTION_EXECUTE_HANDLER; /* not reached */
}

int tp_harden_process(void)
{
    SetErrorMode(GetErrorMode() | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
                 SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(end_without_report);
    /* only the dialog: the filter above keeps WER out of ordinary crashes */
    HRESULT hr = WerSetFlags(WER_FAULT_REPORTING_NO_UI);
    return SUCCEEDED(hr) ? 0 : -EPERM;
}

void tp_wipe_free(void *p)
{
    if (!p)
        return;
    /* _msize: the usable size of a block from this C runtime's malloc (msvcrt) */
    volatile unsigned char *v = p;
    size_t n = _msize(p);
    for (size_t i = 0; i < n; i++)
        v[i] = 0;
    free(p);
}

#define SCAN_CHUNK ((size_t)1 << 20)
#define SCAN_SKIP  ((SIZE_T)1 << 30)

/* Counts the needle's places in buf[0..len) (needle unmasked byte by byte as compared). */
static long scan_buf(const uint8_t *buf, size_t len, const uint8_t *masked, size_t n, uint8_t mask)
{
    long found = 0;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && buf[i + k] == (uint8_t)(masked[k] ^ mask))
            k++;
        if (k == n)
            found++;
    }
    return found;
}

static int readable(const MEMORY_BASIC_INFORMATION *mi)
{
    DWORD p = mi->Protect;
    if (mi->State != MEM_COMMIT || (p & (PAGE_GUARD | PAGE_NOACCESS)))
        return 0;
    return (p & (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ |
                 PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)) != 0;
}

/* The same walk as the Linux /proc/self/mem scan: every committed readable region of this
 * process (VirtualQuery), read through ReadProcessMemory so a page that goes away meanwhile
 * is skipped instead of faulting. */
int tp_mem_find_masked(const uint8_t *masked, size_t n, uint8_t mask, long *found)
{
    *found = 0;
    if (n == 0 || n > 4096)
        return -EINVAL;
    size_t cap = SCAN_CHUNK + 4096;
    uint8_t *buf = VirtualAlloc(NULL, cap, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!buf)
        return -ENOMEM;
    uintptr_t own_lo = (uintptr_t)buf, own_hi = own_lo + cap;
    HANDLE self = GetCurrentProcess();
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    uintptr_t at = (uintptr_t)si.lpMinimumApplicationAddress;
    uintptr_t end = (uintptr_t)si.lpMaximumApplicationAddress;
    MEMORY_BASIC_INFORMATION mi;
    while (at < end && VirtualQuery((LPCVOID)at, &mi, sizeof mi) == sizeof mi) {
        uintptr_t lo = (uintptr_t)mi.BaseAddress, hi = lo + mi.RegionSize;
        at = hi;
        if (!readable(&mi) || mi.RegionSize > SCAN_SKIP || (lo < own_hi && own_lo < hi))
            continue;
        size_t keep = 0;
        for (uintptr_t off = lo; off < hi;) {
            size_t want = hi - off < SCAN_CHUNK ? (size_t)(hi - off) : SCAN_CHUNK;
            SIZE_T got = 0;
            if (!ReadProcessMemory(self, (LPCVOID)off, buf + keep, want, &got) || got == 0) {
                keep = 0; /* gone or guarded meanwhile: skip this chunk */
                off += want;
                continue;
            }
            size_t len = keep + (size_t)got;
            *found += scan_buf(buf, len, masked, n, mask);
            keep = len >= n - 1 ? n - 1 : len;
            memmove(buf, buf + len - keep, keep);
            off += got;
        }
    }
    SecureZeroMemory(buf, cap);
    VirtualFree(buf, 0, MEM_RELEASE);
    return 0;
}
