/* test-sync.c: the client sync engine against the real server, with real SQLite stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ib-history.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "ib-sync-engine.h"
#include "ib-sync-service.h"
#include "ib-test-server.h"
#include "ib-test-sync.h"

typedef struct
{
  IbStore      *store;
  IbSyncEngine *engine;
  char         *path;
} Client;

typedef struct
{
  IbTestServer *srv;
  Client        a, b;
} Fixture;

static void
client_open (Fixture    *f,
             Client     *c,
             const char *name,
             const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->srv->port);
  g_autofree char *token = ib_test_server_login (f->srv, user);

  c->path = g_build_filename (f->srv->dir, name, NULL);
  c->store = ib_store_open (c->path, &error);
  g_assert_no_error (error);
  ib_store_set_user (c->store, user);
  c->engine = ib_sync_engine_new (c->store, url);
  ib_sync_engine_set_token (c->engine, token);
}

/* After a server restart (new port), points @c's engine at it with a fresh token. */
static void
client_reconnect (Fixture    *f,
                  Client     *c,
                  const char *user)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->srv->port);
  g_autofree char *token = ib_test_server_login (f->srv, user);

  g_clear_object (&c->engine);
  c->engine = ib_sync_engine_new (c->store, url);
  ib_sync_engine_set_token (c->engine, token);
}

static void
client_close (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->store);
  if (c->path != NULL)
    {
      g_autofree char *wal = g_strconcat (c->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (c->path, "-shm", NULL);

      g_remove (c->path);
      g_remove (wal);
      g_remove (shm);
    }
  g_clear_pointer (&c->path, g_free);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->srv = ib_test_server_new (data != NULL);
  ib_test_server_add_user (f->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (f->srv, "pub", "editor", "public");
  ib_test_server_add_user (f->srv, "view", "viewer", "public");
  ib_test_server_start (f->srv);
  client_open (f, &f->a, "a.db", "ed");
  client_open (f, &f->b, "b.db", "pub");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  client_close (&f->a);
  client_close (&f->b);
  ib_test_server_free (f->srv);
}

/* Runs one sync cycle to the end; returns its error, or NULL on success. */
static GError *
sync_now (Client *c)
{
  return ib_test_run_sync (c->engine);
}

static void
sync_ok (Client *c)
{
  g_autoptr (GError) error = sync_now (c);

  g_assert_no_error (error);
}

static IbRecord *
make_plan (Client     *c,
           const char *klass)
{
  g_autoptr (GError) error = NULL;
  IbRecord *plan = ib_record_new (&ib_type_plan);

  ib_record_set_string (plan, "title", "Improvement plan");
  ib_record_set_class (plan, klass);
  if (g_str_equal (klass, "exempt"))
    ib_record_set_exempt_paragraph (plan, 3);
  g_assert_true (ib_store_create (c->store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

static IbRecord *
make_action (Client   *c,
             IbRecord *plan)
{
  g_autoptr (GError) error = NULL;
  IbRecord *action = ib_record_new (&ib_type_action);

  ib_record_set_string (action, "plan", ib_record_get_id (plan));
  ib_record_set_string (action, "ref", "1");
  ib_record_set_string (action, "title", "Audit practice");
  ib_record_set_string (action, "status", "on_track");
  g_assert_true (ib_store_create (c->store, action, &error));
  g_assert_no_error (error);
  return action;
}

static IbRecord *
fetch (Client             *c,
       const IbRecordType *type,
       const char         *id)
{
  return ib_store_get (c->store, type, id, NULL);
}

static void
edit (Client     *c,
      IbRecord   *record,
      const char *field,
      const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) copy = fetch (c, ib_record_get_record_type (record), ib_record_get_id (record));

  g_assert_nonnull (copy);
  ib_record_set_string (copy, field, value);
  g_assert_true (ib_store_update (c->store, copy, &error));
  g_assert_no_error (error);
}

/* Tests */

static void
test_two_clients (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) seen = NULL, back = NULL;
  guint before;

  sync_ok (&f->a);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "pending"), ==, 0);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "sent"), ==, 0);
  back = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpint (ib_record_get_rev (back), ==, 1);

  sync_ok (&f->b);
  seen = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_nonnull (seen);
  g_assert_cmpstr (ib_record_get_string (seen, "title"), ==, "Audit practice");
  g_assert_cmpstr (ib_record_get_updated_by (seen), ==, "ed");
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "pending"), ==, 0); /* pulled rows are not edits */

  edit (&f->b, seen, "title", "Audit all practice");
  sync_ok (&f->b);
  sync_ok (&f->a);
  g_clear_object (&back);
  back = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpstr (ib_record_get_string (back, "title"), ==, "Audit all practice");

  /* A sync with nothing to do is one round trip (docs/sync-protocol.md §13.2). */
  before = ib_sync_engine_get_requests (f->a.engine);
  sync_ok (&f->a);
  g_assert_cmpuint (ib_sync_engine_get_requests (f->a.engine) - before, ==, 1);
}

