/* tu_text: the text texture cache; see tu_text.h. */
#include "tu_text.h"

#include "tp_harden.h"

#include <SDL_ttf.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FONTS 24
/* Slots of the size cache (a power of two); it is emptied when three quarters are used. */
#define SIZE_SLOTS 8192

typedef struct entry {
    uint32_t hash;
    tu_font font;
    int size, wrap;
    tu_color color;
    int opaque;        /* rendered onto backdrop, drawn without blending */
    int probe;         /* made to measure wrapped text, not yet drawn */
    tu_color backdrop; /* when opaque */
    char *text;
    SDL_Texture *tex;  /* a texture, or */
    SDL_Surface *surf; /* an 8-bit surface (opaque only) to blit into a software target */
    int w, h;
    long cost;     /* RGBA pixels' worth of memory: w * h, a quarter of that for surf */
    uint64_t used; /* tick of last use, for LRU eviction */
} entry;

/* A measured size: no texture, so thousands fit (a long list measures every row each frame
 * while only the visible ones are drawn). Open addressing, keyed like the textures but
 * without the colour. */
typedef struct size_entry {
    uint32_t hash;
    tu_font font;
    int size, wrap;
    char *text; /* NULL: the slot is free */
    int w, h;
} size_entry;

struct tu_text {
    SDL_Renderer *renderer;
    char *path[TU_FONT_COUNT];
    struct {
        tu_font font;
        int size;
        TTF_Font *ttf;
    } fonts[MAX_FONTS];
    int n_fonts;
    entry *entries;
    int n_entries, max_entries;
    long pixels, max_pixels;
    uint64_t tick;
    tu_color measure_color, measure_backdrop;
    int measure_surface; /* measure into an 8-bit surface (drawing goes to a software target) */
    size_entry *sizes;   /* SIZE_SLOTS */
    int n_sizes;
    tu_text_stats stats;
};

tu_text *tu_text_make(const tu_text_desc *desc, char *msg, size_t size)
{
    assert(desc && desc->renderer);
    tu_text *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(msg, size, "out of memory");
        return NULL;
    }
    t->renderer = desc->renderer;
    t->max_entries = desc->max_entries > 0 ? desc->max_entries : 512;
    t->max_pixels = desc->max_pixels > 0 ? desc->max_pixels : 4L * 1000 * 1000;
    t->entries = calloc((size_t)t->max_entries, sizeof *t->entries);
    t->sizes = calloc(SIZE_SLOTS, sizeof *t->sizes);
    if (!t->entries || !t->sizes)
        goto fail;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(msg, size, "SDL_ttf could not start: %s", TTF_GetError());
        goto fail;
    }
    for (int i = 0; i < TU_FONT_COUNT; i++) {
        FILE *f = desc->font_path[i] ? fopen(desc->font_path[i], "rb") : NULL;
        if (!f) {
            snprintf(msg, size, "%s: cannot open the font; is the content pack complete?",
                     desc->font_path[i] ? desc->font_path[i] : "(no font path)");
            goto fail;
        }
        fclose(f);
        t->path[i] = strdup(desc->font_path[i]);
        if (!t->path[i])
            goto fail;
    }
    return t;
fail:
    tu_text_destroy(t);
    return NULL;
}

void tu_text_set_measure_colors(tu_text *t, tu_color c, tu_color backdrop, int surface)
{
    t->measure_color = c;
    t->measure_backdrop = backdrop;
    t->measure_surface = surface;
}

/* Frees entry i and moves the last one into its place. */
static void entry_drop(tu_text *t, int i)
{
    entry *e = &t->entries[i];
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    SDL_FreeSurface(e->surf);
    tp_wipe_free(e->text); /* it may be a client's note */
    t->pixels -= e->cost;
    t->entries[i] = t->entries[--t->n_entries];
}

void tu_text_destroy(tu_text *t)
{
    if (!t)
        return;
    while (t->n_entries > 0)
        entry_drop(t, t->n_entries - 1);
    for (int i = 0; t->sizes && i < SIZE_SLOTS; i++)
        tp_wipe_free(t->sizes[i].text);
    for (int i = 0; i < t->n_fonts; i++)
        TTF_CloseFont(t->fonts[i].ttf);
    for (int i = 0; i < TU_FONT_COUNT; i++)
        free(t->path[i]);
    free(t->sizes);
    free(t->entries);
    free(t);
}

/* Overwrites the pixels of a cached texture with zeros (they show a rendered text). */
static void wipe_texture(SDL_Texture *tex)
{
    int w = 0, h = 0;
    if (SDL_QueryTexture(tex, NULL, NULL, &w, &h) != 0 || w <= 0 || h <= 0)
        return;
    void *zero = calloc((size_t)w * (size_t)h, 4);
    if (zero)
        SDL_UpdateTexture(tex, NULL, zero, w * 4);
    free(zero);
}

