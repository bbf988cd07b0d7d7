/* tr_caseload: a therapist profile's clients, as the app's therapist screens and trinnctl see
 * them: giving a new profile its exchange keys, opening a report into the team's journal, the
 * client list (pseudonymous ids, the last report, a risk marker), each client's risk flags, the
 * header of the latest report (for the patient-record note), and the team's statistics from
 * what its clients shared.
 *
 * Built on tr_care (keys, cards, verifying reports), tr_care_shared (the records clients shared)
 * and tr_stats; nothing here verifies or decrypts on its own. Clinical rules come from the
 * content pack (critical items); risk levels are the records' own ("none", "elevated",
 * "acute"). The only I/O is appending records to an open profile (tr_profile_append).
 *
 * Ownership: a tr_caseload owns everything it holds (tr_caseload_free); cJSON trees and text
 * handed back belong to the caller. */
#ifndef TR_CASELOAD_H
#define TR_CASELOAD_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_care.h"
#include "tr_care_shared.h"
#include "tr_error.h"
#include "tr_profile.h"

struct tr_content;
struct tr_fhir_export;

/* Risk levels, lowest first (a record's "risk" string: "none", "elevated", "acute"). */
enum { TR_CASELOAD_RISK_NONE = 0, TR_CASELOAD_RISK_ELEVATED = 1, TR_CASELOAD_RISK_ACUTE = 2 };

/* The level of a "risk" string; 0 for anything else (NULL too). */
int tr_caseload_risk_level(const char *risk);

/* Gives a new profile its exchange keys (core/EXCHANGE.md §5), appended at time now (ISO 8601):
 * a "keys" record (role "team" for a therapist, "device" for a client) and, for a therapist,
 * its "team_card" with the given texts (name is the therapist's; each text at most
 * TR_TEAM_TEXT_MAX bytes, no control characters; NULL = ""). TR_E_INVALID names a bad text
 * (nothing appended then), TR_E_CRYPTO, TR_E_NOMEM, or as tr_profile_append. */
tr_status tr_caseload_init_keys(tr_profile *p, int therapist, const char *name, const char *service,
                                const char *phone, const char *hours, const char *now,
                                tr_error *err);

/* Opens the report data[0..len) with the team state s of the open therapist profile p (as
 * tr_care_open: verified, refused with res->why and err) and keeps it in p's journal: the
 * records it carries ("client_records", tr_care_shared), its header ("report_header": client,
 * report, seq, created, from, to, shared, risk, sender_fingerprint, first), the client's device
 * pin at the first report, and last the log entry of who opened it ("report_opened", by =
 * p->name). A crash between the appends leaves the report unopened, and opening it again adds
 * nothing twice. On TR_OK res is filled (tr_care_open_free); on a refusal res->why says why.
 * TR_E_NOMEM / errors of tr_profile_append after the report was verified. */
tr_status tr_caseload_open_report(tr_profile *p, const tr_care_state *s, const uint8_t *data,
                                  size_t len, const char *now, tr_care_open_result *res,
                                  tr_error *err);

/* Makes an assignment (tr_care_assign) with the team state s of the open therapist profile p
 * and keeps its number in p's journal ("assignment_sent") before handing the file over, so a
 * number is never given out twice. On TR_OK *file (*len bytes, the .trinn-oppdrag; the caller
 * frees it and writes it where the therapist chose) and *seq (its number for that client).
 * TR_E_INVALID (a bad option: err says which), errors of tr_profile_append (no file then). */
tr_status tr_caseload_assign(tr_profile *p, const tr_care_state *s, const tr_care_assign_opts *o,
                             const char *now, char **file, size_t *len, uint64_t *seq,
                             tr_error *err);

/* One client of the team, as the list shows it. */
typedef struct tr_caseload_client {
    char id[TR_EXCH_ID_MAX + 1];
    int64_t last_report; /* Unix seconds the newest report was opened; 0 = none yet */
    size_t n_reports;    /* reports opened */
    int risk;            /* the highest risk level in its shared records (TR_CASELOAD_RISK_*) */
    int64_t risk_ts;     /* the time of the newest flagged record (0 = none) */
    uint64_t last_assign_seq; /* the last assignment made for it (0 = none) */
    int has_device;
    char device_fingerprint[TR_FPR_TEXT]; /* the pinned device key's, to compare aloud */
    const cJSON *records; /* its shared records, oldest first (in shared.by_client), or NULL */
    const cJSON *header;  /* the newest "report_header", or NULL (opened by an older Trinn) */
    cJSON *latest;        /* the records the newest report carried (an array, owned here) */
    size_t n_new;         /* of them, not carried by an earlier report */
    cJSON *fresh;         /* those n_new records (an array, owned here), or NULL */
} tr_caseload_client;

