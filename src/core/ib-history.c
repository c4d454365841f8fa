/* ib-history.c
 *
 * The server keeps every revision; a device keeps what it has been shown, so a History section
 * still reads on a train. Edits not yet sent are history too, and are shown first, marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-history"

#include "config.h"

#include "ib-history.h"
#include "ib-store-private.h"

gboolean
ib_store_history_put (IbStore     *self,
                      const char  *type,
                      const char  *id,
                      JsonArray   *entries,
                      GError     **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  if (!ib_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_autoptr (JsonNode) copy = NULL;
      g_autofree char *text = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          json_object_get_int_member_with_default (json_node_get_object (node), "rev", 0) <= 0)
        continue;

      copy = json_node_copy (node);
      text = json_to_string (copy, FALSE);
      stmt = _ib_store_prepare (self, "INSERT INTO history_cache (type, id, rev, entry) VALUES (?1, ?2, ?3, ?4)"
                                      " ON CONFLICT (type, id, rev) DO UPDATE SET entry = excluded.entry", error);
      if (stmt == NULL)
        {
          ib_store_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, json_object_get_int_member (json_node_get_object (node), "rev"));
      sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ib_sqlite_set_error (_ib_store_get_db (self), error, rc, "history");
          ib_store_rollback (self);
          return FALSE;
        }
    }

  return ib_store_commit (self, error);
}

gboolean
ib_store_history_forget (IbStore     *self,
                         const char  *type,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  stmt = _ib_store_prepare (self, "DELETE FROM history_cache WHERE type = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (_ib_store_get_db (self), error, rc, "history");
      return FALSE;
    }

  return TRUE;
}

/* An outbox row as a history entry: what it sets, from what it was based on. */
static JsonObject *
pending_entry (IbStore      *self,
               sqlite3_stmt *stmt)
{
  JsonObject *entry = json_object_new ();
  const char *op = (const char *) sqlite3_column_text (stmt, 0);
  g_autoptr (JsonObject) set = _ib_store_json_object ((const char *) sqlite3_column_text (stmt, 1));
  g_autoptr (JsonObject) was = _ib_store_json_object ((const char *) sqlite3_column_text (stmt, 2));
  g_autoptr (GList) names = set != NULL ? json_object_get_members (set) : NULL;
  JsonArray *changed = json_array_new ();
  JsonObject *from = json_object_new ();
  JsonObject *to = json_object_new ();

  json_object_set_boolean_member (entry, "pending", TRUE);
  json_object_set_string_member (entry, "kind", g_strcmp0 (op, "create") == 0 ? "created"
                                              : g_strcmp0 (op, "delete") == 0 ? "deleted" : "changed");
  json_object_set_string_member (entry, "at", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_string_member (entry, "by", ib_store_get_user (self));
  json_object_set_string_member (entry, "device", ib_store_get_device_id (self));
  json_object_set_string_member (entry, "state", (const char *) sqlite3_column_text (stmt, 4));

  for (GList *l = names; l != NULL; l = l->next)
    {
      json_array_add_string_element (changed, l->data);
      json_object_set_member (to, l->data, json_node_copy (json_object_get_member (set, l->data)));
      if (was != NULL && json_object_has_member (was, l->data))
        json_object_set_member (from, l->data, json_node_copy (json_object_get_member (was, l->data)));
    }
  json_object_set_array_member (entry, "changed", changed);
  json_object_set_object_member (entry, "from", from);
  json_object_set_object_member (entry, "to", to);

  return entry;
}

GPtrArray *
ib_store_history_list (IbStore    *self,
                       const char *type,
                       const char *id)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), entries);

  stmt = _ib_store_prepare (self,
    "SELECT op, set_json, was_json, created_at, state FROM outbox WHERE type = ?1 AND id = ?2"
    " AND op != 'resolve' ORDER BY lseq DESC", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (entries, pending_entry (self, stmt));
      sqlite3_reset (stmt);
    }

  stmt = _ib_store_prepare (self, "SELECT entry FROM history_cache WHERE type = ?1 AND id = ?2 ORDER BY rev DESC", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *entry = _ib_store_json_object ((const char *) sqlite3_column_text (stmt, 0));

          if (entry != NULL)
            g_ptr_array_add (entries, entry);
        }
      sqlite3_reset (stmt);
    }

  return entries;
}
