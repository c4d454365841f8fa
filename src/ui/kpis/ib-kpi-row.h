/* ib-kpi-row.h: one row of the KPI list: a category heading, or an indicator at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-kpi-item.h"

G_BEGIN_DECLS

#define IB_TYPE_KPI_ROW (ib_kpi_row_get_type ())

G_DECLARE_FINAL_TYPE (IbKpiRow, ib_kpi_row, IB, KPI_ROW, GtkWidget)

/* Returns an empty row, filled by ib_kpi_row_set (). */
GtkWidget  *ib_kpi_row_new         (void);

/* Shows @item: a heading's category and count, or an indicator's latest value, sparkline,
 * trend, target status and comparison; NULL empties it. */
void        ib_kpi_row_set         (IbKpiRow  *self,
                                    IbKpiItem *item);

G_END_DECLS
