/* ib-detail-pane.h: the frame of a detail pane: an empty state, and one record's content
 * scrolled within a comfortable width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_DETAIL_PANE (ib_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (IbDetailPane, ib_detail_pane, IB, DETAIL_PANE, GtkWidget)

/* In a template, the pane's children make its content, in order; "icon-name", "title" and
 * "description" say what the empty state shows. */

/* Call before filling the content: remembers where the reader is (how far the content is
 * scrolled and which button has the focus), to keep it if the same record is shown again. */
void  ib_detail_pane_begin       (IbDetailPane *self);

/* Shows the content for record @id: from the top when another record was shown before; when
 * it is the same one, updated in place, scrolled where the reader left it and with the focus
 * on the button it was on (found by what it does, if its part of the pane was refilled). */
void  ib_detail_pane_show_record (IbDetailPane *self,
                                  const char   *id);

/* Shows the empty state. */
void  ib_detail_pane_show_empty  (IbDetailPane *self);

G_END_DECLS
