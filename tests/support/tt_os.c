/* tt_os: see tt_os.h. */
#include "tt_os.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _WIN32
#include <direct.h>
#include <windows.h>
#define tt_mkdir(p) _mkdir(p)
#else
#define tt_mkdir(p) mkdir(p, 0700)
#endif

const char *tt_temp_base(void)
{
#ifdef _WIN32
    static char base[MAX_PATH + 1];
    DWORD n = GetTempPathA(sizeof base, base);
    if (n == 0 || n >= sizeof base)
        return ".";
    if (base[n - 1] == '\\' || base[n - 1] == '/')
        base[n - 1] = 0;
    return base;
#else
    return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
#endif
}

int tt_mkdtemp(char *buf, size_t size, const char *prefix)
{
    int n = snprintf(buf, size, "%s/%s-XXXXXX", tt_temp_base(), prefix);
    if (n < 0 || (size_t)n >= size)
        return errno = ENAMETOOLONG, -1;
#ifdef _WIN32
    static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char *x = buf + n - 6;
    for (int tries = 0; tries < 100; tries++) {
        unsigned r = GetTickCount() ^ (unsigned)GetCurrentProcessId() * 2654435761u ^
                     (unsigned)tries * 40503u ^ (unsigned)rand();
        for (int i = 0; i < 6; i++, r /= 36)
            x[i] = abc[r % 36];
        if (_mkdir(buf) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
#else
    return mkdtemp(buf) ? 0 : -1;
#endif
}

static int join(char *buf, size_t size, const char *a, const char *b)
{
    int n = snprintf(buf, size, "%s/%s", a, b);
    return n < 0 || (size_t)n >= size ? (errno = ENAMETOOLONG, -1) : 0;
}

static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    int rc = 0;
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (!out)
        rc = -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in && ferror(in))
        rc = -1;
    if (out && fclose(out) != 0)
        rc = -1;
    if (in)
        fclose(in);
    return rc;
}

int tt_copy_tree(const char *from, const char *to)
{
    DIR *d = opendir(from);
    struct dirent *e;
    int rc = 0;
    if (!d)
        return -1;
    while (!rc && (e = readdir(d)) != NULL) {
        char src[4096], dst[4096];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (join(src, sizeof src, from, e->d_name) || join(dst, sizeof dst, to, e->d_name) ||
            stat(src, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = (tt_mkdir(dst) == 0 || errno == EEXIST) ? tt_copy_tree(src, dst) : -1;
        else
            rc = copy_file(src, dst);
    }
    closedir(d);
    return rc;
}

int tt_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (join(p, sizeof p, dir, e->d_name) != 0) {
            rc = -1;
            continue;
        }
#ifdef _WIN32
        int is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
#else
        int is_dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
#endif
        if (is_dir ? tt_remove_tree(p) : unlink(p))
            rc = -1;
    }
    closedir(d);
    if (rmdir(dir) != 0)
        rc = -1;
    return rc;
}

int tt_count_prefix(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

int tt_setenv(const char *name, const char *value)
{
#ifdef _WIN32
    return _putenv_s(name, value) == 0 ? 0 : -1;
#else
    return setenv(name, value, 1);
#endif
}
