/* ib-server-db.h: the server's database and the rules of docs/sync-protocol.md, without HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IB_TYPE_SERVER_DB (ib_server_db_get_type ())

G_DECLARE_FINAL_TYPE (IbServerDb, ib_server_db, IB, SERVER_DB, GObject)

#define IB_SERVER_ERROR (ib_server_error_quark ())

/* Each code is one row of docs/sync-protocol.md §3; ib_server_error_status () maps it. */
typedef enum
{
  IB_SERVER_ERROR_INVALID,              /* 400 */
  IB_SERVER_ERROR_UNAUTHORIZED,         /* 401 */
  IB_SERVER_ERROR_FORBIDDEN,            /* 403 */
  IB_SERVER_ERROR_NOT_FOUND,            /* 404 */
  IB_SERVER_ERROR_METHOD_NOT_ALLOWED,   /* 405 */
  IB_SERVER_ERROR_CURSOR_INVALID,       /* 410 */
  IB_SERVER_ERROR_TOO_LARGE,            /* 413 */
  IB_SERVER_ERROR_PROTOCOL_UNSUPPORTED, /* 426 */
  IB_SERVER_ERROR_TOO_MANY_REQUESTS,    /* 429 */
  IB_SERVER_ERROR_FAILED,               /* 500 */
  IB_SERVER_ERROR_UNAVAILABLE,          /* 503 */
  IB_SERVER_ERROR_NEWER_SCHEMA,         /* startup: the database was made by a newer server */
} IbServerError;

typedef enum
{
  IB_ROLE_VIEWER,
  IB_ROLE_EDITOR,
  IB_ROLE_ADMIN,
} IbRole;

/* Who is asking: resolved from a bearer token for every request. */
typedef struct
{
  char    *user;
  IbRole   role;
  gboolean exempt;       /* clearance "exempt"; FALSE means public only */
  char    *device_id;
  char    *token_hash;
} IbServerIdentity;

/* Counts of one push's results, for the request log. */
typedef struct
{
  guint applied, merged, conflict, rejected, replayed;
} IbPushCounts;

GQuark            ib_server_error_quark      (void);

/* Returns the HTTP status for @code. */
guint             ib_server_error_status     (IbServerError     code);

/* Returns the wire's error code ("cursor_invalid", …) for @code. */
const char       *ib_server_error_code       (IbServerError     code);

/* Returns the protocol name of @role, or parses one (returns FALSE for an unknown name). */
const char       *ib_role_to_string          (IbRole            role);
gboolean          ib_role_from_string        (const char       *text,
                                              IbRole           *role);

void              ib_server_identity_free    (IbServerIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbServerIdentity, ib_server_identity_free)

/* Opens or creates the server database at @path (WAL, synchronous=FULL), refusing one made by a
 * newer server or by another program, and leaving such a file untouched. */
IbServerDb       *ib_server_db_open          (const char       *path,
                                              GError          **error);

/* Returns the current epoch: it changes when the database is restored from a backup. */
const char       *ib_server_db_get_epoch     (IbServerDb       *self);

/* Returns the highest committed seq. */
gint64            ib_server_db_get_seq       (IbServerDb       *self);

/* Starts a new epoch, so every client's cursor is refused with 410 and they resync. */
gboolean          ib_server_db_new_epoch     (IbServerDb       *self,
                                              GError          **error);

/* Writes a consistent copy of the database to @dest with SQLite's online backup. */
gboolean          ib_server_db_backup        (IbServerDb       *self,
                                              const char       *dest,
                                              GError          **error);

/* Creates a user, or with @update changes an existing one's role, clearance and (when not
 * NULL) password. Names are 1–64 of [A-Za-z0-9._@-]. */
gboolean          ib_server_db_put_user      (IbServerDb       *self,
                                              const char       *name,
                                              const char       *password,
                                              IbRole            role,
                                              gboolean          exempt,
                                              gboolean          update,
                                              GError          **error);

/* Returns one "name role clearance tokens" line per user (transfer full). */
char             *ib_server_db_describe_users (IbServerDb      *self);

/* Revokes every token of @user; returns how many were live. */
guint             ib_server_db_revoke_user_tokens (IbServerDb  *self,
                                              const char       *user);

/* Checks @user's password and issues a token for @device_id (transfer full), filling
 * @identity_out. A wrong name and a wrong password fail alike, with UNAUTHORIZED. */
char             *ib_server_db_issue_token   (IbServerDb       *self,
                                              const char       *user,
                                              const char       *password,
                                              const char       *device_id,
                                              const char       *device_name,
                                              IbServerIdentity **identity_out,
                                              GError          **error);

/* Resolves a bearer token to its identity, refreshing its idle timer; revoked, expired and
 * unknown tokens fail alike, with UNAUTHORIZED. */
IbServerIdentity *ib_server_db_authenticate  (IbServerDb       *self,
                                              const char       *token,
                                              GError          **error);

/* Revokes the token @identity came from. */
gboolean          ib_server_db_revoke_token  (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              GError          **error);

/* Returns the hello body for @identity (transfer full). */
char             *ib_server_db_hello         (IbServerDb       *self,
                                              IbServerIdentity *identity);

/* Returns one page of the changes feed after @cursor (NULL: a full snapshot) as JSON text,
 * filtered to what @identity may see (transfer full). */
char             *ib_server_db_changes       (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              const char       *cursor,
                                              guint             limit,
                                              GError          **error);

/* Returns the bootstrap file for @identity's clearance (docs/sync-protocol.md §4.8, §13.7): the client
 * schema filled from the feed a reader of that clearance gets, and in *@cursor_out this
 * reader's cursor that follows it (transfer full). When there is no file that may be served,
 * one is built in the background (a feed page per idle slice) and this fails with
 * UNAVAILABLE meanwhile; a file far behind the head is served while its successor is built. */
GBytes           *ib_server_db_bootstrap     (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              char            **cursor_out,
                                              GError          **error);

/* Returns one record in change-entry shape, or NOT_FOUND when it is absent or invisible. */
char             *ib_server_db_get_record    (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              const char       *type,
                                              const char       *id,
                                              GError          **error);

/* Returns one page of the history of a record, newest first, before revision @before (0: from
 * the newest), at most @limit entries: who, when, which device, which fields, old → new. A
 * public-only reader sees only revisions made while the record was visible to them, compared
 * with each other, and no hidden id; NOT_FOUND where GET would be. */
char             *ib_server_db_history       (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              const char       *type,
                                              const char       *id,
                                              gint64            before,
                                              guint             limit,
                                              GError          **error);

/* Applies a push body in one transaction, each mutation in its own savepoint, and returns
 * the results body (transfer full). Whole-request failures (not JSON, viewer) set @error. */
char             *ib_server_db_push          (IbServerDb       *self,
                                              IbServerIdentity *identity,
                                              const char       *body,
                                              gsize             length,
                                              IbPushCounts     *counts,
                                              GError          **error);

G_END_DECLS
