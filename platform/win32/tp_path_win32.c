/* tp_path: the Win32 implementation of platform/tp_path.h. The content pack is found beside
 * the program (share\trinn\content, the layout of the installer and the .zip) or one folder up
 * (the build tree's bin\..\share); the data folder is %APPDATA%\Trinn. */
#include "tp_path.h"

#include <errno.h>
#include <shlobj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tpw_util.h"

static int copy_out(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        return -ENAMETOOLONG;
    memcpy(buf, s, n + 1);
    return 0;
}

/* The UTF-8 value of environment variable name, or NULL when unset or empty. */
static int env_utf8(const wchar_t *name, char *buf, size_t size)
{
    const wchar_t *v = _wgetenv(name);
    if (!v || !v[0])
        return -ENOENT;
    return tpw_narrow(v, buf, size);
}

int tp_path_exe_dir(char *buf, size_t size)
{
    wchar_t exe[32768];
    DWORD n = GetModuleFileNameW(NULL, exe, sizeof exe / sizeof *exe);
    if (n == 0 || n >= sizeof exe / sizeof *exe)
        return n ? -ENAMETOOLONG : tpw_errno(GetLastError());
    wchar_t *slash = wcsrchr(exe, L'\\');
    if (!slash)
        return -ENOENT;
    *slash = 0;
    return tpw_narrow(exe, buf, size);
}

int tp_path_join(char *buf, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a);
    int sep = la && (a[la - 1] == '/' || a[la - 1] == '\\');
    int n = snprintf(buf, size, "%s%s%s", a, sep ? "" : "/", b);
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int tp_path_content_dir(char *buf, size_t size)
{
    char env[4096], dir[4096];
    int rc;
    if (env_utf8(L"TRINN_CONTENT", env, sizeof env) == 0) {
        if (!tp_fs_is_dir(env))
            return -ENOENT;
        return copy_out(buf, size, env);
    }
    if ((rc = tp_path_exe_dir(dir, sizeof dir)) != 0)
        return rc;
    if ((rc = tp_path_join(buf, size, dir, "share/trinn/content")) != 0)
        return rc;
    if (tp_fs_is_dir(buf))
        return 0;
    if ((rc = tp_path_join(buf, size, dir, "../share/trinn/content")) != 0)
        return rc;
    return tp_fs_is_dir(buf) ? 0 : -ENOENT;
}

int tp_path_data_dir(char *buf, size_t size)
{
    char base[4096];
    wchar_t *known = NULL;
    if (env_utf8(L"APPDATA", base, sizeof base) != 0) {
        if (SHGetKnownFolderPath(&FOLDERID_RoamingAppData, 0, NULL, &known) != S_OK) {
            CoTaskMemFree(known);
            return -ENOENT;
        }
        int rc = tpw_narrow(known, base, sizeof base);
        CoTaskMemFree(known);
        if (rc != 0)
            return rc;
    }
    return tp_path_join(buf, size, base, "Trinn");
}
