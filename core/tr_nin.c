/* tr_nin: see tr_nin.h. */
#include "tr_nin.h"

#include <string.h>

/* The control digit of the first n digits with these weights; -1 when the sum gives 10. */
static int control(const char *d, const int *w, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += (d[i] - '0') * w[i];
    int c = 11 - sum % 11;
    return c == 11 ? 0 : c == 10 ? -1 : c;
}

tr_status tr_nin_check(const char *s, tr_nin_kind *kind, tr_error *err)
{
    static const int k1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2}, k2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = s ? strlen(s) : 0;
    int day, month;
    if (n != 11 || strspn(s, "0123456789") != 11)
        return tr_error_set(err, TR_E_INVALID,
                            "a fødselsnummer or D-number is 11 digits, without spaces");
    day = (s[0] - '0') * 10 + (s[1] - '0');
    month = (s[2] - '0') * 10 + (s[3] - '0');
    *kind = day > 40 ? TR_NIN_DNR : TR_NIN_FNR;
    if (day > 40)
        day -= 40;
    if (month < 1 || month > 12)
        return tr_error_set(err, TR_E_INVALID,
                            "digits 3-4 (%.2s) are no month: H-numbers and synthetic test numbers "
                            "are not accepted",
                            s + 2);
    if (day < 1 || day > days[month - 1])
        return tr_error_set(err, TR_E_INVALID, "digits 1-2 (%.2s) are no day of month %d", s,
                            month);
    if (control(s, k1, 9) != s[9] - '0' || control(s, k2, 10) != s[10] - '0')
        return tr_error_set(err, TR_E_INVALID,
                            "the control digits do not match: a digit is wrong or two are swapped");
    return TR_OK;
}

const char *tr_nin_system(tr_nin_kind kind)
{
    return kind == TR_NIN_DNR ? "urn:oid:2.16.578.1.12.4.1.4.2" : "urn:oid:2.16.578.1.12.4.1.4.1";
}
