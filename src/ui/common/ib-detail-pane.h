/* ib-detail-pane.h: what every view's detail pane derives from: an empty state, and one
 * record's content scrolled within a comfortable width, ending with the record's History
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_DETAIL_PANE (ib_detail_pane_get_type ())

G_DECLARE_DERIVABLE_TYPE (IbDetailPane, ib_detail_pane, IB, DETAIL_PANE, GtkWidget)

/* A view's detail pane derives from IbDetailPane, and its template's children make the
 * content, in order. "icon-name", "title" and "description" say what the empty state shows;
 * "record" is the record shown (the template's rows bind to it) and "can-edit" is FALSE for a
 * viewer (the controls that change records bind their visibility to it). The pane adds the
 * record's History (IbHistorySection) after the view's parts by itself. */
struct _IbDetailPaneClass
{
  GtkWidgetClass parent_class;

  /* "can-edit" changed: show or hide what is not bound to it. */
  void (*can_edit_changed) (IbDetailPane *self);
};

/* Call before filling the content for @record (NULL for content with no record of its own,
 * such as a heading): remembers where the reader is (how far the content is scrolled and
 * which button has the focus), and makes @record the pane's "record". */
void      ib_detail_pane_begin        (IbDetailPane *self,
                                       IbRecord     *record);

/* Shows the content filled since ib_detail_pane_begin (): from the top when it is another
 * record than before; when it is the same one, updated in place, scrolled where the reader
 * left it and with the focus on the button it was on (found by what it does, if its part of
 * the pane was refilled). */
void      ib_detail_pane_show         (IbDetailPane *self);

/* Shows the empty state; the pane has no record. */
void      ib_detail_pane_show_empty   (IbDetailPane *self);

/* Returns the record shown (transfer none), or NULL. */
IbRecord *ib_detail_pane_get_record   (IbDetailPane *self);

/* Returns FALSE when the pane shows no control that changes a record (a viewer). */
gboolean  ib_detail_pane_get_can_edit (IbDetailPane *self);

G_END_DECLS