static void
test_merge_and_conflict (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) on_a = NULL, on_b = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  JsonObject *c;

  sync_ok (&f->a);
  sync_ok (&f->b);

  /* Disjoint fields offline: both survive everywhere (fault scenario A2). */
  edit (&f->a, action, "title", "Title from A");
  edit (&f->b, action, "status", "at_risk");
  sync_ok (&f->a);
  sync_ok (&f->b);
  sync_ok (&f->a);
  on_a = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpstr (ib_record_get_string (on_a, "title"), ==, "Title from A");
  g_assert_cmpstr (ib_record_get_string (on_a, "status"), ==, "at_risk");
  g_assert_cmpstr (ib_record_get_string (on_b, "title"), ==, "Title from A");
  g_assert_cmpstr (ib_record_get_string (on_b, "status"), ==, "at_risk");
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "conflict"), ==, 0);

  /* The same field, different values: a conflict the second pusher sees, with both kept (A1). */
  edit (&f->a, action, "status", "complete");
  edit (&f->b, action, "status", "off_track");
  sync_ok (&f->a);
  sync_ok (&f->b);
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "conflict"), ==, 1);
  g_clear_object (&on_b);
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpstr (ib_record_get_string (on_b, "status"), ==, "off_track"); /* B's edit is not lost */

  conflicts = ib_store_sync_list_conflicts (f->b.store);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = conflicts->pdata[0];
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "mine"), "status"), ==, "off_track");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "theirs"), "status"), ==, "complete");
  g_assert_cmpstr (json_object_get_string_member (c, "author"), ==, "pub");

  /* The conflict travels as a record: A learns of it too, and it never blocks A's sync. */
  sync_ok (&f->a);
  {
    g_autoptr (GPtrArray) on_a_list = ib_store_sync_list_conflicts (f->a.store);
    g_assert_cmpuint (on_a_list->len, ==, 1);
  }

  /* B decides "Use mine": queued, shown at once, and it converges everywhere. */
  {
    g_autoptr (JsonObject) use_mine = json_object_new ();
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) after = NULL;
    g_autoptr (IbRecord) final_a = NULL, final_b = NULL;

    json_object_set_string_member (use_mine, "status", "off_track");
    g_assert_true (ib_store_sync_resolve (f->b.store, json_object_get_string_member (c, "conflict_id"), use_mine, &error));
    g_assert_no_error (error);
    after = ib_store_sync_list_conflicts (f->b.store);
    g_assert_cmpuint (after->len, ==, 0);

    sync_ok (&f->b);
    g_assert_cmpuint (ib_store_sync_count (f->b.store, "conflict"), ==, 0);
    g_assert_cmpuint (ib_store_sync_count (f->b.store, "pending") + ib_store_sync_count (f->b.store, "sent"), ==, 0);
    sync_ok (&f->a);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = ib_store_sync_list_conflicts (f->a.store);
    g_assert_cmpuint (after->len, ==, 0);

    final_a = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
    final_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
    g_assert_cmpstr (ib_record_get_string (final_a, "status"), ==, "off_track");
    g_assert_cmpstr (ib_record_get_string (final_b, "status"), ==, "off_track");
    g_assert_cmpint (ib_record_get_rev (final_a), ==, ib_record_get_rev (final_b));
  }
}

static void
on_remote_changed (IbStore    *store,
                   const char *type,
                   const char *id,
                   const char *by,
                   char      **out)
{
  g_free (*out);
  *out = g_strdup (by);
}

static void
test_rebase_keeps_local_edit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) on_b = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) page = json_array_new ();
  g_autoptr (JsonObject) entry = NULL;
  g_autofree char *remote_by = NULL;
  JsonObject *fields;

  edit (&f->a, action, "description", "What the action is for");
  sync_ok (&f->a);
  sync_ok (&f->b);
  edit (&f->b, action, "title", "B's title, not yet sent");
  /* A field emptied here is absent from the record, yet named by the edit waiting to go. */
  edit (&f->b, action, "description", NULL);

  /* A page carrying someone else's newer revision arrives first (fault scenario A9); an open
   * editor hears of it by name (A10), while the local edit stays in the record. */
  g_signal_connect (f->b.store, "remote-changed", G_CALLBACK (on_remote_changed), &remote_by);
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  entry = json_object_new ();
  json_object_set_string_member (entry, "type", "action");
  json_object_set_string_member (entry, "id", ib_record_get_id (action));
  json_object_set_int_member (entry, "rev", 2);
  json_object_set_int_member (entry, "seq", 99);
  json_object_set_string_member (entry, "class", "public");
  json_object_set_string_member (entry, "updated_by", "director");
  fields = json_object_new ();
  json_object_set_string_member (fields, "plan", ib_record_get_id (plan));
  json_object_set_string_member (fields, "ref", "1");
  json_object_set_string_member (fields, "title", "Server title");
  json_object_set_string_member (fields, "status", "at_risk");
  json_object_set_string_member (fields, "description", "Server description");
  json_object_set_object_member (entry, "fields", fields);
  json_array_add_object_element (page, json_object_ref (entry));
  g_assert_true (ib_store_sync_apply_page (f->b.store, page, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&on_b);
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpstr (ib_record_get_string (on_b, "title"), ==, "B's title, not yet sent");
  g_assert_cmpstr (ib_record_get_string (on_b, "status"), ==, "at_risk");
  g_assert_null (ib_record_get_string (on_b, "description"));
  g_assert_cmpint (ib_record_get_rev (on_b), ==, 2);
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "pending"), ==, 1);
  g_assert_cmpstr (remote_by, ==, "director");

  /* A local edit is not "remote". */
  g_clear_pointer (&remote_by, g_free);
  edit (&f->b, action, "status", "complete");
  g_assert_null (remote_by);
  g_signal_handlers_disconnect_by_data (f->b.store, &remote_by);
}

