/* tr_care_team: see tr_care_team.h and core/EXCHANGE.md §8. */
#include "tr_care_team.h"
#include "tr_care_priv.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_team_rotate.h"

void tr_care_records_free(tr_care_records *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        tr_team_secret_free(r->text[i], r->len[i]);
    memset(r, 0, sizeof *r);
}

/* Takes text (malloc'ed, NULL = out of memory) into the list. */
static tr_status take(tr_care_records *r, char *text, tr_error *err)
{
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    if (r->n >= TR_CARE_RECORDS_MAX) {
        tr_team_secret_free(text, strlen(text));
        return tr_error_set(err, TR_E_NOMEM, "too many records at once");
    }
    r->len[r->n] = strlen(text);
    r->text[r->n++] = text;
    return TR_OK;
}

/* A printed tree as a malloc'ed record (NULL when out of memory); deletes the tree. */
static char *print(cJSON *rec)
{
    char *text = rec ? cJSON_PrintUnformatted(rec) : NULL;
    cJSON_Delete(rec);
    return text;
}

tr_status tr_care_apply_text(tr_care_state *s, const char *json, tr_error *err)
{
    char type[65] = "";
    const char *t = strstr(json, "\"type\":\"");
    if (!t || sscanf(t + 8, "%64[^\"]", type) != 1)
        return tr_error_set(err, TR_E_INVALID, "a record without a type");
    tr_journal_record rec = {.seq = 0, .type = type, .json = json, .json_len = strlen(json)};
    return tr_care_visit(s, &rec, err);
}

tr_status tr_care_team_apply(tr_care_state *s, const char *type, const cJSON *rec, tr_error *err)
{
    if (strcmp(type, "member_keys") == 0) {
        tr_status st = tr_team_keys_from_secrets(rec, &s->member, err);
        s->has_member = st == TR_OK;
        return st;
    }
    if (strcmp(type, "team_roster") == 0) {
        tr_team_roster *r = s->roster ? s->roster : malloc(sizeof *r);
        tr_status st;
        if (!r)
            return tr_error_set(err, TR_E_NOMEM, "out of memory");
        s->roster = r;
        st = tr_team_roster_parse(cJSON_GetObjectItemCaseSensitive(rec, "roster"), r, err);
        if (st != TR_OK) {
            free(s->roster);
            s->roster = NULL;
        }
        return st;
    }
    const cJSON *rot = cJSON_GetObjectItemCaseSensitive(rec, "rotations"); /* team_rotations */
    if (!cJSON_IsArray(rot) || cJSON_GetArraySize(rot) > TR_TEAM_ROTATIONS_MAX)
        return tr_error_set(err, TR_E_INVALID, "\"rotations\" is not a list of at most %d",
                            TR_TEAM_ROTATIONS_MAX);
    cJSON_Delete(s->rotations);
    s->rotations = cJSON_Duplicate(rot, 1);
    return s->rotations ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory");
}

/* The "team_card" record of card at now. */
static char *card_record(const tr_team_card *card, const char *now)
{
    cJSON *rec = cJSON_CreateObject();
    if (rec && (!cJSON_AddStringToObject(rec, "type", "team_card") ||
                !cJSON_AddStringToObject(rec, "ts", now) ||
                !cJSON_AddItemToObject(rec, "card", tr_team_card_json(card)))) {
        cJSON_Delete(rec);
        return NULL;
    }
    return print(rec);
}

/* The "team_rotations" record of the list rot (not taken). */
static char *rotations_record(const cJSON *rot, const char *now)
{
    cJSON *rec = cJSON_CreateObject();
    if (rec && (!cJSON_AddStringToObject(rec, "type", "team_rotations") ||
                !cJSON_AddStringToObject(rec, "ts", now) ||
                !cJSON_AddItemToObject(rec, "rotations", cJSON_Duplicate(rot, 1)))) {
        cJSON_Delete(rec);
        return NULL;
    }
    return print(rec);
}

/* The keys record of k for role, into out. */
static tr_status keys_into(const tr_team_keys *k, const char *role, const char *now,
                           tr_care_records *out, tr_error *err)
{
    char *text = NULL;
    size_t len = 0;
    tr_status st = role ? tr_team_keys_record(k, role, now, &text, &len, err)
                        : tr_team_member_keys_record(k, now, &text, &len, err);
    return st == TR_OK ? take(out, text, err) : st;
}

