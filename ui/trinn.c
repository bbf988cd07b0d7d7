/* trinn: the desktop and kiosk front end. Parses options and runs the app, a script or the
 * benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_term.h"
#include "tp_harden.h"
#include "tr_json.h"
#include "tu_app.h"
#include "tu_bench.h"
#include "tu_script.h"

static void usage(FILE *f)
{
    fputs("usage: trinn [--size WxH] [--lang nb|nn|en] [--theme standard|contrast|large]\n"
          "             [--text-size 1|1.5|2] [--data-dir DIR] [--content DIR] [--kdf-cost "
          "default|test]\n"
          "             [--script FILE | --benchmark] [FILE.trinn-oppdrag]\n"
          "  --content DIR  the content pack (else $TRINN_CONTENT, else the installed one)\n"
          "  --script FILE  replay the JSON steps in FILE (headless unless SDL_VIDEODRIVER names\n"
          "                 a window system, e.g. wayland under cage)\n"
          "  --kdf-cost test  cheapest key derivation for NEW profiles (test builds only: weak)\n"
          "  FILE           an assignment from the therapist to take in (what a double-click on\n"
          "                 a .trinn-oppdrag runs)\n"
          "  --benchmark    print start-up time, CPU per frame, peak memory and idle CPU\n"
          "                 (headless; with SDL_VIDEODRIVER=x11 or wayland in a real window)\n",
          f);
}

int main(int argc, char **argv)
{
    int64_t t0 = tp_clock_mono_ms();
    if (tp_term_init(&argc, &argv) != 0) {
        fputs("trinn: out of memory\n", stderr);
        return 1;
    }
    /* Records are decrypted here: no core dumps, no ptrace by others, wiped cJSON memory. */
    int hard = tp_harden_process();
    if (hard != 0)
        fprintf(stderr, "trinn: warning: could not turn off core dumps (%s)\n", strerror(-hard));
    tr_json_wipe_on_free();
    tu_app_desc desc = {0};
    const char *script = NULL;
    int bench = 0;
    const char *open_file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--benchmark") == 0) {
            bench = 1;
        } else if (a[0] != '-' && !open_file) {
            open_file = a; /* a file to open, as the desktop's Exec=trinn %f passes it */
        } else if (!v) {
            fprintf(stderr, "trinn: %s needs a value\n", a);
            usage(stderr);
            return 2;
        } else if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &desc.width, &desc.height) != 2 || desc.width < 320 ||
                desc.height < 240 || desc.width > 8192 || desc.height > 8192) {
                fprintf(stderr, "trinn: --size %s: expected WxH such as 1280x800\n", v);
                return 2;
            }
            i++;
        } else if (strcmp(a, "--lang") == 0) {
            desc.lang = v, i++;
        } else if (strcmp(a, "--theme") == 0) {
            desc.theme = v, i++;
        } else if (strcmp(a, "--text-size") == 0) {
            desc.text_size = v, i++;
        } else if (strcmp(a, "--data-dir") == 0) {
            desc.data_dir = v, i++;
        } else if (strcmp(a, "--content") == 0) {
            desc.content = v, i++;
        } else if (strcmp(a, "--kdf-cost") == 0) {
            desc.kdf_cost = v, i++;
        } else if (strcmp(a, "--script") == 0) {
            script = v, i++;
        } else {
            fprintf(stderr, "trinn: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    /* Scripts and the benchmark run headless, unless SDL_VIDEODRIVER names a real window
     * system: then they drive a real window (the benchmark under Xvfb, a kiosk script under
     * headless cage: tests/deploy/test_cage_headless.sh). */
    const char *driver = getenv("SDL_VIDEODRIVER");
    if ((script || bench) && (!driver || strcmp(driver, "dummy") == 0)) {
        SDL_setenv("SDL_VIDEODRIVER", "dummy", 0);
        desc.headless = 1;
    }
    static tu_app app;
    char msg[1024];
    if (tu_app_init(&app, &desc, msg, sizeof msg) != 0) {
        fprintf(stderr, "trinn: %s\n", msg);
        return 1;
    }
    app.start_ms = t0;
    if (open_file)
        tu_app_drop(&app, open_file);
    int rc;
    if (bench)
        rc = tu_bench_run(&app);
    else if (script)
        rc = tu_script_run(&app, script);
    else
        rc = tu_app_run(&app);
    tu_app_shutdown(&app);
    return rc;
}