static void
test_unauthorized_keeps_outbox (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (GError) error = NULL;
  guint before = ib_sync_engine_get_requests (f->a.engine);

  ib_sync_engine_set_token (f->a.engine, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  error = sync_now (&f->a);
  g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED);
  /* One request, no retry loop (fault scenario F1); the mutation waits, resendable. */
  g_assert_cmpuint (ib_sync_engine_get_requests (f->a.engine) - before, ==, 1);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "sent") + ib_store_sync_count (f->a.store, "pending"), ==, 1);
}

static void
test_viewer_keeps_pulling (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) mine = NULL, theirs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = ib_test_server_login (f->srv, "view");

  sync_ok (&f->a);
  ib_sync_engine_set_token (f->b.engine, token);
  mine = make_plan (&f->b, "public");

  error = sync_now (&f->b);
  g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_FORBIDDEN);
  theirs = fetch (&f->b, &ib_type_plan, ib_record_get_id (plan));
  g_assert_nonnull (theirs); /* 403 stops pushing, not pulling */
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "sent"), ==, 1); /* kept */
}

static void
test_revoked_is_purged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) gone = NULL, raised = NULL;
  g_autoptr (GError) error = NULL;

  sync_ok (&f->a);
  sync_ok (&f->b);
  g_assert_nonnull (fetch (&f->b, &ib_type_action, ib_record_get_id (action)));
  edit (&f->b, action, "title", "Edited while it was raised");

  /* A cleared editor raises the plan to Exempt (fault scenario F7). */
  raised = fetch (&f->a, &ib_type_plan, ib_record_get_id (plan));
  ib_record_set_class (raised, "exempt");
  ib_record_set_exempt_paragraph (raised, 1);
  g_assert_true (ib_store_update (f->a.store, raised, &error));
  sync_ok (&f->a);

  sync_ok (&f->b);
  g_assert_null (fetch (&f->b, &ib_type_plan, ib_record_get_id (plan)));
  gone = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_null (gone);
  /* The pending edit came back not_found and is kept in the Rejected list. */
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "rejected"), ==, 1);
}

static void
test_dangling_reference_from_server (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) meeting = ib_record_new (&ib_type_meeting);
  g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
  g_autoptr (IbRecord) seen = NULL;

  /* A public statement names an Exempt meeting: a public-only client can never have it. */
  ib_record_set_string (meeting, "kind", "improvement_board");
  ib_record_set_string (meeting, "held_on", "2026-10-01");
  ib_record_set_string (meeting, "title", "Improvement Board");
  ib_record_set_class (meeting, "exempt");
  ib_record_set_exempt_paragraph (meeting, 3);
  g_assert_true (ib_store_create (f->a.store, meeting, &error));
  ib_record_set_string (statement, "action", ib_record_get_id (action));
  ib_record_set_string (statement, "as_at", "2026-10-02");
  ib_record_set_string (statement, "narrative", "Discussed at the board");
  ib_record_set_string (statement, "meeting", ib_record_get_id (meeting));
  g_assert_true (ib_store_create (f->a.store, statement, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);

  sync_ok (&f->b);
  seen = fetch (&f->b, &ib_type_position_statement, ib_record_get_id (statement));
  g_assert_nonnull (seen);
  g_assert_null (fetch (&f->b, &ib_type_meeting, ib_record_get_id (meeting)));
}

