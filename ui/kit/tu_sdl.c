/* tu_sdl: SDL events to widget input, widget commands to SDL_Renderer; see tu_sdl.h. */
#include "tu_sdl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Ctrl+V or Shift+Insert in a text field: the clipboard's text goes in as if typed (WCAG
 * 3.3.8: a passphrase may come from a password manager). The copy SDL made is wiped. */
static void paste(tu_ctx *ctx)
{
    if (!SDL_HasClipboardText())
        return;
    char *clip = SDL_GetClipboardText();
    if (!clip)
        return;
    tu_input_text(ctx, clip);
    volatile char *w = clip;
    for (size_t i = 0; w[i]; i++)
        w[i] = 0;
    SDL_free(clip);
}

int tu_sdl_event(tu_ctx *ctx, const SDL_Event *e, float px, int out_w, int out_h)
{
    switch (e->type) {
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_TEXTINPUT:
    case SDL_KEYDOWN:
        tu_input_time(ctx, e->common.timestamp); /* for the double-tap guard */
        break;
    default:
        break;
    }
    switch (e->type) {
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            return 0;
        tu_input_mousemove(ctx, (int)(e->motion.x * px), (int)(e->motion.y * px));
        return 0;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        if (e->type == SDL_MOUSEBUTTONDOWN)
            tu_input_mousedown(ctx, (int)(e->button.x * px), (int)(e->button.y * px));
        else
            tu_input_mouseup(ctx, (int)(e->button.x * px), (int)(e->button.y * px));
        return 1;
    case SDL_MOUSEWHEEL:
        if (e->wheel.which == SDL_TOUCH_MOUSEID)
            return 0;
        tu_input_wheel(ctx, e->wheel.y);
        return 0;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: {
        int x = (int)lroundf(e->tfinger.x * (float)out_w);
        int y = (int)lroundf(e->tfinger.y * (float)out_h);
        if (e->type == SDL_FINGERDOWN) {
            tu_input_mousedown(ctx, x, y);
            return 1;
        }
        if (e->type == SDL_FINGERUP) {
            tu_input_mouseup(ctx, x, y);
            ctx->touch_lift = 1; /* after lifting the finger nothing is hovered */
            return 1;
        }
        tu_input_mousemove(ctx, x, y);
        return 0;
    }
    case SDL_TEXTINPUT:
        tu_input_text(ctx, e->text.text);
        return 0;
    case SDL_KEYDOWN: {
        SDL_Keycode k = e->key.keysym.sym;
        int shift = (e->key.keysym.mod & KMOD_SHIFT) != 0;
        /* A key held down acts once: its repeats would answer question after question. */
        int acts = k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE || k == SDLK_ESCAPE ||
                   k == SDLK_AC_BACK || (k >= SDLK_0 && k <= SDLK_9) ||
                   (k >= SDLK_KP_1 && k <= SDLK_KP_0);
        if (e->key.repeat && acts)
            return 0;
        switch (k) {
        case SDLK_TAB:
            tu_input_key(ctx, shift ? TU_KEY_SHIFT_TAB : TU_KEY_TAB);
            return 1;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            tu_input_key(ctx, TU_KEY_ENTER);
            return 1;
        case SDLK_SPACE:
            /* Space types a space into a text field; elsewhere it activates. */
            if (!SDL_IsTextInputActive())
                tu_input_key(ctx, TU_KEY_SPACE);
            return 1;
        case SDLK_UP:
            tu_input_key(ctx, TU_KEY_UP);
            return 1;
        case SDLK_DOWN:
            tu_input_key(ctx, TU_KEY_DOWN);
            return 1;
        case SDLK_LEFT:
            tu_input_key(ctx, TU_KEY_LEFT);
            return 1;
        case SDLK_RIGHT:
            tu_input_key(ctx, TU_KEY_RIGHT);
            return 1;
        case SDLK_ESCAPE:
        case SDLK_AC_BACK:
            tu_input_key(ctx, TU_KEY_ESCAPE);
            return 1;
        case SDLK_BACKSPACE:
            tu_input_key(ctx, TU_KEY_BACKSPACE);
            return 1;
        case SDLK_HOME:
            tu_input_key(ctx, TU_KEY_HOME);
            return 1;
        case SDLK_END:
            tu_input_key(ctx, TU_KEY_END);
            return 1;
        default:
            if (SDL_IsTextInputActive() &&
                ((k == SDLK_v && (e->key.keysym.mod & KMOD_CTRL)) || (k == SDLK_INSERT && shift))) {
                paste(ctx);
                return 1;
            }
            if (!SDL_IsTextInputActive()) {
                if (k >= SDLK_0 && k <= SDLK_9) {
                    tu_input_digit(ctx, (int)(k - SDLK_0));
                    return 1;
                }
                if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
                    tu_input_digit(ctx, (int)(k - SDLK_KP_1) + 1);
                    return 1;
                }
                if (k == SDLK_KP_0) {
                    tu_input_digit(ctx, 0);
                    return 1;
                }
            }
            return 0;
        }
    }
    default:
        return 0;
    }
}

