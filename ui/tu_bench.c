/* tu_bench: front-end figures; see tu_bench.h. */
#include "tu_bench.h"

#include <stdio.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_proc.h"
#include "tp_secmem.h"
#include "tu_mod_priv.h"
#include "tr_records_read.h"

#define HISTORY_DAYS    730
#define HISTORY_RECORDS 20000

int tu_bench_history(size_t n, tu_bench_record_fn fn, void *user)
{
    char ts[32], date[16], buf[1024];
    int64_t start = tp_clock_now() - HISTORY_DAYS * 86400LL;
    size_t k = 0;
    int len, rc;
#define EMIT()                                                                                     \
    do {                                                                                           \
        if (k >= n)                                                                                \
            return 0;                                                                              \
        if ((rc = fn(user, buf, (size_t)len)) != 0)                                                \
            return rc;                                                                             \
        k++;                                                                                       \
    } while (0)
    /* the diary saves per day that fill n after the other records (1.5 a day) */
    int saves = n > HISTORY_DAYS * 3 / 2 ? (int)((n - HISTORY_DAYS * 3 / 2) / HISTORY_DAYS) : 0;
    for (int d = 0; d < HISTORY_DAYS; d++) {
        tp_clock_format(start + d * 86400LL, ts, sizeof ts);
        snprintf(date, sizeof date, "%.10s", ts);
        len = snprintf(buf, sizeof buf,
                       "{\"type\":\"checkin\",\"ts\":\"%s\",\"mood\":%d,\"sleep_hours\":%.1f,"
                       "\"note\":\"a line about the day\"}",
                       ts, 3 + d % 6, 5.5 + (d % 5) * 0.5);
        EMIT();
        if (d % 7 == 0) {
            len = snprintf(buf, sizeof buf,
                           "{\"type\":\"measure\",\"ts\":\"%s\",\"instrument\":\"phq9\","
                           "\"total\":%d,\"scorable\":true}",
                           ts, 20 - (d / 7) % 15);
            EMIT();
            len = snprintf(buf, sizeof buf,
                           "{\"type\":\"measure\",\"ts\":\"%s\",\"instrument\":\"gad7\","
                           "\"total\":%d,\"scorable\":true}",
                           ts, 16 - (d / 7) % 12);
            EMIT();
        }
        if (d % 3 == 0) {
            len = snprintf(buf, sizeof buf,
                           "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":\"exposure\","
                           "\"step\":\"tries\",\"entry\":\"x%d\",\"op\":\"save\",\"values\":{"
                           "\"rung\":\"Taking the bus\",\"date\":\"%s\",\"before\":%d,"
                           "\"peak\":%d,\"after\":%d}}",
                           ts, d, date, 60 - d % 20, 80 - d % 30, 30 - d % 20);
            EMIT();
        }
        for (int s = 0; s < saves; s++) {
            len = snprintf(
                buf, sizeof buf,
                "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":\"behavioural_activation\","
                "\"step\":\"diary\",\"entry\":\"d%d\",\"op\":\"save\",\"values\":{\"date\":"
                "\"%s\",\"activities\":[{\"time\":\"09:00\",\"activity\":\"Walk\",\"mood\":%d,"
                "\"mastery\":%d,\"pleasure\":%d},{\"time\":\"14:00\",\"activity\":\"Called a "
                "friend\",\"mood\":%d,\"mastery\":4,\"pleasure\":6}],\"day_mood\":%d}}",
                ts, d, date, 3 + d % 5, 2 + d % 6, 4 + d % 4, 5 + d % 4, 4 + d % 5);
            EMIT();
        }
    }
    tp_clock_format(tp_clock_now(), ts, sizeof ts);
    len = snprintf(buf, sizeof buf,
                   "{\"type\":\"module_progress\",\"ts\":\"%s\",\"module\":\"exposure\","
                   "\"step\":\"tries\",\"status\":\"started\"}",
                   ts);
    while (k < n)
        EMIT();
#undef EMIT
    return 0;
}

static double cpu_ms(void)
{
    return tp_proc_cpu_ms();
}

static double rss_mb(void)
{
    tp_proc_mem m;
    tp_proc_memory(&m);
    return m.resident;
}

/* CPU per frame on the current screen: a full frame (everything built and drawn, the pointer
 * moving so hover changes), a pointer frame (the pointer moving over the screen as a person
 * moves the mouse: built, then only what changed drawn, or nothing when nothing changed) and
 * a built-only frame (nothing changed, so nothing is drawn). */
static void measure_screen(tu_app *app, const char *what)
{
    const int n = 100;
    tu_app_frame(app);
    tu_app_frame(app);
    double c0 = cpu_ms();
    for (int i = 0; i < n; i++) {
        app->ui.mouse_x = (i * 37) % app->out_w;
        app->ui.mouse_y = (i * 53) % app->out_h;
        app->force_redraw = 1; /* measure drawing everything, not the unchanged-frame skip */
        tu_app_frame(app);
    }
    double full = (cpu_ms() - c0) / n;
    int drawn = app->frames;
    c0 = cpu_ms();
    for (int i = 0; i < n; i++) { /* a sweep down the middle, 8 px per frame */
        app->ui.mouse_x = app->out_w / 2 + (i % 10) * 3;
        app->ui.mouse_y = (i * 8) % app->out_h;
        tu_app_frame(app);
    }
    double pointer = (cpu_ms() - c0) / n;
    drawn = app->frames - drawn;
    app->ui.mouse_x = app->ui.mouse_y = -1;
    tu_app_frame(app);
    int skipped = app->skipped;
    c0 = cpu_ms();
    for (int i = 0; i < n; i++)
        tu_app_frame(app);
    double build = (cpu_ms() - c0) / n;
    printf("  %-32s %6.3f ms (build %.3f + draw %.3f); pointer moving %.3f ms (%d of %d "
           "drawn%s); %zu commands%s\n",
           what, full, build, full - build, pointer, drawn, n,
           app->partial ? ", only what changed" : "", app->ui.n_cmds,
           app->skipped - skipped == n ? "" : "; frames kept changing");
}

