/* ib-risk-matrix-private.h: what tests reach inside a risk heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-risk-matrix.h"

G_BEGIN_DECLS

/* Returns the button of cell (@likelihood, @impact), 1–5 each. */
GtkWidget *ib_risk_matrix_get_cell  (IbRiskMatrix     *self,
                                     int               likelihood,
                                     int               impact);

G_END_DECLS
