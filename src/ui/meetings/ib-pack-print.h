/* ib-pack-print.h: printing a pack through the print dialog, with the same drawing that
 * writes its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-pack.h"

G_BEGIN_DECLS

#define IB_TYPE_PACK_PRINT (ib_pack_print_get_type ())

G_DECLARE_FINAL_TYPE (IbPackPrint, ib_pack_print, IB, PACK_PRINT, GtkPrintOperation)

/* Returns a print operation of @part of @pack: A4, in points, on the full page, a page per
 * page of the report. With @offer_part2 the dialog has a "Pack" tab to choose Part 1 or
 * Part 2; without it Part 2 is never printed. NULL with @error when @part has nothing. */
IbPackPrint *ib_pack_print_new       (IbPack      *pack,
                                      IbPackPart   part,
                                      gboolean     offer_part2,
                                      GError     **error);

/* Shows the print dialog for @from's window and prints in the background; a failure is said
 * in a toast on @from. */
void         ib_pack_print_run       (IbPackPrint *self,
                                      GtkWidget   *from);

/* Returns the part that prints (the one chosen in the dialog, once it is). */
IbPackPart   ib_pack_print_get_part  (IbPackPrint *self);

G_END_DECLS
