/* tu_profile_session: the profile session behind the profile screens: the key-derivation
 * cost, the passphrase buffers in locked memory, the list of profiles, which view shows, the
 * worker that creates, unlocks, changes or deletes a profile (core's tr_profile store does the
 * work) and what its result means for the client, locking, and what comes next. The views are
 * tu_scr_profile.c; the declarations shared by the two are tu_profile_priv.h. */
#include "tu_profile_priv.h"

#include "tr_journal.h"
#include "tr_records_list.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_secret.h"

int64_t tu_prof_now_ms(const tu_app *app)
{
    return app->ui.now_ms;
}

int tu_profile_set_cost(tu_app *app, const char *cost)
{
    if (!cost || strcmp(cost, "default") == 0) {
        app->prof.kdf_ops = 0;
        app->prof.kdf_mem = 0;
        return 0;
    }
    if (strcmp(cost, "test") == 0 && tr_journal_test_costs()) {
        tr_profile_test_costs(&app->prof.kdf_ops, &app->prof.kdf_mem);
        return 0;
    }
    return -1;
}

static tr_profile_desc desc_of(const tu_app *app)
{
    return (tr_profile_desc){.data_dir = app->data_dir,
                             .kdf_ops = app->prof.kdf_ops,
                             .kdf_mem = app->prof.kdf_mem,
                             .words = app->prof.words};
}

/* The passphrase buffers, in locked memory, zeroed. */
int tu_prof_ensure_bufs(tu_prof *p)
{
    if (!p->pass)
        p->pass = tr_secret_alloc(TU_PROFILE_PASS_MAX);
    if (!p->pass2)
        p->pass2 = tr_secret_alloc(TU_PROFILE_PASS_MAX);
    if (!p->cur)
        p->cur = tr_secret_alloc(TU_PROFILE_PASS_MAX);
    if (!p->made)
        p->made = tr_secret_alloc(TR_PASSGEN_MAX_BYTES);
    return p->pass && p->pass2 && p->cur && p->made ? 0 : -1;
}

void tu_prof_wipe_typing(tu_app *app)
{
    tu_prof *p = &app->prof;
    tr_secret_wipe(p->pass, TU_PROFILE_PASS_MAX);
    tr_secret_wipe(p->pass2, TU_PROFILE_PASS_MAX);
    tr_secret_wipe(p->cur, TU_PROFILE_PASS_MAX);
    tr_secret_wipe(p->made, TR_PASSGEN_MAX_BYTES);
    tr_secret_wipe(app->ui.text, sizeof app->ui.text);
    p->strength_key = 0;
    p->strength_bits = 0;
}

static void refresh_list(tu_app *app)
{
    tu_prof *p = &app->prof;
    tr_error err = {0};
    tr_profile_list_free(p->list);
    p->list = NULL;
    p->n_list = 0;
    tr_profile_desc d = desc_of(app);
    if (tr_profile_list(&d, &p->list, &p->n_list, &err) != TR_OK) {
        snprintf(p->problem, sizeof p->problem, "%s", T(app, "profile.err.list"));
        p->problem_field[0] = 0;
        snprintf(p->detail, sizeof p->detail, "%s", err.msg);
    }
}

void tu_prof_show(tu_app *app, tu_prof_view view)
{
    tu_prof *p = &app->prof;
    p->view = view;
    p->problem[0] = p->detail[0] = p->notice[0] = 0;
    tu_prof_wipe_typing(app);
    if (view == TU_PROF_CREATE) {
        p->name[0] = p->label[0] = 0;
        p->symbol = p->colour = 0;
        p->therapist = 0;
        p->service[0] = p->phone[0] = p->hours[0] = 0;
    }
    if (view == TU_PROF_PASSWD) /* the name counts as a known word in the strength hint */
        snprintf(p->name, sizeof p->name, "%s", p->open.name);
    tu_app_go(app, TU_SCR_PROFILE);
    /* the first field is ready for typing (and a touch keyboard comes up) */
    static const char *const first[] = {
        [TU_PROF_UNLOCK] = "profile.pass",
        [TU_PROF_CREATE] = "profile.name",
        [TU_PROF_PASSWD] = "profile.cur",
        [TU_PROF_DELETE] = "profile.pass",
    };
    if (view != TU_PROF_CHOOSE && view != TU_PROF_DONE)
        app->ui.focus = tu_id(first[view]);
}

