/* ib-risk-detail.h: one risk in full: scores, cause → event → consequence, controls, the plan
 * actions that treat it, and its review history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-detail-pane.h"
#include "ib-risk-model.h"

G_BEGIN_DECLS

#define IB_TYPE_RISK_DETAIL (ib_risk_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbRiskDetail, ib_risk_detail, IB, RISK_DETAIL, IbDetailPane)

/* Shows @risk as @model sees it, or the empty state for NULL; the same risk again is updated
 * in place. Its buttons name the "risks.*" actions of the page around it. */
void ib_risk_detail_show         (IbRiskDetail *self,
                                  IbRiskModel  *model,
                                  IbRecord     *risk);

G_END_DECLS
