/* tr_exch: the .trinn-oppdrag and .trinn-rapport containers (tr_exch.h, EXCHANGE.md §4). */
#include "tr_exch.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_b64.h"
#include "tr_exch_priv.h"
#include "tr_fpr.h"

/* "YYYY-MM-DD" that tp_clock accepts; *end the first second after that day (UTC). */
static int date_ok(const char *d, int64_t *end)
{
    int64_t t;
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-' || tp_clock_parse(d, &t) != 0)
        return 0;
    if (end)
        *end = t + 86400;
    return 1;
}

/* Parses a decimal u64 >= 1 without leading zeros from s[0..n). */
static int seq_parse(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (n < 1 || n > 19 || s[0] == '0')
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Splits the trusted comment "<kind> k1:v1 k2:v2..." against the expected keys (in order; the
 * last `optional` ones may be missing); values copied NUL-terminated into vals[i] (size 65). */
static int comment_fields(const tr_ms_sig *sig, const char *kind, const char *const *keys,
                          size_t nkeys, size_t optional, char (*vals)[TR_EXCH_ID_MAX + 1])
{
    const char *p = sig->trusted, *end = sig->trusted + sig->trusted_len;
    size_t klen = strlen(kind), i = 0;
    if (sig->trusted_len < klen || memcmp(p, kind, klen) != 0)
        return -1;
    p += klen;
    for (; i < nkeys && p < end; i++) {
        size_t kl = strlen(keys[i]);
        const char *v, *sp;
        if (*p != ' ' || (size_t)(end - p) < kl + 2 || memcmp(p + 1, keys[i], kl) != 0 ||
            p[1 + kl] != ':')
            return -1;
        v = p + 2 + kl;
        sp = memchr(v, ' ', (size_t)(end - v));
        if (!sp)
            sp = end;
        if (sp == v || (size_t)(sp - v) > TR_EXCH_ID_MAX)
            return -1;
        memcpy(vals[i], v, (size_t)(sp - v));
        vals[i][sp - v] = '\0';
        p = sp;
    }
    for (size_t k = i; k < nkeys; k++)
        vals[k][0] = '\0';
    return p == end && i + optional >= nkeys ? 0 : -1;
}

tr_status tr_exch_oppdrag_write(const tr_ms_key *team, const uint8_t *payload, size_t len,
                                const tr_exch_oppdrag_meta *meta, char **out, size_t *out_len,
                                tr_error *err)
{
    char trusted[256];
    tr_status st;
    *out = NULL;
    if (!tr_exch_id_ok(meta->client))
        return tr_error_set(err, TR_E_INVALID,
                            "the client id must be 1-%d of the characters A-Z a-z 0-9 . _ -",
                            TR_EXCH_ID_MAX);
    if (meta->seq < 1)
        return tr_error_set(err, TR_E_INVALID, "the sequence number must be 1 or more");
    if (!date_ok(meta->expires, NULL))
        return tr_error_set(err, TR_E_INVALID, "the expiry must be a date as YYYY-MM-DD");
    if ((st = tr_exch_payload_check(payload, len, NULL, err)) != TR_OK)
        return st;
    snprintf(trusted, sizeof trusted, "%s client:%s seq:%" PRIu64 " expires:%s", TR_EXCH_OPPDRAG,
             meta->client, meta->seq, meta->expires);
    return tr_exch_inner_write(team, TR_EXCH_OPPDRAG, payload, len, trusted, out, out_len, err);
}

tr_status tr_exch_oppdrag_read(const uint8_t *data, size_t len, const tr_exch_expect *expect,
                               tr_exch_info *info, tr_error *err)
{
    static const char *const keys[] = {"client", "seq", "expires"};
    char vals[3][TR_EXCH_ID_MAX + 1];
    tr_ms_sig sig;
    int64_t end = 0;
    tr_status st;
    tr_error e2 = {0};

    memset(info, 0, sizeof *info);
    if (len > TR_EXCH_MAX_FILE)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_TOOBIG,
                              "the file is over %zu MiB: not an assignment",
                              TR_EXCH_MAX_FILE >> 20);
    st = tr_exch_inner_read(data, len, TR_EXCH_OPPDRAG, expect->signer, TR_EXCH_NOT_ASSIGNMENT,
                            TR_EXCH_OTHER_TEAM, info, &sig, err);
    if (st != TR_OK)
        return st;
    if (comment_fields(&sig, TR_EXCH_RAPPORT, keys, 0, 0, vals) == 0 ||
        (sig.trusted_len >= sizeof TR_EXCH_RAPPORT - 1 &&
         memcmp(sig.trusted, TR_EXCH_RAPPORT, sizeof TR_EXCH_RAPPORT - 1) == 0))
        return tr_exch_refuse(info, err, TR_EXCH_NOT_ASSIGNMENT, TR_E_INVALID,
                              "the signature is a report's, not an assignment's");
    if (comment_fields(&sig, TR_EXCH_OPPDRAG, keys, 3, 0, vals) != 0 || !tr_exch_id_ok(vals[0]) ||
        seq_parse(vals[1], strlen(vals[1]), &info->seq) != 0 || !date_ok(vals[2], &end))
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                              "the trusted comment is not 'trinn-oppdrag 1 client:ID seq:N "
                              "expires:YYYY-MM-DD'");
    memcpy(info->client, vals[0], sizeof info->client);
    memcpy(info->expires, vals[2], sizeof info->expires);
    if ((st = tr_exch_payload_check((const uint8_t *)info->payload, info->payload_len, NULL,
                                    &e2)) != TR_OK)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, st, "%s", e2.msg);
    if (expect->client && strcmp(expect->client, info->client) != 0)
        return tr_exch_refuse(info, err, TR_EXCH_WRONG_CLIENT, TR_E_INVALID,
                              "this assignment is for another client (%s), not this one (%s)",
                              vals[0], expect->client);
    if (expect->now && expect->now >= end)
        return tr_exch_refuse(info, err, TR_EXCH_EXPIRED, TR_E_INVALID,
                              "this assignment expired at the end of %s: ask the team for a new "
                              "one",
                              vals[2]);
    if (expect->has_last_seq && info->seq <= expect->last_seq)
        return tr_exch_refuse(info, err, TR_EXCH_REPLAYED, TR_E_INVALID,
                              "this assignment (number %" PRIu64
                              ") is not newer than the last one imported (number %" PRIu64
                              "): an old or repeated file",
                              info->seq, expect->last_seq);
    return TR_OK;
}

