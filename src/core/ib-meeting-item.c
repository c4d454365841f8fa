/* ib-meeting-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meeting-item"

#include "config.h"

#include "ib-meeting-item.h"

struct _IbMeetingItem
{
  GObject            parent_instance;

  IbMeetingItemKind  kind;
  IbRecord          *record;
  GPtrArray         *packs;
  guint              count;
};

G_DEFINE_FINAL_TYPE (IbMeetingItem, ib_meeting_item, G_TYPE_OBJECT)

static void
ib_meeting_item_finalize (GObject *object)
{
  IbMeetingItem *self = (IbMeetingItem *) object;

  g_clear_object (&self->record);
  g_clear_pointer (&self->packs, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_meeting_item_parent_class)->finalize (object);
}

static void
ib_meeting_item_class_init (IbMeetingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_meeting_item_finalize;
}

static void
ib_meeting_item_init (IbMeetingItem *self)
{
}

IbMeetingItem *
ib_meeting_item_new (IbMeetingItemKind  kind,
                     IbRecord          *meeting,
                     GPtrArray         *packs,
                     guint              count)
{
  IbMeetingItem *self;

  g_return_val_if_fail ((kind == IB_MEETING_ITEM_MEETING) == (meeting != NULL), NULL);

  self = g_object_new (IB_TYPE_MEETING_ITEM, NULL);
  self->kind = kind;
  self->record = meeting != NULL ? g_object_ref (meeting) : NULL;
  self->packs = packs != NULL ? g_ptr_array_ref (packs) : g_ptr_array_new_with_free_func (g_object_unref);
  self->count = count;
  return self;
}

IbMeetingItemKind
ib_meeting_item_get_kind (IbMeetingItem *self)
{
  g_return_val_if_fail (IB_IS_MEETING_ITEM (self), IB_MEETING_ITEM_MEETING);
  return self->kind;
}

IbRecord *
ib_meeting_item_get_record (IbMeetingItem *self)
{
  g_return_val_if_fail (IB_IS_MEETING_ITEM (self), NULL);
  return self->record;
}

GPtrArray *
ib_meeting_item_get_packs (IbMeetingItem *self)
{
  g_return_val_if_fail (IB_IS_MEETING_ITEM (self), NULL);
  return self->packs;
}

guint
ib_meeting_item_get_count (IbMeetingItem *self)
{
  g_return_val_if_fail (IB_IS_MEETING_ITEM (self), 0);
  return self->count;
}
