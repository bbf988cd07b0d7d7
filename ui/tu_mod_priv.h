/* Shared by the module screens (tu_scr_modules.c, tu_scr_module_step.c, tu_mod_fields.c). */
#ifndef TU_MOD_PRIV_H
#define TU_MOD_PRIV_H

#include "tp_attr.h"
#include "tu_app.h"
#include "tu_mods.h"

/* A widget id from a format; ids longer than size are cut (they stay unique in practice:
 * field and step ids are at most 40 bytes). */
void tu_mod_id(char *buf, size_t size, const char *fmt, ...) TP_PRINTF(3, 4);

/* A question or caption above a field: one strong line when it fits the column (returns
 * text, for the widget to draw as its label), else drawn here wrapped (returns "", so the
 * widget draws no label of its own that would run out of its box). */
const char *tu_mod_question(struct tu_app *app, const char *text);

/* A strong caption (choice, list): one line when it fits, else wrapped. */
void tu_mod_heading(struct tu_app *app, const char *text);

/* A wrapped line of small, muted text (help, hints) in the column. */
void tu_mod_note(struct tu_app *app, const char *text);

/* The current language code ("nb"). */
const char *tu_mod_lang(const struct tu_app *app);

/* The text buffer of widget id, made with room for cap-1 bytes and filled with init (may be
 * NULL) the first time. NULL when out of memory. */
tu_mod_buf *tu_mod_buf_get(tu_mods *m, const char *id, size_t cap, const char *init);
/* Forgets every buffer (a different entry or step is opened). */
void tu_mod_bufs_clear(tu_mods *m);
/* Reads a day as the client writes it ("5.12.2026", "i går", ...; words from the catalog) into
 * "YYYY-MM-DD" (iso, size >= 11). Returns 0, or -1 when it is not a day. */
int tu_mod_parse_date(const struct tu_app *app, const char *text, char *iso, size_t size);
/* Finds what is wrong on the page drawn this frame (a date, time or number that is not one)
 * and puts it in mods->errs for the summary and the fields. Returns the number of problems. */
int tu_mod_page_problems(struct tu_app *app);
/* Draws the count line of a text field with buffer b ("12 av 500 tegn"; in the danger colour,
 * saying that the rest was not added, once typing went past max_chars). got: tu_field's bits. */
void tu_mod_count(struct tu_app *app, const char *wid, tu_mod_buf *b, int got, int max_chars);

/* Draws field f of step editing obj (the entry's values, or one row of a list) with ids
 * under prefix. Changes go into obj and set mods->dirty. */
void tu_mod_field(struct tu_app *app, const tr_module *mod, const tr_module_step *step,
                  const tr_module_field *f, tr_values *obj, const char *prefix);

/* A value as the client reads it (a choice's label, a number without needless decimals);
 * "" for none. */
void tu_mod_value_text(const struct tu_app *app, const tr_module_field *f, const tr_value *v,
                       char *buf, size_t size);

/* Saves the values being edited as a new module_entry record (making the entry id on the
 * first save). Returns 0, or -1 with mods->save_msg set. */
int tu_mod_save(struct tu_app *app);

/* Writes a module_progress record for step index `step` of the open module. */
void tu_mod_progress(struct tu_app *app, int step, int done);

/* Loads the entry to edit in the open step: entry index `which` of its live entries, or the
 * newest one when which < 0 (single-entry steps), or a new empty one when there is none or
 * which == -2. */
void tu_mod_edit(struct tu_app *app, int which);

/* The live entries of step in mod, worked out from the records again only when they changed
 * (a worksheet of two years lists 730 entries found among 20,000 records). Owned by
 * app->mods: valid until the next call or the next change of the records. Never NULL; empty
 * when they cannot be worked out. */
const tr_module_entries *tu_mod_entries(struct tu_app *app, const tr_module *mod,
                                        const tr_module_step *step);

#endif
