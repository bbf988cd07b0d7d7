/* tp_fs: the Win32 implementation of platform/tp_fs.h. Folders Trinn creates get an access
 * list that lets only the current user in (the Windows form of mode 0700). */
#include "tp_fs.h"

#define _CRT_RAND_S /* rand_s: RtlGenRandom */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpw_util.h"

#include <aclapi.h>

int tp_fs_read_file(const char *path, size_t max, char **out, size_t *len)
{
    int rc;
    char *buf = NULL;
    size_t done = 0;
    LARGE_INTEGER sz;
    wchar_t *w = tpw_widen(path, &rc);
    HANDLE h = INVALID_HANDLE_VALUE;
    *out = NULL;
    if (!w)
        return rc;
    DWORD attr = GetFileAttributesW(w);
    if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        rc = -EISDIR;
        goto fail;
    }
    h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        rc = tpw_errno(GetLastError());
        goto fail;
    }
    if (!GetFileSizeEx(h, &sz)) {
        rc = tpw_errno(GetLastError());
        goto fail;
    }
    if ((uint64_t)sz.QuadPart > max) {
        rc = -EFBIG;
        goto fail;
    }
    if (!(buf = malloc((size_t)sz.QuadPart + 1))) {
        rc = -ENOMEM;
        goto fail;
    }
    while (done < (size_t)sz.QuadPart) {
        DWORD r = 0;
        if (!ReadFile(h, buf + done, (DWORD)((size_t)sz.QuadPart - done), &r, NULL)) {
            rc = tpw_errno(GetLastError());
            goto fail;
        }
        if (r == 0)
            break; /* shrank while we read: take what is there */
        done += r;
    }
    buf[done] = '\0';
    CloseHandle(h);
    free(w);
    *out = buf;
    *len = done;
    return 0;
fail:
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    free(buf);
    free(w);
    return rc;
}

int tp_fs_is_dir(const char *path)
{
    int rc;
    wchar_t *w = tpw_widen(path, &rc);
    if (!w)
        return 0;
    DWORD attr = GetFileAttributesW(w);
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

int tp_fs_exists(const char *path)
{
    int rc;
    wchar_t *w = tpw_widen(path, &rc);
    if (!w)
        return 0;
    DWORD attr = GetFileAttributesW(w); /* a reparse point (link) itself, not its target */
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES;
}

/* Creates the one folder w with the owner-only access list; 0 also when it exists already. */
static int make_one(const wchar_t *w, PSECURITY_DESCRIPTOR sd)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
    if (CreateDirectoryW(w, &sa))
        return 0;
    DWORD e = GetLastError();
    if (e == ERROR_ALREADY_EXISTS) {
        DWORD attr = GetFileAttributesW(w);
        return (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) ? 0
                                                                                      : -ENOTDIR;
    }
    return tpw_errno(e);
}

int tp_fs_mkdirs(const char *dir)
{
    int rc;
    wchar_t *w = tpw_widen(dir, &rc);
    PSECURITY_DESCRIPTOR sd = NULL;
    if (!w)
        return rc;
    if (!(sd = tpw_owner_only_sd(&rc)))
        goto out;
    size_t n = wcslen(w), start = 0;
    /* skip what cannot be created: "C:\", "\\server\share\", a leading "\" */
    if (n >= 2 && w[1] == L':')
        start = 2;
    else if (n >= 2 && (w[0] == L'\\' || w[0] == L'/') && (w[1] == L'\\' || w[1] == L'/')) {
        int seps = 0;
        for (start = 2; start < n && seps < 2; start++)
            if (w[start] == L'\\' || w[start] == L'/')
                seps++;
    }
    while (start < n && (w[start] == L'\\' || w[start] == L'/'))
        start++;
    for (size_t i = start; i <= n && rc == 0; i++) {
        if (i < n && w[i] != L'\\' && w[i] != L'/')
            continue;
        wchar_t keep = w[i];
        w[i] = 0;
        if (i > start)
            rc = make_one(w, sd);
        w[i] = keep;
    }
out:
    if (sd)
        LocalFree(sd);
    free(w);
    return rc;
}

