/* trinnctl check [DIR]: validates a content pack: the pack itself (instruments, intake,
 * levels, crisis contacts, catalogs), the triage rules, the self-help modules, the tracking
 * settings, the information pages (info.json) and the common words of the passphrase hint. Every
 * problem goes to stderr, one per line as file:line:col: path: message; a JSON summary goes to
 * stdout. Exit 0 only when clean. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_content.h"
#include "tr_module.h"
#include "tr_fhir.h"
#include "tr_info.h"
#include "tr_feedback.h"
#include "tr_med.h"
#include "tr_goal.h"
#include "tr_stats.h"
#include "tr_track.h"
#include "tr_track_content.h"
#include "tr_triage.h"
#include "tr_passgen.h"
#include "tr_words.h"

/* Turns a tr_error about `path` ("PATH:line:col: what" or "PATH: $.json.path: what") into
 * one diagnostic for `file`, so it prints like every other problem. */
static tr_status error_diag(tr_diags *diags, const char *file, const char *path,
                            const tr_error *err)
{
    const char *rest = err->msg, *jpath = "";
    char jbuf[256] = "";
    int line = 0, col = 0, used = 0;
    if (strncmp(rest, path, strlen(path)) == 0)
        rest += strlen(path);
    if (sscanf(rest, ":%d:%d:%n", &line, &col, &used) == 2 && used > 0) {
        rest += used;
    } else {
        line = col = 0;
        while (*rest == ':' || *rest == ' ')
            rest++;
        const char *end = rest[0] == '$' ? strstr(rest, ": ") : NULL;
        if (end && (size_t)(end - rest) < sizeof jbuf) {
            memcpy(jbuf, rest, (size_t)(end - rest));
            jbuf[end - rest] = '\0';
            jpath = jbuf;
            rest = end;
        }
    }
    while (*rest == ':' || *rest == ' ')
        rest++;
    return tr_diags_add(diags, file, jpath, line, col, "%s", rest);
}

/* tracking.json: parsed (syntax, keys, ranges) and then checked against the pack and its
 * modules. A pack without the file has no tracking: *present says whether it was there.
 * Returns TR_OK, TR_E_INVALID (problems in diags) or TR_E_NOMEM. */
static tr_status check_tracking(const char *dir, const tr_content *pack, int *present,
                                tr_diags *diags)
{
    tr_track_config cfg;
    tr_error err = {0};
    char path[4096];
    *present = 0;
    if (tp_path_join(path, sizeof path, dir, "tracking.json") != 0)
        return tr_diags_add(diags, "tracking.json", "", 0, 0, "the content path is too long") ==
                       TR_OK
                   ? TR_E_INVALID
                   : TR_E_NOMEM;
    tr_status st = tr_track_config_load(dir, &cfg, &err);
    if (st == TR_E_NOTFOUND)
        return TR_OK;
    *present = 1;
    if (st == TR_E_NOMEM)
        return st;
    if (st != TR_OK)
        return error_diag(diags, "tracking.json", path, &err) == TR_OK ? TR_E_INVALID : TR_E_NOMEM;
    return tr_track_check_content(&cfg, pack, diags);
}

/* security/common_words.json (tr_words.h). A pack without it is valid (the passphrase hint
 * then knows zxcvbn's own words only): *count is 0. Returns TR_OK, TR_E_INVALID (problems in
 * diags) or TR_E_NOMEM. */
