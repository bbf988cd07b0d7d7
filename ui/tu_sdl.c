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

/* Whether rect r (grown by m px on each side) meets the region drawn into: the command's
 * clip, or the whole output when it has none. */
static int visible(tu_rect r, int m, tu_rect clip, int out_w, int out_h)
{
    if (clip.w <= 0)
        clip = (tu_rect){0, 0, out_w, out_h};
    return r.x - m < clip.x + clip.w && r.x + r.w + m > clip.x && r.y - m < clip.y + clip.h &&
           r.y + r.h + m > clip.y;
}

void tu_sdl_render(const tu_ctx *ctx, SDL_Renderer *r, tu_text *text)
{
    const tu_color bg = ctx->style.bg;
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(r, &out_w, &out_h);
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    for (size_t i = 0; i < ctx->n_cmds; i++) {
        const tu_cmd *c = &ctx->cmds[i];
        /* Commands wholly outside their clip (rows of a long list scrolled away) draw no
         * pixel: skip them before touching the renderer or the texture cache. */
        switch (c->kind) {
        case TU_CMD_FILL:
            if (!visible(c->rect, 0, c->clip, out_w, out_h))
                continue;
            set_clip(r, c->clip);
            fill_round(r, c->rect, c->color, c->radius);
            break;
        case TU_CMD_TEXT: {
            int w, h;
            /* the measured size (cached); a margin covers a single line's rendered width
             * differing from TTF_SizeUTF8's by a few pixels */
            tu_text_measure(text, c->font, c->size, c->wrap, c->text, &w, &h);
            if (!visible((tu_rect){c->rect.x, c->rect.y, w, h}, c->size, c->clip, out_w, out_h))
                continue;
            SDL_Texture *t =
                tu_text_get(text, c->font, c->size, c->wrap, c->color, c->text, &w, &h);
            if (!t)
                break;
            set_clip(r, c->clip);
            SDL_RenderCopy(r, t, NULL, &(SDL_Rect){c->rect.x, c->rect.y, w, h});
            break;
        }
        case TU_CMD_LINE: {
            tu_rect b = {c->rect.w < 0 ? c->rect.x + c->rect.w : c->rect.x,
                         c->rect.h < 0 ? c->rect.y + c->rect.h : c->rect.y, abs(c->rect.w) + 1,
                         abs(c->rect.h) + 1};
            if (!visible(b, 0, c->clip, out_w, out_h))
                continue;
            set_clip(r, c->clip);
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r, c->color.r, c->color.g, c->color.b, c->color.a);
            SDL_RenderDrawLine(r, c->rect.x, c->rect.y, c->rect.x + c->rect.w,
                               c->rect.y + c->rect.h);
            break;
        }
        case TU_CMD_CLIP:
            break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
}
