/* ib-risk-row.h: one row of the risk register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-risk-model.h"

G_BEGIN_DECLS

#define IB_TYPE_RISK_ROW (ib_risk_row_get_type ())

G_DECLARE_FINAL_TYPE (IbRiskRow, ib_risk_row, IB, RISK_ROW, GtkWidget)

/* Returns an empty row, filled by ib_risk_row_set (). */
GtkWidget  *ib_risk_row_new         (void);

/* Shows @risk as @model sees it (its trend, whether its review is overdue); NULL empties it. */
void        ib_risk_row_set         (IbRiskRow   *self,
                                     IbRiskModel *model,
                                     IbRecord    *risk);

G_END_DECLS
