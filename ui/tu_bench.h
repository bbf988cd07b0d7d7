/* tu_bench: `trinn --benchmark`: prints the DESIGN.md front-end budgets as measured, and the
 * two-year history the front-end benchmarks draw (also used by tests/ui/bench_tu_*.c). */
#ifndef TU_BENCH_H
#define TU_BENCH_H

#include <stddef.h>

#include "tu_app.h"

/* Receives one record (RECORDS.md JSON text, len bytes, NUL-terminated). Non-zero stops. */
typedef int (*tu_bench_record_fn)(void *user, const char *json, size_t len);

/* Two years of one client's records, oldest first, ending now: a daily check-in, PHQ-9 and
 * GAD-7 weekly, an exposure try every third day, and each day's activity diary saved again
 * and again as it was typed (as the module screens do), topped up with module_progress
 * records to exactly n (n >= 2000 gives every day its diary). Calls fn for each record;
 * returns fn's first non-zero result, or 0. Benchmark input only: never shown to a client. */
int tu_bench_history(size_t n, tu_bench_record_fn fn, void *user);

/* Measures on app (initialised headless, no profile open): start to first presented frame;
 * CPU per frame (build and draw separately) on the welcome screen and, with a two-year
 * history in memory, on the busiest screens (welcome with reminder, module list, a module,
 * the activity-diary list of 730 days, one diary day, the charts); peak RSS; CPU over 5 idle
 * seconds. Prints to stdout; returns 0, or 1 when the history could not be built. */
int tu_bench_run(tu_app *app);

#endif
