/* ib-meeting-detail.c
 *
 * The meeting's rows follow the record through their binding; the packs are a list made
 * anew on every showing, since a draft pack is drawn from whatever changed meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-field-row.h"
#include "ib-meeting-detail.h"
#include "ib-pack-card.h"

struct _IbMeetingDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *new_pack_button;
  GtkWidget      *edit_button;
  GtkWidget      *delete_button;
  GtkWidget      *no_packs_label;
  GtkWidget      *packs_box;

  /* borrowed: what was shown last, to show again when can-edit changes */
  IbMeetingsModel *model;
  IbMeetingItem   *item;
};

G_DEFINE_FINAL_TYPE (IbMeetingDetail, ib_meeting_detail, IB_TYPE_DETAIL_PANE)

static void
fill_header (IbMeetingDetail *self)
{
  IbRecord *meeting = ib_meeting_item_get_record (self->item);
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  const char *kind = ib_record_get_string (meeting, "kind");
  GtkWidget *buttons[] = { self->new_pack_button, self->edit_button, self->delete_button };
  gboolean upcoming = ib_meetings_model_is_upcoming (self->model, meeting);

  ib_detail_header_set_title (self->header, ib_record_get_string (meeting, "title"));
  ib_badge_box_clear (badges);
  if (kind != NULL)
    ib_badge_box_add (badges, ib_badge_new (ib_enum_label (&ib_enum_meeting_kind, kind), "x-office-calendar-symbolic", "neutral"));
  ib_badge_box_add (badges, upcoming ? ib_badge_new (C_("meeting", "Upcoming"), "alarm-symbolic", "neutral")
                                     : ib_badge_new (C_("meeting", "Held"), "object-select-symbolic", "neutral"));
  if (ib_record_get_bool (meeting, "sample"))
    ib_badge_box_add (badges, ib_badge_new (C_("provenance", "Sample"), "dialog-information-symbolic", "neutral"));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", ib_record_get_id (meeting));
}

static void
fill_packs (IbMeetingDetail *self)
{
  GPtrArray *packs = ib_meeting_item_get_packs (self->item);
  gboolean can_edit = ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self));

  ib_detail_clear (self->packs_box);
  for (guint i = 0; i < packs->len; i++)
    gtk_box_append (GTK_BOX (self->packs_box), ib_pack_card_new (self->model, packs->pdata[i], can_edit));
  gtk_widget_set_visible (self->no_packs_label, packs->len == 0);
  gtk_widget_set_visible (self->packs_box, packs->len > 0);
}

static void
show (IbMeetingDetail *self)
{
  if (self->item == NULL || self->model == NULL || ib_meeting_item_get_record (self->item) == NULL)
    {
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  ib_detail_pane_begin (IB_DETAIL_PANE (self), ib_meeting_item_get_record (self->item));
  fill_header (self);
  fill_packs (self);
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbMeetingDetail *self = IB_MEETING_DETAIL (pane);

  /* The cards were made for the other role: make them again. */
  if (ib_detail_pane_get_record (pane) != NULL)
    show (self);
}

static void
ib_meeting_detail_dispose (GObject *object)
{
  IbMeetingDetail *self = (IbMeetingDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_MEETING_DETAIL);
  g_clear_object (&self->item);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ib_meeting_detail_parent_class)->dispose (object);
}

static void
ib_meeting_detail_class_init (IbMeetingDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_meeting_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-meeting-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, new_pack_button);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, no_packs_label);
  gtk_widget_class_bind_template_child (widget_class, IbMeetingDetail, packs_box);
}

static void
ib_meeting_detail_init (IbMeetingDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ib_meeting_detail_show (IbMeetingDetail *self,
                        IbMeetingsModel *model,
                        IbMeetingItem   *item)
{
  g_return_if_fail (IB_IS_MEETING_DETAIL (self));

  g_set_object (&self->model, model);
  g_set_object (&self->item, item);
  show (self);
}
