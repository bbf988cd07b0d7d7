/* tu_profile_words: the common words the passphrase strength hint counts as known, and the
 * passphrase maker's words. See tu_profile_ui.h, tr_words.h and tr_passgen.h. */
#include "tu_app.h"

#include <stdio.h>

static void report(const char *what, const char *then, const tr_error *err, const tr_diags *d)
{
    char first[300] = "";
    if (d->count > 0)
        tr_diag_format(&d->items[0], first, sizeof first);
    fprintf(stderr, "trinn: %s: %s%s%s; %s (trinnctl check lists every problem)\n", what, err->msg,
            first[0] ? "; " : "", first, then);
}

void tu_profile_words_load(tu_app *app)
{
    tr_diags diags = {0};
    tr_error err = {0};
    tu_profile_words_free(app);
    if (tr_words_load(app->content_dir, &app->prof.words, &diags, &err) != TR_OK)
        report("common words", "the passphrase hint uses zxcvbn's own words only", &err, &diags);
    tr_diags_free(&diags);
    static const char *const langs[2] = {"nb", "nn"};
    for (int i = 0; i < 2; i++) {
        tr_diags d = {0};
        tr_error e = {0};
        if (tr_passgen_load(app->content_dir, langs[i], &app->prof.makers[i], &d, &e) != TR_OK)
            report(tr_passgen_file(langs[i]), "Trinn does not offer to make a passphrase", &e, &d);
        tr_diags_free(&d);
    }
}

void tu_profile_words_free(tu_app *app)
{
    tr_words_free(app->prof.words);
    app->prof.words = NULL;
    for (int i = 0; i < 2; i++) {
        tr_words_free(app->prof.makers[i]);
        app->prof.makers[i] = NULL;
    }
}