tr_status tr_care_init_records(int therapist, int join, const char *name, const char *service,
                               const char *phone, const char *hours, const char *now,
                               tr_care_records *out, tr_error *err)
{
    tr_team_keys member, team;
    tr_team_card card;
    tr_team_member me;
    tr_team_roster *roster = NULL;
    tr_status st;
    memset(out, 0, sizeof *out);
    memset(&team, 0, sizeof team);
    if ((st = tr_team_keys_new(&member, err)) != TR_OK)
        return st;
    if (!therapist) {
        st = keys_into(&member, "device", now, out, err);
        goto done;
    }
    if ((st = tr_team_member_make(&me, &member, name, err)) != TR_OK ||
        (st = keys_into(&member, NULL, now, out, err)) != TR_OK || join)
        goto done;
    roster = calloc(1, sizeof *roster);
    if (!roster) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        goto done;
    }
    roster->serial = 1;
    if ((st = tr_team_keys_new(&team, err)) != TR_OK ||
        (st = tr_team_card_make(&card, &team, service, name, phone, hours, err)) != TR_OK ||
        (st = tr_team_roster_add(roster, &me, err)) != TR_OK ||
        (st = keys_into(&team, "team", now, out, err)) != TR_OK ||
        (st = take(out, card_record(&card, now), err)) != TR_OK)
        goto done;
    st = take(out, tr_team_roster_record(roster, now, "create", me.fingerprint, name), err);
done:
    free(roster);
    tr_team_keys_wipe(&member);
    tr_team_keys_wipe(&team);
    if (st != TR_OK)
        tr_care_records_free(out);
    return st;
}

static int is_team(const tr_care_state *s)
{
    return s->has_keys && strcmp(s->role, "team") == 0 && s->has_card;
}

int tr_care_team_unused(const tr_care_state *s)
{
    tr_team_member me;
    if (!is_team(s) || !s->has_member || !s->roster || s->roster->n != 1 || s->n_clients != 0 ||
        cJSON_GetArraySize(s->rotations) > 0 ||
        tr_team_member_make(&me, &s->member, "-", NULL) != TR_OK)
        return 0;
    return strcmp(s->roster->members[0].fingerprint, me.fingerprint) == 0;
}

tr_status tr_care_team_upgrade(const tr_care_state *s, const char *name, const char *now,
                               tr_care_records *out, tr_error *err)
{
    tr_team_keys member;
    tr_team_member me;
    tr_team_roster *roster;
    tr_status st = TR_OK;
    memset(out, 0, sizeof *out);
    if (s->has_keys && strcmp(s->role, "device") == 0)
        return tr_error_set(err, TR_E_INVALID, "this is not a therapist profile");
    if (s->has_member && (s->roster || !is_team(s)))
        return TR_OK;
    if (s->has_member) {
        member = s->member;
    } else if ((st = tr_team_keys_new(&member, err)) != TR_OK ||
               (st = keys_into(&member, NULL, now, out, err)) != TR_OK) {
        tr_team_keys_wipe(&member);
        return st;
    }
    if (is_team(s) && !s->roster) {
        roster = calloc(1, sizeof *roster);
        if (!roster)
            st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        else if ((st = tr_team_member_make(&me, &member, name, err)) == TR_OK &&
                 (st = tr_team_roster_add(roster, &me, err)) == TR_OK) {
            roster->serial = 1;
            st = take(out, tr_team_roster_record(roster, now, "create", me.fingerprint, name), err);
        }
        free(roster);
    }
    tr_team_keys_wipe(&member);
    if (st != TR_OK)
        tr_care_records_free(out);
    return st;
}

tr_status tr_care_member_card(const tr_care_state *s, const char *name, tr_team_member *m,
                              tr_error *err)
{
    if (!s->has_member)
        return tr_error_set(err, TR_E_INVALID, "this profile holds no therapist's own keys");
    return tr_team_member_make(m, &s->member, name, err);
}

void tr_care_enrol_free(tr_care_enrol_result *res)
{
    if (!res)
        return;
    free(res->file);
    tr_care_records_free(&res->records);
    memset(res, 0, sizeof *res);
}

