/* ib-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "ib-mutation.h"
#include "ib-record-json.h"
#include "ib-sqlite.h"
#include "ib-store-migrations.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

/* "IBRD": lets us tell our databases from any other SQLite file. */
#define IB_APPLICATION_ID 0x49425244

/* Above this many changes to one type in one commit, views get one reload instead of
 * thousands of item signals. */
#define RELOAD_THRESHOLD 64

typedef struct
{
  const IbRecordType *type;
  char               *id;
  IbStoreChange       change;
  char               *remote_by;  /* who made a pulled change; NULL for a local one */
  gboolean            remote;
} PendingChange;

struct _IbStore
{
  GObject     parent_instance;

  /* owned */
  sqlite3    *db;
  char       *path;
  char       *device_id;
  char       *user;
  GHashTable *statements; /* sql → sqlite3_stmt */
  GHashTable *lists;      /* type name → GListStore */
  GArray     *pending;    /* PendingChange, waiting for the outermost commit */
  guint       depth;      /* open transactions */
  guint       savepoint_serial;
  gboolean    text_purged; /* the search index must be rewritten before the outermost commit */
};

G_DEFINE_FINAL_TYPE (IbStore, ib_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (ib-store-error-quark, ib_store_error)

enum {
  CHANGED,
  REMOTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Columns selected before a type's own fields, in this order. */
enum {
  COL_ID,
  COL_REV,
  COL_CLASS,
  COL_EXEMPT_PARAGRAPH,
  COL_DELETED,
  COL_UPDATED_AT,
  COL_UPDATED_BY,
  COL_EXTRA,
  N_SYNC_COLS
};

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static void
pending_change_clear (gpointer data)
{
  PendingChange *change = data;

  g_free (change->id);
  g_free (change->remote_by);
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}



sqlite3 *
_ib_store_get_db (IbStore *self)
{
  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  return self->db;
}

sqlite3_stmt *
_ib_store_prepare (IbStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          ib_sqlite_set_error (self->db, error, rc, _("the query"));
          return NULL;
        }

      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return stmt;
}

char *
_ib_store_columns (const IbRecordType *type)
{
  GString *s = g_string_new ("id, rev, class, exempt_paragraph, deleted, updated_at, updated_by, extra");

  for (guint i = 0; i < type->n_fields; i++)
    g_string_append_printf (s, ", %s", type->fields[i].name);

  return g_string_free (s, FALSE);
}

IbRecord *
_ib_store_query_one (IbStore            *self,
                     const IbRecordType *type,
                     const char         *where_order,
                     const char         *arg)
{
  g_autofree char *columns = _ib_store_columns (type);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s %s", columns, type->name, where_order);
  sqlite3_stmt *stmt = _ib_store_prepare (self, sql, NULL);
  IbRecord *record = NULL;

  if (stmt == NULL)
    return NULL;

  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _ib_store_record_from_row (type, stmt);
  sqlite3_reset (stmt);

  return record;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

IbRecord *
_ib_store_record_from_row (const IbRecordType *type,
                           sqlite3_stmt       *stmt)
{
  IbRecord *record = ib_record_new (type);
  JsonObject *fields = ib_record_get_fields (record);

  ib_record_set_id (record, column_text (stmt, COL_ID));
  ib_record_set_rev (record, sqlite3_column_int64 (stmt, COL_REV));
  ib_record_set_class (record, column_text (stmt, COL_CLASS));
  ib_record_set_exempt_paragraph (record, sqlite3_column_int (stmt, COL_EXEMPT_PARAGRAPH));
  ib_record_set_deleted (record, sqlite3_column_int (stmt, COL_DELETED) != 0);
  ib_record_set_updated_at (record, column_text (stmt, COL_UPDATED_AT));
  ib_record_set_updated_by (record, column_text (stmt, COL_UPDATED_BY));

  /* Unknown fields from a newer peer come back first, so known columns win on a clash. */
  if (sqlite3_column_type (stmt, COL_EXTRA) != SQLITE_NULL)
    {
      g_autoptr (JsonNode) extra = json_from_string (column_text (stmt, COL_EXTRA), NULL);

      if (extra != NULL && JSON_NODE_HOLDS_OBJECT (extra))
        {
          JsonObject *object = json_node_get_object (extra);
          g_autoptr (GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (fields, l->data,
                                    json_node_copy (json_object_get_member (object, l->data)));
        }
    }

  for (guint i = 0; i < type->n_fields; i++)
    {
      const IbFieldSpec *spec = &type->fields[i];
      int col = N_SYNC_COLS + (int) i;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;

      switch (spec->kind)
        {
        case IB_FIELD_INT:
          json_object_set_int_member (fields, spec->name, sqlite3_column_int64 (stmt, col));
          break;

        case IB_FIELD_BOOL:
          json_object_set_boolean_member (fields, spec->name, sqlite3_column_int (stmt, col) != 0);
          break;

        case IB_FIELD_REAL:
          json_object_set_double_member (fields, spec->name, sqlite3_column_double (stmt, col));
          break;

        case IB_FIELD_REF_LIST:
          {
            JsonNode *list = json_from_string (column_text (stmt, col), NULL);

            if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
              json_object_set_member (fields, spec->name, list);
            else
              g_clear_pointer (&list, json_node_unref);
          }
          break;

        case IB_FIELD_TEXT:
        case IB_FIELD_DATE:
        case IB_FIELD_PERIOD:
        case IB_FIELD_ENUM:
        case IB_FIELD_REF:
        default:
          json_object_set_string_member (fields, spec->name, column_text (stmt, col));
          break;
        }
    }

  return record;
}

static void
bind_field (sqlite3_stmt      *stmt,
            int                index,
            const IbFieldSpec *spec,
            JsonNode          *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (spec->kind)
    {
    case IB_FIELD_INT:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      break;

    case IB_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
      break;

    case IB_FIELD_REAL:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      break;

    case IB_FIELD_REF_LIST:
      {
        char *text = json_to_string (node, FALSE);
        sqlite3_bind_text (stmt, index, text, -1, g_free);
      }
      break;

    case IB_FIELD_TEXT:
    case IB_FIELD_DATE:
    case IB_FIELD_PERIOD:
    case IB_FIELD_ENUM:
    case IB_FIELD_REF:
    default:
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    }
}

/* Returns the fields of @record that the schema does not know, as JSON text, or NULL. */
static char *
extra_fields_json (IbRecord *record)
{
  const IbRecordType *type = ib_record_get_record_type (record);
  JsonObject *fields = ib_record_get_fields (record);
  g_autoptr (JsonObject) extra = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (fields);
  g_autoptr (JsonNode) node = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (ib_record_type_field (type, l->data) == NULL)
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (fields, l->data)));

  if (json_object_get_size (extra) == 0)
    return NULL;

  node = json_node_init_object (json_node_alloc (), extra);
  return json_to_string (node, FALSE);
}

static void
bind_record (sqlite3_stmt *stmt,
             IbRecord     *record)
{
  const IbRecordType *type = ib_record_get_record_type (record);
  JsonObject *fields = ib_record_get_fields (record);

  sqlite3_bind_text (stmt, COL_ID + 1, ib_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, COL_REV + 1, ib_record_get_rev (record));
  sqlite3_bind_text (stmt, COL_CLASS + 1, ib_record_get_class (record), -1, SQLITE_TRANSIENT);
  if (ib_record_get_exempt_paragraph (record) > 0)
    sqlite3_bind_int (stmt, COL_EXEMPT_PARAGRAPH + 1, ib_record_get_exempt_paragraph (record));
  sqlite3_bind_int (stmt, COL_DELETED + 1, ib_record_get_deleted (record));
  sqlite3_bind_text (stmt, COL_UPDATED_AT + 1, ib_record_get_updated_at (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, COL_UPDATED_BY + 1, ib_record_get_updated_by (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, COL_EXTRA + 1, extra_fields_json (record), -1, g_free);

  for (guint i = 0; i < type->n_fields; i++)
    bind_field (stmt, N_SYNC_COLS + (int) i + 1, &type->fields[i],
                json_object_get_member (fields, type->fields[i].name));
}

static gboolean
step_done (IbStore      *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (self->db, error, rc, what);
      return FALSE;
    }

  return TRUE;
}

void
_ib_store_queue_change (IbStore            *self,
              const IbRecordType *type,
              const char         *id,
              IbStoreChange       kind)
{
  PendingChange change = { type, g_strdup (id), kind, NULL, FALSE };

  g_array_append_val (self->pending, change);
}

void
_ib_store_queue_remote_change (IbStore            *self,
                               const IbRecordType *type,
                               const char         *id,
                               IbStoreChange       kind,
                               const char         *by)
{
  PendingChange change = { type, g_strdup (id), kind, g_strdup (by), TRUE };

  g_array_append_val (self->pending, change);
}

static guint
find_in_list (GListModel *list,
              const char *id)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IbRecord) record = g_list_model_get_item (list, i);

      if (g_strcmp0 (ib_record_get_id (record), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

char *
_ib_store_list_sql (const IbRecordType *type,
                    const char         *field)
{
  g_autofree char *columns = _ib_store_columns (type);

  if (field != NULL)
    return g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 AND %s = ?1 ORDER BY %s",
                            columns, type->name, field, type->order_by);
  return g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 ORDER BY %s",
                          columns, type->name, type->order_by);
}

GPtrArray *
_ib_store_read_list (sqlite3_stmt       *stmt,
                     const IbRecordType *type,
                     const char         *field,
                     const char         *value)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  if (stmt == NULL)
    return records;
  if (field != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, _ib_store_record_from_row (type, stmt));
  sqlite3_reset (stmt);
  return records;
}

