/* tu_exch: the client's side of the care loop in the app (issue 14): taking in an assignment
 * from the therapist (a .trinn-oppdrag opened with `trinn FILE`, dropped on the window, or
 * chosen from the inbox the app lists), and making a report for the team (tu_scr_exch_report.c).
 *
 * Everything that decides (verifying, the fingerprint, pinning, what a report holds, sealing)
 * is the core's (tr_care.h, tr_share.h); these screens show its answers in words and append
 * the records it hands back through tu_records, so the home shows them at once.
 *
 * Ownership: tu_exch owns the bytes of the file being taken in and the inbox list
 * (tu_exch_free). */
#ifndef TU_EXCH_H
#define TU_EXCH_H

#include <stddef.h>
#include <stdint.h>

#include "tr_exch.h"
#include "tr_share.h"
#include "tr_fpr.h"
#include "tr_team.h"
#include "tu_ui.h"

/* Where taking in an assignment stands. */
typedef enum tu_exch_view {
    TU_EXCH_HUB,     /* no file: the inbox and the way to a report */
    TU_EXCH_CONFIRM, /* the first file of a team: compare its fingerprint */
    TU_EXCH_REFUSED, /* refused, with the reason in words */
    TU_EXCH_DONE,    /* taken in */
    TU_EXCH_DECLINED /* the client said the fingerprint is not the one they were given */
} tu_exch_view;

#define TU_EXCH_INBOX_MAX 20

typedef struct tu_exch {
    tu_exch_view view;
    char name[256]; /* the file's name as shown */
    char *data;     /* its bytes (until it is taken in or refused) */
    size_t len;
    int waiting;      /* a file is held until a profile is open */
    tr_exch_why why;  /* a refusal's reason */
    int read_error;   /* the file could not be read at all (why then means nothing) */
    int save_error;   /* accepted, but the journal refused the records */
    char detail[800]; /* the journal's message when saving failed */
    char fingerprint[TR_FPR_TEXT];
    char service[TR_TEAM_TEXT_MAX + 1]; /* the file's team */
    char pinned[TR_TEAM_TEXT_MAX + 1];  /* the team this client paired with ("" = none) */
    char expires[11];
    int first;   /* the team was pinned by this file */
    int rotated; /* the team's new key, handed over by the pinned one, is pinned now */

    /* the inbox: assignments found in the folders the app looks in */
    char inbox_dirs[2][1024];
    int n_dirs;
    char inbox[TU_EXCH_INBOX_MAX][1024]; /* full paths */
    int n_inbox;
    int inbox_listed; /* listed since the hub was opened */

    /* the team this client paired with, read from the journal when the records change */
    unsigned long team_gen; /* app->records.gen it was read at, + 1 (0 = not read) */
    int has_team;
    tr_team_card team;

    /* the report being composed (tu_scr_exch_report.c) */
    int rep_view; /* TU_REP_* */
    int rep_measures, rep_assessment, rep_checkins, rep_goals;
    int rep_feedback;  /* feedback on the help (a wish to change therapist goes always) */
    int rep_range;     /* index into the ranges: 2 weeks, a month, 3 months, everything */
    int rep_from_risk; /* opened from an elevated-risk result: the assessment, now */
#define TU_EXCH_MODS_MAX 32
    char rep_mod[TU_EXCH_MODS_MAX][TR_EXCH_ID_MAX + 1]; /* modules with records in the range */
    int rep_mod_on[TU_EXCH_MODS_MAX];
    int n_rep_mod;
    int rep_dirty;             /* a choice changed: plan again */
    int rep_gathered_range;    /* the range the records were read for (-1: not read) */
    cJSON *rep_records;        /* the records in the range */
    tr_share_plan rep_plan;    /* what will be sent */
    char rep_from[11];         /* the range as sent ("" = from the first record) */
    char rep_folder[1024];     /* where the file goes (the client may change it) */
    char rep_written[1400];    /* the file written */
    size_t rep_sent, rep_risk; /* what it held */
    char rep_problem[1024];    /* why it was not made, in words */
    char rep_detail[800];      /* the technical detail */
} tu_exch;

enum { TU_REP_CHOOSE, TU_REP_DONE };

struct tu_app;

/* Opens the file at path for taking in: reads it and shows the exchange screen (verification
 * and the fingerprint need an open client profile: without one the profile screen is shown
 * first and the file waits). A file that cannot be read is said so in words. */
void tu_exch_open(struct tu_app *app, const char *path);

/* Opens the exchange screen with no file: the inbox and the way to a report. */
void tu_exch_hub(struct tu_app *app);

/* A profile was opened from the exchange screen's request: goes on with the waiting file. */
void tu_exch_after_unlock(struct tu_app *app);

/* 1 when the open profile has paired with a team (its first assignment was taken in); card
 * (may be NULL) gets the team's card. 0 for a guest or no profile. */
int tu_exch_team(struct tu_app *app, tr_team_card *card);

/* The paired team as a card: service, therapist, phone and hours, the fingerprint. */
void tu_exch_team_card(struct tu_app *app);

/* Ends guest mode (after tu_confirm) and opens the profile screen; a waiting file stays. */
void tu_exch_end_guest(struct tu_app *app);

/* On an elevated- or acute-risk result, after the crisis numbers: with a paired team, its
 * phone and hours and «Send til teamet nå» (a report with the assessment, saved first); at acute
 * risk the phone leads and the file is said not to be help now. Without a paired team (or as a
 * guest) what the client should do themselves, promising nothing. */
void tu_exch_risk_card(struct tu_app *app);

/* On the client's home: what the care loop offers (the paired team, the inbox, a report). */
void tu_exch_home(struct tu_app *app);

/* Opens the report screen: the client chooses what to share and sees it in words before it
 * is sealed to the paired team and written to a folder. from_risk: opened from an
 * elevated-risk result («Send til teamet nå»): the assessment is chosen, the range is now. */
void tu_exch_report_open(struct tu_app *app, int from_risk);

/* Frees what tu_exch holds (the file's bytes), as on locking. */
void tu_exch_free(tu_exch *x);
/* Frees the report's records and plan. */
void tu_exch_report_free(tu_exch *x);

#endif
