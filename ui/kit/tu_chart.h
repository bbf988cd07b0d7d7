/* tu_chart: a line chart of up to four lines over the same points, built on the widget
 * layer's tu_chart (bands, the dashed threshold line, ringed markers for the first line) with
 * the further lines drawn over it in their own colours and a legend underneath. */
#ifndef TU_CHART_H
#define TU_CHART_H

#include "tu_ui.h"

#define TU_CHART_MAX_LINES 4

typedef struct tu_chart_lines_desc {
    const float *lines[TU_CHART_MAX_LINES]; /* n_points values each; < 0 = missing */
    const char *names[TU_CHART_MAX_LINES];  /* legend; NULL = no legend entry */
    int n_lines, n_points;
    float min, max;
    const float *bands; /* upper bounds, drawn as background stripes */
    int n_bands;
    float threshold;    /* dashed line; < 0 = none */
    const int *markers; /* indices ringed on the first line */
    int n_markers;
    const char *label; /* heading above the chart */
} tu_chart_lines_desc;

/* Draws the chart h px high in the column (and its legend when there is more than one line
 * or a name). Values are clamped to [min, max]. */
void tu_chart_lines(tu_ctx *ctx, const char *id, int h, const tu_chart_lines_desc *d);

/* The colour of line i (0 = the primary colour, as the layer's own chart). */
tu_color tu_chart_color(const tu_ctx *ctx, int i);

#endif
