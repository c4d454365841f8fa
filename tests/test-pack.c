/* test-pack.c: packs built from live data, issued as frozen snapshots and read back, split into
 * Part 1 and Part 2, versioned, and compared with the previous board's ("since the last board")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "ib-demo.h"
#include "ib-evidence.h"
#include "ib-pack.h"
#include "ib-pack-diff.h"
#include "ib-record-json.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "ib-test-util.h"
#include "ib-pack-fixture.h"

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

static void
db_exec (IbStore    *store,
         const char *sql)
{
  g_assert_cmpint (sqlite3_exec (_ib_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static JsonObject *
find_item (JsonObject *document,
           const char *section,
           const char *member,
           const char *value)
{
  JsonArray *array = json_object_get_array_member (document, section);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, member, NULL), value) == 0)
        return item;
    }
  return NULL;
}

static void
issue (Fixture    *f,
       const char *report,
       const char *on)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ib_pack_issue (f->store, report, on, &error));
  g_assert_no_error (error);
}

static IbPack *
load (Fixture    *f,
      const char *report)
{
  g_autoptr (GError) error = NULL;
  IbPack *pack = ib_pack_load (f->store, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

/* The changes of @pack's comparison, in order, as "code" strings. */
/* Returns @document's changes in reading order: exceptions, better, other (transfer full). */
static JsonArray *
all_changes (JsonObject *document)
{
  JsonObject *since = json_object_get_object_member (document, "since");
  const char *lists[] = { "exceptions", "better", "other" };
  JsonArray *all = json_array_new ();

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *list = json_object_get_array_member (since, lists[l]);

      for (guint i = 0; i < json_array_get_length (list); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (list, i)));
    }
  return all;
}

static GPtrArray *
change_codes (IbPack *pack)
{
  g_autoptr (JsonArray) changes = all_changes (ib_pack_get_document (pack));
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (ib_pack_is_placeholder (change, NULL))
        g_ptr_array_add (codes, g_strdup ("exempt"));
      else
        g_ptr_array_add (codes, g_strdup_printf ("%s %s", json_object_get_string_member (change, "change"),
                                                 json_object_get_string_member_with_default (change, "ref",
                                                   json_object_get_string_member_with_default (change, "code", "-"))));
    }
  return codes;
}

static gboolean
has_code (GPtrArray  *codes,
          const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (codes->pdata[i], code))
      return TRUE;
  return FALSE;
}

static guint
index_of (GPtrArray  *codes,
          const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (codes->pdata[i], code))
      return i;
  g_assert_not_reached ();
}

/* A draft is built from the data as it stands, within its template and with every section. */
static void
test_build_draft (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  JsonObject *doc, *report, *action1, *statement;

  g_assert_no_error (error);
  g_assert_true (ib_pack_is_draft (pack));
  doc = ib_pack_get_document (pack);
  g_assert_cmpint (json_object_get_int_member (doc, "format"), ==, IB_PACK_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (doc, "as_at"), ==, "2022-03-10");

  report = json_object_get_object_member (doc, "report");
  g_assert_cmpstr (json_object_get_string_member (report, "wards"), ==, "Council-wide");
  g_assert_cmpstr (json_object_get_string_member (report, "class"), ==, "public");
  g_assert_true (json_object_get_boolean_member (report, "appendix_since"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (doc, "meeting"), "held_on"),
                   ==, "2022-03-10");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "actions")), ==, 5);
  action1 = find_item (doc, "actions", "ref", "1");
  g_assert_cmpstr (json_object_get_string_member (action1, "delivery_rag"), ==, "red");
  statement = json_object_get_object_member (action1, "statement");
  g_assert_cmpstr (json_object_get_string_member (statement, "narrative"), ==, "Audits found supervision missing again.");
  g_assert_true (json_object_get_boolean_member (find_item (doc, "actions", "ref", "4"), "overdue"));
  g_assert_true (json_object_get_boolean_member (find_item (doc, "actions", "ref", "5"), "complete"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "indicators")), ==, 3);
  /* R2 was closed by then, R3 reviewed first in February: all four are on the register. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "risks")), ==, 4);
  g_assert_cmpint (json_object_get_int_member (find_item (doc, "risks", "ref", "R1"), "residual_i"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "inspections")), ==, 2);

  /* A month earlier the risk R3 was not yet on the register and action 5 not yet complete. */
  {
    g_autoptr (IbPack) earlier = ib_pack_build (f->store, f->ids.report1, "2022-01-10", &error);
    JsonObject *then = ib_pack_get_document (earlier);

    g_assert_no_error (error);
    g_assert_null (find_item (then, "risks", "ref", "R3"));
    g_assert_false (json_object_get_boolean_member (find_item (then, "actions", "ref", "5"), "complete"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (then, "inspections")), ==, 1);
  }
}