tr_status tr_exch_oppdrag_split(const uint8_t *data, size_t len, uint8_t **payload,
                                size_t *payload_len, const char **sig, size_t *sig_len,
                                tr_error *err)
{
    size_t k = sizeof TR_EXCH_OPPDRAG, got = 0;
    const uint8_t *nl;
    *payload = NULL;
    if (len <= k || !(nl = memchr(data + k, '\n', len - k)))
        return tr_error_set(err, TR_E_PARSE, "not an assignment");
    *payload = malloc((size_t)(nl - data - k) / 4 * 3 + 1);
    if (!*payload)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    if (tr_b64_decode((const char *)data + k, (size_t)(nl - data - k), *payload,
                      (size_t)(nl - data - k) / 4 * 3, &got, 1) != 0) {
        free(*payload);
        *payload = NULL;
        return tr_error_set(err, TR_E_PARSE, "the payload line is not base64");
    }
    *payload_len = got;
    *sig = (const char *)nl + 1;
    *sig_len = len - (size_t)(nl + 1 - data);
    return TR_OK;
}

tr_status tr_exch_rapport_write(const tr_ms_key *device, const uint8_t recipient[32],
                                const uint8_t *payload, size_t len,
                                const tr_exch_rapport_meta *meta, uint8_t **out, size_t *out_len,
                                tr_error *err)
{
    char trusted[320], to[TR_FPR_KEYID_HEX], sender[TR_MS_PUB_B64], *inner = NULL;
    size_t inner_len = 0;
    tr_ms_pub pub;
    tr_status st;

    *out = NULL;
    if (!tr_exch_id_ok(meta->report_id))
        return tr_error_set(err, TR_E_INVALID,
                            "the report id must be 1-%d of the characters A-Z a-z 0-9 . _ -",
                            TR_EXCH_ID_MAX);
    if (meta->client && !tr_exch_id_ok(meta->client))
        return tr_error_set(err, TR_E_INVALID,
                            "the client id must be 1-%d of the characters A-Z a-z 0-9 . _ -",
                            TR_EXCH_ID_MAX);
    if (meta->seq < 1)
        return tr_error_set(err, TR_E_INVALID, "the sequence number must be 1 or more");
    tr_ms_key_pub(device, &pub);
    tr_ms_pub_b64(&pub, sender);
    if ((st = tr_exch_payload_check(payload, len, sender, err)) != TR_OK)
        return st;
    tr_fpr_x25519_id(recipient, to);
    snprintf(trusted, sizeof trusted, "%s report:%s to:%s seq:%" PRIu64 "%s%s", TR_EXCH_RAPPORT,
             meta->report_id, to, meta->seq, meta->client ? " client:" : "",
             meta->client ? meta->client : "");
    st = tr_exch_inner_write(device, TR_EXCH_RAPPORT, payload, len, trusted, &inner, &inner_len,
                             err);
    if (st == TR_OK)
        st = tr_age_encrypt(recipient, 1, (const uint8_t *)inner, inner_len, out, out_len, err);
    if (inner) {
        sodium_memzero(inner, inner_len);
        free(inner);
    }
    sodium_memzero(trusted, sizeof trusted); /* the client id (a kiosk's holds its code) */
    return st;
}

