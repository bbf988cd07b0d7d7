/* tr_team_member: see tr_team_member.h and core/EXCHANGE.md §8. */
#include "tr_team_member.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char MEMBER_FORMAT[] = "trinn-member-card";

static const char *str_field(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 when s is 1..TR_TEAM_TEXT_MAX bytes without control characters. */
static int name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > TR_TEAM_TEXT_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 32 || s[i] == 127)
            return 0;
    return 1;
}

static void member_fingerprint(const tr_team_member *m, char out[TR_FPR_TEXT])
{
    uint8_t keys[64];
    memcpy(keys, m->sign.pk, 32);
    memcpy(keys + 32, m->box, 32);
    tr_fpr_keys(keys, 2, out);
}

tr_status tr_team_member_make(tr_team_member *m, const tr_team_keys *k, const char *name,
                              tr_error *err)
{
    memset(m, 0, sizeof *m);
    if (!name_ok(name))
        return tr_error_set(err, TR_E_INVALID, "a therapist's name must be 1-%d bytes on one line",
                            TR_TEAM_TEXT_MAX);
    memcpy(m->name, name, strlen(name) + 1);
    tr_ms_key_pub(&k->sign, &m->sign);
    memcpy(m->box, k->box.pk, 32);
    member_fingerprint(m, m->fingerprint);
    return TR_OK;
}

cJSON *tr_team_member_json(const tr_team_member *m, int card)
{
    char sign[TR_MS_PUB_B64], box[TR_AGE_KEY_STR];
    cJSON *j = cJSON_CreateObject();
    tr_ms_pub_b64(&m->sign, sign);
    tr_age_recipient_str(m->box, box);
    if (!j ||
        (card && (!cJSON_AddStringToObject(j, "format", MEMBER_FORMAT) ||
                  !cJSON_AddNumberToObject(j, "version", 1))) ||
        !cJSON_AddStringToObject(j, "name", m->name) ||
        !cJSON_AddStringToObject(j, "sign_key", sign) ||
        !cJSON_AddStringToObject(j, "box_key", box) ||
        !cJSON_AddStringToObject(j, "fingerprint", m->fingerprint)) {
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

tr_status tr_team_member_parse(const cJSON *json, int card, tr_team_member *m, tr_error *err)
{
    const char *what = card ? "member card" : "roster entry";
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(json, "version");
    const char *format = str_field(json, "format"), *name = str_field(json, "name");
    const char *sign = str_field(json, "sign_key"), *box = str_field(json, "box_key");
    const char *fpr = str_field(json, "fingerprint");
    char want[TR_FPR_TEXT];
    tr_error e2 = {0};
    memset(m, 0, sizeof *m);
    if (!cJSON_IsObject(json))
        return tr_error_set(err, TR_E_INVALID, "a %s must be a JSON object", what);
    if (card && (!format || strcmp(format, MEMBER_FORMAT) != 0))
        return tr_error_set(err, TR_E_INVALID,
                            "not a Trinn member card (no \"format\": \"%s\"); the new therapist "
                            "makes it with `trinnctl team member`",
                            MEMBER_FORMAT);
    if (card && (!cJSON_IsNumber(version) || version->valuedouble != 1))
        return tr_error_set(err, TR_E_VERSION,
                            "a member card of another version than 1: update Trinn");
    if (!name_ok(name))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: \"name\" must be a string of 1-%d bytes on one line", what,
                            TR_TEAM_TEXT_MAX);
    memcpy(m->name, name, strlen(name) + 1);
    if (!sign || strlen(sign) != TR_MS_PUB_B64 - 1 ||
        tr_ms_pub_parse(sign, strlen(sign), &m->sign, &e2) != TR_OK)
        return tr_error_set(err, TR_E_INVALID, "%s: \"sign_key\" is not a minisign public key",
                            what);
    if (!box || tr_age_recipient_parse(box, m->box, &e2) != TR_OK)
        return tr_error_set(err, TR_E_INVALID, "%s: \"box_key\" is not an age1 key (%s)", what,
                            e2.msg);
    member_fingerprint(m, want);
    if (!fpr || !tr_fpr_match(fpr, want))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: its fingerprint is not that of its keys: it was altered; ask "
                            "the therapist for it again",
                            what);
    memcpy(m->fingerprint, want, sizeof want);
    return TR_OK;
}

