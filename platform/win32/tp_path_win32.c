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

/* The installed pack of the program in dir: share\trinn\content beside it (the installer's and
 * the .zip's layout; tried first, so no folder above a copied .zip can stand in for it), else
 * ..\share\trinn\content (the build tree's bin\..\share); buf holds the first when neither
 * is a folder. */
static int installed_pack(char *buf, size_t size, const char *dir)
{
    int rc = tp_path_join(buf, size, dir, "share/trinn/content");
    if (rc == 0 && !tp_fs_is_dir(buf)) {
        char up[TP_PATH_MAX];
        if (tp_path_join(up, sizeof up, dir, "../share/trinn/content") == 0 && tp_fs_is_dir(up))
            return copy_out(buf, size, up);
    }
    return rc;
}

int tp_path_content_find(const char *given, char *buf, size_t size, char *looked, size_t lsize)
{
    char env[TP_PATH_MAX], dir[TP_PATH_MAX], where[TP_PATH_MAX + 64];
    int has_env = env_utf8(L"TRINN_CONTENT", env, sizeof env) == 0;
    int rc;
    if (given || has_env) {
        const char *p = given ? given : env;
        snprintf(where, sizeof where, "%s (%s)", p,
                 given ? "given with --content" : "%TRINN_CONTENT%");
        rc = tp_fs_is_dir(p) ? copy_out(buf, size, p) : -ENOENT;
    } else if ((rc = tp_path_exe_dir(dir, sizeof dir)) != 0) {
        snprintf(where, sizeof where,
                 "share\\trinn\\content beside the program (its folder is unknown)");
    } else if ((rc = installed_pack(buf, size, dir)) != 0) {
        snprintf(where, sizeof where, "share\\trinn\\content beside the program in %s (too long)",
                 dir);
    } else {
        snprintf(where, sizeof where, "%s (beside the program in %s)", buf, dir);
        rc = tp_fs_is_dir(buf) ? 0 : -ENOENT;
    }
    if (looked && lsize)
        snprintf(looked, lsize, "%s", where);
    return rc;
}

int tp_path_content_dir(char *buf, size_t size)
{
    return tp_path_content_find(NULL, buf, size, NULL, 0);
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

int tp_path_downloads_dir(char *buf, size_t size)
{
    /* an absolute XDG_DOWNLOAD_DIR wins here too (a portable install, the test suite) */
    char env[TP_PATH_MAX];
    if (env_utf8(L"XDG_DOWNLOAD_DIR", env, sizeof env) == 0 &&
        (env[0] == '/' || env[0] == '\\' || (env[0] && env[1] == ':')))
        return copy_out(buf, size, env);
    wchar_t *known = NULL;
    if (SHGetKnownFolderPath(&FOLDERID_Downloads, 0, NULL, &known) != S_OK) {
        CoTaskMemFree(known);
        return -ENOENT;
    }
    int rc = tpw_narrow(known, buf, size);
    CoTaskMemFree(known);
    return rc;
}
