/* test-bootstrap.c: a first sync from the server's bootstrap file (docs/sync-protocol.md §4.8, §13.7)
 *
 * The real server holds the demo plan plus Exempt records, a tombstone and an open conflict.
 * A fresh client that takes the bootstrap must end with exactly the rows, in every table, of a
 * fresh client that pulls the whole feed; every way the file can fail (absent, truncated,
 * damaged) must leave a client that took the feed instead, with nothing lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ib-demo.h"
#include "ib-mutation.h"
#include "ib-store-bootstrap.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "ib-sync-engine.h"
#include "ib-test-server.h"
#include "ib-test-sync.h"

typedef struct
{
  IbStore      *store;
  IbSyncEngine *engine;
  char         *path;
} Client;

static void
client_open (IbTestServer *srv,
             Client       *c,
             const char   *name,
             const char   *user,
             gboolean      bootstrap)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
  g_autofree char *token = ib_test_server_login (srv, user);

  c->path = g_build_filename (srv->dir, name, NULL);
  c->store = ib_store_open (c->path, &error);
  g_assert_no_error (error);
  ib_store_set_user (c->store, user);
  c->engine = ib_sync_engine_new (c->store, url);
  ib_sync_engine_set_token (c->engine, token);
  ib_sync_engine_set_bootstrap (c->engine, bootstrap);
}

static void
client_close (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->store);
  g_clear_pointer (&c->path, g_free);
}

static void
sync_ok (Client *c)
{
  g_autoptr (GError) error = ib_test_run_sync (c->engine);

  g_assert_no_error (error);
}

/* Every demo record, pushed as creates by "ed" (parents first, as a client sends them). */
static void
push_demo (IbTestServer *srv,
           const char   *token)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) demo = ib_store_open (":memory:", &error);
  const IbRecordType * const *types = ib_record_types ();
  g_autoptr (GString) batch = g_string_new (NULL);
  guint in_batch = 0;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (demo, &error), >, 0);

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autoptr (GListModel) list = ib_store_list (demo, types[t]);

      for (guint i = 0; i <= g_list_model_get_n_items (list); i++)
        {
          g_autoptr (IbRecord) record = i < g_list_model_get_n_items (list) ? g_list_model_get_item (list, i) : NULL;

          if (in_batch > 0 && (record == NULL || in_batch == 50))
            {
              g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", batch->str);
              g_autoptr (IbTestResponse) r = ib_test_request (srv, "POST", "/v1/push", token, body);

              g_assert_cmpuint (r->status, ==, 200);
              g_string_truncate (batch, 0);
              in_batch = 0;
            }
          if (record != NULL)
            {
              g_autofree char *mid = g_uuid_string_random ();
              IbMutation m = {
                .mid = mid, .op = IB_MUTATION_CREATE, .type = types[t],
                .id = (char *) ib_record_get_id (record), .klass = (char *) ib_record_get_class (record),
                .exempt_paragraph = ib_record_get_exempt_paragraph (record),
                .set = ib_record_get_fields (record), .deleted = -1,
              };
              g_autoptr (JsonObject) object = ib_mutation_to_json (&m);
              g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
              g_autofree char *text = json_to_string (node, FALSE);

              if (in_batch > 0)
                g_string_append_c (batch, ',');
              g_string_append (batch, text);
              in_batch++;
            }
        }
    }
  g_ptr_array_set_size (srv->transcript, 0);
}

/* Asks for the bootstrap file until the server has built it (it answers 503 meanwhile). */
static void
wait_for_bootstrap (IbTestServer *srv,
                    const char   *user)
{
  g_autofree char *token = ib_test_server_login (srv, user);

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr (IbTestResponse) r = ib_test_request (srv, "GET", IB_BOOTSTRAP_PATH, token, NULL);

      g_ptr_array_set_size (srv->transcript, 0);
      if (r->status == 200)
        return;
      g_assert_cmpuint (r->status, ==, 503);
      g_usleep (50 * 1000);
    }
  g_error ("the server never built its bootstrap file");
}

