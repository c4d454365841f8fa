/* ib-server-db.c
 *
 * The server's database: users, tokens, records with their revision history, the replay
 * store, and the changes feed. Records of every type share one table, keyed by their
 * client-made UUID, because the server never interprets fields beyond validating them with
 * the shared codec: that keeps unknown fields from newer clients intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-server-db"

#include "config.h"

#include "ib-json-text.h"
#include "ib-record-json.h"
#include "ib-mutation.h"
#include "ib-server-auth.h"
#include "ib-server-db-private.h"
#include "ib-server-fault.h"
#include "ib-store-bootstrap.h"
#include "ib-store-sync.h"

/* "IBSV": a server database can never be opened as an app database, nor the other way. */
#define SERVER_APPLICATION_ID 0x49425356
#define SERVER_SCHEMA_VERSION 3
/* A token's idle timer is written at most this often, so reads stay reads. */
#define TOKEN_TOUCH_SECONDS 3600

struct _IbServerDb
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *epoch;
  GHashTable *statements;
  GError     *damage;     /* the first stored record that could not be read, until taken */

  /* The last bootstrap file of each clearance (0 public, 1 exempt), with the epoch and seq it
   * was built at. */
  GBytes     *boot_file[2];
  char       *boot_epoch[2];
  gint64      boot_seq[2];
  /* A build under way, a feed page at a time in idle slices, then finished on a worker. */
  IbStore    *build_store[2];
  char       *build_cursor[2];
  guint       build_id[2];
  gboolean    build_finishing[2];
  gint64      build_started[2];
};

G_DEFINE_FINAL_TYPE (IbServerDb, ib_server_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (ib-server-error-quark, ib_server_error)

static const char schema_1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"

  "CREATE TABLE users ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),"
  "  clearance TEXT NOT NULL CHECK (clearance IN ('public', 'exempt')),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);"

  /* Only the SHA-256 of a token is kept: a copy of this file opens no account. */
  "CREATE TABLE tokens ("
  "  hash TEXT PRIMARY KEY NOT NULL,"
  "  user TEXT NOT NULL REFERENCES users (name),"
  "  device_id TEXT,"
  "  device_name TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  last_used INTEGER NOT NULL,"
  "  revoked_at INTEGER);"
  "CREATE INDEX tokens_user ON tokens (user);"

  "CREATE TABLE records ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  type TEXT NOT NULL,"
  "  rev INTEGER NOT NULL CHECK (rev >= 1),"
  "  seq INTEGER NOT NULL,"
  "  class TEXT NOT NULL CHECK (class IN ('public', 'exempt')),"
  "  exempt_paragraph INTEGER,"
  "  eff_class TEXT NOT NULL CHECK (eff_class IN ('public', 'exempt')),"
  "  public_seen INTEGER NOT NULL DEFAULT 0,"
  "  parent_id TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  fields TEXT NOT NULL,"
  "  updated_at TEXT,"
  "  updated_by TEXT);"
  "CREATE UNIQUE INDEX records_seq ON records (seq);"
  "CREATE INDEX records_parent ON records (parent_id);"
  /* docs/sync-protocol.md: (indicator, period) is unique among live measurements. */
  "CREATE UNIQUE INDEX records_measurement_key ON records"
  "  (json_extract (fields, '$.indicator'), json_extract (fields, '$.period'))"
  "  WHERE type = 'measurement' AND deleted = 0;"

  /* Every revision, in full: the merge rule reads which fields changed after a base
   * revision, and a deleted record's content stays here for an admin to restore. */
  "CREATE TABLE revisions ("
  "  id TEXT NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  type TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  class TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  changed TEXT NOT NULL,"
  "  by TEXT,"
  "  at TEXT NOT NULL,"
  "  mid TEXT,"
  "  PRIMARY KEY (id, rev));"

  /* The replay store: kept forever, written in the same transaction as the effect. */
  "CREATE TABLE idempotency ("
  "  user TEXT NOT NULL,"
  "  mid TEXT NOT NULL,"
  "  body_hash TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  record_id TEXT,"
  "  created_at TEXT NOT NULL,"
  "  PRIMARY KEY (user, mid));";

/* Who could have seen a record is a matter of when: each change of a record's effective class
 * is kept with its seq, so the feed can tell a reader "revoked" only about a record that was
 * visible to them at some time while they were syncing. Rows from before version 2 carry no
 * history: a record once seen by public-only users counts as public from the start until now. */
static const char schema_2[] =
  "CREATE TABLE visibility ("
  "  id TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  eff_class TEXT NOT NULL CHECK (eff_class IN ('public', 'exempt')),"
  "  PRIMARY KEY (id, seq)) WITHOUT ROWID;"
  "INSERT INTO visibility (id, seq, eff_class)"
  "  SELECT id, 0, CASE WHEN eff_class = 'public' OR public_seen = 1 THEN 'public' ELSE 'exempt' END FROM records;"
  "INSERT INTO visibility (id, seq, eff_class)"
  "  SELECT id, seq, 'exempt' FROM records WHERE eff_class = 'exempt' AND public_seen = 1;"
  "ALTER TABLE records DROP COLUMN public_seen;";

/* Version 3: a revision names the device it came from, for the history a record shows. */
static const char schema_3[] =
  "ALTER TABLE revisions ADD COLUMN device TEXT;";

static const char *
server_migration (int version)
{
  switch (version)
    {
    case 1: return schema_1;
    case 2: return schema_2;
    case 3: return schema_3;
    default: return NULL;
    }
}

/* Errors and small helpers */

guint
ib_server_error_status (IbServerError code)
{
  switch (code)
    {
    case IB_SERVER_ERROR_INVALID: return 400;
    case IB_SERVER_ERROR_UNAUTHORIZED: return 401;
    case IB_SERVER_ERROR_FORBIDDEN: return 403;
    case IB_SERVER_ERROR_NOT_FOUND: return 404;
    case IB_SERVER_ERROR_METHOD_NOT_ALLOWED: return 405;
    case IB_SERVER_ERROR_CURSOR_INVALID: return 410;
    case IB_SERVER_ERROR_TOO_LARGE: return 413;
    case IB_SERVER_ERROR_PROTOCOL_UNSUPPORTED: return 426;
    case IB_SERVER_ERROR_TOO_MANY_REQUESTS: return 429;
    case IB_SERVER_ERROR_UNAVAILABLE: return 503;
    case IB_SERVER_ERROR_FAILED:
    case IB_SERVER_ERROR_NEWER_SCHEMA:
    default: return 500;
    }
}

const char *
ib_server_error_code (IbServerError code)
{
  switch (code)
    {
    case IB_SERVER_ERROR_INVALID: return "invalid";
    case IB_SERVER_ERROR_UNAUTHORIZED: return "unauthorized";
    case IB_SERVER_ERROR_FORBIDDEN: return "forbidden";
    case IB_SERVER_ERROR_NOT_FOUND: return "not_found";
    case IB_SERVER_ERROR_METHOD_NOT_ALLOWED: return "method_not_allowed";
    case IB_SERVER_ERROR_CURSOR_INVALID: return "cursor_invalid";
    case IB_SERVER_ERROR_TOO_LARGE: return "too_large";
    case IB_SERVER_ERROR_PROTOCOL_UNSUPPORTED: return "protocol_unsupported";
    case IB_SERVER_ERROR_TOO_MANY_REQUESTS: return "too_many_requests";
    case IB_SERVER_ERROR_UNAVAILABLE: return "unavailable";
    case IB_SERVER_ERROR_FAILED:
    case IB_SERVER_ERROR_NEWER_SCHEMA:
    default: return "internal";
    }
}

static const char * const role_names[] = { "viewer", "editor", "admin" };

const char *
ib_role_to_string (IbRole role)
{
  g_return_val_if_fail (role <= IB_ROLE_ADMIN, NULL);
  return role_names[role];
}

gboolean
ib_role_from_string (const char *text,
                     IbRole     *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (IbRole) i;
        return TRUE;
      }

  return FALSE;
}

