/* ib-kept-selection.c
 *
 * GtkSingleSelection drops its selection when the items under it are replaced. This sits
 * around its handler: before it, to ignore the drop; after it, to select the same record
 * again by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kept-selection"

#include "config.h"

#include "ib-kept-selection.h"

struct _IbKeptSelection
{
  GObject             parent_instance;

  /* owned */
  IbViewModel        *model;
  GListModel         *items;
  GtkSingleSelection *selection;
  char               *id;

  gboolean            restoring;  /* the items are being replaced */
};

G_DEFINE_FINAL_TYPE (IbKeptSelection, ib_kept_selection, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
restore (IbKeptSelection *self)
{
  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, ib_kept_selection_find (self, self->id));
  self->restoring = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_items_changing_cb (IbKeptSelection *self)
{
  self->restoring = TRUE;
}

static void
on_items_changed_cb (IbKeptSelection *self)
{
  self->restoring = FALSE;
  restore (self);
}

static void
on_selected_cb (IbKeptSelection *self)
{
  gpointer item;

  if (self->restoring)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  g_free (self->id);
  self->id = item != NULL ? g_strdup (ib_view_model_get_item_id (self->model, item)) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ib_kept_selection_dispose (GObject *object)
{
  IbKeptSelection *self = (IbKeptSelection *) object;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->model);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (ib_kept_selection_parent_class)->dispose (object);
}

static void
ib_kept_selection_class_init (IbKeptSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ib_kept_selection_dispose;

  /**
   * IbKeptSelection::changed:
   *
   * Emitted when the person selects another item, and after the items were replaced and the
   * chosen id selected again (or found gone).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ib_kept_selection_init (IbKeptSelection *self)
{
}

IbKeptSelection *
ib_kept_selection_new (IbViewModel *model)
{
  IbKeptSelection *self;
  GListModel *items;

  g_return_val_if_fail (IB_IS_VIEW_MODEL (model), NULL);

  self = g_object_new (IB_TYPE_KEPT_SELECTION, NULL);
  self->model = g_object_ref (model);
  items = ib_view_model_get_items (model);
  self->items = g_object_ref (items);

  g_signal_connect_swapped (items, "items-changed", G_CALLBACK (on_items_changing_cb), self);
  self->selection = gtk_single_selection_new (g_object_ref (items));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_data (items, "items-changed", G_CALLBACK (on_items_changed_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self);

  return self;
}

GtkSelectionModel *
ib_kept_selection_get_model (IbKeptSelection *self)
{
  g_return_val_if_fail (IB_IS_KEPT_SELECTION (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

const char *
ib_kept_selection_get_id (IbKeptSelection *self)
{
  g_return_val_if_fail (IB_IS_KEPT_SELECTION (self), NULL);
  return self->id;
}

gpointer
ib_kept_selection_get_item (IbKeptSelection *self)
{
  g_return_val_if_fail (IB_IS_KEPT_SELECTION (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
ib_kept_selection_set_id (IbKeptSelection *self,
                          const char      *id)
{
  g_return_if_fail (IB_IS_KEPT_SELECTION (self));

  if (id != self->id)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }
  restore (self);
}

guint
ib_kept_selection_find (IbKeptSelection *self,
                        const char      *id)
{
  g_return_val_if_fail (IB_IS_KEPT_SELECTION (self), GTK_INVALID_LIST_POSITION);

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (self->items, i);

      if (g_strcmp0 (ib_view_model_get_item_id (self->model, item), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}