static tr_status check_words(const char *dir, size_t *count, tr_diags *diags)
{
    tr_words *words = NULL;
    tr_error err = {0};
    char path[4096];
    *count = 0;
    if (tp_path_join(path, sizeof path, dir, TR_WORDS_FILE) != 0)
        return tr_diags_add(diags, TR_WORDS_FILE, "", 0, 0, "the content path is too long") == TR_OK
                   ? TR_E_INVALID
                   : TR_E_NOMEM;
    size_t before = diags->count;
    tr_status st = tr_words_load(dir, &words, diags, &err);
    if (st == TR_OK)
        *count = words->count;
    tr_words_free(words);
    if (st == TR_OK || st == TR_E_NOTFOUND || st == TR_E_NOMEM)
        return st == TR_E_NOMEM ? st : TR_OK;
    if (diags->count == before) /* bad JSON, unreadable, too big: the message says where */
        return error_diag(diags, TR_WORDS_FILE, path, &err) == TR_OK ? TR_E_INVALID : TR_E_NOMEM;
    return TR_E_INVALID;
}

/* security/passphrase_words_<lang>.json (tr_passgen.h), the words of «Lag en passordfrase for
 * meg». A pack without one is valid (the app then does not offer to make a passphrase in that
 * language): *count is 0. Returns as check_words. */
static tr_status check_passgen(const char *dir, const char *lang, size_t *count, tr_diags *diags)
{
    tr_words *words = NULL;
    tr_error err = {0};
    char path[4096];
    const char *file = tr_passgen_file(lang);
    *count = 0;
    if (tp_path_join(path, sizeof path, dir, file) != 0)
        return tr_diags_add(diags, file, "", 0, 0, "the content path is too long") == TR_OK
                   ? TR_E_INVALID
                   : TR_E_NOMEM;
    size_t before = diags->count;
    tr_status st = tr_passgen_load(dir, lang, &words, diags, &err);
    if (st == TR_OK)
        *count = words->count;
    tr_words_free(words);
    if (st == TR_OK || st == TR_E_NOTFOUND || st == TR_E_NOMEM)
        return st == TR_E_NOMEM ? st : TR_OK;
    if (diags->count == before)
        return error_diag(diags, file, path, &err) == TR_OK ? TR_E_INVALID : TR_E_NOMEM;
    return TR_E_INVALID;
}

