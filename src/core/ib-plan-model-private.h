/* ib-plan-model-private.h: test hooks of IbPlanModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-plan-model.h"

G_BEGIN_DECLS

/* Sets the date taken as today (YYYY-MM-DD), for overdue and stale; NULL is the local date. */
void ib_plan_model_set_today (IbPlanModel *self,
                              const char  *today);

G_END_DECLS
