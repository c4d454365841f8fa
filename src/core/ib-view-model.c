/* ib-view-model.c
 *
 * The store-watching signal is defined here, once, so every view's model names it alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-view-model"

#include "config.h"

#include "ib-view-model.h"

G_DEFINE_INTERFACE (IbViewModel, ib_view_model, G_TYPE_OBJECT)

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ib_view_model_default_init (IbViewModelInterface *iface)
{
  /**
   * IbViewModel::updated:
   *
   * Emitted after the model read its records again from the store (at idle after a change,
   * or on ib_view_model_reload ()), and by models that filter in place after each search or
   * filter: the items, and anything read from them, may have changed.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

IbStore *
ib_view_model_get_store (IbViewModel *self)
{
  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), NULL);
  return IB_VIEW_MODEL_GET_IFACE (self)->get_store (self);
}

GListModel *
ib_view_model_get_items (IbViewModel *self)
{
  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), NULL);
  return IB_VIEW_MODEL_GET_IFACE (self)->get_items (self);
}

const char *
ib_view_model_get_item_id (IbViewModel *self,
                           gpointer     item)
{
  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);
  return IB_VIEW_MODEL_GET_IFACE (self)->get_item_id (self, item);
}

gpointer
ib_view_model_lookup (IbViewModel *self,
                      const char  *id)
{
  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), NULL);
  return id != NULL ? IB_VIEW_MODEL_GET_IFACE (self)->lookup (self, id) : NULL;
}

gboolean
ib_view_model_is_filtered (IbViewModel *self)
{
  IbViewModelInterface *iface;

  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), FALSE);
  iface = IB_VIEW_MODEL_GET_IFACE (self);
  return iface->is_filtered != NULL && iface->is_filtered (self);
}

gboolean
ib_view_model_is_loading (IbViewModel *self)
{
  IbViewModelInterface *iface;

  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), FALSE);
  iface = IB_VIEW_MODEL_GET_IFACE (self);
  return iface->is_loading != NULL && iface->is_loading (self);
}

gboolean
ib_view_model_can_search (IbViewModel *self)
{
  g_return_val_if_fail (IB_IS_VIEW_MODEL (self), FALSE);
  return IB_VIEW_MODEL_GET_IFACE (self)->set_search != NULL;
}

void
ib_view_model_set_search (IbViewModel *self,
                          const char  *text)
{
  IbViewModelInterface *iface;

  g_return_if_fail (IB_IS_VIEW_MODEL (self));
  iface = IB_VIEW_MODEL_GET_IFACE (self);
  if (iface->set_search != NULL)
    iface->set_search (self, text);
}

void
ib_view_model_hide (IbViewModel *self,
                    const char  *id)
{
  g_return_if_fail (IB_IS_VIEW_MODEL (self));
  g_return_if_fail (id != NULL);
  IB_VIEW_MODEL_GET_IFACE (self)->hide (self, id);
}

void
ib_view_model_unhide (IbViewModel *self,
                      const char  *id)
{
  g_return_if_fail (IB_IS_VIEW_MODEL (self));
  IB_VIEW_MODEL_GET_IFACE (self)->unhide (self, id);
}

void
ib_view_model_reload (IbViewModel *self)
{
  g_return_if_fail (IB_IS_VIEW_MODEL (self));
  IB_VIEW_MODEL_GET_IFACE (self)->reload (self);
}

void
ib_view_model_emit_updated (IbViewModel *self)
{
  g_return_if_fail (IB_IS_VIEW_MODEL (self));
  g_signal_emit (self, signals[UPDATED], 0);
}

gboolean
ib_view_model_take_search (char       **search,
                           const char  *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = *trimmed != '\0' ? g_utf8_casefold (trimmed, -1) : NULL;

  if (g_strcmp0 (folded, *search) == 0)
    return FALSE;
  g_free (*search);
  *search = g_steal_pointer (&folded);
  return TRUE;
}

static gboolean
same_row (GListModel *list,
          guint       position,
          gpointer    row,
          GHashTable *changed)
{
  g_autoptr (GObject) held = g_list_model_get_item (list, position);

  return (gpointer) held == row && (changed == NULL || !g_hash_table_contains (changed, row));
}

/* Past this many separate runs one splice over them all costs the view less than one each:
 * every splice makes the list re-find its selection. */
#define MAX_RUNS 16

void
ib_view_model_splice_rows (GListStore  *items,
                           gpointer    *rows,
                           guint        n_rows,
                           GHashTable  *changed)
{
  GListModel *list = G_LIST_MODEL (items);
  guint n_held = g_list_model_get_n_items (list);
  guint head = 0, tail = 0, runs = 0;

  while (head < n_held && head < n_rows && same_row (list, head, rows[head], changed))
    head++;
  while (tail < n_held - head && tail < n_rows - head &&
         same_row (list, n_held - 1 - tail, rows[n_rows - 1 - tail], changed))
    tail++;
  if (head == n_held && head == n_rows)
    return;

  /* The same number of rows between: replace each run of differing ones on its own, so an
   * edit to one action is one row's change, not every row's between two edits. */
  if (n_held == n_rows)
    {
      for (guint i = head; i < n_rows - tail; i++)
        if (!same_row (list, i, rows[i], changed) && (i == head || same_row (list, i - 1, rows[i - 1], changed)))
          runs++;
    }

  if (n_held != n_rows || runs > MAX_RUNS)
    {
      g_list_store_splice (items, head, n_held - head - tail, rows + head, n_rows - head - tail);
      return;
    }

  for (guint i = head; i < n_rows - tail; i++)
    {
      guint end = i;

      if (same_row (list, i, rows[i], changed))
        continue;
      while (end + 1 < n_rows - tail && !same_row (list, end + 1, rows[end + 1], changed))
        end++;
      g_list_store_splice (items, i, end - i + 1, rows + i, end - i + 1);
      i = end;
    }
}
