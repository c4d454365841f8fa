/* ib-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sqlite"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ib-sqlite.h"

void
ib_sqlite_set_error (sqlite3    *db,
                     GError    **error,
                     int         rc,
                     const char *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so %s could not be saved. Nothing was lost: free some space and try again."),
                   what);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
                   _("The database is damaged (%s). It has not been changed."), detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                   _("The database cannot be written (%s). Check that you may write to its folder."),
                   detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CONSTRAINT,
                   _("Could not save %s: %s"), what, detail);
      break;

    default:
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED,
                   _("Could not save %s: %s"), what, detail);
    }
}

gboolean
ib_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      ib_sqlite_set_error (db, error, rc, _("the change"));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  *rc_out = rc;
  return value;
}

static gboolean
migrate (sqlite3           *db,
         int                from,
         int                schema_version,
         int                application_id,
         IbSqliteMigration  migration,
         GError           **error)
{
  g_autoptr (GError) local_error = NULL;
  int version;

  /* All steps in one transaction: a failure leaves the file exactly as it was. */
  if (!ib_sqlite_exec (db, "BEGIN IMMEDIATE", &local_error))
    goto failed;

  for (version = from + 1; version <= schema_version; version++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!ib_sqlite_exec (db, migration (version), &local_error) ||
          !ib_sqlite_exec (db, pragma, &local_error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_MIGRATION_FAILED,
                       _("Could not upgrade the database to version %d: %s. It has been left as it was."),
                       version, sqlite3_errmsg (db));
          return FALSE;
        }
    }

  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", application_id);

    if (!ib_sqlite_exec (db, pragma, &local_error) || !ib_sqlite_exec (db, "COMMIT", &local_error))
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        goto failed;
      }
  }

  return TRUE;

failed:
  g_set_error (error, IB_STORE_ERROR,
               g_error_matches (local_error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED)
                 ? IB_STORE_ERROR_MIGRATION_FAILED : local_error->code,
               _("Could not prepare the database: %s"), local_error->message);
  return FALSE;
}

static gboolean
open_checked (sqlite3          **db_out,
              const char        *path,
              int                application_id,
              int                schema_version,
              IbSqliteMigration  migration,
              GError           **error)
{
  sqlite3 *db;
  gboolean in_memory = g_str_equal (path, ":memory:");
  gboolean exists = !in_memory && g_file_test (path, G_FILE_TEST_EXISTS);
  int rc, version, app_id, n_tables;

  if (exists && g_access (path, R_OK | W_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open “%s”: %s. It has not been changed."), path, g_strerror (saved));
      return FALSE;
    }

  if (!in_memory && !exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                       _("Cannot create the folder “%s”: %s."), dir, g_strerror (saved));
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (path, db_out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  db = *db_out;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open “%s”: %s."), path, sqlite3_errmsg (db));
      return FALSE;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);

  /* Read before any write: a file we must refuse is left byte-for-byte as it was. */
  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    app_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
                     _("“%s” is damaged or is not a database. It has not been changed."), path);
      else
        g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                     _("Cannot read “%s”: %s. It has not been changed."), path, sqlite3_errmsg (db));
      return FALSE;
    }

  if ((app_id != 0 && app_id != application_id) || (version == 0 && n_tables > 0))
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not of Improvement Board. It has not been changed."),
                   path);
      return FALSE;
    }

  if (version > schema_version)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Improvement Board (database version %d; this version reads up to %d). Update the app to open it. It has not been changed."),
                   path, version, schema_version);
      return FALSE;
    }

  if (!in_memory)
    {
      g_autofree char *mode = NULL;
      g_autoptr (sqlite3_stmt) stmt = NULL;

      rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (g_strcmp0 (mode, "wal") != 0)
        {
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN,
                       _("Cannot write beside “%s” (%s). Check that you may write to its folder. The database has not been changed."),
                       path, sqlite3_errmsg (db));
          return FALSE;
        }
    }

  /* secure_delete: what is deleted is overwritten, so Exempt text purged from a device whose
   * clearance was lowered (or a revoked record) is not left readable in free pages. */
  if (!ib_sqlite_exec (db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", error))
    return FALSE;

  if (version < schema_version &&
      !migrate (db, version, schema_version, application_id, migration, error))
    return FALSE;

  return TRUE;
}

sqlite3 *
ib_sqlite_open (const char        *path,
                int                application_id,
                int                schema_version,
                IbSqliteMigration  migration,
                GError           **error)
{
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (migration != NULL, NULL);

  if (!open_checked (&db, path, application_id, schema_version, migration, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}