/* Issued, a pack reads back exactly as it was built, however the data changes later; the
 * draft of another pack shows the change. */
static void
test_issue_freezes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) built = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_autoptr (IbPack) issued = NULL;
  g_autoptr (IbPack) again = NULL;
  g_autoptr (IbPack) draft = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autofree char *built_text = NULL;
  g_autofree char *issued_text = NULL;
  JsonObject *cover;

  issue (f, f->ids.report2, "2022-03-10");
  issued = load (f, f->ids.report2);
  g_assert_false (ib_pack_is_draft (issued));

  report = ib_store_get (f->store, &ib_type_report, f->ids.report2, &error);
  g_assert_cmpstr (ib_record_get_string (report, "issued_on"), ==, "2022-03-10");
  g_assert_nonnull (ib_record_get_string (report, "snapshot"));

  /* Everything the draft had, with the date it was issued. */
  cover = json_object_get_object_member (ib_pack_get_document (built), "report");
  json_object_set_string_member (cover, "issued_on", "2022-03-10");
  built_text = to_text (ib_pack_get_document (built));
  issued_text = to_text (ib_pack_get_document (issued));
  g_assert_cmpstr (issued_text, ==, built_text);

  /* Pieces sync like records: Part 1 in the report's class, Part 2 Exempt by paragraph (the
   * exempt month's 1 and the action's and risk's 3; the action's statements go with it). */
  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM report_snapshot WHERE part = 'part1' AND class = 'public'"), >=, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count (DISTINCT exempt_paragraph) FROM report_snapshot"
                                     " WHERE part = 'part2' AND class = 'exempt'"), ==, 2);
  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM report_snapshot WHERE part = 'part2' AND class != 'exempt'"), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM outbox WHERE type = 'report_snapshot' AND op = 'create'"),
                   ==, db_int (f->store, "SELECT count (*) FROM report_snapshot"));

  /* Later edits change nothing in it. */
  action = ib_store_get (f->store, &ib_type_action, f->ids.action[1], &error);
  ib_record_set_string (action, "title", "Renamed after the board");
  g_assert_true (ib_store_update (f->store, action, &error));
  g_assert_no_error (error);
  ib_fixture_statement (f->store, f->ids.action[2], "2022-03-05", "amber", "Slipped after the board.", 0);

  again = load (f, f->ids.report2);
  g_assert_cmpstr (json_object_get_string_member (find_item (ib_pack_get_document (again), "actions", "ref", "1"), "title"),
                   ==, "Management oversight on every case file");
  g_assert_cmpstr (json_object_get_string_member (find_item (ib_pack_get_document (again), "actions", "ref", "2"),
                                                  "delivery_rag"), ==, "green");

  /* The draft of the earlier meeting's pack reads the data as it is now. */
  draft = load (f, f->ids.report1);
  g_assert_true (ib_pack_is_draft (draft));
  g_assert_cmpstr (json_object_get_string_member (find_item (ib_pack_get_document (draft), "actions", "ref", "1"), "title"),
                   ==, "Renamed after the board");
}

