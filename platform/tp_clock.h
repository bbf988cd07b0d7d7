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

/* The one rule for every date Trinn reads (record times, dates typed into a module's fields,
 * review dates in the content): "YYYY-MM-DD", four, two and two digits, a real day of the
 * Gregorian calendar, in the years TP_CLOCK_MIN_YEAR to 9999. */
#define TP_CLOCK_MIN_YEAR 1900

/* Parses a date by the rule above and nothing after it. Returns 0 and, when out is not NULL,
 * its midnight UTC in Unix seconds; -EINVAL for anything else. */
int tp_clock_parse_date(const char *s, int64_t *out);

/* Parses a time of day "HH:MM" (two and two digits, 00:00 to 23:59). Returns 0 and, when out
 * is not NULL, minutes after midnight; -EINVAL for anything else. */
int tp_clock_parse_hhmm(const char *s, int *out);

/* Parses a date as tp_clock_parse_date, or "YYYY-MM-DDTHH:MM[:SS]" with optional "Z" or
 * "+HH:MM"/"-HH:MM" offset. Returns 0 and *out (UTC seconds) or -EINVAL for anything else. */
int tp_clock_parse(const char *s, int64_t *out);

#endif