void
ib_server_identity_free (IbServerIdentity *identity)
{
  if (identity == NULL)
    return;

  g_free (identity->user);
  g_free (identity->device_id);
  g_free (identity->token_hash);
  g_free (identity);
}

void
_ib_server_record_free (IbServerRecord *rec)
{
  if (rec == NULL)
    return;

  g_free (rec->type);
  g_free (rec->id);
  g_free (rec->klass);
  g_free (rec->eff_class);
  g_free (rec->parent_id);
  g_clear_pointer (&rec->fields, json_object_unref);
  g_free (rec->updated_at);
  g_free (rec->updated_by);
  g_free (rec->updated_device);
  g_free (rec);
}

char *
_ib_server_now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (ib_server_now () / G_USEC_PER_SEC);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
_ib_server_strictest (const char *a,
                      const char *b)
{
  return (g_strcmp0 (a, "exempt") == 0 || g_strcmp0 (b, "exempt") == 0) ? "exempt" : "public";
}

gboolean
_ib_server_visible (IbServerIdentity *identity,
                    IbServerRecord   *rec)
{
  return identity->exempt || g_strcmp0 (rec->eff_class, "public") == 0;
}

void
_ib_server_db_set_error (IbServerDb  *self,
                         GError     **error,
                         int          rc)
{
  /* The log gets SQLite's words; the client gets a code and a sentence with no data in it. */
  g_warning ("database: %s (%d)", sqlite3_errmsg (self->db), rc);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || (rc & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_UNAVAILABLE,
                         "The server cannot write its database just now. Try again later.");
  else
    g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_FAILED,
                         "The server could not complete the request.");
}

sqlite3_stmt *
_ib_server_db_prepare (IbServerDb *self,
                       const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        g_error ("Bad server SQL (%s): %s", sqlite3_errmsg (self->db), sql);
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

gboolean
_ib_server_db_exec (IbServerDb  *self,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _ib_server_db_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static gboolean
step_done (IbServerDb    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _ib_server_db_set_error (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static char *
get_meta (IbServerDb *self,
          const char *key)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self, "SELECT value FROM meta WHERE key = ?1");
  char *value = NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static gboolean
set_meta (IbServerDb  *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static char *
random_hex (gsize n_bytes)
{
  g_autofree guint8 *raw = g_malloc (n_bytes);
  GString *out = g_string_sized_new (n_bytes * 2);

  ib_random_bytes (raw, n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (out, "%02x", raw[i]);

  return g_string_free (out, FALSE);
}

/* Records */

#define RECORD_COLUMNS \
  "id, type, rev, seq, class, exempt_paragraph, eff_class, parent_id, deleted," \
  " fields, updated_at, updated_by"
/* What the feed and GET copy into a page, and whether it is a JSON object SQLite can read:
 * stored text goes out as it is, so it is checked as it goes. */
#define ENTRY_COLUMNS RECORD_COLUMNS \
  ", CASE WHEN json_valid (fields) THEN json_type (fields) = 'object' ELSE 0 END"

void
_ib_server_db_note_damage (IbServerDb *self,
                           const char *type,
                           const char *id,
                           const char *what)
{
  /* The log names the record for the administrator; the client is told only that the server
   * cannot go on, since the record may be one it is not allowed to know of. */
  g_warning ("damaged record: the stored %s of %s %s cannot be read; nothing that needs it is written"
             " until it is repaired", what, type, id);
  if (self->damage == NULL)
    self->damage = g_error_new (IB_SERVER_ERROR, IB_SERVER_ERROR_FAILED,
                                "A record this request needs is damaged on the server, so nothing was changed. "
                                "The server's log names it for the administrator.");
}

gboolean
_ib_server_db_take_damage (IbServerDb  *self,
                           GError     **error)
{
  if (self->damage == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&self->damage));
  return FALSE;
}

/* Returns the row as a record, or NULL (noting the damage) when its stored fields cannot be
 * read: a record is never handed on with its fields silently empty. */
static IbServerRecord *
record_from_row (IbServerDb   *self,
                 sqlite3_stmt *stmt)
{
  g_autoptr (IbServerRecord) rec = g_new0 (IbServerRecord, 1);
  g_autoptr (JsonNode) fields = NULL;
  const char *text = column_text (stmt, 9);

  rec->id = g_strdup (column_text (stmt, 0));
  rec->type = g_strdup (column_text (stmt, 1));

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    fields = json_from_string (text, NULL);
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    {
      _ib_server_db_note_damage (self, rec->type, rec->id, "fields");
      return NULL;
    }

  rec->rev = sqlite3_column_int64 (stmt, 2);
  rec->seq = sqlite3_column_int64 (stmt, 3);
  rec->klass = g_strdup (column_text (stmt, 4));
  rec->paragraph = sqlite3_column_int (stmt, 5);
  rec->eff_class = g_strdup (column_text (stmt, 6));
  rec->parent_id = g_strdup (column_text (stmt, 7));
  rec->deleted = sqlite3_column_int (stmt, 8) != 0;
  rec->fields = json_object_ref (json_node_get_object (fields));
  rec->updated_at = g_strdup (column_text (stmt, 10));
  rec->updated_by = g_strdup (column_text (stmt, 11));

  return g_steal_pointer (&rec);
}

IbServerRecord *
_ib_server_db_load (IbServerDb *self,
                    const char *type,
                    const char *id)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self, "SELECT " RECORD_COLUMNS " FROM records WHERE id = ?1");
  IbServerRecord *rec = NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && (type == NULL || g_strcmp0 (column_text (stmt, 1), type) == 0))
    rec = record_from_row (self, stmt);
  sqlite3_reset (stmt);

  return rec;
}

GPtrArray *
_ib_server_db_children (IbServerDb *self,
                        const char *parent_id)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "SELECT " RECORD_COLUMNS " FROM records WHERE parent_id = ?1 ORDER BY seq");
  GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) _ib_server_record_free);

  sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      IbServerRecord *child = record_from_row (self, stmt);

      if (child != NULL)
        g_ptr_array_add (children, child);
    }
  sqlite3_reset (stmt);

  return children;
}