int tu_profile_gate(tu_app *app, tu_prof_next next)
{
    tu_prof *p = &app->prof;
    p->notice[0] = 0; /* a confirmation is shown until the client goes on */
    if (p->open.j || p->guest)
        return 1;
    p->next = next;
    refresh_list(app);
    tu_prof_show(app, TU_PROF_CHOOSE);
    return 0;
}

/* Everything built from the records of the profile that was open. */
void tu_prof_forget_derived(tu_app *app)
{
    tu_trk_free(&app->trk);
    tu_mods_free(&app->mods);
    app->mods.cur = app->mods.step = -1;
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    app->result_ready = 0;
    app->n_scores = 0;
    app->risk_flag = 0;
    app->multi_item = NULL;
    app->multi_sel = 0;
    tu_res_free(&app->res);          /* the last result and its "what matters to me" line */
    tu_team_free(&app->team);        /* a therapist's clients */
    tu_exch_report_free(&app->exch); /* the records a report was being made of */
    app->exch.team_gen = 0;
    /* the forms' typed text, saved or not, and what was read from the records: wiped */
    tu_goals_free(&app->goals);
    tu_meds_free(&app->meds);
    tu_feedback_free(&app->fb);
}

void tu_prof_go_next(tu_app *app)
{
    if (app->prof.open.j && app->prof.open.info.kind == TR_PROFILE_THERAPIST) {
        tu_team_open(app); /* a therapist's profile opens to the team's home */
        return;
    }
    tu_team_forget_pending(app); /* a report given before: not for a client's profile */
    switch (app->prof.next) {
    case TU_PROF_NEXT_ASSESS:
        tu_app_go(app, TU_SCR_WELCOME); /* the assessment's errors show over the welcome */
        if (app->screen != TU_SCR_HOME) /* a returning client starts at home, not anew */
            tu_assess_start(app);
        break;
    case TU_PROF_NEXT_MODULES:
        tu_mods_open_list(app);
        break;
    case TU_PROF_NEXT_CHECKIN:
        tu_checkin_open(app);
        break;
    case TU_PROF_NEXT_PROGRESS:
        app->trk.saved = 0;
        tu_app_go(app, TU_SCR_PROGRESS);
        break;
    case TU_PROF_NEXT_HISTORY:
        app->res.hist_open = 0;
        tu_app_go(app, TU_SCR_HISTORY);
        break;
    case TU_PROF_NEXT_EXCH:
        tu_exch_after_unlock(app);
        break;
    }
}

static void lock_quietly(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_mods_flush(app); /* typed text goes to the journal while it is still attached */
    tu_records_attach(&app->records, NULL, NULL, NULL);
    tr_profile_close(&p->open);
    p->guest = 0;
    p->notice[0] = 0;
    tu_prof_forget_derived(app);
    tu_prof_wipe_typing(app);
    tu_app_forget_text(app);
}

void tu_profile_lock(tu_app *app)
{
    lock_quietly(app);
    tu_app_go(app, TU_SCR_WELCOME);
}

void tu_profile_shutdown(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job) {
        tr_profile res;
        cJSON *records = NULL;
        tu_profile_job_finish(p->job, &res, &records, NULL);
        p->job = NULL;
        if (p->view == TU_PROF_PASSWD)
            p->open = res; /* the open profile was the job's: closed below, as any other */
        else
            tr_profile_close(&res);
        tr_records_list_free(records);
    }
    if (p->open.j || p->guest)
        lock_quietly(app);
    tr_secret_free(p->pass, TU_PROFILE_PASS_MAX);
    tr_secret_free(p->pass2, TU_PROFILE_PASS_MAX);
    tr_secret_free(p->cur, TU_PROFILE_PASS_MAX);
    tr_secret_free(p->made, TR_PASSGEN_MAX_BYTES);
    p->pass = p->pass2 = p->cur = p->made = NULL;
    tr_profile_list_free(p->list);
    p->list = NULL;
    p->n_list = 0;
}

