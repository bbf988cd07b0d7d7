/* tr_exch_inner: the signed text both containers share (tr_exch_priv.h, EXCHANGE.md §4). */
#include "tr_exch_priv.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_b64.h"
#include "tr_json.h"

static const char KEY_COMMENT[] = "trinn key ";

const char *tr_exch_why_name(tr_exch_why why)
{
    static const char *const names[] = {
        [TR_EXCH_OK] = "ok",
        [TR_EXCH_MALFORMED] = "malformed",
        [TR_EXCH_VERSION] = "version",
        [TR_EXCH_NOT_ASSIGNMENT] = "not_assignment",
        [TR_EXCH_NOT_REPORT] = "not_report",
        [TR_EXCH_ALTERED] = "altered",
        [TR_EXCH_TRUNCATED] = "truncated",
        [TR_EXCH_OTHER_TEAM] = "other_team",
        [TR_EXCH_OTHER_SENDER] = "other_sender",
        [TR_EXCH_WRONG_CLIENT] = "wrong_client",
        [TR_EXCH_EXPIRED] = "expired",
        [TR_EXCH_REPLAYED] = "replayed",
        [TR_EXCH_NOT_FOR_US] = "not_for_us",
        [TR_EXCH_FORWARDED] = "forwarded",
        [TR_EXCH_UNSIGNED] = "unsigned",
        [TR_EXCH_INTERNAL] = "internal",
    };
    if ((unsigned)why < sizeof names / sizeof names[0] && names[why])
        return names[why];
    return "unknown";
}

void tr_exch_info_free(tr_exch_info *info)
{
    if (!info)
        return;
    if (info->payload) {
        sodium_memzero(info->payload, info->payload_len);
        free(info->payload);
    }
    memset(info, 0, sizeof *info);
}

