/* ib-server.c
 *
 * Routing, authentication, limits and logging for the endpoints of docs/sync-protocol.md. All
 * protocol decisions live in IbServerDb; this file only turns HTTP into calls and errors into
 * statuses.
 * Requests are handled on the main thread one at a time: SQLite has one writer anyway, and a
 * push is one short transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <unistd.h>

#include "ib-mutation.h"
#include "ib-server.h"
#include "ib-server-fault.h"
#include "ib-store-bootstrap.h"

#define SMALL_BODY_BYTES  (16 * 1024)
#define LOGIN_FAILURES     5
#define LOGIN_WINDOW_S     (15 * 60)

struct _IbServer
{
  GObject     parent_instance;

  /* owned */
  SoupServer *soup;
  IbServerDb *db;
  GHashTable *login_failures; /* user → LoginFailures */
  GHashTable *in_flight;      /* SoupServerMessage → RequestLog, for requests past their headers */

  gboolean    shutting_down;
  guint       grace_id;
};

typedef struct
{
  guint  count;
  gint64 first;
} LoginFailures;

/* What the log line of one request says, filled in as the request is handled. */
typedef struct
{
  gint64       started;
  char        *user;
  char        *device;
  IbPushCounts counts;
} RequestLog;

static void
request_log_free (RequestLog *log)
{
  g_free (log->user);
  g_free (log->device);
  g_free (log);
}

G_DEFINE_FINAL_TYPE (IbServer, ib_server, G_TYPE_OBJECT)

enum {
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Logging: one JSON object per line on stderr, for journald or any log shipper. Never a
 * token, a password or a record's content: only what happened, to whom, and how long it took. */

static void
log_valist (const char *level,
            const char *event,
            const char *first_key,
            va_list     args)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format_iso8601 (now);
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, ts);
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, level);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, event);

  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      char kind = key[0];

      json_builder_set_member_name (b, key + 1);
      if (kind == 's')
        {
          const char *value = va_arg (args, const char *);

          /* A log line is JSON even when what it quotes is not text. */
          if (value == NULL)
            json_builder_add_null_value (b);
          else if (g_utf8_validate (value, -1, NULL))
            json_builder_add_string_value (b, value);
          else
            {
              g_autofree char *valid = g_utf8_make_valid (value, -1);

              json_builder_add_string_value (b, valid);
            }
        }
      else
        json_builder_add_int_value (b, va_arg (args, gint64));
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  line = json_to_string (root, FALSE);
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
}

void
ib_server_log (const char *level,
               const char *event,
               const char *first_key,
               ...)
{
  va_list args;

  va_start (args, first_key);
  log_valist (level, event, first_key, args);
  va_end (args);
}

static GLogWriterOutput
glib_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  const char *message = NULL, *domain = NULL;
  const char *level = "info";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
      else if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
    }

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    level = "error";
  else if (log_level & G_LOG_LEVEL_WARNING)
    level = "warning";
  else if (log_level & G_LOG_LEVEL_DEBUG)
    {
      if (!g_log_writer_default_would_drop (log_level, domain))
        ib_server_log ("debug", "message", "sdomain", domain, "smessage", message, NULL);
      return G_LOG_WRITER_HANDLED;
    }

  ib_server_log (level, "message", "sdomain", domain, "smessage", message, NULL);
  return G_LOG_WRITER_HANDLED;
}

void
ib_server_log_install (void)
{
  g_log_set_writer_func (glib_log_writer, NULL, NULL);
}

/* Responses */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static char *
error_body (IbServerError  code,
            const char    *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, ib_server_error_code (code));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
respond_error (SoupServerMessage *msg,
               IbServerError      code,
               const char        *message)
{
  if (code == IB_SERVER_ERROR_UNAVAILABLE || code == IB_SERVER_ERROR_TOO_MANY_REQUESTS)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "5");
  if (code == IB_SERVER_ERROR_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"improvement-board\"");

  respond_json (msg, ib_server_error_status (code), error_body (code, message));
}

