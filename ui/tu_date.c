/* tu_date: dates in words from the catalogs; see tu_date.h. */
#include "tu_date.h"

#include <stdio.h>
#include <time.h>

#include "tp_clock.h"
#include "tr_i18n.h"

void tu_date_format(const tu_lang *lang, int64_t t, int with_time, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm)) {
        snprintf(buf, size, "?");
        return;
    }
    char day[16], month_key[24], year[16], clock[32];
    snprintf(day, sizeof day, "%d", tm.tm_mday);
    snprintf(month_key, sizeof month_key, "month.%d", tm.tm_mon + 1);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
    tr_i18n_arg args[] = {{"day", day},
                          {"month", tu_tr(lang, month_key)},
                          {"year", year},
                          {"time", clock},
                          {NULL, NULL}};
    tr_i18n_fill(tu_tr(lang, with_time ? "history.date" : "date.day"), args, buf, size);
}

void tu_date_format_ts(const tu_lang *lang, const char *ts, int with_time, char *buf, size_t size)
{
    int64_t t;
    if (!ts || tp_clock_parse(ts, &t) != 0) {
        snprintf(buf, size, "%s", ts ? ts : "");
        return;
    }
    tu_date_format(lang, t, with_time, buf, size);
}
