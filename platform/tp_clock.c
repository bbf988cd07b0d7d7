/* tp_clock: see tp_clock.h. Dates are converted with the proleptic Gregorian calendar
 * (days_from_civil, Howard Hinnant) so no time zone state or timegm() is needed. Reading the
 * clock is per system: tp_clock_posix.c, win32/tp_clock_win32.c. */
#include "tp_clock.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int tp_clock_format(int64_t t, char *buf, size_t size)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400, y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return -ERANGE;
    int n = snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)y, m, d, (int)(secs / 3600),
                     (int)(secs / 60 % 60), (int)(secs % 60));
    return n < 0 || (size_t)n >= size ? -ERANGE : 0;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* The date at the start of s ("YYYY-MM-DD", see TP_CLOCK_MIN_YEAR) as days since the epoch;
 * 0 or -EINVAL. What follows the ten characters is the caller's. */
static int parse_ymd(const char *s, int64_t *days)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d;
    if (strnlen(s, 10) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d))
        return -EINVAL;
    if (y < TP_CLOCK_MIN_YEAR || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
        return -EINVAL;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -EINVAL;
    *days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    return 0;
}

int tp_clock_parse_date(const char *s, int64_t *out)
{
    int64_t days;
    if (parse_ymd(s, &days) != 0 || s[10] != '\0')
        return -EINVAL;
    if (out)
        *out = days * 86400;
    return 0;
}

int tp_clock_parse_hhmm(const char *s, int *out)
{
    int h, m;
    if (strnlen(s, 6) != 5 || digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m) || h > 23 ||
        m > 59)
        return -EINVAL;
    if (out)
        *out = h * 60 + m;
    return 0;
}

int tp_clock_parse(const char *s, int64_t *out)
{
    int h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 0;
    int64_t days;
    const char *p;
    if (parse_ymd(s, &days) != 0)
        return -EINVAL;
    p = s + 10;
    if (*p == 'T' || *p == ' ') {
        if (digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi))
            return -EINVAL;
        p += 6;
        if (*p == ':') {
            if (digits(p + 1, 2, &se))
                return -EINVAL;
            p += 3;
        }
        if (h > 23 || mi > 59 || se > 60)
            return -EINVAL;
        if (*p == 'Z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            sign = *p == '+' ? 1 : -1;
            if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59)
                return -EINVAL;
            p += 6;
        }
    }
    if (*p != '\0')
        return -EINVAL;
    *out = days * 86400 + h * 3600 + mi * 60 + se - sign * (oh * 3600 + om * 60);
    return 0;
}