static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  if (error->domain == IB_SERVER_ERROR)
    respond_error (msg, (IbServerError) error->code, error->message);
  else
    respond_error (msg, IB_SERVER_ERROR_FAILED, "The server could not complete the request.");
}

/* Test builds only: sends the first half of @body and dies, as a crash mid-response would. */
static void
die_mid_body_cb (SoupServerMessage *msg,
                 guint              chunk_size,
                 gpointer           user_data)
{
  _exit (137);
}

/* Test builds only: ends the connection of a response that has sent part of its body, as a
 * proxy or a network that gives up would. */
static gboolean
cut_connection_cb (gpointer data)
{
  g_autoptr (SoupServerMessage) msg = data;
  IbServer *self = g_object_get_data (G_OBJECT (msg), "ib-server");
  g_autoptr (GIOStream) stream = NULL;

  /* A message whose connection is taken never finishes: it is in flight no longer, or a
   * shutdown would wait for it. */
  g_hash_table_remove (self->in_flight, msg);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
cut_mid_body_cb (SoupServerMessage *msg,
                 guint              chunk_size,
                 IbServer          *self)
{
  g_signal_handlers_disconnect_by_func (msg, cut_mid_body_cb, self);
  g_object_set_data (G_OBJECT (msg), "ib-server", self);
  g_idle_add (cut_connection_cb, g_object_ref (msg));
}

static void
respond_then_maybe_die (SoupServerMessage *msg,
                        const char        *point,
                        char              *body)
{
  if (ib_fault_hit (point))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      SoupMessageBody *response = soup_server_message_get_response_body (msg);
      gsize length = strlen (body);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_content_length (headers, (goffset) length);
      soup_message_body_append (response, SOUP_MEMORY_TAKE, body, length / 2);
      g_signal_connect (msg, "wrote-body-data", G_CALLBACK (die_mid_body_cb), NULL);
      return;
    }

  respond_json (msg, SOUP_STATUS_OK, body);
}

/* Request helpers */

static const char *
request_header (SoupServerMessage *msg,
                const char        *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

static IbServerIdentity *
authenticate (IbServer          *self,
              SoupServerMessage *msg)
{
  g_autoptr (GError) error = NULL;
  const char *header = request_header (msg, "Authorization");
  IbServerIdentity *identity;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      respond_error (msg, IB_SERVER_ERROR_UNAUTHORIZED, "Sign in first.");
      return NULL;
    }

  identity = ib_server_db_authenticate (self->db, header + 7, &error);
  if (identity == NULL)
    respond_gerror (msg, error);

  return identity;
}

static gboolean
check_login_throttle (IbServer          *self,
                      SoupServerMessage *msg,
                      const char        *user)
{
  LoginFailures *f = g_hash_table_lookup (self->login_failures, user);
  gint64 now = ib_server_now () / G_USEC_PER_SEC;

  if (f == NULL)
    return TRUE;

  if (now - f->first > LOGIN_WINDOW_S)
    {
      g_hash_table_remove (self->login_failures, user);
      return TRUE;
    }

  if (f->count < LOGIN_FAILURES)
    return TRUE;

  {
    g_autofree char *wait = g_strdup_printf ("%" G_GINT64_FORMAT, LOGIN_WINDOW_S - (now - f->first));

    respond_error (msg, IB_SERVER_ERROR_TOO_MANY_REQUESTS, "Too many failed sign-ins. Try again later.");
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", wait);
  }
  return FALSE;
}

static void
note_login_failure (IbServer   *self,
                    const char *user)
{
  LoginFailures *f = g_hash_table_lookup (self->login_failures, user);

  if (f == NULL)
    {
      f = g_new0 (LoginFailures, 1);
      f->first = ib_server_now () / G_USEC_PER_SEC;
      g_hash_table_insert (self->login_failures, g_strdup (user), f);
    }
  f->count++;
}

