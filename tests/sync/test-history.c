/* test-history.c: GET /v1/records/{type}/{id}/history on the real server (issue 22)
 *
 * Who changed what, when, from which device, old → new, newest first and paged; the same
 * Exempt projection as every other read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "ib-test-server.h"

typedef struct
{
  IbTestServer *srv;
  char         *admin, *ed, *pub;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->srv = ib_test_server_new (FALSE);
  ib_test_server_add_user (f->srv, "admin", "admin", "exempt");
  ib_test_server_add_user (f->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (f->srv, "pub", "editor", "public");
  ib_test_server_start (f->srv);
  f->admin = ib_test_server_login (f->srv, "admin");
  f->ed = ib_test_server_login (f->srv, "ed");
  f->pub = ib_test_server_login (f->srv, "pub");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ib_test_server_free (f->srv);
  g_free (f->admin);
  g_free (f->ed);
  g_free (f->pub);
}

static void
push_ok (Fixture    *f,
         const char *token,
         const char *mutation)
{
  g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", mutation);
  g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "POST", "/v1/push", token, body);
  const char *status;

  g_assert_cmpuint (r->status, ==, 200);
  status = ib_test_json_string (r, "results/0/status");
  if (g_strcmp0 (status, "applied") != 0 && g_strcmp0 (status, "merged") != 0)
    g_error ("%s was %s: %s", mutation, status, r->body);
}

static IbTestResponse *
history (Fixture    *f,
         const char *token,
         const char *type,
         const char *id,
         const char *query)
{
  g_autofree char *path = g_strdup_printf ("/v1/records/%s/%s/history%s", type, id, query != NULL ? query : "");

  return ib_test_request (f->srv, "GET", path, token, NULL);
}

#define PLAN "6f1c0000-0000-4000-8000-000000000001"
#define ACTION "6f1c0000-0000-4000-8000-000000000002"
#define PUBLIC_RISK "a9000000-0000-4000-8000-000000000001"
#define SECRET_RISK "a9000000-0000-4000-8000-000000000002"

static void
test_who_what_when (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (IbTestResponse) all = NULL, first = NULL, second = NULL;

  push_ok (f, f->ed, "{\"mid\":\"1\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"" PLAN "\",\"set\":{\"title\":\"Plan\"}}");
  push_ok (f, f->ed, "{\"mid\":\"2\",\"op\":\"create\",\"type\":\"action\",\"id\":\"" ACTION "\",\"set\":"
                     "{\"plan\":\"" PLAN "\",\"ref\":\"4\",\"title\":\"Audit\",\"due_on\":\"2023-03-31\"}}");
  push_ok (f, f->pub, "{\"mid\":\"3\",\"op\":\"update\",\"type\":\"action\",\"id\":\"" ACTION "\",\"base_rev\":1,"
                      "\"set\":{\"due_on\":\"2023-06-30\"},\"was\":{\"due_on\":\"2023-03-31\"}}");
  push_ok (f, f->ed, "{\"mid\":\"4\",\"op\":\"delete\",\"type\":\"action\",\"id\":\"" ACTION "\",\"base_rev\":2}");
  push_ok (f, f->admin, "{\"mid\":\"5\",\"op\":\"restore\",\"type\":\"action\",\"id\":\"" ACTION "\"}");

  all = history (f, f->ed, "action", ACTION, NULL);
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpint (json_array_get_length (json_node_get_array (ib_test_json_node (all, "history"))), ==, 4);
  /* Newest first. */
  g_assert_cmpstr (ib_test_json_string (all, "history/0/kind"), ==, "restored");
  g_assert_cmpstr (ib_test_json_string (all, "history/0/by"), ==, "admin");
  g_assert_cmpstr (ib_test_json_string (all, "history/1/kind"), ==, "deleted");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/kind"), ==, "changed");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/by"), ==, "pub");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/device"), ==, "5d1c6a43-9d1e-4c36-9d0e-2b4f9f0c0a11");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/changed/0"), ==, "due_on");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/from/due_on"), ==, "2023-03-31");
  g_assert_cmpstr (ib_test_json_string (all, "history/2/to/due_on"), ==, "2023-06-30");
  g_assert_nonnull (ib_test_json_string (all, "history/2/at"));
  g_assert_cmpstr (ib_test_json_string (all, "history/3/kind"), ==, "created");
  g_assert_cmpstr (ib_test_json_string (all, "history/3/to/title"), ==, "Audit");
  g_assert_true (JSON_NODE_HOLDS_NULL (ib_test_json_node (all, "next_before")));

  /* Paged: two at a time, then the rest. */
  first = history (f, f->ed, "action", ACTION, "?limit=2");
  g_assert_cmpint (ib_test_json_int (first, "history/0/rev"), ==, 4);
  g_assert_cmpint (ib_test_json_int (first, "history/1/rev"), ==, 3);
  g_assert_cmpint (ib_test_json_int (first, "next_before"), ==, 3);
  second = history (f, f->ed, "action", ACTION, "?limit=2&before=3");
  g_assert_cmpint (ib_test_json_int (second, "history/0/rev"), ==, 2);
  g_assert_cmpint (ib_test_json_int (second, "history/1/rev"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (ib_test_json_node (second, "next_before")));

  {
    g_autoptr (IbTestResponse) bad = history (f, f->ed, "action", ACTION, "?limit=0");
    g_autoptr (IbTestResponse) worse = history (f, f->ed, "action", ACTION, "?before=x");
    g_autoptr (IbTestResponse) nowhere = history (f, f->ed, "action", "6f1c0000-0000-4000-8000-0000000000ff", NULL);

    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_cmpuint (worse->status, ==, 400);
    g_assert_cmpuint (nowhere->status, ==, 404);
  }
}

