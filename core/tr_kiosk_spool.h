/* tr_kiosk_spool: the team's side of the kiosk hand-ins (issue 15): opening a kiosk's spool
 * folder into a therapist profile, for `trinnctl spool open` and the app's therapist page alike.
 *
 * Every DIR/NAME.trinn-rapport must open with the team's key, be signed for it, come from a
 * kiosk the team enrolled and did not revoke (tr_kiosk_enrolled, from the journal), and be a
 * kiosk hand-in (client id kiosk-<date>-<code>). An accepted one is imported into the profile as
 * a client of its own (tr_caseload_open_report: its records and the log of the opening, each
 * appended durably), and only then is its file removed. A file imported before (a crash between
 * the import and the removal) is removed, not refused. A refused file stays where it is.
 *
 * Ownership: a tr_kiosk_spool_list owns its rows (they hold a visitor's scores and risk:
 * tr_kiosk_spool_list_free wipes them). */
#ifndef TR_KIOSK_SPOOL_H
#define TR_KIOSK_SPOOL_H

#include <stddef.h>

#include "tr_care.h"
#include "tr_kiosk.h"
#include "tr_profile.h"

#define TR_KIOSK_ROW_SCORES 8 /* instruments a row shows (a kiosk asks PHQ-9, GAD-7 and a few) */

typedef enum tr_kiosk_row_state {
    TR_KIOSK_ROW_OPENED,  /* imported now; the file is removed unless `kept` */
    TR_KIOSK_ROW_BEFORE,  /* imported by an earlier opening; the file is removed now */
    TR_KIOSK_ROW_REFUSED, /* left in the folder: why and msg say why */
} tr_kiosk_row_state;

typedef struct tr_kiosk_row_score {
    char inst[32]; /* the instrument's id ("phq9") */
    double total;
} tr_kiosk_row_score;

typedef struct tr_kiosk_row {
    char file[256]; /* the file's name in the folder */
    tr_kiosk_row_state state;
    int kept; /* imported, but the file could not be removed (remove it by hand) */
    /* an opened hand-in */
    char reference[TR_KIOSK_REF_SHOWN]; /* "462 938", as the visitor read it aloud */
    char client[TR_EXCH_ID_MAX + 1];
    char time[40]; /* when the kiosk made it (ISO 8601) */
    char risk[16], recommended[64], chosen[64];
    tr_kiosk_row_score scores[TR_KIOSK_ROW_SCORES];
    size_t n_scores;
    char report[TR_EXCH_ID_MAX + 1];
    char device[TR_FPR_TEXT]; /* the kiosk's fingerprint */
    /* a refused file */
    char why[24];   /* tr_exch_why_name's, or unreadable, not_kiosk, foreign_kiosk, revoked_kiosk */
    char msg[1600]; /* in English words for the team, with the core's detail */
    char detail[1200]; /* the core's detail alone ("" when msg is all there is) */
} tr_kiosk_row;

typedef struct tr_kiosk_spool_list {
    tr_kiosk_row *rows; /* in the folder's name order */
    size_t n;
    size_t n_opened, n_before, n_refused;
} tr_kiosk_spool_list;

/* Opens every hand-in in dir into the therapist profile p (its care state s, read from p's
 * journal) at now (ISO 8601), one row per file in out (zeroed first). Returns TR_OK when every
 * file was looked at, whatever was refused; TR_E_NOTFOUND (dir is not a folder), TR_E_IO (it
 * cannot be listed), TR_E_NOMEM, or the journal's error when an import could not be written:
 * then the rows so far are kept and the file being imported stays. err says what, in words. */
tr_status tr_kiosk_spool_open(tr_profile *p, const tr_care_state *s, const char *dir,
                              const char *now, tr_kiosk_spool_list *out, tr_error *err);

/* Wipes and frees the rows; NULL is fine. */
void tr_kiosk_spool_list_free(tr_kiosk_spool_list *l);

/* The kiosks p's journal enrolled (tr_kiosk_enrolled_visit over every record) into out. */
tr_status tr_kiosk_enrolled_read(tr_profile *p, tr_kiosk_enrolled *out, tr_error *err);

#endif
