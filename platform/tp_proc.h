/* tp_proc: what this process uses, for the benchmarks (trinn --benchmark). Figures only:
 * nothing may depend on them. */
#ifndef TP_PROC_H
#define TP_PROC_H

/* Memory of this process in MB; -1 for a figure the system does not give. */
typedef struct tp_proc_mem {
    double resident; /* resident now (Windows: working set) */
    double peak;     /* peak resident (Windows: peak working set) */
    double anon;     /* of resident: anonymous (Linux /proc/self/status RssAnon) */
    double file;     /* file-backed (RssFile) */
    double shared;   /* shared memory, e.g. the X11 window image (RssShmem) */
} tp_proc_mem;

/* CPU time this process has used, user + system, in milliseconds; -1 when unknown. */
double tp_proc_cpu_ms(void);

/* Fills *out; never fails (unknown figures are -1). */
void tp_proc_memory(tp_proc_mem *out);

#endif
