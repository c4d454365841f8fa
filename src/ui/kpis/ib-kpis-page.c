/* ib-kpis-page.c
 *
 * The list is a GtkListView over IbKpiModel's rows (category headings and indicators) with
 * the selection kept by id. Every change goes through IbRecordEditor, the CSV importer or
 * IbPendingDelete, so the transaction + outbox rule and the store's rules (one value per
 * indicator and month, numerator with denominator) hold for every path. Files are opened
 * and saved through GtkFileChooserNative, so inside a sandbox the portal hands them over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpis-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-kept-selection.h"
#include "ib-kpi-csv.h"
#include "ib-kpi-row.h"
#include "ib-kpis-page.h"
#include "ib-view.h"
#include "ib-pending-delete.h"
#include "ib-record-editor.h"

/* The preview lists this many changes, then says how many more. */
#define PREVIEW_LINES 50

struct _IbKpisPage
{
  GtkWidget        parent_instance;

  /* template */
  AdwLeaflet      *leaflet;
  GtkWidget       *title_label;
  GtkWidget       *new_button;
  GtkWidget       *menu_button;
  GtkToggleButton *search_toggle;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkStack        *list_stack;
  GtkWidget       *empty_button;
  GtkListView     *list_view;
  IbKpiDetail     *detail;

  /* owned */
  IbStore         *store;
  IbKpiModel      *model;
  IbKeptSelection *selection;
  IbPendingDelete *deleter;
  GtkNativeDialog *chooser;        /* the open or save dialog showing, if any */
  GPtrArray       *import_changes; /* what the preview dialog would apply */

  gboolean         can_edit;
};

static void ib_kpis_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbKpisPage, ib_kpis_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_kpis_page_view_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_EDIT,
  PROP_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static void focus_search (IbView *view);
static void set_store    (IbKpisPage *self,
                          IbStore *store);
static void set_can_edit (IbKpisPage *self,
                          gboolean can_edit);

static const char * const indicator_fields[] = {
  "code", "title", "category", "definition", "unit", "decimals", "polarity", "frequency",
  "target", "tolerance", NULL
};
static const char * const measurement_fields[] = {
  "period", "value", "numerator", "denominator", "england", "stat_neighbours", "region", "note", NULL
};

static IbKpiModel *ensure_model (IbKpisPage *self);

static const char *
item_id (gpointer item)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);

  /* Headings are never selected; they share one id nothing else has. */
  return indicator != NULL ? ib_record_get_id (indicator) : "";
}

static IbKpiItem *
selected_item (IbKpisPage *self)
{
  IbKpiItem *item;

  if (self->selection == NULL)
    return NULL;
  item = ib_kept_selection_get_item (self->selection);
  /* An indicator filtered out of the list stays in the detail: what was being read does not vanish. */
  if (item == NULL && self->model != NULL)
    item = ib_kpi_model_lookup (self->model, ib_kept_selection_get_id (self->selection));
  return item;
}

static void
show_selected (IbKpisPage *self)
{
  ib_kpi_detail_show (self->detail, self->model, selected_item (self));
}

