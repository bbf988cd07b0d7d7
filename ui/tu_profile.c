/* tu_profile: profiles as journal files, their name index, and the key-derivation worker;
 * see tu_profile.h. */
#include "tu_profile.h"

#include <SDL.h>
#include <assert.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_io.h"
#include "tp_path.h"
#include "tr_json.h"
#include "tu_records_keep.h"

#define SUFFIX ".trinn"
#define INDEX  "names.json"

static int profiles_dir(const tu_profile_desc *d, char *buf, size_t size)
{
    assert(d && d->data_dir);
    return tp_path_join(buf, size, d->data_dir, "profiles");
}

int tu_profile_path(const tu_profile_desc *d, const char *slug, char *buf, size_t size)
{
    char dir[1100], file[TU_PROFILE_SLUG_MAX + 16];
    if (profiles_dir(d, dir, sizeof dir) != 0)
        return -1;
    snprintf(file, sizeof file, "%s" SUFFIX, slug);
    return tp_path_join(buf, size, dir, file);
}

void tu_profile_slug(const char *name, char *slug, size_t size)
{
    assert(size > TU_PROFILE_SLUG_MAX);
    size_t k = 0, max = TU_PROFILE_SLUG_MAX;
    const unsigned char *p = (const unsigned char *)name;
    while (*p && k < max) {
        const char *put = NULL;
        char one[2] = {0, 0};
        size_t adv = 1;
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            one[0] = (char)*p;
            put = one;
        } else if (*p >= 'A' && *p <= 'Z') {
            one[0] = (char)(*p - 'A' + 'a');
            put = one;
        } else if (p[0] == 0xC3 && p[1]) {
            adv = 2;
            switch (p[1]) {
            case 0xA6: /* æ */
            case 0x86: /* Æ */
                put = "ae";
                break;
            case 0xB8: /* ø */
            case 0x98: /* Ø */
                put = "o";
                break;
            case 0xA5: /* å */
            case 0x85: /* Å */
                put = "aa";
                break;
            default:
                put = "-";
            }
        } else {
            put = "-";
            if (*p >= 0xC0) /* skip the rest of a multi-byte character */
                while ((p[adv] & 0xC0) == 0x80)
                    adv++;
        }
        for (; *put && k < max; put++) {
            if (*put == '-' && (k == 0 || slug[k - 1] == '-'))
                continue; /* no leading or doubled dashes */
            slug[k++] = *put;
        }
        p += adv;
    }
    while (k > 0 && slug[k - 1] == '-')
        k--;
    slug[k] = 0;
    if (k == 0)
        snprintf(slug, size, "profil");
}

static int valid_slug(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > TU_PROFILE_SLUG_MAX || s[0] == '-')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

/* The index {slug: name}; an empty object when there is none yet. NULL (err set) when it is
 * unreadable. */
static cJSON *load_index(const tu_profile_desc *d, tr_error *err)
{
    char dir[1100], path[1200];
    if (profiles_dir(d, dir, sizeof dir) != 0 || tp_path_join(path, sizeof path, dir, INDEX) != 0) {
        tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
        return NULL;
    }
    if (access(path, F_OK) != 0)
        return cJSON_CreateObject();
    cJSON *j = tr_json_load_file(path, err);
    if (j && !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        tr_error_set(err, TR_E_INVALID,
                     "%s: expected an object {file name: profile name}; remove the file and the "
                     "profiles are listed by file name",
                     path);
        return NULL;
    }
    return j;
}

