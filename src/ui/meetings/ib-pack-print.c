/* ib-pack-print.c
 *
 * The print context's cairo is handed to ib_report_draw_page () as it is: the unit is the
 * point and the page is the whole sheet, so the report lays its own margins on it, exactly as
 * in the PDF. The pages are counted once the part is known, after the dialog's "Pack" tab
 * was read, so choosing Part 2 there prints Part 2's pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-pack-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-detail-util.h"
#include "ib-meetings-util.h"
#include "ib-pack-print.h"
#include "ib-report.h"

struct _IbPackPrint
{
  GtkPrintOperation  parent_instance;

  IbPack            *pack;
  IbReport          *report;
  GtkWidget         *from;
  GtkWidget         *part2_check;  /* in the dialog's tab, while it is open */

  IbPackPart         part;
  gboolean           offer_part2;
  gboolean           running;      /* holding a reference to itself until "done" */
};

G_DEFINE_FINAL_TYPE (IbPackPrint, ib_pack_print, GTK_TYPE_PRINT_OPERATION)

static gboolean
lay_out (IbPackPrint  *self,
         IbPackPart    part,
         GError      **error)
{
  IbReport *report;

  if (self->report != NULL && self->part == part)
    return TRUE;
  report = ib_report_new (self->pack, part, error);
  if (report == NULL)
    return FALSE;
  g_clear_object (&self->report);
  self->report = report;
  self->part = part;
  return TRUE;
}

static void
ib_pack_print_begin_print (GtkPrintOperation *operation,
                           GtkPrintContext   *context)
{
  IbPackPrint *self = IB_PACK_PRINT (operation);

  gtk_print_operation_set_n_pages (operation, ib_report_get_n_pages (self->report));
}

static void
ib_pack_print_draw_page (GtkPrintOperation *operation,
                         GtkPrintContext   *context,
                         int                page)
{
  IbPackPrint *self = IB_PACK_PRINT (operation);

  ib_report_draw_page (self->report, gtk_print_context_get_cairo_context (context), (guint) page,
                       gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static GtkWidget *
ib_pack_print_create_custom_widget (GtkPrintOperation *operation)
{
  IbPackPrint *self = IB_PACK_PRINT (operation);
  GtkWidget *box, *part1;

  /* A device without clearance is never shown the choice. */
  if (!self->offer_part2)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_start (box, 12);
  part1 = gtk_check_button_new_with_mnemonic (_("Part _1 (public)"));
  self->part2_check = gtk_check_button_new_with_mnemonic (_("Part _2 (exempt): not for publication"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (self->part2_check), GTK_CHECK_BUTTON (part1));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->part == IB_PACK_PART_EXEMPT ? self->part2_check : part1), TRUE);
  gtk_box_append (GTK_BOX (box), part1);
  gtk_box_append (GTK_BOX (box), self->part2_check);
  return box;
}

static void
ib_pack_print_custom_widget_apply (GtkPrintOperation *operation,
                                   GtkWidget         *widget)
{
  IbPackPrint *self = IB_PACK_PRINT (operation);
  g_autoptr (GError) error = NULL;
  IbPackPart part;

  if (self->part2_check == NULL)
    return;
  part = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->part2_check)) ? IB_PACK_PART_EXEMPT : IB_PACK_PART_PUBLIC;
  self->part2_check = NULL;
  /* Only parts with content are offered; should one have none, the part laid out stays. */
  if (!lay_out (self, part, &error))
    g_warning ("%s", error->message);
}

static gboolean
release_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
ib_pack_print_done (GtkPrintOperation       *operation,
                    GtkPrintOperationResult  result)
{
  IbPackPrint *self = IB_PACK_PRINT (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->from != NULL)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        ib_detail_toast_error (self->from, error->message);
    }
  g_clear_object (&self->from);
  /* Drops the reference ib_pack_print_run () took, after GTK is done emitting. */
  if (self->running)
    {
      self->running = FALSE;
      g_idle_add (release_cb, self);
    }
}

static void
ib_pack_print_dispose (GObject *object)
{
  IbPackPrint *self = (IbPackPrint *) object;

  g_clear_object (&self->report);
  g_clear_object (&self->pack);
  g_clear_object (&self->from);

  G_OBJECT_CLASS (ib_pack_print_parent_class)->dispose (object);
}

static void
ib_pack_print_class_init (IbPackPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = ib_pack_print_dispose;
  print_class->begin_print = ib_pack_print_begin_print;
  print_class->draw_page = ib_pack_print_draw_page;
  print_class->create_custom_widget = ib_pack_print_create_custom_widget;
  print_class->custom_widget_apply = ib_pack_print_custom_widget_apply;
  print_class->done = ib_pack_print_done;
}

static void
ib_pack_print_init (IbPackPrint *self)
{
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
  /* Translators: the tab of the print dialog that chooses which part of a pack prints */
  gtk_print_operation_set_custom_tab_label (GTK_PRINT_OPERATION (self), _("Pack"));
}

IbPackPrint *
ib_pack_print_new (IbPack      *pack,
                   IbPackPart   part,
                   gboolean     offer_part2,
                   GError     **error)
{
  g_autoptr (IbPackPrint) self = NULL;
  g_autofree char *job = NULL;

  g_return_val_if_fail (IB_IS_PACK (pack), NULL);

  self = g_object_new (IB_TYPE_PACK_PRINT, NULL);
  self->pack = g_object_ref (pack);
  self->offer_part2 = offer_part2;
  if (!lay_out (self, offer_part2 ? part : IB_PACK_PART_PUBLIC, error))
    return NULL;

  /* Translators: the print job's name: a pack's subject and its part */
  job = g_strdup_printf (C_("print job", "%s, %s"), ib_report_get_title (self->report), ib_meetings_part_label (self->part));
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job);
  return g_steal_pointer (&self);
}

void
ib_pack_print_run (IbPackPrint *self,
                   GtkWidget   *from)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (IB_IS_PACK_PRINT (self));
  g_return_if_fail (GTK_IS_WIDGET (from));

  g_set_object (&self->from, from);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
  /* Alive until "done", which says how it ended (a failure in a toast on @from). */
  self->running = TRUE;
  g_object_ref (self);
  gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           ib_detail_get_window (from), &error);
}

IbPackPart
ib_pack_print_get_part (IbPackPrint *self)
{
  g_return_val_if_fail (IB_IS_PACK_PRINT (self), IB_PACK_PART_PUBLIC);
  return self->part;
}
