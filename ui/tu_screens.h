/* tu_screens: the table of screens. A screen is one row of tu_screen_table (tu_screens.c):
 * its id (enum tu_screen), its name (scripts and dumps), its body and its navigation bar.
 * Adding one: a value in enum tu_screen, its two functions declared below, one row in the
 * table and a file of its own (ui/README.md walks through it); tu_screens_check finds a
 * screen without a row. */
#ifndef TU_SCREENS_H
#define TU_SCREENS_H

#include <stddef.h>

#include "tu_ui.h"

struct tu_app;

typedef enum tu_screen {
    TU_SCR_LANGUAGE,      /* tu_screens.c: first run, the language */
    TU_SCR_WELCOME,       /* tu_screens.c: what the app is and is not */
    TU_SCR_QUESTION,      /* tu_scr_assess.c: the self-assessment, one question at a time */
    TU_SCR_RESULT,        /* tu_scr_result.c: the recommendation and the choice */
    TU_SCR_MODULES,       /* tu_scr_modules.c: the self-help modules */
    TU_SCR_MODULE,        /* tu_scr_modules.c: one module */
    TU_SCR_STEP,          /* tu_scr_module_step.c: one step of a module */
    TU_SCR_CHECKIN,       /* tu_scr_checkin.c */
    TU_SCR_PROGRESS,      /* tu_scr_track.c */
    TU_SCR_HISTORY,       /* tu_scr_history.c */
    TU_SCR_MEASURE,       /* tu_scr_measure.c: PHQ-9 and GAD-7 on their own */
    TU_SCR_MEASURE_DONE,  /* tu_scr_measure.c: the scores and the change */
    TU_SCR_PROFILE,       /* tu_scr_profile.c */
    TU_SCR_HOME,          /* tu_scr_home.c: a returning client's start */
    TU_SCR_EXCH,          /* tu_scr_exch.c: an assignment in, the inbox (tu_exch.h) */
    TU_SCR_TEAM,          /* tu_scr_team.c: a therapist's home (tu_team.h) */
    TU_SCR_TEAM_CLIENT,   /* tu_scr_team_client.c: one client's page */
    TU_SCR_TEAM_STATS,    /* tu_scr_team_stats.c: the team's numbers */
    TU_SCR_TEAM_ASSIGN,   /* tu_scr_team_assign.c: writing an assignment */
    TU_SCR_EXCH_REPORT,   /* tu_scr_exch_report.c: a report for the team (tu_exch.h) */
    TU_SCR_GUIDE,         /* tu_scr_guide.c: information for relatives, self-help groups */
    TU_SCR_MEDS,          /* tu_scr_meds.c: the medication log (tu_meds.h) */
    TU_SCR_MEDS_EDIT,     /* tu_scr_meds_edit.c: a medicine, a change, the side-effect check */
    TU_SCR_KIOSK_ATTRACT, /* tu_kiosk_screens.c: the kiosk's languages */
    TU_SCR_KIOSK_HOME,    /* tu_kiosk_screens.c: RPH and how to reach it */
    TU_SCR_KIOSK_HANDIN,  /* tu_kiosk_screens.c: the hand-in and its code */
    TU_SCR_KIOSK_STAFF,   /* tu_kiosk_screens.c: PIN and staff menu */
    TU_SCR_KIOSK_BROKEN,  /* tu_kiosk_screens.c: the configuration could not be read */
    TU_SCR_GOALS,         /* tu_scr_goals.c: the client's own goals (tu_goals.h) */
    TU_SCR_GOALS_EDIT,    /* tu_scr_goals_edit.c: a new goal, a new rating of one */
    TU_SCR_TEAM_KEYS,     /* tu_scr_team_keys.c: the team, its members and key (tu_team_keys.h) */
    TU_SCR_TEAM_ENROL,    /* tu_scr_team_keys_enrol.c: member card, enrolling a colleague */
    TU_SCR_TEAM_JOIN,     /* tu_scr_team_keys_enrol.c: joining from an enrolment */
    TU_SCR_TEAM_BACKUP,   /* tu_scr_team_keys_backup.c: the key's backup, restoring it */
    TU_SCR_TEAM_LOG,      /* tu_scr_team_keys_log.c: who opened which report when */
    TU_SCR_TEAM_SPOOL,    /* tu_scr_team_spool.c: a kiosk's hand-ins (tu_team_spool.h) */
    TU_SCR_COUNT,
} tu_screen;

