/* tu_team: the therapist's state in the app; see tu_team.h. */
#include "tu_team.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_dir.h"
#include "tr_track.h"
#include "tp_fs.h"
#include "tu_app.h"
#include "tu_date.h"

void tu_team_date(tu_app *app, int64_t t, char *buf, size_t size)
{
    tu_date_format(&app->lang, t, 0, buf, size);
}

/* FNV-1a, to know our own note on the clipboard again without keeping a copy of it. */
static uint32_t hash_of(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h ? h : 1;
}

int tu_team_clip(tu_team *t, const char *text)
{
    if (SDL_SetClipboardText(text) != 0)
        return -1;
    t->clip_hash = hash_of(text);
    return 0;
}

/* Takes the note off the clipboard if it is still ours: health data does not outlive the
 * unlocked profile there. */
static void unclip(tu_team *t)
{
    if (!t->clip_hash || !SDL_HasClipboardText()) {
        t->clip_hash = 0;
        return;
    }
    char *have = SDL_GetClipboardText();
    if (have && hash_of(have) == t->clip_hash)
        SDL_SetClipboardText("");
    SDL_free(have);
    t->clip_hash = 0;
}

void tu_team_page_forget(tu_team *t)
{
    cJSON_Delete(t->page_flags);
    tr_track_destroy(t->page_track);
    t->page_flags = NULL;
    t->page_track = NULL;
    t->page_of = NULL;
}

/* The last part of a path, for messages. */
static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

void tu_team_free(tu_team *t)
{
    char pending[TU_TEAM_PATH];
    memcpy(pending, t->pending, sizeof pending);
    unclip(t);
    tu_team_page_forget(t);
    tr_caseload_free(&t->cl);
    tp_dir_names_free(t->files, t->n_files);
    cJSON_Delete(t->stats);
    tu_team_keys_free(&t->k);
    tu_team_spool_free(t->spool); /* wipes the hand-ins' rows */
    memset(t, 0, sizeof *t);
    memcpy(t->pending, pending, sizeof pending);
}

int tu_team_load(tu_app *app)
{
    tu_team *t = &app->team;
    tr_error err = {0};
    tu_team_page_forget(t); /* it points into the caseload */
    tr_caseload_free(&t->cl);
    t->loaded = 0;
    t->problem[0] = 0;
    if (!app->prof.open.j || app->prof.open.info.kind != TR_PROFILE_THERAPIST) {
        snprintf(t->problem, sizeof t->problem, "%s", T(app, "team.err.not_therapist"));
        return 0;
    }
    if (tr_caseload_load(app->prof.open.j, app->pack, &t->cl, &err) != TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.err.read"), args, t->problem, sizeof t->problem);
        return 0;
    }
    t->loaded = 1;
    return 1;
}

void tu_team_open(tu_app *app)
{
    tu_team *t = &app->team;
    char pending[TU_TEAM_PATH];
    tu_team_free(t);
    tu_team_load(app);
    tu_app_go(app, TU_SCR_TEAM);
    if (t->pending[0]) { /* the report the app was given before the profile was open */
        memcpy(pending, t->pending, sizeof pending);
        t->pending[0] = 0;
        tu_team_drop(app, pending);
    }
}

