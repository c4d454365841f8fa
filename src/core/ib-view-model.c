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
