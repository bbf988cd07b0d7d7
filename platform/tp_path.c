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
    char exe[4096];
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

int tp_path_content_dir(char *buf, size_t size)
{
    const char *env = getenv("TRINN_CONTENT");
    char dir[4096];
    int rc;
    if (env && env[0]) {
        if (!tp_fs_is_dir(env))
            return -ENOENT;
        return copy_out(buf, size, env);
    }
    if ((rc = tp_path_exe_dir(dir, sizeof dir)) != 0)
        return rc;
    if ((rc = tp_path_join(buf, size, dir, "../share/trinn/content")) != 0)
        return rc;
    return tp_fs_is_dir(buf) ? 0 : -ENOENT;
}

int tp_path_data_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char base[4096];
    if (xdg && xdg[0] == '/')
        return tp_path_join(buf, size, xdg, "trinn");
    if (!home || !home[0])
        return -ENOENT;
    if (tp_path_join(base, sizeof base, home, ".local/share") != 0)
        return -ENAMETOOLONG;
    return tp_path_join(buf, size, base, "trinn");
}
