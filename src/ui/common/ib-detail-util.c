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

GtkWidget *
ib_detail_scaffold (GtkWidget   *parent,
                    const char  *icon_name,
                    const char  *title,
                    const char  *description,
                    GtkWidget  **scroller,
                    GtkWidget  **content)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_parent (stack, parent);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), description);
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (*content, 18);
  gtk_widget_set_margin_bottom (*content, 24);
  gtk_widget_set_margin_start (*content, 12);
  gtk_widget_set_margin_end (*content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), *content);
  *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (*scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scroller), clamp);
  gtk_stack_add_named (GTK_STACK (stack), *scroller, "record");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");

  return stack;
}

double
ib_detail_scaffold_begin (GtkWidget *stack,
                          GtkWidget *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double position = gtk_adjustment_get_value (adjustment);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
  return position;
}

void
ib_detail_scaffold_end (GtkWidget *stack,
                        GtkWidget *scroller,
                        double     position)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), position);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "record");
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

void
ib_detail_list_actions (IbStore    *store,
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

  ib_detail_list_actions (store, &candidates, &subtitles);
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
