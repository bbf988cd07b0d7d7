/* Unit tests of tr_age: sealing and opening at every chunk boundary and for two recipients; a
 * file age 1.1.1 sealed (tests/data/exchange) opens; age-keygen's identity file loads; every
 * byte changed and every cut is refused; reordered, repeated and dropped chunks and trailing
 * bytes are refused; each malformed header is refused with its own message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_age.h"

#define CHUNK  65536
#define SEALED (CHUNK + 16)

static char *data_file(const char *name, size_t *len)
{
    char path[4096], *buf = NULL;
    snprintf(path, sizeof path, "%s/exchange/%s", getenv("TRINN_TESTDATA"), name);
    assert_int_equal(tp_fs_read_file(path, 1 << 20, &buf, len), 0);
    return buf;
}

static uint8_t *seal(const tr_age_identity *id, const uint8_t *pt, size_t len, size_t *out_len)
{
    uint8_t *out = NULL;
    tr_error err = {0};
    assert_int_equal(tr_age_encrypt(id->pk, 1, pt, len, &out, out_len, &err), TR_OK);
    return out;
}

static tr_status open_it(const tr_age_identity *id, const uint8_t *in, size_t len, tr_error *err)
{
    uint8_t *out = (uint8_t *)err;
    size_t olen = 0;
    tr_status st = tr_age_decrypt(id, in, len, &out, &olen, err);
    if (st == TR_OK)
        tr_age_free(out, olen);
    else
        assert_null(out);
    return st;
}

/* Offset of the payload nonce: just after the header's MAC line. */
static size_t header_len(const uint8_t *f, size_t len)
{
    const uint8_t *p = f;
    for (;;) {
        const uint8_t *nl = memchr(p, '\n', len - (size_t)(p - f));
        assert_non_null(nl);
        if (memcmp(p, "--- ", 4) == 0)
            return (size_t)(nl + 1 - f);
        p = nl + 1;
    }
}

static void test_round_trips(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 200000};
    tr_age_identity a, b, c;
    tr_error err = {0};
    uint8_t *pt = malloc(200000), keys[64];
    assert_int_equal(tr_age_keygen(&a, &err), TR_OK);
    assert_int_equal(tr_age_keygen(&b, &err), TR_OK);
    assert_int_equal(tr_age_keygen(&c, &err), TR_OK);
    memcpy(keys, a.pk, 32);
    memcpy(keys + 32, b.pk, 32);
    for (size_t i = 0; i < 200000; i++)
        pt[i] = (uint8_t)(i * 7);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint8_t *f = NULL, *out = NULL;
        size_t flen = 0, olen = 0;
        assert_int_equal(tr_age_encrypt(keys, 2, pt, sizes[s], &f, &flen, &err), TR_OK);
        assert_int_equal(tr_age_decrypt(&a, f, flen, &out, &olen, &err), TR_OK);
        assert_int_equal(olen, sizes[s]);
        assert_memory_equal(out, pt, sizes[s] ? sizes[s] : 1 - 1);
        tr_age_free(out, olen);
        assert_int_equal(tr_age_decrypt(&b, f, flen, &out, &olen, &err), TR_OK);
        tr_age_free(out, olen);
        assert_int_equal(open_it(&c, f, flen, &err), TR_E_NOTFOUND);
        assert_non_null(strstr(err.msg, "not sealed to this key"));
        free(f);
    }
    free(pt);
}

static void test_file_sealed_by_age(void **state)
{
    (void)state;
    size_t ilen, flen, plen, olen = 0;
    char *idtext = data_file("age-identity.txt", &ilen), *f = data_file("sealed.txt.age", &flen);
    char *plain = data_file("sealed.txt", &plen), rcpt[TR_AGE_KEY_STR];
    uint8_t *out = NULL;
    tr_age_identity id;
    tr_error err = {0};
    assert_int_equal(tr_age_identity_parse(idtext, ilen, &id, &err), TR_OK);
    tr_age_recipient_str(id.pk, rcpt);
    assert_non_null(strstr(idtext, rcpt)); /* "# public key: age1..." as age-keygen wrote it */
    assert_int_equal(tr_age_decrypt(&id, (uint8_t *)f, flen, &out, &olen, &err), TR_OK);
    assert_int_equal(olen, plen);
    assert_memory_equal(out, plain, plen);
    tr_age_free(out, olen);
    free(idtext);
    free(f);
    free(plain);
}

