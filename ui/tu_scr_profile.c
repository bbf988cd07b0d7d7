/* tu_scr_profile: choose, unlock or create a profile, or continue without saving; locking;
 * changing the passphrase and deleting a profile; the profile line on the welcome screen. See
 * tu_profile_ui.h. */
#include "tu_app.h"

#include "tr_journal.h"
#include "tr_records_list.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_secret.h"

static int64_t now_ms(const tu_app *app)
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
static int ensure_bufs(tu_prof *p)
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

static void wipe_typing(tu_app *app)
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

static void show(tu_app *app, tu_prof_view view)
{
    tu_prof *p = &app->prof;
    p->view = view;
    p->problem[0] = p->detail[0] = p->notice[0] = 0;
    wipe_typing(app);
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
    show(app, TU_PROF_CHOOSE);
    return 0;
}

/* Everything built from the records of the profile that was open. */
static void forget_derived(tu_app *app)
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
}

static void go_next(tu_app *app)
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
    forget_derived(app);
    wipe_typing(app);
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
static void set_problem(tu_app *app, const char *field, const char *key, const char *seconds)
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
        p->retry_at = now_ms(app) + wait * 1000;
        snprintf(secs, sizeof secs, "%lld", (long long)wait);
    }
    switch (st) {
    case TR_E_AUTH:
        if (changing)
            set_problem(app, "profile.cur",
                        wait > 0 ? "profile.err.cur_auth_wait" : "profile.err.cur_auth", secs);
        else if (p->view == TU_PROF_DELETE && wait == 0)
            set_problem(app, "profile.pass", "profile.err.delete_auth",
                        secs); /* and that nothing was lost */
        else
            set_problem(app, "profile.pass",
                        wait > 0 ? "profile.err.auth_wait" : "profile.err.auth", secs);
        return;
    case TR_E_LOCKED:
        set_problem(app, changing ? "profile.cur" : "profile.pass", "profile.err.locked", secs);
        return;
    case TR_E_BUSY:
        set_problem(app, "", "profile.err.busy", secs);
        return;
    case TR_E_INVALID:
        if (creating) {
            set_problem(app, "profile.name", "profile.err.name", secs);
            snprintf(p->detail, sizeof p->detail, "%s", err->msg);
            return;
        }
        break;
    case TR_E_CORRUPT:
        set_problem(app, "", "profile.err.corrupt", secs);
        break;
    case TR_E_VERSION:
        set_problem(app, "", "profile.err.version", secs);
        break;
    case TR_E_CRYPTO:
    case TR_E_NOMEM:
        set_problem(app, "", "profile.err.memory", secs);
        break;
    case TR_E_NOTFOUND:
        set_problem(app, "", "profile.err.notfound", secs);
        refresh_list(app);
        break;
    default:
        set_problem(app, "", changing ? "profile.err.passwd_io" : "profile.err.io", secs);
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
static void show_with_wait(tu_app *app, tu_prof_view view)
{
    tu_prof *p = &app->prof;
    int sel = p->sel;
    show(app, view);
    p->sel = sel;
    p->retry_at = 0;
    int64_t wait = wait_seconds(app);
    if (wait > 0) {
        char secs[32];
        snprintf(secs, sizeof secs, "%lld", (long long)wait);
        p->retry_at = now_ms(app) + wait * 1000;
        set_problem(app, view == TU_PROF_PASSWD ? "profile.cur" : "profile.pass",
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
    show(app, TU_PROF_DONE); /* at the top of the screen, whatever its size */
    snprintf(p->notice, sizeof p->notice, "%s", T(app, "profile.passwd_done"));
    app->ui.focus = tu_id("profile.done");
}

/* A delete has ended: on success the list no longer has the profile. */
static void delete_done(tu_app *app, tr_status st, const tr_error *err)
{
    tu_prof *p = &app->prof;
    char id[TR_PROFILE_ID_LEN + 1], name[200];
    if (p->sel < 0 || (size_t)p->sel >= p->n_list) { /* the list cannot change during the job */
        show(app, TU_PROF_CHOOSE);
        return;
    }
    snprintf(id, sizeof id, "%s", p->list[p->sel].id);
    tu_profile_look_name(app, &p->list[p->sel], name, sizeof name);
    refresh_list(app);
    p->sel = find_listed(p, id);
    if (st == TR_E_NOTFOUND) { /* gone already (another window, or by hand) */
        show(app, TU_PROF_CHOOSE);
        set_problem(app, "", "profile.err.notfound", "");
        return;
    }
    if (st == TR_OK || p->sel < 0) {
        show(app, TU_PROF_CHOOSE); /* the profile is gone (if st failed, only its name was not) */
        tr_i18n_arg args[] = {{"name", name}, {NULL, NULL}};
        tr_i18n_fill(T(app, "profile.deleted"), args, p->notice, sizeof p->notice);
        if (st != TR_OK) {
            set_problem(app, "", "profile.err.io", "");
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

static void poll_job(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (!p->job)
        return;
    if (!tu_profile_job_done(p->job)) {
        app->ui.wake_ms = now_ms(app) + 50; /* the progress indicator moves */
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
    forget_derived(app);
    p->open = res;
    p->retry_at = 0;
    if (!p->open.name[0]) /* a journal that holds no name: what the list showed */
        tu_profile_look_name(app, &p->open.info, p->open.name, sizeof p->open.name);
    tu_records_attach(&app->records, tu_profile_sink, &p->open, records);
    refresh_list(app);
    if (creating && p->open.info.kind == TR_PROFILE_THERAPIST && !team_keys(app))
        return;
    if (p->open.weak) { /* under today's floor: ask for a new one before going on */
        show(app, TU_PROF_PASSWD);
        snprintf(p->notice, sizeof p->notice, "%s", T(app, "profile.weak_notice"));
    } else {
        go_next(app);
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
static void start_job(tu_app *app, const char *id, const char *cur, const char *pass)
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
    wipe_typing(app); /* the job has its own copies in locked memory */
    if (!p->job) {
        set_problem(app, "", "profile.err.memory", "");
        snprintf(p->detail, sizeof p->detail, "%s", err.msg);
        return;
    }
    p->job_started = now_ms(app);
    app->ui.focus = 0;
    app->ui.need_redraw = 1; /* the progress shows at once */
    app->ui.wake_ms = now_ms(app) + 50;
}

/* ---- the views ------------------------------------------------------------------------------ */

/* 1 when Enter was pressed (a text field also reports a click, which must not submit). */
static int enter(const tu_ctx *ui)
{
    return (ui->keys & TU_KEY_ENTER) != 0;
}

static void busy(tu_app *app, const char *key)
{
    tu_ctx *ui = &app->ui;
    double t = (double)(now_ms(app) - app->prof.job_started) / 700.0;
    float f = (float)(1.0 - exp(-t)); /* approaches the end; the real time is not known */
    tu_card_begin(ui, "profile.busy.card");
    tu_progress(ui, "profile.busy", f, T(app, key));
    tu_note(ui, "profile.busy.note", T(app, "profile.busy_note"));
    tu_card_end(ui);
}

static void problem(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    if (!p->problem[0]) {
        if (p->errs.n)
            tu_errors_clear(&p->errs);
        return;
    }
    /* one error pattern everywhere (tu_errors): the summary links to the field it is about */
    if (p->errs.n != 1 || strcmp(p->errs.items[0].msg, p->problem) != 0 ||
        strcmp(p->errs.items[0].field, p->problem_field) != 0) {
        tu_errors_clear(&p->errs);
        tu_errors_add(&p->errs, p->problem_field, p->problem);
    }
    if (!tu_errors_summary_begin(ui, &p->errs, "profile.problem", T(app, "errors.title")))
        return;
    if (p->retry_at > now_ms(app)) {
        char secs[32], line[300];
        snprintf(secs, sizeof secs, "%lld", (long long)((p->retry_at - now_ms(app) + 999) / 1000));
        tr_i18n_arg args[] = {{"seconds", secs}, {NULL, NULL}};
        tr_i18n_fill(T(app, "profile.wait"), args, line, sizeof line);
        tu_note(ui, "profile.wait", line);
        int64_t next = now_ms(app) + 1000 - (p->retry_at - now_ms(app)) % 1000;
        if (!ui->wake_ms || next < ui->wake_ms)
            ui->wake_ms = next;
    }
    if (p->detail[0])
        tu_note(ui, "profile.detail", p->detail);
    tu_errors_summary_end(ui, &p->errs);
}

/* A text field of the profile views, marked with its problem when the summary names it. */
static int field(tu_app *app, const char *id, const char *label_key, char *buf, size_t size,
                 int hidden)
{
    return tu_field(&app->ui, &(tu_field_desc){.id = id,
                                               .label = T(app, label_key),
                                               .buf = buf,
                                               .size = size,
                                               .hidden = hidden,
                                               .error = tu_errors_of(&app->prof.errs, id)}) &
           TU_FIELD_ENTER;
}

static void choose_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "profile.title", T(app, "profile.title"));
    tu_paragraph(ui, "profile.intro", T(app, "profile.intro"));
    if (p->notice[0]) {
        tu_card_begin(ui, "profile.notice.card");
        tu_paragraph(ui, "profile.notice", p->notice);
        tu_card_end(ui);
    }
    problem(app);
    if (p->n_list > 0) {
        tu_label(ui, "profile.existing", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "profile.existing"));
        for (size_t i = 0; i < p->n_list; i++) {
            char id[80];
            snprintf(id, sizeof id, "profile.open.%zu", i);
            if (tu_profile_look_row(app, id, &p->list[i])) {
                p->sel = (int)i;
                show_with_wait(app, TU_PROF_UNLOCK);
                return;
            }
        }
    }
    if (tu_button(ui, "profile.new", p->n_list ? TU_LOOK_SECONDARY : TU_LOOK_PRIMARY,
                  T(app, "profile.new"))) {
        show(app, TU_PROF_CREATE);
        return;
    }
    tu_card_begin(ui, "profile.guest.card");
    tu_label(ui, "profile.guest.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.guest_title"));
    tu_paragraph(ui, "profile.guest.text", T(app, "profile.guest_text"));
    if (tu_button(ui, "profile.guest", TU_LOOK_SECONDARY, T(app, "profile.guest"))) {
        forget_derived(app);
        tu_records_attach(&app->records, NULL, NULL, NULL);
        p->guest = 1;
        tu_card_end(ui);
        go_next(app);
        return;
    }
    tu_card_end(ui);
}

static void submit_unlock(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job || p->sel < 0 || (size_t)p->sel >= p->n_list)
        return;
    if (p->retry_at > now_ms(app))
        return; /* the wait is shown; the journal would refuse too */
    if (!p->pass[0]) {
        set_problem(app, "profile.pass", "profile.err.empty", "");
        p->detail[0] = 0;
        return;
    }
    start_job(app, p->list[p->sel].id, NULL, p->pass);
}

/* The title of a view about the chosen profile (title_key fills {name}) under widget id, then
 * while a job runs its progress (busy_key). Returns 1 when the view goes on to draw the rest,
 * 0 when it draws nothing more (no profile chosen: back to the list; or busy). */
static int chosen_header(tu_app *app, const char *title_key, const char *id, const char *busy_key)
{
    tu_prof *p = &app->prof;
    if (p->sel < 0 || (size_t)p->sel >= p->n_list) {
        show(app, TU_PROF_CHOOSE);
        return 0;
    }
    char title[300], name[200];
    tu_profile_look_name(app, &p->list[p->sel], name, sizeof name);
    tr_i18n_arg args[] = {{"name", name}, {NULL, NULL}};
    tr_i18n_fill(T(app, title_key), args, title, sizeof title);
    tu_title(&app->ui, id, title);
    if (p->job) {
        busy(app, busy_key);
        return 0;
    }
    return 1;
}

static void unlock_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    if (!chosen_header(app, "profile.unlock_title", "profile.unlock.title", "profile.unlocking"))
        return;
    problem(app);
    if (field(app, "profile.pass", "profile.pass", p->pass, TU_PROFILE_PASS_MAX, 1) && enter(ui))
        submit_unlock(app);
    tu_note(ui, "profile.forgot", T(app, "profile.forgot"));
    if (tu_button(ui, "profile.delete_open", TU_LOOK_SECONDARY, T(app, "profile.delete_open")))
        show_with_wait(app, TU_PROF_DELETE);
}

/* The strength of the passphrase typed so far, in a box as tall as the tallest of its texts,
 * so the fields below do not move while the client types. */
static void strength_hint(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    static const char *const keys[] = {"profile.strength_weak", "profile.strength_fair",
                                       "profile.strength_good"};
    int body = ui->style.font_size[TU_FONT_BODY];
    int tallest = tu_text_height(ui, TU_FONT_BODY, ui->style.small_size, ui->lw,
                                 T(app, "profile.strength_none"));
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int h = tu_text_height(ui, TU_FONT_STRONG, body, ui->lw, T(app, keys[i]));
        tallest = h > tallest ? h : tallest;
    }
    int h;
    if (!p->pass[0]) {
        tu_note(ui, "profile.strength", T(app, "profile.strength_none"));
        h = tu_text_height(ui, TU_FONT_BODY, ui->style.small_size, ui->lw,
                           T(app, "profile.strength_none"));
    } else {
        uint32_t key = tu_id(p->pass) ^ tu_id(p->name) ^ 0x9e3779b9u;
        if (key != p->strength_key) {
            p->strength_key = key;
            p->strength_bits = tr_strength_bits(p->pass, p->name, p->words);
        }
        const char *k = p->strength_bits < TR_STRENGTH_MIN_BITS    ? keys[0]
                        : p->strength_bits < TR_STRENGTH_GOOD_BITS ? keys[1]
                                                                   : keys[2];
        tu_color c = p->strength_bits < TR_STRENGTH_MIN_BITS ? ui->style.danger : ui->style.text;
        tu_label(ui, "profile.strength", TU_FONT_STRONG, body, c, T(app, k));
        h = tu_text_height(ui, TU_FONT_STRONG, body, ui->lw, T(app, k));
    }
    if (tallest > h)
        tu_space(ui, tallest - h);
}

/* 1 when a listed profile has this label (spaces around it aside), ignoring case. */
static int taken(const tu_prof *p, const char *label)
{
    char clean[TR_PROFILE_LABEL_MAX + 1];
    while (*label == ' ')
        label++;
    snprintf(clean, sizeof clean, "%s", label);
    for (size_t n = strlen(clean); n > 0 && clean[n - 1] == ' '; n--)
        clean[n - 1] = 0;
    for (size_t i = 0; clean[0] && i < p->n_list; i++)
        if (tr_profile_same_name(p->list[i].label, clean))
            return 1;
    return 0;
}

/* The rules every new passphrase (pass, repeated in pass2) meets, on creating a profile and
 * on changing the passphrase. Returns 1, or 0 with the problem set. */
static int new_pass_ok(tu_app *app)
{
    tu_prof *p = &app->prof;
    size_t l1 = strlen(p->pass), l2 = strlen(p->pass2);
    if (l1 == 0)
        set_problem(app, "profile.pass", "profile.err.empty", "");
    else if (l1 != l2 || !tr_secret_equal(p->pass, p->pass2, l1))
        set_problem(app, "profile.pass2", "profile.err.mismatch", "");
    else if (!tr_strength_ok(p->pass, p->name, p->words))
        set_problem(app, "profile.pass", "profile.err.weak", "");
    else
        return 1;
    return 0;
}

/* «Lag en passordfrase for meg»: five random words from the list of the client's language
 * (bokmål for English), put into both passphrase fields and shown once, to be written down. */
static void maker(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    const tr_words *list = p->makers[strcmp(tu_lang_codes[app->lang.cur], "nn") == 0 ? 1 : 0];
    if (!list)
        return; /* the pack has no list for it: not offered */
    if (tu_button(ui, "profile.make", TU_LOOK_SECONDARY, T(app, "profile.make"))) {
        tr_error err = {0};
        if (tr_passgen_make(list, TR_PASSGEN_WORDS, p->made, TR_PASSGEN_MAX_BYTES, &err) == TR_OK) {
            snprintf(p->pass, TU_PROFILE_PASS_MAX, "%s", p->made);
            snprintf(p->pass2, TU_PROFILE_PASS_MAX, "%s", p->made);
            p->problem[0] = p->detail[0] = 0;
        }
    }
    if (!p->made[0])
        return;
    if (strcmp(p->made, p->pass) != 0) { /* typed over: the shown phrase is no longer it */
        tr_secret_wipe(p->made, TR_PASSGEN_MAX_BYTES);
        return;
    }
    tu_card_begin(ui, "profile.made.card");
    tu_label(ui, "profile.made.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.made_title"));
    tu_label(ui, "profile.made", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, p->made);
    tu_paragraph(ui, "profile.made.note", T(app, "profile.made_note"));
    tu_card_end(ui);
}

