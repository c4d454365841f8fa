/* ib-kpis-page.c
 *
 * The list is an IbListDetail over IbKpiModel's rows (category headings and indicators).
 * Every change goes through IbRecordEditor, IbKpiImportDialog or the list's held delete, so
 * the transaction + outbox rule and the store's rules (one value per indicator and month,
 * numerator with denominator) hold for every path. Files are opened and saved through
 * GtkFileChooserNative, so inside a sandbox the portal hands them over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpis-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ib-chart-export-dialog.h"
#include "ib-detail-util.h"
#include "ib-kpi-csv.h"
#include "ib-csv.h"
#include "ib-ees-mapping-dialog.h"
#include "ib-kpi-import-dialog.h"
#include "ib-national-grades.h"
#include "ib-kpi-row.h"
#include "ib-kpis-page-private.h"
#include "ib-list-detail.h"
#include "ib-record-editor.h"
#include "ib-view.h"
#include "ib-xlsx.h"

/* How long after the store is given (or after the last change that filled an empty one) a
 * hidden page reads its figures: past start-up's own reads and the other views' filling. */
#define READ_AFTER_START_MS 1000

struct _IbKpisPage
{
  GtkWidget        parent_instance;

  /* template */
  IbListDetail    *list_detail;
  IbKpiDetail     *detail;

  /* owned */
  IbKpiModel      *model;
  GtkNativeDialog *chooser;  /* the CSV open or save dialog showing, if any */
  guint            read_id;  /* the first reading, waiting for start-up to settle */
};

static void ib_kpis_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbKpisPage, ib_kpis_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_kpis_page_view_init))

static const char * const indicator_fields[] = {
  "code", "title", "category", "definition", "unit", "decimals", "polarity", "frequency",
  "target", "tolerance", NULL
};

enum { GRADES_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];
static const char * const measurement_fields[] = {
  "period", "value", "numerator", "denominator", "england", "stat_neighbours", "region", "note", NULL
};

static void
update_actions (IbKpisPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  GtkWidget *w = GTK_WIDGET (self);
  gboolean editing = ib_view_get_can_edit (IB_VIEW (self)) && store != NULL;
  IbKpiItem *item = self->model != NULL ? ib_list_detail_get_item (self->list_detail) : NULL;
  const char * const names[] = {
    "kpis.new", "kpis.edit", "kpis.delete", "kpis.delete-selected", "kpis.add-value",
    "kpis.edit-value", "kpis.delete-value", "kpis.import-csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (w, names[i], editing);
  gtk_widget_action_set_enabled (w, "kpis.export-csv", store != NULL);
  gtk_widget_action_set_enabled (w, "kpis.export-chart", item != NULL && ib_kpi_item_get_n_periods (item) > 0);
}

/* The figures are read when the view is first shown, not at start-up: on a large board they
 * are the most to read of any view, and most sessions start on the Overview. */
/* Opens on the first indicator off target: what the board asks about first. The model holds
 * the items, so their ids outlive the references taken here. */
static void
choose_first (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);
  GListModel *items = ib_kpi_model_get_items (self->model);
  const char *first = NULL, *off = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (items) && off == NULL; i++)
    {
      g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

      if (ib_kpi_item_get_kind (item) != IB_KPI_ITEM_INDICATOR)
        continue;
      if (first == NULL)
        first = ib_record_get_id (ib_kpi_item_get_indicator (item));
      if (ib_kpi_item_get_target_status (item) == IB_TARGET_OFF)
        off = ib_record_get_id (ib_kpi_item_get_indicator (item));
    }
  if (off != NULL || first != NULL)
    ib_list_detail_choose (self->list_detail, off != NULL ? off : first);
  update_actions (self);
}

static IbKpiModel *
ensure_model (IbKpisPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));

  g_clear_handle_id (&self->read_id, g_source_remove);
  if (self->model != NULL || store == NULL)
    return self->model;

  /* Read on a worker thread: the list fills when it is in, a few frames later. */
  self->model = ib_kpi_model_new_loading (store);
  ib_view_choose_when_loaded (IB_VIEW (self), IB_VIEW_MODEL (self->model), self->list_detail, choose_first);
  ib_list_detail_set_model (self->list_detail, IB_VIEW_MODEL (self->model));
  if (!ib_kpi_model_is_loading (self->model))
    choose_first (IB_VIEW (self));
  update_actions (self);
  return self->model;
}

