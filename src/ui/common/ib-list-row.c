/* ib-list-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-list-row"

#include "config.h"

#include "ib-list-row.h"

G_DEFINE_INTERFACE (IbListRow, ib_list_row, GTK_TYPE_WIDGET)

static void
ib_list_row_default_init (IbListRowInterface *iface)
{
}

gboolean
ib_list_row_bind (IbListRow   *self,
                  IbViewModel *model,
                  gpointer     item)
{
  g_return_val_if_fail (IB_IS_LIST_ROW (self), FALSE);
  g_return_val_if_fail (model == NULL || IB_IS_VIEW_MODEL (model), FALSE);

  return IB_LIST_ROW_GET_IFACE (self)->bind (self, model, item);
}
