/* tu_mod_links: see tu_mod_links.h. */
#include "tu_mod_links.h"

#include <stdio.h>

#include "tu_app.h"
#include "tu_mod_priv.h"

void tu_mod_links(tu_app *app, const tr_module_step *step)
{
    tu_ctx *ui = &app->ui;
    char id[64];
    if (!step || step->link_count == 0)
        return;
    tu_space(ui, ui->style.gap / 2);
    for (size_t i = 0; i < step->link_count; i++) {
        const tr_module_link *l = &step->links[i];
        snprintf(id, sizeof id, "step.link.%s", l->to_name);
        if (!tu_button(ui, id, TU_LOOK_SECONDARY, tr_module_text(l->label, tu_mod_lang(app))))
            continue;
        tu_mods_flush(app); /* typed text is saved before the step is left */
        app->meds.back_to_step = 1;
        app->meds.saved = NULL;
        if (l->to == TR_LINK_SIDE_EFFECT_CHECK && tu_meds_loaded(app) && app->prof.open.j &&
            !app->prof.guest)
            tu_meds_edit(app, TU_MEDS_CHECK, -1);
        else
            tu_app_go(app, TU_SCR_MEDS); /* the log; a guest is told there why it needs a profile */
        return;
    }
}
