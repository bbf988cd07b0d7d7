/* tp_harden: see tp_harden.h. */
#define _GNU_SOURCE /* malloc_usable_size */
#include "tp_harden.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#ifdef __linux__
#include <malloc.h>
#include <sys/prctl.h>
#endif

int tp_harden_process(void)
{
    int rc = 0;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        rc = -errno;
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 && rc == 0)
        rc = -errno;
#endif
    return rc;
}

void tp_wipe_free(void *p)
{
    if (!p)
        return;
#ifdef __linux__
    volatile unsigned char *v = p;
    size_t n = malloc_usable_size(p);
    for (size_t i = 0; i < n; i++)
        v[i] = 0;
#endif
    free(p);
}

#define SCAN_CHUNK ((size_t)1 << 20)
#define SCAN_SKIP  ((unsigned long long)1 << 30)

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

int tp_mem_find_masked(const uint8_t *masked, size_t n, uint8_t mask, long *found)
{
    *found = 0;
#ifdef __linux__
    if (n == 0 || n > 4096)
        return -EINVAL;
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps)
        return -errno;
    int mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    if (mem < 0) {
        int rc = -errno;
        fclose(maps);
        return rc;
    }
    /* The chunk is read with an overlap of n - 1 bytes, so a needle across chunks is found. */
    size_t cap = SCAN_CHUNK + 4096;
    uint8_t *buf = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        close(mem);
        fclose(maps);
        return -ENOMEM;
    }
    unsigned long long own_lo = (unsigned long long)(uintptr_t)buf, own_hi = own_lo + cap;
    char line[1024];
    while (fgets(line, sizeof line, maps)) {
        unsigned long long lo = 0, hi = 0;
        char perms[8] = "";
        if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) != 3 || perms[0] != 'r')
            continue;
        if (hi - lo > SCAN_SKIP || (lo < own_hi && own_lo < hi) || strstr(line, "[vvar]") ||
            strstr(line, "[vsyscall]"))
            continue;
        size_t keep = 0;
        for (unsigned long long off = lo; off < hi;) {
            size_t want = hi - off < SCAN_CHUNK ? (size_t)(hi - off) : SCAN_CHUNK;
            ssize_t got = pread(mem, buf + keep, want, (off_t)off);
            if (got <= 0) { /* a guard page or the like: skip this chunk */
                keep = 0;
                off += want;
                continue;
            }
            size_t len = keep + (size_t)got;
            *found += scan_buf(buf, len, masked, n, mask);
            keep = len >= n - 1 ? n - 1 : len;
            memmove(buf, buf + len - keep, keep);
            off += (size_t)got;
        }
    }
    memset(buf, 0, cap);
    munmap(buf, cap);
    close(mem);
    fclose(maps);
    return 0;
#else
    (void)masked;
    (void)n;
    (void)mask;
    return -ENOSYS;
#endif
}