/* Endpoints */

static void
handle_token (IbServer          *self,
              SoupServerMessage *msg,
              const char        *method,
              IbServerIdentity **who)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonNode) reply = NULL;
  g_autofree char *token = NULL;
  JsonObject *object;
  const char *user, *password, *device_name;
  gsize length;
  const char *data;

  if (g_str_equal (method, "DELETE"))
    {
      *who = authenticate (self, msg);
      if (*who == NULL)
        return;
      if (!ib_server_db_revoke_token (self->db, *who, &error))
        respond_gerror (msg, error);
      else
        soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }

  body = request_body (msg);
  data = g_bytes_get_data (body, &length);
  root = ib_json_parse_bounded (data != NULL ? data : "", length, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_error (msg, IB_SERVER_ERROR_INVALID, "Send {\"user\", \"password\", \"device_name\"} as JSON.");
      return;
    }

  object = json_node_get_object (root);
  user = json_object_get_string_member_with_default (object, "user", NULL);
  password = json_object_get_string_member_with_default (object, "password", NULL);
  device_name = json_object_get_string_member_with_default (object, "device_name", NULL);
  if (user == NULL || password == NULL || strlen (user) > 64 || strlen (password) > 1024)
    {
      respond_error (msg, IB_SERVER_ERROR_INVALID, "Send {\"user\", \"password\", \"device_name\"} as JSON.");
      return;
    }

  if (!check_login_throttle (self, msg, user))
    return;

  token = ib_server_db_issue_token (self->db, user, password, request_header (msg, "Device-Id"),
                                    device_name, who, &error);
  if (token == NULL)
    {
      if (g_error_matches (error, IB_SERVER_ERROR, IB_SERVER_ERROR_UNAUTHORIZED))
        note_login_failure (self, user);
      respond_gerror (msg, error);
      return;
    }
  g_hash_table_remove (self->login_failures, user);

  b = json_builder_new_immutable ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, 90 * 24 * 60 * 60);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, ib_role_to_string ((*who)->role));
  json_builder_set_member_name (b, "clearance");
  json_builder_add_string_value (b, (*who)->exempt ? "exempt" : "public");
  json_builder_end_object (b);
  reply = json_builder_get_root (b);
  respond_json (msg, SOUP_STATUS_OK, json_to_string (reply, FALSE));
}

static void
handle_changes (IbServer          *self,
                SoupServerMessage *msg,
                IbServerIdentity  *who)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) query = NULL;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *cursor = NULL, *limit_text = NULL;
  guint64 limit = 200;
  char *body;

  if (g_uri_get_query (uri) != NULL)
    {
      query = soup_form_decode (g_uri_get_query (uri));
      cursor = g_hash_table_lookup (query, "cursor");
      limit_text = g_hash_table_lookup (query, "limit");
    }

  if (limit_text != NULL && *limit_text != '\0' &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, IB_PAGE_MAX_RECORDS, &limit, NULL))
    {
      respond_error (msg, IB_SERVER_ERROR_INVALID, "“limit” must be a number from 1 to 500.");
      return;
    }

  body = ib_server_db_changes (self->db, who, cursor, (guint) limit, &error);
  if (body == NULL)
    respond_gerror (msg, error);
  else
    respond_then_maybe_die (msg, "changes.mid_page", body);
}