static void
test_resend_after_lost_reply (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr (IbRecord) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;

  f->srv = ib_test_server_new (TRUE);
  ib_test_server_add_user (f->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (f->srv, "pub", "editor", "public");
  ib_test_server_start (f->srv);
  client_open (f, &f->a, "a.db", "ed");
  client_open (f, &f->b, "b.db", "pub");
  ib_test_server_stop (f->srv);

  /* The server commits the push and dies before answering (fault scenario B2/C2). */
  g_strfreev (f->srv->env);
  f->srv->env = g_strdupv ((char *[]) { (char *) "REFSERVER_FAULT=push.after_commit:nth=1", NULL });
  ib_test_server_start (f->srv);
  client_reconnect (f, &f->a, "ed");
  plan = make_plan (&f->a, "public");
  error = sync_now (&f->a);
  g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpint (ib_test_server_wait_dead (f->srv), ==, 137);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "sent"), ==, 1);

  g_strfreev (f->srv->env);
  f->srv->env = g_new0 (char *, 1);
  ib_test_server_start (f->srv);
  client_reconnect (f, &f->a, "ed");
  sync_ok (&f->a);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "sent"), ==, 0);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "pending"), ==, 0);

  /* Exactly one plan on the server, at rev 1. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/records/plan/%s", ib_record_get_id (plan));
    g_autofree char *token = ib_test_server_login (f->srv, "ed");
    g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", path, token, NULL);
    g_autoptr (IbTestResponse) feed = ib_test_request (f->srv, "GET", "/v1/changes", token, NULL);

    g_assert_cmpint (ib_test_json_int (r, "rev"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (ib_test_json_node (feed, "changes"))), ==, 1);
  }

  fixture_teardown (f, NULL);
}

static void
test_full_resync_keeps_pending (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) later = NULL;
  g_autofree char *out = NULL;

  sync_ok (&f->a);
  later = make_plan (&f->a, "public");

  /* The server is restored from a backup: a new epoch, so cursors get 410 (fault scenario B6). */
  ib_test_server_stop (f->srv);
  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, &out, "--new-epoch", NULL), ==, 0);
  ib_test_server_start (f->srv);
  client_reconnect (f, &f->a, "ed");

  sync_ok (&f->a);
  g_assert_nonnull (fetch (&f->a, &ib_type_plan, ib_record_get_id (plan)));
  g_assert_nonnull (fetch (&f->a, &ib_type_plan, ib_record_get_id (later)));
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "pending"), ==, 0);
}

/* Fault scenario B6: the server is restored from a backup that predates a record this client
 * synced. The record is not deleted: it is set aside for review, and can be sent again. */
static void
test_restore_quarantines (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->srv->dir, "backup.db", NULL);
  g_autofree char *out = NULL, *bytes = NULL;
  g_autoptr (IbRecord) kept = make_plan (&f->a, "public");
  g_autoptr (IbRecord) lost = NULL;
  g_autoptr (GPtrArray) quarantined = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  sync_ok (&f->a);
  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, &out, "--backup", backup, NULL), ==, 0);

  lost = make_plan (&f->a, "public");
  sync_ok (&f->a);

  /* Restore: stop, copy the backup over the database, new epoch, start. */
  ib_test_server_stop (f->srv);
  g_assert_true (g_file_get_contents (backup, &bytes, &length, NULL));
  {
    g_autofree char *wal = g_strconcat (f->srv->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->srv->db_path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_assert_true (g_file_set_contents (f->srv->db_path, bytes, (gssize) length, NULL));
  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, NULL, "--new-epoch", NULL), ==, 0);
  ib_test_server_start (f->srv);
  client_reconnect (f, &f->a, "ed");

  sync_ok (&f->a);
  g_assert_nonnull (fetch (&f->a, &ib_type_plan, ib_record_get_id (kept)));
  g_assert_nonnull (fetch (&f->a, &ib_type_plan, ib_record_get_id (lost))); /* not deleted */
  quarantined = ib_store_sync_list_quarantine (f->a.store);
  g_assert_cmpuint (quarantined->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (quarantined->pdata[0], "id"), ==, ib_record_get_id (lost));

  /* The person sends it again: the server has it back, and another client sees it. */
  g_assert_true (ib_store_sync_release_quarantine (f->a.store, &ib_type_plan, ib_record_get_id (lost), TRUE, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  client_reconnect (f, &f->b, "pub");
  sync_ok (&f->b);
  g_assert_nonnull (fetch (&f->b, &ib_type_plan, ib_record_get_id (lost)));
  g_clear_pointer (&quarantined, g_ptr_array_unref);
  quarantined = ib_store_sync_list_quarantine (f->a.store);
  g_assert_cmpuint (quarantined->len, ==, 0);
}

/* Fault scenario D11: a server with a certificate nobody vouches for is refused, never used. */
static void
test_untrusted_tls_refused (void)
{
  IbTestServer *srv = ib_test_server_new (FALSE);
  g_autofree char *cert = g_build_filename (srv->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (srv->dir, "key.pem", NULL);
  g_autofree char *url = NULL, *db_path = NULL;
  g_autoptr (GSubprocess) openssl = NULL;
  g_autoptr (GError) error = NULL, sync_error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbSyncEngine) engine = NULL;
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                              "-days", "1", "-keyout", key, "-out", cert, NULL);
  if (openssl == NULL || !g_subprocess_wait_check (openssl, NULL, NULL))
    {
      g_test_skip ("openssl is not available to make a test certificate");
      ib_test_server_free (srv);
      return;
    }

  ib_test_server_add_user (srv, "ed", "editor", "exempt");
  g_strfreev (srv->args);
  srv->args = g_strdupv ((char *[]) { (char *) "--tls-cert", cert, (char *) "--tls-key", key, NULL });
  ib_test_server_start (srv);

  db_path = g_build_filename (srv->dir, "client.db", NULL);
  store = ib_store_open (db_path, &error);
  g_assert_no_error (error);
  ib_record_set_string (plan, "title", "Must not leave");
  g_assert_true (ib_store_create (store, plan, &error));

  url = g_strdup_printf ("https://127.0.0.1:%u", srv->port);
  engine = ib_sync_engine_new (store, url);
  ib_sync_engine_set_token (engine, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  sync_error = ib_test_run_sync (engine);
  g_assert_error (sync_error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE);
  g_test_message ("refused: %s", sync_error->message);
  g_assert_cmpuint (ib_store_sync_count (store, "sent"), ==, 1); /* kept, unknown, never trusted */

  {
    g_autofree char *log = NULL;

    ib_test_server_stop (srv);
    g_assert_true (g_file_get_contents (srv->log_path, &log, NULL, NULL));
    g_assert_null (strstr (log, "\"path\":\"/v1/push\""));
  }

  g_clear_object (&engine);
  g_clear_object (&store);
  ib_test_server_free (srv);
}

static void
test_sign_in_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray *out = user_data;
  GError *error = NULL;
  char *token = ib_sync_engine_sign_in_finish (IB_SYNC_ENGINE (source), result, &error);

  g_ptr_array_add (out, token);
  g_ptr_array_add (out, error);
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  GError *error;
  char *token;

  /* One at a time: their replies could otherwise arrive in either order. */
  ib_sync_engine_sign_in_async (f->a.engine, "ed", "password-ed", "Laptop", NULL, test_sign_in_done, out);
  while (out->len < 2)
    g_main_context_iteration (NULL, TRUE);
  ib_sync_engine_sign_in_async (f->a.engine, "ed", "wrong-password", "Laptop", NULL, test_sign_in_done, out);
  while (out->len < 4)
    g_main_context_iteration (NULL, TRUE);

  token = out->pdata[0];
  g_assert_no_error (out->pdata[1]);
  g_assert_cmpuint (strlen (token), ==, 43);
  g_free (token);

  error = out->pdata[3];
  g_assert_null (out->pdata[2]);
  g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED);
  g_error_free (error);
}

