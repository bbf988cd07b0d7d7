/* tu_app: the trinn application: window, main loop, screens and their state.
 *
 * One tu_app holds everything; screens are functions of it (tu_screens.c). The loop waits for
 * events or the next deadline (SDL_WaitEventTimeout) and builds a frame only then, so an idle
 * window uses no CPU. A script (tu_script.c) can drive the same loop with real SDL events. */
#ifndef TU_APP_H
#define TU_APP_H

#include <SDL.h>
#include <stdint.h>

#include "tr_bundle.h"
#include "tr_content.h"
#include "tu_a11y.h"
#include "tu_assess.h"
#include "tu_exch.h"
#include "tu_goals.h"
#include "tu_feedback.h"
#include "tu_guide.h"
#include "tu_meds.h"
#include "tu_kiosk.h"
#include "tu_lang.h"
#include "tu_mods.h"
#include "tu_profile_ui.h"
#include "tu_records.h"
#include "tu_result.h"
#include "tu_screens.h"
#include "tu_sdl.h"
#include "tu_speech.h"
#include "tu_team.h"
#include "tu_track_ui.h"
#include "tu_text.h"
#include "tu_theme.h"
#include "tu_ui.h"

/* The double-tap guard: for this many ms after a new view appears (a question, a screen, a
 * dialog), and until it has been drawn, presses and activating keys do not act on it, so the
 * second half of a double tap or double click cannot answer a question nobody saw (README). */
#define TU_GUARD_MS 500

typedef struct tu_app_desc {
    int width, height;     /* window size; 0 = 1280 x 800 */
    const char *lang;      /* NULL = saved setting, else first-run choice */
    const char *theme;     /* NULL = saved setting or "standard" */
    const char *text_size; /* "1", "1.5" or "2"; NULL = saved setting or 1 */
    const char *data_dir;  /* NULL = the platform's per-user folder */
    const char *content;   /* --content DIR; NULL = $TRINN_CONTENT or the installed pack */
    int headless;          /* software renderer, hidden window (scripts, benchmarks) */
    const char *kdf_cost;  /* NULL/"default"; "test": cheapest key derivation for NEW profiles */
    const char *kiosk;     /* --kiosk --config FILE: kiosk mode with this configuration */
} tu_app_desc;

struct tu_app;
/* What a confirmed tu_confirm does. */
typedef void (*tu_confirm_fn)(struct tu_app *app);

