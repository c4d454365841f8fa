/* ib-store-sync.c
 *
 * Every function here is one SQLite transaction, so a crash leaves either the whole effect
 * or none of it: a sent mutation leaves the outbox only with its result committed, and the
 * cursor moves only together with the rows of its page (docs/sync-protocol.md §14).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-mutation.h"
#include "ib-record-json.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

static gboolean holds_synced_rows (IbStore            *self);
static gboolean show_server_state (IbStore            *self,
                                   const IbRecordType *type,
                                   const char         *id,
                                   JsonObject         *overlay,
                                   GError            **error);

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static gboolean
step_done (IbStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (_ib_store_get_db (self), error, rc, _("the sync state"));
      return FALSE;
    }

  return TRUE;
}

/* Values */

char *
ib_store_sync_get_value (IbStore    *self,
                         const char *key)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?1", NULL);
  char *value = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
ib_store_sync_set_value (IbStore     *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  stmt = value != NULL
    ? _ib_store_prepare (self, "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)
    : _ib_store_prepare (self, "DELETE FROM sync_state WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

guint
ib_store_sync_count (IbStore    *self,
                     const char *state)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "SELECT count (*) FROM outbox WHERE state = ?1", NULL);
  guint n = 0;

  g_return_val_if_fail (IB_IS_STORE (self), 0);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* Push */

/* Returns the wire form of an outbox row; NULL for a row this version cannot send (left in
 * place), or NULL with @error when its stored edits cannot be read. */
static JsonObject *
mutation_from_row (sqlite3_stmt *stmt,
                   GError      **error)
{
  g_autoptr (JsonObject) set = NULL;
  g_autoptr (JsonObject) was = NULL;
  const char *op = column_text (stmt, 4);
  IbMutation m = {
    .mid = (char *) column_text (stmt, 1),
    .type = ib_record_type_find (column_text (stmt, 2)),
    .id = (char *) column_text (stmt, 3),
    .base_rev = sqlite3_column_int64 (stmt, 5),
    .parent = (char *) column_text (stmt, 6),
    .klass = (char *) column_text (stmt, 7),
    .exempt_paragraph = sqlite3_column_int (stmt, 8),
    .deleted = -1,
  };
  g_autoptr (JsonObject) empty = json_object_new ();

  if (!_ib_store_json_object_checked (column_text (stmt, 9), _("edits waiting to be sent"),
                                      column_text (stmt, 2), column_text (stmt, 3), &set, error) ||
      !_ib_store_json_object_checked (column_text (stmt, 10), _("edits waiting to be sent"),
                                      column_text (stmt, 2), column_text (stmt, 3), &was, error))
    return NULL;
  m.set = set;
  m.was = was;

  if (m.type == NULL)
    return NULL;

  if (g_strcmp0 (op, "create") == 0)
    m.op = IB_MUTATION_CREATE;
  else if (g_strcmp0 (op, "update") == 0)
    m.op = IB_MUTATION_UPDATE;
  else if (g_strcmp0 (op, "delete") == 0)
    m.op = IB_MUTATION_DELETE;
  else if (g_strcmp0 (op, "resolve") == 0 && column_text (stmt, 12) != NULL)
    {
      m.op = IB_MUTATION_RESOLVE;
      m.conflict_id = (char *) column_text (stmt, 12);
      m.parent = NULL;
      if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
        m.deleted = sqlite3_column_int (stmt, 13) != 0 ? 1 : 0;
    }
  else
    return NULL;

  if (m.set == NULL)
    m.set = empty;
  if (m.was == NULL)
    m.was = empty;
  /* An update that only changes the class carries no fields but must carry the class. */
  if (m.op == IB_MUTATION_DELETE)
    m.klass = NULL;

  return ib_mutation_to_json (&m);
}

GPtrArray *
ib_store_sync_next_batch (IbStore  *self,
                          guint     max_mutations,
                          gsize     max_bytes,
                          GError  **error)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) in_conflict = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) to_mark = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gsize bytes = 32;

  g_return_val_if_fail (IB_IS_STORE (self), NULL);

  if (!ib_store_begin (self, error))
    return NULL;

  stmt = _ib_store_prepare (self,
    "SELECT lseq, mid, type, id, op, base_rev, parent, class, exempt_paragraph, set_json, was_json, state,"
    " conflict_id, resolve_deleted FROM outbox WHERE state IN ('pending', 'sent', 'conflict') ORDER BY lseq", error);
  if (stmt == NULL)
    {
      ib_store_rollback (self);
      return NULL;
    }

  while (batch->len < max_mutations && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", column_text (stmt, 2), column_text (stmt, 3));
      g_autoptr (JsonObject) mutation = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *text = NULL;

      /* One mutation per record in flight, in order; a record with an open conflict waits,
       * except for the mutation that decides it. */
      if (g_str_equal (column_text (stmt, 11), "conflict"))
        {
          g_hash_table_add (in_conflict, g_strdup (key));
          g_hash_table_add (seen, g_steal_pointer (&key));
          continue;
        }
      if (g_hash_table_contains (in_conflict, key) && g_str_equal (column_text (stmt, 4), "resolve"))
        g_hash_table_remove (in_conflict, key);
      else if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));

      {
        g_autoptr (GError) damaged = NULL;

        mutation = mutation_from_row (stmt, &damaged);
        if (damaged != NULL)
          {
            sqlite3_reset (stmt);
            ib_store_rollback (self);
            g_propagate_error (error, g_steal_pointer (&damaged));
            return NULL;
          }
      }
      if (mutation == NULL)
        continue;

      node = json_node_init_object (json_node_alloc (), mutation);
      text = json_to_string (node, FALSE);
      if (batch->len > 0 && bytes + strlen (text) + 1 > max_bytes)
        break;
      bytes += strlen (text) + 1;

      if (g_str_equal (column_text (stmt, 11), "pending"))
        {
          gint64 lseq = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (to_mark, lseq);
        }
      g_ptr_array_add (batch, g_steal_pointer (&mutation));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < to_mark->len; i++)
    {
      stmt = _ib_store_prepare (self, "UPDATE outbox SET state = 'sent', attempts = attempts + 1 WHERE lseq = ?1", error);
      if (stmt == NULL)
        {
          ib_store_rollback (self);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, g_array_index (to_mark, gint64, i));
      if (!step_done (self, stmt, error))
        {
          ib_store_rollback (self);
          return NULL;
        }
    }

  if (!ib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&batch);
}

gboolean
ib_store_sync_requeue_sent (IbStore  *self,
                            GError  **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "UPDATE outbox SET state = 'pending' WHERE state = 'sent'", error);

  return stmt != NULL && step_done (self, stmt, error);
}

typedef struct
{
  gint64  lseq;
  char   *type;
  char   *id;
  char   *op;
  gint64  base_rev;
  char   *set;
  char   *klass;
  int     exempt_paragraph;
} OutboxRow;

