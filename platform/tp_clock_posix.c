/* tp_clock: the POSIX clock for tp_clock.h (the calendar arithmetic is in tp_clock.c). */
#include "tp_clock.h"

#include <time.h>

int64_t tp_clock_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

int64_t tp_clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