/* ---- the worker's result ------------------------------------------------------------------ */

/* The problem of the last try, in the error summary; `field` is the widget it is about (its
 * link moves the focus there; "" for none). */
void tu_prof_set_problem(tu_app *app, const char *field, const char *key, const char *seconds)
{
    tu_prof *p = &app->prof;
    snprintf(p->problem_field, sizeof p->problem_field, "%s", field);
    tr_i18n_arg args[] = {
        {"seconds", seconds}, {"name", p->name}, {"label", p->label}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, p->problem, sizeof p->problem);
    app->ui.need_redraw = 1; /* set from the bottom bar: draw the body again with it */
    for (int i = 0; i < app->ui.n_scrolls; i++)
        app->ui.scrolls[i].offset = 0; /* the problem is shown near the top: bring it in view */
}

/* Seconds before the next passphrase try on the profile this view is about (0 = now): the
 * open one when changing its passphrase, else the one chosen in the list. */
static int64_t wait_seconds(tu_app *app)
{
    tu_prof *p = &app->prof;
    tr_error werr = {0};
    tr_profile_desc d = desc_of(app);
    int64_t wait = 0;
    tr_status st = TR_E_INVALID;
    if (p->view == TU_PROF_PASSWD && p->open.j)
        st = tr_profile_wait_open(&d, &p->open, &wait, &werr);
    else if (p->sel >= 0 && (size_t)p->sel < p->n_list)
        st = tr_profile_wait(&d, p->list[p->sel].id, &wait, &werr);
    return st == TR_OK ? wait : 0;
}

/* The kind explanation of a failed job (create, unlock, passphrase change, delete), with the
 * wait when there is one. */
static void explain(tu_app *app, tr_status st, const tr_error *err, int creating)
{
    tu_prof *p = &app->prof;
    int changing = p->view == TU_PROF_PASSWD;
    p->detail[0] = 0;
    int64_t wait = 0;
    char secs[32] = "";
    if ((st == TR_E_AUTH || st == TR_E_LOCKED) && (wait = wait_seconds(app)) > 0) {
        p->retry_at = tu_prof_now_ms(app) + wait * 1000;
        snprintf(secs, sizeof secs, "%lld", (long long)wait);
    }
    switch (st) {
    case TR_E_AUTH:
        if (changing)
            tu_prof_set_problem(app, "profile.cur",
                                wait > 0 ? "profile.err.cur_auth_wait" : "profile.err.cur_auth",
                                secs);
        else if (p->view == TU_PROF_DELETE && wait == 0)
            tu_prof_set_problem(app, "profile.pass", "profile.err.delete_auth",
                                secs); /* and that nothing was lost */
        else
            tu_prof_set_problem(app, "profile.pass",
                                wait > 0 ? "profile.err.auth_wait" : "profile.err.auth", secs);
        return;
    case TR_E_LOCKED:
        tu_prof_set_problem(app, changing ? "profile.cur" : "profile.pass", "profile.err.locked",
                            secs);
        return;
    case TR_E_BUSY:
        tu_prof_set_problem(app, "", "profile.err.busy", secs);
        return;
    case TR_E_INVALID:
        if (creating) {
            tu_prof_set_problem(app, "profile.name", "profile.err.name", secs);
            snprintf(p->detail, sizeof p->detail, "%s", err->msg);
            return;
        }
        break;
    case TR_E_CORRUPT:
        tu_prof_set_problem(app, "", "profile.err.corrupt", secs);
        break;
    case TR_E_VERSION:
        tu_prof_set_problem(app, "", "profile.err.version", secs);
        break;
    case TR_E_CRYPTO:
    case TR_E_NOMEM:
        tu_prof_set_problem(app, "", "profile.err.memory", secs);
        break;
    case TR_E_NOTFOUND:
        tu_prof_set_problem(app, "", "profile.err.notfound", secs);
        refresh_list(app);
        break;
    default:
        tu_prof_set_problem(app, "", changing ? "profile.err.passwd_io" : "profile.err.io", secs);
        break;
    }
    snprintf(p->detail, sizeof p->detail, "%s", err->msg);
}

