/* tr_kiosk: the kiosk's key file, staff PIN, reference codes and hand-ins (tr_kiosk.h). */
#include "tr_kiosk.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_b64.h"
#include "tr_care.h"
#include "tr_fpr.h"
#include "tr_journal.h"
#include "tr_json.h"

static const char KEY_FORMAT[] = "trinn-kiosk-key";

tr_status tr_kiosk_key_new(char **out, size_t *len, tr_ms_pub *pub, tr_error *err)
{
    tr_ms_key key;
    uint8_t raw[40];
    char b64[sodium_base64_ENCODED_LEN(40, sodium_base64_VARIANT_ORIGINAL)], pubtext[TR_MS_PUB_B64];
    tr_status st = tr_ms_keygen(&key, err);
    *out = NULL;
    *len = 0;
    if (st != TR_OK)
        return st;
    memcpy(raw, key.keyid, 8);
    memcpy(raw + 8, key.sk, 32); /* libsodium's secret key starts with the seed */
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    tr_ms_key_pub(&key, pub);
    tr_ms_pub_b64(pub, pubtext);
    size_t cap = strlen(b64) + 200;
    *out = malloc(cap);
    if (*out) {
        int n = snprintf(*out, cap,
                         "{\"format\": \"%s\", \"version\": 1,\n \"sign_secret\": \"%s\",\n "
                         "\"sign_key\": \"%s\"}\n",
                         KEY_FORMAT, b64, pubtext);
        *len = n > 0 ? (size_t)n : 0;
    }
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(b64, sizeof b64);
    tr_ms_key_wipe(&key);
    return *out ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory");
}

tr_status tr_kiosk_key_parse(const char *text, size_t len, tr_ms_key *key, tr_error *err)
{
    uint8_t raw[40];
    size_t got = 0;
    tr_ms_pub pub, want;
    tr_status st = TR_OK;
    memset(key, 0, sizeof *key);
    cJSON *j = tr_json_parse(text, len, "key file", err);
    if (!j)
        return TR_E_PARSE;
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, "format");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "version");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "sign_secret");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "sign_key");
    if (!cJSON_IsString(f) || strcmp(f->valuestring, KEY_FORMAT) != 0)
        st = tr_error_set(err, TR_E_INVALID, "not a kiosk key file (\"format\" is not \"%s\")",
                          KEY_FORMAT);
    else if (!cJSON_IsNumber(v) || v->valuedouble != 1)
        st = tr_error_set(err, TR_E_VERSION, "\"version\": this Trinn reads version 1 only");
    else if (!cJSON_IsString(s) ||
             tr_b64_decode(s->valuestring, strlen(s->valuestring), raw, sizeof raw, &got, 1) != 0 ||
             got != 40)
        st = tr_error_set(err, TR_E_INVALID, "\"sign_secret\" is damaged");
    else if (!cJSON_IsString(p) ||
             tr_ms_pub_parse(p->valuestring, strlen(p->valuestring), &want, err) != TR_OK)
        st = tr_error_set(err, TR_E_INVALID, "\"sign_key\" is not a minisign public key");
    if (st == TR_OK)
        st = tr_ms_key_from_seed(key, raw, raw + 8, err);
    if (st == TR_OK) {
        tr_ms_key_pub(key, &pub);
        if (sodium_memcmp(&pub, &want, sizeof pub) != 0)
            st = tr_error_set(err, TR_E_INVALID,
                              "\"sign_key\" is not the public half of \"sign_secret\": the file "
                              "was altered");
    }
    sodium_memzero(raw, sizeof raw);
    cJSON_Delete(j); /* tr_json_wipe_on_free: the base64 secret is wiped with the tree */
    if (st != TR_OK)
        tr_ms_key_wipe(key);
    return st;
}

