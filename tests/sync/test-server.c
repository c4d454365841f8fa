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
  g_assert_cmpuint (bad_method->status, ==, 404);
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
  ADD ("/server/roles/viewer", test_viewer_changes_nothing);
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
