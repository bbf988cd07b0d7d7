/* tu_date: dates as people read them, in the current language ("18. november 2026",
 * "18 November 2026, 14:05"), in local time. Formats and month names come from the UI
 * catalogs (date.day, history.date, month.1-12), not from C. */
#ifndef TU_DATE_H
#define TU_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "tu_lang.h"

/* Writes the day of Unix time t into buf (size bytes, always terminated); with_time adds the
 * clock. When t cannot be converted, buf gets "?". */
void tu_date_format(const tu_lang *lang, int64_t t, int with_time, char *buf, size_t size);

/* As tu_date_format for an ISO 8601 record time ("2026-11-27T14:05:00Z"); the raw text
 * when it does not parse. */
void tu_date_format_ts(const tu_lang *lang, const char *ts, int with_time, char *buf, size_t size);

#endif
