/* ib-plan-page.h: the Action Plan view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-plan-model.h"

G_BEGIN_DECLS

#define IB_TYPE_PLAN_PAGE (ib_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (IbPlanPage, ib_plan_page, IB, PLAN_PAGE, GtkWidget)

/* Returns the model behind the list (transfer none), or NULL before a store is set. */
IbPlanModel *ib_plan_page_get_model    (IbPlanPage *self);

/* Selects the row of record @id (an action or priority area); returns FALSE when it is not shown. */
gboolean     ib_plan_page_select       (IbPlanPage *self,
                                        const char *id);

/* Carries out a delete still waiting on its Undo toast now. */
void         ib_plan_page_commit_pending (IbPlanPage *self);

G_END_DECLS
