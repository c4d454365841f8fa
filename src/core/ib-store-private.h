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

/* Returns the first record of @type that "SELECT … FROM type @where_order" finds,
 * with @arg bound to ?1 when not NULL (transfer full), or NULL. */
IbRecord   *_ib_store_query_one        (IbStore            *self,
                                        const IbRecordType *type,
                                        const char         *where_order,
                                        const char         *arg);

/* The statements that read and write a whole row of one type, made once per type. */
typedef struct
{
  char *insert;        /* every column, in _ib_store_columns () order */
  char *replace;       /* the same, for the row whose id is ?1 */
  char *select_by_id;  /* _ib_store_columns () of the row whose id is ?1, tombstones included */
  char *rev_by_id;     /* its rev */
} IbStoreRowSql;

/* Returns @type's row statements (transfer none; they live as long as the process). */
const IbStoreRowSql *_ib_store_row_sql (const IbRecordType *type);

/* Returns the SELECT column list matching _ib_store_record_from_row (transfer full). */
char       *_ib_store_columns          (const IbRecordType *type);

/* Returns the query for @type's live records in its order, those whose @field is ?1 when
 * @field is not NULL (transfer full): ib_store_list's and ib_store_list_where's. */
char       *_ib_store_list_sql         (const IbRecordType *type,
                                        const char         *field);

/* Runs @stmt, prepared from _ib_store_list_sql (@type, @field) on any connection to the file,
 * with @value bound when @field is not NULL, and returns its records (transfer full; empty when
 * @stmt is NULL). */
GPtrArray  *_ib_store_read_list        (sqlite3_stmt       *stmt,
                                        const IbRecordType *type,
                                        const char         *field,
                                        const char         *value);

/* Inserts or rewrites @record's row as it is, with no validation, reference check or outbox
 * row: for data the server already accepted. */
gboolean    _ib_store_insert_row       (IbStore            *self,
                                        IbRecord           *record,
                                        GError            **error);
gboolean    _ib_store_replace_row      (IbStore            *self,
                                        IbRecord           *record,
                                        GError            **error);

/* Queues a "changed" notification for after the outermost commit. */
void        _ib_store_queue_change     (IbStore            *self,
                                        const IbRecordType *type,
                                        const char         *id,
                                        IbStoreChange       kind);

/* Reads every live list again and emits "changed" once per type with a NULL id: for data
 * another connection committed to this file (a bootstrap copy). */
void        _ib_store_reload_all       (IbStore            *self);

/* One row, 1 when the statement search index is kept by its triggers (schema 7), 0 while a
 * first sync from a bootstrap file has yet to build it (or in a bootstrap builder). */
#define IB_STATEMENT_TEXT_KEPT_SQL \
  "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'statement_text_insert')"

/* Returns TRUE when the statement search index on @db is kept by its triggers. */
gboolean    _ib_store_statement_index_kept  (sqlite3         *db);

/* Builds the statement search index from the rows and puts back the triggers that keep it, in
 * one transaction on @db; does nothing when the index is kept already. */
gboolean    _ib_store_build_statement_index (sqlite3         *db,
                                             GError         **error);

/* Makes the outermost commit rewrite the statement search index, so text purged from this
 * device leaves no trace in the index's older segments either. */
void        _ib_store_note_text_purged (IbStore            *self);

/* Queues "changed" and then "remote-changed" (@by made it on the server) for after the commit. */
void        _ib_store_queue_remote_change (IbStore            *self,
                                           const IbRecordType *type,
                                           const char         *id,
                                           IbStoreChange       kind,
                                           const char         *by);

/* Returns FALSE when deleting record @id of @type would take away part of an issued pack
 * (the report itself, or a piece of its snapshot); a meeting's delete reaches its packs. */
gboolean    _ib_store_check_delete     (IbStore            *self,
                                        const IbRecordType *type,
                                        const char         *id,
                                        GError            **error);

/* Keeps @as_synced (the row as it stands) as the server's copy of its record, unless edits of
 * this device to it are already waiting, whose copy the pulls keep (docs/sync-protocol.md §13). */
gboolean    _ib_store_keep_base        (IbStore            *self,
                                        IbRecord           *as_synced,
                                        GError            **error);

/* JSON text ↔ object, NULL-safe both ways (transfer full). */
char       *_ib_store_json_text        (JsonObject         *object);
JsonObject *_ib_store_json_object      (const char         *text);

/* Reads stored JSON @text into *@out (NULL when @text is NULL); fails naming @what of @type
 * @id when the text cannot be read, so a caller never merges onto an empty object instead. */
gboolean    _ib_store_json_object_checked (const char      *text,
                                           const char      *what,
                                           const char      *type,
                                           const char      *id,
                                           JsonObject     **out,
                                           GError         **error);

G_END_DECLS
