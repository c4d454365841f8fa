/* test-store.c: the SQLite store: opening, migrations, the transaction + outbox rule, bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <unistd.h>

#include "ib-record-json.h"
#include "ib-store-migrations.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "ib-store-private.h"
#include "ib-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ib_test_make_dir ();
  f->path = g_build_filename (f->dir, "board.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
db_int (IbStore    *store,
        const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  return value;
}

static int
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static IbRecord *
new_plan (const char *title)
{
  IbRecord *plan = ib_record_new (&ib_type_plan);

  ib_record_set_string (plan, "title", title);
  ib_record_set_string (plan, "status", "active");
  return plan;
}

static IbRecord *
new_action (const char *plan_id,
            const char *ref)
{
  IbRecord *action = ib_record_new (&ib_type_action);

  ib_record_set_string (action, "plan", plan_id);
  ib_record_set_string (action, "ref", ref);
  ib_record_set_string (action, "title", "Recruitment and retention");
  ib_record_set_string (action, "delivery_rag", "amber");
  return action;
}

static JsonObject *
outbox_row (IbStore *store,
            guint    index,
            guint    expected_len)
{
  g_autoptr (GPtrArray) rows = ib_store_get_outbox (store);

  g_assert_cmpuint (rows->len, ==, expected_len);
  if (index >= rows->len)
    return NULL;
  return json_object_ref (rows->pdata[index]);
}

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "board.db", NULL);
  g_autoptr (IbStore) nested_store = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (db_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (db_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_true (g_uuid_string_is_valid (ib_store_get_device_id (store)));
  g_assert_true (ib_store_is_empty (store));

  {
    g_autoptr (sqlite3_stmt) stmt = NULL;

    sqlite3_prepare_v2 (_ib_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  }

  /* The default path's folder may not exist yet. */
  nested_store = ib_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (nested_store);
}

static void
test_device_id_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = NULL;

  {
    g_autoptr (IbStore) store = ib_store_open (f->path, NULL);
    first = g_strdup (ib_store_get_device_id (store));
  }
  {
    g_autoptr (IbStore) store = ib_store_open (f->path, NULL);
    g_assert_cmpstr (ib_store_get_device_id (store), ==, first);
  }
}

static void
test_schema_matches_types (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbStore) store = ib_store_open (":memory:", NULL);
  const IbRecordType * const *types = ib_record_types ();

  for (guint t = 0; types[t] != NULL; t++)
    {
      g_autofree char *columns = _ib_store_columns (types[t]);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", columns, types[t]->name);
      g_autoptr (sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
    }
}

static void
on_changed (IbStore    *store,
            const char *type_name,
            const char *id,
            int         change,
            GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%s %s %d", type_name, id, change));
}

static void
test_create_writes_outbox (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) plan = new_plan ("15-point action plan");
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (IbRecord) stored = NULL;
  JsonObject *set;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);

  g_assert_true (ib_store_create (store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (ib_record_get_id (plan)));

  row = outbox_row (store, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "op"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, ib_record_get_id (plan));
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "pending");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (row, "mid")));
  set = json_object_get_object_member (row, "set");
  g_assert_cmpstr (json_object_get_string_member (set, "title"), ==, "15-point action plan");

  /* The live list and the signal both saw it, after the commit. */
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpuint (log->len, ==, 1);

  stored = ib_store_get (store, &ib_type_plan, ib_record_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_string (stored, "title"), ==, "15-point action plan");
  g_assert_cmpint (ib_record_get_rev (stored), ==, 0);
  g_assert_nonnull (ib_record_get_updated_at (stored));
  g_assert_cmpstr (ib_record_get_updated_by (stored), ==, ib_store_get_user (store));
}

