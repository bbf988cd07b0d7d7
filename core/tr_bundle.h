/* tr_bundle: the whole content pack in one call: the pack itself (instruments, questionnaires,
 * triage sequence, care levels, crisis contacts, service settings, message catalogs), the
 * triage rules, the self-help modules, the tracking settings, the information pages, the
 * medication texts, the FHIR mapping, the reference figures of the statistics and the word
 * lists of the passphrase hint and maker.
 *
 * All or nothing, like tr_content_load: tr_bundle_load returns either every part validated or
 * nothing, and reports EVERY problem of every part into the caller's tr_diags (file relative to
 * the pack, JSON path, line:col), so the app and `trinnctl check` agree on what a good pack is
 * and a pack can never half-load (a broken module is not silently left out).
 *
 * Optional parts (a pack may come without them) are NULL or marked absent: modules, tracking,
 * information pages, medication, FHIR mapping, statistics figures, word lists.
 *
 * Ownership: the bundle owns everything reachable from it; it is read-only after loading.
 * Free with tr_bundle_free. */
#ifndef TR_BUNDLE_H
#define TR_BUNDLE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tr_content.h"
#include "tr_error.h"
#include "tr_feedback.h"
#include "tr_fhir.h"
#include "tr_goal.h"
#include "tr_info.h"
#include "tr_med.h"
#include "tr_module.h"
#include "tr_track.h"
#include "tr_triage.h"
#include "tr_words.h"

/* The passphrase maker's word lists: security/passphrase_words_nb.json and _nn.json. */
#define TR_BUNDLE_PASSGEN 2

typedef struct tr_bundle {
    tr_content *pack;
    tr_triage *triage;
    tr_module **modules; /* in file-name order; NULL when the pack has no modules folder */
    size_t n_modules;
    tr_track_config track; /* valid when has_track */
    int has_track;
    tr_info *info;          /* information pages; NULL when the pack has none */
    tr_med_content *med;    /* medication texts and side effects; NULL when none */
    tr_goal_content *goals; /* the client's own goals: limits, scale, texts; NULL when none */
    tr_feedback_content *feedback;        /* feedback on the help: items, texts; NULL when none */
    tr_fhir_map *fhir;                    /* the FHIR export mapping; NULL when the pack has none */
    cJSON *stats_ref;                     /* content/stats.json; NULL when none */
    tr_words *words;                      /* the passphrase hint's common words; NULL when none */
    tr_words *passgen[TR_BUNDLE_PASSGEN]; /* [0] bokmål, [1] nynorsk; NULL when none */
} tr_bundle;

/* The languages of the passphrase maker's lists, as indexed in tr_bundle.passgen. */
extern const char *const tr_bundle_passgen_langs[TR_BUNDLE_PASSGEN];

typedef struct tr_bundle_desc {
    const char *dir; /* the pack folder (holding pack.json); required */
    /* 1: also try the triage rules on sample answer sets (tr_triage_validate's lint: a question
     * whose skipping gives a less safe result than answering it mildly is a problem). It runs
     * the rules about a thousand times (about half a second), so `trinnctl check` and the test
     * suite do it for every pack before it ships, and the app, which starts in well under
     * 100 ms, does not repeat it at every start. */
    int lint;
} tr_bundle_desc;

/* Loads and validates the pack in desc->dir and every part listed above. Returns TR_OK and *out
 * (free with tr_bundle_free); TR_E_NOTFOUND when dir has no pack.json (err says where it
 * looked); TR_E_INVALID with *out = NULL and err "N problems in DIR" when any part has a
 * problem (every one is in diags); TR_E_NOMEM. */
tr_status tr_bundle_load(const tr_bundle_desc *desc, tr_bundle **out, tr_diags *diags,
                         tr_error *err);

/* The texts alone, for a pack that did not load: the languages of pack.json and their
 * catalogs, so an app can still say in the client's language what is wrong. */
typedef struct tr_bundle_texts {
    tr_i18n *i18n;              /* owned; free with tr_bundle_texts_free */
    char langs[TR_LANG_MAX][8]; /* pack.json "languages", in its order */
    size_t n_langs;
} tr_bundle_texts;

/* Reads <dir>/pack.json's "languages" and loads those catalogs (<dir>/i18n). Returns TR_OK and
 * *out, or TR_E_PARSE/TR_E_INVALID/TR_E_NOTFOUND with err naming the file and the first problem
 * (then *out holds nothing). */
tr_status tr_bundle_texts_load(const char *dir, tr_bundle_texts *out, tr_error *err);

/* Frees what tr_bundle_texts_load loaded; a zeroed struct is fine. */
void tr_bundle_texts_free(tr_bundle_texts *t);

/* Frees a bundle and everything it owns; NULL is fine. */
void tr_bundle_free(tr_bundle *b);

#endif
