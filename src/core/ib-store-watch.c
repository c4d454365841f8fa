/* ib-store-watch.c
 *
 * A sync applies hundreds of records in one commit and each emits "changed": reading the
 * whole view again per record would stall the window, so views reload once, at idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store-watch"

#include "config.h"

#include "ib-store-watch.h"

struct _IbStoreWatch
{
  IbStore            *store;
  const char * const *types;
  GSourceFunc         func;
  gpointer            data;
  guint               idle_id;
  gulong              handler_id;
};

static gboolean
idle_cb (gpointer user_data)
{
  IbStoreWatch *self = user_data;

  self->idle_id = 0;
  self->func (self->data);
  return G_SOURCE_REMOVE;
}

static void
on_changed_cb (IbStore      *store,
               const char   *type_name,
               const char   *id,
               int           kind,
               IbStoreWatch *self)
{
  if (self->idle_id == 0 && g_strv_contains (self->types, type_name))
    self->idle_id = g_idle_add (idle_cb, self);
}

IbStoreWatch *
ib_store_watch_new (IbStore            *store,
                    const char * const *types,
                    GSourceFunc         func,
                    gpointer            data)
{
  IbStoreWatch *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);
  g_return_val_if_fail (types != NULL && func != NULL, NULL);

  self = g_new0 (IbStoreWatch, 1);
  self->store = g_object_ref (store);
  self->types = types;
  self->func = func;
  self->data = data;
  self->handler_id = g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), self);
  return self;
}

void
ib_store_watch_clear_due (IbStoreWatch *self)
{
  g_return_if_fail (self != NULL);
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

void
ib_store_watch_free (IbStoreWatch *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_signal_handler (&self->handler_id, self->store);
  g_clear_object (&self->store);
  g_free (self);
}