static void submit_create(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job)
        return;
    p->detail[0] = 0;
    const char *s = p->name;
    while (*s == ' ')
        s++;
    if (!*s)
        set_problem(app, "profile.name", "profile.err.no_name", "");
    else if (taken(p, p->label))
        set_problem(app, "profile.label", "profile.err.duplicate", "");
    else if (new_pass_ok(app))
        start_job(app, NULL, NULL, p->pass);
}

static void create_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "profile.create.title", T(app, "profile.create_title"));
    if (p->job) {
        busy(app, "profile.creating");
        return;
    }
    problem(app); /* at the top, scrolled to when it is set */
    /* before anything is chosen: what a lost passphrase means */
    tu_card_begin(ui, "profile.warning.card");
    tu_label(ui, "profile.warning.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.warning_title"));
    tu_paragraph(ui, "profile.warning", T(app, "profile.warning"));
    tu_card_end(ui);
    tu_label(ui, "profile.kind", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.kind"));
    if (tu_radio(ui, "profile.kind.client", T(app, "profile.kind_client"), !p->therapist))
        p->therapist = 0;
    if (tu_radio(ui, "profile.kind.therapist", T(app, "profile.kind_therapist"), p->therapist))
        p->therapist = 1;
    field(app, "profile.name", "profile.name", p->name, sizeof p->name, 0);
    tu_note(ui, "profile.name.note",
            T(app, p->therapist ? "profile.name_note_therapist" : "profile.name_note"));
    if (p->therapist) {
        field(app, "profile.service", "profile.service", p->service, sizeof p->service, 0);
        field(app, "profile.phone", "profile.phone", p->phone, sizeof p->phone, 0);
        field(app, "profile.hours", "profile.hours", p->hours, sizeof p->hours, 0);
        tu_note(ui, "profile.card.note", T(app, "profile.card_note"));
    }
    tu_profile_look_choose(app);
    field(app, "profile.pass", "profile.pass", p->pass, TU_PROFILE_PASS_MAX, 1);
    tu_note(ui, "profile.pass.note", T(app, "profile.pass_note"));
    maker(app);
    strength_hint(app);
    if (field(app, "profile.pass2", "profile.pass2", p->pass2, TU_PROFILE_PASS_MAX, 1) && enter(ui))
        submit_create(app);
}

