/* ib-kpi-row-private.h: what tests read from a KPI row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi-row.h"

G_BEGIN_DECLS

/* Returns the sentence a screen reader says for the row (transfer none). */
const char *ib_kpi_row_get_summary (IbKpiRow  *self);

G_END_DECLS
