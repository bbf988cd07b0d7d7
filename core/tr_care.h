/* tr_care: the care loop's decisions over a profile's journal (core/EXCHANGE.md §6): what a team
 * profile knows (its keys, its card, its clients), what a client profile knows (its keys, the
 * team it paired with, the last assignment), and the records that making, importing and opening
 * files add. No I/O of its own: the caller reads the journal with tr_care_visit and appends the
 * records this module hands back, so the same code serves trinnctl and the app.
 *
 * Records (core/RECORDS.md): "keys" (tr_team.h); "team_card" {card} (a team's own card);
 * "team_pin" {card, client} (a client's trusted team, pinned at the first import);
 * "assignment" {seq, client, expires, payload} (an accepted assignment);
 * "assignment_sent" {client, seq, expires} (on the team side); "report_sent" {report, seq, to}
 * (client); "client_device" {client, sign_key} and "report_opened" {report, client, seq, by}
 * (team: every opening of a report is logged, who and when).
 *
 * Ownership: a tr_care_state holds secret keys: tr_care_state_free wipes it. Strings handed back
 * are malloc'ed and the caller's. */
#ifndef TR_CARE_H
#define TR_CARE_H

#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_exch.h"
#include "tr_journal.h"
#include "tr_team.h"

#define TR_CARE_MAX_CLIENTS 1000
#define TR_CARE_SEQ_MAX     9007199254740991ULL /* 2^53 - 1: a sequence number kept as JSON */

typedef struct tr_care_client {
    char id[TR_EXCH_ID_MAX + 1];
    uint64_t last_assign_seq;
    size_t n_assigned; /* assignments this profile made for it ("assignment_sent" records) */
    int has_device;    /* the client's device key, pinned at its first report */
    tr_ms_pub device;
    uint64_t last_report_seq;
} tr_care_client;

typedef struct tr_care_state {
    int has_keys;
    char role[8]; /* "team" or "device" */
    tr_team_keys keys;
    int has_card; /* team: its own card */
    tr_team_card card;
    int has_pin; /* client: the team it trusts */
    tr_team_card pin;
    char client_id[TR_EXCH_ID_MAX + 1]; /* client: the id the team gave it */
    uint64_t last_assign_seq;           /* client: the last assignment accepted */
    uint64_t last_report_seq;           /* client: the last report made */
    tr_care_client *clients;            /* team: one per client it has assigned to */
    size_t n_clients;
    /* a therapist's own keys and its team's members (core/EXCHANGE.md §8, tr_care_team.h) */
    int has_member; /* "member_keys": personal keys, never shared */
    tr_team_keys member;
    struct tr_team_roster *roster; /* the newest "team_roster", or NULL */
    cJSON *rotations;              /* the newest "team_rotations" array, or NULL */
} tr_care_state;

/* A journal visitor (tr_journal_desc.visit / tr_profile_visit_fn) that gathers the state from
 * the records above into user (a zero-initialised tr_care_state). A damaged record of these types
 * stops the walk with TR_E_CORRUPT naming its sequence number. */
tr_status tr_care_visit(void *user, const tr_journal_record *rec, tr_error *err);

/* Wipes the keys and frees the client list; leaves the state zeroed. */
void tr_care_state_free(tr_care_state *s);

/* What the therapist assigns. */
typedef struct tr_care_assign_opts {
    const char *client;         /* the client's pseudonymous id */
    const char *const *modules; /* module ids, in the order wanted */
    size_t n_modules;
    int ordered;                 /* 1 = do them in this order */
    const char *homework;        /* may be NULL */
    const char *const *measures; /* "instrument:every" (every = weekly, fortnightly, monthly) */
    size_t n_measures;
    const char *expires;          /* YYYY-MM-DD */
    const char *next_appointment; /* ISO 8601 or NULL */
} tr_care_assign_opts;

/* Makes an assignment from a team state (keys with role "team" and a card): the payload (the
 * card, the client, the plan), signed with the next sequence number for that client: above
 * every one this therapist sent it and at least (Unix seconds of now << 16) | a tag of the
 * therapist's own key, so two therapists of a team number one client's files apart without a
 * shared counter (core/EXCHANGE.md §6). On TR_OK
 * *file and *file_len are the .trinn-oppdrag and *record the "assignment_sent" record to append
 * (both the caller's). TR_E_INVALID (not a team profile, or a bad option, err says which). */