gint64
_ib_server_db_next_seq (IbServerDb *self)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self, "SELECT coalesce (max (seq), 0) + 1 FROM records");
  gint64 seq = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return seq;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Keeps the visibility history: a row whenever a record's effective class is new or changes. */
static gboolean
note_visibility (IbServerDb      *self,
                 IbServerRecord  *rec,
                 GError         **error)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "SELECT eff_class FROM visibility WHERE id = ?1 ORDER BY seq DESC LIMIT 1");
  gboolean same = FALSE;

  sqlite3_bind_text (stmt, 1, rec->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = g_strcmp0 (column_text (stmt, 0), rec->eff_class) == 0;
  sqlite3_reset (stmt);
  if (same)
    return TRUE;

  stmt = _ib_server_db_prepare (self, "INSERT INTO visibility (id, seq, eff_class) VALUES (?1, ?2, ?3)");
  sqlite3_bind_text (stmt, 1, rec->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rec->seq);
  sqlite3_bind_text (stmt, 3, rec->eff_class, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

gboolean
_ib_server_db_write (IbServerDb      *self,
                     IbServerRecord  *rec,
                     JsonArray       *changed,
                     const char      *mid,
                     GError         **error)
{
  g_autofree char *fields = object_to_string (rec->fields);
  sqlite3_stmt *stmt;

  stmt = _ib_server_db_prepare (self,
    "INSERT INTO records (" RECORD_COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq,"
    "  class = excluded.class, exempt_paragraph = excluded.exempt_paragraph,"
    "  eff_class = excluded.eff_class,"
    "  parent_id = excluded.parent_id, deleted = excluded.deleted, fields = excluded.fields,"
    "  updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  sqlite3_bind_text (stmt, 1, rec->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rec->type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rec->rev);
  sqlite3_bind_int64 (stmt, 4, rec->seq);
  sqlite3_bind_text (stmt, 5, rec->klass, -1, SQLITE_STATIC);
  if (rec->paragraph > 0)
    sqlite3_bind_int (stmt, 6, rec->paragraph);
  sqlite3_bind_text (stmt, 7, rec->eff_class, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, rec->parent_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, rec->deleted);
  sqlite3_bind_text (stmt, 10, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, rec->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, rec->updated_by, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error) || !note_visibility (self, rec, error))
    return FALSE;

  if (changed != NULL)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), changed);
      g_autofree char *changed_text = json_to_string (node, FALSE);

      stmt = _ib_server_db_prepare (self,
        "INSERT INTO revisions (id, rev, type, seq, class, deleted, fields, changed, by, at, mid, device)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
      sqlite3_bind_text (stmt, 1, rec->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, rec->rev);
      sqlite3_bind_text (stmt, 3, rec->type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, rec->seq);
      sqlite3_bind_text (stmt, 5, rec->klass, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, rec->deleted);
      sqlite3_bind_text (stmt, 7, fields, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, changed_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, rec->updated_by, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, rec->updated_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, mid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, rec->updated_device, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Change entries, written by hand: the feed is the hot path, and stored fields are
 * already JSON text, so they are copied, never parsed. */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* Reference projection: a public-only reader never sees the id of a record they may not see,
 * not even inside a record they may (a Public action's "linked_risks", a meeting). */

GHashTable *
_ib_server_db_hidden_ids (IbServerDb       *self,
                          IbServerIdentity *identity)
{
  sqlite3_stmt *stmt;
  GHashTable *hidden;

  if (identity->exempt)
    return NULL;

  hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = _ib_server_db_prepare (self, "SELECT id FROM records WHERE eff_class = 'exempt'");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (hidden, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return hidden;
}

static gboolean
is_hidden_id (JsonNode   *node,
              GHashTable *hidden)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_hash_table_contains (hidden, json_node_get_string (node));
}

/* Every member whose value is a hidden id goes, and every hidden id in a list: a reference
 * field of a known type, a newer peer's field, or the fields a conflict keeps. */
static void
project_node (JsonNode   *node,
              GHashTable *hidden)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (is_hidden_id (member, hidden))
            json_object_remove_member (object, l->data);
          else
            project_node (member, hidden);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonNode *element = json_array_get_element (array, i - 1);

          if (is_hidden_id (element, hidden))
            json_array_remove_element (array, i - 1);
          else
            project_node (element, hidden);
        }
    }
}

/* Returns TRUE when @text (JSON) holds a string equal to a hidden id: ids travel as exactly
 * 36 characters between quotes, so a pass over the quotes finds them without parsing. */
static gboolean
mentions_hidden (const char *text,
                 GHashTable *hidden)
{
  gsize n = strlen (text);

  if (hidden == NULL || g_hash_table_size (hidden) == 0)
    return FALSE;

  for (const char *q = strchr (text, '"'); q != NULL; q = strchr (q + 1, '"'))
    {
      char id[37];

      if ((gsize) (q - text) + 37 >= n || q[37] != '"')
        continue;
      memcpy (id, q + 1, 36);
      id[36] = '\0';
      if (g_hash_table_contains (hidden, id))
        return TRUE;
    }

  return FALSE;
}

void
_ib_server_project_object (JsonObject *object,
                           GHashTable *hidden)
{
  g_autoptr (JsonNode) node = NULL;

  if (hidden == NULL || object == NULL)
    return;

  node = json_node_init_object (json_node_alloc (), object);
  project_node (node, hidden);
}

/* Appends the entry for a row selected with ENTRY_COLUMNS, as @identity may see it, with the
 * ids in @hidden left out of its fields. Returns FALSE, appending nothing, for a row whose
 * stored fields are damaged: sending them would make the whole page unreadable. */
static gboolean
append_entry (GString          *out,
              sqlite3_stmt     *stmt,
              IbServerIdentity *identity,
              GHashTable       *hidden)
{
  gboolean visible = identity->exempt || g_strcmp0 (column_text (stmt, 6), "public") == 0;
  const char *fields = column_text (stmt, 9);
  g_autofree char *projected = NULL;
  gsize start = out->len;

  if (visible && sqlite3_column_int (stmt, 8) == 0 &&
      (fields == NULL || sqlite3_column_int (stmt, 12) == 0 || !g_utf8_validate (fields, -1, NULL) ||
       !ib_json_text_scan (fields, strlen (fields), NULL, NULL, NULL)))
    {
      g_warning ("damaged record: the stored fields of %s %s are not a JSON object of valid text; left out"
                 " until they are repaired", column_text (stmt, 1), column_text (stmt, 0));
      return FALSE;
    }

  g_string_append (out, "{\"type\":");
  append_json_string (out, column_text (stmt, 1));
  g_string_append (out, ",\"id\":");
  append_json_string (out, column_text (stmt, 0));

  if (!visible)
    {
      g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT ",\"revoked\":true}",
                              (gint64) sqlite3_column_int64 (stmt, 3));
      return TRUE;
    }

  g_string_append_printf (out, ",\"rev\":%" G_GINT64_FORMAT ",\"seq\":%" G_GINT64_FORMAT ",\"class\":",
                          (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3));
  append_json_string (out, column_text (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    g_string_append_printf (out, ",\"exempt_paragraph\":%d", sqlite3_column_int (stmt, 5));

  if (sqlite3_column_int (stmt, 8) != 0)
    {
      g_string_append (out, ",\"deleted\":true}");
      return TRUE;
    }

  if (mentions_hidden (fields, hidden))
    {
      g_autoptr (JsonNode) node = json_from_string (fields, NULL);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_warning ("damaged record: the stored fields of %s %s cannot be read; left out of the feed"
                     " until they are repaired", column_text (stmt, 1), column_text (stmt, 0));
          g_string_truncate (out, start);
          return FALSE;
        }
      project_node (node, hidden);
      projected = json_to_string (node, FALSE);
      fields = projected;
    }

  if (column_text (stmt, 10) != NULL)
    {
      g_string_append (out, ",\"updated_at\":");
      append_json_string (out, column_text (stmt, 10));
    }
  if (column_text (stmt, 11) != NULL)
    {
      g_string_append (out, ",\"updated_by\":");
      append_json_string (out, column_text (stmt, 11));
    }
  g_string_append (out, ",\"fields\":");
  g_string_append (out, fields);
  g_string_append_c (out, '}');
  return TRUE;
}

/* Opening */

static gboolean
ensure_epoch (IbServerDb  *self,
              GError     **error)
{
  self->epoch = get_meta (self, "epoch");
  if (self->epoch != NULL)
    return TRUE;

  {
    g_autofree char *now = _ib_server_now_iso ();

    self->epoch = random_hex (4);
    return set_meta (self, "epoch", self->epoch, error) &&
           set_meta (self, "created_at", now, error);
  }
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void bootstrap_build_clear (IbServerDb *self,
                                   gboolean    exempt);

static void
ib_server_db_finalize (GObject *object)
{
  IbServerDb *self = (IbServerDb *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->epoch);
  for (guint i = 0; i < G_N_ELEMENTS (self->boot_file); i++)
    {
      bootstrap_build_clear (self, i);
      g_clear_pointer (&self->boot_file[i], g_bytes_unref);
      g_free (self->boot_epoch[i]);
    }

  G_OBJECT_CLASS (ib_server_db_parent_class)->finalize (object);
}

static void
ib_server_db_class_init (IbServerDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_server_db_finalize;
}

static void
ib_server_db_init (IbServerDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
}

/* Public API */

IbServerDb *
ib_server_db_open (const char  *path,
                   GError     **error)
{
  g_autoptr (IbServerDb) self = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (IB_TYPE_SERVER_DB, NULL);
  self->path = g_strdup (path);
  self->db = ib_sqlite_open (path, SERVER_APPLICATION_ID, SERVER_SCHEMA_VERSION,
                             server_migration, &local_error);
  if (self->db == NULL)
    {
      g_set_error_literal (error, IB_SERVER_ERROR,
                           g_error_matches (local_error, IB_STORE_ERROR, IB_STORE_ERROR_NEWER_SCHEMA)
                             ? IB_SERVER_ERROR_NEWER_SCHEMA : IB_SERVER_ERROR_FAILED,
                           local_error->message);
      return NULL;
    }

  if (!ensure_epoch (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ib_server_db_get_epoch (IbServerDb *self)
{
  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);
  return self->epoch;
}

gint64
ib_server_db_get_seq (IbServerDb *self)
{
  g_return_val_if_fail (IB_IS_SERVER_DB (self), 0);
  return _ib_server_db_next_seq (self) - 1;
}

gboolean
ib_server_db_new_epoch (IbServerDb  *self,
                        GError     **error)
{
  g_autofree char *epoch = random_hex (4);

  g_return_val_if_fail (IB_IS_SERVER_DB (self), FALSE);

  if (!set_meta (self, "epoch", epoch, error))
    return FALSE;

  g_free (self->epoch);
  self->epoch = g_steal_pointer (&epoch);
  return TRUE;
}

gboolean
ib_server_db_backup (IbServerDb  *self,
                     const char  *dest,
                     GError     **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), FALSE);

  rc = sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (out, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (out);
    }

  if (rc != SQLITE_OK)
    g_set_error (error, IB_SERVER_ERROR, IB_SERVER_ERROR_FAILED,
                 "Could not write the backup “%s”: %s", dest,
                 out != NULL ? sqlite3_errmsg (out) : sqlite3_errstr (rc));
  sqlite3_close (out);

  return rc == SQLITE_OK;
}

static gboolean
user_name_is_valid (const char *name)
{
  gsize n = name != NULL ? strlen (name) : 0;

  if (n == 0 || n > 64)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._@-", *p) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
ib_server_db_put_user (IbServerDb  *self,
                       const char  *name,
                       const char  *password,
                       IbRole       role,
                       gboolean     exempt,
                       gboolean     update,
                       GError     **error)
{
  g_autofree char *hash = NULL, *now = _ib_server_now_iso ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), FALSE);

  if (!user_name_is_valid (name))
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID,
                           "A user name is 1 to 64 letters, digits and . _ @ -");
      return FALSE;
    }

  if (password != NULL)
    {
      if (g_utf8_strlen (password, -1) < 8)
        {
          g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID,
                               "A password must be at least 8 characters long.");
          return FALSE;
        }
      hash = ib_password_hash (password, error);
      if (hash == NULL)
        return FALSE;
    }
  else if (!update)
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID,
                           "A new user needs a password.");
      return FALSE;
    }

  if (update)
    stmt = _ib_server_db_prepare (self,
      "UPDATE users SET role = ?2, clearance = ?3, updated_at = ?4,"
      " password_hash = coalesce (?5, password_hash) WHERE name = ?1");
  else
    stmt = _ib_server_db_prepare (self,
      "INSERT INTO users (name, role, clearance, created_at, updated_at, password_hash)"
      " VALUES (?1, ?2, ?3, ?4, ?4, ?5)");

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ib_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, exempt ? "exempt" : "public", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID,
                   "There is already a user called “%s”.", name);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (update && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, IB_SERVER_ERROR, IB_SERVER_ERROR_NOT_FOUND,
                   "There is no user called “%s”.", name);
      return FALSE;
    }

  return TRUE;
}