/* A public-only reader sees the revisions made while the record was visible to them, compared
 * with each other: what was written while it was Exempt never shows, not even as "from". */
static void
test_exempt_projection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (IbTestResponse) mine = NULL, theirs = NULL, hidden = NULL, absent = NULL;

  push_ok (f, f->ed, "{\"mid\":\"1\",\"op\":\"create\",\"type\":\"risk\",\"id\":\"" PUBLIC_RISK "\","
                     "\"set\":{\"ref\":\"R1\",\"title\":\"Sufficiency\",\"owner\":\"Director\"}}");
  push_ok (f, f->ed, "{\"mid\":\"2\",\"op\":\"create\",\"type\":\"risk\",\"id\":\"" SECRET_RISK "\",\"class\":\"exempt\","
                     "\"exempt_paragraph\":1,\"set\":{\"ref\":\"R2\",\"title\":\"CANARY-history\",\"owner\":\"Director\"}}");
  push_ok (f, f->ed, "{\"mid\":\"3\",\"op\":\"create\",\"type\":\"plan\",\"id\":\"" PLAN "\",\"set\":{\"title\":\"Plan A\"}}");
  push_ok (f, f->ed, "{\"mid\":\"4\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"" PLAN "\",\"base_rev\":1,"
                     "\"class\":\"exempt\",\"exempt_paragraph\":3,\"set\":{\"title\":\"CANARY-secret title\"}}");
  push_ok (f, f->ed, "{\"mid\":\"5\",\"op\":\"update\",\"type\":\"plan\",\"id\":\"" PLAN "\",\"base_rev\":2,"
                     "\"class\":\"public\",\"set\":{\"title\":\"Plan B\"}}");
  push_ok (f, f->ed, "{\"mid\":\"6\",\"op\":\"create\",\"type\":\"action\",\"id\":\"" ACTION "\",\"set\":"
                     "{\"plan\":\"" PLAN "\",\"ref\":\"1\",\"title\":\"Linked\",\"linked_risks\":[\"" PUBLIC_RISK "\"]}}");
  push_ok (f, f->ed, "{\"mid\":\"7\",\"op\":\"update\",\"type\":\"action\",\"id\":\"" ACTION "\",\"base_rev\":1,"
                     "\"set\":{\"linked_risks\":[\"" PUBLIC_RISK "\",\"" SECRET_RISK "\"]}}");

  mine = history (f, f->ed, "plan", PLAN, NULL);
  g_assert_cmpint (json_array_get_length (json_node_get_array (ib_test_json_node (mine, "history"))), ==, 3);
  g_assert_cmpstr (ib_test_json_string (mine, "history/1/to/title"), ==, "CANARY-secret title");
  g_assert_cmpstr (ib_test_json_string (mine, "history/1/to/class"), ==, "exempt");

  theirs = history (f, f->pub, "plan", PLAN, NULL);
  g_assert_cmpuint (theirs->status, ==, 200);
  g_assert_null (strstr (theirs->body, "CANARY"));
  g_assert_null (strstr (theirs->body, "\"class\""));
  g_assert_cmpint (json_array_get_length (json_node_get_array (ib_test_json_node (theirs, "history"))), ==, 2);
  g_assert_cmpstr (ib_test_json_string (theirs, "history/0/from/title"), ==, "Plan A");
  g_assert_cmpstr (ib_test_json_string (theirs, "history/0/to/title"), ==, "Plan B");

  /* A link to a record they cannot see is not in the history either. */
  {
    g_autoptr (IbTestResponse) links = history (f, f->pub, "action", ACTION, NULL);

    g_assert_null (strstr (links->body, SECRET_RISK));
    g_assert_nonnull (strstr (links->body, PUBLIC_RISK));
  }

  /* An Exempt record's history answers as an absent one. */
  hidden = history (f, f->pub, "risk", SECRET_RISK, NULL);
  absent = history (f, f->pub, "risk", "a9000000-0000-4000-8000-0000000000ff", NULL);
  g_assert_cmpuint (hidden->status, ==, 404);
  g_assert_cmpstr (hidden->body, ==, absent->body);
}


/* The server's schema as version 1 wrote it, with the data a council would have: the records
 * table still has "public_seen", revisions have no device. */
