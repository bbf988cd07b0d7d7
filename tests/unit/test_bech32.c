/* Unit tests of tr_bech32 against BIP 173's own test vectors (the valid strings decode and
 * encode back; each invalid one is refused), plus age's key forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tr_bech32.h"

#define Q10 "qqqqqqqqqq"
#define Q80 Q10 Q10 Q10 Q10 Q10 Q10 Q10 Q10

static void test_bip173_valid(void **state)
{
    (void)state;
    static const char *const valid[] = {
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tg"
        "s",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" Q80 "qqc8247j", /* 82 q */
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    };
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        char hrp[100], back[TR_BECH32_MAX];
        uint8_t data[128];
        size_t len = 0;
        tr_error err = {0};
        tr_status st = tr_bech32_decode(valid[i], hrp, sizeof hrp, data, sizeof data, &len, &err);
        /* BIP 173's vectors hold 5-bit groups, not always whole bytes: only those whose padding
         * is zero decode to bytes; the checksum must hold for all of them */
        if (st != TR_OK) {
            if (!strstr(err.msg, "padding"))
                fail_msg("%s: %s", valid[i], err.msg);
            continue;
        }
        assert_int_equal(
            tr_bech32_encode(hrp, data, len, valid[i][0] == 'A', back, sizeof back, &err), TR_OK);
        assert_string_equal(back, valid[i]);
    }
}

static void test_bip173_invalid(void **state)
{
    (void)state;
    static const char *const invalid[] = {
        "pzry9x0s0muk",  /* no separator */
        "1pzry9x0s0muk", /* empty prefix */
        "x1b4n0q5v",     /* 'b' is not in the alphabet */
        "li1dgmt3",      /* checksum too short */
        "de1lg7wt\xff",  /* not ASCII */
        "A1G7SGD8",      /* checksum made with the upper-case prefix */
        "10a06t8",       /* empty prefix */
        "1qzzfhee",      /* empty prefix */
        "a12UEL5L",      /* mixed case */
        "a12uel5m",      /* checksum */
        "a 12uel5l",     /* space */
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        char hrp[100];
        uint8_t data[128];
        size_t len = 0;
        tr_error err = {0};
        assert_int_not_equal(
            tr_bech32_decode(invalid[i], hrp, sizeof hrp, data, sizeof data, &len, &err), TR_OK);
        assert_true(err.msg[0] != '\0');
    }
}

static void test_round_trip_and_limits(void **state)
{
    (void)state;
    uint8_t data[32], back[32];
    char s[TR_BECH32_MAX], hrp[32];
    size_t len = 0;
    tr_error err = {0};
    for (int i = 0; i < 32; i++)
        data[i] = (uint8_t)(i * 37 + 1);
    assert_int_equal(tr_bech32_encode("age", data, 32, 0, s, sizeof s, &err), TR_OK);
    assert_int_equal(strlen(s), 62);
    assert_int_equal(tr_bech32_decode(s, hrp, sizeof hrp, back, sizeof back, &len, &err), TR_OK);
    assert_string_equal(hrp, "age");
    assert_memory_equal(data, back, 32);
    assert_int_equal(tr_bech32_decode(s, hrp, sizeof hrp, back, 31, &len, &err), TR_E_TOOBIG);
    assert_int_equal(tr_bech32_encode("Age", data, 32, 0, s, sizeof s, &err), TR_E_INVALID);
    assert_int_equal(tr_bech32_encode("age", data, 32, 0, s, 40, &err), TR_E_TOOBIG);
    /* every single character changed is caught by the checksum or the alphabet */
    assert_int_equal(tr_bech32_encode("age", data, 32, 0, s, sizeof s, &err), TR_OK);
    for (size_t i = 0; i < strlen(s); i++) {
        char keep = s[i];
        for (const char *c = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"; *c; c++) {
            if (*c == keep)
                continue;
            s[i] = *c;
            assert_int_not_equal(
                tr_bech32_decode(s, hrp, sizeof hrp, back, sizeof back, &len, &err), TR_OK);
        }
        s[i] = keep;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bip173_valid),
        cmocka_unit_test(test_bip173_invalid),
        cmocka_unit_test(test_round_trip_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
