/* tr_care_report: reports, client to team (tr_care.h, core/EXCHANGE.md §7). */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_care.h"
#include "tr_care_priv.h"
#include "tr_feedback.h"
#include "tr_json.h"

static const char REPORT_FORMAT[] = "trinn-report";

void tr_care_report_free(tr_care_report_result *res)
{
    if (!res)
        return;
    free(res->file);
    free(res->record);
    memset(res, 0, sizeof *res);
}

void tr_care_open_free(tr_care_open_result *res)
{
    if (!res)
        return;
    cJSON_Delete(res->payload);
    free(res->device_record);
    free(res->opened_record);
    memset(res, 0, sizeof *res);
}

/* 1 when the client chose to share records of this type. */
static int chosen(const tr_care_report_opts *o, const char *type)
{
    const tr_care_kind *k = tr_care_kind_of(type);
    return k && tr_care_kind_on(o, k);
}

/* Builds the payload: the chosen records, every risk record, the list of risks. */
static cJSON *report_payload(const tr_care_state *s, const tr_care_report_opts *o, const char *now,
                             tr_care_report_result *res)
{
    char sender[TR_MS_PUB_B64];
    tr_ms_pub pub;
    const cJSON *rec;
    cJSON *p = cJSON_CreateObject(), *recs, *risks, *shared, *asks;
    if (!p)
        return NULL;
    tr_ms_key_pub(&s->keys.sign, &pub);
    tr_ms_pub_b64(&pub, sender);
    cJSON_AddStringToObject(p, "format", REPORT_FORMAT);
    cJSON_AddNumberToObject(p, "version", 1);
    cJSON_AddStringToObject(p, "sender_key", sender);
    if (s->client_id[0])
        cJSON_AddStringToObject(p, "client", s->client_id);
    cJSON_AddStringToObject(p, "created", now);
    cJSON_AddStringToObject(p, "from", o->from ? o->from : "");
    cJSON_AddStringToObject(p, "to", o->to ? o->to : "");
    shared = cJSON_AddArrayToObject(p, "shared");
    for (size_t i = 0; shared && i < tr_care_n_kinds; i++)
        if (tr_care_kind_on(o, &tr_care_kinds[i]))
            cJSON_AddItemToArray(shared, cJSON_CreateString(tr_care_kinds[i].name));
    risks = cJSON_AddArrayToObject(p, "risk");
    asks = cJSON_AddArrayToObject(p, "requests");
    recs = cJSON_AddArrayToObject(p, "records");
    if (!shared || !risks || !asks || !recs) {
        cJSON_Delete(p);
        return NULL;
    }
    cJSON_ArrayForEach(rec, o->records)
    {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(rec, "type");
        const cJSON *ts = cJSON_GetObjectItemCaseSensitive(rec, "ts");
        int is_risk, is_chosen;
        if (!cJSON_IsString(type) || !cJSON_IsString(ts))
            continue;
        cJSON *flag = cJSON_CreateObject();
        cJSON_AddStringToObject(flag, "ts", ts->valuestring);
        cJSON_AddStringToObject(flag, "type", type->valuestring);
        is_risk = flag && o->risk && o->risk(o->risk_user, rec, flag);
        is_chosen = chosen(o, type->valuestring);
        if (tr_feedback_forced(rec)) { /* the client asked for this to reach the team */
            cJSON *ask = cJSON_CreateObject();
            cJSON_AddStringToObject(ask, "ts", ts->valuestring);
            cJSON_AddStringToObject(ask, "request", "change_therapist");
            cJSON_AddItemToArray(asks, ask);
            is_chosen = 1;
        }
        if (!is_risk)
            cJSON_Delete(flag);
        if (!is_risk && !is_chosen)
            continue;
        if (is_risk) {
            cJSON_AddItemToArray(risks, flag);
            res->n_risk++;
            res->n_forced += !is_chosen;
        }
        cJSON_AddItemToArray(recs, cJSON_Duplicate(rec, 1));
        res->n_records++;
    }
    return p;
}

