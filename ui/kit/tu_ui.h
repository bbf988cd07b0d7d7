/* tu_ui: the immediate-mode widget layer (microui style).
 *
 * Screen code is plain functions of state that call widgets each frame. All state lives in
 * one tu_ctx: input gathered since the last frame, hot/active/focus ids, the layout cursor,
 * the draw commands made this frame and a record of every widget drawn (for the script
 * driver's dump/expect/click and the layout check). The layer knows nothing of SDL: text is
 * measured through a callback, and tu_sdl turns events into tu_input_* calls and commands
 * into SDL_Renderer drawing.
 *
 * Ownership: the context owns its command and record arrays; strings given to widgets are
 * copied into a per-frame arena, so callers may pass temporaries. */
#ifndef TU_UI_H
#define TU_UI_H

#include <stddef.h>
#include <stdint.h>

typedef struct tu_rect {
    int x, y, w, h;
} tu_rect;

typedef struct tu_color {
    uint8_t r, g, b, a;
} tu_color;

/* Font roles; tu_sdl maps them to font files and the theme maps them to sizes. */
typedef enum tu_font { TU_FONT_BODY, TU_FONT_STRONG, TU_FONT_COUNT } tu_font;

typedef enum tu_cmd_kind {
    TU_CMD_FILL, /* rounded filled rectangle */
    TU_CMD_TEXT, /* text at rect.x/y, wrapped at `wrap` px when wrap > 0 */
    TU_CMD_LINE, /* line from (rect.x, rect.y) to (rect.x + rect.w, rect.y + rect.h) */
    TU_CMD_CLIP, /* clip to rect; w == 0 resets */
} tu_cmd_kind;

typedef struct tu_cmd {
    tu_cmd_kind kind;
    tu_rect rect;
    tu_color color;
    int radius, thick;
    tu_font font;
    int size, wrap;
    const char *text; /* in the frame arena */
    tu_rect clip;     /* TU_CMD_TEXT/FILL: visible part; w == 0 means the whole window */
} tu_cmd;

typedef enum tu_kind {
    TU_W_LABEL,
    TU_W_PARAGRAPH,
    TU_W_BUTTON,
    TU_W_OPTION,
    TU_W_RADIO,
    TU_W_CHECKBOX,
    TU_W_SLIDER,
    TU_W_TEXTFIELD,
    TU_W_PROGRESS,
    TU_W_CARD,
    TU_W_DIALOG,
    TU_W_CHART,
    TU_W_SCROLL,
} tu_kind;

enum {
    TU_ST_HOT = 1,
    TU_ST_ACTIVE = 2,
    TU_ST_FOCUS = 4,
    TU_ST_SELECTED = 8,
    TU_ST_OVERFLOW = 16, /* its text did not fit its box */
    TU_ST_CLIPPED = 32,  /* partly or wholly outside the visible scroll area */
    TU_ST_ALERT = 64,    /* an error or warning the user must hear of (tu_alert) */
    TU_ST_HEADING = 128, /* a title (tu_title) */
    TU_ST_SECRET = 256,  /* a text field whose text is hidden (a passphrase) */
    TU_ST_KEYCAP = 512,  /* the number key of the widget before it (screen readers: its shortcut) */
};

/* One widget drawn this frame, as the script driver and the layout check see it. */
typedef struct tu_record {
    char id[64];
    tu_kind kind;
    const char *label; /* in the frame arena; "" when none */
    const char *value; /* a text field's text as drawn (bullets when hidden); NULL otherwise */
    tu_rect rect;      /* on screen */
    tu_rect clip;      /* the visible region it was drawn in */
    unsigned state;
    int layer; /* 0 the screen, 1 a dialog over it */
    int focusable;
    int scroll; /* index+1 of the scroll area it lies in, 0 for none */
} tu_record;

/* The colours and metrics every widget draws with (tu_theme fills it). */
typedef struct tu_style {
    tu_color bg, surface, surface_alt, text, text_muted, primary, primary_text, accent, accent_text,
        border, focus, danger, danger_text, selected, selected_text, track;
    tu_color band[4]; /* chart bands, light to strong */
    int font_size[TU_FONT_COUNT];
    int title_size, small_size;
    int pad, gap, radius, target; /* target: smallest touch target (>= 48 at 1x) */
    float scale;
} tu_style;

/* Measures text: sets *w, *h in pixels for font/size wrapped at wrap px (0 = one line). */
typedef void (*tu_measure_fn)(void *user, tu_font font, int size, int wrap, const char *text,
                              int *w, int *h);

