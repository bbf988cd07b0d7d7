/* tt_os: the few operating-system chores the tests need beyond the platform seam (scratch
 * folders, copying and removing a tree, environment), the same on Linux and under Windows,
 * so no test shells out to cp, rm or ls (a Windows build runs its tests without a POSIX shell).
 * Test code only; every call returns 0 or -1 with errno set unless it says otherwise. */
#ifndef TT_OS_H
#define TT_OS_H

#include <stddef.h>

/* A folder for scratch files: /dev/shm when writable (fast), else /tmp; on Windows %TEMP%.
 * Returns a static string, never NULL. */
const char *tt_temp_base(void);

/* Creates a fresh folder tt_temp_base()/<prefix>-XXXXXX (mode 0700) and writes its path into
 * buf. Returns 0, or -1 when it does not fit or cannot be created. */
int tt_mkdtemp(char *buf, size_t size, const char *prefix);

/* Copies the contents of folder from into the existing folder to, recursively, following
 * symbolic links (like cp -RL from/. to/). */
int tt_copy_tree(const char *from, const char *to);

/* Removes dir and everything below it (like rm -rf); 0 also when dir does not exist. */
int tt_remove_tree(const char *dir);

/* The number of entries in dir whose names start with prefix, or -1. */
int tt_count_prefix(const char *dir, const char *prefix);

/* 1 when only the owner may use path: mode 0600 for a file, 0700 for a folder on POSIX; on
 * Windows a protected access list (nothing inherited) whose every entry is the current
 * user's. 0 otherwise (also when path cannot be read). */
int tt_owner_only(const char *path);

/* 1 when the file system under dir keeps access lists as set, so tt_owner_only can judge;
 * always 1 on POSIX. 0 under wine, which answers with a list made from the Unix mode. */
int tt_acls_kept(const char *dir);

/* setenv(name, value, 1). */
int tt_setenv(const char *name, const char *value);

#endif