static IbRecord *
make_record (Client             *c,
             const IbRecordType *type,
             const char         *klass,
             const char         *parent_field,
             IbRecord           *parent)
{
  g_autoptr (GError) error = NULL;
  IbRecord *record = ib_record_new (type);

  if (type == &ib_type_plan)
    ib_record_set_string (record, "title", "Bootstrap plan");
  else
    {
      ib_record_set_string (record, "ref", "B1");
      ib_record_set_string (record, "title", "Audit practice");
      ib_record_set_string (record, "status", "on_track");
    }
  if (parent != NULL)
    ib_record_set_string (record, parent_field, ib_record_get_id (parent));
  ib_record_set_class (record, klass);
  if (g_str_equal (klass, "exempt"))
    ib_record_set_exempt_paragraph (record, 3);
  g_assert_true (ib_store_create (c->store, record, &error));
  g_assert_no_error (error);
  return record;
}

static void
edit_title (Client     *c,
            IbRecord   *record,
            const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) copy = ib_store_get (c->store, ib_record_get_record_type (record), ib_record_get_id (record), NULL);

  ib_record_set_string (copy, "title", title);
  g_assert_true (ib_store_update (c->store, copy, &error));
  g_assert_no_error (error);
}

typedef struct
{
  IbTestServer *srv;
  char         *ed_token;
  Client        writer, other;
} World;

/* The server holds the demo plan, a Public and an Exempt plan each with an action, a deleted
 * action, and an open conflict on a Public action's title. */
static void
world_setup (World   *w,
             gboolean faults)
{
  g_autoptr (IbRecord) pub_plan = NULL, ex_plan = NULL, pub_action = NULL, ex_action = NULL, gone = NULL;
  g_autoptr (GError) error = NULL;

  w->srv = ib_test_server_new (faults);
  ib_test_server_add_user (w->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (w->srv, "pub", "editor", "public");
  ib_test_server_add_user (w->srv, "view", "viewer", "public");
  ib_test_server_start (w->srv);
  w->ed_token = ib_test_server_login (w->srv, "ed");
  push_demo (w->srv, w->ed_token);

  client_open (w->srv, &w->writer, "writer.db", "ed", FALSE);
  client_open (w->srv, &w->other, "other.db", "ed", FALSE);
  pub_plan = make_record (&w->writer, &ib_type_plan, "public", NULL, NULL);
  ex_plan = make_record (&w->writer, &ib_type_plan, "exempt", NULL, NULL);
  pub_action = make_record (&w->writer, &ib_type_action, "public", "plan", pub_plan);
  ex_action = make_record (&w->writer, &ib_type_action, "exempt", "plan", ex_plan);
  gone = make_record (&w->writer, &ib_type_action, "public", "plan", pub_plan);
  sync_ok (&w->writer);
  sync_ok (&w->other);
  g_assert_true (ib_store_delete (w->writer.store, &ib_type_action, ib_record_get_id (gone), &error));
  g_assert_no_error (error);

  /* Both edit the same title: the second to sync gets a conflict. */
  edit_title (&w->writer, pub_action, "Audit practice weekly");
  edit_title (&w->other, pub_action, "Audit practice monthly");
  sync_ok (&w->writer);
  sync_ok (&w->other);
  g_assert_cmpuint (ib_store_sync_count (w->other.store, "conflict"), ==, 1);
  sync_ok (&w->writer);

  wait_for_bootstrap (w->srv, "ed");
  wait_for_bootstrap (w->srv, "pub");
}

static void
world_teardown (World *w)
{
  client_close (&w->writer);
  client_close (&w->other);
  g_free (w->ed_token);
  ib_test_server_free (w->srv);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every row of every table a sync writes, as sorted text: what "the same database" means here.
 * The search index's internal tables are left out (their layout depends on how rows were
 * batched, not on what they hold); the index is compared by what it finds instead. */
static char *
dump (IbStore *store)
{
  sqlite3 *db = _ib_store_get_db (store);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'statement_text%'"
                                           " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (tables->pdata[i]);

          /* The device's own id, and when it last synced, differ between any two devices. */
          if (g_str_equal (tables->pdata[i], "sync_state") &&
              (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "device_id") ||
               g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "last_ok")))
            {
              g_string_free (row, TRUE);
              continue;
            }
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "|%s=%s", sqlite3_column_name (stmt, c),
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL
                                      ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          /* A cursor ends with the seq this device's snapshot began at, which is when it first
           * synced (or when the file it started from was built), not what it holds. */
          if (g_str_equal (tables->pdata[i], "sync_state") &&
              g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "cursor"))
            g_string_truncate (row, (gsize) (strrchr (row->str, '.') - row->str));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_rows);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s\n", (char *) rows->pdata[r]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
