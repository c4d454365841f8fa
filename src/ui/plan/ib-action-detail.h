/* ib-action-detail.h: the detail pane of the Action Plan view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-plan-model.h"

G_BEGIN_DECLS

#define IB_TYPE_ACTION_DETAIL (ib_action_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbActionDetail, ib_action_detail, IB, ACTION_DETAIL, GtkWidget)

/* Returns an empty detail pane. */
GtkWidget *ib_action_detail_new          (void);

/* Shows @item of @model: an action with its details, links and position statements newest
 * first, or a priority area with its roll-up; NULL shows "No Action Selected". Buttons name
 * the "plan." actions of the page around it. */
void       ib_action_detail_set_item     (IbActionDetail *self,
                                          IbPlanModel    *model,
                                          IbPlanItem     *item);

/* Shows or hides the controls that change the plan. */
void       ib_action_detail_set_can_edit (IbActionDetail *self,
                                          gboolean        can_edit);

G_END_DECLS