tr_status tr_care_report(const tr_care_state *s, const tr_team_card *to,
                         const tr_care_report_opts *o, const char *now, tr_care_report_result *res,
                         tr_error *err)
{
    uint8_t rnd[4];
    char hex[9], to_id[TR_FPR_KEYID_HEX], rec[320];
    char *text = NULL;
    cJSON *p;
    tr_status st;

    memset(res, 0, sizeof *res);
    if (!s->has_keys)
        return tr_error_set(err, TR_E_INVALID, "this profile has no device key yet");
    if (s->has_pin && strcmp(s->pin.fingerprint, to->fingerprint) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "this team card's fingerprint (%s) is not that of the team you "
                            "paired with (%s): the card changed or is another team's; ask your "
                            "therapist",
                            to->fingerprint, s->pin.fingerprint);
    res->seq = s->last_report_seq + 1;
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    snprintf(res->report_id, sizeof res->report_id, "r%" PRIu64 "-%s", res->seq, hex);
    p = report_payload(s, o, now, res);
    if (p) {
        cJSON_AddStringToObject(p, "report", res->report_id);
        text = cJSON_PrintUnformatted(p);
    }
    cJSON_Delete(p);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    tr_exch_rapport_meta meta = {res->report_id, res->seq, s->client_id[0] ? s->client_id : NULL};
    st = tr_exch_rapport_write(&s->keys.sign, to->box, (const uint8_t *)text, strlen(text), &meta,
                               &res->file, &res->file_len, err);
    sodium_memzero(text, strlen(text));
    cJSON_free(text);
    if (st != TR_OK) {
        tr_care_report_free(res);
        return st;
    }
    tr_fpr_x25519_id(to->box, to_id);
    snprintf(rec, sizeof rec,
             "{\"type\":\"report_sent\",\"ts\":\"%s\",\"report\":\"%s\",\"seq\":%" PRIu64
             ",\"to\":\"%s\",\"records\":%zu,\"risk\":%zu}",
             now, res->report_id, res->seq, to_id, res->n_records, res->n_risk);
    res->record = strdup(rec);
    if (!res->record) {
        tr_care_report_free(res);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    return TR_OK;
}

static tr_status refuse(tr_care_open_result *res, tr_error *err, tr_exch_why why, const char *msg)
{
    tr_care_open_free(res);
    res->why = why;
    return tr_error_set(err, TR_E_INVALID, "%s", msg);
}

tr_status tr_care_open(const tr_care_state *s, const uint8_t *data, size_t len, const char *who,
                       const char *now, tr_care_open_result *res, tr_error *err)
{
    tr_exch_expect first = {0};
    tr_exch_info info;
    tr_care_client *c;
    tr_ms_pub signer;
    char id[TR_MS_KEYID_HEX], b64[TR_MS_PUB_B64];
    const cJSON *format, *version;
    tr_status st;
    cJSON *rec;

    memset(res, 0, sizeof *res);
    if (!s->has_keys || strcmp(s->role, "team") != 0)
        return refuse(res, err, TR_EXCH_INTERNAL, "this is not a therapist profile with team keys");
    st = tr_exch_rapport_read(&s->keys.box, data, len, &first, &info, err);
    if (st != TR_OK) {
        res->why = info.why;
        return st;
    }
    signer = info.signer;
    tr_ms_keyid_hex(signer.keyid, id);
    if (info.client[0])
        snprintf(res->client, sizeof res->client, "%s", info.client);
    else
        snprintf(res->client, sizeof res->client, "device-%s", id);
    snprintf(res->report_id, sizeof res->report_id, "%s", info.report_id);
    res->seq = info.seq;
    tr_fpr_keys(signer.pk, 1, res->sender_fingerprint);
    res->payload = tr_json_parse(info.payload, info.payload_len, "report", err);
    format = cJSON_GetObjectItemCaseSensitive(res->payload, "format");
    version = cJSON_GetObjectItemCaseSensitive(res->payload, "version");
    tr_exch_info_free(&info);
    if (!res->payload || !cJSON_IsString(format) ||
        strcmp(format->valuestring, REPORT_FORMAT) != 0 || !cJSON_IsNumber(version) ||
        version->valuedouble != 1)
        return refuse(res, err, TR_EXCH_MALFORMED, "the payload is not a version 1 report");
    c = tr_care_client_slot((tr_care_state *)s, res->client, 0);
    if (c && c->has_device && sodium_memcmp(&c->device, &signer, sizeof c->device) != 0)
        return refuse(res, err, TR_EXCH_OTHER_SENDER,
                      "this report is signed by another device than the one this client's "
                      "reports came from before: compare the device fingerprint with the "
                      "client at the next session");
    if (c && res->seq <= c->last_report_seq)
        return refuse(res, err, TR_EXCH_REPLAYED,
                      "this report is not newer than the last one opened from this client: an "
                      "old or repeated file");
    res->first = !(c && c->has_device);
    if (res->first) {
        rec = cJSON_CreateObject();
        tr_ms_pub_b64(&signer, b64);
        cJSON_AddStringToObject(rec, "type", "client_device");
        cJSON_AddStringToObject(rec, "ts", now);
        cJSON_AddStringToObject(rec, "client", res->client);
        cJSON_AddStringToObject(rec, "sign_key", b64);
        cJSON_AddStringToObject(rec, "fingerprint", res->sender_fingerprint);
        res->device_record = cJSON_PrintUnformatted(rec);
        cJSON_Delete(rec);
    }
    rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "type", "report_opened");
    cJSON_AddStringToObject(rec, "ts", now);
    cJSON_AddStringToObject(rec, "report", res->report_id);
    cJSON_AddStringToObject(rec, "client", res->client);
    cJSON_AddNumberToObject(rec, "seq", (double)res->seq);
    cJSON_AddStringToObject(rec, "by", who ? who : "");
    res->opened_record = cJSON_PrintUnformatted(rec);
    cJSON_Delete(rec);
    if (!res->opened_record || (res->first && !res->device_record))
        return refuse(res, err, TR_EXCH_INTERNAL, "out of memory");
    res->why = TR_EXCH_OK;
    return TR_OK;
}