static void
on_service_signed_in (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GError **error = user_data;

  ib_sync_service_sign_in_finish (IB_SYNC_SERVICE (source), result, error);
  g_object_set_data (source, "signed-in", GINT_TO_POINTER (1));
}

static gboolean
wait_for_state (IbSyncService *service,
                IbSyncState    state)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ib_sync_service_get_state (service) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  return ib_sync_service_get_state (service) == state;
}

static void
on_received_cb (IbSyncService *service,
                GParamSpec    *pspec,
                guint         *most)
{
  *most = MAX (*most, ib_sync_service_get_received (service));
}

static void
test_service_states (Fixture       *f,
                     gconstpointer  data)
{
  guint most_received = 0;
  g_autoptr (IbSyncService) service = ib_sync_service_new (f->b.store);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", f->srv->port);
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) mine = NULL;
  g_autoptr (GError) error = NULL, bad = NULL;
  g_autofree char *saved = NULL;

  sync_ok (&f->a);
  g_assert_cmpint (ib_sync_service_get_state (service), ==, IB_SYNC_STATE_SIGNED_OUT);

  /* Plain HTTP to anything but loopback is refused before a byte is sent. */
  ib_sync_service_sign_in_async (service, "http://board.example.org", "pub", "password-pub", NULL,
                                 on_service_signed_in, &bad);
  while (g_object_get_data (G_OBJECT (service), "signed-in") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (bad, IB_SYNC_ERROR, IB_SYNC_ERROR_INSECURE_URL);
  g_object_set_data (G_OBJECT (service), "signed-in", NULL);

  g_signal_connect (service, "notify::received", G_CALLBACK (on_received_cb), &most_received);
  ib_sync_service_sign_in_async (service, url, "pub", "password-pub", NULL, on_service_signed_in, &error);
  while (g_object_get_data (G_OBJECT (service), "signed-in") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_true (wait_for_state (service, IB_SYNC_STATE_SYNCED));
  /* The first sync reported its progress, and went back to 0 when done. */
  g_assert_cmpuint (most_received, >=, 1);
  g_assert_cmpuint (ib_sync_service_get_received (service), ==, 0);
  g_assert_nonnull (fetch (&f->b, &ib_type_plan, ib_record_get_id (plan)));
  g_assert_cmpstr (ib_sync_service_get_user (service), ==, "pub");

  /* The server and user are remembered in the database; the token is not (docs/sync-protocol.md
   * §13.1). */
  saved = ib_store_sync_get_value (f->b.store, "server");
  {
    g_autofree char *expected = g_strndup (url, strlen (url) - 1); /* normalised: no trailing slash */
    g_assert_cmpstr (saved, ==, expected);
  }

  mine = make_plan (&f->b, "public");
  g_assert_true (wait_for_state (service, IB_SYNC_STATE_PENDING));
  g_assert_cmpuint (ib_sync_service_get_pending (service), ==, 1);
  ib_sync_service_sync_now (service);
  g_assert_true (wait_for_state (service, IB_SYNC_STATE_SYNCED));
  g_assert_cmpuint (ib_sync_service_get_pending (service), ==, 0);

  /* The server goes away: offline, with the edit kept. */
  ib_test_server_stop (f->srv);
  g_clear_object (&mine);
  mine = make_plan (&f->b, "public");
  ib_sync_service_sync_now (service);
  g_assert_true (wait_for_state (service, IB_SYNC_STATE_OFFLINE));
  g_assert_cmpuint (ib_sync_service_get_pending (service), ==, 1);
  g_assert_nonnull (ib_sync_service_get_message (service));

  ib_sync_service_sign_out (service);
  g_assert_cmpint (ib_sync_service_get_state (service), ==, IB_SYNC_STATE_SIGNED_OUT);
}

static void
test_service_viewer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (IbSyncService) service = ib_sync_service_new (f->b.store);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->srv->port);
  g_autoptr (GError) error = NULL;

  ib_sync_service_start (service);
  g_assert_true (ib_sync_service_get_can_edit (service)); /* signed out: a local plan */

  ib_sync_service_sign_in_async (service, url, "view", "password-view", NULL, on_service_signed_in, &error);
  while (g_object_get_data (G_OBJECT (service), "signed-in") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_true (wait_for_state (service, IB_SYNC_STATE_SYNCED));
  g_assert_false (ib_sync_service_get_can_edit (service));
}


