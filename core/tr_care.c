/* tr_care: see tr_care.h and core/EXCHANGE.md §6. */
#include "tr_care.h"
#include "tr_care_priv.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_json.h"
#include "tr_team_rotate.h"

#define MAX_MODULES  50
#define MAX_MEASURES 20
#define HOMEWORK_MAX 4000

static const char ASSIGNMENT_FORMAT[] = "trinn-assignment";
static const char *const EVERY[] = {"weekly", "fortnightly", "monthly", NULL};

static const char *str_field(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int u64_field(const cJSON *obj, const char *name, uint64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 9007199254740991.0)
        return -1;
    *out = (uint64_t)v->valuedouble;
    return (double)*out == v->valuedouble ? 0 : -1;
}

void tr_care_state_free(tr_care_state *s)
{
    if (!s)
        return;
    free(s->clients);
    free(s->roster);
    cJSON_Delete(s->rotations);
    sodium_memzero(s, sizeof *s);
}

tr_care_client *tr_care_client_slot(tr_care_state *s, const char *id, int create)
{
    tr_care_client *c;
    for (size_t i = 0; i < s->n_clients; i++)
        if (strcmp(s->clients[i].id, id) == 0)
            return &s->clients[i];
    if (!create || s->n_clients >= TR_CARE_MAX_CLIENTS)
        return NULL;
    c = realloc(s->clients, (s->n_clients + 1) * sizeof *c);
    if (!c)
        return NULL;
    s->clients = c;
    c = &s->clients[s->n_clients++];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    return c;
}

/* Applies one parsed record of a known type to the state. */
static tr_status apply(tr_care_state *s, const char *type, const cJSON *rec, tr_error *err)
{
    const char *client = str_field(rec, "client");
    uint64_t seq = 0;
    if (strcmp(type, "keys") == 0) {
        tr_status st = tr_team_keys_from_record(rec, &s->keys, s->role, err);
        s->has_keys = st == TR_OK;
        return st;
    }
    if (strcmp(type, "team_card") == 0) {
        tr_status st =
            tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(rec, "card"), &s->card, err);
        s->has_card = st == TR_OK;
        return st;
    }
    if (strcmp(type, "team_pin") == 0) {
        tr_status st =
            tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(rec, "card"), &s->pin, err);
        if (st != TR_OK)
            return st;
        if (!tr_exch_id_ok(client))
            return tr_error_set(err, TR_E_INVALID, "team_pin: no valid \"client\"");
        if (!s->has_pin || strcmp(s->client_id, client) != 0)
            s->last_assign_seq = 0; /* a new team key of the same team keeps the numbers */
        s->has_pin = 1;
        snprintf(s->client_id, sizeof s->client_id, "%s", client);
        return TR_OK;
    }
    if (strcmp(type, "report_sent") == 0) {
        if (u64_field(rec, "seq", &seq) != 0)
            return tr_error_set(err, TR_E_INVALID, "report_sent: no valid \"seq\"");
        if (seq > s->last_report_seq)
            s->last_report_seq = seq;
        return TR_OK;
    }
    if (strcmp(type, "member_keys") == 0 || strcmp(type, "team_roster") == 0 ||
        strcmp(type, "team_rotations") == 0)
        return tr_care_team_apply(s, type, rec, err);
    if (strcmp(type, "client_device") == 0) {
        const char *key = str_field(rec, "sign_key");
        tr_care_client *c = tr_exch_id_ok(client) ? tr_care_client_slot(s, client, 1) : NULL;
        if (!c || !key || tr_ms_pub_parse(key, strlen(key), &c->device, err) != TR_OK)
            return tr_error_set(err, TR_E_INVALID, "client_device: no valid client or key");
        c->has_device = 1;
        return TR_OK;
    }
    if (!tr_exch_id_ok(client) || u64_field(rec, "seq", &seq) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: no valid \"client\" or \"seq\"", type);
    if (strcmp(type, "report_opened") == 0) {
        tr_care_client *c = tr_care_client_slot(s, client, 1);
        if (!c)
            return tr_error_set(err, TR_E_NOMEM, "too many clients");
        if (seq > c->last_report_seq)
            c->last_report_seq = seq;
        return TR_OK;
    }
    if (strcmp(type, "assignment") == 0) {
        if (seq > s->last_assign_seq)
            s->last_assign_seq = seq;
        return TR_OK;
    }
    tr_care_client *c = tr_care_client_slot(s, client, 1); /* assignment_sent */
    if (!c)
        return tr_error_set(err, TR_E_NOMEM, "too many clients");
    if (seq > c->last_assign_seq)
        c->last_assign_seq = seq;
    c->n_assigned++;
    return TR_OK;
}

