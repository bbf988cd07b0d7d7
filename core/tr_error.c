/* tr_error: see tr_error.h. */
#include "tr_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tr_status tr_error_set(tr_error *err, tr_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->status = status;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

tr_status tr_error_prefix(tr_error *err, const char *fmt, ...)
{
    char prefix[256];
    size_t plen, mlen, cap = sizeof err->msg - 1;
    va_list ap;
    if (!err)
        return TR_OK;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    strcat(prefix, ": ");
    plen = strlen(prefix);
    mlen = strnlen(err->msg, cap);
    if (plen + mlen > cap) /* keep the end of the message short rather than lose the prefix */
        mlen = cap - plen;
    memmove(err->msg + plen, err->msg, mlen);
    memcpy(err->msg, prefix, plen);
    err->msg[plen + mlen] = '\0';
    return err->status;
}

const char *tr_status_name(tr_status status)
{
    static const char *const names[] = {
        [TR_OK] = "ok",
        [TR_E_NOMEM] = "nomem",
        [TR_E_IO] = "io",
        [TR_E_PARSE] = "parse",
        [TR_E_INVALID] = "invalid",
        [TR_E_NOTFOUND] = "notfound",
        [TR_E_TOOBIG] = "toobig",
        [TR_E_AUTH] = "auth",
        [TR_E_CORRUPT] = "corrupt",
        [TR_E_VERSION] = "version",
        [TR_E_BUSY] = "busy",
        [TR_E_LOCKED] = "locked",
        [TR_E_CRYPTO] = "crypto",
    };
    if ((unsigned)status < sizeof names / sizeof names[0] && names[status])
        return names[status];
    return "unknown";
}

static char *dup_or_empty(const char *s)
{
    const char *src = s ? s : "";
    size_t n = strlen(src) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, src, n);
    return p;
}

tr_status tr_diags_add(tr_diags *d, const char *file, const char *path, int line, int col,
                       const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    tr_diag *slot;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        tr_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return TR_E_NOMEM;
        d->items = items;
        d->cap = cap;
    }
    slot = &d->items[d->count];
    slot->file = dup_or_empty(file);
    slot->path = dup_or_empty(path);
    slot->msg = dup_or_empty(msg);
    slot->line = line;
    slot->col = col;
    if (!slot->file || !slot->path || !slot->msg) {
        free(slot->file);
        free(slot->path);
        free(slot->msg);
        return TR_E_NOMEM;
    }
    d->count++;
    return TR_OK;
}

void tr_diag_format(const tr_diag *diag, char *buf, size_t size)
{
    char pos[48] = "";
    if (diag->line > 0)
        snprintf(pos, sizeof pos, ":%d:%d", diag->line, diag->col);
    snprintf(buf, size, "%s%s%s%s%s", diag->file, pos, diag->file[0] || pos[0] ? ": " : "",
             diag->path[0] ? diag->path : "", diag->path[0] ? ": " : "");
    strncat(buf, diag->msg, size - strlen(buf) - 1);
}

void tr_diags_free(tr_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].path);
        free(d->items[i].msg);
    }
    free(d->items);
    d->items = NULL;
    d->count = d->cap = 0;
}
