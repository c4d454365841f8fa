/* test-plan-model.c: the Action Plan view's model on the demo plan: roll-up, filters,
 * sorting, "as at" and the statement history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ib-demo.h"
#include "ib-plan-model.h"
#include "ib-plan-model-private.h"
#include "ib-record-json.h"
#include "ib-store-bootstrap.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"

typedef struct
{
  IbStore     *store;
  IbPlanModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->model = ib_plan_model_new (f->store);
  ib_plan_model_set_today (f->model, "2023-01-15");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
}

/* Returns the rows as text: "#code" for a heading, the ref for an action. */
static char *
rows (IbPlanModel *model)
{
  GListModel *items = ib_plan_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);
      IbRecord *record = ib_plan_item_get_record (item);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY)
        g_string_append_printf (out, "#%s", record != NULL ? ib_record_get_string (record, "code") : "-");
      else
        g_string_append (out, ib_record_get_string (record, "ref"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static IbPlanItem *
item_for_ref (IbPlanModel *model,
              const char  *ref)
{
  GListModel *items = ib_plan_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION &&
          g_strcmp0 (ib_record_get_string (ib_plan_item_get_record (item), "ref"), ref) == 0)
        return item;
    }

  g_assert_not_reached ();
}

static void
assert_rows (IbPlanModel *model,
             const char  *expected)
{
  g_autofree char *got = rows (model);

  g_assert_cmpstr (got, ==, expected);
}

/* Issue 19 (9): an action past its date whose status still says "On track" is said to
 * contradict itself; one marked off track, or not yet due, is not. */
static void
test_contradicts (Fixture       *f,
                  gconstpointer  data)
{
  /* On 15 January 2023: action 14 was due on 31 December and is "On track". */
  g_assert_true (ib_plan_item_get_overdue (item_for_ref (f->model, "14")));
  g_assert_true (ib_plan_item_get_contradicts (item_for_ref (f->model, "14")));
  /* 16 is as late, but says it is off track. */
  g_assert_true (ib_plan_item_get_overdue (item_for_ref (f->model, "16")));
  g_assert_false (ib_plan_item_get_contradicts (item_for_ref (f->model, "16")));
  /* 10 is on track and not due until March. */
  g_assert_false (ib_plan_item_get_overdue (item_for_ref (f->model, "10")));
  g_assert_false (ib_plan_item_get_contradicts (item_for_ref (f->model, "10")));

  /* As the plan stood before 14 was due, nothing contradicts. */
  ib_plan_model_set_as_at (f->model, "2022-12-02");
  g_assert_false (ib_plan_item_get_contradicts (item_for_ref (f->model, "14")));
}

