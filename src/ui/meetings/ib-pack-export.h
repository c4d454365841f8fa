/* ib-pack-export.h: a pack written as a PDF where the person chooses, Part 1 or Part 2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-pack.h"

G_BEGIN_DECLS

#define IB_TYPE_PACK_EXPORT (ib_pack_export_get_type ())

G_DECLARE_FINAL_TYPE (IbPackExport, ib_pack_export, IB, PACK_EXPORT, GObject)

/* Returns an export of @pack through a save dialog (GtkFileChooserNative, so a sandbox's
 * portal hands the file over) for @from's window, starting on @part; with @offer_part2 the
 * dialog offers Part 1 and Part 2, otherwise Part 1 alone is written. */
IbPackExport *ib_pack_export_new  (GtkWidget     *from,
                                   IbPack        *pack,
                                   IbPackPart     part,
                                   gboolean       offer_part2);

/* Shows the dialog; the export keeps itself until it is answered, then writes the file and
 * says so (or why not) on @from. */
void          ib_pack_export_show (IbPackExport  *self);

G_END_DECLS
