/* ib-store-private.h: internal access for core modules that query the store directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-sqlite.h"
#include "ib-store.h"

G_BEGIN_DECLS

/* Returns the connection, for read queries by core modules (summaries, benchmarks). */
sqlite3    *_ib_store_get_db           (IbStore            *self);

/* Returns a cached prepared statement for @sql, reset and unbound (transfer none). */
sqlite3_stmt *_ib_store_prepare        (IbStore            *self,
                                        const char         *sql,
                                        GError            **error);

/* Builds a record of @type from the current row of a statement that selected
 * _ib_store_columns (@type) (transfer full). */
IbRecord   *_ib_store_record_from_row  (const IbRecordType *type,
                                        sqlite3_stmt       *stmt);

/* Returns the SELECT column list matching _ib_store_record_from_row (transfer full). */
char       *_ib_store_columns          (const IbRecordType *type);

G_END_DECLS