static void
outbox_row_clear (OutboxRow *row)
{
  g_free (row->type);
  g_free (row->id);
  g_free (row->op);
  g_free (row->set);
  g_free (row->klass);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutboxRow, outbox_row_clear)

/* Returns the text a conflict keeps as "mine": the fields an edit set and, when it also asked
 * for a class, "class" and "exempt_paragraph" beside them (names no field can have), so the
 * choice "Use mine" carries the whole intent. */
static char *
mine_text (JsonObject *set,
           const char *klass,
           gint64      exempt_paragraph)
{
  g_autoptr (JsonObject) mine = json_object_new ();
  g_autoptr (GList) names = set != NULL ? json_object_get_members (set) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (mine, l->data, json_node_copy (json_object_get_member (set, l->data)));
  if (klass != NULL)
    {
      json_object_set_string_member (mine, "class", klass);
      if (g_str_equal (klass, "exempt") && exempt_paragraph > 0)
        json_object_set_int_member (mine, "exempt_paragraph", exempt_paragraph);
    }

  return _ib_store_json_text (mine);
}

static gboolean
find_by_mid (IbStore    *self,
             const char *mid,
             OutboxRow  *row)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "SELECT lseq, type, id, op, base_rev, set_json, class, exempt_paragraph FROM outbox WHERE mid = ?1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row->lseq = sqlite3_column_int64 (stmt, 0);
      row->type = g_strdup (column_text (stmt, 1));
      row->id = g_strdup (column_text (stmt, 2));
      row->op = g_strdup (column_text (stmt, 3));
      row->base_rev = sqlite3_column_int64 (stmt, 4);
      row->set = g_strdup (column_text (stmt, 5));
      row->klass = g_strdup (column_text (stmt, 6));
      row->exempt_paragraph = sqlite3_column_int (stmt, 7);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static gboolean
exec_bound (IbStore     *self,
            const char  *sql,
            GError     **error,
            const char  *first,
            ...)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, sql, error);
  va_list args;
  int i = 1;

  if (stmt == NULL)
    return FALSE;

  /* Arguments come in pairs: "s" + string, or "i" + gint64. */
  va_start (args, first);
  for (const char *kind = first; kind != NULL; kind = va_arg (args, const char *), i++)
    {
      if (kind[0] == 's')
        sqlite3_bind_text (stmt, i, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
    }
  va_end (args);

  return step_done (self, stmt, error);
}

/* Records the server-confirmed state of a record our own mutation produced: the old base
 * plus what we set, at the server's new rev. */
static gboolean
confirm_base (IbStore    *self,
              OutboxRow  *row,
              gint64      rev,
              GError    **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "SELECT fields FROM sync_base WHERE type = ?1 AND id = ?2", error);
  g_autoptr (JsonObject) base = NULL;
  g_autoptr (JsonObject) set = NULL;
  g_autofree char *text = NULL, *stored = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (!_ib_store_json_object_checked (row->set, _("edits waiting to be sent"), row->type, row->id, &set, error) ||
      !_ib_store_json_object_checked (stored, _("last synced copy"), row->type, row->id, &base, error))
    return FALSE;

  if (base == NULL)
    base = json_object_new ();
  if (set != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (set);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (base, l->data, json_node_copy (json_object_get_member (set, l->data)));
    }

  text = _ib_store_json_text (base);
  return exec_bound (self,
                     "INSERT INTO sync_base (type, id, rev, fields) VALUES (?1, ?2, ?3, ?4)"
                     " ON CONFLICT (type, id) DO UPDATE SET rev = excluded.rev, fields = excluded.fields",
                     error, "s", row->type, "s", row->id, "i", rev, "s", text, NULL);
}

static gboolean
apply_result (IbStore     *self,
              JsonObject  *result,
              GError     **error)
{
  g_auto (OutboxRow) row = { 0 };
  const char *mid = json_object_get_string_member_with_default (result, "mid", NULL);
  const char *status = json_object_get_string_member_with_default (result, "status", "");
  gint64 rev = json_object_get_int_member_with_default (result, "rev", 0);

  if (mid == NULL || !find_by_mid (self, mid, &row) || ib_record_type_find (row.type) == NULL)
    return TRUE;

  if (g_str_equal (status, "applied"))
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET rev = ?2 WHERE id = ?1 AND rev < ?2", row.type);

      /* Nobody else changed it in between, so our copy is the server's at @rev; later local
       * edits are now based on it. */
      if (!exec_bound (self, sql, error, "s", row.id, "i", rev, NULL) ||
          !exec_bound (self, "UPDATE outbox SET base_rev = ?3 WHERE type = ?1 AND id = ?2 AND state = 'pending'",
                       error, "s", row.type, "s", row.id, "i", rev, NULL) ||
          !confirm_base (self, &row, rev, error))
        return FALSE;
    }

  if ((g_str_equal (status, "applied") || g_str_equal (status, "merged")) && g_str_equal (row.op, "resolve"))
    {
      /* Decided: the losing mutation's row and the decision's row both leave. */
      return exec_bound (self, "DELETE FROM outbox WHERE type = ?1 AND id = ?2 AND state = 'conflict'",
                         error, "s", row.type, "s", row.id, NULL) &&
             exec_bound (self, "DELETE FROM outbox WHERE lseq = ?1", error, "i", row.lseq, NULL) &&
             exec_bound (self, "UPDATE conflicts SET status = 'resolved' WHERE conflict_id = ?1", error,
                         "s", json_object_get_string_member_with_default (result, "conflict_id", ""), NULL);
    }

  if (g_str_equal (status, "applied") || g_str_equal (status, "merged"))
    /* Merged: the pull brings the fields others changed, at a rev above ours. */
    return exec_bound (self, "DELETE FROM outbox WHERE lseq = ?1", error, "i", row.lseq, NULL);

  if (g_str_equal (status, "conflict") && g_str_equal (row.op, "resolve"))
    {
      /* Someone changed it again while we decided: the conflict reopens with their newer
       * values; the original row still holds the record back until a new decision. */
      JsonObject *server = json_object_get_object_member (result, "server");
      g_autofree char *theirs = server != NULL && json_object_has_member (server, "fields")
        ? _ib_store_json_text (json_object_get_object_member (server, "fields")) : NULL;

      return exec_bound (self, "DELETE FROM outbox WHERE lseq = ?1", error, "i", row.lseq, NULL) &&
             exec_bound (self, "UPDATE conflicts SET status = 'open', theirs = coalesce (?2, theirs),"
                               " server_rev = ?3 WHERE conflict_id = ?1", error,
                         "s", json_object_get_string_member_with_default (result, "conflict_id", ""),
                         "s", theirs,
                         "i", server != NULL ? json_object_get_int_member_with_default (server, "rev", 0) : (gint64) 0,
                         NULL);
    }

  if (g_str_equal (status, "conflict"))
    {
      JsonObject *server = json_object_get_object_member (result, "server");
      g_autofree char *theirs = NULL;
      const char *conflict_id = json_object_get_string_member_with_default (result, "conflict_id", NULL);
      g_autoptr (GDateTime) dt = g_date_time_new_now_utc ();
      g_autofree char *now = g_date_time_format_iso8601 (dt);

      if (server != NULL && json_object_has_member (server, "fields"))
        theirs = _ib_store_json_text (json_object_get_object_member (server, "fields"));

      if (!exec_bound (self, "UPDATE outbox SET state = 'conflict', last_error = ?2 WHERE lseq = ?1",
                       error, "i", row.lseq,
                       "s", json_object_get_string_member_with_default (result, "reason", "conflict"), NULL))
        return FALSE;

      if (conflict_id == NULL)
        return TRUE;

      {
        g_autoptr (JsonObject) set = NULL;
        g_autofree char *mine = NULL;

        if (!_ib_store_json_object_checked (row.set, _("edits waiting to be sent"), row.type, row.id, &set, error))
          return FALSE;
        /* The class it asked for arrives with the conflict record the next pull brings. */
        mine = mine_text (set, NULL, 0);

        return exec_bound (self,
                           "INSERT INTO conflicts (conflict_id, type, id, mine, theirs, server_rev, author, created_at,"
                           "  status, reason)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9)"
                           " ON CONFLICT (conflict_id) DO UPDATE SET theirs = excluded.theirs, server_rev = excluded.server_rev",
                           error, "s", conflict_id, "s", row.type, "s", row.id, "s", mine, "s", theirs,
                           "i", server != NULL ? json_object_get_int_member_with_default (server, "rev", 0) : (gint64) 0,
                           "s", ib_store_get_user (self), "s", now,
                           "s", json_object_get_string_member_with_default (result, "reason", NULL), NULL);
      }
    }

  if (g_str_equal (status, "rejected") && g_str_equal (row.op, "resolve"))
    {
      /* Most often decided first on another of the person's devices; the pull brings that
       * outcome. Their choice is not lost: it was one of the two values the conflict keeps. */
      return exec_bound (self, "DELETE FROM outbox WHERE lseq = ?1", error, "i", row.lseq, NULL) &&
             show_server_state (self, ib_record_type_find (row.type), row.id, NULL, error);
    }

  if (g_str_equal (status, "rejected"))
    {
      g_autofree char *reason = g_strdup_printf ("%s: %s",
                                                 json_object_get_string_member_with_default (result, "code", "invalid"),
                                                 json_object_get_string_member_with_default (result, "message", ""));

      return exec_bound (self, "UPDATE outbox SET state = 'rejected', last_error = ?2 WHERE lseq = ?1",
                         error, "i", row.lseq, "s", reason, NULL);
    }

  return TRUE;
}

