/* ib-kept-selection.h: a list's single selection, kept by record id while the items are
 * replaced (after a reload, a sync or an edit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-view-model.h"

G_BEGIN_DECLS

#define IB_TYPE_KEPT_SELECTION (ib_kept_selection_get_type ())

G_DECLARE_FINAL_TYPE (IbKeptSelection, ib_kept_selection, IB, KEPT_SELECTION, GObject)

/* Returns a selection over @model's items whose chosen id survives the items being replaced;
 * it emits "changed" whenever what is selected may have changed. */
IbKeptSelection    *ib_kept_selection_new       (IbViewModel     *model);

/* Returns the selection model for a list view (transfer none). */
GtkSelectionModel  *ib_kept_selection_get_model (IbKeptSelection *self);

/* Returns the chosen id, also while its item is not in the list (filtered out, hidden). */
const char         *ib_kept_selection_get_id    (IbKeptSelection *self);

/* Returns the selected item (transfer none), or NULL. */
gpointer            ib_kept_selection_get_item  (IbKeptSelection *self);

/* Chooses @id (NULL for none) and selects its item if it is listed. */
void                ib_kept_selection_set_id    (IbKeptSelection *self,
                                                 const char      *id);

/* Returns the position of @id in the list, or GTK_INVALID_LIST_POSITION. */
guint               ib_kept_selection_find      (IbKeptSelection *self,
                                                 const char      *id);

G_END_DECLS
