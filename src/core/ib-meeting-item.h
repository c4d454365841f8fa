/* ib-meeting-item.h: one row of the Meetings list: a heading ("Upcoming", "Past") or a meeting
 * with its packs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-record.h"

G_BEGIN_DECLS

typedef enum
{
  IB_MEETING_ITEM_UPCOMING,  /* the heading over meetings from today on */
  IB_MEETING_ITEM_PAST,      /* the heading over meetings before today */
  IB_MEETING_ITEM_MEETING,
} IbMeetingItemKind;

#define IB_TYPE_MEETING_ITEM (ib_meeting_item_get_type ())

G_DECLARE_FINAL_TYPE (IbMeetingItem, ib_meeting_item, IB, MEETING_ITEM, GObject)

/* Returns a heading of @kind over @count meetings, or a meeting's item holding @meeting and
 * @packs (IbRecord reports, newest version first; both referenced). */
IbMeetingItem     *ib_meeting_item_new        (IbMeetingItemKind  kind,
                                               IbRecord          *meeting,
                                               GPtrArray         *packs,
                                               guint              count);

/* Returns whether the row is a heading or a meeting. */
IbMeetingItemKind  ib_meeting_item_get_kind   (IbMeetingItem     *self);

/* Returns the meeting record (transfer none), or NULL for a heading. */
IbRecord          *ib_meeting_item_get_record (IbMeetingItem     *self);

/* Returns the meeting's packs, newest version first (transfer none); empty for a heading. */
GPtrArray         *ib_meeting_item_get_packs  (IbMeetingItem     *self);

/* Returns how many meetings a heading stands over; 0 for a meeting. */
guint              ib_meeting_item_get_count  (IbMeetingItem     *self);

G_END_DECLS