gboolean
ib_store_sync_apply_results (IbStore    *self,
                             JsonArray  *results,
                             GError    **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  if (!ib_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && !apply_result (self, json_node_get_object (node), error))
        {
          ib_store_rollback (self);
          return FALSE;
        }
    }

  return ib_store_commit (self, error);
}

/* Pull */

static gboolean
keep_unknown (IbStore     *self,
              JsonObject  *entry,
              const char  *reason,
              GError     **error)
{
  g_autofree char *text = _ib_store_json_text (entry);

  return exec_bound (self,
                     "INSERT INTO sync_unknown (type, id, seq, entry, reason) VALUES (?1, ?2, ?3, ?4, ?5)"
                     " ON CONFLICT (type, id) DO UPDATE SET seq = excluded.seq, entry = excluded.entry,"
                     " reason = excluded.reason",
                     error,
                     "s", json_object_get_string_member_with_default (entry, "type", ""),
                     "s", json_object_get_string_member_with_default (entry, "id", ""),
                     "i", json_object_get_int_member_with_default (entry, "seq", 0),
                     "s", text, "s", reason, NULL);
}

/* Returns the local row of @id (tombstones included), or NULL. */
static IbRecord *
load_any (IbStore            *self,
          const IbRecordType *type,
          const char         *id)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, _ib_store_row_sql (type)->select_by_id, NULL);
  IbRecord *record = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _ib_store_record_from_row (type, stmt);
  sqlite3_reset (stmt);

  return record;
}

/* Returns the union of the fields our unconfirmed mutations on @id set, or NULL if none. */
static JsonObject *
unconfirmed_fields (IbStore    *self,
                    const char *type,
                    const char *id,
                    gboolean   *deleting,
                    GError    **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "SELECT op, set_json FROM outbox WHERE type = ?1 AND id = ?2 AND state IN ('pending', 'sent', 'conflict')"
    " ORDER BY lseq", NULL);
  JsonObject *fields = NULL;

  *deleting = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) set = NULL;

      if (!_ib_store_json_object_checked (column_text (stmt, 1), _("edits waiting to be sent"), type, id, &set, error))
        {
          sqlite3_reset (stmt);
          g_clear_pointer (&fields, json_object_unref);
          return NULL;
        }
      if (fields == NULL)
        fields = json_object_new ();
      if (g_strcmp0 (column_text (stmt, 0), "delete") == 0)
        *deleting = TRUE;
      if (set != NULL)
        {
          g_autoptr (GList) names = json_object_get_members (set);

          for (GList *l = names; l != NULL; l = l->next)
            json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (set, l->data)));
        }
    }
  sqlite3_reset (stmt);

  return fields;
}