/* The history is read as an unlock reads a journal (tu_profile_open_records): every record
 * through tr_records_keep, then attached as the profile's records. */
static int append_record(void *user, const char *json, size_t len)
{
    tr_error err = {0};
    if (tr_records_reader_add_text(user, json, len, &err) != TR_OK) {
        fprintf(stderr, "trinn --benchmark: the history record was refused: %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* Index of module id / its step id in the loaded modules, or -1. */
static int module_index(tu_app *app, const char *id)
{
    if (!tu_mods_find(app, id))
        return -1;
    for (size_t i = 0; i < app->mods.n; i++)
        if (strcmp(app->mods.mods[i]->id, id) == 0)
            return (int)i;
    return -1;
}

static int step_index(const tr_module *m, const char *id)
{
    for (size_t i = 0; i < m->step_count; i++)
        if (strcmp(m->steps[i].id, id) == 0)
            return (int)i;
    return -1;
}

int tu_bench_run(tu_app *app)
{
    tu_app_frame(app);
    SDL_RendererInfo info = {0};
    SDL_GetRendererInfo(app->renderer, &info);
    printf("window %dx%d, renderer %s, video driver %s\n", app->out_w, app->out_h,
           info.name ? info.name : "?", SDL_GetCurrentVideoDriver());
    printf("start to first presented frame: %lld ms\n", (long long)app->first_frame_ms);
    printf("resident memory after the first frame: %.1f MB\n", rss_mb());

    printf("CPU per frame, mean of 100 (full: built and everything drawn):\n");
    tu_app_go(app, TU_SCR_WELCOME);
    measure_screen(app, "welcome, no profile data");

    double c0 = cpu_ms();
    tr_records_reader hist;
    tr_error err = {0};
    if (tr_records_reader_begin(&hist, &err) != TR_OK)
        return 1;
    int read = tu_bench_history(HISTORY_RECORDS, append_record, &hist) == 0;
    cJSON *records = tr_records_reader_end(&hist, read);
    if (!read)
        return 1;
    tu_records_attach(&app->records, NULL, NULL, records);
    double c1 = cpu_ms();
    tu_trk_update(app);
    double c2 = cpu_ms();
    printf("two years of history (%d records) read as an unlock does (%zu kept in memory): "
           "parse %.1f ms, tracker %.1f ms, resident memory %.1f MB\n",
           HISTORY_RECORDS, app->records.count, c1 - c0, c2 - c1, rss_mb());
    tp_secmem_stats sm;
    tp_secmem_stats_get(&sm);
    printf("  the kept records' arena: %zu chunks, %.1f MB, %zu of them locked out of swap, "
           "%s core dumps\n",
           sm.chunks, (double)sm.bytes_held / (1024.0 * 1024.0), sm.locked,
           sm.dontdump_applies ? "left out of" : "not left out of");

    tu_app_go(app, TU_SCR_WELCOME);
    measure_screen(app, "welcome, measure due reminder");
    tu_mods_open_list(app);
    measure_screen(app, "module list (progress of each)");
    int ba = module_index(app, "behavioural_activation");
    const tr_module *mod = ba >= 0 ? app->mods.mods[ba] : NULL;
    int diary = mod ? step_index(mod, "diary") : -1;
    if (diary >= 0) {
        tu_mods_open_module(app, mod->id);
        measure_screen(app, "module: activity scheduling");
        app->mods.step = diary;
        app->mods.editing = 0;
        tu_app_go(app, TU_SCR_STEP);
        measure_screen(app, "activity diary of 730 days (30 listed)");
        tu_mod_edit(app, -1);
        app->mods.editing = 1;
        tu_app_go(app, TU_SCR_STEP);
        measure_screen(app, "activity diary, one day open");
        app->mods.cur = app->mods.step = -1;
    } else {
        printf("  (the behavioural_activation module or its diary step is missing)\n");
    }
    tu_app_go(app, TU_SCR_PROGRESS);
    measure_screen(app, "charts, two years");

    /* Idle: the real loop's wait with no input for 5 s. */
    int frames_before = app->frames;
    double i0 = cpu_ms();
    int64_t until = tp_clock_mono_ms() + 5000;
    for (int64_t now; (now = tp_clock_mono_ms()) < until;) {
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, (int)(until - now)) && e.type != SDL_WINDOWEVENT)
            tu_app_frame(app);
    }
    printf("CPU over 5 idle seconds: %.1f ms (%d frames drawn)\n", cpu_ms() - i0,
           app->frames - frames_before);
    tu_text_stats ts = tu_text_query_stats(app->text);
    tp_proc_mem mem;
    tp_proc_memory(&mem);
    printf("text textures kept: %ld (%.1f MB of pixels), %ld rendered in all\n", ts.entries,
           (double)ts.pixels * 4 / 1e6, ts.renders);
    printf("resident memory now: %.1f MB (anonymous %.1f: heap, stacks, the window surface "
           "unless shared; files %.1f: the program and its libraries; shared %.1f: an X11 "
           "window image); peak (max RSS): %.1f MB\n",
           mem.resident, mem.anon, mem.file, mem.shared, mem.peak);
    return 0;
}
