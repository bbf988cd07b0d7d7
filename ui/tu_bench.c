/* tu_bench: front-end figures; see tu_bench.h. */
#include "tu_bench.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "tp_clock.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int tu_bench_run(tu_app *app)
{
    tu_app_frame(app);
    printf("window %dx%d, software renderer\n", app->out_w, app->out_h);
    printf("start to first presented frame: %lld ms\n", (long long)app->first_frame_ms);

    /* The busiest screen shipped: the most widgets and text. */
    tu_screen busiest = TU_SCR_WELCOME;
    tu_app_go(app, busiest);
    tu_app_frame(app);
    tu_app_frame(app);
    const int n = 200;
    double c0 = cpu_ms();
    int64_t w0 = tp_clock_mono_ms();
    for (int i = 0; i < n; i++) {
        app->ui.mouse_x = (i * 37) % app->out_w; /* move the pointer so hover changes */
        app->ui.mouse_y = (i * 53) % app->out_h;
        app->force_redraw = 1; /* measure drawing, not the unchanged-frame skip */
        tu_app_frame(app);
    }
    double per = (cpu_ms() - c0) / n;
    printf("CPU per frame, screen %s: %.3f ms (%d frames, %.3f ms wall each)\n",
           tu_screen_name(busiest), per, n, (double)(tp_clock_mono_ms() - w0) / n);

    /* Idle: the real loop's wait with no input for 5 s. */
    int frames_before = app->frames;
    double i0 = cpu_ms();
    int64_t until = tp_clock_mono_ms() + 5000;
    for (int64_t now; (now = tp_clock_mono_ms()) < until;) {
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, (int)(until - now)) && e.type != SDL_WINDOWEVENT)
            tu_app_frame(app);
    }
    printf("CPU over 5 idle seconds: %.1f ms (%d frames drawn; video driver %s)\n", cpu_ms() - i0,
           app->frames - frames_before, SDL_GetCurrentVideoDriver());

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory (max RSS): %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
