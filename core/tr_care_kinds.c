/* tr_care_kinds: the kinds of record a client can share (tr_care.h, core/EXCHANGE.md §7). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tr_care.h"

static const char *const MEASURES[] = {"measure", NULL};
static const char *const ASSESSMENT[] = {"assessment", NULL};
static const char *const MODULES[] = {"module_progress", "module_entry", NULL};
static const char *const CHECKINS[] = {"checkin", NULL};
static const char *const MEDICATION[] = {"medication", "side_effects", "medication_wish", NULL};
static const char *const GOALS[] = {"goal", NULL};
static const char *const FEEDBACK[] = {"feedback", NULL};

const tr_care_kind tr_care_kinds[] = {
    {"measures", MEASURES, offsetof(tr_care_report_opts, measures), 0},
    {"assessment", ASSESSMENT, offsetof(tr_care_report_opts, assessment), 0},
    {"modules", MODULES, offsetof(tr_care_report_opts, modules), 0},
    {"checkins", CHECKINS, offsetof(tr_care_report_opts, checkins), 0},
    {"medication", MEDICATION, offsetof(tr_care_report_opts, medication), 0},
    /* the client's own goals (tr_goal.h): a goal is set once and rated later, so all of them */
    {"goals", GOALS, offsetof(tr_care_report_opts, goals), 1},
    /* feedback on the help (tr_feedback.h); a wish to change therapist goes whatever is chosen */
    {"feedback", FEEDBACK, offsetof(tr_care_report_opts, feedback), 0},
};

const size_t tr_care_n_kinds = sizeof tr_care_kinds / sizeof tr_care_kinds[0];

const tr_care_kind *tr_care_kind_of(const char *type)
{
    for (size_t i = 0; type && i < tr_care_n_kinds; i++)
        for (const char *const *t = tr_care_kinds[i].types; *t; t++)
            if (strcmp(*t, type) == 0)
                return &tr_care_kinds[i];
    return NULL;
}

const tr_care_kind *tr_care_kind_named(const char *name)
{
    for (size_t i = 0; name && i < tr_care_n_kinds; i++)
        if (strcmp(tr_care_kinds[i].name, name) == 0)
            return &tr_care_kinds[i];
    return NULL;
}

int *tr_care_kind_flag(tr_care_report_opts *o, const tr_care_kind *k)
{
    return (int *)((char *)o + k->opt);
}

int tr_care_kind_on(const tr_care_report_opts *o, const tr_care_kind *k)
{
    return *(const int *)((const char *)o + k->opt);
}

tr_status tr_care_kinds_parse(const char *list, tr_care_report_opts *o, tr_error *err)
{
    const tr_care_kind *chosen[16];
    size_t n = 0;
    const char *p = list ? list : "";
    char names[160] = "";
    for (size_t i = 0; i < tr_care_n_kinds; i++) /* for the message */
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                 tr_care_kinds[i].name);
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[32];
        while (len && *p == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (len == 0 || len >= sizeof name)
            return tr_error_set(err, TR_E_INVALID,
                                "\"%s\": name what to share, separated by commas (%s)",
                                list ? list : "", names);
        memcpy(name, p, len);
        name[len] = '\0';
        const tr_care_kind *k = tr_care_kind_named(name);
        if (!k)
            return tr_error_set(err, TR_E_INVALID, "\"%s\" is nothing to share; the kinds are %s",
                                name, names);
        if (n < sizeof chosen / sizeof chosen[0])
            chosen[n++] = k;
        if (!end)
            break;
        p = end + 1;
    }
    for (size_t i = 0; i < n; i++)
        *tr_care_kind_flag(o, chosen[i]) = 1;
    return TR_OK;
}
