/* ib-kpi-import-dialog.c
 *
 * The file is read and matched against the database before anything is shown, so the
 * preview says exactly what Import writes; ib_kpi_csv_apply () writes it all in one
 * transaction, with its outbox rows, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-kpi-csv.h"
#include "ib-kpi-import-dialog.h"

/* The preview lists this many changes, then says how many more. */
#define PREVIEW_LINES 50

struct _IbKpiImportDialog
{
  AdwMessageDialog  parent_instance;

  /* template */
  GtkLabel         *changes_label;

  /* owned */
  IbKpiModel       *model;
  GPtrArray        *changes;  /* IbKpiChange: what Import writes */
};

G_DEFINE_FINAL_TYPE (IbKpiImportDialog, ib_kpi_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* "CLA_N, March 2022: 450 → 458". */
static char *
change_line (IbKpiImportDialog *self,
             IbKpiChange       *change)
{
  IbRecord *record = change->record;
  IbKpiItem *item = ib_kpi_model_lookup (self->model, ib_record_get_string (record, "indicator"));
  IbRecord *indicator = item != NULL ? ib_kpi_item_get_indicator (item) : NULL;
  const char *period = ib_record_get_string (record, "period");
  g_autofree char *month = ib_format_period (period);
  g_autofree char *value = indicator != NULL ? ib_format_value (indicator, ib_record_get_double (record, "value")) : NULL;
  const char *code = indicator != NULL ? ib_record_get_string (indicator, "code") : "";

  /* National comparators alone: say England's figure, the council's is not part of it. */
  if (indicator != NULL && !ib_record_has (record, "value") && ib_record_has (record, "england"))
    {
      g_autofree char *england = ib_format_value (indicator, ib_record_get_double (record, "england"));

      /* Translators: national figures in the import preview: "REREF12, March 2025: England 22.6%" */
      return g_strdup_printf (_("%s, %s: England %s"), code, month, england);
    }

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

/* Fills the preview with @changes; returns FALSE, saying so in a message, when nothing would
 * change. */
static gboolean
fill (IbKpiImportDialog *self,
      GPtrArray         *changes)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  guint created = 0, updated = 0, unchanged = 0, listed = 0;
  g_autofree char *heading = NULL, *body = NULL;
  g_autofree char *new_text = NULL, *changed_text = NULL, *same_text = NULL;
  g_autoptr (GString) lines = g_string_new (NULL);

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

      ib_detail_show_message (gtk_window_get_transient_for (GTK_WINDOW (self)), _("Nothing to Import"), same);
      return FALSE;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u Value?", "Import %u Values?", created + updated),
                             created + updated);
  new_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", created), created);
  changed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", updated), updated);
  same_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already recorded", "%u already recorded", unchanged),
                               unchanged);
  /* Translators: the import preview's summary: "3 new, 1 changed, 40 already recorded. All are written together, or none." */
  body = g_strdup_printf (_("%s, %s, %s. All are written together, or none."), new_text, changed_text, same_text);
  if (listed > PREVIEW_LINES)
    {
      g_string_append_c (lines, '\n');
      g_string_append_printf (lines, g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", listed - PREVIEW_LINES),
                              listed - PREVIEW_LINES);
    }

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  gtk_label_set_label (self->changes_label, lines->str);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = g_ptr_array_ref (changes);
  return TRUE;
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (IbKpiImportDialog) self = user_data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    ib_detail_show_message (parent, _("Could Not Read the File"), error->message);
  else if ((changes = ib_kpi_csv_prepare (ib_kpi_model_get_store (self->model), contents, length, &error)) == NULL)
    ib_detail_show_message (parent, _("Could Not Import Values"), error->message);
  else if (fill (self, changes))
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ib_kpi_import_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  IbKpiImportDialog *self = IB_KPI_IMPORT_DIALOG (dialog);
  g_autoptr (GPtrArray) changes = g_steal_pointer (&self->changes);
  g_autoptr (GError) error = NULL;

  if (changes != NULL && g_strcmp0 (response, "import") == 0)
    {
      /* The first indicator changed is named, so the view can show what came in. */
      const char *first = NULL;

      for (guint i = 0; i < changes->len && first == NULL; i++)
        if (((IbKpiChange *) changes->pdata[i])->kind != IB_KPI_CHANGE_UNCHANGED)
          first = ib_record_get_string (((IbKpiChange *) changes->pdata[i])->record, "indicator");
      if (ib_kpi_csv_apply (ib_kpi_model_get_store (self->model), changes, &error))
        g_signal_emit (self, signals[IMPORTED], 0, first);
      else
        ib_detail_show_message (gtk_window_get_transient_for (GTK_WINDOW (self)), _("Could Not Import Values"),
                                error->message);
    }
}

static void
ib_kpi_import_dialog_dispose (GObject *object)
{
  IbKpiImportDialog *self = (IbKpiImportDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_KPI_IMPORT_DIALOG);
  g_clear_object (&self->model);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_kpi_import_dialog_parent_class)->dispose (object);
}

static void
ib_kpi_import_dialog_class_init (IbKpiImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = ib_kpi_import_dialog_dispose;
  dialog_class->response = ib_kpi_import_dialog_response;

  /**
   * IbKpiImportDialog::imported:
   * @indicator: (nullable): the id of the first indicator whose figures changed
   *
   * Emitted after every change was written: the view reads its figures again.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-kpi-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IbKpiImportDialog, changes_label);
}

static void
ib_kpi_import_dialog_init (IbKpiImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IbKpiImportDialog *
ib_kpi_import_dialog_open (GtkWindow  *parent,
                           IbKpiModel *model,
                           GFile      *file)
{
  IbKpiImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (IB_IS_KPI_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (IB_TYPE_KPI_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->model = g_object_ref (model);
  g_file_load_contents_async (file, NULL, on_file_loaded_cb, g_object_ref (self));
  return self;
}

IbKpiImportDialog *
ib_kpi_import_dialog_new_for_changes (GtkWindow  *parent,
                                      IbKpiModel *model,
                                      GPtrArray  *changes)
{
  IbKpiImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (IB_IS_KPI_MODEL (model), NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  self = g_object_new (IB_TYPE_KPI_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->model = g_object_ref (model);
  if (!fill (self, changes))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
