/* ib-pack-export-private.h: what tests reach in a pack's export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-pack-export.h"

G_BEGIN_DECLS

/* Returns the save dialog (transfer none): its "part" choice is there only when Part 2 is
 * offered. */
GtkFileChooser *ib_pack_export_get_chooser (IbPackExport  *self);

/* Writes the part chosen in the dialog to @file, as accepting the dialog does. */
gboolean        ib_pack_export_write       (IbPackExport  *self,
                                            GFile         *file,
                                            GError       **error);

G_END_DECLS