/* The body is the file itself, not JSON: a first sync reads it with SQLite, not a parser. */
static void
handle_bootstrap (IbServer          *self,
                  SoupServerMessage *msg,
                  IbServerIdentity  *who)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr (GBytes) file = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr (GHashTable) query = g_uri_get_query (uri) != NULL ? soup_form_decode (g_uri_get_query (uri)) : NULL;
  const char *version = query != NULL ? g_hash_table_lookup (query, "version") : NULL;

  /* A client that does not ask for this version's file would misread it: it takes the feed,
   * as from a server without the endpoint. */
  if (g_strcmp0 (version, IB_BOOTSTRAP_VERSION) != 0)
    {
      respond_error (msg, IB_SERVER_ERROR_NOT_FOUND,
                     "This server's bootstrap files are version " IB_BOOTSTRAP_VERSION "; ask with ?version=" IB_BOOTSTRAP_VERSION ".");
      return;
    }

  file = ib_server_db_bootstrap (self->db, who, &cursor, &error);
  if (file == NULL)
    {
      respond_gerror (msg, error);
      return;
    }

  /* Test builds only (counted over answers that would serve a file): answer as a server from
   * before this endpoint does. */
  if (ib_fault_hit ("bootstrap.absent"))
    {
      respond_error (msg, IB_SERVER_ERROR_NOT_FOUND, "There is no such endpoint.");
      return;
    }

  /* Test builds only: a file cut short, a connection that ends halfway through the file, or a
   * damaged page, as a broken proxy, network or disk would deliver it; the client must refuse
   * each and fall back to the feed. */
  if (ib_fault_hit ("bootstrap.truncate"))
    {
      GBytes *half = g_bytes_new_from_bytes (file, 0, g_bytes_get_size (file) / 2);

      g_bytes_unref (file);
      file = half;
    }
  else if (ib_fault_hit ("bootstrap.cut"))
    {
      gsize size = g_bytes_get_size (file);
      g_autoptr (GBytes) half = g_bytes_new_from_bytes (file, 0, size / 2);

      soup_message_headers_replace (headers, "Bootstrap-Cursor", cursor);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "application/vnd.sqlite3", NULL);
      soup_message_headers_set_content_length (headers, (goffset) size);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), half);
      g_signal_connect (msg, "wrote-body-data", G_CALLBACK (cut_mid_body_cb), self);
      return;
    }
  else if (ib_fault_hit ("bootstrap.corrupt"))
    {
      gsize size = 0;
      guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&file), &size);

      memset (data + size / 2, 0xa5, MIN (size - size / 2, 4096));
      file = g_bytes_new_take (data, size);
    }

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Bootstrap-Cursor", cursor);
  soup_message_headers_replace (headers, "Bootstrap-Role", ib_role_to_string (who->role));
  soup_message_headers_replace (headers, "Bootstrap-Clearance", who->exempt ? "exempt" : "public");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/vnd.sqlite3", NULL);
  /* Test builds only: the file with no length stated, as a proxy that re-chunks would send it;
   * a client must refuse it before it reads a byte. */
  if (ib_fault_hit ("bootstrap.chunked"))
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), file);
  soup_message_body_complete (soup_server_message_get_response_body (msg));
}

static void
handle_push (IbServer          *self,
             SoupServerMessage *msg,
             IbServerIdentity  *who,
             IbPushCounts      *counts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = request_body (msg);
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  char *reply;

  reply = ib_server_db_push (self->db, who, data != NULL ? data : "", length, counts, &error);
  if (reply == NULL)
    respond_gerror (msg, error);
  else
    respond_then_maybe_die (msg, "push.mid_response", reply);
}