/* 1 when pin[0..len) is TR_KIOSK_PIN_MIN..MAX ASCII digits. */
static int pin_form(const char *pin, size_t len)
{
    if (len < TR_KIOSK_PIN_MIN || len > TR_KIOSK_PIN_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

tr_status tr_kiosk_pin_hash(const char *pin, size_t len, char out[TR_KIOSK_HASH_MAX], tr_error *err)
{
    out[0] = '\0';
    if (!pin_form(pin, len))
        return tr_error_set(err, TR_E_INVALID,
                            "the staff PIN must be %d to %d digits (the kiosk has a number pad "
                            "only)",
                            TR_KIOSK_PIN_MIN, TR_KIOSK_PIN_MAX);
    if (sodium_init() < 0 ||
        crypto_pwhash_str_alg(out, pin, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return tr_error_set(err, TR_E_CRYPTO,
                            "Argon2id could not run (the 64 MiB it needs were refused)");
    return TR_OK;
}

tr_status tr_kiosk_pin_hash_parse(const char *text, size_t len, char out[TR_KIOSK_HASH_MAX],
                                  tr_error *err)
{
    static const char prefix[] = "$argon2id$";
    out[0] = '\0';
    if (len > 0 && text[len - 1] == '\n')
        len--;
    if (len < sizeof prefix || len >= TR_KIOSK_HASH_MAX ||
        memcmp(text, prefix, sizeof prefix - 1) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "not an Argon2id PIN hash (one line starting $argon2id$; make it "
                            "with trinnctl kiosk pin)");
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] <= 32 || (unsigned char)text[i] >= 127)
            return tr_error_set(err, TR_E_INVALID,
                                "the PIN hash holds a character no hash has (at byte %zu)", i + 1);
    memcpy(out, text, len);
    out[len] = '\0';
    return TR_OK;
}

int tr_kiosk_pin_check(const char *hash, const char *pin, size_t len)
{
    if (!pin_form(pin, len))
        return 0;
    if (sodium_init() < 0)
        return -1;
    /* crypto_pwhash_str_verify returns -1 for a wrong PIN and for refused memory alike; a hash
     * whose cost this machine cannot give is told apart by its needs_rehash check first */
    int rc = crypto_pwhash_str_verify(hash, pin, len);
    if (rc == 0)
        return 1;
    return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0
               ? -1
               : 0;
}

void tr_kiosk_ref_new(char ref[TR_KIOSK_REF_LEN + 1])
{
    static const char digits[] = "23456789";
    for (int i = 0; i < TR_KIOSK_REF_LEN; i++)
        ref[i] = digits[randombytes_uniform(8)];
    ref[TR_KIOSK_REF_LEN] = '\0';
}

void tr_kiosk_ref_show(const char *ref, char out[TR_KIOSK_REF_SHOWN])
{
    snprintf(out, TR_KIOSK_REF_SHOWN, "%.3s %.3s", ref, strlen(ref) > 3 ? ref + 3 : "");
}

int tr_kiosk_client_ref(const char *client, char *ref)
{
    static const char prefix[] = "kiosk-";
    size_t p = sizeof prefix - 1;
    if (!client || strlen(client) != p + 8 + 1 + TR_KIOSK_REF_LEN ||
        strncmp(client, prefix, p) != 0 || client[p + 8] != '-')
        return 0;
    for (size_t i = p; i < p + 8; i++)
        if (client[i] < '0' || client[i] > '9')
            return 0;
    for (size_t i = p + 9; client[i]; i++)
        if (client[i] < '2' || client[i] > '9')
            return 0;
    if (ref)
        memcpy(ref, client + p + 9, TR_KIOSK_REF_LEN + 1);
    return 1;
}

/* The risk rule of a hand-in: the assessment's own risk level, as the triage engine found it. */
static int assessment_risk(void *user, const cJSON *rec, cJSON *flag)
{
    (void)user;
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(rec, "risk");
    if (!cJSON_IsString(risk) || strcmp(risk->valuestring, "none") == 0)
        return 0;
    char what[64];
    snprintf(what, sizeof what, "assessment risk %.20s", risk->valuestring);
    cJSON_AddStringToObject(flag, "what", what);
    cJSON_AddStringToObject(flag, "risk", risk->valuestring);
    return 1;
}

tr_status tr_kiosk_handin(const tr_ms_key *key, const tr_team_card *card, const cJSON *assessment,
                          const char *ref, const char *now, int64_t now_s, uint8_t **file,
                          size_t *file_len, char client[TR_KIOSK_CLIENT_MAX], tr_error *err)
{
    tr_care_state s;
    tr_care_report_result res = {0};
    char day[11];
    *file = NULL;
    *file_len = 0;
    client[0] = '\0';
    if (!now || strlen(now) < 10 || now_s < 1 || !ref || strlen(ref) != TR_KIOSK_REF_LEN)
        return tr_error_set(err, TR_E_INVALID, "hand-in: no time or reference code");
    snprintf(day, sizeof day, "%.4s%.2s%.2s", now, now + 5, now + 8);
    snprintf(client, TR_KIOSK_CLIENT_MAX, "kiosk-%s-%s", day, ref);
    if (!tr_kiosk_client_ref(client, NULL)) {
        client[0] = '\0';
        return tr_error_set(err, TR_E_INVALID, "hand-in: the time or code is of the wrong form");
    }
    cJSON *records = cJSON_CreateArray();
    cJSON *copy = cJSON_Duplicate(assessment, 1);
    if (!records || !copy) {
        cJSON_Delete(records);
        cJSON_Delete(copy);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_AddItemToArray(records, copy);
    memset(&s, 0, sizeof s);
    s.has_keys = 1;
    snprintf(s.role, sizeof s.role, "device");
    s.keys.sign = *key;
    snprintf(s.client_id, sizeof s.client_id, "%s", client);
    s.last_report_seq = (uint64_t)now_s - 1; /* the report's number is now_s */
    char date[11];
    snprintf(date, sizeof date, "%.10s", now);
    tr_care_report_opts o = {
        .records = records, .assessment = 1, .from = date, .to = date, .risk = assessment_risk};
    tr_status st = tr_care_report(&s, card, &o, now, &res, err);
    tr_care_state_free(&s);
    sodium_memzero(&s, sizeof s); /* a copy of the device key and the client id */
    cJSON_Delete(records);        /* wiped as it is freed where tr_json_wipe_on_free is on */
    if (st != TR_OK) {
        client[0] = '\0';
        return st;
    }
    *file = res.file;
    *file_len = res.file_len;
    res.file = NULL;
    tr_care_report_free(&res);
    return TR_OK;
}

int tr_kiosk_spool_name(const char *client, char *out, size_t size)
{
    int n = snprintf(out, size, "%s.trinn-rapport", client);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

int tr_kiosk_label_ok(const char *label)
{
    size_t n = label ? strlen(label) : 0;
    if (n < 1 || n > TR_KIOSK_LABEL_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)label[i] < 32 || label[i] == 127)
            return 0;
    return 1;
}

char *tr_kiosk_enrol_record(const tr_ms_pub *pub, int revoked, const char *ts, const char *label)
{
    char b64[TR_MS_PUB_B64], fpr[TR_FPR_TEXT];
    if (label && label[0] && (revoked || !tr_kiosk_label_ok(label)))
        return NULL;
    tr_ms_pub_b64(pub, b64);
    tr_fpr_keys(pub->pk, 1, fpr);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", revoked ? "kiosk_revoked" : "kiosk_enrolled");
    cJSON_AddStringToObject(r, "ts", ts);
    cJSON_AddStringToObject(r, "sign_key", b64);
    cJSON_AddStringToObject(r, "fingerprint", fpr);
    if (label && label[0])
        cJSON_AddStringToObject(r, "label", label);
    char *text = r ? cJSON_PrintUnformatted(r) : NULL;
    cJSON_Delete(r);
    return text;
}

/* Notes pub (and its label, "" = keep any given before) as enrolled or revoked in e. */
static tr_status note_kiosk(tr_kiosk_enrolled *e, const tr_ms_pub *pub, int revoked,
                            const char *label, tr_error *err)
{
    char fpr[TR_FPR_TEXT];
    tr_fpr_keys(pub->pk, 1, fpr);
    size_t i = 0;
    while (i < e->n && strcmp(e->fingerprint[i], fpr) != 0)
        i++;
    if (i == e->n && i == TR_KIOSK_MAX_ENROLLED)
        return tr_error_set(err, TR_E_TOOBIG, "more than %d kiosks enrolled",
                            TR_KIOSK_MAX_ENROLLED);
    if (i == e->n) {
        memcpy(e->fingerprint[e->n], fpr, sizeof fpr);
        e->label[e->n][0] = '\0';
        e->n++;
    }
    e->pub[i] = *pub;
    e->revoked[i] = revoked;
    if (label && label[0])
        snprintf(e->label[i], sizeof e->label[i], "%s", label);
    return TR_OK;
}

tr_status tr_kiosk_enrolled_visit(void *user, const struct tr_journal_record *rec, tr_error *err)
{
    tr_kiosk_enrolled *e = user;
    int revoked = strcmp(rec->type, "kiosk_revoked") == 0;
    if (!revoked && strcmp(rec->type, "kiosk_enrolled") != 0)
        return TR_OK;
    cJSON *j = cJSON_ParseWithLength(rec->json, rec->json_len);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "sign_key");
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(j, "label");
    tr_ms_pub pub;
    tr_status st;
    if (!cJSON_IsString(k) ||
        tr_ms_pub_parse(k->valuestring, strlen(k->valuestring), &pub, NULL) != TR_OK ||
        (l && (!cJSON_IsString(l) || !tr_kiosk_label_ok(l->valuestring))))
        st = tr_error_set(err, TR_E_CORRUPT, "journal record %llu (%s) is damaged",
                          (unsigned long long)rec->seq, rec->type);
    else
        st = note_kiosk(e, &pub, revoked, l ? l->valuestring : NULL, err);
    cJSON_Delete(j);
    return st;
}

cJSON *tr_kiosk_card_list(const tr_kiosk_enrolled *e)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; list && i < e->n; i++) {
        char id[TR_MS_KEYID_HEX], b64[TR_MS_PUB_B64];
        if (e->revoked[i])
            continue; /* a revoked kiosk drops off the card */
        cJSON *k = cJSON_CreateObject();
        tr_ms_keyid_hex(e->pub[i].keyid, id);
        tr_ms_pub_b64(&e->pub[i], b64);
        if (!cJSON_AddItemToArray(list, k) || !cJSON_AddStringToObject(k, "key_id", id) ||
            !cJSON_AddStringToObject(k, "sign_key", b64) ||
            !cJSON_AddStringToObject(k, "fingerprint", e->fingerprint[i]) ||
            (e->label[i][0] && !cJSON_AddStringToObject(k, "label", e->label[i]))) {
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

tr_status tr_kiosk_card_read(const cJSON *card, tr_kiosk_enrolled *out, tr_error *err)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(card, "kiosks"), *k;
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (!list)
        return TR_OK; /* a card from before kiosks were listed */
    if (!cJSON_IsArray(list))
        return tr_error_set(err, TR_E_INVALID, "team card: \"kiosks\" must be a list");
    if (cJSON_GetArraySize(list) > TR_KIOSK_MAX_ENROLLED)
        return tr_error_set(err, TR_E_INVALID, "team card: more than %d kiosks",
                            TR_KIOSK_MAX_ENROLLED);
    cJSON_ArrayForEach(k, list)
    {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(k, "sign_key");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(k, "key_id");
        const cJSON *fpr = cJSON_GetObjectItemCaseSensitive(k, "fingerprint");
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(k, "label");
        char want_id[TR_MS_KEYID_HEX], want_fpr[TR_FPR_TEXT];
        tr_ms_pub pub;
        i++;
        if (!cJSON_IsString(key) ||
            tr_ms_pub_parse(key->valuestring, strlen(key->valuestring), &pub, NULL) != TR_OK) {
            memset(out, 0, sizeof *out);
            return tr_error_set(err, TR_E_INVALID,
                                "team card: kiosk %zu: \"sign_key\" is not a minisign public "
                                "key",
                                i);
        }
        tr_ms_keyid_hex(pub.keyid, want_id);
        tr_fpr_keys(pub.pk, 1, want_fpr);
        if (!cJSON_IsString(id) || strcmp(id->valuestring, want_id) != 0 || !cJSON_IsString(fpr) ||
            !tr_fpr_match(fpr->valuestring, want_fpr)) {
            memset(out, 0, sizeof *out);
            return tr_error_set(err, TR_E_INVALID,
                                "team card: kiosk %zu: its key id or fingerprint is not that of "
                                "its key: the card was altered; ask the team for it again",
                                i);
        }
        if (label && (!cJSON_IsString(label) || !tr_kiosk_label_ok(label->valuestring))) {
            memset(out, 0, sizeof *out);
            return tr_error_set(err, TR_E_INVALID,
                                "team card: kiosk %zu: \"label\" must be 1-%d bytes on one line", i,
                                TR_KIOSK_LABEL_MAX);
        }
        note_kiosk(out, &pub, 0, label ? label->valuestring : NULL, NULL);
    }
    return TR_OK;
}

int tr_kiosk_enrolled_state(const tr_kiosk_enrolled *e, const char *fingerprint)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->fingerprint[i], fingerprint) == 0)
            return e->revoked[i] ? 2 : 1;
    return 0;
}
