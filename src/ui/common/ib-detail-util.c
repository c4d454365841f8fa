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
#include "ib-line-column-layout.h"
#include "ib-line-layout.h"
#include "ib-record-picker.h"
#include "ib-risk.h"
#include "ib-toasts.h"

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
    ib_toasts_add (ADW_TOAST_OVERLAY (overlay), toast);
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
  ib_detail_set_tooltip (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

GtkWidget *
ib_detail_line_row (const char  *title,
                    const char  *subtitle,
                    GtkWidget  **suffixes)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title_label = ib_detail_add_text (GTK_BOX (text), "title");
  GtkWidget *subtitle_label = ib_detail_add_text (GTK_BOX (text), "subtitle");

  g_return_val_if_fail (suffixes != NULL, NULL);

  /* The nodes and classes of an AdwActionRow, so the theme draws it the same: row > box.header
   * > box.title > label.title, label.subtitle; box.suffixes. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  /* An AdwActionRow's header is a GtkBox, which searches for its height over the wrapping
   * title (see ib-line-layout.c). 6 is the theme's border-spacing of row > box.header, which a
   * layout of our own does not read. */
  gtk_widget_set_layout_manager (header, ib_line_layout_new (6));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);

  gtk_widget_add_css_class (text, "title");
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  /* Centred, GTK would ask it its width for its height at each allocation (see
   * ib-line-column-layout.c). */
  ib_line_column_layout_take (text);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (header), text);
  gtk_label_set_label (GTK_LABEL (title_label), title);
  gtk_label_set_label (GTK_LABEL (subtitle_label), subtitle);
  /* A least width of ten letters, not none (see ib_line_layout_take_action_row ()). */
  gtk_label_set_width_chars (GTK_LABEL (title_label), 10);
  gtk_label_set_width_chars (GTK_LABEL (subtitle_label), 10);
  gtk_widget_set_visible (subtitle_label, subtitle != NULL && *subtitle != '\0');

  *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (*suffixes, "suffixes");
  gtk_box_append (GTK_BOX (header), *suffixes);

  /* Spoken as an AdwActionRow is: named by its title, described by its subtitle. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label, NULL,
                                  -1);
  return row;
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
ib_detail_clear_group_rows (GPtrArray *rows,
                            GtkWidget *group)
{
  for (guint i = rows->len; i > 0; i--)
    {
      GtkWidget *row = rows->pdata[i - 1];

      if (g_object_get_data (G_OBJECT (row), "ib-group") != group)
        continue;
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_remove_index (rows, i - 1);
    }
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
list_actions (IbStore   *store,
              GPtrArray *candidates,
              GPtrArray *subtitles)
{
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);

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

          g_ptr_array_add (candidates, action);
          /* Translators: an action's plan and delivery rating in a link chooser, e.g. "Improvement Plan · Amber" */
          g_ptr_array_add (subtitles, g_strdup_printf (C_("action subtitle", "%s · %s"),
                                                       ib_record_get_string (plan, "title"), rating));
        }
    }
}

/* Every indicator, by category, with its code and category beside it. */
static void
list_indicators (IbStore   *store,
                 GPtrArray *candidates,
                 GPtrArray *subtitles)
{
  g_autoptr (GListModel) indicators = ib_store_list (store, &ib_type_indicator);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      IbRecord *indicator = g_list_model_get_item (indicators, i);
      const char *category = ib_record_get_string (indicator, "category");

      g_ptr_array_add (candidates, indicator);
      g_ptr_array_add (subtitles, category != NULL
                       /* Translators: a KPI's code and category in a link chooser, e.g. "CLA_N · Children in care" */
                       ? g_strdup_printf (C_("indicator subtitle", "%s · %s"), ib_record_get_string (indicator, "code"), category)
                       : g_strdup (ib_record_get_string (indicator, "code")));
    }
}

/* Every risk, with its owner and residual score beside it. */
static void
list_risks (IbStore   *store,
            GPtrArray *candidates,
            GPtrArray *subtitles)
{
  g_autoptr (GListModel) risks = ib_store_list (store, &ib_type_risk);

  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      IbRecord *risk = g_list_model_get_item (risks, i);
      int score = ib_risk_score (ib_record_get_int (risk, "residual_l", 0), ib_record_get_int (risk, "residual_i", 0));

      g_ptr_array_add (candidates, risk);
      g_ptr_array_add (subtitles, score > 0
                       /* Translators: a risk's owner and residual score in a link chooser, e.g. "Director · residual 16, High" */
                       ? g_strdup_printf (C_("risk subtitle", "%s · residual %d, %s"), ib_record_get_string (risk, "owner"),
                                          score, ib_risk_band_label (ib_risk_band (score)))
                       : g_strdup (ib_record_get_string (risk, "owner")));
    }
}