static gboolean
apply_conflict_entry (IbStore     *self,
                      JsonObject  *entry,
                      GError     **error)
{
  const char *conflict_id = json_object_get_string_member_with_default (entry, "id", NULL);
  JsonObject *f;
  g_autofree char *mine = NULL, *theirs = NULL;
  const char *status;

  if (conflict_id == NULL)
    return TRUE;

  /* No longer ours to see: the edit it held back can never be decided here, so it goes to the
   * Rejected list, where its values stay readable. */
  if (json_object_get_boolean_member_with_default (entry, "revoked", FALSE))
    {
      /* Stored as the server's rejections are: a stable code, then the words. */
      g_autofree char *reason = g_strdup_printf ("not_found: %s", _("The record is no longer visible to you."));

      return exec_bound (self, "UPDATE outbox SET state = 'rejected', last_error = ?2"
                               " WHERE state = 'conflict' AND EXISTS (SELECT 1 FROM conflicts c WHERE c.conflict_id = ?1"
                               "  AND c.type = outbox.type AND c.id = outbox.id)", error,
                         "s", conflict_id, "s", reason, NULL) &&
             exec_bound (self, "DELETE FROM conflicts WHERE conflict_id = ?1", error, "s", conflict_id, NULL);
    }

  if (json_object_get_boolean_member_with_default (entry, "deleted", FALSE))
    return exec_bound (self, "DELETE FROM conflicts WHERE conflict_id = ?1", error, "s", conflict_id, NULL);

  if (!json_object_has_member (entry, "fields"))
    return TRUE;

  f = json_object_get_object_member (entry, "fields");
  status = json_object_get_string_member_with_default (f, "status", "open");
  if (json_object_has_member (f, "mine"))
    mine = mine_text (json_object_get_object_member (f, "mine"),
                      json_object_get_string_member_with_default (f, "mine_class", NULL),
                      json_object_get_int_member_with_default (f, "mine_exempt_paragraph", 0));
  if (json_object_has_member (f, "theirs"))
    theirs = _ib_store_json_text (json_object_get_object_member (f, "theirs"));

  if (!exec_bound (self,
                   "INSERT INTO conflicts (conflict_id, type, id, mine, theirs, server_rev, author, created_at, status,"
                   "  reason, kept)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                   " ON CONFLICT (conflict_id) DO UPDATE SET mine = excluded.mine, theirs = excluded.theirs,"
                   " server_rev = excluded.server_rev, status = excluded.status, reason = excluded.reason,"
                   " kept = excluded.kept",
                   error, "s", conflict_id,
                   "s", json_object_get_string_member_with_default (f, "record_type", ""),
                   "s", json_object_get_string_member_with_default (f, "record_id", ""),
                   "s", mine, "s", theirs,
                   "i", json_object_get_int_member_with_default (f, "server_rev", 0),
                   "s", json_object_get_string_member_with_default (f, "author", NULL),
                   "s", json_object_get_string_member_with_default (f, "created_at", NULL),
                   "s", status,
                   "s", json_object_get_string_member_with_default (f, "reason", NULL),
                   "i", (gint64) (json_object_has_member (f, "kept") &&
                                  JSON_NODE_HOLDS_ARRAY (json_object_get_member (f, "kept"))
                                    ? json_array_get_length (json_object_get_array_member (f, "kept")) : 0),
                   NULL))
    return FALSE;

  /* Decided (here or on another device): the losing mutation's row has done its job, and a
   * decision of ours that has not gone yet is moot. */
  if (!g_str_equal (status, "open"))
    {
      const IbRecordType *type = ib_record_type_find (json_object_get_string_member_with_default (f, "record_type", ""));

      return exec_bound (self, "DELETE FROM outbox WHERE mid = ?1 AND state = 'conflict'", error,
                         "s", json_object_get_string_member_with_default (f, "mid", ""), NULL) &&
             exec_bound (self, "DELETE FROM outbox WHERE conflict_id = ?1 AND op = 'resolve'"
                               " AND state IN ('pending', 'rejected')", error, "s", conflict_id, NULL) &&
             (type == NULL ||
              show_server_state (self, type, json_object_get_string_member_with_default (f, "record_id", ""),
                                 NULL, error));
    }

  /* A decision queued here but not yet confirmed keeps the conflict out of the banner. */
  if (!exec_bound (self, "UPDATE conflicts SET status = 'resolving' WHERE conflict_id = ?1"
                         " AND EXISTS (SELECT 1 FROM outbox WHERE conflict_id = ?1 AND op = 'resolve')",
                   error, "s", conflict_id, NULL))
    return FALSE;

  return TRUE;
}

static gboolean
purge (IbStore            *self,
       const IbRecordType *type,
       const char         *id,
       GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", type->name);

  /* No outbox row: the record is gone from this user's view, not deleted on the server. */
  if (!exec_bound (self, sql, error, "s", id, NULL) ||
      !exec_bound (self, "DELETE FROM sync_base WHERE type = ?1 AND id = ?2", error, "s", type->name, "s", id, NULL) ||
      !exec_bound (self, "DELETE FROM history_cache WHERE type = ?1 AND id = ?2", error, "s", type->name, "s", id, NULL))
    return FALSE;

  if (type == &ib_type_position_statement)
    _ib_store_note_text_purged (self);
  _ib_store_queue_change (self, type, id, IB_STORE_CHANGE_DELETED);
  return TRUE;
}

/* Returns the local rev of @id, or -1 when there is no row (tombstones count as rows). */
static gint64
local_rev (IbStore            *self,
           const IbRecordType *type,
           const char         *id)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, _ib_store_row_sql (type)->rev_by_id, NULL);
  gint64 rev = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rev = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rev;
}

/* Whether @id has a conflict this person has not yet seen decided. */
static gboolean
undecided_conflict (IbStore            *self,
                    const IbRecordType *type,
                    const char         *id)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM conflicts WHERE type = ?1 AND id = ?2"
                                                " AND status IN ('open', 'resolving'))", NULL);
  gboolean undecided = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    undecided = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return undecided;
}

