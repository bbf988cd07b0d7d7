/* tr_profile: create, unlock, change the passphrase of and delete profiles; see tr_profile.h. */
#include "tr_profile_int.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_io.h"
#include "tr_secret.h"
#include "tr_strength.h"

#define TRP_PASS_MAX 1024 /* as the journal */
#define TRP_RECORD   "profile"

void tr_profile_test_costs(uint64_t *ops, size_t *mem)
{
    *ops = crypto_pwhash_OPSLIMIT_MIN;
    *mem = crypto_pwhash_MEMLIMIT_MIN;
}

/* Trims spaces from text into buf and checks it: at most size-1 bytes, no control
 * characters, not empty unless may_be_empty. `what` names it in messages. */
static tr_status clean_text(const char *text, char *buf, size_t size, int may_be_empty,
                            const char *what, tr_error *err)
{
    if (!text)
        text = "";
    while (*text == ' ')
        text++;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    if (n == 0 && !may_be_empty)
        return tr_error_set(err, TR_E_INVALID, "the profile needs a %s", what);
    if (n >= size)
        return tr_error_set(err, TR_E_INVALID, "the %s is too long (at most %d bytes)", what,
                            (int)size - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return tr_error_set(err, TR_E_INVALID, "the %s contains a control character", what);
    memcpy(buf, text, n);
    buf[n] = 0;
    return TR_OK;
}

tr_status tr_profile_check_new(const tr_profile_desc *d, const tr_profile_new *p, tr_error *err)
{
    char name[TR_PROFILE_NAME_MAX + 1], label[TR_PROFILE_LABEL_MAX + 1];
    tr_status st;
    if ((st = clean_text(p->name, name, sizeof name, 0, "name", err)) ||
        (st = clean_text(p->label, label, sizeof label, 1, "label", err)))
        return st;
    if (p->kind != TR_PROFILE_CLIENT && p->kind != TR_PROFILE_THERAPIST)
        return tr_error_set(err, TR_E_INVALID, "a profile is a client or a therapist profile");
    if (p->symbol && !trp_in_list(tr_profile_symbols, p->symbol))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a symbol Trinn knows", p->symbol);
    if (p->colour && !trp_in_list(tr_profile_colours, p->colour))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a colour Trinn knows", p->colour);
    if (!label[0])
        return TR_OK;
    tr_profile_info *list = NULL;
    size_t n = 0;
    if ((st = tr_profile_list(d, &list, &n, err)))
        return st;
    for (size_t i = 0; i < n && !st; i++)
        if (tr_profile_same_name(list[i].label, label))
            st = tr_error_set(err, TR_E_INVALID,
                              "there is already a profile labelled \"%s\"; choose another label",
                              label);
    tr_profile_list_free(list);
    return st;
}

/* A NUL-terminated copy of the passphrase in locked memory for the strength estimate, or NULL.
 * Free with tr_secret_free(s, len + 1). */
static char *pass_text(const void *pass, size_t len)
{
    char *s = tr_secret_alloc(len + 1);
    if (s)
        memcpy(s, pass, len);
    return s;
}

/* 1 when pass reaches the floor with name as a known word (0 when memory ran out: the caller
 * then says so rather than accept it unchecked). */
static int strong_enough(const tr_profile_desc *d, const void *pass, size_t len, const char *name,
                         int *nomem)
{
    char *s = pass_text(pass, len);
    *nomem = !s;
    if (!s)
        return 0;
    int ok = strlen(s) == len && tr_strength_ok(s, name, d->words);
    tr_secret_free(s, len + 1);
    return ok;
}

static tr_status check_pass(const tr_profile_desc *d, const void *pass, size_t len,
                            const char *name, tr_error *err)
{
    int nomem = 0;
    if (len < 1 || len > TRP_PASS_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the passphrase must be 1 to %d bytes long; give another one",
                            TRP_PASS_MAX);
    if (!strong_enough(d, pass, len, name, &nomem))
        return nomem ? tr_error_set(err, TR_E_NOMEM, "out of memory checking the passphrase")
                     : tr_error_set(err, TR_E_INVALID,
                                    "the passphrase is too easy to guess (under %.0f bits); "
                                    "use four or five words that do not belong together, or "
                                    "let Trinn make one",
                                    TR_STRENGTH_MIN_BITS);
    return TR_OK;
}

/* Appends the "profile" record: the name and kind, inside the encryption. */
static tr_status write_name(tr_journal *j, const char *name, tr_profile_kind kind, tr_error *err)
{
    char ts[40];
    if (tp_clock_format(tp_clock_now(), ts, sizeof ts) != 0)
        return tr_error_set(err, TR_E_IO, "the clock could not be read");
    cJSON *rec = cJSON_CreateObject();
    int ok = rec && cJSON_AddStringToObject(rec, "type", TRP_RECORD) &&
             cJSON_AddStringToObject(rec, "ts", ts) && cJSON_AddStringToObject(rec, "name", name) &&
             cJSON_AddStringToObject(rec, "kind", tr_profile_kind_name(kind));
    char *text = ok ? cJSON_PrintUnformatted(rec) : NULL;
    cJSON_Delete(rec);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving the profile's name");
    size_t len = strlen(text);
    uint64_t seq = 0;
    tr_status st = tr_journal_append(j, text, len, &seq, err);
    sodium_memzero(text, len);
    cJSON_free(text);
    return st;
}

tr_status tr_profile_create(const tr_profile_desc *d, const tr_profile_new *p, const void *pass,
                            size_t pass_len, tr_profile *out, tr_error *err)
{
    char dir[TRP_PATH_MAX], path[TRP_PATH_MAX];
    trp_index ix = {0};
    tr_journal *j = NULL;
    tr_status st;
    memset(out, 0, sizeof *out);
    if ((st = tr_profile_check_new(d, p, err)))
        return st;
    clean_text(p->name, out->name, sizeof out->name, 0, "name", NULL);
    if ((st = check_pass(d, pass, pass_len, out->name, err)))
        goto fail;
    if ((st = trp_dir(d, dir, sizeof dir, err)))
        goto fail;
    int rc = tp_fs_private_dir(d->data_dir);
    if (rc == 0)
        rc = tp_fs_private_dir(dir);
    if (rc != 0) {
        st = tr_error_set(err, TR_E_IO, "%s: could not create the profiles folder: %s", dir,
                          strerror(-rc));
        goto fail;
    }
    if ((st = trp_prepare(d, &ix, err)))
        goto fail;
    trp_entry *e = trp_index_add(&ix);
    if (!e) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory creating the profile");
        goto fail;
    }
    do /* 128 random bits do not collide; the check costs nothing */
        trp_new_id(e->info.id);
    while (tr_profile_path(d, e->info.id, path, sizeof path) == 0 && tp_fs_exists(path));
    if (tr_profile_path(d, e->info.id, path, sizeof path) != 0) {
        st = tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", dir);
        goto fail;
    }
    e->info.kind = p->kind;
    snprintf(e->info.symbol, sizeof e->info.symbol, "%s",
             p->symbol ? p->symbol : tr_profile_symbols[0]);
    snprintf(e->info.colour, sizeof e->info.colour, "%s",
             p->colour ? p->colour : tr_profile_colours[0]);
    clean_text(p->label, e->info.label, sizeof e->info.label, 1, "label", NULL);
    out->info = e->info;
    st = tr_journal_create(
        &(tr_journal_desc){.path = path, .kdf_ops = d->kdf_ops, .kdf_mem = d->kdf_mem}, pass,
        pass_len, &j, err);
    if (st != TR_OK)
        goto fail;
    if ((st = write_name(j, out->name, p->kind, err)) || (st = trp_index_save(d, &ix, err)))
        goto fail;
    trp_index_free(&ix);
    out->j = j;
    return TR_OK;
fail:
    trp_index_free(&ix);
    if (j) {
        tr_journal_close(j);
        tr_journal_erase(&(tr_journal_desc){.path = path}, NULL); /* new: nothing is lost */
    }
    sodium_memzero(out, sizeof *out);
    return st;
}