tr_status tr_care_visit(void *user, const tr_journal_record *rec, tr_error *err)
{
    static const char *const types[] = {"keys",          "team_card",       "team_pin",
                                        "assignment",    "assignment_sent", "report_sent",
                                        "client_device", "report_opened",   "member_keys",
                                        "team_roster",   "team_rotations",  NULL};
    tr_care_state *s = user;
    tr_status st;
    cJSON *json;
    int known = 0;
    for (int i = 0; types[i]; i++)
        known |= strcmp(rec->type, types[i]) == 0;
    if (!known)
        return TR_OK;
    json = tr_json_parse(rec->json, rec->json_len, "record", err);
    st = json ? apply(s, rec->type, json, err) : TR_E_PARSE;
    cJSON_Delete(json);
    if (st != TR_OK)
        return tr_error_prefix(err, "journal record %" PRIu64 " (%s)", rec->seq, rec->type),
               TR_E_CORRUPT;
    return TR_OK;
}

/* Builds the assignment payload; NULL + err on a bad option. */
static cJSON *assignment_payload(const tr_care_state *s, const tr_care_assign_opts *o,
                                 const char *now, tr_error *err)
{
    cJSON *p = cJSON_CreateObject(), *mods, *meas;
    int64_t t;
    if (!p)
        goto nomem;
    if (o->n_modules > MAX_MODULES || o->n_measures > MAX_MEASURES) {
        tr_error_set(err, TR_E_INVALID, "at most %d modules and %d measures", MAX_MODULES,
                     MAX_MEASURES);
        goto fail;
    }
    if (o->homework && strlen(o->homework) > HOMEWORK_MAX) {
        tr_error_set(err, TR_E_INVALID, "the homework text is over %d bytes", HOMEWORK_MAX);
        goto fail;
    }
    if (o->next_appointment && tp_clock_parse(o->next_appointment, &t) != 0) {
        tr_error_set(err, TR_E_INVALID, "the next appointment is not a date or time: '%s'",
                     o->next_appointment);
        goto fail;
    }
    cJSON_AddStringToObject(p, "format", ASSIGNMENT_FORMAT);
    cJSON_AddNumberToObject(p, "version", 1);
    cJSON_AddItemToObject(p, "team", tr_team_card_json(&s->card));
    cJSON_AddStringToObject(p, "client", o->client);
    cJSON_AddStringToObject(p, "issued", now);
    cJSON_AddStringToObject(p, "expires", o->expires);
    mods = cJSON_AddArrayToObject(p, "modules");
    for (size_t i = 0; mods && i < o->n_modules; i++) {
        if (!tr_exch_id_ok(o->modules[i])) {
            tr_error_set(err, TR_E_INVALID, "'%s' is not a module id", o->modules[i]);
            goto fail;
        }
        cJSON_AddItemToArray(mods, cJSON_CreateString(o->modules[i]));
    }
    cJSON_AddBoolToObject(p, "ordered", o->ordered);
    cJSON_AddStringToObject(p, "homework", o->homework ? o->homework : "");
    meas = cJSON_AddArrayToObject(p, "measures");
    for (size_t i = 0; meas && i < o->n_measures; i++) {
        char inst[TR_EXCH_ID_MAX + 1];
        const char *colon = strchr(o->measures[i], ':');
        int ok = 0;
        if (colon && (size_t)(colon - o->measures[i]) <= TR_EXCH_ID_MAX) {
            snprintf(inst, sizeof inst, "%.*s", (int)(colon - o->measures[i]), o->measures[i]);
            for (int k = 0; EVERY[k]; k++)
                ok |= strcmp(colon + 1, EVERY[k]) == 0;
            ok = ok && tr_exch_id_ok(inst);
        }
        if (!ok) {
            tr_error_set(err, TR_E_INVALID,
                         "'%s' is not INSTRUMENT:weekly, :fortnightly or :monthly", o->measures[i]);
            goto fail;
        }
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "instrument", inst);
        cJSON_AddStringToObject(m, "every", colon + 1);
        cJSON_AddItemToArray(meas, m);
    }
    if (o->next_appointment)
        cJSON_AddStringToObject(p, "next_appointment", o->next_appointment);
    /* a client who pinned an older team key follows these to the new one (§8) */
    if (s->rotations && cJSON_GetArraySize(s->rotations) > 0)
        cJSON_AddItemToObject(p, "rotations", cJSON_Duplicate(s->rotations, 1));
    return p;
