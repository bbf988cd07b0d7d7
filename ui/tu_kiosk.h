/* tu_kiosk: `trinn --kiosk --config FILE`, the waiting-room kiosk (issue 15).
 *
 * A kiosk visit: the attract screen cycles the offered languages; a tap on one opens the kiosk
 * home (what RPH is, that no referral is needed, the team's phone and hours, where the desk
 * is); the anonymous self-assessment and its result follow as in the app, in guest mode
 * (nothing is saved; no settings file is read or written). At acute risk the result first sends
 * the visitor to the desk now, with the crisis numbers. Only when the visitor chooses, the
 * answers and result are handed in: sealed to the team card into the spool folder (tr_kiosk.h,
 * written atomically) with a reference code on screen. «Ferdig», or no touch for the configured
 * time (a visible countdown first), wipes the visit (tu_kiosk_wipe) and goes back to attract.
 * A long press (3 s) on the name in the top-left corner opens the staff menu behind the PIN:
 * the spool count, a test hand-in, exit; wrong PINs are counted and each makes the next try
 * wait longer. Close requests and Alt+F4 are ignored. A configuration that cannot be read
 * shows its problem on screen for staff (and on stderr); the crisis contacts still show.
 *
 * Ownership: the app owns one tu_kiosk (app->kiosk, NULL outside kiosk mode); it holds the
 * device key (wiped by tu_kiosk_free). */
#ifndef TU_KIOSK_H
#define TU_KIOSK_H

#include <stdint.h>

#include "tr_kiosk.h"
#include "tr_triage.h"
#include "tu_ui.h"

struct tu_app;

#define TU_KIOSK_LONG_PRESS_MS 3000  /* the staff corner */
#define TU_KIOSK_CYCLE_MS      4000  /* the attract screen's language cycle */
#define TU_KIOSK_SIGNAL_MS     1000  /* the longest wait before a stop signal is seen */
#define TU_KIOSK_PORTRAIT_TEXT 1.25f /* text (and targets) on a portrait kiosk, read standing */

typedef struct tu_kiosk {
    tr_kiosk_config cfg;
    int broken; /* the configuration could not be loaded: msg says why */
    char msg[1024];
    int64_t last_input; /* app ms of the last touch, click or key */
    int counting;       /* the idle countdown is showing */
    int64_t cycle_at;   /* app ms the attract screen last changed language */
    int cycle;          /* index into cfg.langs shown on the attract screen */
    int consent;        /* hand-in screen: 0 asking, 1 handed in, -1 failed */
    char ref[TR_KIOSK_REF_LEN + 1];
    char fail[1600];          /* why the hand-in failed (for staff) */
    uint32_t corner_down;     /* event ms of a press on the staff corner, 0 = none */
    int64_t corner_down_real; /* app ms of it, for a press still held */
    char pin[TR_KIOSK_PIN_MAX + 1];
    size_t pin_len;
    int staff_ok;            /* the PIN was right: the menu shows */
    int wrong;               /* wrong PINs since the kiosk started */
    int pin_state;           /* 0, 1 wrong, 2 wait, 3 could not check */
    int pin_waiting;         /* a wrong PIN: none is checked before pin_wait_until */
    uint32_t pin_wait_until; /* event ms (SDL's 32-bit clock: compared wrap-safe) */
    uint32_t pin_tried_at;   /* event ms of the last try */
    int test_state;          /* staff test hand-in: 0, 1 written, -1 failed */
    int wipes;               /* visits wiped since start (staff menu) */
    int wipe_pending;        /* wipe at the start of the next frame */
    int spool; /* staff menu: hand-ins waiting in the folder (-1 unreadable, -2 to count) */
} tu_kiosk;

/* Loads the configuration at path into a new kiosk on app->kiosk. Never fails for a broken
 * configuration (kiosk->broken, the message on stderr and on screen); returns -1 only when out
 * of memory. */
int tu_kiosk_start(struct tu_app *app, const char *path);

/* Wipes and frees app->kiosk. */
void tu_kiosk_free(struct tu_app *app);

/* Every frame, before it begins: notes input, and wipes when asked (tu_kiosk_wipe) or when
 * the idle time is over. */
void tu_kiosk_before(struct tu_app *app);

/* Every frame, after the screen: notes input, draws the idle countdown, wipes at its end, and
 * sets the next wake-up (countdown seconds, the language cycle). */
void tu_kiosk_frame(struct tu_app *app);

/* Before the screen: a press on the staff corner (r, the name in the top bar) and its long
 * press. */
void tu_kiosk_corner(struct tu_app *app, tu_rect r);

/* The kiosk is told to stop (SIGTERM or SIGINT: `systemctl stop`, cage shutting down; or the
 * display went away): wipes the visit now, says so on stderr and sets app->quit, so trinn ends
 * with status 0. Window close requests never come here (tu_app.c). */
void tu_kiosk_stop(struct tu_app *app);

/* Asks for the full wipe of a visit, done before the next frame: the answers zeroed, parsed trees
 * freed, the result and its typed line zeroed, text textures and the text cache dropped, the window
 * cleared; then the attract screen in the first offered language. */
void tu_kiosk_wipe(struct tu_app *app);

/* The crisis page's kiosk card: tell the reception, where it is. */
void tu_kiosk_crisis(struct tu_app *app);

/* Where the result is shown, for its «what next» text (tr_triage_next_text_at): the kiosk's
 * team, phone and hours, and whether the answers were handed in; fills and returns place. */
tr_triage_place *tu_kiosk_place(struct tu_app *app, tr_triage_place *place);

/* The result's first card at acute risk: go to the desk now. */
void tu_kiosk_result_top(struct tu_app *app);
/* The result's bar in kiosk mode: «Ferdig» and «Lever svarene». */
void tu_kiosk_result_nav(struct tu_app *app, tu_rect bar);

/* The screens (rows of the screen table). */
void tu_kiosk_attract_body(struct tu_app *app);
void tu_kiosk_attract_nav(struct tu_app *app, tu_rect bar);
void tu_kiosk_home_body(struct tu_app *app);
void tu_kiosk_home_nav(struct tu_app *app, tu_rect bar);
void tu_kiosk_handin_body(struct tu_app *app);
void tu_kiosk_handin_nav(struct tu_app *app, tu_rect bar);
void tu_kiosk_staff_body(struct tu_app *app);
void tu_kiosk_staff_nav(struct tu_app *app, tu_rect bar);
void tu_kiosk_broken_body(struct tu_app *app);
void tu_kiosk_broken_nav(struct tu_app *app, tu_rect bar);

#endif