/* The unlock's reader: takes the store's "profile" records, hands the rest on. */
typedef struct trp_reader {
    tr_profile_visit_fn visit;
    void *user;
    char name[TR_PROFILE_NAME_MAX + 1];
    int have_name;
} trp_reader;

static tr_status read_record(void *user, const tr_journal_record *rec, tr_error *err)
{
    trp_reader *r = user;
    if (strcmp(rec->type, TRP_RECORD) != 0)
        return r->visit ? r->visit(r->user, rec, err) : TR_OK;
    cJSON *o = cJSON_ParseWithLengthOpts(rec->json, rec->json_len + 1, NULL, 1);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
    tr_status st = TR_OK;
    if (!cJSON_IsObject(o) || !cJSON_IsString(name) ||
        strlen(name->valuestring) > TR_PROFILE_NAME_MAX)
        st = tr_error_set(err, TR_E_CORRUPT,
                          "journal record %llu (\"profile\") has no readable name of at most "
                          "%d bytes (core/RECORDS.md)",
                          (unsigned long long)rec->seq, TR_PROFILE_NAME_MAX);
    else {
        snprintf(r->name, sizeof r->name, "%s", name->valuestring); /* the newest wins */
        r->have_name = 1;
    }
    if (cJSON_IsString(name)) /* the name is the secret here: wipe it before freeing */
        sodium_memzero(name->valuestring, strlen(name->valuestring));
    cJSON_Delete(o);
    return st;
}