/* 0 when s is a team member able to enrol, else the refusal in err. */
static tr_status need_member(const tr_care_state *s, tr_error *err)
{
    if (!is_team(s))
        return tr_error_set(err, TR_E_INVALID,
                            "this profile holds no team key: it is not a therapist of a team "
                            "(a new therapist joins with `trinnctl team join`)");
    if (!s->has_member || !s->roster)
        return tr_error_set(err, TR_E_INVALID,
                            "this therapist profile has no personal keys or roster yet");
    return TR_OK;
}

tr_status tr_care_enrol(const tr_care_state *s, const char *me, const cJSON *card,
                        const char *trust, const char *now, tr_care_enrol_result *res,
                        tr_error *err)
{
    tr_team_roster *r = NULL;
    tr_ms_pub mine;
    tr_status st;
    memset(res, 0, sizeof *res);
    if ((st = need_member(s, err)) != TR_OK ||
        (st = tr_team_member_parse(card, 1, &res->member, err)) != TR_OK)
        return st;
    tr_ms_key_pub(&s->member.sign, &mine);
    if (memcmp(&mine, &res->member.sign, sizeof mine) == 0)
        return tr_error_set(err, TR_E_INVALID,
                            "this is your own member card: a colleague of "
                            "the team enrols a new therapist");
    if (!trust || !tr_fpr_match(trust, res->member.fingerprint))
        return tr_error_set(err, TR_E_INVALID,
                            "%s: compare this member card's fingerprint %s with %s in person or "
                            "on the phone, then give it with --trust",
                            trust ? "the fingerprint you gave is not this member card's"
                                  : "the new therapist's fingerprint is not confirmed",
                            res->member.fingerprint, res->member.name);
    r = malloc(sizeof *r);
    if (!r)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    *r = *s->roster;
    int at = tr_team_roster_find_key(r, &res->member.sign);
    if (at >= 0 && strcmp(r->members[at].fingerprint, res->member.fingerprint) == 0) {
        res->already = 1; /* the same roster again, for a lost file */
    } else if (at >= 0) {
        st = tr_error_set(err, TR_E_INVALID,
                          "a member of the team has this signing key with another sealing key: "
                          "remove them first");
        goto done;
    } else {
        if ((st = tr_team_roster_add(r, &res->member, err)) != TR_OK)
            goto done;
        r->serial++;
        if ((st = take(&res->records,
                       tr_team_roster_record(r, now, "enrol", res->member.fingerprint, me), err)) !=
            TR_OK)
            goto done;
    }
    res->serial = r->serial;
    tr_team_enrol_in in = {&s->keys, &s->card, &s->member, r, &res->member, s->rotations};
    st = tr_team_enrol_write(&in, &res->file, &res->file_len, err);
done:
    free(r);
    if (st != TR_OK)
        tr_care_enrol_free(res);
    return st;
}

void tr_care_join_free(tr_care_join_result *res)
{
    if (!res)
        return;
    tr_care_records_free(&res->records);
    sodium_memzero(res, sizeof *res);
}

static tr_status join_refuse(tr_care_join_result *res, tr_exch_why why, tr_error *err,
                             const char *msg)
{
    tr_care_records_free(&res->records);
    res->why = why;
    return tr_error_set(err, TR_E_INVALID, "%s", msg);
}

