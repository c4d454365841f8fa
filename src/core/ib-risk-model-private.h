/* ib-risk-model-private.h: test hooks of IbRiskModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-risk-model.h"

G_BEGIN_DECLS

/* Sets the date taken as today (YYYY-MM-DD) for overdue reviews; NULL is the local date. */
void ib_risk_model_set_today (IbRiskModel *self,
                              const char  *today);

G_END_DECLS
