/* bench-server.c: improvement-board-server on the ten-year dataset, over loopback
 *
 * Push throughput (mutations/s, 100 per request, as a client sends them) and changes-feed
 * throughput (records/s and MB/s, 500 a page), each against the machine's raw SQLite insert
 * rate for the same rows: the ratio to beat. Prints figures; never fails on time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "bench-dataset.h"
#include "bench-push.h"
#include "ib-mutation.h"
#include "ib-store-sync.h"
#include "ib-sync-engine.h"
#include "ib-record-json.h"
#include "ib-test-server.h"
#include "ib-test-sync.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
sync_once (IbSyncEngine *engine)
{
  g_autoptr (GError) error = ib_test_run_sync (engine);

  if (error != NULL)
    g_error ("sync failed: %s", error->message);
}

/* The same rows, inserted by SQLite alone in one transaction with synchronous=FULL. */
static double
raw_insert_ms (GPtrArray  *texts,
               const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "raw.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double start;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE rows (id TEXT PRIMARY KEY, seq INTEGER, body TEXT)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO rows VALUES (?1, ?2, ?3)", -1, &stmt, NULL);

  start = now_ms ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%08u", i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, texts->pdata[i], -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  start = now_ms () - start;

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) texts = NULL;
  g_autofree char *token = NULL, *cursor = NULL;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  IbTestServer *srv;
  double t, raw_ms, push_ms, pull_ms, noop_ms;
  guint requests = 0, pushed = 0, pulled = 0, pages = 0;
  guint64 bytes = 0;

  setlocale (LC_ALL, "");
  g_setenv ("IB_SERVER_BINARY", IB_SERVER_BINARY, FALSE);

  t = now_ms ();
  texts = ib_bench_generate_mutations ();
  printf ("dataset: %u records as create mutations (%.0f ms to generate)\n", texts->len, now_ms () - t);

  srv = ib_test_server_new (FALSE);
  raw_ms = raw_insert_ms (texts, srv->dir);
  printf ("raw SQLite insert of the same rows: %.0f ms (%.0f rows/s)\n", raw_ms, texts->len / (raw_ms / 1000));

  ib_test_server_add_user (srv, "bench", "admin", "exempt");
  ib_test_server_start (srv);
  token = ib_test_server_login (srv, "bench");

  /* Push: batches of at most 100 mutations and 1 MiB, as the client engine sends them. */
  t = now_ms ();
  pushed = ib_bench_push (srv, token, texts, &requests);
  push_ms = now_ms () - t;

  /* Pull: the whole feed from no cursor, as a first sync does. */
  t = now_ms ();
  for (;;)
    {
      g_autofree char *path = cursor != NULL ? g_strdup_printf ("/v1/changes?cursor=%s&limit=500", cursor)
                                             : g_strdup ("/v1/changes?limit=500");
      g_autoptr (IbTestResponse) r = ib_test_request (srv, "GET", path, token, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      pulled += json_array_get_length (json_node_get_array (ib_test_json_node (r, "changes")));
      bytes += strlen (r->body);
      pages++;
      g_ptr_array_add (bodies, g_strdup (r->body));
      g_free (cursor);
      cursor = g_strdup (ib_test_json_string (r, "next_cursor"));
      g_ptr_array_set_size (srv->transcript, 0);
      if (!json_node_get_boolean (ib_test_json_node (r, "has_more")))
        break;
    }
  pull_ms = now_ms () - t;

  /* A pull with nothing new: one round trip. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/changes?cursor=%s&limit=500", cursor);
    g_autoptr (IbTestResponse) r = NULL;

    t = now_ms ();
    r = ib_test_request (srv, "GET", path, token, NULL);
    noop_ms = now_ms () - t;
    g_assert_cmpuint (r->status, ==, 200);
  }

  printf ("push: %u of %u applied in %u requests, %.0f ms: %.0f mutations/s (%.1f× the raw insert time)\n",
          pushed, texts->len, requests, push_ms, pushed / (push_ms / 1000), push_ms / raw_ms);
  printf ("pull: %u records in %u pages, %.1f MB, %.0f ms: %.0f records/s, %.1f MB/s (%.1f× the raw insert time)\n",
          pulled, pages, bytes / 1e6, pull_ms, pulled / (pull_ms / 1000), bytes / 1e6 / (pull_ms / 1000),
          pull_ms / raw_ms);
  printf ("no-op pull: 1 round trip, %.1f ms\n", noop_ms);

  /* Where a first sync's time goes on the client: parsing the pages, and applying them. */
  {
    g_autofree char *path = g_build_filename (srv->dir, "apply.db", NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (IbStore) client = ib_store_open (path, &error);
    g_autoptr (GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
    double parse_ms, apply_ms;

    g_assert_no_error (error);
    t = now_ms ();
    for (guint i = 0; i < bodies->len; i++)
      g_ptr_array_add (parsed, ib_json_parse_bounded (bodies->pdata[i], strlen (bodies->pdata[i]), NULL));
    parse_ms = now_ms () - t;

    t = now_ms ();
    for (guint i = 0; i < parsed->len; i++)
      {
        JsonObject *page = json_node_get_object (parsed->pdata[i]);

        if (!ib_store_sync_apply_page (client, json_object_get_array_member (page, "changes"),
                                       json_object_get_string_member (page, "next_cursor"), &error))
          g_error ("apply: %s", error->message);
      }
    apply_ms = now_ms () - t;
    printf ("client side of a first sync: parse %.0f ms, apply %.0f ms (%.1f µs a record)\n",
            parse_ms, apply_ms, apply_ms * 1000 / texts->len);
  }

  /* The app's first sync: a fresh client database pulls everything through the engine. */
  {
    g_autofree char *path = g_build_filename (srv->dir, "client.db", NULL);
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
    g_autoptr (GError) error = NULL;
    g_autoptr (IbStore) client = ib_store_open (path, &error);
    g_autoptr (IbSyncEngine) engine = NULL;
    double first_ms, noop_sync_ms;
    guint first_requests;

    g_assert_no_error (error);
    engine = ib_sync_engine_new (client, url);
    ib_sync_engine_set_token (engine, token);

    t = now_ms ();
    sync_once (engine);
    first_ms = now_ms () - t;
    first_requests = ib_sync_engine_get_requests (engine);

    t = now_ms ();
    sync_once (engine);
    noop_sync_ms = now_ms () - t;

    printf ("first full sync into an empty app database: %.0f ms in %u requests (%.1f× the raw insert time; budget 3×)\n",
            first_ms, first_requests, first_ms / raw_ms);
    printf ("sync with nothing to do: %u round trip(s), %.1f ms\n",
            ib_sync_engine_get_requests (engine) - first_requests, noop_sync_ms);
  }

  ib_test_server_free (srv);
  return pushed == texts->len && pulled == texts->len ? 0 : 1;
}
