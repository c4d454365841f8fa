/* ib-timeline-row.c
 *
 * Rows are recycled as the list scrolls, so a row is refilled on every bind. An intervention
 * step reads differently from an engagement (its own icon and style), so the two kinds of
 * event stay apart at a glance on one timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-timeline-row.h"
#include "ib-list-row.h"
#include "ib-judgements-model.h"

struct _IbTimelineRow
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *icon;
  GtkWidget *title_label;
  GtkWidget *date_label;
  GtkWidget *detail_label;
  GtkWidget *badges;
  char      *summary;
};

static void ib_timeline_row_list_row_init (IbListRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbTimelineRow, ib_timeline_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_LIST_ROW, ib_timeline_row_list_row_init))

static const char *
headline_grade (IbJudgementsModel *model,
                IbRecord          *inspection)
{
  g_autoptr (GPtrArray) grid = ib_judgements_model_get_grid (model, ib_record_get_id (inspection));

  for (guint i = 0; i < grid->len; i++)
    {
      IbGridRow *row = grid->pdata[i];

      if (g_str_equal (row->area, "overall_effectiveness") && row->judgement != NULL)
        return ib_record_get_string (row->judgement, "grade");
    }

  return NULL;
}

static gboolean
bind_item (IbListRow   *row,
           IbViewModel *model,
           gpointer     item)
{
  IbRecord *during = NULL;
  const char *grade = NULL;

  /* An inspection carries its overall grade and the intervention in force when it began. */
  if (item != NULL && ib_record_get_record_type (item) == &ib_type_inspection)
    {
      grade = headline_grade (IB_JUDGEMENTS_MODEL (model), item);
      during = ib_judgements_model_intervention_at (IB_JUDGEMENTS_MODEL (model), ib_record_get_string (item, "starts_on"));
    }
  ib_timeline_row_set (IB_TIMELINE_ROW (row), item, grade, during);
  return TRUE;
}

static void
ib_timeline_row_list_row_init (IbListRowInterface *iface)
{
  iface->bind = bind_item;
}

static void
ib_timeline_row_dispose (GObject *object)
{
  IbTimelineRow *self = (IbTimelineRow *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (ib_timeline_row_parent_class)->dispose (object);
}

static void
ib_timeline_row_class_init (IbTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_timeline_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinerow");
}

static void
ib_timeline_row_init (IbTimelineRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->icon, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_parent (text, GTK_WIDGET (self));
  self->title_label = ib_detail_add_text (GTK_BOX (text), "heading");
  self->date_label = ib_detail_add_text (GTK_BOX (text), NULL);
  self->detail_label = ib_detail_add_text (GTK_BOX (text), "dim-label");
  gtk_widget_add_css_class (self->detail_label, "caption");
  self->badges = ib_badge_box_new ();
  gtk_widget_set_margin_top (self->badges, 4);
  gtk_box_append (GTK_BOX (text), self->badges);
}

GtkWidget *
ib_timeline_row_new (void)
{
  return g_object_new (IB_TYPE_TIMELINE_ROW, NULL);
}

void
ib_timeline_row_set (IbTimelineRow *self,
                     IbRecord      *record,
                     const char    *grade,
                     IbRecord      *during)
{
  g_autofree char *title = NULL, *dates = NULL;
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autoptr (GString) summary = g_string_new (NULL);
  gboolean intervention;
  const char *kind;

  g_return_if_fail (IB_IS_TIMELINE_ROW (self));

  ib_badge_box_clear (self->badges);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "intervention");
  if (record == NULL)
    {
      g_clear_pointer (&self->summary, g_free);
      return;
    }

  intervention = ib_record_get_record_type (record) == &ib_type_intervention;
  kind = ib_record_get_string (record, "kind");
  title = ib_format_engagement_title (record);
  dates = intervention ? ib_format_date (ib_record_get_string (record, "starts_on"))
                       : ib_format_date_range (ib_record_get_string (record, "starts_on"),
                                               ib_record_get_string (record, "ends_on"));

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_label_set_label (GTK_LABEL (self->date_label), dates);
  g_string_append_printf (summary, "%s, %s", title, dates);

  if (intervention)
    {
      const char *adviser = ib_record_get_string (record, "adviser");

      gtk_widget_add_css_class (GTK_WIDGET (self), "intervention");
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                    g_strcmp0 (kind, "lifted") == 0 ? "object-select-symbolic" : "emblem-important-symbolic");
      /* Translators: a step of DfE intervention on the Ofsted timeline */
      g_string_append (detail, _("DfE intervention"));
      if (adviser != NULL)
        g_string_append_printf (detail, " · %s", adviser);
    }
  else
    {
      const char *theme = ib_record_get_string (record, "theme");
      const char *framework = ib_record_get_string (record, "framework");

      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "x-office-document-symbolic");
      if (theme != NULL)
        g_string_append (detail, theme);
      else if (framework != NULL && ib_inspection_kind_is_graded (kind))
        g_string_append (detail, ib_enum_label (&ib_enum_framework, framework));

      if (grade != NULL)
        {
          GtkWidget *badge = ib_badge_new_grade_aspect (C_("grade aspect", "Overall"), grade);

          ib_badge_box_add (self->badges, badge);
          g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (badge)));
        }

      if (during != NULL && g_strcmp0 (ib_record_get_string (during, "kind"), "lifted") != 0)
        {
          /* Translators: the DfE intervention in force when an Ofsted visit took place,
           * e.g. "During: Statutory direction" */
          g_autofree char *text = g_strdup_printf (_("During: %s"),
                                                   ib_enum_label (&ib_enum_intervention_kind, ib_record_get_string (during, "kind")));

          if (detail->len > 0)
            g_string_append (detail, " · ");
          g_string_append (detail, text);
        }
    }

  gtk_label_set_label (GTK_LABEL (self->detail_label), detail->str);
  gtk_widget_set_visible (self->detail_label, detail->len > 0);
  gtk_widget_set_visible (self->badges, gtk_widget_get_first_child (self->badges) != NULL);
  if (detail->len > 0)
    g_string_append_printf (summary, ". %s", detail->str);

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
}
