/* tu_speech: the voices (speech-dispatcher through dlopen, and the recorder); see
 * tu_speech.h. */
#include "tu_speech.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The part of libspeechd's API used here (libspeechd.h, speech-dispatcher 0.8 and later; the
 * values are its ABI): declared here so neither the build nor the package needs it. */
typedef struct SPDConnection SPDConnection;
enum { SPD_MODE_SINGLE = 0 };
enum { SPD_IMPORTANT = 1, SPD_MESSAGE = 2, SPD_TEXT = 3 };
typedef SPDConnection *(*spd_open_fn)(const char *, const char *, const char *, int);
typedef int (*spd_say_fn)(SPDConnection *, int, const char *);
typedef int (*spd_conn_fn)(SPDConnection *);
typedef int (*spd_lang_fn)(SPDConnection *, const char *);
typedef void (*spd_close_fn)(SPDConnection *);

struct tu_speech {
    /* speech-dispatcher */
    void *lib;
    SPDConnection *conn;
    spd_say_fn say;
    spd_conn_fn cancel;
    spd_lang_fn lang;
    spd_close_fn close;
    char cur_lang[8];
    /* the recorder */
    char **said;
    size_t n_said, cap_said;
};

const char *tu_speech_voice(const char *ui_lang)
{
    if (!ui_lang)
        return "nb";
    return strcmp(ui_lang, "nn") == 0 ? "nb" : ui_lang;
}

tu_speech *tu_speech_open_speechd(const char *client, char *msg, size_t size)
{
    tu_speech *sp = calloc(1, sizeof *sp);
    if (!sp) {
        snprintf(msg, size, "out of memory");
        return NULL;
    }
    /* SDL's loader: dlopen(RTLD_NOW | RTLD_LOCAL) on Linux, LoadLibrary on Windows (where
     * there is no speech-dispatcher, so reading aloud is simply not offered) */
    sp->lib = SDL_LoadObject("libspeechd.so.2");
    if (!sp->lib) {
        snprintf(msg, size, "speech-dispatcher's library (libspeechd.so.2) is not installed");
        goto fail;
    }
    /* the loader returns void *; the ISO C way to a function pointer is through memcpy */
    void *f[6] = {
        SDL_LoadFunction(sp->lib, "spd_open"),   SDL_LoadFunction(sp->lib, "spd_say"),
        SDL_LoadFunction(sp->lib, "spd_cancel"), SDL_LoadFunction(sp->lib, "spd_set_language"),
        SDL_LoadFunction(sp->lib, "spd_close"),  NULL};
    for (int i = 0; i < 5; i++)
        if (!f[i]) {
            snprintf(msg, size, "libspeechd.so.2 lacks the functions Trinn uses");
            goto fail;
        }
    spd_open_fn open;
    memcpy(&open, &f[0], sizeof open);
    memcpy(&sp->say, &f[1], sizeof sp->say);
    memcpy(&sp->cancel, &f[2], sizeof sp->cancel);
    memcpy(&sp->lang, &f[3], sizeof sp->lang);
    memcpy(&sp->close, &f[4], sizeof sp->close);
    sp->conn = open(client, "main", NULL, SPD_MODE_SINGLE);
    if (!sp->conn) {
        snprintf(msg, size, "speech-dispatcher did not answer (is it installed?)");
        goto fail;
    }
    return sp;
fail:
    tu_speech_close(sp);
    return NULL;
}

tu_speech *tu_speech_open_recorder(void)
{
    return calloc(1, sizeof(tu_speech));
}

int tu_speech_say(tu_speech *sp, const char *lang, const char *text, int queue)
{
    if (!sp || !text || !text[0])
        return -1;
    if (!sp->conn) { /* the recorder */
        if (sp->n_said == sp->cap_said) {
            size_t cap = sp->cap_said ? sp->cap_said * 2 : 64;
            char **p = realloc(sp->said, cap * sizeof *p);
            if (!p)
                return -1;
            sp->said = p;
            sp->cap_said = cap;
        }
        size_t n = strlen(lang) + strlen(text) + 3;
        char *line = malloc(n);
        if (!line)
            return -1;
        snprintf(line, n, "%s: %s", lang, text);
        sp->said[sp->n_said++] = line;
        return 0;
    }
    if (!queue)
        sp->cancel(sp->conn);
    if (strcmp(sp->cur_lang, lang) != 0 && sp->lang(sp->conn, lang) == 0)
        snprintf(sp->cur_lang, sizeof sp->cur_lang, "%s", lang);
    return sp->say(sp->conn, SPD_TEXT, text) >= 0 ? 0 : -1;
}

const char *tu_speech_said(const tu_speech *sp, size_t i)
{
    return sp && i < sp->n_said ? sp->said[i] : NULL;
}

void tu_speech_close(tu_speech *sp)
{
    if (!sp)
        return;
    if (sp->conn)
        sp->close(sp->conn);
    if (sp->lib)
        SDL_UnloadObject(sp->lib);
    for (size_t i = 0; i < sp->n_said; i++)
        free(sp->said[i]);
    free(sp->said);
    free(sp);
}