static void
update_actions (IbKpisPage *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean editing = self->can_edit && self->store != NULL;
  IbKpiItem *item = selected_item (self);
  const char * const names[] = {
    "kpis.new", "kpis.edit", "kpis.delete", "kpis.delete-selected", "kpis.add-value",
    "kpis.edit-value", "kpis.delete-value", "kpis.import-csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (w, names[i], editing);
  gtk_widget_action_set_enabled (w, "kpis.export-csv", self->store != NULL);
  gtk_widget_action_set_enabled (w, "kpis.export-chart", item != NULL && ib_kpi_item_get_n_periods (item) > 0);
}

static void
on_selection_changed_cb (IbKpisPage *self)
{
  show_selected (self);
  update_actions (self);
}

static void
on_updated_cb (IbKpisPage *self)
{
  gboolean empty = g_list_model_get_n_items (ib_kpi_model_get_items (self->model)) == 0;

  if (!empty)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (ib_kpi_model_is_filtered (self->model))
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");

  /* The same indicator may have a new value: draw it again. */
  show_selected (self);
  update_actions (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              IbKpisPage               *self)
{
  gtk_list_item_set_child (list_item, ib_kpi_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             IbKpisPage               *self)
{
  IbKpiItem *item = gtk_list_item_get_item (list_item);
  gboolean heading = ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING;

  /* Headings group the list; only indicators are chosen. */
  gtk_list_item_set_selectable (list_item, !heading);
  gtk_list_item_set_activatable (list_item, !heading);
  ib_kpi_row_set (IB_KPI_ROW (gtk_list_item_get_child (list_item)), item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               IbKpisPage               *self)
{
  ib_kpi_row_set (IB_KPI_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_list_activate_cb (IbKpisPage *self,
                     guint       position)
{
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (ib_kept_selection_get_model (self->selection)), position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_folded_changed_cb (IbKpisPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Narrow, one tap opens an indicator; wide, the detail is beside the list anyway. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
  /* The view switcher names the view; narrow, the buttons need the room. */
  gtk_widget_set_visible (self->title_label, !folded);
}

static void
on_search_changed_cb (IbKpisPage *self)
{
  if (self->model != NULL)
    ib_kpi_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search_cb (IbKpisPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->search_toggle, FALSE);
}

/* Editing */

static void
on_saved_select_cb (IbRecordEditor *editor,
                    const char     *id,
                    IbKpisPage     *self)
{
  /* The model reloads at idle; reload now so the indicator is selected at once. */
  ib_kpi_model_reload (ensure_model (self));
  if (id != NULL && ib_kpi_model_lookup (self->model, id) != NULL)
    ib_kept_selection_set_id (self->selection, id);
}

static void
present (IbKpisPage     *self,
         IbRecordEditor *editor,
         const char     *title)
{
  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (editor), title);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_select_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_indicator);
  IbKpiItem *item = selected_item (self);

  /* Most indicators are monthly; a new one joins the category being looked at. */
  ib_record_set_string (draft, "frequency", "monthly");
  ib_record_set_string (draft, "polarity", "higher_is_better");
  if (item != NULL && ib_kpi_item_get_category (item) != NULL)
    ib_record_set_string (draft, "category", ib_kpi_item_get_category (item));
  present (self, ib_record_editor_new_draft (ib_detail_get_window (widget), self->store, draft, indicator_fields),
           _("New Indicator"));
}

static IbKpiItem *
param_item (IbKpisPage *self,
            GVariant   *param)
{
  return ib_kpi_model_lookup (ensure_model (self), g_variant_get_string (param, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbKpiItem *item = param_item (self, param);

  if (item != NULL)
    present (self, ib_record_editor_new (ib_detail_get_window (widget), self->store, &ib_type_indicator,
                                         ib_record_get_id (ib_kpi_item_get_indicator (item)), indicator_fields),
             NULL);
}

/* A value left empty but given as a numerator over a denominator is worked out from them. */
static gboolean
save_measurement (IbStore   *store,
                  IbRecord  *measurement,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator,
                                                 ib_record_get_string (measurement, "indicator"), NULL);
  g_autoptr (IbRecord) stored = NULL;

  if (!ib_record_has (measurement, "value") && indicator != NULL)
    {
      double value = ib_kpi_value_from_parts (ib_record_get_string (indicator, "unit"),
                                              ib_record_get_double (measurement, "numerator"),
                                              ib_record_get_double (measurement, "denominator"));

      if (!isnan (value))
        ib_record_set_double (measurement, "value", value);
    }

  stored = ib_store_get (store, &ib_type_measurement, ib_record_get_id (measurement), NULL);
  return stored != NULL ? ib_store_update (store, measurement, error) : ib_store_create (store, measurement, error);
}

static char *
month_after (const char *period)
{
  int year, month;
  g_autoptr (GDateTime) now = NULL;

  if (period != NULL && sscanf (period, "%d-%d", &year, &month) == 2 && month >= 1 && month <= 12)
    return g_strdup_printf ("%04d-%02d", month == 12 ? year + 1 : year, month % 12 + 1);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m");
}

static void
add_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbKpiItem *item = param_item (self, param);
  g_autoptr (IbRecord) draft = NULL;
  g_autofree char *period = NULL, *title = NULL;
  IbRecordEditor *editor;
  guint n;

  if (item == NULL)
    return;

  /* The month after the newest is the one most often being added. */
  n = ib_kpi_item_get_n_periods (item);
  period = month_after (n > 0 ? ib_kpi_item_get_period (item, n - 1) : NULL);
  draft = ib_record_new (&ib_type_measurement);
  ib_record_set_string (draft, "indicator", ib_record_get_id (ib_kpi_item_get_indicator (item)));
  ib_record_set_string (draft, "period", period);
  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), self->store, draft, measurement_fields);
  ib_record_editor_set_save_func (editor, save_measurement, self);
  /* Translators: the title of the form adding a month's value; %s is the indicator's code */
  title = g_strdup_printf (_("New Value for %s"), ib_record_get_string (ib_kpi_item_get_indicator (item), "code"));
  present (self, editor, title);
}

static void
edit_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbRecordEditor *editor = ib_record_editor_new (ib_detail_get_window (widget), self->store, &ib_type_measurement,
                                                 g_variant_get_string (param, NULL), measurement_fields);

  ib_record_editor_set_save_func (editor, save_measurement, self);
  present (self, editor, NULL);
}

/* Deleting, with Undo */

static void
delete_done_cb (const IbRecordType *type,
                const char         *id,
                gboolean            undone,
                const GError       *error,
                gpointer            user_data)
{
  IbKpisPage *self = user_data;

  if (self->model != NULL)
    ib_kpi_model_unhide (self->model, id);
  if (error != NULL)
    ib_detail_toast_error (GTK_WIDGET (self), error->message);
}

static void
start_delete (IbKpisPage         *self,
              const IbRecordType *type,
              const char         *id)
{
  g_autoptr (IbRecord) record = ib_store_get (self->store, type, id, NULL);
  AdwToast *toast;

  if (record == NULL)
    return;
  toast = ib_pending_delete_start (self->deleter, self->store, type, record);
  ib_kpi_model_hide (ensure_model (self), id);
  ib_detail_toast (GTK_WIDGET (self), toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  start_delete (IB_KPIS_PAGE (widget), &ib_type_indicator, g_variant_get_string (param, NULL));
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbKpiItem *item = self->selection != NULL ? ib_kept_selection_get_item (self->selection) : NULL;

  if (item != NULL)
    start_delete (self, &ib_type_indicator, ib_record_get_id (ib_kpi_item_get_indicator (item)));
}

static void
delete_value_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  start_delete (IB_KPIS_PAGE (widget), &ib_type_measurement, g_variant_get_string (param, NULL));
}

/* Importing */

static void
show_message (IbKpisPage *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (ib_detail_get_window (GTK_WIDGET (self)),
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "CLA_N, March 2022: 450 → 458". */
static char *
change_line (IbKpisPage  *self,
             IbKpiChange *change)
{
  IbRecord *record = change->record;
  IbKpiItem *item = ib_kpi_model_lookup (ensure_model (self), ib_record_get_string (record, "indicator"));
  IbRecord *indicator = item != NULL ? ib_kpi_item_get_indicator (item) : NULL;
  const char *period = ib_record_get_string (record, "period");
  g_autofree char *month = ib_format_period (period);
  g_autofree char *value = indicator != NULL ? ib_format_value (indicator, ib_record_get_double (record, "value")) : NULL;
  const char *code = indicator != NULL ? ib_record_get_string (indicator, "code") : "";

  if (change->kind == IB_KPI_CHANGE_UPDATE && item != NULL)
    {
      const double *values = ib_kpi_item_get_series (item, IB_KPI_SERIES_VALUE);

      for (guint i = 0; i < ib_kpi_item_get_n_periods (item); i++)
        if (g_strcmp0 (ib_kpi_item_get_period (item, i), period) == 0)
          {
            g_autofree char *before = ib_format_value (indicator, values != NULL ? values[i] : NAN);

            /* Translators: a changed value in the import preview: "CLA_N, March 2022: 450 → 458" */
            return g_strdup_printf (_("%s, %s: %s → %s"), code, month, before, value);
          }
    }
  /* Translators: a new value in the import preview: "CLA_N, April 2022: 460 (new)" */
  return g_strdup_printf (_("%s, %s: %s (new)"), code, month, value != NULL ? value : "");
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       IbKpisPage       *self)
{
  g_autoptr (GPtrArray) changes = g_steal_pointer (&self->import_changes);
  g_autoptr (GError) error = NULL;

  if (changes == NULL || g_strcmp0 (response, "import") != 0)
    return;

  if (!ib_kpi_csv_apply (self->store, changes, &error))
    {
      show_message (self, _("Could Not Import Values"), error->message);
      return;
    }
  ib_kpi_model_reload (ensure_model (self));
  ib_detail_toast (GTK_WIDGET (self), adw_toast_new (_("Values imported")));
}

static void
preview_import (IbKpisPage *self,
                GPtrArray  *changes)
{
  guint created = 0, updated = 0, unchanged = 0, listed = 0;
  g_autofree char *heading = NULL, *body = NULL;
  g_autoptr (GString) lines = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < changes->len; i++)
    {
      IbKpiChange *change = changes->pdata[i];

      if (change->kind == IB_KPI_CHANGE_UNCHANGED)
        {
          unchanged++;
          continue;
        }
      change->kind == IB_KPI_CHANGE_CREATE ? created++ : updated++;
      if (listed++ < PREVIEW_LINES)
        {
          g_autofree char *line = change_line (self, change);

          g_string_append_printf (lines, "%s%s", lines->len > 0 ? "\n" : "", line);
        }
    }

  if (created + updated == 0)
    {
      g_autofree char *same = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The file’s %u value is already recorded.",
                                                            "All %u values in the file are already recorded.", unchanged),
                                               unchanged);

      show_message (self, _("Nothing to Import"), same);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u Value?", "Import %u Values?", created + updated),
                             created + updated);
  {
    g_autofree char *new_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", created), created);
    g_autofree char *changed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", updated), updated);
    g_autofree char *same_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already recorded", "%u already recorded",
                                                               unchanged), unchanged);

    /* Translators: the import preview's summary: "3 new, 1 changed, 40 already recorded. All are written together, or none." */
    body = g_strdup_printf (_("%s, %s, %s. All are written together, or none."), new_text, changed_text, same_text);
  }
  if (listed > PREVIEW_LINES)
    {
      g_string_append_c (lines, '\n');
      g_string_append_printf (lines, g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", listed - PREVIEW_LINES),
                              listed - PREVIEW_LINES);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (ib_detail_get_window (GTK_WIDGET (self)), heading, body));
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    GtkWidget *label = gtk_label_new (lines->str);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    gtk_widget_add_css_class (label, "caption");
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
    adw_message_dialog_set_extra_child (dialog, scroller);
  }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_clear_pointer (&self->import_changes, g_ptr_array_unref);
  self->import_changes = g_ptr_array_ref (changes);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (IbKpisPage) self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      show_message (self, _("Could Not Read the File"), error->message);
      return;
    }
  if (self->store == NULL)
    return;

  changes = ib_kpi_csv_prepare (self->store, contents, length, &error);
  if (changes == NULL)
    {
      show_message (self, _("Could Not Import Values"), error->message);
      return;
    }
  preview_import (self, changes);
}

