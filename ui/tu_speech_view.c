/* tu_speech_view: what self-voicing says, read from each frame's widget records, and its part
 * of Settings; see tu_speech.h. */
#include <stdio.h>
#include <string.h>

#include "tr_logic.h"
#include "tu_app.h"
#include "tu_speech.h"

/* --- which views are private ---------------------------------------------------------- */

static int is_critical(const tr_content *pack, const char *item_id)
{
    for (size_t i = 0; pack && item_id && i < pack->n_insts; i++) {
        const tr_scoring *sc = &pack->insts[i]->scoring;
        for (size_t k = 0; k < sc->n_critical; k++)
            if (sc->critical[k].item_id && strcmp(sc->critical[k].item_id, item_id) == 0)
                return 1;
    }
    return 0;
}

/* 1 when a JsonLogic rule reads a critical item ({"var": "phq9_9"} or {"var": ["phq9_9", 0]}):
 * the questions it shows are asked because of a risk answer. */
static int critical_var(void *pack, const char *name)
{
    return is_critical(pack, name);
}

static int reads_critical(const tr_content *pack, const cJSON *logic)
{
    return tr_logic_reads(logic, critical_var, (void *)pack);
}

static int walk_private(const tr_content *pack, const tu_assess *w)
{
    if (w->pos < 0 || w->pos >= w->n)
        return 0;
    const tu_assess_q *q = &w->seq[w->pos];
    return (q->item && is_critical(pack, q->item->id)) ||
           (q->step && reads_critical(pack, q->step->show_if));
}

int tu_speech_private_view(const tu_app *app)
{
    if (app->crisis_open)
        return 0; /* the crisis contacts: for everyone */
    switch (app->screen) {
    case TU_SCR_QUESTION:
        return app->assess_on && walk_private(app->pack, &app->assess);
    case TU_SCR_MEASURE:
        return app->trk.meas.on && walk_private(app->pack, &app->trk.meas.walk);
    case TU_SCR_RESULT:
        return app->risk_flag || (app->res.have && app->res.tri.risk != TR_RISK_NONE);
    case TU_SCR_MEASURE_DONE:
        return app->trk.meas.risk != TR_RISK_NONE;
    default:
        return 0;
    }
}

/* --- what to say ------------------------------------------------------------------------ */

static int spoken(const tu_record *r)
{
    if (!r->label || !r->label[0] || (r->state & TU_ST_KEYCAP))
        return 0;
    if (r->kind == TU_W_SCROLL || r->kind == TU_W_CARD || r->kind == TU_W_DIALOG ||
        r->kind == TU_W_PROGRESS) /* a progress bar repeats its label */
        return 0;
    return strncmp(r->id, "chrome.", 7) != 0; /* the top bar, the same on every screen */
}

/* Appends the record's text (with its number key, "1: Ikke i det hele tatt") to buf. */
static void append(char *buf, size_t size, const tu_ctx *ui, size_t i)
{
    const tu_record *r = &ui->recs[i];
    size_t n = strlen(buf);
    if (n > 0 && n + 2 < size) {
        char last = buf[n - 1];
        if (!strchr(".?!:", last))
            buf[n++] = '.';
        buf[n++] = ' ';
        buf[n] = 0;
    }
    const tu_record *k = i + 1 < ui->n_recs ? &ui->recs[i + 1] : NULL;
    if (k && (k->state & TU_ST_KEYCAP))
        snprintf(buf + n, size - n, "%s: %s", k->label, r->label);
    else
        snprintf(buf + n, size - n, "%s", r->label);
}

static uint32_t alert_hash(const tu_ctx *ui)
{
    uint32_t h = 0;
    for (size_t i = 0; i < ui->n_recs; i++)
        if (ui->recs[i].state & TU_ST_ALERT)
            h = (h ^ tu_id(ui->recs[i].label)) * 16777619u + 1;
    return h;
}

