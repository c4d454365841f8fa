/* test-server.c: conformance of improvement-board-server to docs/sync-protocol.md, over loopback
 *
 * Every test starts the real binary on 127.0.0.1 with port 0 and a fresh database, with four
 * users: "admin" (admin, exempt), "ed" (editor, exempt), "pub" (editor, public) and "view"
 * (viewer, public).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ib-test-server.h"

#define CANARY "CANARY-7f3a-exempt-text"

typedef struct
{
  IbTestServer *srv;
  char         *admin, *ed, *pub, *view;
} Fixture;

static void
setup_users (Fixture *f)
{
  ib_test_server_add_user (f->srv, "admin", "admin", "exempt");
  ib_test_server_add_user (f->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (f->srv, "pub", "editor", "public");
  ib_test_server_add_user (f->srv, "view", "viewer", "public");
}

static void
login_all (Fixture *f)
{
  f->admin = ib_test_server_login (f->srv, "admin");
  f->ed = ib_test_server_login (f->srv, "ed");
  f->pub = ib_test_server_login (f->srv, "pub");
  f->view = ib_test_server_login (f->srv, "view");
}

/* Users and their tokens are made once, in a template database that each test copies: every
 * sign-in runs scrypt on purpose, and four per test would be most of the suite's time. */
static char *template_dir;
static char *template_tokens[4];

static void
make_template (void)
{
  Fixture t = { 0 };

  t.srv = ib_test_server_new (FALSE);
  setup_users (&t);
  ib_test_server_start (t.srv);
  login_all (&t);
  g_assert_cmpint (ib_test_server_stop (t.srv), ==, 0);

  template_dir = g_strdup (t.srv->dir);
  template_tokens[0] = t.admin;
  template_tokens[1] = t.ed;
  template_tokens[2] = t.pub;
  template_tokens[3] = t.view;
  /* Keep the folder: only the server object goes. */
  g_setenv ("IB_TEST_KEEP", "1", TRUE);
  ib_test_server_free (t.srv);
  g_unsetenv ("IB_TEST_KEEP");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *template_db = NULL, *bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  if (template_dir == NULL)
    make_template ();

  f->srv = ib_test_server_new (data != NULL);
  template_db = g_build_filename (template_dir, "server.db", NULL);
  g_file_get_contents (template_db, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->srv->db_path, bytes, (gssize) length, &error);
  g_assert_no_error (error);

  ib_test_server_start (f->srv);
  f->admin = g_strdup (template_tokens[0]);
  f->ed = g_strdup (template_tokens[1]);
  f->pub = g_strdup (template_tokens[2]);
  f->view = g_strdup (template_tokens[3]);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ib_test_server_free (f->srv);
  g_free (f->admin);
  g_free (f->ed);
  g_free (f->pub);
  g_free (f->view);
}

/* Helpers */

static IbTestResponse *
push (Fixture    *f,
      const char *token,
      const char *mutations)
{
  g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", mutations);

  return ib_test_request (f->srv, "POST", "/v1/push", token, body);
}

/* Pushes one mutation and returns its result status ("applied", …), asserting HTTP 200. */
static char *
push_one (Fixture    *f,
          const char *token,
          const char *mutation,
          gint64     *rev_out)
{
  g_autoptr (IbTestResponse) r = push (f, token, mutation);

  g_assert_cmpuint (r->status, ==, 200);
  if (rev_out != NULL)
    *rev_out = ib_test_json_int (r, "results/0/rev");
  return g_strdup (ib_test_json_string (r, "results/0/status"));
}

static char *
new_id (void)
{
  return g_uuid_string_random ();
}

static char *
mid (void)
{
  return g_uuid_string_random ();
}

static char *
create_plan (Fixture    *f,
             const char *token,
             const char *klass,
             const char *title)
{
  g_autofree char *id = new_id (), *m = mid ();
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"class\":\"%s\"%s,"
    "\"set\":{\"title\":\"%s\"}}", m, id, klass, g_str_equal (klass, "exempt") ? ",\"exempt_paragraph\":3" : "", title);
  g_autofree char *status = push_one (f, token, mutation, NULL);

  g_assert_cmpstr (status, ==, "applied");
  return g_steal_pointer (&id);
}

static char *
create_action (Fixture    *f,
               const char *token,
               const char *plan,
               const char *klass,
               const char *title)
{
  g_autofree char *id = new_id (), *m = mid ();
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"action\",\"id\":\"%s\",\"class\":\"%s\","
    "\"set\":{\"plan\":\"%s\",\"ref\":\"1\",\"title\":\"%s\",\"status\":\"on_track\"}}",
    m, id, klass, plan, title);
  g_autofree char *status = push_one (f, token, mutation, NULL);

  g_assert_cmpstr (status, ==, "applied");
  return g_steal_pointer (&id);
}

static char *
update (Fixture    *f,
        const char *token,
        const char *id,
        gint64      base_rev,
        const char *set,
        gint64     *rev_out)
{
  g_autofree char *m = mid ();
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT ",\"set\":%s}",
    m, id, base_rev, set);

  return push_one (f, token, mutation, rev_out);
}

static IbTestResponse *
get_record (Fixture    *f,
            const char *token,
            const char *type,
            const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/records/%s/%s", type, id);

  return ib_test_request (f->srv, "GET", path, token, NULL);
}

/* Pulls the whole feed from @cursor (NULL: snapshot) and returns every entry (transfer full). */
static GPtrArray *
pull_all (Fixture     *f,
          const char  *token,
          char       **cursor,
          guint        limit,
          guint       *pages)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gint64 last_seq = 0;

  *pages = 0;
  for (;;)
    {
      g_autofree char *path = *cursor != NULL
        ? g_strdup_printf ("/v1/changes?cursor=%s&limit=%u", *cursor, limit)
        : g_strdup_printf ("/v1/changes?limit=%u", limit);
      g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", path, token, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpuint (strlen (r->body), <=, 2 * 1024 * 1024 + 300 * 1024);
      changes = json_node_get_array (ib_test_json_node (r, "changes"));
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonNode *entry = json_array_get_element (changes, i);
          gint64 seq = json_object_get_int_member (json_node_get_object (entry), "seq");

          g_assert_cmpint (seq, >, last_seq); /* ordered by seq, strictly */
          last_seq = seq;
          g_ptr_array_add (entries, json_node_ref (entry));
        }
      g_free (*cursor);
      *cursor = g_strdup (ib_test_json_string (r, "next_cursor"));
      (*pages)++;
      if (!json_node_get_boolean (ib_test_json_node (r, "has_more")))
        break;
    }

  return entries;
}

static JsonObject *
find_entry (GPtrArray  *entries,
            const char *id)
{
  JsonObject *found = NULL;

  /* The last entry wins: the feed has one per record, but a test may concatenate pulls. */
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (entries, i));

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        found = o;
    }

  return found;
}

static void
assert_no_canary (Fixture    *f,
                  const char *token)
{
  g_autofree char *prefix = g_strdup_printf ("%s\t", token);
  g_autofree char *log = NULL;
  guint scanned = 0;

  for (guint i = 0; i < f->srv->transcript->len; i++)
    {
      const char *line = g_ptr_array_index (f->srv->transcript, i);

      if (!g_str_has_prefix (line, prefix))
        continue;
      scanned++;
      if (strstr (line, CANARY) != NULL)
        g_error ("Exempt text reached a public-only user: %s", line + strlen (prefix));
    }
  g_assert_cmpuint (scanned, >, 0);

  g_assert_true (g_file_get_contents (f->srv->log_path, &log, NULL, NULL));
  g_assert_null (strstr (log, CANARY));
}

/* Helpers for the Exempt-leak, Unicode, damaged-record and HTTP-edge tests */

/* Class members of a mutation, as they go between its "id" and its "set". */
#define AS_PUBLIC     ",\"class\":\"public\""
#define AS_EXEMPT(n)  ",\"class\":\"exempt\",\"exempt_paragraph\":" #n

/* Creates a @type record with the fields @set_format (a JSON object) and asserts it applied;
 * @klass is "" for the default class, AS_PUBLIC or AS_EXEMPT (n). Returns its id. */
G_GNUC_PRINTF (5, 6)
static char *
create_record (Fixture    *f,
               const char *token,
               const char *type,
               const char *klass,
               const char *set_format,
               ...)
{
  g_autofree char *id = new_id (), *m = mid (), *set = NULL, *mutation = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  va_list args;

  va_start (args, set_format);
  set = g_strdup_vprintf (set_format, args);
  va_end (args);

  mutation = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"%s\",\"id\":\"%s\"%s,\"set\":%s}",
                              m, type, id, klass, set);
  r = push (f, token, mutation);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  return g_steal_pointer (&id);
}

/* Pushes an update of @type @id from @base_rev; @klass as for create_record (). */
static IbTestResponse *
push_update (Fixture    *f,
             const char *token,
             const char *type,
             const char *id,
             gint64      base_rev,
             const char *klass,
             const char *set)
{
  g_autofree char *m = mid ();
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"%s\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "%s,\"set\":%s}",
    m, type, id, base_rev, klass, set);
  IbTestResponse *r = push (f, token, mutation);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

static IbTestResponse *
push_delete (Fixture    *f,
             const char *token,
             const char *type,
             const char *id,
             gint64      base_rev)
{
  g_autofree char *m = mid ();
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"%s\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}",
    m, type, id, base_rev);
  IbTestResponse *r = push (f, token, mutation);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

/* Resolves @conflict_id; @deleted is "true", "false" or NULL (left out). */
static IbTestResponse *
push_resolve (Fixture    *f,
              const char *token,
              const char *conflict_id,
              gint64      base_rev,
              const char *deleted)
{
  g_autofree char *m = mid ();
  g_autofree char *extra = deleted != NULL ? g_strdup_printf (",\"deleted\":%s", deleted) : g_strdup ("");
  g_autofree char *mutation = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "%s}",
    m, conflict_id, base_rev, extra);
  IbTestResponse *r = push (f, token, mutation);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

/* Returns the record's rev as @token sees it with GET; asserts it is visible. */
static gint64
record_rev (Fixture    *f,
            const char *token,
            const char *type,
            const char *id)
{
  g_autoptr (IbTestResponse) r = get_record (f, token, type, id);

  g_assert_cmpuint (r->status, ==, 200);
  return ib_test_json_int (r, "rev");
}

static gboolean
record_is_deleted (Fixture    *f,
                   const char *token,
                   const char *type,
                   const char *id)
{
  g_autoptr (IbTestResponse) r = get_record (f, token, type, id);
  JsonNode *deleted;

  g_assert_cmpuint (r->status, ==, 200);
  deleted = ib_test_json_node (r, "deleted");
  return deleted != NULL && json_node_get_boolean (deleted);
}

/* Fails when a body @token received, from transcript entry @from on, holds @needle: an Exempt
 * canary or the id of a record that token may never learn of. */
static void
assert_never_received (Fixture    *f,
                       const char *token,
                       guint       from,
                       const char *needle)
{
  g_autofree char *prefix = g_strdup_printf ("%s\t", token);
  guint scanned = 0;

  for (guint i = from; i < f->srv->transcript->len; i++)
    {
      const char *line = g_ptr_array_index (f->srv->transcript, i);

      if (!g_str_has_prefix (line, prefix))
        continue;
      scanned++;
      if (strstr (line, needle) != NULL)
        g_error ("“%s” reached a user who may not know of it: %s", needle, line + strlen (prefix));
    }
  g_assert_cmpuint (scanned, >, 0);
}

/* Restarts the server with G_DEBUG set to @flags. The suite runs with "fatal-warnings", which
 * the server inherits: a test that expects the server to warn on purpose says so, and one that
 * must catch any warning, even one its log writer drops, asks for it whatever the suite sets. */
static void
restart_with_g_debug (Fixture    *f,
                      const char *flags)
{
  g_autofree char *setting = g_strdup_printf ("G_DEBUG=%s", flags);

  /* Just started, it may not have its SIGTERM handler yet: how it stops is not the point here. */
  if (f->srv->process != NULL)
    ib_test_server_stop (f->srv);
  g_strfreev (f->srv->env);
  f->srv->env = g_strdupv ((char *[]) { setting, NULL });
  ib_test_server_start (f->srv);
}

/* The server's log names records at most, never what they hold. */
static void
assert_log_lacks (Fixture    *f,
                  const char *needle)
{
  g_autofree char *log = NULL;

  g_assert_true (g_file_get_contents (f->srv->log_path, &log, NULL, NULL));
  g_assert_null (strstr (log, needle));
}