typedef enum tu_key {
    TU_KEY_TAB = 1,
    TU_KEY_SHIFT_TAB = 2,
    TU_KEY_ENTER = 4,
    TU_KEY_SPACE = 8,
    TU_KEY_UP = 16,
    TU_KEY_DOWN = 32,
    TU_KEY_LEFT = 64,
    TU_KEY_RIGHT = 128,
    TU_KEY_ESCAPE = 256,
    TU_KEY_BACKSPACE = 512,
    TU_KEY_HOME = 1024,
    TU_KEY_END = 2048,
} tu_key;

#define TU_MAX_SCROLL 8

typedef struct tu_scroll {
    uint32_t id;
    int offset;  /* px scrolled down */
    int content; /* content height last frame */
    tu_rect view;
} tu_scroll;

typedef struct tu_ctx {
    tu_style style;
    tu_measure_fn measure;
    void *measure_user;
    int width, height; /* window size in pixels */

    /* input since last frame */
    int mouse_x, mouse_y, mouse_down, mouse_pressed, mouse_released, wheel;
    unsigned keys;    /* tu_key bits pressed this frame */
    int digit;        /* 0-9 when a number key was pressed, else -1 */
    char text[4096];  /* UTF-8 typed or pasted this frame (wiped at the frame's end) */
    int64_t now_ms;   /* monotonic time, for the caret */
    int touch_lift;   /* a finger was lifted: no hover after this frame */
    int kbd;          /* the last press came from the keyboard (focus then follows the content) */
    int choice_min_h; /* options, radios and checkboxes are at least this tall (0: as needed) */
    /* The double-tap guard (tu_guard): input events carry the time they happened (ms, the
     * event source's clock; tu_input_time sets it before each tu_input_* call). A press or an
     * activating key (Enter, Space, Escape, a digit) that is stamped before guard_until, or
     * that arrives before the new view has been drawn once (guard_frames > 0), is dropped. */
    uint32_t event_ms, guard_until;
    int guard_frames, guard_on;

    /* widget state */
    uint32_t hot, active, focus;
    uint32_t next_focus_req; /* tu_focus_request: the focus moves there at the frame's end */
    uint32_t tf_focus;       /* the text field that had the focus last frame */
    int tf_fresh;            /* its text is selected: the next typing replaces it */
    uint32_t prev_focus_order[256];
    int n_prev_focus;
    uint32_t focus_order[256];
    int n_focus;
    int focus_moved; /* focus changed by keyboard this frame: scroll it into view */
    int need_redraw; /* a widget asks for another frame (e.g. focus move) */
    int blocked;     /* 1 while drawing what lies under an open dialog: no input */
    int layer;       /* 1 inside a dialog */
    int64_t wake_ms; /* next deadline (caret blink) or 0 */
    int want_text;   /* a text field has focus: the SDL side starts text input */
    tu_rect text_rect;
    tu_color under; /* colour behind the widgets being drawn (for the focus ring gap) */
    int press_x, press_y, press_offset, press_scroll, dragging;
    size_t card_cmd; /* command slot of the open card's background */
    int card_y, card_active;
    int saved_lx, saved_ly, saved_lw; /* layout outside the scroll area or dialog */
    int dialog_h, dialog_y;           /* the open dialog's height last frame, and top */
    const char *fault;     /* set by tu_end: how the frame misused a container, or NULL */
    const char *fault_now; /* the first misuse seen while the frame is drawn */

    /* layout */
    int lx, ly, lw;   /* column origin and width; ly advances */
    int scroll_index; /* current scroll area index+1, 0 when none */
    tu_rect clip;

    /* scroll areas persist across frames by id */
    tu_scroll scrolls[TU_MAX_SCROLL];
    int n_scrolls;

    /* outputs */
    tu_cmd *cmds;
    size_t n_cmds, cap_cmds;
    tu_record *recs;
    size_t n_recs, cap_recs;
    char *arena;
    size_t arena_used, arena_cap;
    int oom; /* an allocation failed this frame; the frame is incomplete */
} tu_ctx;

/* Sets up ctx (zeroes it) with a measure callback. Never fails; arrays grow on demand. */
void tu_init(tu_ctx *ctx, tu_measure_fn measure, void *user);
/* Frees the arrays; ctx may be reused after tu_init. */
void tu_free(tu_ctx *ctx);

/* Input, between frames (tu_sdl calls these from SDL events). */
void tu_input_mousemove(tu_ctx *ctx, int x, int y);
void tu_input_mousedown(tu_ctx *ctx, int x, int y);
void tu_input_mouseup(tu_ctx *ctx, int x, int y);
void tu_input_wheel(tu_ctx *ctx, int dy);
void tu_input_key(tu_ctx *ctx, tu_key key);
void tu_input_digit(tu_ctx *ctx, int digit);
void tu_input_text(tu_ctx *ctx, const char *utf8);
/* Stamps the input that follows with its event time in ms (any clock that only moves forward,
 * the same for all input; SDL's event time stamps). */