static IbRecord *
import_synced_plan (IbStore    *store,
                    const char *title,
                    gint64      rev)
{
  g_autoptr (GError) error = NULL;
  IbRecord *plan = new_plan (title);
  g_autofree char *id = g_uuid_string_random ();

  ib_record_set_id (plan, id);
  ib_record_set_rev (plan, rev);
  g_assert_true (ib_store_import (store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

static void
test_update_set_was (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) plan = import_synced_plan (store, "Improvement plan", 3);
  g_autoptr (IbRecord) edit = NULL;
  g_autoptr (JsonObject) row = NULL;
  JsonObject *set, *was;

  /* Imported (synced) records make no outbox rows. */
  outbox_row (store, 0, 0);

  edit = ib_store_get (store, &ib_type_plan, ib_record_get_id (plan), NULL);
  g_assert_true (ib_store_update (store, edit, &error));
  g_assert_no_error (error);
  outbox_row (store, 0, 0); /* unchanged: nothing written */

  ib_record_set_string (edit, "title", "Children’s Social Care Improvement Plan");
  ib_record_set_string (edit, "version_label", "Draft v3");
  g_assert_true (ib_store_update (store, edit, &error));
  g_assert_no_error (error);

  row = outbox_row (store, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "op"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (row, "base_rev"), ==, 3);
  set = json_object_get_object_member (row, "set");
  was = json_object_get_object_member (row, "was");
  g_assert_cmpuint (json_object_get_size (set), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (set, "title"), ==, "Children’s Social Care Improvement Plan");
  g_assert_cmpstr (json_object_get_string_member (was, "title"), ==, "Improvement plan");
  g_assert_true (json_object_get_null_member (was, "version_label"));
  /* Unchanged fields are never sent, so a peer's edits to them are not erased. */
  g_assert_false (json_object_has_member (set, "status"));
}

static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) fresh = new_plan ("Draft");
  g_autoptr (IbRecord) synced = import_synced_plan (store, "Original", 5);
  g_autoptr (JsonObject) row0 = NULL;
  g_autoptr (JsonObject) row1 = NULL;

  g_assert_true (ib_store_create (store, fresh, &error));
  ib_record_set_string (fresh, "title", "Draft two");
  g_assert_true (ib_store_update (store, fresh, &error));

  ib_record_set_string (synced, "title", "Second");
  g_assert_true (ib_store_update (store, synced, &error));
  ib_record_set_string (synced, "title", "Third");
  ib_record_set_string (synced, "status", "closed");
  g_assert_true (ib_store_update (store, synced, &error));
  g_assert_no_error (error);

  /* One mutation per record: a create absorbs its edits; updates merge, keeping the oldest base. */
  row0 = outbox_row (store, 0, 2);
  g_assert_cmpstr (json_object_get_string_member (row0, "op"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row0, "set"), "title"), ==, "Draft two");
  row1 = outbox_row (store, 1, 2);
  g_assert_cmpstr (json_object_get_string_member (row1, "op"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (row1, "base_rev"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row1, "set"), "title"), ==, "Third");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row1, "was"), "title"), ==, "Original");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row1, "was"), "status"), ==, "active");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) plan = import_synced_plan (store, "Plan", 2);
  g_autoptr (IbRecord) action = new_action (ib_record_get_id (plan), "1");
  g_autoptr (IbRecord) draft = new_plan ("Never synced");
  g_autoptr (GListModel) actions = ib_store_list (store, &ib_type_action);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (IbRecord) gone = NULL;

  g_assert_true (ib_store_create (store, action, &error));
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 1);

  g_assert_true (ib_store_delete (store, &ib_type_plan, ib_record_get_id (plan), &error));
  g_assert_no_error (error);

  /* The parent's delete is the one mutation; the child's pending create is dropped with it. */
  row = outbox_row (store, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "op"), ==, "delete");
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, ib_record_get_id (plan));
  g_assert_cmpint (json_object_get_int_member (row, "base_rev"), ==, 2);

  gone = ib_store_get (store, &ib_type_action, ib_record_get_id (action), &error);
  g_assert_null (gone);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 0);
  /* Tombstones stay in the table. */
  g_assert_cmpint (db_int (store, "SELECT count(*) FROM plan WHERE deleted = 1"), ==, 1);

  /* A create the server never saw cancels out with its delete. */
  g_assert_true (ib_store_create (store, draft, &error));
  g_assert_true (ib_store_delete (store, &ib_type_plan, ib_record_get_id (draft), &error));
  g_assert_no_error (error);
  outbox_row (store, 0, 1);

  g_assert_false (ib_store_delete (store, &ib_type_plan, ib_record_get_id (draft), &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_NOT_FOUND);
}