tr_status tr_care_assign(const tr_care_state *s, const tr_care_assign_opts *o, const char *now,
                         char **file, size_t *file_len, char **record, tr_error *err);

/* The result of an import. */
typedef struct tr_care_import_result {
    tr_exch_why why;               /* TR_EXCH_OK when accepted */
    int needs_trust;               /* first assignment: confirm fingerprint (then why is
                                    * TR_EXCH_OK but nothing was accepted) */
    char fingerprint[TR_FPR_TEXT]; /* the team's, from the card in the file */
    char team_service[TR_TEAM_TEXT_MAX + 1];
    char *pin_record; /* "team_pin" to append first (first import), or NULL */
    char *record;     /* "assignment" to append */
    uint64_t seq;
    char expires[11];
} tr_care_import_result;

/* Imports an assignment into a client state. With a pinned team the file must be that team's,
 * for this client, newer and not expired (now, Unix seconds). Without one (the first), the
 * file's own card gives the team's fingerprint: when trust (what the client typed or confirmed)
 * matches it, the team is pinned; when trust is NULL, nothing is accepted and res->needs_trust
 * is set so the caller can show res->fingerprint and ask. A card whose keys differ from the
 * pinned team's is refused ("other_team"). Returns TR_OK (accepted, or needs_trust), else the
 * refusal with res->why and err. Free the result with tr_care_import_free. */
tr_status tr_care_import(const tr_care_state *s, const uint8_t *data, size_t len, int64_t now,
                         const char *trust, tr_care_import_result *res, tr_error *err);

void tr_care_import_free(tr_care_import_result *res);

/* Whether a journal record carries a risk flag (clinical rules live in the content pack, so the
 * caller decides): returns 1 when it does, after adding to flag (which holds "ts" and "type")
 * "what" (a short neutral text) and, for a critical item, "instrument", "item" (its id),
 * "number" (1-based) and "value", or for an assessment "risk" (its level). */
typedef int (*tr_care_risk_fn)(void *user, const cJSON *rec, cJSON *flag);

/* The one risk rule of the care loop (core/tr_care_risk.c), a tr_care_risk_fn: the client's
 * reports (tr_share_plan, `trinnctl report create`) and the therapist's page (tr_caseload) both
 * use it. user is the const tr_content * (may be NULL: then only a record's own "risk" counts).
 * Flags a measure whose critical item (PHQ-9 item 9) is above its threshold or whose own "risk"
 * is "elevated" or "acute", and an assessment whose "risk" is one of those. Adds to flag "what",
 * for a critical item "instrument", "item", "number" (1-based) and "value", always "risk" (the
 * record's level, at least "elevated"), and a measure's "risk_answers" (the follow-up answers)
 * when it has them. Returns 1 when the record is flagged, else 0 (flag untouched). */
int tr_care_risk_of(void *user, const cJSON *rec, cJSON *flag);

/* What the client shares. */
typedef struct tr_care_report_opts {
    const cJSON *records;  /* array of journal records in the chosen date range, in order */
    int measures;          /* share "measure" records */
    int assessment;        /* share "assessment" records */
    int modules;           /* share "module_progress" and "module_entry" records */
    int checkins;          /* share "checkin" records */
    int medication;        /* share "medication", "side_effects" and "medication_wish" records */
    int goals;             /* share "goal" records (the client's own goals, tr_goal.h) */
    int feedback;          /* share "feedback" records (a wish to change therapist goes always) */
    const char *from, *to; /* the range, as the client chose it (shown to the team) */
    tr_care_risk_fn risk;
    void *risk_user;
} tr_care_report_opts;

/* One kind of record a client can choose to share. tr_care_kinds (core/tr_care_kinds.c) is the
 * one table that tr_care_report, tr_share and the app read: a new kind is a row there and its
 * int in tr_care_report_opts, nothing else. */