static void
test_rollup (Fixture       *f,
             gconstpointer  data)
{
  const IbRagCounts *counts = ib_plan_model_get_counts (f->model);
  g_autofree char *text = ib_rag_counts_format (counts);
  g_autoptr (IbPlanItem) heading = NULL;
  g_autoptr (IbRecord) plan = ib_store_get (f->store, &ib_type_plan, ib_plan_model_get_plan (f->model), NULL);
  g_autofree char *heading_text = NULL;

  /* The active plan is picked first; its predecessor names it as successor. */
  g_assert_cmpstr (ib_record_get_string (plan, "status"), ==, "active");
  g_assert_cmpuint (counts->green, ==, 2);
  g_assert_cmpuint (counts->amber, ==, 4);
  g_assert_cmpuint (counts->red, ==, 1);
  g_assert_cmpuint (counts->complete, ==, 2);
  g_assert_cmpuint (counts->unrated, ==, 0);
  g_assert_cmpstr (text, ==, "2 G / 4 A / 1 R / 2 complete");

  /* Grouped by priority area, in the area's order, actions by ref. */
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
  heading = g_list_model_get_item (ib_plan_model_get_items (f->model), 0);
  heading_text = ib_rag_counts_format (ib_plan_item_get_counts (heading));
  g_assert_cmpstr (heading_text, ==, "1 G / 1 A / 0 R / 1 complete");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_auto (GStrv) officers = ib_plan_model_list_officers (f->model);

  ib_plan_model_set_rag (f->model, "red");
  assert_rows (f->model, "#O 16");
  g_assert_true (ib_plan_model_is_filtered (f->model));
  /* The roll-up describes the plan, not the filter. */
  g_assert_cmpuint (ib_plan_model_get_counts (f->model)->amber, ==, 4);
  ib_plan_model_set_rag (f->model, "complete");
  assert_rows (f->model, "#W 11 #O 17");
  ib_plan_model_set_rag (f->model, NULL);

  ib_plan_model_set_status (f->model, "at_risk");
  assert_rows (f->model, "#C 13 #O 18");
  ib_plan_model_set_status (f->model, NULL);

  ib_plan_model_set_horizon (f->model, "3_6_months");
  assert_rows (f->model, "#O 16 17");
  ib_plan_model_set_horizon (f->model, NULL);

  g_assert_cmpuint (g_strv_length (officers), ==, 8);
  ib_plan_model_set_officer (f->model, "Head of Leaving Care (Chris Dunn)");
  assert_rows (f->model, "#C 14 #O 17");
  ib_plan_model_set_officer (f->model, NULL);

  /* "My actions": the person's name anywhere in the officer, any case, spaces trimmed; the
   * role alone names the same actions. */
  ib_plan_model_set_person (f->model, "  chris DUNN ");
  g_assert_cmpstr (ib_plan_model_get_person (f->model), ==, "chris DUNN");
  assert_rows (f->model, "#C 14 #O 17");
  g_assert_true (ib_plan_model_is_filtered (f->model));
  ib_plan_model_set_person (f->model, "Head of Leaving Care");
  assert_rows (f->model, "#C 14 #O 17");
  /* With another filter, both apply. */
  ib_plan_model_set_rag (f->model, "complete");
  assert_rows (f->model, "#O 17");
  ib_plan_model_set_rag (f->model, NULL);
  ib_plan_model_set_person (f->model, "Someone Else");
  assert_rows (f->model, "");
  /* Blank is no filter, not "nobody". */
  ib_plan_model_set_person (f->model, "   ");
  g_assert_null (ib_plan_model_get_person (f->model));
  g_assert_false (ib_plan_model_is_filtered (f->model));

  /* Today is 15 January 2023: 10 was due in March 2023, 16 at the end of 2022. */
  ib_plan_model_set_overdue_only (f->model, TRUE);
  assert_rows (f->model, "#C 14 #O 16");
  ib_plan_model_set_overdue_only (f->model, FALSE);

  /* The latest statements are for the board of 21 October 2022. Six weeks before today is
   * 4 December, so every open action is stale; thirteen weeks is 16 October, which they beat. */
  ib_plan_model_set_stale_weeks (f->model, 6);
  assert_rows (f->model, "#W 10 12 #C 13 14 #P 15 #O 16 18");
  ib_plan_model_set_stale_weeks (f->model, 13);
  assert_rows (f->model, "");
  ib_plan_model_set_stale_weeks (f->model, 0);

  g_assert_false (ib_plan_model_is_filtered (f->model));
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
}

static void
count_changes_cb (GListModel *items,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* Filters changed together while frozen leave the list as it was, then change it once, to
 * what setting them one by one gives. */
static void
test_freeze (Fixture       *f,
             gconstpointer  data)
{
  GListModel *items = ib_plan_model_get_items (f->model);
  guint changes = 0;

  g_signal_connect (items, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  ib_plan_model_freeze (f->model);
  ib_plan_model_set_rag (f->model, "red");
  ib_plan_model_set_overdue_only (f->model, TRUE);
  ib_plan_model_freeze (f->model);
  ib_plan_model_set_search (f->model, "16");
  ib_plan_model_thaw (f->model);
  /* Still frozen once: nothing shown yet. */
  g_assert_cmpuint (changes, ==, 0);
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
  g_assert_true (ib_plan_model_is_filtered (f->model));
  ib_plan_model_thaw (f->model);
  assert_rows (f->model, "#O 16");
  g_assert_cmpuint (changes, ==, 1);

  /* Clearing them together is one change too. */
  changes = 0;
  ib_plan_model_freeze (f->model);
  ib_plan_model_set_search (f->model, NULL);
  ib_plan_model_set_overdue_only (f->model, FALSE);
  ib_plan_model_set_rag (f->model, NULL);
  ib_plan_model_thaw (f->model);
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
  g_assert_cmpuint (changes, ==, 1);

  /* A thaw with nothing changed changes nothing. */
  changes = 0;
  ib_plan_model_freeze (f->model);
  ib_plan_model_set_rag (f->model, NULL);
  ib_plan_model_thaw (f->model);
  g_assert_cmpuint (changes, ==, 0);

  g_signal_handlers_disconnect_by_func (items, count_changes_cb, &changes);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) old = ib_record_new (&ib_type_position_statement);
  IbPlanItem *action15 = item_for_ref (f->model, "15");

  /* Ref, title and officer, in any case. */
  ib_plan_model_set_search (f->model, "mash");
  assert_rows (f->model, "#O 16");
  ib_plan_model_set_search (f->model, "  VIRTUAL school ");
  assert_rows (f->model, "#O 18");
  /* An older statement's words are found too, not only the latest's. */
  ib_plan_model_set_search (f->model, "Retention payments");
  assert_rows (f->model, "#W 10");

  ib_record_set_string (old, "action", ib_record_get_id (ib_plan_item_get_record (action15)));
  ib_record_set_string (old, "as_at", "2022-01-10");
  ib_record_set_string (old, "narrative", "Schools forum agreed the Zanzibar protocol.");
  g_assert_true (ib_plan_model_add_statement (f->model, old, &error));
  g_assert_no_error (error);
  ib_plan_model_reload (f->model);
  ib_plan_model_set_search (f->model, "zanzibar");
  assert_rows (f->model, "#P 15");

  ib_plan_model_set_search (f->model, "100%_");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 0);
  ib_plan_model_set_search (f->model, "");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 9);
}


