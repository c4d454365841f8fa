/* ib-reader.h: reading records either through the store's own connection (main thread) or
 * through a read-only connection of its own on the same file (one worker thread), with the
 * same queries, so a model's first load can run off the main thread and come out the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-sqlite.h"
#include "ib-store.h"

G_BEGIN_DECLS

typedef struct _IbReader IbReader;

/* Returns a reader over @store's connection and statement cache; use it on the store's thread. */
IbReader     *ib_reader_new_for_store   (IbStore            *store);

/* Opens @path read-only on a connection of its own, for one thread at a time; NULL with
 * @error when it cannot be opened. */
IbReader     *ib_reader_open            (const char         *path,
                                         GError            **error);

/* Returns TRUE when a store opened on @path can be read apart by ib_reader_open (): a file,
 * not a private in-memory database. */
gboolean      ib_reader_can_open        (const char         *path);

/* Starts a read transaction, so every query until ib_reader_end () sees one committed state. */
void          ib_reader_begin           (IbReader           *self);
/* Ends the read transaction ib_reader_begin () started. */
void          ib_reader_end             (IbReader           *self);

/* Returns a cached prepared statement for @sql, reset and unbound (transfer none), or NULL. */
sqlite3_stmt *ib_reader_prepare         (IbReader           *self,
                                         const char         *sql);

/* Returns the live record of @type with @id, or NULL (transfer full); as ib_store_get (). */
IbRecord     *ib_reader_get             (IbReader           *self,
                                         const IbRecordType *type,
                                         const char         *id);

/* Returns the first record "SELECT … FROM type @where_order" finds, @arg bound to ?1 when
 * not NULL, or NULL (transfer full); as _ib_store_query_one (). */
IbRecord     *ib_reader_query_one       (IbReader           *self,
                                         const IbRecordType *type,
                                         const char         *where_order,
                                         const char         *arg);

/* Returns the live records of @type whose @field is @value, in the type's order, as
 * ib_store_list_where () lists them (IbRecord; transfer full). */
GPtrArray    *ib_reader_list_where      (IbReader           *self,
                                         const IbRecordType *type,
                                         const char         *field,
                                         const char         *value);

/* What a read apart runs on its worker thread: @data is the caller's, filled through @reader. */
typedef void (*IbReaderFunc) (IbReader *reader,
                              gpointer  data);

/* Runs @func (reader, @data) on a worker thread with a reader of its own on @path, then calls
 * @callback on this (the main) thread at idle, one finished read per main-loop iteration;
 * @data, freed with @data_free unless taken back by ib_reader_read_apart_finish (), must not
 * be touched by anyone else meanwhile. */
void          ib_reader_read_apart      (const char          *path,
                                         gpointer             source_object,
                                         GCancellable        *cancellable,
                                         IbReaderFunc         func,
                                         gpointer             data,
                                         GDestroyNotify       data_free,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

/* Returns the @data given to ib_reader_read_apart (), filled (transfer full), or NULL with
 * @error: cancelled, or the file could not be opened again. */
gpointer      ib_reader_read_apart_finish (GAsyncResult      *result,
                                           GError           **error);

/* Closes the reader's own connection, if it has one, and frees it; NULL is ignored. */
void          ib_reader_free            (IbReader           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbReader, ib_reader_free)

G_END_DECLS