/* Every string of @node, member names included, must be UTF-8. */
static void
assert_strings_valid (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (node));

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_assert_true (g_utf8_validate (l->data, -1, NULL));
          assert_strings_valid (json_object_get_member (json_node_get_object (node), l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_strings_valid (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_assert_true (g_utf8_validate (json_node_get_string (node), -1, NULL));
}

/* Pulls the whole feed from scratch, asserting every page is UTF-8 JSON whose strings are all
 * valid and that no text holds an escaped NUL (json-glib would cut the string there, unseen).
 * Returns every entry (transfer full). */
static GPtrArray *
pull_checked (Fixture    *f,
              const char *token)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *cursor = NULL;

  for (;;)
    {
      g_autofree char *path = cursor != NULL ? g_strdup_printf ("/v1/changes?cursor=%s&limit=500", cursor)
                                             : g_strdup ("/v1/changes?limit=500");
      g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", path, token, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_true (g_utf8_validate (r->body, -1, NULL));
      g_assert_null (strstr (r->body, "\\u0000"));
      if (r->json == NULL)
        g_error ("A feed page is not JSON: %s", r->body);
      assert_strings_valid (r->json);

      changes = json_node_get_array (ib_test_json_node (r, "changes"));
      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_ptr_array_add (entries, json_node_ref (json_array_get_element (changes, i)));

      g_free (cursor);
      cursor = g_strdup (ib_test_json_string (r, "next_cursor"));
      if (!json_node_get_boolean (ib_test_json_node (r, "has_more")))
        break;
    }

  return entries;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Returns the strings of the array at @path in @r, sorted and joined by ",". */
static char *
sorted_ids (IbTestResponse *r,
            const char     *path)
{
  JsonNode *node = ib_test_json_node (r, path);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    g_ptr_array_add (ids, (char *) json_array_get_string_element (json_node_get_array (node), i));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* Returns @a, @b, … (NULL-terminated) sorted and joined by ",", to compare with sorted_ids (). */
static char *
id_set (const char *first,
        ...)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_ptr_array_add (ids, (char *) id);
  va_end (args);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* TRUE when @word appears in @text with no letter, digit or "_" either side. */
static gboolean
names_word (const char *text,
            const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean before = p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '_');
      gboolean after = g_ascii_isalnum (p[n]) || p[n] == '_';

      if (!before && !after)
        return TRUE;
    }

  return FALSE;
}

/* The raw HTTP exchange: libsoup's client normalises methods and headers, so requests it would
 * never send are written by hand, with "Connection: close" so the reply ends with the stream. */

typedef struct
{
  guint  status;
  char  *head;   /* status line and headers */
  char  *body;
  gsize  body_length;
} RawResponse;

static void
raw_response_free (RawResponse *r)
{
  g_free (r->head);
  g_free (r->body);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawResponse, raw_response_free)

static GSocketConnection *
raw_connect (Fixture *f)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, 30);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->srv->port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static RawResponse *
raw_request (Fixture    *f,
             const char *request)
{
  g_autoptr (GSocketConnection) connection = raw_connect (f);
  g_autoptr (GByteArray) reply = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  RawResponse *r = g_new0 (RawResponse, 1);
  const char *end;
  char buffer[4096];
  gssize n;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  /* A server that refuses from the headers closes at once; a reset after the reply is fine. */
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (reply, (const guint8 *) buffer, (guint) n);
  g_byte_array_append (reply, (const guint8 *) "", 1);

  if (!g_str_has_prefix ((const char *) reply->data, "HTTP/1.1 "))
    g_error ("No HTTP answer to:\n%s\ngot: %s", request, (const char *) reply->data);
  r->status = (guint) g_ascii_strtoull ((const char *) reply->data + 9, NULL, 10);
  end = strstr ((const char *) reply->data, "\r\n\r\n");
  g_assert_nonnull (end);
  r->head = g_strndup ((const char *) reply->data, (gsize) (end - (const char *) reply->data));
  r->body_length = reply->len - 1 - (gsize) (end + 4 - (const char *) reply->data);
  r->body = g_strndup (end + 4, r->body_length);
  return r;
}

/* Returns the value of the header @name in @r (its first), or NULL (transfer full). */
static char *
raw_header (RawResponse *r,
            const char  *name)
{
  g_auto (GStrv) lines = g_strsplit (r->head, "\r\n", -1);
  gsize n = strlen (name);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, n) == 0 && lines[i][n] == ':')
      return g_strstrip (g_strdup (lines[i] + n + 1));

  return NULL;
}

/* Sends "METHOD PATH" with @token's bearer, @extra header lines (each ending "\r\n") and then
 * @body as it is (it must match the Content-Length that @extra gives). */
static RawResponse *
raw_call (Fixture    *f,
          const char *method,
          const char *path,
          const char *token,
          const char *extra,
          const char *body)
{
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s\r\n", token) : g_strdup ("");
  g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%sConnection: close\r\n\r\n%s",
                                              method, path, auth, extra, body);

  return raw_request (f, request);
}

/* Tests */

static void
test_listen_and_hello (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (IbTestResponse) hello = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);
  g_autoptr (IbTestResponse) anon = ib_test_request (f->srv, "GET", "/v1/hello", NULL, NULL);
  g_autoptr (IbTestResponse) nowhere = ib_test_request (f->srv, "GET", "/v2/hello", f->ed, NULL);
  g_autoptr (IbTestResponse) bad_method = ib_test_request (f->srv, "DELETE", "/v1/changes", f->ed, NULL);

  g_assert_cmpuint (hello->status, ==, 200);
  g_assert_cmpint (ib_test_json_int (hello, "protocol/min"), ==, 1);
  g_assert_cmpint (ib_test_json_int (hello, "protocol/max"), ==, 1);
  g_assert_cmpstr (ib_test_json_string (hello, "role"), ==, "editor");
  g_assert_cmpstr (ib_test_json_string (hello, "clearance"), ==, "exempt");
  g_assert_cmpuint (strlen (ib_test_json_string (hello, "epoch")), ==, 8);
  g_assert_cmpint (ib_test_json_int (hello, "limits/push_mutations"), ==, 100);
  g_assert_cmpint (ib_test_json_int (hello, "limits/record_bytes"), ==, 256 * 1024);
  g_assert_cmpstr (soup_message_headers_get_content_type (hello->headers, NULL), ==, "application/json");

  g_assert_cmpuint (anon->status, ==, 401);
  g_assert_cmpstr (ib_test_json_string (anon, "error/code"), ==, "unauthorized");
  g_assert_nonnull (ib_test_json_string (anon, "error/message"));
  g_assert_cmpuint (nowhere->status, ==, 404);
  g_assert_cmpstr (ib_test_json_string (nowhere, "error/code"), ==, "not_found");
  /* A method the endpoint does not answer is 405 and says which it does (RFC 9110). */
  g_assert_cmpuint (bad_method->status, ==, 405);
  g_assert_cmpstr (ib_test_json_string (bad_method, "error/code"), ==, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (bad_method->headers, "Allow"), ==, "GET, HEAD");
}

static void
test_protocol_versions (Fixture       *f,
                        gconstpointer  data)
{
  const struct { const char *version; guint status; } cases[] = {
    { "1", 200 }, { "0", 200 }, { "2", 426 }, { "banana", 426 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v1/hello", f->srv->port);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", f->ed);
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr (GBytes) body = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Sync-Protocol", cases[i].version);
      body = soup_session_send_and_read (f->srv->session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
      if (cases[i].status == 426)
        g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "protocol_unsupported"));
    }
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (IbTestResponse) wrong = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                                                      "{\"user\":\"ed\",\"password\":\"nope-nope\"}");
  g_autoptr (IbTestResponse) nobody = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                                                       "{\"user\":\"nobody\",\"password\":\"nope-nope\"}");
  g_autoptr (IbTestResponse) garbage = ib_test_request (f->srv, "GET", "/v1/hello",
                                                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
  g_autoptr (IbTestResponse) login = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                                                      "{\"user\":\"pub\",\"password\":\"password-pub\",\"device_name\":\"t\"}");
  g_autoptr (IbTestResponse) revoke = NULL, after = NULL, other = NULL;
  g_autofree char *db_bytes = NULL, *wal_bytes = NULL, *wal_path = NULL;
  g_autofree char *token = NULL;
  gsize db_len = 0, wal_len = 0;

  /* A wrong password and an unknown user are indistinguishable. */
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (nobody->status, ==, 401);
  g_assert_cmpstr (wrong->body, ==, nobody->body);
  g_assert_cmpuint (garbage->status, ==, 401);

  g_assert_cmpuint (login->status, ==, 200);
  token = g_strdup (ib_test_json_string (login, "token"));
  g_assert_cmpuint (strlen (token), ==, 43); /* 256 bits, base64url */
  g_assert_cmpint (ib_test_json_int (login, "expires_in"), ==, 7776000);
  g_assert_cmpstr (ib_test_json_string (login, "role"), ==, "editor");
  g_assert_cmpstr (ib_test_json_string (login, "clearance"), ==, "public");

  /* Only a hash is stored: the token's text is in neither the database nor its WAL. */
  wal_path = g_strconcat (f->srv->db_path, "-wal", NULL);
  g_assert_true (g_file_get_contents (f->srv->db_path, &db_bytes, &db_len, NULL));
  g_file_get_contents (wal_path, &wal_bytes, &wal_len, NULL);
  g_assert_null (g_strstr_len (db_bytes, (gssize) db_len, token));
  if (wal_bytes != NULL)
    g_assert_null (g_strstr_len (wal_bytes, (gssize) wal_len, token));
  g_assert_null (g_strstr_len (db_bytes, (gssize) db_len, "password-pub"));

  revoke = ib_test_request (f->srv, "DELETE", "/v1/auth/token", token, NULL);
  g_assert_cmpuint (revoke->status, ==, 204);
  after = ib_test_request (f->srv, "GET", "/v1/hello", token, NULL);
  g_assert_cmpuint (after->status, ==, 401);
  /* Revoking one device's token leaves the others signed in. */
  other = ib_test_request (f->srv, "GET", "/v1/hello", f->pub, NULL);
  g_assert_cmpuint (other->status, ==, 200);
}

static void
test_login_throttle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (IbTestResponse) blocked = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                                                      "{\"user\":\"view\",\"password\":\"guess-guess\"}");
      g_assert_cmpuint (r->status, ==, 401);
    }

  blocked = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                             "{\"user\":\"view\",\"password\":\"password-view\"}");
  g_assert_cmpuint (blocked->status, ==, 429);
  g_assert_cmpint (g_ascii_strtoll (soup_message_headers_get_one (blocked->headers, "Retry-After"), NULL, 10), >, 0);
}

static void
test_admin_revoke (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr (IbTestResponse) r = NULL;

  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, &out, "--revoke-tokens", "ed", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1"));
  r = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);
  g_assert_cmpuint (r->status, ==, 401);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, &out, "--list-users", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ed\teditor\texempt\t0"));
  g_assert_nonnull (strstr (out, "pub\teditor\tpublic\t1"));
  /* A bad role is refused by the command line, which says so. */
  g_assert_cmpint (ib_test_server_admin (f->srv, "secret-secret\n", NULL, "--create-user", "x",
                                         "--role", "boss", "--clearance", "public", NULL), !=, 0);
}

static void
test_push_lifecycle (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Audit");
  g_autofree char *status = NULL, *m = mid (), *del = NULL;
  g_autoptr (IbTestResponse) got = NULL, gone = NULL;
  gint64 rev = 0;

  status = update (f, f->ed, action, 1, "{\"title\":\"Audit practice\"}", &rev);
  g_assert_cmpstr (status, ==, "applied");
  g_assert_cmpint (rev, ==, 2);

  got = get_record (f, f->pub, "action", action);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (got, "type"), ==, "action");
  g_assert_cmpint (ib_test_json_int (got, "rev"), ==, 2);
  g_assert_cmpstr (ib_test_json_string (got, "fields/title"), ==, "Audit practice");
  g_assert_cmpstr (ib_test_json_string (got, "fields/status"), ==, "on_track");
  g_assert_cmpstr (ib_test_json_string (got, "updated_by"), ==, "ed");

  /* Deleting the plan tombstones its action in the same transaction. */
  del = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"plan\",\"id\":\"%s\",\"base_rev\":1}", m, plan);
  g_clear_pointer (&status, g_free);
  status = push_one (f, f->ed, del, NULL);
  g_assert_cmpstr (status, ==, "applied");
  gone = get_record (f, f->ed, "action", action);
  g_assert_cmpuint (gone->status, ==, 200);
  g_assert_true (json_node_get_boolean (ib_test_json_node (gone, "deleted")));
  g_assert_null (ib_test_json_node (gone, "fields"));
  g_assert_cmpint (ib_test_json_int (gone, "rev"), ==, 3);
}

/* The merge rule, field by field (docs/sync-protocol.md §7): the server's record has had "title"
 * changed by another editor since base revision 1. */
static void
test_merge_table (Fixture       *f,
                  gconstpointer  data)
{
  const struct {
    const char *client_set;
    const char *expect;
    const char *title_after;
    const char *status_after;
  } cases[] = {
    { "{\"status\":\"at_risk\"}", "merged", "Theirs", "at_risk" },               /* disjoint fields */
    { "{\"title\":\"Theirs\"}", "merged", "Theirs", "on_track" },                /* same value */
    { "{\"title\":\"Mine\"}", "conflict", "Theirs", "on_track" },                /* same field, different */
    { "{\"title\":\"Mine\",\"status\":\"at_risk\"}", "conflict", "Theirs", "on_track" }, /* nothing half-applied */
    { "{\"due_on\":\"2026-12-01\",\"title\":\"Theirs\"}", "merged", "Theirs", "on_track" },
  };
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
      g_autofree char *theirs = update (f, f->admin, action, 1, "{\"title\":\"Theirs\"}", NULL);
      g_autofree char *mine = update (f, f->ed, action, 1, cases[i].client_set, NULL);
      g_autoptr (IbTestResponse) now = get_record (f, f->ed, "action", action);

      g_test_message ("case %u: %s", i, cases[i].client_set);
      g_assert_cmpstr (theirs, ==, "applied");
      g_assert_cmpstr (mine, ==, cases[i].expect);
      g_assert_cmpstr (ib_test_json_string (now, "fields/title"), ==, cases[i].title_after);
      g_assert_cmpstr (ib_test_json_string (now, "fields/status"), ==, cases[i].status_after);
    }
}