static GPtrArray *
query_records (IbStore            *self,
               const IbRecordType *type,
               const char         *field,
               const char         *value)
{
  g_autofree char *sql = _ib_store_list_sql (type, field);

  return _ib_store_read_list (_ib_store_prepare (self, sql, NULL), type, field, value);
}

static void
reload_list (IbStore            *self,
             const IbRecordType *type,
             GListStore         *list)
{
  g_autoptr (GPtrArray) records = query_records (self, type, NULL, NULL);

  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                       records->pdata, records->len);
}

static void
update_list (IbStore       *self,
             GListStore    *list,
             PendingChange *change)
{
  guint pos = find_in_list (G_LIST_MODEL (list), change->id);
  g_autoptr (IbRecord) record = NULL;

  if (change->change != IB_STORE_CHANGE_DELETED)
    record = ib_store_get (self, change->type, change->id, NULL);

  if (record == NULL)
    {
      if (pos != G_MAXUINT)
        g_list_store_remove (list, pos);
    }
  else if (pos != G_MAXUINT)
    g_list_store_splice (list, pos, 1, (gpointer *) &record, 1);
  else
    g_list_store_append (list, record);
}

static void
flush_changes (IbStore *self)
{
  g_autoptr (GArray) pending = g_steal_pointer (&self->pending);
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) reloaded = g_hash_table_new (NULL, NULL);

  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending, pending_change_clear);

  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = &g_array_index (pending, PendingChange, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, change->type));

      g_hash_table_insert (counts, (gpointer) change->type, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = &g_array_index (pending, PendingChange, i);
      GListStore *list = g_hash_table_lookup (self->lists, change->type->name);

      if (list == NULL)
        continue;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, change->type)) > RELOAD_THRESHOLD)
        {
          if (g_hash_table_add (reloaded, (gpointer) change->type))
            reload_list (self, change->type, list);
        }
      else
        update_list (self, list, change);
    }

  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = &g_array_index (pending, PendingChange, i);

      g_signal_emit (self, signals[CHANGED], 0, change->type->name, change->id, change->change);
      if (change->remote)
        g_signal_emit (self, signals[REMOTE_CHANGED], 0, change->type->name, change->id, change->remote_by);
    }
}

