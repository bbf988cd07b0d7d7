/* tu_sdl: the SDL side of the widget layer: events in, draw commands out. */
#ifndef TU_SDL_H
#define TU_SDL_H

#include <SDL.h>

#include "tu_text.h"
#include "tu_ui.h"

/* Feeds one SDL event to ctx. Finger events are used and the mouse events SDL synthesises
 * from them are ignored, so a tap counts once. px_scale converts window to pixel
 * coordinates (high-DPI). Returns 1 when the event is a button transition or key press
 * (the caller should build a frame before feeding the next such event), else 0. */
int tu_sdl_event(tu_ctx *ctx, const SDL_Event *e, float px_scale, int out_w, int out_h);

/* Draws ctx's commands with r and the text cache. Does not present. target: the surface r
 * draws into when r is a software renderer (its window's SDL_GetWindowSurface, or the surface
 * given to SDL_CreateSoftwareRenderer), or NULL. Opaque fills are then written to it directly
 * (SDL's own fill is many times slower at most x positions); a target that is not 32-bit,
 * needs locking or is not r's output size is not written. Texts over one opaque colour are
 * drawn as opaque textures composited onto it (tu_text_get_on), others blended. */
void tu_sdl_render(const tu_ctx *ctx, SDL_Renderer *r, SDL_Surface *target, tu_text *text);

/* What the output holds since the last tu_sdl_render_damage: one hash and visible box per
 * command. Zero-initialise; tu_sdl_damage_free releases it. */
typedef struct tu_sdl_damage {
    uint64_t *hash;
    tu_rect *box;
    size_t n, cap;
    int valid;        /* the output still shows that frame */
    tu_color bg;      /* its background */
    int out_w, out_h; /* its size */
    tu_rect drawn;    /* what the last call drew again (w == 0: nothing); for tests, benchmarks */
    int full;         /* 1 when the last call drew everything */
} tu_sdl_damage;

/* Like tu_sdl_render, but draws again only the region where ctx's commands differ from those
 * of the frame d describes (a hovered button, a caret), clipped to it, when the output still
 * holds that frame: only for renderers whose output persists after SDL_RenderPresent (the
 * software renderer). Everything is drawn when full is non-zero (resized, exposed), when the
 * output size or background changed, when the number of commands changed (another screen, a scroll
 * moves everything anyway), when the region meets a line (clipped lines may step differently), or
 * when d is not valid. The pixels are the same as tu_sdl_render's. On out of memory it draws
 * everything and forgets the frame (d->valid = 0). */
void tu_sdl_render_damage(const tu_ctx *ctx, SDL_Renderer *r, SDL_Surface *target, tu_text *text,
                          tu_sdl_damage *d, int full);
void tu_sdl_damage_free(tu_sdl_damage *d);

#endif