tr_status tr_profile_unlock(const tr_profile_desc *d, const char *id, const void *pass,
                            size_t pass_len, tr_profile_visit_fn visit, void *user, tr_profile *out,
                            tr_error *err)
{
    char path[TRP_PATH_MAX];
    trp_index ix = {0};
    tr_journal *j = NULL;
    trp_reader rd = {.visit = visit, .user = user};
    tr_status st;
    memset(out, 0, sizeof *out);
    if (!trp_valid_id(id))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile id", id ? id : "");
    if ((st = trp_prepare(d, &ix, err)))
        return st;
    if (tr_profile_path(d, id, path, sizeof path) != 0) {
        st = tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
        goto fail;
    }
    /* the desc's costs are those a passphrase change will use (reading uses the header's) */
    tr_journal_desc jd = {.path = path,
                          .kdf_ops = d->kdf_ops,
                          .kdf_mem = d->kdf_mem,
                          .visit = read_record,
                          .visit_user = &rd};
    if ((st = tr_journal_open(&jd, pass, pass_len, &j, err)))
        goto fail;
    trp_entry *e = trp_index_find(&ix, id);
    if (e)
        out->info = e->info;
    else { /* a journal the index lacks: the first look */
        snprintf(out->info.id, sizeof out->info.id, "%s", id);
        snprintf(out->info.symbol, sizeof out->info.symbol, "%s", tr_profile_symbols[0]);
        snprintf(out->info.colour, sizeof out->info.colour, "%s", tr_profile_colours[0]);
    }
    if (!rd.have_name && e && e->name_pending) {
        /* a migrated profile: its old name goes into the journal now that it is open */
        snprintf(rd.name, sizeof rd.name, "%s", e->info.label);
        if ((st = write_name(j, rd.name, e->info.kind, err)))
            goto fail;
        rd.have_name = 1;
    }
    if (e && e->name_pending) {
        e->name_pending = 0;
        tr_error ierr = {0}; /* only the mark: the next unlock sees the name record anyway */
        trp_index_save(d, &ix, &ierr);
    }
    snprintf(out->name, sizeof out->name, "%s", rd.name);
    int nomem = 0;
    out->weak = !strong_enough(d, pass, pass_len, out->name, &nomem) && !nomem;
    out->j = j;
    trp_index_free(&ix);
    sodium_memzero(&rd, sizeof rd);
    return TR_OK;
fail:
    tr_journal_close(j);
    trp_index_free(&ix);
    sodium_memzero(&rd, sizeof rd);
    memset(out, 0, sizeof *out);
    return st;
}

