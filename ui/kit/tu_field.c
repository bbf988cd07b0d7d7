/* tu_field: text fields, one line or wrapping and growing; see tu_ui.h. No SDL in here. */
#include "tu_ui.h"
#include "tu_ui_priv.h"

#include <stdio.h>
#include <string.h>

#define MAX_LINES 400 /* a 4,000-character answer at 10 characters a line */

static int imax(int a, int b)
{
    return a > b ? a : b;
}

int tu_utf8_count(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void utf8_pop(char *buf)
{
    size_t n = strlen(buf);
    while (n > 0) {
        n--;
        if (((unsigned char)buf[n] & 0xC0) != 0x80)
            break;
    }
    buf[n] = 0;
}

/* Bytes of the UTF-8 character starting at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

/* Appends `add` to buf character by character while it fits size and max_chars; control
 * characters become spaces. Returns 1 when some of it did not fit. */
static int append(char *buf, size_t size, int max_chars, const char *add)
{
    size_t have = strlen(buf);
    int chars = tu_utf8_count(buf);
    while (*add) {
        size_t n = char_len(add);
        if (have + n >= size || (max_chars > 0 && chars >= max_chars)) {
            buf[have] = 0;
            return 1;
        }
        for (size_t i = 0; i < n; i++)
            buf[have + i] = (unsigned char)add[i] < 0x20 || add[i] == 0x7f ? ' ' : add[i];
        have += n;
        chars++;
        add += n;
    }
    buf[have] = 0;
    return 0;
}

/* Width of the n bytes of text at s. */
static int width_of(tu_ctx *ctx, int size, const char *s, size_t n, char *tmp, size_t cap)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    return tu_text_width(ctx, TU_FONT_BODY, size, tmp);
}

/* Breaks text into lines of at most w px, at spaces where it can and inside a word longer
 * than a line; starts[i] and lens[i] in bytes. Returns the number of lines (at least 1). */
static int wrap_lines(tu_ctx *ctx, int size, const char *text, int w, int *starts, int *lens)
{
    char tmp[1024];
    int n = 0;
    size_t pos = 0, len = strlen(text);
    starts[0] = 0;
    lens[0] = 0;
    while (pos < len && n < MAX_LINES) {
        size_t end = pos, next = pos;
        for (;;) { /* add the next word (with the spaces before it) while the line fits */
            while (next < len && text[next] == ' ')
                next++;
            while (next < len && text[next] != ' ')
                next++;
            if (next == end || width_of(ctx, size, text + pos, next - pos, tmp, sizeof tmp) > w)
                break;
            end = next;
            if (end >= len)
                break;
        }
        if (end == pos) { /* one word longer than the line: break it between characters */
            end = pos + char_len(text + pos);
            while (end < len && text[end] != ' ') {
                size_t k = end + char_len(text + end);
                if (width_of(ctx, size, text + pos, k - pos, tmp, sizeof tmp) > w)
                    break;
                end = k;
            }
        }
        starts[n] = (int)pos;
        lens[n] = (int)(end - pos);
        n++;
        pos = end;
        if (pos < len && text[pos] == ' ' && n < MAX_LINES) {
            /* the space that broke the line is not drawn at the next one's start, but a space
             * typed at the very end shows where the caret is */
            if (pos + 1 < len)
                pos++;
        }
    }
    return n ? n : 1;
}