static void
test_conflict_records (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
  g_autofree char *first = update (f, f->admin, action, 1, "{\"status\":\"at_risk\"}", NULL);
  g_autofree char *m = mid (), *body = NULL, *conflict_id = NULL, *resolve = NULL, *cursor = NULL;
  g_autoptr (IbTestResponse) r = NULL, forbidden = NULL, resolved = NULL, after = NULL;
  g_autoptr (GPtrArray) feed = NULL;
  JsonObject *entry, *fields;
  guint pages;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\","
                          "\"base_rev\":1,\"set\":{\"status\":\"off_track\"},\"was\":{\"status\":\"on_track\"}}",
                          m, action);
  r = push (f, f->ed, body);
  g_assert_cmpstr (first, ==, "applied");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "conflict");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/reason"), ==, "edit_edit");
  g_assert_cmpint (ib_test_json_int (r, "results/0/server/rev"), ==, 2);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/server/fields/status"), ==, "at_risk");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/server/by"), ==, "admin");
  conflict_id = g_strdup (ib_test_json_string (r, "results/0/conflict_id"));
  g_assert_true (g_uuid_string_is_valid (conflict_id));

  /* The losing edit is a record of type "conflict" in the feed, holding both values. */
  feed = pull_all (f, f->ed, &cursor, 500, &pages);
  entry = find_entry (feed, conflict_id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "type"), ==, "conflict");
  fields = json_object_get_object_member (entry, "fields");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "mine"), "status"), ==, "off_track");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "theirs"), "status"), ==, "at_risk");
  g_assert_cmpstr (json_object_get_string_member (fields, "author"), ==, "ed");
  g_assert_cmpstr (json_object_get_string_member (fields, "status"), ==, "open");

  /* Only the author or an admin resolves; the resolve goes through the optimistic check. */
  g_clear_pointer (&m, g_free);
  m = mid ();
  resolve = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":2,"
                             "\"set\":{\"status\":\"off_track\"}}", m, conflict_id);
  forbidden = push (f, f->pub, resolve);
  g_assert_cmpstr (ib_test_json_string (forbidden, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (forbidden, "results/0/code"), ==, "forbidden");

  g_clear_pointer (&m, g_free);
  g_clear_pointer (&resolve, g_free);
  m = mid ();
  resolve = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":2,"
                             "\"set\":{\"status\":\"off_track\"}}", m, conflict_id);
  resolved = push (f, f->ed, resolve);
  g_assert_cmpstr (ib_test_json_string (resolved, "results/0/status"), ==, "applied");
  g_assert_cmpint (ib_test_json_int (resolved, "results/0/rev"), ==, 3);

  after = get_record (f, f->pub, "action", action);
  g_assert_cmpstr (ib_test_json_string (after, "fields/status"), ==, "off_track");
  g_clear_pointer (&after, ib_test_response_free);
  after = get_record (f, f->ed, "conflict", conflict_id);
  g_assert_cmpstr (ib_test_json_string (after, "fields/status"), ==, "resolved");
  g_assert_cmpstr (ib_test_json_string (after, "fields/resolved_by"), ==, "ed");
}

static void
test_stale_resolve_conflicts_again (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
  g_autofree char *a = update (f, f->admin, action, 1, "{\"title\":\"A\"}", NULL);
  g_autofree char *m = mid (), *body = NULL, *conflict_id = NULL, *b = NULL;
  g_autoptr (IbTestResponse) r = NULL, again = NULL, now = NULL;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\","
                          "\"base_rev\":1,\"set\":{\"title\":\"B\"}}", m, action);
  r = push (f, f->ed, body);
  conflict_id = g_strdup (ib_test_json_string (r, "results/0/conflict_id"));

  /* Someone edits the title again while the author is deciding (fault scenario A8). */
  b = update (f, f->admin, action, 2, "{\"title\":\"C\"}", NULL);
  g_assert_cmpstr (b, ==, "applied");

  g_clear_pointer (&body, g_free);
  g_clear_pointer (&m, g_free);
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"resolve\",\"conflict_id\":\"%s\",\"base_rev\":2,"
                          "\"set\":{\"title\":\"B\"}}", m, conflict_id);
  again = push (f, f->ed, body);
  g_assert_cmpstr (ib_test_json_string (again, "results/0/status"), ==, "conflict");
  g_assert_cmpstr (ib_test_json_string (again, "results/0/conflict_id"), ==, conflict_id);
  g_assert_cmpstr (ib_test_json_string (again, "results/0/server/fields/title"), ==, "C");

  now = get_record (f, f->ed, "action", action);
  g_assert_cmpstr (ib_test_json_string (now, "fields/title"), ==, "C");
}

static void
test_delete_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *edited = create_action (f, f->ed, plan, "public", "Edited");
  g_autofree char *deleted = create_action (f, f->ed, plan, "public", "Deleted");
  g_autofree char *twice = create_action (f, f->ed, plan, "public", "Twice");
  g_autofree char *s1 = update (f, f->admin, edited, 1, "{\"title\":\"Changed\"}", NULL);
  g_autofree char *m = NULL, *body = NULL, *st = NULL, *child = NULL;
  g_autoptr (IbTestResponse) r = NULL, still = NULL;

  /* Delete of a record changed since the base: edit_delete, and the record stays. */
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1}", m, edited);
  r = push (f, f->ed, body);
  g_assert_cmpstr (s1, ==, "applied");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "conflict");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/reason"), ==, "edit_delete");
  still = get_record (f, f->pub, "action", edited);
  g_assert_null (ib_test_json_node (still, "deleted"));

  /* Update of a deleted record: delete_edit; it is not resurrected. */
  g_clear_pointer (&m, g_free);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&r, ib_test_response_free);
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1}", m, deleted);
  st = push_one (f, f->admin, body, NULL);
  g_assert_cmpstr (st, ==, "applied");
  g_clear_pointer (&st, g_free);
  st = update (f, f->ed, deleted, 1, "{\"title\":\"Too late\"}", NULL);
  g_assert_cmpstr (st, ==, "conflict");
  g_clear_pointer (&still, ib_test_response_free);
  still = get_record (f, f->ed, "action", deleted);
  g_assert_true (json_node_get_boolean (ib_test_json_node (still, "deleted")));

  /* Delete against delete converges, with no conflict. */
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *mm = mid ();
      g_autofree char *b = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1}", mm, twice);
      g_autofree char *s = push_one (f, i == 0 ? f->ed : f->admin, b, NULL);

      g_assert_cmpstr (s, ==, "applied");
    }

  /* A child created under a deleted parent: parent_deleted (fault scenario A4). */
  g_clear_pointer (&m, g_free);
  g_clear_pointer (&body, g_free);
  m = mid ();
  child = new_id ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"position_statement\",\"id\":\"%s\","
                          "\"set\":{\"action\":\"%s\",\"as_at\":\"2026-11-01\",\"narrative\":\"Late\"}}",
                          m, child, deleted);
  r = push (f, f->ed, body);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "parent_deleted");
}

static void
test_measurement_unique (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *indicator = new_id (), *m = mid (), *body = NULL, *cursor = NULL;
  g_autofree char *s = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  g_autoptr (GPtrArray) feed = NULL;
  guint pages, live = 0;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"indicator\",\"id\":\"%s\","
                          "\"set\":{\"code\":\"CIC\",\"title\":\"Children in care\",\"unit\":\"count\",\"polarity\":\"lower_is_better\"}}",
                          m, indicator);
  s = push_one (f, f->ed, body, NULL);
  g_assert_cmpstr (s, ==, "applied");

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *mm = mid (), *id = new_id ();
      g_autofree char *b = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"measurement\",\"id\":\"%s\","
                                            "\"set\":{\"indicator\":\"%s\",\"period\":\"2021-03\",\"value\":%d}}",
                                            mm, id, indicator, 446 + i);
      g_clear_pointer (&r, ib_test_response_free);
      r = push (f, i == 0 ? f->ed : f->pub, b);
    }
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "conflict");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/reason"), ==, "duplicate_key");
  g_assert_cmpint (ib_test_json_int (r, "results/0/server/fields/value"), ==, 446);

  feed = pull_all (f, f->ed, &cursor, 500, &pages);
  for (guint i = 0; i < feed->len; i++)
    if (g_strcmp0 (json_object_get_string_member (json_node_get_object (g_ptr_array_index (feed, i)), "type"),
                   "measurement") == 0)
      live++;
  g_assert_cmpuint (live, ==, 1);
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
  g_autofree char *m = mid (), *body = NULL, *forged = NULL;
  g_autoptr (IbTestResponse) first = NULL, replay = NULL, reused = NULL, hello1 = NULL, hello2 = NULL, now = NULL;
  g_autofree char *hash_before = NULL, *hash_after = NULL;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\","
                          "\"base_rev\":1,\"set\":{\"title\":\"Once\"}}", m, action);
  first = push (f, f->ed, body);
  g_assert_cmpstr (ib_test_json_string (first, "results/0/status"), ==, "applied");
  g_assert_null (ib_test_json_node (first, "results/0/replayed"));

  hash_before = ib_test_server_content_hash (f->srv);
  replay = push (f, f->ed, body);
  g_assert_cmpstr (ib_test_json_string (replay, "results/0/status"), ==, "applied");
  g_assert_true (json_node_get_boolean (ib_test_json_node (replay, "results/0/replayed")));
  g_assert_cmpint (ib_test_json_int (replay, "results/0/rev"), ==, ib_test_json_int (first, "results/0/rev"));
  g_assert_cmpint (ib_test_json_int (replay, "results/0/seq"), ==, ib_test_json_int (first, "results/0/seq"));

  /* The same mid with another body is refused, and changes nothing. */
  forged = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\","
                            "\"base_rev\":2,\"set\":{\"title\":\"Forged\"}}", m, action);
  reused = push (f, f->ed, forged);
  g_assert_cmpstr (ib_test_json_string (reused, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (reused, "results/0/code"), ==, "mid_reused");
  hash_after = ib_test_server_content_hash (f->srv);
  g_assert_cmpstr (hash_before, ==, hash_after);

  now = get_record (f, f->ed, "action", action);
  g_assert_cmpstr (ib_test_json_string (now, "fields/title"), ==, "Once");
}

static void
test_rejections (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
  g_autofree char *big = g_strnfill (60 * 1024, 'x');
  g_autofree char *m1 = mid (), *m2 = mid (), *m3 = mid (), *m4 = mid (), *m5 = mid (), *id = new_id ();
  g_autofree char *mutations = g_strdup_printf (
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,\"set\":{\"due_on\":\"tomorrow\"}},"
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,\"set\":{\"title\":\"Fine\"}},"
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,\"set\":{\"title\":\"Ghost\"}},"
    "{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"set\":{\"title\":\"%s\",\"version_label\":\"%s\",\"a\":\"%s\",\"b\":\"%s\",\"c\":\"%s\"}},"
    "{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":2,\"set\":{\"status\":\"at_risk\"},\"class\":\"exempt\"}",
    m1, action, m2, action, m3, id, m4, id, big, big, big, big, big, m5, action);
  g_autoptr (IbTestResponse) r = push (f, f->pub, mutations);
  g_autoptr (IbTestResponse) now = get_record (f, f->pub, "action", action);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "invalid");
  g_assert_nonnull (strstr (ib_test_json_string (r, "results/0/message"), "due_on"));
  g_assert_cmpstr (ib_test_json_string (r, "results/1/status"), ==, "applied"); /* the batch goes on */
  g_assert_cmpstr (ib_test_json_string (r, "results/2/code"), ==, "not_found");
  g_assert_cmpstr (ib_test_json_string (r, "results/3/code"), ==, "too_large");
  g_assert_cmpstr (ib_test_json_string (r, "results/4/code"), ==, "forbidden"); /* public user raising the class */

  g_assert_cmpstr (ib_test_json_string (now, "fields/title"), ==, "Fine");
  g_assert_cmpstr (ib_test_json_string (now, "fields/status"), ==, "on_track");
  g_assert_cmpstr (ib_test_json_string (now, "class"), ==, "public");
}

static void
test_request_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (GString) deep = g_string_new ("{\"mutations\":");
  g_autofree char *huge = NULL;
  g_autoptr (IbTestResponse) not_json = ib_test_request (f->srv, "POST", "/v1/push", f->ed, "{\"mutations\":[");
  g_autoptr (IbTestResponse) no_mid = push (f, f->ed, "{\"op\":\"create\"}");
  g_autoptr (IbTestResponse) too_many = NULL, too_big = NULL, nested = NULL, alive = NULL, limit = NULL, cursor = NULL;

  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_cmpstr (ib_test_json_string (not_json, "error/code"), ==, "invalid");
  g_assert_cmpuint (no_mid->status, ==, 400);

  for (int i = 0; i < 101; i++)
    {
      g_autofree char *m = mid ();
      g_string_append_printf (many, "%s{\"mid\":\"%s\",\"op\":\"delete\",\"type\":\"plan\",\"id\":\"%s\",\"base_rev\":1}",
                              i ? "," : "", m, m);
    }
  too_many = push (f, f->ed, many->str);
  g_assert_cmpuint (too_many->status, ==, 413);
  g_assert_cmpstr (ib_test_json_string (too_many, "error/code"), ==, "too_large");

  huge = g_strnfill (2 * 1024 * 1024, ' ');
  too_big = ib_test_request (f->srv, "POST", "/v1/push", f->ed, huge);
  g_assert_cmpuint (too_big->status, ==, 413);

  /* 10⁵ levels of nesting: refused, and the server is still there (fault scenario E5). */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  nested = ib_test_request (f->srv, "POST", "/v1/push", f->ed, deep->str);
  g_assert_cmpuint (nested->status, ==, 400);
  alive = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);
  g_assert_cmpuint (alive->status, ==, 200);

  limit = ib_test_request (f->srv, "GET", "/v1/changes?limit=501", f->ed, NULL);
  g_assert_cmpuint (limit->status, ==, 400);
  cursor = ib_test_request (f->srv, "GET", "/v1/changes?cursor=garbage", f->ed, NULL);
  g_assert_cmpuint (cursor->status, ==, 400);
}

static guint64
server_peak_rss_kib (IbTestServer *srv)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (srv->process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + 6, NULL, 10);
}

static void
test_huge_body_not_buffered (Fixture       *f,
                             gconstpointer  data)
{
  gsize size = 50 * 1024 * 1024;
  g_autoptr (GBytes) body = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GBytes) reply = NULL;
  guint64 before, after;

#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer keeps freed chunks in quarantine, which would count discarded body
   * chunks as resident; a small quarantine keeps the measurement about the server's code. */
  {
    g_autofree char *options = g_strdup_printf ("ASAN_OPTIONS=%s:quarantine_size_mb=1",
                                                g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "");
    ib_test_server_stop (f->srv);
    g_strfreev (f->srv->env);
    f->srv->env = g_strdupv ((char *[]) { options, NULL });
    ib_test_server_start (f->srv);
  }