/* Fails when the statement search index and the rows it reads from disagree. */
static void
assert_index_whole (IbStore *store)
{
  char *message = NULL;
  int rc = sqlite3_exec (_ib_store_get_db (store),
                         "INSERT INTO statement_text (statement_text, rank) VALUES ('integrity-check', 1)",
                         NULL, NULL, &message);

  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static IbRecord *
older_statement (IbPlanModel *model,
                 const char  *ref,
                 const char  *narrative)
{
  g_autoptr (GError) error = NULL;
  IbRecord *statement = ib_record_new (&ib_type_position_statement);

  ib_record_set_string (statement, "action", ib_record_get_id (ib_plan_item_get_record (item_for_ref (model, ref))));
  ib_record_set_string (statement, "as_at", "2022-01-10");
  ib_record_set_string (statement, "narrative", narrative);
  g_assert_true (ib_plan_model_add_statement (model, statement, &error));
  g_assert_no_error (error);
  return statement;
}

/* Older statements are found through the trigram index from three characters: any part of a
 * word, with case folded beyond ASCII, and the index follows every edit, delete and purge. */
static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) welsh = older_statement (f->model, "15", "Cytunodd Fforwm Ysgolion â’r PROTOCOL ÔL-OFAL.");
  g_autoptr (IbRecord) polish = older_statement (f->model, "13", "Zespół z Łodzi przejął ŚWIADCZENIA.");
  g_autoptr (IbRecord) quoted = older_statement (f->model, "12", "The chair said \"no wrong door\" twice.");

  ib_plan_model_reload (f->model);
  assert_index_whole (f->store);

  /* LIKE would miss these: the case differs only in letters outside ASCII. */
  ib_plan_model_set_search (f->model, "ôl-ofal");
  assert_rows (f->model, "#P 15");
  ib_plan_model_set_search (f->model, "świadczenia");
  assert_rows (f->model, "#C 13");
  ib_plan_model_set_search (f->model, "łodzi");
  assert_rows (f->model, "#C 13");
  /* Inside a word, and a phrase with its own quotation marks. */
  ib_plan_model_set_search (f->model, "otoco");
  assert_rows (f->model, "#P 15");
  ib_plan_model_set_search (f->model, "said \"no wrong");
  assert_rows (f->model, "#W 12");
  /* Two characters have no trigram: the rows are scanned instead. */
  ib_plan_model_set_search (f->model, "ół");
  assert_rows (f->model, "#C 13");

  /* An edit moves the text in the index; a delete hides it. */
  ib_record_set_string (polish, "narrative", "Zespół przejął zadania.");
  g_assert_true (ib_store_update (f->store, polish, &error));
  g_assert_no_error (error);
  assert_index_whole (f->store);
  ib_plan_model_reload (f->model);
  ib_plan_model_set_search (f->model, "świadczenia");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 0);
  ib_plan_model_set_search (f->model, "zadania");
  assert_rows (f->model, "#C 13");

  g_assert_true (ib_store_delete (f->store, &ib_type_position_statement, ib_record_get_id (welsh), &error));
  g_assert_no_error (error);
  ib_plan_model_reload (f->model);
  ib_plan_model_set_search (f->model, "ôl-ofal");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 0);

  /* A row removed outright (as a purge removes Exempt text) leaves the index whole. */
  g_assert_true (ib_store_begin (f->store, &error));
  g_assert_cmpint (sqlite3_exec (_ib_store_get_db (f->store), "DELETE FROM position_statement WHERE narrative LIKE '%no wrong door%'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  _ib_store_note_text_purged (f->store);
  g_assert_true (ib_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_index_whole (f->store);
  ib_plan_model_reload (f->model);
  ib_plan_model_set_search (f->model, "wrong door");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 0);
}

/* Applies a pulled page of @entries (taken). */
static void
apply_pulled (IbStore    *store,
              JsonObject *first,
              ...)
{
  g_autoptr (JsonArray) page = json_array_new ();
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (JsonObject *entry = first; entry != NULL; entry = va_arg (args, JsonObject *))
    json_array_add_object_element (page, entry);
  va_end (args);

  g_assert_true (ib_store_sync_apply_page (store, page, NULL, &error));
  g_assert_no_error (error);
}

static JsonObject *
pulled_statement (IbPlanModel *model,
                  const char  *id,
                  const char  *ref,
                  gint64       rev,
                  const char  *narrative)
{
  g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);

  ib_record_set_id (statement, id);
  ib_record_set_rev (statement, rev);
  ib_record_set_string (statement, "action", ib_record_get_id (ib_plan_item_get_record (item_for_ref (model, ref))));
  ib_record_set_string (statement, "as_at", "2022-01-10");
  ib_record_set_string (statement, "narrative", narrative);
  return ib_record_to_json (statement);
}

