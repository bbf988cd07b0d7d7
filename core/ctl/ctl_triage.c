/* trinnctl triage FILE | --interactive: BEON triage of a set of answers. FILE holds
 * {"answers": {"phq9": [...], "gad7": [...], "auditc": [...], "intake": {...}}} ("-" reads
 * stdin); the result is printed as JSON. --interactive asks the questions in the terminal
 * (ctl_triage_ask.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_triage.h"
#include "tr_json.h"

int ctl_triage_open(ctl_ctx *ctx, tr_content **pack, tr_triage **rules)
{
    tr_diags diags = {0};
    tr_error err = {0};
    char line[1200];
    tr_status st;

    *pack = NULL;
    *rules = NULL;
    if (!ctx->content_dir)
        return ctl_no_pack(ctx);
    st = tr_content_load(&(tr_content_desc){.dir = ctx->content_dir}, pack, &diags, &err);
    if (st == TR_OK)
        st = tr_triage_load(*pack, rules, &diags, &err);
    if (st != TR_OK) {
        for (size_t i = 0; i < diags.count && i < 20; i++) {
            tr_diag_format(&diags.items[i], line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        tr_diags_free(&diags);
        tr_content_free(*pack);
        *pack = NULL;
        return ctl_fail(&err);
    }
    tr_diags_free(&diags);
    return CTL_EXIT_OK;
}

static cJSON *read_input(const char *path, tr_error *err)
{
    size_t cap = 0, len = 0, n;
    char *buf = NULL;
    cJSON *json;
    if (strcmp(path, "-") != 0)
        return tr_json_load_file(path, err);
    do { /* stdin: read up to the cap, then let tr_json_parse judge the bytes */
        char *nb;
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > TR_JSON_MAX_BYTES + 1)
                cap = TR_JSON_MAX_BYTES + 1;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                tr_error_set(err, TR_E_NOMEM, "out of memory reading stdin");
                return NULL;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, stdin);
        len += n;
    } while (n > 0 && len <= TR_JSON_MAX_BYTES);
    if (len > TR_JSON_MAX_BYTES) {
        free(buf);
        tr_error_set(err, TR_E_TOOBIG, "stdin: more than %zu bytes", (size_t)TR_JSON_MAX_BYTES);
        return NULL;
    }
    json = tr_json_parse(buf ? buf : "", len, "stdin", err);
    free(buf);
    return json;
}

int ctl_cmd_triage(ctl_ctx *ctx, int argc, char **argv)
{
    tr_content *pack = NULL;
    tr_triage *rules = NULL;
    tr_triage_result res = {0};
    tr_error err = {0};
    cJSON *input = NULL, *answers = NULL, *out;
    const char *file = NULL;
    int rc, interactive = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--interactive") == 0) {
            interactive = 1;
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            ctx->lang = argv[++i];
            if (strcmp(ctx->lang, "nb") != 0 && strcmp(ctx->lang, "nn") != 0 &&
                strcmp(ctx->lang, "en") != 0)
                return ctl_usage("--lang must be nb, nn or en, not '%s'", ctx->lang);
        } else if (!file && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            file = argv[i];
        } else {
            return ctl_usage("usage: triage FILE (or - for stdin) | triage --interactive "
                             "[--lang nb|nn|en]");
        }
    }
    if (interactive && !file)
        return ctl_triage_interactive(ctx);
    if (interactive || !file)
        return ctl_usage("usage: triage FILE (or - for stdin) | triage --interactive "
                         "[--lang nb|nn|en]");
    input = read_input(file, &err);
    if (!input)
        return ctl_fail(&err);
    rc = ctl_triage_open(ctx, &pack, &rules);
    if (rc != CTL_EXIT_OK)
        goto done;
    rc = CTL_EXIT_FAIL;
    if (tr_triage_answers(pack, input, &answers, &err) != TR_OK) {
        tr_error_prefix(&err, "%s", file);
        ctl_fail(&err);
        goto done;
    }
    if (tr_triage_run(rules, answers, &res, &err) != TR_OK) {
        ctl_fail(&err);
        goto done;
    }
    out = tr_triage_result_json(rules, &res, ctx->lang);
    if (!out) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory printing the result");
        ctl_fail(&err);
        goto done;
    }
    rc = ctl_print_json(out);
done:
    tr_triage_result_free(&res);
    cJSON_Delete(answers);
    cJSON_Delete(input);
    tr_triage_free(rules);
    tr_content_free(pack);
    return rc;
}
