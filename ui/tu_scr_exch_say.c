/* tu_scr_exch_say: what a report holds, in words (tu_exch.h): each planned record as one line
 * from the catalog (content/i18n/<lang>/exchange.json, exch.rep.say.*), and the range sent.
 * The lines are the core's typed view of each record (tr_share_line); nothing is read here but
 * what the core hands over. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tp_clock.h"
#include "tu_app.h"
#include "tu_date.h"
#include "tu_goals.h"

static const char *lang_of(tu_app *app)
{
    return tu_lang_code(&app->lang);
}

static const char *module_name(tu_app *app, const char *id)
{
    const tr_module *m = tu_mods_find(app, id);
    const char *t = m ? tr_module_text(m->title, lang_of(app)) : NULL;
    return t && t[0] ? t : id;
}

static void number(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%g", isfinite(v) ? v : 0);
}

/* Appends ", " and the catalog text key (with one argument) to buf. */
static void part(tu_app *app, char *buf, size_t size, const char *key, const char *name,
                 const char *value)
{
    char piece[600];
    size_t n = strlen(buf);
    tr_i18n_arg a[] = {{name, value}, {0, 0}};
    tr_i18n_fill(T(app, key), a, piece, sizeof piece);
    if (n + 2 < size)
        snprintf(buf + n, size - n, ", %s", piece);
}

/* A medicine, a change to it, the side-effect check, the wish. */
static void say_medication(tu_app *app, const tr_share_line *l, const char *date, char *buf,
                           size_t size)
{
    const char *name = l->med_name[0] ? l->med_name : T(app, "exch.rep.say.med_unknown");
    tr_i18n_arg a[] = {{"date", date}, {"name", name}, {0, 0}};
    if (strcmp(l->type, "side_effects") == 0) {
        char n[32];
        snprintf(n, sizeof n, "%zu", l->n_rated);
        tr_i18n_arg b[] = {{"date", date}, {"n", n}, {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.side_effects"), b, buf, size);
    } else if (strcmp(l->type, "medication_wish") == 0) {
        const tr_med_choice *w = tu_meds_loaded(app)
                                     ? tr_med_choice_find(app->meds.content->wishes,
                                                          app->meds.content->n_wishes, l->wish)
                                     : NULL;
        const char *said = w ? tr_content_text(app->pack, &w->label, lang_of(app)) : l->wish;
        tr_i18n_arg b[] = {{"date", date}, {"wish", said && said[0] ? said : l->wish}, {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.med_wish"), b, buf, size);
        return;
    } else if (strcmp(l->med_op, "add") == 0) {
        tr_i18n_fill(T(app, "exch.rep.say.med_add"), a, buf, size);
        if (l->dose[0])
            part(app, buf, size, "exch.rep.say.part_dose", "dose", l->dose);
        return;
    } else {
        tr_i18n_fill(T(app, "exch.rep.say.med_change"), a, buf, size);
        if (l->dose[0])
            part(app, buf, size, "exch.rep.say.part_new_dose", "dose", l->dose);
        if (l->stopped)
            part(app, buf, size, "exch.rep.say.part_stopped", "x", "");
    }
    if (l->note[0])
        part(app, buf, size, "exch.rep.say.part_note", "note", l->note);
}

void tu_exch_say_line(tu_app *app, const tr_share_line *l, char *buf, size_t size)
{
    char date[128], num[32], num2[32];
    tu_date_format_ts(&app->lang, l->ts, 0, date, sizeof date);
    const char *kind = l->kind ? l->kind->name : "";
    if (strcmp(l->type, "measure") == 0) {
        const tr_inst *inst =
            l->instrument[0] && app->pack ? tr_content_find_inst(app->pack, l->instrument) : NULL;
        number(l->total, num, sizeof num);
        tr_i18n_arg a[] = {
            {"instrument", inst ? tr_content_text(app->pack, &inst->name, lang_of(app))
                           : l->instrument[0] ? l->instrument
                                              : "?"},
            {"date", date},
            {"total", num},
            {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.measure"), a, buf, size);
    } else if (strcmp(l->type, "assessment") == 0) {
        const tr_level *lv =
            l->level[0] && app->pack ? tr_content_find_level(app->pack, l->level) : NULL;
        tr_i18n_arg a[] = {{"date", date},
                           {"level", lv ? tr_content_text(app->pack, &lv->name, lang_of(app))
                                     : l->level[0] ? l->level
                                                   : "?"},
                           {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.assessment"), a, buf, size);
    } else if (strcmp(l->type, "checkin") == 0) {
        number(l->mood, num, sizeof num);
        number(l->sleep, num2, sizeof num2);
        tr_i18n_arg a[] = {
            {"date", date}, {"mood", num}, {"sleep", num2}, {"note", l->note}, {0, 0}};
        tr_i18n_fill(T(app, l->note[0] ? "exch.rep.say.checkin_note" : "exch.rep.say.checkin"), a,
                     buf, size);
    } else if (strcmp(kind, "medication") == 0) {
        say_medication(app, l, date, buf, size);
    } else if (strcmp(l->type, "feedback") == 0) { /* feedback on the help (tu_feedback) */
        tr_i18n_arg a[] = {{"date", date}, {0, 0}};
        tr_i18n_fill(T(app, l->request ? "fb.rep_say_change" : "fb.rep_say"), a, buf, size);
    } else if (strcmp(l->type, "goal") == 0) { /* the client's own goals, in tu_goals' words */
        if (l->has_goal)
            tu_goals_say(app, &l->goal, date, buf, size);
        else
            snprintf(buf, size, "%s", date);
    } else {
        tr_i18n_arg a[] = {
            {"date", date}, {"module", module_name(app, l->module[0] ? l->module : "?")}, {0, 0}};
        tr_i18n_fill(T(app, strcmp(l->type, "module_entry") == 0 ? "exch.rep.say.entry"
                                                                 : "exch.rep.say.progress"),
                     a, buf, size);
    }
}

/* "5. desember 2026" for an ISO day (the day itself, not shifted by the time zone). */
static void day_words(tu_app *app, const char *iso, char *buf, size_t size)
{
    int64_t t;
    if (tp_clock_parse_date(iso, &t) != 0) {
        snprintf(buf, size, "%s", iso);
        return;
    }
    /* noon of that day in UTC is the same calendar day in every zone Norway uses */
    tu_date_format(&app->lang, t + 12 * 3600, 0, buf, size);
}

void tu_exch_say_range(tu_app *app, char *buf, size_t size)
{
    tu_exch *x = &app->exch;
    char from[128], to[128];
    day_words(app, x->rep_from, from, sizeof from);
    day_words(app, x->rep_to, to, sizeof to);
    tr_i18n_arg a[] = {{"from", from}, {"to", to}, {0, 0}};
    tr_i18n_fill(T(app, x->rep_from[0] ? "exch.rep.range_said" : "exch.rep.range_said_all"), a, buf,
                 size);
}