nomem:
    tr_error_set(err, TR_E_NOMEM, "out of memory");
fail:
    cJSON_Delete(p);
    return NULL;
}

/* The number of the next assignment to a client (EXCHANGE.md §6): above every number this
 * therapist sent that client (last), and at least (the second of now << 16) | a 16-bit tag of
 * the therapist's own signing key, so colleagues of a team who assign to one client without
 * sharing a counter number apart, in the order of time, and above every number of the old
 * scheme (1, 2, 3 ...). 0 when now is no time in range or the numbers are used up. */
static uint64_t next_seq(const tr_care_state *s, uint64_t last, const char *now)
{
    int64_t t;
    uint64_t tag = 0, base;
    if (!now || tp_clock_parse(now, &t) != 0 || t < 0 || t >= ((int64_t)1 << 37) ||
        last >= TR_CARE_SEQ_MAX)
        return 0;
    if (s->has_member)
        tag = (uint64_t)s->member.sign.keyid[0] | (uint64_t)s->member.sign.keyid[1] << 8;
    base = (uint64_t)t << 16 | tag;
    return base > last ? base : last + 1;
}

tr_status tr_care_assign(const tr_care_state *s, const tr_care_assign_opts *o, const char *now,
                         char **file, size_t *file_len, char **record, tr_error *err)
{
    tr_care_client *c;
    uint64_t seq;
    char *text = NULL, rec[256];
    tr_status st;
    cJSON *p;

    *file = *record = NULL;
    if (!s->has_keys || strcmp(s->role, "team") != 0 || !s->has_card)
        return tr_error_set(err, TR_E_INVALID, "this is not a therapist profile with team keys");
    if (!tr_exch_id_ok(o->client))
        return tr_error_set(err, TR_E_INVALID,
                            "the client id must be 1-%d of A-Z a-z 0-9 . _ - (a pseudonym, "
                            "never a national identity number)",
                            TR_EXCH_ID_MAX);
    c = tr_care_client_slot((tr_care_state *)s, o->client, 0);
    seq = next_seq(s, c ? c->last_assign_seq : 0, now);
    if (seq == 0)
        return tr_error_set(err, TR_E_INVALID,
                            "no assignment number for %s: the time \"%s\" is not a valid time "
                            "of this computer's clock, or the numbers are used up",
                            o->client, now ? now : "");
    p = assignment_payload(s, o, now, err);
    if (!p)
        return err ? err->status : TR_E_INVALID;
    text = cJSON_PrintUnformatted(p);
    cJSON_Delete(p);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    tr_exch_oppdrag_meta meta = {o->client, seq, o->expires};
    st = tr_exch_oppdrag_write(&s->keys.sign, (const uint8_t *)text, strlen(text), &meta, file,
                               file_len, err);
    cJSON_free(text);
    if (st != TR_OK)
        return st;
    snprintf(rec, sizeof rec,
             "{\"type\":\"assignment_sent\",\"ts\":\"%s\",\"client\":\"%s\",\"seq\":%" PRIu64
             ",\"expires\":\"%s\"}",
             now, o->client, seq, o->expires);
    *record = strdup(rec);
    if (!*record) {
        free(*file);
        *file = NULL;
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    return TR_OK;
}

void tr_care_import_free(tr_care_import_result *res)
{
    if (!res)
        return;
    free(res->pin_record);
    free(res->record);
    memset(res, 0, sizeof *res);
}

/* Checks the verified payload of an assignment and reads its card. */
static tr_status check_payload(const cJSON *p, const tr_exch_info *info, tr_team_card *card,
                               tr_error *err)
{
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(p, "version");
    const cJSON *mods = cJSON_GetObjectItemCaseSensitive(p, "modules");
    const cJSON *meas = cJSON_GetObjectItemCaseSensitive(p, "measures");
    const char *format = str_field(p, "format"), *client = str_field(p, "client");
    const char *expires = str_field(p, "expires"), *homework = str_field(p, "homework");
    const cJSON *it;
    tr_status st;
    if (!format || strcmp(format, ASSIGNMENT_FORMAT) != 0 || !cJSON_IsNumber(version) ||
        version->valuedouble != 1)
        return tr_error_set(err, TR_E_INVALID, "the payload is not a version 1 assignment");
    if ((st = tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(p, "team"), card, err)) != TR_OK)
        return st;
    if (memcmp(&card->sign, &info->signer, sizeof card->sign) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "the team card inside is not of the key that signed the file");
    if (!client || strcmp(client, info->client) != 0 || !expires ||
        strcmp(expires, info->expires) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "the payload's client or expiry differs from the signed ones");
    if (!cJSON_IsArray(mods) || cJSON_GetArraySize(mods) > MAX_MODULES || !cJSON_IsArray(meas) ||
        cJSON_GetArraySize(meas) > MAX_MEASURES || !homework || strlen(homework) > HOMEWORK_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the payload's modules, measures or homework are "
                            "not as an assignment holds them");
    cJSON_ArrayForEach(
        it, mods) if (!cJSON_IsString(it) ||
                      !tr_exch_id_ok(it->valuestring)) return tr_error_set(err, TR_E_INVALID,
                                                                           "a module id in the "
                                                                           "payload is not an id");
    cJSON_ArrayForEach(
        it,
        meas) if (!tr_exch_id_ok(str_field(it, "instrument")) ||
                  !str_field(
                      it,
                      "every")) return tr_error_set(err, TR_E_INVALID,
                                                    "a measure in the payload is not as planned");
    return TR_OK;
}

