/* ib-server-db-private.h: record access shared by ib-server-db.c and ib-server-push.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-server-db.h"
#include "ib-sqlite.h"

G_BEGIN_DECLS

/* One row of the records table. Conflicts are records too, of type "conflict". */
typedef struct
{
  char       *type;
  char       *id;
  gint64      rev;
  gint64      seq;
  char       *klass;
  int         paragraph;
  char       *eff_class;   /* the strictest class of the record and its ancestors */
  char       *parent_id;
  gboolean    deleted;
  JsonObject *fields;
  char       *updated_at;
  char       *updated_by;
  char       *updated_device; /* the device of the change being written, for its revision */
} IbServerRecord;

void            _ib_server_record_free     (IbServerRecord   *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbServerRecord, _ib_server_record_free)

/* Returns a cached statement for @sql, reset and unbound (transfer none); aborts on bad SQL,
 * which is a programmer error, never input. */
sqlite3_stmt   *_ib_server_db_prepare      (IbServerDb       *self,
                                            const char       *sql);

/* Runs @sql (no results), setting IB_SERVER_ERROR_FAILED or _UNAVAILABLE on failure. */
gboolean        _ib_server_db_exec         (IbServerDb       *self,
                                            const char       *sql,
                                            GError          **error);

/* Converts a SQLite failure into an IB_SERVER_ERROR that says nothing about the data. */
void            _ib_server_db_set_error    (IbServerDb       *self,
                                            GError          **error,
                                            int               rc);

/* Returns the record @id (of @type, or of any type when NULL), tombstones included, or NULL.
 * A row whose stored fields cannot be read is returned as NULL and noted as damage, which
 * _ib_server_db_take_damage () then turns into a failure of the whole request. */
IbServerRecord *_ib_server_db_load         (IbServerDb       *self,
                                            const char       *type,
                                            const char       *id);

/* Returns the next global seq inside the current transaction. */
gint64          _ib_server_db_next_seq     (IbServerDb       *self);

/* Writes @rec (insert or replace) and, when @changed is not NULL, its revision row. */
gboolean        _ib_server_db_write        (IbServerDb       *self,
                                            IbServerRecord   *rec,
                                            JsonArray        *changed,
                                            const char       *mid,
                                            GError          **error);

/* Returns the children of @parent_id (transfer full, IbServerRecord elements); damaged ones
 * are noted as damage and left out. */
GPtrArray      *_ib_server_db_children     (IbServerDb       *self,
                                            const char       *parent_id);

/* Logs that the stored @what of @type @id cannot be read, and remembers it for the request. */
void            _ib_server_db_note_damage  (IbServerDb       *self,
                                            const char       *type,
                                            const char       *id,
                                            const char       *what);

/* Returns FALSE, with @error, when a damaged record was read since the last call; the caller
 * must then undo what it wrote (the request fails, naming no record to the client). */
gboolean        _ib_server_db_take_damage  (IbServerDb       *self,
                                            GError          **error);

/* Returns the ids of every record @identity may not see (transfer full), or NULL when they may
 * see everything. */
GHashTable     *_ib_server_db_hidden_ids   (IbServerDb       *self,
                                            IbServerIdentity *identity);

/* Removes from @object, at any depth, every member whose value is an id in @hidden and every
 * such id in a list; does nothing when @hidden is NULL. */
void            _ib_server_project_object  (JsonObject       *object,
                                            GHashTable       *hidden);

/* Returns TRUE when @identity may see @rec (docs/sync-protocol.md §9). */
gboolean        _ib_server_visible         (IbServerIdentity *identity,
                                            IbServerRecord   *rec);

/* Returns the current server time as UTC ISO 8601 to the second (transfer full). */
char           *_ib_server_now_iso         (void);

/* Returns the stricter of two classes. */
const char     *_ib_server_strictest       (const char       *a,
                                            const char       *b);

G_END_DECLS
