/* ctl_pass: passphrases for trinnctl, never from the command line: the first line of a file,
 * or a prompt on the terminal without echo. Held in sodium_malloc memory, wiped on free. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl.h"

void ctl_pass_free(ctl_pass *p)
{
    if (p->buf)
        sodium_free(p->buf);
    p->buf = NULL;
    p->len = 0;
}

static int strip_line(char *buf, size_t *len)
{
    char *nl = memchr(buf, '\n', *len);
    if (nl)
        *len = (size_t)(nl - buf);
    if (*len && buf[*len - 1] == '\r')
        (*len)--;
    return *len > 0;
}

static int pass_from_file(const char *file, ctl_pass *p)
{
    p->buf = sodium_malloc(CTL_PASS_MAX + 2);
    if (!p->buf)
        return fprintf(stderr, "trinnctl: out of memory\n"), -1;
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "trinnctl: %s: cannot read the passphrase file (%s)\n", file,
                strerror(errno));
        return -1;
    }
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, p->buf + len, CTL_PASS_MAX + 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len > CTL_PASS_MAX || memchr(p->buf, '\n', len))
            break;
    }
    close(fd);
    if (!strip_line(p->buf, &len) || len > CTL_PASS_MAX) {
        fprintf(stderr, "trinnctl: %s: the first line must hold a passphrase of 1 to %d bytes\n",
                file, CTL_PASS_MAX);
        return -1;
    }
    p->len = len;
    return 0;
}

static int pass_prompt(const char *prompt, ctl_pass *p)
{
    p->buf = sodium_malloc(CTL_PASS_MAX + 2);
    if (!p->buf)
        return fprintf(stderr, "trinnctl: out of memory\n"), -1;
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "trinnctl: no terminal to ask for the passphrase; give "
                        "--passphrase-file FILE\n");
        return -1;
    }
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
    size_t len = 0;
    char c;
    while (len <= CTL_PASS_MAX && read(fd, &c, 1) == 1 && c != '\n')
        p->buf[len++] = c;
    if (have_tc)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* as above */
    }
    close(fd);
    if (!strip_line(p->buf, &len) || len > CTL_PASS_MAX) {
        fprintf(stderr, "trinnctl: the passphrase must be 1 to %d bytes\n", CTL_PASS_MAX);
        return -1;
    }
    p->len = len;
    return 0;
}

int ctl_pass_get(const char *file, const char *prompt, int confirm, ctl_pass *p)
{
    if (file)
        return pass_from_file(file, p);
    if (pass_prompt(prompt, p) != 0)
        return -1;
    if (confirm) {
        ctl_pass again = {0};
        int same = pass_prompt("Repeat the passphrase: ", &again) == 0 && again.len == p->len &&
                   sodium_memcmp(again.buf, p->buf, p->len) == 0;
        ctl_pass_free(&again);
        if (!same) {
            fprintf(stderr, "trinnctl: the two passphrases differ; nothing was changed\n");
            return -1;
        }
    }
    return 0;
}
