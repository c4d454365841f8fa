/* ib-store-bootstrap.c
 *
 * A first sync of ten years of records through the feed costs a JSON parse, a validation and
 * several statements per record. A
 * bootstrap moves that work to the server, once per clearance: it applies its own feed to a
 * database in the client's schema with the very code a client runs (so the rows are those a
 * feed sync would leave, and Exempt filtering is the feed's own), and the client copies each
 * table with one INSERT … SELECT.
 *
 * The file comes from the network, so the client trusts nothing in it before checking it, and
 * reads it only as data: read-only, from memory, with untrusted schema features off, table by
 * table with its own column lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store"

#include "config.h"

#include <string.h>

#include "ib-store-bootstrap.h"
#include "ib-store-migrations.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

/* "IBRD", as ib-store.c writes it. */
#define IB_APPLICATION_ID 0x49425244

/* Local tables a feed sync fills besides the records' own. */
static const char * const sync_tables[] = { "sync_base", "conflicts", "sync_unknown", NULL };

/* Builder */

IbStore *
ib_store_bootstrap_builder_new (GError **error)
{
  g_autoptr (IbStore) store = ib_store_open (":memory:", error);

  if (store == NULL)
    return NULL;

  /* The file carries no search index (the client builds its own from the copied rows), so
   * the builder keeps none up to date. */
  if (!ib_sqlite_exec (_ib_store_get_db (store),
                       "DROP TRIGGER statement_text_insert; DROP TRIGGER statement_text_delete;"
                       " DROP TRIGGER statement_text_update", error))
    return NULL;

  return g_steal_pointer (&store);
}

GBytes *
ib_store_bootstrap_builder_finish (IbStore  *store,
                                   GError  **error)
{
  sqlite3 *db;
  sqlite3_int64 size = 0;
  unsigned char *data;

  g_return_val_if_fail (IB_IS_STORE (store), NULL);

  db = _ib_store_get_db (store);
  /* The builder's device id and cursor are its own, and would only mislead a client. */
  if (!ib_sqlite_exec (db, "DELETE FROM sync_state; DROP TABLE statement_text", error))
    return NULL;

  /* A client reads each table whole and builds its own indexes as the rows arrive: the file's
   * would only be downloaded and checked. */
  {
    g_autoptr (GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
                            -1, &stmt, NULL) == SQLITE_OK)
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (indexes, g_strdup_printf ("DROP INDEX \"%s\"", sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    for (guint i = 0; i < indexes->len; i++)
      if (!ib_sqlite_exec (db, indexes->pdata[i], error))
        return NULL;
  }

  if (!ib_sqlite_exec (db, "VACUUM", error))
    return NULL;

  data = sqlite3_serialize (db, "main", &size, 0);
  if (data == NULL)
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED, "Out of memory writing the bootstrap file.");
      return NULL;
    }

  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

/* Checks */

gboolean
ib_store_bootstrap_cursor_is_valid (const char *cursor)
{
  g_auto (GStrv) parts = NULL;

  if (cursor == NULL || strlen (cursor) > 200)
    return FALSE;

  parts = g_strsplit (cursor, ".", -1);
  if (g_strv_length (parts) != 5 || !g_str_equal (parts[0], "c"))
    return FALSE;

  for (guint i = 1; i < 5; i++)
    {
      if (parts[i][0] == '\0')
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (!(i % 2 == 0 ? g_ascii_isdigit (*p) : g_ascii_isxdigit (*p)))
          return FALSE;
    }

  return TRUE;
}

static gboolean
refuse (GError    **error,
        const char *why)
{
  g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
               "The server's starting copy was refused: %s.", why);
  return FALSE;
}

