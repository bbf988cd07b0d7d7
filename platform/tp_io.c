/* tp_io: the POSIX implementation of the storage seam. */
#include "tp_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct tp_io_file {
    int fd;
};

static int px_open(void *user, const char *path, int flags, tp_io_file **out)
{
    int oflags = O_CLOEXEC;
    oflags |= (flags & TP_IO_WRITE) ? O_RDWR : O_RDONLY;
    if (flags & TP_IO_CREATE)
        oflags |= O_CREAT | O_EXCL | O_NOFOLLOW;
    *out = NULL;
    tp_io_file *f = malloc(sizeof *f);
    if (!f)
        return -ENOMEM;
    f->fd = open(path, oflags, 0600);
    if (f->fd < 0) {
        int e = errno;
        free(f);
        return -e;
    }
    struct stat st;
    if (fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = fstat(f->fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        close(f->fd);
        free(f);
        return -e;
    }
    *out = f;
    return 0;
}

static int px_close(void *user, tp_io_file *f)
{
    int rc = close(f->fd) == 0 ? 0 : -errno;
    free(f);
    return rc;
}

static int px_pread(void *user, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(f->fd, (char *)buf + done, n - done, (off_t)(off + done));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (r == 0)
            break;
        done += (size_t)r;
    }
    *got = done;
    return 0;
}

static int px_pwrite(void *user, tp_io_file *f, const void *buf, size_t n, uint64_t off)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pwrite(f->fd, (const char *)buf + done, n - done, (off_t)(off + done));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (r == 0)
            return -EIO;
        done += (size_t)r;
    }
    return 0;
}

static int px_sync(void *user, tp_io_file *f)
{
    /* No EINTR retry loop: after a failed fsync the kernel may have dropped the pages. */
    return fsync(f->fd) == 0 ? 0 : -errno;
}

static int px_size(void *user, tp_io_file *f, uint64_t *out)
{
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        return -errno;
    *out = (uint64_t)st.st_size;
    return 0;
}

static int px_truncate(void *user, tp_io_file *f, uint64_t len)
{
    return ftruncate(f->fd, (off_t)len) == 0 ? 0 : -errno;
}

static int px_lock(void *user, tp_io_file *f)
{
    if (flock(f->fd, LOCK_EX | LOCK_NB) == 0)
        return 0;
    return errno == EWOULDBLOCK ? -EWOULDBLOCK : -errno;
}

static int px_rename(void *user, const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : -errno;
}

static int px_unlink(void *user, const char *path)
{
    return unlink(path) == 0 ? 0 : -errno;
}

static int px_sync_dir(void *user, const char *path)
{
    size_t n = strlen(path);
    char *dir = malloc(n + 2);
    if (!dir)
        return -ENOMEM;
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return -errno;
    int rc = fsync(fd) == 0 ? 0 : -errno;
    close(fd);
    return rc;
}

static const tp_io posix_io = {
    .user = NULL,
    .open = px_open,
    .close = px_close,
    .pread = px_pread,
    .pwrite = px_pwrite,
    .sync = px_sync,
    .size = px_size,
    .truncate = px_truncate,
    .lock = px_lock,
    .rename = px_rename,
    .unlink = px_unlink,
    .sync_dir = px_sync_dir,
};

const tp_io *tp_io_posix(void)
{
    return &posix_io;
}