static void
handle_record (IbServer          *self,
               SoupServerMessage *msg,
               IbServerIdentity  *who,
               const char        *path)
{
  g_auto (GStrv) parts = g_strsplit (path + strlen ("/v1/records/"), "/", -1);
  g_autoptr (GError) error = NULL;
  guint n = g_strv_length (parts);
  char *body;

  if ((n != 2 && !(n == 3 && g_str_equal (parts[2], "history"))) || !g_uuid_string_is_valid (parts[1]))
    {
      respond_error (msg, IB_SERVER_ERROR_NOT_FOUND, "There is no such record.");
      return;
    }

  if (n == 3)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr (GHashTable) query = g_uri_get_query (uri) != NULL ? soup_form_decode (g_uri_get_query (uri)) : NULL;
      const char *before_text = query != NULL ? g_hash_table_lookup (query, "before") : NULL;
      const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
      guint64 before = 0, limit = 50;

      if ((before_text != NULL && !g_ascii_string_to_unsigned (before_text, 10, 1, G_MAXINT64, &before, NULL)) ||
          (limit_text != NULL && !g_ascii_string_to_unsigned (limit_text, 10, 1, 200, &limit, NULL)))
        {
          respond_error (msg, IB_SERVER_ERROR_INVALID, "“before” must be a revision number and “limit” 1 to 200.");
          return;
        }
      body = ib_server_db_history (self->db, who, parts[0], parts[1], (gint64) before, (guint) limit, &error);
    }
  else
    body = ib_server_db_get_record (self->db, who, parts[0], parts[1], &error);
  if (body == NULL)
    respond_gerror (msg, error);
  else
    respond_json (msg, SOUP_STATUS_OK, body);
}

/* The methods each endpoint answers: anything else is 405 with this list in "Allow". HEAD
 * goes wherever GET does (libsoup sends the headers and no body). */
static const char *
allowed_methods (const char *path)
{
  if (g_str_equal (path, "/v1/auth/token"))
    return "POST, DELETE";
  if (g_str_equal (path, "/v1/push"))
    return "POST";
  if (g_str_equal (path, "/v1/hello") || g_str_equal (path, "/v1/changes") ||
      g_str_equal (path, "/v1/bootstrap") || g_str_has_prefix (path, "/v1/records/"))
    return "GET, HEAD";
  return NULL;
}

static gboolean
method_allowed (const char *allowed,
                const char *method)
{
  g_auto (GStrv) names = g_strsplit (allowed, ", ", -1);

  return g_strv_contains ((const char * const *) names, method);
}

static void
respond_not_allowed (SoupServerMessage *msg,
                     const char        *allowed)
{
  respond_error (msg, IB_SERVER_ERROR_METHOD_NOT_ALLOWED, "This endpoint does not answer that method.");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
}

/* Refuses an unsupported wire version: this server speaks 1 and accepts N−1 (docs/sync-protocol.md §2). */
static gboolean
check_protocol (SoupServerMessage *msg)
{
  const char *header = request_header (msg, "Sync-Protocol");
  guint64 version;

  if (header == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (header, 10, 0, 1, &version, NULL))
    {
      respond_error (msg, IB_SERVER_ERROR_PROTOCOL_UNSUPPORTED,
                     "This server speaks sync protocol 1. Update the app.");
      return FALSE;
    }

  return TRUE;
}

static void
request_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  IbServer *self = user_data;
  g_autoptr (IbServerIdentity) who = NULL;
  const char *method = soup_server_message_get_method (msg);
  RequestLog *log = g_hash_table_lookup (self->in_flight, msg);
  IbPushCounts counts = { 0 };

  if (self->shutting_down)
    {
      respond_error (msg, IB_SERVER_ERROR_UNAVAILABLE, "The server is restarting. Try again shortly.");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
    }
  else if (!g_str_has_prefix (path, "/v1/"))
    respond_error (msg, IB_SERVER_ERROR_NOT_FOUND, "There is nothing here. The sync endpoints are under /v1/.");
  else if (!check_protocol (msg))
    ;
  else if (allowed_methods (path) == NULL)
    respond_error (msg, IB_SERVER_ERROR_NOT_FOUND, "There is no such endpoint.");
  else if (!method_allowed (allowed_methods (path), method))
    respond_not_allowed (msg, allowed_methods (path));
  else if (g_str_equal (path, "/v1/auth/token"))
    handle_token (self, msg, method, &who);
  else if ((who = authenticate (self, msg)) == NULL)
    ;
  else if (g_str_equal (path, "/v1/hello"))
    respond_json (msg, SOUP_STATUS_OK, ib_server_db_hello (self->db, who));
  else if (g_str_equal (path, "/v1/changes"))
    handle_changes (self, msg, who);
  else if (g_str_equal (path, "/v1/push"))
    handle_push (self, msg, who, &counts);
  else if (g_str_equal (path, "/v1/bootstrap"))
    handle_bootstrap (self, msg, who);
  else
    handle_record (self, msg, who, path);

  if (log != NULL)
    {
      log->counts = counts;
      if (who != NULL)
        {
          log->user = g_strdup (who->user);
          log->device = g_strdup (who->device_id);
        }
    }
}