static void submit_passwd(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job || !p->open.j || p->retry_at > now_ms(app))
        return; /* a wait is shown; the journal would refuse too */
    p->detail[0] = 0;
    size_t lc = strlen(p->cur);
    if (lc == 0)
        set_problem(app, "profile.cur", "profile.err.cur_empty", "");
    else if (!new_pass_ok(app))
        return;
    else if (lc == strlen(p->pass) && tr_secret_equal(p->cur, p->pass, lc))
        set_problem(app, "profile.pass", "profile.err.same", "");
    else
        start_job(app, NULL, p->cur, p->pass);
}

static void passwd_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "profile.passwd.title", T(app, "profile.passwd_title"));
    if (p->job) {
        busy(app, "profile.changing");
        return;
    }
    if (!p->open.j) { /* locked meanwhile: nothing to change */
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    problem(app);
    if (p->notice[0]) { /* asked to change a passphrase under today's floor */
        tu_card_begin(ui, "profile.notice.card");
        tu_label(ui, "profile.weak.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "profile.weak_title"));
        tu_paragraph(ui, "profile.notice", p->notice);
        tu_card_end(ui);
    }
    tu_paragraph(ui, "profile.passwd.intro", T(app, "profile.passwd_intro"));
    field(app, "profile.cur", "profile.cur", p->cur, TU_PROFILE_PASS_MAX, 1);
    field(app, "profile.pass", "profile.new_pass", p->pass, TU_PROFILE_PASS_MAX, 1);
    tu_note(ui, "profile.pass.note", T(app, "profile.pass_note"));
    maker(app);
    strength_hint(app);
    if (field(app, "profile.pass2", "profile.new_pass2", p->pass2, TU_PROFILE_PASS_MAX, 1) &&
        enter(ui))
        submit_passwd(app);
}

static void submit_delete(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job || p->sel < 0 || (size_t)p->sel >= p->n_list || p->retry_at > now_ms(app))
        return;
    p->detail[0] = 0;
    if (!p->pass[0])
        set_problem(app, "profile.pass", "profile.err.empty", "");
    else
        start_job(app, p->list[p->sel].id, NULL, p->pass);
}

