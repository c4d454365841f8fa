/* ib-mine-filter.h: the "My actions" / "My risks" check of a view's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_MINE_FILTER (ib_mine_filter_get_type ())

G_DECLARE_FINAL_TYPE (IbMineFilter, ib_mine_filter, IB, MINE_FILTER, GtkWidget)

/* A check labelled "label" that keeps the person's own records: it follows the "my-name"
 * setting, and without a name it cannot be ticked and says where to set one. Its "person"
 * property is what the view's model filters on. */

/* Returns the name to keep the records of (trimmed), or NULL when unticked or no name is set. */
const char *ib_mine_filter_get_person (IbMineFilter *self);

/* Ticks or unticks the check; ticking does nothing while no name is set. */
void        ib_mine_filter_set_active (IbMineFilter *self,
                                       gboolean      active);

G_END_DECLS
