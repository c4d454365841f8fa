/* test-bootstrap-file.c: the client's checks of a bootstrap file (docs/sync-protocol.md §4.8, §13.7)
 *
 * A real file is built with the server's builder from a page of the feed; each test then breaks
 * it in one way (cut short, padded, damaged, another program's, another version's, a view where
 * a table should be, other columns, a bad id, a bad cursor, a row the database refuses) and the
 * copy must refuse it, leaving the database as empty as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ib-store-bootstrap.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

#define PLAN_ID      "6f1c0000-0000-4000-8000-000000000001"
#define ACTION_ID    "6f1c0000-0000-4000-8000-000000000002"
#define STATEMENT_ID "6f1c0000-0000-4000-8000-000000000003"
#define CURSOR       "c.e7f3.3.9a0b1c2d.3"
#define CURSOR_AFTER "c.e7f3.4.9a0b1c2d.4"

static const char page_json[] =
  "[{\"type\":\"plan\",\"id\":\"" PLAN_ID "\",\"rev\":1,\"seq\":1,\"class\":\"public\","
  "  \"fields\":{\"title\":\"Improvement plan\"}},"
  " {\"type\":\"action\",\"id\":\"" ACTION_ID "\",\"rev\":2,\"seq\":2,\"class\":\"public\","
  "  \"fields\":{\"plan\":\"" PLAN_ID "\",\"ref\":\"1\",\"title\":\"Audit practice\",\"status\":\"on_track\"}},"
  " {\"type\":\"position_statement\",\"id\":\"" STATEMENT_ID "\",\"rev\":1,\"seq\":3,\"class\":\"public\","
  "  \"fields\":{\"action\":\"" ACTION_ID "\",\"as_at\":\"2025-06-03\",\"author\":\"Gwenllian\","
  "             \"narrative\":\"Mae'r gwaith yn mynd rhagddo: ŵyr a phlant.\"}}]";

static GBytes *
build_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) builder = ib_store_bootstrap_builder_new (&error);
  g_autoptr (JsonNode) page = json_from_string (page_json, &error);
  GBytes *file;

  g_assert_no_error (error);
  g_assert_true (ib_store_sync_apply_page (builder, json_node_get_array (page), NULL, &error));
  g_assert_no_error (error);
  file = ib_store_bootstrap_builder_finish (builder, &error);
  g_assert_no_error (error);
  return file;
}

/* Returns @file after @sql ran on a private copy of it. */
static GBytes *
altered (GBytes     *file,
         const char *sql)
{
  gsize size = g_bytes_get_size (file);
  unsigned char *copy = sqlite3_malloc64 (size);
  sqlite3 *db = NULL;
  sqlite3_int64 out_size = 0;
  unsigned char *out;

  memcpy (copy, g_bytes_get_data (file, NULL), size);
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (db, "main", copy, (sqlite3_int64) size, (sqlite3_int64) size,
                                        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  out = sqlite3_serialize (db, "main", &out_size, 0);
  sqlite3_close (db);
  return g_bytes_new_with_free_func (out, (gsize) out_size, sqlite3_free, out);
}

static GBytes *
patched (GBytes *file,
         gsize   offset,
         guint8  value)
{
  gsize size = 0;
  guint8 *data = g_memdup2 (g_bytes_get_data (file, &size), g_bytes_get_size (file));

  data[offset] = value;
  return g_bytes_new_take (data, size);
}

typedef struct
{
  char    *dir;
  char    *path;
  IbStore *store;
  GBytes  *file;
} Fixture;

/* How many statements the search index finds @text in. */
static int
count_matches (IbStore    *store,
               const char *text)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM statement_text WHERE statement_text MATCH '\"%s\"'", text);
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ib-bootstrap-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "app.db", NULL);
  f->store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  f->file = build_file ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_bytes_unref (f->file);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_copies_a_good_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autofree char *cursor = NULL, *role = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_true (ib_store_bootstrap_can_fill (f->store));
  g_assert_true (ib_store_bootstrap_copy (f->path, f->file, CURSOR, "viewer", "public", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  ib_store_bootstrap_reloaded (f->store);
  g_assert_false (ib_store_bootstrap_can_fill (f->store));

  action = ib_store_get (f->store, &ib_type_action, ACTION_ID, NULL);
  g_assert_nonnull (action);
  g_assert_cmpint (ib_record_get_rev (action), ==, 2);
  g_assert_cmpstr (ib_record_get_string (action, "title"), ==, "Audit practice");
  cursor = ib_store_sync_get_value (f->store, "cursor");
  g_assert_cmpstr (cursor, ==, CURSOR);
  role = ib_store_sync_get_value (f->store, "role");
  g_assert_cmpstr (role, ==, "viewer");
  /* The builder's device id stayed behind: this device keeps its own. */
  g_assert_cmpstr (ib_store_get_device_id (f->store), !=, NULL);

  /* The search index is left to be built after the copy; built, it finds the copied rows,
   * Welsh letters folded as any other. */
  g_assert_false (ib_store_bootstrap_index_is_built (f->store));
  g_assert_cmpint (count_matches (f->store, "ŴYR"), ==, 0);
  g_assert_true (ib_store_bootstrap_build_index (f->path, &error));
  g_assert_no_error (error);
  g_assert_true (ib_store_bootstrap_index_is_built (f->store));
  g_assert_cmpint (count_matches (f->store, "ŴYR"), ==, 1);
  g_assert_true (ib_sqlite_exec (_ib_store_get_db (f->store),
                                 "INSERT INTO statement_text (statement_text) VALUES ('integrity-check')", NULL));
  /* Built, it is kept by every write again. */
  g_assert_true (ib_sqlite_exec (_ib_store_get_db (f->store),
                                 "UPDATE position_statement SET narrative = 'Dim ond plant' WHERE id = '" STATEMENT_ID "'",
                                 NULL));
  g_assert_cmpint (count_matches (f->store, "ŴYR"), ==, 0);
  g_assert_cmpint (count_matches (f->store, "ONLY"), ==, 0);
  g_assert_cmpint (count_matches (f->store, "PLANT"), ==, 1);
  g_assert_true (ib_store_bootstrap_build_index (f->path, &error));

  /* No server copies came along: one is kept only under an edit not yet confirmed
   * (docs/sync-protocol.md §13), and the first edit keeps the row as it was. */
  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (f->store), "SELECT count (*) FROM sync_base", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  ib_record_set_string (action, "title", "Audit practice monthly");
  g_assert_true (ib_store_update (f->store, action, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (f->store),
                                       "SELECT rev, json_extract (fields, '$.title') FROM sync_base WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ACTION_ID, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Audit practice");
  sqlite3_finalize (stmt);
}

/* A process stopped after the copy, before its search index: the next open builds it, and
 * meanwhile a page of the feed leaves the index alone rather than write half of one. */
static void
test_index_built_at_next_open (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) page = json_from_string (
    "[{\"type\":\"position_statement\",\"id\":\"" STATEMENT_ID "\",\"rev\":2,\"seq\":4,\"class\":\"public\","
    "  \"fields\":{\"action\":\"" ACTION_ID "\",\"as_at\":\"2025-06-03\",\"author\":\"Gwenllian\","
    "             \"narrative\":\"Gwaith newydd.\"}}]", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (ib_store_bootstrap_copy (f->path, f->file, CURSOR, "viewer", "public", &n, &error));
  g_assert_no_error (error);
  ib_store_bootstrap_reloaded (f->store);
  g_assert_false (ib_store_bootstrap_index_is_built (f->store));
  g_assert_true (ib_store_sync_apply_page (f->store, json_node_get_array (page), CURSOR_AFTER, &error));
  g_assert_no_error (error);
  g_assert_false (ib_store_bootstrap_index_is_built (f->store));
  g_clear_object (&f->store);

  f->store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ib_store_bootstrap_index_is_built (f->store));
  g_assert_cmpint (count_matches (f->store, "ŵyr"), ==, 0);
  g_assert_cmpint (count_matches (f->store, "newydd"), ==, 1);
  g_assert_true (ib_sqlite_exec (_ib_store_get_db (f->store),
                                 "INSERT INTO statement_text (statement_text) VALUES ('integrity-check')", NULL));
}

typedef struct
{
  const char *name;
  const char *sql;      /* run on a copy of the file, or NULL */
  int         cut;      /* bytes to keep (> 0), or to add (< 0) */
  gssize      patch_at; /* a byte to change, or -1 */
  guint8      patch_to;
  const char *cursor;
  int         code;
} Breakage;

static const Breakage breakages[] = {
  { "truncated", NULL, 1, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "padded", NULL, -512, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "not-sqlite", NULL, 0, 0, 'X', CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "wal-header", NULL, 0, 18, 2, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "other-program", "PRAGMA application_id = 1234", 0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "other-version", "PRAGMA user_version = 7", 0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "view-for-table", "DROP TABLE plan; CREATE VIEW plan AS SELECT * FROM action", 0, -1, 0, CURSOR,
    IB_STORE_ERROR_NOT_A_DATABASE },
  { "extra-column", "ALTER TABLE action ADD COLUMN payload TEXT", 0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "generated-column", "ALTER TABLE risk ADD COLUMN computed TEXT AS (upper (title)) VIRTUAL", 0, -1, 0, CURSOR,
    IB_STORE_ERROR_NOT_A_DATABASE },
  { "missing-table", "DROP TABLE sync_base", 0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "bad-id", "UPDATE action SET id = 'x'", 0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  { "bad-cursor", NULL, 0, -1, 0, "c.e7f3.3.9a0b1c2d", IB_STORE_ERROR_NOT_A_DATABASE },
  { "hostile-cursor", NULL, 0, -1, 0, "c.e7f3.3.9a0b1c2d.3'; DROP TABLE plan; --", IB_STORE_ERROR_NOT_A_DATABASE },
  /* A value the app's schema forbids: quick_check reads CHECK constraints too. */
  { "forbidden-value", "PRAGMA ignore_check_constraints = ON; UPDATE action SET class = 'secret'",
    0, -1, 0, CURSOR, IB_STORE_ERROR_NOT_A_DATABASE },
  /* Passes every check (the file has no unique index of its own), then breaks one of the app's
   * rules in a table copied after the plans: the plans go too (one transaction). */
  { "refused-row", "DROP INDEX IF EXISTS measurement_indicator_period;"
                   " INSERT INTO measurement (id, indicator, period) VALUES"
                   " ('6f1c0000-0000-4000-8000-0000000000fe', '6f1c0000-0000-4000-8000-0000000000fd', '2025-01'),"
                   " ('6f1c0000-0000-4000-8000-0000000000ff', '6f1c0000-0000-4000-8000-0000000000fd', '2025-01')",
    0, -1, 0, CURSOR, IB_STORE_ERROR_CONSTRAINT },
};

static void
test_refuses (Fixture       *f,
              gconstpointer  data)
{
  const Breakage *b = data;
  g_autoptr (GBytes) broken = NULL;
  g_autoptr (GError) error = NULL;
  gsize size = g_bytes_get_size (f->file);
  sqlite3_stmt *stmt = NULL;
  guint n = 99;

  if (b->sql != NULL)
    broken = altered (f->file, b->sql);
  else if (b->cut > 0)
    broken = g_bytes_new_from_bytes (f->file, 0, size / 2);
  else if (b->cut < 0)
    {
      guint8 *longer = g_malloc0 (size + (gsize) -b->cut);

      memcpy (longer, g_bytes_get_data (f->file, NULL), size);
      broken = g_bytes_new_take (longer, size + (gsize) -b->cut);
    }
  else if (b->patch_at >= 0)
    broken = patched (f->file, (gsize) b->patch_at, b->patch_to);
  else
    broken = g_bytes_ref (f->file);

  g_assert_false (ib_store_bootstrap_copy (f->path, broken, b->cursor, NULL, NULL, &n, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", b->name, error->message);
  g_assert_cmpint (error->domain, ==, IB_STORE_ERROR);
  g_assert_cmpint (error->code, ==, b->code);
  g_assert_cmpuint (n, ==, 99);

  /* Nothing half-applied: the database holds what it held. */
  g_assert_true (ib_store_bootstrap_can_fill (f->store));
  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (f->store),
                                       "SELECT (SELECT count (*) FROM plan) + (SELECT count (*) FROM action)"
                                       " + (SELECT count (*) FROM sync_base) + (SELECT count (*) FROM statement_text)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  /* The search index's triggers went with the rolled-back copy's rows, and are back. */
  g_assert_true (ib_store_bootstrap_index_is_built (f->store));
}

/* A database with anything in it is never filled from a file, even a good one. */
static void
test_refuses_non_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
  g_autoptr (IbRecord) still = NULL;
  guint n = 0;

  ib_record_set_string (plan, "title", "Drafted offline");
  g_assert_true (ib_store_create (f->store, plan, &error));
  g_assert_false (ib_store_bootstrap_can_fill (f->store));
  g_assert_false (ib_store_bootstrap_copy (f->path, f->file, CURSOR, NULL, NULL, &n, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED);
  still = ib_store_get (f->store, &ib_type_plan, ib_record_get_id (plan), NULL);
  g_assert_nonnull (still);
  g_assert_null (ib_store_get (f->store, &ib_type_plan, PLAN_ID, NULL));
  g_assert_cmpuint (ib_store_sync_count (f->store, "pending"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bootstrap-file/copies-a-good-file", Fixture, NULL, setup, test_copies_a_good_file, teardown);
  g_test_add ("/bootstrap-file/index-built-at-next-open", Fixture, NULL, setup, test_index_built_at_next_open, teardown);
  g_test_add ("/bootstrap-file/refuses-non-empty", Fixture, NULL, setup, test_refuses_non_empty, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bootstrap-file/refuses/%s", breakages[i].name);

      g_test_add (path, Fixture, &breakages[i], setup, test_refuses, teardown);
    }

  return g_test_run ();
}
