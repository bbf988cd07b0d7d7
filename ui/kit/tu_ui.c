/* tu_ui: the immediate-mode core; see tu_ui.h. No SDL in here. */
#include "tu_ui.h"
#include "tu_ui_priv.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int imin(int a, int b)
{
    return a < b ? a : b;
}
static int imax(int a, int b)
{
    return a > b ? a : b;
}

static tu_rect rect_intersect(tu_rect a, tu_rect b)
{
    int x0 = imax(a.x, b.x), y0 = imax(a.y, b.y);
    int x1 = imin(a.x + a.w, b.x + b.w), y1 = imin(a.y + a.h, b.y + b.h);
    return (tu_rect){x0, y0, imax(0, x1 - x0), imax(0, y1 - y0)};
}

static int rect_contains(tu_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

uint32_t tu_id(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h ? h : 1;
}

void tu_init(tu_ctx *ctx, tu_measure_fn measure, void *user)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->measure = measure;
    ctx->measure_user = user;
    ctx->digit = -1;
}

void tu_free(tu_ctx *ctx)
{
    free(ctx->cmds);
    free(ctx->recs);
    free(ctx->arena);
    ctx->cmds = NULL;
    ctx->recs = NULL;
    ctx->arena = NULL;
    ctx->cap_cmds = ctx->cap_recs = ctx->arena_cap = 0;
}

/* --- input --------------------------------------------------------------------------- */

void tu_input_mousemove(tu_ctx *ctx, int x, int y)
{
    ctx->mouse_x = x;
    ctx->mouse_y = y;
}

void tu_input_time(tu_ctx *ctx, uint32_t ms)
{
    ctx->event_ms = ms;
}

void tu_guard(tu_ctx *ctx, uint32_t ms)
{
    ctx->guard_on = 1;
    ctx->guard_until = ctx->event_ms + ms;
    ctx->guard_frames = 1;
    ctx->active = 0;      /* a press still held was made on the view before */
    ctx->need_redraw = 1; /* draw the new view at once: input waits for that frame */
}

int tu_guarded(const tu_ctx *ctx)
{
    return ctx->guard_on &&
           (ctx->guard_frames > 0 || (int32_t)(ctx->event_ms - ctx->guard_until) < 0);
}

void tu_input_mousedown(tu_ctx *ctx, int x, int y)
{
    tu_input_mousemove(ctx, x, y);
    ctx->kbd = 0;
    if (tu_guarded(ctx))
        return; /* too soon after the view changed: the press was meant for the last one */
    ctx->mouse_down = 1;
    ctx->mouse_pressed = 1;
}

void tu_input_mouseup(tu_ctx *ctx, int x, int y)
{
    tu_input_mousemove(ctx, x, y);
    ctx->mouse_down = 0;
    ctx->mouse_released = 1;
}

void tu_input_wheel(tu_ctx *ctx, int dy)
{
    ctx->wheel += dy;
}

void tu_input_key(tu_ctx *ctx, tu_key key)
{
    unsigned acting = TU_KEY_ENTER | TU_KEY_SPACE | TU_KEY_ESCAPE;
    unsigned k = (unsigned)key;
    ctx->kbd = 1;
    if (tu_guarded(ctx))
        k &= ~acting; /* moving focus is fine; acting on the new view is not */
    ctx->keys |= k;
}

void tu_input_digit(tu_ctx *ctx, int digit)
{
    ctx->kbd = 1;
    if (tu_guarded(ctx))
        return;
    if (digit >= 0 && digit <= 9)
        ctx->digit = digit;
}

void tu_input_text(tu_ctx *ctx, const char *utf8)
{
    size_t have = strlen(ctx->text), add = strlen(utf8);
    if (have + add >= sizeof ctx->text) { /* a long paste: what fits, whole characters */
        add = sizeof ctx->text - 1 - have;
        while (add > 0 && ((unsigned char)utf8[add] & 0xC0) == 0x80)
            add--;
    }
    memcpy(ctx->text + have, utf8, add);
    ctx->text[have + add] = 0;
}

/* --- frame --------------------------------------------------------------------------- */

const char *tu_strdup(tu_ctx *ctx, const char *s)
{
    size_t n = strlen(s) + 1;
    if (ctx->arena_used + n > ctx->arena_cap) {
        /* The arena cannot move during a frame (commands point into it), so a frame that
         * outgrows it is marked incomplete and the next frame starts with twice the room. */
        ctx->oom = 1;
        return "";
    }
    char *p = ctx->arena + ctx->arena_used;
    memcpy(p, s, n);
    ctx->arena_used += n;
    return p;
}

/* Notes the first misuse of a container this frame (tu_end reports it). */
static void fault(tu_ctx *ctx, const char *what)
{
    if (!ctx->fault_now)
        ctx->fault_now = what;
}

void tu_begin(tu_ctx *ctx, int w, int h, int64_t now_ms)
{
    if (ctx->oom || !ctx->arena) {
        size_t cap = ctx->arena_cap ? ctx->arena_cap * 2 : 64 * 1024;
        char *a = realloc(ctx->arena, cap);
        if (a) {
            ctx->arena = a;
            ctx->arena_cap = cap;
        }
    }
    ctx->oom = 0;
    ctx->arena_used = 0;
    ctx->n_cmds = 0;
    ctx->n_recs = 0;
    ctx->width = w;
    ctx->height = h;
    ctx->now_ms = now_ms;
    ctx->hot = 0;
    ctx->n_focus = 0;
    ctx->need_redraw = 0;
    ctx->wake_ms = 0;
    ctx->want_text = 0;
    ctx->clip = (tu_rect){0, 0, w, h};
    ctx->scroll_index = 0;
    ctx->layer = 0;
    ctx->blocked = 0;
    ctx->under = ctx->style.bg;
    ctx->card_active = 0;
    ctx->fault_now = NULL;
    if (ctx->mouse_pressed)
        ctx->press_scroll = 0; /* a scroll area claims the press if it is over it */
    tu_column(ctx, 0, 0, w);
}

