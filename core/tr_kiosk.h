/* tr_kiosk: what a waiting-room kiosk needs from the core (issue 15): its configuration, its
 * device key file, the staff PIN's Argon2id hash, the reference code a visitor gives at the
 * desk, and the hand-in: the visitor's assessment as a .trinn-rapport signed by the kiosk's
 * key and sealed to the team card (core/EXCHANGE.md §4, §7), made by tr_care_report.
 *
 * The configuration (JSON, `trinn --kiosk --config FILE`):
 *   {"format": "trinn-kiosk-config", "version": 1,
 *    "service": "RPH Bydel Nord", "phone": "+47 22 00 00 00",
 *    "hours": "Man-fre 08-15"  or  {"nb": ..., "nn": ..., "en": ...},
 *    "desk":  "Resepsjonen, 1. etasje"  or  {"nb": ..., "nn": ..., "en": ...},
 *    "team_card": "team-card.json"  or  { the card itself },
 *    "idle_seconds": 120, "staff_pin_file": "pin.hash", "device_key_file": "kiosk.key",
 *    "languages": ["nb", "nn", "en"], "spool": "/var/spool/trinn"}
 * Relative paths are taken from the configuration file's folder. Unknown fields are refused (a
 * misspelt field would otherwise be silently ignored).
 *
 * The key file (`trinnctl kiosk init`), readable by the kiosk user alone:
 *   {"format": "trinn-kiosk-key", "version": 1,
 *    "sign_secret": base64(key id [8] || Ed25519 seed [32]), "sign_key": "RW..."}
 * The PIN hash file (`trinnctl kiosk pin`): one line, libsodium's crypto_pwhash_str text
 * ("$argon2id$v=19$m=...,t=...,p=1$salt$hash").
 *
 * Ownership: tr_kiosk_config holds the device key's secret: tr_kiosk_config_wipe. Everything
 * else is value structs; text handed back is malloc'ed and the caller's. */
#ifndef TR_KIOSK_H
#define TR_KIOSK_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_minisign.h"
#include "tr_team.h"

#define TR_KIOSK_TEXT_MAX   400  /* bytes of a configured text (desk, hours) */
#define TR_KIOSK_PATH_MAX   1024 /* a resolved path */
#define TR_KIOSK_LANGS      3    /* nb, nn, en: the languages the app speaks */
#define TR_KIOSK_IDLE_MIN   10   /* seconds */
#define TR_KIOSK_IDLE_MAX   3600 /* seconds */
#define TR_KIOSK_PIN_MIN    4    /* digits */
#define TR_KIOSK_PIN_MAX    12   /* digits */
#define TR_KIOSK_HASH_MAX   128  /* crypto_pwhash_STRBYTES */
#define TR_KIOSK_REF_LEN    6    /* digits of a reference code */
#define TR_KIOSK_REF_SHOWN  8    /* "462 938" and its NUL */
#define TR_KIOSK_CLIENT_MAX 32   /* "kiosk-YYYYMMDD-462938" and its NUL */

/* The language codes in the order the app numbers them. */
extern const char *const tr_kiosk_lang_codes[TR_KIOSK_LANGS];

/* A text the municipality writes, per language (a plain string gives all three the same). */
typedef struct tr_kiosk_text {
    char v[TR_KIOSK_LANGS][TR_KIOSK_TEXT_MAX + 1];
} tr_kiosk_text;

typedef struct tr_kiosk_config {
    char service[TR_TEAM_TEXT_MAX + 1];
    char phone[TR_TEAM_TEXT_MAX + 1];
    tr_kiosk_text hours, desk;
    int card_inline;                   /* the card was in the file; else card_file */
    char card_file[TR_KIOSK_PATH_MAX]; /* resolved */
    tr_team_card card;                 /* set by parse (inline) or load (file) */
    int idle_seconds;                  /* TR_KIOSK_IDLE_MIN..MAX */
    char pin_file[TR_KIOSK_PATH_MAX];  /* resolved */
    char key_file[TR_KIOSK_PATH_MAX];  /* resolved */
    char spool[TR_KIOSK_PATH_MAX];     /* resolved */
    int langs[TR_KIOSK_LANGS];         /* indices into tr_kiosk_lang_codes, in order */
    int n_langs;                       /* 1..3, no repeats */
    char pin_hash[TR_KIOSK_HASH_MAX];  /* set by load */
    tr_ms_key key;                     /* set by load: the kiosk's device key (secret) */
    int has_key;
} tr_kiosk_config;

