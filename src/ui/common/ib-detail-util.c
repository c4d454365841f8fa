/* ib-detail-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-detail-util"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-enums.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-record-picker.h"

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
ib_detail_add_text (GtkBox     *box,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
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

void
ib_detail_show_message (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
ib_detail_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GtkWidget *
ib_detail_action_line (IbRecord  *action,
                       char     **spoken)
{
  GtkWidget *line = ib_badge_box_new ();
  gboolean complete = g_strcmp0 (ib_record_get_string (action, "status"), "complete") == 0;
  const char *rag = complete ? "complete" : ib_record_get_string (action, "delivery_rag");
  /* Translators: a plan action's reference in a badge, e.g. "Action 4" */
  g_autofree char *ref = g_strdup_printf (_("Action %s"), ib_record_get_string (action, "ref"));
  GtkWidget *badge = ib_badge_new_rag_aspect (ref, rag);
  GtkWidget *title = gtk_label_new (ib_record_get_string (action, "title"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (line), badge);
  gtk_box_append (GTK_BOX (line), title);

  if (spoken != NULL)
    *spoken = g_strdup_printf ("%s, %s", ib_badge_get_text (IB_BADGE (badge)), ib_record_get_string (action, "title"));
  return line;
}

GtkWidget *
ib_detail_text_button (const char *label,
                       const char *action_name,
                       const char *target,
                       const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

GtkWidget *
ib_detail_icon_button (const char *icon_name,
                       const char *name,
                       const char *action_name,
                       const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

void
ib_detail_group_add_row (GtkWidget *group,
                         GPtrArray *rows,
                         GtkWidget *row)
{
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  g_object_set_data (G_OBJECT (row), "ib-group", group);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
}

void
ib_detail_clear_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "ib-group"), row);
    }
  g_ptr_array_set_size (rows, 0);
}

void
ib_detail_clear (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (widget) || GTK_IS_LIST_BOX (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static void
setup_ellipsized_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_ellipsized_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

void
ib_detail_ellipsize_drop_down (GtkDropDown *drop_down)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_ellipsized_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_ellipsized_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
}

/* Every plan's actions for a link picker, newest plan first, with "Plan title · Amber" beside
 * each. */
static void
list_actions (IbStore    *store,
              GPtrArray **candidates,
              GPtrArray **subtitles)
{
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);

  *candidates = g_ptr_array_new_with_free_func (g_object_unref);
  *subtitles = g_ptr_array_new_with_free_func (g_free);

  /* Newest plan first: the plan answering the latest report is the likeliest answer. */
  for (guint i = g_list_model_get_n_items (plans); i > 0; i--)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (plans, i - 1);
      g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan));

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        {
          IbRecord *action = g_list_model_get_item (actions, j);
          gboolean complete = g_strcmp0 (ib_record_get_string (action, "status"), "complete") == 0;
          const char *rag = ib_record_get_string (action, "delivery_rag");
          const char *rating = complete ? C_("rag", "Complete")
                             : rag != NULL ? ib_enum_label (&ib_enum_rag, rag) : C_("rag", "Not rated");

          g_ptr_array_add (*candidates, action);
          /* Translators: an action's plan and delivery rating in a link chooser, e.g. "Improvement Plan · Amber" */
          g_ptr_array_add (*subtitles, g_strdup_printf (C_("action subtitle", "%s · %s"),
                                                        ib_record_get_string (plan, "title"), rating));
        }
    }
}

typedef struct
{
  IbStore            *store;
  const IbRecordType *type;
  char               *id;
  const char         *field;  /* static: a schema field name */
} PickContext;

static void
pick_context_free (PickContext *context)
{
  g_object_unref (context->store);
  g_free (context->id);
  g_free (context);
}

static void
on_actions_chosen_cb (IbRecordPicker *picker,
                      GStrv           ids,
                      GtkWidget      *widget)
{
  PickContext *context = g_object_get_data (G_OBJECT (picker), "context");
  g_autoptr (IbRecord) record = ib_store_get (context->store, context->type, context->id, NULL);
  g_auto (GStrv) before = NULL;
  g_autoptr (GError) error = NULL;

  if (record == NULL)
    {
      ib_detail_toast_error (widget, _("The record was deleted meanwhile; its links were not saved."));
      return;
    }

  /* Saving without a change makes no edit to sync. */
  before = ib_record_get_refs (record, context->field);
  if (g_strv_equal ((const char * const *) before, (const char * const *) ids))
    return;

  ib_record_set_refs (record, context->field, (const char * const *) ids);
  if (!ib_store_update (context->store, record, &error))
    ib_detail_toast_error (widget, error->message);
}

void
ib_detail_pick_actions (GtkWidget  *widget,
                        IbStore    *store,
                        IbRecord   *record,
                        const char *field,
                        const char *title,
                        const char *description)
{
  g_autoptr (GPtrArray) candidates = NULL;
  g_autoptr (GPtrArray) subtitles = NULL;
  g_auto (GStrv) chosen = ib_record_get_refs (record, field);
  PickContext *context = g_new0 (PickContext, 1);
  IbRecordPicker *picker;

  list_actions (store, &candidates, &subtitles);
  picker = ib_record_picker_new (ib_detail_get_window (widget), title, description, candidates, subtitles,
                                 (const char * const *) chosen);

  context->store = g_object_ref (store);
  context->type = ib_record_get_record_type (record);
  context->id = g_strdup (ib_record_get_id (record));
  context->field = ib_record_type_field (context->type, field)->name;
  g_object_set_data_full (G_OBJECT (picker), "context", context, (GDestroyNotify) pick_context_free);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_actions_chosen_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (picker));
}