char *
ib_server_db_describe_users (IbServerDb *self)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "SELECT name, role, clearance,"
    " (SELECT count (*) FROM tokens t WHERE t.user = u.name AND t.revoked_at IS NULL)"
    " FROM users u ORDER BY name");
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\t%s\t%s\t%d\n", column_text (stmt, 0), column_text (stmt, 1),
                            column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  sqlite3_reset (stmt);

  return g_string_free (out, FALSE);
}

guint
ib_server_db_revoke_user_tokens (IbServerDb *self,
                                 const char *user)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "UPDATE tokens SET revoked_at = ?2 WHERE user = ?1 AND revoked_at IS NULL");

  sqlite3_bind_text (stmt, 1, user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, ib_server_now () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, NULL))
    return 0;

  return (guint) sqlite3_changes (self->db);
}

static IbServerIdentity *
identity_from_user (IbServerDb *self,
                    const char *user)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self, "SELECT role, clearance FROM users WHERE name = ?1");
  IbServerIdentity *identity = NULL;
  IbRole role;

  sqlite3_bind_text (stmt, 1, user, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && ib_role_from_string (column_text (stmt, 0), &role))
    {
      identity = g_new0 (IbServerIdentity, 1);
      identity->user = g_strdup (user);
      identity->role = role;
      identity->exempt = g_strcmp0 (column_text (stmt, 1), "exempt") == 0;
    }
  sqlite3_reset (stmt);

  return identity;
}

