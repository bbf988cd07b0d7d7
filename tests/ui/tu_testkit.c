/* tu_testkit: a windowless tu_app for unit tests; see tu_testkit.h. */
#include "tu_testkit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"

void tu_testkit_measure(void *user, tu_font font, int size, int wrap, const char *text, int *w,
                        int *h)
{
    (void)user, (void)font, (void)size;
    int total = (int)strlen(text) * 9;
    *w = wrap > 0 && total > wrap ? wrap : total;
    *h = 20 * (wrap > 0 && total > wrap ? (total + wrap - 1) / wrap : 1);
}

int tu_testkit_open(tu_app *app, int lang, char *msg, size_t size)
{
    tr_diags diags = {0};
    tr_error err = {0};
    memset(app, 0, sizeof *app);
    const char *content = getenv("TRINN_CONTENT");
    if (!content) {
        snprintf(msg, size, "TRINN_CONTENT is not set");
        return -1;
    }
    snprintf(app->content_dir, sizeof app->content_dir, "%s", content);
    if (tr_bundle_load(&(tr_bundle_desc){.dir = content}, &app->bundle, &diags, &err) != TR_OK) {
        snprintf(msg, size, "%s: %s", content, err.msg);
        tr_diags_free(&diags);
        tu_testkit_close(app);
        return -1;
    }
    tr_diags_free(&diags);
    app->pack = app->bundle->pack;
    tu_lang_use_pack(&app->lang, app->pack);
    app->lang.cur = lang;
    app->mods.cur = app->mods.step = -1;
    tu_init(&app->ui, tu_testkit_measure, NULL);
    tu_theme_style(&app->ui.style, TU_THEME_STANDARD, 1.0f);
    return 0;
}

void tu_testkit_close(tu_app *app)
{
    tu_res_free(&app->res);
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    tu_trk_free(&app->trk);
    tu_mods_free(&app->mods);
    tu_records_free(&app->records);
    tu_lang_free(&app->lang);
    tr_bundle_free(app->bundle);
    app->bundle = NULL;
    app->pack = NULL;
    tu_free(&app->ui);
}