typedef struct tr_care_kind {
    const char *name;         /* in the payload's "shared", `report create --share` */
    const char *const *types; /* its record types, NULL-terminated */
    size_t opt;               /* offsetof(tr_care_report_opts, the int that chooses it) */
    int any_date;             /* its records are gathered whatever the range (goals) */
} tr_care_kind;

extern const tr_care_kind tr_care_kinds[];
extern const size_t tr_care_n_kinds;

/* The kind that shares records of this type, or NULL (never shared). */
const tr_care_kind *tr_care_kind_of(const char *type);

/* The kind named name ("measures"), or NULL. */
const tr_care_kind *tr_care_kind_named(const char *name);

/* The int of o that chooses kind k (never NULL for a row of tr_care_kinds). */
int *tr_care_kind_flag(tr_care_report_opts *o, const tr_care_kind *k);

/* 1 when o chooses kind k. */
int tr_care_kind_on(const tr_care_report_opts *o, const tr_care_kind *k);

/* Chooses in o the kinds a comma-separated list names ("measures,checkins"; each a kind's name
 * exactly, spaces around a name allowed). Returns TR_OK, or TR_E_INVALID with err naming the
 * first name that is no kind (and the kinds there are) or an empty list; o is then unchanged. */
tr_status tr_care_kinds_parse(const char *list, tr_care_report_opts *o, tr_error *err);

/* What a report holds, to show the client before it is sealed and the team after. */
typedef struct tr_care_report_result {
    size_t n_records; /* records included */
    size_t n_risk;    /* of them, carrying a risk flag (always included) */
    size_t n_forced;  /* risk records included although their kind was not chosen */
    char report_id[TR_EXCH_ID_MAX + 1];
    uint64_t seq;
    uint8_t *file; /* the .trinn-rapport */
    size_t file_len;
    char *record; /* "report_sent" to append */
} tr_care_report_result;

/* Makes a report from a client state (device keys) to the team card `to`: the chosen records
 * and every record in the range that carries a risk flag, signed by the device and sealed to the
 * team. With a pinned team, `to` must have the pinned fingerprint (else TR_E_INVALID: the card
 * changed). Free the result with tr_care_report_free. */
tr_status tr_care_report(const tr_care_state *s, const tr_team_card *to,
                         const tr_care_report_opts *o, const char *now, tr_care_report_result *res,
                         tr_error *err);

void tr_care_report_free(tr_care_report_result *res);

/* The result of opening a report on the team side. */
typedef struct tr_care_open_result {
    tr_exch_why why;
    int first; /* the first report from this client: its device key is pinned now */
    char client[TR_EXCH_ID_MAX + 1];
    char report_id[TR_EXCH_ID_MAX + 1];
    uint64_t seq;
    char sender_fingerprint[TR_FPR_TEXT];
    cJSON *payload;      /* the verified report (caller's until tr_care_open_free) */
    char *device_record; /* "client_device" to append (first report), or NULL */
    char *opened_record; /* "report_opened" to append: the log of who opened it, when */
} tr_care_open_result;

/* Opens a report with a team state: sealed to this team's key, signed for it, by the device
 * pinned for that client (pinned now at the first report), numbered above the last one opened.
 * who names the opener in the log. Refusals as tr_exch_rapport_read plus other_sender and
 * replayed, with res->why. Free with tr_care_open_free. */
tr_status tr_care_open(const tr_care_state *s, const uint8_t *data, size_t len, const char *who,
                       const char *now, tr_care_open_result *res, tr_error *err);

void tr_care_open_free(tr_care_open_result *res);

struct tr_content;
/* The plain-text note of an opened report for the patient record (EPJ), in lang, from the
 * pack's texts (content/i18n/<lang>/care.json): who and when, the risk flags first, then each
 * shared record in words (instrument, total and band; recommended and chosen level), the
 * device's fingerprint, and that the text comes from the client's own answers. *out is
 * malloc'ed (caller frees). TR_E_NOMEM only. */
tr_status tr_care_summary(const struct tr_content *pack, const char *lang,
                          const tr_care_open_result *res, char **out, tr_error *err);

#endif