static gboolean
unauthorized (GError    **error,
              const char *message)
{
  g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_UNAUTHORIZED, message);
  return FALSE;
}

char *
ib_server_db_issue_token (IbServerDb        *self,
                          const char        *user,
                          const char        *password,
                          const char        *device_id,
                          const char        *device_name,
                          IbServerIdentity **identity_out,
                          GError           **error)
{
  g_autoptr (IbServerIdentity) identity = NULL;
  g_autofree char *stored = NULL, *token = NULL, *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 now = ib_server_now () / G_USEC_PER_SEC;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  stmt = _ib_server_db_prepare (self, "SELECT password_hash FROM users WHERE name = ?1");
  sqlite3_bind_text (stmt, 1, user, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  ib_fault_point ("auth.after_lookup");

  /* An unknown user costs the same scrypt run as a wrong password, so timing tells nothing. */
  if (stored == NULL)
    {
      ib_password_verify (password, "scrypt$16$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
      return unauthorized (error, "The user name or password is not right."), NULL;
    }
  if (!ib_password_verify (password, stored))
    return unauthorized (error, "The user name or password is not right."), NULL;

  identity = identity_from_user (self, user);
  if (identity == NULL)
    return unauthorized (error, "The user name or password is not right."), NULL;

  token = ib_token_new ();
  hash = ib_token_hash (token);

  stmt = _ib_server_db_prepare (self,
    "INSERT INTO tokens (hash, user, device_id, device_name, created_at, last_used)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, device_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!step_done (self, stmt, error))
    return NULL;

  identity->device_id = g_strdup (device_id);
  identity->token_hash = g_steal_pointer (&hash);
  if (identity_out != NULL)
    *identity_out = g_steal_pointer (&identity);

  return g_steal_pointer (&token);
}

IbServerIdentity *
ib_server_db_authenticate (IbServerDb  *self,
                           const char  *token,
                           GError     **error)
{
  g_autoptr (IbServerIdentity) identity = NULL;
  g_autofree char *hash = NULL, *user = NULL, *device_id = NULL;
  sqlite3_stmt *stmt;
  gint64 now = ib_server_now () / G_USEC_PER_SEC, last_used = 0;
  gboolean live = FALSE;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  if (token == NULL || strlen (token) < 40 || strlen (token) > 64)
    return unauthorized (error, "Sign in again: the token is not valid."), NULL;

  hash = ib_token_hash (token);
  stmt = _ib_server_db_prepare (self,
    "SELECT user, device_id, last_used, revoked_at IS NULL FROM tokens WHERE hash = ?1");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user = g_strdup (column_text (stmt, 0));
      device_id = g_strdup (column_text (stmt, 1));
      last_used = sqlite3_column_int64 (stmt, 2);
      live = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);

  if (user == NULL || !live || now - last_used > IB_TOKEN_IDLE_SECONDS)
    return unauthorized (error, "Sign in again: the token is not valid."), NULL;

  identity = identity_from_user (self, user);
  if (identity == NULL)
    return unauthorized (error, "Sign in again: the token is not valid."), NULL;

  if (now - last_used > TOKEN_TOUCH_SECONDS)
    {
      stmt = _ib_server_db_prepare (self, "UPDATE tokens SET last_used = ?2 WHERE hash = ?1");
      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, now);
      step_done (self, stmt, NULL);
    }

  identity->device_id = g_steal_pointer (&device_id);
  identity->token_hash = g_steal_pointer (&hash);
  return g_steal_pointer (&identity);
}

gboolean
ib_server_db_revoke_token (IbServerDb        *self,
                           IbServerIdentity  *identity,
                           GError           **error)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self, "UPDATE tokens SET revoked_at = ?2 WHERE hash = ?1");

  sqlite3_bind_text (stmt, 1, identity->token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, ib_server_now () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

static char *
scope_hash (IbServerIdentity *identity)
{
  g_autofree char *scope = g_strdup_printf ("%s\n%s\n%s", identity->user,
                                            ib_role_to_string (identity->role),
                                            identity->exempt ? "exempt" : "public");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, scope, -1);

  return g_strndup (sum, 8);
}

char *
ib_server_db_hello (IbServerDb       *self,
                    IbServerIdentity *identity)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *now = _ib_server_now_iso ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "max");
  json_builder_add_int_value (b, 1);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "epoch");
  json_builder_add_string_value (b, self->epoch);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, identity->user);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, ib_role_to_string (identity->role));
  json_builder_set_member_name (b, "clearance");
  json_builder_add_string_value (b, identity->exempt ? "exempt" : "public");
  json_builder_set_member_name (b, "server_time");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "server_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "limits");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "push_mutations");
  json_builder_add_int_value (b, IB_PUSH_MAX_MUTATIONS);
  json_builder_set_member_name (b, "push_bytes");
  json_builder_add_int_value (b, IB_PUSH_MAX_BYTES);
  json_builder_set_member_name (b, "record_bytes");
  json_builder_add_int_value (b, IB_RECORD_MAX_BYTES);
  json_builder_set_member_name (b, "page_records");
  json_builder_add_int_value (b, IB_PAGE_MAX_RECORDS);
  json_builder_set_member_name (b, "page_bytes");
  json_builder_add_int_value (b, IB_PAGE_MAX_BYTES);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
cursor_invalid (GError    **error,
                const char *message)
{
  g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_CURSOR_INVALID, message);
  return FALSE;
}

/* Reads "c.<epoch>.<seq>.<scope>.<since>", where <since> is the high-water mark when this
 * reader's full snapshot began; another epoch or scope is 410, garbage is 400. A cursor in the
 * shape of an older server (no <since>) is 410 too: a fresh snapshot costs one sync and
 * gives the revocation rule the start it needs. */