static guint32
read_be (const guint8 *p,
         guint         n)
{
  guint32 v = 0;

  for (guint i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

/* What can be told from the bytes alone, before SQLite reads them. */
static gboolean
check_header (GBytes  *file,
              GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (file, &len);
  guint32 page_size;

  if (len > IB_BOOTSTRAP_MAX_BYTES)
    return refuse (error, "it is larger than the most a client accepts");
  if (len < 512 || memcmp (data, "SQLite format 3", 16) != 0)
    return refuse (error, "it is not an SQLite database");

  page_size = read_be (data + 16, 2);
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    return refuse (error, "its page size is not valid");
  /* A copy cut short, or padded: the page count in the header says how long it must be. */
  if (len % page_size != 0 || (gsize) read_be (data + 28, 4) * page_size != len)
    return refuse (error, "it is truncated or has bytes after its end");
  /* Read from memory: a file in WAL mode would need a log it does not have. */
  if (data[18] != 1 || data[19] != 1)
    return refuse (error, "it is not in rollback-journal format");

  return TRUE;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *arg,
           int        *rc_out)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  if (rc_out != NULL)
    *rc_out = rc;
  return value;
}

/* Returns @table's columns in @schema, in order, or NULL when it is not an ordinary table or
 * has a hidden or generated column (which would compute, not hold, what it shows). */
static GPtrArray *
table_columns (sqlite3    *db,
               const char *schema,
               const char *table)
{
  g_autofree char *kind_sql = g_strdup_printf ("SELECT type = 'table' FROM %s.sqlite_schema WHERE name = ?1", schema);
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.table_xinfo (\"%s\")", schema, table);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (query_int (db, kind_sql, table, &rc) != 1 || rc != SQLITE_OK)
    return NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name == NULL || sqlite3_column_int (stmt, 6) != 0)
        return NULL;
      g_ptr_array_add (columns, g_strdup (name));
    }
  if (rc != SQLITE_DONE || columns->len == 0)
    return NULL;

  return g_steal_pointer (&columns);
}

/* Returns the column list both schemas share exactly, quoted, or NULL with @error. */
static char *
matching_columns (sqlite3     *db,
                  const char  *table,
                  GError     **error)
{
  g_autoptr (GPtrArray) mine = table_columns (db, "main", table);
  g_autoptr (GPtrArray) theirs = table_columns (db, "boot", table);
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *why = NULL;

  if (mine == NULL || theirs == NULL || mine->len != theirs->len)
    {
      why = g_strdup_printf ("its table “%s” is missing or not the one this version has", table);
      refuse (error, why);
      return NULL;
    }

  for (guint i = 0; i < mine->len; i++)
    {
      if (!g_str_equal (mine->pdata[i], theirs->pdata[i]))
        {
          why = g_strdup_printf ("its table “%s” has other columns than this version's", table);
          refuse (error, why);
          return NULL;
        }
      g_string_append_printf (list, "%s\"%s\"", i > 0 ? ", " : "", (char *) mine->pdata[i]);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
check_contents (sqlite3  *db,
                GError  **error)
{
  const IbRecordType * const *types = ib_record_types ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (query_int (db, "PRAGMA boot.application_id", NULL, &rc) != IB_APPLICATION_ID || rc != SQLITE_OK)
    return refuse (error, "it is not an Improvement Board database");
  if (query_int (db, "PRAGMA boot.user_version", NULL, &rc) != IB_STORE_SCHEMA_VERSION || rc != SQLITE_OK)
    return refuse (error, "it was made for another version of the database");

  if (sqlite3_prepare_v2 (db, "PRAGMA boot.quick_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    return refuse (error, "it is damaged");

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM boot.\"%s\" WHERE typeof (id) != 'text'"
                                              " OR length (id) != 36)", types[t]->name);

      if (query_int (db, sql, NULL, &rc) != 0 || rc != SQLITE_OK)
        return refuse (error, "it holds a record whose id is not an id");
    }

  return TRUE;
}

/* Copy */

static gboolean
store_is_empty (sqlite3 *db)
{
  const IbRecordType * const *types = ib_record_types ();
  int rc;

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM main.\"%s\")", types[t]->name);

      if (query_int (db, sql, NULL, &rc) != 0 || rc != SQLITE_OK)
        return FALSE;
    }
  for (guint i = 0; sync_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM main.\"%s\")", sync_tables[i]);

      if (query_int (db, sql, NULL, &rc) != 0 || rc != SQLITE_OK)
        return FALSE;
    }

  return query_int (db, "SELECT EXISTS (SELECT 1 FROM main.outbox)", NULL, &rc) == 0 && rc == SQLITE_OK &&
         /* A full resync under way (its cursor cleared) is finished by the feed. */
         query_int (db, "SELECT EXISTS (SELECT 1 FROM main.sync_state WHERE key IN ('cursor', 'snapshot'))",
                    NULL, &rc) == 0 &&
         rc == SQLITE_OK;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  return ib_sqlite_exec (db, sql, error);
}

