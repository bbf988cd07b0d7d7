/* tp_fs: see tp_fs.h. */
#include "tp_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tp_fs_read_file(const char *path, size_t max, char **out, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    size_t got = 0;
    int fd, rc = 0;

    *out = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (fstat(fd, &st) != 0) {
        rc = -errno;
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = -EISDIR;
        goto fail;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        rc = -EFBIG;
        goto fail;
    }
    /* Read in chunks: the size of pipes and special files is not known in advance. */
    for (;;) {
        size_t cap = got + 65536;
        char *nb;
        ssize_t n;
        if (got > max) {
            rc = -EFBIG;
            goto fail;
        }
        nb = realloc(buf, cap + 1);
        if (!nb) {
            rc = -ENOMEM;
            goto fail;
        }
        buf = nb;
        n = read(fd, buf + got, cap - got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            goto fail;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    if (got > max) {
        rc = -EFBIG;
        goto fail;
    }
    if (!buf && !(buf = malloc(1))) {
        rc = -ENOMEM;
        goto fail;
    }
    buf[got] = '\0';
    close(fd);
    *out = buf;
    *len = got;
    return 0;
fail:
    free(buf);
    close(fd);
    return rc;
}

int tp_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int tp_fs_mkdirs(const char *dir)
{
    char tmp[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof tmp)
        return -ENAMETOOLONG;
    memcpy(tmp, dir, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
                return -errno;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
        return -errno;
    return 0;
}