void
_ib_store_reload_all (IbStore *self)
{
  const IbRecordType * const *types = ib_record_types ();

  g_return_if_fail (IB_IS_STORE (self));

  for (guint t = 0; types[t] != NULL; t++)
    {
      GListStore *list = g_hash_table_lookup (self->lists, types[t]->name);

      if (list != NULL)
        reload_list (self, types[t], list);
    }

  /* One signal a type: handlers reload a whole view on a NULL id rather than one per record. */
  for (guint t = 0; types[t] != NULL; t++)
    g_signal_emit (self, signals[CHANGED], 0, types[t]->name, NULL, IB_STORE_CHANGE_CREATED);
}

gboolean
ib_store_begin (IbStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);

  sql = g_strdup_printf ("SAVEPOINT ib_%u", self->depth);
  if (!ib_sqlite_exec (self->db, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
ib_store_commit (IbStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* FTS5 records a delete as a marker in a new segment and keeps the old one until a merge;
   * "optimize" merges them all now, and secure_delete overwrites the pages it frees. */
  if (self->depth == 1 && self->text_purged &&
      !ib_sqlite_exec (self->db, "INSERT INTO statement_text (statement_text) VALUES ('optimize')", error))
    {
      ib_store_rollback (self);
      return FALSE;
    }

  sql = g_strdup_printf ("RELEASE ib_%u", self->depth - 1);
  if (!ib_sqlite_exec (self->db, sql, error))
    {
      /* A deferred constraint can fail the outermost release; undo rather than leave a
       * half-open transaction behind. */
      ib_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  if (self->depth == 0)
    {
      self->text_purged = FALSE;
      flush_changes (self);
    }

  return TRUE;
}

void
_ib_store_note_text_purged (IbStore *self)
{
  self->text_purged = TRUE;
}

void
ib_store_rollback (IbStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (IB_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  sql = g_strdup_printf ("ROLLBACK TO ib_%u; RELEASE ib_%u", self->depth, self->depth);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));

  if (self->depth == 0)
    {
      g_array_set_size (self->pending, 0);
      self->text_purged = FALSE;
    }
}

static gboolean
check_refs (IbStore   *self,
            IbRecord  *record,
            GError   **error)
{
  const IbRecordType *type = ib_record_get_record_type (record);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const IbFieldSpec *spec = &type->fields[i];
      const IbRecordType *target;
      g_autoptr (IbRecord) other = NULL;
      const char *id;

      if (spec->kind != IB_FIELD_REF)
        continue;

      id = ib_record_get_string (record, spec->name);
      if (id == NULL)
        continue;

      target = ib_record_type_find (spec->ref_type);
      other = ib_store_get (self, target, id, NULL);
      if (other == NULL)
        {
          /* Translators: the first %s is a record type, the second a field, the third another record type */
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                       _("%s: field “%s” names a %s that does not exist or was deleted"),
                       type->name, spec->name, target->name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_for_write (IbStore   *self,
                    IbRecord  *record,
                    GError   **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!ib_record_validate (record, &local_error))
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  if (!ib_record_get_deleted (record) && !ib_record_check_rules (record, NULL, &local_error))
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  if (!ib_store_check_record (self, record, NULL, error))
    return FALSE;

  /* Refused here, before it is queued: the server would refuse it as too_large anyway, and
   * then the edit would sit in the Rejected list instead of being fixed at once. */
  {
    g_autofree char *text = _ib_store_json_text (ib_record_get_fields (record));

    if (strlen (text) > IB_RECORD_MAX_BYTES)
      {
        g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                     _("This record is too large to sync (%zu KiB; the limit is %d KiB). Shorten its text."),
                     strlen (text) / 1024, IB_RECORD_MAX_BYTES / 1024);
        return FALSE;
      }
  }

  return check_refs (self, record, error);
}

/* The statements that write a whole row, made once per type: a first sync writes 10⁵ rows,
 * and building their SQL each time was a third of the work. */
const IbStoreRowSql *
_ib_store_row_sql (const IbRecordType *type)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  IbStoreRowSql *sql;

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  sql = g_hash_table_lookup (cache, type);
  if (sql == NULL)
    {
      g_autofree char *columns = _ib_store_columns (type);
      GString *marks = g_string_new ("?");

      for (guint i = 1; i < N_SYNC_COLS + type->n_fields; i++)
        g_string_append (marks, ", ?");

      sql = g_new0 (IbStoreRowSql, 1);
      sql->insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", type->name, columns, marks->str);
      /* Same column order as the insert, so bind_record serves both. */
      sql->replace = g_strdup_printf ("UPDATE %s SET (%s) = (%s) WHERE id = ?1", type->name, columns, marks->str);
      sql->select_by_id = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", columns, type->name);
      sql->rev_by_id = g_strdup_printf ("SELECT rev FROM %s WHERE id = ?1", type->name);
      g_string_free (marks, TRUE);
      g_hash_table_insert (cache, (gpointer) type, sql);
    }
  G_UNLOCK (cache);

  return sql;
}

gboolean
_ib_store_insert_row (IbStore   *self,
                      IbRecord  *record,
                      GError   **error)
{
  const IbRecordType *type = ib_record_get_record_type (record);
  sqlite3_stmt *stmt = _ib_store_prepare (self, _ib_store_row_sql (type)->insert, error);

  if (stmt == NULL)
    return FALSE;

  bind_record (stmt, record);

  return step_done (self, stmt, type->name, error);
}

gboolean
_ib_store_replace_row (IbStore   *self,
                       IbRecord  *record,
                       GError   **error)
{
  const IbRecordType *type = ib_record_get_record_type (record);
  sqlite3_stmt *stmt = _ib_store_prepare (self, _ib_store_row_sql (type)->replace, error);

  if (stmt == NULL)
    return FALSE;

  bind_record (stmt, record);

  return step_done (self, stmt, type->name, error);
}

char *
_ib_store_json_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

JsonObject *
_ib_store_json_object (const char *text)
{
  g_autoptr (JsonNode) node = NULL;

  if (text == NULL)
    return NULL;

  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_dup_object (node);
}

gboolean
_ib_store_json_object_checked (const char  *text,
                               const char  *what,
                               const char  *type,
                               const char  *id,
                               JsonObject **out,
                               GError     **error)
{
  *out = NULL;
  if (text == NULL)
    return TRUE;

  *out = _ib_store_json_object (text);
  if (*out != NULL)
    return TRUE;

  /* Translators: a record type ("action") and its id, then what was stored ("edits waiting to
   * be sent") */
  g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED,
               _("%s %s: its %s cannot be read, so nothing was changed. The database may be damaged."),
               type, id, what);
  return FALSE;
}

