/* ib-plan-page-private.h: what tests reach inside the plan view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-plan-page.h"

G_BEGIN_DECLS

/* Returns the model behind the list (transfer none), or NULL before a store is set. */
IbPlanModel *ib_plan_page_get_model    (IbPlanPage *self);

/* Selects the row of record @id (an action or priority area); returns FALSE when it is not shown. */
gboolean     ib_plan_page_select       (IbPlanPage *self,
                                        const char *id);

/* Carries out a delete still waiting on its Undo toast now. */
void         ib_plan_page_commit_pending (IbPlanPage *self);

G_END_DECLS
