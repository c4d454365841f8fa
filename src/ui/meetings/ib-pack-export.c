/* ib-pack-export.c
 *
 * The part is a choice in the save dialog itself ("part"), offered only to a device that may
 * produce Part 2, so the one dialog answers both questions; the file name follows the part.
 * The PDF is written by the report library, beside its path first, so a failed export
 * leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack-export"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-detail-util.h"
#include "ib-meetings-util.h"
#include "ib-pack-export-private.h"
#include "ib-report.h"

#define PART_CHOICE "part"

struct _IbPackExport
{
  GObject               parent_instance;

  IbPack               *pack;
  GtkWidget            *from;
  GtkFileChooserNative *chooser;

  IbPackPart            part;
  gboolean              offer_part2;
};

G_DEFINE_FINAL_TYPE (IbPackExport, ib_pack_export, G_TYPE_OBJECT)

static IbPackPart
chosen_part (IbPackExport *self)
{
  const char *choice;

  if (!self->offer_part2)
    return IB_PACK_PART_PUBLIC;
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (self->chooser), PART_CHOICE);
  return g_strcmp0 (choice, "part2") == 0 ? IB_PACK_PART_EXEMPT : IB_PACK_PART_PUBLIC;
}

static void
on_response_cb (GtkNativeDialog *chooser,
                int              response,
                IbPackExport    *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && !ib_pack_export_write (self, file, &error))
    ib_detail_show_message (ib_detail_get_window (self->from), _("Could Not Export the Pack"), error->message);
  else if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      /* Translators: said once a pack's PDF is written; %s is the file's name */
      text = g_strdup_printf (_("Saved “%s”"), name);
      escaped = g_markup_escape_text (text, -1);
      ib_detail_toast (self->from, adw_toast_new (escaped));
    }

  /* The reference ib_pack_export_show () took. */
  g_object_unref (self);
}

static void
ib_pack_export_dispose (GObject *object)
{
  IbPackExport *self = (IbPackExport *) object;

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->pack);
  g_clear_object (&self->from);

  G_OBJECT_CLASS (ib_pack_export_parent_class)->dispose (object);
}

static void
ib_pack_export_class_init (IbPackExportClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ib_pack_export_dispose;
}

static void
ib_pack_export_init (IbPackExport *self)
{
}

IbPackExport *
ib_pack_export_new (GtkWidget  *from,
                    IbPack     *pack,
                    IbPackPart  part,
                    gboolean    offer_part2)
{
  IbPackExport *self;
  g_autoptr (GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (IB_IS_PACK (pack), NULL);

  self = g_object_new (IB_TYPE_PACK_EXPORT, NULL);
  self->from = g_object_ref (from);
  self->pack = g_object_ref (pack);
  self->offer_part2 = offer_part2;
  self->part = offer_part2 ? part : IB_PACK_PART_PUBLIC;

  self->chooser = gtk_file_chooser_native_new (_("Export the Pack as PDF"), ib_detail_get_window (from),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdf);

  /* A device without clearance is never shown the choice, nor told Part 2 exists. */
  if (offer_part2)
    {
      const char *ids[] = { "part1", "part2", NULL };
      const char *labels[] = { ib_meetings_part_label (IB_PACK_PART_PUBLIC), ib_meetings_part_label (IB_PACK_PART_EXEMPT), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), PART_CHOICE, _("Part"), ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), PART_CHOICE,
                                   self->part == IB_PACK_PART_EXEMPT ? "part2" : "part1");
    }
  /* GTK 4.8's own save dialog loses a choice set before a person makes it, so the dialog may
   * show Part 1 whatever was asked for, and the name it suggests must not claim a part the
   * person may change there: an exempt part saved under a "Part 1" name could be published. */
  name = ib_meetings_pack_file_name (pack, self->part, !offer_part2);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_response_cb), self);
  return self;
}

void
ib_pack_export_show (IbPackExport *self)
{
  g_return_if_fail (IB_IS_PACK_EXPORT (self));

  g_object_ref (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkFileChooser *
ib_pack_export_get_chooser (IbPackExport *self)
{
  g_return_val_if_fail (IB_IS_PACK_EXPORT (self), NULL);
  return GTK_FILE_CHOOSER (self->chooser);
}

gboolean
ib_pack_export_write (IbPackExport  *self,
                      GFile         *file,
                      GError       **error)
{
  g_autoptr (IbReport) report = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (IB_IS_PACK_EXPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("The pack can only be written to a file on this computer."));
      return FALSE;
    }
  report = ib_report_new (self->pack, chosen_part (self), error);
  return report != NULL && ib_report_write_pdf (report, path, error);
}
