/* trinnctl check [DIR]: validates a content pack. Every problem goes to stderr, one per line
 * as file:line:col: path: message; a JSON summary goes to stdout. Exit 0 only when clean. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tr_content.h"
#include "tr_module.h"
#include "tr_triage.h"

/* The summary of a pack that loaded cleanly. */
static cJSON *summary(const tr_content *pack, size_t n_modules)
{
    cJSON *o = cJSON_CreateObject(), *insts, *langs, *levels;
    if (!o || !cJSON_AddBoolToObject(o, "ok", 1) || !cJSON_AddNumberToObject(o, "problems", 0) ||
        !cJSON_AddStringToObject(o, "pack", pack->id) ||
        !cJSON_AddStringToObject(o, "version", pack->version) ||
        !(langs = cJSON_AddArrayToObject(o, "languages")) ||
        !(insts = cJSON_AddArrayToObject(o, "instruments")) ||
        !(levels = cJSON_AddArrayToObject(o, "levels")) ||
        !cJSON_AddNumberToObject(o, "steps", (double)pack->n_steps) ||
        !cJSON_AddNumberToObject(o, "crisis_contacts", (double)pack->n_crisis) ||
        !cJSON_AddNumberToObject(o, "modules", (double)n_modules) ||
        !cJSON_AddNumberToObject(o, "messages",
                                 (double)tr_i18n_count(pack->i18n, pack->default_lang)))
        goto fail;
    for (size_t i = 0; i < pack->n_langs; i++)
        if (!cJSON_AddItemToArray(langs, cJSON_CreateString(pack->langs[i])))
            goto fail;
    for (size_t i = 0; i < pack->n_levels; i++)
        if (!cJSON_AddItemToArray(levels, cJSON_CreateString(pack->levels[i].id)))
            goto fail;
    for (size_t i = 0; i < pack->n_insts; i++) {
        const tr_inst *in = pack->insts[i];
        cJSON *e = cJSON_CreateObject(), *tr;
        if (!e || !cJSON_AddItemToArray(insts, e) || !cJSON_AddStringToObject(e, "id", in->id) ||
            !cJSON_AddStringToObject(e, "kind",
                                     in->kind == TR_INST_SCORED ? "scored" : "questionnaire") ||
            !cJSON_AddNumberToObject(e, "items", (double)in->n_items) ||
            !cJSON_AddNumberToObject(e, "test_vectors",
                                     (double)cJSON_GetArraySize(in->test_vectors)) ||
            !(tr = cJSON_AddObjectToObject(e, "translations")))
            goto fail;
        for (size_t k = 0; k < in->n_translations; k++)
            if (!cJSON_AddStringToObject(tr, in->translations[k].lang,
                                         tr_trans_status_name(in->translations[k].status)))
                goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

int ctl_cmd_check(ctl_ctx *ctx, int argc, char **argv)
{
    const char *dir = ctx->content_dir;
    tr_diags diags = {0};
    tr_error err = {0};
    tr_content *pack = NULL;
    tr_status st;
    char line[1200];
    int rc;

    if (argc > 2)
        return ctl_usage("usage: trinnctl check [DIR]");
    if (argc == 2)
        dir = argv[1];
    if (!dir)
        return ctl_usage("check: no content pack found; give its folder: trinnctl check DIR");
    st = tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &diags, &err);
    /* the triage rules and texts (content/triage) are part of the pack */
    if (st == TR_OK && tr_triage_validate(pack, &diags) != TR_OK)
        st = tr_error_set(&err, TR_E_INVALID, "%zu problem%s in %s", diags.count,
                          diags.count == 1 ? "" : "s", dir);
    /* the guided self-help modules are validated beside the pack (content/modules) */
    size_t n_modules = 0;
    tr_status mst = tr_module_validate_dir(dir, &n_modules, &diags);
    if (st == TR_OK && mst != TR_OK && mst != TR_E_NOTFOUND)
        st = tr_error_set(&err, mst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                          "%s/modules: %zu problem(s) in the modules, listed above", dir,
                          diags.count);
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (st == TR_OK) {
        rc = ctl_print_json(summary(pack, n_modules));
    } else if (st == TR_E_INVALID) {
        cJSON *o = cJSON_CreateObject();
        if (o) {
            cJSON_AddBoolToObject(o, "ok", 0);
            cJSON_AddNumberToObject(o, "problems", (double)diags.count);
            cJSON_AddStringToObject(o, "dir", dir);
        }
        ctl_print_json(o);
        fprintf(stderr, "trinnctl: %s\n", err.msg);
        rc = CTL_EXIT_FAIL;
    } else {
        rc = ctl_fail(&err);
    }
    tr_diags_free(&diags);
    tr_content_free(pack);
    return rc;
}