/* Refuses the request with 413 from its headers alone. libsoup still reads what the client
 * sends (it may not have asked "Expect: 100-continue"), but throws it away as it arrives, so
 * memory stays bounded whatever the body's size, and the connection is closed after. */
static void
refuse_body (SoupServerMessage *msg,
             const char        *message)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  respond_error (msg, IB_SERVER_ERROR_TOO_LARGE, message);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

/* Returns how many times @name appears among @headers. */
static guint
count_header (SoupMessageHeaders *headers,
              const char         *name)
{
  SoupMessageHeadersIter iter;
  const char *key, *value;
  guint n = 0;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &key, &value))
    if (g_ascii_strcasecmp (key, name) == 0)
      n++;

  return n;
}

/* A device id is copied into conflicts that other people read: a bounded line of text. */
static gboolean
device_id_is_valid (const char *value)
{
  if (value == NULL)
    return TRUE;
  if (*value == '\0' || strlen (value) > 200 || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Refuses from the headers alone and reads no body: the connection is taken from libsoup,
 * answered and closed at once. libsoup would otherwise go on to read the body the headers
 * announce (all of it, or with a negative length a GLib warning first), and whatever the
 * client still sends must never be taken as the next request. */
static void
refuse_headers (IbServer          *self,
                SoupServerMessage *msg,
                IbServerError      code,
                const char        *message,
                const char        *allow)
{
  g_autofree char *body = error_body (code, message);
  guint status = ib_server_error_status (code);
  g_autoptr (GString) reply = g_string_new (NULL);
  g_autoptr (GIOStream) stream = NULL;
  RequestLog *log = g_hash_table_lookup (self->in_flight, msg);

  g_string_append_printf (reply, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  g_string_append (reply, "Server: improvement-board-server\r\nCache-Control: no-store\r\n");
  g_string_append (reply, "Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n");
  if (allow != NULL)
    g_string_append_printf (reply, "Allow: %s\r\n", allow);
  g_string_append_printf (reply, "Content-Length: %zu\r\n\r\n%s", strlen (body), body);

  ib_server_log ("info", "request",
                 "smethod", soup_server_message_get_method (msg),
                 "spath", g_uri_get_path (soup_server_message_get_uri (msg)),
                 "istatus", (gint64) status,
                 "srefused", message,
                 "ims", log != NULL ? (g_get_monotonic_time () - log->started) / 1000 : (gint64) 0,
                 NULL);
  g_object_set_data (G_OBJECT (msg), "ib-refused", GINT_TO_POINTER (1));
  g_hash_table_remove (self->in_flight, msg);

  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), reply->str, reply->len, NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
}

/* Limits, checked on the headers before any of the body is read. */
static void
early_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  IbServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *allowed = allowed_methods (path);
  goffset limit = g_str_equal (path, "/v1/push") ? IB_PUSH_MAX_BYTES : SMALL_BODY_BYTES;
  static const char * const singletons[] = { "Content-Length", "Authorization", "Device-Id", "Sync-Protocol" };
  SoupEncoding encoding;

  /* Methods are case-sensitive (RFC 9110): "get" is not GET. */
  if (!method_allowed ("GET, HEAD, POST, DELETE", method) || (allowed != NULL && !method_allowed (allowed, method)))
    {
      refuse_headers (self, msg, IB_SERVER_ERROR_METHOD_NOT_ALLOWED, "This endpoint does not answer that method.",
                      allowed != NULL ? allowed : "GET, HEAD, POST, DELETE");
      return;
    }

  /* Two of a header that must be one would let two readers of the request disagree. */
  for (guint i = 0; i < G_N_ELEMENTS (singletons); i++)
    if (count_header (headers, singletons[i]) > 1)
      {
        g_autofree char *message = g_strdup_printf ("Send one %s header, not several.", singletons[i]);

        refuse_headers (self, msg, IB_SERVER_ERROR_INVALID, message, NULL);
        return;
      }

  if (!device_id_is_valid (soup_message_headers_get_one (headers, "Device-Id")))
    {
      refuse_headers (self, msg, IB_SERVER_ERROR_INVALID,
                      "Device-Id must be 1 to 200 bytes of UTF-8 text without control characters.", NULL);
      return;
    }

  if (soup_message_headers_get_one (headers, "Content-Length") != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (soup_message_headers_get_one (headers, "Content-Length")));
      guint64 length;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &length, NULL))
        {
          refuse_headers (self, msg, IB_SERVER_ERROR_INVALID, "Content-Length must be a whole number of bytes.", NULL);
          return;
        }
    }

  encoding = soup_message_headers_get_encoding (headers);
  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD") || g_str_equal (method, "DELETE"))
    {
      if (encoding == SOUP_ENCODING_NONE ||
          (encoding == SOUP_ENCODING_CONTENT_LENGTH && soup_message_headers_get_content_length (headers) == 0))
        return;
    }

  if (encoding != SOUP_ENCODING_CONTENT_LENGTH)
    refuse_body (msg, "Send a Content-Length: bodies of unknown length are refused.");
  else if (soup_message_headers_get_content_length (headers) > limit)
    refuse_body (msg, g_str_equal (path, "/v1/push") ? "A push may be at most 1 MiB: send fewer mutations."
                                                      : "The request body is too large.");
}

