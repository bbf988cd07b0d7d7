/* tp_clock: the Win32 clock for platform/tp_clock.h (the calendar arithmetic is shared in
 * platform/tp_clock.c). */
#include "tp_clock.h"

#include <windows.h>

int64_t tp_clock_now(void)
{
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    uint64_t t = ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime; /* 100 ns since 1601 */
    return (int64_t)(t / 10000000u) - INT64_C(11644473600);
}

int64_t tp_clock_mono_ms(void)
{
    return (int64_t)GetTickCount64();
}
