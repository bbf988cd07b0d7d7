/* The Windows build's stand-in for zxcvbn (platform/win32/nozxcvbn) never rates a passphrase
 * above what an attacker with the same word list needs, and still lets good ones through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "zxcvbn.h"

static const char *words[] = {"blåbær", "fjell", "kaffe", "sykkel", "vindu", "trinn", NULL};

static void list_words_count_log2_of_the_list(void **state)
{
    /* 5 words from a 6-word list: 5 * log2(6), whatever their length */
    double b = ZxcvbnMatch("fjell kaffe sykkel vindu blåbær", words, NULL);
    assert_true(fabs(b - (5 * log2(6.0) + 2.0)) < 1e-9); /* + the space, once */
    /* capitals do not hide a known word */
    assert_true(ZxcvbnMatch("FJELL", words, NULL) < 3);
}

static void unknown_text_gets_little_credit(void **state)
{
    assert_true(ZxcvbnMatch("password1234", NULL, NULL) < 44); /* 8*2 + 4 */
    assert_true(ZxcvbnMatch("", NULL, NULL) == 0);
    /* repetition adds (almost) nothing */
    assert_true(ZxcvbnMatch("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL) <= 6);
    assert_true(ZxcvbnMatch("abcabcabcabcabcabcabcabcabcabcabc", NULL, NULL) <= 10);
    assert_true(ZxcvbnMatch("trinn trinn trinn trinn", NULL, NULL) <= 11 + 2); /* word, space */
    /* a short unknown word counts as a word of a 2,048-word list (11 bits, under the 14.1 of
     * trying all 26^3 strings), so five of the generator's words pass the floor; two letters
     * get only their 2 bits each */
    assert_true(fabs(ZxcvbnMatch("juv", NULL, NULL) - 11.0) < 1e-9);
    assert_true(fabs(ZxcvbnMatch("is", NULL, NULL) - 4.0) < 1e-9);
    assert_true(ZxcvbnMatch("tykk stykke pil plog myr", NULL, NULL) >= 44);
    /* ordinary words of a long phrase still pass the 44-bit floor */
    assert_true(ZxcvbnMatch("correct horse battery staple", NULL, NULL) >= 44);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_words_count_log2_of_the_list),
        cmocka_unit_test(unknown_text_gets_little_credit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
