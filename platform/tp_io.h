/* tp_io: the storage seam of the journal, in the spirit of SQLite's VFS.
 *
 * A small vtable of file operations. tp_io_posix() is the real one; tests swap in a
 * fault-injecting one (fail after N operations, simulate a crash that loses or tears
 * unsynced writes). Every call returns 0 or a negative errno value and never prints.
 * A tp_io_file belongs to the vtable that opened it and is released only by its close. */
#ifndef TP_IO_H
#define TP_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct tp_io_file tp_io_file;

enum {
    TP_IO_READ = 0,       /* open for reading only */
    TP_IO_WRITE = 1 << 0, /* open for reading and writing */
    TP_IO_CREATE = 1 << 1 /* create with mode 0600 (Windows: an access list for the owner
                             alone); fails with -EEXIST if it exists */
};

typedef struct tp_io {
    void *user; /* passed back to every call */
    /* Opens path with TP_IO_* flags; *out on success. */
    int (*open)(void *user, const char *path, int flags, tp_io_file **out);
    /* Closes and frees f (also releases its lock). Returns 0 or -errno; f is gone either way. */
    int (*close)(void *user, tp_io_file *f);
    /* Reads up to n bytes at off; *got is short only at end of file. */
    int (*pread)(void *user, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got);
    /* Writes all n bytes at off (a short write is an error). */
    int (*pwrite)(void *user, tp_io_file *f, const void *buf, size_t n, uint64_t off);
    /* Makes f's data and size durable (fsync). A failure means data may be lost: the caller
     * must not retry as if nothing happened (fsyncgate). */
    int (*sync)(void *user, tp_io_file *f);
    int (*size)(void *user, tp_io_file *f, uint64_t *out);
    int (*truncate)(void *user, tp_io_file *f, uint64_t len);
    /* Takes an exclusive advisory lock without waiting: -EWOULDBLOCK when another open file
     * description (another process) holds it. */
    int (*lock)(void *user, tp_io_file *f);
    /* Atomically replaces to with from (same directory). On Windows, where an open file can be
     * replaced only with POSIX rename semantics (NTFS, Windows 10 1809+), a target this
     * process holds open through this vtable is closed first when that is the only way: its
     * handle then fails every call with -EBADF but close. The journal closes the old file's
     * handle right after replacing it, so it never notices. */
    int (*rename)(void *user, const char *from, const char *to);
    int (*unlink)(void *user, const char *path);
    /* Makes the directory entry of path durable (fsync of the directory holding it). */
    int (*sync_dir)(void *user, const char *path);
} tp_io;

/* The operating system's I/O (POSIX: open/pread/pwrite/fsync/flock/rename; on Windows, despite
 * the name, the Win32 calls in platform/win32/tp_io_win32.c). Never NULL; the returned table
 * is static and shared. */
const tp_io *tp_io_posix(void);

#endif
