/* tu_team_spool: the kiosk's hand-ins on the therapist's page (issue 15). The team home offers
 * «Innleveringer fra kiosken»; that screen (tu_scr_team_spool.c) takes a typed spool folder,
 * opens every hand-in in it with tr_kiosk_spool_open (the core code `trinnctl spool open` runs:
 * checked, imported into the client list, the file removed only once the import is durable),
 * and lists each with its reference code, time, scores, risk, recommendation and chosen level,
 * or why it was refused (tampered, cut short, a foreign or a revoked kiosk...), in the
 * therapist's language with the core's words beside it. The team card shows the kiosks the team
 * trusts (key id, fingerprint, label).
 *
 * Ownership: tu_team owns one tu_team_spool (t->spool, made when first needed); tu_team_free
 * frees it with tu_team_spool_free, which wipes the rows (a visitor's scores and risk). */
#ifndef TU_TEAM_SPOOL_H
#define TU_TEAM_SPOOL_H

#include "tr_kiosk_spool.h"
#include "tu_ui.h"

struct tu_app;
struct tu_team;

#define TU_SPOOL_PATH 1024

typedef struct tu_team_spool {
    char dir[TU_SPOOL_PATH];   /* the folder typed */
    int opened;                /* list is what became of the folder's files */
    tr_kiosk_spool_list list;  /* the rows of the last opening */
    char problem[1400];        /* why the folder could not be opened or the import stopped */
    int kiosks_read;           /* kiosks holds the profile's enrolled kiosks */
    tr_kiosk_enrolled kiosks;  /* for the team card */
    char kiosks_problem[1200]; /* why they could not be read */
} tu_team_spool;

/* Wipes and frees s (NULL is fine). */
void tu_team_spool_free(tu_team_spool *s);

/* The team home's way in: a short card with the button «Innleveringer fra kiosken». */
void tu_team_spool_entry(struct tu_app *app);

/* The team card's list of the kiosks the team accepts hand-ins from (revoked ones left out). */
void tu_team_spool_card_kiosks(struct tu_app *app);

/* The screen (a row of the screen table). */
void tu_team_spool_body(struct tu_app *app);
void tu_team_spool_nav(struct tu_app *app, tu_rect bar);

#endif
