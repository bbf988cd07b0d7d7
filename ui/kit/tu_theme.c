/* tu_theme: colours and metrics of the three looks; see tu_theme.h. */
#include "tu_theme.h"

#include <math.h>
#include <string.h>

static const char *const names[TU_THEME_COUNT] = {"standard", "contrast", "large"};

const char *tu_theme_name(tu_theme_id id)
{
    return (unsigned)id < TU_THEME_COUNT ? names[id] : "standard";
}

int tu_theme_find(const char *name)
{
    for (int i = 0; i < TU_THEME_COUNT; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

#define RGB(r, g, b) ((tu_color){r, g, b, 255})

/* A calm palette: off-white background, white cards, deep teal for actions, a warm deep red
 * kept for the crisis button only. */
static void standard_colors(tu_style *st)
{
    st->bg = RGB(243, 246, 245);
    st->surface = RGB(255, 255, 255);
    st->surface_alt = RGB(255, 255, 255);
    st->text = RGB(28, 42, 51);
    st->text_muted = RGB(77, 92, 100);
    st->primary = RGB(23, 101, 106);
    st->primary_text = RGB(255, 255, 255);
    st->accent = RGB(146, 84, 10);
    st->accent_text = RGB(255, 255, 255);
    st->border = RGB(196, 210, 208);
    st->focus = RGB(31, 95, 191);
    st->danger = RGB(163, 52, 40);
    st->danger_text = RGB(255, 255, 255);
    st->selected = RGB(221, 239, 236);
    st->selected_text = RGB(16, 52, 56);
    st->track = RGB(218, 228, 226);
    /* chart bands: one calm hue, a little deeper band by band (not green-to-red traffic
     * lights: a score band is not a verdict); the dashed caseness line marks the threshold */
    st->band[0] = RGB(240, 246, 246);
    st->band[1] = RGB(228, 238, 239);
    st->band[2] = RGB(216, 230, 232);
    st->band[3] = RGB(203, 221, 224);
}

static void contrast_colors(tu_style *st)
{
    st->bg = RGB(255, 255, 255);
    st->surface = RGB(255, 255, 255);
    st->surface_alt = RGB(255, 255, 255);
    st->text = RGB(0, 0, 0);
    st->text_muted = RGB(20, 20, 20);
    st->primary = RGB(0, 45, 98);
    st->primary_text = RGB(255, 255, 255);
    st->accent = RGB(90, 40, 0);
    st->accent_text = RGB(255, 255, 255);
    st->border = RGB(0, 0, 0);
    st->focus = RGB(200, 0, 120);
    st->danger = RGB(140, 0, 0);
    st->danger_text = RGB(255, 255, 255);
    st->selected = RGB(0, 0, 0);
    st->selected_text = RGB(255, 255, 255);
    st->track = RGB(120, 120, 120);
    st->band[0] = RGB(235, 235, 235);
    st->band[1] = RGB(215, 215, 215);
    st->band[2] = RGB(190, 190, 190);
    st->band[3] = RGB(165, 165, 165);
}

void tu_theme_style(tu_style *st, tu_theme_id id, float scale)
{
    memset(st, 0, sizeof *st);
    if (scale < 1)
        scale = 1;
    if (id == TU_THEME_CONTRAST)
        contrast_colors(st);
    else
        standard_colors(st);
    float f = 1.0f;
    st->scale = scale;
    st->font_size[TU_FONT_BODY] = (int)(19 * scale * f + 0.5f);
    st->font_size[TU_FONT_STRONG] = (int)(19 * scale * f + 0.5f);
    st->title_size = (int)(29 * scale * f + 0.5f);
    st->small_size = (int)(16 * scale * f + 0.5f);
    st->pad = (int)(16 * scale + 0.5f);
    st->gap = (int)(14 * scale + 0.5f);
    st->radius = (int)(12 * scale + 0.5f);
    st->target = (int)(56 * scale * (f > 1 ? 1.15f : 1.0f) + 0.5f);
    if (id == TU_THEME_LARGE)
        tu_theme_text(st, 1.5f);
}

const float tu_text_sizes[TU_TEXT_SIZES] = {1.0f, 1.5f, 2.0f};

void tu_theme_text(tu_style *st, float f)
{
    if (f <= 1.0f)
        return;
    for (int i = 0; i < TU_FONT_COUNT; i++)
        st->font_size[i] = (int)(st->font_size[i] * f + 0.5f);
    st->title_size = (int)(st->title_size * f + 0.5f);
    st->small_size = (int)(st->small_size * f + 0.5f);
    /* targets grow less than text: a 2x button is not 112 px tall, its label wraps instead */
    st->target = (int)(st->target * (f > 1.5f ? 1.3f : 1.15f) + 0.5f);
}

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double tu_luminance(tu_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double tu_contrast(tu_color a, tu_color b)
{
    double la = tu_luminance(a), lb = tu_luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

int tu_theme_pairs(const tu_style *st, tu_pair *out, int max)
{
    const tu_pair all[] = {
        {"text on background", st->text, st->bg},
        {"text on surface", st->text, st->surface},
        {"text on secondary button", st->text, st->surface_alt},
        {"muted text on background", st->text_muted, st->bg},
        {"muted text on surface", st->text_muted, st->surface},
        {"primary button", st->primary_text, st->primary},
        {"accent", st->accent_text, st->accent},
        {"crisis button", st->danger_text, st->danger},
        {"selected option", st->selected_text, st->selected},
        {"text on chart band 1", st->text, st->band[0]},
        {"text on chart band 2", st->text, st->band[1]},
        {"text on chart band 3", st->text, st->band[2]},
        {"text on chart band 4", st->text, st->band[3]},
        {"link-coloured text on surface", st->primary, st->surface},
        {"link-coloured text on background", st->primary, st->bg},
        {"danger text on surface", st->danger, st->surface},
    };
    int n = (int)(sizeof all / sizeof all[0]);
    if (n > max)
        n = max;
    memcpy(out, all, (size_t)n * sizeof *out);
    return n;
}
