/* ctl_pass: passphrases for trinnctl, never from the command line: the first line of a file,
 * or a prompt on the terminal without echo. Held in sodium_malloc memory, wiped on free. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tp_io.h"
#include "tp_term.h"

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
    const tp_io *io = tp_io_posix();
    tp_io_file *f = NULL;
    size_t len = 0;
    p->buf = sodium_malloc(CTL_PASS_MAX + 2);
    if (!p->buf)
        return fprintf(stderr, "trinnctl: out of memory\n"), -1;
    /* the storage seam reads UTF-8 paths on every system (wide-character API on Windows) */
    int rc = io->open(io->user, file, TP_IO_READ, &f);
    if (rc == 0) {
        rc = io->pread(io->user, f, p->buf, CTL_PASS_MAX + 1, 0, &len);
        io->close(io->user, f);
    }
    if (rc != 0) {
        fprintf(stderr, "trinnctl: %s: cannot read the passphrase file (%s)\n", file,
                strerror(-rc));
        return -1;
    }
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
    size_t len = 0;
    p->buf = sodium_malloc(CTL_PASS_MAX + 2);
    if (!p->buf)
        return fprintf(stderr, "trinnctl: out of memory\n"), -1;
    int rc = tp_term_read_secret(prompt, p->buf, CTL_PASS_MAX + 1, &len);
    if (rc == -ENOTTY) {
        fprintf(stderr, "trinnctl: no terminal to ask for the passphrase; give "
                        "--passphrase-file FILE\n");
        return -1;
    }
    if (rc != 0 && rc != -E2BIG) {
        fprintf(stderr, "trinnctl: cannot read the passphrase (%s)\n", strerror(-rc));
        return -1;
    }
    if (rc == -E2BIG || !strip_line(p->buf, &len) || len > CTL_PASS_MAX) {
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