void
ib_kpis_page_import_file (IbKpisPage *self,
                          GFile      *file)
{
  g_return_if_fail (IB_IS_KPIS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, on_file_loaded_cb, g_object_ref (self));
}

static GtkFileFilter *
filter_for (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     IbKpisPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ib_kpis_page_import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  g_autoptr (GtkFileFilter) csv = filter_for (_("CSV files"), "*.csv", "text/csv");
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Values"), ib_detail_get_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* Exporting */

gboolean
ib_kpis_page_export_csv (IbKpisPage  *self,
                         GFile       *file,
                         GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  csv = ib_kpi_csv_export (self->store, NULL);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
saved_toast (IbKpisPage *self,
             GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a toast after a file was written; %s is its name */
  g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

  ib_detail_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static void
on_save_csv_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         IbKpisPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && !ib_kpis_page_export_csv (self, file, &error))
        show_message (self, _("Could Not Save Values"), error->message);
      else if (file != NULL)
        saved_toast (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Values"), ib_detail_get_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested name of an exported CSV file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("kpi-values.csv"));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_csv_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

gboolean
ib_kpis_page_export_chart (IbKpisPage     *self,
                           GFile          *file,
                           IbChartFormat   format,
                           int             width,
                           int             height,
                           GError        **error)
{
  IbKpiItem *item;
  IbChart *shown;
  g_autoptr (IbChart) chart = NULL;

  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), FALSE);

  item = selected_item (self);
  shown = ib_kpi_detail_get_chart (self->detail);
  if (item == NULL || shown == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Choose an indicator first."));
      return FALSE;
    }
  /* A chart of its own at the export's size, filled the same way as the one on screen. */
  chart = g_object_ref_sink (IB_CHART (ib_chart_new ()));
  ib_kpi_detail_fill_chart (chart, item, ib_kpi_detail_get_range (self->detail));
  return ib_chart_export (chart, file, format, width, height, error);
}

typedef struct
{
  IbKpisPage    *self;
  GtkDropDown   *format;
  GtkSpinButton *width;
  GtkSpinButton *height;
} ChartExport;

static void
chart_export_free (gpointer  user_data,
                   GClosure *closure)
{
  ChartExport *data = user_data;

  g_object_unref (data->self);
  g_free (data);
}

static const char * const format_extensions[] = { "png", "svg", "pdf" };

static void
on_save_chart_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           IbKpisPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      IbChartFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
      int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "width"));
      int height = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "height"));
      g_autoptr (GError) error = NULL;

      if (file != NULL)
        {
          g_autofree char *name = g_file_get_basename (file);

          /* A name typed with another extension means that format. */
          ib_chart_format_for_name (name, &format);
          if (!ib_kpis_page_export_chart (self, file, format, width, height, &error))
            show_message (self, _("Could Not Export the Chart"), error->message);
          else
            saved_toast (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_chart_options_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              ChartExport      *data)
{
  IbKpisPage *self = data->self;
  IbChartFormat format = (IbChartFormat) gtk_drop_down_get_selected (data->format);
  IbKpiItem *item = selected_item (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (response, "export") != 0 || item == NULL || self->chooser != NULL)
    return;

  format = MIN (format, IB_CHART_PDF);
  name = g_strdup_printf ("%s.%s", ib_record_get_string (ib_kpi_item_get_indicator (item), "code"), format_extensions[format]);
  chooser = gtk_file_chooser_native_new (_("Export Chart"), ib_detail_get_window (GTK_WIDGET (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_object_set_data (G_OBJECT (chooser), "width", GINT_TO_POINTER (gtk_spin_button_get_value_as_int (data->width)));
  g_object_set_data (G_OBJECT (chooser), "height", GINT_TO_POINTER (gtk_spin_button_get_value_as_int (data->height)));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chart_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static GtkWidget *
labelled (GtkGrid    *grid,
          int         row,
          const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  const char * const formats[] = { C_("file format", "PNG image"), C_("file format", "SVG drawing"),
                                   C_("file format", "PDF document"), NULL };
  ChartExport *data = g_new0 (ChartExport, 1);
  GtkWidget *grid = gtk_grid_new ();
  AdwMessageDialog *dialog;

  data->self = g_object_ref (self);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  data->format = GTK_DROP_DOWN (labelled (GTK_GRID (grid), 0, _("_Format"), gtk_drop_down_new_from_strings (formats)));
  gtk_drop_down_set_selected (data->format, IB_CHART_PDF);
  data->width = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 1, _("_Width"), gtk_spin_button_new_with_range (120, 10000, 10)));
  gtk_spin_button_set_value (data->width, 1200);
  data->height = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 2, _("_Height"), gtk_spin_button_new_with_range (80, 10000, 10)));
  gtk_spin_button_set_value (data->height, 675);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (ib_detail_get_window (widget), _("Export Chart"),
                                                       _("The chart as shown, in light colours, at this size: pixels for an image, points for a drawing or document.")));
  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_chart_options_response_cb), data,
                         chart_export_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
