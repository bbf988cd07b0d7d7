/* tp_dir: the Win32 implementation of platform/tp_dir.h (FindFirstFileW, names as UTF-8). */
#include "tp_dir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tpw_util.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = suffix ? strlen(suffix) : 0;
    return n >= s && strcmp(name + n - s, suffix ? suffix : "") == 0;
}

void tp_dir_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

int tp_dir_list(const char *dir, const char *suffix, char ***names, size_t *n)
{
    char **list = NULL, pattern[4096], name[1024];
    size_t count = 0, cap = 0;
    int rc;
    WIN32_FIND_DATAW fd;
    HANDLE h = INVALID_HANDLE_VALUE;
    wchar_t *w = NULL;

    *names = NULL;
    *n = 0;
    if (!(w = tpw_widen(dir, &rc)))
        return rc;
    DWORD attr = GetFileAttributesW(w);
    free(w);
    if (attr == INVALID_FILE_ATTRIBUTES)
        return tpw_errno(GetLastError());
    if (!(attr & FILE_ATTRIBUTE_DIRECTORY))
        return -ENOTDIR;
    if ((rc = tp_path_join(pattern, sizeof pattern, dir, "*")) != 0)
        return rc;
    if (!(w = tpw_widen(pattern, &rc)))
        return rc;
    h = FindFirstFileW(w, &fd);
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        return e == ERROR_FILE_NOT_FOUND ? 0 : tpw_errno(e);
    }
    do {
        if (fd.dwFileAttributes &
            (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DEVICE))
            continue;
        if (tpw_narrow(fd.cFileName, name, sizeof name) != 0)
            continue; /* a name not valid as UTF-8 cannot be one of ours */
        if (name[0] == '.' || !has_suffix(name, suffix))
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **grown = realloc(list, ncap * sizeof *grown);
            if (!grown) {
                rc = -ENOMEM;
                goto fail;
            }
            list = grown;
            cap = ncap;
        }
        if (!(list[count] = strdup(name))) {
            rc = -ENOMEM;
            goto fail;
        }
        count++;
    } while (FindNextFileW(h, &fd));
    if (GetLastError() != ERROR_NO_MORE_FILES) {
        rc = tpw_errno(GetLastError());
        goto fail;
    }
    FindClose(h);
    if (count)
        qsort(list, count, sizeof *list, cmp_names);
    *names = list;
    *n = count;
    return 0;
fail:
    FindClose(h);
    tp_dir_names_free(list, count);
    return rc;
}