static void test_every_flip_and_cut_refused(void **state)
{
    (void)state;
    tr_age_identity id;
    tr_error err = {0};
    size_t flen;
    uint8_t *f;
    assert_int_equal(tr_age_keygen(&id, &err), TR_OK);
    f = seal(&id, (const uint8_t *)"PHQ-9 item 9: 2", 15, &flen);
    for (size_t i = 0; i < flen; i++)
        for (int bit = 0; bit < 8; bit++) {
            f[i] ^= (uint8_t)(1 << bit);
            if (open_it(&id, f, flen, &err) == TR_OK)
                fail_msg("byte %zu bit %d changed and still opened", i, bit);
            f[i] ^= (uint8_t)(1 << bit);
        }
    for (size_t cut = 0; cut < flen; cut++)
        assert_int_not_equal(open_it(&id, f, cut, &err), TR_OK);
    assert_int_equal(open_it(&id, f, flen, &err), TR_OK);
    free(f);
}

static void test_chunks_cut_reordered_repeated_trailing(void **state)
{
    (void)state;
    tr_age_identity id;
    tr_error err = {0};
    size_t flen, h, len3 = 2 * CHUNK + 5000;
    uint8_t *pt = calloc(1, len3), *f, *g = malloc(len3 + 4 * SEALED);
    assert_int_equal(tr_age_keygen(&id, &err), TR_OK);
    f = seal(&id, pt, len3, &flen);
    h = header_len(f, flen) + 16;
    assert_int_equal(flen, h + 2 * SEALED + 5000 + 16);

    /* the last chunk dropped: what is left ends in a chunk not marked last */
    assert_int_equal(open_it(&id, f, h + 2 * SEALED, &err), TR_E_CORRUPT);
    assert_non_null(strstr(err.msg, "cut short: chunk 1 is not the last one"));
    /* chunks 0 and 1 swapped */
    memcpy(g, f, flen);
    memcpy(g + h, f + h + SEALED, SEALED);
    memcpy(g + h + SEALED, f + h, SEALED);
    assert_int_equal(open_it(&id, g, flen, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "chunk 0"));
    /* chunk 0 repeated */
    memcpy(g, f, h + SEALED);
    memcpy(g + h + SEALED, f + h, flen - h);
    assert_int_equal(open_it(&id, g, flen + SEALED, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "chunk 1"));
    /* a byte after a short last chunk */
    memcpy(g, f, flen);
    g[flen] = 0;
    assert_int_equal(open_it(&id, g, flen + 1, &err), TR_E_AUTH);
    free(f);

    /* a byte after a full last chunk */
    f = seal(&id, pt, 2 * CHUNK, &flen);
    memcpy(g, f, flen);
    g[flen] = 'x';
    assert_int_equal(open_it(&id, g, flen + 1, &err), TR_E_CORRUPT);
    assert_non_null(strstr(err.msg, "1 bytes follow the last chunk"));
    /* no payload at all, or the nonce alone */
    h = header_len(f, flen);
    assert_int_equal(open_it(&id, f, h, &err), TR_E_CORRUPT);
    assert_int_equal(open_it(&id, f, h + 16, &err), TR_E_CORRUPT);
    free(f);
    free(g);
    free(pt);
}

/* Opens text (a hand-made header) and expects status st and a message holding msg. */
static void expect_header(const tr_age_identity *id, const char *text, tr_status st,
                          const char *msg)
{
    tr_error err = {0};
    tr_status got = open_it(id, (const uint8_t *)text, strlen(text), &err);
    if (got != st || !strstr(err.msg, msg))
        fail_msg("header %.40s...: got %s '%s', expected %s '%s'", text, tr_status_name(got),
                 err.msg, tr_status_name(st), msg);
}

#define B42 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define B43 B42 "A"

