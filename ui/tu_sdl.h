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

/* Draws ctx's commands with r and the text cache. Does not present. */
void tu_sdl_render(const tu_ctx *ctx, SDL_Renderer *r, tu_text *text);

#endif
