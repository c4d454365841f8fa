/* ib-line-column-layout.h: a column of a line that answers its width without a height
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_LINE_COLUMN_LAYOUT (ib_line_column_layout_get_type ())

G_DECLARE_FINAL_TYPE (IbLineColumnLayout, ib_line_column_layout, IB, LINE_COLUMN_LAYOUT, GtkLayoutManager)

/* Lays @box (a vertical GtkBox, such as a row's title and subtitle) out exactly as its
 * GtkBoxLayout does, except that asked how wide it is for a height it answers how wide it is;
 * leaves a box laid out otherwise as it is. For a box in an IbLineLayout line, which never asks
 * that, with an alignment that makes GTK ask it at every allocation. */
void ib_line_column_layout_take (GtkWidget *box);

G_END_DECLS
