/* tp_path: where things are: the running program, the shipped content pack, the per-user
 * data folder. Returns 0 or -errno; buffers are always NUL-terminated on success. */
#ifndef TP_PATH_H
#define TP_PATH_H

#include <stddef.h>

/* Directory of the running executable (from /proc/self/exe). */
int tp_path_exe_dir(char *buf, size_t size);

/* The content pack shipped with the program: $TRINN_CONTENT if set, else
 * <exe_dir>/../share/trinn/content (the install layout, and a link in the build tree).
 * Returns -ENOENT when no such directory exists. */
int tp_path_content_dir(char *buf, size_t size);

/* The per-user data folder: $XDG_DATA_HOME/trinn, else $HOME/.local/share/trinn. Not created. */
int tp_path_data_dir(char *buf, size_t size);

/* Joins a and b with one '/'. Returns -ENAMETOOLONG when it does not fit. */
int tp_path_join(char *buf, size_t size, const char *a, const char *b);

#endif