static gboolean
parse_cursor (IbServerDb       *self,
              IbServerIdentity *identity,
              const char       *cursor,
              gint64           *seq_out,
              gint64           *since_out,
              GError          **error)
{
  g_auto (GStrv) parts = g_strsplit (cursor, ".", -1);
  g_autofree char *scope = scope_hash (identity);
  guint n = g_strv_length (parts);
  guint64 seq, since = 0;

  if ((n != 4 && n != 5) || !g_str_equal (parts[0], "c") ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXINT64, &seq, NULL) ||
      (n == 5 && !g_ascii_string_to_unsigned (parts[4], 10, 0, G_MAXINT64, &since, NULL)))
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_INVALID, "The cursor is not one this server made.");
      return FALSE;
    }

  if (!g_str_equal (parts[1], self->epoch))
    return cursor_invalid (error, "The server was restored from a backup: sync everything again.");
  if (!g_str_equal (parts[3], scope))
    return cursor_invalid (error, "Your access changed: sync everything again.");
  if ((gint64) seq > ib_server_db_get_seq (self) || (gint64) since > ib_server_db_get_seq (self))
    return cursor_invalid (error, "The cursor is ahead of the server: sync everything again.");
  if (n == 4)
    return cursor_invalid (error, "The server was updated: sync everything again.");

  *seq_out = (gint64) seq;
  *since_out = (gint64) since;
  return TRUE;
}

char *
ib_server_db_changes (IbServerDb        *self,
                      IbServerIdentity  *identity,
                      const char        *cursor,
                      guint              limit,
                      GError           **error)
{
  g_autofree char *scope = scope_hash (identity);
  g_autoptr (GString) out = g_string_new ("{\"changes\":[");
  g_autoptr (GString) entry = g_string_new (NULL);
  g_autoptr (GHashTable) hidden = NULL;
  gint64 after = 0, since = 0, last = 0, high_water;
  gboolean has_more = FALSE, snapshot = cursor == NULL || *cursor == '\0';
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  limit = CLAMP (limit, 1, IB_PAGE_MAX_RECORDS);

  /* One read transaction: the page and the high-water mark come from the same snapshot. */
  if (!_ib_server_db_exec (self, "BEGIN", error))
    return NULL;

  if (!snapshot && !parse_cursor (self, identity, cursor, &after, &since, error))
    {
      _ib_server_db_exec (self, "ROLLBACK", NULL);
      return NULL;
    }

  high_water = ib_server_db_get_seq (self);
  if (snapshot)
    since = high_water;
  hidden = _ib_server_db_hidden_ids (self, identity);

  /* Public-only readers get public rows, and "revoked" for a row now Exempt only when it was
   * visible to them at some time since their snapshot began (a public span of its visibility
   * history that starts by the cursor and ends after <since>): so a revocation never names a
   * record that was Exempt all the while they synced, and always reaches a reader who may
   * hold the record. A snapshot has nothing to revoke. */
  stmt = _ib_server_db_prepare (self,
    "SELECT " ENTRY_COLUMNS " FROM records r WHERE seq > ?1"
    " AND (?2 OR eff_class = 'public' OR (?3 AND EXISTS ("
    "  SELECT 1 FROM visibility v WHERE v.id = r.id AND v.eff_class = 'public' AND v.seq <= ?1"
    "   AND coalesce ((SELECT min (w.seq) FROM visibility w WHERE w.id = r.id AND w.seq > v.seq),"
    "                 9223372036854775807) > ?5)))"
    " ORDER BY seq LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, identity->exempt);
  sqlite3_bind_int (stmt, 3, !snapshot);
  sqlite3_bind_int (stmt, 4, (int) limit + 1);
  sqlite3_bind_int64 (stmt, 5, since);

  ib_fault_point ("changes.after_query");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_truncate (entry, 0);
      if (!append_entry (entry, stmt, identity, hidden))
        {
          /* Left out, logged; the cursor still moves past it. */
          last = sqlite3_column_int64 (stmt, 3);
          continue;
        }

      if (n == limit || (n > 0 && out->len + entry->len > IB_PAGE_MAX_BYTES))
        {
          has_more = TRUE;
          break;
        }

      if (n > 0)
        g_string_append_c (out, ',');
      g_string_append_len (out, entry->str, entry->len);
      last = sqlite3_column_int64 (stmt, 3);
      n++;
    }
  sqlite3_reset (stmt);
  _ib_server_db_exec (self, "COMMIT", NULL);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _ib_server_db_set_error (self, error, rc);
      return NULL;
    }

  /* With nothing left, the cursor moves to the high-water mark, so rows filtered out for
   * this user are not scanned again on the next pull. */
  if (!has_more)
    last = MAX (MAX (last, after), high_water);

  g_string_append_printf (out, "],\"next_cursor\":\"c.%s.%" G_GINT64_FORMAT ".%s.%" G_GINT64_FORMAT "\","
                          "\"has_more\":%s",
                          self->epoch, last, scope, since, has_more ? "true" : "false");
  /* A snapshot says whom it was made for: a client whose access was lowered learns it here,
   * with the data, and can drop what it may no longer hold. */
  if (snapshot)
    g_string_append_printf (out, ",\"role\":\"%s\",\"clearance\":\"%s\"",
                            ib_role_to_string (identity->role), identity->exempt ? "exempt" : "public");
  g_string_append_c (out, '}');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Bootstrap */

/* A file may lag the head by this many changes before a new one is built in the background
 * (the old one is served meanwhile: the feed brings the rest). */
#define BOOTSTRAP_MAX_LAG 5000

/* Returns TRUE when the file built at @seq may still be served to readers of this clearance:
 * same epoch and, for public-only readers, no record it may hold has turned Exempt since (it
 * must not reach them even for the moment before the feed revokes it). */
static gboolean
bootstrap_is_safe (IbServerDb *self,
                   gboolean    exempt)
{
  sqlite3_stmt *stmt;
  gboolean turned = FALSE;

  if (self->boot_file[exempt] == NULL || g_strcmp0 (self->boot_epoch[exempt], self->epoch) != 0)
    return FALSE;
  if (exempt)
    return TRUE;

  stmt = _ib_server_db_prepare (self,
    "SELECT EXISTS (SELECT 1 FROM visibility v WHERE v.seq > ?1 AND v.eff_class = 'exempt'"
    " AND EXISTS (SELECT 1 FROM visibility w WHERE w.id = v.id AND w.seq <= ?1))");
  sqlite3_bind_int64 (stmt, 1, self->boot_seq[exempt]);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    turned = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return !turned;
}

static void
bootstrap_build_clear (IbServerDb *self,
                       gboolean    exempt)
{
  g_clear_handle_id (&self->build_id[exempt], g_source_remove);
  g_clear_object (&self->build_store[exempt]);
  g_clear_pointer (&self->build_cursor[exempt], g_free);
}

typedef struct
{
  gboolean  exempt;
  IbStore  *store;
  char     *cursor; /* the last page's next cursor: the file's place in the feed */
} BuildFinish;

static void
build_finish_free (BuildFinish *finish)
{
  g_clear_object (&finish->store);
  g_free (finish->cursor);
  g_free (finish);
}

