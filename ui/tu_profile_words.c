/* tu_profile_words: the common words the passphrase strength hint counts as known, and the
 * passphrase maker's words, borrowed from the loaded pack (tr_bundle). See tu_profile_ui.h,
 * tr_words.h and tr_passgen.h. */
#include "tu_app.h"

#include <stdio.h>

#include "tr_passgen.h"

void tu_profile_words_load(tu_app *app)
{
    /* the bundle checked them; a pack without a list simply has none */
    const tr_bundle *b = app->bundle;
    if (!b)
        return; /* a broken pack: the welcome says so */
    app->prof.words = b->words;
    if (!b->words)
        fprintf(stderr,
                "trinn: common words: %s is not in the pack; the passphrase hint uses "
                "zxcvbn's own words only\n",
                TR_WORDS_FILE);
    for (int i = 0; i < TR_BUNDLE_PASSGEN; i++) {
        app->prof.makers[i] = b->passgen[i];
        if (!b->passgen[i])
            fprintf(stderr,
                    "trinn: %s is not in the pack; Trinn does not offer to make a "
                    "passphrase in that language\n",
                    tr_passgen_file(tr_bundle_passgen_langs[i]));
    }
}

void tu_profile_words_free(tu_app *app)
{
    app->prof.words = NULL; /* the bundle's */
    for (int i = 0; i < TR_BUNDLE_PASSGEN; i++)
        app->prof.makers[i] = NULL;
}