/* Nothing of an issued pack can be changed, added to or deleted; issuing twice is refused. */
static void
test_issued_is_immutable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) report = NULL;
  g_autoptr (IbRecord) piece = NULL;
  g_autoptr (IbRecord) extra = NULL;
  g_autoptr (IbRecord) sneaky = NULL;
  g_autofree char *piece_id = NULL;
  int outbox;

  issue (f, f->ids.report1, "2022-01-10");
  outbox = db_int (f->store, "SELECT count (*) FROM outbox");

  report = ib_store_get (f->store, &ib_type_report, f->ids.report1, &error);
  ib_record_set_string (report, "executive_summary", "Rewritten after the meeting.");
  g_assert_false (ib_store_update (f->store, report, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "issued on 2022-01-10"));
  g_assert_nonnull (strstr (error->message, "new version"));
  g_clear_error (&error);
  g_clear_object (&report);

  report = ib_store_get (f->store, &ib_type_report, f->ids.report1, &error);
  ib_fixture_exempt (report, 3);
  g_assert_false (ib_store_update (f->store, report, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  piece_id = g_strdup_printf ("%d", 0);
  {
    g_autoptr (sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_ib_store_get_db (f->store),
                                         "SELECT id FROM report_snapshot LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_free (piece_id);
    piece_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  piece = ib_store_get (f->store, &ib_type_report_snapshot, piece_id, &error);
  ib_record_set_string (piece, "content", "{}");
  g_assert_false (ib_store_update (f->store, piece, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  extra = ib_record_copy (piece);
  ib_record_set_id (extra, NULL);
  ib_record_set_int (extra, "sequence", 1);
  g_assert_false (ib_store_create (f->store, extra, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ib_store_delete (f->store, &ib_type_report_snapshot, piece_id, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ib_store_delete (f->store, &ib_type_report, f->ids.report1, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Deleting the meeting would take its pack with it. */
  g_assert_false (ib_store_delete (f->store, &ib_type_meeting, f->ids.meeting1, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ib_pack_issue (f->store, f->ids.report1, NULL, &error));
  g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_ISSUED);
  g_clear_error (&error);

  /* Nothing was written by any of them. */
  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM outbox"), ==, outbox);
  g_assert_cmpuint (ib_store_count (f->store, &ib_type_meeting), ==, 2);

  /* A report cannot say it is issued without a snapshot to read. */
  sneaky = ib_store_get (f->store, &ib_type_report, f->ids.report2, &error);
  ib_record_set_string (sneaky, "issued_on", "2022-03-10");
  g_assert_false (ib_store_update (f->store, sneaky, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A draft is still edited and deleted as any record. */
  g_clear_object (&report);
  report = ib_store_get (f->store, &ib_type_report, f->ids.report2, &error);
  ib_record_set_string (report, "executive_summary", "Changed before issue.");
  g_assert_true (ib_store_update (f->store, report, &error));
  g_assert_no_error (error);
  g_assert_true (ib_store_delete (f->store, &ib_type_report, f->ids.report2, &error));
  g_assert_no_error (error);
}

/* A correction is a new version naming the one it supersedes; the next board is compared with
 * the newest version, and a meeting opens on its newest version. */
static void
test_new_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) draft_v2 = NULL;
  g_autoptr (IbRecord) superseding = NULL;
  g_autoptr (IbRecord) previous = NULL;
  g_autoptr (IbRecord) report2 = NULL;
  g_autoptr (IbRecord) shown = NULL;
  g_autoptr (IbRecord) latest = NULL;
  g_autoptr (IbPack) v2 = NULL;
  JsonObject *cover;

  g_assert_null (ib_pack_new_version (f->store, f->ids.report1, &error));
  g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  issue (f, f->ids.report1, "2022-01-10");
  draft_v2 = ib_pack_new_version (f->store, f->ids.report1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_record_get_int (draft_v2, "version", 0), ==, 2);
  g_assert_cmpstr (ib_record_get_string (draft_v2, "supersedes"), ==, f->ids.report1);
  g_assert_false (ib_record_has (draft_v2, "issued_on"));
  g_assert_cmpstr (ib_record_get_string (draft_v2, "wards"), ==, "Council-wide");

  superseding = ib_pack_find_superseding (f->store, f->ids.report1);
  g_assert_cmpstr (ib_record_get_id (superseding), ==, ib_record_get_id (draft_v2));

  /* The correction is edited as a draft, then issued; the first stays as it was. */
  ib_record_set_string (draft_v2, "executive_summary", "Corrected: the March figures.");
  g_assert_true (ib_store_update (f->store, draft_v2, &error));
  issue (f, ib_record_get_id (draft_v2), "2022-01-12");
  v2 = load (f, ib_record_get_id (draft_v2));
  cover = json_object_get_object_member (ib_pack_get_document (v2), "report");
  g_assert_cmpstr (json_object_get_string_member (cover, "executive_summary"), ==, "Corrected: the March figures.");
  g_assert_cmpint (json_object_get_int_member (cover, "version"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cover, "supersedes"), "version"), ==, 1);

  report2 = ib_store_get (f->store, &ib_type_report, f->ids.report2, &error);
  previous = ib_pack_find_previous (f->store, report2);
  g_assert_cmpstr (ib_record_get_id (previous), ==, ib_record_get_id (draft_v2));

  shown = ib_pack_find_for_meeting (f->store, f->ids.meeting1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_id (shown), ==, ib_record_get_id (draft_v2));

  /* "latest": the latest meeting that has a pack, here a draft. */
  latest = ib_pack_find_for_meeting (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_id (latest), ==, f->ids.report2);

  g_assert_null (ib_pack_find_for_meeting (f->store, "no-such-meeting", &error));
  g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_NOT_FOUND);
}

/* A pack larger than a record is written in pieces under the limit, and reads back whole. */
static void
test_large_pack_in_pieces (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) built = NULL;
  g_autoptr (IbPack) issued = NULL;
  g_autofree char *built_text = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *long_text = NULL;
  GString *narrative = g_string_new (NULL);

  /* Welsh and Polish letters, so a piece boundary falls inside multi-byte characters. */
  while (narrative->len < 20 * 1024)
    g_string_append (narrative, "Ŵyr ŷd, żółć gęślą jaźń. ");
  long_text = g_string_free (narrative, FALSE);

  g_assert_true (ib_store_begin (f->store, &error));
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *ref = g_strdup_printf ("%d", 100 + i);
      g_autofree char *id = ib_fixture_action (f->store, f->ids.plan, NULL, ref, "Generated action",
                                               "Head of Service", "2022-12-31", "on_track");

      ib_fixture_statement (f->store, id, "2022-03-01", "amber", long_text, 0);
    }
  g_assert_true (ib_store_commit (f->store, &error));

  built = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_assert_no_error (error);
  issue (f, f->ids.report2, "2022-03-10");
  issued = load (f, f->ids.report2);

  json_object_set_string_member (json_object_get_object_member (ib_pack_get_document (built), "report"),
                                 "issued_on", "2022-03-10");
  built_text = to_text (ib_pack_get_document (built));
  issued_text = to_text (ib_pack_get_document (issued));
  g_assert_cmpstr (issued_text, ==, built_text);

  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM report_snapshot WHERE part = 'part1'"), >=, 14);
  g_assert_cmpint (db_int (f->store, "SELECT max (length (CAST (content AS BLOB))) FROM report_snapshot"), <=, IB_PACK_PIECE_BYTES);
  g_assert_cmpint (db_int (f->store, "SELECT count (*) FROM report_snapshot WHERE content IS NULL OR content = ''"), ==, 0);
}

/* Part 1 holds a placeholder where each exempt item was, and nothing of it. */
static void
test_part1_has_no_exempt_content (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  g_autoptr (JsonObject) part1 = ib_pack_dup_part1 (pack);
  g_autoptr (JsonArray) part2 = ib_pack_dup_part2 (pack);
  g_autoptr (JsonNode) part2_node = json_node_init_array (json_node_alloc (), json_array_ref (part2));
  g_autofree char *text1 = to_text (part1);
  g_autofree char *text2 = json_to_string (part2_node, FALSE);
  g_autofree char *whole = to_text (ib_pack_get_document (pack));
  g_autoptr (JsonObject) merged = ib_pack_merge (part1, part2);
  g_autofree char *merged_text = to_text (merged);
  JsonArray *actions = json_object_get_array_member (part1, "actions");
  int paragraph = 0;

  g_assert_no_error (error);
  g_assert_null (strstr (text1, "CANARY"));
  /* The exempt value as a number or in words; record ids are random hex, and one may hold the
   * digits 7777 between other hex digits, which is no leak. */
  g_assert_false (g_regex_match_simple ("(^|[^0-9a-fA-F-])7777([^0-9a-fA-F-]|$)", text1, 0, 0));
  g_assert_null (strstr (text1, CANARY_VALUE_TEXT));
  g_assert_nonnull (strstr (text2, CANARY_ACTION));
  g_assert_nonnull (strstr (text2, CANARY_STATEMENT));
  g_assert_nonnull (strstr (text2, CANARY_NOTE));
  g_assert_nonnull (strstr (text2, CANARY_RISK));
  /* Nor are the exempt records' ids in it. */
  g_assert_null (strstr (text1, f->ids.action[3]));

  /* The exempt action sits between actions 2 and 4 as a placeholder with its paragraph. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actions, 1), "ref"), ==, "2");
  g_assert_true (ib_pack_is_placeholder (json_array_get_object_element (actions, 2), &paragraph));
  g_assert_cmpint (paragraph, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actions, 3), "ref"), ==, "4");

  /* Part 2 says where each item sat, and Part 1 and 2 together are the whole pack again. */
  for (guint i = 0; i < json_array_get_length (part2); i++)
    {
      JsonObject *entry = json_array_get_object_element (part2, i);

      g_assert_true (json_object_has_member (entry, "section"));
      g_assert_cmpint (json_object_get_int_member (entry, "exempt_paragraph"), >=, 1);
    }
  g_assert_cmpstr (merged_text, ==, whole);

  {
    g_autofree char *line = ib_pack_placeholder_text (3);

    g_assert_cmpstr (line, ==, "An exempt item is reported in Part 2, paragraph 3");
  }
}

/* A device that received Part 1 only (no clearance) opens the pack with placeholders; a
 * missing piece of either part is said, never shown as a shorter pack. */
static void
test_public_device_and_missing_pieces (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autofree char *text = NULL;

  issue (f, f->ids.report2, "2022-03-10");

  /* What the server's filter leaves a public-only device. */
  db_exec (f->store, "DELETE FROM report_snapshot WHERE class = 'exempt'");
  pack = load (f, f->ids.report2);
  text = to_text (ib_pack_get_document (pack));
  g_assert_null (strstr (text, "CANARY"));
  g_assert_true (ib_pack_is_placeholder (json_array_get_object_element (
    json_object_get_array_member (ib_pack_get_document (pack), "actions"), 2), NULL));
  g_clear_object (&pack);

  db_exec (f->store, "DELETE FROM report_snapshot WHERE sequence = 1");
  pack = ib_pack_load (f->store, f->ids.report2, &error);
  g_assert_null (pack);
  g_assert_error (error, IB_PACK_ERROR, IB_PACK_ERROR_INCOMPLETE);
}

/* Part 2 may be produced with Exempt clearance, or on a database never signed in. */
static void
test_part2_clearance (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (ib_pack_part2_allowed (f->store));

  g_assert_true (ib_store_sync_set_value (f->store, "server", "https://board.example.org", NULL));
  g_assert_false (ib_pack_part2_allowed (f->store));
  g_assert_true (ib_store_sync_set_value (f->store, "clearance", "public", NULL));
  g_assert_false (ib_pack_part2_allowed (f->store));
  g_assert_true (ib_store_sync_set_value (f->store, "clearance", "exempt", NULL));
  g_assert_true (ib_pack_part2_allowed (f->store));
  /* Signed out, the clearance the server gave still stands. */
  g_assert_true (ib_store_sync_set_value (f->store, "clearance", "public", NULL));
  g_assert_true (ib_store_sync_set_value (f->store, "server", NULL, NULL));
  g_assert_false (ib_pack_part2_allowed (f->store));
}

/* Since the last board: every kind of change, exceptions first. */
static void
test_since_last_board (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (JsonObject) part1 = NULL;
  g_autoptr (JsonArray) changes = NULL;
  JsonObject *since;
  guint first_better, last_exception = 0;

  issue (f, f->ids.report1, "2022-01-10");
  issue (f, f->ids.report2, "2022-03-10");
  pack = load (f, f->ids.report2);
  codes = change_codes (pack);

  since = json_object_get_object_member (ib_pack_get_document (pack), "since");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (since, "previous"), "held_on"),
                   ==, "2022-01-10");

  /* Colour changes both ways. */
  g_assert_true (has_code (codes, "action_colour 1"));
  g_assert_true (has_code (codes, "action_colour 2"));
  g_assert_true (has_code (codes, "action_colour 3"));
  g_assert_true (has_code (codes, "action_overdue 4"));
  g_assert_true (has_code (codes, "action_completed 5"));
  g_assert_true (has_code (codes, "action_red 1") == FALSE);
  g_assert_true (has_code (codes, "statement_new 2"));
  /* A KPI crossing its target upwards, one leaving its tolerance and turning worse. */
  g_assert_true (has_code (codes, "kpi_target ASMT45"));
  g_assert_true (has_code (codes, "kpi_target REREF12"));
  g_assert_true (has_code (codes, "kpi_direction REREF12"));
  /* A risk moving band, one closed, one new; the exempt one still High. */
  g_assert_true (has_code (codes, "risk_score R1"));
  g_assert_true (has_code (codes, "risk_closed R2"));
  g_assert_true (has_code (codes, "risk_added R3"));
  g_assert_true (has_code (codes, "risk_high R4"));
  g_assert_true (has_code (codes, "inspection_new -"));
  g_assert_true (has_code (codes, "finding_new -"));

  /* Exceptions first: every worse change and every red item before anything better. */
  changes = all_changes (ib_pack_get_document (pack));
  first_better = index_of (codes, "action_colour 2");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    if (ib_pack_change_is_exception (json_array_get_object_element (changes, i)))
      last_exception = i;
  g_assert_cmpuint (last_exception, <, first_better);
  g_assert_cmpuint (index_of (codes, "action_colour 1"), <, first_better);
  g_assert_cmpuint (index_of (codes, "risk_score R1"), <, index_of (codes, "risk_closed R2"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, 0), "direction"), ==, -1);

  {
    JsonObject *band = json_array_get_object_element (changes, index_of (codes, "risk_score R1"));
    JsonObject *crossed = json_array_get_object_element (changes, index_of (codes, "kpi_target ASMT45"));
    JsonObject *worse = json_array_get_object_element (changes, index_of (codes, "action_colour 1"));
    g_autofree char *band_text = ib_pack_describe_change (band);
    g_autofree char *crossed_text = ib_pack_describe_change (crossed);
    g_autofree char *worse_text = ib_pack_describe_change (worse);

    g_assert_true (json_object_get_boolean_member (band, "band_changed"));
    g_assert_cmpstr (band_text, ==, "Risk R1 “Improvement is not fast enough”: residual score moved from 12 (Medium) to 15 (High).");
    g_assert_cmpstr (crossed_text, ==, "Assessments completed within 45 working days (ASMT45) moved from Off target to On target: 86% in March 2022.");
    g_assert_cmpstr (worse_text, ==, "Action 1 “Management oversight on every case file” moved from Amber to Red.");
    g_assert_cmpint (json_object_get_int_member (crossed, "direction"), ==, 1);
  }

  /* The exempt action's change is as exempt as the action: a placeholder in Part 1, between
   * the public changes before and after it. */
  part1 = ib_pack_dup_part1 (pack);
  {
    g_autoptr (JsonArray) public_changes = all_changes (part1);
    guint at = index_of (codes, "action_colour 3");
    int paragraph = 0;

    g_assert_true (ib_pack_is_placeholder (json_array_get_object_element (public_changes, at), &paragraph));
    g_assert_cmpint (paragraph, ==, 3);
    g_assert_false (ib_pack_is_placeholder (json_array_get_object_element (public_changes, at - 1), NULL));
    g_assert_false (ib_pack_is_placeholder (json_array_get_object_element (public_changes, at + 1), NULL));
  }
}

/* With no earlier pack of its kind, the comparison holds only what is red now. */
static void
test_since_nothing_before (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPack) pack = ib_pack_build (f->store, f->ids.report2, "2022-03-10", &error);
  JsonObject *since = json_object_get_object_member (ib_pack_get_document (pack), "since");
  g_autoptr (JsonArray) changes = all_changes (ib_pack_get_document (pack));

  g_assert_no_error (error);
  g_assert_false (json_object_has_member (since, "previous"));
  g_assert_cmpuint (json_array_get_length (changes), >, 0);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_assert_true (ib_pack_change_is_exception (json_array_get_object_element (changes, i)));
}

/* A rolled-forward action is recognised in the successor plan by its ref. */
static void
test_since_rolled_forward (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbRecord) plan2 = ib_record_new (&ib_type_plan);
  g_autoptr (IbRecord) rolled = ib_record_new (&ib_type_action);
  g_autoptr (IbPack) pack = NULL;
  g_autoptr (GPtrArray) codes = NULL;
  g_autofree char *plan2_id = NULL, *rolled_id = NULL, *meeting3 = NULL, *report3 = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonArray) changes = NULL;

  issue (f, f->ids.report2, "2022-03-10");

  ib_record_set_string (plan2, "title", "Improvement Plan 2022–23");
  ib_record_set_string (plan2, "starts_on", "2022-04-01");
  ib_record_set_string (plan2, "status", "active");
  plan2_id = ib_fixture_put (f->store, plan2);
  ib_record_set_string (rolled, "plan", plan2_id);
  ib_record_set_string (rolled, "ref", "4");
  ib_record_set_string (rolled, "title", "Permanence planning for every child");
  ib_record_set_string (rolled, "horizon", "rolled_forward");
  ib_record_set_string (rolled, "status", "on_track");
  rolled_id = ib_fixture_put (f->store, rolled);
  ib_fixture_statement (f->store, rolled_id, "2022-05-01", "amber", "Carried into the new plan.", 0);

  meeting3 = ib_fixture_meeting (f->store, "improvement_board", "2022-05-10", "Improvement Board");
  report3 = ib_fixture_report (f->store, meeting3, "Improvement Board: the new plan");
  issue (f, report3, "2022-05-10");
  pack = load (f, report3);
  codes = change_codes (pack);

  g_assert_true (has_code (codes, "action_rolled_forward 4"));
  g_assert_false (has_code (codes, "action_added 4"));
  changes = all_changes (ib_pack_get_document (pack));
  text = ib_pack_describe_change (json_array_get_object_element (changes, index_of (codes, "action_rolled_forward 4")));
  g_assert_cmpstr (text, ==, "Action 4 “Permanence planning for every child” was rolled forward from “Children’s Social Care Improvement Plan”.");
}

