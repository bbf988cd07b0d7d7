/* tp_fs: see tp_fs.h. */
#include "tp_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
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

int tp_fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
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

int tp_fs_private_dir(const char *dir)
{
    struct stat st;
    int rc = tp_fs_mkdirs(dir);
    if (rc != 0)
        return rc;
    if (lstat(dir, &st) != 0)
        return -errno;
    if (!S_ISDIR(st.st_mode))
        return -ENOTDIR;
    if ((st.st_mode & 07777) != 0700 && chmod(dir, 0700) != 0)
        return -errno;
    return 0;
}

/* The folder of path, or "." for a bare name; -ENAMETOOLONG when it does not fit. */
static int parent_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (slash && n == 0)
        n = 1; /* "/x": the root */
    if (n + 2 > size)
        return -ENAMETOOLONG;
    if (!slash)
        memcpy(buf, ".", 2);
    else {
        memcpy(buf, path, n);
        buf[n] = 0;
    }
    return 0;
}

static int sync_parent(const char *path)
{
    char dir[4096];
    int rc = parent_of(path, dir, sizeof dir);
    if (rc != 0)
        return rc;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    rc = fsync(fd) == 0 ? 0 : -errno;
    close(fd);
    return rc;
}

int tp_fs_write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4200];
    int fd = -1, rc = 0;
    for (int tries = 0; fd < 0; tries++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
            return errno ? -errno : -EIO;
        int n = snprintf(tmp, sizeof tmp, "%s.%02x%02x%02x%02x%02x%02x.tmp", path, r[0], r[1], r[2],
                         r[3], r[4], r[5]);
        if (n < 0 || (size_t)n >= sizeof tmp)
            return -ENAMETOOLONG;
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && (errno != EEXIST || tries > 8))
            return -errno;
    }
    /* the umask can only take bits away from 0600, but say it once more for the file itself */
    if (fchmod(fd, 0600) != 0) {
        rc = -errno;
        goto fail;
    }
    for (size_t done = 0; done < len;) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            goto fail;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0) {
        rc = -errno;
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        rc = -errno;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        rc = -errno;
        goto fail;
    }
    return sync_parent(path);
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return rc;
}
