/* ib-meeting-row.h: one row of the Meetings list: a heading, or a meeting and its packs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-meetings-model.h"

G_BEGIN_DECLS

#define IB_TYPE_MEETING_ROW (ib_meeting_row_get_type ())

G_DECLARE_FINAL_TYPE (IbMeetingRow, ib_meeting_row, IB, MEETING_ROW, GtkWidget)

/* Shows @item as @model sees it (its packs' states); NULL empties the row. */
void ib_meeting_row_set (IbMeetingRow    *self,
                         IbMeetingsModel *model,
                         IbMeetingItem   *item);

G_END_DECLS