int tp_fs_private_dir(const char *dir)
{
    int rc = tp_fs_mkdirs(dir);
    wchar_t *w = NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    PACL dacl = NULL;
    BOOL present = FALSE, defaulted = FALSE;
    if (rc != 0)
        return rc;
    if (!(w = tpw_widen(dir, &rc)))
        return rc;
    DWORD attr = GetFileAttributesW(w);
    if (attr == INVALID_FILE_ATTRIBUTES) {
        rc = tpw_errno(GetLastError());
        goto out;
    }
    if (!(attr & FILE_ATTRIBUTE_DIRECTORY) || (attr & FILE_ATTRIBUTE_REPARSE_POINT)) {
        rc = -ENOTDIR; /* a link is refused, as lstat does on POSIX */
        goto out;
    }
    /* the folder's list becomes the owner's alone, also when it existed with a wider one */
    if (!(sd = tpw_owner_only_sd(&rc)))
        goto out;
    if (!GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted) || !present) {
        rc = -EACCES;
        goto out;
    }
    DWORD e = SetNamedSecurityInfoW(w, SE_FILE_OBJECT,
                                    DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                    NULL, NULL, dacl, NULL);
    rc = e == ERROR_SUCCESS ? 0 : tpw_errno(e);
out:
    if (sd)
        LocalFree(sd);
    free(w);
    return rc;
}

int tp_fs_write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4200];
    wchar_t *wtmp = NULL, *wpath = NULL;
    HANDLE h = INVALID_HANDLE_VALUE;
    PSECURITY_DESCRIPTOR sd = NULL;
    int rc;
    if (!(wpath = tpw_widen(path, &rc)))
        return rc;
    if (!(sd = tpw_owner_only_sd(&rc)))
        goto fail;
    SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
    for (int tries = 0; h == INVALID_HANDLE_VALUE; tries++) {
        unsigned a = 0, b = 0;
        if (rand_s(&a) != 0 || rand_s(&b) != 0) {
            rc = -EIO;
            goto fail;
        }
        int n = snprintf(tmp, sizeof tmp, "%s.%08x%04x.tmp", path, a, b & 0xffffu);
        if (n < 0 || (size_t)n >= sizeof tmp) {
            rc = -ENAMETOOLONG;
            goto fail;
        }
        free(wtmp);
        if (!(wtmp = tpw_widen(tmp, &rc)))
            goto fail;
        h = CreateFileW(wtmp, GENERIC_WRITE, 0, &sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            DWORD e = GetLastError();
            if ((e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS) || tries > 8) {
                rc = tpw_errno(e);
                free(wtmp);
                wtmp = NULL; /* nothing was made */
                goto fail;
            }
        }
    }
    for (size_t done = 0; done < len;) {
        DWORD w = 0, want = len - done > 0x40000000u ? 0x40000000u : (DWORD)(len - done);
        if (!WriteFile(h, (const char *)data + done, want, &w, NULL) || w == 0) {
            rc = tpw_errno(GetLastError());
            goto fail;
        }
        done += w;
    }
    if (!FlushFileBuffers(h)) {
        rc = tpw_errno(GetLastError());
        goto fail;
    }
    CloseHandle(h);
    h = INVALID_HANDLE_VALUE;
    if (!MoveFileExW(wtmp, wpath, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        rc = tpw_errno(GetLastError());
        goto fail;
    }
    LocalFree(sd);
    free(wtmp);
    free(wpath);
    return 0;
fail:
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    if (wtmp)
        DeleteFileW(wtmp);
    if (sd)
        LocalFree(sd);
    free(wtmp);
    free(wpath);
    return rc;
}
