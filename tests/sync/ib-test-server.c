/* ib-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sqlite3.h>

#include "ib-test-server.h"

static char *
binary_path (gboolean faults)
{
  const char *var = faults ? "IB_SERVER_FAULTS_BINARY" : "IB_SERVER_BINARY";
  const char *path = g_getenv (var);

  g_assert_nonnull (path);
  return g_strdup (path);
}

IbTestServer *
ib_test_server_new (gboolean faults)
{
  IbTestServer *srv = g_new0 (IbTestServer, 1);
  g_autoptr (GError) error = NULL;

  srv->binary = binary_path (faults);
  srv->dir = g_dir_make_tmp ("ib-server-XXXXXX", &error);
  g_assert_no_error (error);
  srv->db_path = g_build_filename (srv->dir, "server.db", NULL);
  srv->log_path = g_build_filename (srv->dir, "server.log", NULL);
  srv->session = soup_session_new_with_options ("timeout", 30, NULL);
  srv->transcript = g_ptr_array_new_with_free_func (g_free);
  srv->env = g_new0 (char *, 1);
  srv->args = g_new0 (char *, 1);

  return srv;
}

/* A test that aborts takes its server with it instead of leaving it running. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
launcher_new (IbTestServer  *srv,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  for (guint i = 0; srv->env[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (srv->env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }

  return launcher;
}

void
ib_test_server_start (IbTestServer *srv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  const char *colon;

  g_assert_null (srv->process);

  launcher = launcher_new (srv, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Appending keeps every run's log for the no-secrets scan. */
  {
    int fd = g_open (srv->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_subprocess_launcher_take_stderr_fd (launcher, fd);
  }

  g_ptr_array_add (argv, srv->binary);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, srv->db_path);
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  for (guint i = 0; srv->args[i] != NULL; i++)
    g_ptr_array_add (argv, srv->args[i]);
  g_ptr_array_add (argv, NULL);

  srv->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (srv->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on 127.0.0.1:"));

  colon = strrchr (line, ':');
  srv->port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
  g_assert_cmpuint (srv->port, >, 0);
}

/* A sanitizer report in the server's log fails the test that ran it, even though the
 * server's exit status is only seen here. */
static void
assert_log_clean (IbTestServer *srv)
{
  static const char * const reports[] = {
    "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "CRITICAL", NULL,
  };
  g_autofree char *log = NULL;

  if (!g_file_get_contents (srv->log_path, &log, NULL, NULL))
    return;

  for (guint i = 0; reports[i] != NULL; i++)
    if (strstr (log, reports[i]) != NULL)
      g_error ("The server reported “%s”; its log is:\n%s", reports[i], log);
}

int
ib_test_server_wait_dead (IbTestServer *srv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_nonnull (srv->process);
  g_subprocess_wait (srv->process, NULL, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (srv->process) ? g_subprocess_get_exit_status (srv->process) : -1;
  g_clear_object (&srv->process);
  assert_log_clean (srv);
  /* A dead server's connections are dead too; do not reuse them. */
  soup_session_abort (srv->session);

  return status;
}

int
ib_test_server_stop (IbTestServer *srv)
{
  if (srv->process == NULL)
    return -1;

  g_subprocess_send_signal (srv->process, SIGTERM);
  return ib_test_server_wait_dead (srv);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

void
ib_test_server_free (IbTestServer *srv)
{
  if (srv->process != NULL)
    ib_test_server_stop (srv);

  if (g_getenv ("IB_TEST_KEEP") == NULL)
    remove_tree (srv->dir);
  else
    g_test_message ("kept %s", srv->dir);

  g_object_unref (srv->session);
  g_ptr_array_unref (srv->transcript);
  g_strfreev (srv->env);
  g_strfreev (srv->args);
  g_free (srv->binary);
  g_free (srv->dir);
  g_free (srv->db_path);
  g_free (srv->log_path);
  g_free (srv);
}

int
ib_test_server_admin (IbTestServer  *srv,
                      const char    *stdin_text,
                      char         **stdout_out,
                      ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, srv->binary);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, srv->db_path);
  va_start (args, stdout_out);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = launcher_new (srv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  if (stdout_out != NULL)
    *stdout_out = g_steal_pointer (&out);

  return g_subprocess_get_exit_status (process);
}

void
ib_test_server_add_user (IbTestServer *srv,
                         const char   *name,
                         const char   *role,
                         const char   *clearance)
{
  g_autofree char *password = g_strdup_printf ("password-%s\n", name);

  g_assert_cmpint (ib_test_server_admin (srv, password, NULL, "--create-user", name, "--role", role,
                                         "--clearance", clearance, NULL), ==, 0);
}

char *
ib_test_server_login (IbTestServer *srv,
                      const char   *name)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"password-%s\",\"device_name\":\"test\"}",
                                           name, name);
  g_autoptr (IbTestResponse) r = ib_test_request (srv, "POST", "/v1/auth/token", NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (ib_test_json_string (r, "token"));
}

IbTestResponse *
ib_test_request (IbTestServer *srv,
                 const char   *method,
                 const char   *path,
                 const char   *token,
                 const char   *body)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", srv->port, path);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  IbTestResponse *r = g_new0 (IbTestResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Sync-Protocol", "1");
  soup_message_headers_replace (headers, "Device-Id", "5d1c6a43-9d1e-4c36-9d0e-2b4f9f0c0a11");
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  reply = soup_session_send_and_read (srv->session, msg, NULL, &error);
  if (reply == NULL)
    {
      r->status = 0;
      r->body = g_strdup (error->message);
      return r;
    }

  r->status = soup_message_get_status (msg);
  r->body = g_bytes_get_size (reply) > 0
    ? g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply)) : g_strdup ("");
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (*r->body != '\0')
    r->json = json_from_string (r->body, NULL);
  g_ptr_array_add (srv->transcript, g_strdup_printf ("%s\t%s", token ? token : "", r->body));

  return r;
}

void
ib_test_response_free (IbTestResponse *r)
{
  g_free (r->body);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r);
}

JsonNode *
ib_test_json_node (IbTestResponse *r,
                   const char     *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  JsonNode *node = r->json;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, (guint) index) : NULL;
        }
      else
        node = NULL;
    }

  return node;
}

const char *
ib_test_json_string (IbTestResponse *r,
                     const char     *path)
{
  JsonNode *node = ib_test_json_node (r, path);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

gint64
ib_test_json_int (IbTestResponse *r,
                  const char     *path)
{
  JsonNode *node = ib_test_json_node (r, path);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
    ? json_node_get_int (node) : -1;
}

char *
ib_test_server_content_hash (IbTestServer *srv)
{
  static const char * const queries[] = {
    "SELECT * FROM records ORDER BY id",
    "SELECT * FROM revisions ORDER BY id, rev",
    "SELECT * FROM idempotency ORDER BY user, mid",
    "SELECT * FROM meta ORDER BY key",
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (srv->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text != NULL ? text : (const guchar *) "\x01", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  return g_strdup (g_checksum_get_string (sum));
}
