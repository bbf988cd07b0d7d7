/* tu_speech: self-voicing, for kiosks with headphones and anyone who wants the screen read
 * aloud without a screen reader of their own.
 *
 * Two voices behind one interface: speech-dispatcher (libspeechd, loaded at run time with
 * dlopen, so the app needs neither it nor its headers to build or to run), and a recorder that
 * only writes down what would have been said ("<voice language>: <text>"), which the script
 * driver uses in tests. The screens decide nothing: tu_speech_frame reads the widget records
 * of each frame and says what a new view shows, where the keyboard focus moved, and a new error
 * message. A view that asks about suicide or self-harm (a critical item such as PHQ-9 item 9,
 * the follow-ups asked because of one) or shows such answers (a result with a risk) is never
 * read aloud until headphones are confirmed in Settings; a short notice says so instead.
 *
 * The setting is global (settings.json "speech", "headphones"), so it works before any profile
 * is unlocked. espeak-ng, speech-dispatcher's usual synthesiser, has a bokmål voice and no
 * nynorsk one: nynorsk text is read with the bokmål voice (tu_speech_voice). */
#ifndef TU_SPEECH_H
#define TU_SPEECH_H

#include <stddef.h>
#include <stdint.h>

typedef struct tu_speech tu_speech;

/* The voice language for a user-interface language: "nn" -> "nb" (no nynorsk voice), else the
 * same. Never NULL. */
const char *tu_speech_voice(const char *ui_lang);

/* Opens speech-dispatcher through dlopen("libspeechd.so.2"). Returns the voice (caller closes
 * it with tu_speech_close), or NULL with msg saying why (not installed, no server). */
tu_speech *tu_speech_open_speechd(const char *client, char *msg, size_t size);
/* A recorder: says nothing, keeps each utterance. NULL only when out of memory. */
tu_speech *tu_speech_open_recorder(void);

/* Stops what is being said and says text in voice language lang ("nb", "en"); queue = 1 adds
 * it after what is being said instead. Returns 0, or -1 when the voice refused it. */
int tu_speech_say(tu_speech *sp, const char *lang, const char *text, int queue);
/* The recorder's utterances so far, oldest first ("nb: Hvor gammel er du?"); NULL past the end
 * or for speech-dispatcher. */
const char *tu_speech_said(const tu_speech *sp, size_t i);
/* Closes the voice (NULL is fine). */
void tu_speech_close(tu_speech *sp);

/* What the app keeps about self-voicing (in tu_app: app->speech). */
typedef struct tu_speech_state {
    int on;           /* Settings: read the screen aloud */
    int headphones;   /* Settings: headphones confirmed (private views are read too) */
    int record;       /* the recorder instead of speech-dispatcher (the script driver's tests) */
    tu_speech *voice; /* open while on; NULL when off or when it failed (msg) */
    int failed;       /* opening failed: Settings says so (settings.speech.missing) */
    uint64_t view;    /* the view last read */
    uint32_t focus;   /* the widget last read for the keyboard focus */
    uint32_t alert;   /* a hash of the error messages last read */
    int ready;        /* the first frame after turning on reads the whole view */
} tu_speech_state;

struct tu_app;

/* Reads the frame aloud as far as it is new (see above); opens or closes the voice as the
 * setting says. Call after each frame's tu_end. Never fails: a voice that refuses is quiet. */
void tu_speech_frame(struct tu_app *app);
/* 1 when the current view asks about or shows suicide or self-harm answers (see above). */
int tu_speech_private_view(const struct tu_app *app);
/* The Settings section: read aloud on/off, headphones (asks first), what nynorsk users hear. */
void tu_speech_settings(struct tu_app *app);
/* Closes the voice. */
void tu_speech_end(tu_speech_state *s);

#endif
