/* tu_mod_entries: the live entries of a step, cached while the records do not change; see
 * tu_mod_priv.h. */
#include <string.h>

#include "tu_mod_priv.h"

const tr_module_entries *tu_mod_entries(tu_app *app, const tr_module *mod,
                                        const tr_module_step *step)
{
    tu_mods *m = &app->mods;
    unsigned long gen = app->records.gen + 1;
    if (m->entries_gen == gen && m->entries_mod == mod && m->entries_step &&
        strcmp(m->entries_step, step->id) == 0)
        return &m->entries;
    tr_module_entries_free(&m->entries);
    m->entries_gen = 0;
    tr_error err = {0};
    if (tr_module_entries_of(mod, step->id, tu_records_list(&app->records), &m->entries, &err) !=
        TR_OK)
        return &m->entries; /* empty (tr_module_entries_of leaves it so) and not remembered */
    m->entries_mod = mod;
    m->entries_step = step->id;
    m->entries_gen = gen;
    return &m->entries;
}
