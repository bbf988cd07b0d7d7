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

/* Creates dir and its missing parents with mode 0700. Returns 0 or -errno. */
int tp_fs_mkdirs(const char *dir);

#endif