static gboolean
apply_entry (IbStore     *self,
             JsonObject  *entry,
             gboolean     outbox_busy,
             GError     **error)
{
  const char *type_name = json_object_get_string_member_with_default (entry, "type", "");
  const char *id = json_object_get_string_member_with_default (entry, "id", NULL);
  const IbRecordType *type = ib_record_type_find (type_name);
  gint64 rev = json_object_get_int_member_with_default (entry, "rev", 0), have;
  g_autoptr (IbRecord) local = NULL, pulled = NULL;
  g_autoptr (JsonObject) mine = NULL;
  g_autoptr (GError) invalid = NULL;
  gboolean deleting = FALSE;

  if (g_str_equal (type_name, "conflict"))
    return apply_conflict_entry (self, entry, error);

  if (type == NULL || id == NULL || !g_uuid_string_is_valid (id))
    return keep_unknown (self, entry, "unknown type", error);

  if (json_object_get_boolean_member_with_default (entry, "revoked", FALSE))
    return purge (self, type, id, error);

  have = local_rev (self, type, id);
  if (have >= rev)
    return TRUE; /* already at or past this revision */

  if (json_object_get_boolean_member_with_default (entry, "deleted", FALSE))
    {
      if (have < 0)
        return TRUE;
      local = load_any (self, type, id);
      if (local == NULL)
        return TRUE;
      ib_record_set_deleted (local, TRUE);
      ib_record_set_rev (local, rev);
      if (!_ib_store_replace_row (self, local, error) ||
          !exec_bound (self, "UPDATE sync_base SET rev = ?3 WHERE type = ?1 AND id = ?2", error,
                       "s", type->name, "s", id, "i", rev, NULL))
        return FALSE;
      _ib_store_queue_remote_change (self, type, id, IB_STORE_CHANGE_DELETED,
                                     json_object_get_string_member_with_default (entry, "updated_by", NULL));
      return TRUE;
    }

  pulled = ib_record_from_json (entry, &invalid);
  if (pulled == NULL)
    return keep_unknown (self, entry, invalid->message, error);

  /* Rebase: our edits not yet confirmed stay on top of what the server sent
   * (docs/sync-protocol.md §13.4). */
  if (outbox_busy && have >= 0)
    {
      g_autoptr (GError) damaged = NULL;

      mine = unconfirmed_fields (self, type->name, id, &deleting, &damaged);
      if (damaged != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&damaged));
          return FALSE;
        }
    }

  /* The server's copy is kept only under edits of ours not yet confirmed, or a conflict not yet
   * decided (_ib_store_keep_base); without them, one kept earlier is out of date and goes. */
  if (mine != NULL || undecided_conflict (self, type, id))
    {
      g_autofree char *fields = _ib_store_json_text (ib_record_get_fields (pulled));

      if (!exec_bound (self,
                       "INSERT INTO sync_base (type, id, rev, fields) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT (type, id) DO UPDATE SET rev = excluded.rev, fields = excluded.fields",
                       error, "s", type->name, "s", id, "i", rev, "s", fields, NULL))
        return FALSE;
    }
  else if (!exec_bound (self, "DELETE FROM sync_base WHERE type = ?1 AND id = ?2", error,
                        "s", type->name, "s", id, NULL))
    return FALSE;

  if (mine != NULL)
    local = load_any (self, type, id);
  if (mine != NULL && local != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (mine);
      JsonObject *fields = ib_record_get_fields (pulled);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (ib_record_get_fields (local), l->data);

          /* A field this copy emptied (an edit that cleared a description) is absent here,
           * and stays absent over the server's value. */
          if (value != NULL)
            json_object_set_member (fields, l->data, json_node_copy (value));
          else
            json_object_remove_member (fields, l->data);
        }
      if (deleting)
        ib_record_set_deleted (pulled, TRUE);
    }

  if (have < 0)
    {
      if (!_ib_store_insert_row (self, pulled, error))
        return FALSE;
      _ib_store_queue_change (self, type, id, IB_STORE_CHANGE_CREATED);
    }
  else
    {
      if (!_ib_store_replace_row (self, pulled, error))
        return FALSE;
      _ib_store_queue_remote_change (self, type, id,
                                     ib_record_get_deleted (pulled) ? IB_STORE_CHANGE_DELETED : IB_STORE_CHANGE_UPDATED,
                                     ib_record_get_updated_by (pulled));
    }

  return TRUE;
}

/* The statement search index (schema 7) is kept by triggers, one FTS5 write per row. Inside a
 * transaction every later statement opens a statement savepoint, and FTS5 writes out what it
 * holds at each one (SQLite 3.40), so a page applied row by row left a tiny index segment, and
 * the merging that follows, per statement. A page instead applies its rows with the triggers
 * off, having noted the old text of every statement it may write, then moves the index in two
 * statements before its commit: the same index the triggers would leave, written once. */

/* Notes @id as a statement the page may write, with its text as the index holds it now. */
static gboolean
note_statement (IbStore     *self,
                const char  *id,
                GError     **error)
{
  if (id == NULL)
    return TRUE;

  return exec_bound (self,
                     "INSERT OR IGNORE INTO temp.statement_text_page (id, old_rowid, narrative, next_steps, author)"
                     " SELECT ?1, p.rowid, p.narrative, p.next_steps, p.author"
                     " FROM (SELECT 1) LEFT JOIN main.position_statement p ON p.id = ?1",
                     error, "s", id, NULL);
}

/* Notes every statement an entry of @changes can write: its own record, or the record a
 * decided conflict shows again. */
