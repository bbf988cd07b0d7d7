/* tr_bundle: the whole content pack in one call; see tr_bundle.h. */
#include "tr_bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tp_path.h"
#include "tr_json.h"
#include "tr_passgen.h"
#include "tr_stats.h"
#include "tr_track_content.h"
#include "tr_triage_priv.h"

const char *const tr_bundle_passgen_langs[TR_BUNDLE_PASSGEN] = {"nb", "nn"};

/* How many answer profiles the triage lint tries (tr_triage_lint_skips). */
#define LINT_PROFILES 16

/* Turns a tr_error about the file at `path` ("PATH:line:col: what" or "PATH: $.json.path:
 * what") into one diagnostic for `file` (relative to the pack), so it prints like every other
 * problem. Returns TR_OK or TR_E_NOMEM. */
static tr_status error_diag(tr_diags *diags, const char *file, const char *path,
                            const tr_error *err)
{
    const char *rest = err->msg, *jpath = "";
    char jbuf[256] = "";
    int line = 0, col = 0, used = 0;
    if (path && strncmp(rest, path, strlen(path)) == 0)
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

/* The loading state: the first hard failure (out of memory) stops everything; problems are
 * counted by diags. */
typedef struct loader {
    const char *dir;
    int lint;
    tr_bundle *b;
    tr_diags *diags;
    int nomem;
    int bad; /* a part had a problem */
} loader;

/* Notes a part's status: TR_E_NOMEM stops the load, anything but TR_OK marks the pack bad. */
static void note(loader *ld, tr_status st)
{
    if (st == TR_E_NOMEM)
        ld->nomem = 1;
    else if (st != TR_OK)
        ld->bad = 1;
}

/* A part that reports through a tr_error only: its message becomes one diagnostic. */
static void note_error(loader *ld, const char *file, const char *path, const tr_error *err)
{
    note(ld, error_diag(ld->diags, file, path, err) == TR_OK ? TR_E_INVALID : TR_E_NOMEM);
}

/* A part's result: the problems it put into diags, or else its error as one diagnostic. */
static void settle(loader *ld, tr_status st, size_t before, const char *file, const tr_error *err)
{
    if (st != TR_OK && st != TR_E_NOMEM && ld->diags->count == before)
        note_error(ld, file, NULL, err);
    else
        note(ld, st);
}

static void load_triage(loader *ld)
{
    tr_error err = {0};
    size_t before = ld->diags->count;
    tr_status st = tr_triage_load(ld->b->pack, &ld->b->triage, ld->diags, &err);
    if (st == TR_OK && ld->lint &&
        tr_triage_lint_skips(ld->b->triage, LINT_PROFILES, ld->diags) > 0)
        st = TR_E_INVALID;
    settle(ld, st, before, "triage", &err);
}

static void load_modules(loader *ld)
{
    tr_status st = tr_module_load_dir(ld->dir, &ld->b->modules, &ld->b->n_modules, ld->diags);
    if (st == TR_E_NOTFOUND) { /* a pack may come without modules */
        ld->b->n_modules = 0;
        return;
    }
    if (st != TR_OK)
        ld->b->n_modules = 0;
    note(ld, st);
}

/* tracking.json: parsed, then checked against the pack and its modules. */
static void load_tracking(loader *ld)
{
    tr_error err = {0};
    char path[TP_PATH_MAX];
    if (tp_path_join(path, sizeof path, ld->dir, "tracking.json") != 0) {
        note(ld, tr_diags_add(ld->diags, "tracking.json", "", 0, 0,
                              "the content path is too long") == TR_OK
                     ? TR_E_INVALID
                     : TR_E_NOMEM);
        return;
    }
    tr_status st = tr_track_config_load(ld->dir, &ld->b->track, &err);
    if (st == TR_E_NOTFOUND)
        return;
    if (st != TR_OK) {
        if (st == TR_E_NOMEM)
            note(ld, st);
        else
            note_error(ld, "tracking.json", path, &err);
        return;
    }
    st = tr_track_check_content(&ld->b->track, ld->b->pack, ld->diags);
    ld->b->has_track = st == TR_OK;
    note(ld, st);
}

static void load_info(loader *ld)
{
    tr_error err = {0};
    size_t before = ld->diags->count;
    tr_status st = tr_info_load(ld->b->pack, &ld->b->info, ld->diags, &err);
    if (st == TR_E_NOTFOUND)
        return;
    settle(ld, st, before, "info.json", &err);
}

static void load_med(loader *ld)
{
    tr_error err = {0};
    size_t before = ld->diags->count;
    tr_status st = tr_med_load(ld->b->pack, &ld->b->med, ld->diags, &err);
    if (st == TR_E_NOTFOUND)
        return;
    settle(ld, st, before, "medication.json", &err);
}

/* An optional file: 1 when <dir>/<rel> exists. */
static int has_file(loader *ld, const char *rel, char *path, size_t size)
{
    return tp_path_join(path, size, ld->dir, rel) == 0 && tp_fs_exists(path);
}

static void load_goals(loader *ld)
{
    tr_error err = {0};
    size_t before = ld->diags->count;
    tr_status st = tr_goal_load(ld->b->pack, &ld->b->goals, ld->diags, &err);
    if (st == TR_E_NOTFOUND)
        return;
    settle(ld, st, before, "goals.json", &err);
}

static void load_feedback(loader *ld)
{
    tr_error err = {0};
    size_t before = ld->diags->count;
    tr_status st = tr_feedback_load(ld->b->pack, &ld->b->feedback, ld->diags, &err);
    if (st == TR_E_NOTFOUND)
        return;
    settle(ld, st, before, "feedback.json", &err);
}

static void load_fhir(loader *ld)
{
    tr_error err = {0};
    char path[TP_PATH_MAX];
    if (!has_file(ld, "fhir/export.json", path, sizeof path))
        return;
    tr_status st = tr_fhir_map_load(ld->b->pack, &ld->b->fhir, &err);
    if (st == TR_E_NOMEM)
        note(ld, st);
    else if (st != TR_OK)
        note_error(ld, "fhir", NULL, &err);
}

static void load_stats(loader *ld)
{
    tr_error err = {0};
    char path[TP_PATH_MAX];
    if (!has_file(ld, "stats.json", path, sizeof path))
        return;
    tr_status st = tr_stats_reference_load(ld->dir, &ld->b->stats_ref, &err);
    if (st == TR_E_NOMEM)
        note(ld, st);
    else if (st != TR_OK)
        note_error(ld, "stats.json", path, &err);
}

/* A word list (tr_words_load / tr_passgen_load): a missing file is fine. */
static void load_words(loader *ld, const char *file, const char *lang, tr_words **out)
{
    tr_error err = {0};
    char path[TP_PATH_MAX];
    if (tp_path_join(path, sizeof path, ld->dir, file) != 0) {
        note(ld, tr_diags_add(ld->diags, file, "", 0, 0, "the content path is too long") == TR_OK
                     ? TR_E_INVALID
                     : TR_E_NOMEM);
        return;
    }
    size_t before = ld->diags->count;
    tr_status st = lang ? tr_passgen_load(ld->dir, lang, out, ld->diags, &err)
                        : tr_words_load(ld->dir, out, ld->diags, &err);
    if (st == TR_OK || st == TR_E_NOTFOUND)
        return;
    if (st != TR_E_NOMEM && ld->diags->count == before) /* bad JSON, unreadable, too big */
        note_error(ld, file, path, &err);
    else
        note(ld, st);
}

tr_status tr_bundle_load(const tr_bundle_desc *desc, tr_bundle **out, tr_diags *diags,
                         tr_error *err)
{
    const char *dir = desc->dir;
    tr_error perr = {0};
    *out = NULL;
    tr_bundle *b = calloc(1, sizeof *b);
    if (!b)
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading the content pack");
    loader ld = {.dir = dir, .lint = desc->lint, .b = b, .diags = diags};
    tr_status st = tr_content_load(&(tr_content_desc){.dir = dir}, &b->pack, diags, &perr);
    if (st == TR_E_NOTFOUND) {
        tr_bundle_free(b);
        if (err)
            *err = perr;
        return TR_E_NOTFOUND;
    }
    note(&ld, st);
    /* the parts that need the pack's instruments and texts */
    if (b->pack && !ld.nomem)
        load_triage(&ld);
    if (!ld.nomem)
        load_modules(&ld);
    if (b->pack && !ld.nomem)
        load_tracking(&ld);
    if (b->pack && !ld.nomem)
        load_info(&ld);
    if (b->pack && !ld.nomem)
        load_med(&ld);
    if (b->pack && !ld.nomem)
        load_goals(&ld);
    if (b->pack && !ld.nomem)
        load_feedback(&ld);
    if (b->pack && !ld.nomem)
        load_fhir(&ld);
    if (!ld.nomem)
        load_stats(&ld);
    if (!ld.nomem)
        load_words(&ld, TR_WORDS_FILE, NULL, &b->words);
    for (size_t i = 0; i < TR_BUNDLE_PASSGEN && !ld.nomem; i++)
        load_words(&ld, tr_passgen_file(tr_bundle_passgen_langs[i]), tr_bundle_passgen_langs[i],
                   &b->passgen[i]);
    if (ld.nomem) {
        tr_bundle_free(b);
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading the content pack %s", dir);
    }
    if (ld.bad || !b->pack) {
        tr_bundle_free(b);
        return tr_error_set(err, TR_E_INVALID, "%zu problem%s in the content pack %s", diags->count,
                            diags->count == 1 ? "" : "s", dir);
    }
    *out = b;
    return TR_OK;
}

void tr_bundle_free(tr_bundle *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < TR_BUNDLE_PASSGEN; i++)
        tr_words_free(b->passgen[i]);
    tr_words_free(b->words);
    cJSON_Delete(b->stats_ref);
    tr_fhir_map_free(b->fhir);
    tr_feedback_free(b->feedback);
    tr_goal_free(b->goals);
    tr_med_free(b->med);
    tr_info_free(b->info);
    for (size_t i = 0; b->modules && i < b->n_modules; i++)
        tr_module_destroy(b->modules[i]);
    free(b->modules);
    tr_triage_free(b->triage);
    tr_content_free(b->pack);
    free(b);
}