static int focus_index(const uint32_t *order, int n, uint32_t id)
{
    for (int i = 0; i < n; i++)
        if (order[i] == id)
            return i;
    return -1;
}

void tu_focus_request(tu_ctx *ctx, const char *id)
{
    ctx->next_focus_req = tu_id(id);
    ctx->need_redraw = 1;
}

void tu_end(tu_ctx *ctx)
{
    int n = ctx->n_focus;
    /* the first misuse, else the innermost container still open */
    ctx->fault = ctx->fault_now      ? ctx->fault_now
                 : ctx->card_active  ? "a card left open"
                 : ctx->layer        ? "a dialog left open"
                 : ctx->scroll_index ? "a scroll area left open"
                                     : NULL;
    ctx->fault_now = NULL;
    ctx->focus_moved = 0;
    if (ctx->next_focus_req) {
        ctx->focus = ctx->next_focus_req;
        ctx->next_focus_req = 0;
        ctx->focus_moved = 1;
        ctx->need_redraw = 1;
    }
    if (ctx->focus != ctx->tf_focus)
        ctx->tf_focus = 0, ctx->tf_fresh = 0;
    if (n > 0 && (ctx->keys & (TU_KEY_TAB | TU_KEY_SHIFT_TAB))) {
        int i = focus_index(ctx->focus_order, n, ctx->focus);
        if (ctx->keys & TU_KEY_SHIFT_TAB)
            i = i < 0 ? n - 1 : (i + n - 1) % n;
        else
            i = i < 0 ? 0 : (i + 1) % n;
        ctx->focus = ctx->focus_order[i];
        ctx->focus_moved = 1;
        ctx->need_redraw = 1;
    }
    if (ctx->mouse_released)
        ctx->active = 0;
    if (ctx->mouse_released)
        ctx->dragging = 0;
    if (ctx->touch_lift) {
        ctx->mouse_x = ctx->mouse_y = -1;
        ctx->touch_lift = 0;
        ctx->need_redraw = 1;
    }
    if (ctx->guard_frames > 0)
        ctx->guard_frames--; /* the view the guard protects has now been drawn */
    memcpy(ctx->prev_focus_order, ctx->focus_order, sizeof ctx->focus_order);
    ctx->n_prev_focus = n;
    ctx->mouse_pressed = ctx->mouse_released = 0;
    ctx->wheel = 0;
    ctx->keys = 0;
    ctx->digit = -1;
    memset(ctx->text, 0, strlen(ctx->text)); /* it may have been a passphrase */
}

/* --- commands ------------------------------------------------------------------------ */

