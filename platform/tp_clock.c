/* tp_clock: see tp_clock.h. Dates are converted with the proleptic Gregorian calendar
 * (days_from_civil, Howard Hinnant) so no time zone state or timegm() is needed. Reading the
 * clock is per system: tp_clock_posix.c, win32/tp_clock_win32.c. */
#include "tp_clock.h"

#include <ctype.h>
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

int tp_clock_format_date(int64_t t, char *buf, size_t size)
{
    char full[32];
    if (size < 11 || tp_clock_format(t, full, sizeof full) != 0)
        return -ERANGE;
    memcpy(buf, full, 10);
    buf[10] = '\0';
    return 0;
}

/* s without leading, trailing and repeated spaces, ASCII letters lowered; 0 or -1 when it
 * does not fit. */
static int normalise(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    int space = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space) {
            if (n + 1 >= size)
                return -1;
            buf[n++] = ' ';
            space = 0;
        }
        if (n + 1 >= size)
            return -1;
        buf[n++] = (char)(c < 0x80 ? tolower(c) : c);
    }
    buf[n] = '\0';
    return 0;
}

/* 1 when the normalised text s is one of the '|'-separated alternatives of list. */
static int is_word(const char *s, const char *list)
{
    char want[64];
    while (list && *list) {
        const char *bar = strchr(list, '|');
        size_t n = bar ? (size_t)(bar - list) : strlen(list);
        char one[64];
        if (n < sizeof one) {
            memcpy(one, list, n);
            one[n] = '\0';
            if (normalise(one, want, sizeof want) == 0 && want[0] && strcmp(s, want) == 0)
                return 1;
        }
        list = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Reads 1 to `max` digits at *p; the value, or -1 when there is none. */
static int number_at(const char **p, int max)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

/* The month (1-12) whose name starts with the letters at *p (three or more of them, up to a
 * space, '.' or the end), moving *p past them; 0 when none. */
static int month_at(const char **p, const tp_date_words *w)
{
    const char *s = *p;
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != '.' && !(s[n] >= '0' && s[n] <= '9'))
        n++;
    if (n < 3 || !w)
        return 0;
    for (int m = 0; m < 12; m++) {
        char name[48];
        if (!w->months[m] || normalise(w->months[m], name, sizeof name) != 0)
            continue;
        if (n <= strlen(name) && strncmp(s, name, n) == 0) {
            *p = s + n;
            return m + 1;
        }
    }
    return 0;
}

static int valid_day(int y, int m, int d, int64_t *days)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < TP_CLOCK_MIN_YEAR || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -EINVAL;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -EINVAL;
    *days = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

int tp_clock_parse_day(const char *s, const tp_date_words *words, int64_t today, int64_t *out)
{
    char t[96];
    int64_t days;
    if (!s || normalise(s, t, sizeof t) != 0 || !t[0])
        return -EINVAL;
    if (tp_clock_parse_date(t, out) == 0)
        return 0;
    if (words && (is_word(t, words->today) || is_word(t, words->yesterday))) {
        days = is_word(t, words->today) ? today : today - 1;
        if (out)
            *out = days * 86400;
        return 0;
    }
    int64_t ty;
    unsigned tm, td;
    civil_from_days(today, &ty, &tm, &td);
    const char *p = t;
    int d = number_at(&p, 2), m = 0, y = (int)ty;
    if (d < 0)
        return -EINVAL;
    if (*p == '.' || *p == '/') {
        char sep = *p++;
        if (*p == ' ')
            p++;
        if ((m = number_at(&p, 2)) < 0) {
            if (sep != '.' || !(m = month_at(&p, words))) /* "5. desember" */
                return -EINVAL;
            if (*p == '.')
                p++; /* "5. des. 2026" */
            if (*p == ' ') {
                p++;
                if ((y = number_at(&p, 4)) < 0)
                    return -EINVAL;
            }
        } else if (*p == sep) {
            p++;
            if (*p) {
                const char *y0 = p;
                if ((y = number_at(&p, 4)) < 0)
                    return -EINVAL;
                if (p - y0 == 2)
                    y += 2000; /* "5.12.26" */
                else if (p - y0 != 4)
                    return -EINVAL;
            }
        }
    } else if (*p == ' ') { /* "5 december 2026" */
        p++;
        if (!(m = month_at(&p, words)))
            return -EINVAL;
        if (*p == '.')
            p++;
        if (*p == ' ') {
            p++;
            if ((y = number_at(&p, 4)) < 0)
                return -EINVAL;
        }
    } else {
        return -EINVAL;
    }
    if (*p != '\0' || valid_day(y, m, d, &days) != 0)
        return -EINVAL;
    if (out)
        *out = days * 86400;
    return 0;
}
