/* Unit tests of tr_minisign: a signature Trinn makes verifies and carries its trusted comment;
 * one made by minisign 0.11 itself (tests/data/exchange) verifies; every byte changed and every
 * cut of a signature is refused; an altered file, an altered trusted comment, another key, the
 * legacy algorithm, Windows line ends and extra lines are each refused with their own message;
 * the key id reads as minisign prints it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_minisign.h"

static char *data_file(const char *name, size_t *len)
{
    char path[4096], *buf = NULL;
    snprintf(path, sizeof path, "%s/exchange/%s", getenv("TRINN_TESTDATA"), name);
    assert_int_equal(tp_fs_read_file(path, 1 << 20, &buf, len), 0);
    return buf;
}

static const uint8_t MSG[] = "{\"modules\":[\"activity\"]}";

static char *sign(const tr_ms_key *key, const char *trusted, size_t *len)
{
    char *sig = NULL;
    tr_error err = {0};
    assert_int_equal(tr_ms_sign(key, MSG, sizeof MSG - 1, NULL, trusted, &sig, len, &err), TR_OK);
    return sig;
}

static void test_sign_and_verify(void **state)
{
    (void)state;
    tr_ms_key key;
    tr_ms_pub pub;
    tr_ms_sig sig;
    tr_error err = {0};
    size_t len;
    char *text;
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    tr_ms_key_pub(&key, &pub);
    text = sign(&key, "client:k7 seq:1", &len);
    assert_true(strncmp(text, "untrusted comment: signature from trinn\n", 40) == 0);
    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, text, len, &sig, &err), TR_OK);
    assert_int_equal(sig.trusted_len, 15);
    assert_memory_equal(sig.trusted, "client:k7 seq:1", 15);
    /* the file changed */
    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 2, text, len, &sig, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "the file was altered"));
    free(text);
    tr_ms_key_wipe(&key);
}

static void test_minisign_made_signature_verifies(void **state)
{
    (void)state;
    size_t plen, mlen, slen;
    char *pubtext = data_file("minisign.pub", &plen), *msg = data_file("signed.txt", &mlen);
    char *sigtext = data_file("signed.txt.minisig", &slen), id[TR_MS_KEYID_HEX];
    tr_ms_pub pub;
    tr_ms_sig sig;
    tr_error err = {0};
    assert_int_equal(tr_ms_pub_parse(pubtext, plen, &pub, &err), TR_OK);
    tr_ms_keyid_hex(pub.keyid, id);
    assert_non_null(strstr(pubtext, id)); /* "minisign public key 6E68FDBDB4E1517B" */
    assert_int_equal(tr_ms_verify(&pub, (uint8_t *)msg, mlen, sigtext, slen, &sig, &err), TR_OK);
    assert_int_equal(sig.trusted_len, strlen("timestamp:1764900000 file:signed.txt"));
    msg[0] ^= 1;
    assert_int_equal(tr_ms_verify(&pub, (uint8_t *)msg, mlen, sigtext, slen, &sig, &err),
                     TR_E_AUTH);
    free(pubtext);
    free(msg);
    free(sigtext);
}

static void test_every_flip_and_cut_refused(void **state)
{
    (void)state;
    tr_ms_key key;
    tr_ms_pub pub;
    tr_ms_sig sig;
    tr_error err = {0};
    size_t len, refused = 0, untrusted_len;
    char *text;
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    tr_ms_key_pub(&key, &pub);
    text = sign(&key, "trusted", &len);
    untrusted_len = strchr(text, '\n') - text;
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            text[i] ^= (char)(1 << bit);
            tr_status st = tr_ms_verify(&pub, MSG, sizeof MSG - 1, text, len, &sig, &err);
            text[i] ^= (char)(1 << bit);
            /* the untrusted comment is, as in minisign, not signed: only its frame counts */
            if (i >= strlen("untrusted comment: ") && i < untrusted_len && st == TR_OK)
                continue;
            if (st == TR_OK)
                fail_msg("byte %zu bit %d changed and still accepted", i, bit);
            refused++;
        }
    }
    for (size_t cut = 0; cut < len; cut++)
        assert_int_not_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, text, cut, &sig, &err), TR_OK);
    assert_true(refused > 8 * (len - untrusted_len));
    free(text);
    tr_ms_key_wipe(&key);
}

