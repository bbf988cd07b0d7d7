/* tp_term: a command-line program's standard streams, arguments and terminal, the parts that
 * differ between POSIX and Windows. Returns 0 or a negative errno value, like the rest of
 * platform. */
#ifndef TP_TERM_H
#define TP_TERM_H

#include <stddef.h>

/* Call first in main. On Windows: stdin, stdout and stderr in binary mode (the same bytes as on
 * Linux, no "\r\n"), the console's code page UTF-8, and *argv replaced by the UTF-8 form of the
 * wide command line (it lives until exit). On POSIX nothing changes. Returns 0, or -ENOMEM
 * with *argc and *argv unchanged. */
int tp_term_init(int *argc, char ***argv);

/* Writes prompt to the terminal, then reads one line from it without echo: stores its bytes up
 * to the newline (without it) in buf and their count in *len. Returns 0; -ENOTTY when there is
 * no terminal (a pipe, a service); -E2BIG when the line is longer than cap bytes (the rest is
 * read and dropped); otherwise -errno. Whatever the result, the bytes of the line held outside
 * buf are wiped and the terminal echoes again. */
int tp_term_read_secret(const char *prompt, char *buf, size_t cap, size_t *len);

#endif
