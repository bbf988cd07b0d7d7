/* tu_errors: the error summary and its links; see tu_errors.h. No SDL in here. */
#include "tu_errors.h"
#include "tu_ui_priv.h"

#include <stdio.h>
#include <string.h>

static int imax(int a, int b)
{
    return a > b ? a : b;
}

void tu_errors_clear(tu_errors *e)
{
    memset(e, 0, sizeof *e);
}

void tu_errors_add(tu_errors *e, const char *field, const char *msg)
{
    if (e->n >= TU_ERRORS_MAX)
        return;
    snprintf(e->items[e->n].field, sizeof e->items[e->n].field, "%s", field ? field : "");
    snprintf(e->items[e->n].msg, sizeof e->items[e->n].msg, "%s", msg);
    e->n++;
    e->focused = 0;
}

const char *tu_errors_of(const tu_errors *e, const char *field)
{
    for (int i = 0; i < e->n; i++)
        if (field && field[0] && strcmp(e->items[i].field, field) == 0)
            return e->items[i].msg;
    return NULL;
}

/* One problem: a link (underlined, danger colour) to its field, or plain text for the form. */
static void link(tu_ctx *ctx, const char *id, const char *field, const char *msg)
{
    const tu_style *st = &ctx->style;
    int size = st->font_size[TU_FONT_BODY];
    int th = tu_text_height(ctx, TU_FONT_STRONG, size, ctx->lw - st->pad, msg);
    if (!field[0]) {
        tu_rect r = tu_next(ctx, th);
        tu_priv_record(ctx, id, TU_W_PARAGRAPH, r, msg);
        tu_draw_text(ctx, r, TU_FONT_STRONG, size, ctx->lw, st->danger, msg);
        return;
    }
    tu_rect r = tu_next(ctx, imax(th + st->pad / 2, st->target));
    uint32_t wid = tu_id(id);
    tu_record *rec = tu_priv_record(ctx, id, TU_W_BUTTON, r, msg);
    if (tu_priv_interact(ctx, wid, r, rec, TU_KEY_ENTER | TU_KEY_SPACE))
        tu_focus_request(ctx, field);
    tu_priv_focus_ring(ctx, wid, r, st->radius / 2);
    int y = r.y + (r.h - th) / 2;
    tu_draw_text(ctx, (tu_rect){r.x, y, r.w - st->pad, th}, TU_FONT_STRONG, size, r.w - st->pad,
                 st->danger, msg);
    /* the underline under the last line says "link" without relying on colour */
    int lh = tu_text_height(ctx, TU_FONT_STRONG, size, 0, "Ag");
    int last_w = th > lh + lh / 2 ? r.w - st->pad : tu_text_width(ctx, TU_FONT_STRONG, size, msg);
    int t = imax(1, (int)(st->scale + 0.5f));
    tu_draw_fill(ctx, (tu_rect){r.x, y + th - t, imax(1, last_w), t},
                 ctx->hot == wid ? st->text : st->danger, 0);
}

int tu_errors_summary_begin(tu_ctx *ctx, tu_errors *e, const char *id, const char *title)
{
    if (e->n == 0)
        return 0;
    const tu_style *st = &ctx->style;
    if (!e->focused && ctx->scroll_index) /* the whole summary comes into view, title first */
        ctx->scrolls[ctx->scroll_index - 1].offset = 0;
    int b = imax(3, (int)(4 * st->scale));
    /* the box: sized at the end, as links wrap inside it */
    e->x0 = ctx->lx, e->w0 = ctx->lw, e->y0 = ctx->ly;
    e->cmd = ctx->n_cmds;
    tu_draw_fill(ctx, (tu_rect){0, 0, 0, 0}, st->danger, st->radius);
    tu_draw_fill(ctx, (tu_rect){0, 0, 0, 0}, st->surface, st->radius);
    e->rec = tu_priv_record(ctx, id, TU_W_CARD, (tu_rect){e->x0, e->y0, e->w0, 0}, title)
                 ? ctx->n_recs - 1
                 : (size_t)-1;
    e->under = ctx->under;
    ctx->under = st->surface;
    tu_column(ctx, e->x0 + b + st->pad, e->y0 + b + st->pad, e->w0 - 2 * (b + st->pad));
    char lid[96];
    snprintf(lid, sizeof lid, "%s.title", id);
    int th = tu_text_height(ctx, TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], ctx->lw, title);
    tu_rect tr = tu_next(ctx, th);
    tu_record *trec = tu_priv_record(ctx, lid, TU_W_PARAGRAPH, tr, title);
    if (trec) /* screen readers announce the summary when it appears (tu_a11y) */
        trec->state |= TU_ST_ALERT;
    tu_draw_text(ctx, tr, TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], ctx->lw, st->text, title);
    for (int i = 0; i < e->n; i++) {
        snprintf(lid, sizeof lid, "%s.link.%d", id, i);
        link(ctx, lid, e->items[i].field, e->items[i].msg);
        if (!e->focused && e->items[i].field[0]) { /* the first link takes the focus */
            tu_focus_request(ctx, lid);
            e->focused = 1;
        }
    }
    return 1;
}

void tu_errors_summary_end(tu_ctx *ctx, tu_errors *e)
{
    const tu_style *st = &ctx->style;
    int b = imax(3, (int)(4 * st->scale));
    int y1 = ctx->ly - st->gap + st->pad + b;
    tu_rect box = {e->x0, e->y0, e->w0, y1 - e->y0};
    if (e->cmd + 1 < ctx->n_cmds) {
        ctx->cmds[e->cmd].rect = box;
        ctx->cmds[e->cmd + 1].rect = (tu_rect){e->x0 + b, e->y0 + b, e->w0 - 2 * b, box.h - 2 * b};
    }
    if (e->rec < ctx->n_recs)
        ctx->recs[e->rec].rect = box;
    ctx->under = e->under;
    tu_column(ctx, e->x0, y1 + st->gap, e->w0);
}

void tu_errors_summary(tu_ctx *ctx, tu_errors *e, const char *id, const char *title)
{
    if (tu_errors_summary_begin(ctx, e, id, title))
        tu_errors_summary_end(ctx, e);
}
