/* ib-kpi-detail-private.h: what tests reach inside a KPI's detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi-detail.h"

G_BEGIN_DECLS

/* Sets the range the chart shows; kept from one indicator to the next. */
void        ib_kpi_detail_set_range      (IbKpiDetail *self,
                                          IbKpiRange   range);

/* Returns the practice-review grades chart (transfer none), or NULL when not shown. */
IbChart    *ib_kpi_detail_get_grades_chart (IbKpiDetail *self);

G_END_DECLS