#endif

  url = g_strdup_printf ("http://127.0.0.1:%u/v1/push", f->srv->port);
  msg = soup_message_new ("POST", url);
  before = server_peak_rss_kib (f->srv);

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (f->srv->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);

  after = server_peak_rss_kib (f->srv);
  g_test_message ("server peak RSS %" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT " KiB", before, after);
  /* A 50 MiB body moves the peak by far less than its size: it was never held. */
  g_assert_cmpuint (after - before, <, 8 * 1024);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *cursor = NULL, *big = g_strnfill (50 * 1024, 'y');
  g_autoptr (GPtrArray) feed = NULL, big_feed = NULL, nothing = NULL;
  g_autoptr (GString) batch = g_string_new (NULL);
  guint pages;

  for (int i = 0; i < 249; i++)
    {
      g_autofree char *m = mid (), *id = new_id ();

      g_string_append_printf (batch, "%s{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"action\",\"id\":\"%s\","
                              "\"set\":{\"plan\":\"%s\",\"ref\":\"%d\",\"title\":\"Action %d\"}}",
                              batch->len ? "," : "", m, id, plan, i, i);
      if (i % 50 == 49 || i == 248)
        {
          g_autoptr (IbTestResponse) r = push (f, f->ed, batch->str);
          g_assert_cmpuint (r->status, ==, 200);
          g_string_truncate (batch, 0);
        }
    }

  feed = pull_all (f, f->pub, &cursor, 100, &pages);
  g_assert_cmpuint (feed->len, ==, 250);
  g_assert_cmpuint (pages, ==, 3);

  /* A pull with nothing new is one page with no changes and the same cursor. */
  nothing = pull_all (f, f->pub, &cursor, 100, &pages);
  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_cmpuint (pages, ==, 1);

  /* Pages also stop at 2 MiB: 60 records of 50 KiB need at least two. */
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *m = mid (), *id = new_id ();
      g_autofree char *one = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"action\",\"id\":\"%s\","
                                              "\"set\":{\"plan\":\"%s\",\"ref\":\"x%d\",\"title\":\"Big\",\"description\":\"%s\"}}",
                                              m, id, plan, i, big);
      g_autofree char *s = push_one (f, f->ed, one, NULL);
      g_assert_cmpstr (s, ==, "applied");
    }
  big_feed = pull_all (f, f->pub, &cursor, 500, &pages);
  g_assert_cmpuint (big_feed->len, ==, 60);
  g_assert_cmpuint (pages, >=, 2);
}

static void
test_cursor_epoch_and_scope (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *cursor = NULL, *stale = NULL, *out = NULL, *token = NULL;
  g_autoptr (GPtrArray) feed = NULL;
  g_autoptr (IbTestResponse) r = NULL, again = NULL;
  guint pages;

  feed = pull_all (f, f->pub, &cursor, 100, &pages);
  stale = g_strdup_printf ("/v1/changes?cursor=%s", cursor);

  /* Restoring from a backup starts a new epoch: old cursors get 410. */
  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, &out, "--new-epoch", NULL), ==, 0);
  ib_test_server_start (f->srv);
  r = ib_test_request (f->srv, "GET", stale, f->pub, NULL);
  g_assert_cmpuint (r->status, ==, 410);
  g_assert_cmpstr (ib_test_json_string (r, "error/code"), ==, "cursor_invalid");

  /* A change of clearance changes the scope: the old cursor is refused again (scenario F9). */
  g_clear_pointer (&cursor, g_free);
  g_clear_pointer (&feed, g_ptr_array_unref);
  feed = pull_all (f, f->pub, &cursor, 100, &pages);
  g_clear_pointer (&stale, g_free);
  stale = g_strdup_printf ("/v1/changes?cursor=%s", cursor);
  g_assert_cmpint (ib_test_server_admin (f->srv, "", NULL, "--update-user", "pub", "--role", "editor",
                                         "--clearance", "exempt", NULL), ==, 0);
  token = ib_test_server_login (f->srv, "pub");
  again = ib_test_request (f->srv, "GET", stale, token, NULL);
  g_assert_cmpuint (again->status, ==, 410);
}

static void
test_exempt_invisible (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *secret_plan = create_plan (f, f->ed, "exempt", "Restructure " CANARY);
  g_autofree char *hidden_child = create_action (f, f->ed, secret_plan, "public", "Child " CANARY);
  g_autofree char *open_plan = create_plan (f, f->ed, "public", "Open plan");
  g_autofree char *open_action = create_action (f, f->ed, open_plan, "public", "Open action");
  g_autofree char *m = NULL, *body = NULL, *cursor = NULL, *conflict_first = NULL, *conflict_second = NULL;
  g_autofree char *s = NULL, *pub_cursor = NULL;
  g_autoptr (GPtrArray) feed = NULL, later = NULL, again = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  guint pages;

  /* A conflict on an Exempt record, between two cleared editors. */
  conflict_first = update (f, f->admin, hidden_child, 1, "{\"title\":\"Admin " CANARY "\"}", NULL);
  conflict_second = update (f, f->ed, hidden_child, 1, "{\"title\":\"Ed " CANARY "\"}", NULL);
  g_assert_cmpstr (conflict_second, ==, "conflict");

  /* Feed: the public-only user sees the open plan and action, nothing else. */
  feed = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_nonnull (find_entry (feed, open_plan));
  g_assert_nonnull (find_entry (feed, open_action));
  g_assert_null (find_entry (feed, secret_plan));
  g_assert_null (find_entry (feed, hidden_child));
  for (guint i = 0; i < feed->len; i++)
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (feed, i)), "type"), !=, "conflict");

  /* GET: 404 for the Exempt record and for its Public child, as for a record that never existed. */
  r = get_record (f, f->pub, "plan", secret_plan);
  g_assert_cmpuint (r->status, ==, 404);
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "action", hidden_child);
  g_assert_cmpuint (r->status, ==, 404);
  {
    g_autofree char *ghost = new_id ();
    g_autoptr (IbTestResponse) never = get_record (f, f->pub, "action", ghost);
    g_assert_cmpstr (never->body, ==, r->body);
  }

  /* Push: an edit, a delete and a child under the Exempt plan all come back not_found. */
  g_clear_pointer (&s, g_free);
  s = update (f, f->pub, hidden_child, 2, "{\"title\":\"Poke\"}", NULL);
  g_assert_cmpstr (s, ==, "rejected");
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"action\",\"id\":\"%s\","
                          "\"set\":{\"plan\":\"%s\",\"ref\":\"9\",\"title\":\"Sneak\"}}", m, m, secret_plan);
  g_clear_pointer (&r, ib_test_response_free);
  r = push (f, f->pub, body);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "not_found");

  /* A public-only editor may not create an Exempt record (F6). */
  g_clear_pointer (&m, g_free);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&r, ib_test_response_free);
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"class\":\"exempt\","
                          "\"set\":{\"title\":\"Mine\"}}", m, m);
  r = push (f, f->pub, body);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "forbidden");

  /* Public → Exempt: the public-only user's next pull says "revoked", with no content (F7). */
  g_clear_pointer (&m, g_free);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&s, g_free);
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"%s\",\"base_rev\":1,"
                          "\"class\":\"exempt\",\"exempt_paragraph\":1,\"set\":{\"title\":\"Now " CANARY "\"}}", m, open_plan);
  s = push_one (f, f->ed, body, NULL);
  g_assert_cmpstr (s, ==, "applied");
  later = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_true (json_object_get_boolean_member (find_entry (later, open_plan), "revoked"));
  g_assert_true (json_object_get_boolean_member (find_entry (later, open_action), "revoked"));
  g_assert_false (json_object_has_member (find_entry (later, open_plan), "fields"));
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "action", open_action);
  g_assert_cmpuint (r->status, ==, 404);

  /* Exempt → Public: it reappears, in full, at a new seq (F8). */
  g_clear_pointer (&m, g_free);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&s, g_free);
  m = mid ();
  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"%s\",\"base_rev\":2,"
                          "\"class\":\"public\",\"set\":{\"title\":\"Open again\"}}", m, open_plan);
  s = push_one (f, f->ed, body, NULL);
  g_assert_cmpstr (s, ==, "applied");
  again = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (find_entry (again, open_plan), "fields"), "title"),
                   ==, "Open again");
  g_assert_nonnull (json_object_get_object_member (find_entry (again, open_action), "fields"));

  /* A cleared user sees all of it, conflict included. */
  {
    g_autoptr (GPtrArray) all = pull_all (f, f->ed, &cursor, 500, &pages);
    g_assert_nonnull (find_entry (all, secret_plan));
    g_assert_nonnull (find_entry (all, hidden_child));
  }

  assert_no_canary (f, f->pub);
}

static void
test_viewer_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base");
  g_autofree char *before = ib_test_server_content_hash (f->srv), *after = NULL, *m = mid (), *body = NULL;
  g_autoptr (IbTestResponse) r = NULL, feed = NULL;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,"
                          "\"set\":{\"title\":\"Viewer\"}},"
                          "{\"mid\":\"%s-2\",\"op\":\"delete\",\"type\":\"plan\",\"id\":\"%s\",\"base_rev\":1}",
                          m, action, m, plan);
  r = push (f, f->view, body);
  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (ib_test_json_string (r, "error/code"), ==, "forbidden");

  feed = ib_test_request (f->srv, "GET", "/v1/changes", f->view, NULL);
  g_assert_cmpuint (feed->status, ==, 200); /* a viewer still pulls */

  after = ib_test_server_content_hash (f->srv);
  g_assert_cmpstr (before, ==, after);
}

static void
test_logs_hold_no_secrets (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "exempt", "Secret " CANARY);
  g_autofree char *log = NULL;

  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  g_assert_true (g_file_get_contents (f->srv->log_path, &log, NULL, NULL));

  g_assert_nonnull (strstr (log, "\"event\":\"request\""));
  g_assert_nonnull (strstr (log, "\"event\":\"stopped\""));
  g_assert_null (strstr (log, CANARY));
  g_assert_null (strstr (log, f->ed));
  g_assert_null (strstr (log, f->pub));
  g_assert_null (strstr (log, "password-"));
}