static void open_voice(tu_app *app)
{
    tu_speech_state *s = &app->speech;
    char msg[256] = "";
    s->voice =
        s->record ? tu_speech_open_recorder() : tu_speech_open_speechd("trinn", msg, sizeof msg);
    if (!s->voice) {
        s->failed = 1;
        fprintf(stderr, "trinn: reading aloud: %s\n", msg[0] ? msg : "out of memory");
    }
    s->ready = 0;
}

void tu_speech_frame(tu_app *app)
{
    tu_speech_state *s = &app->speech;
    if (!s->on) {
        tu_speech_end(s);
        s->failed = 0;
        return;
    }
    if (!s->voice && !s->failed)
        open_voice(app);
    if (!s->voice)
        return;
    const tu_ctx *ui = &app->ui;
    const char *lang = tu_speech_voice(tu_lang_codes[app->lang.cur]);
    int quiet = tu_speech_private_view(app) && !s->headphones;
    static char text[8192];
    if (!s->ready || app->view_key != s->view) {
        /* the frame that changed the view still shows the old one: read the next, settled one */
        if (ui->need_redraw)
            return;
        s->ready = 1;
        s->view = app->view_key;
        s->focus = ui->focus;
        s->alert = alert_hash(ui);
        if (quiet) {
            tu_speech_say(s->voice, lang, T(app, "speech.private"), 0);
            return;
        }
        int layer = 0; /* under an open dialog nothing else is read */
        for (size_t i = 0; i < ui->n_recs; i++)
            layer |= ui->recs[i].layer;
        text[0] = 0;
        for (size_t i = 0; i < ui->n_recs; i++)
            if (ui->recs[i].layer == layer && spoken(&ui->recs[i]))
                append(text, sizeof text, ui, i);
        tu_speech_say(s->voice, lang, text, 0);
        return;
    }
    if (ui->focus != s->focus) {
        s->focus = ui->focus;
        for (size_t i = 0; i < ui->n_recs && ui->focus && ui->kbd && !quiet; i++)
            if (tu_id(ui->recs[i].id) == ui->focus && ui->recs[i].label[0]) {
                text[0] = 0;
                append(text, sizeof text, ui, i);
                tu_speech_say(s->voice, lang, text, 0);
                break;
            }
    }
    uint32_t h = alert_hash(ui);
    if (h != s->alert) {
        s->alert = h;
        for (size_t i = 0; i < ui->n_recs && !quiet; i++)
            if (ui->recs[i].state & TU_ST_ALERT)
                tu_speech_say(s->voice, lang, ui->recs[i].label, 1);
    }
}

void tu_speech_end(tu_speech_state *s)
{
    tu_speech_close(s->voice);
    s->voice = NULL;
    s->ready = 0;
}

/* --- Settings -------------------------------------------------------------------------- */

static void headphones_confirmed(tu_app *app)
{
    app->speech.headphones = 1;
    app->speech.ready = 0; /* read the view again, now in full */
    tu_app_save_settings(app);
}

void tu_speech_settings(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    tu_speech_state *s = &app->speech;
    tu_label(ui, "settings.speech", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             T(app, "settings.speech"));
    int on = s->on;
    if (tu_checkbox(ui, "settings.speech.on", T(app, "settings.speech.on"), &on)) {
        s->on = on;
        s->failed = 0;
        tu_app_save_settings(app);
        ui->need_redraw = 1;
    }
    if (s->on && s->failed)
        tu_alert(ui, "settings.speech.missing", T(app, "settings.speech.missing"));
    int hp = s->headphones;
    if (tu_checkbox(ui, "settings.speech.headphones", T(app, "settings.speech.headphones"), &hp)) {
        if (hp) {
            tu_confirm(app, "speech.headphones", headphones_confirmed);
        } else {
            s->headphones = 0;
            tu_app_save_settings(app);
        }
        ui->need_redraw = 1;
    }
    tu_note(ui, "settings.speech.note", T(app, "settings.speech.note"));
}
