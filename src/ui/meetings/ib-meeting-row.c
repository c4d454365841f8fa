/* ib-meeting-row.c
 *
 * Rows are recycled as the list scrolls, so a row is refilled on every bind. A heading is a
 * row too, never chosen: the list reads "Upcoming", its meetings, "Past", its meetings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meeting-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-list-row.h"
#include "ib-meeting-row.h"
#include "ib-meetings-util.h"

struct _IbMeetingRow
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *meta_label;
  GtkWidget *badges;
};

static void ib_meeting_row_list_row_init (IbListRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbMeetingRow, ib_meeting_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_LIST_ROW, ib_meeting_row_list_row_init))

static gboolean
bind_item (IbListRow   *row,
           IbViewModel *model,
           gpointer     item)
{
  ib_meeting_row_set (IB_MEETING_ROW (row), model != NULL ? IB_MEETINGS_MODEL (model) : NULL, item);
  return item == NULL || ib_meeting_item_get_kind (item) == IB_MEETING_ITEM_MEETING;
}

static void
ib_meeting_row_list_row_init (IbListRowInterface *iface)
{
  iface->bind = bind_item;
}

static void
ib_meeting_row_dispose (GObject *object)
{
  IbMeetingRow *self = (IbMeetingRow *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (ib_meeting_row_parent_class)->dispose (object);
}

static void
ib_meeting_row_class_init (IbMeetingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_meeting_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "meetingrow");
}

static void
ib_meeting_row_init (IbMeetingRow *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = ib_detail_add_text (GTK_BOX (self->box), "heading");
  self->meta_label = ib_detail_add_text (GTK_BOX (self->box), "dim-label");
  gtk_widget_add_css_class (self->meta_label, "caption");
  self->badges = ib_badge_box_new ();
  gtk_widget_set_margin_top (self->badges, 4);
  gtk_box_append (GTK_BOX (self->box), self->badges);
}

static void
show_heading (IbMeetingRow  *self,
              IbMeetingItem *item)
{
  guint n = ib_meeting_item_get_count (item);
  const char *title = ib_meeting_item_get_kind (item) == IB_MEETING_ITEM_UPCOMING
                      ? C_("meetings", "Upcoming") : C_("meetings", "Past");
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings", n), n);
  g_autofree char *summary = NULL;

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_label_set_label (GTK_LABEL (self->meta_label), count);
  gtk_widget_set_visible (self->badges, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "meetings-heading");

  /* Translators: a heading of the meetings list read aloud, e.g. "Upcoming: 2 meetings" */
  summary = g_strdup_printf (_("%s: %s"), title, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

static void
show_meeting (IbMeetingRow    *self,
              IbMeetingsModel *model,
              IbMeetingItem   *item)
{
  IbRecord *meeting = ib_meeting_item_get_record (item);
  GPtrArray *packs = ib_meeting_item_get_packs (item);
  const char *kind = ib_record_get_string (meeting, "kind");
  g_autofree char *date = ib_format_date (ib_record_get_string (meeting, "held_on"));
  g_autofree char *meta = NULL;
  g_autoptr (GString) summary = g_string_new (ib_record_get_string (meeting, "title"));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "meetings-heading");
  gtk_widget_set_visible (self->badges, TRUE);
  gtk_label_set_label (GTK_LABEL (self->title_label), ib_record_get_string (meeting, "title"));
  /* A title that is only the kind ("Improvement Board") would say it twice. */
  if (kind == NULL || g_strcmp0 (ib_record_get_string (meeting, "title"), ib_enum_label (&ib_enum_meeting_kind, kind)) == 0)
    meta = g_strdup (date);
  else
    /* Translators: a meeting's kind and date in the list, e.g. "Improvement Board · 6 May 2022" */
    meta = g_strdup_printf (C_("meeting kind and date", "%s · %s"), ib_enum_label (&ib_enum_meeting_kind, kind), date);
  gtk_label_set_label (GTK_LABEL (self->meta_label), meta);
  g_string_append_printf (summary, ". %s", meta);

  for (guint i = 0; i < packs->len; i++)
    {
      IbRecord *report = packs->pdata[i];
      IbPackState state = ib_meetings_model_get_pack_state (model, report);
      g_autofree char *text = NULL;
      GtkWidget *badge;

      /* Versions are worth naming only once there is more than one. */
      if (packs->len > 1)
        /* Translators: a pack's version and state in the meetings list, e.g. "Version 2: Draft" */
        text = g_strdup_printf (_("Version %d: %s"), (int) ib_record_get_int (report, "version", 1),
                                ib_meetings_pack_state_label (state));
      else
        /* Translators: the state of a meeting's one pack in the meetings list, e.g. "Pack: Issued" */
        text = g_strdup_printf (_("Pack: %s"), ib_meetings_pack_state_label (state));
      badge = ib_meetings_pack_state_badge (state, text);
      ib_badge_box_add (self->badges, badge);
      g_string_append_printf (summary, ". %s", text);
    }
  if (packs->len == 0)
    {
      GtkWidget *badge = ib_badge_new (_("No pack yet"), "document-new-symbolic", "neutral");

      ib_badge_box_add (self->badges, badge);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (badge)));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str, -1);
}

void
ib_meeting_row_set (IbMeetingRow    *self,
                    IbMeetingsModel *model,
                    IbMeetingItem   *item)
{
  g_return_if_fail (IB_IS_MEETING_ROW (self));

  ib_badge_box_clear (self->badges);
  if (item == NULL || model == NULL)
    return;

  if (ib_meeting_item_get_kind (item) == IB_MEETING_ITEM_MEETING)
    show_meeting (self, model, item);
  else
    show_heading (self, item);
}
