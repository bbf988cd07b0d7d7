/* tu_a11y: the widget tree for screen readers, over AT-SPI (the Linux accessibility bus that
 * Orca reads), through ATK and atk-bridge.
 *
 * Each frame the app hands over the widget layer's own records (tu_record: id, kind, label,
 * rectangle, state, layer); tu_a11y keeps one accessible object per widget shown in the current
 * view, with its name (the label), role (button, radio button, heading, text entry,
 * password text...), states (focusable, focused, checked, showing, sensitive) and the changes
 * between frames as AT-SPI events: children added and removed, names, states (focus), and an
 * announcement when an alert (tu_alert: an error message) appears or changes. A new view (a new
 * question, screen or dialog) gets new objects, so focus on the next question's first answer is
 * a focus event even where its id and label repeat.
 *
 * The bus is served from GLib's default main context. tu_a11y_iterate handles what is waiting
 * without blocking; a small thread polls the context's descriptors and pushes an SDL event
 * (tu_a11y_event_type) when something arrives, so the SDL loop wakes for the bus and sleeps
 * otherwise. The thread only polls; every ATK and D-Bus call happens on the caller's thread.
 *
 * Optional twice: a build without ATK (CMake TRINN_A11Y=OFF, or ATK not found) has the same
 * functions and tu_a11y_start says why there is nothing; a run without an accessibility bus
 * (no session bus, no at-spi) gets -1 from tu_a11y_start and the app runs as before. */
#ifndef TU_A11Y_H
#define TU_A11Y_H

#include <stddef.h>
#include <stdint.h>

#include "tu_ui.h"

typedef struct tu_a11y tu_a11y;

/* What the app shows this frame, as tu_a11y reads it. */
typedef struct tu_a11y_frame {
    const tu_ctx *ui;  /* its records of this frame (after tu_end) */
    uint64_t view;     /* changes when the view does (a question, screen or layer) */
    int win_x, win_y;  /* the window's position on the screen, in window coordinates */
    float px_scale;    /* pixels per window coordinate (records are in pixels) */
    const char *title; /* the window's accessible name */
} tu_a11y_frame;

/* 1 when this build has the ATK route (TRINN_HAVE_ATK). */
int tu_a11y_built(void);

/* Connects to the accessibility bus as application app_name ("Trinn") and starts the wake
 * thread, which pushes an SDL event of type wake_type (from SDL_RegisterEvents) when the bus
 * has something. Returns 0 with *out set (the caller owns it: tu_a11y_stop), or -1 with msg
 * (size bytes) saying why not (built without ATK, no accessibility bus, NO_AT_BRIDGE=1);
 * then *out is NULL and nothing needs freeing. Call once per process. */
int tu_a11y_start(tu_a11y **out, const char *app_name, uint32_t wake_type, char *msg, size_t size);

/* Brings the accessible tree in line with the frame and emits the changes as events.
 * a may be NULL (then nothing happens). Never fails: an object that cannot be made is left
 * out of this frame's tree. */
void tu_a11y_update(tu_a11y *a, const tu_a11y_frame *f);

/* Handles what is waiting on the bus (requests from the screen reader, events to send)
 * without blocking, and rearms the wake thread. a may be NULL. */
void tu_a11y_iterate(tu_a11y *a);

/* Leaves the bus, stops the thread and frees everything. a may be NULL. */
void tu_a11y_stop(tu_a11y *a);

#endif
