/* ib-plan-row.h: one row of the action list: a priority heading or an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-plan-item.h"

G_BEGIN_DECLS

#define IB_TYPE_PLAN_ROW (ib_plan_row_get_type ())

G_DECLARE_FINAL_TYPE (IbPlanRow, ib_plan_row, IB, PLAN_ROW, GtkWidget)

/* Returns an empty row, filled by ib_plan_row_set_item (). */
GtkWidget *ib_plan_row_new      (void);

/* Shows @item; NULL (the list unbinding the row) keeps what it showed until the next item.
 * @board_date names the previous Improvement Board (YYYY-MM-DD) that colour changes are
 * measured from, or NULL. */
void       ib_plan_row_set_item (IbPlanRow  *self,
                                 IbPlanItem *item,
                                 const char *board_date);

/* Returns how an overdue action's lateness reads, "Overdue", or, when its status still says
 * it is on track, a sentence saying the two disagree (transfer full). */
char      *ib_plan_row_overdue_text (IbPlanItem *item);

/* Returns TRUE when @action was carried over from an earlier plan ("Rolled forward", kept in
 * its horizon field though it is no horizon). */
gboolean   ib_plan_row_is_rolled_forward    (IbRecord   *action);

/* Returns the badge that says an action was rolled forward, as a status is shown. */
GtkWidget *ib_plan_row_rolled_forward_badge (void);

G_END_DECLS
