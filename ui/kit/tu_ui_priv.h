/* tu_ui_priv: what widgets in other files of the widget layer (tu_field.c, tu_errors.c) share
 * with tu_ui.c. Not for screens. */
#ifndef TU_UI_PRIV_H
#define TU_UI_PRIV_H

#include "tu_ui.h"

/* Records a widget drawn this frame (NULL on out of memory; ctx->oom set). */
tu_record *tu_priv_record(tu_ctx *ctx, const char *id, tu_kind kind, tu_rect r, const char *label);
/* Hot/active/focus handling of an interactive widget; 1 when clicked or activated by `keys`. */
int tu_priv_interact(tu_ctx *ctx, uint32_t id, tu_rect r, tu_record *rec, unsigned keys);
/* The focus ring around r when id has the focus. */
void tu_priv_focus_ring(tu_ctx *ctx, uint32_t id, tu_rect r, int radius);
tu_rect tu_priv_intersect(tu_rect a, tu_rect b);

#endif
