/* ib-risk-matrix.h: a 5×5 likelihood × impact heat map whose cells filter the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-risk-model.h"

G_BEGIN_DECLS

#define IB_TYPE_RISK_MATRIX (ib_risk_matrix_get_type ())

G_DECLARE_FINAL_TYPE (IbRiskMatrix, ib_risk_matrix, IB, RISK_MATRIX, GtkWidget)

/* Returns a heat map of @kind's scores (inherent or residual), empty until updated. */
GtkWidget *ib_risk_matrix_new       (IbRiskMatrixKind  kind);

/* Counts every cell again from @model, and marks the cell the register is filtered by. */
void       ib_risk_matrix_update    (IbRiskMatrix     *self,
                                     IbRiskModel      *model);

G_END_DECLS
