/* ib-store-bootstrap.h: a first sync from a ready database file (docs/sync-protocol.md §4.8, §13.7) —
 * the server builds it from its own feed, the client checks it and copies it in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-store.h"

G_BEGIN_DECLS

/* What a client asks for: the version of the file's contents it understands. Version 2 files
 * carry no server copies (`sync_base`), which a client of version 1 would count on, so a server
 * serves only the version asked for and a client that asks for none takes the feed. */
#define IB_BOOTSTRAP_VERSION "2"
#define IB_BOOTSTRAP_PATH "/v1/bootstrap?version=" IB_BOOTSTRAP_VERSION

/* The largest bootstrap file a client accepts; anything bigger is refused unread. */
#define IB_BOOTSTRAP_MAX_BYTES ((gsize) 512 * 1024 * 1024)

/* Returns a new in-memory database in this version's client schema, for the server to fill
 * with ib_store_sync_apply_page () from its own feed (transfer full). */
IbStore    *ib_store_bootstrap_builder_new     (GError      **error);

/* Finishes a builder: removes everything that is not synced data (device id, cursor, the search
 * index, the other indexes), compacts it and returns the file's bytes (transfer full). The
 * builder is of no further use. */
GBytes     *ib_store_bootstrap_builder_finish  (IbStore      *store,
                                                GError      **error);

/* Returns TRUE when @cursor has the shape of a cursor of docs/sync-protocol.md. */
gboolean    ib_store_bootstrap_cursor_is_valid (const char   *cursor);

/* Copies the bootstrap file @file into the database at @store_path through a connection of its
 * own (so it may run on a worker thread while the main thread keeps reading the old state),
 * and stores @cursor, @role and @clearance, all in one transaction; the statement search index is
 * left to ib_store_bootstrap_build_index (). The file is checked first:
 * size, SQLite header, this version's application id and schema version, quick_check, every
 * expected table with exactly the client's columns, ids in the shape of ids. A file that fails
 * any check, or a database that holds anything already (records, edits waiting, a cursor), is
 * refused with an IB_STORE_ERROR and nothing is written. *@n_records_out counts copied records. */
gboolean    ib_store_bootstrap_copy            (const char   *store_path,
                                                GBytes       *file,
                                                const char   *cursor,
                                                const char   *role,
                                                const char   *clearance,
                                                guint        *n_records_out,
                                                GError      **error);

/* Returns TRUE when the statement search index of @store's file is built and kept up to date;
 * FALSE after a copy, until ib_store_bootstrap_build_index () has run. */
gboolean    ib_store_bootstrap_index_is_built  (IbStore      *store);

/* Builds the statement search index a copy left out, through a connection of its own (so it
 * may run on a worker thread), in one transaction; does nothing when it is built already. */
gboolean    ib_store_bootstrap_build_index     (const char   *store_path,
                                                GError      **error);

/* Tells @store that a copy into its file has committed: its live lists are read again and
 * "changed" is emitted once per record type, with a NULL id. */
void        ib_store_bootstrap_reloaded        (IbStore      *store);

/* Returns TRUE when @store holds nothing from or for the server (no record, no edit waiting,
 * no conflict, no cursor), so that a bootstrap may fill it. */
gboolean    ib_store_bootstrap_can_fill        (IbStore      *store);

G_END_DECLS