static void
test_refuses_foreign_databases (void)
{
  IbTestServer *srv = ib_test_server_new (FALSE);
  g_autofree char *before = NULL, *after = NULL;
  sqlite3 *db = NULL;
  gsize n_before = 0, n_after = 0;

  /* A database made by a newer server is left exactly as it was. */
  g_assert_cmpint (ib_test_server_admin (srv, NULL, NULL, "--list-users", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (srv->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (srv->db_path, &before, &n_before, NULL));
  g_assert_cmpint (ib_test_server_admin (srv, NULL, NULL, "--list-users", NULL), !=, 0);
  g_assert_true (g_file_get_contents (srv->db_path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);

  ib_test_server_free (srv);
}

static void
test_remote_http_refused (void)
{
  IbTestServer *srv = ib_test_server_new (FALSE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              srv->binary, "--database", srv->db_path, "--listen", "0.0.0.0:0", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
  g_assert_nonnull (strstr (err, "plain HTTP"));

  ib_test_server_free (srv);
}

static void
test_token_expiry (void)
{
  IbTestServer *srv = ib_test_server_new (TRUE);
  g_autofree char *token = NULL;

  ib_test_server_add_user (srv, "ed", "editor", "exempt");
  ib_test_server_start (srv);
  token = ib_test_server_login (srv, "ed");
  ib_test_server_stop (srv);

  /* 89 idle days: still good, and that use restarts the idle timer. */
  g_strfreev (srv->args);
  srv->args = g_strdupv ((char *[]) { (char *) "--clock-offset", (char *) "7689600", NULL });
  ib_test_server_start (srv);
  {
    g_autoptr (IbTestResponse) r = ib_test_request (srv, "GET", "/v1/hello", token, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
  ib_test_server_stop (srv);

  /* 100 days on from that use: expired (fault scenario F2). */
  g_strfreev (srv->args);
  srv->args = g_strdupv ((char *[]) { (char *) "--clock-offset", (char *) "16329600", NULL });
  ib_test_server_start (srv);
  {
    g_autoptr (IbTestResponse) r = ib_test_request (srv, "GET", "/v1/hello", token, NULL);
    g_assert_cmpuint (r->status, ==, 401);
  }

  ib_test_server_free (srv);
}

/* The server dies after COMMIT but before replying: the retry is answered from the replay
 * store with the same rev and seq (fault scenario B2); dying before COMMIT applied nothing (B1). */
static void
test_crash_points (void)
{
  const char *points[] = { "push.before_commit", "push.after_commit", "push.mid_response" };

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      Fixture fx = { 0 };
      Fixture *f = &fx;
      g_autofree char *plan = NULL, *m = mid (), *id = new_id (), *body = NULL, *fault = NULL, *hash = NULL;
      g_autoptr (IbTestResponse) lost = NULL, retry = NULL;

      g_test_message ("fault point %s", points[p]);
      f->srv = ib_test_server_new (TRUE);
      /* Logins go through the same binary, so the fault fires on the first push only. */
      fault = g_strdup_printf ("REFSERVER_FAULT=%s:nth=1", points[p]);
      g_strfreev (f->srv->env);
      f->srv->env = g_strdupv ((char *[]) { fault, NULL });
      setup_users (f);
      ib_test_server_start (f->srv);
      f->ed = ib_test_server_login (f->srv, "ed");

      body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"set\":{\"title\":\"Once\"}}", m, id);
      lost = push (f, f->ed, body);
      g_assert_true (lost->status == 0 || lost->json == NULL); /* reset or truncated: outcome unknown */
      g_assert_cmpint (ib_test_server_wait_dead (f->srv), ==, 137);

      g_strfreev (f->srv->env);
      f->srv->env = g_new0 (char *, 1);
      ib_test_server_start (f->srv);
      retry = push (f, f->ed, body);
      g_assert_cmpstr (ib_test_json_string (retry, "results/0/status"), ==, "applied");
      g_assert_cmpint (ib_test_json_int (retry, "results/0/seq"), ==, 1);
      if (p == 0)
        g_assert_null (ib_test_json_node (retry, "results/0/replayed"));
      else
        g_assert_true (json_node_get_boolean (ib_test_json_node (retry, "results/0/replayed")));

      fixture_teardown (f, NULL);
    }
}

static void
test_graceful_stop (Fixture       *f,
                    gconstpointer  data)
{
  /* SIGTERM with idle keep-alive connections open: a clean exit, logged. */
  g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);
  g_autofree char *log = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  g_assert_true (g_file_get_contents (f->srv->log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\"event\":\"stopping\""));
  g_assert_nonnull (strstr (log, "\"event\":\"stopped\""));
}

/* A conflict is as strict as the strictest thing it holds: the class the losing edit asked for,
 * and its record's class then, even after the record is made Public again. */
static void
test_exempt_conflict_class (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Open plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Open action");
  g_autofree char *flipped = create_action (f, f->ed, plan, "public", "Flipped later");
  g_autofree char *pub_cursor = NULL, *classify_conflict = NULL, *held_conflict = NULL;
  g_autoptr (GPtrArray) first = NULL, later = NULL, fresh = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  guint mark = f->srv->transcript->len, pages;

  first = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_nonnull (find_entry (first, action));

  /* (a) pub wins the race; ed's edit, which also classified the record Exempt, loses. */
  r = push_update (f, f->pub, "action", action, 1, "", "{\"title\":\"Public title\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  g_clear_pointer (&r, ib_test_response_free);
  r = push_update (f, f->ed, "action", action, 1, AS_EXEMPT (3), "{\"title\":\"Ed CANARY-17-conflict\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "conflict");
  classify_conflict = g_strdup (ib_test_json_string (r, "results/0/conflict_id"));

  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->ed, "conflict", classify_conflict);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "class"), ==, "exempt");
  g_assert_cmpstr (ib_test_json_string (r, "fields/mine/title"), ==, "Ed CANARY-17-conflict");
  g_assert_cmpstr (ib_test_json_string (r, "fields/mine_class"), ==, "exempt");
  g_assert_cmpint (ib_test_json_int (r, "fields/mine_exempt_paragraph"), ==, 3);
  /* The record itself kept pub's edit and stayed Public. */
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "action", action);
  g_assert_cmpstr (ib_test_json_string (r, "fields/title"), ==, "Public title");
  g_assert_cmpstr (ib_test_json_string (r, "class"), ==, "public");

  /* (b) A conflict made while its record was Exempt stays Exempt when the record goes Public. */
  g_clear_pointer (&r, ib_test_response_free);
  r = push_update (f, f->ed, "action", flipped, 1, AS_EXEMPT (3), "{\"title\":\"Now exempt\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  g_clear_pointer (&r, ib_test_response_free);
  r = push_update (f, f->admin, "action", flipped, 2, "", "{\"title\":\"Admin CANARY-17-held\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  g_clear_pointer (&r, ib_test_response_free);
  r = push_update (f, f->ed, "action", flipped, 2, "", "{\"title\":\"Ed CANARY-17-held\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "conflict");
  held_conflict = g_strdup (ib_test_json_string (r, "results/0/conflict_id"));
  g_clear_pointer (&r, ib_test_response_free);
  r = push_update (f, f->ed, "action", flipped, 3, AS_PUBLIC, "{\"title\":\"Public again\"}");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");

  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->ed, "conflict", held_conflict);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "class"), ==, "exempt");
  g_assert_cmpstr (ib_test_json_string (r, "fields/mine/title"), ==, "Ed CANARY-17-held");

  /* pub: neither conflict by GET, incrementally or from scratch, and none of their text. */
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "conflict", classify_conflict);
  g_assert_cmpuint (r->status, ==, 404);
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "conflict", held_conflict);
  g_assert_cmpuint (r->status, ==, 404);
  later = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (find_entry (later, flipped), "fields"), "title"),
                   ==, "Public again");
  g_clear_pointer (&pub_cursor, g_free);
  fresh = pull_all (f, f->pub, &pub_cursor, 1, &pages);
  g_assert_nonnull (find_entry (fresh, flipped));
  g_assert_null (find_entry (fresh, classify_conflict));

  assert_never_received (f, f->pub, mark, "CANARY-17");
  assert_never_received (f, f->pub, mark, classify_conflict);
  assert_never_received (f, f->pub, mark, held_conflict);
  assert_log_lacks (f, "CANARY-17");
}

/* Makes a public plan holding a public action and an Exempt one (whose title holds @canary)
 * through ed; returns the plan's id and the actions' in the out arguments. */
static char *
plan_with_hidden_child (Fixture     *f,
                        const char  *canary,
                        char       **open_action,
                        char       **hidden_action)
{
  char *plan = create_plan (f, f->ed, "public", "Plan with a hidden action");

  *open_action = create_action (f, f->ed, plan, "public", "Open action");
  *hidden_action = create_record (f, f->ed, "action", AS_EXEMPT (2),
                                  "{\"plan\":\"%s\",\"ref\":\"2\",\"title\":\"Hidden %s\",\"status\":\"on_track\"}",
                                  plan, canary);
  return plan;
}

/* Returns the open "hidden_children" conflict on @plan in @token's full feed, or NULL. */
static char *
find_hidden_children_conflict (Fixture    *f,
                               const char *token,
                               const char *plan,
                               const char *kept)
{
  g_autofree char *cursor = NULL;
  g_autoptr (GPtrArray) feed = NULL;
  guint pages;

  feed = pull_all (f, token, &cursor, 500, &pages);
  for (guint i = 0; i < feed->len; i++)
    {
      JsonObject *entry = json_node_get_object (g_ptr_array_index (feed, i));
      JsonObject *fields;
      JsonArray *list;

      if (g_strcmp0 (json_object_get_string_member (entry, "type"), "conflict") != 0)
        continue;
      fields = json_object_get_object_member (entry, "fields");
      if (g_strcmp0 (json_object_get_string_member_with_default (fields, "record_id", NULL), plan) != 0)
        continue;

      g_assert_cmpstr (json_object_get_string_member (fields, "reason"), ==, "hidden_children");
      g_assert_cmpstr (json_object_get_string_member (entry, "class"), ==, "exempt");
      list = json_object_get_array_member (fields, "kept");
      g_assert_cmpuint (json_array_get_length (list), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (list, 0), ==, kept);
      return g_strdup (json_object_get_string_member (entry, "id"));
    }

  return NULL;
}

/* Returns @r's body with its mids and seqs written as placeholders, to compare answers' shape. */
static char *
shape_of (IbTestResponse *r)
{
  g_autoptr (GRegex) mids = g_regex_new ("\"mid\":\"[^\"]*\"", 0, 0, NULL);
  g_autoptr (GRegex) seqs = g_regex_new ("\"seq\":[0-9]+", 0, 0, NULL);
  g_autofree char *no_mid = g_regex_replace_literal (mids, r->body, -1, 0, "\"mid\":\"M\"", 0, NULL);

  return g_regex_replace_literal (seqs, no_mid, -1, 0, "\"seq\":N", 0, NULL);
}

/* Nobody destroys what they cannot see: pub's delete of a plan leaves its Exempt action alive,
 * says nothing about it to pub, and tells cleared users, who decide. */
static void
test_exempt_delete_keeps_hidden (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *open1 = NULL, *hidden1 = NULL, *open2 = NULL, *hidden2 = NULL;
  g_autofree char *plan1 = plan_with_hidden_child (f, "CANARY-17-kept-one", &open1, &hidden1);
  g_autofree char *plan2 = plan_with_hidden_child (f, "CANARY-17-kept-two", &open2, &hidden2);
  g_autofree char *control = create_plan (f, f->ed, "public", "Plan without hidden actions");
  g_autofree char *control_action = create_action (f, f->ed, control, "public", "Only action");
  g_autofree char *pub_cursor = NULL, *conflict1 = NULL, *conflict2 = NULL, *ghost = new_id ();
  g_autofree char *shape_hidden = NULL, *shape_control = NULL;
  g_autoptr (IbTestResponse) r = NULL, control_delete = NULL, hidden_delete = NULL, refused = NULL, never = NULL;
  g_autoptr (GPtrArray) first = NULL, later = NULL, fresh = NULL;
  guint mark, pages;

  first = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  mark = f->srv->transcript->len;

  /* pub's answer is the one a plan with nothing hidden gets: applied, rev and seq only. */
  control_delete = push_delete (f, f->pub, "plan", control, 1);
  hidden_delete = push_delete (f, f->pub, "plan", plan1, 1);
  g_assert_cmpstr (ib_test_json_string (hidden_delete, "results/0/status"), ==, "applied");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (ib_test_json_node (hidden_delete, "results/0"))), ==, 4);
  shape_hidden = shape_of (hidden_delete);
  shape_control = shape_of (control_delete);
  g_assert_cmpstr (shape_hidden, ==, shape_control);

  /* The public action is a tombstone; the Exempt one is alive, title and all. */
  g_assert_true (record_is_deleted (f, f->ed, "action", open1));
  g_assert_true (record_is_deleted (f, f->ed, "action", control_action));
  g_assert_false (record_is_deleted (f, f->ed, "action", hidden1));
  r = get_record (f, f->ed, "action", hidden1);
  g_assert_cmpstr (ib_test_json_string (r, "fields/title"), ==, "Hidden CANARY-17-kept-one");

  /* Cleared users are told, by an Exempt conflict naming what was kept. */
  conflict1 = find_hidden_children_conflict (f, f->ed, plan1, hidden1);
  g_assert_nonnull (conflict1);

  /* pub may not decide it: to pub it does not exist, exactly like a conflict that never did. */
  refused = push_resolve (f, f->pub, conflict1, record_rev (f, f->ed, "plan", plan1), "true");
  never = push_resolve (f, f->pub, ghost, 2, "true");
  g_assert_cmpstr (ib_test_json_string (refused, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (refused, "results/0/code"), ==, "not_found");
  g_assert_cmpstr (ib_test_json_string (refused, "results/0/message"), ==, ib_test_json_string (never, "results/0/message"));

  /* ed deletes the rest. */
  g_clear_pointer (&r, ib_test_response_free);
  r = push_resolve (f, f->ed, conflict1, record_rev (f, f->ed, "plan", plan1), "true");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  g_assert_true (record_is_deleted (f, f->ed, "action", hidden1));
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->ed, "conflict", conflict1);
  g_assert_cmpstr (ib_test_json_string (r, "fields/status"), ==, "resolved");

  /* Second plan: ed restores it instead. */
  g_clear_pointer (&r, ib_test_response_free);
  r = push_delete (f, f->pub, "plan", plan2, 1);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  conflict2 = find_hidden_children_conflict (f, f->ed, plan2, hidden2);
  g_assert_nonnull (conflict2);
  g_clear_pointer (&r, ib_test_response_free);
  r = push_resolve (f, f->ed, conflict2, record_rev (f, f->ed, "plan", plan2), "false");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
  g_assert_false (record_is_deleted (f, f->ed, "plan", plan2));
  g_assert_false (record_is_deleted (f, f->ed, "action", hidden2));
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "plan", plan2);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "fields/title"), ==, "Plan with a hidden action");

  /* Through all of it pub heard nothing of the hidden actions or the conflicts. */
  g_clear_pointer (&r, ib_test_response_free);
  r = get_record (f, f->pub, "plan", plan1);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_node_get_boolean (ib_test_json_node (r, "deleted")));
  later = pull_all (f, f->pub, &pub_cursor, 500, &pages);
  g_assert_nonnull (find_entry (later, plan1));
  g_clear_pointer (&pub_cursor, g_free);
  fresh = pull_all (f, f->pub, &pub_cursor, 2, &pages);
  g_assert_nonnull (find_entry (fresh, plan2));
  for (guint i = 0; i < fresh->len; i++)
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (fresh, i)), "type"), !=, "conflict");
  assert_never_received (f, f->pub, 0, "CANARY-17");
  assert_never_received (f, f->pub, 0, hidden1);
  assert_never_received (f, f->pub, 0, hidden2);
  assert_never_received (f, f->pub, mark, conflict1);
  assert_never_received (f, f->pub, mark, conflict2);
  assert_never_received (f, f->pub, mark, "hidden_children");
  assert_log_lacks (f, "CANARY-17");
}

/* (a) A create's answer is the same whether the id it reuses belongs to a record the user can
 * see or not. */
static void
test_no_oracle_ids (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *secret = create_plan (f, f->ed, "exempt", "Secret plan");
  g_autofree char *open = create_plan (f, f->ed, "public", "Open plan");
  g_autofree char *m1 = mid (), *m2 = mid (), *body = NULL;
  g_autoptr (IbTestResponse) r = NULL;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"set\":{\"title\":\"Mine\"}},"
                          "{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"%s\",\"set\":{\"title\":\"Mine\"}}",
                          m1, secret, m2, open);
  r = push (f, f->pub, body);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (r, "results/1/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "invalid");
  g_assert_cmpstr (ib_test_json_string (r, "results/1/code"), ==, "invalid");
  g_assert_cmpstr (ib_test_json_string (r, "results/0/message"), ==, ib_test_json_string (r, "results/1/message"));
  g_assert_cmpuint (record_rev (f, f->ed, "plan", secret), ==, 1);
}