/* Looks for the record's newest outbox row that has not left the device yet: docs/sync-protocol.md
 * coalesces edits into it, so at most one mutation per record is ever in flight. */
static gboolean
find_pending (IbStore     *self,
              const char  *type_name,
              const char  *id,
              gint64      *lseq,
              char       **op,
              JsonObject **set,
              JsonObject **was,
              gboolean    *damaged,
              GError     **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "SELECT lseq, op, set_json, was_json FROM outbox"
    " WHERE type = ?1 AND id = ?2 AND state = 'pending'"
    " ORDER BY lseq DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, type_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *lseq = sqlite3_column_int64 (stmt, 0);
      *op = g_strdup (column_text (stmt, 1));
      *damaged = !_ib_store_json_object_checked (column_text (stmt, 2), _("edits waiting to be sent"),
                                                  type_name, id, set, error) ||
                 !_ib_store_json_object_checked (column_text (stmt, 3), _("edits waiting to be sent"),
                                                  type_name, id, was, error);
    }

  sqlite3_reset (stmt);
  return found;
}

/* sync_base holds the server's copy of a record only while this device has edits to it not
 * yet confirmed, or the record has a conflict not yet decided (docs/sync-protocol.md §13):
 * confirming an edit, and showing the server's values again, need it; everything else does
 * not, and a first sync no longer writes one per record. Before the first such edit or
 * decision the row as it stands is the server's copy, so it is kept then, every field named
 * (null too); while either lasts, the pulls keep it and this leaves it alone (the row may be
 * showing a decision by then). */