static void delete_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    if (!chosen_header(app, "profile.delete_title", "profile.delete.title", "profile.deleting"))
        return;
    problem(app);
    /* what is lost, plainly, before anything can be typed */
    tu_card_begin(ui, "profile.delete.card");
    tu_label(ui, "profile.delete.warning_title", TU_FONT_STRONG,
             ui->style.font_size[TU_FONT_STRONG], ui->style.danger,
             T(app, "profile.delete_warning_title"));
    tu_paragraph(ui, "profile.delete.warning", T(app, "profile.delete_warning"));
    tu_card_end(ui);
    if (field(app, "profile.pass", "profile.delete_pass", p->pass, TU_PROFILE_PASS_MAX, 1) &&
        enter(ui))
        submit_delete(app);
    tu_note(ui, "profile.delete.note", T(app, "profile.delete_note"));
}

static void done_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_title(ui, "profile.done.title", T(app, "profile.passwd_done_title"));
    tu_card_begin(ui, "profile.notice.card");
    tu_paragraph(ui, "profile.notice", app->prof.notice);
    tu_card_end(ui);
}

void tu_profile_body(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (ensure_bufs(p) != 0) {
        tu_alert(&app->ui, "profile.problem", T(app, "profile.err.memory"));
        return;
    }
    poll_job(app);
    if (app->screen != TU_SCR_PROFILE)
        return; /* the job finished and went on */
    /* A problem stays until the next try replaces it: taking it away while the client types
     * moved every field below it up, and the next click landed in the wrong field. */
    switch (p->view) {
    case TU_PROF_CHOOSE:
        choose_body(app);
        break;
    case TU_PROF_UNLOCK:
        unlock_body(app);
        break;
    case TU_PROF_CREATE:
        create_body(app);
        break;
    case TU_PROF_PASSWD:
        passwd_body(app);
        break;
    case TU_PROF_DELETE:
        delete_body(app);
        break;
    case TU_PROF_DONE:
        done_body(app);
        break;
    }
    /* what was typed this frame is in the buffers now (or was not for us): no copy stays */
    tr_secret_wipe(app->ui.text, sizeof app->ui.text);
}

