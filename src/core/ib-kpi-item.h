/* ib-kpi-item.h: one row of the KPI list: a category heading, or an indicator with its series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi.h"
#include "ib-record.h"

G_BEGIN_DECLS

typedef enum
{
  IB_KPI_ITEM_HEADING,    /* a category, naming how many indicators follow */
  IB_KPI_ITEM_INDICATOR,
} IbKpiItemKind;

/* The series an indicator carries, parallel to its periods. */
typedef enum
{
  IB_KPI_SERIES_VALUE,           /* the council's own figures */
  IB_KPI_SERIES_ENGLAND,
  IB_KPI_SERIES_STAT_NEIGHBOURS,
  IB_KPI_SERIES_REGION,
  IB_KPI_N_SERIES,
} IbKpiSeries;

#define IB_TYPE_KPI_ITEM (ib_kpi_item_get_type ())

G_DECLARE_FINAL_TYPE (IbKpiItem, ib_kpi_item, IB, KPI_ITEM, GObject)

/* Returns whether this row is a category heading or an indicator. */
IbKpiItemKind   ib_kpi_item_get_kind          (IbKpiItem   *self);

/* Returns the indicator record (transfer none); NULL for a heading. */
IbRecord       *ib_kpi_item_get_indicator     (IbKpiItem   *self);

/* Returns the heading's category, or the indicator's; NULL when it has none. */
const char     *ib_kpi_item_get_category      (IbKpiItem   *self);

/* Returns how many indicators a heading stands over (as filtered); 0 for an indicator. */
guint           ib_kpi_item_get_n_indicators  (IbKpiItem   *self);

/* Returns how many periods have a measurement, oldest first. */
guint           ib_kpi_item_get_n_periods     (IbKpiItem   *self);

/* Returns period @index (YYYY-MM). */
const char     *ib_kpi_item_get_period        (IbKpiItem   *self,
                                               guint        index);

/* Returns @series parallel to the periods (NAN where not recorded), or NULL when no period
 * has it. */
const double   *ib_kpi_item_get_series        (IbKpiItem   *self,
                                               IbKpiSeries  series);

/* Returns the id of the measurement record of period @index. */
const char     *ib_kpi_item_get_measurement_id (IbKpiItem  *self,
                                                guint       index);

/* Returns the index of the newest period with a value, or -1. */
int             ib_kpi_item_get_latest        (IbKpiItem   *self);

/* Returns the index of the period with a value before the newest, or -1. */
int             ib_kpi_item_get_previous      (IbKpiItem   *self);

/* Returns the newest value, or NAN. */
double          ib_kpi_item_get_latest_value  (IbKpiItem   *self);

/* Returns the direction of the newest value from the one before. */
IbTrend         ib_kpi_item_get_trend         (IbKpiItem   *self);

/* Returns +1 when the trend is an improvement for the indicator's polarity, -1 when worse, 0
 * when neither (flat, neutral, or too few values). */
int             ib_kpi_item_get_trend_better  (IbKpiItem   *self);

/* Returns where the newest value stands against the indicator's target. */
IbTargetStatus  ib_kpi_item_get_target_status (IbKpiItem   *self);

/* Returns the newest value of @comparator recorded up to the newest value's period, or NAN. */
double          ib_kpi_item_get_comparator    (IbKpiItem       *self,
                                               IbKpiComparator  comparator);

/* Returns the comparison sentence ("Better than England; worse than last month"), or NULL. */
const char     *ib_kpi_item_get_comparison    (IbKpiItem   *self);

G_END_DECLS