static void
assert_search (IbPlanModel *model,
               const char  *text,
               const char  *rows)
{
  ib_plan_model_reload (model);
  ib_plan_model_set_search (model, text);
  if (rows != NULL)
    assert_rows (model, rows);
  else
    g_assert_cmpuint (ib_plan_model_get_n_shown (model), ==, 0);
}

/* A pulled page moves the index once, after its rows (not row by row, as the triggers do for
 * local edits): new statements, an edit, a statement made twice in one page, a tombstone and
 * a purge each leave it whole and found as the triggers would. */
static void
test_search_index_pulled (Fixture       *f,
                          gconstpointer  data)
{
  const char *welsh = "0b5f3c2e-7a41-4d8e-9c6b-2f1a0e9d8c71";
  const char *polish = "5d2e8f10-3b6c-4a79-8e21-c4f7a9b0d312";
  const char *twice = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  JsonObject *tombstone, *revoked;

  apply_pulled (f->store,
                pulled_statement (f->model, welsh, "15", 1, "Cytunodd y bwrdd â’r CYNLLUN GWEITHLU."),
                pulled_statement (f->model, polish, "13", 1, "Rada przyjęła PLAN KADROWY."),
                pulled_statement (f->model, twice, "12", 1, "First said the quorate panel."),
                pulled_statement (f->model, twice, "12", 2, "Then said the marmalade panel."),
                NULL);
  assert_index_whole (f->store);
  assert_search (f->model, "gweithlu", "#P 15");
  assert_search (f->model, "kadrowy", "#C 13");
  assert_search (f->model, "marmalade", "#W 12");
  assert_search (f->model, "quorate", NULL);

  /* An edit, and a tombstone, in one page. */
  ib_plan_model_set_search (f->model, "");
  tombstone = pulled_statement (f->model, polish, "13", 2, "Rada przyjęła PLAN KADROWY.");
  json_object_set_boolean_member (tombstone, "deleted", TRUE);
  apply_pulled (f->store, pulled_statement (f->model, welsh, "15", 2, "Cytunodd y bwrdd â’r STRATEGAETH ÔL-OFAL."),
                tombstone, NULL);
  assert_index_whole (f->store);
  assert_search (f->model, "gweithlu", NULL);
  assert_search (f->model, "ôl-ofal", "#P 15");
  assert_search (f->model, "kadrowy", NULL);

  /* No longer this user's to see: the row goes, and its text from the index. */
  revoked = json_object_new ();
  json_object_set_string_member (revoked, "type", "position_statement");
  json_object_set_string_member (revoked, "id", welsh);
  json_object_set_boolean_member (revoked, "revoked", TRUE);
  apply_pulled (f->store, revoked, NULL);
  assert_index_whole (f->store);
  assert_search (f->model, "ôl-ofal", NULL);
  assert_search (f->model, "marmalade", "#W 12");

  /* Local edits after a page still reach the index through the triggers. */
  ib_plan_model_set_search (f->model, "");
  {
    g_autoptr (IbRecord) mine = older_statement (f->model, "17", "Agreed the tangerine protocol.");

    assert_index_whole (f->store);
    assert_search (f->model, "tangerine", "#O 17");
  }
}