static void
test_atomic (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autofree char *missing = g_uuid_string_random ();
  g_autoptr (IbRecord) orphan = new_action (missing, "4");
  g_autoptr (IbRecord) plan = new_plan ("Plan");
  g_autoptr (IbRecord) bad = NULL;
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);

  /* A missing parent is refused with the field named, and nothing is written. */
  g_assert_false (ib_store_create (store, orphan, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "plan"));
  g_clear_error (&error);
  g_assert_cmpuint (ib_store_count (store, &ib_type_action), ==, 0);
  outbox_row (store, 0, 0);

  /* An invalid field is refused, named. */
  bad = new_action (missing, "4");
  ib_record_set_string (bad, "due_on", "2021-13-01");
  g_assert_false (ib_store_create (store, bad, &error));
  g_assert_nonnull (strstr (error->message, "due_on"));
  g_clear_error (&error);

  /* A transaction that fails part-way leaves neither records nor outbox rows. */
  g_assert_true (ib_store_begin (store, &error));
  g_assert_true (ib_store_create (store, plan, &error));
  g_assert_cmpint (db_int (store, "SELECT count(*) FROM plan"), ==, 1);
  g_assert_false (ib_store_create (store, orphan, &error));
  g_clear_error (&error);
  ib_store_rollback (store);
  g_assert_cmpint (db_int (store, "SELECT count(*) FROM plan"), ==, 0);
  outbox_row (store, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
}

static void
test_unique_measurement (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);
  g_autoptr (IbRecord) first = ib_record_new (&ib_type_measurement);
  g_autoptr (IbRecord) second = ib_record_new (&ib_type_measurement);

  ib_record_set_string (indicator, "code", "CLA_N");
  ib_record_set_string (indicator, "title", "Children in care");
  ib_record_set_string (indicator, "unit", "count");
  ib_record_set_string (indicator, "polarity", "neutral");
  g_assert_true (ib_store_create (store, indicator, &error));

  for (IbRecord **m = (IbRecord *[]) { first, second, NULL }; *m != NULL; m++)
    {
      ib_record_set_string (*m, "indicator", ib_record_get_id (indicator));
      ib_record_set_string (*m, "period", "2021-03");
      ib_record_set_double (*m, "value", 446);
    }

  g_assert_true (ib_store_create (store, first, &error));
  g_assert_false (ib_store_create (store, second, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (ib_store_count (store, &ib_type_measurement), ==, 1);
  outbox_row (store, 0, 2);
}

static void
test_unknown_fields_survive_store (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) record = ib_record_from_string (
    "{\"type\":\"meeting\",\"id\":\"6f1c2b9e-8c1a-4a55-9a51-2c1d6a7e4b10\",\"rev\":4,"
    "\"fields\":{\"kind\":\"cabinet\",\"held_on\":\"2021-03-01\",\"title\":\"Cabinet\",\"chair\":\"Leader\"}}",
    &error);
  g_autoptr (IbRecord) back = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (ib_store_import (store, record, &error));
  back = ib_store_get (store, &ib_type_meeting, ib_record_get_id (record), &error);
  text = ib_record_to_string (back);
  g_assert_nonnull (strstr (text, "\"chair\":\"Leader\""));
}

