/* tu_screens: the table of screens (tu_screens.h), the two first screens of the journey and
 * the crisis view. */
#include "tu_app.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* First run: the pack's languages, each named in itself. */
static void language_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    char title[256], id[32];
    snprintf(title, sizeof title, "%s", tu_tr_in(&app->lang, app->lang_choice, "language.title"));
    tu_title(ui, "language.title", title);
    tu_paragraph(ui, "language.hint", tu_tr_in(&app->lang, app->lang_choice, "language.hint"));
    for (int i = 0; i < app->lang.n; i++) {
        snprintf(id, sizeof id, "language.%s", app->lang.codes[i]);
        if (tu_option_key(ui, id, tu_tr_in(&app->lang, i, "language.self"), app->lang_choice == i,
                          i + 1) ||
            ui->digit == i + 1) {
            app->lang_choice = i;
            app->lang.cur = i;
            ui->need_redraw = 1;
        }
    }
}

static void language_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_rect r = tu_split(ui, bar, 2, 1);
    if (tu_button_at(ui, "language.continue", r, TU_LOOK_PRIMARY,
                     tu_tr_in(&app->lang, app->lang_choice, "common.continue"))) {
        app->lang.cur = app->lang_choice;
        tu_app_save_settings(app);
        tu_app_go(app, TU_SCR_WELCOME);
    }
}

/* What the app is and is not, before anything is asked. */
static void welcome_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_title(ui, "welcome.title", T(app, "welcome.title"));
    if (!app->pack) { /* a broken pack: said for the staff first, nothing of it is used */
        char text[600], n[24];
        snprintf(n, sizeof n, "%zu", app->pack_problems);
        tr_i18n_arg args[] = {{"problems", n}, {NULL, NULL}};
        tr_i18n_fill(T(app, "welcome.pack_broken.text"), args, text, sizeof text);
        tu_card_begin(ui, "welcome.pack_broken");
        tu_label(ui, "welcome.pack_broken.title", TU_FONT_STRONG,
                 ui->style.font_size[TU_FONT_STRONG], ui->style.danger,
                 T(app, "welcome.pack_broken.title"));
        tu_paragraph(ui, "welcome.pack_broken.text", text);
        tu_card_end(ui);
    }
    tu_paragraph(ui, "welcome.what", T(app, "welcome.what"));
    if (app->pack)
        tu_trk_reminder(app);
    tu_card_begin(ui, "welcome.card");
    tu_label(ui, "welcome.not_title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "welcome.not_title"));
    tu_paragraph(ui, "welcome.not_emergency", T(app, "welcome.not_emergency"));
    tu_paragraph(ui, "welcome.suggestion", T(app, "welcome.suggestion"));
    tu_card_end(ui);
    if (!app->prof.guest) /* a guest's card says instead that nothing is kept */
        tu_paragraph(ui, "welcome.privacy", T(app, "welcome.privacy"));
    tu_profile_welcome(app);
    if (!app->pack)
        return; /* the cards below lead into the pack: the staff card says why they are missing */
    tu_exch_home(app); /* a new client's way to the therapist's first assignment (the inbox) */
    tu_mods_welcome(app);
    tu_trk_welcome(app);
    tu_history_welcome(app);
    if (app->prof.guest || app->prof.open.j) /* a guest is told it needs a profile */
        tu_meds_home(app);
    if (app->prof.guest || app->prof.open.j) /* a guest is told goals need a profile */
        tu_goals_home(app);
    if (app->prof.guest || app->prof.open.j)
        tu_feedback_home(app); /* «Gi tilbakemelding»; a guest is told it needs a profile */
    tu_guide_welcome(app);
}

static void welcome_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    /* drawn left to right, so Tab meets them in reading order */
    if (tu_button_at(ui, "welcome.language", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "welcome.change_language")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        app->lang_choice = app->lang.cur;
        tu_app_go(app, TU_SCR_LANGUAGE);
        return;
    }
    if (tu_button_at(ui, "welcome.start", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "welcome.start"))) {
        if (tu_profile_gate(app, TU_PROF_NEXT_ASSESS))
            tu_assess_start(app);
    }
}