ib_kpis_page_dispose (GObject *object)
{
  IbKpisPage *self = (IbKpisPage *) object;

  /* A delete waiting on its toast is still a delete the person asked for. */
  if (self->deleter != NULL && self->store != NULL)
    ib_pending_delete_commit (self->deleter);
  g_clear_object (&self->deleter);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_KPIS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->import_changes, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_kpis_page_parent_class)->dispose (object);
}

static void
ib_kpis_page_map (GtkWidget *widget)
{
  ensure_model (IB_KPIS_PAGE (widget));
  GTK_WIDGET_CLASS (ib_kpis_page_parent_class)->map (widget);
}

static void
add_item (IbView *view)
{
  gtk_widget_activate_action (GTK_WIDGET (view), "kpis.new", NULL);
}

static void
delete_selected (IbView *view)
{
  gtk_widget_activate_action (GTK_WIDGET (view), "kpis.delete-selected", NULL);
}

static void
ib_kpis_page_view_init (IbViewInterface *iface)
{
  iface->focus_search = focus_search;
  iface->add_item = add_item;
  iface->delete_selected = delete_selected;
}

static void
ib_kpis_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IbKpisPage *self = IB_KPIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, self->can_edit);
      break;

    case PROP_TITLE:
      /* Translators: a view's name in the view switcher: keep it short */
      g_value_set_string (value, C_("view", "KPIs"));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, "x-office-spreadsheet-symbolic");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_kpis_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IbKpisPage *self = IB_KPIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    case PROP_CAN_EDIT:
      set_can_edit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_kpis_page_class_init (IbKpisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_kpis_page_dispose;
  object_class->get_property = ib_kpis_page_get_property;
  object_class->set_property = ib_kpis_page_set_property;
  ib_view_class_override_properties (object_class, PROP_STORE);
  widget_class->map = ib_kpis_page_map;

  g_type_ensure (IB_TYPE_KPI_DETAIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-kpis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, search_toggle);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "kpis.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "kpis.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "kpis.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "kpis.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "kpis.add-value", "s", add_value_action);
  gtk_widget_class_install_action (widget_class, "kpis.edit-value", "s", edit_value_action);
  gtk_widget_class_install_action (widget_class, "kpis.delete-value", "s", delete_value_action);
  gtk_widget_class_install_action (widget_class, "kpis.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "kpis.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "kpis.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "kpis.clear-filters", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "kpis.back", NULL, back_action);

  /* Within the page; the window routes Ctrl+F, Ctrl+N and Delete through IbView. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "kpis.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "kpis.import-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "kpis.export-chart", NULL);
}

static void
ib_kpis_page_init (IbKpisPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->deleter = ib_pending_delete_new (NULL, delete_done_cb, self);
  self->can_edit = TRUE;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  update_actions (self);
}

/* The figures are read when the view is first shown, not at start-up: on a large board they
 * are the most to read of any view, and most sessions start on the Overview. */
static IbKpiModel *
ensure_model (IbKpisPage *self)
{
  GListModel *items;

  if (self->model != NULL || self->store == NULL)
    return self->model;

  self->model = ib_kpi_model_new (self->store);
  items = ib_kpi_model_get_items (self->model);
  self->selection = ib_kept_selection_new (items, item_id);
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, ib_kept_selection_get_model (self->selection));
  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (on_updated_cb), self);

  /* Open on the first indicator off target: what the board asks about first. */
  {
    g_autofree char *first = NULL, *off = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (items) && off == NULL; i++)
      {
        g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

        if (ib_kpi_item_get_kind (item) != IB_KPI_ITEM_INDICATOR)
          continue;
        if (first == NULL)
          first = g_strdup (item_id (item));
        if (ib_kpi_item_get_target_status (item) == IB_TARGET_OFF)
          off = g_strdup (item_id (item));
      }
    if (off != NULL || first != NULL)
      ib_kept_selection_set_id (self->selection, off != NULL ? off : first);
  }
  on_updated_cb (self);
  return self->model;
}

