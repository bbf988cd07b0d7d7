/* tpw_util: what the Win32 side of the platform seam shares: UTF-8 <-> UTF-16 paths and
 * Windows error codes as negative errno values. Private to platform/win32. */
#ifndef TPW_UTIL_H
#define TPW_UTIL_H

#include <stddef.h>
#include <windows.h>

/* The UTF-16 form of the UTF-8 string s (invalid UTF-8 is refused). Returns a malloc'd string
 * the caller frees, or NULL with *rc set to -EINVAL (bad UTF-8) or -ENOMEM. */
wchar_t *tpw_widen(const char *s, int *rc);

/* The UTF-8 form of the UTF-16 string w (NUL-terminated) into buf. Returns 0, -ENAMETOOLONG
 * when it does not fit, or -EINVAL for unpaired surrogates. */
int tpw_narrow(const wchar_t *w, char *buf, size_t size);

/* GetLastError() style code e as a negative errno value (-EIO for codes with no match). */
int tpw_errno(DWORD e);

/* A security descriptor that lets only the current user (and nobody else, not even
 * Administrators by inheritance) in, for folders and files created beneath: protected DACL with
 * one full-control ACE for the user's SID, inherited by files and subfolders. Returns a
 * LocalAlloc'd descriptor (free with LocalFree) or NULL with *rc = -errno. */
PSECURITY_DESCRIPTOR tpw_owner_only_sd(int *rc);

#endif