typedef struct tr_caseload {
    tr_care_state care;          /* keys, the team card, the clients assigned to */
    tr_care_shared shared;       /* what the clients shared */
    tr_caseload_client *clients; /* after tr_caseload_finish: risk first, then newest report */
    size_t n_clients;
    cJSON *log;     /* internal: the "report_opened" and "report_header" records, in order */
    cJSON *reports; /* internal: {client: {report id: [records]}} in opening order */
} tr_caseload;

/* A journal visitor (tr_profile_visit_fn / tr_journal_query_each through a wrapper) that
 * gathers everything above into user (a zero-initialised tr_caseload). A damaged record of
 * these types stops the walk with TR_E_CORRUPT naming its sequence number; TR_E_NOMEM. */
tr_status tr_caseload_visit(void *user, const tr_journal_record *rec, tr_error *err);

/* After the walk: sorts the shared records (tr_care_shared_finish) and builds the client list
 * (every client assigned to or heard from), with the risk marker from the pack's rule.
 * TR_OK or TR_E_NOMEM. */
tr_status tr_caseload_finish(tr_caseload *c, const struct tr_content *pack, tr_error *err);

/* Walks the open journal j with tr_caseload_visit and finishes. On failure c is empty. */
tr_status tr_caseload_load(tr_journal *j, const struct tr_content *pack, tr_caseload *c,
                           tr_error *err);

/* Frees what c holds (wiping the keys); leaves it zeroed. */
void tr_caseload_free(tr_caseload *c);

/* The client with this id, or NULL. */
const tr_caseload_client *tr_caseload_find(const tr_caseload *c, const char *id);

/* One measure the newest report brought a new score of, beside the score before it. */
typedef struct tr_caseload_change {
    char instrument[64];
    double now;      /* the newest new total */
    double before;   /* the newest total before it (from an earlier report), or -1 for none */
    char now_ts[32]; /* their times, ISO 8601 as the records hold them */
    char before_ts[32];
} tr_caseload_change;

/* What changed in the client's measures with the newest report: one entry per instrument with
 * a new scored total in it, in the order first met, at most max. Returns how many. */
size_t tr_caseload_changes(const tr_caseload_client *cl, tr_caseload_change *out, size_t max);

/* The risk flags of a client's records (tr_care_risk_of each), newest first, each with
 * "ts" and "type": an array the caller deletes, or NULL when out of memory. */
cJSON *tr_caseload_flags(const struct tr_content *pack, const cJSON *records);

/* The plain-text note for the patient record (tr_care_summary, in lang) of the client's newest
 * report, from its stored header and records. TR_E_NOTFOUND when the client has no stored
 * header (a report opened by an older Trinn: open it again, or use trinnctl report open
 * --summary); TR_E_NOMEM. *out is malloc'ed (caller frees). */
tr_status tr_caseload_summary(const tr_caseload *c, const tr_caseload_client *cl,
                              const struct tr_content *pack, const char *lang, char **out,
                              tr_error *err);

/* Feeds the shared records sh of the team care (its card) of every client (client NULL) or of
 * one into ex, client after client, each under a pseudonym keyed by the team's fingerprint and
 * the client's id (the same in every export; no id the team typed leaves), with the identifier
 * the team chose for it, if any. *n is how many clients were fed. TR_OK, TR_E_NOTFOUND (no
 * records from that client: only opened reports count), or errors of the export (TR_E_NOMEM,
 * TR_E_INVALID). */
tr_status tr_caseload_feed(const tr_care_state *care, const tr_care_shared *sh, const char *client,
                           struct tr_fhir_export *ex, size_t *n, tr_error *err);

/* The team's statistics (core/OUTCOME.md, "Service statistics") from what its clients shared,
 * as tr_stats_to_json prints them with the reference figures of content/stats.json (each with
 * the "label" {lang: text} stats.json gives it, when it does), per quarter, with exact counts
 * (the team's own view). *out is the caller's. Errors of the files
 * read (naming them), TR_E_NOMEM. */
tr_status tr_caseload_stats(const tr_caseload *c, const struct tr_content *pack,
                            const char *content_dir, cJSON **out, tr_error *err);

#endif
