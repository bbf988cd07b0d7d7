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

/* The words people write for days in one language (from the catalogs, never from C): `today`
 * and `yesterday` list alternatives separated by '|' ("i dag|idag"), months[0..11] are the
 * months' names ("januar"). Matching ignores ASCII case and extra spaces. */
typedef struct tp_date_words {
    const char *today, *yesterday;
    const char *months[12];
} tp_date_words;

/* Parses a day as a person writes it: "YYYY-MM-DD"; "5.12.2026", "05.12.26" (20YY), "5.12",
 * "05.12." and "5/12/2026" (day first; without a year, the year of `today`); "5. desember
 * 2026", "5 December" (a month's name, or its first three or more letters); or one of the
 * words for today and yesterday. `today` is the caller's local date as days since 1970-01-01;
 * words may be NULL (then only numbers). Returns 0 and, when out is not NULL, the day's
 * midnight UTC in Unix seconds (as tp_clock_parse_date); -EINVAL for anything else, also for
 * a day that does not exist or a year outside TP_CLOCK_MIN_YEAR-9999. */
int tp_clock_parse_day(const char *s, const tp_date_words *words, int64_t today, int64_t *out);

/* Writes the day of Unix time t (UTC) as "YYYY-MM-DD" into buf (at least 11 bytes). Returns 0
 * or -ERANGE. */
int tp_clock_format_date(int64_t t, char *buf, size_t size);

/* Parses a time of day "HH:MM" (two and two digits, 00:00 to 23:59). Returns 0 and, when out
 * is not NULL, minutes after midnight; -EINVAL for anything else. */
int tp_clock_parse_hhmm(const char *s, int *out);

/* Parses a date as tp_clock_parse_date, or "YYYY-MM-DDTHH:MM[:SS]" with optional "Z" or
 * "+HH:MM"/"-HH:MM" offset. Returns 0 and *out (UTC seconds) or -EINVAL for anything else. */
int tp_clock_parse(const char *s, int64_t *out);

#endif