/* Issue 17: an edit that makes a record Exempt and loses a race keeps its class as part of
 * what it wanted; the conflict is Exempt (a public-only client never holds it), and "Use mine"
 * applies the class as well as the title. */
static void
test_conflict_keeps_class (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) secret = NULL, on_b = NULL;
  g_autoptr (GPtrArray) conflicts = NULL, on_b_conflicts = NULL;
  g_autoptr (GError) error = NULL;
  Client c = { 0 };
  JsonObject *mine;

  client_open (f, &c, "c.db", "ed");
  sync_ok (&f->a);
  sync_ok (&f->b);
  sync_ok (&c);

  edit (&c, action, "title", "A title for everyone");
  sync_ok (&c);

  secret = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
  ib_record_set_string (secret, "title", "About a named child");
  ib_record_set_class (secret, "exempt");
  ib_record_set_exempt_paragraph (secret, 2);
  g_assert_true (ib_store_update (f->a.store, secret, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "conflict"), ==, 1);

  conflicts = ib_store_sync_list_conflicts (f->a.store);
  g_assert_cmpuint (conflicts->len, ==, 1);
  mine = json_object_get_object_member (conflicts->pdata[0], "mine");
  g_assert_cmpstr (json_object_get_string_member (mine, "title"), ==, "About a named child");
  g_assert_cmpstr (json_object_get_string_member (mine, "class"), ==, "exempt");
  g_assert_cmpint (json_object_get_int_member (mine, "exempt_paragraph"), ==, 2);

  /* The public-only client sees the public title and no conflict. */
  sync_ok (&f->b);
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_cmpstr (ib_record_get_string (on_b, "title"), ==, "A title for everyone");
  on_b_conflicts = ib_store_sync_list_conflicts (f->b.store);
  g_assert_cmpuint (on_b_conflicts->len, ==, 0);

  /* "Use mine": the title and the class. */
  g_assert_true (ib_store_sync_resolve (f->a.store, json_object_get_string_member (conflicts->pdata[0], "conflict_id"),
                                        mine, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "conflict"), ==, 0);
  {
    g_autoptr (IbRecord) final = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
    g_autofree char *path = g_strdup_printf ("/v1/records/action/%s", ib_record_get_id (action));
    g_autofree char *token = ib_test_server_login (f->srv, "ed");
    g_autoptr (IbTestResponse) r = ib_test_request (f->srv, "GET", path, token, NULL);

    g_assert_cmpstr (ib_record_get_string (final, "title"), ==, "About a named child");
    g_assert_cmpstr (ib_record_get_class (final), ==, "exempt");
    g_assert_cmpstr (ib_test_json_string (r, "class"), ==, "exempt");
    g_assert_cmpint (ib_test_json_int (r, "exempt_paragraph"), ==, 2);
    g_assert_cmpstr (ib_test_json_string (r, "fields/title"), ==, "About a named child");
  }

  /* And the public-only client no longer has it at all. */
  sync_ok (&f->b);
  g_clear_object (&on_b);
  on_b = fetch (&f->b, &ib_type_action, ib_record_get_id (action));
  g_assert_null (on_b);
  client_close (&c);
}

/* Issue 17: a public-only user's delete of a plan leaves its Exempt action alive; the cleared
 * user is told, and decides. */