query_int (IbStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_same_database (Client *boot,
                      Client *feed)
{
  g_autofree char *a = dump (boot->store);
  g_autofree char *b = dump (feed->store);
  const char *terms[] = { "safeguard", "audit", "Audit", "practice", "ŵ", NULL };

  if (g_strcmp0 (a, b) != 0)
    {
      g_auto (GStrv) la = g_strsplit (a, "\n", -1);
      g_auto (GStrv) lb = g_strsplit (b, "\n", -1);
      guint i = 0;

      while (la[i] != NULL && lb[i] != NULL && g_str_equal (la[i], lb[i]))
        i++;
      g_error ("the bootstrapped database differs from the feed's at row %u:\n  bootstrap: %s\n  feed:      %s",
               i, la[i] != NULL ? la[i] : "(end)", lb[i] != NULL ? lb[i] : "(end)");
    }
  g_assert_cmpuint (strlen (a), >, 1000);

  /* The search index was built as the rows arrived, and finds what the feed client's finds. */
  g_assert_cmpint (query_int (boot->store, "SELECT count (*) FROM position_statement"), >, 0);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM statement_text WHERE statement_text MATCH '\"%s\"'", terms[i]);

      g_assert_cmpint (query_int (boot->store, sql), ==, query_int (feed->store, sql));
    }
  g_assert_true (ib_sqlite_exec (_ib_store_get_db (boot->store),
                                 "INSERT INTO statement_text (statement_text) VALUES ('integrity-check')", NULL));
}

static void
count_changed_cb (IbStore    *store,
                  const char *type,
                  const char *id,
                  int         change,
                  guint      *count)
{
  (*count)++;
}

/* Points @c at the server again after a restart (new port), with a fresh token. */
static void
client_reconnect (IbTestServer *srv,
                  Client       *c,
                  const char   *user)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
  g_autofree char *token = ib_test_server_login (srv, user);

  g_clear_object (&c->engine);
  c->engine = ib_sync_engine_new (c->store, url);
  ib_sync_engine_set_token (c->engine, token);
}

/* Tests */

/* For each user, a client that takes the bootstrap and one that takes the feed hold the same
 * rows in every table, and then follow the feed alike. */
static void
test_same_as_feed (void)
{
  const char *users[] = { "ed", "pub", "view", NULL };
  World w = { 0 };

  world_setup (&w, FALSE);

  for (guint u = 0; users[u] != NULL; u++)
    {
      g_autofree char *boot_name = g_strdup_printf ("boot-%s.db", users[u]);
      g_autofree char *feed_name = g_strdup_printf ("feed-%s.db", users[u]);
      Client boot = { 0 }, feed = { 0 };
      guint changed = 0;

      client_open (w.srv, &boot, boot_name, users[u], TRUE);
      client_open (w.srv, &feed, feed_name, users[u], FALSE);
      g_signal_connect (boot.store, "changed", G_CALLBACK (count_changed_cb), &changed);

      sync_ok (&boot);
      sync_ok (&feed);
      g_assert_null (ib_sync_engine_get_bootstrap_error (boot.engine));
      g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), >, 100);
      g_assert_cmpuint (ib_sync_engine_get_bootstrapped (feed.engine), ==, 0);
      /* One "changed" a type, not one a record. */
      g_assert_cmpuint (changed, <=, 2 * g_strv_length ((char **) ib_record_types ()));
      g_assert_cmpuint (changed, >, 0);
      assert_same_database (&boot, &feed);

      /* Public-only users hold nothing Exempt, from the file or after. */
      if (!g_str_equal (users[u], "ed"))
        {
          g_assert_cmpint (query_int (boot.store, "SELECT count (*) FROM plan WHERE class = 'exempt'"), ==, 0);
          g_assert_cmpint (query_int (boot.store, "SELECT count (*) FROM action WHERE class = 'exempt'"), ==, 0);
        }
      else
        g_assert_cmpint (query_int (boot.store, "SELECT count (*) FROM plan WHERE class = 'exempt'"), ==, 1);
      /* A record deleted before this device's first sync never reaches it, as with the feed. */
      g_assert_cmpint (query_int (boot.store, "SELECT count (*) FROM action WHERE deleted = 1"), ==, 0);
      /* The conflict on a Public action travels to every reader, in the file. */
      g_assert_cmpint (query_int (boot.store, "SELECT count (*) FROM conflicts"), ==, 1);

      /* After: a change on the server reaches both through the feed, from the file's cursor. */
      {
        g_autoptr (IbRecord) plan = make_record (&w.writer, &ib_type_plan, "public", NULL, NULL);

        sync_ok (&w.writer);
        sync_ok (&boot);
        sync_ok (&feed);
        g_assert_nonnull (ib_store_get (boot.store, &ib_type_plan, ib_record_get_id (plan), NULL));
        assert_same_database (&boot, &feed);
      }

      client_close (&boot);
      client_close (&feed);
    }

  world_teardown (&w);
}

