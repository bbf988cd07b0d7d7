/* tr_inst_priv: what the instrument parser shares with the pack loader (not a public API). */
#ifndef TR_INST_PRIV_H
#define TR_INST_PRIV_H

#include "tp_attr.h"
#include "tr_inst.h"

/* Collects problems for one file. */
typedef struct tr_inst_pctx {
    const char *file; /* relative name used in diagnostics */
    tr_diags *diags;
    size_t problems;
    int nomem;
    const char *const *langs; /* languages every text must have */
    size_t n_langs;
} tr_inst_pctx;

/* Records one problem at JSON path `path` (line:col unknown). */
void tr_inst_problem(tr_inst_pctx *p, const char *path, const char *fmt, ...) TP_PRINTF(3, 4);

/* 1 when s is a plain content id: 1-40 characters of a-z, 0-9 and _, starting with a letter
 * (modules, information pages, side effects: what records and links key on). */
int tr_inst_content_id_ok(const char *s);

/* Reports a tr_json failure (err->msg is "name:line:col: what") as a diagnostic of file
 * `rel`, with the line and column split out. */
void tr_inst_json_problem(tr_inst_pctx *p, const char *name, const tr_error *err);

/* Reads a localised text at obj[key] into *out; reports a problem when it is missing (and
 * required), malformed, lacks one of p->langs, or has an empty string. */
void tr_inst_need_text(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path,
                       int required, tr_text *out);

/* Reports every key of obj that `allowed` (NULL-terminated) does not name, as "unknown key
 * (a typo?)" at path. */
void tr_inst_only_keys(tr_inst_pctx *p, const cJSON *obj, const char *path,
                       const char *const *allowed);

/* Opens the pack's file p->file (in dir) for a content loader (core/tr_inst_doc.c): the full
 * name goes to path[0..path_size), the parsed file to *doc (the caller's: cJSON_Delete). The
 * file must be one JSON object with "format": 1 and no key that keys (NULL-terminated) lacks;
 * shape shows what the object looks like in the message when it is not one. Returns TR_OK with
 * *doc set (a bad format or key is a problem in p, and the loader goes on checking); or, with
 * *doc NULL: TR_E_INVALID when the file is no JSON or no object (reported in p, err saying how
 * many problems), TR_E_NOTFOUND, TR_E_NOMEM, or TR_E_INVALID for a path too long (err only). */
tr_status tr_inst_doc_open(tr_inst_pctx *p, const char *dir, const char *const *keys,
                           const char *shape, char *path, size_t path_size, cJSON **doc,
                           tr_error *err);

/* A loader's result from what p holds: TR_E_NOMEM when it ran out of memory, TR_E_INVALID
 * ("N problems in path", N counted from diags->count `before`) when it found problems, else
 * TR_OK. */
tr_status tr_inst_doc_status(const tr_inst_pctx *p, size_t before, const char *path, tr_error *err);

/* The file's "review": 1 for {"status": "draft"}, 0 for "reviewed"; anything else is a problem
 * in p and counts as a draft (1). */
int tr_inst_review_draft(tr_inst_pctx *p, const cJSON *doc);

/* Builds an instrument from doc, taking ownership of doc (freed with the instrument, or here
 * on failure). Problems go to p; the result is returned even when problems were found (so
 * a pack can check cross-references), and NULL only when out of memory (p->nomem set).
 * A short form's "parent" is resolved among known[0..n_known). Test vectors are not run and
 * show_if vars are not checked here. */
tr_inst *tr_inst_build(cJSON *doc, tr_inst_pctx *p, const tr_inst *const *known, size_t n_known);

/* Checks one JsonLogic rule at JSON path `base`: known operations only, and every top-level
 * var a name for which known(name, ctx) returns 1. */
void tr_inst_check_rule(tr_inst_pctx *p, const cJSON *rule, const char *base,
                        int (*known)(const char *name, void *ctx), void *ctx);

/* Checks every show_if of inst with tr_inst_check_rule. */
void tr_inst_check_vars(const tr_inst *inst, tr_inst_pctx *p,
                        int (*known)(const char *name, void *ctx), void *ctx);

/* Runs inst's test vectors, reporting failures to p. */
void tr_inst_check_vectors(const tr_inst *inst, tr_inst_pctx *p);

#endif
