/* tu_scr_assess: the self-assessment screens: one question per screen with big answer
 * buttons, progress, back and skip; and the result with the scores in words and numbers. */
#include <stdio.h>
#include <string.h>

#include "tr_answers.h"
#include "tu_app.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

int tu_assess_start(tu_app *app)
{
    tr_error err = {0};
    if (!app->pack) {
        app->error_open = 1;
        snprintf(app->error_msg, sizeof app->error_msg, "%s", app->pack_msg);
        return -1;
    }
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    if (tu_assess_begin(&app->assess, app->pack, &err) != TR_OK) {
        app->error_open = 1;
        snprintf(app->error_msg, sizeof app->error_msg, "%s", err.msg);
        return -1;
    }
    app->assess_on = 1;
    app->multi_item = NULL;
    app->result_ready = 0;
    tu_app_go(app, TU_SCR_QUESTION);
    tu_focus_first(app, "answer.0");
    return 0;
}

/* After the walk took an answer (st, err: how that went): the next question, or the result. */
static void answered(tu_app *app, tr_status st, const tr_error *err)
{
    if (st != TR_OK) {
        app->error_open = 1;
        snprintf(app->error_msg, sizeof app->error_msg, "%s", err->msg);
        return;
    }
    tu_focus_first(app, "answer.0");
    app->multi_item = NULL;
    for (int i = 0; i < app->ui.n_scrolls; i++)
        app->ui.scrolls[i].offset = 0;
    if (!tu_assess_current(&app->assess))
        tu_result_compute(app);
}

/* In portrait the n answers share the height left below the question (up to twice the usual
 * size), so a tall kiosk screen is not half empty and each answer is easy to hit. Ends with
 * ui->choice_min_h = 0 after the answers. */
static void stretch_answers(tu_ctx *ui, size_t n)
{
    if (ui->height <= ui->width || n == 0)
        return;
    int gap = ui->style.gap;
    int h = (tu_room_below(ui) - 2 * gap) / (int)n - gap;
    ui->choice_min_h = h > 2 * ui->style.target ? 2 * ui->style.target : h;
}

int tu_answer_options(tu_app *app, const tr_item *item, const tu_assess *walk, const char *prefix)
{
    tu_ctx *ui = &app->ui;
    char id[64];
    int pick = ui->digit >= 0 ? tu_assess_option_for_digit(item, ui->digit) : -1;
    stretch_answers(ui, item->n_options);
    for (size_t i = 0; i < item->n_options; i++) {
        const tr_option *o = &item->options[i];
        snprintf(id, sizeof id, "%s.%zu", prefix, i);
        if (tu_option_key(ui, id, L(app, &o->label), tu_assess_holds(walk, item->id, o),
                          i < 9 ? (int)i + 1 : 0))
            pick = (int)i;
    }
    ui->choice_min_h = 0;
    return pick;
}

void tu_walk_progress(tu_app *app, const tu_assess *walk, const char *id)
{
    tu_ctx *ui = &app->ui;
    char buf[256], n[16], total[16];
    /* The line counts the questions the answers so far lead to, and says when more may come:
     * it grows as answers open follow-ups, instead of starting at every question there could be
     * and falling. The bar is measured against every question there could still be, so it
     * never moves back as the client goes forward. */
    int all = tu_assess_total(walk);
    snprintf(n, sizeof n, "%d", walk->pos + 1);
    snprintf(total, sizeof total, "%d", walk->n > walk->pos ? walk->n : walk->pos + 1);
    tr_i18n_arg args[] = {{"n", n}, {"total", total}, {NULL, NULL}};
    tr_i18n_fill(
        T(app, tu_assess_more_may_come(walk) ? "question.progress_more" : "question.progress"),
        args, buf, sizeof buf);
    tu_progress(ui, id, (float)walk->pos / (float)all, buf);
    tu_space(ui, ui->style.gap / 2);
}

