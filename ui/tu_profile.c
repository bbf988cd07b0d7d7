/* tu_profile: the sink and the key-derivation worker; see tu_profile.h. */
#include "tu_profile.h"

#include <SDL.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_secret.h"
#include "tr_records_list.h"
#include "tr_records_read.h"

tr_status tu_profile_open_records(const tr_journal_desc *jd, const void *pass, size_t pass_len,
                                  tr_journal **out, cJSON **records, tr_error *err)
{
    tr_records_reader rd;
    *out = NULL;
    *records = NULL;
    tr_status st = tr_records_reader_begin(&rd, err);
    if (st)
        return st;
    tr_journal_desc d = *jd;
    d.visit = tr_records_reader_visit;
    d.visit_user = &rd;
    st = tr_journal_open(&d, pass, pass_len, out, err);
    if (st == TR_OK)
        assert((uint64_t)tr_records_list_count(rd.arr) + rd.keep.dropped == tr_journal_count(*out));
    *records = tr_records_reader_end(&rd, st == TR_OK);
    return st;
}

int tu_profile_sink(void *user, const cJSON *record, tr_error *err)
{
    return tr_profile_append_record(user, record, err) == TR_OK ? 0 : -1;
}

/* ---- the worker ------------------------------------------------------------------------ */

typedef enum job_kind { JOB_CREATE, JOB_UNLOCK, JOB_PASSWD, JOB_DELETE } job_kind;

struct tu_profile_job {
    char data_dir[1024];
    tr_profile_desc d;
    job_kind kind;
    char name[TR_PROFILE_NAME_MAX + 1];
    char label[TR_PROFILE_LABEL_MAX + 1];
    tr_profile_new np;
    char id[TR_PROFILE_ID_LEN + 1];
    char *pass, *pass2; /* locked memory; NULL once wiped (pass2: the new one of a change) */
    size_t pass_len, pass2_len;
    uint32_t done_event;
    SDL_Thread *thread;
    SDL_atomic_t done;
    tr_status st;
    tr_error err;
    tr_profile result; /* the profile opened, or the one whose passphrase is changed */
    cJSON *records;
};

static char *secret_copy(const void *p, size_t n)
{
    char *s = tr_secret_alloc(n);
    if (s)
        memcpy(s, p, n);
    return s;
}

static void secret_free(char **s, size_t n)
{
    tr_secret_free(*s, n ? n : 1);
    *s = NULL;
}

static int job_main(void *arg)
{
    tu_profile_job *job = arg;
    tr_records_reader rd;
    switch (job->kind) {
    case JOB_CREATE:
        job->st =
            tr_profile_create(&job->d, &job->np, job->pass, job->pass_len, &job->result, &job->err);
        if (job->st == TR_OK && !(job->records = tr_records_list_make())) {
            tr_profile_close(&job->result);
            job->st = tr_error_set(&job->err, TR_E_NOMEM, "out of memory opening the profile");
        }
        break;
    case JOB_UNLOCK:
        if ((job->st = tr_records_reader_begin(&rd, &job->err)) != TR_OK)
            break;
        job->st = tr_profile_unlock(&job->d, job->id, job->pass, job->pass_len,
                                    tr_records_reader_visit, &rd, &job->result, &job->err);
        job->records = tr_records_reader_end(&rd, job->st == TR_OK);
        break;
    case JOB_PASSWD:
        job->st = tr_profile_passwd(&job->d, &job->result, job->pass, job->pass_len, job->pass2,
                                    job->pass2_len, &job->err);
        break;
    case JOB_DELETE:
        job->st = tr_profile_delete(&job->d, job->id, job->pass, job->pass_len, &job->err);
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
static tu_profile_job *job_new(job_kind kind, const tr_profile_desc *d, const void *pass,
                               size_t pass_len, const void *pass2, size_t pass2_len,
                               uint32_t done_event, tr_error *err)
{
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

tu_profile_job *tu_profile_job_create(const tr_profile_desc *d, const tr_profile_new *np,
                                      const void *pass, size_t pass_len, uint32_t done_event,
                                      tr_error *err)
{
    tu_profile_job *job = job_new(JOB_CREATE, d, pass, pass_len, NULL, 0, done_event, err);
    if (!job)
        return NULL;
    snprintf(job->name, sizeof job->name, "%s", np->name ? np->name : "");
    snprintf(job->label, sizeof job->label, "%s", np->label ? np->label : "");
    job->np = *np;
    job->np.name = job->name;
    job->np.label = job->label;
    return job_run(job, err);
}

tu_profile_job *tu_profile_job_unlock(const tr_profile_desc *d, const char *id, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err)
{
    tu_profile_job *job = job_new(JOB_UNLOCK, d, pass, pass_len, NULL, 0, done_event, err);
    if (!job)
        return NULL;
    snprintf(job->id, sizeof job->id, "%s", id);
    return job_run(job, err);
}

tu_profile_job *tu_profile_job_passwd(const tr_profile_desc *d, tr_profile *p, const void *cur,
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

tu_profile_job *tu_profile_job_delete(const tr_profile_desc *d, const char *id, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err)
{
    tu_profile_job *job = job_new(JOB_DELETE, d, pass, pass_len, NULL, 0, done_event, err);
    if (!job)
        return NULL;
    snprintf(job->id, sizeof job->id, "%s", id);
    return job_run(job, err);
}

int tu_profile_job_done(tu_profile_job *job)
{
    return SDL_AtomicGet(&job->done) != 0;
}

tr_status tu_profile_job_finish(tu_profile_job *job, tr_profile *out, cJSON **records,
                                tr_error *err)
{
    SDL_WaitThread(job->thread, NULL);
    tr_status st = job->st;
    *out = job->result;
    *records = job->records;
    if (st != TR_OK && err)
        *err = job->err;
    tr_secret_wipe(job->name, sizeof job->name);
    free(job);
    return st;
}
