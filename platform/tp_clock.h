/* tp_clock: wall-clock time and ISO 8601 (UTC) text. A seam tests can replace by passing
 * their own times to the core; the core never reads the clock except through here. */
#ifndef TP_CLOCK_H
#define TP_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Seconds since the Unix epoch, UTC. */
int64_t tp_clock_now(void);

/* Monotonic milliseconds, for timeouts and benchmarks (not wall time). */
int64_t tp_clock_mono_ms(void);

/* Formats t as "2026-11-26T23:54:59Z" into buf (at least 21 bytes). Returns 0 or -ERANGE. */
int tp_clock_format(int64_t t, char *buf, size_t size);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with optional "Z" or "+HH:MM"/"-HH:MM" offset.
 * Returns 0 and *out (UTC seconds) or -EINVAL for anything else (including impossible dates). */
int tp_clock_parse(const char *s, int64_t *out);

#endif
