/* tu_guide: the information pages (content/info.json, core/tr_info.h) in the app: a card on
 * the start screen (welcome or home) opens the list of pages, a page shows its sections and
 * contacts. The pages are loaded when first opened and kept until the app closes. */
#ifndef TU_GUIDE_H
#define TU_GUIDE_H

#include "tr_info.h"
#include "tu_ui.h"

typedef struct tu_guide {
    tr_info *info; /* NULL until loaded, or when the pack has none or a broken one */
    int tried;     /* the load was tried (do not retry every frame) */
    int page;      /* the open page's index, or -1 for the list */
} tu_guide;

struct tu_app;
/* The card on the start screen (welcome and home) that opens the pages; draws nothing when
 * the pack has no (valid) content/info.json. */
void tu_guide_welcome(struct tu_app *app);
/* TU_SCR_GUIDE: the list of pages, or the open page; its bottom bar (back to the list, to the
 * start screen; Escape goes one level up). */
void tu_guide_body(struct tu_app *app);
void tu_guide_nav(struct tu_app *app, tu_rect bar);
/* Frees the loaded pages (tu_app_shutdown). */
void tu_guide_free(tu_guide *g);

#endif