gboolean
_ib_store_keep_base (IbStore   *self,
                     IbRecord  *as_synced,
                     GError   **error)
{
  const IbRecordType *type = ib_record_get_record_type (as_synced);
  g_autoptr (JsonObject) fields = json_object_new ();
  JsonObject *own = ib_record_get_fields (as_synced);
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "INSERT INTO sync_base (type, id, rev, fields) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (type, id) DO UPDATE SET rev = excluded.rev, fields = excluded.fields"
    " WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE type = ?1 AND id = ?2 AND state IN ('pending', 'sent', 'conflict'))"
    " AND NOT EXISTS (SELECT 1 FROM conflicts WHERE type = ?1 AND id = ?2 AND status IN ('open', 'resolving'))", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < type->n_fields; i++)
    {
      JsonNode *value = json_object_get_member (own, type->fields[i].name);

      json_object_set_member (fields, type->fields[i].name,
                              value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
    }

  sqlite3_bind_text (stmt, 1, type->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ib_record_get_id (as_synced), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ib_record_get_rev (as_synced));
  sqlite3_bind_text (stmt, 4, _ib_store_json_text (fields), -1, g_free);

  return step_done (self, stmt, _("last synced copy"), error);
}

static gboolean
outbox_insert (IbStore    *self,
               IbRecord   *record,
               const char *op,
               gint64      base_rev,
               JsonObject *set,
               JsonObject *was,
               GError    **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "INSERT INTO outbox (mid, type, id, op, base_rev, parent, class, exempt_paragraph,"
    " set_json, was_json, state, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11)", error);
  int paragraph;

  if (stmt == NULL)
    return FALSE;

  paragraph = ib_record_get_exempt_paragraph (record);
  sqlite3_bind_text (stmt, 1, g_uuid_string_random (), -1, g_free);
  sqlite3_bind_text (stmt, 2, ib_record_get_record_type (record)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ib_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, base_rev);
  sqlite3_bind_text (stmt, 6, ib_record_get_parent_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, ib_record_get_class (record), -1, SQLITE_TRANSIENT);
  if (paragraph > 0)
    sqlite3_bind_int (stmt, 8, paragraph);
  sqlite3_bind_text (stmt, 9, _ib_store_json_text (set), -1, g_free);
  sqlite3_bind_text (stmt, 10, _ib_store_json_text (was), -1, g_free);
  sqlite3_bind_text (stmt, 11, now_iso8601 (), -1, g_free);

  return step_done (self, stmt, _("the change log"), error);
}

static gboolean
outbox_rewrite (IbStore    *self,
                gint64      lseq,
                const char *op,
                IbRecord   *record,
                JsonObject *set,
                JsonObject *was,
                GError    **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self,
    "UPDATE outbox SET op = ?2, set_json = ?3, was_json = ?4, class = ?5, exempt_paragraph = ?6"
    " WHERE lseq = ?1", error);
  int paragraph = ib_record_get_exempt_paragraph (record);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, lseq);
  sqlite3_bind_text (stmt, 2, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, _ib_store_json_text (set), -1, g_free);
  sqlite3_bind_text (stmt, 4, _ib_store_json_text (was), -1, g_free);
  sqlite3_bind_text (stmt, 5, ib_record_get_class (record), -1, SQLITE_TRANSIENT);
  if (paragraph > 0)
    sqlite3_bind_int (stmt, 6, paragraph);

  return step_done (self, stmt, _("the change log"), error);
}

static gboolean
outbox_remove (IbStore  *self,
               gint64    lseq,
               GError  **error)
{
  sqlite3_stmt *stmt = _ib_store_prepare (self, "DELETE FROM outbox WHERE lseq = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, lseq);
  return step_done (self, stmt, _("the change log"), error);
}

static JsonObject *
non_null_fields (IbRecord *record)
{
  JsonObject *fields = ib_record_get_fields (record);
  JsonObject *set = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (fields, l->data);

      if (!JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (set, l->data, json_node_copy (node));
    }

  return set;
}

static void
stamp (IbStore  *self,
       IbRecord *record)
{
  g_autofree char *now = now_iso8601 ();

  ib_record_set_updated_at (record, now);
  ib_record_set_updated_by (record, self->user);
}

gboolean
ib_store_create (IbStore   *self,
                 IbRecord  *record,
                 GError   **error)
{
  const IbRecordType *type;
  g_autoptr (JsonObject) set = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (record), FALSE);

  type = ib_record_get_record_type (record);

  if (ib_record_get_id (record) == NULL)
    {
      id = g_uuid_string_random ();
      ib_record_set_id (record, id);
    }

  ib_record_set_rev (record, 0);
  ib_record_set_deleted (record, FALSE);
  stamp (self, record);

  if (!validate_for_write (self, record, error))
    return FALSE;

  set = non_null_fields (record);

  if (!ib_store_begin (self, error))
    return FALSE;

  if (!_ib_store_insert_row (self, record, error) ||
      !outbox_insert (self, record, "create", 0, set, NULL, error))
    {
      ib_store_rollback (self);
      return FALSE;
    }

  _ib_store_queue_change (self, type, ib_record_get_id (record), IB_STORE_CHANGE_CREATED);

  return ib_store_commit (self, error);
}

