/* tr_team: see tr_team.h and core/EXCHANGE.md §5. */
#include "tr_team.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_b64.h"

static const char CARD_FORMAT[] = "trinn-team-card";

tr_status tr_team_keys_new(tr_team_keys *k, tr_error *err)
{
    tr_status st = tr_ms_keygen(&k->sign, err);
    if (st == TR_OK)
        st = tr_age_keygen(&k->box, err);
    if (st != TR_OK)
        tr_team_keys_wipe(k);
    return st;
}

void tr_team_keys_wipe(tr_team_keys *k)
{
    if (k)
        sodium_memzero(k, sizeof *k);
}

void tr_team_secret_free(char *text, size_t len)
{
    if (text) {
        sodium_memzero(text, len);
        free(text);
    }
}

/* The record text of k: type "keys" with a role, or "member_keys" (role NULL). */
static tr_status keys_text(const tr_team_keys *k, const char *role, const char *ts, char **out,
                           size_t *len, tr_error *err)
{
    uint8_t raw[40];
    char sign[64], box[48];
    size_t cap;
    *out = NULL;
    if (strlen(ts) > 40 || strpbrk(ts, "\"\\"))
        return tr_error_set(err, TR_E_INVALID, "not a time: '%s'", ts);
    memcpy(raw, k->sign.keyid, 8);
    memcpy(raw + 8, k->sign.sk, 32);
    sodium_bin2base64(sign, sizeof sign, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(box, sizeof box, k->box.sk, 32, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(raw, sizeof raw);
    cap = 200 + strlen(ts);
    *out = malloc(cap);
    if (*out && role)
        *len = (size_t)snprintf(*out, cap,
                                "{\"type\":\"keys\",\"ts\":\"%s\",\"role\":\"%s\","
                                "\"sign_secret\":\"%s\",\"box_secret\":\"%s\"}",
                                ts, role, sign, box);
    else if (*out)
        *len = (size_t)snprintf(*out, cap,
                                "{\"type\":\"member_keys\",\"ts\":\"%s\","
                                "\"sign_secret\":\"%s\",\"box_secret\":\"%s\"}",
                                ts, sign, box);
    sodium_memzero(sign, sizeof sign);
    sodium_memzero(box, sizeof box);
    return *out ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory");
}

cJSON *tr_team_keys_secrets_json(const tr_team_keys *k)
{
    uint8_t raw[40];
    char sign[64], box[48];
    cJSON *j = cJSON_CreateObject();
    memcpy(raw, k->sign.keyid, 8);
    memcpy(raw + 8, k->sign.sk, 32);
    sodium_bin2base64(sign, sizeof sign, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(box, sizeof box, k->box.sk, 32, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(raw, sizeof raw);
    if (j && (!cJSON_AddStringToObject(j, "sign_secret", sign) ||
              !cJSON_AddStringToObject(j, "box_secret", box))) {
        cJSON_Delete(j);
        j = NULL;
    }
    sodium_memzero(sign, sizeof sign);
    sodium_memzero(box, sizeof box);
    return j;
}

tr_status tr_team_keys_record(const tr_team_keys *k, const char *role, const char *ts, char **out,
                              size_t *len, tr_error *err)
{
    *out = NULL;
    if (strcmp(role, "team") != 0 && strcmp(role, "device") != 0)
        return tr_error_set(err, TR_E_INVALID, "a key's role is 'team' or 'device'");
    return keys_text(k, role, ts, out, len, err);
}

tr_status tr_team_member_keys_record(const tr_team_keys *k, const char *ts, char **out, size_t *len,
                                     tr_error *err)
{
    return keys_text(k, NULL, ts, out, len, err);
}

/* The string field name of obj, or NULL. */
static const char *str_field(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

tr_status tr_team_keys_from_record(const cJSON *rec, tr_team_keys *k, char role[8], tr_error *err)
{
    const char *r = str_field(rec, "role");
    if (!r || (strcmp(r, "team") != 0 && strcmp(r, "device") != 0))
        return tr_error_set(err, TR_E_INVALID, "keys record: \"role\" is not team or device");
    tr_status st = tr_team_keys_from_secrets(rec, k, err);
    if (st == TR_OK)
        snprintf(role, 8, "%s", r);
    return st;
}

tr_status tr_team_keys_from_secrets(const cJSON *obj, tr_team_keys *k, tr_error *err)
{
    const char *sign = str_field(obj, "sign_secret"), *box = str_field(obj, "box_secret");
    uint8_t raw[40], sk[32];
    size_t got = 0, got2 = 0;
    tr_status st = TR_OK;
    if (!sign || tr_b64_decode(sign, strlen(sign), raw, sizeof raw, &got, 1) != 0 || got != 40 ||
        !box || tr_b64_decode(box, strlen(box), sk, sizeof sk, &got2, 1) != 0 || got2 != 32)
        st = tr_error_set(err, TR_E_INVALID, "\"sign_secret\" or \"box_secret\" is damaged");
    if (st == TR_OK)
        st = tr_ms_key_from_seed(&k->sign, raw, raw + 8, err);
    if (st == TR_OK)
        st = tr_age_identity_from_secret(&k->box, sk, err);
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(sk, sizeof sk);
    if (st != TR_OK)
        tr_team_keys_wipe(k);
    return st;
}

/* 1 when s is at most TR_TEAM_TEXT_MAX bytes without control characters. */
static int text_ok(const char *s)
{
    size_t n = strlen(s);
    if (n > TR_TEAM_TEXT_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 32 || s[i] == 127)
            return 0;
    return 1;
}

static void card_fingerprint(const tr_team_card *card, char out[TR_FPR_TEXT])
{
    uint8_t keys[64];
    memcpy(keys, card->sign.pk, 32);
    memcpy(keys + 32, card->box, 32);
    tr_fpr_keys(keys, 2, out);
}

tr_status tr_team_card_make(tr_team_card *card, const tr_team_keys *k, const char *service,
                            const char *therapist, const char *phone, const char *hours,
                            tr_error *err)
{
    const char *texts[4] = {service ? service : "", therapist ? therapist : "", phone ? phone : "",
                            hours ? hours : ""};
    static const char *const names[4] = {"service", "therapist", "phone", "hours"};
    char *dst[4] = {card->service, card->therapist, card->phone, card->hours};
    memset(card, 0, sizeof *card);
    for (int i = 0; i < 4; i++) {
        if (!text_ok(texts[i]))
            return tr_error_set(err, TR_E_INVALID,
                                "the team card's %s must be at most %d bytes on one line", names[i],
                                TR_TEAM_TEXT_MAX);
        memcpy(dst[i], texts[i], strlen(texts[i]) + 1);
    }
    tr_ms_key_pub(&k->sign, &card->sign);
    memcpy(card->box, k->box.pk, 32);
    card_fingerprint(card, card->fingerprint);
    return TR_OK;
}

cJSON *tr_team_card_json(const tr_team_card *card)
{
    char sign[TR_MS_PUB_B64], box[TR_AGE_KEY_STR];
    cJSON *j = cJSON_CreateObject();
    tr_ms_pub_b64(&card->sign, sign);
    tr_age_recipient_str(card->box, box);
    if (!j || !cJSON_AddStringToObject(j, "format", CARD_FORMAT) ||
        !cJSON_AddNumberToObject(j, "version", 1) ||
        !cJSON_AddStringToObject(j, "service", card->service) ||
        !cJSON_AddStringToObject(j, "therapist", card->therapist) ||
        !cJSON_AddStringToObject(j, "phone", card->phone) ||
        !cJSON_AddStringToObject(j, "hours", card->hours) ||
        !cJSON_AddStringToObject(j, "sign_key", sign) ||
        !cJSON_AddStringToObject(j, "box_key", box) ||
        !cJSON_AddStringToObject(j, "fingerprint", card->fingerprint)) {
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

tr_status tr_team_card_parse(const cJSON *json, tr_team_card *card, tr_error *err)
{
    static const char *const names[4] = {"service", "therapist", "phone", "hours"};
    char *dst[4] = {card->service, card->therapist, card->phone, card->hours};
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(json, "version");
    const char *format = str_field(json, "format"), *sign = str_field(json, "sign_key");
    const char *box = str_field(json, "box_key"), *fpr = str_field(json, "fingerprint");
    char want[TR_FPR_TEXT];
    tr_error e2 = {0};
    memset(card, 0, sizeof *card);
    if (!cJSON_IsObject(json) || !format || strcmp(format, CARD_FORMAT) != 0)
        return tr_error_set(err, TR_E_INVALID, "not a Trinn team card (no \"format\": \"%s\")",
                            CARD_FORMAT);
    if (!cJSON_IsNumber(version) || version->valuedouble != 1)
        return tr_error_set(err, TR_E_VERSION,
                            "a team card of another version than 1: update Trinn");
    for (int i = 0; i < 4; i++) {
        const char *s = str_field(json, names[i]);
        if (!s || !text_ok(s))
            return tr_error_set(err, TR_E_INVALID,
                                "team card: \"%s\" must be a string of at most %d bytes on one "
                                "line",
                                names[i], TR_TEAM_TEXT_MAX);
        memcpy(dst[i], s, strlen(s) + 1);
    }
    if (!sign || strlen(sign) != TR_MS_PUB_B64 - 1 ||
        tr_ms_pub_parse(sign, strlen(sign), &card->sign, &e2) != TR_OK)
        return tr_error_set(err, TR_E_INVALID,
                            "team card: \"sign_key\" is not a minisign "
                            "public key");
    if (!box || tr_age_recipient_parse(box, card->box, &e2) != TR_OK)
        return tr_error_set(err, TR_E_INVALID, "team card: \"box_key\" is not an age1 key (%s)",
                            e2.msg);
    card_fingerprint(card, want);
    if (!fpr || !tr_fpr_match(fpr, want))
        return tr_error_set(err, TR_E_INVALID,
                            "team card: its fingerprint is not that of its keys: the card was "
                            "altered; ask the team for it again");
    memcpy(card->fingerprint, want, sizeof want);
    return TR_OK;
}