static void test_each_fault_has_its_message(void **state)
{
    (void)state;
    tr_ms_key key, other;
    tr_ms_pub pub, opub;
    tr_ms_sig sig;
    tr_error err = {0};
    size_t len;
    char *text, *p, crlf[1024];
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    assert_int_equal(tr_ms_keygen(&other, &err), TR_OK);
    tr_ms_key_pub(&key, &pub);
    tr_ms_key_pub(&other, &opub);
    text = sign(&key, "seq:1", &len);

    assert_int_equal(tr_ms_verify(&opub, MSG, sizeof MSG - 1, text, len, &sig, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "signed by another key"));

    p = strstr(text, "seq:1");
    p[4] = '2'; /* the trusted comment changed: only the global signature notices */
    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, text, len, &sig, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "trusted comment"));
    p[4] = '1';

    /* carriage returns, as a mail program may add them */
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            crlf[k++] = '\r';
        crlf[k++] = text[i];
    }
    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, crlf, k, &sig, &err), TR_E_PARSE);
    assert_non_null(strstr(err.msg, "carriage return"));

    memcpy(crlf, text, len); /* a fifth line */
    memcpy(crlf + len, "x\n", 2);
    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, crlf, len + 2, &sig, &err),
                     TR_E_PARSE);
    assert_non_null(strstr(err.msg, "more after the four lines"));

    assert_int_equal(tr_ms_verify(&pub, MSG, sizeof MSG - 1, text, len - 1, &sig, &err),
                     TR_E_PARSE);
    free(text);
    tr_ms_key_wipe(&key);
    tr_ms_key_wipe(&other);
}

static void test_legacy_algorithm_refused(void **state)
{
    (void)state;
    tr_ms_key key;
    tr_ms_sig sig;
    tr_error err = {0};
    size_t len, got = 0;
    uint8_t raw[74];
    char *text, *line2, b64[101];
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    text = sign(&key, "t", &len);
    line2 = strchr(text, '\n') + 1;
    assert_int_equal(sodium_base642bin(raw, sizeof raw, line2, 100, NULL, &got, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    raw[1] = 'd'; /* "Ed": minisign -l, Ed25519 over the whole file */
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    memcpy(line2, b64, 100);
    assert_int_equal(tr_ms_sig_parse(text, len, &sig, &err), TR_E_VERSION);
    assert_non_null(strstr(err.msg, "legacy"));
    free(text);
    tr_ms_key_wipe(&key);
}

static void test_public_key_forms(void **state)
{
    (void)state;
    tr_ms_key key;
    tr_ms_pub pub, back;
    tr_error err = {0};
    char file[256], b64[TR_MS_PUB_B64], id[TR_MS_KEYID_HEX];
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    tr_ms_key_pub(&key, &pub);
    assert_int_equal(tr_ms_pub_file(&pub, file, sizeof file, &err), TR_OK);
    assert_int_equal(tr_ms_pub_parse(file, strlen(file), &back, &err), TR_OK);
    assert_memory_equal(&pub, &back, sizeof pub);
    tr_ms_pub_b64(&pub, b64);
    assert_int_equal(strlen(b64), 56);
    assert_int_equal(tr_ms_pub_parse(b64, strlen(b64), &back, &err), TR_OK);
    assert_memory_equal(&pub, &back, sizeof pub);
    tr_ms_keyid_hex(pub.keyid, id);
    assert_non_null(strstr(file, id));
    b64[10] = b64[10] == 'A' ? 'B' : 'A';
    b64[55] = '!';
    assert_int_equal(tr_ms_pub_parse(b64, strlen(b64), &back, &err), TR_E_PARSE);
    assert_int_equal(tr_ms_pub_parse("untrusted comment: x", 20, &back, &err), TR_E_PARSE);
    assert_int_equal(tr_ms_pub_parse("", 0, &back, &err), TR_E_PARSE);
    tr_ms_key_wipe(&key);
}

static void test_comments_must_be_one_line(void **state)
{
    (void)state;
    tr_ms_key key;
    tr_error err = {0};
    char *out = (char *)&key, big[TR_MS_TRUSTED_MAX + 2];
    size_t len;
    assert_int_equal(tr_ms_keygen(&key, &err), TR_OK);
    assert_int_equal(tr_ms_sign(&key, MSG, 3, NULL, "a\nb", &out, &len, &err), TR_E_INVALID);
    assert_null(out);
    assert_int_equal(tr_ms_sign(&key, MSG, 3, "x\r", "a", &out, &len, &err), TR_E_INVALID);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(tr_ms_sign(&key, MSG, 3, NULL, big, &out, &len, &err), TR_E_INVALID);
    tr_ms_key_wipe(&key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_and_verify),
        cmocka_unit_test(test_minisign_made_signature_verifies),
        cmocka_unit_test(test_every_flip_and_cut_refused),
        cmocka_unit_test(test_each_fault_has_its_message),
        cmocka_unit_test(test_legacy_algorithm_refused),
        cmocka_unit_test(test_public_key_forms),
        cmocka_unit_test(test_comments_must_be_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
