/* tp_term: the POSIX implementation of tp_term.h (/dev/tty and termios). */
#include "tp_term.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int tp_term_init(int *argc, char ***argv)
{
    return 0;
}

int tp_term_read_secret(const char *prompt, char *buf, size_t cap, size_t *len)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC), rc = 0;
    if (fd < 0)
        return errno == ENXIO || errno == ENOENT ? -ENOTTY : -errno;
    struct termios old, quiet;
    int have_tc = tcgetattr(fd, &old) == 0;
    if (have_tc) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    if (write(fd, prompt, strlen(prompt)) < 0) {
        /* the prompt is a courtesy; reading still works */
    }
    size_t n = 0;
    char c;
    for (;;) {
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != 1 || c == '\n')
            break;
        if (n < cap)
            buf[n] = c;
        else
            rc = -E2BIG;
        n++;
    }
    c = 0;
    if (have_tc)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* as above */
    }
    close(fd);
    *len = rc ? 0 : n;
    return rc;
}