tr_status tr_profile_wait(const tr_profile_desc *d, const char *id, int64_t *seconds, tr_error *err)
{
    char path[TRP_PATH_MAX];
    *seconds = 0;
    if (tr_profile_path(d, id, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile id", id ? id : "");
    return tr_journal_wait(&(tr_journal_desc){.path = path}, seconds, err);
}

/* The lock of tp_io_posix, for the second handle that checks a passphrase while this process
 * already holds the journal's lock through the open profile (flock would refuse us). */
static int held_lock(void *user, tp_io_file *f)
{
    (void)user;
    (void)f;
    return 0;
}

tr_status tr_profile_passwd(const tr_profile_desc *d, tr_profile *p, const void *cur,
                            size_t cur_len, const void *pass, size_t pass_len, tr_error *err)
{
    char path[TRP_PATH_MAX];
    assert(d && p);
    if (!p->j)
        return tr_error_set(err, TR_E_INVALID,
                            "no profile is open: there is no passphrase to change");
    if (tr_profile_path(d, p->info.id, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    tr_status st = check_pass(d, pass, pass_len, p->name, err);
    if (st)
        return st;
    /* The current passphrase is checked as unlocking checks it (the try is counted and the
     * wait applies) by opening the journal a second time. That handle skips the file lock:
     * this process holds it through p->j, which nothing else touches while this runs (the job
     * owns the profile), so no other program can have the journal open. It writes only the
     * try counter, which p->j does not cache. */
    tp_io io = *tp_io_posix();
    io.lock = held_lock;
    tr_journal *check = NULL;
    st = tr_journal_open(&(tr_journal_desc){.path = path, .io = &io}, cur, cur_len, &check, err);
    if (st != TR_OK)
        return st;
    tr_journal_close(check);
    if ((st = tr_journal_passwd(p->j, pass, pass_len, err)) == TR_OK)
        p->weak = 0;
    return st;
}

tr_status tr_profile_wait_open(const tr_profile_desc *d, const tr_profile *p, int64_t *seconds,
                               tr_error *err)
{
    char path[TRP_PATH_MAX];
    *seconds = 0;
    if (!p->j || tr_profile_path(d, p->info.id, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "no profile is open");
    tp_io io = *tp_io_posix();
    io.lock = held_lock; /* p holds it (see tr_profile_passwd) */
    return tr_journal_wait(&(tr_journal_desc){.path = path, .io = &io}, seconds, err);
}

tr_status tr_profile_delete(const tr_profile_desc *d, const char *id, const void *pass,
                            size_t pass_len, tr_error *err)
{
    char path[TRP_PATH_MAX];
    trp_index ix = {0};
    tr_journal *j = NULL;
    tr_status st;
    if (!trp_valid_id(id))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile id", id ? id : "");
    if ((st = trp_prepare(d, &ix, err)))
        return st;
    if (tr_profile_path(d, id, path, sizeof path) != 0) {
        st = tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
        goto done;
    }
    if (pass) { /* the passphrase proves the profile is the client's own: a counted try */
        if ((st = tr_journal_open(&(tr_journal_desc){.path = path}, pass, pass_len, &j, err)))
            goto done;
        tr_journal_close(j);
    }
    if ((st = tr_journal_erase(&(tr_journal_desc){.path = path}, err)))
        goto done;
    trp_index_remove(&ix, id);
    tr_error ierr = {0};
    if (trp_index_save(d, &ix, &ierr) != TR_OK)
        st = tr_error_set(err, TR_E_IO,
                          "the profile's journal was erased, but its entry could not be removed "
                          "from the profile index (%s); it is dropped at the next change",
                          ierr.msg);
done:
    trp_index_free(&ix);
    return st;
}

tr_status tr_profile_append(tr_profile *p, const char *json, size_t len, tr_error *err)
{
    uint64_t seq = 0;
    if (!p || !p->j)
        return tr_error_set(err, TR_E_INVALID, "no profile is open: the record was not saved");
    return tr_journal_append(p->j, json, len, &seq, err);
}

void tr_profile_close(tr_profile *p)
{
    tr_journal_close(p->j);
    sodium_memzero(p, sizeof *p);
}
