/* Benchmark: the charts screen over a long journal. Two years of daily check-ins, weekly PHQ-9
 * and GAD-7, a daily activity diary and exposure tries, with every diary day saved many times
 * as it was typed: 20,000 records as JSON text, as the journal hands them over. Prints the
 * time to parse them into the profile's records, to feed the tracker, and to lay out and
 * build the draw commands of the charts screen (pixels are not drawn: no window).
 * DESIGN.md budget: open a journal of 20,000 records and build every chart <= 100 ms (after
 * key derivation). Also prints one frame of the module list, which works out every module's
 * progress from all records. Usage: bench_tu_progress [CONTENT_DIR] (default $TRINN_CONTENT). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_path.h"
#include "tu_app.h"
#include "tu_bench.h"

#define N_RECORDS 20000

static void measure(void *user, tu_font font, int size, int wrap, const char *text, int *w, int *h)
{
    (void)user, (void)font;
    int total = (int)strlen(text) * size / 2;
    if (wrap <= 0 || total <= wrap) {
        *w = total;
        *h = size * 5 / 4;
        return;
    }
    *w = wrap;
    *h = size * 5 / 4 * ((total + wrap - 1) / wrap);
}

static double now_ms(void)
{
    return (double)tp_clock_mono_ms();
}

typedef struct text_list {
    char **v;
    size_t n;
} text_list;

static int keep(void *user, const char *json, size_t len)
{
    (void)len;
    text_list *t = user;
    return (t->v[t->n] = strdup(json)) ? (t->n++, 0) : -1;
}

/* The records as text, oldest first (tu_bench_history: the history trinn --benchmark uses). */
static char **make_records(size_t *n)
{
    text_list t = {calloc(N_RECORDS, sizeof(char *)), 0};
    if (!t.v || tu_bench_history(N_RECORDS, keep, &t) != 0) {
        fprintf(stderr, "bench_tu_progress: out of memory\n");
        exit(1);
    }
    *n = t.n;
    return t.v;
}

int main(int argc, char **argv)
{
    const char *content = argc > 1 ? argv[1] : getenv("TRINN_CONTENT");
    static tu_app app;
    tr_diags diags = {0};
    tr_error err = {0};
    if (!content) {
        fprintf(stderr, "usage: bench_tu_progress CONTENT_DIR (or set TRINN_CONTENT)\n");
        return 2;
    }
    snprintf(app.content_dir, sizeof app.content_dir, "%s", content);
    if (tr_bundle_load(&(tr_bundle_desc){.dir = content}, &app.bundle, &diags, &err) != TR_OK) {
        fprintf(stderr, "bench_tu_progress: %s\n", err.msg);
        return 1;
    }
    tr_diags_free(&diags);
    app.pack = app.bundle->pack;
    tu_lang_use_pack(&app.lang, app.pack);
    app.mods.cur = app.mods.step = -1;
    tu_init(&app.ui, measure, NULL);
    tu_theme_style(&app.ui.style, TU_THEME_STANDARD, 1.0f);

    size_t n = 0;
    char **texts = make_records(&n);
    tu_mods_find(&app, ""); /* the modules are read once when the app starts, not per journal */
    double t0 = now_ms();
    for (size_t i = 0; i < n; i++) {
        cJSON *rec = cJSON_Parse(texts[i]);
        if (tu_records_append(&app.records, rec, &err) != 0) {
            fprintf(stderr, "bench_tu_progress: record %zu: %s\n", i, err.msg);
            return 1;
        }
    }
    double t1 = now_ms();
    tu_trk_update(&app);
    double t2 = now_ms();
    tu_begin(&app.ui, 1080, 1920, 0);
    tu_column(&app.ui, 40, 0, 1000);
    tu_progress_body(&app);
    tu_end(&app.ui);
    double t3 = now_ms();
    /* a second frame: what every redraw of the screen costs */
    tu_begin(&app.ui, 1080, 1920, 0);
    tu_column(&app.ui, 40, 0, 1000);
    tu_progress_body(&app);
    tu_end(&app.ui);
    double t4 = now_ms();
    /* the module list works out every module's progress from the records on each frame */
    tu_begin(&app.ui, 1080, 1920, 0);
    tu_column(&app.ui, 40, 0, 1000);
    tu_modules_body(&app);
    tu_end(&app.ui);
    double t5 = now_ms();
    tu_begin(&app.ui, 1080, 1920, 0);
    tu_column(&app.ui, 40, 0, 1000);
    tu_modules_body(&app);
    tu_end(&app.ui);
    double t6 = now_ms();
    printf("records: %zu (%d series)\n", n, (int)tr_track_series_count(app.trk.t));
    printf("parse into the profile's records: %.1f ms\n", t1 - t0);
    printf("feed the tracker: %.1f ms\n", t2 - t1);
    printf("charts screen, first frame (series, outcome, layout, commands): %.1f ms\n", t3 - t2);
    printf("charts screen, next frame: %.1f ms\n", t4 - t3);
    printf("module list, first frame (progress of %zu modules): %.1f ms\n", app.mods.n, t5 - t4);
    printf("module list, next frame: %.1f ms\n", t6 - t5);
    printf("total from records to the first frame: %.1f ms (budget 100 ms)\n", t3 - t0);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    tu_trk_free(&app.trk);
    tu_mods_free(&app.mods);
    tu_records_free(&app.records);
    tu_lang_free(&app.lang);
    tr_bundle_free(app.bundle);
    tu_free(&app.ui);
    return 0;
}