tr_status tr_bundle_texts_load(const char *dir, tr_bundle_texts *out, tr_error *err)
{
    char path[TP_PATH_MAX], i18n[TP_PATH_MAX];
    const char *codes[TR_LANG_MAX];
    size_t n = 0;
    tr_diags diags = {0};
    memset(out, 0, sizeof *out);
    if (tp_path_join(path, sizeof path, dir, "pack.json") != 0 ||
        tp_path_join(i18n, sizeof i18n, dir, "i18n") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", dir);
    cJSON *pack = tr_json_load_file(path, err);
    if (!pack)
        return err ? err->status : TR_E_PARSE;
    const cJSON *langs = cJSON_GetObjectItemCaseSensitive(pack, "languages"), *it;
    cJSON_ArrayForEach(it, langs)
    {
        if (!cJSON_IsString(it) || n == TR_LANG_MAX ||
            strlen(it->valuestring) >= sizeof out->langs[0])
            break;
        codes[n++] = it->valuestring;
    }
    if (n == 0 || n != (size_t)cJSON_GetArraySize(langs)) {
        tr_error_set(err, TR_E_INVALID,
                     "%s: $.languages: expected a list of up to %d language codes", path,
                     TR_LANG_MAX);
        cJSON_Delete(pack);
        return TR_E_INVALID;
    }
    tr_status st = tr_i18n_load(&(tr_i18n_desc){.dir = i18n, .langs = codes, .n_langs = n},
                                &out->i18n, &diags, err);
    if (st == TR_OK) {
        for (size_t i = 0; i < n; i++)
            snprintf(out->langs[i], sizeof out->langs[i], "%s", codes[i]);
        out->n_langs = n;
    } else if (diags.count > 0) {
        char first[600];
        tr_diag_format(&diags.items[0], first, sizeof first);
        tr_error_set(err, st, "the texts of the app (%s) cannot be read: %s", i18n, first);
    }
    tr_diags_free(&diags);
    cJSON_Delete(pack);
    return st;
}

void tr_bundle_texts_free(tr_bundle_texts *t)
{
    tr_i18n_free(t->i18n);
    memset(t, 0, sizeof *t);
}
