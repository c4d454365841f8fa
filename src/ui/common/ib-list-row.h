/* ib-list-row.h: a row of an IbListDetail's list, filled from one item of the view's model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-view-model.h"

G_BEGIN_DECLS

#define IB_TYPE_LIST_ROW (ib_list_row_get_type ())

G_DECLARE_INTERFACE (IbListRow, ib_list_row, IB, LIST_ROW, GtkWidget)

struct _IbListRowInterface
{
  GTypeInterface parent_iface;

  gboolean (*bind) (IbListRow   *self,
                    IbViewModel *model,
                    gpointer     item);
};

/* Shows @item as @model sees it, or empties the row when both are NULL (rows are recycled as
 * the list scrolls). Returns FALSE when the item cannot be chosen, such as a heading. */
gboolean ib_list_row_bind (IbListRow   *self,
                           IbViewModel *model,
                           gpointer     item);

G_END_DECLS