/* Writes the index: new file, fsync, rename over the old one. */
static tr_status save_index(const tu_profile_desc *d, const cJSON *index, tr_error *err)
{
    char dir[1100], path[1200], tmp[1300];
    if (profiles_dir(d, dir, sizeof dir) != 0 || tp_path_join(path, sizeof path, dir, INDEX) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    char *text = cJSON_Print(index);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving the profile names");
    /* through the storage seam, so it is durable and replaces the old index on Windows too */
    const tp_io *io = tp_io_posix();
    tp_io_file *f = NULL;
    size_t n = strlen(text);
    text[n] = '\n';            /* cJSON_Print's NUL becomes the final newline */
    io->unlink(io->user, tmp); /* a stray copy from a crash */
    int rc = io->open(io->user, tmp, TP_IO_WRITE | TP_IO_CREATE, &f);
    if (!rc)
        rc = io->pwrite(io->user, f, text, n + 1, 0);
    if (!rc)
        rc = io->sync(io->user, f);
    if (f) {
        int crc = io->close(io->user, f);
        rc = rc ? rc : crc;
    }
    cJSON_free(text);
    if (!rc)
        rc = io->rename(io->user, tmp, path);
    if (rc) {
        io->unlink(io->user, tmp);
        return tr_error_set(err, TR_E_IO, "%s: could not save the profile names: %s", path,
                            strerror(-rc));
    }
    return TR_OK;
}

void tu_profile_list_free(tu_profile_info *list)
{
    free(list);
}

tr_status tu_profile_list(const tu_profile_desc *d, tu_profile_info **out, size_t *n, tr_error *err)
{
    char dir[1100];
    char **names = NULL;
    size_t count = 0;
    cJSON *index = NULL;
    *out = NULL;
    *n = 0;
    if (profiles_dir(d, dir, sizeof dir) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    int rc = tp_dir_list(dir, SUFFIX, &names, &count);
    if (rc == -ENOENT)
        return TR_OK;
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: could not list the profiles: %s", dir,
                            strerror(-rc));
    tr_error ierr = {0};
    index = load_index(d, &ierr); /* a broken index only loses the display names */
    tu_profile_info *list = count ? calloc(count, sizeof *list) : NULL;
    if (count && !list) {
        tp_dir_names_free(names, count);
        cJSON_Delete(index);
        return tr_error_set(err, TR_E_NOMEM, "out of memory listing the profiles");
    }
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(names[i]) - strlen(SUFFIX);
        if (len == 0 || len > TU_PROFILE_SLUG_MAX)
            continue;
        memcpy(list[k].slug, names[i], len);
        list[k].slug[len] = 0;
        if (!valid_slug(list[k].slug))
            continue; /* not one of ours */
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(index, list[k].slug);
        snprintf(list[k].name, sizeof list[k].name, "%s",
                 cJSON_IsString(nm) && nm->valuestring[0] ? nm->valuestring : list[k].slug);
        k++;
    }
    tp_dir_names_free(names, count);
    cJSON_Delete(index);
    if (k == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    *n = k;
    return TR_OK;
}

/* Trims spaces into buf and checks what a name may be. */
static tr_status clean_name(const char *name, char *buf, size_t size, tr_error *err)
{
    while (*name == ' ')
        name++;
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == ' ')
        n--;
    if (n == 0)
        return tr_error_set(err, TR_E_INVALID, "the profile needs a name");
    if (n >= size)
        return tr_error_set(err, TR_E_INVALID, "the name is too long (at most %d bytes)",
                            (int)size - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return tr_error_set(err, TR_E_INVALID, "the name contains a control character");
    memcpy(buf, name, n);
    buf[n] = 0;
    return TR_OK;
}

int tu_profile_same_name(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        unsigned cx = *x, cy = *y;
        if (cx >= 'A' && cx <= 'Z')
            cx += 32;
        if (cy >= 'A' && cy <= 'Z')
            cy += 32;
        if (x > (const unsigned char *)a && x[-1] == 0xC3 && cx >= 0x80 && cx <= 0x9E && cx != 0x97)
            cx += 32;
        if (y > (const unsigned char *)b && y[-1] == 0xC3 && cy >= 0x80 && cy <= 0x9E && cy != 0x97)
            cy += 32;
        if (cx != cy)
            return 0;
        if (!cx)
            return 1;
    }
}

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Takes one record verified by tr_journal_open into the array: authenticated, but still
 * checked, as every input is. */
typedef struct reader {
    cJSON *arr;
    tu_keep keep; /* drops saves of an entry superseded by newer ones (tu_records_keep.h) */
} reader;