/* The table of screens: one row each, in the order of enum tu_screen (tu_screens.h). */
static const tu_screen_def tu_screen_table[TU_SCR_COUNT] = {
    [TU_SCR_LANGUAGE] = {"language", language_body, language_nav},
    [TU_SCR_WELCOME] = {"welcome", welcome_body, welcome_nav},
    [TU_SCR_QUESTION] = {"question", tu_question_body, tu_question_nav},
    [TU_SCR_RESULT] = {"result", tu_result_body, tu_result_nav},
    [TU_SCR_MODULES] = {"modules", tu_modules_body, tu_modules_nav},
    [TU_SCR_MODULE] = {"module", tu_module_body, tu_module_nav},
    [TU_SCR_STEP] = {"step", tu_step_body, tu_step_nav},
    [TU_SCR_CHECKIN] = {"checkin", tu_checkin_body, tu_checkin_nav},
    [TU_SCR_PROGRESS] = {"progress", tu_progress_body, tu_progress_nav},
    [TU_SCR_HISTORY] = {"history", tu_history_body, tu_history_nav},
    [TU_SCR_MEASURE] = {"measure", tu_measure_body, tu_measure_nav},
    [TU_SCR_MEASURE_DONE] = {"measure_done", tu_measure_done_body, tu_measure_done_nav},
    [TU_SCR_PROFILE] = {"profile", tu_profile_body, tu_profile_nav},
    [TU_SCR_HOME] = {"home", tu_home_body, tu_home_nav},
    [TU_SCR_EXCH] = {"exch", tu_exch_body, tu_exch_nav},
    [TU_SCR_TEAM] = {"team", tu_team_body, tu_team_nav},
    [TU_SCR_TEAM_CLIENT] = {"team_client", tu_team_client_body, tu_team_client_nav},
    [TU_SCR_TEAM_STATS] = {"team_stats", tu_team_stats_body, tu_team_stats_nav},
    [TU_SCR_TEAM_ASSIGN] = {"team_assign", tu_team_assign_body, tu_team_assign_nav},
    [TU_SCR_EXCH_REPORT] = {"exch_report", tu_exch_report_body, tu_exch_report_nav},
    [TU_SCR_GUIDE] = {"guide", tu_guide_body, tu_guide_nav},
    [TU_SCR_MEDS] = {"meds", tu_meds_body, tu_meds_nav},
    [TU_SCR_MEDS_EDIT] = {"meds_edit", tu_meds_edit_body, tu_meds_edit_nav},
    [TU_SCR_KIOSK_ATTRACT] = {"kiosk_attract", tu_kiosk_attract_body, tu_kiosk_attract_nav},
    [TU_SCR_KIOSK_HOME] = {"kiosk_home", tu_kiosk_home_body, tu_kiosk_home_nav},
    [TU_SCR_KIOSK_HANDIN] = {"kiosk_handin", tu_kiosk_handin_body, tu_kiosk_handin_nav},
    [TU_SCR_KIOSK_STAFF] = {"kiosk_staff", tu_kiosk_staff_body, tu_kiosk_staff_nav},
    [TU_SCR_KIOSK_BROKEN] = {"kiosk_broken", tu_kiosk_broken_body, tu_kiosk_broken_nav},
    [TU_SCR_GOALS] = {"goals", tu_goals_body, tu_goals_nav},
    [TU_SCR_GOALS_EDIT] = {"goals_edit", tu_goals_edit_body, tu_goals_edit_nav},
    [TU_SCR_TEAM_KEYS] = {"team_keys", tu_team_keys_body, tu_team_keys_nav},
    [TU_SCR_TEAM_ENROL] = {"team_enrol", tu_team_enrol_body, tu_team_enrol_nav},
    [TU_SCR_TEAM_JOIN] = {"team_join", tu_team_join_body, tu_team_join_nav},
    [TU_SCR_TEAM_BACKUP] = {"team_backup", tu_team_backup_body, tu_team_backup_nav},
    [TU_SCR_TEAM_LOG] = {"team_log", tu_team_log_body, tu_team_log_nav},
    [TU_SCR_FEEDBACK] = {"feedback", tu_feedback_body, tu_feedback_nav},
    [TU_SCR_FEEDBACK_HIST] = {"feedback_hist", tu_feedback_hist_body, tu_feedback_hist_nav},
    [TU_SCR_TEAM_SPOOL] = {"team_spool", tu_team_spool_body, tu_team_spool_nav},
};

const tu_screen_def *tu_screen_row(tu_screen s)
{
    return (unsigned)s < TU_SCR_COUNT ? &tu_screen_table[s] : NULL;
}

const char *tu_screen_name(tu_screen s)
{
    const tu_screen_def *d = tu_screen_row(s);
    return d && d->name ? d->name : "?";
}