void tu_input_time(tu_ctx *ctx, uint32_t ms);
/* The view changed (a new question, screen or layer): presses and activating keys stamped
 * within `ms` of the last input event, or arriving before the next frame is drawn, do not act
 * on it. Call after the frame's tu_end. Never fails. */
void tu_guard(tu_ctx *ctx, uint32_t ms);
/* 1 when input stamped now would be dropped by the guard. */
int tu_guarded(const tu_ctx *ctx);

/* Starts a frame for a window of w x h pixels; clears commands and records. */
void tu_begin(tu_ctx *ctx, int w, int h, int64_t now_ms);
/* Ends a frame: applies Tab focus movement, clears per-frame input, and checks that every
 * container of the frame was opened and closed in pairs (as microui's mu_end asserts its
 * stacks are empty): ctx->fault is then NULL, or says what went wrong ("a card left open",
 * "a card opened inside a card", "a scroll area closed that was not open", ...); the app
 * reports it and a script fails on it. The next tu_begin starts outside every container. */
void tu_end(tu_ctx *ctx);

/* Copies s into the frame arena (NULL on out of memory, and ctx->oom set). */
const char *tu_strdup(tu_ctx *ctx, const char *s);
uint32_t tu_id(const char *s);

/* Layout: a column at x with width w starting at y; tu_next takes h px and a gap. */
void tu_column(tu_ctx *ctx, int x, int y, int w);
tu_rect tu_next(tu_ctx *ctx, int h);
void tu_space(tu_ctx *ctx, int h);
/* A row for n buttons side by side (tu_split) with these labels: as tall as the tallest one
 * needs with its label wrapped in its share, so large text reflows instead of overflowing. */
tu_rect tu_next_row(tu_ctx *ctx, int n, const char *const *labels);
/* Splits r into n equal columns with the style gap; returns column i. */
tu_rect tu_split(const tu_ctx *ctx, tu_rect r, int n, int i);
/* Text height for font/size wrapped at w. */
int tu_text_height(tu_ctx *ctx, tu_font font, int size, int w, const char *text);
int tu_text_width(tu_ctx *ctx, tu_font font, int size, const char *text);

/* Drawing primitives (clipped by the current scroll area). */
void tu_draw_fill(tu_ctx *ctx, tu_rect r, tu_color c, int radius);
/* An outline `thick` px wide in c, filled inside with `inside`. */
void tu_draw_frame(tu_ctx *ctx, tu_rect r, tu_color c, tu_color inside, int radius, int thick);
void tu_draw_text(tu_ctx *ctx, tu_rect r, tu_font font, int size, int wrap, tu_color c,
                  const char *text);
void tu_draw_line(tu_ctx *ctx, int x0, int y0, int x1, int y1, tu_color c);

/* Widgets. `id` is a stable name ("welcome.start") used by the script driver; labels are
 * the visible text. Each returns 1 on the frame the user acts on it, else 0. */
void tu_label(tu_ctx *ctx, const char *id, tu_font font, int size, tu_color c, const char *text);
/* A one-line label inside r, left or right aligned, recording overflow. */
void tu_label_at(tu_ctx *ctx, const char *id, tu_rect r, tu_font font, int size, tu_color c,
                 int right, const char *text);
/* A row of two labels: `left` in the body style and `right` larger and coloured, sharing one
 * line when they fit and stacked when they do not. */
void tu_pair_row(tu_ctx *ctx, const char *id, const char *left, const char *right,
                 tu_color right_color);
/* A wrapped paragraph in the column; returns nothing. */
void tu_paragraph(tu_ctx *ctx, const char *id, const char *text);
void tu_title(tu_ctx *ctx, const char *id, const char *text);
/* A wrapped paragraph that tells of a problem (an error message): drawn as tu_paragraph and
 * marked TU_ST_ALERT, so screen readers announce it when it appears or changes (tu_a11y). */
void tu_alert(tu_ctx *ctx, const char *id, const char *text);
/* A wrapped paragraph in the smaller, muted style (hints, notes). */
void tu_note(tu_ctx *ctx, const char *id, const char *text);

typedef enum tu_button_look { TU_LOOK_PRIMARY, TU_LOOK_SECONDARY, TU_LOOK_DANGER } tu_button_look;
int tu_button_at(tu_ctx *ctx, const char *id, tu_rect r, tu_button_look look, const char *label);
int tu_button(tu_ctx *ctx, const char *id, tu_button_look look, const char *label);
/* A text in r that acts as a button (the logo): left-aligned, vertically centred, underlined
 * under the pointer. */
int tu_link_at(tu_ctx *ctx, const char *id, tu_rect r, tu_font font, int size, tu_color c,
               const char *label);