/* A client that holds anything already (here an edit made before its first sync) takes the
 * feed, and its edit reaches the server. */
static void
test_not_empty_takes_feed (void)
{
  World w = { 0 };
  Client c = { 0 };
  g_autoptr (IbRecord) mine = NULL;
  g_autoptr (IbRecord) there = NULL;

  world_setup (&w, FALSE);
  client_open (w.srv, &c, "local.db", "ed", TRUE);
  mine = make_record (&c, &ib_type_plan, "public", NULL, NULL);
  g_assert_false (ib_store_bootstrap_can_fill (c.store));

  sync_ok (&c);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (c.engine), ==, 0);
  g_assert_cmpuint (ib_store_sync_count (c.store, "pending") + ib_store_sync_count (c.store, "sent"), ==, 0);
  sync_ok (&w.writer);
  there = ib_store_get (w.writer.store, &ib_type_plan, ib_record_get_id (mine), NULL);
  g_assert_nonnull (there);
  g_assert_cmpint (query_int (c.store, "SELECT count (*) FROM action WHERE deleted = 0"), ==,
                   query_int (w.writer.store, "SELECT count (*) FROM action WHERE deleted = 0"));

  client_close (&c);
  world_teardown (&w);
}

/* The copy refuses a database that is not empty even when asked directly: nothing is written. */
static void
test_copy_refuses_non_empty (void)
{
  World w = { 0 };
  Client boot = { 0 };
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbTestResponse) r = NULL;
  g_autoptr (GBytes) file = NULL;
  guint n = 0;

  world_setup (&w, FALSE);
  client_open (w.srv, &boot, "boot.db", "ed", TRUE);
  sync_ok (&boot);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), >, 0);
  before = dump (boot.store);

  /* A second first sync into the same file: the engine does not ask (there is a cursor)... */
  sync_ok (&boot);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), ==, 0);

  /* ... and the copy itself refuses. */
  {
    SoupMessage *msg = NULL;
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u" IB_BOOTSTRAP_PATH, w.srv->port);
    g_autofree char *auth = g_strdup_printf ("Bearer %s", w.ed_token);

    msg = soup_message_new ("GET", url);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    file = soup_session_send_and_read (w.srv->session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    g_assert_true (ib_store_bootstrap_cursor_is_valid (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                                      "Bootstrap-Cursor")));
    g_assert_false (ib_store_bootstrap_copy (boot.path, file,
                                             soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                           "Bootstrap-Cursor"),
                                             NULL, NULL, &n, &error));
    g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED);
    g_object_unref (msg);
  }
  after = dump (boot.store);
  g_assert_cmpstr (before, ==, after);

  /* Without a token, the endpoint answers as every other: 401. */
  r = ib_test_request (w.srv, "GET", IB_BOOTSTRAP_PATH, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 401);
  g_clear_pointer (&r, ib_test_response_free);

  /* A client that does not ask for this version of the file (one from before its server copies
   * were left out, which would count on them) is answered as by a server without the endpoint,
   * so it takes the feed. */
  r = ib_test_request (w.srv, "GET", "/v1/bootstrap", w.ed_token, NULL);
  g_assert_cmpuint (r->status, ==, 404);
  g_clear_pointer (&r, ib_test_response_free);
  r = ib_test_request (w.srv, "GET", "/v1/bootstrap?version=1", w.ed_token, NULL);
  g_assert_cmpuint (r->status, ==, 404);
  g_assert_nonnull (strstr (ib_test_json_string (r, "error/message"), "version " IB_BOOTSTRAP_VERSION));

  client_close (&boot);
  world_teardown (&w);
}

