/* ib-judgements-page.h: the Judgements view: Ofsted's engagements on a timeline with the
 * DfE's intervention, each engagement's grades, findings and the actions that answer them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-judgements-model.h"

G_BEGIN_DECLS

#define IB_TYPE_JUDGEMENTS_PAGE (ib_judgements_page_get_type ())

G_DECLARE_FINAL_TYPE (IbJudgementsPage, ib_judgements_page, IB, JUDGEMENTS_PAGE, GtkWidget)

/* Reads what the view shows again now: for other councils' grades, imported into a local table
 * the store announces no change of. Nothing before the view has a store. */
void ib_judgements_page_reload (IbJudgementsPage *self);

G_END_DECLS
