/* tp_path: where things are: the running program, the shipped content pack, the per-user
 * data folder. Returns 0 or -errno; buffers are always NUL-terminated on success. */
#ifndef TP_PATH_H
#define TP_PATH_H

#include <stddef.h>

/* Size of every buffer that holds a file or folder path (Linux's PATH_MAX, with the NUL). */
#define TP_PATH_MAX 4096

/* Directory of the running executable (from /proc/self/exe). */
int tp_path_exe_dir(char *buf, size_t size);

/* Finds the content pack. The first of these that is given is the only one tried: `given` (a
 * --content DIR; NULL when none), then $TRINN_CONTENT, then the pack installed beside the
 * program, <prefix>/share/trinn/content where the program is <prefix>/bin/NAME (the install
 * layout; the build tree has a link there). Returns 0 with the folder in buf, else -ENOENT when
 * it is not a folder (or another -errno). Either way, when `looked` is not NULL it receives
 * (NUL-terminated, cut to lsize) where the pack was looked for, in words for a message, e.g.
 * "/opt/t/share/trinn/content (beside the program in /opt/t/bin)". */
int tp_path_content_find(const char *given, char *buf, size_t size, char *looked, size_t lsize);

/* tp_path_content_find(NULL, buf, size, NULL, 0). */
int tp_path_content_dir(char *buf, size_t size);

/* The per-user data folder: $XDG_DATA_HOME/trinn, else $HOME/.local/share/trinn. Not created. */
int tp_path_data_dir(char *buf, size_t size);

/* The user's downloads folder, where files received by e-mail or a browser usually land (not
 * created, may not exist): $XDG_DOWNLOAD_DIR when it is an absolute path (on Windows too),
 * else $HOME/Downloads; on Windows the known folder Downloads. */
int tp_path_downloads_dir(char *buf, size_t size);

/* Joins a and b with one '/'. Returns -ENAMETOOLONG when it does not fit. */
int tp_path_join(char *buf, size_t size, const char *a, const char *b);

#endif
