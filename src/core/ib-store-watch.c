/* ib-store-watch.c
 *
 * A sync applies hundreds of records in one commit and each emits "changed": reading the
 * whole view again per record would stall the window, so views update once, at idle. The ids
 * are gathered meanwhile, so a model can re-read only the records the burst touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store-watch"

#include "config.h"

#include "ib-store-private.h"
#include "ib-store-watch.h"

struct _IbStoreWatch
{
  IbStore            *store;
  const char * const *types;
  GSourceFunc         func;
  gpointer            data;
  GHashTable         *changes;  /* type name (static) → set of ids */
  guint               idle_id;
  gulong              handler_id;
};

/* The key under which a burst is marked as having announced whole types (a NULL id, as after
 * a bootstrap copy): no set of ids says what changed then. */
#define WHOLE "*"

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
  GHashTable *ids;

  for (guint i = 0; self->types[i] != NULL; i++)
    if (g_str_equal (self->types[i], type_name))
      {
        ids = g_hash_table_lookup (self->changes, self->types[i]);
        if (ids == NULL)
          {
            ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
            g_hash_table_insert (self->changes, (gpointer) self->types[i], ids);
          }
        if (id != NULL && !g_hash_table_contains (ids, id))
          g_hash_table_add (ids, g_strdup (id));
        if (id == NULL && !g_hash_table_contains (self->changes, WHOLE))
          g_hash_table_insert (self->changes, (gpointer) WHOLE, g_hash_table_new (g_str_hash, g_str_equal));
        if (self->idle_id == 0)
          self->idle_id = g_idle_add (idle_cb, self);
        return;
      }
}

static GHashTable *
changes_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
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
  self->changes = changes_new ();
  self->handler_id = g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), self);
  return self;
}

GHashTable *
ib_store_watch_take_changes (IbStoreWatch *self)
{
  GHashTable *changes;

  g_return_val_if_fail (self != NULL, NULL);

  changes = g_steal_pointer (&self->changes);
  self->changes = changes_new ();
  return changes;
}

gboolean
ib_store_watch_changes_have (GHashTable *changes,
                             const char *type_name)
{
  return changes != NULL && g_hash_table_contains (changes, type_name);
}

gboolean
ib_store_watch_changes_whole (GHashTable *changes)
{
  return changes != NULL && g_hash_table_contains (changes, WHOLE);
}

void
ib_store_watch_changes_add_ids (GHashTable *changes,
                                const char *type_name,
                                GHashTable *into)
{
  GHashTable *ids = changes != NULL ? g_hash_table_lookup (changes, type_name) : NULL;
  GHashTableIter iter;
  const char *id;

  if (ids == NULL)
    return;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_hash_table_add (into, g_strdup (id));
}

void
ib_store_watch_changes_add_field (IbStore            *store,
                                  GHashTable         *changes,
                                  const IbRecordType *type,
                                  const char         *field,
                                  GHashTable         *into)
{
  GHashTable *ids = changes != NULL ? g_hash_table_lookup (changes, type->name) : NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  const char *id;

  g_return_if_fail (ib_record_type_field (type, field) != NULL);

  if (ids == NULL)
    return;
  /* No "deleted = 0": a tombstone still names what it belonged to. */
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", field, type->name);
  stmt = _ib_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_hash_table_add (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
}

void
ib_store_watch_flush (IbStoreWatch *self)
{
  g_return_if_fail (self != NULL);

  if (self->idle_id == 0)
    return;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->func (self->data);
}

void
ib_store_watch_clear_due (IbStoreWatch *self)
{
  g_return_if_fail (self != NULL);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_hash_table_remove_all (self->changes);
}

void
ib_store_watch_free (IbStoreWatch *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_signal_handler (&self->handler_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->changes, g_hash_table_unref);
  g_free (self);
}