/* Bad input: each refused open leaves the file byte-for-byte as it was. */

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len = 0, after_len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = ib_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, IB_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "not been changed"));
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  raw_exec (f->path, "CREATE TABLE future (x); PRAGMA user_version = 99");
  assert_refused_untouched (f->path, IB_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  GString *junk = g_string_new ("This is a spreadsheet someone renamed.\n");

  for (guint i = 0; i < 400; i++)
    g_string_append (junk, "0123456789abcdef");
  g_assert_true (g_file_set_contents (f->path, junk->str, (gssize) junk->len, NULL));
  g_string_free (junk, TRUE);
  assert_refused_untouched (f->path, IB_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_other_programs_database (Fixture       *f,
                              gconstpointer  data)
{
  raw_exec (f->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  assert_refused_untouched (f->path, IB_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_damaged_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  {
    g_autoptr (IbStore) store = ib_store_open (f->path, NULL);
    g_autoptr (IbRecord) plan = new_plan ("Plan");

    g_assert_true (ib_store_create (store, plan, NULL));
  }

  /* Scribble over the header's page size and the schema page, as a failing disk might. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 200);
  memset (contents + 16, 0x7f, 2);
  memset (contents + 100, 0xee, 60);
  g_assert_true (g_file_set_contents (f->path, contents, (gssize) len, NULL));
  assert_refused_untouched (f->path, IB_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  /* A file where the folder should be fails even for root, unlike permission bits. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  store = ib_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores permission bits; run the unit suite as a normal user to cover this");
      return;
    }

  {
    g_autoptr (IbStore) first = ib_store_open (f->path, NULL);
    g_autoptr (IbRecord) plan = new_plan ("Plan");

    g_assert_true (ib_store_create (first, plan, NULL));
  }

  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  store = ib_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  store = ib_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CANNOT_OPEN);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plan"), ==, 1);
}

/* Migrations, from each earlier version, with data in it. */

static void
make_version_1 (const char *path)
{
  raw_exec (path, _ib_store_migration_sql (1));
  raw_exec (path,
    "PRAGMA user_version = 1;"
    "PRAGMA application_id = 1229083204;"
    "INSERT INTO plan (id, title, status) VALUES ('11111111-1111-4111-8111-111111111111', '15-point action plan', 'active');"
    "INSERT INTO action (id, plan, ref, title, delivery_rag, linked_risks)"
    "  VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', '10', 'Recruitment', 'red', '[]');"
    "INSERT INTO indicator (id, code, title, unit, polarity) VALUES ('33333333-3333-4333-8333-333333333333', 'CLA_N', 'Children in care', 'count', 'neutral');"
    "INSERT INTO measurement (id, indicator, period, value) VALUES ('44444444-4444-4444-8444-444444444444', '33333333-3333-4333-8333-333333333333', '2021-03', 446);"
    "INSERT INTO outbox (mid, type, id, op, set_json, created_at) VALUES ('55555555-5555-4555-8555-555555555555', 'plan', '11111111-1111-4111-8111-111111111111', 'create', '{}', '2021-03-29T10:00:00Z');");
}

static void
test_migrate_from_empty_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);
}

static void
test_migrate_from_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (IbRecord) duplicate = ib_record_new (&ib_type_measurement);

  make_version_1 (f->path);
  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM sync_unknown"), ==, 0);

  action = ib_store_get (store, &ib_type_action, "22222222-2222-4222-8222-222222222222", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_string (action, "delivery_rag"), ==, "red");
  g_assert_cmpuint (ib_store_count (store, &ib_type_measurement), ==, 1);
  g_assert_cmpuint (ib_store_get_outbox (store)->len, ==, 1);

  /* Version 2's rule now holds. */
  ib_record_set_string (duplicate, "indicator", "33333333-3333-4333-8333-333333333333");
  ib_record_set_string (duplicate, "period", "2021-03");
  g_assert_false (ib_store_create (store, duplicate, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_CONSTRAINT);
}

/* Version 4 added interventions. A version-3 client that pulled one kept it raw; after the
 * upgrade it is a record, and an entry of a type still unknown stays kept. */
static void
test_migrate_from_3_adopts_kept_entries (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) step = NULL;
  g_autoptr (GPtrArray) outbox = NULL;

  make_version_1 (f->path);
  raw_exec (f->path, _ib_store_migration_sql (2));
  raw_exec (f->path, _ib_store_migration_sql (3));
  raw_exec (f->path,
    "PRAGMA user_version = 3;"
    "INSERT INTO sync_unknown (type, id, seq, entry, reason) VALUES ('intervention',"
    "  '66666666-6666-4666-8666-666666666666', 7,"
    "  '{\"type\":\"intervention\",\"id\":\"66666666-6666-4666-8666-666666666666\",\"rev\":3,\"seq\":7,"
    "    \"class\":\"public\",\"fields\":{\"kind\":\"statutory_direction\",\"starts_on\":\"2022-03-01\"}}',"
    "  'unknown type');"
    "INSERT INTO sync_unknown (type, id, seq, entry, reason) VALUES ('x_future',"
    "  '77777777-7777-4777-8777-777777777777', 8, '{\"type\":\"x_future\",\"id\":\"77777777-7777-4777-8777-777777777777\",\"rev\":1}',"
    "  'unknown type');");

  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);

  step = ib_store_get (store, &ib_type_intervention, "66666666-6666-4666-8666-666666666666", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_string (step, "kind"), ==, "statutory_direction");
  g_assert_cmpint (ib_record_get_rev (step), ==, 3);
  /* Adopted as the server's, not as a local edit: nothing more to push. */
  outbox = ib_store_get_outbox (store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM sync_unknown WHERE type = 'intervention'"), ==, 0);
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM sync_unknown WHERE type = 'x_future'"), ==, 1);
  /* Earlier data is still there. */
  g_assert_cmpuint (ib_store_count (store, &ib_type_measurement), ==, 1);
}

static void
test_failed_migration_keeps_data (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  /* Version 1 allowed two values for one month; version 2 cannot be applied over them. */
  make_version_1 (f->path);
  raw_exec (f->path,
    "INSERT INTO measurement (id, indicator, period, value) VALUES"
    " ('66666666-6666-4666-8666-666666666666', '33333333-3333-4333-8333-333333333333', '2021-03', 447)");

  store = ib_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_MIGRATION_FAILED);
  g_assert_nonnull (strstr (error->message, "left as it was"));

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM measurement"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM action"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'priority_plan'"), ==, 0);
}

static void
test_too_large_refused_before_queuing (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) plan = new_plan ("Big plan");
  g_autoptr (GPtrArray) outbox = NULL;
  g_autofree char *chunk = g_strnfill (60 * 1024, 'x');

  /* Five fields of 60 KiB: each is allowed, together they pass the 256 KiB record limit. */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("future_%d", i);

      json_object_set_string_member (ib_record_get_fields (plan), name, chunk);
    }
  g_assert_false (ib_store_create (store, plan, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large"));

  outbox = ib_store_get_outbox (store);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpuint (ib_store_count (store, &ib_type_plan), ==, 0);
}


/* Version 5 gave conflicts a reason and a count of kept records, and resolves a decision to
 * restore or delete; a version-4 database with an open conflict and a queued edit keeps both. */
static void
test_migrate_from_4 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;

  make_version_1 (f->path);
  raw_exec (f->path, _ib_store_migration_sql (2));
  raw_exec (f->path, _ib_store_migration_sql (3));
  raw_exec (f->path, _ib_store_migration_sql (4));
  raw_exec (f->path,
    "PRAGMA user_version = 4;"
    "INSERT INTO conflicts (conflict_id, type, id, mine, theirs, server_rev, author, created_at, status)"
    "  VALUES ('88888888-8888-4888-8888-888888888888', 'action', '22222222-2222-4222-8222-222222222222',"
    "  '{\"title\":\"Mine\"}', '{\"title\":\"Theirs\"}', 4, 'ed', '2022-05-03T10:00:00Z', 'open');");

  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);

  conflicts = ib_store_sync_list_conflicts (store);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflicts->pdata[0], "mine"), "title"),
                   ==, "Mine");
  g_assert_null (json_object_get_string_member (conflicts->pdata[0], "reason"));
  g_assert_cmpint (json_object_get_int_member (conflicts->pdata[0], "kept"), ==, 0);
  g_assert_cmpuint (ib_store_get_outbox (store)->len, ==, 1);
}