tr_status tr_care_join(const tr_care_state *s, const uint8_t *data, size_t len, const char *trust,
                       const char *now, tr_care_join_result *res, tr_error *err)
{
    tr_team_enrolment e;
    tr_team_member me;
    tr_status st;
    memset(res, 0, sizeof *res);
    if (!s->has_member)
        return join_refuse(res, TR_EXCH_NOT_FOR_US, err,
                           s->has_keys && strcmp(s->role, "device") == 0
                               ? "this is a client's profile: enrolments are for therapists"
                               : "this therapist profile has no personal keys: make its member "
                                 "card first (trinnctl team member)");
    if ((st = tr_team_enrol_read(&s->member, data, len, &e, &res->why, err)) != TR_OK)
        return st;
    memcpy(res->fingerprint, e.card.fingerprint, sizeof res->fingerprint);
    memcpy(res->service, e.card.service, sizeof res->service);
    res->by = e.by;
    res->serial = e.roster.serial;
    int other = is_team(s) && memcmp(&s->card.sign, &e.card.sign, sizeof e.card.sign) != 0;
    if (!is_team(s) || (other && tr_care_team_unused(s))) { /* a first team, or instead of an
                                                             * unused one of its own */
        if (!trust) {
            res->needs_trust = 1;
            st = TR_OK;
            goto done;
        }
        if (!tr_fpr_match(trust, e.card.fingerprint)) {
            st = join_refuse(res, TR_EXCH_OTHER_TEAM, err,
                             "the fingerprint you gave is not this enrolment's team's: do not "
                             "join; compare the team's fingerprint with a colleague again");
            goto done;
        }
    } else if (memcmp(&s->card.sign, &e.card.sign, sizeof e.card.sign) == 0) {
        if (s->roster && e.roster.serial <= s->roster->serial) {
            st = join_refuse(res, TR_EXCH_REPLAYED, err,
                             "this enrolment is not newer than the team's roster you hold: an "
                             "old or repeated file; nothing changed");
            goto done;
        }
    } else {
        tr_error e2 = {0};
        if (tr_team_rotation_follow(e.rotations, &s->card.sign, &e.card, &res->rotations, &e2) !=
            TR_OK) {
            char msg[sizeof e2.msg + 128];
            snprintf(msg, sizeof msg,
                     "this enrolment is for another team than yours, or for a team key that "
                     "yours did not hand over to (%s)",
                     e2.msg);
            st = join_refuse(res, TR_EXCH_OTHER_TEAM, err, msg);
            goto done;
        }
    }
    /* the roster must list this therapist as the card it would make (tr_team_enrol_read checked
     * the signing key) */
    if ((st = tr_team_member_make(&me, &s->member, "-", err)) != TR_OK)
        goto done;
    int at = tr_team_roster_find_key(&e.roster, &me.sign);
    if (at < 0 || strcmp(e.roster.members[at].fingerprint, me.fingerprint) != 0) {
        st = join_refuse(res, TR_EXCH_WRONG_CLIENT, err,
                         "this enrolment lists your signing key with another sealing key: ask "
                         "for a new one made from your own member card");
        goto done;
    }
    if ((!is_team(s) || memcmp(&s->card.sign, &e.card.sign, sizeof e.card.sign) != 0) &&
        ((st = keys_into(&e.team, "team", now, &res->records, err)) != TR_OK ||
         (st = take(&res->records, card_record(&e.card, now), err)) != TR_OK))
        goto done;
    if (cJSON_GetArraySize(e.rotations) > 0 &&
        (st = take(&res->records, rotations_record(e.rotations, now), err)) != TR_OK)
        goto done;
    st = take(&res->records,
              tr_team_roster_record(&e.roster, now, "join", e.by.fingerprint, e.by.name), err);
    if (st == TR_OK)
        res->why = TR_EXCH_OK;
done:
    if (st != TR_OK)
        tr_care_records_free(&res->records);
    tr_team_enrolment_free(&e);
    return st;
}

tr_status tr_care_remove(const tr_care_state *s, const char *me, const char *who, const char *now,
                         tr_team_member *gone, tr_care_records *out, tr_error *err)
{
    tr_team_roster *r;
    tr_ms_pub mine;
    tr_status st;
    int at;
    memset(out, 0, sizeof *out);
    if ((st = need_member(s, err)) != TR_OK)
        return st;
    at = tr_team_roster_find(s->roster, who);
    if (at == -2)
        return tr_error_set(err, TR_E_INVALID,
                            "several members are named '%s': give the fingerprint (trinnctl "
                            "team card lists the members)",
                            who);
    if (at < 0)
        return tr_error_set(err, TR_E_INVALID,
                            "no member of the team has the name or fingerprint '%s' (trinnctl "
                            "team card lists the members)",
                            who);
    tr_ms_key_pub(&s->member.sign, &mine);
    *gone = s->roster->members[at];
    if (memcmp(&mine, &gone->sign, sizeof mine) == 0)
        return tr_error_set(err, TR_E_INVALID,
                            "you cannot remove yourself: a colleague of the team removes a "
                            "therapist who leaves");
    r = malloc(sizeof *r);
    if (!r)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    *r = *s->roster;
    tr_team_roster_remove(r, (size_t)at);
    r->serial++;
    st = take(out, tr_team_roster_record(r, now, "remove", gone->fingerprint, me), err);
    free(r);
    return st;
}

void tr_care_rotate_free(tr_care_rotate_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n_files; i++)
        free(res->files[i]);
    tr_care_records_free(&res->records);
    sodium_memzero(res, sizeof *res);
}