/* The Overview's "since the last board": today's data against the latest issued board pack. */
static void
test_changes_since_last_board (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) previous = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (JsonArray) none_yet = NULL;
  g_autoptr (JsonArray) changes = NULL;
  gboolean found = FALSE;

  /* Nothing issued yet: only what is red now. */
  none_yet = ib_pack_changes_since (f->store, "improvement_board", &previous, &error);
  g_assert_no_error (error);
  g_assert_null (previous);
  for (guint i = 0; i < json_array_get_length (none_yet); i++)
    g_assert_true (ib_pack_change_is_exception (json_array_get_object_element (none_yet, i)));

  issue (f, f->ids.report1, "2022-01-10");
  issue (f, f->ids.report2, "2022-03-10");
  action = ib_store_get (f->store, &ib_type_action, f->ids.action[2], &error);
  ib_record_set_string (action, "delivery_rag", "red");
  g_assert_true (ib_store_update (f->store, action, &error));

  changes = ib_pack_changes_since (f->store, "improvement_board", &previous, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ib_record_get_id (previous), ==, f->ids.report2);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (change, "change", NULL), "action_colour") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (change, "ref", NULL), "2") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (change, "from"), ==, "green");
          g_assert_cmpstr (json_object_get_string_member (change, "to"), ==, "red");
          g_assert_true (ib_pack_change_is_exception (change));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* A Holding to Account pack holds one officer's actions, the KPIs and risks they touch. */