/* Maps a failed tr_age_decrypt to a refusal. */
static tr_status age_refusal(const uint8_t *data, size_t len, tr_status st, const tr_error *e2,
                             tr_exch_info *info, tr_error *err)
{
    if (len >= sizeof TR_EXCH_OPPDRAG - 1 &&
        memcmp(data, TR_EXCH_OPPDRAG, sizeof TR_EXCH_OPPDRAG - 1) == 0)
        return tr_exch_refuse(info, err, TR_EXCH_NOT_REPORT, TR_E_INVALID,
                              "this is an assignment (.trinn-oppdrag), not a report");
    switch (st) {
    case TR_E_VERSION:
        return tr_exch_refuse(info, err, TR_EXCH_NOT_REPORT, st, "not a report: %s", e2->msg);
    case TR_E_NOTFOUND:
        return tr_exch_refuse(info, err, TR_EXCH_NOT_FOR_US, st,
                              "this report is not sealed to this team's key: it was sent to "
                              "another team, or altered");
    case TR_E_AUTH:
        return tr_exch_refuse(info, err, TR_EXCH_ALTERED, st, "the report was altered: %s",
                              e2->msg);
    case TR_E_CORRUPT:
        return tr_exch_refuse(info, err, TR_EXCH_TRUNCATED, st, "the report is damaged: %s",
                              e2->msg);
    case TR_E_PARSE:
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, st, "the report is damaged: %s",
                              e2->msg);
    default:
        return tr_exch_refuse(info, err, TR_EXCH_INTERNAL, st, "%s", e2->msg);
    }
}

tr_status tr_exch_rapport_read(const tr_age_identity *team, const uint8_t *data, size_t len,
                               const tr_exch_expect *expect, tr_exch_info *info, tr_error *err)
{
    static const char *const keys[] = {"report", "to", "seq", "client"};
    char vals[4][TR_EXCH_ID_MAX + 1], ours[TR_FPR_KEYID_HEX], sender[TR_MS_PUB_B64];
    uint8_t *inner = NULL;
    size_t inner_len = 0;
    tr_ms_sig sig;
    tr_status st;
    tr_error e2 = {0};

    memset(info, 0, sizeof *info);
    if (len > TR_EXCH_MAX_FILE)
        return tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_TOOBIG,
                              "the file is over %zu MiB: not a report", TR_EXCH_MAX_FILE >> 20);
    st = tr_age_decrypt(team, data, len, &inner, &inner_len, &e2);
    if (st != TR_OK)
        return age_refusal(data, len, st, &e2, info, err);
    if (inner_len < sizeof TR_EXCH_RAPPORT ||
        memcmp(inner, TR_EXCH_RAPPORT "\n", sizeof TR_EXCH_RAPPORT) != 0) {
        st = tr_exch_refuse(info, err, TR_EXCH_UNSIGNED, TR_E_INVALID,
                            "the file opens with this team's key but holds no signed Trinn "
                            "report (sealed with plain age, not by Trinn): its sender cannot be "
                            "known, so it is not imported");
        goto fail;
    }
    st = tr_exch_inner_read(inner, inner_len, TR_EXCH_RAPPORT, expect->signer, TR_EXCH_NOT_REPORT,
                            TR_EXCH_OTHER_SENDER, info, &sig, err);
    if (st != TR_OK) {
        if (info->why == TR_EXCH_TRUNCATED) /* the seal held: the sender signed bad text */
            info->why = TR_EXCH_MALFORMED;
        goto fail;
    }
    if (comment_fields(&sig, TR_EXCH_RAPPORT, keys, 4, 1, vals) != 0 || !tr_exch_id_ok(vals[0]) ||
        strlen(vals[1]) != 16 || seq_parse(vals[2], strlen(vals[2]), &info->seq) != 0 ||
        (vals[3][0] && !tr_exch_id_ok(vals[3]))) {
        st = tr_exch_refuse(info, err, TR_EXCH_MALFORMED, TR_E_PARSE,
                            "the trusted comment is not 'trinn-rapport 1 report:ID to:KEYID "
                            "seq:N[ client:ID]'");
        goto fail;
    }
    memcpy(info->report_id, vals[0], sizeof info->report_id);
    memcpy(info->to, vals[1], sizeof info->to);
    memcpy(info->client, vals[3], sizeof info->client);
    tr_fpr_x25519_id(team->pk, ours);
    if (strcmp(ours, info->to) != 0) {
        st = tr_exch_refuse(info, err, TR_EXCH_FORWARDED, TR_E_INVALID,
                            "this report was signed for another team (key %s, this team's is "
                            "%s) and sealed again to this one: it was forwarded",
                            vals[1], ours);
        goto fail;
    }
    tr_ms_pub_b64(&info->signer, sender);
    if ((st = tr_exch_payload_check((const uint8_t *)info->payload, info->payload_len, sender,
                                    &e2)) != TR_OK) {
        st = tr_exch_refuse(info, err, TR_EXCH_MALFORMED, st, "%s", e2.msg);
        goto fail;
    }
    if (expect->has_last_seq && info->seq <= expect->last_seq)
        st = tr_exch_refuse(info, err, TR_EXCH_REPLAYED, TR_E_INVALID,
                            "this report (number %" PRIu64
                            ") is not newer than the last one opened from this client (number "
                            "%" PRIu64 "): an old or repeated file",
                            info->seq, expect->last_seq);
fail:
    tr_age_free(inner, inner_len);
    return st;
}
