/* ctl_pack: loading the content pack for the commands that need it. */
#include <stdio.h>

#include "ctl.h"
#include "tr_content.h"

int ctl_no_pack(const ctl_ctx *ctx)
{
    fprintf(stderr,
            "trinnctl: no content pack at %s; give one with --content DIR or "
            "set TRINN_CONTENT\n",
            ctx->content_looked ? ctx->content_looked : "no place");
    return CTL_EXIT_FAIL;
}

/* Loads the pack or explains why not (every problem on stderr). NULL on failure. */
tr_content *ctl_load_pack(const ctl_ctx *ctx, tr_error *err)
{
    tr_diags diags = {0};
    tr_content *pack = NULL;
    char line[1200];
    if (!ctx->content_dir) {
        tr_error_set(err, TR_E_NOTFOUND,
                     "no content pack at %s; give one with --content DIR or set "
                     "TRINN_CONTENT",
                     ctx->content_looked ? ctx->content_looked : "no place");
        return NULL;
    }
    if (tr_content_load(&(tr_content_desc){.dir = ctx->content_dir}, &pack, &diags, err) != TR_OK) {
        for (size_t i = 0; i < diags.count; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        tr_error_prefix(err, "cannot use the content pack (run 'trinnctl check %s')",
                        ctx->content_dir);
    }
    tr_diags_free(&diags);
    return pack;
}