int tu_screens_check(char *msg, size_t size)
{
    for (int i = 0; i < TU_SCR_COUNT; i++) {
        const tu_screen_def *d = &tu_screen_table[i];
        if (!d->name || !d->name[0] || !d->body || !d->nav) {
            snprintf(msg, size,
                     "screen %d (after \"%s\") has no complete row in tu_screen_table "
                     "(ui/tu_screens.c): give it a name, a body and a nav",
                     i, i > 0 && tu_screen_table[i - 1].name ? tu_screen_table[i - 1].name : "-");
            return -1;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(tu_screen_table[j].name, d->name) == 0) {
                snprintf(msg, size, "two screens are called \"%s\" in tu_screen_table", d->name);
                return -1;
            }
    }
    return 0;
}

void tu_screen_body(tu_app *app)
{
    const tu_screen_def *d = tu_screen_row(app->screen);
    if (d && d->body)
        d->body(app);
}

void tu_screen_nav(tu_app *app, tu_rect bar)
{
    const tu_screen_def *d = tu_screen_row(app->screen);
    if (d && d->nav)
        d->nav(app, bar);
}

/* 1 when needle occurs in hay, ignoring ASCII case. */
static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* One contact as a card: whom it reaches and the number on one line, then what for. */
static void contact_card(tu_app *app, const char *id, const char *number, const char *name,
                         const char *purpose, const char *hours, int urgent)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    char buf[256], sid[80];
    snprintf(sid, sizeof sid, "crisis.%s", id);
    tu_card_begin(ui, sid);
    tr_i18n_arg args[] = {{"number", number}, {NULL, NULL}};
    tr_i18n_fill(tu_tr(&app->lang, "contact.call"), args, buf, sizeof buf);
    tu_pair_row(ui, sid, name, buf, urgent ? st->danger : st->primary);
    snprintf(sid, sizeof sid, "crisis.%s.purpose", id);
    /* the hours, unless the purpose already says them ("... hele døgnet") */
    if (hours && hours[0] && !contains_nocase(purpose, hours)) {
        char line[512];
        snprintf(line, sizeof line, "%s. %s.", purpose, hours);
        tu_paragraph(ui, sid, line);
    } else {
        tu_paragraph(ui, sid, purpose);
    }
    tu_card_end(ui);
}

/* The crisis contacts, calm and first: a kind word, then whom to call, most urgent first. */
void tu_crisis_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_title(ui, "crisis.title", T(app, "crisis.title"));
    tu_paragraph(ui, "crisis.intro", T(app, "crisis.intro"));
    if (app->kiosk) /* in the waiting room, the people at the desk come first */
        tu_kiosk_crisis(app);
    tu_crisis_contacts(app);
    /* for someone who would rather write than call: the written ways the pack can vouch for,
     * and where to look for the rest (content/README.md says which could be verified) */
    tu_card_begin(ui, "crisis.write");
    tu_label(ui, "crisis.write.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "crisis.write_title"));
    tu_paragraph(ui, "crisis.write.text", T(app, "crisis.write_text"));
    tu_card_end(ui);
    tu_mods_crisis_plan(app);
}

void tu_crisis_contacts(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tr_content *pack = app->pack;
    if (!pack || pack->n_crisis == 0) {
        /* no pack: the one number everyone needs still shows */
        tu_card_begin(ui, "crisis.emergency_card");
        tu_label(ui, "crisis.emergency", TU_FONT_STRONG, ui->style.title_size, ui->style.danger,
                 T(app, "crisis.emergency_number"));
        tu_paragraph(ui, "crisis.emergency_text", T(app, "crisis.emergency_text"));
        tu_card_end(ui);
        return;
    }
    const char *lang = tu_lang_code(&app->lang);
    for (size_t i = 0; i < pack->n_crisis; i++) {
        const tr_crisis_contact *c = &pack->crisis[i];
        contact_card(app, c->id, c->number, tr_content_text(pack, &c->name, lang),
                     tr_content_text(pack, &c->purpose, lang),
                     tr_content_text(pack, &c->hours, lang), i == 0);
    }
    if (pack->service.phone && pack->service.phone[0])
        contact_card(app, "service", pack->service.phone,
                     tr_content_text(pack, &pack->service.name, lang), T(app, "crisis.service"),
                     tr_content_text(pack, &pack->service.hours, lang), 0);
}