/* (b) A month holding a hidden value is not_found, in the words used for any missing record. */
static void
test_no_oracle_measurement (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *indicator = create_record (f, f->ed, "indicator", "",
                                              "{\"code\":\"CIC\",\"title\":\"Children in care\",\"unit\":\"count\",\"polarity\":\"neutral\"}");
  g_autofree char *hidden = create_record (f, f->ed, "measurement", AS_EXEMPT (2),
                                           "{\"indicator\":\"%s\",\"period\":\"2022-03\",\"value\":12}", indicator);
  g_autofree char *m = mid (), *id = new_id (), *ghost = new_id (), *body = NULL;
  g_autoptr (IbTestResponse) clash = NULL, missing = NULL, now = NULL;

  body = g_strdup_printf ("{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"measurement\",\"id\":\"%s\","
                          "\"set\":{\"indicator\":\"%s\",\"period\":\"2022-03\",\"value\":99}}", m, id, indicator);
  clash = push (f, f->pub, body);
  missing = push_update (f, f->pub, "measurement", ghost, 1, "", "{\"value\":1}");

  g_assert_cmpstr (ib_test_json_string (clash, "results/0/status"), ==, "rejected");
  g_assert_cmpstr (ib_test_json_string (clash, "results/0/code"), ==, "not_found");
  g_assert_cmpstr (ib_test_json_string (missing, "results/0/code"), ==, "not_found");
  g_assert_cmpstr (ib_test_json_string (clash, "results/0/message"), ==, ib_test_json_string (missing, "results/0/message"));
  now = get_record (f, f->ed, "measurement", hidden);
  g_assert_cmpint (ib_test_json_int (now, "fields/value"), ==, 12);
  assert_never_received (f, f->pub, 0, hidden);
}

/* Returns the revoked entry for @id in @entries, NULL when there is none; fails on a live one. */
static JsonObject *
revoked_entry (GPtrArray  *entries,
               const char *id)
{
  JsonObject *entry = find_entry (entries, id);

  if (entry != NULL)
    {
      g_assert_true (json_object_get_boolean_member_with_default (entry, "revoked", FALSE));
      g_assert_false (json_object_has_member (entry, "fields"));
    }
  return entry;
}

static char *
create_risk (Fixture    *f,
             const char *ref)
{
  return create_record (f, f->ed, "risk", "", "{\"ref\":\"%s\",\"title\":\"Risk %s\",\"owner\":\"DCS\"}", ref, ref);
}

static void
make_exempt (Fixture    *f,
             const char *type,
             const char *id)
{
  g_autoptr (IbTestResponse) r = push_update (f, f->ed, type, id, record_rev (f, f->ed, type, id), AS_EXEMPT (3), "{}");

  g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "applied");
}

/* (c) "revoked" goes only to a reader who may hold the record: never for one that became
 * Exempt before they could have pulled it. */
static void
test_no_oracle_revoked (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *held = create_risk (f, "1");
  g_autofree char *cursor = NULL, *fresh_cursor = NULL, *briefly = NULL;
  g_autoptr (GPtrArray) first = NULL, later = NULL, fresh = NULL;
  guint pages;

  first = pull_all (f, f->pub, &cursor, 500, &pages);
  g_assert_nonnull (find_entry (first, held));

  /* Created Public and made Exempt between two pulls: pub never had it, is never told of it. */
  briefly = create_risk (f, "2");
  make_exempt (f, "risk", briefly);
  /* Pulled, then made Exempt: pub holds it and must drop it. */
  make_exempt (f, "risk", held);

  later = pull_all (f, f->pub, &cursor, 500, &pages);
  g_assert_nonnull (revoked_entry (later, held));
  g_assert_null (find_entry (later, briefly));

  /* A snapshot, however many pages, has nothing to revoke. */
  fresh = pull_all (f, f->pub, &fresh_cursor, 1, &pages);
  g_assert_null (find_entry (fresh, held));
  g_assert_null (find_entry (fresh, briefly));

  assert_never_received (f, f->pub, 0, briefly);
}

/* A revocation names only a record that was visible to public-only users at some moment
 * after the reader's snapshot began (docs/sync-protocol.md, "Revocations"): the one they hold
 * is always named; one made Exempt before the snapshot began, or created and hidden between
 * two complete pulls, never is. Within one paged pull a record that was Public when the pull
 * began may be named even if its page came after it was hidden: it was public then. */
static void
test_no_oracle_revoked_mid_snapshot (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *pulled_first = create_risk (f, "1");  /* lowest seq: the snapshot's first page */
  g_autofree char *hidden_before = create_risk (f, "2");
  g_autofree char *filler = create_risk (f, "3");
  g_autofree char *cursor = NULL, *born_hidden = NULL;
  g_autoptr (GPtrArray) rest = NULL, later = NULL;
  g_autoptr (IbTestResponse) page = NULL;
  guint pages;

  /* Hidden before pub's snapshot begins: never named, whatever the paging. */
  make_exempt (f, "risk", hidden_before);

  page = ib_test_request (f->srv, "GET", "/v1/changes?limit=1", f->pub, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (ib_test_json_string (page, "changes/0/id"), ==, pulled_first);
  cursor = g_strdup (ib_test_json_string (page, "next_cursor"));

  make_exempt (f, "risk", pulled_first);
  rest = pull_all (f, f->pub, &cursor, 1, &pages);
  g_assert_cmpuint (pages, >, 1);
  g_assert_nonnull (find_entry (rest, filler));
  g_assert_nonnull (revoked_entry (rest, pulled_first));

  /* Created Public and hidden between two complete pulls: never named. */
  born_hidden = create_risk (f, "4");
  make_exempt (f, "risk", born_hidden);
  later = pull_all (f, f->pub, &cursor, 1, &pages);
  g_assert_null (find_entry (later, born_hidden));

  assert_never_received (f, f->pub, 0, hidden_before);
  assert_never_received (f, f->pub, 0, born_hidden);
}

/* (d) A hidden id inside a visible record is left out for public-only readers, and their edit
 * of the list keeps it. */
static void
test_no_oracle_references (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *open_risk = create_risk (f, "R1");
  g_autofree char *hidden_risk = create_record (f, f->ed, "risk", AS_EXEMPT (1),
                                                "{\"ref\":\"R2\",\"title\":\"Hidden risk\",\"owner\":\"DCS\"}");
  g_autofree char *new_risk = create_risk (f, "R3");
  g_autofree char *meeting = create_record (f, f->ed, "meeting", AS_EXEMPT (1),
                                            "{\"kind\":\"cabinet\",\"held_on\":\"2026-02-03\",\"title\":\"Closed session\"}");
  g_autofree char *action = create_record (f, f->ed, "action", "",
                                           "{\"plan\":\"%s\",\"ref\":\"1\",\"title\":\"Linked\",\"linked_risks\":[\"%s\",\"%s\"]}",
                                           plan, open_risk, hidden_risk);
  g_autofree char *statement = create_record (f, f->ed, "position_statement", "",
                                              "{\"action\":\"%s\",\"as_at\":\"2026-02-04\",\"narrative\":\"Discussed\",\"meeting\":\"%s\"}",
                                              action, meeting);
  g_autofree char *review = create_record (f, f->ed, "risk_review", "",
                                           "{\"risk\":\"%s\",\"reviewed_on\":\"2026-02-04\",\"residual_l\":2,\"residual_i\":3,\"meeting\":\"%s\"}",
                                           open_risk, meeting);
  g_autofree char *cursor = NULL, *got = NULL, *want = NULL, *set = NULL;
  g_autoptr (GPtrArray) feed = NULL;
  g_autoptr (IbTestResponse) r = NULL, s = NULL, rv = NULL, edit = NULL, after = NULL;
  JsonObject *fields;
  guint pages;

  feed = pull_all (f, f->pub, &cursor, 500, &pages);
  fields = json_object_get_object_member (find_entry (feed, action), "fields");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fields, "linked_risks")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fields, "linked_risks"), 0), ==, open_risk);
  g_assert_false (json_object_has_member (json_object_get_object_member (find_entry (feed, statement), "fields"), "meeting"));
  g_assert_false (json_object_has_member (json_object_get_object_member (find_entry (feed, review), "fields"), "meeting"));

  r = get_record (f, f->pub, "action", action);
  got = sorted_ids (r, "fields/linked_risks");
  want = id_set (open_risk, NULL);
  g_assert_cmpstr (got, ==, want);
  s = get_record (f, f->pub, "position_statement", statement);
  g_assert_cmpuint (s->status, ==, 200);
  g_assert_null (ib_test_json_node (s, "fields/meeting"));
  g_assert_cmpstr (ib_test_json_string (s, "fields/narrative"), ==, "Discussed");
  rv = get_record (f, f->pub, "risk_review", review);
  g_assert_null (ib_test_json_node (rv, "fields/meeting"));

  /* pub replaces the list it was shown; the link pub could not see stays. */
  set = g_strdup_printf ("{\"linked_risks\":[\"%s\",\"%s\"]}", open_risk, new_risk);
  edit = push_update (f, f->pub, "action", action, 1, "", set);
  g_assert_true (g_strcmp0 (ib_test_json_string (edit, "results/0/status"), "applied") == 0 ||
                 g_strcmp0 (ib_test_json_string (edit, "results/0/status"), "merged") == 0);
  after = get_record (f, f->ed, "action", action);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = sorted_ids (after, "fields/linked_risks");
  want = id_set (open_risk, new_risk, hidden_risk, NULL);
  g_assert_cmpstr (got, ==, want);

  g_clear_pointer (&cursor, g_free);
  g_clear_pointer (&feed, g_ptr_array_unref);
  feed = pull_all (f, f->pub, &cursor, 500, &pages);
  assert_never_received (f, f->pub, 0, hidden_risk);
  assert_never_received (f, f->pub, 0, meeting);
}

/* Every text field of every record type (a judgement has none), written out here rather than
 * read from the schema table the server uses, so a field it stops checking is noticed. */
typedef struct
{
  const char *type;
  const char *parent_field;    /* the field naming its parent, or NULL */
  const char *base;            /* the other required members */
  const char *required[4];     /* required text fields, given "Fine" unless under test */
  const char *text[9];         /* every text field */
} TextFields;

static const TextFields text_fields[] = {
  { "meeting", NULL, "\"kind\":\"cabinet\",\"held_on\":\"2026-01-05\"", { "title" }, { "title" } },
  { "inspection", NULL, "\"kind\":\"standard\",\"starts_on\":\"2025-01-13\"", { NULL },
    { "lead_inspector", "theme", "summary", "link" } },
  { "finding", "inspection", "\"kind\":\"strength\"", { "text" }, { "text" } },
  { "intervention", NULL, "\"kind\":\"improvement_notice\",\"starts_on\":\"2025-02-01\"", { NULL },
    { "instrument", "adviser", "summary", "link" } },
  { "plan", NULL, "\"status\":\"active\"", { "title" }, { "title", "version_label" } },
  { "priority", "plan", "\"sort_order\":1", { "title" }, { "code", "title" } },
  { "indicator", NULL, "\"unit\":\"count\",\"polarity\":\"neutral\"", { "code", "title" },
    { "code", "title", "definition", "category" } },
  { "measurement", "indicator", "\"value\":1", { NULL }, { "note" } },
  { "risk", NULL, "\"status\":\"open\"", { "ref", "title", "owner" },
    { "ref", "title", "cause", "event", "consequence", "owner", "controls", "further_actions" } },
  { "action", "plan", "\"status\":\"on_track\"", { "ref", "title" },
    { "ref", "title", "description", "accountable_officer", "lead_service", "rag_override_reason" } },
  { "position_statement", "action", "\"as_at\":\"2026-01-05\"", { "narrative" },
    { "author", "narrative", "next_steps" } },
  { "risk_review", "risk", "\"reviewed_on\":\"2026-01-05\",\"residual_l\":3,\"residual_i\":3", { NULL },
    { "note" } },
};

/* Text that is not Unicode, as it stands in the JSON body: escapes json-glib would turn into
 * bytes that are not UTF-8 or cut short at, and raw bytes that are not UTF-8. */
static const char * const bad_texts[] = {
  "\\ud83d",            /* a lone high surrogate */
  "\\udc00x",           /* a lone low surrogate */
  "before\\u0000after", /* a NUL */
  "\xc0\xaf",           /* an overlong "/" */
  "\xed\xa0\xbd",       /* a surrogate encoded as UTF-8 (CESU-8) */
};

/* Good text in the same field: a surrogate pair, escaped, and raw non-ASCII. */
#define GOOD_TEXT_JSON "Fine \\ud83d\\ude00 caf\xc3\xa9"
#define GOOD_TEXT      "Fine \xf0\x9f\x98\x80 caf\xc3\xa9"

/* Returns the "set" of a create of @t with @field holding @json_text, other fields valid. */
static char *
text_set (const TextFields *t,
          const char       *parent,
          const char       *field,
          const char       *json_text,
          guint             serial)
{
  g_autoptr (GString) set = g_string_new ("{");
  g_autofree char *period = g_strdup_printf (",\"period\":\"%04u-01\"", 2000 + serial);

  g_string_append (set, t->base);
  if (t->parent_field != NULL)
    g_string_append_printf (set, ",\"%s\":\"%s\"", t->parent_field, parent);
  /* Each measurement its own month, so good ones never meet as duplicates. */
  if (g_str_equal (t->type, "measurement"))
    g_string_append (set, period);
  for (guint i = 0; i < G_N_ELEMENTS (t->required) && t->required[i] != NULL; i++)
    if (!g_str_equal (t->required[i], field))
      g_string_append_printf (set, ",\"%s\":\"Fine\"", t->required[i]);
  /* A link must be a web address: the good one is, the bad ones fail before that is asked. */
  if (g_str_equal (field, "link") && g_str_equal (json_text, GOOD_TEXT_JSON))
    g_string_append_printf (set, ",\"link\":\"https://example.org/%s\"", json_text);
  else
    g_string_append_printf (set, ",\"%s\":\"%s\"", field, json_text);
  g_string_append_c (set, '}');
  return g_string_free (g_steal_pointer (&set), FALSE);
}

/* Text is valid Unicode or refused: in every text field of every type, each kind of fault is
 * refused as invalid, naming the field, while a good create in the same push lands and reads
 * back as sent; nothing refused is stored, and the feed stays readable. */
