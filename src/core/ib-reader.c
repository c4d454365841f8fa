/* ib-reader.c
 *
 * The store's connection belongs to the main thread, and a load read on it there costs the
 * frames it takes. A reader either lends the store's own (so the synchronous path stays the
 * store's queries, to the letter) or opens the file again read-only, for one worker thread:
 * SQLite in WAL mode lets it read the last committed state while the main thread writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-reader.h"
#include "ib-store-private.h"

struct _IbReader
{
  IbStore    *store;       /* lent connection, or NULL */
  sqlite3    *db;          /* own connection, or NULL */
  GHashTable *statements;  /* SQL → sqlite3_stmt, of the own connection */
};

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

IbReader *
ib_reader_new_for_store (IbStore *store)
{
  IbReader *self;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  self = g_new0 (IbReader, 1);
  self->store = g_object_ref (store);
  return self;
}

gboolean
ib_reader_can_open (const char *path)
{
  /* ":memory:" and shared-cache URIs name databases a second connection would not see. */
  return path != NULL && !g_str_equal (path, ":memory:") && !g_str_has_prefix (path, "file:");
}

IbReader *
ib_reader_open (const char  *path,
                GError     **error)
{
  IbReader *self;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ib_reader_can_open (path))
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED,
                   "%s cannot be opened a second time", path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 2000);
  if (rc != SQLITE_OK)
    {
      ib_sqlite_set_error (db, error, rc, _("the query"));
      sqlite3_close (db);
      return NULL;
    }

  self = g_new0 (IbReader, 1);
  self->db = db;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  return self;
}

void
ib_reader_begin (IbReader *self)
{
  g_return_if_fail (self != NULL);

  /* The store's connection may be inside a write; its own reads see that anyway. */
  if (self->db != NULL)
    sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
}

void
ib_reader_end (IbReader *self)
{
  g_return_if_fail (self != NULL);

  if (self->db != NULL)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

sqlite3_stmt *
ib_reader_prepare (IbReader   *self,
                   const char *sql)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->store != NULL)
    return _ib_store_prepare (self->store, sql, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          g_debug ("%s: %s", sql, sqlite3_errmsg (self->db));
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

IbRecord *
ib_reader_query_one (IbReader           *self,
                     const IbRecordType *type,
                     const char         *where_order,
                     const char         *arg)
{
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  IbRecord *record = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->store != NULL)
    return _ib_store_query_one (self->store, type, where_order, arg);

  columns = _ib_store_columns (type);
  sql = g_strdup_printf ("SELECT %s FROM %s %s", columns, type->name, where_order);
  stmt = ib_reader_prepare (self, sql);
  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _ib_store_record_from_row (type, stmt);
  sqlite3_reset (stmt);
  return record;
}

IbRecord *
ib_reader_get (IbReader           *self,
               const IbRecordType *type,
               const char         *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;
  if (self->store != NULL)
    return ib_store_get (self->store, type, id, NULL);
  return ib_reader_query_one (self, type, "WHERE id = ?1 AND deleted = 0", id);
}

GPtrArray *
ib_reader_list_where (IbReader           *self,
                      const IbRecordType *type,
                      const char         *field,
                      const char         *value)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field == NULL || ib_record_type_field (type, field) != NULL, NULL);

  if (self->store != NULL && field == NULL)
    {
      /* The store keeps this list: take its records rather than read them again. */
      g_autoptr (GListModel) list = ib_store_list (self->store, type);
      GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (records, g_list_model_get_item (list, i));
      return records;
    }

  /* The store's own list query, so both come out in the same order. */
  sql = _ib_store_list_sql (type, field);
  return _ib_store_read_list (ib_reader_prepare (self, sql), type, field, value);
}

typedef struct
{
  char                *path;
  IbReaderFunc         func;
  gpointer             data;
  GDestroyNotify       data_free;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} ReadApart;

/* Reads finished on their workers, waiting to be handed back (GTask, oldest first). A GTask's
 * own callback runs at default priority, and the callbacks of every read finished meanwhile
 * ran in one main-loop iteration: after a first sync, three views took theirs in one go, 54 ms
 * with no frame between. Handed back one an iteration, below drawing's priority, a frame due
 * goes between two. All on the main thread, where the reads are asked for. */
static GQueue finished = G_QUEUE_INIT;
static guint hand_back_id;

static gboolean
hand_back_cb (gpointer data)
{
  g_autoptr (GTask) task = g_queue_pop_head (&finished);
  ReadApart *read = g_task_get_task_data (task);
  gboolean more = !g_queue_is_empty (&finished);

  /* Decided before the call-back, which may ask for a read that finishes in a loop it runs. */
  if (!more)
    hand_back_id = 0;
  read->callback (g_task_get_source_object (task), G_ASYNC_RESULT (task), read->user_data);
  return more ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
read_apart_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_queue_push_tail (&finished, g_object_ref (result));
  if (hand_back_id == 0)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (idle, hand_back_cb, NULL, NULL);
      g_source_set_static_name (idle, "[ib] reads apart handed back");
      hand_back_id = g_source_attach (idle, g_main_context_get_thread_default ());
      g_source_unref (idle);
    }
}

static void
read_apart_free (gpointer data)
{
  ReadApart *read = data;

  if (read->data != NULL && read->data_free != NULL)
    read->data_free (read->data);
  g_free (read->path);
  g_free (read);
}

static void
read_apart_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  ReadApart *read = data;
  IbReader *reader;
  GError *error = NULL;

  reader = ib_reader_open (read->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  read->func (reader, read->data);
  /* The connection is closed on the thread that used it. */
  ib_reader_free (reader);
  g_task_return_boolean (task, TRUE);
}

void
ib_reader_read_apart (const char          *path,
                      gpointer             source_object,
                      GCancellable        *cancellable,
                      IbReaderFunc         func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ReadApart *read;

  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  read = g_new0 (ReadApart, 1);
  read->path = g_strdup (path);
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->callback = callback;
  read->user_data = user_data;

  task = g_task_new (source_object, cancellable, read_apart_ready, NULL);
  g_task_set_source_tag (task, ib_reader_read_apart);
  g_task_set_task_data (task, read, read_apart_free);
  g_task_run_in_thread (task, read_apart_thread);
}

gpointer
ib_reader_read_apart_finish (GAsyncResult  *result,
                             GError       **error)
{
  ReadApart *read;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  read = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&read->data);
}

void
ib_reader_free (IbReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->store);
  /* Statements go before the connection they belong to. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self);
}