/* Where the commands are drawn: the renderer, and for opaque fills the software renderer's own
 * surface when the caller gave it. SDL's fill (SDL_FillRect, behind SDL_RenderFillRects) writes
 * rows in non-temporal 64-byte groups that straddle cache lines unless a row starts at a
 * multiple of 16 pixels: measured 4 to 100 times slower per pixel for a card's inside, a
 * margin or a border than SDL_memset4 on the same pixels, and together most of a 1920x1080
 * frame. */
typedef struct painter {
    SDL_Renderer *r;
    SDL_Surface *px; /* NULL: opaque fills too go through the renderer */
    tu_rect clip;    /* in force; w == 0: the whole output */
} painter;

static void set_clip(painter *p, tu_rect c)
{
    SDL_Rect sr = {c.x, c.y, c.w, c.h};
    SDL_RenderSetClipRect(p->r, c.w > 0 ? &sr : NULL);
    p->clip = c.w > 0 ? c : (tu_rect){0};
}

/* Opaque rectangles in colour c, inside the clip: the same pixels either way. */
static void fill_opaque(painter *p, const SDL_Rect *rects, int n, tu_color c)
{
    if (!p->px) {
        SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(p->r, c.r, c.g, c.b, 255);
        SDL_RenderFillRects(p->r, rects, n);
        return;
    }
    SDL_RenderFlush(p->r); /* what the renderer has queued comes first */
    SDL_Surface *s = p->px;
    Uint32 v = SDL_MapRGB(s->format, c.r, c.g, c.b);
    int cx0 = 0, cy0 = 0, cx1 = s->w, cy1 = s->h;
    if (p->clip.w > 0) {
        cx0 = p->clip.x > 0 ? p->clip.x : 0;
        cy0 = p->clip.y > 0 ? p->clip.y : 0;
        cx1 = p->clip.x + p->clip.w < s->w ? p->clip.x + p->clip.w : s->w;
        cy1 = p->clip.y + p->clip.h < s->h ? p->clip.y + p->clip.h : s->h;
    }
    for (int k = 0; k < n; k++) {
        int x0 = rects[k].x > cx0 ? rects[k].x : cx0, y0 = rects[k].y > cy0 ? rects[k].y : cy0;
        int x1 = rects[k].x + rects[k].w < cx1 ? rects[k].x + rects[k].w : cx1;
        int y1 = rects[k].y + rects[k].h < cy1 ? rects[k].y + rects[k].h : cy1;
        for (int y = y0; x1 > x0 && y < y1; y++)
            SDL_memset4((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch + (size_t)x0 * 4, v,
                        (size_t)(x1 - x0));
    }
}

/* A rounded rectangle's shape: the radius as drawn and, per corner row i (0 = the outermost),
 * the pixels left out at each end (full) and the coverage of the partial pixel next to them. */
enum { MAX_RAD = 256 };
typedef struct round_shape {
    int rad; /* <= 1: a plain rectangle */
    int full[MAX_RAD];
    float cover[MAX_RAD];
} round_shape;

static void round_shape_make(round_shape *s, tu_rect q, int rad)
{
    if (rad * 2 > q.w)
        rad = q.w / 2;
    if (rad * 2 > q.h)
        rad = q.h / 2;
    if (rad > MAX_RAD)
        rad = MAX_RAD;
    s->rad = rad;
    for (int i = 0; i < rad && rad > 1; i++) {
        float dy = (float)rad - (float)i - 0.5f;
        float dx = sqrtf((float)(rad * rad) - dy * dy);
        float inset = (float)rad - dx;
        s->full[i] = (int)ceilf(inset);
        s->cover[i] = (float)s->full[i] - inset;
    }
}

/* The opaque span [*x0, *x1) of row y of shape s at q; 0 when the row is outside it. */
static int round_span(const round_shape *s, tu_rect q, int y, int *x0, int *x1)
{
    if (y < q.y || y >= q.y + q.h)
        return 0;
    int j = y - q.y, k = q.y + q.h - 1 - y, inset = 0;
    /* SDL's software renderer fills every rectangle at least 1x1: the spans as first drawn one
     * call each made an empty middle a full row and an empty corner row one pixel. Kept, so
     * the pixels stay the same. */
    if (s->rad > 1 && q.h == 2 * s->rad && j == s->rad)
        inset = 0;
    else if (s->rad > 1 && j < s->rad)
        inset = s->full[j];
    else if (s->rad > 1 && k < s->rad)
        inset = s->full[k];
    *x0 = q.x + inset;
    *x1 = q.x + q.w - inset;
    if (*x1 <= *x0)
        *x1 = *x0 + 1;
    return 1;
}

/* Spans of a fill in colour c: opaque ones as fill_opaque, translucent ones blended. */
static void fill_spans(painter *p, const SDL_Rect *spans, int n, tu_color c)
{
    if (c.a == 255) {
        fill_opaque(p, spans, n, c);
        return;
    }
    SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(p->r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRects(p->r, spans, n);
}

/* A rounded rectangle as horizontal spans; the outermost pixel of each corner row is drawn
 * with partial alpha so edges look smooth without a GPU. The spans (which never overlap) go to
 * the renderer in one call and each row's four edge pixels in another: a renderer call costs
 * more than the pixels of a corner row. When hole (w > 0, an opaque fill drawn next, inside q:
 * a card's border then its inside) is given, the pixels it will cover are left out: they would
 * be overwritten anyway, and a card is a quarter of a 1920x1080 screen. */
static void fill_round_except(painter *p, tu_rect q, tu_color c, int rad, tu_rect hole,
                              int hole_rad)
{
    if (q.w <= 0 || q.h <= 0)
        return;
    round_shape s, hs;
    round_shape_make(&s, q, rad);
    if (hole.w > 0 && hole.h > 0)
        round_shape_make(&hs, hole, hole_rad);
    else
        hole = (tu_rect){0};
    /* Opaque fills are not blended: the software renderer's blended fill is several times
     * slower per pixel. */
    SDL_Renderer *r = p->r;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    enum { MAX_SPANS = 4 * MAX_RAD + 8 };
    SDL_Rect spans[MAX_SPANS];
    int n = 0;
    /* rows in runs with the same pieces: the middle of a card is one or two rectangles */
    int prev[4] = {0}, np = -1, run = q.y;
    for (int y = q.y; y <= q.y + q.h; y++) {
        int cur[4], nc = 0, x0, x1, h0, h1;
        if (y < q.y + q.h && round_span(&s, q, y, &x0, &x1)) {
            if (hole.w > 0 && round_span(&hs, hole, y, &h0, &h1) && h0 < h1) {
                if (h0 > x0)
                    cur[nc++] = x0, cur[nc++] = h0 < x1 ? h0 : x1;
                if (h1 < x1)
                    cur[nc++] = h1 > x0 ? h1 : x0, cur[nc++] = x1;
            } else if (x1 > x0) {
                cur[nc++] = x0, cur[nc++] = x1;
            }
        }
        int same = y < q.y + q.h && nc == np;
        for (int k = 0; same && k < nc; k++)
            same = cur[k] == prev[k];
        if (!same) {
            for (int k = 0; np > 0 && k < np; k += 2)
                spans[n++] = (SDL_Rect){prev[k], run, prev[k + 1] - prev[k], y - run};
            if (n > MAX_SPANS - 4) {
                fill_spans(p, spans, n, c);
                n = 0;
            }
            memcpy(prev, cur, sizeof cur);
            np = nc;
            run = y;
        }
    }
    if (n > 0)
        fill_spans(p, spans, n, c);
    if (s.rad <= 1)
        return;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int i = 0; i < s.rad; i++) {
        if (s.full[i] <= 0 || s.cover[i] <= 0.05f)
            continue;
        SDL_Point px[4] = {{q.x + s.full[i] - 1, q.y + i},
                           {q.x + q.w - s.full[i], q.y + i},
                           {q.x + s.full[i] - 1, q.y + q.h - 1 - i},
                           {q.x + q.w - s.full[i], q.y + q.h - 1 - i}};
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, (Uint8)(c.a * s.cover[i]));
        SDL_RenderDrawPoints(r, px, 4);
    }
}

