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
  gboolean    public_seen; /* was ever visible to public-only users: they get "revoked" */
  char       *parent_id;
  gboolean    deleted;
  JsonObject *fields;
  char       *updated_at;
  char       *updated_by;
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

/* Returns the record @id (of @type, or of any type when NULL), tombstones included, or NULL. */
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

/* Returns the children of @parent_id (transfer full, IbServerRecord elements). */
GPtrArray      *_ib_server_db_children     (IbServerDb       *self,
                                            const char       *parent_id);

/* Returns TRUE when @identity may see @rec (docs/sync-protocol.md §9). */
gboolean        _ib_server_visible         (IbServerIdentity *identity,
                                            IbServerRecord   *rec);

/* Returns the current server time as UTC ISO 8601 to the second (transfer full). */
char           *_ib_server_now_iso         (void);

/* Returns the stricter of two classes. */
const char     *_ib_server_strictest       (const char       *a,
                                            const char       *b);

G_END_DECLS