/* Parses the configuration text[0..len) (no file is read: a card given as a path is left in
 * card_file for tr_kiosk_config_load). base_dir is the folder relative paths start from ("" or
 * NULL: as given). On failure cfg is zeroed and err says what to change ("desk": expected ...),
 * TR_E_PARSE (not JSON), TR_E_INVALID, TR_E_VERSION. Never reads beyond len. */
tr_status tr_kiosk_config_parse(const char *text, size_t len, const char *base_dir,
                                tr_kiosk_config *cfg, tr_error *err);

/* Reads the configuration file at path and everything it names: the team card (when a path),
 * the PIN hash file, the device key file; checks that the spool folder exists. On failure cfg is
 * wiped and err names the file and the problem. */
tr_status tr_kiosk_config_load(const char *path, tr_kiosk_config *cfg, tr_error *err);

/* Wipes the device key and clears cfg. NULL is fine. */
void tr_kiosk_config_wipe(tr_kiosk_config *cfg);

/* A fresh device key as key file text (*out, NUL-terminated, *len bytes; free with
 * tr_team_secret_free: it holds the secret) and its public half in *pub. TR_E_CRYPTO/NOMEM. */
tr_status tr_kiosk_key_new(char **out, size_t *len, tr_ms_pub *pub, tr_error *err);

/* Reads key file text[0..len) into key. TR_E_PARSE / TR_E_INVALID / TR_E_VERSION with a
 * message; key is wiped on failure. */
tr_status tr_kiosk_key_parse(const char *text, size_t len, tr_ms_key *key, tr_error *err);

/* The Argon2id hash text of a PIN (digits only, TR_KIOSK_PIN_MIN..MAX of them) into
 * out[TR_KIOSK_HASH_MAX], with libsodium's interactive cost (64 MiB, ops 2). TR_E_INVALID names
 * a PIN of the wrong form; TR_E_CRYPTO when the memory was refused. */
tr_status tr_kiosk_pin_hash(const char *pin, size_t len, char out[TR_KIOSK_HASH_MAX],
                            tr_error *err);

/* Reads a PIN hash file's text[0..len) (one line, an optional final '\n') into
 * out[TR_KIOSK_HASH_MAX]. TR_E_INVALID when it is not an Argon2id hash. */
tr_status tr_kiosk_pin_hash_parse(const char *text, size_t len, char out[TR_KIOSK_HASH_MAX],
                                  tr_error *err);

/* 1 when pin[0..len) matches hash; 0 when not, or the PIN is not of the PIN form, or the check
 * could not run (libsodium returns the same -1 for a wrong PIN and for memory refused); -1 when
 * hash is not a hash libsodium can read. */
int tr_kiosk_pin_check(const char *hash, const char *pin, size_t len);

/* A random reference code: TR_KIOSK_REF_LEN digits from 2-9 (no 0 or 1, which are read as O,
 * I or l and 7), into ref[TR_KIOSK_REF_LEN + 1]. */
void tr_kiosk_ref_new(char ref[TR_KIOSK_REF_LEN + 1]);

/* The code as shown and read aloud: two groups of three, "462 938". */
void tr_kiosk_ref_show(const char *ref, char out[TR_KIOSK_REF_SHOWN]);

/* 1 when client is a kiosk hand-in's client id, "kiosk-YYYYMMDD-DDDDDD", then with the code
 * in ref[TR_KIOSK_REF_LEN + 1] (may be NULL). */
int tr_kiosk_client_ref(const char *client, char *ref);

/* The hand-in: the assessment record (as the app would save it) as a report signed by key
 * and sealed to card, under the client id "kiosk-<date>-<ref>" and sequence number now_s
 * (Unix seconds: the kiosk keeps no counter, since it writes nothing but hand-ins). now is the
 * ISO 8601 time. On TR_OK *file (free) and *file_len hold the .trinn-rapport, *client the id.
 * Fails as tr_care_report. */
tr_status tr_kiosk_handin(const tr_ms_key *key, const tr_team_card *card, const cJSON *assessment,
                          const char *ref, const char *now, int64_t now_s, uint8_t **file,
                          size_t *file_len, char client[TR_KIOSK_CLIENT_MAX], tr_error *err);

/* The spool file name of a hand-in: "<client>.trinn-rapport" into out[size]. 0 or -1. */
int tr_kiosk_spool_name(const char *client, char *out, size_t size);

/* A hand-in written into the spool folder: the code to show, and the client id it went under. */
typedef struct tr_kiosk_sealed {
    char ref[TR_KIOSK_REF_LEN + 1];
    char client[TR_KIOSK_CLIENT_MAX];
} tr_kiosk_sealed;