gboolean
ib_store_import (IbStore   *self,
                 IbRecord  *record,
                 GError   **error)
{
  g_autoptr (IbRecord) existing = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (record), FALSE);

  if (!validate_for_write (self, record, error))
    return FALSE;

  existing = ib_store_get (self, ib_record_get_record_type (record), ib_record_get_id (record), NULL);
  if (existing != NULL)
    return FALSE;

  if (!ib_store_begin (self, error))
    return FALSE;

  if (!_ib_store_insert_row (self, record, error))
    {
      ib_store_rollback (self);
      return FALSE;
    }

  _ib_store_queue_change (self, ib_record_get_record_type (record), ib_record_get_id (record),
                IB_STORE_CHANGE_CREATED);

  return ib_store_commit (self, error);
}

/* Fills @set/@was with the fields whose values differ between @old and @new. */
static void
diff_fields (IbRecord   *old,
             IbRecord   *new,
             JsonObject *set,
             JsonObject *was)
{
  JsonObject *old_fields = ib_record_get_fields (old);
  JsonObject *new_fields = ib_record_get_fields (new);
  g_autoptr (GList) members = json_object_get_members (new_fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *a = json_object_get_member (old_fields, l->data);
      JsonNode *b = json_object_get_member (new_fields, l->data);
      gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
      gboolean b_null = JSON_NODE_HOLDS_NULL (b);

      if (a_null && b_null)
        continue;
      if (!a_null && !b_null && json_node_equal (a, b))
        continue;

      json_object_set_member (set, l->data, json_node_copy (b));
      json_object_set_member (was, l->data, a_null ? json_node_new (JSON_NODE_NULL) : json_node_copy (a));
    }
}

gboolean
ib_store_update (IbStore   *self,
                 IbRecord  *record,
                 GError   **error)
{
  const IbRecordType *type;
  g_autoptr (IbRecord) old = NULL;
  g_autoptr (JsonObject) set = json_object_new ();
  g_autoptr (JsonObject) was = json_object_new ();
  g_autoptr (JsonObject) pending_set = NULL;
  g_autoptr (JsonObject) pending_was = NULL;
  g_autofree char *pending_op = NULL;
  gint64 lseq = 0;
  gboolean class_changed, damaged = FALSE;
  gboolean ok;

  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (IB_IS_RECORD (record), FALSE);

  type = ib_record_get_record_type (record);

  old = ib_store_get (self, type, ib_record_get_id (record), error);
  if (old == NULL)
    return FALSE;

  diff_fields (old, record, set, was);
  class_changed = g_strcmp0 (ib_record_get_class (old), ib_record_get_class (record)) != 0 ||
                  ib_record_get_exempt_paragraph (old) != ib_record_get_exempt_paragraph (record);

  if (json_object_get_size (set) == 0 && !class_changed)
    return TRUE;

  /* The row's sync state is the store's, not the caller's copy. */
  ib_record_set_rev (record, ib_record_get_rev (old));
  ib_record_set_deleted (record, FALSE);
  stamp (self, record);

  if (!validate_for_write (self, record, error))
    return FALSE;

  if (!ib_store_begin (self, error))
    return FALSE;

  ok = _ib_store_replace_row (self, record, error);

  if (ok && find_pending (self, type->name, ib_record_get_id (record),
                          &lseq, &pending_op, &pending_set, &pending_was, &damaged, error))
    {
      if (damaged)
        {
          ib_store_rollback (self);
          return FALSE;
        }

      g_autoptr (GList) members = json_object_get_members (set);

      if (pending_set == NULL)
        pending_set = json_object_new ();
      if (pending_was == NULL)
        pending_was = json_object_new ();

      /* Newest value wins in set; the oldest base value stays in was. */
      for (GList *l = members; l != NULL; l = l->next)
        {
          json_object_set_member (pending_set, l->data, json_node_copy (json_object_get_member (set, l->data)));
          if (!json_object_has_member (pending_was, l->data))
            json_object_set_member (pending_was, l->data, json_node_copy (json_object_get_member (was, l->data)));
        }

      ok = outbox_rewrite (self, lseq, pending_op, record, pending_set,
                           g_str_equal (pending_op, "create") ? NULL : pending_was, error);
    }
  else if (ok)
    ok = _ib_store_keep_base (self, old, error) &&
         outbox_insert (self, record, "update", ib_record_get_rev (old), set, was, error);

  if (!ok)
    {
      ib_store_rollback (self);
      return FALSE;
    }

  _ib_store_queue_change (self, type, ib_record_get_id (record), IB_STORE_CHANGE_UPDATED);

  return ib_store_commit (self, error);
}

static gboolean
tombstone (IbStore            *self,
           const IbRecordType *type,
           const char         *id,
           gboolean            is_root,
           GError            **error);