static void
got_headers_cb (SoupServerMessage *msg,
                IbServer          *self)
{
  RequestLog *log;

  if (g_object_get_data (G_OBJECT (msg), "ib-refused") != NULL)
    return;

  log = g_new0 (RequestLog, 1);
  log->started = g_get_monotonic_time ();
  g_hash_table_insert (self->in_flight, msg, log);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    IbServer          *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
}

static gboolean
finish_shutdown (IbServer *self)
{
  g_clear_handle_id (&self->grace_id, g_source_remove);
  soup_server_disconnect (self->soup);
  ib_server_log ("info", "stopped", NULL, NULL);
  g_signal_emit (self, signals[STOPPED], 0);
  return G_SOURCE_REMOVE;
}

static void
request_done_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 IbServer          *self)
{
  RequestLog *log = g_hash_table_lookup (self->in_flight, msg);

  if (log != NULL)
    {
      /* The path only: a query string carries nothing secret today, but might one day. */
      ib_server_log (soup_server_message_get_status (msg) >= 500 ? "warning" : "info", "request",
                 "smethod", soup_server_message_get_method (msg),
                 "spath", g_uri_get_path (soup_server_message_get_uri (msg)),
                 "istatus", (gint64) soup_server_message_get_status (msg),
                 "suser", log->user,
                 "sdevice", log->device,
                 "ims", (g_get_monotonic_time () - log->started) / 1000,
                 "iapplied", (gint64) log->counts.applied,
                 "imerged", (gint64) log->counts.merged,
                 "iconflict", (gint64) log->counts.conflict,
                 "irejected", (gint64) log->counts.rejected,
                 "ireplayed", (gint64) log->counts.replayed,
                 NULL);
      g_hash_table_remove (self->in_flight, msg);
    }

  if (self->shutting_down && g_hash_table_size (self->in_flight) == 0 && self->grace_id != 0)
    finish_shutdown (self);
}

