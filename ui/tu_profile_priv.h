/* tu_profile_priv: what the profile views (tu_scr_profile.c) use of the profile session
 * (tu_profile_session.c). Private to those two files; the rest of the app uses tu_profile_ui.h. */
#ifndef TU_PROFILE_PRIV_H
#define TU_PROFILE_PRIV_H

#include <stdint.h>

#include "tu_app.h"

/* The ui clock of this frame, in ms (the lock-out waits count with it). */
int64_t tu_prof_now_ms(const tu_app *app);

/* Allocates the passphrase buffers in locked memory, zeroed, once. Returns 0, or -1 when the
 * locked memory cannot be had (the view then says so and offers nothing to type into). */
int tu_prof_ensure_bufs(tu_prof *p);

/* Zeroes everything typed into the profile fields (passphrases included). */
void tu_prof_wipe_typing(tu_app *app);

/* Switches to `view`, wiping what was typed and the last problem. */
void tu_prof_show(tu_app *app, tu_prof_view view);

/* Frees everything built from the records of the profile that was open. */
void tu_prof_forget_derived(tu_app *app);

/* Leaves the profile screens for what the gate was opened for (tu_profile_gate). */
void tu_prof_go_next(tu_app *app);

/* Sets the problem of the last try, shown in the error summary: `field` is the widget it is
 * about ("" for none), key its catalog text, seconds the lock-out wait (may be NULL). */
void tu_prof_set_problem(tu_app *app, const char *field, const char *key, const char *seconds);

/* Shows `view` for the profile it is about, with the lock-out wait at once when one runs. */
void tu_prof_show_with_wait(tu_app *app, tu_prof_view view);

/* Takes the worker's result when it is done and acts on it (open, explain, wipe). */
void tu_prof_poll_job(tu_app *app);

/* Starts the worker for the view: create (the typed name and look), unlock or delete (id), or a
 * passphrase change (cur, of the open profile); pass is the (new) passphrase. */
void tu_prof_start_job(tu_app *app, const char *id, const char *cur, const char *pass);

#endif
