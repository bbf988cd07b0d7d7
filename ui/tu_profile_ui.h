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
 * Passphrases are typed into buffers from sodium_malloc, wiped as soon as a job has its own
 * copy; the widget layer's per-frame text is wiped on this screen too.
 *
 * Ownership: tu_prof owns the open profile, the list and the buffers (tu_profile_shutdown). */
#ifndef TU_PROFILE_UI_H
#define TU_PROFILE_UI_H

#include <stdint.h>

#include "tr_words.h"
#include "tu_profile.h"
#include "tu_ui.h"

/* Where the client goes once a profile is open (or guest mode chosen). */
typedef enum tu_prof_next {
    TU_PROF_NEXT_ASSESS,
    TU_PROF_NEXT_MODULES,
    TU_PROF_NEXT_CHECKIN,
    TU_PROF_NEXT_PROGRESS,
    TU_PROF_NEXT_HISTORY,
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
    tu_profile open;  /* open.j != NULL while a profile is open */
    int guest;        /* continuing without saving */
    uint64_t kdf_ops; /* costs for new journals (0 = defaults; --kdf-cost test lowers them) */
    size_t kdf_mem;

    tu_prof_view view;
    tu_prof_next next;
    tu_profile_info *list;
    size_t n_list;
    int sel; /* the profile being unlocked (index in list) */
    char name[TU_PROFILE_NAME_MAX + 1];
    char *pass, *pass2; /* TU_PROFILE_PASS_MAX bytes each, sodium_malloc */
    char *cur;          /* the current passphrase when changing it; same kind of buffer */
    char notice[400];   /* a calm confirmation (passphrase changed, profile deleted) */
    char problem[1024]; /* why the last try did not work, in the client's language */
    char detail[800];   /* the technical detail for damaged files and disk errors */
    int64_t retry_at;   /* ui ms before which the passphrase cannot be tried (0 = now) */
    tu_profile_job *job;
    int64_t job_started; /* ui ms */
    uint32_t done_event; /* SDL event type the worker pushes (0 = none registered) */
    uint32_t strength_key;
    double strength_bits;
    tr_words *words; /* common Norwegian words for the strength hint; NULL when unreadable */
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

/* Locks without changing screen, waits for a running worker, frees the buffers (on exit). */
void tu_profile_shutdown(struct tu_app *app);

/* On the welcome screen: which profile is open (or that nothing is saved), a lock button, and
 * for a profile the way to change its passphrase. */
void tu_profile_welcome(struct tu_app *app);

void tu_profile_body(struct tu_app *app);
void tu_profile_nav(struct tu_app *app, tu_rect bar);

/* Loads the pack's common words (tr_words.h) into app->prof.words, once, at start. A missing
 * or broken list does not stop the app: the problem goes to stderr, as other content problems
 * do, and the hint falls back to zxcvbn's own dictionaries. tu_profile_words_free frees it. */
void tu_profile_words_load(struct tu_app *app);
void tu_profile_words_free(struct tu_app *app);

/* The strength of a passphrase in bits of guessing entropy (zxcvbn), with the profile name,
 * "trinn" and the common words (may be NULL) counted as known words, in that order (zxcvbn
 * gives earlier words fewer bits). Capital Æ Ø Å are lowered first (zxcvbn lowers ASCII only),
 * the passphrase in a stack copy that is wiped. */
double tu_profile_strength(const char *pass, const char *name, const tr_words *words);

/* Below this many bits a new passphrase is refused (about a million guesses). */
#define TU_PROFILE_MIN_BITS 20.0
/* The hint's bands: below WEAK "easy to guess", below GOOD "fair", else "strong". */
#define TU_PROFILE_WEAK_BITS 28.0
#define TU_PROFILE_GOOD_BITS 40.0

#endif
