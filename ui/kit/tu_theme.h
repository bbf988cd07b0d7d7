/* tu_theme: the three looks (standard, high contrast, large text) as tu_style values, and the
 * WCAG contrast arithmetic the contrast test uses to hold every text/background pair to AA. */
#ifndef TU_THEME_H
#define TU_THEME_H

#include "tu_ui.h"

typedef enum tu_theme_id {
    TU_THEME_STANDARD,
    TU_THEME_CONTRAST,
    TU_THEME_LARGE,
    TU_THEME_COUNT
} tu_theme_id;

/* The theme's name as used by --theme and the settings ("standard", "contrast", "large"). */
const char *tu_theme_name(tu_theme_id id);
/* Looks a name up; returns -1 when unknown. */
int tu_theme_find(const char *name);

/* Fills *st for theme id at ui scale `scale` (1.0 = 1x; >= 1). TU_THEME_LARGE is the
 * standard colours with text 1.5 times as large. */
void tu_theme_style(tu_style *st, tu_theme_id id, float scale);

/* The text sizes a client can choose, combinable with either colour theme. */
#define TU_TEXT_SIZES 3
extern const float tu_text_sizes[TU_TEXT_SIZES]; /* 1, 1.5, 2 */
/* Makes every text of *st `f` times as large (f >= 1), and the touch targets with it, so a
 * control still holds its label. */
void tu_theme_text(tu_style *st, float f);

/* WCAG 2.x relative luminance and contrast ratio (1..21) of two opaque colours. */
double tu_luminance(tu_color c);
double tu_contrast(tu_color a, tu_color b);

/* One foreground/background pair a theme draws text with. */
typedef struct tu_pair {
    const char *name;
    tu_color fg, bg;
} tu_pair;

/* Writes the text/background pairs of *st into out (at most max); returns how many. */
int tu_theme_pairs(const tu_style *st, tu_pair *out, int max);

#endif