/* The client went away before an answer: nothing failed on this side, so no 500. */
static void
request_aborted_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    IbServer          *self)
{
  RequestLog *log = g_hash_table_lookup (self->in_flight, msg);

  if (log != NULL)
    {
      ib_server_log ("info", "aborted",
                     "smethod", soup_server_message_get_method (msg),
                     "spath", g_uri_get_path (soup_server_message_get_uri (msg)),
                     "suser", log->user,
                     "ims", (g_get_monotonic_time () - log->started) / 1000,
                     NULL);
      g_hash_table_remove (self->in_flight, msg);
    }

  if (self->shutting_down && g_hash_table_size (self->in_flight) == 0 && self->grace_id != 0)
    finish_shutdown (self);
}

static void
ib_server_dispose (GObject *object)
{
  IbServer *self = (IbServer *) object;

  g_clear_handle_id (&self->grace_id, g_source_remove);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->db);
  g_clear_pointer (&self->login_failures, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (ib_server_parent_class)->dispose (object);
}

static void
ib_server_class_init (IbServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ib_server_dispose;

  signals[STOPPED] = g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ib_server_init (IbServer *self)
{
  self->login_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->in_flight = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) request_log_free);
}

IbServer *
ib_server_new (IbServerDb *db)
{
  IbServer *self;

  g_return_val_if_fail (IB_IS_SERVER_DB (db), NULL);

  self = g_object_new (IB_TYPE_SERVER, NULL);
  self->db = g_object_ref (db);
  self->soup = soup_server_new ("server-header", "improvement-board-server ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self, 0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (request_done_cb), self, 0);
  g_signal_connect_object (self->soup, "request-aborted", G_CALLBACK (request_aborted_cb), self, 0);

  return self;
}

gboolean
ib_server_listen (IbServer         *self,
                  const char       *address,
                  gboolean          allow_remote_http,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  g_autoptr (GSocketConnectable) connectable = NULL;
  g_autoptr (GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  GInetAddress *inet;

  g_return_val_if_fail (IB_IS_SERVER (self), FALSE);

  connectable = g_network_address_parse (address, 8470, error);
  if (connectable == NULL)
    return FALSE;

  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    return FALSE;

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address));
  if (certificate == NULL && !g_inet_address_get_is_loopback (inet) && !allow_remote_http)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Refusing to serve plain HTTP on %s: tokens and passwords would cross the network "
                   "unencrypted. Listen on 127.0.0.1 behind a TLS reverse proxy, give --tls-cert and "
                   "--tls-key, or pass --allow-remote-http if a proxy on another host terminates TLS.",
                   address);
      return FALSE;
    }

  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);

  return soup_server_listen (self->soup, socket_address,
                             certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

char *
ib_server_get_address (IbServer *self)
{
  g_autoptr (GSList) listeners = soup_server_get_listeners (self->soup);
  g_autoptr (GSocketAddress) local = NULL;
  g_autofree char *host = NULL;
  GInetAddress *inet;

  if (listeners == NULL)
    return NULL;

  local = g_socket_get_local_address (listeners->data, NULL);
  if (local == NULL)
    return NULL;

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  host = g_inet_address_to_string (inet);
  return g_strdup_printf (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "[%s]:%u" : "%s:%u",
                          host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
}

void
ib_server_shutdown (IbServer *self,
                    guint     grace_seconds)
{
  g_return_if_fail (IB_IS_SERVER (self));

  if (self->shutting_down)
    return;

  self->shutting_down = TRUE;
  ib_server_log ("info", "stopping", "iin_flight", (gint64) g_hash_table_size (self->in_flight), NULL);

  self->grace_id = g_timeout_add_seconds (grace_seconds, (GSourceFunc) finish_shutdown, self);
  if (g_hash_table_size (self->in_flight) == 0)
    finish_shutdown (self);
}