static void
test_text_unicode (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *action = create_action (f, f->ed, plan, "public", "Base title");
  g_autofree char *inspection = create_record (f, f->ed, "inspection", "", "{\"kind\":\"standard\",\"starts_on\":\"2025-01-13\"}");
  g_autofree char *indicator = create_record (f, f->ed, "indicator", "",
                                              "{\"code\":\"CIC\",\"title\":\"Children in care\",\"unit\":\"count\",\"polarity\":\"neutral\"}");
  g_autofree char *risk = create_risk (f, "R1");
  g_autoptr (GPtrArray) refused_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) feed = NULL;
  g_autoptr (IbTestResponse) nul_title = NULL, now = NULL, nul_password = NULL, signed_in = NULL;
  guint serial = 0, fields_checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (text_fields); t++)
    {
      const TextFields *tf = &text_fields[t];
      const char *parent_field = tf->parent_field != NULL ? tf->parent_field : "";
      const char *parent = g_str_equal (parent_field, "inspection") ? inspection
                         : g_str_equal (parent_field, "plan") ? plan
                         : g_str_equal (parent_field, "indicator") ? indicator
                         : g_str_equal (parent_field, "action") ? action
                         : g_str_equal (parent_field, "risk") ? risk : NULL;

      for (guint i = 0; i < G_N_ELEMENTS (tf->text) && tf->text[i] != NULL; i++)
        {
          const char *field = tf->text[i];
          g_autoptr (GString) batch = g_string_new (NULL);
          g_autoptr (IbTestResponse) r = NULL, good = NULL;
          g_autofree char *good_id = new_id ();
          g_autofree char *read_back = NULL;

          g_test_message ("%s.%s", tf->type, field);
          for (guint b = 0; b <= G_N_ELEMENTS (bad_texts); b++)
            {
              gboolean is_good = b == G_N_ELEMENTS (bad_texts);
              g_autofree char *m = mid (), *id = is_good ? g_strdup (good_id) : new_id ();
              g_autofree char *set = text_set (tf, parent, field, is_good ? GOOD_TEXT_JSON : bad_texts[b], serial++);

              g_string_append_printf (batch, "%s{\"mid\":\"%s\",\"op\":\"create\",\"type\":\"%s\",\"id\":\"%s\",\"set\":%s}",
                                      b > 0 ? "," : "", m, tf->type, id, set);
              if (!is_good)
                g_ptr_array_add (refused_ids, g_strdup_printf ("%s/%s", tf->type, id));
            }

          r = push (f, f->ed, batch->str);
          g_assert_cmpuint (r->status, ==, 200);
          for (guint b = 0; b < G_N_ELEMENTS (bad_texts); b++)
            {
              g_autofree char *status = g_strdup_printf ("results/%u/status", b);
              g_autofree char *code = g_strdup_printf ("results/%u/code", b);
              g_autofree char *message = g_strdup_printf ("results/%u/message", b);

              g_assert_cmpstr (ib_test_json_string (r, status), ==, "rejected");
              g_assert_cmpstr (ib_test_json_string (r, code), ==, "invalid");
              if (!names_word (ib_test_json_string (r, message), field))
                g_error ("The refusal of %s.%s does not name the field: %s", tf->type, field, ib_test_json_string (r, message));
            }
          {
            g_autofree char *status = g_strdup_printf ("results/%u/status", (guint) G_N_ELEMENTS (bad_texts));

            g_assert_cmpstr (ib_test_json_string (r, status), ==, "applied");
          }

          /* What is accepted reads back as it was meant. */
          good = get_record (f, f->ed, tf->type, good_id);
          g_assert_cmpuint (good->status, ==, 200);
          read_back = g_strdup_printf ("fields/%s", field);
          if (g_str_equal (field, "link"))
            g_assert_cmpstr (ib_test_json_string (good, read_back), ==, "https://example.org/" GOOD_TEXT);
          else
            g_assert_cmpstr (ib_test_json_string (good, read_back), ==, GOOD_TEXT);
          fields_checked++;
        }
    }
  g_assert_cmpuint (fields_checked, ==, 37);

  /* Nothing refused was stored, and everything stored can be read. */
  for (guint i = 0; i < refused_ids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/records/%s", (char *) refused_ids->pdata[i]);
      g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", path, f->ed, NULL);

      g_assert_cmpuint (r->status, ==, 404);
    }
  feed = pull_checked (f, f->ed);
  g_assert_cmpuint (feed->len, ==, 5 + fields_checked);

  /* An update is held to the same rule, and changes nothing. */
  nul_title = push_update (f, f->ed, "action", action, 1, "", "{\"title\":\"before\\u0000after\"}");
  g_assert_cmpstr (ib_test_json_string (nul_title, "results/0/code"), ==, "invalid");
  g_assert_true (names_word (ib_test_json_string (nul_title, "results/0/message"), "title"));
  now = get_record (f, f->ed, "action", action);
  g_assert_cmpstr (ib_test_json_string (now, "fields/title"), ==, "Base title");
  g_assert_cmpint (ib_test_json_int (now, "rev"), ==, 1);

  /* A NUL in a password is refused, not cut short to a password that signs in. */
  nul_password = ib_test_request (f->srv, "POST", "/v1/auth/token", NULL,
                                  "{\"user\":\"pub\",\"password\":\"password-pub\\u0000tail\",\"device_name\":\"t\"}");
  g_assert_cmpuint (nul_password->status, ==, 400);
  g_assert_null (ib_test_json_node (nul_password, "token"));
  signed_in = ib_test_request (f->srv, "GET", "/v1/hello", f->pub, NULL);
  g_assert_cmpuint (signed_in->status, ==, 200);
}

/* Reads (@value NULL) or writes the stored "fields" of record @id straight in the database file;
 * @as_text stores the bytes with TEXT affinity, as a server would have, else as a BLOB. */
static GBytes *
stored_fields (IbTestServer *srv,
               const char   *id,
               const char   *value,
               gsize         length,
               gboolean      as_text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;

  g_assert_cmpint (sqlite3_open (srv->db_path, &db), ==, SQLITE_OK);
  if (value == NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fields FROM records WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
    }
  else
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE records SET fields = ?2 WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (as_text)
        sqlite3_bind_text (stmt, 2, value, (int) length, SQLITE_STATIC);
      else
        sqlite3_bind_blob (stmt, 2, value, (int) length, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

/* Returns TRUE when some line of the server's log is a JSON object mentioning both @a and @b. */
static gboolean
log_has_line (IbTestServer *srv,
              const char   *a,
              const char   *b)
{
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (srv->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], a) != NULL && strstr (lines[i], b) != NULL)
      {
        g_autoptr (JsonNode) node = json_from_string (lines[i], NULL);

        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
          return TRUE;
      }

  return FALSE;
}

typedef struct
{
  const char *what;
  const char *bytes;
  gboolean    as_text;
} Damage;

/* An update never starts from nothing: a record whose stored fields cannot be read fails the
 * request, changes nothing, is named in the log and is left out of the feed. */
static void
check_damaged_records (Fixture      *f,
                       const Damage *damage,
                       guint         n_damage)
{
  g_autofree char *plan = create_plan (f, f->ed, "public", "Plan");
  g_autofree char *healthy = create_action (f, f->ed, plan, "public", "Healthy");
  g_auto (GStrv) ids = g_new0 (char *, n_damage + 1);
  g_autoptr (GPtrArray) feed = NULL;

  for (guint i = 0; i < n_damage; i++)
    ids[i] = create_record (f, f->ed, "action", "",
                            "{\"plan\":\"%s\",\"ref\":\"%u\",\"title\":\"Damaged\",\"status\":\"at_risk\","
                            "\"accountable_officer\":\"Head of service\",\"description\":\"Keep me\"}", plan, i + 2);

  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  for (guint i = 0; i < n_damage; i++)
    stored_fields (f->srv, ids[i], damage[i].bytes, strlen (damage[i].bytes), damage[i].as_text);
  /* Damage is logged as a warning, on purpose. */
  restart_with_g_debug (f, "gc-friendly");

  for (guint i = 0; i < n_damage; i++)
    {
      g_autoptr (GBytes) before = stored_fields (f->srv, ids[i], NULL, 0, FALSE), after = NULL;
      g_autofree char *hash_before = ib_test_server_content_hash (f->srv), *hash_after = NULL;
      g_autofree char *m = mid (), *body = NULL;
      g_autoptr (IbTestResponse) r = NULL, got = NULL;

      g_test_message ("damage: %s", damage[i].what);
      /* The healthy update rides in the same push: the whole push fails, so it is undone too. */
      body = g_strdup_printf ("{\"mid\":\"%s-0\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,"
                              "\"set\":{\"title\":\"Healthy, edited\"}},"
                              "{\"mid\":\"%s-1\",\"op\":\"update\",\"type\":\"action\",\"id\":\"%s\",\"base_rev\":1,"
                              "\"set\":{\"status\":\"on_track\"}}", m, healthy, m, ids[i]);
      r = push (f, f->ed, body);
      g_assert_cmpuint (r->status, ==, 500);
      g_assert_cmpstr (ib_test_json_string (r, "error/code"), ==, "internal");
      g_assert_nonnull (ib_test_json_string (r, "error/message"));
      g_assert_null (strstr (r->body, ids[i]));

      after = stored_fields (f->srv, ids[i], NULL, 0, FALSE);
      g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                       g_bytes_get_data (after, NULL), g_bytes_get_size (after));
      hash_after = ib_test_server_content_hash (f->srv);
      g_assert_cmpstr (hash_before, ==, hash_after);

      /* The administrator is told which record; the reader of it gets a 500, not its bytes. */
      g_assert_true (log_has_line (f->srv, ids[i], "damaged"));
      got = get_record (f, f->ed, "action", ids[i]);
      g_assert_cmpuint (got->status, ==, 500);
      g_assert_cmpstr (ib_test_json_string (got, "error/code"), ==, "internal");
      g_assert_null (strstr (got->body, ids[i]));
    }

  /* The feed still parses, holds the rest, and leaves the damaged records out. */
  feed = pull_checked (f, f->ed);
  g_assert_nonnull (find_entry (feed, plan));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (find_entry (feed, healthy), "fields"), "title"),
                   ==, "Healthy");
  for (guint i = 0; i < n_damage; i++)
    g_assert_null (find_entry (feed, ids[i]));
}

static void
test_damaged_record (Fixture       *f,
                     gconstpointer  data)
{
  const Damage damage[] = {
    { "text that is not UTF-8", "{\"title\":\"\xc0\xaf\xed\xa0\xbd\"}", TRUE },
    { "a blob that is not UTF-8", "{\"title\":\"\xff\xfe\x80\"}", FALSE },
  };

  check_damaged_records (f, damage, G_N_ELEMENTS (damage));
}

/* Valid UTF-8 that is not JSON: a feed page or a GET that copied it would not parse. */
static void
test_damaged_record_cut_off (Fixture       *f,
                             gconstpointer  data)
{
  const Damage damage[] = {
    { "cut-off JSON", "{\"title\":\"x", TRUE },
    { "JSON that is not an object", "[\"title\"]", TRUE },
  };

  check_damaged_records (f, damage, G_N_ELEMENTS (damage));
}

/* Waits up to 10 s for a line of the server's log holding @needle. */
static gboolean
log_eventually_has (IbTestServer *srv,
                    const char   *needle)
{
  for (guint tries = 0; tries < 200; tries++)
    {
      g_autofree char *log = NULL;

      if (g_file_get_contents (srv->log_path, &log, NULL, NULL) && strstr (log, needle) != NULL)
        return TRUE;
      g_usleep (50 * 1000);
    }

  return FALSE;
}

static void
assert_raw_status (RawResponse *r,
                   guint        status,
                   const char  *allow)
{
  g_autofree char *header = raw_header (r, "Allow");

  if (r->status != status)
    g_error ("Expected %u, got:\n%s\n\n%s", status, r->head, r->body);
  if (allow != NULL)
    g_assert_cmpstr (header, ==, allow);
}

/* HTTP the way no client library writes it: methods, repeated and malformed headers, a body
 * cut short. Every answer is a clear 4xx, and every line of the log stays JSON. */