int tu_field(tu_ctx *ctx, const tu_field_desc *d)
{
    const tu_style *st = &ctx->style;
    int small = st->font_size[TU_FONT_BODY];
    int result = 0;
    uint32_t wid = tu_id(d->id);
    if (d->label && d->label[0])
        tu_label(ctx, "", TU_FONT_STRONG, small, st->text, d->label);
    if (d->error) {
        char eid[80];
        snprintf(eid, sizeof eid, "%s.error", d->id);
        int th = tu_text_height(ctx, TU_FONT_STRONG, small, ctx->lw, d->error);
        tu_rect er = tu_next(ctx, th);
        tu_priv_record(ctx, eid, TU_W_PARAGRAPH, er, d->error);
        tu_draw_text(ctx, er, TU_FONT_STRONG, small, ctx->lw, st->danger, d->error);
    }
    /* Editing first, so the box is sized for what it now holds. */
    int focused = ctx->focus == wid && !ctx->blocked;
    if (focused) {
        if (ctx->tf_focus != wid) {
            ctx->tf_focus = wid;
            ctx->tf_fresh = d->select_on_focus && d->buf[0];
        }
        size_t before = strlen(d->buf);
        if (ctx->text[0]) {
            if (ctx->tf_fresh)
                d->buf[0] = 0;
            ctx->tf_fresh = 0;
            if (append(d->buf, d->size, d->max_chars, ctx->text))
                result |= TU_FIELD_REFUSED;
            result |= TU_FIELD_CHANGED;
        }
        if (ctx->keys & TU_KEY_BACKSPACE) {
            if (ctx->tf_fresh)
                d->buf[0] = 0;
            else
                utf8_pop(d->buf);
            ctx->tf_fresh = 0;
            result |= strlen(d->buf) != before ? TU_FIELD_CHANGED : 0;
        }
    }
    int th = tu_text_height(ctx, TU_FONT_BODY, small, 0, "Ag");
    int avail = ctx->lw - 2 * st->pad;
    int starts[MAX_LINES], lens[MAX_LINES];
    int nl = 1;
    char shown[1024];
    if (d->hidden) {
        size_t k = 0;
        for (const char *p = d->buf; *p && k + 4 < sizeof shown; p++)
            if (((unsigned char)*p & 0xC0) != 0x80) {
                memcpy(shown + k, "\xE2\x80\xA2", 3); /* U+2022 bullet */
                k += 3;
            }
        shown[k] = 0;
    }
    const char *text = d->hidden ? shown : d->buf;
    if (d->lines > 1)
        nl = wrap_lines(ctx, small, text, avail, starts, lens);
    int rows = d->lines > 1 ? imax(nl, d->lines) : 1;
    int line_h = th + th / 6;
    int h = d->lines > 1 ? rows * line_h + st->pad : st->target + st->pad / 2;
    tu_rect r = tu_next(ctx, h);
    tu_record *rec = tu_priv_record(ctx, d->id, TU_W_TEXTFIELD, r, d->label ? d->label : "");
    if (rec)
        rec->value = tu_strdup(ctx, text);
    if (rec && d->hidden)
        rec->state |= TU_ST_SECRET; /* screen readers say "password text" (tu_a11y) */
    if (tu_priv_interact(ctx, wid, r, rec, TU_KEY_ENTER) && d->lines <= 1)
        result |= TU_FIELD_ENTER;
    if (ctx->focus == wid && !ctx->blocked) {
        ctx->want_text = 1;
        ctx->text_rect = r;
        ctx->wake_ms = ctx->now_ms + 530 - ctx->now_ms % 530;
    }
    tu_priv_focus_ring(ctx, wid, r, st->radius);
    int thick = imax(1, (int)(st->scale * (ctx->focus == wid || d->error ? 2 : 1)));
    tu_color edge = d->error ? st->danger : ctx->focus == wid ? st->primary : st->border;
    tu_draw_frame(ctx, r, edge, st->surface, st->radius, thick);
    tu_rect saved = ctx->clip;
    ctx->clip = tu_priv_intersect(saved, (tu_rect){r.x + st->pad / 2, r.y, r.w - st->pad, r.h});
    int caret_x, caret_y;
    char line[1024];
    if (d->lines > 1) {
        int y0 = r.y + st->pad / 2;
        size_t n = (size_t)lens[nl - 1] < sizeof line ? (size_t)lens[nl - 1] : sizeof line - 1;
        caret_x = r.x + st->pad + width_of(ctx, small, text + starts[nl - 1], n, line, sizeof line);
        caret_y = y0 + (nl - 1) * line_h;
        int fresh = ctx->tf_fresh && ctx->focus == wid;
        if (fresh)
            tu_draw_fill(
                ctx,
                (tu_rect){r.x + st->pad, y0, nl > 1 ? avail : caret_x - r.x - st->pad, nl * line_h},
                st->selected, 0);
        for (int i = 0; i < nl; i++) {
            n = (size_t)lens[i] < sizeof line ? (size_t)lens[i] : sizeof line - 1;
            memcpy(line, text + starts[i], n);
            line[n] = 0;
            tu_draw_text(ctx, (tu_rect){r.x + st->pad, y0 + i * line_h, avail, th}, TU_FONT_BODY,
                         small, 0, fresh ? st->selected_text : st->text, line);
        }
    } else {
        int tw = tu_text_width(ctx, TU_FONT_BODY, small, text);
        /* Long input scrolls left so the end stays visible. */
        int x = r.x + st->pad - imax(0, tw - avail);
        caret_x = x + tw;
        caret_y = r.y + (r.h - th) / 2;
        if (ctx->tf_fresh && ctx->focus == wid)
            tu_draw_fill(ctx, (tu_rect){x, caret_y, tw, th}, st->selected, 0);
        tu_draw_text(ctx, (tu_rect){x, caret_y, tw, th}, TU_FONT_BODY, small, 0,
                     ctx->tf_fresh && ctx->focus == wid ? st->selected_text : st->text, text);
    }
    if (ctx->focus == wid && (ctx->now_ms / 530) % 2 == 0) {
        int cw = imax(2, (int)(2 * st->scale));
        tu_draw_fill(ctx, (tu_rect){caret_x + 1, caret_y, cw, th}, st->text, 0);
    }
    ctx->clip = saved;
    return result;
}

int tu_textfield(tu_ctx *ctx, const char *id, const char *label, char *buf, size_t size, int hidden)
{
    return (tu_field(ctx,
                     &(tu_field_desc){
                         .id = id, .label = label, .buf = buf, .size = size, .hidden = hidden}) &
            TU_FIELD_ENTER) != 0;
}

void tu_fixed_note(tu_ctx *ctx, const char *id, const char *text, const char *reserve,
                   tu_color colour)
{
    int size = ctx->style.small_size;
    int h = imax(tu_text_height(ctx, TU_FONT_BODY, size, ctx->lw, text),
                 tu_text_height(ctx, TU_FONT_BODY, size, ctx->lw, reserve ? reserve : ""));
    tu_rect r = tu_next(ctx, h);
    tu_priv_record(ctx, id, TU_W_PARAGRAPH, r, text);
    tu_draw_text(ctx, r, TU_FONT_BODY, size, ctx->lw, colour, text);
}