void tu_question_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tu_assess_q *q = tu_assess_current(&app->assess);
    if (!q)
        return;
    const tr_item *item = q->item;
    const tr_inst *inst = q->step->inst;
    tu_walk_progress(app, &app->assess, "question.progress");
    /* A measure's stem ("Over the last 2 weeks...") belongs to every scored item (not to the
     * closing "how difficult..." question); a questionnaire's introduction only to its first
     * question. */
    if (inst->intro.n > 0 &&
        (inst->kind == TR_INST_SCORED ? item->scored
                                      : (q->step->n_items > 0 && item == &inst->items[0])))
        tu_note(ui, "question.intro", L(app, &inst->intro));
    tu_title(ui, "question.text", L(app, &item->text));
    if (item->help.n > 0)
        tu_paragraph(ui, "question.help", L(app, &item->help));
    char id[32];
    if (item->kind == TR_ITEM_SINGLE) {
        int pick = tu_answer_options(app, item, &app->assess, "answer");
        if (pick >= 0) {
            tr_error err = {0};
            answered(app, tu_assess_answer_option(&app->assess, &item->options[pick], &err), &err);
        }
        return;
    }
    if (app->multi_item != item) {
        /* entering the question: start from the saved answer */
        app->multi_item = item;
        app->multi_sel = tr_answers_chosen(app->assess.answers, item);
    }
    tu_note(ui, "question.choose_many", T(app, "question.choose_many"));
    stretch_answers(ui, item->n_options);
    for (size_t i = 0; i < item->n_options && i < 64; i++) {
        int checked = (app->multi_sel >> i) & 1;
        snprintf(id, sizeof id, "answer.%zu", i);
        if (tu_checkbox_key(ui, id, L(app, &item->options[i].label), &checked,
                            i < 9 ? (int)i + 1 : 0) ||
            ui->digit == (int)i + 1) {
            if (ui->digit == (int)i + 1)
                checked = !checked;
            app->multi_sel ^= (uint64_t)1 << i;
            ui->need_redraw = 1;
        }
    }
    ui->choice_min_h = 0;
}

static void leave_assessment(tu_app *app)
{
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    app->multi_item = NULL;
    tu_app_go(app, TU_SCR_WELCOME);
}

/* 1 when the walk holds any answer (going back from its first question would lose them). */
static int any_answer(const tu_assess *a)
{
    return tr_answers_any(a->answers);
}

void tu_question_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    const tu_assess_q *q = tu_assess_current(&app->assess);
    if (!q)
        return;
    int multi = q->item->kind == TR_ITEM_MULTI;
    /* A question answered before (the client came back to it) offers «Next», which keeps the
     * answer, and no «Skip», which would erase it; a new one offers «Skip». */
    int kept = tu_assess_has(&app->assess, q->item->id);
    int skip = !kept, next = multi || kept;
    int cols = 1 + skip + next, c = 0;
    if (tu_button_at(ui, "question.back", tu_split(ui, bar, cols, c++), TU_LOOK_SECONDARY,
                     T(app, "question.back"))) {
        app->multi_item = NULL;
        tu_focus_first(app, "answer.0");
        if (app->assess.pos > 0)
            tu_assess_back(&app->assess);
        else if (any_answer(&app->assess))
            tu_confirm(app, "confirm.leave_assessment", leave_assessment);
        else
            tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (skip && tu_button_at(ui, "question.skip", tu_split(ui, bar, cols, c++), TU_LOOK_SECONDARY,
                             T(app, "question.skip"))) {
        tr_error err = {0};
        answered(app, tu_assess_answer_option(&app->assess, NULL, &err), &err);
        return;
    }
    if (next && tu_button_at(ui, "question.next", tu_split(ui, bar, cols, c++), TU_LOOK_PRIMARY,
                             T(app, "question.next"))) {
        tr_error err = {0};
        answered(app,
                 multi ? tu_assess_answer_chosen(&app->assess, app->multi_sel, &err)
                       : tu_assess_answer_again(&app->assess, &err),
                 &err);
    }
}
