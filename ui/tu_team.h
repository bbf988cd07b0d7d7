/* tu_team: the therapist's side of the care loop in the app (issue 14) and the team's numbers
 * (issue 16): the team home (the team card with its fingerprint, the client list with a risk
 * marker, «Åpne rapport») and the client's page. Screens: tu_scr_team.c (home, opening
 * reports), tu_scr_team_client.c.
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
#include "tu_ui.h"

#define TU_TEAM_PATH 1024

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
    char notice[1400];               /* what happened to the last file opened, in words */
    int notice_bad;                  /* it was refused */
    char opened[TR_EXCH_ID_MAX + 1]; /* the client of the report just opened ("" none) */
    char copied[200];                /* what the copy button did, for the client page */
} tu_team;

struct tu_app;

/* Reads the open therapist profile's caseload (again: after a report was opened). Returns 1 when
 * it is usable; 0 with problem set. */
int tu_team_load(struct tu_app *app);
void tu_team_free(tu_team *t);

/* A therapist profile was opened: its home. */
void tu_team_open(struct tu_app *app);

/* Opens the report at path into the team's journal (tr_caseload_open_report) and says what
 * happened in notice: the client's page follows an accepted report; a refused one says why in
 * the therapist's language, with the core's words beside it. */
void tu_team_open_file(struct tu_app *app, const char *path);

/* A file dropped on the window while a therapist profile is open (tu_app's dispatcher). */
void tu_team_drop(struct tu_app *app, const char *path);

/* The screens. */
void tu_team_body(struct tu_app *app);
void tu_team_nav(struct tu_app *app, tu_rect bar);
void tu_team_client_body(struct tu_app *app);
void tu_team_client_nav(struct tu_app *app, tu_rect bar);

/* The date of Unix seconds t in the app's language (tu_date), into buf. */
void tu_team_date(struct tu_app *app, int64_t t, char *buf, size_t size);

#endif
