/* tu_testkit: a tu_app for front-end unit tests without a window: the shipped content pack and
 * catalogs (TRINN_CONTENT), a widget context that measures text with a fixed-width stand-in
 * (9 px a byte, 20 px a line), the standard theme at scale 1. */
#ifndef TU_TESTKIT_H
#define TU_TESTKIT_H

#include <stddef.h>

#include "tu_app.h"

/* Stand-in text measure: 9 px per byte, wrapped at `wrap`, 20 px per line. */
void tu_testkit_measure(void *user, tu_font font, int size, int wrap, const char *text, int *w,
                        int *h);

/* Zeroes *app and loads content and catalogs in language `lang` (index into the pack's languages).
 * Returns 0, or -1 with msg saying what failed (TRINN_CONTENT unset, a broken pack...). */
int tu_testkit_open(tu_app *app, int lang, char *msg, size_t size);

/* Frees what tu_testkit_open and the screens under test made (results, walks, tracking,
 * modules, records, catalogs, pack, widget context). */
void tu_testkit_close(tu_app *app);

#endif