static void
test_delete_keeps_hidden_children (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) open_action = make_action (&f->a, plan);
  g_autoptr (IbRecord) hidden = ib_record_new (&ib_type_action);
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) kept = NULL, gone = NULL;

  ib_record_set_string (hidden, "plan", ib_record_get_id (plan));
  ib_record_set_string (hidden, "ref", "2");
  ib_record_set_string (hidden, "title", "Placement of a named child");
  ib_record_set_class (hidden, "exempt");
  ib_record_set_exempt_paragraph (hidden, 1);
  g_assert_true (ib_store_create (f->a.store, hidden, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  sync_ok (&f->b);

  g_assert_true (ib_store_delete (f->b.store, &ib_type_plan, ib_record_get_id (plan), &error));
  g_assert_no_error (error);
  sync_ok (&f->b);
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "rejected") + ib_store_sync_count (f->b.store, "conflict"), ==, 0);

  sync_ok (&f->a);
  gone = fetch (&f->a, &ib_type_action, ib_record_get_id (open_action));
  g_assert_null (gone);
  kept = fetch (&f->a, &ib_type_action, ib_record_get_id (hidden));
  g_assert_nonnull (kept);
  conflicts = ib_store_sync_list_conflicts (f->a.store);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (conflicts->pdata[0], "reason"), ==, "hidden_children");
  g_assert_cmpint (json_object_get_int_member (conflicts->pdata[0], "kept"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (conflicts->pdata[0], "id"), ==, ib_record_get_id (plan));

  /* Deleting the rest takes the kept action too. */
  g_assert_true (ib_store_sync_resolve_kept (f->a.store, json_object_get_string_member (conflicts->pdata[0], "conflict_id"),
                                             TRUE, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  sync_ok (&f->a);
  g_clear_object (&kept);
  kept = fetch (&f->a, &ib_type_action, ib_record_get_id (hidden));
  g_assert_null (kept);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = ib_store_sync_list_conflicts (f->a.store);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "pending") + ib_store_sync_count (f->a.store, "rejected"), ==, 0);
}

/* Issue 17: a conflict that becomes Exempt is revoked from a public-only client; the edit it
 * held back goes to the Rejected list, its values readable, instead of blocking forever. */
static void
test_revoked_conflict_releases_edit (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (IbRecord) secret = NULL;
  g_autoptr (GPtrArray) rejected = NULL;
  g_autoptr (GError) error = NULL;

  sync_ok (&f->a);
  sync_ok (&f->b);
  edit (&f->a, action, "title", "Ed's title");
  edit (&f->b, action, "title", "Pub's title");
  sync_ok (&f->a);
  sync_ok (&f->b);
  g_assert_cmpuint (ib_store_sync_count (f->b.store, "conflict"), ==, 1);

  sync_ok (&f->a);
  secret = fetch (&f->a, &ib_type_action, ib_record_get_id (action));
  ib_record_set_class (secret, "exempt");
  ib_record_set_exempt_paragraph (secret, 4);
  g_assert_true (ib_store_update (f->a.store, secret, &error));
  g_assert_no_error (error);
  sync_ok (&f->a);
  sync_ok (&f->b);

  g_assert_cmpuint (ib_store_sync_count (f->b.store, "conflict"), ==, 0);
  rejected = ib_store_sync_list_rejected (f->b.store);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (rejected->pdata[0], "set"), "title"),
                   ==, "Pub's title");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (rejected->pdata[0], "reason"), "not_found"));
}

static void
on_history_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  ib_sync_engine_fetch_history_finish (IB_SYNC_ENGINE (source), result, error);
  g_object_set_data (source, "history-done", GINT_TO_POINTER (1));
}

static GError *
fetch_history (Client     *c,
               const char *type,
               const char *id)
{
  GError *error = NULL;

  g_object_set_data (G_OBJECT (c->engine), "history-done", NULL);
  ib_sync_engine_fetch_history_async (c->engine, type, id, NULL, on_history_cb, &error);
  while (g_object_get_data (G_OBJECT (c->engine), "history-done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

/* Issue 22: a change made on one device shows in another's History with who and when, kept
 * for reading offline; an edit not yet sent is shown first, marked. */
static void
test_history_fetched_and_kept (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (IbRecord) plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) action = make_action (&f->a, plan);
  g_autoptr (GPtrArray) on_a = NULL, on_b = NULL, offline = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *e;

  edit (&f->a, action, "due_on", "2023-03-31");
  sync_ok (&f->a);
  edit (&f->a, action, "due_on", "2023-06-30");

  /* Not sent yet: it is history here already. */
  on_a = ib_store_history_list (f->a.store, "action", ib_record_get_id (action));
  g_assert_cmpuint (on_a->len, ==, 1);
  g_assert_true (json_object_get_boolean_member (on_a->pdata[0], "pending"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (on_a->pdata[0], "to"), "due_on"),
                   ==, "2023-06-30");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (on_a->pdata[0], "from"), "due_on"),
                   ==, "2023-03-31");

  sync_ok (&f->a);
  sync_ok (&f->b);
  error = fetch_history (&f->b, "action", ib_record_get_id (action));
  g_assert_no_error (error);
  on_b = ib_store_history_list (f->b.store, "action", ib_record_get_id (action));
  g_assert_cmpuint (on_b->len, ==, 2);
  e = on_b->pdata[0];
  g_assert_false (json_object_get_boolean_member_with_default (e, "pending", FALSE));
  g_assert_cmpstr (json_object_get_string_member (e, "by"), ==, "ed");
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "from"), "due_on"), ==, "2023-03-31");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "to"), "due_on"), ==, "2023-06-30");
  g_assert_nonnull (json_object_get_string_member (e, "at"));
  g_assert_cmpstr (json_object_get_string_member (on_b->pdata[1], "kind"), ==, "created");

  /* The server gone: what was fetched still reads. */
  g_assert_cmpint (ib_test_server_stop (f->srv), ==, 0);
  offline = ib_store_history_list (f->b.store, "action", ib_record_get_id (action));
  g_assert_cmpuint (offline->len, ==, 2);
}