static tu_cmd *push_cmd(tu_ctx *ctx, tu_cmd_kind kind)
{
    if (ctx->n_cmds == ctx->cap_cmds) {
        size_t cap = ctx->cap_cmds ? ctx->cap_cmds * 2 : 512;
        tu_cmd *c = realloc(ctx->cmds, cap * sizeof *c);
        if (!c) {
            ctx->oom = 1;
            return NULL;
        }
        ctx->cmds = c;
        ctx->cap_cmds = cap;
    }
    tu_cmd *c = &ctx->cmds[ctx->n_cmds++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->clip = ctx->clip;
    return c;
}

void tu_draw_fill(tu_ctx *ctx, tu_rect r, tu_color c, int radius)
{
    tu_cmd *cmd = push_cmd(ctx, TU_CMD_FILL);
    if (cmd) {
        cmd->rect = r;
        cmd->color = c;
        cmd->radius = radius;
    }
}

void tu_draw_frame(tu_ctx *ctx, tu_rect r, tu_color c, tu_color inside, int radius, int thick)
{
    tu_draw_fill(ctx, r, c, radius);
    tu_draw_fill(ctx, (tu_rect){r.x + thick, r.y + thick, r.w - 2 * thick, r.h - 2 * thick}, inside,
                 imax(0, radius - thick));
}

void tu_draw_text(tu_ctx *ctx, tu_rect r, tu_font font, int size, int wrap, tu_color c,
                  const char *text)
{
    if (!text[0])
        return;
    tu_cmd *cmd = push_cmd(ctx, TU_CMD_TEXT);
    if (cmd) {
        cmd->rect = r;
        cmd->font = font;
        cmd->size = size;
        cmd->wrap = wrap;
        cmd->color = c;
        cmd->text = tu_strdup(ctx, text);
    }
}

void tu_draw_line(tu_ctx *ctx, int x0, int y0, int x1, int y1, tu_color c)
{
    tu_cmd *cmd = push_cmd(ctx, TU_CMD_LINE);
    if (cmd) {
        cmd->rect = (tu_rect){x0, y0, x1 - x0, y1 - y0};
        cmd->color = c;
    }
}

/* --- records and interaction --------------------------------------------------------- */

static tu_record *record(tu_ctx *ctx, const char *id, tu_kind kind, tu_rect r, const char *label)
{
    if (ctx->n_recs == ctx->cap_recs) {
        size_t cap = ctx->cap_recs ? ctx->cap_recs * 2 : 128;
        tu_record *p = realloc(ctx->recs, cap * sizeof *p);
        if (!p) {
            ctx->oom = 1;
            return NULL;
        }
        ctx->recs = p;
        ctx->cap_recs = cap;
    }
    tu_record *rec = &ctx->recs[ctx->n_recs++];
    memset(rec, 0, sizeof *rec);
    snprintf(rec->id, sizeof rec->id, "%s", id);
    rec->kind = kind;
    rec->rect = r;
    rec->clip = ctx->clip;
    rec->label = tu_strdup(ctx, label ? label : "");
    rec->scroll = ctx->scroll_index;
    rec->layer = ctx->layer;
    tu_rect vis = rect_intersect(r, ctx->clip);
    if (vis.w != r.w || vis.h != r.h)
        rec->state |= TU_ST_CLIPPED;
    return rec;
}

static tu_scroll *current_scroll(tu_ctx *ctx)
{
    return ctx->scroll_index ? &ctx->scrolls[ctx->scroll_index - 1] : NULL;
}

/* Hot/active/focus handling shared by every interactive widget. Returns 1 when clicked
 * (released over it after pressing on it) or activated from the keyboard. */
static int interact(tu_ctx *ctx, uint32_t id, tu_rect r, tu_record *rec, unsigned keys)
{
    tu_rect vis = rect_intersect(r, ctx->clip);
    int clicked = 0;
    if (ctx->n_focus < (int)(sizeof ctx->focus_order / sizeof ctx->focus_order[0]) && !ctx->blocked)
        ctx->focus_order[ctx->n_focus++] = id;
    if (rec)
        rec->focusable = 1;
    if (ctx->blocked)
        return 0;
    int over = rect_contains(vis, ctx->mouse_x, ctx->mouse_y);
    if (over && (!ctx->active || ctx->active == id))
        ctx->hot = id;
    if (over && ctx->mouse_pressed) {
        ctx->active = id;
        ctx->focus = id;
    }
    if (ctx->active == id && ctx->mouse_released && over && !ctx->dragging)
        clicked = 1;
    if (ctx->focus == id && (ctx->keys & keys))
        clicked = 1;
    /* Keyboard focus moved here: scroll it into view. */
    tu_scroll *s = current_scroll(ctx);
    if (s && ctx->focus_moved && ctx->focus == id) {
        if (r.y < s->view.y)
            s->offset -= s->view.y - r.y + ctx->style.gap;
        else if (r.y + r.h > s->view.y + s->view.h)
            s->offset += r.y + r.h - (s->view.y + s->view.h) + ctx->style.gap;
        ctx->need_redraw = 1;
    }
    if (rec) {
        if (ctx->hot == id)
            rec->state |= TU_ST_HOT;
        if (ctx->active == id)
            rec->state |= TU_ST_ACTIVE;
        if (ctx->focus == id)
            rec->state |= TU_ST_FOCUS;
    }
    return clicked;
}

static void focus_ring(tu_ctx *ctx, uint32_t id, tu_rect r, int radius)
{
    if (ctx->focus != id)
        return;
    int t = imax(2, (int)(3 * ctx->style.scale + 0.5f));
    tu_rect o = {r.x - 2 * t, r.y - 2 * t, r.w + 4 * t, r.h + 4 * t};
    tu_draw_frame(ctx, o, ctx->style.focus, ctx->under, radius + 2 * t, t);
}

/* --- layout -------------------------------------------------------------------------- */

void tu_column(tu_ctx *ctx, int x, int y, int w)
{
    ctx->lx = x;
    ctx->ly = y;
    ctx->lw = w;
}

tu_rect tu_next(tu_ctx *ctx, int h)
{
    tu_rect r = {ctx->lx, ctx->ly, ctx->lw, h};
    ctx->ly += h + ctx->style.gap;
    return r;
}

void tu_space(tu_ctx *ctx, int h)
{
    ctx->ly += h;
}

tu_rect tu_split(const tu_ctx *ctx, tu_rect r, int n, int i)
{
    assert(n > 0 && i >= 0 && i < n);
    int g = ctx->style.gap;
    int w = (r.w - g * (n - 1)) / n;
    return (tu_rect){r.x + i * (w + g), r.y, w, r.h};
}

int tu_text_height(tu_ctx *ctx, tu_font font, int size, int w, const char *text)
{
    int tw = 0, th = 0;
    if (!text[0])
        return 0;
    ctx->measure(ctx->measure_user, font, size, w, text, &tw, &th);
    return th;
}

int tu_text_width(tu_ctx *ctx, tu_font font, int size, const char *text)
{
    int tw = 0, th = 0;
    if (!text[0])
        return 0;
    ctx->measure(ctx->measure_user, font, size, 0, text, &tw, &th);
    return tw;
}

/* --- widgets ------------------------------------------------------------------------- */

static void wrapped(tu_ctx *ctx, const char *id, tu_font font, int size, tu_color c,
                    const char *text);

void tu_label(tu_ctx *ctx, const char *id, tu_font font, int size, tu_color c, const char *text)
{
    int tw = 0, th = 0;
    ctx->measure(ctx->measure_user, font, size, 0, text, &tw, &th);
    if (tw > ctx->lw && ctx->lw > 0) { /* reflow: large text on a small screen wraps */
        wrapped(ctx, id, font, size, c, text);
        return;
    }
    tu_rect r = tu_next(ctx, th);
    tu_record *rec = record(ctx, id, TU_W_LABEL, r, text);
    if (rec && tw > r.w)
        rec->state |= TU_ST_OVERFLOW;
    tu_draw_text(ctx, r, font, size, 0, c, text);
}

void tu_label_at(tu_ctx *ctx, const char *id, tu_rect r, tu_font font, int size, tu_color c,
                 int right, const char *text)
{
    int tw = 0, th = 0;
    ctx->measure(ctx->measure_user, font, size, 0, text, &tw, &th);
    tu_record *rec = record(ctx, id, TU_W_LABEL, r, text);
    if (rec && (tw > r.w || th > r.h))
        rec->state |= TU_ST_OVERFLOW;
    int x = right ? r.x + r.w - tw : r.x;
    tu_draw_text(ctx, (tu_rect){x, r.y + (r.h - th) / 2, tw, th}, font, size, 0, c, text);
}

void tu_pair_row(tu_ctx *ctx, const char *id, const char *left, const char *right,
                 tu_color right_color)
{
    const tu_style *st = &ctx->style;
    int ls = st->font_size[TU_FONT_STRONG], rs = st->title_size * 4 / 5;
    int lw = tu_text_width(ctx, TU_FONT_STRONG, ls, left);
    int rw = tu_text_width(ctx, TU_FONT_STRONG, rs, right);
    int rh = tu_text_height(ctx, TU_FONT_STRONG, rs, 0, right);
    char lid[80], rid[80];
    snprintf(lid, sizeof lid, "%s.name", id);
    snprintf(rid, sizeof rid, "%s.value", id);
    if (lw + rw + 2 * st->gap <= ctx->lw) {
        tu_rect r = tu_next(ctx, rh);
        tu_label_at(ctx, lid, (tu_rect){r.x, r.y, r.w - rw - st->gap, r.h}, TU_FONT_STRONG, ls,
                    st->text, 0, left);
        tu_label_at(ctx, rid, (tu_rect){r.x + r.w - rw, r.y, rw, r.h}, TU_FONT_STRONG, rs,
                    right_color, 1, right);
        return;
    }
    wrapped(ctx, lid, TU_FONT_STRONG, ls, st->text, left);
    tu_label(ctx, rid, TU_FONT_STRONG, rs, right_color, right);
}

static void wrapped(tu_ctx *ctx, const char *id, tu_font font, int size, tu_color c,
                    const char *text)
{
    int tw = 0, th = 0;
    ctx->measure(ctx->measure_user, font, size, ctx->lw, text, &tw, &th);
    tu_rect r = tu_next(ctx, th);
    tu_record *rec = record(ctx, id, TU_W_PARAGRAPH, r, text);
    if (rec && tw > r.w)
        rec->state |= TU_ST_OVERFLOW; /* a word longer than the line */
    tu_draw_text(ctx, r, font, size, ctx->lw, c, text);
}

void tu_paragraph(tu_ctx *ctx, const char *id, const char *text)
{
    wrapped(ctx, id, TU_FONT_BODY, ctx->style.font_size[TU_FONT_BODY], ctx->style.text, text);
}

void tu_note(tu_ctx *ctx, const char *id, const char *text)
{
    wrapped(ctx, id, TU_FONT_BODY, ctx->style.small_size, ctx->style.text_muted, text);
}

/* Marks the widget just recorded (what screen readers are told it is: tu_a11y). */
static void mark_last(tu_ctx *ctx, unsigned state)
{
    if (ctx->n_recs > 0)
        ctx->recs[ctx->n_recs - 1].state |= state;
}

void tu_title(tu_ctx *ctx, const char *id, const char *text)
{
    wrapped(ctx, id, TU_FONT_STRONG, ctx->style.title_size, ctx->style.text, text);
    mark_last(ctx, TU_ST_HEADING);
}

void tu_alert(tu_ctx *ctx, const char *id, const char *text)
{
    tu_paragraph(ctx, id, text);
    mark_last(ctx, TU_ST_ALERT);
}

/* Draws a centred label inside r (wrapping when it must), recording overflow. */
static void box_text(tu_ctx *ctx, tu_record *rec, tu_rect r, int left, tu_font font, tu_color c,
                     const char *text)
{
    int pad = ctx->style.pad;
    int size = ctx->style.font_size[font];
    int avail = r.w - 2 * pad;
    int tw = 0, th = 0;
    ctx->measure(ctx->measure_user, font, size, 0, text, &tw, &th);
    int wrap = 0;
    if (tw > avail) {
        wrap = avail;
        ctx->measure(ctx->measure_user, font, size, wrap, text, &tw, &th);
    }
    /* a box of fixed size (a footer's buttons) with large text: the text steps down to what
     * fits, never below 2/3 of the chosen size */
    for (int min = size * 2 / 3; (tw > avail || th > r.h - pad / 2) && size > min;) {
        size -= imax(1, size / 16);
        ctx->measure(ctx->measure_user, font, size, 0, text, &tw, &th);
        wrap = 0;
        if (tw > avail) {
            wrap = avail;
            ctx->measure(ctx->measure_user, font, size, wrap, text, &tw, &th);
        }
    }
    if (rec && (tw > avail || th > r.h - pad / 2))
        rec->state |= TU_ST_OVERFLOW;
    int x = left ? r.x + pad : r.x + (r.w - tw) / 2;
    tu_draw_text(ctx, (tu_rect){x, r.y + (r.h - th) / 2, tw, th}, font, size, wrap, c, text);
}

int tu_button_at(tu_ctx *ctx, const char *id, tu_rect r, tu_button_look look, const char *label)
{
    uint32_t wid = tu_id(id);
    tu_record *rec = record(ctx, id, TU_W_BUTTON, r, label);
    int clicked = interact(ctx, wid, r, rec, TU_KEY_ENTER | TU_KEY_SPACE);
    const tu_style *st = &ctx->style;
    tu_color bg = st->primary, fg = st->primary_text;
    if (look == TU_LOOK_SECONDARY) {
        bg = st->surface_alt;
        fg = st->text;
    } else if (look == TU_LOOK_DANGER) {
        bg = st->danger;
        fg = st->danger_text;
    }
    focus_ring(ctx, wid, r, st->radius);
    if (look == TU_LOOK_SECONDARY)
        tu_draw_frame(ctx, r, ctx->hot == wid ? st->primary : st->border, bg, st->radius,
                      imax(1, (int)st->scale));
    else
        tu_draw_fill(ctx, r, bg, st->radius);
    if (ctx->active == wid && ctx->hot == wid)
        tu_draw_fill(ctx, r, (tu_color){0, 0, 0, 24}, st->radius);
    else if (ctx->hot == wid && look != TU_LOOK_SECONDARY)
        tu_draw_fill(ctx, r, (tu_color){255, 255, 255, 28}, st->radius);
    box_text(ctx, rec, r, 0, TU_FONT_STRONG, fg, label);
    return clicked;
}

int tu_link_at(tu_ctx *ctx, const char *id, tu_rect r, tu_font font, int size, tu_color c,
               const char *label)
{
    uint32_t wid = tu_id(id);
    tu_record *rec = record(ctx, id, TU_W_BUTTON, r, label);
    int clicked = interact(ctx, wid, r, rec, TU_KEY_ENTER | TU_KEY_SPACE);
    int tw = 0, th = 0;
    ctx->measure(ctx->measure_user, font, size, 0, label, &tw, &th);
    if (rec && (tw > r.w || th > r.h))
        rec->state |= TU_ST_OVERFLOW;
    focus_ring(ctx, wid, r, ctx->style.radius);
    tu_rect t = {r.x, r.y + (r.h - th) / 2, tw, th};
    tu_draw_text(ctx, t, font, size, 0, c, label);
    if (ctx->hot == wid) /* underlined under the pointer, as a link */
        tu_draw_fill(ctx, (tu_rect){t.x, t.y + th, tw, imax(1, (int)ctx->style.scale)}, c, 0);
    return clicked;
}

/* Height a full-width control needs for label at the column width. */
static int control_height(tu_ctx *ctx, tu_font font, const char *label, int extra)
{
    int avail = ctx->lw - 2 * ctx->style.pad - extra;
    int th = tu_text_height(ctx, font, ctx->style.font_size[font], avail, label);
    return imax(ctx->style.target, th + ctx->style.pad * 3 / 2);
}

tu_rect tu_next_row(tu_ctx *ctx, int n, const char *const *labels)
{
    int lw = ctx->lw, h = ctx->style.target;
    ctx->lw = (lw - ctx->style.gap * (n - 1)) / n;
    for (int i = 0; i < n; i++)
        h = imax(h, control_height(ctx, TU_FONT_STRONG, labels[i], 0));
    ctx->lw = lw;
    return tu_next(ctx, h);
}

int tu_button(tu_ctx *ctx, const char *id, tu_button_look look, const char *label)
{
    return tu_button_at(ctx, id, tu_next(ctx, control_height(ctx, TU_FONT_STRONG, label, 0)), look,
                        label);
}

/* Options and radios move focus among their neighbours with Up/Down. */
static void list_arrows(tu_ctx *ctx, uint32_t id)
{
    if (ctx->focus != id || !(ctx->keys & (TU_KEY_UP | TU_KEY_DOWN)))
        return;
    int i = focus_index(ctx->prev_focus_order, ctx->n_prev_focus, id);
    if (i < 0)
        return;
    int j = (ctx->keys & TU_KEY_UP) ? i - 1 : i + 1;
    if (j >= 0 && j < ctx->n_prev_focus) {
        ctx->focus = ctx->prev_focus_order[j];
        ctx->focus_moved = 1;
        ctx->need_redraw = 1;
    }
    ctx->keys &= ~(unsigned)(TU_KEY_UP | TU_KEY_DOWN);
}

int tu_room_below(const tu_ctx *ctx)
{
    const tu_scroll *s = ctx->scroll_index ? &ctx->scrolls[ctx->scroll_index - 1] : NULL;
    int bottom = s ? s->view.y + s->view.h : ctx->height;
    return bottom - (ctx->ly + (s ? s->offset : 0)); /* as if not scrolled: a stable answer */
}

static int choice(tu_ctx *ctx, const char *id, tu_kind kind, const char *label, int selected,
                  int key)
{
    const tu_style *st = &ctx->style;
    int mark = st->target / 2;
    /* the number key that picks it, in a small key cap at the right end */
    char kt[2] = {(char)('0' + key), 0};
    int kw =
        key >= 1 && key <= 9 ? tu_text_width(ctx, TU_FONT_STRONG, st->small_size, kt) + st->pad : 0;
    int kroom = kw ? kw + st->pad : 0;
    tu_rect r = tu_next(ctx, imax(ctx->choice_min_h, control_height(ctx, TU_FONT_BODY, label,
                                                                    mark + st->pad + kroom)));
    uint32_t wid = tu_id(id);
    tu_record *rec = record(ctx, id, kind, r, label);
    list_arrows(ctx, wid);
    int clicked = interact(ctx, wid, r, rec, TU_KEY_ENTER | TU_KEY_SPACE);
    if (rec && selected)
        rec->state |= TU_ST_SELECTED;
    tu_color bg = selected ? st->selected : st->surface;
    tu_color fg = selected ? st->selected_text : st->text;
    focus_ring(ctx, wid, r, st->radius);
    tu_draw_frame(ctx, r, selected || ctx->hot == wid ? st->primary : st->border, bg, st->radius,
                  imax(1, (int)(st->scale * (selected ? 2 : 1))));
    /* the mark: a circle for a single choice, a rounded square for a checkbox */
    int rad = kind == TU_W_CHECKBOX ? mark / 5 : mark / 2;
    tu_rect m = {r.x + st->pad, r.y + (r.h - mark) / 2, mark, mark};
    tu_draw_frame(ctx, m, selected ? fg : st->text_muted, bg, rad, imax(2, (int)(2 * st->scale)));
    if (selected) {
        int in = mark / 4;
        tu_draw_fill(ctx, (tu_rect){m.x + in, m.y + in, mark - 2 * in, mark - 2 * in}, fg,
                     kind == TU_W_CHECKBOX ? 1 : (mark - 2 * in) / 2);
    }
    tu_rect tr = {r.x + mark + st->pad, r.y, r.w - mark - st->pad - kroom, r.h};
    box_text(ctx, rec, tr, 1, TU_FONT_BODY, fg, label);
    if (kw) {
        char kid[sizeof rec->id + 8];
        int kh = imax(mark, st->small_size + st->pad / 2);
        tu_rect k = {r.x + r.w - st->pad - kw, r.y + (r.h - kh) / 2, kw, kh};
        tu_draw_frame(ctx, k, selected ? fg : st->text_muted, bg, st->radius / 2,
                      imax(1, (int)st->scale));
        snprintf(kid, sizeof kid, "%s.key", id);
        tu_label_at(ctx, kid, (tu_rect){k.x + st->pad / 2, k.y, kw - st->pad, kh}, TU_FONT_STRONG,
                    st->small_size, selected ? fg : st->text_muted, 0, kt);
        mark_last(ctx, TU_ST_KEYCAP);
    }
    return clicked;
}

int tu_option(tu_ctx *ctx, const char *id, const char *label, int selected)
{
    return choice(ctx, id, TU_W_OPTION, label, selected, 0);
}

int tu_option_key(tu_ctx *ctx, const char *id, const char *label, int selected, int key)
{
    return choice(ctx, id, TU_W_OPTION, label, selected, key);
}

int tu_radio(tu_ctx *ctx, const char *id, const char *label, int selected)
{
    return choice(ctx, id, TU_W_RADIO, label, selected, 0);
}

int tu_checkbox_key(tu_ctx *ctx, const char *id, const char *label, int *checked, int key)
{
    if (choice(ctx, id, TU_W_CHECKBOX, label, *checked, key)) {
        *checked = !*checked;
        return 1;
    }
    return 0;
}

int tu_checkbox(tu_ctx *ctx, const char *id, const char *label, int *checked)
{
    return tu_checkbox_key(ctx, id, label, checked, 0);
}

int tu_slider(tu_ctx *ctx, const char *id, const char *label, int *value)
{
    const tu_style *st = &ctx->style;
    char buf[160];
    snprintf(buf, sizeof buf, "%s: %d", label, *value);
    tu_label(ctx, "", TU_FONT_BODY, st->font_size[TU_FONT_BODY], st->text, buf);
    tu_rect r = tu_next(ctx, st->target);
    uint32_t wid = tu_id(id);
    tu_record *rec = record(ctx, id, TU_W_SLIDER, r, label);
    interact(ctx, wid, r, rec, 0);
    int old = *value;
    int knob = st->target * 2 / 3;
    int x0 = r.x + knob / 2, span = imax(1, r.w - knob);
    if (ctx->active == wid && ctx->mouse_down && !ctx->blocked)
        *value = (ctx->mouse_x - x0) * 100 / span;
    if (ctx->focus == wid) {
        if (ctx->keys & TU_KEY_LEFT)
            *value -= 1;
        if (ctx->keys & TU_KEY_RIGHT)
            *value += 1;
        if (ctx->keys & TU_KEY_HOME)
            *value = 0;
        if (ctx->keys & TU_KEY_END)
            *value = 100;
    }
    *value = imax(0, imin(100, *value));
    int th = imax(4, (int)(6 * st->scale));
    tu_rect track = {x0, r.y + (r.h - th) / 2, span, th};
    tu_draw_fill(ctx, track, st->track, th / 2);
    tu_draw_fill(ctx, (tu_rect){track.x, track.y, span * *value / 100, th}, st->primary, th / 2);
    tu_rect k = {x0 + span * *value / 100 - knob / 2, r.y + (r.h - knob) / 2, knob, knob};
    focus_ring(ctx, wid, k, knob / 2);
    tu_draw_fill(ctx, k, st->primary, knob / 2);
    return *value != old;
}

/* Removes the last UTF-8 character of buf. */
void tu_progress(tu_ctx *ctx, const char *id, float fraction, const char *label)
{
    const tu_style *st = &ctx->style;
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    if (label && label[0])
        tu_label(ctx, id, TU_FONT_BODY, st->small_size, st->text_muted, label);
    int h = imax(6, (int)(8 * st->scale));
    tu_rect r = tu_next(ctx, h);
    char idbuf[72];
    snprintf(idbuf, sizeof idbuf, "%s.bar", id);
    record(ctx, idbuf, TU_W_PROGRESS, r, label);
    tu_draw_fill(ctx, r, st->track, h / 2);
    tu_draw_fill(ctx, (tu_rect){r.x, r.y, (int)(r.w * fraction), h}, st->primary, h / 2);
}

void tu_card_begin(tu_ctx *ctx, const char *id)
{
    if (ctx->card_active)
        fault(ctx, "a card opened inside a card");
    const tu_style *st = &ctx->style;
    ctx->card_active = 1;
    ctx->card_y = ctx->ly;
    ctx->card_cmd = ctx->n_cmds;
    tu_draw_fill(ctx, (tu_rect){0, 0, 0, 0}, st->surface, st->radius); /* sized at end */
    tu_draw_fill(ctx, (tu_rect){0, 0, 0, 0}, st->surface, st->radius);
    record(ctx, id, TU_W_CARD, (tu_rect){ctx->lx, ctx->ly, ctx->lw, 0}, "");
    ctx->saved_lx = ctx->lx;
    ctx->saved_lw = ctx->lw;
    ctx->lx += st->pad + st->pad / 2;
    ctx->lw -= 2 * (st->pad + st->pad / 2);
    ctx->ly += st->pad + st->pad / 2;
    ctx->under = st->surface;
}

void tu_card_end(tu_ctx *ctx)
{
    if (!ctx->card_active)
        fault(ctx, "a card closed that was not open");
    const tu_style *st = &ctx->style;
    ctx->card_active = 0;
    ctx->ly += st->pad + st->pad / 2 - st->gap;
    ctx->lx = ctx->saved_lx;
    ctx->lw = ctx->saved_lw;
    tu_rect r = {ctx->lx, ctx->card_y, ctx->lw, ctx->ly - ctx->card_y};
    int b = imax(1, (int)st->scale);
    if (ctx->card_cmd + 1 < ctx->n_cmds) {
        ctx->cmds[ctx->card_cmd].rect = r;
        ctx->cmds[ctx->card_cmd].color = st->border;
        ctx->cmds[ctx->card_cmd + 1].rect = (tu_rect){r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b};
    }
    for (size_t i = ctx->n_recs; i-- > 0;)
        if (ctx->recs[i].kind == TU_W_CARD && ctx->recs[i].rect.h == 0) {
            ctx->recs[i].rect = r;
            break;
        }
    ctx->ly += st->gap;
    ctx->under = st->bg;
}

static tu_scroll *find_scroll(tu_ctx *ctx, uint32_t id)
{
    for (int i = 0; i < ctx->n_scrolls; i++)
        if (ctx->scrolls[i].id == id)
            return &ctx->scrolls[i];
    if (ctx->n_scrolls == TU_MAX_SCROLL)
        ctx->n_scrolls = 0; /* forget old areas rather than fail */
    tu_scroll *s = &ctx->scrolls[ctx->n_scrolls++];
    memset(s, 0, sizeof *s);
    s->id = id;
    return s;
}

void tu_scroll_begin(tu_ctx *ctx, const char *id, tu_rect r)
{
    if (ctx->scroll_index)
        fault(ctx, "a scroll area opened inside a scroll area");
    tu_scroll *s = find_scroll(ctx, tu_id(id));
    s->view = r;
    int max = imax(0, s->content - r.h);
    int over = rect_contains(r, ctx->mouse_x, ctx->mouse_y);
    if (over && ctx->wheel && !ctx->blocked)
        s->offset -= ctx->wheel * (int)(48 * ctx->style.scale);
    /* A finger or mouse dragging more than a few px scrolls and cancels the press. */
    if (ctx->mouse_pressed && over) {
        ctx->press_x = ctx->mouse_x;
        ctx->press_y = ctx->mouse_y;
        ctx->press_offset = s->offset;
        ctx->press_scroll = (int)(s - ctx->scrolls) + 1;
    }
    if (ctx->mouse_down && ctx->press_scroll == (int)(s - ctx->scrolls) + 1 && max > 0 &&
        !ctx->blocked) {
        int dy = ctx->mouse_y - ctx->press_y;
        if (ctx->dragging || dy > 12 * ctx->style.scale || dy < -12 * ctx->style.scale) {
            ctx->dragging = 1;
            s->offset = ctx->press_offset - dy;
        }
    }
    if (s->offset > max)
        s->offset = max;
    if (s->offset < 0)
        s->offset = 0;
    ctx->scroll_index = (int)(s - ctx->scrolls) + 1;
    ctx->saved_lx = ctx->lx;
    ctx->saved_ly = ctx->ly;
    ctx->saved_lw = ctx->lw;
    ctx->clip = r;
    record(ctx, id, TU_W_SCROLL, r, "");
    ctx->ly = r.y - s->offset;
}

void tu_scroll_end(tu_ctx *ctx)
{
    tu_scroll *s = current_scroll(ctx);
    if (!s) {
        fault(ctx, "a scroll area closed that was not open");
        return;
    }
    s->content = ctx->ly - (s->view.y - s->offset);
    int max = imax(0, s->content - s->view.h);
    if (max > 0) {
        /* a thin scroll bar: where you are and that there is more */
        int w = imax(4, (int)(5 * ctx->style.scale));
        int bh = imax(w * 4, s->view.h * s->view.h / s->content);
        int by = s->view.y + (s->view.h - bh) * s->offset / max;
        tu_draw_fill(ctx, (tu_rect){s->view.x + s->view.w - w - 2, by, w, bh},
                     ctx->style.text_muted, w / 2);
    }
    if (s->offset > max) {
        s->offset = max;
        ctx->need_redraw = 1;
    }
    ctx->scroll_index = 0;
    ctx->clip = (tu_rect){0, 0, ctx->width, ctx->height};
    ctx->lx = ctx->saved_lx;
    ctx->ly = ctx->saved_ly;
    ctx->lw = ctx->saved_lw;
}

void tu_dialog_begin(tu_ctx *ctx, const char *id, int w)
{
    if (ctx->layer)
        fault(ctx, "a dialog opened inside a dialog");
    const tu_style *st = &ctx->style;
    ctx->blocked = 0;
    ctx->layer = 1;
    ctx->clip = (tu_rect){0, 0, ctx->width, ctx->height};
    tu_draw_fill(ctx, ctx->clip, (tu_color){20, 28, 36, 140}, 0);
    w = imin(w, ctx->width - 2 * st->gap);
    int h = ctx->dialog_h > 0 ? ctx->dialog_h : ctx->height;
    h = imin(h, ctx->height - 2 * st->gap);
    tu_rect r = {(ctx->width - w) / 2, (ctx->height - h) / 2, w, h};
    record(ctx, id, TU_W_DIALOG, r, "");
    tu_draw_fill(ctx, r, st->surface, st->radius);
    ctx->under = st->surface;
    /* The content scrolls when the window is too low for it (800x480). */
    char sid[80];
    snprintf(sid, sizeof sid, "%s.scroll", id);
    tu_scroll_begin(ctx, sid, (tu_rect){r.x, r.y + st->pad, r.w, r.h - 2 * st->pad});
    tu_column(ctx, r.x + 2 * st->pad, ctx->ly + st->pad, r.w - 4 * st->pad);
}

void tu_dialog_end(tu_ctx *ctx)
{
    tu_scroll *s = current_scroll(ctx);
    if (!ctx->layer || !s) {
        fault(ctx, "a dialog closed that was not open");
        return;
    }
    ctx->ly += ctx->style.pad - ctx->style.gap;
    tu_scroll_end(ctx);
    int h = s->content + 2 * ctx->style.pad;
    if (h != ctx->dialog_h) {
        ctx->dialog_h = h; /* first frame, or content changed: lay out again */
        ctx->need_redraw = 1;
    }
    ctx->under = ctx->style.bg;
    ctx->layer = 0;
}

void tu_chart(tu_ctx *ctx, const char *id, int h, const tu_chart_desc *d)
{
    const tu_style *st = &ctx->style;
    if (d->label && d->label[0]) /* wrapped: a narrow column must not cut the title */
        wrapped(ctx, "", TU_FONT_STRONG, st->font_size[TU_FONT_BODY], st->text, d->label);
    tu_rect r = tu_next(ctx, h);
    record(ctx, id, TU_W_CHART, r, d->label);
    float span = d->max - d->min;
    if (span <= 0)
        span = 1;
#define YOF(v) (r.y + r.h - (int)(((v)-d->min) / span * (float)r.h))
    tu_draw_fill(ctx, r, st->surface, st->radius / 2);
    float lo = d->min;
    for (int i = 0; i < d->n_bands; i++) {
        float hi = d->bands[i] < d->max ? d->bands[i] : d->max;
        int y0 = YOF(hi), y1 = YOF(lo);
        tu_draw_fill(ctx, (tu_rect){r.x, y0, r.w, y1 - y0}, st->band[i % 4], 0);
        lo = hi;
    }
    if (d->threshold >= d->min && d->threshold <= d->max) {
        int y = YOF(d->threshold);
        int dash = imax(6, (int)(8 * st->scale));
        for (int x = r.x; x < r.x + r.w; x += 2 * dash)
            tu_draw_fill(ctx,
                         (tu_rect){x, y - 1, imin(dash, r.x + r.w - x), imax(2, (int)st->scale)},
                         st->text_muted, 0);
    }
    int n = d->n_values;
    int px = -1, py = -1;
    for (int i = 0; i < n; i++) {
        if (d->values[i] < 0) {
            px = -1;
            continue;
        }
        int x = n > 1 ? r.x + st->pad + i * (r.w - 2 * st->pad) / (n - 1) : r.x + r.w / 2;
        int y = YOF(d->values[i]);
        if (px >= 0)
            for (int t = -1; t <= 1; t++)
                tu_draw_line(ctx, px, py + t, x, y + t, st->primary);
        int dot = imax(6, (int)(8 * st->scale));
        tu_draw_fill(ctx, (tu_rect){x - dot / 2, y - dot / 2, dot, dot}, st->primary, dot / 2);
        for (int m = 0; m < d->n_markers; m++)
            if (d->markers[m] == i)
                tu_draw_frame(ctx, (tu_rect){x - dot, y - dot, 2 * dot, 2 * dot}, st->accent,
                              st->surface, dot, imax(2, (int)st->scale));
        px = x;
        py = y;
    }
#undef YOF
}

const tu_record *tu_find(const tu_ctx *ctx, const char *s)
{
    for (size_t i = 0; i < ctx->n_recs; i++)
        if (ctx->recs[i].id[0] && strcmp(ctx->recs[i].id, s) == 0)
            return &ctx->recs[i];
    for (size_t i = 0; i < ctx->n_recs; i++)
        if (strcmp(ctx->recs[i].label, s) == 0)
            return &ctx->recs[i];
    return NULL;
}

int tu_check_layout(const tu_ctx *ctx, char *buf, size_t size)
{
    int problems = 0;
    buf[0] = 0;
    for (size_t i = 0; i < ctx->n_recs; i++) {
        const tu_record *a = &ctx->recs[i];
        if (a->state & TU_ST_OVERFLOW) {
            if (!problems++)
                snprintf(buf, size, "text overflows its box: %s \"%s\" at %d,%d %dx%d",
                         tu_kind_name(a->kind), a->label, a->rect.x, a->rect.y, a->rect.w,
                         a->rect.h);
        }
        tu_rect va = rect_intersect(a->rect, a->clip);
        if (va.w > 0 && va.h > 0 && a->kind != TU_W_SCROLL && a->kind != TU_W_DIALOG &&
            (va.x < 0 || va.y < 0 || va.x + va.w > ctx->width || va.y + va.h > ctx->height)) {
            if (!problems++)
                snprintf(buf, size, "outside the window: %s \"%s\"", tu_kind_name(a->kind),
                         a->label);
        }
        if (!a->focusable)
            continue;
        for (size_t j = i + 1; j < ctx->n_recs; j++) {
            const tu_record *b = &ctx->recs[j];
            if (!b->focusable || b->layer != a->layer)
                continue;
            tu_rect vb = rect_intersect(b->rect, b->clip);
            tu_rect o = rect_intersect(va, vb);
            if (o.w > 0 && o.h > 0) {
                if (!problems++)
                    snprintf(buf, size, "widgets overlap: \"%s\" and \"%s\"", a->label, b->label);
            }
        }
    }
    return problems;
}

const char *tu_kind_name(tu_kind kind)
{
    static const char *const names[] = {"label",    "paragraph", "button",    "option",   "radio",
                                        "checkbox", "slider",    "textfield", "progress", "card",
                                        "dialog",   "chart",     "scroll"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

/* --- shared with tu_field.c and tu_errors.c (tu_ui_priv.h) ---------------------------- */

tu_record *tu_priv_record(tu_ctx *ctx, const char *id, tu_kind kind, tu_rect r, const char *label)
{
    return record(ctx, id, kind, r, label);
}

int tu_priv_interact(tu_ctx *ctx, uint32_t id, tu_rect r, tu_record *rec, unsigned keys)
{
    return interact(ctx, id, r, rec, keys);
}

void tu_priv_focus_ring(tu_ctx *ctx, uint32_t id, tu_rect r, int radius)
{
    focus_ring(ctx, id, r, radius);
}

tu_rect tu_priv_intersect(tu_rect a, tu_rect b)
{
    return rect_intersect(a, b);
}
