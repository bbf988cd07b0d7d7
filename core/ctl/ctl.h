/* ctl: shared plumbing of trinnctl. Each command lives in its own ctl_<name>.c and has the
 * signature below. Output is JSON on stdout; errors go to stderr and give a non-zero exit. */
#ifndef CTL_H
#define CTL_H

#include <cjson/cJSON.h>

#include "tp_attr.h"
#include "tr_error.h"

/* Exit codes shared by every command. */
enum { CTL_EXIT_OK = 0, CTL_EXIT_FAIL = 1, CTL_EXIT_USAGE = 2 };

typedef struct ctl_ctx {
    const char *content_dir;    /* --content DIR, $TRINN_CONTENT or the installed pack; or NULL */
    const char *content_looked; /* where the pack was looked for, for messages when NULL */
    const char *lang;           /* --lang, default "nb" */
    const char *prog;           /* argv[0] for messages */
    const char *data_dir;       /* --data-dir D, or the per-user data folder */
} ctl_ctx;

typedef int (*ctl_cmd_fn)(ctl_ctx *ctx, int argc, char **argv);

int ctl_cmd_check(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_score(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_triage(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_logic(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_journal(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_outcome(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_profile(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_fhir(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_stats(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_assignment(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_team(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_assign(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_report(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_kiosk(ctl_ctx *ctx, int argc, char **argv);
int ctl_cmd_spool(ctl_ctx *ctx, int argc, char **argv);

/* Prints to stderr that no content pack was found, where it was looked for and how to give
 * one; returns CTL_EXIT_FAIL. */
int ctl_no_pack(const ctl_ctx *ctx);

struct tr_content;
/* Loads and validates ctx->content_dir; on failure prints every problem to stderr and returns
 * NULL with err saying what to do. The caller frees the pack with tr_content_free. */
struct tr_content *ctl_load_pack(const ctl_ctx *ctx, tr_error *err);

/* Prints json compactly on one line to stdout, then frees it. Returns CTL_EXIT_OK, or
 * CTL_EXIT_FAIL (with a message) if printing failed. */
int ctl_print_json(cJSON *json);

/* Prints "trinnctl: <msg>" to stderr and returns CTL_EXIT_FAIL (or the given code). */
int ctl_fail(const tr_error *err);
int ctl_usage(const char *fmt, ...) TP_PRINTF(1, 2);

/* Longest passphrase trinnctl accepts, in bytes. */
#define CTL_PASS_MAX 1024

/* A passphrase in locked memory (sodium_malloc); ctl_pass_free wipes and frees it. */
typedef struct ctl_pass {
    char *buf;
    size_t len;
} ctl_pass;

/* Reads a passphrase from the first line of file, or (file NULL) prompts on /dev/tty without
 * echo, twice when confirm is set. Returns 0, or -1 after printing why to stderr; either way
 * the caller calls ctl_pass_free. */
int ctl_pass_get(const char *file, const char *prompt, int confirm, ctl_pass *p);
void ctl_pass_free(ctl_pass *p);

#endif
