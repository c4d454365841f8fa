/* ib-meetings-model.h: the meetings and their packs, as the Meetings view lists them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-meeting-item.h"
#include "ib-store.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

/* Where a pack stands. */
typedef enum
{
  IB_PACK_STATE_DRAFT,       /* not issued: drawn from the data as they stand */
  IB_PACK_STATE_ISSUED,      /* frozen, and the version the board has */
  IB_PACK_STATE_SUPERSEDED,  /* frozen, and corrected by an issued later version */
} IbPackState;

#define IB_TYPE_MEETINGS_MODEL (ib_meetings_model_get_type ())

G_DECLARE_FINAL_TYPE (IbMeetingsModel, ib_meetings_model, IB, MEETINGS_MODEL, GObject)

/* Returns a model of @store's meetings and packs (an IbViewModel); it follows the store's
 * changes at idle and emits "updated" after each reload, hide, unhide, search or filter. */
IbMeetingsModel *ib_meetings_model_new            (IbStore         *store);

/* Returns the store the model reads (transfer none). */
IbStore         *ib_meetings_model_get_store      (IbMeetingsModel *self);

/* Returns the list (IbMeetingItem): the "Upcoming" heading and the meetings from today on,
 * soonest first, then the "Past" heading and the earlier meetings, latest first; a heading
 * only over meetings listed (transfer none). */
GListModel      *ib_meetings_model_get_items      (IbMeetingsModel *self);

/* Returns the item of meeting @id as last loaded, even while searched or filtered out
 * (transfer none), or NULL. */
IbMeetingItem   *ib_meetings_model_lookup         (IbMeetingsModel *self,
                                                   const char      *id);

/* Returns where @report stands: draft, issued, or superseded by an issued correction. */
IbPackState      ib_meetings_model_get_pack_state (IbMeetingsModel *self,
                                                   IbRecord        *report);

/* Returns the live report correcting @report (naming it in "supersedes"), issued or not
 * (transfer none), or NULL. */
IbRecord        *ib_meetings_model_get_correction (IbMeetingsModel *self,
                                                   IbRecord        *report);

/* Returns the first issued pack of meeting @id (transfer none), or NULL: a meeting with one
 * cannot be deleted, since an issued pack stays as the board received it. */
IbRecord        *ib_meetings_model_find_issued    (IbMeetingsModel *self,
                                                   const char      *id);

/* Returns TRUE when @meeting is held on the model's today or later. */
gboolean         ib_meetings_model_is_upcoming    (IbMeetingsModel *self,
                                                   IbRecord        *meeting);

/* Sets the day that divides upcoming from past (YYYY-MM-DD; NULL is today). */
void             ib_meetings_model_set_today      (IbMeetingsModel *self,
                                                   const char      *date);

/* Lists only meetings whose title, kind or packs' subjects hold @text (NULL or "": all). */
void             ib_meetings_model_set_search     (IbMeetingsModel *self,
                                                   const char      *text);

/* Lists only meetings of @kind (a meeting_kind code; NULL: every kind). */
void             ib_meetings_model_set_kind       (IbMeetingsModel *self,
                                                   const char      *kind);

/* Empties the search and the kind filter. */
void             ib_meetings_model_clear_filters  (IbMeetingsModel *self);

/* Leaves record @id (a meeting or a pack) out of every list until unhidden: a delete waiting
 * on its Undo toast. */
void             ib_meetings_model_hide           (IbMeetingsModel *self,
                                                   const char      *id);
void             ib_meetings_model_unhide         (IbMeetingsModel *self,
                                                   const char      *id);

/* Reads everything again now, instead of at the next idle. */
void             ib_meetings_model_reload         (IbMeetingsModel *self);

G_END_DECLS