/* Version 6 added reports (packs) and their snapshots. A version-5 database with a meeting, a
 * statement naming it and a queued edit keeps them all; a report a version-5 client pulled and
 * kept raw becomes a record, and a new report can be written beside them. */
static void
test_migrate_from_5 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) kept = NULL;
  g_autoptr (IbRecord) fresh = ib_record_new (&ib_type_report);
  g_autoptr (IbRecord) statement = NULL;

  make_version_1 (f->path);
  for (int v = 2; v <= 5; v++)
    raw_exec (f->path, _ib_store_migration_sql (v));
  raw_exec (f->path,
    "PRAGMA user_version = 5;"
    "INSERT INTO meeting (id, kind, held_on, title) VALUES ('99999999-9999-4999-8999-999999999999',"
    "  'scrutiny', '2022-05-03', 'Scrutiny Committee');"
    "INSERT INTO position_statement (id, action, as_at, narrative, delivery_rag, meeting) VALUES"
    "  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '22222222-2222-4222-8222-222222222222', '2022-05-03',"
    "  'Agency rate above 30%.', 'amber', '99999999-9999-4999-8999-999999999999');"
    "INSERT INTO sync_unknown (type, id, seq, entry, reason) VALUES ('report',"
    "  'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 9,"
    "  '{\"type\":\"report\",\"id\":\"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\",\"rev\":2,\"seq\":9,"
    "    \"class\":\"public\",\"fields\":{\"meeting\":\"99999999-9999-4999-8999-999999999999\","
    "    \"subject\":\"Children’s Services Improvement Plan\",\"appendix_plan\":true}}',"
    "  'unknown type');");

  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);

  statement = ib_store_get (store, &ib_type_position_statement, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_string (statement, "meeting"), ==, "99999999-9999-4999-8999-999999999999");
  g_assert_cmpuint (ib_store_get_outbox (store)->len, ==, 1);

  kept = ib_store_get (store, &ib_type_report, "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_string (kept, "subject"), ==, "Children’s Services Improvement Plan");
  g_assert_true (ib_record_get_bool (kept, "appendix_plan"));
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM sync_unknown"), ==, 0);

  ib_record_set_string (fresh, "meeting", "99999999-9999-4999-8999-999999999999");
  ib_record_set_string (fresh, "subject", "Improvement Board pack");
  ib_record_set_string (fresh, "scope", "programme");
  g_assert_true (ib_store_create (store, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ib_store_count (store, &ib_type_report), ==, 2);
}

/* Version 7 added the published figures' symbols, source and ranks to measurements, and the
 * device's own national-data tables. A version-6 measurement whose newer peer had already sent
 * a source keeps it (it was kept aside, and is read back as the field it now is), its figures
 * are untouched, and a suppressed figure can be written beside them. */
static void
test_migrate_from_6 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) measurement = NULL;

  make_version_1 (f->path);
  for (int v = 2; v <= 6; v++)
    raw_exec (f->path, _ib_store_migration_sql (v));
  raw_exec (f->path,
    "PRAGMA user_version = 6;"
    "UPDATE measurement SET england = 410, extra = '{\"source_dataset\":\"CLA on 31 March\"}'"
    "  WHERE id = '44444444-4444-4444-8444-444444444444';");

  store = ib_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (store, "PRAGMA user_version"), ==, IB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM local_setting"), ==, 0);

  measurement = ib_store_get (store, &ib_type_measurement, "44444444-4444-4444-8444-444444444444", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ib_record_get_double (measurement, "value"), ==, 446);
  g_assert_cmpfloat (ib_record_get_double (measurement, "england"), ==, 410);
  g_assert_cmpstr (ib_record_get_string (measurement, "source_dataset"), ==, "CLA on 31 March");

  ib_record_set_double (measurement, "value", NAN);
  ib_record_set_string (measurement, "value_symbol", "c");
  ib_record_set_int (measurement, "rank", 12);
  g_assert_true (ib_store_update (store, measurement, &error));
  g_assert_no_error (error);
  g_clear_object (&measurement);
  measurement = ib_store_get (store, &ib_type_measurement, "44444444-4444-4444-8444-444444444444", &error);
  g_assert_true (isnan (ib_record_get_double (measurement, "value")));
  g_assert_cmpstr (ib_record_get_string (measurement, "value_symbol"), ==, "c");
  g_assert_cmpint (ib_record_get_int (measurement, "rank", 0), ==, 12);
  g_assert_cmpstr (ib_record_get_string (measurement, "source_dataset"), ==, "CLA on 31 March");
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM measurement WHERE extra IS NULL"
                                  " AND source_dataset = 'CLA on 31 March'"), ==, 1);
}

