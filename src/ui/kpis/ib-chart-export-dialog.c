/* ib-chart-export-dialog.c
 *
 * Files are saved through GtkFileChooserNative, so inside a sandbox the portal hands them
 * over; the dialog lives until the chooser answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-chart-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-chart-export-dialog.h"

struct _IbChartExportDialog
{
  AdwMessageDialog      parent_instance;

  /* template */
  GtkDropDown          *format_drop_down;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;

  /* owned */
  char                 *name;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (IbChartExportDialog, ib_chart_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const format_extensions[] = { "png", "svg", "pdf" };

static IbChartFormat
chosen_format (IbChartExportDialog *self)
{
  return MIN ((IbChartFormat) gtk_drop_down_get_selected (self->format_drop_down), IB_CHART_PDF);
}

static void
on_chooser_response_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        IbChartExportDialog *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      IbChartFormat format = chosen_format (self);

      /* A name typed with another extension means that format. */
      ib_chart_format_for_name (name, &format);
      g_signal_emit (self, signals[CHOSEN], 0, file, format,
                     gtk_spin_button_get_value_as_int (self->width_spin),
                     gtk_spin_button_get_value_as_int (self->height_spin));
    }
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);  /* held while the chooser was open */
}

static void
ib_chart_export_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  IbChartExportDialog *self = IB_CHART_EXPORT_DIALOG (dialog);
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "export") != 0 || self->chooser != NULL)
    return;

  /* The dialog's button has closed it by now; it stays alive, out of sight, for the
   * options until the chooser answers. */
  g_object_ref (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  name = g_strdup_printf ("%s.%s", self->name, format_extensions[chosen_format (self)]);
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), gtk_window_get_transient_for (GTK_WINDOW (self)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ib_chart_export_dialog_dispose (GObject *object)
{
  IbChartExportDialog *self = (IbChartExportDialog *) object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_CHART_EXPORT_DIALOG);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ib_chart_export_dialog_parent_class)->dispose (object);
}

static void
ib_chart_export_dialog_class_init (IbChartExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = ib_chart_export_dialog_dispose;
  dialog_class->response = ib_chart_export_dialog_response;

  /**
   * IbChartExportDialog::chosen:
   * @file: where to write
   * @format: an IbChartFormat
   * @width: in pixels for an image, points for a drawing or document
   * @height: likewise
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_FILE, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-chart-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IbChartExportDialog, format_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IbChartExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, IbChartExportDialog, height_spin);
}

static void
ib_chart_export_dialog_init (IbChartExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IbChartExportDialog *
ib_chart_export_dialog_new (GtkWindow  *parent,
                            const char *name)
{
  IbChartExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (IB_TYPE_CHART_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->name = g_strdup (name);
  return self;
}