int tr_team_roster_find(const tr_team_roster *r, const char *who)
{
    int found = -1;
    for (size_t i = 0; i < r->n; i++)
        if (tr_fpr_match(who, r->members[i].fingerprint))
            return (int)i;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(who, r->members[i].name) == 0)
            found = found == -1 ? (int)i : -2;
    return found;
}

int tr_team_roster_find_key(const tr_team_roster *r, const tr_ms_pub *pub)
{
    for (size_t i = 0; i < r->n; i++)
        if (memcmp(&r->members[i].sign, pub, sizeof *pub) == 0)
            return (int)i;
    return -1;
}

tr_status tr_team_roster_add(tr_team_roster *r, const tr_team_member *m, tr_error *err)
{
    if (tr_team_roster_find(r, m->fingerprint) >= 0 || tr_team_roster_find_key(r, &m->sign) >= 0)
        return tr_error_set(err, TR_E_INVALID, "%s (%s) is a member of the team already", m->name,
                            m->fingerprint);
    if (r->n >= TR_TEAM_MAX_MEMBERS)
        return tr_error_set(err, TR_E_INVALID, "a team has at most %d members",
                            TR_TEAM_MAX_MEMBERS);
    r->members[r->n++] = *m;
    return TR_OK;
}

void tr_team_roster_remove(tr_team_roster *r, size_t i)
{
    if (i >= r->n)
        return;
    memmove(&r->members[i], &r->members[i + 1], (r->n - i - 1) * sizeof r->members[0]);
    r->n--;
    memset(&r->members[r->n], 0, sizeof r->members[0]);
}

cJSON *tr_team_roster_json(const tr_team_roster *r)
{
    cJSON *j = cJSON_CreateObject(), *list;
    if (!j || !cJSON_AddNumberToObject(j, "serial", (double)r->serial) ||
        !(list = cJSON_AddArrayToObject(j, "members")))
        goto fail;
    for (size_t i = 0; i < r->n; i++) {
        cJSON *m = tr_team_member_json(&r->members[i], 0);
        if (!m || !cJSON_AddItemToArray(list, m)) {
            cJSON_Delete(m);
            goto fail;
        }
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

tr_status tr_team_roster_parse(const cJSON *json, tr_team_roster *r, tr_error *err)
{
    const cJSON *serial = cJSON_GetObjectItemCaseSensitive(json, "serial");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "members"), *it;
    tr_team_member m;
    tr_status st;
    memset(r, 0, sizeof *r);
    if (!cJSON_IsNumber(serial) || serial->valuedouble < 1 ||
        serial->valuedouble > 9007199254740991.0 ||
        (double)(uint64_t)serial->valuedouble != serial->valuedouble)
        return tr_error_set(err, TR_E_INVALID, "the team roster has no valid \"serial\"");
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1 ||
        cJSON_GetArraySize(list) > TR_TEAM_MAX_MEMBERS)
        return tr_error_set(err, TR_E_INVALID, "the team roster must list 1-%d members",
                            TR_TEAM_MAX_MEMBERS);
    r->serial = (uint64_t)serial->valuedouble;
    cJSON_ArrayForEach(it, list)
    {
        if ((st = tr_team_member_parse(it, 0, &m, err)) != TR_OK)
            return st;
        if ((st = tr_team_roster_add(r, &m, err)) != TR_OK)
            return tr_error_set(err, TR_E_INVALID, "the team roster lists %s twice", m.fingerprint);
    }
    return TR_OK;
}

char *tr_team_roster_record(const tr_team_roster *r, const char *ts, const char *change,
                            const char *member, const char *by)
{
    cJSON *rec = cJSON_CreateObject(), *ro = tr_team_roster_json(r);
    char *text = NULL;
    if (rec && ro && cJSON_AddStringToObject(rec, "type", "team_roster") &&
        cJSON_AddStringToObject(rec, "ts", ts) && cJSON_AddItemToObject(rec, "roster", ro) &&
        (ro = NULL, cJSON_AddStringToObject(rec, "change", change)) &&
        cJSON_AddStringToObject(rec, "member", member ? member : "") &&
        cJSON_AddStringToObject(rec, "by", by ? by : ""))
        text = cJSON_PrintUnformatted(rec);
    cJSON_Delete(ro);
    cJSON_Delete(rec);
    return text;
}