static tr_status visit_copy(void *user, const tr_journal_record *rec, tr_error *err)
{
    reader *rd = user;
    /* rec->json is NUL-terminated: passing the NUL makes cJSON refuse trailing bytes */
    cJSON *item = cJSON_ParseWithLengthOpts(rec->json, rec->json_len + 1, NULL, 1);
    if (!item)
        return tr_error_set(err, TR_E_CORRUPT,
                            "journal record %llu is not readable JSON (or memory ran out); "
                            "run 'trinnctl journal verify' on the profile's file",
                            (unsigned long long)rec->seq);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(item, "ts");
    if (!cJSON_IsObject(item) || !cJSON_IsString(type) || strcmp(type->valuestring, rec->type) ||
        !cJSON_IsString(ts)) {
        cJSON_Delete(item);
        return tr_error_set(err, TR_E_CORRUPT,
                            "journal record %llu is not an object with the string \"type\" and "
                            "\"ts\" its framing names (core/RECORDS.md)",
                            (unsigned long long)rec->seq);
    }
    if (tu_keep_add(&rd->keep, rd->arr, item) != 0)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal's records");
    return TR_OK;
}

tr_status tu_profile_open_records(const tr_journal_desc *jd, const void *pass, size_t pass_len,
                                  tr_journal **out, cJSON **records, tr_error *err)
{
    *out = NULL;
    *records = NULL;
    reader rd = {.arr = cJSON_CreateArray()};
    if (!rd.arr)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
    tr_journal_desc d = *jd;
    d.visit = visit_copy;
    d.visit_user = &rd;
    tr_status st = tr_journal_open(&d, pass, pass_len, out, err);
    if (st != TR_OK) {
        tu_keep_free(&rd.keep);
        cJSON_Delete(rd.arr); /* verification failed: what was visited is not trusted */
        return st;
    }
    assert((uint64_t)cJSON_GetArraySize(rd.arr) + rd.keep.dropped == tr_journal_count(*out));
    tu_keep_finish(&rd.keep, rd.arr);
    tu_keep_free(&rd.keep);
    *records = rd.arr;
    return TR_OK;
}

tr_status tu_profile_create(const tu_profile_desc *d, const char *name, const void *pass,
                            size_t pass_len, tu_profile *out, cJSON **records, tr_error *err)
{
    char clean[TU_PROFILE_NAME_MAX + 1], base[TU_PROFILE_SLUG_MAX + 1],
        slug[TU_PROFILE_SLUG_MAX + 1];
    char dir[1100], path[1200];
    tu_profile_info *list = NULL;
    size_t n = 0;
    cJSON *index = NULL;
    tr_journal *j = NULL;
    tr_status st;
    memset(out, 0, sizeof *out);
    *records = NULL;
    if ((st = clean_name(name, clean, sizeof clean, err)))
        return st;
    if (profiles_dir(d, dir, sizeof dir) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    int rc = tp_fs_mkdirs(dir);
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: could not create the profiles folder: %s", dir,
                            strerror(-rc));
    if ((st = tu_profile_list(d, &list, &n, err)))
        return st;
    for (size_t i = 0; i < n; i++)
        if (tu_profile_same_name(list[i].name, clean)) {
            tu_profile_list_free(list);
            return tr_error_set(err, TR_E_INVALID,
                                "there is already a profile called \"%s\"; choose another name",
                                clean);
        }
    tu_profile_list_free(list);
    tu_profile_slug(clean, base, sizeof base);
    snprintf(slug, sizeof slug, "%s", base);
    for (int k = 2;; k++) {
        if (tu_profile_path(d, slug, path, sizeof path) != 0)
            return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long",
                                d->data_dir);
        if (!file_exists(path))
            break;
        if (k > 999)
            return tr_error_set(err, TR_E_INVALID, "too many profiles with similar names");
        char sfx[8];
        int sl = snprintf(sfx, sizeof sfx, "-%d", k);
        size_t keep = strlen(base);
        if (keep + (size_t)sl > TU_PROFILE_SLUG_MAX)
            keep = TU_PROFILE_SLUG_MAX - (size_t)sl;
        snprintf(slug, sizeof slug, "%.*s%s", (int)keep, base, sfx);
    }
    if (!(index = load_index(d, err)))
        return err ? err->status : TR_E_IO;
    st = tr_journal_create(
        &(tr_journal_desc){.path = path, .kdf_ops = d->kdf_ops, .kdf_mem = d->kdf_mem}, pass,
        pass_len, &j, err);
    if (st != TR_OK)
        goto fail;
    cJSON_DeleteItemFromObjectCaseSensitive(index, slug);
    if (!cJSON_AddStringToObject(index, slug, clean)) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory saving the profile name");
        goto fail;
    }
    if ((st = save_index(d, index, err)))
        goto fail;
    if (!(*records = cJSON_CreateArray())) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory opening the profile");
        goto fail;
    }
    cJSON_Delete(index);
    out->j = j;
    snprintf(out->slug, sizeof out->slug, "%s", slug);
    snprintf(out->name, sizeof out->name, "%s", clean);
    return TR_OK;
