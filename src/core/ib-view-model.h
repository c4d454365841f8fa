/* ib-view-model.h: what a list-and-detail view asks of its model, whichever records it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_VIEW_MODEL (ib_view_model_get_type ())

G_DECLARE_INTERFACE (IbViewModel, ib_view_model, IB, VIEW_MODEL, GObject)

struct _IbViewModelInterface
{
  GTypeInterface parent_iface;

  IbStore    *(*get_store)   (IbViewModel *self);
  GListModel *(*get_items)   (IbViewModel *self);
  const char *(*get_item_id) (IbViewModel *self,
                              gpointer     item);
  gpointer    (*lookup)      (IbViewModel *self,
                              const char  *id);
  gboolean    (*is_filtered) (IbViewModel *self);
  gboolean    (*is_loading)  (IbViewModel *self);
  void        (*set_search)  (IbViewModel *self,
                              const char  *text);
  void        (*hide)        (IbViewModel *self,
                              const char  *id);
  void        (*unhide)      (IbViewModel *self,
                              const char  *id);
  void        (*reload)      (IbViewModel *self);
};

/* Returns the store the model reads (transfer none). */
IbStore    *ib_view_model_get_store     (IbViewModel *self);

/* Returns the items a view lists, filtered and sorted (transfer none). */
GListModel *ib_view_model_get_items     (IbViewModel *self);

/* Returns the id of the record @item stands for, or NULL (a heading without one); the same
 * record has the same id after every reload, so a view keeps its selection by it. */
const char *ib_view_model_get_item_id   (IbViewModel *self,
                                         gpointer     item);

/* Returns the item standing for record @id as last loaded, even while filtered out (transfer
 * none), or NULL. */
gpointer    ib_view_model_lookup        (IbViewModel *self,
                                         const char  *id);

/* Returns TRUE when a search or filter leaves items out. */
gboolean    ib_view_model_is_filtered   (IbViewModel *self);

/* Returns TRUE while the model reads its first load apart, so its empty items mean nothing yet. */
gboolean    ib_view_model_is_loading    (IbViewModel *self);

/* Returns TRUE when the model can be searched by ib_view_model_set_search (). */
gboolean    ib_view_model_can_search    (IbViewModel *self);

/* Lists only the items matching @text (NULL or empty: all); nothing for a model with no search. */
void        ib_view_model_set_search    (IbViewModel *self,
                                         const char  *text);

/* Leaves record @id out of every list until unhidden: a delete waiting on its Undo toast. */
void        ib_view_model_hide          (IbViewModel *self,
                                         const char  *id);
void        ib_view_model_unhide        (IbViewModel *self,
                                         const char  *id);

/* Takes in the store's changes now, instead of at the next idle after them: a model may read
 * again only the records they touched. */
void        ib_view_model_reload        (IbViewModel *self);

/* Emits "updated": for the models, after they changed what they show. */
void        ib_view_model_emit_updated  (IbViewModel *self);

/* For the models: keeps in *@search what @text asks for, trimmed and case-folded (NULL when
 * blank); returns FALSE when that is what it held already, so nothing needs listing again. */
gboolean    ib_view_model_take_search   (char       **search,
                                         const char  *text);

/* For the models: makes @items hold @rows (@n_rows items), splicing only where they differ
 * from what it holds (by pointer, or any item in @changed, a set that may be NULL), so a view
 * redraws the rows an edit touched and keeps the rest. */
void        ib_view_model_splice_rows   (GListStore  *items,
                                         gpointer    *rows,
                                         guint        n_rows,
                                         GHashTable  *changed);

G_END_DECLS