static gboolean
note_statements_of_page (IbStore    *self,
                         JsonArray  *changes,
                         GError    **error)
{
  const char *statement = ib_type_position_statement.name;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *entry, *fields;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      type = json_object_get_string_member_with_default (entry, "type", "");
      if (g_str_equal (type, statement) &&
          !note_statement (self, json_object_get_string_member_with_default (entry, "id", NULL), error))
        return FALSE;
      if (g_str_equal (type, "conflict") && json_object_has_member (entry, "fields") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (entry, "fields")))
        {
          fields = json_object_get_object_member (entry, "fields");
          if (g_strcmp0 (json_object_get_string_member_with_default (fields, "record_type", NULL), statement) == 0 &&
              !note_statement (self, json_object_get_string_member_with_default (fields, "record_id", NULL), error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Moves the index from the noted statements' old text to what they hold now: what the
 * triggers would have done row by row. */
static gboolean
index_statements_of_page (IbStore  *self,
                          GError  **error)
{
  return exec_bound (self,
                     "INSERT INTO statement_text (statement_text, rowid, narrative, next_steps, author)"
                     " SELECT 'delete', old_rowid, narrative, next_steps, author FROM temp.statement_text_page"
                     " WHERE old_rowid IS NOT NULL ORDER BY old_rowid", error, NULL) &&
         exec_bound (self,
                     "INSERT INTO statement_text (rowid, narrative, next_steps, author)"
                     " SELECT p.rowid, p.narrative, p.next_steps, p.author"
                     /* The page's few rows drive the join, never a scan of every statement. */
                     " FROM temp.statement_text_page t CROSS JOIN main.position_statement p ON p.id = t.id"
                     " ORDER BY p.rowid", error, NULL) &&
         exec_bound (self, "DELETE FROM temp.statement_text_page", error, NULL);
}

/* Puts back what a page's apply turned off, whether it committed or not. */
static void
end_apply (sqlite3  *db,
           gboolean  index_after)
{
  if (index_after)
    {
      /* A rolled-back page leaves its notes behind; the next page must not take them. */
      sqlite3_exec (db, "DELETE FROM temp.statement_text_page", NULL, NULL, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
    }
  sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", NULL, NULL, NULL);
}

gboolean
ib_store_sync_apply_page (IbStore     *self,
                          JsonArray   *changes,
                          const char  *next_cursor,
                          GError     **error)
{
  sqlite3 *db;
  gboolean ok = TRUE, outbox_busy, snapshot, fresh, index_after;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  /* Rebasing needs an outbox lookup per row; a first sync has no outbox, so skip them all. */
  outbox_busy = ib_store_sync_count (self, "pending") + ib_store_sync_count (self, "sent") +
                ib_store_sync_count (self, "conflict") > 0;
  snapshot = ib_store_sync_in_snapshot (self);
  fresh = snapshot && ib_store_sync_snapshot_is_fresh (self);

  /* The server is the authority for what it sends: a page may name a parent that comes later,
   * or a record this user may not see, so references are not enforced while applying it.
   * The pragma only takes effect outside a transaction, hence before the begin. */
  db = _ib_store_get_db (self);
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  /* Nothing of a page is lost for want of a flush: a power cut before the next one takes the
   * page's rows and its cursor together (the log is never half-applied), and the next pull
   * brings the page again. So its commit does not wait for the disk (a flush takes 3-50 ms on
   * the project's build machine); a process killed mid-page loses nothing either way. */
  sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  /* A bootstrap builder keeps no index, and a first sync from a bootstrap file builds it only
   * once its records are in: until then there is nothing to move. */
  index_after = _ib_store_statement_index_kept (db);
  if (index_after &&
      !ib_sqlite_exec (db, "CREATE TEMP TABLE IF NOT EXISTS statement_text_page (id TEXT PRIMARY KEY,"
                           " old_rowid INTEGER, narrative TEXT, next_steps TEXT, author TEXT)", error))
    {
      end_apply (db, FALSE);
      return FALSE;
    }
  /* Like the pragma, this expires the connection's prepared statements, so both change at once. */
  if (index_after)
    sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);

  if (!ib_store_begin (self, error))
    {
      end_apply (db, index_after);
      return FALSE;
    }

  if (index_after)
    ok = note_statements_of_page (self, changes, error);

  for (guint i = 0; ok && i < json_array_get_length (changes); i++)
    {
      JsonNode *node = json_array_get_element (changes, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      ok = apply_entry (self, json_node_get_object (node), outbox_busy, error);
      /* Into a database that held nothing from the server, nothing can be missing after. */
      if (ok && snapshot && !fresh)
        {
          JsonObject *entry = json_node_get_object (node);

          if (!json_object_get_boolean_member_with_default (entry, "revoked", FALSE))
            ok = exec_bound (self, "INSERT OR IGNORE INTO sync_seen (type, id) VALUES (?1, ?2)", error,
                             "s", json_object_get_string_member_with_default (entry, "type", ""),
                             "s", json_object_get_string_member_with_default (entry, "id", ""), NULL);
        }
    }

  if (ok && index_after)
    ok = index_statements_of_page (self, error);

  if (ok && next_cursor != NULL)
    ok = ib_store_sync_set_value (self, "cursor", next_cursor, error);

  if (ok)
    ok = ib_store_commit (self, error);
  else
    ib_store_rollback (self);

  end_apply (db, index_after);
  return ok;
}

gboolean
ib_store_sync_adopt_unknown (IbStore  *self,
                             GError  **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  stmt = _ib_store_prepare (self, "SELECT type, entry FROM sync_unknown ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (ib_record_type_find (column_text (stmt, 0)) != NULL)
      {
        JsonObject *entry = _ib_store_json_object (column_text (stmt, 1));

        if (entry != NULL)
          g_ptr_array_add (entries, entry);
      }
  sqlite3_reset (stmt);

  if (entries->len == 0)
    return TRUE;

  /* As for a pulled page: the server already accepted these, parents may come later. */
  db = _ib_store_get_db (self);
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  if (!ib_store_begin (self, error))
    {
      sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      return FALSE;
    }

  for (guint i = 0; ok && i < entries->len; i++)
    {
      JsonObject *entry = entries->pdata[i];

      /* Removed first: an entry this version still cannot take is kept again by apply_entry. */
      ok = exec_bound (self, "DELETE FROM sync_unknown WHERE type = ?1 AND id = ?2", error,
                       "s", json_object_get_string_member_with_default (entry, "type", ""),
                       "s", json_object_get_string_member_with_default (entry, "id", ""), NULL) &&
           apply_entry (self, entry, TRUE, error);
    }

  if (ok)
    ok = ib_store_commit (self, error);
  else
    ib_store_rollback (self);

  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return ok;
}

/* Rewrites the local row as the server last confirmed it (sync_base), with @overlay on top
 * and then the edits still queued to go: what the server will hold once they land. Used when a
 * conflict is decided, here or on another device, so the record never keeps showing a value
 * that lost. */
static gboolean
show_server_state (IbStore            *self,
                   const IbRecordType *type,
                   const char         *id,
                   JsonObject         *overlay,
                   GError            **error)
{
  g_autoptr (IbRecord) record = load_any (self, type, id);
  g_autoptr (JsonObject) base = NULL;
  g_autoptr (GList) names = overlay != NULL ? json_object_get_members (overlay) : NULL;
  sqlite3_stmt *stmt;
  gint64 base_rev = -1;

  if (record == NULL)
    return TRUE;

  stmt = _ib_store_prepare (self, "SELECT fields, rev FROM sync_base WHERE type = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *stored = g_strdup (column_text (stmt, 0));

      base_rev = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      if (!_ib_store_json_object_checked (stored, _("last synced copy"), type->name, id, &base, error))
        return FALSE;
    }
  sqlite3_reset (stmt);

  if (base != NULL)
    {
      g_autoptr (GList) base_names = json_object_get_members (base);

      for (GList *l = base_names; l != NULL; l = l->next)
        json_object_set_member (ib_record_get_fields (record), l->data,
                                json_node_copy (json_object_get_member (base, l->data)));
      ib_record_set_rev (record, base_rev);
    }
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (ib_record_get_fields (record), l->data,
                            json_node_copy (json_object_get_member (overlay, l->data)));

  stmt = _ib_store_prepare (self, "SELECT set_json FROM outbox WHERE type = ?1 AND id = ?2"
                                  " AND state IN ('pending', 'sent') AND op = 'update' ORDER BY lseq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) later = NULL;
      g_autoptr (GList) later_names = NULL;

      if (!_ib_store_json_object_checked (column_text (stmt, 0), _("edits waiting to be sent"), type->name, id,
                                          &later, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      later_names = later != NULL ? json_object_get_members (later) : NULL;

      for (GList *l = later_names; l != NULL; l = l->next)
        json_object_set_member (ib_record_get_fields (record), l->data,
                                json_node_copy (json_object_get_member (later, l->data)));
    }
  sqlite3_reset (stmt);

  if (!_ib_store_replace_row (self, record, error))
    return FALSE;

  _ib_store_queue_change (self, type, id, IB_STORE_CHANGE_UPDATED);
  return TRUE;
}

/* Queues the decision of @conflict_id: @set (without "class"/"exempt_paragraph", which it may
 * carry to apply the class the losing edit asked for), and for a delete that kept records,
 * @deleted (-1 when not given). */
static gboolean
queue_resolve (IbStore     *self,
               const char  *conflict_id,
               JsonObject  *set,
               int          deleted,
               GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *type_name = NULL, *id = NULL, *set_text = NULL, *mid = g_uuid_string_random ();
  g_autoptr (GDateTime) dt = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (dt);
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (GList) names = set != NULL ? json_object_get_members (set) : NULL;
  const char *klass = NULL;
  gint64 paragraph = 0;
  const IbRecordType *type;
  gint64 server_rev = 0;

  stmt = _ib_store_prepare (self, "SELECT type, id, server_rev FROM conflicts WHERE conflict_id = ?1"
                                  " AND status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      type_name = g_strdup (column_text (stmt, 0));
      id = g_strdup (column_text (stmt, 1));
      server_rev = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  type = type_name != NULL ? ib_record_type_find (type_name) : NULL;
  if (type == NULL)
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_FOUND,
                           _("This conflict has already been decided."));
      return FALSE;
    }

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (set, l->data);

      if (g_str_equal (l->data, "class"))
        klass = json_node_get_string (value);
      else if (g_str_equal (l->data, "exempt_paragraph"))
        paragraph = json_node_get_int (value);
      else
        json_object_set_member (fields, l->data, json_node_copy (value));
    }
  if (klass != NULL && !g_str_equal (klass, "public") && !g_str_equal (klass, "exempt"))
    klass = NULL;

  set_text = _ib_store_json_text (fields);
  if (!ib_store_begin (self, error))
    return FALSE;

  /* The conflict may be one another device of this person's lost, with nothing of this
   * device's waiting on the record: the row shows the decision until the server answers, and a
   * refusal puts the server's values back from this copy. */
  {
    g_autoptr (IbRecord) local = load_any (self, type, id);

    if (local != NULL && !_ib_store_keep_base (self, local, error))
      goto fail;
  }

  if (!show_server_state (self, type, id, fields, error))
    goto fail;

  if (klass != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET class = ?2, exempt_paragraph = nullif (?3, 0) WHERE id = ?1",
                                              type->name);

      if (!exec_bound (self, sql, error, "s", id, "s", klass,
                       "i", g_str_equal (klass, "exempt") ? paragraph : (gint64) 0, NULL))
        goto fail;
    }

  {
    g_autofree char *sql = g_strdup (
      "INSERT INTO outbox (mid, type, id, op, base_rev, set_json, state, created_at, conflict_id, class,"
      "  exempt_paragraph, resolve_deleted)"
      " VALUES (?1, ?2, ?3, 'resolve', ?4, ?5, 'pending', ?6, ?7, ?8, nullif (?9, 0), nullif (?10, -1))");

    if (!exec_bound (self, sql, error, "s", mid, "s", type->name, "s", id, "i", server_rev, "s", set_text,
                     "s", now, "s", conflict_id, "s", klass, "i", paragraph, "i", (gint64) deleted, NULL) ||
        !exec_bound (self, "UPDATE conflicts SET status = 'resolving' WHERE conflict_id = ?1", error,
                     "s", conflict_id, NULL))
      goto fail;
  }

  return ib_store_commit (self, error);

fail:
  ib_store_rollback (self);
  return FALSE;
}

gboolean
ib_store_sync_resolve (IbStore     *self,
                       const char  *conflict_id,
                       JsonObject  *set,
                       GError     **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  return queue_resolve (self, conflict_id, set, -1, error);
}

gboolean
ib_store_sync_resolve_kept (IbStore     *self,
                            const char  *conflict_id,
                            gboolean     delete_rest,
                            GError     **error)
{
  g_autoptr (JsonObject) nothing = json_object_new ();

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  return queue_resolve (self, conflict_id, nothing, delete_rest ? 1 : 0, error);
}

GPtrArray *
ib_store_sync_list_conflicts (IbStore *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), rows);

  stmt = _ib_store_prepare (self,
    "SELECT conflict_id, type, id, mine, theirs, server_rev, author, created_at, reason, kept FROM conflicts"
    " WHERE status = 'open' ORDER BY created_at", NULL);
  if (stmt == NULL)
    return rows;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      JsonObject *mine = _ib_store_json_object (column_text (stmt, 3));
      JsonObject *theirs = _ib_store_json_object (column_text (stmt, 4));

      json_object_set_string_member (row, "conflict_id", column_text (stmt, 0));
      json_object_set_string_member (row, "type", column_text (stmt, 1));
      json_object_set_string_member (row, "id", column_text (stmt, 2));
      json_object_set_object_member (row, "mine", mine != NULL ? mine : json_object_new ());
      json_object_set_object_member (row, "theirs", theirs != NULL ? theirs : json_object_new ());
      json_object_set_int_member (row, "server_rev", sqlite3_column_int64 (stmt, 5));
      json_object_set_string_member (row, "author", column_text (stmt, 6));
      json_object_set_string_member (row, "created_at", column_text (stmt, 7));
      json_object_set_string_member (row, "reason", column_text (stmt, 8));
      json_object_set_int_member (row, "kept", sqlite3_column_int64 (stmt, 9));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  return rows;
}

GPtrArray *
ib_store_sync_list_rejected (IbStore *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), rows);

  stmt = _ib_store_prepare (self,
    "SELECT mid, type, id, op, set_json, last_error FROM outbox WHERE state = 'rejected' ORDER BY lseq", NULL);
  if (stmt == NULL)
    return rows;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      JsonObject *set = _ib_store_json_object (column_text (stmt, 4));

      json_object_set_string_member (row, "mid", column_text (stmt, 0));
      json_object_set_string_member (row, "type", column_text (stmt, 1));
      json_object_set_string_member (row, "id", column_text (stmt, 2));
      json_object_set_string_member (row, "op", column_text (stmt, 3));
      json_object_set_object_member (row, "set", set != NULL ? set : json_object_new ());
      json_object_set_string_member (row, "reason", column_text (stmt, 5));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  return rows;
}

