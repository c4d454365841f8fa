/* test-pack-sync.c: an issued pack through the real server: every device opens the same pack
 * for ever, and a device without Exempt clearance never receives Part 2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ib-pack.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "ib-sync-engine.h"
#include "ib-test-server.h"
#include "ib-test-sync.h"
#include "ib-pack-fixture.h"

typedef struct
{
  IbStore      *store;
  IbSyncEngine *engine;
} Client;

typedef struct
{
  IbTestServer *srv;
  Client        author;   /* cleared for Exempt: builds the plan and issues the packs */
  Client        public;   /* a councillor's device: public clearance */
  Client        other;    /* another cleared device, opening the packs later */
} PackFixture;

static void
client_open (PackFixture *f,
             Client      *c,
             const char  *name,
             const char  *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->srv->port);
  g_autofree char *token = ib_test_server_login (f->srv, user);
  g_autofree char *path = g_build_filename (f->srv->dir, name, NULL);

  c->store = ib_store_open (path, &error);
  g_assert_no_error (error);
  ib_store_set_user (c->store, user);
  c->engine = ib_sync_engine_new (c->store, url);
  ib_sync_engine_set_token (c->engine, token);
}

static void
sync_ok (Client *c)
{
  g_autoptr (GError) error = ib_test_run_sync (c->engine);

  g_assert_no_error (error);
}

static void
pack_setup (PackFixture   *f,
            gconstpointer  data)
{
  f->srv = ib_test_server_new (FALSE);
  ib_test_server_add_user (f->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (f->srv, "cllr", "viewer", "public");
  ib_test_server_add_user (f->srv, "ana", "editor", "exempt");
  ib_test_server_start (f->srv);
  client_open (f, &f->author, "author.db", "ed");
  client_open (f, &f->public, "public.db", "cllr");
  client_open (f, &f->other, "other.db", "ana");
}

static void
pack_teardown (PackFixture   *f,
               gconstpointer  data)
{
  Client *clients[] = { &f->author, &f->public, &f->other };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_clear_object (&clients[i]->engine);
      g_clear_object (&clients[i]->store);
    }
  ib_test_server_free (f->srv);
}

static char *
document_text (IbStore    *store,
               const char *report_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_load (store, report_id, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_false (ib_pack_is_draft (pack));
  node = json_node_init_object (json_node_alloc (), ib_pack_get_document (pack));
  return json_to_string (node, FALSE);
}

static int
count (IbStore    *store,
       const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_same_pack_everywhere (PackFixture   *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autofree char *authored = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *later = NULL;
  g_autofree char *on_public = NULL;
  IbPackFixture ids = { 0 };

  ib_pack_fixture_build (f->author.store, &ids);
  g_assert_true (ib_pack_issue (f->author.store, ids.report1, "2022-01-10", &error));
  g_assert_true (ib_pack_issue (f->author.store, ids.report2, "2022-03-10", &error));
  g_assert_no_error (error);
  sync_ok (&f->author);
  g_assert_cmpuint (ib_store_sync_count (f->author.store, "pending") + ib_store_sync_count (f->author.store, "sent"), ==, 0);
  authored = document_text (f->author.store, ids.report2);

  /* Another cleared device opens exactly the pack that was issued, Part 2 and all. */
  sync_ok (&f->other);
  elsewhere = document_text (f->other.store, ids.report2);
  g_assert_cmpstr (elsewhere, ==, authored);
  g_assert_nonnull (strstr (elsewhere, CANARY_ACTION));

  /* The public device receives Part 1 alone: no exempt piece, no canary anywhere in its
   * database, and the pack opens with its placeholders. */
  sync_ok (&f->public);
  g_assert_cmpint (count (f->public.store, "SELECT count (*) FROM report_snapshot WHERE part = 'part2'"), ==, 0);
  g_assert_cmpint (count (f->public.store, "SELECT count (*) FROM report_snapshot WHERE part = 'part1'"), >, 0);
  g_assert_cmpint (count (f->public.store, "SELECT count (*) FROM report_snapshot WHERE content LIKE '%CANARY%'"), ==, 0);
  on_public = document_text (f->public.store, ids.report2);
  g_assert_null (strstr (on_public, "CANARY"));
  g_assert_nonnull (strstr (on_public, "\"exempt\":3"));
  g_assert_false (ib_pack_part2_allowed (f->public.store));

  /* Edits after the board change nothing in it, on any device. */
  action = ib_store_get (f->author.store, &ib_type_action, ids.action[1], &error);
  ib_record_set_string (action, "title", "Renamed after the board");
  g_assert_true (ib_store_update (f->author.store, action, &error));
  g_assert_no_error (error);
  sync_ok (&f->author);
  sync_ok (&f->other);
  g_clear_object (&action);
  action = ib_store_get (f->other.store, &ib_type_action, ids.action[1], &error);
  g_assert_cmpstr (ib_record_get_string (action, "title"), ==, "Renamed after the board");
  later = document_text (f->other.store, ids.report2);
  g_assert_cmpstr (later, ==, authored);

  /* And the issued pack itself cannot be edited on a device that received it. */
  report = ib_store_get (f->other.store, &ib_type_report, ids.report2, &error);
  ib_record_set_string (report, "executive_summary", "Rewritten later.");
  g_assert_false (ib_store_update (f->other.store, report, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);

  ib_pack_fixture_clear (&ids);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/pack/same-pack-everywhere", PackFixture, NULL, pack_setup, test_same_pack_everywhere,
              pack_teardown);

  return g_test_run ();
}