static gboolean
set_state (sqlite3     *db,
           const char  *key,
           const char  *value,
           GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO main.sync_state (key, value) VALUES (?1, ?2)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      ib_sqlite_set_error (db, error, rc, "the starting copy");
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_table (sqlite3     *db,
            const char  *table,
            guint       *n_rows,
            GError     **error)
{
  g_autofree char *columns = matching_columns (db, table, error);
  g_autofree char *sql = NULL;

  if (columns == NULL)
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM boot.\"%s\"", table, columns, columns, table);
  if (!exec (db, sql, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows += (guint) sqlite3_changes (db);
  return TRUE;
}

static gboolean
copy_all (sqlite3     *db,
          const char  *cursor,
          const char  *role,
          const char  *clearance,
          guint       *n_records,
          GError     **error)
{
  const IbRecordType * const *types = ib_record_types ();

  if (!store_is_empty (db))
    {
      g_set_error_literal (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED,
                           "This database already holds data, so it syncs through the feed.");
      return FALSE;
    }

  for (guint t = 0; types[t] != NULL; t++)
    if (!copy_table (db, types[t]->name, n_records, error))
      return FALSE;
  for (guint i = 0; sync_tables[i] != NULL; i++)
    if (!copy_table (db, sync_tables[i], NULL, error))
      return FALSE;

  /* The statements came in with this connection's triggers off, so their search index is
   * empty. Building it takes as long as the copy itself (trigrams of every statement), and the
   * records are of use without it: the triggers that keep it go too, and come back when
   * ib_store_bootstrap_build_index () has built it. Until then search reads the text itself,
   * a page of the feed leaves the index alone, and a store opened on the file builds it. */
  return exec (db, "DROP TRIGGER main.statement_text_insert; DROP TRIGGER main.statement_text_delete;"
                   " DROP TRIGGER main.statement_text_update", error) &&
         set_state (db, "cursor", cursor, error) &&
         (role == NULL || set_state (db, "role", role, error)) &&
         (clearance == NULL || set_state (db, "clearance", clearance, error));
}

/* A connection of a worker's own to the app's database file, waiting its turn for the write
 * lock as the main connection does. */
static sqlite3 *
open_own_connection (const char  *store_path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN, "Cannot open “%s”: %s.",
                   store_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

gboolean
ib_store_bootstrap_copy (const char  *store_path,
                         GBytes      *file,
                         const char  *cursor,
                         const char  *role,
                         const char  *clearance,
                         guint       *n_records_out,
                         GError     **error)
{
  sqlite3 *db = NULL;
  gsize len = 0;
  const guint8 *data;
  guint n_records = 0;
  gint64 started, checked = 0, copied;
  gboolean ok;
  int rc;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!ib_store_bootstrap_cursor_is_valid (cursor))
    return refuse (error, "its cursor is not one this version understands");
  if (role != NULL && !g_str_equal (role, "viewer") && !g_str_equal (role, "editor") && !g_str_equal (role, "admin"))
    role = NULL;
  if (clearance != NULL && !g_str_equal (clearance, "public") && !g_str_equal (clearance, "exempt"))
    clearance = NULL;
  if (!check_header (file, error))
    return FALSE;

  db = open_own_connection (store_path, error);
  if (db == NULL)
    return FALSE;
  /* While the file is checked, nothing in its schema may run a function (quick_check computes
   * index expressions); nothing may write to a shadow table. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  data = g_bytes_get_data (file, &len);
  started = g_get_monotonic_time ();
  ok = exec (db, "PRAGMA foreign_keys = OFF; PRAGMA secure_delete = ON; ATTACH ':memory:' AS boot", error);
  if (ok)
    {
      /* READONLY: SQLite never writes into the buffer, so the bytes may stay the caller's. */
      rc = sqlite3_deserialize (db, "boot", (unsigned char *) data, (sqlite3_int64) len, (sqlite3_int64) len,
                                SQLITE_DESERIALIZE_READONLY);
      ok = rc == SQLITE_OK || refuse (error, "it could not be read");
    }
  ok = ok && check_contents (db, error);
  /* The copy only reads the file's tables, which runs nothing of its schema (index expressions,
   * checks and triggers run on writes and checks; generated columns were refused), while the
   * app's own schema is trusted. The search index's triggers would write it one row at a
   * time; it is built in one pass later instead (copy_all), so they stay off on this
   * connection, which writes nothing else. */
  if (ok)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    }
  checked = g_get_monotonic_time ();

  /* The emptiness check and the copy must see the same database, whatever the main connection
   * does meanwhile, so the write lock comes first: a write to main takes it (BEGIN IMMEDIATE
   * would ask the read-only copy for one too, and fail). */
  if (ok && exec (db, "BEGIN; UPDATE main.sync_state SET value = value WHERE key = 'device_id'", error))
    {
      ok = copy_all (db, cursor, role, clearance, &n_records, error);
      copied = g_get_monotonic_time ();
      if (ok)
        ok = exec (db, "COMMIT", error);
      g_debug ("bootstrap copy of %" G_GSIZE_FORMAT " bytes: checked in %" G_GINT64_FORMAT " ms, copied in %"
               G_GINT64_FORMAT " ms, committed in %" G_GINT64_FORMAT " ms", len, (checked - started) / 1000,
               (copied - checked) / 1000, (g_get_monotonic_time () - copied) / 1000);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    ok = FALSE;

  /* The copy left the whole database in the write-ahead log; moved into the file here, the
   * main connection's next write does not stall the window doing it. A reader in the way only
   * leaves some of it for later. */
  if (ok && sqlite3_exec (db, "PRAGMA main.wal_checkpoint (TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("bootstrap copy: checkpoint left for later: %s", sqlite3_errmsg (db));

  sqlite3_close (db);
  if (ok && n_records_out != NULL)
    *n_records_out = n_records;
  return ok;
}

/* Search index */

gboolean
_ib_store_statement_index_kept (sqlite3 *db)
{
  int rc;

  return query_int (db, IB_STATEMENT_TEXT_KEPT_SQL, NULL, &rc) == 1 && rc == SQLITE_OK;
}

gboolean
_ib_store_build_statement_index (sqlite3  *db,
                                 GError  **error)
{
  gboolean ok;

  if (_ib_store_statement_index_kept (db))
    return TRUE;
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* FTS5 writes a segment each time its pending terms pass its hash size (1 MiB) and merges
   * as they pile up; 8 MiB while building halves the time (0.9 s to 0.46 s for 50,000
   * statements), and the default is put back after. Another connection may have built it
   * while this one waited for the lock. */
  ok = _ib_store_statement_index_kept (db) ||
       (exec (db, "INSERT INTO main.statement_text (statement_text, rank) VALUES ('hashsize', 8388608);"
                  "INSERT INTO main.statement_text (statement_text) VALUES ('rebuild');"
                  "INSERT INTO main.statement_text (statement_text, rank) VALUES ('hashsize', 1048576)", error) &&
        exec (db, _ib_store_statement_text_triggers_sql (), error));
  if (ok)
    ok = exec (db, "COMMIT", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

gboolean
ib_store_bootstrap_index_is_built (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  return _ib_store_statement_index_kept (_ib_store_get_db (store));
}

gboolean
ib_store_bootstrap_build_index (const char  *store_path,
                                GError     **error)
{
  sqlite3 *db;
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (store_path != NULL, FALSE);

  db = open_own_connection (store_path, error);
  if (db == NULL)
    return FALSE;
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  ok = exec (db, "PRAGMA secure_delete = ON", error) && _ib_store_build_statement_index (db, error);
  g_debug ("statement search index built in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  /* As after the copy: the index's pages go into the file here, not at the window's next write. */
  if (ok && sqlite3_exec (db, "PRAGMA main.wal_checkpoint (TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("search index: checkpoint left for later: %s", sqlite3_errmsg (db));

  sqlite3_close (db);
  return ok;
}

void
ib_store_bootstrap_reloaded (IbStore *store)
{
  _ib_store_reload_all (store);
}

gboolean
ib_store_bootstrap_can_fill (IbStore *store)
{
  g_return_val_if_fail (IB_IS_STORE (store), FALSE);

  return store_is_empty (_ib_store_get_db (store));
}