gboolean
ib_store_sync_discard (IbStore     *self,
                       const char  *mid,
                       GError     **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  return exec_bound (self, "DELETE FROM outbox WHERE mid = ?1 AND state = 'rejected'", error, "s", mid, NULL);
}

gboolean
ib_store_sync_in_snapshot (IbStore *self)
{
  g_autofree char *value = ib_store_sync_get_value (self, "snapshot");

  return g_strcmp0 (value, "1") == 0 || g_strcmp0 (value, "fresh") == 0;
}

gboolean
ib_store_sync_snapshot_is_fresh (IbStore *self)
{
  g_autofree char *value = ib_store_sync_get_value (self, "snapshot");

  return g_strcmp0 (value, "fresh") == 0;
}

/* Returns TRUE when any record came from the server (rev above 0). */
static gboolean
holds_synced_rows (IbStore *self)
{
  const IbRecordType * const *types = ib_record_types ();

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE rev > 0)", types[t]->name);
      sqlite3_stmt *stmt = _ib_store_prepare (self, sql, NULL);
      gboolean any = FALSE;

      if (stmt == NULL)
        return TRUE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        any = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
      if (any)
        return TRUE;
    }

  return FALSE;
}

gboolean
ib_store_sync_begin_snapshot (IbStore  *self,
                              GError  **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  if (!ib_store_begin (self, error))
    return FALSE;

  if (!exec_bound (self, "DELETE FROM sync_seen", error, NULL) ||
      !ib_store_sync_set_value (self, "snapshot", holds_synced_rows (self) ? "1" : "fresh", error) ||
      !ib_store_sync_set_value (self, "cursor", NULL, error))
    {
      ib_store_rollback (self);
      return FALSE;
    }

  return ib_store_commit (self, error);
}

