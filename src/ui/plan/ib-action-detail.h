/* ib-action-detail.h: the detail pane of the Action Plan view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-detail-pane.h"
#include "ib-plan-model.h"

G_BEGIN_DECLS

#define IB_TYPE_ACTION_DETAIL (ib_action_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbActionDetail, ib_action_detail, IB, ACTION_DETAIL, IbDetailPane)

/* Shows @item of @model: an action with its details, links and position statements newest
 * first, or a priority area with its roll-up; NULL shows "No Action Selected", and the same
 * record again is updated in place. Buttons name the "plan." actions of the page around it. */
void       ib_action_detail_show         (IbActionDetail *self,
                                          IbPlanModel    *model,
                                          IbPlanItem     *item);

G_END_DECLS
