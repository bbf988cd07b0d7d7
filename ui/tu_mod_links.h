/* tu_mod_links: a module step's links to other parts of the app (content/modules/FORMAT.md
 * "Links"), drawn as buttons under the step: the IMR module «Effektiv bruk av medisiner» opens
 * the medication log and its side-effect check this way. Where a link may lead is the core's
 * list (tr_module_link_to); which step links where, and the words, are the module's data. */
#ifndef TU_MOD_LINKS_H
#define TU_MOD_LINKS_H

#include "tr_module.h"

struct tu_app;
/* Draws step's links ("step.link.<to>"); a press saves what the step holds and opens the
 * place, whose «Tilbake» comes back to the step. Nothing for a step without links. */
void tu_mod_links(struct tu_app *app, const tr_module_step *step);

#endif
