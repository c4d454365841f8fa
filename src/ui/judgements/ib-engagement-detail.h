/* ib-engagement-detail.h: one Ofsted engagement (its grid, findings and links) or one step
 * of DfE intervention, in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-detail-pane.h"
#include "ib-judgements-model.h"

G_BEGIN_DECLS

#define IB_TYPE_ENGAGEMENT_DETAIL (ib_engagement_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbEngagementDetail, ib_engagement_detail, IB, ENGAGEMENT_DETAIL, IbDetailPane)

/* Shows @record (an inspection or an intervention from @model), or the empty state for NULL;
 * the same record again is updated in place. Its buttons name the "judgements.*" actions of
 * the page around it. */
void ib_engagement_detail_show         (IbEngagementDetail *self,
                                        IbJudgementsModel  *model,
                                        IbRecord           *record);

G_END_DECLS
