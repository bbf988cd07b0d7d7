/* tr_settings: the app's settings file, <data dir>/settings.json, kept outside every profile
 * so the first screen is already in the client's language and look:
 *   {"lang": "nb", "theme": "standard", "text_size": 1.5, "speech": false, "headphones": false}
 * Which languages and themes exist is the front end's and the pack's business; this reads and
 * writes the file only.
 *
 * Errors travel in the caller's tr_error; nothing is printed. Not thread-safe per struct. */
#ifndef TR_SETTINGS_H
#define TR_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "tr_error.h"

#define TR_SETTINGS_LANG_MAX  15 /* bytes of a language code */
#define TR_SETTINGS_THEME_MAX 31 /* bytes of a theme name */
#define TR_SETTINGS_FILE_MAX  4096

typedef struct tr_settings {
    char lang[TR_SETTINGS_LANG_MAX + 1];   /* "" when the file names none */
    char theme[TR_SETTINGS_THEME_MAX + 1]; /* "" when the file names none */
    double text_size;                      /* the text scale (1, 1.5, 2); 0 when not given */
    bool speech;                           /* self-voicing on */
    bool headphones;                       /* self-voicing may read private views aloud */
} tr_settings;

/* Reads settings from text (len bytes). *out is zeroed, then holds every field that could be
 * read whatever the result, so one bad field does not lose the others. Returns TR_OK;
 * TR_E_PARSE when the text is not one JSON object (err: line:column); TR_E_INVALID when a
 * field has the wrong type, a text is longer than its _MAX or the text size is not a finite
 * number above 0 (err names the first such field, which is left unset); TR_E_TOOBIG over
 * TR_SETTINGS_FILE_MAX bytes. */
tr_status tr_settings_parse(const char *text, size_t len, tr_settings *out, tr_error *err);

/* Reads data_dir/settings.json as tr_settings_parse does. TR_E_NOTFOUND (out zeroed) when
 * there is none yet: the first run. TR_E_IO when it cannot be read. */
tr_status tr_settings_load(const char *data_dir, tr_settings *out, tr_error *err);

/* Writes s to data_dir/settings.json (the folder made private first; the file written under a
 * new name, 0600, and renamed over the old one). Returns TR_OK, TR_E_INVALID for a language
 * or theme that is empty, too long or holds a character other than a-z, 0-9, '_' and '-', or a
 * text size that is not finite and above 0, or TR_E_IO. */
tr_status tr_settings_save(const char *data_dir, const tr_settings *s, tr_error *err);

#endif