static void sizes_clear(tu_text *t);

void tu_text_forget(tu_text *t)
{
    while (t->n_entries > 0) {
        entry *e = &t->entries[t->n_entries - 1];
        if (e->tex)
            wipe_texture(e->tex);
        if (e->surf && e->surf->pixels)
            memset(e->surf->pixels, 0, (size_t)e->surf->pitch * (size_t)e->surf->h);
        entry_drop(t, t->n_entries - 1);
    }
    sizes_clear(t);
}

static TTF_Font *font_for(tu_text *t, tu_font font, int size)
{
    for (int i = 0; i < t->n_fonts; i++)
        if (t->fonts[i].font == font && t->fonts[i].size == size)
            return t->fonts[i].ttf;
    if (t->n_fonts == MAX_FONTS) {
        /* Sizes change only with window size or theme: drop the oldest opened font and
         * every texture (they may have been made with it). */
        while (t->n_entries > 0)
            entry_drop(t, t->n_entries - 1);
        TTF_CloseFont(t->fonts[0].ttf);
        memmove(&t->fonts[0], &t->fonts[1], sizeof t->fonts[0] * (MAX_FONTS - 1));
        t->n_fonts--;
    }
    TTF_Font *f = TTF_OpenFont(t->path[font], size);
    if (!f)
        return NULL;
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    t->fonts[t->n_fonts].font = font;
    t->fonts[t->n_fonts].size = size;
    t->fonts[t->n_fonts].ttf = f;
    t->n_fonts++;
    return f;
}