/* The indicator the detail shows, or NULL. */
static IbKpiItem *
shown_item (IbKpisPage *self)
{
  return ensure_model (self) != NULL ? ib_list_detail_get_item (self->list_detail) : NULL;
}

static IbKpiItem *
param_item (IbKpisPage *self,
            GVariant   *param)
{
  return ib_kpi_model_lookup (ensure_model (self), g_variant_get_string (param, NULL));
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
start_delete (IbKpisPage         *self,
              const IbRecordType *type,
              const char         *id)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) record = ib_store_get (store, type, id, NULL);

  if (record != NULL && ensure_model (self) != NULL)
    ib_list_detail_delete (self->list_detail, type, record);
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

static gboolean
read_later_cb (gpointer data)
{
  IbKpisPage *self = data;

  self->read_id = 0;
  ensure_model (self);
  return G_SOURCE_REMOVE;
}

/* A second after the last change, unless there is nothing to read yet. */
static void
read_later (IbKpisPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));

  g_clear_handle_id (&self->read_id, g_source_remove);
  if (store != NULL && !ib_store_is_empty (store))
    self->read_id = g_timeout_add_full (G_PRIORITY_LOW, READ_AFTER_START_MS, read_later_cb, self, NULL);
}

/* An empty board (a first start, or a first sync still coming in) is read once the records
 * that fill it have stopped coming: read during a first sync, the figures would be taken in
 * again with every page it pulls. */
static void
on_records_changed_cb (IbKpisPage *self)
{
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (ib_view_get_store (IB_VIEW (self)), on_records_changed_cb, self);
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    read_later (self);
}

/* Shown, the page reads its figures at once. Hidden, it reads them a moment after start-up
 * has settled rather than at its first showing, so that showing finds the list and the chart
 * in and laid out (the window lays hidden views out at idle) and only draws them. */
static void
store_changed (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);
  IbStore *store = ib_view_get_store (view);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
  else if (self->model == NULL && store != NULL)
    {
      read_later (self);
      if (self->read_id == 0)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_records_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

static void
can_edit_changed (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);

  update_actions (self);
}

static void
on_show_item_cb (IbKpisPage *self)
{
  /* Only an indicator with values has a chart to export. */
  update_actions (self);
}

static void
on_imported_cb (IbKpiImportDialog *dialog,
                const char        *indicator,
                IbKpisPage        *self)
{
  ib_kpi_model_reload (self->model);
  /* Shown at once: its figures, and where national ones came from, are on its detail. */
  if (indicator != NULL)
    ib_kpis_page_select (self, indicator);
  ib_detail_toast (GTK_WIDGET (self), adw_toast_new (_("Values imported")));
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
on_save_csv_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         IbKpisPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && !ib_kpis_page_export_csv (self, file, &error))
        ib_detail_show_message (ib_detail_get_window (GTK_WIDGET (self)), _("Could Not Save Values"), error->message);
      else if (file != NULL)
        saved_toast (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_chart_chosen_cb (IbChartExportDialog *dialog,
                    GFile               *file,
                    int                  format,
                    int                  width,
                    int                  height,
                    IbKpisPage          *self)
{
  g_autoptr (GError) error = NULL;

  if (!ib_kpis_page_export_chart (self, file, (IbChartFormat) format, width, height, &error))
    ib_detail_show_message (ib_detail_get_window (GTK_WIDGET (self)), _("Could Not Export the Chart"), error->message);
  else
    saved_toast (self, file);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_indicator);
  IbKpiItem *item = shown_item (self);

  /* Most indicators are monthly; a new one joins the category being looked at. */
  ib_record_set_string (draft, "frequency", "monthly");
  ib_record_set_string (draft, "polarity", "higher_is_better");
  if (item != NULL && ib_kpi_item_get_category (item) != NULL)
    ib_record_set_string (draft, "category", ib_kpi_item_get_category (item));
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             indicator_fields),
                                 _("New Indicator"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbKpiItem *item = param_item (self, param);

  if (item != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_indicator,
                                                         ib_record_get_id (ib_kpi_item_get_indicator (item)),
                                                         indicator_fields),
                                   NULL);
}

static void
add_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
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
  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, measurement_fields);
  ib_record_editor_set_save_func (editor, save_measurement, self);
  /* Translators: the title of the form adding a month's value; %s is the indicator's title */
  title = g_strdup_printf (_("New Value for %s"), ib_record_get_string (ib_kpi_item_get_indicator (item), "title"));
  ib_list_detail_present_editor (self->list_detail, editor, title);
}