static void
set_store (IbKpisPage *self,
                        IbStore    *store)
{
  if (store == NULL || self->store != NULL)
    return;

  self->store = g_object_ref (store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "store");
}

static void
set_can_edit (IbKpisPage *self,
                           gboolean    can_edit)
{
  if (self->can_edit == can_edit)
    return;
  self->can_edit = can_edit;
  gtk_widget_set_visible (self->new_button, can_edit);
  gtk_widget_set_visible (self->empty_button, can_edit);
  ib_kpi_detail_set_can_edit (self->detail, can_edit);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "can-edit");
}

IbKpiModel *
ib_kpis_page_get_model (IbKpisPage *self)
{
  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), NULL);
  return ensure_model (self);
}

IbKpiDetail *
ib_kpis_page_get_detail (IbKpisPage *self)
{
  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), NULL);
  return self->detail;
}

gboolean
ib_kpis_page_select (IbKpisPage *self,
                     const char *id)
{
  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), FALSE);

  ensure_model (self);
  if (self->selection == NULL || ib_kept_selection_find (self->selection, id) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  ib_kept_selection_set_id (self->selection, id);
  return TRUE;
}

static void
focus_search (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);

  ensure_model (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}


void
ib_kpis_page_commit_pending (IbKpisPage *self)
{
  g_return_if_fail (IB_IS_KPIS_PAGE (self));
  ib_pending_delete_commit (self->deleter);
}
