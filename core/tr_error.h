/* tr_error: result codes and the error struct that travels in the caller's hands.
 *
 * Every fallible core call returns a tr_status and, when given a non-NULL tr_error,
 * fills it with a message a person can act on ("content/instruments/phq9.json:
 * $.items[3].options[1].value: 7 is outside the scale 0-3"). No global error state.
 * Messages never contain secrets or journal plaintext. */
#ifndef TR_ERROR_H
#define TR_ERROR_H

#include <stddef.h>

#include "tp_attr.h"

typedef enum tr_status {
    TR_OK = 0,
    TR_E_NOMEM,    /* allocation failed */
    TR_E_IO,       /* the operating system refused a read, write, fsync, rename... */
    TR_E_PARSE,    /* malformed JSON or bytes */
    TR_E_INVALID,  /* well-formed but wrong: type, range, unknown id, bad argument */
    TR_E_NOTFOUND, /* no such file, instrument, item, record... */
    TR_E_TOOBIG,   /* input over a documented size cap */
    TR_E_AUTH,     /* wrong passphrase or failed authentication */
    TR_E_CORRUPT,  /* data failed an integrity check */
    TR_E_VERSION,  /* written by a newer format version */
    TR_E_BUSY,     /* in use by another process */
    TR_E_LOCKED,   /* refused for now: too many failed tries, wait */
    TR_E_CRYPTO,   /* libsodium refused (e.g. not enough memory for key derivation) */
} tr_status;

typedef struct tr_error {
    tr_status status;
    char msg[768];
} tr_error;

/* Sets err (when not NULL) to status and a printf-style message; returns status so a
 * caller can write `return tr_error_set(err, TR_E_INVALID, "...")`. */
tr_status tr_error_set(tr_error *err, tr_status status, const char *fmt, ...) TP_PRINTF(3, 4);

/* Prepends "prefix: " to an existing message (e.g. a file name); returns err->status. */
tr_status tr_error_prefix(tr_error *err, const char *fmt, ...) TP_PRINTF(2, 3);

/* A short stable name for a status ("io", "parse", ...); never NULL. */
const char *tr_status_name(tr_status status);

/* A list of diagnostics, for validators that report every problem rather than the first.
 * The list owns its strings; tr_diags_free releases them and leaves an empty list. */
typedef struct tr_diag {
    char *file; /* file the problem is in, relative to the content pack; may be "" */
    char *path; /* JSON path such as $.items[3].id; may be "" */
    int line;   /* 1-based, 0 when unknown */
    int col;    /* 1-based, 0 when unknown */
    char *msg;
} tr_diag;

typedef struct tr_diags {
    tr_diag *items;
    size_t count;
    size_t cap;
} tr_diags;

/* Appends one diagnostic (copies every string). Returns TR_OK or TR_E_NOMEM. */
tr_status tr_diags_add(tr_diags *d, const char *file, const char *path, int line, int col,
                       const char *fmt, ...) TP_PRINTF(6, 7);
/* Formats diagnostic i as "file:line:col: path: msg" into buf (always terminated). */
void tr_diag_format(const tr_diag *diag, char *buf, size_t size);
void tr_diags_free(tr_diags *d);

#endif
