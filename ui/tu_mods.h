/* tu_mods: the guided self-help modules in the front end: the module list, one module's steps,
 * and a step being worked through (tu_scr_modules.c, tu_scr_module_step.c, tu_mod_fields.c).
 *
 * Modules are loaded from <content>/modules when the list is first opened. Progress and
 * entries are never kept here: they are worked out by the module engine (core/tr_module.h)
 * from the profile's records (tu_records) after every save, so what a screen shows is what
 * was saved. An entry is saved as a whole new `module_entry` record whenever a choice,
 * rating or box changes, and for typed text when the field loses focus, the page changes,
 * the step is left or the app closes, and at least every TU_MOD_SAVE_MS while typing.
 *
 * Ownership: tu_mods owns the loaded modules, the values being edited and the text buffers;
 * tu_mods_free releases them (call tu_mods_flush first to save what was typed). */
#ifndef TU_MODS_H
#define TU_MODS_H

#include <stddef.h>
#include <stdint.h>

#include "tr_module.h"
#include "tr_module_view.h"
#include "tr_values.h"
#include "tu_errors.h"
#include "tu_ui.h"

/* A text buffer behind one text, time, date or number widget, by widget id. */
typedef struct tu_mod_buf {
    char id[200];
    char *s;
    size_t cap;
    int bad;        /* the text is not a valid value (kept; not saved; an error on going on) */
    int full;       /* typing went past the field's length: the count says so */
    char want[320]; /* when bad: what the field wants, for the error summary and the field */
} tu_mod_buf;

/* A worksheet lists its newest entries this many at a time (a year of diary days would
 * otherwise be one long, slow list). */
#define TU_MODS_LIST_PAGE 30

/* While the client types, what was typed is saved at least this often (ms). */
#define TU_MOD_SAVE_MS 2000

typedef struct tu_mods {
    const tr_module **mods; /* in list order; the modules are the pack's (tr_bundle) */
    size_t n;
    int loaded;          /* 1 once the folder was read (even when it failed) */
    char load_msg[1024]; /* why there are no modules to list, shown on the list */

    int cur;                       /* open module index, -1 none */
    int step;                      /* open step index, -1 none */
    int page;                      /* page of an exercise or worksheet entry */
    int editing;                   /* worksheet: 1 while an entry is open, 0 on its list */
    char entry[72];                /* the entry being edited ("" = a new one not yet saved) */
    tr_values *values;             /* its values {field id -> value} (owned) */
    tr_values *computed;           /* values with computed fields filled in, this frame (owned) */
    const tr_values *computed_row; /* the list row being drawn, in computed */
    int dirty;                     /* typed text not saved yet */
    int64_t dirty_since;           /* ui time + 1 of the first unsaved change (0 = none) */
    char save_msg[1100];           /* the last save failure, shown on the step */
    int confirm_delete;            /* worksheet: entry index + 1 whose delete waits for a yes */
    const void *list_step;         /* worksheet whose entry list list_shown is for */
    size_t list_shown;             /* newest entries listed; "show more" adds TU_MODS_LIST_PAGE */
    unsigned counter;

    tr_module_progress *progress; /* per module, worked out when the records changed */
    size_t progress_records;      /* records count it was worked out at, + 1 (0 = never) */

    /* the live entries of one step (tu_mod_entries), kept while the records do not change */
    tr_module_entries entries;
    const tr_module *entries_mod;
    const char *entries_step;
    unsigned long entries_gen; /* tu_records gen + 1 they were worked out at (0 = never) */

    tu_mod_buf *bufs;
    size_t n_bufs, cap_bufs;
    tu_errors errs; /* the problems found when the client last tried to leave the page */
} tu_mods;

struct tu_app;

/* Opens the module list (loading the modules on first use). */
void tu_mods_open_list(struct tu_app *app);
/* Opens a module by id (from a triage result's suggestions); returns 0, or -1 when the pack
 * has no such module (the list opens instead). */
int tu_mods_open_module(struct tu_app *app, const char *module_id);

/* The loaded module with this id (loading the modules on first use), or NULL. */
const tr_module *tu_mods_find(struct tu_app *app, const char *module_id);

/* Saves what was typed and not yet saved (on leaving, or before the app closes). */
void tu_mods_flush(struct tu_app *app);
void tu_mods_free(tu_mods *m);

/* A card of suggested modules (a triage result's `modules`, in order): each a button that
 * opens it. Ids the pack has no module for are left out; nothing is drawn when none is left. */
void tu_mods_suggest(struct tu_app *app, const char *const *ids, size_t n);

/* On the crisis view, after the contacts: the client's own crisis plan (the newest entry of
 * step "crisis_plan" of module "relapse_crisis_plan"), read-only, every filled-in answer under
 * its question. Nothing when there is no plan. */
void tu_mods_crisis_plan(struct tu_app *app);

/* On the home (tu_scr_home.c): one button per module, "<prefix>.<module id>", each with its
 * progress, that opens it: with `started` first every module the client has begun, then the
 * modules of ids[0..n) not shown yet (ids the pack has no module for are left out). Returns how
 * many were drawn. */
size_t tu_mods_home_list(struct tu_app *app, const char *prefix, const char *const *ids, size_t n,
                         int started);

/* On the welcome screen: the way into the modules (and tracking). */
void tu_mods_welcome(struct tu_app *app);

#endif
