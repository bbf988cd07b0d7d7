/* tu_script: the headless driver behind `trinn --script FILE`. */
#ifndef TU_SCRIPT_H
#define TU_SCRIPT_H

#include "tu_app.h"

/* Runs the steps in the JSON file at path against app. Returns 0 when every step passed,
 * 1 when one failed (stderr: "FILE: step N {...} failed: why"), 2 when the file is bad. */
int tu_script_run(tu_app *app, const char *path);

/* Writes every widget of the last frame (id, kind, label, rect, state) as JSON to path.
 * Returns 0, or -1 with msg. */
int tu_script_dump(const tu_app *app, const char *path, char *msg, size_t size);

/* Saves the current frame as a BMP at path. Returns 0, or -1 with msg. */
int tu_script_screenshot(tu_app *app, const char *path, char *msg, size_t size);

#endif