/* The summary of a pack that loaded cleanly. */
static cJSON *summary(const tr_content *pack, size_t n_modules, int tracking, size_t n_words,
                      const size_t n_pass[2])
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
        !cJSON_AddBoolToObject(o, "tracking", tracking) ||
        !cJSON_AddBoolToObject(o, "team_contact", tr_content_has_team(pack)) ||
        !cJSON_AddNumberToObject(o, "common_words", (double)n_words) ||
        !cJSON_AddNumberToObject(o, "passphrase_words_nb", (double)n_pass[0]) ||
        !cJSON_AddNumberToObject(o, "passphrase_words_nn", (double)n_pass[1]) ||
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
        return ctl_no_pack(ctx);
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
    /* the tracking settings (content/tracking.json) need the pack's instruments and modules */
    int tracking = 0;
    if (pack) {
        tr_status tst = check_tracking(dir, pack, &tracking, &diags);
        if (st == TR_OK && tst != TR_OK)
            st = tr_error_set(&err, tst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s/tracking.json: %zu problem(s), listed above", dir, diags.count);
    }
    /* the information pages for relatives and about self-help groups (content/info.json) */
    size_t n_info = 0;
    if (pack) {
        tr_info *info = NULL;
        tr_error ierr = {0};
        tr_status ist = tr_info_load(pack, &info, &diags, &ierr);
        if (ist == TR_OK)
            n_info = info->n_pages;
        else if (ist != TR_E_NOTFOUND && st == TR_OK)
            st = tr_error_set(&err, ist == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s, listed above", ierr.msg);
        tr_info_free(info);
    }
    /* medication, side effects and the wish for help without it (content/medication.json) */
    if (pack) {
        tr_med_content *med = NULL;
        tr_error merr = {0};
        tr_status medst = tr_med_load(pack, &med, &diags, &merr);
        if (medst != TR_OK && medst != TR_E_NOTFOUND && st == TR_OK)
            st = tr_error_set(&err, medst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s, listed above", merr.msg);
        tr_med_free(med);
    }
    /* the client's own goals: how many at once, the rating scale, the texts (content/goals.json) */
    if (pack) {
        tr_goal_content *goals = NULL;
        tr_error gerr = {0};
        tr_status gst = tr_goal_load(pack, &goals, &diags, &gerr);
        if (gst != TR_OK && gst != TR_E_NOTFOUND && st == TR_OK)
            st = tr_error_set(&err, gst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s, listed above", gerr.msg);
        tr_goal_free(goals);
    }
    /* the feedback on the help and the wish to change therapist (content/feedback.json) */
    if (pack) {
        tr_feedback_content *fb = NULL;
        tr_error fberr = {0};
        tr_status fbst = tr_feedback_load(pack, &fb, &diags, &fberr);
        if (fbst != TR_OK && fbst != TR_E_NOTFOUND && st == TR_OK)
            st = tr_error_set(&err, fbst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s, listed above", fberr.msg);
        tr_feedback_free(fb);
    }
    /* the FHIR export mapping (content/fhir): its Questionnaires against the instruments */
    char fpath[1024];
    snprintf(fpath, sizeof fpath, "%s/fhir/export.json", dir);
    if (pack && tp_fs_exists(fpath)) {
        tr_fhir_map *map = NULL;
        tr_error ferr = {0};
        if (tr_fhir_map_load(pack, &map, &ferr) != TR_OK) {
            error_diag(&diags, "fhir", "", &ferr);
            if (st == TR_OK)
                st = tr_error_set(&err, ferr.status == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                                  "%s/fhir: a problem, listed above", dir);
        }
        tr_fhir_map_free(map);
    }
    /* the reference figures beside the service statistics (content/stats.json) */
    snprintf(fpath, sizeof fpath, "%s/stats.json", dir);
    if (tp_fs_exists(fpath)) {
        cJSON *ref = NULL;
        tr_error serr = {0};
        if (tr_stats_reference_load(dir, &ref, &serr) != TR_OK) {
            error_diag(&diags, "stats.json", fpath, &serr);
            if (st == TR_OK)
                st = tr_error_set(&err, serr.status == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                                  "%s: a problem, listed above", fpath);
        }
        cJSON_Delete(ref);
    }
    /* the common words of the passphrase hint (content/security/common_words.json) */
    size_t n_words = 0;
    tr_status wst = check_words(dir, &n_words, &diags);
    if (st == TR_OK && wst != TR_OK)
        st = tr_error_set(&err, wst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                          "%s/%s: %zu problem(s), listed above", dir, TR_WORDS_FILE, diags.count);
    /* the words of the passphrase maker, one list per Norwegian language */
    size_t n_pass[2] = {0, 0};
    static const char *const pass_langs[2] = {"nb", "nn"};
    for (int i = 0; i < 2; i++) {
        tr_status pst = check_passgen(dir, pass_langs[i], &n_pass[i], &diags);
        if (st == TR_OK && pst != TR_OK)
            st = tr_error_set(&err, pst == TR_E_NOMEM ? TR_E_NOMEM : TR_E_INVALID,
                              "%s/%s: %zu problem(s), listed above", dir,
                              tr_passgen_file(pass_langs[i]), diags.count);
    }
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (st == TR_OK) {
        /* A template pack is valid, but a client cannot be sent to a team it does not name. */
        if (!tr_content_has_team(pack))
            fprintf(stderr,
                    "%s/pack.json: $.service: warning: the team's phone or opening hours are "
                    "not set, so no text sends a client to the team: at risk the result points "
                    "to the GP, legevakt 116 117 and 113 instead. Fill in \"phone\" and "
                    "\"hours\" (every language) to change that.\n",
                    dir);
        cJSON *sum = summary(pack, n_modules, tracking, n_words, n_pass);
        if (sum && !cJSON_AddNumberToObject(sum, "info_pages", (double)n_info)) {
            cJSON_Delete(sum);
            sum = NULL;
        }
        rc = ctl_print_json(sum);
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
