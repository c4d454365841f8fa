/* ib-kpi-detail.h: one indicator: its chart over a chosen range, the practice-review grades
 * where it is one of them, its target, and its values month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-detail-pane.h"
#include "ib-chart.h"
#include "ib-kpi-model.h"

G_BEGIN_DECLS

/* How much of an indicator's history the chart shows. */
typedef enum
{
  IB_KPI_RANGE_12_MONTHS,
  IB_KPI_RANGE_2_YEARS,
  IB_KPI_RANGE_5_YEARS,
  IB_KPI_RANGE_ALL,
} IbKpiRange;

#define IB_TYPE_KPI_DETAIL (ib_kpi_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbKpiDetail, ib_kpi_detail, IB, KPI_DETAIL, IbDetailPane)

/* Shows @item of @model (an indicator row); NULL shows the empty state, and the same
 * indicator again is updated in place. */
void        ib_kpi_detail_show           (IbKpiDetail *self,
                                          IbKpiModel  *model,
                                          IbKpiItem   *item);

/* Returns the range the chart shows. */
IbKpiRange  ib_kpi_detail_get_range      (IbKpiDetail *self);

/* Returns the indicator's chart (transfer none), or NULL when none is shown. */
IbChart    *ib_kpi_detail_get_chart      (IbKpiDetail *self);

/* Returns where the newest figures shown come from, as the line under the chart says, or NULL
 * when none were imported (transfer none). */
const char *ib_kpi_detail_get_source     (IbKpiDetail *self);

/* Fills @chart with @item's values, comparators and target over @range, as the detail does. */
void        ib_kpi_detail_fill_chart     (IbChart     *chart,
                                          IbKpiItem   *item,
                                          IbKpiRange   range);

G_END_DECLS