static const char server_v1[] =
  "PRAGMA application_id = 1229083478; PRAGMA user_version = 1;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
  "CREATE TABLE users (name TEXT PRIMARY KEY NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL,"
  "  clearance TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
  "CREATE TABLE tokens (hash TEXT PRIMARY KEY NOT NULL, user TEXT NOT NULL, device_id TEXT, device_name TEXT,"
  "  created_at INTEGER NOT NULL, last_used INTEGER NOT NULL, revoked_at INTEGER);"
  "CREATE TABLE records (id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, rev INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  class TEXT NOT NULL, exempt_paragraph INTEGER, eff_class TEXT NOT NULL, public_seen INTEGER NOT NULL DEFAULT 0,"
  "  parent_id TEXT, deleted INTEGER NOT NULL DEFAULT 0, fields TEXT NOT NULL, updated_at TEXT, updated_by TEXT);"
  "CREATE UNIQUE INDEX records_seq ON records (seq);"
  "CREATE TABLE revisions (id TEXT NOT NULL, rev INTEGER NOT NULL, type TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  class TEXT NOT NULL, deleted INTEGER NOT NULL, fields TEXT NOT NULL, changed TEXT NOT NULL, by TEXT,"
  "  at TEXT NOT NULL, mid TEXT, PRIMARY KEY (id, rev));"
  "CREATE TABLE idempotency (user TEXT NOT NULL, mid TEXT NOT NULL, body_hash TEXT NOT NULL, result TEXT NOT NULL,"
  "  record_id TEXT, created_at TEXT NOT NULL, PRIMARY KEY (user, mid));"
  "INSERT INTO meta VALUES ('epoch', 'e7f3a001'), ('created_at', '2022-05-03T10:00:00Z');"
  "INSERT INTO records VALUES ('" PLAN "', 'plan', 1, 1, 'public', NULL, 'public', 1, NULL, 0,"
  "  '{\"title\":\"Public plan\"}', '2022-05-03T10:00:00Z', 'ed');"
  "INSERT INTO records VALUES ('" PUBLIC_RISK "', 'risk', 2, 3, 'exempt', 2, 'exempt', 1, NULL, 0,"
  "  '{\"ref\":\"R1\",\"title\":\"Once public\",\"owner\":\"D\"}', '2022-05-03T10:00:00Z', 'ed');"
  "INSERT INTO records VALUES ('" SECRET_RISK "', 'risk', 1, 2, 'exempt', 1, 'exempt', 0, NULL, 0,"
  "  '{\"ref\":\"R2\",\"title\":\"Never public\",\"owner\":\"D\"}', '2022-05-03T10:00:00Z', 'ed');"
  "INSERT INTO revisions VALUES ('" PLAN "', 1, 'plan', 1, 'public', 0, '{\"title\":\"Public plan\"}', '[\"title\"]',"
  "  'ed', '2022-05-03T10:00:00Z', 'm1');";

static void
test_migrate_from_1 (void)
{
  g_autoptr (IbTestServer) srv = ib_test_server_new (FALSE);
  g_autofree char *pub = NULL;
  g_autoptr (IbTestResponse) feed = NULL, old_cursor = NULL, plan = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (srv->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, server_v1, NULL, NULL, &errmsg), ==, SQLITE_OK);
  sqlite3_close (db);

  ib_test_server_add_user (srv, "pub", "editor", "public");
  ib_test_server_start (srv);
  pub = ib_test_server_login (srv, "pub");

  /* The data is all there, the once-public record is revocable, the other never named. */
  feed = ib_test_request (srv, "GET", "/v1/changes", pub, NULL);
  g_assert_cmpuint (feed->status, ==, 200);
  g_assert_nonnull (strstr (feed->body, "Public plan"));
  g_assert_null (strstr (feed->body, SECRET_RISK));
  plan = history (&(Fixture) { .srv = srv }, pub, "plan", PLAN, NULL);
  g_assert_cmpstr (ib_test_json_string (plan, "history/0/kind"), ==, "created");

  /* A cursor from the older server is answered 410: the client syncs in full once. */
  old_cursor = ib_test_request (srv, "GET", "/v1/changes?cursor=c.e7f3a001.1.00000000", pub, NULL);
  g_assert_cmpuint (old_cursor->status, ==, 410);

  ib_test_server_stop (srv);
  g_assert_cmpint (sqlite3_open (srv->db_path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                             " (SELECT count (*) FROM pragma_table_info ('records') WHERE name = 'public_seen'),"
                                             " (SELECT count (*) FROM pragma_table_info ('revisions') WHERE name = 'device'),"
                                             " (SELECT count (*) FROM visibility WHERE id = '" PUBLIC_RISK "' AND eff_class = 'public'),"
                                             " (SELECT count (*) FROM visibility WHERE id = '" SECRET_RISK "' AND eff_class = 'public')",
                                     -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 0);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/history/who-what-when", test_who_what_when);
  ADD ("/history/exempt-projection", test_exempt_projection);
  g_test_add_func ("/server/migrate/from-1", test_migrate_from_1);

  return g_test_run ();
}