/* With public clearance, removes every record the snapshot did not bring whose class, or an
 * ancestor's, is Exempt: a person whose clearance was lowered keeps none of it. */
static gboolean
purge_hidden_after_snapshot (IbStore  *self,
                             guint    *purged,
                             GError  **error)
{
  const IbRecordType * const *types = ib_record_types ();
  g_autofree char *clearance = ib_store_sync_get_value (self, "clearance");
  g_autoptr (GHashTable) hidden = NULL;
  g_autoptr (GPtrArray) doomed = NULL;
  gboolean grew = TRUE;

  if (g_strcmp0 (clearance, "public") != 0)
    return TRUE;

  hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  doomed = g_ptr_array_new_with_free_func (g_free);

  /* Exempt by their own class, then, until nothing more is added, by their parent's. */
  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE class = 'exempt'", types[t]->name);
      sqlite3_stmt *stmt = _ib_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_hash_table_add (hidden, g_strdup (column_text (stmt, 0)));
          g_ptr_array_add (doomed, g_strdup_printf ("%s/%s", types[t]->name, column_text (stmt, 0)));
        }
      sqlite3_reset (stmt);
    }
  while (grew)
    {
      grew = FALSE;
      for (guint t = 0; types[t] != NULL; t++)
        {
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;

          if (types[t]->parent_field == NULL)
            continue;
          sql = g_strdup_printf ("SELECT id, %s FROM %s", types[t]->parent_field, types[t]->name);
          stmt = _ib_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            if (column_text (stmt, 1) != NULL && g_hash_table_contains (hidden, column_text (stmt, 1)) &&
                !g_hash_table_contains (hidden, column_text (stmt, 0)))
              {
                g_hash_table_add (hidden, g_strdup (column_text (stmt, 0)));
                g_ptr_array_add (doomed, g_strdup_printf ("%s/%s", types[t]->name, column_text (stmt, 0)));
                grew = TRUE;
              }
          sqlite3_reset (stmt);
        }
    }

  *purged = doomed->len;
  for (guint i = 0; i < doomed->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (doomed->pdata[i], "/", 2);
      const IbRecordType *type = ib_record_type_find (parts[0]);

      if (!exec_bound (self, "DELETE FROM outbox WHERE type = ?1 AND id = ?2", error, "s", parts[0], "s", parts[1], NULL) ||
          !exec_bound (self, "DELETE FROM conflicts WHERE type = ?1 AND id = ?2", error, "s", parts[0], "s", parts[1], NULL) ||
          !exec_bound (self, "DELETE FROM sync_quarantine WHERE type = ?1 AND id = ?2", error,
                       "s", parts[0], "s", parts[1], NULL) ||
          !purge (self, type, parts[1], error))
        return FALSE;
    }

  /* Kept raw for a later version, but Exempt all the same. */
  return exec_bound (self, "DELETE FROM sync_unknown WHERE json_extract (entry, '$.class') = 'exempt'", error, NULL);
}

int
ib_store_sync_finish_snapshot (IbStore  *self,
                               GError  **error)
{
  const IbRecordType * const *types = ib_record_types ();
  g_autoptr (GDateTime) dt = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (dt);
  guint purged = 0;
  gboolean fresh = ib_store_sync_snapshot_is_fresh (self);
  int before, after;

  g_return_val_if_fail (IB_IS_STORE (self), -1);

  if (!ib_store_begin (self, error))
    return -1;

  /* A public-only snapshot is the whole of what may be held here: an Exempt record it left
   * out is gone from this device, with everything kept about it, even an edit not yet sent. */
  if (!purge_hidden_after_snapshot (self, &purged, error))
    goto fail;

  before = sqlite3_total_changes (_ib_store_get_db (self));
  for (guint t = 0; !fresh && types[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT OR IGNORE INTO sync_quarantine (type, id, reason, at)"
        " SELECT '%s', r.id, ?1, ?2 FROM %s r"
        " WHERE r.rev > 0 AND r.deleted = 0"
        " AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.type = '%s' AND s.id = r.id)"
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.type = '%s' AND o.id = r.id)",
        types[t]->name, types[t]->name, types[t]->name, types[t]->name);

      if (!exec_bound (self, sql, error,
                       "s", _("The server did not have this record after it was restored from a backup."),
                       "s", now, NULL))
        goto fail;
    }
  after = sqlite3_total_changes (_ib_store_get_db (self));

  if (!exec_bound (self, "DELETE FROM sync_seen", error, NULL) ||
      !ib_store_sync_set_value (self, "snapshot", NULL, error))
    goto fail;

  if (!ib_store_commit (self, error))
    return -1;

  /* The purged pages were overwritten in the log; copying it into the file and emptying it
   * leaves no older copy of them behind either. */
  if (purged > 0)
    sqlite3_wal_checkpoint_v2 (_ib_store_get_db (self), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  return after - before;

fail:
  ib_store_rollback (self);
  return -1;
}

GPtrArray *
ib_store_sync_list_quarantine (IbStore *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), rows);

  stmt = _ib_store_prepare (self, "SELECT type, id, reason, at FROM sync_quarantine ORDER BY at, type, id", NULL);
  if (stmt == NULL)
    return rows;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "type", column_text (stmt, 0));
      json_object_set_string_member (row, "id", column_text (stmt, 1));
      json_object_set_string_member (row, "reason", column_text (stmt, 2));
      json_object_set_string_member (row, "at", column_text (stmt, 3));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  return rows;
}

gboolean
ib_store_sync_release_quarantine (IbStore            *self,
                                  const IbRecordType *type,
                                  const char         *id,
                                  gboolean            send_again,
                                  GError            **error)
{
  g_autoptr (IbRecord) record = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  record = load_any (self, type, id);

  if (!ib_store_begin (self, error))
    return FALSE;

  if (!exec_bound (self, "DELETE FROM sync_quarantine WHERE type = ?1 AND id = ?2", error,
                   "s", type->name, "s", id, NULL))
    goto fail;

  if (record != NULL)
    {
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", type->name);
      if (!exec_bound (self, sql, error, "s", id, NULL) ||
          !exec_bound (self, "DELETE FROM sync_base WHERE type = ?1 AND id = ?2", error,
                       "s", type->name, "s", id, NULL))
        goto fail;

      if (send_again)
        {
          /* A new create with the same id: the server that lost it takes it back as new. */
          ib_record_set_rev (record, 0);
          if (!ib_store_create (self, record, error))
            goto fail;
        }
      else
        _ib_store_queue_change (self, type, id, IB_STORE_CHANGE_DELETED);
    }

  return ib_store_commit (self, error);

fail:
  ib_store_rollback (self);
  return FALSE;
}