static void
build_finish_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  BuildFinish *finish = task_data;
  GError *error = NULL;
  GBytes *file = ib_store_bootstrap_builder_finish (finish->store, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

static void
on_build_finished (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  IbServerDb *self = IB_SERVER_DB (source);
  BuildFinish *finish = g_task_get_task_data (G_TASK (result));
  gboolean exempt = finish->exempt;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = NULL;
  GBytes *file;

  self->build_finishing[exempt] = FALSE;
  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      /* The next request for a file starts again from scratch. */
      g_warning ("could not build a bootstrap file: %s", error->message);
      return;
    }

  /* "c.<epoch>.<seq>.<scope>.<since>": the last page moved the cursor to the high-water mark.
   * A restore meanwhile leaves the file of an old epoch, which is never served (bootstrap_is_safe). */
  parts = g_strsplit (finish->cursor, ".", -1);
  g_clear_pointer (&self->boot_file[exempt], g_bytes_unref);
  self->boot_file[exempt] = file;
  g_free (self->boot_epoch[exempt]);
  self->boot_epoch[exempt] = g_strdup (parts[1]);
  self->boot_seq[exempt] = g_ascii_strtoll (parts[2], NULL, 10);
  g_message ("bootstrap file for %s readers built at seq %" G_GINT64_FORMAT ": %" G_GSIZE_FORMAT " bytes in %.1f s",
             exempt ? "exempt" : "public", self->boot_seq[exempt], g_bytes_get_size (file),
             (g_get_monotonic_time () - self->build_started[exempt]) / (double) G_USEC_PER_SEC);
}

/* One page of a build: the builder is a feed client like any other (here with no user, so
 * its cursor's scope is its own), applying its pages with the client's own code to a database
 * in the client's schema. What the file holds is what the feed shows a reader of this
 * clearance, by construction. A page a slice: requests are served in between, and a change
 * between pages reaches the builder as it reaches any client. */
static gboolean
bootstrap_build_step (IbServerDb *self,
                      gboolean    exempt)
{
  IbServerIdentity builder = { .user = (char *) "", .role = IB_ROLE_VIEWER, .exempt = exempt };
  g_autoptr (GError) error = NULL;
  g_autofree char *page = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  if (self->build_store[exempt] == NULL)
    {
      self->build_store[exempt] = ib_store_bootstrap_builder_new (&error);
      self->build_started[exempt] = g_get_monotonic_time ();
      if (self->build_store[exempt] == NULL)
        goto failed;
    }

  page = ib_server_db_changes (self, &builder, self->build_cursor[exempt], IB_PAGE_MAX_RECORDS, &error);
  if (page == NULL)
    goto failed;
  root = ib_json_parse_bounded (page, strlen (page), NULL);
  object = json_node_get_object (root);
  if (!ib_store_sync_apply_page (self->build_store[exempt], json_object_get_array_member (object, "changes"), NULL, &error))
    goto failed;
  g_free (self->build_cursor[exempt]);
  self->build_cursor[exempt] = g_strdup (json_object_get_string_member (object, "next_cursor"));
  if (json_object_get_boolean_member (object, "has_more"))
    return G_SOURCE_CONTINUE;

  /* The last step (dropping the indexes, VACUUM, serialising some 32 MB) held the server's
   * main loop for 450 ms on the ten-year dataset, and every request with it. It runs on a
   * worker with the builder, which nothing else touches from here. */
  {
    BuildFinish *finish = g_new0 (BuildFinish, 1);
    GTask *task = g_task_new (self, NULL, on_build_finished, NULL);

    finish->exempt = exempt;
    finish->store = g_steal_pointer (&self->build_store[exempt]);
    finish->cursor = g_steal_pointer (&self->build_cursor[exempt]);
    g_task_set_task_data (task, finish, (GDestroyNotify) build_finish_free);
    self->build_finishing[exempt] = TRUE;
    self->build_id[exempt] = 0;
    bootstrap_build_clear (self, exempt);
    g_task_run_in_thread (task, build_finish_thread);
    g_object_unref (task);
  }
  return G_SOURCE_REMOVE;

failed:
  /* A restore (new epoch) midway, or a fault: the next request starts again from scratch. */
  g_warning ("could not build a bootstrap file: %s", error != NULL ? error->message : "unknown error");
  self->build_id[exempt] = 0;
  bootstrap_build_clear (self, exempt);
  return G_SOURCE_REMOVE;
}

static gboolean
build_public_cb (gpointer user_data)
{
  return bootstrap_build_step (user_data, FALSE);
}

static gboolean
build_exempt_cb (gpointer user_data)
{
  return bootstrap_build_step (user_data, TRUE);
}

static void
bootstrap_build_start (IbServerDb *self,
                       gboolean    exempt)
{
  if (self->build_id[exempt] != 0 || self->build_finishing[exempt])
    return;

  /* Low priority: requests, which arrive at the default priority, go first. */
  self->build_id[exempt] = g_idle_add_full (G_PRIORITY_LOW, exempt ? build_exempt_cb : build_public_cb, self, NULL);
}

GBytes *
ib_server_db_bootstrap (IbServerDb        *self,
                        IbServerIdentity  *identity,
                        char             **cursor_out,
                        GError           **error)
{
  g_autofree char *scope = NULL;
  gboolean exempt;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);
  g_return_val_if_fail (cursor_out != NULL, NULL);

  exempt = identity->exempt ? 1 : 0;
  if (!bootstrap_is_safe (self, exempt))
    {
      bootstrap_build_start (self, exempt);
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_UNAVAILABLE,
                           "The starting copy is being prepared: sync through the feed meanwhile.");
      return NULL;
    }
  if (ib_server_db_get_seq (self) - self->boot_seq[exempt] > BOOTSTRAP_MAX_LAG)
    bootstrap_build_start (self, exempt);

  /* The cursor is this reader's own (its scope), at the seq the file was built at; since is the
   * same seq, as for a feed snapshot that began there. */
  scope = scope_hash (identity);
  *cursor_out = g_strdup_printf ("c.%s.%" G_GINT64_FORMAT ".%s.%" G_GINT64_FORMAT,
                                 self->boot_epoch[exempt], self->boot_seq[exempt], scope, self->boot_seq[exempt]);
  return g_bytes_ref (self->boot_file[exempt]);
}

char *
ib_server_db_get_record (IbServerDb        *self,
                         IbServerIdentity  *identity,
                         const char        *type,
                         const char        *id,
                         GError           **error)
{
  sqlite3_stmt *stmt;
  GString *out = NULL;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  stmt = _ib_server_db_prepare (self, "SELECT " ENTRY_COLUMNS " FROM records WHERE id = ?1 AND type = ?2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);

  /* Invisible and absent look the same: 404, never 403, so an id reveals nothing. */
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (identity->exempt || g_strcmp0 (column_text (stmt, 6), "public") == 0))
    {
      g_autoptr (GHashTable) hidden = _ib_server_db_hidden_ids (self, identity);

      out = g_string_new (NULL);
      if (!append_entry (out, stmt, identity, hidden))
        {
          sqlite3_reset (stmt);
          g_string_free (out, TRUE);
          g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_FAILED,
                               "This record is damaged on the server. The server's log names it for the administrator.");
          return NULL;
        }
    }
  sqlite3_reset (stmt);

  if (out == NULL)
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_NOT_FOUND, "There is no such record.");
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* History */

