/* tp_fs: whole-file helpers over the operating system. Platform code knows nothing of the
 * core: calls return 0 or a negative errno value. */
#ifndef TP_FS_H
#define TP_FS_H

#include <stddef.h>

/* Reads the whole regular file at path if it is at most max bytes. On success returns 0 and
 * *out (NUL-terminated, caller frees) and *len. Returns -EFBIG when larger than max,
 * -EISDIR for a directory, otherwise -errno. Never leaves *out allocated on failure. */
int tp_fs_read_file(const char *path, size_t max, char **out, size_t *len);

/* Returns 1 when path names an existing directory, else 0. */
int tp_fs_is_dir(const char *path);

/* Returns 1 when something is at path (a file, a folder, or a symbolic link, which is not
 * followed: a dangling link counts), else 0. */
int tp_fs_exists(const char *path);

/* Creates dir and its missing parents with mode 0700. Returns 0 or -errno. */
int tp_fs_mkdirs(const char *dir);

/* A folder only its owner may enter: creates dir (and parents, as tp_fs_mkdirs) and sets dir
 * itself to mode 0700 whatever the umask, also when it already existed with a wider mode (a
 * folder made by an older version). Parents are left as they are. Refuses a symbolic link
 * (-ENOTDIR). Returns 0 or -errno. */
int tp_fs_private_dir(const char *dir);

/* Replaces the file at path with data[0..len), crash-safely: writes a new file next to it
 * under a unique name (path + ".XXXXXX.tmp", opened O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600
 * whatever the umask), fsyncs it, renames it over path and fsyncs the folder. A crash leaves
 * the old or the new file whole, and at worst a stray unique .tmp file that never blocks the
 * next write. Returns 0, or -errno with path unchanged and no temporary file left. */
int tp_fs_write_atomic(const char *path, const void *data, size_t len);

#endif