/* Returns TRUE when @text occurs anywhere in @length bytes of a file (NULs included). */
static gboolean
holds (const char *bytes,
       gsize       length,
       const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (bytes + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* Fault scenario F10: a person's clearance is lowered. Their next sync (after signing in
 * again) is a full resync, and the device keeps nothing Exempt: not the record, not its
 * children, not an edit waiting to be sent, not the bytes in the database file. */
static void
test_clearance_lowered_purges (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (IbRecord) secret = make_plan (&f->a, "exempt");
  g_autoptr (IbRecord) open_plan = make_plan (&f->a, "public");
  g_autoptr (IbRecord) child = make_action (&f->a, secret);
  g_autoptr (IbRecord) kept = NULL, gone = NULL, gone_child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  edit (&f->a, secret, "title", "CANARY-F10 about a named child");
  sync_ok (&f->a);
  edit (&f->a, child, "title", "CANARY-F10 waiting to be sent");
  /* Into the database file itself, as a device that has been in use a while has it. */
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (_ib_store_get_db (f->a.store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL),
                   ==, SQLITE_OK);
  {
    g_autofree char *before = NULL;

    g_assert_true (g_file_get_contents (f->a.path, &before, &length, NULL));
    g_assert_true (holds (before, length, "CANARY-F10"));
  }

  g_assert_cmpint (ib_test_server_admin (f->srv, NULL, NULL, "--update-user", "ed", "--role", "editor",
                                         "--clearance", "public", NULL), ==, 0);
  /* Their devices must sign in again; the first sync after that is a full resync. */
  error = sync_now (&f->a);
  g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  client_reconnect (f, &f->a, "ed");
  sync_ok (&f->a);

  gone = fetch (&f->a, &ib_type_plan, ib_record_get_id (secret));
  gone_child = fetch (&f->a, &ib_type_action, ib_record_get_id (child));
  kept = fetch (&f->a, &ib_type_plan, ib_record_get_id (open_plan));
  g_assert_null (gone);
  g_assert_null (gone_child);
  g_assert_nonnull (kept);
  g_assert_cmpuint (ib_store_sync_count (f->a.store, "pending") + ib_store_sync_count (f->a.store, "rejected"), ==, 0);

  g_clear_object (&f->a.engine);
  g_clear_object (&f->a.store);
  g_assert_true (g_file_get_contents (f->a.path, &bytes, &length, NULL));
  g_assert_false (holds (bytes, length, "CANARY-F10"));
  {
    g_autofree char *wal = g_strconcat (f->a.path, "-wal", NULL);
    g_autofree char *wal_bytes = NULL;

    if (g_file_get_contents (wal, &wal_bytes, &length, NULL))
      g_assert_false (holds (wal_bytes, length, "CANARY-F10"));
  }
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/sync/engine/two-clients", test_two_clients);
  ADD ("/sync/engine/merge-and-conflict", test_merge_and_conflict);
  ADD ("/sync/engine/rebase", test_rebase_keeps_local_edit);
  ADD ("/sync/engine/unauthorized", test_unauthorized_keeps_outbox);
  ADD ("/sync/engine/viewer", test_viewer_keeps_pulling);
  ADD ("/sync/engine/revoked", test_revoked_is_purged);
  ADD ("/sync/engine/dangling-reference", test_dangling_reference_from_server);
  ADD ("/sync/engine/full-resync", test_full_resync_keeps_pending);
  ADD ("/sync/engine/restore-quarantines", test_restore_quarantines);
  ADD ("/sync/engine/sign-in", test_sign_in);
  ADD ("/sync/engine/conflict-keeps-class", test_conflict_keeps_class);
  ADD ("/sync/engine/delete-keeps-hidden-children", test_delete_keeps_hidden_children);
  ADD ("/sync/engine/revoked-conflict-releases-edit", test_revoked_conflict_releases_edit);
  ADD ("/sync/engine/history", test_history_fetched_and_kept);
  ADD ("/sync/engine/clearance-lowered-purges", test_clearance_lowered_purges);
  ADD ("/sync/service/states", test_service_states);
  ADD ("/sync/service/viewer", test_service_viewer);
  g_test_add_func ("/sync/engine/untrusted-tls", test_untrusted_tls_refused);
  if (g_getenv ("IB_SERVER_FAULTS_BINARY") != NULL)
    g_test_add_func ("/sync/engine/resend-after-lost-reply", test_resend_after_lost_reply);

  return g_test_run ();
}