typedef struct tu_app {
    SDL_Window *window;
    SDL_Renderer *renderer;
    tu_text *text;
    tu_ctx ui;
    tu_lang lang;
    tu_theme_id theme;
    int text_size; /* index into tu_text_sizes (combinable with the theme) */
    char content_dir[1024], data_dir[1024];
    int out_w, out_h; /* renderer output size in pixels */
    float px_scale;   /* pixels per window coordinate (high-DPI) */
    int quit;
    int frames;
    const char *fault; /* the first misuse of a container a frame made (tu_end), or NULL */
    int64_t start_ms;
    int64_t first_frame_ms; /* ms from start to the first presented frame */

    tr_bundle *bundle;    /* the whole content pack (tr_bundle_load), or NULL when it is broken */
    tr_content *pack;     /* bundle->pack, or NULL */
    char pack_msg[1024];  /* why it failed: shown when the journey needs it */
    size_t pack_problems; /* how many problems trinnctl check will list */

    tu_screen screen;
    int crisis_open;
    int settings_open;
    int lang_choice; /* language screen: the highlighted choice */
    int screen_changed;
    int error_open; /* a dialog explains a problem (error_msg) */
    char error_msg[1024];
    tu_confirm_fn confirm_fn; /* non-NULL: a dialog asks before something is thrown away */
    const char *confirm_key;  /* its texts: <key>.title, <key>.text, <key>.yes */

    tu_assess assess; /* the self-assessment in progress */
    int assess_on;
    const tr_item *multi_item; /* the multi-choice item whose boxes multi_sel holds */
    uint64_t multi_sel;
    int result_ready;
#define TU_MAX_SCORES 8
    const tr_inst *score_inst[TU_MAX_SCORES];
    tr_score scores[TU_MAX_SCORES];
    int n_scores;
    int risk_flag;           /* a critical item fired (PHQ-9 item 9) */
    tu_records records;      /* the open profile's records, and where appends go */
    tu_res res;              /* the triage result and the history (tu_result.h) */
    tu_mods mods;            /* the self-help modules (tu_mods.h) */
    tu_trk trk;              /* tracking: check-in and charts (tu_track_ui.h) */
    tu_prof prof;            /* the open profile, or guest mode (tu_profile_ui.h) */
    tu_exch exch;            /* the care loop, client side: assignments in, reports out */
    tu_team team;            /* a therapist profile's clients and screens (tu_team.h) */
    uint32_t last_hash;      /* of the last drawn frame's commands */
    int force_redraw;        /* the window was exposed or resized: draw even if unchanged */
    int skipped;             /* frames built but not drawn because nothing changed */
    uint64_t view_key;       /* what the last frame showed (screen, question, layer): tu_guard */
    uint32_t script_ms;      /* tu_script's clock: the time stamp of the input it injects */
    char script_mark_id[64]; /* tu_script's remember_rect: which widget, and where it was */
    tu_rect script_mark;

    tu_speech_state speech; /* reading aloud (tu_speech.h): Settings, global */
    /* screen readers (tu_a11y.h): joined after the first frame; NULL when there is no bus */
    tu_a11y *a11y;
    int a11y_tried;
    uint32_t a11y_wake; /* the SDL event type its thread pushes when the bus has something */

    /* partial drawing (the software renderer keeps its output): tu_sdl_render_damage */
    int partial;          /* draw only what changed */
    tu_sdl_damage damage; /* what the output shows */

    tu_guide guide;  /* the information pages (tu_guide.h) */
    tu_meds meds;    /* the medication log (tu_meds.h) */
    tu_kiosk *kiosk; /* kiosk mode (tu_kiosk.h), NULL otherwise */
    tu_goals goals;  /* the client's own goals (tu_goals.h) */
    tu_fb fb;        /* feedback on the help (tu_feedback.h) */
} tu_app;

/* Opens the window and loads content. Returns 0, or -1 with msg (size bytes) saying what is
 * wrong (no display, missing font or catalog...). On failure nothing needs freeing. */
int tu_app_init(tu_app *app, const tu_app_desc *desc, char *msg, size_t size);
void tu_app_shutdown(tu_app *app);

/* Builds and presents one frame from the input gathered so far. */
void tu_app_frame(tu_app *app);

/* The surface the software renderer draws into (the window's), for tu_sdl_render's direct
 * fills; NULL when the renderer is not the software one. */
SDL_Surface *tu_app_target(tu_app *app);

/* Feeds pending SDL events until one needs a frame of its own; returns 1 when any event was
 * handled (a frame should follow). Sets app->quit on SDL_QUIT. */
int tu_app_pump(tu_app *app);

/* Runs until the window closes. Returns the process exit code. */
int tu_app_run(tu_app *app);

/* Moves to screen s (resets focus and scroll). The welcome of an open profile that holds
 * something of the client's own (tu_home_wanted) is its home: s = TU_SCR_WELCOME shows
 * TU_SCR_HOME then; a therapist profile's is the team home (TU_SCR_TEAM). */
void tu_app_go(tu_app *app, tu_screen s);

/* The returning client's home (tu_scr_home.c). tu_home_wanted: 1 when a profile is open and
 * its records hold an assessment, measure, check-in, exercise or assignment; 0 with a broken
 * pack (the welcome says so for the staff, and shows nothing that leads into the pack). */
int tu_home_wanted(tu_app *app);
/* The logo: to the home (or the welcome), from any screen. Leaving answers that are not saved
 * yet (an assessment, a measure, a result) asks first (tu_confirm); typed exercise text is
 * saved first. Does nothing while a profile's key is being derived. */
