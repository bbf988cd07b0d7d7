/* tr_nin (issue 16): a team that names a client in its FHIR export gives a fødselsnummer or
 * D-number whose control digits are checked; published example numbers pass, and each kind of
 * mistake is refused in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

#include "tr_nin.h"

static void valid_numbers(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_nin_kind k = 0;
    /* the example fødselsnummer of many Norwegian forms' documentation, and a D-number */
    assert_int_equal(tr_nin_check("15076500565", &k, &err), TR_OK);
    assert_int_equal(k, TR_NIN_FNR);
    assert_int_equal(tr_nin_check("29029900157", &k, &err), TR_OK); /* 29 February */
    assert_int_equal(tr_nin_check("41018036736", &k, &err), TR_OK);
    assert_int_equal(k, TR_NIN_DNR);
    assert_string_equal(tr_nin_system(TR_NIN_FNR), "urn:oid:2.16.578.1.12.4.1.4.1");
    assert_string_equal(tr_nin_system(TR_NIN_DNR), "urn:oid:2.16.578.1.12.4.1.4.2");
}

static void refused(void **state)
{
    (void)state;
    static const struct {
        const char *nin, *words;
    } bad[] = {
        {"15076500566", "control digits"}, /* the last digit wrong */
        {"15076500655", "control digits"}, /* two swapped */
        {"1507650056", "11 digits"},
        {"150765005655", "11 digits"},
        {"15 07 65 00565", "11 digits"},
        {"1507650056a", "11 digits"},
        {"", "11 digits"},
        {"15136500565", "no month"}, /* H/synthetic */
        {"32076500565", "no day"},
        {"30026500565", "no day"},
        {"00076500565", "no day"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tr_error err = {0};
        tr_nin_kind k;
        assert_int_equal(tr_nin_check(bad[i].nin, &k, &err), TR_E_INVALID);
        if (!strstr(err.msg, bad[i].words))
            fail_msg("'%s': \"%s\" lacks \"%s\"", bad[i].nin, err.msg, bad[i].words);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_numbers),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