void tu_profile_nav(tu_app *app, tu_rect bar)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    if (app->screen != TU_SCR_PROFILE || !p->pass)
        return;
    if (p->job) {
        return; /* nothing to press while the key is derived; it takes about a second */
    }
    if (p->view == TU_PROF_DONE) { /* one way on: back to the start, the profile open */
        if (tu_button_at(ui, "profile.done", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                         T(app, "common.continue")) ||
            (ui->keys & TU_KEY_ESCAPE)) {
            p->notice[0] = 0;
            tu_app_go(app, TU_SCR_WELCOME);
        }
        return;
    }
    int back = tu_button_at(ui, "profile.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                            T(app, "common.back")) ||
               (ui->keys & TU_KEY_ESCAPE);
    if (p->view == TU_PROF_UNLOCK && tu_button_at(ui, "profile.unlock", tu_split(ui, bar, 2, 1),
                                                  TU_LOOK_PRIMARY, T(app, "profile.unlock")))
        submit_unlock(app);
    else if (p->view == TU_PROF_CREATE &&
             tu_button_at(ui, "profile.create", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                          T(app, "profile.create")))
        submit_create(app);
    else if (p->view == TU_PROF_PASSWD &&
             tu_button_at(ui, "profile.change", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                          T(app, "profile.change")))
        submit_passwd(app);
    else if (p->view == TU_PROF_DELETE &&
             tu_button_at(ui, "profile.delete", tu_split(ui, bar, 2, 1), TU_LOOK_DANGER,
                          T(app, "profile.delete")))
        submit_delete(app);
    if (back && !p->job) {
        if (p->view == TU_PROF_CHOOSE || p->view == TU_PROF_PASSWD) {
            wipe_typing(app); /* a change leaves the profile open as it was */
            p->problem[0] = p->detail[0] = 0;
            tu_app_go(app, TU_SCR_WELCOME);
        } else if (p->view == TU_PROF_DELETE) {
            show_with_wait(app, TU_PROF_UNLOCK); /* back to that profile's unlock view */
        } else {
            show(app, TU_PROF_CHOOSE);
        }
    }
}