static uint32_t hash_text(const char *s, tu_font font, int size, int wrap)
{
    uint32_t h = 2166136261u ^ (uint32_t)font ^ ((uint32_t)size << 8) ^ ((uint32_t)wrap << 16);
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static void evict_one(tu_text *t)
{
    int lru = 0;
    for (int i = 1; i < t->n_entries; i++)
        if (t->entries[i].used < t->entries[lru].used)
            lru = i;
    entry_drop(t, lru);
    t->stats.evictions++;
}

static int same_color(tu_color a, tu_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Drops the texture made to measure this text when it was made for another backdrop: a
 * paragraph measured on the page's colour and drawn on a card would otherwise be kept twice. */
static void drop_probe(tu_text *t, uint32_t hash, tu_font font, int size, int wrap,
                       const char *text)
{
    for (int i = 0; i < t->n_entries; i++) {
        entry *e = &t->entries[i];
        if (e->probe && e->hash == hash && e->font == font && e->size == size && e->wrap == wrap &&
            strcmp(e->text, text) == 0) {
            entry_drop(t, i);
            return;
        }
    }
}

/* The entry for the text (rendering it on a miss), or NULL. backdrop: render onto it (an opaque
 * colour only: a shaded render has no alpha to carry a translucent one). surf: keep the 8-bit
 * shaded surface instead of a texture (with a backdrop only). probe: made to measure. */
static entry *get(tu_text *t, tu_font font, int size, int wrap, tu_color color,
                  const tu_color *backdrop, int surf, const char *text, int probe, int *w, int *h)
{
    int opaque = backdrop && color.a == 255;
    surf &= opaque;
    tu_color bd = opaque ? *backdrop : (tu_color){0};
    bd.a = opaque ? 255 : 0;
    uint32_t hash = hash_text(text, font, size, wrap);
    t->tick++;
    for (int i = 0; i < t->n_entries; i++) {
        entry *e = &t->entries[i];
        if (e->hash == hash && e->font == font && e->size == size && e->wrap == wrap &&
            same_color(e->color, color) && e->opaque == opaque && same_color(e->backdrop, bd) &&
            (e->surf != NULL) == surf && strcmp(e->text, text) == 0) {
            e->used = t->tick;
            e->probe &= probe;
            t->stats.hits++;
            *w = e->w;
            *h = e->h;
            return e;
        }
    }
    t->stats.misses++;
    *w = *h = 0;
    TTF_Font *f = font_for(t, font, size);
    if (!f || !text[0])
        return NULL;
    if (!probe)
        drop_probe(t, hash, font, size, wrap, text);
    /* Rendered in its colour (a colour-modulated blit is much slower in the software
     * renderer), and when the backdrop is known already composited onto it: a plain copy is
     * about ten times cheaper per pixel than an alpha blend. */
    SDL_Color c = {color.r, color.g, color.b, color.a};
    SDL_Color b = {bd.r, bd.g, bd.b, 255};
    SDL_Surface *s;
    if (opaque)
        s = wrap > 0 ? TTF_RenderUTF8_Shaded_Wrapped(f, text, c, b, (Uint32)wrap)
                     : TTF_RenderUTF8_Shaded(f, text, c, b);
    else
        s = wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, text, c, (Uint32)wrap)
                     : TTF_RenderUTF8_Blended(f, text, c);
    if (!s)
        return NULL;
    t->stats.renders++;
    int sw = s->w, sh = s->h;
    long cost = (long)sw * sh;
    SDL_Texture *tex = NULL;
    if (surf) {
        cost = ((long)s->pitch * sh + 3) / 4;
    } else {
        tex = SDL_CreateTextureFromSurface(t->renderer, s);
        SDL_FreeSurface(s);
        s = NULL;
        if (!tex)
            return NULL;
        SDL_SetTextureBlendMode(tex, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    }
    while (t->n_entries > 0 && (t->n_entries >= t->max_entries || t->pixels + cost > t->max_pixels))
        evict_one(t);
    char *copy = strdup(text);
    if (!copy) {
        if (tex)
            SDL_DestroyTexture(tex);
        SDL_FreeSurface(s);
        return NULL;
    }
    entry *e = &t->entries[t->n_entries++];
    *e = (entry){hash, font, size, wrap, color, opaque, probe,  bd,
                 copy, tex,  s,    sw,   sh,    cost,   t->tick};
    t->pixels += cost;
    *w = sw;
    *h = sh;
    return e;
}

SDL_Texture *tu_text_get_on(tu_text *t, tu_font font, int size, int wrap, tu_color color,
                            const tu_color *backdrop, const char *text, int *w, int *h)
{
    entry *e = get(t, font, size, wrap, color, backdrop, 0, text, 0, w, h);
    return e ? e->tex : NULL;
}

SDL_Texture *tu_text_get(tu_text *t, tu_font font, int size, int wrap, tu_color color,
                         const char *text, int *w, int *h)
{
    return tu_text_get_on(t, font, size, wrap, color, NULL, text, w, h);
}

SDL_Surface *tu_text_get_surface(tu_text *t, tu_font font, int size, int wrap, tu_color color,
                                 tu_color backdrop, const char *text, int *w, int *h)
{
    *w = *h = 0;
    if (color.a != 255)
        return NULL;
    entry *e = get(t, font, size, wrap, color, &backdrop, 1, text, 0, w, h);
    return e ? e->surf : NULL;
}

/* The slot holding the size of (font, size, wrap, text), or the free slot where it goes. */
static size_entry *size_slot(tu_text *t, uint32_t hash, tu_font font, int size, int wrap,
                             const char *text)
{
    for (uint32_t i = hash & (SIZE_SLOTS - 1);; i = (i + 1) & (SIZE_SLOTS - 1)) {
        size_entry *e = &t->sizes[i];
        if (!e->text || (e->hash == hash && e->font == font && e->size == size && e->wrap == wrap &&
                         strcmp(e->text, text) == 0))
            return e; /* terminates: the table is never more than 3/4 full */
    }
}

static void sizes_clear(tu_text *t)
{
    for (int i = 0; i < SIZE_SLOTS; i++) {
        tp_wipe_free(t->sizes[i].text);
        t->sizes[i].text = NULL;
    }
    t->n_sizes = 0;
    t->stats.size_flushes++;
}

void tu_text_measure(void *user, tu_font font, int size, int wrap, const char *text, int *w, int *h)
{
    tu_text *t = user;
    *w = *h = 0;
    uint32_t hash = hash_text(text, font, size, wrap);
    size_entry *e = size_slot(t, hash, font, size, wrap, text);
    if (e->text) {
        t->stats.size_hits++;
        *w = e->w;
        *h = e->h;
        return;
    }
    t->stats.size_misses++;
    if (wrap > 0) {
        /* the wrapped size does not depend on colour: measure with the body text colour on
         * the page's background, how most wrapped text is drawn, so the texture is usually
         * reused */
        if (!get(t, font, size, wrap, t->measure_color, &t->measure_backdrop, t->measure_surface,
                 text, 1, w, h))
            return; /* not rendered (empty, or a font problem): not remembered */
    } else {
        TTF_Font *f = font_for(t, font, size);
        if (!f || TTF_SizeUTF8(f, text, w, h) != 0) {
            *w = *h = 0;
            return;
        }
    }
    if (t->n_sizes >= SIZE_SLOTS / 4 * 3) {
        sizes_clear(t);
        e = size_slot(t, hash, font, size, wrap, text);
    }
    char *copy = strdup(text);
    if (!copy)
        return; /* measured, just not remembered */
    *e = (size_entry){hash, font, size, wrap, copy, *w, *h};
    t->n_sizes++;
}

tu_text_stats tu_text_query_stats(const tu_text *t)
{
    tu_text_stats s = t->stats;
    s.entries = t->n_entries;
    s.pixels = t->pixels;
    s.sizes = t->n_sizes;
    return s;
}
