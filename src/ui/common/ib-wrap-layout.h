/* ib-wrap-layout.h: lays children out in a row, wrapping onto more lines when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_WRAP_LAYOUT (ib_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (IbWrapLayout, ib_wrap_layout, IB, WRAP_LAYOUT, GtkLayoutManager)

/* Returns a layout placing children left to right at their natural width, @spacing pixels
 * apart, starting a new line (also @spacing below) when the next one would not fit. */
GtkLayoutManager *ib_wrap_layout_new (int spacing);

G_END_DECLS
