/* tu_team_keys: the team's keys in the app's therapist mode (issue 14; core/EXCHANGE.md §8):
 * the team and its members (removing one who left, rotating the key), this therapist's member
 * card and enrolling a colleague, joining a team from an enrolment, the key's recovery backup
 * and restoring it, and the log of who opened which report when. Screens:
 * tu_scr_team_keys.c (the team, remove, rotate), tu_scr_team_keys_enrol.c (member card, enrol,
 * join), tu_scr_team_keys_backup.c (backup, restore), tu_scr_team_keys_log.c (the log).
 *
 * Every decision is core's (tr_caseload_team.h over tr_care_team.h, what trinnctl team uses):
 * the screens pick the files, show what to compare, and write what core hands back into the
 * folder the therapist chose (the downloads folder by default).
 *
 * Ownership: the state lives in tu_team (its member k); tu_team_keys_free wipes the recovery
 * passphrases and frees the listing and the log. */
#ifndef TU_TEAM_KEYS_H
#define TU_TEAM_KEYS_H

#include <stddef.h>

#include "tr_caseload_team.h"
#include "tr_i18n.h"

#define TU_KEYS_PATH 1024
#define TU_KEYS_PASS 256

typedef struct tu_team_keys {
    char dir[TU_KEYS_PATH]; /* the folder files are read from and written into */
    int dir_set;            /* dir was filled (downloads by default) */
    char **files;           /* names in dir ending in ext */
    size_t n_files;
    const char *ext;   /* what files lists (".json", ".trinn-enrol", ".age"), NULL = not listed */
    char notice[2400]; /* what the last action did, in words */
    int notice_bad;    /* it was refused or failed */
    /* a file picked and read, waiting for the therapist to confirm its fingerprint */
    char picked[TU_KEYS_PATH + 300];
    int picked_kind;       /* 0 none, 1 a colleague's member card, 2 an enrolment to confirm,
                            * 3 a backup to restore */
    tr_team_member card;   /* 1: the card read */
    char fpr[TR_FPR_TEXT]; /* 2: the team's fingerprint to compare */
    char by[TR_TEAM_TEXT_MAX * 2 + 64]; /* 2: who sent it, and the team's service */
    int confirm; /* the team screen: 0 nothing, 1 rotate asked, 2 remove asked (of member) */
    char member[TR_FPR_TEXT]; /* the member whose removal is asked (fingerprint) */
    char pass[TU_KEYS_PASS], pass2[TU_KEYS_PASS]; /* the recovery passphrase (wiped) */
    char pass_problem[600];
    tr_caseload_log log; /* the log screen's entries, read when it opens */
    int log_read;
} tu_team_keys;

struct tu_app;

/* The team home's way in (tu_scr_team.c). */
void tu_team_keys_link(struct tu_app *app);

/* Wipes the passphrases, forgets the file picked and the log; the folder stays. */
void tu_team_keys_free(tu_team_keys *k);

/* Shared by the key screens (tu_scr_team_keys.c). */
/* The folder field and its listing of files ending in ext (a button lists again). */
void tu_team_keys_folder(struct tu_app *app, const char *ext);
/* Writes data into the folder as name (made safe); path gets where. 0, or -1 (notice set). */
int tu_team_keys_write(struct tu_app *app, const char *name, const void *data, size_t len,
                       char *path, size_t size);
/* Reads the file name of the folder (at most max bytes) into *data (caller frees). 0 or -1
 * with the notice set. */
int tu_team_keys_read(struct tu_app *app, const char *name, size_t max, char **data, size_t *len);
/* The notice of the key screens: text (a catalog key filled with args), marked bad or not. */
void tu_team_keys_say(struct tu_app *app, int bad, const char *key, const tr_i18n_arg *args);
/* Draws the notice. */
void tu_team_keys_notice(struct tu_app *app);
/* The current time as ISO 8601 into now[32]. */
void tu_team_keys_now(char now[32]);
/* After a change: reads the caseload again (tu_team_load). */
void tu_team_keys_reload(struct tu_app *app);

#endif