static void
edit_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecordEditor *editor = ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_measurement,
                                                 g_variant_get_string (param, NULL), measurement_fields);

  ib_record_editor_set_save_func (editor, save_measurement, self);
  ib_list_detail_present_editor (self->list_detail, editor, NULL);
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
  IbKpiItem *item = shown_item (self);

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

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbKpisPage *self = IB_KPIS_PAGE (widget);
  IbKpiItem *item = shown_item (self);
  IbChartExportDialog *dialog;

  if (item == NULL)
    return;
  dialog = ib_chart_export_dialog_new (ib_detail_get_window (widget),
                                       ib_record_get_string (ib_kpi_item_get_indicator (item), "code"));
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_chart_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ib_list_detail_clear_search (IB_KPIS_PAGE (widget)->list_detail);
}

static void
focus_search (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);

  ensure_model (self);
  ib_list_detail_focus_search (self->list_detail);
}

static void
focus_content (IbView *view)
{
  ib_list_detail_focus_shown (IB_KPIS_PAGE (view)->list_detail);
}

/* Links from the other views: an indicator by its id, or the list as it is ("all"). */
static gboolean
open_target (IbView     *view,
             const char *target)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);

  if (ensure_model (self) == NULL)
    return FALSE;
  if (g_str_equal (target, "all"))
    return TRUE;
  if (ib_list_detail_open_id (self->list_detail, target))
    return TRUE;
  /* Hidden by a search left from before: the link names it, so show it. */
  ib_list_detail_clear_search (self->list_detail);
  return ib_list_detail_open_id (self->list_detail, target);
}

/* A hidden page reads its figures a moment after start-up: until then they are to come. */
static gboolean
is_loading (IbView *view)
{
  IbKpisPage *self = IB_KPIS_PAGE (view);

  return self->model == NULL ? self->read_id != 0 : ib_kpi_model_is_loading (self->model);
}

static void
ib_kpis_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "KPIs");
  /* Not a document: Judgements shows one, and along a narrow window's bottom the two looked alike. */
  iface->icon_name = "ib-chart-symbolic";
  iface->add_action = "kpis.new";
  iface->delete_action = "kpis.delete-selected";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->focus_search = focus_search;
  iface->focus_content = focus_content;
  iface->open = open_target;
  iface->is_loading = is_loading;
}

static void
ib_kpis_page_dispose (GObject *object)
{
  IbKpisPage *self = (IbKpisPage *) object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_handle_id (&self->read_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_KPIS_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ib_kpis_page_parent_class)->dispose (object);
}

static void
ib_kpis_page_map (GtkWidget *widget)
{
  ensure_model (IB_KPIS_PAGE (widget));
  GTK_WIDGET_CLASS (ib_kpis_page_parent_class)->map (widget);
}

static void
ib_kpis_page_class_init (IbKpisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_kpis_page_dispose;
  widget_class->map = ib_kpis_page_map;
  ib_view_class_install_properties (object_class);

  /**
   * IbKpisPage::grades-imported:
   *
   * Emitted after an Ofsted outcomes summary was imported: other councils' grades, which are
   * no record the store announces, changed for the views that show them.
   */
  signals[GRADES_IMPORTED] =
    g_signal_new ("grades-imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (IB_TYPE_LIST_DETAIL);
  g_type_ensure (IB_TYPE_KPI_DETAIL);
  g_type_ensure (IB_TYPE_KPI_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-kpis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, list_detail);
  gtk_widget_class_bind_template_child (widget_class, IbKpisPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_show_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, ib_kpi_detail_show);

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

  /* Within the page; the window routes Ctrl+F, Ctrl+N and Delete through IbView. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "kpis.import-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "kpis.export-chart", NULL);
}

static void
ib_kpis_page_init (IbKpisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

static void
on_mapped_cb (IbEesMappingDialog *dialog,
              IbEesMapping       *mapping,
              const char         *published,
              IbKpisPage         *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  GFile *file = g_object_get_data (G_OBJECT (dialog), "ib-file");
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  IbKpiImportDialog *preview;
  GtkWindow *window = ib_detail_get_window (GTK_WIDGET (self));

  /* The dialog's read found the file fit; this second read takes its figures. */
  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    changes = ib_ees_prepare (store, G_INPUT_STREAM (stream), ib_ees_mapping_dialog_get_scan (dialog), mapping,
                              published, NULL, &error);
  if (changes == NULL)
    {
      ib_detail_show_message (window, _("Could Not Import Values"), error->message);
      return;
    }
  preview = ib_kpi_import_dialog_new_for_changes (window, self->model, changes);
  if (preview != NULL)
    g_signal_connect_object (preview, "imported", G_CALLBACK (on_imported_cb), self, 0);
}

/* An Explore Education Statistics data set: read once, then asked how it maps (with what was
 * remembered for it chosen), then previewed. */
static void
import_ees (IbKpisPage *self,
            GFile      *file)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  GtkWindow *window = ib_detail_get_window (GTK_WIDGET (self));
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (IbEesMapping) remembered = NULL;
  g_autoptr (GError) error = NULL;
  IbEesMappingDialog *dialog;
  IbEesScan *scan = NULL;

  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    scan = ib_ees_scan (G_INPUT_STREAM (stream), name, NULL, &error);
  if (scan == NULL)
    {
      ib_detail_show_message (window, _("Could Not Import Values"), error->message);
      return;
    }
  remembered = ib_ees_mapping_load (store, scan->dataset);
  dialog = ib_ees_mapping_dialog_new (window, store, scan, remembered);
  g_object_set_data_full (G_OBJECT (dialog), "ib-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "mapped", G_CALLBACK (on_mapped_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_ofsted (IbKpisPage *self,
               GFile      *file)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  guint n = 0;

  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    n = ib_national_grades_import (ib_view_get_store (IB_VIEW (self)), G_INPUT_STREAM (stream), name, NULL, &error);
  if (n == 0)
    {
      ib_detail_show_message (ib_detail_get_window (GTK_WIDGET (self)), _("Could Not Import Grades"), error->message);
      return;
    }
  /* Translators: a toast after importing other councils' Ofsted grades */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ofsted grades of %u council imported",
                                          "Ofsted grades of %u councils imported", n), n);
  ib_detail_toast (GTK_WIDGET (self), adw_toast_new (message));
  g_signal_emit (self, signals[GRADES_IMPORTED], 0);
}