tr_status tr_exch_refuse(tr_exch_info *info, tr_error *err, tr_exch_why why, tr_status st,
                         const char *fmt, ...)
{
    va_list ap;
    tr_exch_info_free(info);
    info->why = why;
    if (err) {
        err->status = st;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

int tr_exch_id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > TR_EXCH_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

tr_status tr_exch_payload_check(const uint8_t *payload, size_t len, const char *sender_key,
                                tr_error *err)
{
    cJSON *json = tr_json_parse((const char *)payload, len, "payload", err);
    const cJSON *key;
    tr_status st = TR_OK;
    if (!json)
        return tr_error_set(err, TR_E_INVALID, "the payload is not JSON (%s)", err ? err->msg : "");
    if (!cJSON_IsObject(json))
        st = tr_error_set(err, TR_E_INVALID, "the payload is not a JSON object");
    key = cJSON_GetObjectItemCaseSensitive(json, "sender_key");
    if (st == TR_OK && sender_key &&
        (!cJSON_IsString(key) || strcmp(key->valuestring, sender_key) != 0))
        st = tr_error_set(err, TR_E_INVALID,
                          "the payload's \"sender_key\" is missing or is not the key that "
                          "signed it");
    cJSON_Delete(json);
    return st;
}

tr_status tr_exch_inner_write(const tr_ms_key *key, const char *kind, const uint8_t *payload,
                              size_t len, const char *trusted, char **out, size_t *out_len,
                              tr_error *err)
{
    tr_ms_pub pub;
    char untrusted[sizeof KEY_COMMENT + TR_MS_PUB_B64], *sig = NULL, *buf = NULL;
    size_t sig_len = 0, b64_len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    size_t klen = strlen(kind), cap, pos;
    tr_status st;

    *out = NULL;
    if (len > TR_EXCH_MAX_PAYLOAD)
        return tr_error_set(err, TR_E_TOOBIG, "the payload is over %zu MiB",
                            TR_EXCH_MAX_PAYLOAD >> 20);
    tr_ms_key_pub(key, &pub);
    memcpy(untrusted, KEY_COMMENT, sizeof KEY_COMMENT - 1);
    tr_ms_pub_b64(&pub, untrusted + sizeof KEY_COMMENT - 1);
    st = tr_ms_sign(key, payload, len, untrusted, trusted, &sig, &sig_len, err);
    if (st != TR_OK)
        return st;
    cap = klen + 1 + b64_len + 1 + sig_len + 1;
    buf = malloc(cap);
    if (!buf) {
        free(sig);
        return tr_error_set(err, TR_E_NOMEM, "out of memory while writing a container");
    }
    memcpy(buf, kind, klen);
    buf[klen] = '\n';
    pos = klen + 1;
    sodium_bin2base64(buf + pos, b64_len, payload, len, sodium_base64_VARIANT_ORIGINAL);
    pos += b64_len - 1;
    buf[pos++] = '\n';
    memcpy(buf + pos, sig, sig_len + 1);
    pos += sig_len;
    sodium_memzero(sig, sig_len); /* its trusted comment names the client */
    free(sig);
    *out = buf;
    *out_len = pos;
    return TR_OK;
}

/* The message for a first line that is not `kind`. */
static tr_status wrong_first_line(const uint8_t *data, size_t len, const char *kind,
                                  tr_exch_why wrong_kind, tr_exch_info *info, tr_error *err)
{
    const char *want = strcmp(kind, TR_EXCH_OPPDRAG) == 0 ? "an assignment (.trinn-oppdrag)"
                       : strcmp(kind, TR_EXCH_ENROL) == 0 ? "an enrolment (.trinn-enrol)"
                                                          : "a report (.trinn-rapport)";
    size_t stem = strlen(kind) - 1; /* "trinn-oppdrag " */
    if (len >= stem && memcmp(data, kind, stem) == 0)
        return tr_exch_refuse(info, err, TR_EXCH_VERSION, TR_E_VERSION,
                              "%s from a later version of Trinn, or damaged in its first line: "
                              "update Trinn and try again",
                              want);
    if (len >= sizeof TR_EXCH_OPPDRAG - 1 && memcmp(data, TR_EXCH_OPPDRAG, 14) == 0)
        return tr_exch_refuse(info, err, wrong_kind, TR_E_INVALID,
                              "this is an assignment (.trinn-oppdrag), not %s", want);
    if (len >= sizeof TR_EXCH_RAPPORT - 1 && memcmp(data, TR_EXCH_RAPPORT, 14) == 0)
        return tr_exch_refuse(info, err, wrong_kind, TR_E_INVALID, "this is a report, not %s",
                              want);
    if (len >= 19 && memcmp(data, "age-encryption.org/", 19) == 0)
        return tr_exch_refuse(info, err, wrong_kind, TR_E_INVALID,
                              "this is a sealed file (a report or hand-in), not %s", want);
    return tr_exch_refuse(info, err, wrong_kind, TR_E_INVALID, "this file is not %s", want);
}

/* Reads the key named by the untrusted comment "trinn key <b64>". */
static int comment_key(const tr_ms_sig *sig, tr_ms_pub *pub)
{
    size_t k = sizeof KEY_COMMENT - 1;
    if (sig->untrusted_len != k + TR_MS_PUB_B64 - 1 || memcmp(sig->untrusted, KEY_COMMENT, k) != 0)
        return -1;
    return tr_ms_pub_parse(sig->untrusted + k, TR_MS_PUB_B64 - 1, pub, NULL) == TR_OK ? 0 : -1;
}

tr_status tr_exch_inner_read(const uint8_t *data, size_t len, const char *kind,
                             const tr_ms_pub *pinned, tr_exch_why wrong_kind, tr_exch_why other_key,
                             tr_exch_info *info, tr_ms_sig *sig, tr_error *err)
{
    size_t klen = strlen(kind), b64_len, got = 0;
    const uint8_t *b64, *nl;
    tr_ms_pub named;
    tr_status st;
    tr_error e2 = {0};

    memset(info, 0, sizeof *info);
    if (len < klen + 1 || memcmp(data, kind, klen) != 0 || data[klen] != '\n')
        return wrong_first_line(data, len, kind, wrong_kind, info, err);
    if (data[len - 1] != '\n')
        return tr_exch_refuse(info, err, TR_EXCH_TRUNCATED, TR_E_CORRUPT,
                              "the file is cut short: it does not end with a whole line");
    b64 = data + klen + 1;
    nl = memchr(b64, '\n', len - klen - 1);
    if (!nl)
        return tr_exch_refuse(info, err, TR_EXCH_TRUNCATED, TR_E_CORRUPT,
                              "the file is cut short in its payload line");
    b64_len = (size_t)(nl - b64);
    if (b64_len == 0 || b64_len % 4 != 0 || b64_len / 4 * 3 > TR_EXCH_MAX_PAYLOAD)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                              "the payload line is empty, cut or too long");
    info->payload = malloc(b64_len / 4 * 3 + 1);
    if (!info->payload)
        return tr_exch_refuse(info, err, TR_EXCH_INTERNAL, TR_E_NOMEM, "out of memory");
    if (tr_b64_decode((const char *)b64, b64_len, (uint8_t *)info->payload, b64_len / 4 * 3, &got,
                      1) != 0)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                              "the payload line is not canonical base64");
    info->payload[got] = '\0';
    info->payload_len = got;
    st = tr_ms_sig_parse((const char *)nl + 1, len - (size_t)(nl + 1 - data), sig, &e2);
    if (st != TR_OK)
        return tr_exch_refuse(info, err,
                              strstr(e2.msg, "cut short") ? TR_EXCH_TRUNCATED : TR_EXCH_MALFORMED,
                              st, "%s", e2.msg);
    if (comment_key(sig, &named) != 0)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                              "the signature's first line does not name its key as 'untrusted "
                              "comment: trinn key <public key>'");
    if (sodium_memcmp(named.keyid, sig->keyid, TR_MS_KEYID_BYTES) != 0)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                              "the key named in the signature's first line is not the key that "
                              "signed");
    if (pinned && (sodium_memcmp(pinned->keyid, named.keyid, TR_MS_KEYID_BYTES) != 0 ||
                   sodium_memcmp(pinned->pk, named.pk, 32) != 0)) {
        char want[TR_MS_KEYID_HEX], got_id[TR_MS_KEYID_HEX];
        tr_ms_keyid_hex(pinned->keyid, want);
        tr_ms_keyid_hex(named.keyid, got_id);
        return tr_exch_refuse(info, err, other_key, TR_E_INVALID,
                              other_key == TR_EXCH_OTHER_TEAM
                                  ? "signed by another team's key (%s), not the team key this "
                                    "profile trusts (%s)"
                                  : "signed by another device (%s) than the one this client "
                                    "uses (%s)",
                              got_id, want);
    }
    st = tr_ms_sig_check(&named, sig, (const uint8_t *)info->payload, info->payload_len, &e2);
    if (st != TR_OK)
        return tr_exch_refuse(info, err,
                              st == TR_E_AUTH                         ? TR_EXCH_ALTERED
                              : st == TR_E_NOMEM || st == TR_E_CRYPTO ? TR_EXCH_INTERNAL
                                                                      : TR_EXCH_MALFORMED,
                              st, "%s", e2.msg);
    info->signer = named;
    return TR_OK;
}
