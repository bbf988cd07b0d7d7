/* tu_bench: `trinn --benchmark`: prints the DESIGN.md front-end budgets as measured. */
#ifndef TU_BENCH_H
#define TU_BENCH_H

#include "tu_app.h"

/* Measures on app (already initialised): start to first presented frame, CPU per frame on
 * the busiest screen, peak RSS, CPU over 5 idle seconds. Prints to stdout; returns 0. */
int tu_bench_run(tu_app *app);

#endif
