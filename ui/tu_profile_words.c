/* tu_profile_words: the common words the passphrase strength hint counts as known. See
 * tu_profile_ui.h and tr_words.h. */
#include "tu_app.h"

#include <stdio.h>

void tu_profile_words_load(tu_app *app)
{
    tr_diags diags = {0};
    tr_error err = {0};
    tr_words_free(app->prof.words);
    app->prof.words = NULL;
    if (tr_words_load(app->content_dir, &app->prof.words, &diags, &err) != TR_OK) {
        char first[300] = "";
        if (diags.count > 0)
            tr_diag_format(&diags.items[0], first, sizeof first);
        fprintf(stderr,
                "trinn: common words: %s%s%s; the passphrase hint uses zxcvbn's own words "
                "only (trinnctl check lists every problem)\n",
                err.msg, first[0] ? "; " : "", first);
    }
    tr_diags_free(&diags);
}

void tu_profile_words_free(tu_app *app)
{
    tr_words_free(app->prof.words);
    app->prof.words = NULL;
}
