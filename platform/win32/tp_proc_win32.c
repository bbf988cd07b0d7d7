/* tp_proc: the Windows implementation of platform/tp_proc.h (GetProcessTimes,
 * GetProcessMemoryInfo); Windows has no anonymous/file/shared split of the working set. */
#include "tp_proc.h"

#include <windows.h>

#include <psapi.h>

double tp_proc_cpu_ms(void)
{
    FILETIME created, exited, kernel, user;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
        return -1;
    ULONGLONG k = ((ULONGLONG)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime;
    ULONGLONG u = ((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime;
    return (double)(k + u) / 10000.0; /* 100 ns units */
}

void tp_proc_memory(tp_proc_mem *out)
{
    PROCESS_MEMORY_COUNTERS pmc;
    out->resident = out->peak = out->anon = out->file = out->shared = -1;
    if (GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc)) {
        out->resident = (double)pmc.WorkingSetSize / 1048576.0;
        out->peak = (double)pmc.PeakWorkingSetSize / 1048576.0;
    }
}