/* A first sync from a bootstrap file builds the index after its records are in: meanwhile
 * the rows themselves are searched (ASCII case folded only), and once built the index answers. */
static void
test_search_index_pending (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) welsh = older_statement (f->model, "15", "Cytunodd Fforwm Ysgolion â’r PROTOCOL ÔL-OFAL.");

  /* As a copy leaves it: no triggers, nothing in the index. */
  g_assert_true (ib_sqlite_exec (_ib_store_get_db (f->store),
                                 "DROP TRIGGER statement_text_insert; DROP TRIGGER statement_text_delete;"
                                 " DROP TRIGGER statement_text_update;"
                                 "INSERT INTO statement_text (statement_text) VALUES ('delete-all')", &error));
  g_assert_no_error (error);
  g_assert_false (ib_store_bootstrap_index_is_built (f->store));
  assert_search (f->model, "protocol", "#P 15");
  assert_search (f->model, "otoco", "#P 15");
  assert_search (f->model, "ôl-ofal", NULL);

  g_assert_true (_ib_store_build_statement_index (_ib_store_get_db (f->store), &error));
  g_assert_no_error (error);
  g_assert_true (ib_store_bootstrap_index_is_built (f->store));
  assert_index_whole (f->store);
  assert_search (f->model, "ôl-ofal", "#P 15");
  assert_search (f->model, "protocol", "#P 15");
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  ib_plan_model_set_sort (f->model, IB_PLAN_SORT_RAG);
  assert_rows (f->model, "16 10 13 15 18 12 14 11 17");
  ib_plan_model_set_sort (f->model, IB_PLAN_SORT_DUE);
  assert_rows (f->model, "11 17 14 16 10 12 13 15 18");
  ib_plan_model_set_sort (f->model, IB_PLAN_SORT_OFFICER);
  assert_rows (f->model, "11 18 14 17 16 15 10 13 12");
  ib_plan_model_set_sort (f->model, IB_PLAN_SORT_REF);
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
}

typedef struct
{
  guint    position;
  gboolean covered;   /* a change removed and added that position */
} Seen;

static void
note_change_cb (GListModel *items,
                guint       position,
                guint       removed,
                guint       added,
                Seen       *seen)
{
  if (position <= seen->position && seen->position < position + MIN (removed, added))
    seen->covered = TRUE;
}