void tu_team_pending(tu_app *app, const char *path)
{
    tu_team *t = &app->team;
    snprintf(t->pending, sizeof t->pending, "%s", path);
    tu_profile_gate(app, TU_PROF_NEXT_ASSESS); /* no profile is open: the profile screen */
    tr_i18n_arg args[] = {{"file", base_name(path)}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.pending"), args, app->prof.notice, sizeof app->prof.notice);
}

int tu_team_on_this_pc(tu_app *app)
{
    tr_profile_info *list = NULL;
    size_t n = 0;
    int found = 0;
    if (tr_profile_list(&(tr_profile_desc){.data_dir = app->data_dir}, &list, &n, NULL) != TR_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        found |= list[i].kind == TR_PROFILE_THERAPIST;
    tr_profile_list_free(list);
    return found;
}

void tu_team_forget_pending(tu_app *app)
{
    app->team.pending[0] = 0;
}

/* The words for a refusal: the reason in the therapist's language, then the core's message. */
static void refused(tu_app *app, const char *name, tr_exch_why why, const char *detail)
{
    tu_team *t = &app->team;
    char key[64], reason[600];
    snprintf(key, sizeof key, "team.why.%s", tr_exch_why_name(why));
    snprintf(reason, sizeof reason, "%s", T(app, key));
    if (strcmp(reason, key) == 0 || strncmp(reason, "[[", 2) == 0)
        snprintf(reason, sizeof reason, "%s", T(app, "team.why.other"));
    tr_i18n_arg args[] = {{"file", name}, {"reason", reason}, {"detail", detail}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.open.refused"), args, t->notice, sizeof t->notice);
    t->notice_bad = 1;
}

void tu_team_open_file(tu_app *app, const char *path)
{
    tu_team *t = &app->team;
    char *data = NULL, now[32];
    size_t len = 0;
    tr_error err = {0};
    tr_care_open_result res;
    const char *name = base_name(path);
    memset(&res, 0, sizeof res);
    t->notice[0] = 0;
    t->notice_bad = 0;
    t->opened[0] = 0;
    app->ui.need_redraw = 1;
    if (!t->loaded && !tu_team_load(app)) {
        snprintf(t->notice, sizeof t->notice, "%s", t->problem);
        t->notice_bad = 1;
        return;
    }
    if (tp_fs_read_file(path, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        tr_i18n_arg args[] = {{"file", name}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.open.unreadable"), args, t->notice, sizeof t->notice);
        t->notice_bad = 1;
        return;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    tr_status st = tr_caseload_open_report(&app->prof.open, &t->cl.care, (const uint8_t *)data, len,
                                           now, &res, &err);
    free(data);
    if (st != TR_OK) {
        if (res.why != TR_EXCH_OK)
            refused(app, name, res.why, err.msg);
        else {
            tr_i18n_arg args[] = {{"file", name}, {"detail", err.msg}, {NULL, NULL}};
            tr_i18n_fill(T(app, "team.open.failed"), args, t->notice, sizeof t->notice);
            t->notice_bad = 1;
        }
        tr_care_open_free(&res);
        /* a failed append may have kept part of it: read the journal as it is */
        tu_team_load(app);
        return;
    }
    char seq[24];
    snprintf(seq, sizeof seq, "%llu", (unsigned long long)res.seq);
    tr_i18n_arg args[] = {{"file", name},
                          {"client", res.client},
                          {"seq", seq},
                          {"fingerprint", res.sender_fingerprint},
                          {NULL, NULL}};
    tr_i18n_fill(T(app, res.first ? "team.open.first" : "team.open.done"), args, t->notice,
                 sizeof t->notice);
    snprintf(t->opened, sizeof t->opened, "%s", res.client);
    tr_care_open_free(&res);
    t->listed = 0; /* the list says which files were opened */
    tu_team_load(app);
    snprintf(t->client, sizeof t->client, "%s", t->opened);
    t->copied[0] = 0;
    tu_app_go(app, TU_SCR_TEAM_CLIENT);
}

void tu_team_drop(tu_app *app, const char *path)
{
    size_t n = strlen(path), m = strlen(".trinn-rapport");
    tu_team *t = &app->team;
    if (n < m || SDL_strcasecmp(path + n - m, ".trinn-rapport") != 0) {
        tr_i18n_arg args[] = {{"file", base_name(path)}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.open.not_report"), args, t->notice, sizeof t->notice);
        t->notice_bad = 1;
        t->opened[0] = 0;
        tu_app_go(app, TU_SCR_TEAM);
        return;
    }
    tu_team_open_file(app, path);
    if (t->notice_bad)
        tu_app_go(app, TU_SCR_TEAM);
}
