/* ib-detail-header.h: the top of a detail pane: the record's name, its badges, and the
 * buttons that act on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IB_TYPE_DETAIL_HEADER (ib_detail_header_get_type ())

G_DECLARE_FINAL_TYPE (IbDetailHeader, ib_detail_header, IB, DETAIL_HEADER, GtkWidget)

/* In a template, children of type "button" go in the row of buttons, which wraps when
 * narrow; "title" is the heading (a level-2 title). */

/* Sets the heading. */
void       ib_detail_header_set_title  (IbDetailHeader *self,
                                        const char     *title);

/* Returns the box of badges, to fill with ib_badge_box_add () (transfer none). */
GtkWidget *ib_detail_header_get_badges (IbDetailHeader *self);

G_END_DECLS
