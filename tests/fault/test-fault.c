/* test-fault.c: the fault scenarios (docs/sync-protocol.md §15) against the real server
 * binary, through the fault proxy, with real client engines on their own SQLite files, and a
 * checker run after every scenario.
 *
 * Each scenario ends the same way: clear the faults, bring the server back, sync every
 * client until nothing is left to send (at most 50 cycles, itself an assertion), then check:
 *   I1 no lost edit      every edit the history saw committed is on the server (in some
 *                        revision), in a conflict record, in its author's Rejected list, or
 *                        was overwritten by the same author before it was ever sent;
 *   I2 no duplicates     one live measurement per (indicator, period); one replay row per
 *                        distinct mid the proxy saw pushed;
 *   I3 convergence       every client's rows equal the server's at the same rev;
 *   I6 durability        PRAGMA integrity_check is ok everywhere;
 *   I7 confidentiality   no body sent to a public-only token holds the canary.
 * Randomised scenarios print their seed; SYNC_TEST_SEED replays one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "ib-fault-proxy.h"
#include "ib-mutation.h"
#include "ib-store-sync.h"
#include "ib-sync-engine.h"
#include "ib-test-server.h"
#include "ib-test-sync.h"

#define CANARY "CANARY-exempt-4d1e"
#define MAX_QUIESCE_CYCLES 50

typedef struct
{
  char         *name;
  char         *user;
  char         *path;
  char         *token;
  IbStore      *store;
  IbSyncEngine *engine;
  guint         generation;  /* completed sync attempts: edits in one generation coalesce */
} Client;

typedef struct
{
  char  *client;
  guint  generation;
  char  *type;
  char  *id;
  char  *field;
  char  *value;
} Edit;

typedef struct
{
  IbTestServer *srv;
  IbFaultProxy *proxy;
  GPtrArray    *clients;
  GPtrArray    *history;
  GRand        *rand;
  guint         seed;
} Fault;

static void
edit_free (Edit *e)
{
  g_free (e->client);
  g_free (e->type);
  g_free (e->id);
  g_free (e->field);
  g_free (e->value);
  g_free (e);
}

static void
client_free (Client *c)
{
  g_clear_object (&c->engine);
  g_clear_object (&c->store);
  g_free (c->name);
  g_free (c->user);
  g_free (c->path);
  g_free (c->token);
  g_free (c);
}

static char *
upstream_url (Fault *fx)
{
  return g_strdup_printf ("http://127.0.0.1:%u", fx->srv->port);
}

static void
fault_setup (Fault    *fx,
             gboolean  faults)
{
  const char *seed = g_getenv ("SYNC_TEST_SEED");
  g_autofree char *url = NULL;

  fx->seed = seed != NULL ? (guint) g_ascii_strtoull (seed, NULL, 10) : g_random_int ();
  g_test_message ("seed %u (replay with SYNC_TEST_SEED=%u)", fx->seed, fx->seed);
  fx->rand = g_rand_new_with_seed (fx->seed);

  fx->srv = ib_test_server_new (faults);
  ib_test_server_add_user (fx->srv, "ed", "editor", "exempt");
  ib_test_server_add_user (fx->srv, "ann", "editor", "exempt");
  ib_test_server_add_user (fx->srv, "pub", "editor", "public");
  ib_test_server_start (fx->srv);
  url = upstream_url (fx);
  fx->proxy = ib_fault_proxy_new (url);
  fx->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  fx->history = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

static void
fault_teardown (Fault *fx)
{
  g_ptr_array_unref (fx->clients);
  g_ptr_array_unref (fx->history);
  ib_fault_proxy_free (fx->proxy);
  ib_test_server_free (fx->srv);
  g_rand_free (fx->rand);
}

static Client *
client_add (Fault      *fx,
            const char *name,
            const char *user)
{
  g_autoptr (GError) error = NULL;
  Client *c = g_new0 (Client, 1);

  c->name = g_strdup (name);
  c->user = g_strdup (user);
  c->path = g_strdup_printf ("%s/%s.db", fx->srv->dir, name);
  c->token = ib_test_server_login (fx->srv, user);
  c->store = ib_store_open (c->path, &error);
  g_assert_no_error (error);
  ib_store_set_user (c->store, user);
  c->engine = ib_sync_engine_new (c->store, ib_fault_proxy_get_url (fx->proxy));
  ib_sync_engine_set_token (c->engine, c->token);
  /* These scenarios are the feed's and the push's, counted request by request; a first sync
   * from the bootstrap file has its own (sync/test-bootstrap /sync/bootstrap/fallback/...). */
  ib_sync_engine_set_bootstrap (c->engine, FALSE);
  g_ptr_array_add (fx->clients, c);
  return c;
}

static GError *
client_sync (Client *c)
{
  GError *error = ib_test_run_sync (c->engine);

  c->generation++;
  return error;
}

/* A sync whose failure is part of the scenario: the checks at the end judge the outcome. */
static void
client_sync_expecting_trouble (Client *c)
{
  g_autoptr (GError) error = client_sync (c);

  if (error != NULL)
    g_test_message ("%s: %s", c->name, error->message);
}

static IbRecord *
client_create (Fault              *fx,
               Client             *c,
               const IbRecordType *type,
               const char         *first_field,
               ...)
{
  g_autoptr (GError) error = NULL;
  IbRecord *record = ib_record_new (type);
  va_list args;

  va_start (args, first_field);
  for (const char *f = first_field; f != NULL; f = va_arg (args, const char *))
    ib_record_set_string (record, f, va_arg (args, const char *));
  va_end (args);

  g_assert_true (ib_store_create (c->store, record, &error));
  g_assert_no_error (error);
  return record;
}

/* An edit as a person makes it, recorded in the history for the I1 check. */
static void
client_edit (Fault              *fx,
             Client             *c,
             const IbRecordType *type,
             const char         *id,
             const char         *field,
             const char         *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) record = ib_store_get (c->store, type, id, NULL);
  Edit *e;

  if (record == NULL)
    return; /* deleted or not pulled yet here: nothing to edit */

  ib_record_set_string (record, field, value);
  if (!ib_store_update (c->store, record, &error))
    g_error ("edit failed: %s", error->message);

  e = g_new0 (Edit, 1);
  e->client = g_strdup (c->name);
  e->generation = c->generation;
  e->type = g_strdup (type->name);
  e->id = g_strdup (id);
  e->field = g_strdup (field);
  e->value = g_strdup (value);
  g_ptr_array_add (fx->history, e);
}