/* A large answer option; `selected` draws it chosen; `group` ties options for arrow keys. */
int tu_option(tu_ctx *ctx, const char *id, const char *label, int selected);
int tu_radio(tu_ctx *ctx, const char *id, const char *label, int selected);
int tu_checkbox(tu_ctx *ctx, const char *id, const char *label, int *checked);
/* As tu_option and tu_checkbox, showing the number key (1-9; 0 = none) that picks it in a key
 * cap at the right end, recorded as label "<id>.key". The caller acts on the key
 * (ctx->digit). */
int tu_option_key(tu_ctx *ctx, const char *id, const char *label, int selected, int key);
int tu_checkbox_key(tu_ctx *ctx, const char *id, const char *label, int *checked, int key);
/* value 0..100; returns 1 when it changed. */
int tu_slider(tu_ctx *ctx, const char *id, const char *label, int *value);
/* buf holds UTF-8 of at most size-1 bytes; hidden draws bullets. Returns 1 on Enter.
 * (tu_field with only these set.) */
int tu_textfield(tu_ctx *ctx, const char *id, const char *label, char *buf, size_t size,
                 int hidden);

/* A text field (tu_field.c). Zero-initialise and set what is needed. */
typedef struct tu_field_desc {
    const char *id, *label; /* label: drawn above the box ("" for none) */
    char *buf;              /* UTF-8, at most size-1 bytes; owned by the caller */
    size_t size;
    int hidden;          /* draws bullets (passphrases) */
    int lines;           /* > 1: the text wraps and the box grows; at least this many lines tall */
    int max_chars;       /* > 0: at most this many characters (code points) */
    int select_on_focus; /* a value put in by the app: the first typing after focus replaces it */
    const char *error;   /* not NULL: the field is marked, with this message above its box */
} tu_field_desc;
enum {
    TU_FIELD_ENTER = 1,   /* Enter was pressed in it */
    TU_FIELD_CHANGED = 2, /* its text changed this frame */
    TU_FIELD_REFUSED = 4, /* typed or pasted text did not all fit (max_chars or size) */
};
/* Draws the field and edits d->buf with what was typed or pasted; control characters become
 * spaces. Text that does not fit is cut at a character boundary and TU_FIELD_REFUSED says so:
 * the caller tells the user. Returns TU_FIELD_* bits. */
int tu_field(tu_ctx *ctx, const tu_field_desc *d);
/* Number of UTF-8 characters (code points) in s. */
int tu_utf8_count(const char *s);
/* A line of small text in a box as tall as the tallest of `text` and `reserve` (wrapped), so a
 * hint or a count can change without moving what follows. colour: the text's. */
void tu_fixed_note(tu_ctx *ctx, const char *id, const char *text, const char *reserve,
                   tu_color colour);
/* Moves the focus to widget `id` at the end of this frame and scrolls it into view. */
void tu_focus_request(tu_ctx *ctx, const char *id);
/* fraction 0..1 */
void tu_progress(tu_ctx *ctx, const char *id, float fraction, const char *label);

/* A card: a surface box around what is laid out between begin and end. */
void tu_card_begin(tu_ctx *ctx, const char *id);
void tu_card_end(tu_ctx *ctx);

/* A scroll area filling r; layout inside starts at its top. Wheel, finger drag, keyboard
 * focus all scroll it. */
void tu_scroll_begin(tu_ctx *ctx, const char *id, tu_rect r);
void tu_scroll_end(tu_ctx *ctx);

/* A modal dialog centred on the window: darkens the screen, draws a box w px wide sized to
 * its content (as laid out last frame), and starts a column in it. Widgets drawn before it
 * are not clickable while it is open: the caller sets ctx->blocked while drawing them and
 * draws the dialog last. */
void tu_dialog_begin(tu_ctx *ctx, const char *id, int w);
void tu_dialog_end(tu_ctx *ctx);

/* Line chart. values[i] may be < 0 for "missing". bands: n_bands upper bounds drawn as
 * background stripes; threshold: a dashed line (< 0 for none). markers: indices marked. */
typedef struct tu_chart_desc {
    const float *values;
    int n_values;
    float min, max;
    const float *bands;
    int n_bands;
    float threshold;
    const int *markers;
    int n_markers;
    const char *label;
} tu_chart_desc;
void tu_chart(tu_ctx *ctx, const char *id, int h, const tu_chart_desc *desc);

/* Room left below the layout cursor in the current scroll area's view (or the window), as if
 * the area were not scrolled. */
int tu_room_below(const tu_ctx *ctx);

/* The records of the widgets drawn this frame. */
const tu_record *tu_find(const tu_ctx *ctx, const char *id_or_label);

/* Layout check: writes into buf (<= size) a description of the first problem among the
 * records: text overflowing its box, or two interactive widgets overlapping. Returns the
 * number of problems (0 = fine). */
int tu_check_layout(const tu_ctx *ctx, char *buf, size_t size);

const char *tu_kind_name(tu_kind kind);

#endif
