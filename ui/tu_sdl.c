/* tu_sdl: SDL events to widget input, widget commands to SDL_Renderer; see tu_sdl.h. */
#include "tu_sdl.h"

#include <math.h>
#include <stdlib.h>

int tu_sdl_event(tu_ctx *ctx, const SDL_Event *e, float px, int out_w, int out_h)
{
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

static void set_clip(SDL_Renderer *r, tu_rect c)
{
    SDL_Rect sr = {c.x, c.y, c.w, c.h};
    SDL_RenderSetClipRect(r, c.w > 0 ? &sr : NULL);
}

/* A rounded rectangle as horizontal spans; the outermost pixel of each corner row is drawn
 * with partial alpha so edges look smooth without a GPU. */
static void fill_round(SDL_Renderer *r, tu_rect q, tu_color c, int rad)
{
    if (q.w <= 0 || q.h <= 0)
        return;
    if (rad * 2 > q.w)
        rad = q.w / 2;
    if (rad * 2 > q.h)
        rad = q.h / 2;
    /* Opaque fills go straight to the pixels: the software renderer's blended fill is
     * several times slower per pixel. */
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    if (rad <= 1) {
        SDL_RenderFillRect(r, &(SDL_Rect){q.x, q.y, q.w, q.h});
        return;
    }
    SDL_RenderFillRect(r, &(SDL_Rect){q.x, q.y + rad, q.w, q.h - 2 * rad});
    for (int i = 0; i < rad; i++) {
        float dy = (float)rad - (float)i - 0.5f;
        float dx = sqrtf((float)(rad * rad) - dy * dy);
        float inset = (float)rad - dx;
        int full = (int)ceilf(inset);
        float cover = (float)full - inset; /* coverage of the partial pixel */
        int w = q.w - 2 * full;
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_Rect top = {q.x + full, q.y + i, w, 1};
        SDL_Rect bot = {q.x + full, q.y + q.h - 1 - i, w, 1};
        SDL_RenderFillRect(r, &top);
        SDL_RenderFillRect(r, &bot);
        if (full > 0 && cover > 0.05f) {
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r, c.r, c.g, c.b, (Uint8)(c.a * cover));
            SDL_RenderDrawPoint(r, q.x + full - 1, q.y + i);
            SDL_RenderDrawPoint(r, q.x + q.w - full, q.y + i);
            SDL_RenderDrawPoint(r, q.x + full - 1, q.y + q.h - 1 - i);
            SDL_RenderDrawPoint(r, q.x + q.w - full, q.y + q.h - 1 - i);
            SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        }
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

/* Draws the commands whose box meets region (w == 0: everything, on a cleared output). */
static void draw(const tu_ctx *ctx, SDL_Renderer *r, tu_text *text, const tu_rect *box,
                 tu_rect region)
{
    const tu_color bg = ctx->style.bg;
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(r, &out_w, &out_h);
    int all = region.w <= 0;
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    if (all) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_RenderClear(r);
    } else {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        SDL_RenderFillRect(r, &(SDL_Rect){region.x, region.y, region.w, region.h});
    }
    for (size_t i = 0; i < ctx->n_cmds; i++) {
        const tu_cmd *c = &ctx->cmds[i];
        /* Commands wholly outside their clip (rows of a long list scrolled away) or the
         * region draw no pixel: skip them before touching the renderer or the texture cache. */
        tu_rect b = box ? box[i] : cmd_box(c, text, out_w, out_h);
        if (b.w <= 0 || (!all && intersect(b, region).w <= 0))
            continue;
        tu_rect clip = c->clip;
        if (!all)
            clip = clip.w > 0 ? intersect(clip, region) : region;
        set_clip(r, clip);
        switch (c->kind) {
        case TU_CMD_FILL:
            fill_round(r, c->rect, c->color, c->radius);
            break;
        case TU_CMD_TEXT: {
            int w, h;
            SDL_Texture *t =
                tu_text_get(text, c->font, c->size, c->wrap, c->color, c->text, &w, &h);
            if (t)
                SDL_RenderCopy(r, t, NULL, &(SDL_Rect){c->rect.x, c->rect.y, w, h});
            break;
        }
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
    SDL_RenderSetClipRect(r, NULL);
}

void tu_sdl_render(const tu_ctx *ctx, SDL_Renderer *r, tu_text *text)
{
    draw(ctx, r, text, NULL, (tu_rect){0});
}

void tu_sdl_render_damage(const tu_ctx *ctx, SDL_Renderer *r, tu_text *text, tu_sdl_damage *d,
                          int full)
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
            tu_sdl_render(ctx, r, text);
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
        draw(ctx, r, text, d->box, (tu_rect){0});
    else if (region.w > 0)
        draw(ctx, r, text, d->box, region);
}

void tu_sdl_damage_free(tu_sdl_damage *d)
{
    free(d->hash);
    free(d->box);
    *d = (tu_sdl_damage){0};
}