static guint
find_item (IbPlanModel *model,
           IbPlanItem  *item)
{
  GListModel *items = ib_plan_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) held = g_list_model_get_item (items, i);

      if (held == item)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_as_at (Fixture       *f,
            gconstpointer  data)
{
  const IbRagCounts *counts;
  IbRecord *board;
  g_autoptr (IbPlanItem) twelve = NULL;
  guint position;
  Seen seen = { 0 };

  /* 30 June 2022: the June board's statements; nothing was complete yet. */
  ib_plan_model_set_as_at (f->model, "2022-06-30");
  counts = ib_plan_model_get_counts (f->model);
  g_assert_cmpuint (counts->red, ==, 1);
  g_assert_cmpuint (counts->amber, ==, 8);
  g_assert_cmpuint (counts->complete, ==, 0);
  g_assert_cmpstr (ib_record_get_string (ib_plan_model_get_previous_board (f->model), "held_on"), ==, "2022-06-17");
  g_assert_false (ib_plan_item_get_complete (item_for_ref (f->model, "11")));
  g_assert_cmpstr (ib_record_get_string (ib_plan_item_get_statement (item_for_ref (f->model, "10")), "as_at"), ==, "2022-06-17");

  /* The September board: 11, 14 and 17 turned green since July's. */
  ib_plan_model_set_as_at (f->model, "2022-09-09");
  board = ib_plan_model_get_previous_board (f->model);
  g_assert_cmpstr (ib_record_get_string (board, "held_on"), ==, "2022-07-29");
  g_assert_true (ib_plan_item_get_changed (item_for_ref (f->model, "11")));
  g_assert_cmpstr (ib_plan_item_get_previous_rag (item_for_ref (f->model, "11")), ==, "amber");
  g_assert_cmpstr (ib_plan_item_get_delivery_rag (item_for_ref (f->model, "11")), ==, "green");
  g_assert_true (ib_plan_item_get_changed (item_for_ref (f->model, "14")));
  g_assert_true (ib_plan_item_get_changed (item_for_ref (f->model, "17")));
  g_assert_false (ib_plan_item_get_changed (item_for_ref (f->model, "12")));
  g_assert_false (ib_plan_item_get_changed (item_for_ref (f->model, "16")));

  /* The October board: only 12 moved, and 11 and 17 had reached their final state. Each
   * action keeps its item, given the new values in place and listed again where it is, so a
   * list binds its row again rather than making a new one. */
  ib_plan_model_set_as_at (f->model, "2022-09-10");
  twelve = g_object_ref (item_for_ref (f->model, "12"));
  g_assert_false (ib_plan_item_get_changed (twelve));
  position = find_item (f->model, twelve);
  g_signal_connect (ib_plan_model_get_items (f->model), "items-changed", G_CALLBACK (note_change_cb), &seen);
  seen.position = position;
  ib_plan_model_set_as_at (f->model, "2022-10-21");
  g_signal_handlers_disconnect_by_func (ib_plan_model_get_items (f->model), note_change_cb, &seen);
  g_assert_true (item_for_ref (f->model, "12") == twelve);
  g_assert_cmpuint (find_item (f->model, twelve), ==, position);
  g_assert_true (seen.covered);
  g_assert_true (ib_plan_item_get_changed (item_for_ref (f->model, "12")));
  g_assert_false (ib_plan_item_get_changed (item_for_ref (f->model, "14")));
  counts = ib_plan_model_get_counts (f->model);
  g_assert_cmpuint (counts->complete, ==, 2);
  g_assert_cmpuint (counts->green, ==, 2);

  /* Before the plan's first statements nothing is rated, and nothing was overdue. */
  ib_plan_model_set_as_at (f->model, "2022-05-31");
  counts = ib_plan_model_get_counts (f->model);
  g_assert_cmpuint (counts->unrated, ==, 9);
  ib_plan_model_set_overdue_only (f->model, TRUE);
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->model), ==, 0);
  ib_plan_model_set_overdue_only (f->model, FALSE);

  ib_plan_model_set_as_at (f->model, NULL);
  g_assert_cmpstr (ib_record_get_string (ib_plan_model_get_previous_board (f->model), "held_on"), ==, "2022-12-02");
}

static void
test_statements (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  /* Items are replaced when the model reloads, so keep a copy of the id. */
  g_autofree char *id = g_strdup (ib_record_get_id (ib_plan_item_get_record (item_for_ref (f->model, "13"))));
  g_autoptr (GPtrArray) history = ib_plan_model_list_statements (f->model, id, NULL);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
  g_autoptr (IbRecord) correction = ib_record_new (&ib_type_position_statement);
  g_autoptr (IbRecord) stored = NULL;
  guint n_later = 0;

  /* Newest first. */
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (ib_record_get_string (history->pdata[0], "as_at"), ==, "2022-10-21");
  g_assert_cmpstr (ib_record_get_string (history->pdata[2], "as_at"), ==, "2022-06-17");

  ib_plan_model_set_as_at (f->model, "2022-09-30");
  before = ib_plan_model_list_statements (f->model, id, &n_later);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpuint (n_later, ==, 1);
  ib_plan_model_set_as_at (f->model, NULL);

  /* A new statement sets the action's colours and is queued with it. */
  ib_record_set_string (statement, "action", id);
  ib_record_set_string (statement, "as_at", "2023-01-13");
  ib_record_set_string (statement, "author", "Participation Lead (Femi Adeyemi)");
  ib_record_set_string (statement, "narrative", "Young inspectors' reviews show lived experience improving.");
  ib_record_set_string (statement, "delivery_rag", "green");
  ib_record_set_string (statement, "impact_rag", "amber");
  g_assert_true (ib_plan_model_add_statement (f->model, statement, &error));
  g_assert_no_error (error);
  stored = ib_store_get (f->store, &ib_type_action, id, NULL);
  g_assert_cmpstr (ib_record_get_string (stored, "delivery_rag"), ==, "green");
  outbox = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox->len, ==, 2);

  /* A correction of an older date is kept, but does not repaint today. */
  ib_record_set_string (correction, "action", id);
  ib_record_set_string (correction, "as_at", "2022-11-01");
  ib_record_set_string (correction, "narrative", "Correction: the October figures were for Q2.");
  ib_record_set_string (correction, "delivery_rag", "red");
  g_assert_true (ib_plan_model_add_statement (f->model, correction, &error));
  g_clear_object (&stored);
  stored = ib_store_get (f->store, &ib_type_action, id, NULL);
  g_assert_cmpstr (ib_record_get_string (stored, "delivery_rag"), ==, "green");

  g_clear_pointer (&history, g_ptr_array_unref);
  history = ib_plan_model_list_statements (f->model, id, NULL);
  g_assert_cmpuint (history->len, ==, 5);
  g_assert_cmpstr (ib_record_get_string (history->pdata[0], "as_at"), ==, "2023-01-13");
  g_assert_cmpstr (ib_record_get_string (history->pdata[1], "as_at"), ==, "2022-11-01");

  /* An invalid statement writes nothing at all. */
  g_clear_object (&statement);
  statement = ib_record_new (&ib_type_position_statement);
  ib_record_set_string (statement, "action", id);
  ib_record_set_string (statement, "as_at", "2023-02-01");
  g_assert_false (ib_plan_model_add_statement (f->model, statement, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox->len, ==, 3);
}