/* Stored JSON that cannot be read is never taken for "nothing": the edit that would merge onto
 * it fails, naming the record, and the file is as it was. */
static void
test_damaged_json_stops_with_the_record (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->path, &error);
  g_autoptr (IbRecord) plan = new_plan ("Plan with edits queued");
  g_autoptr (IbRecord) again = NULL;
  g_autoptr (GPtrArray) batch = NULL;
  g_autofree char *set_before = NULL;

  g_assert_true (ib_store_create (store, plan, &error));
  g_assert_no_error (error);
  /* Pretend the server has it, so a second edit coalesces into a queued update. */
  g_assert_cmpint (sqlite3_exec (_ib_store_get_db (store), "DELETE FROM outbox; UPDATE plan SET rev = 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  ib_record_set_string (plan, "version_label", "v2");
  g_assert_true (ib_store_update (store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_ib_store_get_db (store), "UPDATE outbox SET set_json = '{\"version_label\":\"v2'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  again = ib_store_get (store, &ib_type_plan, ib_record_get_id (plan), &error);
  ib_record_set_string (again, "title", "Renamed");
  g_assert_false (ib_store_update (store, again, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, ib_record_get_id (plan)));
  g_clear_error (&error);
  g_clear_object (&again);
  again = ib_store_get (store, &ib_type_plan, ib_record_get_id (plan), &error);
  g_assert_cmpstr (ib_record_get_string (again, "title"), ==, "Plan with edits queued");

  /* Nor is the damaged row sent as an empty update. */
  batch = ib_store_sync_next_batch (store, 100, 1024 * 1024, &error);
  g_assert_null (batch);
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, ib_record_get_id (plan)));
  g_assert_cmpint (db_int (store, "SELECT count (*) FROM outbox WHERE state = 'pending'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/core/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-creates", test_open_creates);
  ADD ("device-id-kept", test_device_id_kept);
  ADD ("schema-matches-types", test_schema_matches_types);
  ADD ("create-writes-outbox", test_create_writes_outbox);
  ADD ("update-set-was", test_update_set_was);
  ADD ("coalesce", test_coalesce);
  ADD ("delete", test_delete);
  ADD ("atomic", test_atomic);
  ADD ("unique-measurement", test_unique_measurement);
  ADD ("unknown-fields-survive", test_unknown_fields_survive_store);
  ADD ("bad/newer-schema", test_newer_schema);
  ADD ("bad/not-a-database", test_not_a_database);
  ADD ("bad/other-programs-database", test_other_programs_database);
  ADD ("bad/damaged", test_damaged_database);
  ADD ("bad/unwritable-folder", test_unwritable_folder);
  ADD ("bad/read-only", test_read_only_folder);
  ADD ("migrate/from-empty-file", test_migrate_from_empty_file);
  ADD ("migrate/from-1", test_migrate_from_1);
  ADD ("migrate/from-3-adopts-kept-entries", test_migrate_from_3_adopts_kept_entries);
  ADD ("migrate/failed-keeps-data", test_failed_migration_keeps_data);
  ADD ("migrate/from-4", test_migrate_from_4);
  ADD ("migrate/from-5", test_migrate_from_5);
  ADD ("migrate/from-6", test_migrate_from_6);
  ADD ("bad/damaged-json", test_damaged_json_stops_with_the_record);
  ADD ("too-large", test_too_large_refused_before_queuing);
#undef ADD

  return g_test_run ();
}