static void
restart_server (Fault *fx)
{
  g_autofree char *url = NULL;

  if (fx->srv->process != NULL)
    ib_test_server_stop (fx->srv);
  g_strfreev (fx->srv->env);
  fx->srv->env = g_new0 (char *, 1);
  ib_test_server_start (fx->srv);
  url = upstream_url (fx);
  ib_fault_proxy_set_upstream (fx->proxy, url);
}

/* A person deciding their own open conflicts, as the review window lets them: alternately
 * keeping the current value and their own (scenario A1: "resolving with each choice
 * converges"). */
static void
decide_conflicts (Fault  *fx,
                  Client *c)
{
  g_autoptr (GPtrArray) conflicts = ib_store_sync_list_conflicts (c->store);

  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonObject *conflict = conflicts->pdata[i];
      g_autoptr (JsonObject) keep = json_object_new ();
      g_autoptr (GError) error = NULL;
      gboolean mine = g_rand_boolean (fx->rand);

      if (g_strcmp0 (json_object_get_string_member (conflict, "author"), c->user) != 0)
        continue;
      if (!ib_store_sync_resolve (c->store, json_object_get_string_member (conflict, "conflict_id"),
                                  mine ? json_object_get_object_member (conflict, "mine") : keep, &error))
        g_test_message ("%s could not decide: %s", c->name, error->message);
    }
}

/* Quiescence: no faults, server up, every client synced until nothing is
 * left to send, twice in a row. */
static void
quiesce (Fault *fx)
{
  guint clean = 0;

  ib_fault_proxy_clear_rules (fx->proxy);
  if (fx->srv->process == NULL)
    restart_server (fx);

  for (guint cycle = 0; cycle < MAX_QUIESCE_CYCLES; cycle++)
    {
      gboolean all_clean = TRUE;

      for (guint i = 0; i < fx->clients->len; i++)
        {
          Client *c = fx->clients->pdata[i];
          g_autoptr (GError) error = NULL;

          decide_conflicts (fx, c);
          error = client_sync (c);
          if (error != NULL && !g_error_matches (error, IB_SYNC_ERROR, IB_SYNC_ERROR_FORBIDDEN))
            {
              g_test_message ("quiesce: %s: %s", c->name, error->message);
              all_clean = FALSE;
            }
          if (ib_store_sync_count (c->store, "pending") + ib_store_sync_count (c->store, "sent") > 0 ||
              ib_store_sync_count (c->store, "conflict") > 0)
            all_clean = FALSE;
        }

      clean = all_clean ? clean + 1 : 0;
      if (clean == 2)
        return;
    }

  {
    GPtrArray *log = ib_fault_proxy_get_log (fx->proxy);

    for (guint i = log->len > 6 ? log->len - 6 : 0; i < log->len; i++)
      {
        IbFaultLogEntry *e = log->pdata[i];
        g_test_message ("last requests: %s %s → %u %.200s", e->method, e->path, e->status, e->response ? e->response : "");
      }
    for (guint i = 0; i < fx->clients->len; i++)
      {
        Client *c = fx->clients->pdata[i];
        g_test_message ("%s: %u pending, %u sent", c->name, ib_store_sync_count (c->store, "pending"),
                        ib_store_sync_count (c->store, "sent"));
      }
  }
  g_error ("no quiescence after %d cycles", MAX_QUIESCE_CYCLES);
}

/* The checker */

static sqlite3 *
open_ro (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
check_integrity (const char *path)
{
  sqlite3 *db = open_ro (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static GHashTable *
pushed_mids (Fault *fx)
{
  GHashTable *mids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *log = ib_fault_proxy_get_log (fx->proxy);

  for (guint i = 0; i < log->len; i++)
    {
      IbFaultLogEntry *e = log->pdata[i];
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GPtrArray) objects = NULL, refusals = NULL;

      /* Only what reached the server: a refused or dropped-before request left no trace. */
      if (!g_str_equal (e->path, "/v1/push") || !e->forwarded)
        continue;
      objects = ib_push_body_parse (e->request, strlen (e->request), &root, &refusals, NULL);
      for (guint k = 0; objects != NULL && k < objects->len; k++)
        {
          const char *mid = json_object_get_string_member_with_default (objects->pdata[k], "mid", NULL);
          const char *token = e->token;

          if (mid != NULL && token != NULL)
            g_hash_table_add (mids, g_strdup_printf ("%s/%s", token, mid));
        }
    }

  return mids;
}

/* The ids of every record a public-only user may not see. */
static GHashTable *
hidden_ids (sqlite3 *server)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (server, "SELECT id FROM records WHERE eff_class = 'exempt'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return ids;
}

/* What a public-only reader is shown of stored fields: no member or list element that is a
 * hidden id (docs/sync-protocol.md, the Exempt projection). */
static void
project (JsonNode   *node,
         GHashTable *hidden)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (node));

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (json_node_get_object (node), l->data);

          if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
              g_hash_table_contains (hidden, json_node_get_string (member)))
            json_object_remove_member (json_node_get_object (node), l->data);
          else
            project (member, hidden);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonNode *el = json_array_get_element (array, i - 1);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING &&
              g_hash_table_contains (hidden, json_node_get_string (el)))
            json_array_remove_element (array, i - 1);
        }
    }
}

/* I7 for conflicts: a public-only client holds no conflict the server keeps Exempt, and none
 * of its conflicts carries Exempt text. */