static void
test_follow_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) action = ib_record_new (&ib_type_action);
  IbPlanItem *heading;
  const char *priority_id;

  heading = g_list_model_get_item (ib_plan_model_get_items (f->model), 0);
  priority_id = ib_record_get_id (ib_plan_item_get_record (heading));
  ib_record_set_string (action, "plan", ib_plan_model_get_plan (f->model));
  ib_record_set_string (action, "priority", priority_id);
  ib_record_set_string (action, "ref", "12.1");
  ib_record_set_string (action, "title", "Practice educators for every team");
  ib_record_set_string (action, "accountable_officer", "A new officer nobody listed");
  g_assert_true (ib_store_create (f->store, action, &error));
  g_assert_no_error (error);

  /* The model follows at idle, once. */
  while (g_main_context_iteration (NULL, FALSE));
  assert_rows (f->model, "#W 10 11 12 12.1 #C 13 14 #P 15 #O 16 17 18");
  g_assert_cmpuint (ib_plan_model_get_counts (f->model)->unrated, ==, 1);

  /* Undo-able delete: hidden first, then gone for good. */
  ib_plan_model_hide (f->model, ib_record_get_id (action));
  assert_rows (f->model, "#W 10 11 12 #C 13 14 #P 15 #O 16 17 18");
  g_assert_cmpuint (ib_plan_model_get_counts (f->model)->unrated, ==, 0);
  ib_plan_model_unhide (f->model, ib_record_get_id (action));
  assert_rows (f->model, "#W 10 11 12 12.1 #C 13 14 #P 15 #O 16 17 18");

  /* Deleting a priority area keeps its actions, under "no priority area". */
  g_assert_true (ib_plan_model_delete_priority (f->model, priority_id, &error));
  g_assert_no_error (error);
  g_object_unref (heading);
  ib_plan_model_reload (f->model);
  assert_rows (f->model, "#C 13 14 #P 15 #O 16 17 18 #- 10 11 12 12.1");
}

/* "Delivered but not improving": the demo's Green and complete actions all have an Amber
 * impact in their latest statement; a Green impact clears one, a worsening KPI flags it again. */