static void test_malformed_headers(void **state)
{
    (void)state;
    tr_age_identity id;
    tr_error err = {0};
    size_t flen;
    char *f, *g;
    assert_int_equal(tr_age_keygen(&id, &err), TR_OK);
    expect_header(&id, "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", TR_E_VERSION, "armored");
    expect_header(&id, "age-encryption.org/v2\n", TR_E_VERSION, "another version");
    expect_header(&id, "trinn-oppdrag 1\n", TR_E_VERSION, "not an age file");
    expect_header(&id, "", TR_E_VERSION, "not an age file");
    expect_header(&id, "age-encryption.org/v1\n--- " B43 "\n", TR_E_PARSE, "no recipient stanza");
    expect_header(
        &id, "age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\n" B43 "\n--- " B43 "\n",
        TR_E_VERSION, "passphrase");
    expect_header(&id, "age-encryption.org/v1\n-> X25519  " B43 "\n" B43 "\n--- " B43 "\n",
                  TR_E_PARSE, "empty argument");
    expect_header(&id, "age-encryption.org/v1\n-> X25519 " B43 " extra\n" B43 "\n--- " B43 "\n",
                  TR_E_PARSE, "malformed X25519 stanza");
    expect_header(&id, "age-encryption.org/v1\n-> X25519 " B43 "\n" B42 "B\n--- " B43 "\n",
                  TR_E_PARSE, "not a stanza body line");
    expect_header(&id, "age-encryption.org/v1\n-> X25519 " B43 "\n" B43 B43 "\n--- " B43 "\n",
                  TR_E_PARSE, "not a stanza body line");
    expect_header(&id, "age-encryption.org/v1\n-> X25519 " B43 "\n" B43 "AAAAAAAAAAAAAAAAAAAAA\n",
                  TR_E_PARSE, "cut short"); /* a 64-column body line says more follows */
    expect_header(&id, "age-encryption.org/v1\nX25519\n", TR_E_PARSE, "expected a stanza");
    expect_header(&id, "age-encryption.org/v1\n-> X25519 " B43 "\n" B43 "\n---\n", TR_E_PARSE,
                  "low-order point"); /* the all-zero share is checked first */

    /* a real file: its MAC line broken, changed, or a stanza added (the MAC binds it) */
    f = (char *)seal(&id, (const uint8_t *)"x", 1, &flen);
    g = malloc(flen + 64);
    char *mac = f + header_len((uint8_t *)f, flen) - 44; /* "--- " MAC "\n" */
    memcpy(g, f, flen);
    g[mac - f + 42] = '\n';
    assert_int_equal(open_it(&id, (uint8_t *)g, flen, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "MAC line"));
    memcpy(g, f, flen);
    g[mac - f] = g[mac - f] == 'A' ? 'B' : 'A';
    assert_int_equal(open_it(&id, (uint8_t *)g, flen, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "header was altered"));
    size_t at = (size_t)(mac - 4 - f); /* the "--- " line */
    memcpy(g, f, at);
    memcpy(g + at, "-> grease x\n\n", 13);
    memcpy(g + at + 13, f + at, flen - at);
    assert_int_equal(open_it(&id, (uint8_t *)g, flen + 13, &err), TR_E_AUTH);
    free(f);
    free(g);
}

static void test_keys_and_identity_files(void **state)
{
    (void)state;
    tr_age_identity id, back;
    tr_error err = {0};
    char rcpt[TR_AGE_KEY_STR], sec[TR_AGE_KEY_STR], file[400];
    uint8_t pk[32];
    assert_int_equal(tr_age_keygen(&id, &err), TR_OK);
    tr_age_recipient_str(id.pk, rcpt);
    tr_age_identity_str(&id, sec);
    assert_true(strncmp(rcpt, "age1", 4) == 0 && strlen(rcpt) == 62);
    assert_true(strncmp(sec, "AGE-SECRET-KEY-1", 16) == 0 && strlen(sec) == 74);
    assert_int_equal(tr_age_recipient_parse(rcpt, pk, &err), TR_OK);
    assert_memory_equal(pk, id.pk, 32);
    snprintf(file, sizeof file, "# created: now\n# public key: %s\n\n%s\n", rcpt, sec);
    assert_int_equal(tr_age_identity_parse(file, strlen(file), &back, &err), TR_OK);
    assert_memory_equal(&back, &id, sizeof id);
    assert_int_equal(tr_age_identity_parse(sec, strlen(sec), &back, &err), TR_OK);

    snprintf(file, sizeof file, "%s\n%s\n", sec, sec);
    assert_int_equal(tr_age_identity_parse(file, strlen(file), &back, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "more than one key"));
    assert_int_equal(tr_age_identity_parse("# nothing\n", 10, &back, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "no AGE-SECRET-KEY-1 line"));
    assert_int_equal(tr_age_identity_parse(rcpt, strlen(rcpt), &back, &err), TR_E_PARSE);
    for (char *p = sec; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    assert_int_equal(tr_age_identity_parse(sec, strlen(sec), &back, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "upper case"));
    rcpt[0] = 'A';
    rcpt[1] = 'G';
    rcpt[2] = 'E';
    assert_int_equal(tr_age_recipient_parse(rcpt, pk, &err), TR_E_PARSE);
    for (char *p = rcpt; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    assert_int_equal(tr_age_recipient_parse(rcpt, pk, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "lower case"));
    tr_age_identity_wipe(&id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_file_sealed_by_age),
        cmocka_unit_test(test_every_flip_and_cut_refused),
        cmocka_unit_test(test_chunks_cut_reordered_repeated_trailing),
        cmocka_unit_test(test_malformed_headers),
        cmocka_unit_test(test_keys_and_identity_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
