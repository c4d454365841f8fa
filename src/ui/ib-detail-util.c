/* ib-detail-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-detail-util"

#include "config.h"

#include "ib-detail-util.h"
#include "ib-format.h"

GtkWidget *
ib_detail_add_label (GtkBox     *box,
                     const char *text,
                     const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

GtkWidget *
ib_detail_new_group (const char *title,
                     const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

GtkWidget *
ib_detail_add_property (GtkWidget  *group,
                        const char *title,
                        const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  /* Values come first for a reader scanning the pane: the title is the smaller text. */
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

void
ib_detail_add_field (GtkWidget  *group,
                     IbRecord   *record,
                     const char *field)
{
  g_autofree char *title = ib_format_field_name (field);
  g_autofree char *value = NULL;
  JsonNode *node = json_object_get_member (ib_record_get_fields (record), field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  value = ib_format_field_value (ib_record_get_record_type (record), field, node);
  ib_detail_add_property (group, title, value);
}

GtkWidget *
ib_detail_header (const char *title,
                  GtkWidget  *badges,
                  GtkWidget  *buttons)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = ib_detail_add_label (GTK_BOX (box), title, "title-2");

  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  if (badges != NULL)
    gtk_box_append (GTK_BOX (box), badges);
  if (buttons != NULL)
    gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

gboolean
ib_detail_append_group (GtkBox    *box,
                        GtkWidget *group,
                        guint      n_rows)
{
  if (n_rows > 0)
    {
      gtk_box_append (box, group);
      return TRUE;
    }

  g_object_unref (g_object_ref_sink (group));
  return FALSE;
}

void
ib_detail_toast (GtkWidget *widget,
                 AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
ib_detail_toast_error (GtkWidget  *widget,
                       const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  ib_detail_toast (widget, toast);
}

GtkWindow *
ib_detail_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}
