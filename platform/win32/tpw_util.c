/* tpw_util: see tpw_util.h. */
#include "tpw_util.h"

#include <errno.h>
#include <sddl.h>
#include <stdio.h>
#include <stdlib.h>

wchar_t *tpw_widen(const char *s, int *rc)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    wchar_t *w;
    if (n <= 0) {
        *rc = -EINVAL;
        return NULL;
    }
    w = malloc((size_t)n * sizeof *w);
    if (!w) {
        *rc = -ENOMEM;
        return NULL;
    }
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
        free(w);
        *rc = -EINVAL;
        return NULL;
    }
    *rc = 0;
    return w;
}

int tpw_narrow(const wchar_t *w, char *buf, size_t size)
{
    int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return -EINVAL;
    if ((size_t)n > size)
        return -ENAMETOOLONG;
    WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, buf, n, NULL, NULL);
    return 0;
}

int tpw_errno(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
        return -ENOENT;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return -EEXIST;
    case ERROR_ACCESS_DENIED:
    case ERROR_WRITE_PROTECT:
    case ERROR_PRIVILEGE_NOT_HELD:
        return -EACCES;
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return -EWOULDBLOCK;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return -ENOMEM;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return -ENOSPC;
    case ERROR_FILENAME_EXCED_RANGE:
    case ERROR_BUFFER_OVERFLOW:
        return -ENAMETOOLONG;
    case ERROR_DIRECTORY:
        return -ENOTDIR;
    case ERROR_DIR_NOT_EMPTY:
        return -ENOTEMPTY;
    case ERROR_INVALID_NAME:
    case ERROR_INVALID_PARAMETER:
        return -EINVAL;
    case ERROR_NOT_SAME_DEVICE:
        return -EXDEV;
    default:
        return -EIO;
    }
}

PSECURITY_DESCRIPTOR tpw_owner_only_sd(int *rc)
{
    HANDLE token = NULL;
    union {
        TOKEN_USER user;
        unsigned char bytes[256];
    } info;
    DWORD len = 0;
    LPWSTR sid = NULL;
    wchar_t sddl[256];
    PSECURITY_DESCRIPTOR sd = NULL;

    *rc = -EACCES;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        goto fail;
    if (!GetTokenInformation(token, TokenUser, &info, sizeof info, &len))
        goto fail;
    if (!ConvertSidToStringSidW(info.user.User.Sid, &sid))
        goto fail;
    /* P: not inheriting the parent's entries; OICI: files and folders beneath get the same */
    if (_snwprintf(sddl, sizeof sddl / sizeof *sddl, L"D:P(A;OICI;FA;;;%ls)", sid) < 0)
        goto fail;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &sd, NULL))
        goto fail;
    *rc = 0;
fail:
    if (sid)
        LocalFree(sid);
    if (token)
        CloseHandle(token);
    return sd;
}
