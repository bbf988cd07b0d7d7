/* tp_dir: listing a folder. Returns 0 or a negative errno value, like the rest of platform. */
#ifndef TP_DIR_H
#define TP_DIR_H

#include <stddef.h>

/* Lists the names of the regular files in dir whose names end with suffix (NULL = all),
 * sorted bytewise, skipping names that start with '.'. On success returns 0 with *names (an
 * array of *n strings; free with tp_dir_names_free) — *names is NULL when *n is 0. Returns
 * -ENOENT / -ENOTDIR / -errno on failure and leaves *names NULL. */
int tp_dir_list(const char *dir, const char *suffix, char ***names, size_t *n);

/* Frees what tp_dir_list returned; NULL is fine. */
void tp_dir_names_free(char **names, size_t n);

#endif
