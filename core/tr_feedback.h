/* tr_feedback: the client's feedback on the help, and the wish to change therapist (issue 17).
 *
 *   tr_feedback_load    reads and validates content/feedback.json: the few questions (whether
 *                       the client felt heard, worked on what mattered to them, whether the
 *                       approach suits them), their small answer scale, and the texts (why we
 *                       ask, the free-text line, the right to ask for another therapist, whom
 *                       to tell when no team is paired). Our own questions, not a licensed
 *                       scale: the file says whether a clinician has reviewed them;
 *   tr_feedback_record  makes one `feedback` journal record (core/RECORDS.md), checked against
 *                       the content: known items, answers on the scale, a note of bounded size;
 *   tr_feedback_read    the client's feedback from the journal's records, oldest first, typed
 *                       (the screens chart it and never touch the JSON), and where the newest
 *                       wish to change therapist stands (made; carried by a report since);
 *   tr_feedback_forced  whether a record goes into every report whatever the client ticked:
 *                       a wish to change therapist, which the client made to reach the team.
 *
 * Ownership: a tr_feedback_content owns its parsed file and everything it points to
 * (tr_feedback_free). tr_feedback_record borrows its input and returns a new cJSON object (the
 * caller's). A tr_feedback_log owns its array; its strings point into the records it was read
 * from, which must outlive it (tr_feedback_log_free). Errors travel in err; nothing is printed. */
#ifndef TR_FEEDBACK_H
#define TR_FEEDBACK_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_content.h"
#include "tr_error.h"

#define TR_FEEDBACK_FILE      "feedback.json"
#define TR_FEEDBACK_MAX_ITEMS 6   /* questions */
#define TR_FEEDBACK_MAX_SCALE 7   /* answer options of the scale */
#define TR_FEEDBACK_NOTE_MAX  200 /* bytes of the free-text line */

/* One question: its id (the key of the record's ratings), the question, and a short name for
 * the chart's legend. */
typedef struct tr_feedback_item {
    const char *id;
    tr_text text, short_name;
} tr_feedback_item;

/* One answer of the scale: its value (0, 1, 2 ... in order) and its words. */
typedef struct tr_feedback_option {
    int value;
    tr_text label;
} tr_feedback_option;

typedef struct tr_feedback_content {
    void *doc; /* the parsed file (cJSON), owned */
    int draft; /* review.status is "draft": the front end says so */
    tr_text intro, note, change, change_box, no_team;
    tr_feedback_option scale[TR_FEEDBACK_MAX_SCALE];
    size_t n_scale;
    tr_feedback_item items[TR_FEEDBACK_MAX_ITEMS];
    size_t n_items;
} tr_feedback_content;

/* Loads and validates PACK_DIR/feedback.json against the pack's languages: format 1, a review
 * status, no unknown keys, every text in every language, a scale of 2-7 options valued 0, 1,
 * 2 ... in order, 1-6 items with unique ids ([a-z][a-z0-9_]{0,39}). Every problem goes to diags
 * as "feedback.json: path: what". Returns TR_OK and *out (free with tr_feedback_free);
 * TR_E_NOTFOUND when the pack has none (*out NULL, nothing in diags: the file is optional);
 * TR_E_INVALID ("N problems") with *out NULL; TR_E_NOMEM. */
tr_status tr_feedback_load(const tr_content *pack, tr_feedback_content **out, tr_diags *diags,
                           tr_error *err);

/* Frees the content; NULL is fine. */
void tr_feedback_free(tr_feedback_content *c);

/* The index of the item with this id, or -1. */
int tr_feedback_item_index(const tr_feedback_content *c, const char *id);

/* When the feedback is given: after a contact with the therapist or after a finished module. */
#define TR_FEEDBACK_AFTER_CONTACT "contact"
#define TR_FEEDBACK_AFTER_MODULE  "module"

/* A feedback to record: answers[i] (a value of the scale) to items[i] (an item id), n of them. */
typedef struct tr_feedback_input {
    const char *ts;     /* ISO 8601 UTC */
    const char *after;  /* TR_FEEDBACK_AFTER_CONTACT or _MODULE */
    const char *module; /* the finished module's id (after a module only; NULL otherwise) */
    const char *const *items;
    const int *answers;
    size_t n;
    const char *note;     /* NULL or "" = none */
    int change_therapist; /* the client wishes to change therapist */
} tr_feedback_input;

/* Checks in as tr_feedback_record does, without making the record: TR_OK, or TR_E_INVALID with
 * err saying what is wrong (so a screen can check before it saves). */
tr_status tr_feedback_check(const tr_feedback_content *c, const tr_feedback_input *in,
                            tr_error *err);

/* The `feedback` record of in. Returns it, or NULL with err: TR_E_INVALID for a missing ts, an
 * `after` that is neither, a module after a contact or none after a module (or a module id that
 * is not a content id), an unknown or repeated item, an answer off the scale, a note over
 * TR_FEEDBACK_NOTE_MAX bytes, or a feedback that says nothing (no answer, no note, no wish);
 * TR_E_NOMEM. */
cJSON *tr_feedback_record(const tr_feedback_content *c, const tr_feedback_input *in, tr_error *err);

/* One feedback as read. */
typedef struct tr_feedback_entry {
    const char *ts, *after, *module, *note; /* "" when absent */
    int answers[TR_FEEDBACK_MAX_ITEMS];     /* by the content's items; -1 = not answered */
    int change_therapist;
} tr_feedback_entry;

typedef struct tr_feedback_log {
    tr_feedback_entry *entries; /* oldest first */
    size_t n;
    int change_at;          /* the index of the newest wish to change therapist, or -1 */
    const char *change_ts;  /* its time ("" when none) */
    const char *change_via; /* the time of the first report made after it ("" = none yet) */
} tr_feedback_log;

/* Reads the feedback from records (an array of journal records, oldest first). Records of other
 * types are skipped, except `report_sent`, which says a wish was carried; a feedback record
 * without ts is skipped, and an answer to an unknown item or off the scale is read as not
 * answered. TR_OK, or TR_E_NOMEM with *log empty. */
tr_status tr_feedback_read(const tr_feedback_content *c, const cJSON *records, tr_feedback_log *log,
                           tr_error *err);

void tr_feedback_log_free(tr_feedback_log *log);

/* The answers of e in words, "<short name>: <answer>" joined by "; " in the content's order
 * (e.g. "Hørt: Mye; Det som er viktig: Noe"), in lang, into buf; "" when nothing was answered.
 * Returns buf. */
const char *tr_feedback_describe(const tr_feedback_content *c, const tr_feedback_entry *e,
                                 const char *lang, char *buf, size_t size);

/* Reads one `feedback` record into e (its strings point into rec), as tr_feedback_read does.
 * Returns 0, or -1 when rec is not a feedback record with a ts. */
int tr_feedback_entry_of(const tr_feedback_content *c, const cJSON *rec, tr_feedback_entry *e);

/* 1 when rec is a `feedback` record with a wish to change therapist: it goes into a report
 * whatever kinds the client chose, as the client asked for it to reach the team. */
int tr_feedback_forced(const cJSON *rec);

#endif
