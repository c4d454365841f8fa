/* ib-meeting-detail.h: one meeting in the Meetings view: its kind and date, and its packs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-detail-pane.h"
#include "ib-meetings-model.h"

G_BEGIN_DECLS

#define IB_TYPE_MEETING_DETAIL (ib_meeting_detail_get_type ())

G_DECLARE_FINAL_TYPE (IbMeetingDetail, ib_meeting_detail, IB, MEETING_DETAIL, IbDetailPane)

/* Shows @item's meeting and its packs as @model sees them; NULL (or a heading) shows the
 * empty state. */
void ib_meeting_detail_show (IbMeetingDetail *self,
                             IbMeetingsModel *model,
                             IbMeetingItem   *item);

G_END_DECLS
