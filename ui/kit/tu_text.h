/* tu_text: SDL2_ttf text as textures, cached by font, size, wrap width and text.
 *
 * Whole strings are rendered once with TTF_RenderUTF8_Blended(_Wrapped), or with
 * TTF_RenderUTF8_Shaded(_Wrapped) onto a known opaque backdrop, and kept as textures
 * until evicted (least recently used first) when the cache passes its entry or pixel budget,
 * so an unchanged text is never rendered again frame after frame. Fonts are opened once per
 * (role, pixel size). The cache owns its textures and fonts; tu_text_destroy frees them. */
#ifndef TU_TEXT_H
#define TU_TEXT_H

#include <SDL.h>

#include "tu_ui.h"

typedef struct tu_text tu_text;

typedef struct tu_text_desc {
    SDL_Renderer *renderer;               /* required; textures belong to it */
    const char *font_path[TU_FONT_COUNT]; /* required: a TTF/OTF file per role */
    int max_entries;                      /* 0 = 512 */
    long max_pixels; /* 0 = 4 million (16 MB of RGBA); an 8-bit surface's pixel counts 1/4 */
} tu_text_desc;

/* Returns a cache or NULL, with msg (size bytes) saying why (font file missing, ...). */
tu_text *tu_text_make(const tu_text_desc *desc, char *msg, size_t size);
void tu_text_destroy(tu_text *t);

/* Measures (tu_measure_fn): single lines with TTF_SizeUTF8, wrapped text via its texture.
 * Sizes are remembered by font, size, wrap width and text (up to 6,144 of them, then the
 * size cache starts again empty), independently of the texture cache, so measuring an
 * unchanged text costs one hash lookup even when its texture was evicted. */
void tu_text_measure(void *t, tu_font font, int size, int wrap, const char *text, int *w, int *h);

/* The texture for the text in colour c (rendering it on a miss), and its size; NULL when it
 * cannot be rendered. The texture has alpha and is blended when drawn. It stays owned by the
 * cache. */
SDL_Texture *tu_text_get(tu_text *t, tu_font font, int size, int wrap, tu_color c, const char *text,
                         int *w, int *h);

/* As tu_text_get, but when backdrop is given and c is opaque the text is rendered already
 * composited onto that colour: an opaque texture (blend mode none) whose every pixel is
 * backdrop where no glyph is, to be copied only where the pixels under it are all backdrop.
 * backdrop NULL (or c translucent) gives tu_text_get's texture. */
SDL_Texture *tu_text_get_on(tu_text *t, tu_font font, int size, int wrap, tu_color c,
                            const tu_color *backdrop, const char *text, int *w, int *h);

/* As tu_text_get_on with a backdrop, kept as the 8-bit surface SDL_ttf renders (a quarter of a
 * texture's memory), for drawing straight into a software renderer's surface with
 * SDL_BlitSurface (as fast as a texture copy). NULL when c is translucent or the text cannot be
 * rendered. The surface stays owned by the cache. */
SDL_Surface *tu_text_get_surface(tu_text *t, tu_font font, int size, int wrap, tu_color c,
                                 tu_color backdrop, const char *text, int *w, int *h);

/* How wrapped text is measured (the theme's text colour on its background; as a surface when
 * drawing goes to a software renderer's surface), so the measuring render is the one later
 * drawn. */
void tu_text_set_measure_colors(tu_text *t, tu_color c, tu_color backdrop, int surface);

/* Forgets every cached text, as when a profile is locked: the texts (which may be a client's
 * notes) are wiped before they are freed, and so are the pixels of their textures and surfaces.
 * Fonts stay open. */
void tu_text_forget(tu_text *t);

/* Statistics for tests and the benchmark. */
typedef struct tu_text_stats {
    long hits, misses, renders, evictions, entries, pixels; /* textures */
    long size_hits, size_misses, size_flushes, sizes;       /* measured sizes */
} tu_text_stats;
tu_text_stats tu_text_query_stats(const tu_text *t);

#endif