/* What a hand-in needs besides the record: the kiosk (key, team card, spool folder), the time
 * (ISO 8601 and Unix seconds), and where to put what was written. */
typedef struct tr_kiosk_spool_job {
    const tr_kiosk_config *cfg;
    const char *now;
    int64_t now_s;
    tr_kiosk_sealed *out;
} tr_kiosk_spool_job;

/* Seals rec (the visit's assessment record; the caller's) with tr_kiosk_handin under a fresh
 * reference code not already waiting in the spool folder, and writes it there atomically
 * (temporary name, fsync, rename). On failure *job->out is zeroed and err says why in words
 * for staff (TR_E_IO names the folder). Every buffer that held the client id or the path is
 * wiped; the record itself stays the caller's to wipe. */
tr_status tr_kiosk_spool_write(const tr_kiosk_spool_job *job, const cJSON *rec, tr_error *err);

/* tr_kiosk_spool_write in the shape of a record visitor: user is a tr_kiosk_spool_job. */
tr_status tr_kiosk_spool_use(void *user, const cJSON *rec, tr_error *err);

/* The staff menu's test hand-in: a sealed file like a visitor's, its record marked "test" with
 * no answers. As tr_kiosk_spool_write. */
tr_status tr_kiosk_spool_test(const tr_kiosk_spool_job *job, tr_error *err);

/* The hand-ins (*.trinn-rapport) waiting in dir, or -1 when it cannot be listed. */
int tr_kiosk_spool_count(const char *dir);

/* The kiosks a team enrolled, gathered from its journal: "kiosk_enrolled" {sign_key,
 * fingerprint, label?} and "kiosk_revoked" {sign_key} records (the newest of each key wins; an
 * enrolment again keeps the label given before when it gives none). */
#define TR_KIOSK_MAX_ENROLLED 64
#define TR_KIOSK_LABEL_MAX    100 /* bytes of a kiosk's label ("Venterommet, 1. etasje") */
typedef struct tr_kiosk_enrolled {
    char fingerprint[TR_KIOSK_MAX_ENROLLED][TR_FPR_TEXT];
    int revoked[TR_KIOSK_MAX_ENROLLED];
    tr_ms_pub pub[TR_KIOSK_MAX_ENROLLED];
    char label[TR_KIOSK_MAX_ENROLLED][TR_KIOSK_LABEL_MAX + 1];
    size_t n;
} tr_kiosk_enrolled;

/* A journal visitor (tr_profile_visit_fn) gathering into user (a zeroed tr_kiosk_enrolled).
 * Damaged records of these types stop the walk with TR_E_CORRUPT. */
struct tr_journal_record;
tr_status tr_kiosk_enrolled_visit(void *user, const struct tr_journal_record *rec, tr_error *err);

/* 1 when the device fingerprint is enrolled and not revoked, 2 when it was revoked, else 0. */
int tr_kiosk_enrolled_state(const tr_kiosk_enrolled *e, const char *fingerprint);

/* The record enrolling (revoked 0) or revoking a kiosk's public key at ts, with an optional
 * label (NULL or "": none; enrolments only), malloc'ed; NULL when out of memory or the label is
 * not 1-TR_KIOSK_LABEL_MAX bytes on one line (tr_kiosk_label_ok). */
char *tr_kiosk_enrol_record(const tr_ms_pub *pub, int revoked, const char *ts, const char *label);

/* 1 when label is 1-TR_KIOSK_LABEL_MAX bytes of UTF-8 text without control characters. */
int tr_kiosk_label_ok(const char *label);

/* The team card's list of trusted kiosks (core/EXCHANGE.md §5): the enrolled kiosks that are
 * not revoked, as a JSON array of {"key_id", "sign_key", "fingerprint", "label"?} (caller
 * deletes), or NULL when out of memory. */
cJSON *tr_kiosk_card_list(const tr_kiosk_enrolled *e);

/* Reads a team card's optional "kiosks" list into out (zeroed first; no list: none, TR_OK).
 * Refuses with TR_E_INVALID and a message naming the entry: a list that is not an array, over
 * TR_KIOSK_MAX_ENROLLED entries, an entry whose sign_key does not parse, whose key_id or
 * fingerprint is not that of its key, or whose label is of the wrong form. */
tr_status tr_kiosk_card_read(const cJSON *card, tr_kiosk_enrolled *out, tr_error *err);

#endif
