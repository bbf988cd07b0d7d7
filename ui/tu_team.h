/* tu_team: the therapist's side of the care loop in the app (issue 14) and the team's numbers
 * (issue 16): the team home (the team card with its fingerprint, the client list with a risk
 * marker, «Åpne rapport»), the client's page, the team's statistics as a chart, and writing an
 * assignment. Screens: tu_scr_team.c (home, opening reports), tu_scr_team_client.c,
 * tu_scr_team_stats.c, tu_scr_team_assign.c.
 *
 * Everything clinical and cryptographic is core's: tr_caseload (the client list, opening a
 * report into the team's journal, risk flags, the note for the patient record, the statistics)
 * over tr_care. The screens draw what it gives and hand it the files.
 *
 * Reports reach the app two ways: dropped on the window (SDL_DROPFILE, tu_team_drop), or listed
 * from an inbox folder, the user's downloads folder (tp_path_downloads_dir) by default or a
 * folder the therapist types (a shared folder, a USB stick), *.trinn-rapport files only.
 *
 * Ownership: tu_team owns its caseload and lists (tu_team_free). */
#ifndef TU_TEAM_H
#define TU_TEAM_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_caseload.h"
#include "tu_team_keys.h"
#include "tu_team_spool.h"
#include "tu_ui.h"

#define TU_TEAM_PATH     1024
#define TU_TEAM_MEASURES 8 /* instruments an assignment's plan offers (tracking.json's) */

typedef struct tu_team {
    int loaded; /* cl holds the open profile's caseload */
    tr_caseload cl;
    char problem[1100];              /* why the caseload could not be read ("" = fine) */
    char client[TR_EXCH_ID_MAX + 1]; /* the client whose page is open */
    char inbox[TU_TEAM_PATH];        /* the folder listed for reports */
    int inbox_set;                   /* inbox was filled (downloads by default) */
    char **files;                    /* *.trinn-rapport names in inbox */
    size_t n_files;
    int listed;                      /* files is the listing of inbox as it is now */
    char pending[TU_TEAM_PATH];      /* a report given before any profile was open: opened once a
                                      * therapist's profile is (kept by tu_team_free) */
    char notice[1400];               /* what happened to the last file opened, in words */
    int notice_bad;                  /* it was refused */
    char opened[TR_EXCH_ID_MAX + 1]; /* the client of the report just opened ("" none) */
    char copied[300];                /* what the copy button did, for the client page */
    uint32_t clip_hash; /* the note put on the clipboard (0 = none): cleared on locking */
    /* the client page's flags and tracker, worked out once per client and caseload */
    const tr_caseload_client *page_of;
    cJSON *page_flags;
    struct tr_track *page_track;
    cJSON *stats; /* tr_caseload_stats, made when the screen opens */
    char stats_problem[1100];
    /* the assignment form (tu_scr_team_assign.c) */
    int a_ready;                        /* its defaults are filled */
    char a_client[TR_EXCH_ID_MAX + 1];  /* the client's pseudonymous id */
    int a_mod_order[64];                /* per loaded module: its place (1-based), 0 = not chosen */
    int a_next_order;                   /* modules chosen */
    int a_ordered;                      /* in that order */
    int a_meas_on[TU_TEAM_MEASURES];    /* per tracked instrument (tracking.json) */
    int a_meas_every[TU_TEAM_MEASURES]; /* 0 weekly, 1 fortnightly, 2 monthly */
    int a_meas_set;                     /* the measures' defaults are filled */
    char a_homework[1200];
    char a_next[32];          /* next appointment, "YYYY-MM-DD HH:MM" local time; may be empty */
    char a_expires[16];       /* YYYY-MM-DD */
    char a_out[TU_TEAM_PATH]; /* the folder the file is written into */
    char a_problem[1100];     /* why the last try made no file */
    char a_field[64];         /* the field it is about ("" none) */
    char a_written[TU_TEAM_PATH + 1400]; /* the file written, and how to hand it over */
    tu_team_keys k;                      /* the key screens (tu_team_keys.h) */
    tu_team_spool *spool; /* a kiosk's hand-ins (tu_team_spool.h), made when first needed */
} tu_team;

struct tu_app;

/* Reads the open therapist profile's caseload (again: after a report was opened). Returns 1 when
 * it is usable; 0 with problem set. */
int tu_team_load(struct tu_app *app);
void tu_team_free(tu_team *t);

/* Puts text (a note for the patient record) on the clipboard and remembers it, so that locking
 * (tu_team_free) takes it off again while it is still there. Returns 0, or -1 when SDL could not
 * set it. */
int tu_team_clip(tu_team *t, const char *text);

/* A therapist profile was opened: its home. */
void tu_team_open(struct tu_app *app);

/* Opens the report at path into the team's journal (tr_caseload_open_report) and says what
 * happened in notice: the client's page follows an accepted report; a refused one says why in
 * the therapist's language, with the core's words beside it. */
void tu_team_open_file(struct tu_app *app, const char *path);

/* A file dropped on the window while a therapist profile is open (tu_app's dispatcher). */
void tu_team_drop(struct tu_app *app, const char *path);

/* A report given while no profile is open (dropped, or `trinn FILE` from a double-click): kept,
 * and the profile screen asks for the therapist's profile; tu_team_open opens it then. A client's
 * profile unlocked instead forgets it (tu_team_forget_pending). */
void tu_team_pending(struct tu_app *app, const char *path);
/* 1 when a therapist's profile is listed on this PC (the index shows each profile's kind). */
int tu_team_on_this_pc(struct tu_app *app);
void tu_team_forget_pending(struct tu_app *app);

/* Forgets the client page's flags and tracker (another client, or the caseload read again). */
void tu_team_page_forget(tu_team *t);

/* The date of Unix seconds t in the app's language (tu_date), into buf. */
void tu_team_date(struct tu_app *app, int64_t t, char *buf, size_t size);

/* The medication log the client shared, on the client's page (tu_team_meds.c); nothing when
 * none was shared. */
struct tr_caseload_client;
void tu_team_client_meds(struct tu_app *app, const struct tr_caseload_client *c);

#endif
