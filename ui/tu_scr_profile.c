/* tu_scr_profile: the profile views: choose, unlock or create a profile, or continue without
 * saving; change the passphrase; delete a profile; the profile line on the welcome screen. The
 * session behind them is tu_profile_session.c. See tu_profile_ui.h. */
#include "tu_profile_priv.h"

#include <stdio.h>
#include <string.h>

#include "tr_passgen.h"
#include "tr_secret.h"

/* 1 when Enter was pressed (a text field also reports a click, which must not submit). */
static int enter(const tu_ctx *ui)
{
    return (ui->keys & TU_KEY_ENTER) != 0;
}

static void busy(tu_app *app, const char *key)
{
    tu_ctx *ui = &app->ui;
    double t = (double)(tu_prof_now_ms(app) - app->prof.job_started) / 700.0;
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
    if (p->retry_at > tu_prof_now_ms(app)) {
        char secs[32], line[300];
        snprintf(secs, sizeof secs, "%lld",
                 (long long)((p->retry_at - tu_prof_now_ms(app) + 999) / 1000));
        tr_i18n_arg args[] = {{"seconds", secs}, {NULL, NULL}};
        tr_i18n_fill(T(app, "profile.wait"), args, line, sizeof line);
        tu_note(ui, "profile.wait", line);
        int64_t next = tu_prof_now_ms(app) + 1000 - (p->retry_at - tu_prof_now_ms(app)) % 1000;
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
                tu_prof_show_with_wait(app, TU_PROF_UNLOCK);
                return;
            }
        }
    }
    if (tu_button(ui, "profile.new", p->n_list ? TU_LOOK_SECONDARY : TU_LOOK_PRIMARY,
                  T(app, "profile.new"))) {
        tu_prof_show(app, TU_PROF_CREATE);
        return;
    }
    tu_card_begin(ui, "profile.guest.card");
    tu_label(ui, "profile.guest.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.guest_title"));
    tu_paragraph(ui, "profile.guest.text", T(app, "profile.guest_text"));
    if (tu_button(ui, "profile.guest", TU_LOOK_SECONDARY, T(app, "profile.guest"))) {
        tu_prof_forget_derived(app);
        tu_records_attach(&app->records, NULL, NULL, NULL);
        p->guest = 1;
        tu_card_end(ui);
        tu_prof_go_next(app);
        return;
    }
    tu_card_end(ui);
}

static void submit_unlock(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job || p->sel < 0 || (size_t)p->sel >= p->n_list)
        return;
    if (p->retry_at > tu_prof_now_ms(app))
        return; /* the wait is shown; the journal would refuse too */
    if (!p->pass[0]) {
        tu_prof_set_problem(app, "profile.pass", "profile.err.empty", "");
        p->detail[0] = 0;
        return;
    }
    tu_prof_start_job(app, p->list[p->sel].id, NULL, p->pass);
}

/* The title of a view about the chosen profile (title_key fills {name}) under widget id, then
 * while a job runs its progress (busy_key). Returns 1 when the view goes on to draw the rest,
 * 0 when it draws nothing more (no profile chosen: back to the list; or busy). */
static int chosen_header(tu_app *app, const char *title_key, const char *id, const char *busy_key)
{
    tu_prof *p = &app->prof;
    if (p->sel < 0 || (size_t)p->sel >= p->n_list) {
        tu_prof_show(app, TU_PROF_CHOOSE);
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
        tu_prof_show_with_wait(app, TU_PROF_DELETE);
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
        tu_prof_set_problem(app, "profile.pass", "profile.err.empty", "");
    else if (l1 != l2 || !tr_secret_equal(p->pass, p->pass2, l1))
        tu_prof_set_problem(app, "profile.pass2", "profile.err.mismatch", "");
    else if (!tr_strength_ok(p->pass, p->name, p->words))
        tu_prof_set_problem(app, "profile.pass", "profile.err.weak", "");
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
    const tr_words *list = p->makers[strcmp(tu_lang_code(&app->lang), "nn") == 0 ? 1 : 0];
    if (!list)
        return; /* the pack has no list for it: not offered */
    if (tu_button(ui, "profile.make", TU_LOOK_SECONDARY, T(app, "profile.make"))) {
        tr_error err = {0};
        if (tr_passgen_make_strong(list, p->name, p->words, p->made, TR_PASSGEN_MAX_BYTES, &err) ==
            TR_OK) {
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
        tu_prof_set_problem(app, "profile.name", "profile.err.no_name", "");
    else if (taken(p, p->label))
        tu_prof_set_problem(app, "profile.label", "profile.err.duplicate", "");
    else if (new_pass_ok(app))
        tu_prof_start_job(app, NULL, NULL, p->pass);
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
    if (p->job || !p->open.j || p->retry_at > tu_prof_now_ms(app))
        return; /* a wait is shown; the journal would refuse too */
    p->detail[0] = 0;
    size_t lc = strlen(p->cur);
    if (lc == 0)
        tu_prof_set_problem(app, "profile.cur", "profile.err.cur_empty", "");
    else if (!new_pass_ok(app))
        return;
    else if (lc == strlen(p->pass) && tr_secret_equal(p->cur, p->pass, lc))
        tu_prof_set_problem(app, "profile.pass", "profile.err.same", "");
    else
        tu_prof_start_job(app, NULL, p->cur, p->pass);
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
    if (p->job || p->sel < 0 || (size_t)p->sel >= p->n_list || p->retry_at > tu_prof_now_ms(app))
        return;
    p->detail[0] = 0;
    if (!p->pass[0])
        tu_prof_set_problem(app, "profile.pass", "profile.err.empty", "");
    else
        tu_prof_start_job(app, p->list[p->sel].id, NULL, p->pass);
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
    if (tu_prof_ensure_bufs(p) != 0) {
        tu_alert(&app->ui, "profile.problem", T(app, "profile.err.memory"));
        return;
    }
    tu_prof_poll_job(app);
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
            tu_prof_wipe_typing(app); /* a change leaves the profile open as it was */
            p->problem[0] = p->detail[0] = 0;
            tu_app_go(app, TU_SCR_WELCOME);
        } else if (p->view == TU_PROF_DELETE) {
            tu_prof_show_with_wait(app, TU_PROF_UNLOCK); /* back to that profile's unlock view */
        } else {
            tu_prof_show(app, TU_PROF_CHOOSE);
        }
    }
}

int tu_profile_leave(tu_app *app)
{
    tu_prof *p = &app->prof;
    if (p->job)
        return 0;
    tu_prof_wipe_typing(app);
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
        if (tu_prof_ensure_bufs(p) == 0)
            tu_prof_show_with_wait(app, TU_PROF_PASSWD);
    }
    tu_card_end(ui);
}