void
ib_kpis_page_import_file (IbKpisPage *self,
                          GFile      *file)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) header = NULL;
  IbKpiImportDialog *dialog;
  char head[4];
  gssize n = 0;

  g_return_if_fail (IB_IS_KPIS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (ensure_model (self) != NULL);

  /* What the file is decides how it is read: its first bytes, then its first line. */
  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, &error);
  g_clear_object (&stream);
  /* Of the files imported here, only Ofsted's outcomes summaries are published as workbooks. */
  if (n >= 0 && error == NULL && ib_xlsx_sniff (head, n))
    {
      import_ofsted (self, file);
      return;
    }
  if (n >= 0 && error == NULL)
    stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    header = ib_csv_read_header (G_INPUT_STREAM (stream), NULL, &error);
  if (header == NULL)
    {
      ib_detail_show_message (ib_detail_get_window (GTK_WIDGET (self)), _("Could Not Read the File"), error->message);
      return;
    }

  switch (ib_import_kind_for_header ((const char * const *) header))
    {
    case IB_IMPORT_OFSTED:
      import_ofsted (self, file);
      return;
    case IB_IMPORT_EES:
      import_ees (self, file);
      return;
    case IB_IMPORT_KPI_CSV:
    default:
      break;
    }

  dialog = ib_kpi_import_dialog_open (ib_detail_get_window (GTK_WIDGET (self)), self->model, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
}

gboolean
ib_kpis_page_export_csv (IbKpisPage  *self,
                         GFile       *file,
                         GError     **error)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autofree char *csv = NULL;

  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  csv = ib_kpi_csv_export (store, NULL);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
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
  g_autoptr (IbChart) chart = NULL;

  g_return_val_if_fail (IB_IS_KPIS_PAGE (self), FALSE);

  item = shown_item (self);
  if (item == NULL || ib_kpi_detail_get_chart (self->detail) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Choose an indicator first."));
      return FALSE;
    }
  /* A chart of its own at the export's size, filled the same way as the one on screen. */
  chart = g_object_ref_sink (IB_CHART (ib_chart_new ()));
  ib_kpi_detail_fill_chart (chart, item, ib_kpi_detail_get_range (self->detail));
  /* On screen the source is a label under the chart; a file carries it in the drawing. */
  ib_chart_set_caption (chart, ib_kpi_detail_get_source (self->detail));
  return ib_chart_export (chart, file, format, width, height, error);
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
  return ib_list_detail_select (self->list_detail, id);
}

void
ib_kpis_page_commit_pending (IbKpisPage *self)
{
  g_return_if_fail (IB_IS_KPIS_PAGE (self));
  ib_list_detail_commit_delete (self->list_detail);
}
