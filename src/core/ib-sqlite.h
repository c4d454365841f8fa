/* ib-sqlite.h: opening, migrating and reporting on SQLite files, for the app and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ib-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Returns the SQL that takes a database from @version - 1 to @version, or NULL past the last. */
typedef const char *(*IbSqliteMigration) (int version);

/* Opens or creates @path (":memory:" for a private one) in WAL mode with synchronous=FULL and
 * foreign keys on, then runs @migration's steps up to @schema_version in one transaction.
 * A file of another program (by @application_id), of a newer schema, or damaged is refused
 * with an IB_STORE_ERROR and left byte-for-byte as it was. */
sqlite3    *ib_sqlite_open       (const char        *path,
                                  int                application_id,
                                  int                schema_version,
                                  IbSqliteMigration  migration,
                                  GError           **error);

/* Runs @sql, which returns no rows, setting an IB_STORE_ERROR on failure. */
gboolean    ib_sqlite_exec       (sqlite3           *db,
                                  const char        *sql,
                                  GError           **error);

/* Converts a SQLite failure code into an IB_STORE_ERROR a person can act on; @what names
 * the thing that could not be saved ("the change"). */
void        ib_sqlite_set_error  (sqlite3           *db,
                                  GError           **error,
                                  int                rc,
                                  const char        *what);

G_END_DECLS