/* The part of rect a inside b (w == 0 when they do not meet). */
static tu_rect intersect(tu_rect a, tu_rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return x1 > x0 && y1 > y0 ? (tu_rect){x0, y0, x1 - x0, y1 - y0} : (tu_rect){0};
}

static tu_rect unite(tu_rect a, tu_rect b)
{
    if (a.w <= 0)
        return b;
    if (b.w <= 0)
        return a;
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (tu_rect){x0, y0, x1 - x0, y1 - y0};
}

/* The pixels command c may touch: its rectangle (text: its measured size, grown by a margin
 * for a single line's rendered width differing from TTF_SizeUTF8's by a few pixels; line:
 * its bounding box) inside its clip or the output. w == 0 when it touches none. */
static tu_rect cmd_box(const tu_cmd *c, tu_text *text, int out_w, int out_h)
{
    tu_rect b = c->rect;
    tu_rect out = {0, 0, out_w, out_h};
    tu_rect clip = c->clip.w > 0 ? intersect(c->clip, out) : out;
    switch (c->kind) {
    case TU_CMD_TEXT: {
        int w, h;
        /* text grows right and down from its corner: past the clip's end it is not measured
         * (the rows of a long list below the visible part) */
        if (c->rect.x - c->size >= clip.x + clip.w || c->rect.y - c->size >= clip.y + clip.h)
            return (tu_rect){0};
        tu_text_measure(text, c->font, c->size, c->wrap, c->text, &w, &h);
        b = (tu_rect){c->rect.x - c->size, c->rect.y - c->size, w + 2 * c->size, h + 2 * c->size};
        break;
    }
    case TU_CMD_LINE:
        b = (tu_rect){c->rect.w < 0 ? c->rect.x + c->rect.w : c->rect.x,
                      c->rect.h < 0 ? c->rect.y + c->rect.h : c->rect.y, abs(c->rect.w) + 1,
                      abs(c->rect.h) + 1};
        break;
    case TU_CMD_FILL:
        break;
    case TU_CMD_CLIP:
        return (tu_rect){0};
    }
    return intersect(b, clip);
}