fail:
    cJSON_Delete(index);
    if (j) {
        tr_journal_close(j);
        remove(path); /* a new, empty journal: nothing of the client's is lost */
    }
    return st;
}

tr_status tu_profile_unlock(const tu_profile_desc *d, const char *slug, const void *pass,
                            size_t pass_len, tu_profile *out, cJSON **records, tr_error *err)
{
    char path[1200];
    tr_journal *j = NULL;
    tr_status st;
    memset(out, 0, sizeof *out);
    *records = NULL;
    if (!valid_slug(slug))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile file name", slug);
    if (tu_profile_path(d, slug, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    /* the desc's costs are those a passphrase change will use (reading uses the header's) */
    tr_journal_desc jd = {.path = path, .kdf_ops = d->kdf_ops, .kdf_mem = d->kdf_mem};
    if ((st = tu_profile_open_records(&jd, pass, pass_len, &j, records, err)))
        return st;
    out->j = j;
    snprintf(out->slug, sizeof out->slug, "%s", slug);
    snprintf(out->name, sizeof out->name, "%s", slug);
    tu_profile_info *list = NULL;
    size_t n = 0;
    tr_error lerr = {0};
    if (tu_profile_list(d, &list, &n, &lerr) == TR_OK)
        for (size_t i = 0; i < n; i++)
            if (strcmp(list[i].slug, slug) == 0)
                snprintf(out->name, sizeof out->name, "%s", list[i].name);
    tu_profile_list_free(list);
    return TR_OK;
}

tr_status tu_profile_wait(const tu_profile_desc *d, const char *slug, int64_t *seconds,
                          tr_error *err)
{
    char path[1200];
    *seconds = 0;
    if (!valid_slug(slug) || tu_profile_path(d, slug, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile file name", slug);
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

tr_status tu_profile_passwd(const tu_profile_desc *d, tu_profile *p, const void *cur,
                            size_t cur_len, const void *pass, size_t pass_len, tr_error *err)
{
    char path[1200];
    assert(d && p);
    if (!p->j)
        return tr_error_set(err, TR_E_INVALID,
                            "no profile is open: there is no passphrase to "
                            "change");
    if (tu_profile_path(d, p->slug, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    /* The current passphrase is checked as unlocking checks it (the try is counted and the
     * wait applies) by opening the journal a second time. That handle skips the file lock:
     * this process holds it through p->j, which nothing else touches while this runs (the job
     * owns the profile), so no other program can have the journal open. It writes only the
     * try counter, which p->j does not cache. */
    tp_io io = *tp_io_posix();
    io.lock = held_lock;
    tr_journal *check = NULL;
    tr_status st =
        tr_journal_open(&(tr_journal_desc){.path = path, .io = &io}, cur, cur_len, &check, err);
    if (st != TR_OK)
        return st;
    tr_journal_close(check);
    return tr_journal_passwd(p->j, pass, pass_len, err);
}

tr_status tu_profile_wait_open(const tu_profile_desc *d, const tu_profile *p, int64_t *seconds,
                               tr_error *err)
{
    char path[1200];
    *seconds = 0;
    if (!p->j || tu_profile_path(d, p->slug, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "no profile is open");
    tp_io io = *tp_io_posix();
    io.lock = held_lock; /* p holds it (see tu_profile_passwd) */
    return tr_journal_wait(&(tr_journal_desc){.path = path, .io = &io}, seconds, err);
}

tr_status tu_profile_delete(const tu_profile_desc *d, const char *slug, const void *pass,
                            size_t pass_len, tr_error *err)
{
    char path[1200];
    tr_journal *j = NULL;
    tr_status st;
    if (!valid_slug(slug))
        return tr_error_set(err, TR_E_INVALID, "\"%s\" is not a profile file name", slug);
    if (tu_profile_path(d, slug, path, sizeof path) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", d->data_dir);
    /* the passphrase proves the profile is the client's own: a full open, counted as a try */
    if ((st = tr_journal_open(&(tr_journal_desc){.path = path}, pass, pass_len, &j, err)))
        return st;
    tr_journal_close(j);
    if ((st = tr_journal_erase(&(tr_journal_desc){.path = path}, err)))
        return st;
    tr_error ierr = {0};
    cJSON *index = load_index(d, &ierr);
    if (index) {
        cJSON_DeleteItemFromObjectCaseSensitive(index, slug);
        st = save_index(d, index, &ierr);
        cJSON_Delete(index);
    } else {
        st = ierr.status ? ierr.status : TR_E_IO;
    }
    if (st != TR_OK)
        return tr_error_set(err, TR_E_IO,
                            "the profile's journal was erased, but its name could not be "
                            "removed from the names index (%s); remove the entry \"%s\" by hand",
                            ierr.msg, slug);
    return TR_OK;
}

int tu_profile_sink(void *user, const cJSON *record, tr_error *err)
{
    tu_profile *p = user;
    if (!p || !p->j) {
        tr_error_set(err, TR_E_INVALID, "no profile is open: the record was not saved");
        return -1;
    }
    char *text = cJSON_PrintUnformatted(record);
    if (!text) {
        tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
        return -1;
    }
    size_t len = strlen(text);
    uint64_t seq = 0;
    tr_status st = tr_journal_append(p->j, text, len, &seq, err);
    sodium_memzero(text, len);
    cJSON_free(text);
    return st == TR_OK ? 0 : -1;
}

void tu_profile_close(tu_profile *p)
{
    tr_journal_close(p->j);
    memset(p, 0, sizeof *p);
}

/* ---- the worker ------------------------------------------------------------------------ */

typedef enum job_kind { JOB_CREATE, JOB_UNLOCK, JOB_PASSWD, JOB_DELETE } job_kind;

struct tu_profile_job {
    char data_dir[1024];
    tu_profile_desc d;
    job_kind kind;
    char name[TU_PROFILE_NAME_MAX * 2 + 2];
    char slug[TU_PROFILE_SLUG_MAX + 1];
    char *pass, *pass2; /* sodium_malloc; NULL once wiped (pass2: the new one of a change) */
    size_t pass_len, pass2_len;
    uint32_t done_event;
    SDL_Thread *thread;
    SDL_atomic_t done;
    tr_status st;
    tr_error err;
    tu_profile result; /* the profile opened, or the one whose passphrase is changed */
    cJSON *records;
};

static char *secret_copy(const void *p, size_t n)
{
    char *s = sodium_malloc(n ? n : 1);
    if (s)
        memcpy(s, p, n);
    return s;
}

static void secret_free(char **s, size_t n)
{
    if (*s) {
        sodium_memzero(*s, n);
        sodium_free(*s);
        *s = NULL;
    }
}

static int job_main(void *arg)
{
    tu_profile_job *job = arg;
    switch (job->kind) {
    case JOB_CREATE:
        job->st = tu_profile_create(&job->d, job->name, job->pass, job->pass_len, &job->result,
                                    &job->records, &job->err);
        break;
    case JOB_UNLOCK:
        job->st = tu_profile_unlock(&job->d, job->slug, job->pass, job->pass_len, &job->result,
                                    &job->records, &job->err);
        break;
    case JOB_PASSWD:
        job->st = tu_profile_passwd(&job->d, &job->result, job->pass, job->pass_len, job->pass2,
                                    job->pass2_len, &job->err);
        break;
    case JOB_DELETE:
        job->st = tu_profile_delete(&job->d, job->slug, job->pass, job->pass_len, &job->err);
        break;
    }
    secret_free(&job->pass, job->pass_len);
    secret_free(&job->pass2, job->pass2_len);
    SDL_AtomicSet(&job->done, 1);
    if (job->done_event) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = job->done_event;
        SDL_PushEvent(&e);
    }
    return 0;
}

/* A job of `kind` with the passphrase(s) copied; NULL with err set. */
static tu_profile_job *job_new(job_kind kind, const tu_profile_desc *d, const void *pass,
                               size_t pass_len, const void *pass2, size_t pass2_len,
                               uint32_t done_event, tr_error *err)
{
    if (sodium_init() < 0) {
        tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
        return NULL;
    }
    tu_profile_job *job = calloc(1, sizeof *job);
    if (!job) {
        tr_error_set(err, TR_E_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(job->data_dir, sizeof job->data_dir, "%s", d->data_dir);
    job->d = *d;
    job->d.data_dir = job->data_dir;
    job->kind = kind;
    job->done_event = done_event;
    job->pass = secret_copy(pass, pass_len);
    job->pass_len = pass_len;
    if (pass2) {
        job->pass2 = secret_copy(pass2, pass2_len);
        job->pass2_len = pass2_len;
    }
    if (!job->pass || (pass2 && !job->pass2)) {
        secret_free(&job->pass, job->pass_len);
        secret_free(&job->pass2, job->pass2_len);
        free(job);
        tr_error_set(err, TR_E_NOMEM, "out of memory");
        return NULL;
    }
    return job;
}

/* Starts the thread; on failure frees the job (NULL, err set). */
static tu_profile_job *job_run(tu_profile_job *job, tr_error *err)
{
    job->thread = SDL_CreateThread(job_main, "trinn-kdf", job);
    if (!job->thread) {
        tr_error_set(err, TR_E_NOMEM, "could not start a worker thread: %s", SDL_GetError());
        secret_free(&job->pass, job->pass_len);
        secret_free(&job->pass2, job->pass2_len);
        free(job);
        return NULL;
    }
    return job;
}

tu_profile_job *tu_profile_job_start(const tu_profile_desc *d, const char *name, const char *slug,
                                     const void *pass, size_t pass_len, uint32_t done_event,
                                     tr_error *err)
{
    assert((name == NULL) != (slug == NULL));
    tu_profile_job *job =
        job_new(name ? JOB_CREATE : JOB_UNLOCK, d, pass, pass_len, NULL, 0, done_event, err);
    if (!job)
        return NULL;
    snprintf(job->name, sizeof job->name, "%s", name ? name : "");
    snprintf(job->slug, sizeof job->slug, "%s", slug ? slug : "");
    return job_run(job, err);
}

tu_profile_job *tu_profile_job_passwd(const tu_profile_desc *d, tu_profile *p, const void *cur,
                                      size_t cur_len, const void *pass, size_t pass_len,
                                      uint32_t done_event, tr_error *err)
{
    assert(p && p->j);
    tu_profile_job *job = job_new(JOB_PASSWD, d, cur, cur_len, pass, pass_len, done_event, err);
    if (!job)
        return NULL;
    job->result = *p; /* the job owns the open profile until finish hands it back */
    if (!job_run(job, err))
        return NULL; /* the job is freed; *p was not touched */
    memset(p, 0, sizeof *p);
    return job;
}

tu_profile_job *tu_profile_job_delete(const tu_profile_desc *d, const char *slug, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err)
{
    tu_profile_job *job = job_new(JOB_DELETE, d, pass, pass_len, NULL, 0, done_event, err);
    if (!job)
        return NULL;
    snprintf(job->slug, sizeof job->slug, "%s", slug);
    return job_run(job, err);
}

int tu_profile_job_done(tu_profile_job *job)
{
    return SDL_AtomicGet(&job->done) != 0;
}

tr_status tu_profile_job_finish(tu_profile_job *job, tu_profile *out, cJSON **records,
                                tr_error *err)
{
    SDL_WaitThread(job->thread, NULL);
    tr_status st = job->st;
    *out = job->result;
    *records = job->records;
    if (st != TR_OK && err)
        *err = job->err;
    free(job);
    return st;
}