/* A server without the endpoint (404), a file cut short, a connection ending halfway through
 * the file, a file of no stated length, a file with a damaged page: each is refused with a clear reason, and the same sync
 * goes on through the feed to the same rows. */
static void
test_fallback (gconstpointer data)
{
  const char *point = data;
  /* The second file served: the first goes to the wait for the build. */
  g_autofree char *fault = g_strdup_printf ("REFSERVER_FAULT=%s:nth=2", point);
  World w = { 0 };
  Client boot = { 0 }, feed = { 0 };
  const GError *refused;

  world_setup (&w, TRUE);
  ib_test_server_stop (w.srv);
  g_strfreev (w.srv->env);
  w.srv->env = g_strdupv ((char *[]) { fault, NULL });
  ib_test_server_start (w.srv);
  wait_for_bootstrap (w.srv, "pub");

  client_open (w.srv, &boot, "boot.db", "pub", TRUE);
  client_open (w.srv, &feed, "feed.db", "pub", FALSE);
  sync_ok (&boot);
  sync_ok (&feed);

  refused = ib_sync_engine_get_bootstrap_error (boot.engine);
  g_assert_nonnull (refused);
  g_test_message ("%s: %s", point, refused->message);
  if (g_str_equal (point, "bootstrap.absent"))
    g_assert_nonnull (strstr (refused->message, "HTTP 404"));
  else if (g_str_equal (point, "bootstrap.cut"))
    g_assert_error (refused, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE);
  else if (g_str_equal (point, "bootstrap.chunked"))
    g_assert_nonnull (strstr (refused->message, "no stated size"));
  else
    g_assert_error (refused, IB_STORE_ERROR, IB_STORE_ERROR_NOT_A_DATABASE);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), ==, 0);
  assert_same_database (&boot, &feed);

  client_close (&boot);
  client_close (&feed);
  world_teardown (&w);
}

/* After a bootstrap, the server is restored from a backup: 410, and the full resync through
 * the feed keeps what the client holds (docs/sync-protocol.md §13.5). */
static void
test_resync_after_bootstrap (void)
{
  World w = { 0 };
  Client boot = { 0 };
  g_autoptr (IbRecord) local = NULL;

  world_setup (&w, FALSE);
  client_open (w.srv, &boot, "boot.db", "ed", TRUE);
  sync_ok (&boot);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), >, 0);

  ib_test_server_stop (w.srv);
  g_assert_cmpint (ib_test_server_admin (w.srv, NULL, NULL, "--new-epoch", NULL), ==, 0);
  ib_test_server_start (w.srv);
  client_reconnect (w.srv, &boot, "ed");
  client_reconnect (w.srv, &w.writer, "ed");
  local = make_record (&boot, &ib_type_plan, "public", NULL, NULL);
  sync_ok (&boot);
  g_assert_cmpuint (ib_sync_engine_get_bootstrapped (boot.engine), ==, 0);
  g_assert_cmpuint (ib_store_sync_count (boot.store, "pending") + ib_store_sync_count (boot.store, "sent"), ==, 0);
  sync_ok (&w.writer);
  g_assert_nonnull (ib_store_get (w.writer.store, &ib_type_plan, ib_record_get_id (local), NULL));

  client_close (&boot);
  world_teardown (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/bootstrap/same-as-feed", test_same_as_feed);
  g_test_add_func ("/sync/bootstrap/not-empty-takes-feed", test_not_empty_takes_feed);
  g_test_add_func ("/sync/bootstrap/copy-refuses-non-empty", test_copy_refuses_non_empty);
  g_test_add_func ("/sync/bootstrap/resync-after-bootstrap", test_resync_after_bootstrap);
  if (g_getenv ("IB_SERVER_FAULTS_BINARY") != NULL)
    {
      g_test_add_data_func ("/sync/bootstrap/fallback/absent", "bootstrap.absent", test_fallback);
      g_test_add_data_func ("/sync/bootstrap/fallback/truncated", "bootstrap.truncate", test_fallback);
      g_test_add_data_func ("/sync/bootstrap/fallback/cut", "bootstrap.cut", test_fallback);
      g_test_add_data_func ("/sync/bootstrap/fallback/chunked", "bootstrap.chunked", test_fallback);
      g_test_add_data_func ("/sync/bootstrap/fallback/corrupt", "bootstrap.corrupt", test_fallback);
    }

  return g_test_run ();
}
