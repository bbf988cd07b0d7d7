/* tp_dir: see tp_dir.h. */
#include "tp_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tp_path.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = suffix ? strlen(suffix) : 0;
    return n >= s && strcmp(name + n - s, suffix ? suffix : "") == 0;
}

void tp_dir_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

int tp_dir_list(const char *dir, const char *suffix, char ***names, size_t *n)
{
    char **list = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    DIR *d = opendir(dir);

    *names = NULL;
    *n = 0;
    if (!d)
        return -errno;
    while ((errno = 0, e = readdir(d)) != NULL) {
        char full[4096];
        struct stat st;
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, suffix))
            continue;
        if (tp_path_join(full, sizeof full, dir, e->d_name) != 0 || stat(full, &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **grown = realloc(list, ncap * sizeof *grown);
            if (!grown) {
                rc = -ENOMEM;
                goto fail;
            }
            list = grown;
            cap = ncap;
        }
        if (!(list[count] = strdup(e->d_name))) {
            rc = -ENOMEM;
            goto fail;
        }
        count++;
    }
    if (errno != 0) {
        rc = -errno;
        goto fail;
    }
    closedir(d);
    if (count)
        qsort(list, count, sizeof *list, cmp_names);
    *names = list;
    *n = count;
    return 0;
fail:
    closedir(d);
    tp_dir_names_free(list, count);
    return rc;
}
