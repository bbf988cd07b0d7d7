/* tu_profile_ui: the profile screen (tu_scr_profile.c) and the open profile's place in the app.
 *
 * Before the self-assessment, the modules, the check-in or the charts are used, the client
 * chooses a profile and unlocks it, creates one, or continues without saving (guest: records
 * stay in memory and are gone when the app closes or the guest session ends). Create and
 * unlock run the key derivation on a worker thread (tu_profile.h) while a progress indicator
 * animates. Locking saves what was typed, detaches the journal from tu_records, closes it,
 * and forgets everything built from its records.
 *
 * While a profile is open its passphrase can be changed (the current one is checked as an
 * unlock would check it); from a profile's unlock view it can be deleted for good, after its
 * passphrase is typed (checked by opening the journal on the worker before it is erased).
 *
 * The list shows only what the client chose to be visible (a symbol, a colour, an optional
 * label; tu_profile_look.c); the name is inside the encrypted journal and shown once unlocked.
 * Creating a profile or changing its passphrase can let Trinn make the passphrase (five random
 * words, tr_passgen.h), shown once so the client can write it down. A profile whose passphrase
 * is under the strength floor (tr_strength.h) is asked to change it right after unlocking.
 *
 * Passphrases are typed into locked buffers (tr_secret.h), wiped as soon as a job has its own
 * copy; the widget layer's per-frame text is wiped on this screen too.
 *
 * Ownership: tu_prof owns the open profile, the list and the buffers (tu_profile_shutdown). */
#ifndef TU_PROFILE_UI_H
#define TU_PROFILE_UI_H

#include <stdint.h>

#include "tr_passgen.h"
#include "tr_strength.h"
#include "tr_words.h"
#include "tu_profile.h"
#include "tu_errors.h"
#include "tu_ui.h"

/* Where the client goes once a profile is open (or guest mode chosen). */
typedef enum tu_prof_next {
    TU_PROF_NEXT_ASSESS,
    TU_PROF_NEXT_MODULES,
    TU_PROF_NEXT_CHECKIN,
    TU_PROF_NEXT_PROGRESS,
    TU_PROF_NEXT_HISTORY,
    TU_PROF_NEXT_EXCH, /* an assignment waits to be taken in (tu_exch.h) */
} tu_prof_next;

typedef enum tu_prof_view {
    TU_PROF_CHOOSE,
    TU_PROF_UNLOCK,
    TU_PROF_CREATE,
    TU_PROF_PASSWD, /* change the open profile's passphrase */
    TU_PROF_DELETE, /* delete the profile `sel` (from its unlock view) */
    TU_PROF_DONE,   /* the passphrase was changed: the confirmation (notice) */
} tu_prof_view;

typedef struct tu_prof {
    tr_profile open;  /* open.j != NULL while a profile is open */
    int guest;        /* continuing without saving */
    uint64_t kdf_ops; /* costs for new journals (0 = defaults; --kdf-cost test lowers them) */
    size_t kdf_mem;

    tu_prof_view view;
    tu_prof_next next;
    tr_profile_info *list;
    size_t n_list;
    int sel;                              /* the profile being unlocked (index in list) */
    char name[TR_PROFILE_NAME_MAX + 1];   /* a new profile's name (secret: inside the journal) */
    char label[TR_PROFILE_LABEL_MAX + 1]; /* its visible label (may stay empty) */
    int symbol, colour;                   /* its look: indexes in tr_profile_symbols/colours */
    int therapist;                        /* a therapist's profile: the team's keys and card */
    char service[201], phone[201], hours[201]; /* its team card (TR_TEAM_TEXT_MAX bytes) */
    char *pass, *pass2;     /* TU_PROFILE_PASS_MAX bytes each, locked memory (tr_secret.h) */
    char *cur;              /* the current passphrase when changing it; same kind of buffer */
    char *made;             /* TR_PASSGEN_MAX_BYTES: the passphrase Trinn made, shown ("" = none) */
    char notice[400];       /* a calm confirmation (passphrase changed, profile deleted) */
    char problem[1024];     /* why the last try did not work, in the client's language */
    char problem_field[64]; /* the widget it is about ("" for none) */
    tu_errors errs;         /* the summary drawn for it (tu_errors.h) */
    char detail[800];       /* the technical detail for damaged files and disk errors */
    int64_t retry_at;       /* ui ms before which the passphrase cannot be tried (0 = now) */
    tu_profile_job *job;
    int64_t job_started; /* ui ms */
    uint32_t done_event; /* SDL event type the worker pushes (0 = none registered) */
    uint32_t strength_key;
    double strength_bits;
    tr_words *words;     /* common Norwegian words for the strength hint; NULL when unreadable */
    tr_words *makers[2]; /* the passphrase maker's words, bokmål and nynorsk (NULL: not offered) */
} tu_prof;

struct tu_app;

/* Sets the key derivation cost for new journals: "test" (the minimum Argon2id allows, for
 * tests only; only in builds with TRINN_TEST_COSTS), "default" or NULL. Returns 0, or -1 for
 * another word (and for "test" in a build without test costs). */
int tu_profile_set_cost(struct tu_app *app, const char *cost);

/* 1 when a profile is open or guest mode was chosen (go on); otherwise opens the profile
 * screen, remembering where to go afterwards, and returns 0. */
int tu_profile_gate(struct tu_app *app, tu_prof_next next);

/* Locks: saves what was typed, closes the journal (or ends guest mode, forgetting its
 * records), clears everything built from the records and shows the welcome screen. */
void tu_profile_lock(struct tu_app *app);

/* Before the profile screen is left for another (the logo): wipes what was typed and the last
 * problem. Returns 1, or 0 while a key is being derived (the screen must stay). */
int tu_profile_leave(struct tu_app *app);

/* Locks without changing screen, waits for a running worker, frees the buffers (on exit). */
void tu_profile_shutdown(struct tu_app *app);

/* On the welcome screen: which profile is open (or that nothing is saved), a lock button, and
 * for a profile the way to change its passphrase. */
void tu_profile_welcome(struct tu_app *app);

/* Loads the pack's common words (tr_words.h) into app->prof.words and the passphrase maker's
 * lists (tr_passgen.h) into app->prof.makers, once, at start. A missing or broken list does not
 * stop the app: the problem goes to stderr, as other content problems do; the hint then falls
 * back to zxcvbn's own dictionaries, and a missing maker list hides «Lag en passordfrase for
 * meg». tu_profile_words_free frees them. */
void tu_profile_words_load(struct tu_app *app);
void tu_profile_words_free(struct tu_app *app);

/* The text that stands for a listed profile: its label, or "Symbol, colour" in the client's
 * language when it has none. */
void tu_profile_look_name(struct tu_app *app, const tr_profile_info *info, char *buf, size_t size);

/* One profile of the list: its coloured symbol and a button with tu_profile_look_name under
 * widget id. Returns 1 on the frame it is chosen. */
int tu_profile_look_row(struct tu_app *app, const char *id, const tr_profile_info *info);

/* The colour of tr_profile_colours[i] (white text on it has a contrast of 4.5:1 or more). */
tu_color tu_profile_look_colour(int i);

/* The create view's choice of what is visible: the label field, the symbols and the colours. */
void tu_profile_look_choose(struct tu_app *app);

#endif