/* The index of profile `id` in the list, or -1. */
static int find_listed(const tu_prof *p, const char *id)
{
    for (size_t i = 0; i < p->n_list; i++)
        if (strcmp(p->list[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Shows `view` for the profile it is about (sel, or the open one), and the lock-out wait at once
 * when one is running: a try would only be refused. */
void tu_prof_show_with_wait(tu_app *app, tu_prof_view view)
{
    tu_prof *p = &app->prof;
    int sel = p->sel;
    tu_prof_show(app, view);
    p->sel = sel;
    p->retry_at = 0;
    int64_t wait = wait_seconds(app);
    if (wait > 0) {
        char secs[32];
        snprintf(secs, sizeof secs, "%lld", (long long)wait);
        p->retry_at = tu_prof_now_ms(app) + wait * 1000;
        tu_prof_set_problem(app, view == TU_PROF_PASSWD ? "profile.cur" : "profile.pass",
                            "profile.err.locked", secs);
    }
}

/* A passphrase change has ended: the profile is back, still open. */
static void passwd_done(tu_app *app, tr_status st, const tr_error *err)
{
    tu_prof *p = &app->prof;
    if (st != TR_OK) {
        explain(app, st, err, 0);
        app->ui.focus = tu_id("profile.cur"); /* ready to try again */
        return;
    }
    p->retry_at = 0;
    tu_prof_show(app, TU_PROF_DONE); /* at the top of the screen, whatever its size */
    snprintf(p->notice, sizeof p->notice, "%s", T(app, "profile.passwd_done"));
    app->ui.focus = tu_id("profile.done");
}

/* A delete has ended: on success the list no longer has the profile. */
static void delete_done(tu_app *app, tr_status st, const tr_error *err)
{
    tu_prof *p = &app->prof;
    char id[TR_PROFILE_ID_LEN + 1], name[200];
    if (p->sel < 0 || (size_t)p->sel >= p->n_list) { /* the list cannot change during the job */
        tu_prof_show(app, TU_PROF_CHOOSE);
        return;
    }
    snprintf(id, sizeof id, "%s", p->list[p->sel].id);
    tu_profile_look_name(app, &p->list[p->sel], name, sizeof name);
    refresh_list(app);
    p->sel = find_listed(p, id);
    if (st == TR_E_NOTFOUND) { /* gone already (another window, or by hand) */
        tu_prof_show(app, TU_PROF_CHOOSE);
        tu_prof_set_problem(app, "", "profile.err.notfound", "");
        return;
    }
    if (st == TR_OK || p->sel < 0) {
        tu_prof_show(
            app, TU_PROF_CHOOSE); /* the profile is gone (if st failed, only its name was not) */
        tr_i18n_arg args[] = {{"name", name}, {NULL, NULL}};
        tr_i18n_fill(T(app, "profile.deleted"), args, p->notice, sizeof p->notice);
        if (st != TR_OK) {
            tu_prof_set_problem(app, "", "profile.err.io", "");
            snprintf(p->detail, sizeof p->detail, "%s", err->msg);
        }
        return;
    }
    explain(app, st, err, 0);
    app->ui.focus = tu_id("profile.pass");
}

/* A new therapist profile's team keys and card (tr_caseload_init_keys); 1 when made. On a
 * failure the profile stays open and the team home says its card is missing. */
static int team_keys(tu_app *app)
{
    tu_prof *p = &app->prof;
    tr_error err = {0};
    char now[32];
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_caseload_init_keys(&p->open, 1, p->open.name, p->service, p->phone, p->hours, now,
                              &err) == TR_OK)
        return 1;
    tu_team_open(app);
    tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.err.keys"), args, app->team.notice, sizeof app->team.notice);
    app->team.notice_bad = 1;
    return 0;
}

void tu_prof_poll_job(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (!p->job)
        return;
    if (!tu_profile_job_done(p->job)) {
        app->ui.wake_ms = tu_prof_now_ms(app) + 50; /* the progress indicator moves */
        return;
    }
    tr_profile res;
    cJSON *records = NULL;
    tr_error err = {0};
    int creating = p->view == TU_PROF_CREATE;
    tr_status st = tu_profile_job_finish(p->job, &res, &records, &err);
    p->job = NULL;
    app->ui.need_redraw = 1;
    if (p->view == TU_PROF_PASSWD) {
        p->open = res;
        passwd_done(app, st, &err);
        return;
    }
    if (p->view == TU_PROF_DELETE) {
        delete_done(app, st, &err);
        return;
    }
    if (st != TR_OK) {
        explain(app, st, &err, creating);
        if (!creating)
            app->ui.focus = tu_id("profile.pass"); /* ready to try again */
        return;
    }
    tu_prof_forget_derived(app);
    p->open = res;
    p->retry_at = 0;
    if (!p->open.name[0]) /* a journal that holds no name: what the list showed */
        tu_profile_look_name(app, &p->open.info, p->open.name, sizeof p->open.name);
    tu_records_attach(&app->records, tu_profile_sink, &p->open, records);
    refresh_list(app);
    if (creating && p->open.info.kind == TR_PROFILE_THERAPIST && !team_keys(app))
        return;
    if (p->open.weak) { /* under today's floor: ask for a new one before going on */
        tu_prof_show(app, TU_PROF_PASSWD);
        snprintf(p->notice, sizeof p->notice, "%s", T(app, "profile.weak_notice"));
    } else {
        tu_prof_go_next(app);
    }
    if (tr_journal_warning_count(p->open.j) > 0) {
        /* a crash cut the last change short: say so once, calmly; the rest is verified */
        snprintf(app->error_msg, sizeof app->error_msg, "%s", T(app, "profile.torn"));
        app->error_open = 1;
        app->ui.focus = 0;
    }
}

/* Starts the job for the view: create (the typed name and look), unlock or delete (id), or a
 * passphrase change (cur, of the open profile); pass is the (new) passphrase. */
void tu_prof_start_job(tu_app *app, const char *id, const char *cur, const char *pass)
{
    tu_prof *p = &app->prof;
    tr_error err = {0};
    if (!p->done_event) {
        uint32_t ev = SDL_RegisterEvents(1);
        p->done_event = ev == (uint32_t)-1 ? 0 : ev;
    }
    tr_profile_desc d = desc_of(app);
    p->problem[0] = p->detail[0] = 0;
    if (p->view == TU_PROF_PASSWD)
        p->job = tu_profile_job_passwd(&d, &p->open, cur, strlen(cur), pass, strlen(pass),
                                       p->done_event, &err);
    else if (p->view == TU_PROF_DELETE)
        p->job = tu_profile_job_delete(&d, id, pass, strlen(pass), p->done_event, &err);
    else if (p->view == TU_PROF_UNLOCK)
        p->job = tu_profile_job_unlock(&d, id, pass, strlen(pass), p->done_event, &err);
    else
        p->job = tu_profile_job_create(
            &d,
            &(tr_profile_new){.name = p->name,
                              .kind = p->therapist ? TR_PROFILE_THERAPIST : TR_PROFILE_CLIENT,
                              .symbol = tr_profile_symbols[p->symbol],
                              .colour = tr_profile_colours[p->colour],
                              .label = p->label},
            pass, strlen(pass), p->done_event, &err);
    tu_prof_wipe_typing(app); /* the job has its own copies in locked memory */
    if (!p->job) {
        tu_prof_set_problem(app, "", "profile.err.memory", "");
        snprintf(p->detail, sizeof p->detail, "%s", err.msg);
        return;
    }
    p->job_started = tu_prof_now_ms(app);
    app->ui.focus = 0;
    app->ui.need_redraw = 1; /* the progress shows at once */
    app->ui.wake_ms = tu_prof_now_ms(app) + 50;
}

/* ---- the views ------------------------------------------------------------------------------ */