typedef struct
{
  gint64      rev;
  gint64      seq;
  gboolean    deleted;
  JsonObject *fields;
  char       *by;
  char       *at;
  char       *device;
} Revision;

static void
revision_free (Revision *r)
{
  g_clear_pointer (&r->fields, json_object_unref);
  g_free (r->by);
  g_free (r->at);
  g_free (r->device);
  g_free (r);
}

/* Returns the effective class of @id as of @seq, from the visibility history. */
static gboolean
public_at (IbServerDb *self,
           const char *id,
           gint64      seq)
{
  sqlite3_stmt *stmt = _ib_server_db_prepare (self,
    "SELECT eff_class FROM visibility WHERE id = ?1 AND seq <= ?2 ORDER BY seq DESC LIMIT 1");
  gboolean visible = FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    visible = g_strcmp0 (column_text (stmt, 0), "public") == 0;
  sqlite3_reset (stmt);

  return visible;
}

/* Adds "from"/"to" for every field that differs between @before (NULL: none) and @after. */
static void
add_difference (JsonBuilder *b,
                JsonObject  *before,
                JsonObject  *after)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GList) a = before != NULL ? json_object_get_members (before) : NULL;
  g_autoptr (GList) z = json_object_get_members (after);
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  for (GList *l = a; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
  for (GList *l = z; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      JsonNode *old = before != NULL ? json_object_get_member (before, name) : NULL;
      JsonNode *new = json_object_get_member (after, name);

      if (old == NULL && new == NULL)
        continue;
      if (old != NULL && new != NULL && json_node_equal (old, new))
        continue;
      g_ptr_array_add (changed, name);
    }
  g_ptr_array_sort (changed, (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (b, "changed");
  json_builder_begin_array (b);
  for (guint i = 0; i < changed->len; i++)
    json_builder_add_string_value (b, changed->pdata[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "from");
  json_builder_begin_object (b);
  for (guint i = 0; i < changed->len && before != NULL; i++)
    {
      JsonNode *old = json_object_get_member (before, changed->pdata[i]);

      if (old != NULL)
        {
          json_builder_set_member_name (b, changed->pdata[i]);
          json_builder_add_value (b, json_node_copy (old));
        }
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "to");
  json_builder_begin_object (b);
  for (guint i = 0; i < changed->len; i++)
    {
      JsonNode *new = json_object_get_member (after, changed->pdata[i]);

      if (new != NULL)
        {
          json_builder_set_member_name (b, changed->pdata[i]);
          json_builder_add_value (b, json_node_copy (new));
        }
    }
  json_builder_end_object (b);
}

char *
ib_server_db_history (IbServerDb        *self,
                      IbServerIdentity  *identity,
                      const char        *type,
                      const char        *id,
                      gint64             before,
                      guint              limit,
                      GError           **error)
{
  g_autoptr (GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) revision_free);
  g_autoptr (GHashTable) hidden = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonNode) root = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  gint64 next_before = 0;
  guint n = 0;
  int i;

  g_return_val_if_fail (IB_IS_SERVER_DB (self), NULL);

  limit = CLAMP (limit, 1, 200);

  /* Readable where GET is: invisible and absent look the same. */
  stmt = _ib_server_db_prepare (self, "SELECT eff_class FROM records WHERE id = ?1 AND type = ?2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = identity->exempt || g_strcmp0 (column_text (stmt, 0), "public") == 0;
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error_literal (error, IB_SERVER_ERROR, IB_SERVER_ERROR_NOT_FOUND, "There is no such record.");
      return NULL;
    }

  /* Every revision a public-only reader may see: one made while the record was visible to
   * them. Differences are taken between the revisions they may see, so a value written while
   * it was Exempt never appears, not even as what a later value replaced. */
  stmt = _ib_server_db_prepare (self,
    "SELECT rev, seq, deleted, fields, by, at, device, class FROM revisions WHERE id = ?1 ORDER BY rev");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (JsonNode) fields = NULL;
      Revision *r;

      if (!identity->exempt && !public_at (self, id, sqlite3_column_int64 (stmt, 1)))
        continue;

      if (column_text (stmt, 3) != NULL && g_utf8_validate (column_text (stmt, 3), -1, NULL))
        fields = json_from_string (column_text (stmt, 3), NULL);
      if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
        {
          g_autofree char *what = g_strdup_printf ("revision %" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

          sqlite3_reset (stmt);
          _ib_server_db_note_damage (self, type, id, what);
          return _ib_server_db_take_damage (self, error), NULL;
        }

      r = g_new0 (Revision, 1);
      r->rev = sqlite3_column_int64 (stmt, 0);
      r->seq = sqlite3_column_int64 (stmt, 1);
      r->deleted = sqlite3_column_int (stmt, 2) != 0;
      r->fields = json_object_ref (json_node_get_object (fields));
      /* A cleared reader sees class changes among the others; "class" can never be a field. */
      if (identity->exempt && column_text (stmt, 7) != NULL)
        json_object_set_string_member (r->fields, "class", column_text (stmt, 7));
      r->by = g_strdup (column_text (stmt, 4));
      r->at = g_strdup (column_text (stmt, 5));
      r->device = g_strdup (column_text (stmt, 6));
      g_ptr_array_add (revisions, r);
    }
  sqlite3_reset (stmt);

  hidden = _ib_server_db_hidden_ids (self, identity);
  for (guint k = 0; k < revisions->len; k++)
    _ib_server_project_object (((Revision *) revisions->pdata[k])->fields, hidden);

  b = json_builder_new_immutable ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (i = (int) revisions->len - 1; i >= 0; i--)
    {
      Revision *r = revisions->pdata[i];
      Revision *prev = i > 0 ? revisions->pdata[i - 1] : NULL;
      const char *kind;

      if (before > 0 && r->rev >= before)
        continue;
      if (n == limit)
        {
          next_before = ((Revision *) revisions->pdata[i + 1])->rev;
          break;
        }

      if (prev == NULL)
        kind = r->rev == 1 ? "created" : "visible";
      else if (r->deleted && !prev->deleted)
        kind = "deleted";
      else if (!r->deleted && prev->deleted)
        kind = "restored";
      else
        kind = "changed";

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rev");
      json_builder_add_int_value (b, r->rev);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind);
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, r->at);
      json_builder_set_member_name (b, "by");
      if (r->by != NULL)
        json_builder_add_string_value (b, r->by);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "device");
      if (r->device != NULL)
        json_builder_add_string_value (b, r->device);
      else
        json_builder_add_null_value (b);
      add_difference (b, prev != NULL ? prev->fields : NULL, r->fields);
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next_before");
  if (next_before > 0)
    json_builder_add_int_value (b, next_before);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