/* FNV-1a, 64 bits: two different commands with the same hash would leave stale pixels */
static uint64_t cmd_hash(const tu_cmd *c)
{
    uint64_t h = 14695981039346656037u;
    uint32_t v[] = {(uint32_t)c->kind,    (uint32_t)c->rect.x,  (uint32_t)c->rect.y,
                    (uint32_t)c->rect.w,  (uint32_t)c->rect.h,  (uint32_t)c->color.r,
                    (uint32_t)c->color.g, (uint32_t)c->color.b, (uint32_t)c->color.a,
                    (uint32_t)c->radius,  (uint32_t)c->size,    (uint32_t)c->wrap,
                    (uint32_t)c->font,    (uint32_t)c->clip.x,  (uint32_t)c->clip.y,
                    (uint32_t)c->clip.w,  (uint32_t)c->clip.h};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        h = (h ^ v[k]) * 1099511628211u;
    for (const char *p = c->kind == TU_CMD_TEXT && c->text ? c->text : ""; *p; p++)
        h = (h ^ (uint8_t)*p) * 1099511628211u;
    return h;
}

static int rect_inside(tu_rect in, tu_rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

static int same_rect(tu_rect a, tu_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* Command i + 1 when it is an opaque fill inside fill i with the same clip (a card's inside
 * over its border), else NULL. */
static const tu_cmd *hole_of(const tu_ctx *ctx, size_t i)
{
    const tu_cmd *c = &ctx->cmds[i], *n = i + 1 < ctx->n_cmds ? &ctx->cmds[i + 1] : NULL;
    if (c->kind != TU_CMD_FILL || !n || n->kind != TU_CMD_FILL || n->color.a != 255 ||
        !same_rect(c->clip, n->clip) || !rect_inside(n->rect, c->rect))
        return NULL;
    return n;
}

/* Whether opaque fill f paints every pixel of t (inside the output): t lies in f's clip and in
 * its rounded shape away from the corners' partly covered pixels. */
static int fill_covers(const tu_cmd *f, tu_rect t, tu_rect out)
{
    if (f->kind != TU_CMD_FILL || f->color.a != 255 ||
        !rect_inside(t, f->clip.w > 0 ? intersect(f->clip, out) : out))
        return 0;
    round_shape s;
    round_shape_make(&s, f->rect, f->radius);
    tu_rect q = f->rect;
    if (s.rad <= 1)
        return rect_inside(t, q);
    return rect_inside(t, (tu_rect){q.x + s.rad, q.y, q.w - 2 * s.rad, q.h}) ||
           rect_inside(t, (tu_rect){q.x, q.y + s.rad, q.w, q.h - 2 * s.rad});
}

/* A command that draws pixels: its index and the pixels it may touch (a text: its measured
 * size, not cmd_box's margin, so lines set one under the other do not count as overlapping). */
typedef struct vis_cmd {
    size_t i;
    tu_rect px;
} vis_cmd;

/* The one colour every pixel of t (the visible part of a text's texture) has when the text is
 * drawn, if there is one: that of the newest earlier command touching t when it is an opaque
 * fill covering all of t, or the background when no earlier command touches t (the clear, or a
 * region's fill, painted it). 0 when the pixels there are mixed: another text, a line, a
 * translucent fill, a fill's edge. vis: the visible commands before the text, newest last. A
 * fill's pixels left out for the hole after it are the hole's, which is newer and touches t
 * first when t meets it. The answer does not depend on the region drawn, so a partial drawing
 * makes the same pixels as a full one. */
static int backdrop_of(const tu_ctx *ctx, const vis_cmd *vis, size_t n_vis, tu_rect t, tu_rect out,
                       tu_color *under)
{
    for (size_t k = n_vis; k-- > 0;) {
        if (intersect(vis[k].px, t).w <= 0)
            continue;
        const tu_cmd *c = &ctx->cmds[vis[k].i];
        if (!fill_covers(c, t, out))
            return 0;
        *under = c->color;
        return 1;
    }
    *under = ctx->style.bg;
    return 1;
}

/* Copies 8-bit surface src to (x, y) of the painter's surface inside its clip. */
static void blit_direct(painter *p, SDL_Surface *src, int x, int y)
{
    SDL_RenderFlush(p->r); /* what the renderer has queued comes first */
    SDL_Rect keep, clip = {p->clip.x, p->clip.y, p->clip.w, p->clip.h};
    SDL_GetClipRect(p->px, &keep);
    SDL_SetClipRect(p->px, p->clip.w > 0 ? &clip : NULL);
    SDL_BlitSurface(src, NULL, p->px, &(SDL_Rect){x, y, 0, 0});
    SDL_SetClipRect(p->px, &keep);
}

/* Draws text command c (at px: its measured pixels, inside its clip). Over one opaque colour it
 * is rendered composited onto that colour and copied, not blended (about ten times cheaper per
 * pixel): into the painter's surface from an 8-bit surface when there is one (a quarter of the
 * memory), else from an opaque texture. Otherwise it is blended. vis: the visible commands
 * before c. */
static void draw_text(painter *p, const tu_ctx *ctx, tu_text *text, const vis_cmd *vis,
                      size_t n_vis, const tu_cmd *c, tu_rect px, tu_rect out)
{
    int w = 0, h = 0, mw, mh;
    tu_color under;
    if (vis && c->color.a == 255 && backdrop_of(ctx, vis, n_vis, px, out, &under)) {
        tu_text_measure(text, c->font, c->size, c->wrap, c->text, &mw, &mh);
        if (p->px) {
            SDL_Surface *s = tu_text_get_surface(text, c->font, c->size, c->wrap, c->color, under,
                                                 c->text, &w, &h);
            /* a render larger than measured would cover pixels not looked at: blended */
            if (s && w <= mw && h <= mh) {
                blit_direct(p, s, c->rect.x, c->rect.y);
                return;
            }
        } else {
            SDL_Texture *t =
                tu_text_get_on(text, c->font, c->size, c->wrap, c->color, &under, c->text, &w, &h);
            if (t && w <= mw && h <= mh) {
                SDL_RenderCopy(p->r, t, NULL, &(SDL_Rect){c->rect.x, c->rect.y, w, h});
                return;
            }
        }
    }
    SDL_Texture *t = tu_text_get(text, c->font, c->size, c->wrap, c->color, c->text, &w, &h);
    if (t)
        SDL_RenderCopy(p->r, t, NULL, &(SDL_Rect){c->rect.x, c->rect.y, w, h});
}

/* The pixels text command c covers when drawn (its measured size inside its clip). */
static tu_rect text_px(const tu_cmd *c, tu_text *text, tu_rect out)
{
    int w, h;
    tu_text_measure(text, c->font, c->size, c->wrap, c->text, &w, &h);
    return intersect((tu_rect){c->rect.x, c->rect.y, w, h},
                     c->clip.w > 0 ? intersect(c->clip, out) : out);
}

/* Fills the output with the background except where opaque fills with at least 4,096 pixels
 * of plain rectangle will be drawn over it (the top bar, the middle of cards): those pixels
 * would be overwritten anyway. Bands between the covers' top and bottom edges, each filled
 * where no cover is. */
static void clear(const tu_ctx *ctx, painter *p, tu_text *text, const tu_rect *box, int out_w,
                  int out_h)
{
    enum { MAX_COVERS = 24 };
    tu_rect cov[MAX_COVERS];
    int nc = 0;
    tu_rect out = {0, 0, out_w, out_h};
    for (size_t i = 0; i < ctx->n_cmds && nc < MAX_COVERS; i++) {
        const tu_cmd *c = &ctx->cmds[i];
        if (c->kind != TU_CMD_FILL || c->color.a != 255 ||
            (box ? box[i] : cmd_box(c, text, out_w, out_h)).w <= 0)
            continue;
        round_shape s;
        round_shape_make(&s, c->rect, c->radius);
        tu_rect mid = c->rect;
        if (s.rad > 1)
            mid = (tu_rect){c->rect.x, c->rect.y + s.rad, c->rect.w, c->rect.h - 2 * s.rad};
        mid = intersect(mid, c->clip.w > 0 ? intersect(c->clip, out) : out);
        if ((long)mid.w * mid.h >= 4096)
            cov[nc++] = mid;
    }
    int ys[2 * MAX_COVERS + 2], ny = 0;
    ys[ny++] = 0;
    ys[ny++] = out_h;
    for (int k = 0; k < nc; k++)
        ys[ny++] = cov[k].y, ys[ny++] = cov[k].y + cov[k].h;
    for (int a = 1; a < ny; a++) /* insertion sort: a few dozen */
        for (int b = a; b > 0 && ys[b - 1] > ys[b]; b--) {
            int t = ys[b];
            ys[b] = ys[b - 1], ys[b - 1] = t;
        }
    SDL_Rect fill[(2 * MAX_COVERS + 1) * (MAX_COVERS + 1)];
    int nf = 0;
    for (int a = 0; a + 1 < ny; a++) {
        int y0 = ys[a], y1 = ys[a + 1];
        if (y1 <= y0)
            continue;
        /* the covers over this band, left to right */
        int xs[MAX_COVERS][2], nx = 0;
        for (int k = 0; k < nc; k++)
            if (cov[k].y <= y0 && cov[k].y + cov[k].h >= y1) {
                int b = nx++;
                for (; b > 0 && xs[b - 1][0] > cov[k].x; b--)
                    xs[b][0] = xs[b - 1][0], xs[b][1] = xs[b - 1][1];
                xs[b][0] = cov[k].x, xs[b][1] = cov[k].x + cov[k].w;
            }
        int x = 0;
        for (int k = 0; k < nx; k++) {
            if (xs[k][0] > x)
                fill[nf++] = (SDL_Rect){x, y0, xs[k][0] - x, y1 - y0};
            if (xs[k][1] > x)
                x = xs[k][1];
        }
        if (x < out_w)
            fill[nf++] = (SDL_Rect){x, y0, out_w - x, y1 - y0};
    }
    fill_opaque(p, fill, nf, ctx->style.bg);
}

/* Draws the commands whose box meets region (w == 0: everything). box: each command's
 * cmd_box, or NULL to work them out here. */
static void draw(const tu_ctx *ctx, SDL_Renderer *r, SDL_Surface *target, tu_text *text,
                 const tu_rect *box, tu_rect region)
{
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(r, &out_w, &out_h);
    painter pt = {r, target, {0}}, *p = &pt;
    if (target && (target->format->BytesPerPixel != 4 || SDL_MUSTLOCK(target) ||
                   target->w != out_w || target->h != out_h))
        pt.px = NULL; /* not a surface written as plain 32-bit pixels: the renderer fills */
    int all = region.w <= 0;
    set_clip(p, (tu_rect){0});
    if (all)
        clear(ctx, p, text, box, out_w, out_h);
    else
        fill_opaque(p, &(SDL_Rect){region.x, region.y, region.w, region.h}, 1, ctx->style.bg);
    /* the commands drawing a pixel anywhere, in order: what may be under a text (NULL when
     * out of memory: every text is then blended, correct without knowing what is under it) */
    vis_cmd *vis = malloc((ctx->n_cmds ? ctx->n_cmds : 1) * sizeof *vis);
    size_t n_vis = 0;
    tu_rect out = {0, 0, out_w, out_h};
    for (size_t i = 0; i < ctx->n_cmds; i++) {
        const tu_cmd *c = &ctx->cmds[i];
        /* Commands wholly outside their clip (rows of a long list scrolled away) or the
         * region draw no pixel: skip them before touching the renderer or the texture cache. */
        tu_rect b = box ? box[i] : cmd_box(c, text, out_w, out_h);
        if (b.w <= 0)
            continue;
        tu_rect px = c->kind == TU_CMD_TEXT ? text_px(c, text, out) : b;
        if (vis)
            vis[n_vis++] = (vis_cmd){i, px};
        if (!all && intersect(b, region).w <= 0)
            continue;
        tu_rect clip = c->clip;
        if (!all)
            clip = clip.w > 0 ? intersect(clip, region) : region;
        set_clip(p, clip);
        switch (c->kind) {
        case TU_CMD_FILL: {
            const tu_cmd *hole = hole_of(ctx, i);
            fill_round_except(p, c->rect, c->color, c->radius, hole ? hole->rect : (tu_rect){0},
                              hole ? hole->radius : 0);
            break;
        }
        case TU_CMD_TEXT:
            draw_text(p, ctx, text, vis, n_vis ? n_vis - 1 : 0, c, px, out);
            break;
        case TU_CMD_LINE:
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r, c->color.r, c->color.g, c->color.b, c->color.a);
            SDL_RenderDrawLine(r, c->rect.x, c->rect.y, c->rect.x + c->rect.w,
                               c->rect.y + c->rect.h);
            break;
        case TU_CMD_CLIP:
            break;
        }
    }
    free(vis);
    set_clip(p, (tu_rect){0});
}

void tu_sdl_render(const tu_ctx *ctx, SDL_Renderer *r, SDL_Surface *target, tu_text *text)
{
    /* the same drawing as a first partial frame, with boxes kept only for this call */
    tu_sdl_damage d = {0};
    tu_sdl_render_damage(ctx, r, target, text, &d, 1);
    tu_sdl_damage_free(&d);
}

void tu_sdl_render_damage(const tu_ctx *ctx, SDL_Renderer *r, SDL_Surface *target, tu_text *text,
                          tu_sdl_damage *d, int full)
{
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(r, &out_w, &out_h);
    tu_color bg = ctx->style.bg;
    full |= !d->valid || d->n != ctx->n_cmds || d->out_w != out_w || d->out_h != out_h ||
            d->bg.r != bg.r || d->bg.g != bg.g || d->bg.b != bg.b;
    d->bg = bg;
    d->out_w = out_w;
    d->out_h = out_h;
    if (ctx->n_cmds > d->cap) {
        size_t cap = ctx->n_cmds * 2;
        uint64_t *hash = realloc(d->hash, cap * sizeof *hash);
        if (hash)
            d->hash = hash;
        tu_rect *box = realloc(d->box, cap * sizeof *box);
        if (box)
            d->box = box;
        if (!hash || !box) {
            d->valid = 0;
            d->full = 1;
            d->drawn = (tu_rect){0, 0, out_w, out_h};
            draw(ctx, r, target, text, NULL, (tu_rect){0});
            return;
        }
        d->cap = cap;
    }
    /* the region: where a command changed, both where it was and where it is now */
    tu_rect region = {0};
    int line = 0;
    for (size_t i = 0; i < ctx->n_cmds; i++) {
        const tu_cmd *c = &ctx->cmds[i];
        uint64_t h = cmd_hash(c);
        tu_rect b = cmd_box(c, text, out_w, out_h);
        if (!full && h != d->hash[i]) {
            region = unite(region, unite(d->box[i], b));
            line |= c->kind == TU_CMD_LINE && b.w > 0;
        }
        d->hash[i] = h;
        d->box[i] = b;
    }
    d->n = ctx->n_cmds;
    d->valid = 1;
    if (!full && region.w > 0) {
        /* a line meeting the region: drawing it clipped could step differently */
        for (size_t i = 0; i < ctx->n_cmds && !line; i++)
            line = ctx->cmds[i].kind == TU_CMD_LINE && intersect(d->box[i], region).w > 0;
        full = line;
    }
    d->full = full;
    d->drawn = full ? (tu_rect){0, 0, out_w, out_h} : region;
    if (full)
        draw(ctx, r, target, text, d->box, (tu_rect){0});
    else if (region.w > 0)
        draw(ctx, r, target, text, d->box, region);
}

void tu_sdl_damage_free(tu_sdl_damage *d)
{
    free(d->hash);
    free(d->box);
    *d = (tu_sdl_damage){0};
}