char *
ib_detail_finding_where (IbStore  *store,
                         IbRecord *finding)
{
  g_autoptr (IbRecord) inspection = ib_store_get (store, &ib_type_inspection, ib_record_get_string (finding, "inspection"), NULL);
  g_autofree char *engagement = inspection != NULL ? ib_format_record_name (inspection) : NULL;
  g_autoptr (GString) text = g_string_new (engagement);
  gint64 paragraph = ib_record_get_int (finding, "paragraph", 0);

  /* Translators: the parts of where a finding is, e.g. "Standard inspection, 6 December 2021 · Area for priority action · para 44" */
  g_string_append_printf (text, "%s%s", text->len > 0 ? C_("finding where", " · ") : "",
                          ib_enum_label (&ib_enum_finding_kind, ib_record_get_string (finding, "kind")));
  if (paragraph > 0)
    {
      g_autofree char *para = ib_detail_paragraph (paragraph);

      g_string_append_printf (text, "%s%s", C_("finding where", " · "), para);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ib_detail_paragraph (gint64 paragraph)
{
  /* Translators: a paragraph of an Ofsted report, as inspectors cite it, e.g. "para 44" */
  return g_strdup_printf (C_("Ofsted report paragraph", "para %d"), (int) paragraph);
}

/* Every finding, newest engagement first, with where it is beside it. */
static void
list_findings (IbStore   *store,
               GPtrArray *candidates,
               GPtrArray *subtitles)
{
  g_autoptr (GListModel) inspections = ib_store_list (store, &ib_type_inspection);

  for (guint i = g_list_model_get_n_items (inspections); i > 0; i--)
    {
      g_autoptr (IbRecord) inspection = g_list_model_get_item (inspections, i - 1);
      g_autoptr (GListModel) findings = ib_store_list_where (store, &ib_type_finding, "inspection", ib_record_get_id (inspection));

      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          IbRecord *finding = g_list_model_get_item (findings, j);

          g_ptr_array_add (candidates, finding);
          g_ptr_array_add (subtitles, ib_detail_finding_where (store, finding));
        }
    }
}

typedef struct
{
  IbStore *store;
  IbLink   link;
  char    *id;
} PickContext;

static void
pick_context_free (PickContext *context)
{
  g_object_unref (context->store);
  g_free (context->id);
  g_free (context);
}

static void
on_links_chosen_cb (IbRecordPicker *picker,
                    GStrv           ids,
                    GtkWidget      *widget)
{
  PickContext *context = g_object_get_data (G_OBJECT (picker), "context");
  g_autoptr (IbRecord) record = ib_store_get (context->store, ib_link_source_type (context->link), context->id, NULL);
  g_autoptr (GError) error = NULL;

  if (record == NULL)
    {
      ib_detail_toast_error (widget, _("The record was deleted meanwhile; its links were not saved."));
      return;
    }

  /* Saving without a change makes no edit to sync: ib_links_set () writes only what differs. */
  if (!ib_links_set (context->store, context->link, context->id, (const char * const *) ids, &error))
    ib_detail_toast_error (widget, error->message);
}

void
ib_detail_pick_links (GtkWidget  *widget,
                      IbStore    *store,
                      IbLink      link,
                      IbRecord   *record,
                      const char *title,
                      const char *description)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) subtitles = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) chosen = ib_links_get (store, link, ib_record_get_id (record));
  const IbRecordType *target = ib_link_target_type (link);
  PickContext *context = g_new0 (PickContext, 1);
  IbRecordPicker *picker;

  g_return_if_fail (ib_record_get_record_type (record) == ib_link_source_type (link));

  if (target == &ib_type_action)
    list_actions (store, candidates, subtitles);
  else if (target == &ib_type_indicator)
    list_indicators (store, candidates, subtitles);
  else if (target == &ib_type_risk)
    list_risks (store, candidates, subtitles);
  else
    list_findings (store, candidates, subtitles);

  picker = ib_record_picker_new (ib_detail_get_window (widget), title, description, candidates, subtitles,
                                 (const char * const *) chosen);

  context->store = g_object_ref (store);
  context->link = link;
  context->id = g_strdup (ib_record_get_id (record));
  g_object_set_data_full (G_OBJECT (picker), "context", context, (GDestroyNotify) pick_context_free);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_links_chosen_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

/* GTK 4.8 asks the X server where the pointer is, one round trip, whenever a visible widget is
 * given a tooltip, on screen or not: a pane of two dozen values paid for 48 of them, and the
 * Overview's refill and the heat map's update dozens more each, waiting on a server busy
 * drawing. A widget hidden meanwhile asks nothing, and one not on screen has no tooltip under
 * the pointer to update. */
void
ib_detail_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text != NULL && *text != '\0' ? text : NULL) == 0)
    return;
  if (gtk_widget_get_mapped (widget) || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}