int tu_profile_leave(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job)
        return 0;
    wipe_typing(app);
    p->problem[0] = p->detail[0] = p->notice[0] = 0;
    return 1;
}

void tu_profile_welcome(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    if (!p->open.j && !p->guest)
        return;
    char line[400];
    tr_i18n_arg args[] = {{"name", p->open.name}, {NULL, NULL}};
    tr_i18n_fill(T(app, p->guest ? "profile.welcome_guest" : "profile.welcome_open"), args, line,
                 sizeof line);
    tu_card_begin(ui, "profile.status.card");
    tu_paragraph(ui, "profile.status", line);
    if (tu_button(ui, "profile.lock", TU_LOOK_SECONDARY,
                  T(app, p->guest ? "profile.end_guest" : "profile.lock"))) {
        /* ending a guest session throws everything away: ask first */
        if (p->guest)
            tu_confirm(app, "confirm.end_guest", tu_profile_lock);
        else
            tu_profile_lock(app);
        tu_card_end(ui);
        return;
    }
    if (!p->guest &&
        tu_button(ui, "profile.passwd_open", TU_LOOK_SECONDARY, T(app, "profile.passwd_open"))) {
        if (ensure_bufs(p) == 0)
            show_with_wait(app, TU_PROF_PASSWD);
    }
    tu_card_end(ui);
}
