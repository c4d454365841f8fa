/* ib-columns-layout.h: lays children out in one column, or two side by side when wide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_COLUMNS_LAYOUT (ib_columns_layout_get_type ())

G_DECLARE_FINAL_TYPE (IbColumnsLayout, ib_columns_layout, IB, COLUMNS_LAYOUT, GtkLayoutManager)

/* Returns a layout stacking children @spacing pixels apart in one column, or, when the widget is
 * at least @two_columns_from pixels wide, in two columns of equal width, each child under the
 * shorter column so far (the children keep their order for the keyboard); columns are at most
 * @max_column_width wide, centred. */
GtkLayoutManager *ib_columns_layout_new         (int              spacing,
                                                 int              two_columns_from,
                                                 int              max_column_width);

/* Returns how many columns the layout used at its last allocation (1 or 2). */
guint             ib_columns_layout_get_columns (IbColumnsLayout *self);

G_END_DECLS
