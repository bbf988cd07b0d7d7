/* tp_proc: the Linux implementation of tp_proc.h (clock_gettime, /proc/self, getrusage). */
#include "tp_proc.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

double tp_proc_cpu_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return -1;
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double rss_mb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : (double)resident * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* The resident kB of /proc/self/status line `name` (e.g. "RssAnon:") in MB, or -1. */
static double status_mb(const char *name)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && kb < 0 && fgets(line, sizeof line, f))
        if (strncmp(line, name, strlen(name)) == 0 && sscanf(line + strlen(name), "%ld", &kb) != 1)
            kb = -1;
    if (f)
        fclose(f);
    return kb < 0 ? -1 : (double)kb / 1024.0;
}

void tp_proc_memory(tp_proc_mem *out)
{
    struct rusage ru;
    out->resident = rss_mb();
    out->peak = getrusage(RUSAGE_SELF, &ru) == 0 ? (double)ru.ru_maxrss / 1024.0 : -1;
    out->anon = status_mb("RssAnon:");
    out->file = status_mb("RssFile:");
    out->shared = status_mb("RssShmem:");
}