/* Refuses with why and words. */
static tr_status refuse(tr_care_import_result *res, tr_error *err, tr_exch_why why, const char *msg)
{
    res->why = why;
    return tr_error_set(err, TR_E_INVALID, "%s", msg);
}

tr_status tr_care_import(const tr_care_state *s, const uint8_t *data, size_t len, int64_t now,
                         const char *trust, tr_care_import_result *res, tr_error *err)
{
    tr_exch_expect ex = {.now = now};
    tr_exch_info info;
    tr_team_card card;
    tr_status st;
    cJSON *p = NULL, *rec = NULL;
    char ts[32];
    int rotated = 0;

    memset(res, 0, sizeof *res);
    if (s->has_keys && strcmp(s->role, "team") == 0) {
        res->why = TR_EXCH_NOT_ASSIGNMENT;
        return tr_error_set(err, TR_E_INVALID,
                            "this is a therapist profile: assignments are imported by clients");
    }
    if (s->has_pin) {
        ex.signer = &s->pin.sign;
        ex.client = s->client_id;
        ex.has_last_seq = 1;
        ex.last_seq = s->last_assign_seq;
    }
    st = tr_exch_oppdrag_read(data, len, &ex, &info, err);
    if (st != TR_OK && info.why == TR_EXCH_OTHER_TEAM && s->has_pin) {
        /* a new team key? checked against the key it names, then the rotations inside must
         * lead there from the pinned key (below) */
        tr_error first = err ? *err : (tr_error){0};
        tr_exch_info_free(&info);
        ex.signer = NULL;
        st = tr_exch_oppdrag_read(data, len, &ex, &info, err);
        rotated = st == TR_OK;
        if (!rotated) { /* not a good file of another key: the first refusal says it best */
            info.why = TR_EXCH_OTHER_TEAM;
            if (err)
                *err = first;
            st = first.status ? first.status : TR_E_INVALID;
        }
    }
    if (st != TR_OK) {
        res->why = info.why;
        return st;
    }
    p = tr_json_parse(info.payload, info.payload_len, "assignment", err);
    if (!p || (st = check_payload(p, &info, &card, err)) != TR_OK) {
        res->why = TR_EXCH_MALFORMED;
        st = err ? err->status : TR_E_INVALID;
        goto fail;
    }
    memcpy(res->fingerprint, card.fingerprint, sizeof res->fingerprint);
    memcpy(res->team_service, card.service, sizeof res->team_service);
    if (rotated) {
        tr_error e2 = {0};
        int steps = 0;
        if (tr_team_rotation_follow(cJSON_GetObjectItemCaseSensitive(p, "rotations"), &s->pin.sign,
                                    &card, &steps, &e2) != TR_OK) {
            st = refuse(res, err, TR_EXCH_OTHER_TEAM, e2.msg);
            goto fail;
        }
    } else if (s->has_pin && strcmp(card.fingerprint, s->pin.fingerprint) != 0) {
        st = refuse(res, err, TR_EXCH_OTHER_TEAM,
                    "the team's card in this file has other keys than the team you paired with "
                    "(its fingerprint changed): ask the team");
        goto fail;
    }
    if (!s->has_pin && !trust) {
        res->needs_trust = 1; /* the caller shows the fingerprint and asks */
        st = TR_OK;
        goto fail;
    }
    if (!s->has_pin && !tr_fpr_match(trust, card.fingerprint)) {
        st = refuse(res, err, TR_EXCH_OTHER_TEAM,
                    "the fingerprint you gave is not this file's team's: do not import it, and "
                    "ask your therapist");
        goto fail;
    }
    tp_clock_format(now, ts, sizeof ts);
    if (!s->has_pin || rotated) { /* the team, or its new key, is pinned now */
        rec = cJSON_CreateObject();
        cJSON_AddStringToObject(rec, "type", "team_pin");
        cJSON_AddStringToObject(rec, "ts", ts);
        cJSON_AddStringToObject(rec, "client", info.client);
        cJSON_AddItemToObject(rec, "card", tr_team_card_json(&card));
        res->pin_record = cJSON_PrintUnformatted(rec);
        cJSON_Delete(rec);
    }
    rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "type", "assignment");
    cJSON_AddStringToObject(rec, "ts", ts);
    cJSON_AddStringToObject(rec, "client", info.client);
    cJSON_AddNumberToObject(rec, "seq", (double)info.seq);
    cJSON_AddStringToObject(rec, "expires", info.expires);
    cJSON_AddItemToObject(rec, "payload", p);
    p = NULL;
    res->record = cJSON_PrintUnformatted(rec);
    cJSON_Delete(rec);
    if (!res->record || ((!s->has_pin || rotated) && !res->pin_record)) {
        tr_care_import_free(res);
        res->why = TR_EXCH_INTERNAL;
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        goto fail;
    }
    res->seq = info.seq;
    memcpy(res->expires, info.expires, sizeof res->expires);
    res->why = TR_EXCH_OK;
    st = TR_OK;
fail:
    cJSON_Delete(p);
    tr_exch_info_free(&info);
    return st;
}