void tu_app_home(tu_app *app);
/* «Lås»: locks the open profile (tu_profile_lock) from any screen, asking first as tu_app_home
 * does. */
void tu_app_lock(tu_app *app);

/* A new question is on screen: a keyboard user's focus goes to its first answer, `id`, so the
 * next Enter, arrow or number acts on it (no focus ring is drawn for pointer and touch users). */
void tu_focus_first(tu_app *app, const char *id);

/* Asks before throwing something away: a dialog with the texts <key>.title, <key>.text and
 * the buttons «<key>.yes» (then fn runs) and «confirm.keep» (nothing happens; Escape too).
 * key must be a string literal or otherwise outlive the dialog. */
void tu_confirm(tu_app *app, const char *key, tu_confirm_fn fn);

/* The text for key as what happens to the client's input makes it true: in guest mode, where
 * nothing is saved, "<key>.guest" when the catalogue has it. Never NULL. */
const char *tu_tr_saving(const tu_app *app, const char *key);

/* A file dropped on the window (SDL_DROPFILE) or named on the command line (`trinn FILE`, what
 * a double-click runs): handed on by the open profile's kind and the file's ending; with a
 * therapist's profile open to tu_team_drop (a *.trinn-rapport is opened, anything else is said
 * not to be a report), else a *.trinn-oppdrag goes to the client's import (tu_exch_open) and
 * anything else is said to be not for this screen. */
void tu_app_drop(tu_app *app, const char *path);

/* Saves language and theme to <data_dir>/settings.json (not secret). Returns 0 or -1. */
int tu_app_save_settings(const tu_app *app);

/* The crisis view (tu_screens.c), over any screen. */
void tu_crisis_body(tu_app *app);
/* The crisis contacts alone (cards), for the crisis view and the result's risk section. */
void tu_crisis_contacts(tu_app *app);

/* Self-assessment (tu_scr_assess.c, tu_scr_result.c). tu_assess_start returns 0, or -1 with
 * the problem shown in the error dialog (e.g. a broken content pack). */
int tu_assess_start(tu_app *app);
/* "Question n of total" and its bar for a walk, as widget `id`, with the gap below it: n of
 * the questions the answers so far lead to, "perhaps more" while a follow-up may still come
 * (tu_assess_more_may_come); the bar never moves back as the client goes forward. */
void tu_walk_progress(tu_app *app, const tu_assess *walk, const char *id);
/* The answer options of a single-choice item as large options "<prefix>.<i>", the one walk
 * holds as its answer drawn chosen. Returns the index picked this frame (tap, click, Enter, or a
 * number key as tu_assess_option_for_digit maps it), or -1. */
int tu_answer_options(tu_app *app, const tr_item *item, const tu_assess *walk, const char *prefix);
void tu_result_compute(tu_app *app);
/* Loads the triage rules once (app->res.triage; the measures use them for the risk pathway).
 * Returns 0, or -1 with the problem in the error dialog. */
int tu_result_rules(tu_app *app);
/* Saves the client's choice as one `assessment` record (tu_records_append). Returns 0, or -1
 * when the sink refused it: its message is then in the error dialog and the choice is kept
 * for another try. */
int tu_result_save(tu_app *app);

/* History of assessments (tu_scr_history.c): the way in on the welcome screen, the list and
 * one assessment's details. */
void tu_history_welcome(tu_app *app);

/* Forgets what showed record text, as on locking a profile: the text cache's strings and
 * pixels (wiped), and typed text still waiting in SDL's event queue. */
void tu_app_forget_text(tu_app *app);

/* T(app, key): the text of a catalog key in the app's current language (tu_tr: the key itself
 * when no catalog has it). The one shorthand every screen uses for its texts. */
static inline const char *T(const tu_app *app, const char *key)
{
    return tu_tr(&app->lang, key);
}

#endif
