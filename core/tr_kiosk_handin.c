/* tr_kiosk_handin: a visit's hand-in written into the kiosk's spool folder (tr_kiosk.h). Every
 * buffer that held the visitor's record, its client id (which carries the reference code) or
 * the spool path is wiped before it is freed or goes out of scope. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_kiosk.h"
#include "tr_secret.h"

tr_status tr_kiosk_spool_write(const tr_kiosk_spool_job *job, const cJSON *rec, tr_error *err)
{
    const tr_kiosk_config *cfg = job->cfg;
    tr_kiosk_sealed *out = job->out;
    char name[TR_KIOSK_CLIENT_MAX + 32], path[TR_KIOSK_PATH_MAX + 64];
    uint8_t *file = NULL;
    size_t len = 0;
    tr_status st = TR_OK;
    memset(out, 0, sizeof *out);
    /* a code not already waiting in the folder today: the spool file's name holds it */
    for (int tries = 0; tries < 20; tries++) {
        free(file); /* sealed to the team: nothing readable */
        file = NULL;
        tr_kiosk_ref_new(out->ref);
        st = tr_kiosk_handin(&cfg->key, &cfg->card, rec, out->ref, job->now, job->now_s, &file,
                             &len, out->client, err);
        if (st != TR_OK)
            goto fail;
        if (tr_kiosk_spool_name(out->client, name, sizeof name) != 0 ||
            tp_path_join(path, sizeof path, cfg->spool, name) != 0) {
            st = tr_error_set(err, TR_E_INVALID, "the spool folder's path is too long");
            goto fail;
        }
        if (!tp_fs_exists(path))
            break;
    }
    int rc = tp_fs_write_atomic(path, file, len);
    if (rc != 0) {
        st = tr_error_set(err, TR_E_IO, "the hand-in could not be written into %s: %s", cfg->spool,
                          strerror(-rc));
        goto fail;
    }
    goto done;
fail:
    tr_secret_wipe(out, sizeof *out);
done:
    free(file);
    tr_secret_wipe(name, sizeof name);
    tr_secret_wipe(path, sizeof path);
    return st;
}

tr_status tr_kiosk_spool_use(void *user, const cJSON *rec, tr_error *err)
{
    return tr_kiosk_spool_write(user, rec, err);
}

tr_status tr_kiosk_spool_test(const tr_kiosk_spool_job *job, tr_error *err)
{
    cJSON *rec = cJSON_CreateObject();
    if (!rec || !cJSON_AddStringToObject(rec, "type", "assessment") ||
        !cJSON_AddStringToObject(rec, "ts", job->now) || !cJSON_AddBoolToObject(rec, "test", 1) ||
        !cJSON_AddStringToObject(rec, "risk", "none") ||
        !cJSON_AddStringToObject(rec, "recommended", "test") ||
        !cJSON_AddStringToObject(rec, "chosen", "test") ||
        !cJSON_AddObjectToObject(rec, "answers") || !cJSON_AddObjectToObject(rec, "scores")) {
        cJSON_Delete(rec);
        memset(job->out, 0, sizeof *job->out);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    tr_status st = tr_kiosk_spool_write(job, rec, err);
    cJSON_Delete(rec);
    return st;
}

int tr_kiosk_spool_count(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    if (tp_dir_list(dir, ".trinn-rapport", &names, &n) != 0)
        return -1;
    tp_dir_names_free(names, n);
    return (int)n;
}