/* body draws the screen into the scroll column; nav draws its buttons into the bottom bar. */
typedef void (*tu_body_fn)(struct tu_app *app);
typedef void (*tu_nav_fn)(struct tu_app *app, tu_rect bar);

/* One row of the table. */
typedef struct tu_screen_def {
    const char *name; /* "welcome": what scripts and dumps call the screen */
    tu_body_fn body;
    tu_nav_fn nav;
} tu_screen_def;

/* The row of screen s, or NULL for a value outside the enum. */
const tu_screen_def *tu_screen_row(tu_screen s);

/* Name of a screen for dumps and scripts ("welcome"); "?" outside the enum. */
const char *tu_screen_name(tu_screen s);

/* Returns 0 when every screen of the enum has a row with a name, a body and a nav, and no two
 * rows share a name; else -1 with the first problem in msg (the app refuses to start). */
int tu_screens_check(char *msg, size_t size);

/* Draws the current screen's body / navigation bar (the table's functions). */
void tu_screen_body(struct tu_app *app);
void tu_screen_nav(struct tu_app *app, tu_rect bar);

/* The screens' own functions, in the order of the enum. */
void tu_question_body(struct tu_app *app);
void tu_question_nav(struct tu_app *app, tu_rect bar);
void tu_result_body(struct tu_app *app);
void tu_result_nav(struct tu_app *app, tu_rect bar);
void tu_modules_body(struct tu_app *app);
void tu_modules_nav(struct tu_app *app, tu_rect bar);
void tu_module_body(struct tu_app *app);
void tu_module_nav(struct tu_app *app, tu_rect bar);
void tu_step_body(struct tu_app *app);
void tu_step_nav(struct tu_app *app, tu_rect bar);
void tu_checkin_body(struct tu_app *app);
void tu_checkin_nav(struct tu_app *app, tu_rect bar);
void tu_progress_body(struct tu_app *app);
void tu_progress_nav(struct tu_app *app, tu_rect bar);
void tu_history_body(struct tu_app *app);
void tu_history_nav(struct tu_app *app, tu_rect bar);
void tu_measure_body(struct tu_app *app);
void tu_measure_nav(struct tu_app *app, tu_rect bar);
void tu_measure_done_body(struct tu_app *app);
void tu_measure_done_nav(struct tu_app *app, tu_rect bar);
void tu_profile_body(struct tu_app *app);
void tu_profile_nav(struct tu_app *app, tu_rect bar);
void tu_home_body(struct tu_app *app);
void tu_home_nav(struct tu_app *app, tu_rect bar);
void tu_exch_body(struct tu_app *app);
void tu_exch_nav(struct tu_app *app, tu_rect bar);
void tu_team_body(struct tu_app *app);
void tu_team_nav(struct tu_app *app, tu_rect bar);
void tu_team_client_body(struct tu_app *app);
void tu_team_client_nav(struct tu_app *app, tu_rect bar);
void tu_team_stats_body(struct tu_app *app);
void tu_team_stats_nav(struct tu_app *app, tu_rect bar);
void tu_team_assign_body(struct tu_app *app);
void tu_team_assign_nav(struct tu_app *app, tu_rect bar);
void tu_exch_report_body(struct tu_app *app);
void tu_exch_report_nav(struct tu_app *app, tu_rect bar);
void tu_team_keys_body(struct tu_app *app);
void tu_team_keys_nav(struct tu_app *app, tu_rect bar);
void tu_team_enrol_body(struct tu_app *app);
void tu_team_enrol_nav(struct tu_app *app, tu_rect bar);
void tu_team_join_body(struct tu_app *app);
void tu_team_join_nav(struct tu_app *app, tu_rect bar);
void tu_team_backup_body(struct tu_app *app);
void tu_team_backup_nav(struct tu_app *app, tu_rect bar);
void tu_team_log_body(struct tu_app *app);
void tu_team_log_nav(struct tu_app *app, tu_rect bar);

#endif