tr_status tr_care_rotate(const tr_care_state *s, const char *me, const char *now,
                         tr_care_rotate_result *res, tr_error *err)
{
    tr_team_roster *r = NULL;
    cJSON *rot = NULL, *stmt;
    tr_ms_pub mine;
    tr_status st;
    memset(res, 0, sizeof *res);
    if ((st = need_member(s, err)) != TR_OK)
        return st;
    if (s->rotations && cJSON_GetArraySize(s->rotations) >= TR_TEAM_ROTATIONS_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the team key was rotated %d times already: make a new team",
                            TR_TEAM_ROTATIONS_MAX);
    r = malloc(sizeof *r);
    rot = s->rotations ? cJSON_Duplicate(s->rotations, 1) : cJSON_CreateArray();
    if (!r || !rot) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        goto done;
    }
    *r = *s->roster;
    r->serial++;
    if ((st = tr_team_keys_new(&res->keys, err)) != TR_OK ||
        (st = tr_team_card_make(&res->card, &res->keys, s->card.service, s->card.therapist,
                                s->card.phone, s->card.hours, err)) != TR_OK)
        goto done;
    if (!(stmt = tr_team_rotation_make(&s->keys, &res->card, err))) {
        st = err ? err->status : TR_E_NOMEM;
        goto done;
    }
    cJSON_AddItemToArray(rot, stmt);
    if ((st = keys_into(&res->keys, "team", now, &res->records, err)) != TR_OK ||
        (st = take(&res->records, card_record(&res->card, now), err)) != TR_OK ||
        (st = take(&res->records, rotations_record(rot, now), err)) != TR_OK ||
        (st = take(&res->records, tr_team_roster_record(r, now, "rotate", "", me), err)) != TR_OK)
        goto done;
    tr_ms_key_pub(&s->member.sign, &mine);
    for (size_t i = 0; i < r->n; i++) {
        if (memcmp(&r->members[i].sign, &mine, sizeof mine) == 0)
            continue;
        tr_team_enrol_in in = {&res->keys, &res->card, &s->member, r, &r->members[i], rot};
        res->to[res->n_files] = r->members[i];
        if ((st = tr_team_enrol_write(&in, &res->files[res->n_files], &res->file_lens[res->n_files],
                                      err)) != TR_OK)
            goto done;
        res->n_files++;
    }
done:
    free(r);
    cJSON_Delete(rot);
    if (st != TR_OK)
        tr_care_rotate_free(res);
    return st;
}

tr_status tr_care_follow(const tr_care_state *s, const cJSON *card_json, const char *now,
                         tr_team_card *to, tr_care_records *out, tr_exch_why *why, tr_error *err)
{
    tr_error e2 = {0};
    tr_status st;
    int steps = 0;
    memset(out, 0, sizeof *out);
    *why = TR_EXCH_MALFORMED;
    if ((st = tr_team_card_parse(card_json, to, err)) != TR_OK)
        return st;
    *why = TR_EXCH_OK;
    if (!s->has_pin || strcmp(to->fingerprint, s->pin.fingerprint) == 0)
        return TR_OK;
    if (memcmp(&to->sign, &s->pin.sign, sizeof to->sign) == 0) {
        *why = TR_EXCH_OTHER_TEAM;
        return tr_error_set(err, TR_E_INVALID,
                            "the team card's keys changed (its fingerprint is not the one you "
                            "paired with): ask the team");
    }
    if (tr_team_rotation_follow(cJSON_GetObjectItemCaseSensitive(card_json, "rotations"),
                                &s->pin.sign, to, &steps, &e2) != TR_OK) {
        *why = TR_EXCH_OTHER_TEAM;
        return tr_error_set(err, TR_E_INVALID,
                            "this team card's fingerprint (%s) is not that of the team you "
                            "paired with (%s): %s",
                            to->fingerprint, s->pin.fingerprint, e2.msg);
    }
    cJSON *rec = cJSON_CreateObject();
    if (rec && (!cJSON_AddStringToObject(rec, "type", "team_pin") ||
                !cJSON_AddStringToObject(rec, "ts", now) ||
                !cJSON_AddStringToObject(rec, "client", s->client_id) ||
                !cJSON_AddItemToObject(rec, "card", tr_team_card_json(to)))) {
        cJSON_Delete(rec);
        rec = NULL;
    }
    return take(out, print(rec), err);
}