static void
test_officer_scope (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) report = ib_record_new (&ib_type_report);
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (IbRecord) risk = NULL;
  g_autoptr (IbPack) pack = NULL;
  g_autofree char *meeting = NULL, *report_id = NULL;
  JsonObject *doc;

  action = ib_store_get (f->store, &ib_type_action, f->ids.action[1], &error);
  ib_record_set_refs (action, "linked_indicators", (const char *[]) { f->ids.indicator_asmt, NULL });
  g_assert_true (ib_store_update (f->store, action, &error));
  risk = ib_store_get (f->store, &ib_type_risk, f->ids.risk1, &error);
  ib_record_set_string (risk, "owner", "Head of Quality Assurance");
  g_assert_true (ib_store_update (f->store, risk, &error));

  meeting = ib_fixture_meeting (f->store, "holding_to_account", "2022-03-15", "Holding to Account");
  ib_record_set_string (report, "meeting", meeting);
  ib_record_set_string (report, "subject", "Holding to Account: quality assurance");
  ib_record_set_string (report, "scope", "officer");
  ib_record_set_string (report, "scope_officer", "Head of Quality Assurance");
  report_id = ib_fixture_put (f->store, report);

  pack = ib_pack_build (f->store, report_id, "2022-03-15", &error);
  g_assert_no_error (error);
  doc = ib_pack_get_document (pack);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "actions")), ==, 1);
  g_assert_nonnull (find_item (doc, "actions", "ref", "1"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "indicators")), ==, 1);
  g_assert_nonnull (find_item (doc, "indicators", "code", "ASMT45"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "risks")), ==, 1);
  g_assert_nonnull (find_item (doc, "risks", "ref", "R1"));
  /* No finding is answered by action 1, so no engagement is shown. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "inspections")), ==, 0);
}

/* The demo's packs: issued, readable, and the later boards compared with the earlier. */
static void
test_demo_packs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (":memory:", &error);
  g_autoptr (GListModel) reports = NULL;
  guint n_issued = 0, n_compared = 0;
  gboolean band_change = FALSE, colour_change = FALSE, exempt_change = FALSE;

  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  g_assert_no_error (error);

  reports = ib_store_list (store, &ib_type_report);
  g_assert_cmpuint (g_list_model_get_n_items (reports), >=, 8);
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr (IbRecord) report = g_list_model_get_item (reports, i);
      g_autoptr (IbPack) pack = NULL;
      g_autoptr (JsonArray) changes = NULL;
      JsonObject *since;

      pack = ib_pack_load (store, ib_record_get_id (report), &error);
      g_assert_no_error (error);
      if (!ib_record_has (report, "issued_on"))
        continue;

      n_issued++;
      g_assert_false (ib_pack_is_draft (pack));
      since = json_object_get_object_member (ib_pack_get_document (pack), "since");
      changes = all_changes (ib_pack_get_document (pack));
      if (json_object_has_member (since, "previous"))
        n_compared++;
      for (guint c = 0; c < json_array_get_length (changes); c++)
        {
          JsonObject *change = json_array_get_object_element (changes, c);
          const char *code = json_object_get_string_member_with_default (change, "change", "");

          band_change |= g_str_equal (code, "risk_score") && json_object_get_boolean_member (change, "band_changed");
          colour_change |= g_str_equal (code, "action_colour");
          exempt_change |= json_object_has_member (change, "class");
        }
    }

  g_assert_cmpuint (n_issued, >=, 7);
  g_assert_cmpuint (n_compared, >=, 4);

  /* A pack of today names the actions delivered but not improving, exactly those the Overview
   * counts; one as at an earlier date names none, since evidence is read as things stand. */
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr (IbRecord) report = g_list_model_get_item (reports, i);
      g_autoptr (IbPack) today = ib_pack_build (store, ib_record_get_id (report), NULL, &error);
      g_autoptr (IbPack) earlier = ib_pack_build (store, ib_record_get_id (report), "2022-06-01", &error);
      JsonArray *actions = json_object_get_array_member (ib_pack_get_document (today), "actions");
      JsonArray *then = json_object_get_array_member (ib_pack_get_document (earlier), "actions");
      g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);
      g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_flagged = 0;

      g_assert_no_error (error);
      if (g_strcmp0 (ib_record_get_string (report, "scope"), "programme") != 0 || json_array_get_length (actions) == 0)
        continue;
      for (guint p = 0; p < g_list_model_get_n_items (plans); p++)
        {
          g_autoptr (IbRecord) plan = g_list_model_get_item (plans, p);
          g_autoptr (GPtrArray) ids = ib_evidence_flagged_actions (store, ib_record_get_id (plan), NULL);

          for (guint k = 0; ids != NULL && k < ids->len; k++)
            g_hash_table_add (expected, g_strdup (ids->pdata[k]));
        }
      for (guint a = 0; a < json_array_get_length (actions); a++)
        {
          JsonObject *action = json_array_get_object_element (actions, a);
          gboolean flagged = json_object_get_boolean_member_with_default (action, "not_improving", FALSE);

          g_assert_cmpint (flagged, ==, g_hash_table_contains (expected, json_object_get_string_member (action, "key")));
          n_flagged += flagged;
        }
      for (guint a = 0; a < json_array_get_length (then); a++)
        g_assert_false (json_object_get_boolean_member_with_default (json_array_get_object_element (then, a), "not_improving", FALSE));
      g_assert_cmpuint (n_flagged, >, 0);
      break;
    }
  g_assert_true (band_change);
  g_assert_true (colour_change);
  g_assert_true (exempt_change);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/core/pack/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("build-draft", test_build_draft);
  ADD ("issue-freezes", test_issue_freezes);
  ADD ("issued-is-immutable", test_issued_is_immutable);
  ADD ("new-version", test_new_version);
  ADD ("large-pack-in-pieces", test_large_pack_in_pieces);
  ADD ("part1-has-no-exempt-content", test_part1_has_no_exempt_content);
  ADD ("public-device-and-missing-pieces", test_public_device_and_missing_pieces);
  ADD ("part2-clearance", test_part2_clearance);
  ADD ("since/last-board", test_since_last_board);
  ADD ("since/nothing-before", test_since_nothing_before);
  ADD ("since/rolled-forward", test_since_rolled_forward);
  ADD ("officer-scope", test_officer_scope);
  ADD ("since/changes-since-last-board", test_changes_since_last_board);
#undef ADD
  g_test_add_func ("/core/pack/demo", test_demo_packs);

  return g_test_run ();
}