/* Children go with their parent. Only the root gets an outbox row: the server tombstones
 * children in the same transaction (docs/sync-protocol.md §8), so their own pending edits are
 * dropped. */
static gboolean
tombstone_children (IbStore            *self,
                    const IbRecordType *parent_type,
                    const char         *parent_id,
                    GError            **error)
{
  const IbRecordType * const *types = ib_record_types ();

  for (guint t = 0; types[t] != NULL; t++)
    {
      const IbRecordType *child_type = types[t];
      const IbFieldSpec *spec;
      g_autoptr (GPtrArray) children = NULL;

      if (child_type->parent_field == NULL)
        continue;

      spec = ib_record_type_field (child_type, child_type->parent_field);
      if (g_strcmp0 (spec->ref_type, parent_type->name) != 0)
        continue;

      children = query_records (self, child_type, child_type->parent_field, parent_id);
      for (guint i = 0; i < children->len; i++)
        if (!tombstone (self, child_type, ib_record_get_id (children->pdata[i]), FALSE, error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
tombstone (IbStore            *self,
           const IbRecordType *type,
           const char         *id,
           gboolean            is_root,
           GError            **error)
{
  g_autoptr (IbRecord) record = NULL;
  g_autoptr (JsonObject) pending_set = NULL;
  g_autoptr (JsonObject) pending_was = NULL;
  g_autofree char *pending_op = NULL;
  gint64 lseq = 0;
  gboolean has_pending, damaged = FALSE;
  gboolean ok;

  record = ib_store_get (self, type, id, error);
  if (record == NULL)
    return FALSE;

  if (!_ib_store_check_delete (self, type, id, error))
    return FALSE;

  ib_record_set_deleted (record, TRUE);
  stamp (self, record);

  if (!_ib_store_replace_row (self, record, error))
    return FALSE;

  has_pending = find_pending (self, type->name, id, &lseq, &pending_op, &pending_set, &pending_was,
                              &damaged, error);
  if (damaged)
    return FALSE;

  if (!is_root)
    ok = !has_pending || outbox_remove (self, lseq, error);
  else if (has_pending && g_str_equal (pending_op, "create"))
    /* The server never saw it: the create and its delete cancel out. */
    ok = outbox_remove (self, lseq, error);
  else if (has_pending)
    ok = outbox_rewrite (self, lseq, "delete", record, NULL, NULL, error);
  else
    /* Only the deleted flag and the stamp differ from the row as synced. */
    ok = _ib_store_keep_base (self, record, error) &&
         outbox_insert (self, record, "delete", ib_record_get_rev (record), NULL, NULL, error);

  if (!ok)
    return FALSE;

  _ib_store_queue_change (self, type, id, IB_STORE_CHANGE_DELETED);

  return tombstone_children (self, type, id, error);
}

gboolean
ib_store_delete (IbStore            *self,
                 const IbRecordType *type,
                 const char         *id,
                 GError            **error)
{
  g_return_val_if_fail (IB_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!ib_store_begin (self, error))
    return FALSE;

  if (!tombstone (self, type, id, TRUE, error))
    {
      ib_store_rollback (self);
      return FALSE;
    }

  return ib_store_commit (self, error);
}

IbRecord *
ib_store_get (IbStore            *self,
              const IbRecordType *type,
              const char         *id,
              GError            **error)
{
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  IbRecord *record = NULL;

  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (id == NULL)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_FOUND,
                   _("This %s has no id."), type->name);
      return NULL;
    }

  columns = _ib_store_columns (type);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1 AND deleted = 0", columns, type->name);
  stmt = _ib_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = _ib_store_record_from_row (type, stmt);
  sqlite3_reset (stmt);

  if (record == NULL)
    /* Translators: %s is a record type such as "action" */
    g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_FOUND,
                 _("This %s no longer exists; it may have been deleted."), type->name);

  return record;
}

GListModel *
ib_store_list (IbStore            *self,
               const IbRecordType *type)
{
  GListStore *list;

  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  list = g_hash_table_lookup (self->lists, type->name);
  if (list == NULL)
    {
      list = g_list_store_new (IB_TYPE_RECORD);
      reload_list (self, type, list);
      g_hash_table_insert (self->lists, (gpointer) type->name, list);
    }

  return g_object_ref (G_LIST_MODEL (list));
}

GListModel *
ib_store_list_where (IbStore            *self,
                     const IbRecordType *type,
                     const char         *field,
                     const char         *value)
{
  g_autoptr (GPtrArray) records = NULL;
  GListStore *list;

  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (ib_record_type_field (type, field) != NULL, NULL);

  records = query_records (self, type, field, value);
  list = g_list_store_new (IB_TYPE_RECORD);
  g_list_store_splice (list, 0, 0, records->pdata, records->len);

  return G_LIST_MODEL (list);
}

guint
ib_store_count (IbStore            *self,
                const IbRecordType *type)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (IB_IS_STORE (self), 0);

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", type->name);
  stmt = _ib_store_prepare (self, sql, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return n;
}

gboolean
ib_store_is_empty (IbStore *self)
{
  g_return_val_if_fail (IB_IS_STORE (self), TRUE);

  return ib_store_count (self, &ib_type_plan) == 0 &&
         ib_store_count (self, &ib_type_inspection) == 0 &&
         ib_store_count (self, &ib_type_indicator) == 0 &&
         ib_store_count (self, &ib_type_risk) == 0;
}

GPtrArray *
ib_store_get_outbox (IbStore *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_STORE (self), rows);

  stmt = _ib_store_prepare (self,
    "SELECT lseq, mid, type, id, op, base_rev, parent, class, set_json, was_json, state, attempts"
    " FROM outbox ORDER BY lseq", NULL);
  if (stmt == NULL)
    return rows;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      JsonObject *set = _ib_store_json_object (column_text (stmt, 8));
      JsonObject *was = _ib_store_json_object (column_text (stmt, 9));

      json_object_set_int_member (row, "lseq", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (row, "mid", column_text (stmt, 1));
      json_object_set_string_member (row, "type", column_text (stmt, 2));
      json_object_set_string_member (row, "id", column_text (stmt, 3));
      json_object_set_string_member (row, "op", column_text (stmt, 4));
      json_object_set_int_member (row, "base_rev", sqlite3_column_int64 (stmt, 5));
      json_object_set_string_member (row, "parent", column_text (stmt, 6));
      json_object_set_string_member (row, "class", column_text (stmt, 7));
      if (set != NULL)
        json_object_set_object_member (row, "set", set);
      if (was != NULL)
        json_object_set_object_member (row, "was", was);
      json_object_set_string_member (row, "state", column_text (stmt, 10));
      json_object_set_int_member (row, "attempts", sqlite3_column_int64 (stmt, 11));
      g_ptr_array_add (rows, row);
    }

  sqlite3_reset (stmt);
  return rows;
}