static void
test_not_improving (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);
  g_autoptr (IbRecord) action = NULL;
  const char *periods[] = { "2022-01", "2022-12" };
  const double values[] = { 10, 14 };
  const char *ids[2] = { NULL, NULL };

  g_assert_true (ib_plan_item_get_flagged (item_for_ref (f->model, "12")));
  g_assert_false (ib_plan_item_get_flagged (item_for_ref (f->model, "16")));
  ib_plan_model_set_not_improving_only (f->model, TRUE);
  g_assert_true (ib_plan_model_is_filtered (f->model));
  assert_rows (f->model, "#W 11 12 #C 14 #O 17");

  /* Evidence is read as things stand: a past date shows no flag. */
  ib_plan_model_set_as_at (f->model, "2022-10-21");
  assert_rows (f->model, "");
  ib_plan_model_set_as_at (f->model, NULL);

  action = ib_record_copy (ib_plan_item_get_record (item_for_ref (f->model, "12")));
  ib_record_set_string (statement, "action", ib_record_get_id (action));
  ib_record_set_string (statement, "as_at", "2023-01-10");
  ib_record_set_string (statement, "narrative", "Landing well.");
  ib_record_set_string (statement, "delivery_rag", "green");
  ib_record_set_string (statement, "impact_rag", "green");
  g_assert_true (ib_plan_model_add_statement (f->model, statement, &error));
  g_assert_no_error (error);
  ib_plan_model_reload (f->model);
  assert_rows (f->model, "#W 11 #C 14 #O 17");

  /* Now a KPI it claims to move worsens: flagged again, and followed at idle. */
  ib_record_set_string (indicator, "code", "SW_VAC");
  ib_record_set_string (indicator, "title", "Vacancies");
  ib_record_set_string (indicator, "unit", "percent");
  ib_record_set_string (indicator, "polarity", "lower_is_better");
  g_assert_true (ib_store_create (f->store, indicator, &error));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr (IbRecord) m = ib_record_new (&ib_type_measurement);

      ib_record_set_string (m, "indicator", ib_record_get_id (indicator));
      ib_record_set_string (m, "period", periods[i]);
      ib_record_set_double (m, "value", values[i]);
      g_assert_true (ib_store_create (f->store, m, &error));
    }
  g_clear_object (&action);
  action = ib_store_get (f->store, &ib_type_action, ib_record_get_string (statement, "action"), NULL);
  ib_record_set_string (action, "starts_on", "2022-01-01");
  ids[0] = ib_record_get_id (indicator);
  ib_record_set_refs (action, "linked_indicators", ids);
  g_assert_true (ib_store_update (f->store, action, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  assert_rows (f->model, "#W 11 12 #C 14 #O 17");

  ib_plan_model_set_not_improving_only (f->model, FALSE);
  g_assert_false (ib_plan_model_is_filtered (f->model));
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) action = ib_record_new (&ib_type_action);
  g_autoptr (IbRecord) plan = ib_store_get (f->store, &ib_type_plan, ib_plan_model_get_plan (f->model), NULL);
  g_autoptr (GPtrArray) outbox = NULL;
  const char *field = NULL;

  ib_record_set_string (action, "plan", ib_plan_model_get_plan (f->model));
  ib_record_set_string (action, "ref", "19");
  ib_record_set_string (action, "title", "Family help");
  ib_record_set_string (action, "starts_on", "2023-02-01");
  ib_record_set_string (action, "due_on", "2023-01-31");
  g_assert_false (ib_record_check_rules (action, &field, NULL));
  g_assert_cmpstr (field, ==, "due_on");
  g_assert_false (ib_store_create (f->store, action, &error));
  g_assert_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The due date is before the start date.");
  g_clear_error (&error);

  ib_record_set_string (plan, "ends_on", "2020-01-01");
  g_assert_false (ib_store_update (f->store, plan, &error));
  g_assert_cmpstr (error->message, ==, "The end date is before the start date.");
  g_clear_error (&error);

  /* An empty title is named with the words the form uses. */
  {
    g_autofree char *why = NULL;
    g_autoptr (JsonNode) empty = json_node_init_string (json_node_alloc (), "");

    why = ib_field_problem (ib_record_type_field (&ib_type_action, "title"), empty);
    g_assert_cmpstr (why, ==, "must not be empty");
  }

  outbox = ib_store_get_outbox (f->store);
  g_assert_cmpuint (outbox->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/plan-model/contradicts", Fixture, NULL, fixture_set_up, test_contradicts, fixture_tear_down);
  g_test_add ("/plan-model/rollup", Fixture, NULL, fixture_set_up, test_rollup, fixture_tear_down);
  g_test_add ("/plan-model/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/plan-model/freeze", Fixture, NULL, fixture_set_up, test_freeze, fixture_tear_down);
  g_test_add ("/plan-model/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/plan-model/search-index", Fixture, NULL, fixture_set_up, test_search_index, fixture_tear_down);
  g_test_add ("/plan-model/search-index-pending", Fixture, NULL, fixture_set_up, test_search_index_pending, fixture_tear_down);
  g_test_add ("/plan-model/search-index-pulled", Fixture, NULL, fixture_set_up, test_search_index_pulled, fixture_tear_down);
  g_test_add ("/plan-model/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/plan-model/as-at", Fixture, NULL, fixture_set_up, test_as_at, fixture_tear_down);
  g_test_add ("/plan-model/statements", Fixture, NULL, fixture_set_up, test_statements, fixture_tear_down);
  g_test_add ("/plan-model/follow-store", Fixture, NULL, fixture_set_up, test_follow_store, fixture_tear_down);
  g_test_add ("/plan-model/not-improving", Fixture, NULL, fixture_set_up, test_not_improving, fixture_tear_down);
  g_test_add ("/plan-model/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);

  return g_test_run ();
}