static void
test_http_edges (Fixture       *f,
                 gconstpointer  data)
{
  const char *unanswered[] = { "OPTIONS", "TRACE", "get", "PATCH" };
  g_autofree char *long_id = g_strnfill (201, 'd'), *fine_id = g_strnfill (200, 'd');
  g_autofree char *long_header = g_strdup_printf ("Device-Id: %s\r\n", long_id);
  g_autofree char *fine_header = g_strdup_printf ("Device-Id: %s\r\n", fine_id);
  g_autofree char *second_auth = g_strdup_printf ("Authorization: Bearer %s\r\n", f->pub);
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;
  guint json_lines = 0;
  gboolean plain_http = FALSE, aborted = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unanswered); i++)
    {
      g_autoptr (RawResponse) r = raw_call (f, unanswered[i], "/v1/hello", f->ed, "", "");

      g_test_message ("%s /v1/hello", unanswered[i]);
      assert_raw_status (r, 405, "GET, HEAD");
    }
  {
    g_autoptr (RawResponse) r = raw_call (f, "GET", "/v1/push", f->ed, "", "");

    assert_raw_status (r, 405, "POST");
  }
  /* CONNECT names a host and port (RFC 9110 9.3.6), so no endpoint: Allow lists what any does.
   * Written with a path instead, it is not HTTP, and libsoup refuses it before the server. */
  {
    g_autofree char *authority = g_strdup_printf ("127.0.0.1:%u", f->srv->port);
    g_autoptr (RawResponse) r = raw_call (f, "CONNECT", authority, f->ed, "", "");
    g_autoptr (RawResponse) path = raw_call (f, "CONNECT", "/v1/hello", f->ed, "", "");

    assert_raw_status (r, 405, "GET, HEAD, POST, DELETE");
    assert_raw_status (path, 400, NULL);
  }

  /* HEAD answers where GET does: the headers, a length, and no body. */
  {
    g_autoptr (RawResponse) get = raw_call (f, "GET", "/v1/hello", f->ed, "", "");
    g_autoptr (RawResponse) head = raw_call (f, "HEAD", "/v1/hello", f->ed, "", "");
    g_autofree char *length = raw_header (head, "Content-Length");

    assert_raw_status (head, 200, NULL);
    g_assert_nonnull (length);
    g_assert_cmpuint (g_ascii_strtoull (length, NULL, 10), ==, get->body_length);
    g_assert_cmpuint (head->body_length, ==, 0);
  }

  /* Headers that must be single, a length that is not a length. */
  {
    /* The body is as long as the longest length given: libsoup reads what the headers
     * announce before the refusal goes out. */
    const struct { const char *headers; const char *body; } cases[] = {
      { "Content-Length: 2\r\nContent-Length: 2\r\n", "{}" },
      { "Content-Length: 2\r\nContent-Length: 7\r\n", "{}     " },
      { "Content-Length: 7\r\nContent-Length: 2\r\n", "{}     " },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (RawResponse) r = raw_call (f, "POST", "/v1/push", f->ed, cases[i].headers, cases[i].body);

        g_test_message ("Content-Length case %u", i);
        assert_raw_status (r, 400, NULL);
      }
  }
  {
    g_autoptr (RawResponse) r = raw_call (f, "GET", "/v1/hello", f->ed, second_auth, "");

    assert_raw_status (r, 400, NULL);
  }

  /* Device-Id is copied into conflicts others read: at most 200 bytes, no control characters. */
  {
    g_autoptr (RawResponse) too_long = raw_call (f, "GET", "/v1/hello", f->ed, long_header, "");
    g_autoptr (RawResponse) fine = raw_call (f, "GET", "/v1/hello", f->ed, fine_header, "");
    g_autoptr (RawResponse) control = raw_call (f, "GET", "/v1/hello", f->ed, "Device-Id: lap\x01top\r\n", "");
    g_autoptr (RawResponse) twice = raw_call (f, "GET", "/v1/hello", f->ed, "Device-Id: a\r\nDevice-Id: b\r\n", "");

    assert_raw_status (too_long, 400, NULL);
    assert_raw_status (fine, 200, NULL);
    assert_raw_status (control, 400, NULL);
    assert_raw_status (twice, 400, NULL);
  }

  /* A push whose client goes away after 10 of its 1000 bytes: logged as aborted, not as 500. */
  {
    g_autoptr (GSocketConnection) connection = raw_connect (f);
    g_autoptr (GError) error = NULL;
    g_autofree char *request = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                                "Content-Length: 1000\r\n\r\n{\"mutation", f->ed);

    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                               request, strlen (request), NULL, NULL, &error);
    g_assert_no_error (error);
    g_io_stream_close (G_IO_STREAM (connection), NULL, &error);
    g_assert_no_error (error);
    g_assert_true (log_eventually_has (f->srv, "\"event\":\"aborted\""));
  }

  /* Still serving; then every line it wrote, from start-up to stop, is one JSON object. */
  {
    g_autoptr (IbTestResponse) alive = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);

    g_assert_cmpuint (alive->status, ==, 200);
  }
  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  g_assert_true (g_file_get_contents (f->srv->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = NULL;
      JsonObject *line;

      if (*lines[i] == '\0' && lines[i + 1] == NULL)
        break;
      node = json_from_string (lines[i], NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        g_error ("A log line is not a JSON object: %s", lines[i]);
      line = json_node_get_object (node);
      json_lines++;

      g_assert_cmpstr (json_object_get_string_member_with_default (line, "domain", ""), !=, "GLib-GObject");
      g_assert_cmpint (json_object_get_int_member_with_default (line, "status", 0), !=, 500);
      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", NULL), "plain_http") == 0)
        plain_http = TRUE;
      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", NULL), "aborted") == 0)
        {
          aborted = TRUE;
          g_assert_cmpstr (json_object_get_string_member (line, "path"), ==, "/v1/push");
        }
    }
  g_assert_true (plain_http);
  g_assert_true (aborted);
  g_assert_cmpuint (json_lines, >, 10);
}

/* A negative Content-Length is refused with 400 and no GLib warning at all: with warnings fatal,
 * as the suite runs, one the log writer merely hides would still stop the server. */
static void
test_http_negative_length (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbTestResponse) alive = NULL;

  restart_with_g_debug (f, "gc-friendly,fatal-warnings");
  {
    g_autoptr (RawResponse) r = raw_call (f, "POST", "/v1/push", f->ed, "Content-Length: -5\r\n", "");

    assert_raw_status (r, 400, NULL);
    g_assert_nonnull (strstr (r->body, "\"code\":\"invalid\""));
  }
  alive = ib_test_request (f->srv, "GET", "/v1/hello", f->ed, NULL);
  g_assert_cmpuint (alive->status, ==, 200);
  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  assert_log_lacks (f, "GLib-GObject");
}


/* An issued pack is what the board received: whichever client asks, the server changes neither
 * it nor its snapshot pieces, and keeps its meeting; a draft is edited and deleted freely. */
static void
test_issued_pack_is_frozen (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *meeting = new_id (), *pack = new_id (), *piece = new_id (), *draft = new_id ();
  g_autofree char *m = NULL, *status = NULL;
  struct { const char *what; char *mutation; } refused[5];
  gint64 rev = 0;

  m = g_strdup_printf ("{\"mid\":\"p1\",\"op\":\"create\",\"type\":\"meeting\",\"id\":\"%s\","
                       "\"set\":{\"kind\":\"improvement_board\",\"held_on\":\"2022-05-03\",\"title\":\"Board\"}}", meeting);
  g_free (push_one (f, f->ed, m, NULL));
  g_free (m);
  m = g_strdup_printf ("{\"mid\":\"p2\",\"op\":\"create\",\"type\":\"report\",\"id\":\"%s\","
                       "\"set\":{\"meeting\":\"%s\",\"subject\":\"Progress\"}}", pack, meeting);
  g_free (push_one (f, f->ed, m, NULL));
  g_free (m);
  m = g_strdup_printf ("{\"mid\":\"p3\",\"op\":\"create\",\"type\":\"report_snapshot\",\"id\":\"%s\","
                       "\"set\":{\"report\":\"%s\",\"issue\":\"i1\",\"part\":\"part1\",\"sequence\":1,\"count\":1,"
                       "\"format\":1,\"content\":\"{}\"}}", piece, pack);
  g_free (push_one (f, f->ed, m, NULL));
  g_free (m);
  m = g_strdup_printf ("{\"mid\":\"p4\",\"op\":\"update\",\"type\":\"report\",\"id\":\"%s\",\"base_rev\":1,"
                       "\"set\":{\"issued_on\":\"2022-04-26\",\"snapshot\":\"i1\"}}", pack);
  status = push_one (f, f->ed, m, &rev);
  g_assert_cmpstr (status, ==, "applied");

  refused[0].what = "a changed subject";
  refused[0].mutation = g_strdup_printf ("{\"mid\":\"x1\",\"op\":\"update\",\"type\":\"report\",\"id\":\"%s\","
                                         "\"base_rev\":%" G_GINT64_FORMAT ",\"set\":{\"subject\":\"Rewritten\"}}", pack, rev);
  refused[1].what = "a deleted pack";
  refused[1].mutation = g_strdup_printf ("{\"mid\":\"x2\",\"op\":\"delete\",\"type\":\"report\",\"id\":\"%s\","
                                         "\"base_rev\":%" G_GINT64_FORMAT "}", pack, rev);
  refused[2].what = "a changed piece";
  refused[2].mutation = g_strdup_printf ("{\"mid\":\"x3\",\"op\":\"update\",\"type\":\"report_snapshot\",\"id\":\"%s\","
                                         "\"base_rev\":1,\"set\":{\"content\":\"{\\\"forged\\\":true}\"}}", piece);
  refused[3].what = "a piece added";
  refused[3].mutation = g_strdup_printf ("{\"mid\":\"x4\",\"op\":\"create\",\"type\":\"report_snapshot\","
                                         "\"id\":\"6f1c0000-0000-4000-8000-0000000000aa\",\"set\":{\"report\":\"%s\","
                                         "\"issue\":\"i1\",\"part\":\"part1\",\"sequence\":2,\"count\":2,\"format\":1,"
                                         "\"content\":\"{}\"}}", pack);
  refused[4].what = "its meeting deleted";
  refused[4].mutation = g_strdup_printf ("{\"mid\":\"x5\",\"op\":\"delete\",\"type\":\"meeting\",\"id\":\"%s\","
                                         "\"base_rev\":1}", meeting);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (IbTestResponse) r = push (f, f->admin, refused[i].mutation);

      g_test_message ("%s", refused[i].what);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (ib_test_json_string (r, "results/0/status"), ==, "rejected");
      g_assert_cmpstr (ib_test_json_string (r, "results/0/code"), ==, "forbidden");
      g_free (refused[i].mutation);
    }
  /* Nothing of the pack moved. */
  {
    g_autofree char *piece_path = g_strdup_printf ("/v1/records/report_snapshot/%s", piece);
    g_autofree char *pack_path = g_strdup_printf ("/v1/records/report/%s", pack);
    g_autofree char *meeting_path = g_strdup_printf ("/v1/records/meeting/%s", meeting);
    g_autoptr (IbTestResponse) p = ib_test_request (f->srv, "GET", piece_path, f->ed, NULL);
    g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", pack_path, f->ed, NULL);
    g_autoptr (IbTestResponse) mt = ib_test_request (f->srv, "GET", meeting_path, f->ed, NULL);

    g_assert_cmpstr (ib_test_json_string (p, "fields/content"), ==, "{}");
    g_assert_null (ib_test_json_node (p, "deleted"));
    g_assert_cmpstr (ib_test_json_string (r, "fields/subject"), ==, "Progress");
    g_assert_cmpint (ib_test_json_int (r, "rev"), ==, rev);
    g_assert_null (ib_test_json_node (mt, "deleted"));
  }

  /* A draft is the author's to change and delete. */
  g_free (m);
  m = g_strdup_printf ("{\"mid\":\"d1\",\"op\":\"create\",\"type\":\"report\",\"id\":\"%s\","
                       "\"set\":{\"meeting\":\"%s\",\"subject\":\"Draft\"}}", draft, meeting);
  g_free (push_one (f, f->ed, m, NULL));
  g_free (m);
  m = g_strdup_printf ("{\"mid\":\"d2\",\"op\":\"delete\",\"type\":\"report\",\"id\":\"%s\",\"base_rev\":1}", draft);
  g_free (status);
  status = push_one (f, f->ed, m, NULL);
  g_assert_cmpstr (status, ==, "applied");
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/server/hello", test_listen_and_hello);
  ADD ("/server/protocol-versions", test_protocol_versions);
  ADD ("/server/auth/tokens", test_tokens);
  ADD ("/server/auth/throttle", test_login_throttle);
  ADD ("/server/auth/admin-revoke", test_admin_revoke);
  ADD ("/server/push/lifecycle", test_push_lifecycle);
  ADD ("/server/push/merge-table", test_merge_table);
  ADD ("/server/push/conflict-records", test_conflict_records);
  ADD ("/server/push/stale-resolve", test_stale_resolve_conflicts_again);
  ADD ("/server/push/delete-rules", test_delete_rules);
  ADD ("/server/push/measurement-unique", test_measurement_unique);
  ADD ("/server/push/idempotency", test_idempotency);
  ADD ("/server/push/rejections", test_rejections);
  ADD ("/server/push/request-errors", test_request_errors);
  ADD ("/server/push/huge-body", test_huge_body_not_buffered);
  ADD ("/server/changes/paging", test_paging);
  ADD ("/server/changes/epoch-and-scope", test_cursor_epoch_and_scope);
  ADD ("/server/exempt/invisible", test_exempt_invisible);
  ADD ("/server/exempt/conflict-class", test_exempt_conflict_class);
  ADD ("/server/exempt/delete-keeps-hidden", test_exempt_delete_keeps_hidden);
  ADD ("/server/exempt/no-oracles/ids", test_no_oracle_ids);
  ADD ("/server/exempt/no-oracles/measurement", test_no_oracle_measurement);
  ADD ("/server/exempt/no-oracles/revoked", test_no_oracle_revoked);
  ADD ("/server/exempt/no-oracles/revoked-mid-snapshot", test_no_oracle_revoked_mid_snapshot);
  ADD ("/server/exempt/no-oracles/references", test_no_oracle_references);
  ADD ("/server/text/unicode", test_text_unicode);
  ADD ("/server/damaged-record/not-utf8", test_damaged_record);
  ADD ("/server/damaged-record/not-json", test_damaged_record_cut_off);
  ADD ("/server/http/edges", test_http_edges);
  ADD ("/server/http/negative-length", test_http_negative_length);
  ADD ("/server/roles/viewer", test_viewer_changes_nothing);
  ADD ("/server/packs/issued-is-frozen", test_issued_pack_is_frozen);
  ADD ("/server/ops/logs", test_logs_hold_no_secrets);
  ADD ("/server/ops/graceful-stop", test_graceful_stop);
  g_test_add_func ("/server/ops/foreign-database", test_refuses_foreign_databases);
  g_test_add_func ("/server/ops/remote-http", test_remote_http_refused);
  if (g_getenv ("IB_SERVER_FAULTS_BINARY") != NULL)
    {
      g_test_add_func ("/server/faults/token-expiry", test_token_expiry);
      g_test_add_func ("/server/faults/crash-points", test_crash_points);
    }

  {
    int rc = g_test_run ();

    if (template_dir != NULL)
      {
        g_autofree char *db = g_build_filename (template_dir, "server.db", NULL);
        g_autofree char *log = g_build_filename (template_dir, "server.log", NULL);

        g_remove (db);
        g_remove (log);
        g_rmdir (template_dir);
      }
    return rc;
  }
}