/* Opening */



static gboolean
ensure_device_id (IbStore  *self,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *fresh = g_uuid_string_random ();

  stmt = _ib_store_prepare (self, "INSERT OR IGNORE INTO sync_state (key, value) VALUES ('device_id', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("the device id"), error))
    return FALSE;

  stmt = _ib_store_prepare (self, "SELECT value FROM sync_state WHERE key = 'device_id'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->device_id = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  return self->device_id != NULL;
}


static gboolean
open_checked (IbStore     *self,
              const char  *path,
              GError     **error)
{
  self->db = ib_sqlite_open (path, IB_APPLICATION_ID, IB_STORE_SCHEMA_VERSION,
                             _ib_store_migration_sql, error);
  if (self->db == NULL)
    return FALSE;

  /* A first sync from a bootstrap file stopped between its copy and its search index (the
   * process was killed, or the disk was full): the index is built now. Without it search
   * still reads the text itself, so a failure here costs speed, never the open. */
  {
    g_autoptr (GError) local_error = NULL;

    if (!_ib_store_build_statement_index (self->db, &local_error))
      g_message ("The search index is left to build another time: %s", local_error->message);
  }

  /* A type this version added may have arrived, and been kept raw, before the upgrade. */
  return ensure_device_id (self, error) && ib_store_sync_adopt_unknown (self, error);
}

static void
ib_store_finalize (GObject *object)
{
  IbStore *self = (IbStore *) object;

  g_clear_pointer (&self->lists, g_hash_table_unref);
  /* Statements must go before the connection they belong to. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (ib_store_parent_class)->finalize (object);
}

static void
ib_store_class_init (IbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ib_store_finalize;

  /**
   * IbStore::changed:
   * @type_name: the record type
   * @id: the record id
   * @change: an #IbStoreChange
   *
   * Emitted after a committed create, update or delete, once live lists are up to date. @id
   * is NULL when any record of the type may have changed (a first sync copied them all).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  /**
   * IbStore::remote-changed:
   * @type_name: the record type
   * @id: the record id
   * @by: (nullable): who made the change on the server
   *
   * Emitted after "changed" when the change came from the server (a pull or a decided
   * conflict), so an open editor can offer "changed by X, reload?" instead of losing its buffer.
   */
  signals[REMOTE_CHANGED] =
    g_signal_new ("remote-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
ib_store_init (IbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending, pending_change_clear);
  /* g_get_real_name () says "Unknown" when the passwd entry has no name. */
  self->user = g_strdup (g_str_equal (g_get_real_name (), "Unknown") ? g_get_user_name ()
                                                                      : g_get_real_name ());
}

IbStore *
ib_store_open (const char  *path,
               GError     **error)
{
  g_autoptr (IbStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (IB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_checked (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ib_store_get_path (IbStore *self)
{
  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  return self->path;
}

const char *
ib_store_get_device_id (IbStore *self)
{
  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  return self->device_id;
}

const char *
ib_store_get_user (IbStore *self)
{
  g_return_val_if_fail (IB_IS_STORE (self), NULL);
  return self->user;
}

void
ib_store_set_user (IbStore    *self,
                   const char *user)
{
  g_return_if_fail (IB_IS_STORE (self));

  g_free (self->user);
  self->user = g_strdup (user);
}
