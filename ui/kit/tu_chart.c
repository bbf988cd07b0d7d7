/* tu_chart: several lines in one chart; see tu_chart.h. */
#include "tu_chart.h"

#include <stdio.h>
#include <string.h>

tu_color tu_chart_color(const tu_ctx *ctx, int i)
{
    const tu_style *st = &ctx->style;
    switch (i) {
    case 0:
        return st->primary;
    case 1:
        return st->danger;
    case 2:
        return st->accent;
    default:
        return st->text_muted;
    }
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void tu_chart_lines(tu_ctx *ctx, const char *id, int h, const tu_chart_lines_desc *d)
{
    const tu_style *st = &ctx->style;
    float first[512];
    int n = d->n_points < (int)(sizeof first / sizeof first[0])
                ? d->n_points
                : (int)(sizeof first / sizeof first[0]);
    for (int i = 0; i < n; i++)
        first[i] =
            d->n_lines > 0 && d->lines[0][i] >= 0 ? clampf(d->lines[0][i], d->min, d->max) : -1;
    tu_chart_desc base = {.values = first,
                          .n_values = n,
                          .min = d->min,
                          .max = d->max,
                          .bands = d->bands,
                          .n_bands = d->n_bands,
                          .threshold = d->threshold,
                          .markers = d->markers,
                          .n_markers = d->n_markers,
                          .label = d->label};
    tu_chart(ctx, id, h, &base);
    const tu_record *rec = tu_find(ctx, id);
    if (!rec)
        return;
    tu_rect r = rec->rect;
    /* the scale's ends, small at the left edge, and a baseline to read the lines against */
    {
        char top[16], bottom[16];
        int size = st->small_size;
        int th = tu_text_height(ctx, TU_FONT_BODY, size, 0, "0");
        snprintf(top, sizeof top, "%g", (double)d->max);
        snprintf(bottom, sizeof bottom, "%g", (double)d->min);
        tu_draw_fill(ctx, (tu_rect){r.x, r.y + r.h - 1, r.w, 1}, st->border, 0);
        tu_draw_text(ctx, (tu_rect){r.x + 2, r.y, r.w, th}, TU_FONT_BODY, size, 0, st->text_muted,
                     top);
        tu_draw_text(ctx, (tu_rect){r.x + 2, r.y + r.h - th - 2, r.w, th}, TU_FONT_BODY, size, 0,
                     st->text_muted, bottom);
    }
    float span = d->max - d->min > 0 ? d->max - d->min : 1;
    int dot = (int)(8 * st->scale) > 6 ? (int)(8 * st->scale) : 6;
    /* the same mapping as tu_chart, so the lines share its points */
    for (int l = 1; l < d->n_lines; l++) {
        tu_color c = tu_chart_color(ctx, l);
        int px = -1, py = -1;
        for (int i = 0; i < n; i++) {
            float v = d->lines[l][i];
            if (v < 0) {
                px = -1;
                continue;
            }
            v = clampf(v, d->min, d->max);
            int x = n > 1 ? r.x + st->pad + i * (r.w - 2 * st->pad) / (n - 1) : r.x + r.w / 2;
            int y = r.y + r.h - (int)((v - d->min) / span * (float)r.h);
            if (px >= 0)
                for (int t = -1; t <= 1; t++)
                    tu_draw_line(ctx, px, py + t, x, y + t, c);
            /* a square dot, so the lines differ by more than colour */
            tu_draw_fill(ctx, (tu_rect){x - dot / 2, y - dot / 2, dot, dot}, c, 0);
            px = x;
            py = y;
        }
    }
    int named = 0;
    for (int l = 0; l < d->n_lines; l++)
        named += d->names[l] != NULL;
    if (!named)
        return;
    /* legend: a swatch and the name of each line, wrapping onto more rows when needed */
    int size = st->small_size, th = tu_text_height(ctx, TU_FONT_BODY, size, 0, "Ag");
    int sw = dot * 2, x = ctx->lx, rows = 1, used = 0;
    for (int l = 0; l < d->n_lines; l++) {
        if (!d->names[l])
            continue;
        int w = sw + st->gap / 2 + tu_text_width(ctx, TU_FONT_BODY, size, d->names[l]) + st->gap;
        if (used > 0 && used + w > ctx->lw) {
            rows++;
            used = 0;
        }
        used += w;
    }
    tu_rect area = tu_next(ctx, rows * (th + st->gap / 2));
    int y = area.y;
    x = area.x;
    for (int l = 0; l < d->n_lines; l++) {
        if (!d->names[l])
            continue;
        int tw = tu_text_width(ctx, TU_FONT_BODY, size, d->names[l]);
        int w = sw + st->gap / 2 + tw + st->gap;
        if (x > area.x && x + w > area.x + area.w) {
            x = area.x;
            y += th + st->gap / 2;
        }
        tu_draw_fill(ctx, (tu_rect){x, y + th / 2 - 2, sw, 4}, tu_chart_color(ctx, l), 2);
        tu_draw_text(ctx, (tu_rect){x + sw + st->gap / 2, y, tw, th}, TU_FONT_BODY, size, 0,
                     st->text, d->names[l]);
        x += w;
    }
}
