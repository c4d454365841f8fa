/* ib-kpi-item-private.h: how IbKpiModel builds its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi-item.h"

G_BEGIN_DECLS

/* Returns a heading over @category (may be NULL). */
IbKpiItem *_ib_kpi_item_new_heading (const char *category);

/* Returns an indicator row with no periods yet. */
IbKpiItem *_ib_kpi_item_new         (IbRecord   *indicator);

/* Appends one measurement; periods come oldest first. */
void       _ib_kpi_item_append      (IbKpiItem  *self,
                                     const char *measurement_id,
                                     const char *period,
                                     const double values[IB_KPI_N_SERIES]);

/* Works out the latest value, trend, target status and comparison once all are appended. */
void       _ib_kpi_item_finish      (IbKpiItem  *self);

/* Sets how many indicators a heading stands over. */
void       _ib_kpi_item_set_n_indicators (IbKpiItem *self,
                                          guint      n);

/* Returns the casefolded code, title, category and definition the search looks in. */
const char *_ib_kpi_item_get_haystack (IbKpiItem *self);

G_END_DECLS
