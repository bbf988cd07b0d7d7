/* tr_med: medication, side effects and the wish for help without medication (issue 17).
 *
 *   tr_med_load      reads and validates content/medication.json: the texts (what the log is,
 *                    that stopping is planned with the doctor, the wish, the side-effect
 *                    check), the medicine classes, the ratings (none/mild/bothersome/severe),
 *                    the common side effects of each class and the wish options;
 *   tr_med_*_record  make the journal records `medication`, `side_effects` and
 *                    `medication_wish` (core/RECORDS.md), checked against the content;
 *   tr_med_read      the client's medication log from the journal's records: each medicine
 *                    with its changes, the newest side-effect check and the newest wish.
 *
 * Ownership: a tr_med_content owns its parsed file and everything it points to (tr_med_free).
 * Record makers borrow their strings and return a new cJSON object (the caller's). A tr_med_log
 * owns only its arrays; its strings point into the records it was read from, which must
 * outlive it (tr_med_log_free). Errors travel in err; nothing is printed. */
#ifndef TR_MED_H
#define TR_MED_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_content.h"
#include "tr_error.h"

#define TR_MED_FILE        "medication.json"
#define TR_MED_MAX_CHOICES 8  /* classes, ratings, wishes */
#define TR_MED_MAX_EFFECTS 40 /* side effects in the check */
#define TR_MED_FIELD_MAX   80 /* bytes of a name, dose, date or prescriber */
#define TR_MED_NOTE_MAX    200
#define TR_MED_ID_MAX      24

/* A class of medicine, a rating or a wish option. */
typedef struct tr_med_choice {
    const char *id;
    tr_text label;
    int advise; /* a rating: choosing it shows the "severe" advice */
} tr_med_choice;

/* A side effect of the check and the classes it is common for (bit i = classes[i]). */
typedef struct tr_med_effect {
    const char *id;
    tr_text text;
    unsigned classes;
} tr_med_effect;

typedef struct tr_med_content {
    void *doc; /* the parsed file (cJSON), owned */
    int draft; /* review.status is "draft": the front end says so */
    tr_text intro, stopping, wish, check, severe;
    tr_med_choice classes[TR_MED_MAX_CHOICES];
    size_t n_classes;
    tr_med_choice ratings[TR_MED_MAX_CHOICES];
    size_t n_ratings;
    tr_med_effect effects[TR_MED_MAX_EFFECTS];
    size_t n_effects;
    tr_med_choice wishes[TR_MED_MAX_CHOICES];
    size_t n_wishes;
} tr_med_content;

/* Loads and validates PACK_DIR/medication.json against the pack's languages: format 1, unknown
 * keys, ids ([a-z][a-z0-9_]{0,39}, unique in their list), every text in every language, 2-8
 * ratings (an optional boolean "advise"), 1-8 classes and wishes, 1-40 effects each with 1+ of
 * the classes. Every problem goes to diags as "medication.json: path: what".
 * Returns TR_OK and *out (free with tr_med_free); TR_E_NOTFOUND when the pack has none (*out
 * NULL, nothing in diags: the file is optional); TR_E_INVALID ("N problems") with *out NULL;
 * TR_E_NOMEM. */
tr_status tr_med_load(const tr_content *pack, tr_med_content **out, tr_diags *diags, tr_error *err);

/* Frees the content; NULL is fine. */
void tr_med_free(tr_med_content *m);

/* The choice with this id among n, or NULL. */
const tr_med_choice *tr_med_choice_find(const tr_med_choice *list, size_t n, const char *id);

/* A new medicine in the log. name is required; dose, since and prescriber may be NULL or "". */
typedef struct tr_med_add {
    const char *ts;  /* ISO 8601 UTC */
    const char *med; /* its id, unique in the journal (tr_med_next_id) */
    const char *name, *dose, *since, *prescriber;
} tr_med_add;

/* The `medication` record (op "add") of a. Returns it, or NULL with err: TR_E_INVALID for a
 * missing ts, med id or name, or a field over TR_MED_FIELD_MAX bytes; TR_E_NOMEM. */
cJSON *tr_med_add_record(const tr_med_add *a, tr_error *err);

/* A change to a medicine: when (as the client writes it; "" = the day of ts), the new dose,
 * what changed and why, and whether it was stopped. */
typedef struct tr_med_change {
    const char *ts, *med;
    const char *date, *dose, *note;
    int stopped;
} tr_med_change;

/* The `medication` record (op "change") of c. Returns it, or NULL with err: TR_E_INVALID for a
 * missing ts or med id, a change that says nothing (no dose, no note, not stopped), a field over
 * its limit; TR_E_NOMEM. */
cJSON *tr_med_change_record(const tr_med_change *c, tr_error *err);

/* The `side_effects` record: ratings[i] (a rating id) for effects[i] (an effect id), n of them,
 * and a free-text note (NULL or "" = none). Returns it, or NULL with err: TR_E_INVALID for a
 * missing ts, no rating, an unknown or repeated effect, an unknown rating, a note over
 * TR_MED_NOTE_MAX bytes; TR_E_NOMEM. */
cJSON *tr_med_effects_record(const tr_med_content *m, const char *ts, const char *const *effects,
                             const char *const *ratings, size_t n, const char *note, tr_error *err);

/* The `medication_wish` record for wish (one of m's wish ids). NULL with err: TR_E_INVALID for
 * a missing ts or an unknown wish; TR_E_NOMEM. */
cJSON *tr_med_wish_record(const tr_med_content *m, const char *ts, const char *wish, tr_error *err);

/* One change as read. */
typedef struct tr_med_change_view {
    const char *ts, *date, *dose, *note; /* "" when absent */
    int stopped;
} tr_med_change_view;

/* One medicine as read: its first record's fields, the dose now (the newest change's, else the
 * first), and its changes, oldest first. */
typedef struct tr_med_item {
    const char *med, *ts, *name, *dose, *since, *prescriber;
    int stopped; /* the newest change says stopped */
    tr_med_change_view *changes;
    size_t n_changes;
} tr_med_item;

typedef struct tr_med_log {
    tr_med_item *items; /* in the order they were added */
    size_t n;
    const cJSON *check; /* the newest side_effects record, or NULL */
    const char *wish;   /* the newest wish id, or NULL */
    const char *wish_ts;
} tr_med_log;

/* Reads the log from records (an array of journal records, oldest first). Records of other
 * types are skipped, as are medication records that lack their fields, and a change to a
 * medicine not added before it. TR_OK, or TR_E_NOMEM with *log empty. */
tr_status tr_med_read(const cJSON *records, tr_med_log *log, tr_error *err);

void tr_med_log_free(tr_med_log *log);

/* A new medicine id ("med1", "med2", ...) not used in log, into buf (>= TR_MED_ID_MAX). */
void tr_med_next_id(const tr_med_log *log, char *buf, size_t size);

/* The rating id given to effect in a side_effects record, or NULL. */
const char *tr_med_check_rating(const cJSON *check, const char *effect);
/* When a side_effects record was made (its "ts"), and the client's note ("" when none; never
 * NULL, also for a NULL check). */
const char *tr_med_check_ts(const cJSON *check);
const char *tr_med_check_note(const cJSON *check);

#endif