static void
check_conflicts_confidential (Fault   *fx,
                              Client  *c,
                              sqlite3 *server)
{
  sqlite3 *local = open_ro (c->path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (local, "SELECT conflict_id, coalesce (mine, ''), coalesce (theirs, '')"
                                              " FROM conflicts", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *conflict_id = (const char *) sqlite3_column_text (stmt, 0);
      sqlite3_stmt *q = NULL;

      if (strstr ((const char *) sqlite3_column_text (stmt, 1), CANARY) != NULL ||
          strstr ((const char *) sqlite3_column_text (stmt, 2), CANARY) != NULL)
        g_error ("I7: %s holds Exempt text in conflict %s", c->name, conflict_id);

      g_assert_cmpint (sqlite3_prepare_v2 (server, "SELECT eff_class FROM records WHERE id = ?1", -1, &q, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (q, 1, conflict_id, -1, SQLITE_STATIC);
      if (sqlite3_step (q) == SQLITE_ROW && g_str_equal ((const char *) sqlite3_column_text (q, 0), "exempt"))
        g_error ("I7: %s holds conflict %s, Exempt on the server", c->name, conflict_id);
      sqlite3_finalize (q);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (local);
}

/* I3: the client's row of every record the server holds, at the same rev and with the same
 * fields (as projected for a public-only client), and no synced row the server does not
 * have; I7 for the client's conflicts. */
static void
check_convergence (Fault  *fx,
                   Client *c)
{
  sqlite3 *server = open_ro (fx->srv->db_path);
  sqlite3_stmt *stmt = NULL;
  gboolean exempt = !g_str_equal (c->user, "pub");
  g_autoptr (GHashTable) hidden = exempt ? NULL : hidden_ids (server);
  guint checked = 0;

  if (!exempt)
    check_conflicts_confidential (fx, c, server);

  g_assert_cmpint (sqlite3_prepare_v2 (server,
    "SELECT type, id, rev, deleted, fields, eff_class FROM records WHERE type != 'conflict'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type_name = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      gint64 rev = sqlite3_column_int64 (stmt, 2);
      gboolean deleted = sqlite3_column_int (stmt, 3) != 0;
      const IbRecordType *type = ib_record_type_find (type_name);
      g_autoptr (JsonNode) fields = json_from_string ((const char *) sqlite3_column_text (stmt, 4), NULL);
      g_autoptr (IbRecord) local = NULL;
      g_autoptr (GList) names = NULL;
      gboolean visible = exempt || g_str_equal ((const char *) sqlite3_column_text (stmt, 5), "public");

      local = type != NULL ? ib_store_get (c->store, type, id, NULL) : NULL;

      if (!visible)
        {
          /* I7: never on a public-only client. */
          if (local != NULL)
            g_error ("I7: %s holds Exempt %s %s", c->name, type_name, id);
          continue;
        }

      if (deleted)
        {
          if (local != NULL)
            g_error ("I3: %s still shows %s %s, deleted on the server at rev %" G_GINT64_FORMAT, c->name, type_name, id, rev);
          continue;
        }

      if (local == NULL)
        g_error ("I3: %s lacks %s %s (server rev %" G_GINT64_FORMAT ")", c->name, type_name, id, rev);
      if (ib_record_get_rev (local) != rev)
        g_error ("I3: %s has %s %s at rev %" G_GINT64_FORMAT ", the server at %" G_GINT64_FORMAT,
                 c->name, type_name, id, ib_record_get_rev (local), rev);

      /* A record the author still has to decide (conflict, rejection) may show their value. */
      {
        g_autoptr (GPtrArray) outbox = ib_store_get_outbox (c->store);
        gboolean held = FALSE;

        for (guint i = 0; i < outbox->len; i++)
          if (g_strcmp0 (json_object_get_string_member (outbox->pdata[i], "id"), id) == 0)
            held = TRUE;
        if (held)
          continue;
      }

      if (hidden != NULL)
        project (fields, hidden);
      names = json_object_get_members (json_node_get_object (fields));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *want = json_object_get_member (json_node_get_object (fields), l->data);
          JsonNode *have = json_object_get_member (ib_record_get_fields (local), l->data);

          if (have == NULL || !json_node_equal (want, have))
            {
              g_autofree char *w = json_to_string (want, FALSE);
              g_autofree char *h = have != NULL ? json_to_string (have, FALSE) : g_strdup ("(none)");
              g_error ("I3: %s's %s %s field %s is %s, the server's %s", c->name, type_name, id,
                       (char *) l->data, h, w);
            }
        }
      checked++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (server);
  g_test_message ("I3: %s matches the server on %u records", c->name, checked);
}

static gboolean
value_in_revisions (sqlite3    *server,
                    const Edit *e)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (server,
    "SELECT 1 FROM revisions WHERE id = ?1 AND json_extract (fields, '$.' || ?2) = ?3 LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, e->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, e->value, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  if (found)
    return TRUE;

  /* (c) the losing value kept in a conflict record, current or any earlier revision of it */
  g_assert_cmpint (sqlite3_prepare_v2 (server,
    "SELECT 1 FROM revisions WHERE type = 'conflict' AND json_extract (fields, '$.record_id') = ?1"
    " AND json_extract (fields, '$.mine.' || ?2) = ?3 LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, e->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, e->value, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

static gboolean
value_rejected (Fault      *fx,
                const Edit *e)
{
  for (guint i = 0; i < fx->clients->len; i++)
    {
      Client *c = fx->clients->pdata[i];
      g_autoptr (GPtrArray) rejected = NULL;

      if (!g_str_equal (c->name, e->client))
        continue;
      rejected = ib_store_sync_list_rejected (c->store);
      for (guint k = 0; k < rejected->len; k++)
        {
          JsonObject *set = json_object_get_object_member (rejected->pdata[k], "set");

          if (g_strcmp0 (json_object_get_string_member (rejected->pdata[k], "id"), e->id) == 0 &&
              g_strcmp0 (json_object_get_string_member_with_default (set, e->field, NULL), e->value) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* (b) overwritten by its own author before it ever left the device: the same client edited
 * the same field again later, and no push it sent carried this value (edits queued behind an
 * undecided conflict coalesce for as long as it stays undecided). */
static gboolean
value_superseded_locally (Fault *fx,
                          guint  index)
{
  const Edit *e = fx->history->pdata[index];
  GPtrArray *log = ib_fault_proxy_get_log (fx->proxy);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", e->value);
  const char *token = NULL;
  gboolean later = FALSE;

  for (guint i = index + 1; i < fx->history->len && !later; i++)
    {
      const Edit *next = fx->history->pdata[i];

      later = g_str_equal (next->client, e->client) && g_str_equal (next->id, e->id) &&
              g_str_equal (next->field, e->field);
    }
  if (!later)
    return FALSE;

  /* Only a value no other edit used can be traced through the proxy's log; for a repeated
   * enum code, the later edit by the same author is all there is to go on. */
  for (guint i = 0; i < fx->history->len; i++)
    {
      const Edit *other = fx->history->pdata[i];

      if (i != index && g_str_equal (other->field, e->field) && g_str_equal (other->value, e->value))
        return TRUE;
    }

  for (guint i = 0; i < fx->clients->len; i++)
    if (g_str_equal (((Client *) fx->clients->pdata[i])->name, e->client))
      token = ((Client *) fx->clients->pdata[i])->token;

  for (guint i = 0; i < log->len; i++)
    {
      IbFaultLogEntry *entry = log->pdata[i];

      if (g_str_equal (entry->path, "/v1/push") && g_strcmp0 (entry->token, token) == 0 &&
          strstr (entry->request, quoted) != NULL)
        return FALSE;
    }

  return TRUE;
}

static void
check_invariants (Fault *fx)
{
  g_autoptr (GHashTable) mids = pushed_mids (fx);
  sqlite3 *server;
  guint lost = 0;

  check_integrity (fx->srv->db_path);
  for (guint i = 0; i < fx->clients->len; i++)
    {
      Client *c = fx->clients->pdata[i];

      check_integrity (c->path);
      check_convergence (fx, c);
    }

  server = open_ro (fx->srv->db_path);

  /* I2 */
  g_assert_cmpint (query_int (server,
    "SELECT count (*) FROM (SELECT 1 FROM records WHERE type = 'measurement' AND deleted = 0"
    " GROUP BY json_extract (fields, '$.indicator'), json_extract (fields, '$.period') HAVING count (*) > 1)"), ==, 0);
  g_assert_cmpint (query_int (server, "SELECT count (*) FROM idempotency"), ==, g_hash_table_size (mids));

  /* I1 */
  for (guint i = 0; i < fx->history->len; i++)
    {
      const Edit *e = fx->history->pdata[i];

      if (value_in_revisions (server, e) || value_rejected (fx, e) || value_superseded_locally (fx, i))
        continue;
      g_test_message ("I1: lost %s's edit %s.%s = %s", e->client, e->id, e->field, e->value);
      lost++;
    }
  sqlite3_close (server);
  g_assert_cmpuint (lost, ==, 0);

  g_test_message ("checked %u edits, %u mids, %u requests", fx->history->len,
                  g_hash_table_size (mids), ib_fault_proxy_get_log (fx->proxy)->len);
}

/* Scenarios */

typedef struct
{
  char *plan;
  char *actions[5];
} Shared;

static void
shared_clear (Shared *s)
{
  g_free (s->plan);
  for (guint i = 0; i < G_N_ELEMENTS (s->actions); i++)
    g_free (s->actions[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shared, shared_clear)

/* A plan with five actions, created by the first client and pulled by all. */
static void
seed_plan (Fault  *fx,
           Shared *s)
{
  Client *c = fx->clients->pdata[0];
  g_autoptr (IbRecord) plan = client_create (fx, c, &ib_type_plan, "title", "Plan", NULL);

  s->plan = g_strdup (ib_record_get_id (plan));
  for (guint i = 0; i < G_N_ELEMENTS (s->actions); i++)
    {
      g_autofree char *ref = g_strdup_printf ("%u", i + 1);
      g_autoptr (IbRecord) action = client_create (fx, c, &ib_type_action, "plan", s->plan, "ref", ref,
                                                   "title", "Action", "status", "on_track", NULL);

      s->actions[i] = g_strdup (ib_record_get_id (action));
    }
  quiesce (fx);
}

static const char *statuses[] = { "not_started", "on_track", "at_risk", "off_track", "complete" };

/* Random edits from every client on shared records, syncing now and then: A1, A2, A6, A7. */
static void
random_edits (Fault  *fx,
              Shared *s,
              guint   rounds)
{
  static guint serial;

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < fx->clients->len; i++)
      {
        Client *c = fx->clients->pdata[i];
        const char *id = s->actions[g_rand_int_range (fx->rand, 0, G_N_ELEMENTS (s->actions))];
        int what = g_rand_int_range (fx->rand, 0, 10);

        if (g_str_equal (c->user, "pub") && what >= 8)
          what = 0;
        if (what < 4)
          {
            g_autofree char *title = g_strdup_printf ("%s title %u", c->name, ++serial);
            client_edit (fx, c, &ib_type_action, id, "title", title);
          }
        else if (what < 7)
          client_edit (fx, c, &ib_type_action, id, "status",
                       statuses[g_rand_int_range (fx->rand, 0, G_N_ELEMENTS (statuses))]);
        else
          {
            g_autofree char *text = g_strdup_printf ("%s note %u", c->name, ++serial);
            client_edit (fx, c, &ib_type_action, id, "description", text);
          }

        if (g_rand_int_range (fx->rand, 0, 3) == 0)
          client_sync_expecting_trouble (c);
      }
}

static void
test_concurrent_editors (void)
{
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  guint conflicts;

  fault_setup (&fx, FALSE);
  client_add (&fx, "c1", "ed");
  client_add (&fx, "c2", "ann");
  client_add (&fx, "c3", "ed");
  seed_plan (&fx, &s);

  random_edits (&fx, &s, 40);
  quiesce (&fx);
  check_invariants (&fx);

  {
    sqlite3 *server = open_ro (fx.srv->db_path);
    conflicts = (guint) query_int (server, "SELECT count (*) FROM records WHERE type = 'conflict'");
    sqlite3_close (server);
  }
  g_test_message ("A7: %u edits, %u conflicts", fx.history->len, conflicts);
  fault_teardown (&fx);
}

/* D1, D6, D7, D10: duplicated, truncated, corrupted, captive-portal and failed replies, and a
 * reset before the request reached the server. Each leaves the outcome unknown or the state
 * untouched; nothing is half-applied and everything converges afterwards. */
static void
test_network_faults (void)
{
  const struct { const char *name; IbFaultAction action; int arg; } faults[] = {
    { "duplicate", IB_FAULT_DUPLICATE, 0 },
    { "truncate", IB_FAULT_TRUNCATE, 40 },
    { "corrupt", IB_FAULT_CORRUPT, 0 },
    { "html_200", IB_FAULT_HTML_200, 0 },
    { "status 500", IB_FAULT_STATUS, 500 },
    { "drop before", IB_FAULT_DROP_BEFORE, 0 },
    { "drop after", IB_FAULT_DROP_AFTER, 0 },
  };
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };

  fault_setup (&fx, FALSE);
  client_add (&fx, "c1", "ed");
  client_add (&fx, "c2", "ann");
  seed_plan (&fx, &s);

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      Client *c1 = fx.clients->pdata[0];
      g_autofree char *title = g_strdup_printf ("through %s", faults[f].name);
      g_autoptr (GError) error = NULL;

      g_test_message ("fault: %s", faults[f].name);
      ib_fault_proxy_add_rule (fx.proxy, "POST", "/v1/push", 0, faults[f].action, faults[f].arg, NULL);
      ib_fault_proxy_add_rule (fx.proxy, "GET", "/v1/changes", 0, faults[f].action, faults[f].arg, NULL);
      client_edit (&fx, c1, &ib_type_action, s.actions[f % 5], "title", title);
      error = client_sync (c1);
      if (faults[f].action != IB_FAULT_DUPLICATE)
        g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE);
      quiesce (&fx);
    }

  check_invariants (&fx);
  fault_teardown (&fx);
}

/* D7: Retry-After in seconds and as an HTTP date is honoured; a huge one is clamped to an
 * hour; 401 and 426 cause exactly one request and no retry loop. */
static void
test_polite_retries (void)
{
  Fault fx = { 0 };
  Client *c;
  /* NULL: an HTTP date 30 s ahead, made just before its request, so a slow setup (a
   * sanitizer build on a busy machine) does not eat into it. */
  const struct { guint status; const char *retry; guint lo, hi; } cases[] = {
    { 503, "7", 7, 7 },
    { 429, NULL, 25, 31 },
    { 503, "999999", 3600, 3600 },
    { 503, "-5", 1, 1 },
  };

  fault_setup (&fx, FALSE);
  c = client_add (&fx, "c1", "ed");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, 30);
      g_autofree char *http_date = g_date_time_format (soon, "%a, %d %b %Y %H:%M:%S GMT");

      ib_fault_proxy_clear_rules (fx.proxy);
      ib_fault_proxy_add_rule (fx.proxy, "GET", "/v1/changes", 0, IB_FAULT_STATUS, (int) cases[i].status,
                               cases[i].retry != NULL ? cases[i].retry : http_date);
      error = client_sync (c);
      g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_RETRY_LATER);
      g_assert_cmpuint (ib_sync_engine_get_retry_after (c->engine), >=, cases[i].lo);
      g_assert_cmpuint (ib_sync_engine_get_retry_after (c->engine), <=, cases[i].hi);
    }

  for (guint k = 0; k < 2; k++)
    {
      guint status = k == 0 ? 401 : 426;
      g_autoptr (GError) error = NULL;
      guint before = ib_fault_proxy_get_log (fx.proxy)->len;

      ib_fault_proxy_clear_rules (fx.proxy);
      ib_fault_proxy_add_rule (fx.proxy, "GET", "/v1/changes", 0, IB_FAULT_STATUS, (int) status, NULL);
      error = client_sync (c);
      g_assert_nonnull (error);
      g_assert_cmpuint (ib_fault_proxy_get_log (fx.proxy)->len - before, ==, 1);
    }

  fault_teardown (&fx);
}

/* D8, D9: a reply that stalls after the server committed, and one that trickles a byte at a
 * time; the engine's own deadline ends both, and the retry is answered from the replay store. */
static void
test_deadlines (void)
{
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  Client *c;

  fault_setup (&fx, FALSE);
  c = client_add (&fx, "c1", "ed");
  seed_plan (&fx, &s);
  ib_sync_engine_set_deadline (c->engine, 2);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      ib_fault_proxy_clear_rules (fx.proxy);
      ib_fault_proxy_add_rule (fx.proxy, "POST", "/v1/push", 1, k == 0 ? IB_FAULT_STALL_AFTER : IB_FAULT_TRICKLE, 400, NULL);
      client_edit (&fx, c, &ib_type_action, s.actions[k], "title", k == 0 ? "stalled" : "trickled");
      error = client_sync (c);
      g_assert_error (error, IB_SYNC_ERROR, IB_SYNC_ERROR_UNREACHABLE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_assert_cmpuint (ib_store_sync_count (c->store, "sent"), ==, 1); /* unknown, not failed */
      quiesce (&fx);
    }

  check_invariants (&fx);
  fault_teardown (&fx);
}

/* D2, D3: requests out of order. A's push is held back while B pushes and pulls; then a
 * week-old push of A's is sent again after the record has moved on. No older value comes back,
 * and the replay is answered from the store with no new revision. */
static void
test_reordered_and_replayed (void)
{
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  Client *a, *b;
  GPtrArray *log;
  IbFaultLogEntry *old_push = NULL;
  GError *error_a = NULL, *error_b = NULL;

  fault_setup (&fx, FALSE);
  a = client_add (&fx, "a", "ed");
  b = client_add (&fx, "b", "ann");
  seed_plan (&fx, &s);

  /* A's push waits at the proxy while B's whole cycle goes through. */
  ib_fault_proxy_add_rule (fx.proxy, "POST", "/v1/push", 1, IB_FAULT_DELAY, 1500, NULL);
  client_edit (&fx, a, &ib_type_action, s.actions[0], "title", "A, sent first, arrives last");
  client_edit (&fx, b, &ib_type_action, s.actions[0], "description", "B, sent second, arrives first");
  g_object_set_data (G_OBJECT (a->engine), "ib-test-done", NULL);
  ib_sync_engine_sync_async (a->engine, NULL, ib_test_sync_done_cb, &error_a);
  g_usleep (100000);
  error_b = client_sync (b);
  while (g_object_get_data (G_OBJECT (a->engine), "ib-test-done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  a->generation++;
  g_assert_no_error (error_a);
  g_assert_no_error (error_b);
  quiesce (&fx);

  /* Replay A's first push much later, after A has moved the title on. */
  log = ib_fault_proxy_get_log (fx.proxy);
  for (guint i = 0; i < log->len && old_push == NULL; i++)
    {
      IbFaultLogEntry *e = log->pdata[i];

      if (g_str_equal (e->path, "/v1/push") && g_strcmp0 (e->token, a->token) == 0 &&
          strstr (e->request, "arrives last") != NULL)
        old_push = e;
    }
  g_assert_nonnull (old_push);
  client_edit (&fx, a, &ib_type_action, s.actions[0], "title", "A, a week later");
  quiesce (&fx);

  {
    g_autoptr (IbTestResponse) replay = ib_test_request (fx.srv, "POST", "/v1/push", a->token, old_push->request);
    g_autoptr (IbRecord) now = ib_store_get (b->store, &ib_type_action, s.actions[0], NULL);
    sqlite3 *server = open_ro (fx.srv->db_path);
    gint64 before = query_int (server, "SELECT max (seq) FROM records"), after;

    g_assert_cmpuint (replay->status, ==, 200);
    g_assert_true (json_node_get_boolean (ib_test_json_node (replay, "results/0/replayed")));
    after = query_int (server, "SELECT max (seq) FROM records");
    sqlite3_close (server);
    g_assert_cmpint (before, ==, after); /* I5: no new seq */
    g_assert_cmpstr (ib_record_get_string (now, "title"), ==, "A, a week later");
  }

  check_invariants (&fx);
  fault_teardown (&fx);
}

/* E1: a thousand offline edits go in batches of at most 100 and 1 MiB, a forced 413 halves
 * the batch, and each record's own order is kept (its last value wins). */
static void
test_big_outbox (void)
{
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  Client *c;
  GPtrArray *log;

  fault_setup (&fx, FALSE);
  c = client_add (&fx, "c1", "ed");
  seed_plan (&fx, &s);

  /* The first push of the thousand is refused as too large: the engine halves and goes on. */
  ib_fault_proxy_add_rule (fx.proxy, "POST", "/v1/push", 1, IB_FAULT_STATUS, 413, NULL);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (IbRecord) st = NULL;
      g_autofree char *text = g_strdup_printf ("Statement %u", i);

      st = client_create (&fx, c, &ib_type_position_statement, "action", s.actions[i % 5],
                          "as_at", "2026-11-01", "narrative", text, NULL);
    }
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", i);
      client_edit (&fx, c, &ib_type_action, s.actions[0], "title", title);
      client_sync_expecting_trouble (c);
    }

  quiesce (&fx);

  log = ib_fault_proxy_get_log (fx.proxy);
  for (guint i = 0; i < log->len; i++)
    {
      IbFaultLogEntry *e = log->pdata[i];
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GPtrArray) objects = NULL, refusals = NULL;

      if (!g_str_equal (e->path, "/v1/push"))
        continue;
      g_assert_cmpuint (strlen (e->request), <=, IB_PUSH_MAX_BYTES);
      objects = ib_push_body_parse (e->request, strlen (e->request), &root, &refusals, NULL);
      g_assert_nonnull (objects);
      g_assert_cmpuint (objects->len, <=, IB_PUSH_MAX_MUTATIONS);
      if (e->status == 413)
        g_assert_cmpuint (objects->len, ==, IB_PUSH_MAX_MUTATIONS);
      else if (i > 0 && ((IbFaultLogEntry *) log->pdata[i - 1])->status == 413)
        g_assert_cmpuint (objects->len, ==, IB_PUSH_MAX_MUTATIONS / 2); /* halved */
    }

  {
    sqlite3 *server = open_ro (fx.srv->db_path);
    g_assert_cmpint (query_int (server, "SELECT count (*) FROM records WHERE type = 'position_statement'"), ==, 1000);
    sqlite3_close (server);
  }
  check_invariants (&fx);
  fault_teardown (&fx);
}

/* B1–B4: the server killed at its crash points; restarted on the same file. */
static void
test_server_crashes (void)
{
  const char *points[] = { "push.before_commit", "push.after_commit", "push.mid_response", "changes.mid_page",
                           "changes.after_query" };

  if (g_getenv ("IB_SERVER_FAULTS_BINARY") == NULL)
    {
      g_test_skip ("built without -Dfault_points=true");
      return;
    }

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      Fault fx = { 0 };
      g_auto (Shared) s = { 0 };
      g_autofree char *fault = NULL;
      Client *c1, *c2;

      g_test_message ("server crash point %s", points[p]);
      fault_setup (&fx, TRUE);
      c1 = client_add (&fx, "c1", "ed");
      c2 = client_add (&fx, "c2", "ann");
      seed_plan (&fx, &s);

      ib_test_server_stop (fx.srv);
      fault = g_strdup_printf ("REFSERVER_FAULT=%s:nth=1", points[p]);
      g_strfreev (fx.srv->env);
      fx.srv->env = g_strdupv ((char *[]) { fault, NULL });
      ib_test_server_start (fx.srv);
      {
        g_autofree char *url = upstream_url (&fx);
        ib_fault_proxy_set_upstream (fx.proxy, url);
      }

      client_edit (&fx, c1, &ib_type_action, s.actions[0], "title", "during the crash");
      client_edit (&fx, c2, &ib_type_action, s.actions[1], "status", "at_risk");
      /* B5: a batch of many mutations is one transaction, whole or not at all. */
      for (guint i = 0; i < 99; i++)
        {
          g_autofree char *text = g_strdup_printf ("Batch statement %u", i);
          g_autoptr (IbRecord) st = client_create (&fx, c1, &ib_type_position_statement, "action", s.actions[2],
                                                   "as_at", "2026-11-02", "narrative", text, NULL);
        }
      client_sync_expecting_trouble (c1);
      client_sync_expecting_trouble (c2);
      /* Every point here is on the path of a push or a pull, so the server must have died;
       * give the kernel a moment to report it. */
      {
        gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

        while (g_subprocess_get_identifier (fx.srv->process) != NULL && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, FALSE);
      }
      g_assert_cmpint (ib_test_server_wait_dead (fx.srv), ==, 137);

      {
        sqlite3 *server = open_ro (fx.srv->db_path);
        gint64 n = query_int (server, "SELECT count (*) FROM records WHERE type = 'position_statement'");

        sqlite3_close (server);
        g_test_message ("%s: %" G_GINT64_FORMAT " of 99 statements on the server after the crash", points[p], n);
        g_assert_true (n == 0 || n == 99);
      }

      restart_server (&fx);
      quiesce (&fx);
      check_invariants (&fx);
      fault_teardown (&fx);
    }
}

/* C2, C3: the client process killed after sending and after the reply arrived but before it
 * was applied. The test binary itself is the crashing driver (g_test_trap_subprocess). */
static void
crash_hook (const char *point,
            gpointer    user_data)
{
  if (g_strcmp0 (point, user_data) == 0)
    _exit (137);
}

static void
on_child_synced (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* Reaching here means the crash point was never passed: fail loudly, not hang. */
  exit (1);
}

static gboolean
child_timeout_cb (gpointer user_data)
{
  exit (2);
}

static void
test_client_crash_child (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (g_getenv ("IB_FAULT_CLIENT_DB"), &error);
  g_autoptr (IbSyncEngine) engine = ib_sync_engine_new (store, g_getenv ("IB_FAULT_URL"));
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);

  g_assert_no_error (error);
  g_timeout_add_seconds (30, child_timeout_cb, NULL);
  ib_sync_engine_set_token (engine, g_getenv ("IB_FAULT_TOKEN"));
  ib_sync_engine_set_crash_hook (engine, crash_hook, (gpointer) g_getenv ("IB_FAULT_POINT"));
  ib_record_set_string (plan, "title", "Made just before the crash");
  g_assert_true (ib_store_create (store, plan, &error));

  ib_sync_engine_sync_async (engine, NULL, on_child_synced, NULL);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_client_crashes (void)
{
  const char *points[] = { "client.after_send", "client.after_response_before_apply" };

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      Fault fx = { 0 };
      Client *c;
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) outbox = NULL;

      fault_setup (&fx, FALSE);
      c = client_add (&fx, "c1", "ed");

      g_setenv ("IB_FAULT_CLIENT_DB", c->path, TRUE);
      g_setenv ("IB_FAULT_URL", ib_fault_proxy_get_url (fx.proxy), TRUE);
      g_setenv ("IB_FAULT_TOKEN", c->token, TRUE);
      g_setenv ("IB_FAULT_POINT", points[p], TRUE);
      /* The child talks to the proxy, which runs in this process: keep serving while it runs. */
      {
        g_autoptr (GSubprocess) child = NULL;
        gboolean exited = FALSE;

        child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/proc/self/exe",
                                  "-p", "/fault/client-crash-child", NULL);
        g_assert_no_error (error);
        while (!exited)
          {
            g_main_context_iteration (NULL, FALSE);
            if (g_subprocess_get_identifier (child) == NULL)
              exited = TRUE;
            g_usleep (2000);
          }
        g_subprocess_wait (child, NULL, NULL);
        g_assert_true (g_subprocess_get_if_exited (child));
        g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 137);
      }

      /* After restart: the mutation is still there, marked sent, and goes again with its mid. */
      g_clear_object (&c->engine);
      g_clear_object (&c->store);
      c->store = ib_store_open (c->path, &error);
      g_assert_no_error (error);
      outbox = ib_store_get_outbox (c->store);
      g_assert_cmpuint (outbox->len, ==, 1);
      g_assert_cmpstr (json_object_get_string_member (outbox->pdata[0], "state"), ==, "sent");
      c->engine = ib_sync_engine_new (c->store, ib_fault_proxy_get_url (fx.proxy));
      ib_sync_engine_set_token (c->engine, c->token);

      quiesce (&fx);
      check_invariants (&fx);
      {
        sqlite3 *server = open_ro (fx.srv->db_path);
        g_assert_cmpint (query_int (server, "SELECT count (*) FROM records WHERE type = 'plan'"), ==, 1);
        sqlite3_close (server);
      }
      fault_teardown (&fx);
    }
}

/* F5/I7 through the proxy: nothing a public-only user receives holds Exempt text. */
static void
test_exempt_never_leaks (void)
{
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  Client *ed, *ann, *pub;
  g_autoptr (IbRecord) secret = NULL;
  GError *sync_error = NULL;
  GPtrArray *log;
  guint scanned = 0;

  fault_setup (&fx, FALSE);
  ed = client_add (&fx, "ed", "ed");
  ann = client_add (&fx, "ann", "ann");
  pub = client_add (&fx, "pub", "pub");
  seed_plan (&fx, &s);

  secret = ib_record_new (&ib_type_plan);
  ib_record_set_string (secret, "title", "Restructure " CANARY);
  ib_record_set_class (secret, "exempt");
  ib_record_set_exempt_paragraph (secret, 3);
  g_assert_true (ib_store_create (ed->store, secret, NULL));
  random_edits (&fx, &s, 10);
  quiesce (&fx);

  /* Conflicts that hold Exempt text: two cleared editors clash on the Exempt plan; and ed's
   * edit that makes a Public action Exempt, with a new title, loses a race with pub's. */
  client_edit (&fx, ed, &ib_type_plan, ib_record_get_id (secret), "title", "Ed's " CANARY);
  client_edit (&fx, ann, &ib_type_plan, ib_record_get_id (secret), "title", "Ann's " CANARY);
  client_edit (&fx, pub, &ib_type_action, s.actions[0], "title", "Pub's public title");
  {
    g_autoptr (IbRecord) action = ib_store_get (ed->store, &ib_type_action, s.actions[0], NULL);
    g_autoptr (GError) error = NULL;

    ib_record_set_string (action, "title", "Made secret " CANARY);
    ib_record_set_class (action, "exempt");
    ib_record_set_exempt_paragraph (action, 2);
    g_assert_true (ib_store_update (ed->store, action, &error));
    g_assert_no_error (error);
  }
  g_clear_error (&sync_error);
  sync_error = client_sync (pub);
  g_assert_no_error (sync_error);
  sync_error = client_sync (ann);
  g_assert_no_error (sync_error);
  sync_error = client_sync (ed);
  g_assert_no_error (sync_error);
  {
    sqlite3 *server = open_ro (fx.srv->db_path);

    /* Both of ed's edits lost: each is a conflict, and each is Exempt. */
    g_assert_cmpint (query_int (server, "SELECT count (*) FROM records WHERE type = 'conflict'"
                                        " AND json_extract (fields, '$.author') = 'ed' AND eff_class = 'exempt'"), >=, 2);
    g_assert_cmpint (query_int (server, "SELECT count (*) FROM records WHERE type = 'conflict'"
                                        " AND json_extract (fields, '$.mine_class') = 'exempt'"), ==, 1);
    sqlite3_close (server);
  }
  quiesce (&fx);

  log = ib_fault_proxy_get_log (fx.proxy);
  for (guint i = 0; i < log->len; i++)
    {
      IbFaultLogEntry *e = log->pdata[i];

      if (g_strcmp0 (e->token, pub->token) != 0)
        continue;
      scanned++;
      if (e->response != NULL && strstr (e->response, CANARY) != NULL)
        g_error ("I7: Exempt text reached the public-only user: %s", e->response);
    }
  g_assert_cmpuint (scanned, >, 0);
  check_invariants (&fx);
  fault_teardown (&fx);
}

/* R: a seeded soak — three clients editing, random faults on one request in ten, and the
 * server killed with SIGKILL every few seconds — then quiescence and every check. */
static void
test_soak (void)
{
  const IbFaultAction menu[] = { IB_FAULT_DROP_BEFORE, IB_FAULT_DROP_AFTER, IB_FAULT_TRUNCATE, IB_FAULT_CORRUPT,
                                 IB_FAULT_HTML_200, IB_FAULT_DUPLICATE, IB_FAULT_DELAY };
  const char *env = g_getenv ("IB_SOAK_SECONDS");
  guint seconds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 15;
  Fault fx = { 0 };
  g_auto (Shared) s = { 0 };
  gint64 end, next_kill;
  guint kills = 0;

  fault_setup (&fx, FALSE);
  client_add (&fx, "c1", "ed");
  client_add (&fx, "c2", "ann");
  client_add (&fx, "c3", "pub");
  seed_plan (&fx, &s);

  end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  next_kill = g_get_monotonic_time () + g_rand_int_range (fx.rand, 3, 6) * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      ib_fault_proxy_clear_rules (fx.proxy);
      for (guint k = 0; k < 3; k++)
        if (g_rand_int_range (fx.rand, 0, 10) == 0)
          ib_fault_proxy_add_rule (fx.proxy, g_rand_boolean (fx.rand) ? "POST" : "GET", "/v1/",
                                   (guint) g_rand_int_range (fx.rand, 1, 4),
                                   menu[g_rand_int_range (fx.rand, 0, G_N_ELEMENTS (menu))], 30, NULL);
      random_edits (&fx, &s, 1);

      if (g_get_monotonic_time () > next_kill)
        {
          /* kill -9: no chance to finish anything; then the same file again. */
          g_subprocess_force_exit (fx.srv->process);
          g_subprocess_wait (fx.srv->process, NULL, NULL);
          g_clear_object (&fx.srv->process);
          restart_server (&fx);
          kills++;
          next_kill = g_get_monotonic_time () + g_rand_int_range (fx.rand, 3, 6) * G_USEC_PER_SEC;
        }
    }

  quiesce (&fx);
  check_invariants (&fx);
  g_test_message ("soak: seed %u, %u s, %u edits, %u server kills, %u requests", fx.seed, seconds,
                  fx.history->len, kills, ib_fault_proxy_get_log (fx.proxy)->len);
  fault_teardown (&fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fault/concurrent-editors", test_concurrent_editors);
  g_test_add_func ("/fault/network-faults", test_network_faults);
  g_test_add_func ("/fault/polite-retries", test_polite_retries);
  g_test_add_func ("/fault/deadlines", test_deadlines);
  g_test_add_func ("/fault/reordered-and-replayed", test_reordered_and_replayed);
  g_test_add_func ("/fault/big-outbox", test_big_outbox);
  g_test_add_func ("/fault/server-crashes", test_server_crashes);
  g_test_add_func ("/fault/client-crashes", test_client_crashes);
  g_test_add_func ("/fault/exempt-never-leaks", test_exempt_never_leaks);
  g_test_add_func ("/fault/soak", test_soak);
  if (g_test_subprocess () || g_getenv ("IB_FAULT_CLIENT_DB") != NULL)
    g_test_add_func ("/fault/client-crash-child", test_client_crash_child);

  return g_test_run ();
}
