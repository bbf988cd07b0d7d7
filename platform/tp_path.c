/* tp_path: see tp_path.h. */
#include "tp_path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tp_fs.h"

static int copy_out(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        return -ENAMETOOLONG;
    memcpy(buf, s, n + 1);
    return 0;
}

int tp_path_exe_dir(char *buf, size_t size)
{
    char exe[TP_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    if (n < 0)
        return -errno;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return -ENOENT;
    *slash = '\0';
    return copy_out(buf, size, exe[0] ? exe : "/");
}

int tp_path_join(char *buf, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a);
    int n = snprintf(buf, size, "%s%s%s", a, la && a[la - 1] == '/' ? "" : "/", b);
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* "<parent of dir>/share/trinn/content": dir is absolute (from /proc/self/exe). */
static int installed_pack(char *buf, size_t size, const char *dir)
{
    const char *slash = strrchr(dir, '/');
    size_t n = slash ? (size_t)(slash - dir) : 0;
    int w = snprintf(buf, size, "%.*s/share/trinn/content", (int)n, dir);
    return w < 0 || (size_t)w >= size ? -ENAMETOOLONG : 0;
}

int tp_path_content_find(const char *given, char *buf, size_t size, char *looked, size_t lsize)
{
    const char *env = getenv("TRINN_CONTENT");
    char dir[TP_PATH_MAX], where[TP_PATH_MAX + 64];
    int rc;
    if (given || (env && env[0])) {
        const char *p = given ? given : env;
        snprintf(where, sizeof where, "%s (%s)", p,
                 given ? "given with --content" : "$TRINN_CONTENT");
        rc = tp_fs_is_dir(p) ? copy_out(buf, size, p) : -ENOENT;
    } else if ((rc = tp_path_exe_dir(dir, sizeof dir)) != 0) {
        snprintf(where, sizeof where,
                 "share/trinn/content beside the program (its folder is "
                 "unknown: /proc/self/exe cannot be read)");
    } else if ((rc = installed_pack(buf, size, dir)) != 0) {
        snprintf(where, sizeof where, "share/trinn/content beside the program in %s (too long)",
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
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char base[TP_PATH_MAX];
    if (xdg && xdg[0] == '/')
        return tp_path_join(buf, size, xdg, "trinn");
    if (!home || !home[0])
        return -ENOENT;
    if (tp_path_join(base, sizeof base, home, ".local/share") != 0)
        return -ENAMETOOLONG;
    return tp_path_join(buf, size, base, "trinn");
}

int tp_path_downloads_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DOWNLOAD_DIR");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        return copy_out(buf, size, xdg);
    if (!home || !home[0])
        return -ENOENT;
    return tp_path_join(buf, size, home, "Downloads");
}
