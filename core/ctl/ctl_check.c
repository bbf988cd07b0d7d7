/* trinnctl check [DIR]: validates a content pack: the pack itself (instruments, intake,
 * levels, crisis contacts, catalogs), the triage rules, the self-help modules, the tracking
 * settings, the information pages (info.json), the medication texts, the FHIR mapping, the
 * statistics' reference figures and the passphrase word lists, all through tr_bundle_load, the
 * one load the app does too. Every
 * problem goes to stderr, one per line as file:line:col: path: message; a JSON summary goes to
 * stdout. Exit 0 only when clean. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tr_bundle.h"

/* The summary of a pack that loaded cleanly. */
static cJSON *summary(const tr_bundle *b)
{
    const tr_content *pack = b->pack;
    cJSON *o = cJSON_CreateObject(), *insts, *langs, *levels;
    if (!o || !cJSON_AddBoolToObject(o, "ok", 1) || !cJSON_AddNumberToObject(o, "problems", 0) ||
        !cJSON_AddStringToObject(o, "pack", pack->id) ||
        !cJSON_AddStringToObject(o, "version", pack->version) ||
        !(langs = cJSON_AddArrayToObject(o, "languages")) ||
        !(insts = cJSON_AddArrayToObject(o, "instruments")) ||
        !(levels = cJSON_AddArrayToObject(o, "levels")) ||
        !cJSON_AddNumberToObject(o, "steps", (double)pack->n_steps) ||
        !cJSON_AddNumberToObject(o, "crisis_contacts", (double)pack->n_crisis) ||
        !cJSON_AddNumberToObject(o, "modules", (double)b->n_modules) ||
        !cJSON_AddBoolToObject(o, "tracking", b->has_track) ||
        !cJSON_AddBoolToObject(o, "team_contact", tr_content_has_team(pack)) ||
        !cJSON_AddNumberToObject(o, "common_words", (double)(b->words ? b->words->count : 0)) ||
        !cJSON_AddNumberToObject(o, "passphrase_words_nb",
                                 (double)(b->passgen[0] ? b->passgen[0]->count : 0)) ||
        !cJSON_AddNumberToObject(o, "passphrase_words_nn",
                                 (double)(b->passgen[1] ? b->passgen[1]->count : 0)) ||
        !cJSON_AddNumberToObject(o, "messages",
                                 (double)tr_i18n_count(pack->i18n, pack->default_lang)) ||
        !cJSON_AddNumberToObject(o, "info_pages", (double)(b->info ? b->info->n_pages : 0)))
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
    tr_bundle *b = NULL;
    char line[1200];
    int rc;

    if (argc > 2)
        return ctl_usage("usage: trinnctl check [DIR]");
    if (argc == 2)
        dir = argv[1];
    if (!dir)
        return ctl_no_pack(ctx);
    /* the same one load the app does: every part of the pack, every problem */
    tr_status st = tr_bundle_load(&(tr_bundle_desc){.dir = dir, .lint = 1}, &b, &diags, &err);
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (st == TR_OK) {
        /* A template pack is valid, but a client cannot be sent to a team it does not name. */
        if (!tr_content_has_team(b->pack))
            fprintf(stderr,
                    "%s/pack.json: $.service: warning: the team's phone or opening hours are "
                    "not set, so no text sends a client to the team: at risk the result points "
                    "to the GP, legevakt 116 117 and 113 instead. Fill in \"phone\" and "
                    "\"hours\" (every language) to change that.\n",
                    dir);
        rc = ctl_print_json(summary(b));
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
    tr_bundle_free(b);
    return rc;
}
