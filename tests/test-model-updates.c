/* test-model-updates.c: the plan, risk and KPI models take a store change by re-reading only
 * the records it touched and splicing their rows: an edit changes its own row and no other,
 * and after a pulled page the models hold what a fresh load would; the first loads of the
 * plan, KPI, risk and judgements models, read apart, equal loads read here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ib-demo.h"
#include "ib-judgements-model.h"
#include "ib-kpi-model.h"
#include "ib-plan-model.h"
#include "ib-plan-model-private.h"
#include "ib-record-json.h"
#include "ib-risk-model.h"
#include "ib-risk-model-private.h"
#include "ib-store-bootstrap.h"
#include "ib-store-sync.h"
#include "pulled-page.h"

#define TODAY "2023-01-15"

typedef struct
{
  IbStore     *store;
  IbPlanModel *plan;
  IbRiskModel *risks;
  IbKpiModel  *kpis;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = ib_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (f->store, &error), >, 0);
  f->plan = ib_plan_model_new (f->store);
  ib_plan_model_set_today (f->plan, TODAY);
  f->risks = ib_risk_model_new (f->store);
  ib_risk_model_set_today (f->risks, TODAY);
  f->kpis = ib_kpi_model_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->plan);
  g_clear_object (&f->risks);
  g_clear_object (&f->kpis);
  g_clear_object (&f->store);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

/* What each row of the plan shows, one line a row. */
static char *
plan_rows (IbPlanModel *model)
{
  GListModel *items = ib_plan_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);
      IbRecord *record = ib_plan_item_get_record (item);
      IbRecord *statement = ib_plan_item_get_statement (item);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY)
        {
          g_autofree char *counts = ib_rag_counts_format (ib_plan_item_get_counts (item));

          g_string_append_printf (out, "# %s %s\n", record != NULL ? ib_record_get_id (record) : "-", counts);
          continue;
        }
      g_string_append_printf (out, "%s %s %s|%s|%s|%s c%d o%d x%d f%d %s %s\n",
                              ib_record_get_id (record), ib_record_get_string (record, "title"),
                              ib_plan_item_get_delivery_rag (item), ib_plan_item_get_impact_rag (item),
                              ib_plan_item_get_previous_rag (item), ib_plan_item_get_last_statement_on (item),
                              ib_plan_item_get_complete (item), ib_plan_item_get_overdue (item),
                              ib_plan_item_get_contradicts (item), ib_plan_item_get_flagged (item),
                              statement != NULL ? ib_record_get_id (statement) : "-",
                              statement != NULL ? ib_record_get_string (statement, "narrative") : "-");
    }
  g_string_append_printf (out, "shown %u\n", ib_plan_model_get_n_shown (model));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
risk_rows (IbRiskModel *model)
{
  GListModel *items = ib_risk_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      g_string_append_printf (out, "%s %s %s %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT " trend %d overdue %d\n",
                              ib_record_get_id (risk), ib_record_get_string (risk, "ref"),
                              ib_record_get_string (risk, "title"),
                              ib_record_get_int (risk, "residual_l", 0), ib_record_get_int (risk, "residual_i", 0),
                              ib_risk_model_get_trend (model, risk), ib_risk_model_is_overdue (model, risk));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What the Judgements view shows: each timeline row, its grid and its findings. */
static char *
judgements_rows (IbJudgementsModel *model)
{
  GListModel *items = ib_judgements_model_get_timeline (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) record = g_list_model_get_item (items, i);
      const char *id = ib_record_get_id (record);
      g_autoptr (GPtrArray) grid = ib_judgements_model_get_grid (model, id);
      g_autoptr (GPtrArray) findings = ib_judgements_model_get_findings (model, id);

      g_string_append_printf (out, "%s %s %s\n", id, ib_record_get_record_type (record)->name,
                              ib_record_get_updated_at (record));
      for (guint g = 0; g < grid->len; g++)
        {
          IbGridRow *row = grid->pdata[g];

          g_string_append_printf (out, "  %s %s (%u before)\n", row->area,
                                  row->judgement != NULL ? ib_record_get_string (row->judgement, "grade") : "-",
                                  row->history->len);
        }
      for (guint n = 0; n < findings->len; n++)
        {
          IbFindingLinks *links = findings->pdata[n];

          g_string_append_printf (out, "  finding %s: %s (%u actions)\n", ib_record_get_id (links->finding),
                                  ib_record_get_string (links->finding, "text"), links->actions->len);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
kpi_rows (IbKpiModel *model)
{
  GListModel *items = ib_kpi_model_get_items (model);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

      if (ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING)
        {
          g_string_append_printf (out, "# %s %u\n", ib_kpi_item_get_category (item), ib_kpi_item_get_n_indicators (item));
          continue;
        }
      g_string_append_printf (out, "%s %s periods %u latest %d (%g) previous %d trend %d status %d: %s\n",
                              ib_record_get_id (ib_kpi_item_get_indicator (item)),
                              ib_record_get_string (ib_kpi_item_get_indicator (item), "title"),
                              ib_kpi_item_get_n_periods (item), ib_kpi_item_get_latest (item),
                              ib_kpi_item_get_latest_value (item), ib_kpi_item_get_previous (item),
                              ib_kpi_item_get_trend (item), ib_kpi_item_get_target_status (item),
                              ib_kpi_item_get_comparison (item));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_signals;
} Splice;

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Splice     *splice)
{
  splice->position = position;
  splice->removed = removed;
  splice->added = added;
  splice->n_signals++;
}

static guint
position_of (GListModel *items,
             const char *action_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);
      IbRecord *record = ib_plan_item_get_record (item);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION && g_str_equal (ib_record_get_id (record), action_id))
        return i;
    }
  g_assert_not_reached ();
}

/* Changing one action's latest statement through the store changes that action's row and no
 * other, and the row shows the new text. */
static void
test_edit_splices_one_row (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *items = ib_plan_model_get_items (f->plan);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbPlanItem) before = NULL;
  g_autoptr (IbPlanItem) after = NULL;
  g_autoptr (IbRecord) statement = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  IbRecord *action = NULL;
  Splice splice = { 0 };
  guint position = G_MAXUINT;

  /* The first action that has a statement. */
  for (guint i = 0; i < g_list_model_get_n_items (items) && action == NULL; i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION && ib_plan_item_get_statement (item) != NULL)
        {
          before = g_object_ref (item);
          action = ib_plan_item_get_record (item);
          position = i;
        }
    }
  g_assert_nonnull (action);
  rows_before = plan_rows (f->plan);

  statement = ib_record_copy (ib_plan_item_get_statement (before));
  ib_record_set_string (statement, "narrative", "Caseloads are down to eighteen in every team.");
  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed), &splice);
  g_assert_true (ib_store_update (f->store, statement, &error));
  g_assert_no_error (error);
  settle ();

  g_assert_cmpuint (splice.n_signals, ==, 1);
  g_assert_cmpuint (splice.position, ==, position);
  g_assert_cmpuint (splice.removed, ==, 1);
  g_assert_cmpuint (splice.added, ==, 1);
  after = g_list_model_get_item (items, position);
  g_assert_true (after != before);
  g_assert_cmpstr (ib_record_get_string (ib_plan_item_get_statement (after), "narrative"), ==,
                   "Caseloads are down to eighteen in every team.");
  g_assert_cmpuint (position_of (items, ib_record_get_id (action)), ==, position);

  /* Searching finds it by the new text at once. */
  ib_plan_model_set_search (f->plan, "eighteen");
  g_assert_cmpuint (ib_plan_model_get_n_shown (f->plan), ==, 1);
  ib_plan_model_set_search (f->plan, NULL);

  /* Every other row is as it was. */
  rows_after = plan_rows (f->plan);
  g_assert_cmpstr (rows_after, !=, rows_before);
  g_signal_handlers_disconnect_by_data (items, &splice);
}

/* A board meeting edited without moving its date changes no row; one added after it, before
 * the shown date, moves the colours compared with, and the rows follow as a fresh load. */
static void
test_board_meetings (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *items = ib_plan_model_get_items (f->plan);
  g_autoptr (IbRecord) board = ib_record_copy (ib_plan_model_get_previous_board (f->plan));
  g_autoptr (IbRecord) later = ib_record_new (&ib_type_meeting);
  g_autoptr (IbPlanModel) fresh = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = plan_rows (f->plan);
  g_autofree char *after = NULL, *loaded = NULL;
  Splice splice = { 0 };

  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed), &splice);
  ib_record_set_string (board, "title", "Improvement Board (renamed)");
  g_assert_true (ib_store_update (f->store, board, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (splice.n_signals, ==, 0);
  g_assert_cmpstr (ib_record_get_string (ib_plan_model_get_previous_board (f->plan), "title"), ==,
                   "Improvement Board (renamed)");
  after = plan_rows (f->plan);
  g_assert_cmpstr (after, ==, before);
  g_signal_handlers_disconnect_by_data (items, &splice);

  ib_record_set_string (later, "kind", "improvement_board");
  ib_record_set_string (later, "held_on", "2023-01-10");
  ib_record_set_string (later, "title", "Improvement Board, January");
  g_assert_true (ib_store_create (f->store, later, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpstr (ib_record_get_string (ib_plan_model_get_previous_board (f->plan), "held_on"), ==, "2023-01-10");
  fresh = ib_plan_model_new (f->store);
  ib_plan_model_set_today (fresh, TODAY);
  g_clear_pointer (&after, g_free);
  after = plan_rows (f->plan);
  loaded = plan_rows (fresh);
  g_assert_cmpstr (after, ==, loaded);
}

/* A risk's new review changes its own row (its trend), the same record staying. */
static void
test_review_splices_one_row (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *items = ib_risk_model_get_items (f->risks);
  g_autoptr (IbRecord) risk = g_list_model_get_item (items, 0);
  g_autoptr (IbRecord) review = ib_record_new (&ib_type_risk_review);
  g_autoptr (GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *patched = NULL;
  g_autoptr (IbRiskModel) reloaded = NULL;
  Splice splice = { 0 };

  ib_record_set_string (review, "risk", ib_record_get_id (risk));
  ib_record_set_string (review, "reviewed_on", "2023-01-14");
  ib_record_set_int (review, "residual_l", 5);
  ib_record_set_int (review, "residual_i", 5);
  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed), &splice);
  ib_risk_model_add_review (f->risks, review, NULL, &error);
  g_assert_no_error (error);
  settle ();

  g_assert_cmpuint (splice.n_signals, ==, 1);
  g_assert_cmpuint (splice.removed, ==, 1);
  g_assert_cmpuint (splice.added, ==, 1);
  g_signal_handlers_disconnect_by_data (items, &splice);

  reloaded = ib_risk_model_new (f->store);
  ib_risk_model_set_today (reloaded, TODAY);
  fresh = risk_rows (reloaded);
  patched = risk_rows (f->risks);
  g_assert_cmpstr (patched, ==, fresh);
}

/* After a pulled page of 100 records, each model holds what a model loaded afresh holds. */
static void
test_pulled_page_equals_fresh_load (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) page = ib_test_pulled_page (f->store, 100);
  g_autofree char *plan_before = plan_rows (f->plan);
  g_autoptr (IbPlanModel) plan = NULL;
  g_autoptr (IbRiskModel) risks = NULL;
  g_autoptr (IbKpiModel) kpis = NULL;
  g_autofree char *plan_patched = NULL, *plan_fresh = NULL;
  g_autofree char *risks_patched = NULL, *risks_fresh = NULL;
  g_autofree char *kpis_patched = NULL, *kpis_fresh = NULL;

  g_assert_cmpuint (json_array_get_length (page), ==, 100);
  g_assert_true (ib_store_sync_apply_page (f->store, page, "cursor-after-page", &error));
  g_assert_no_error (error);
  settle ();

  plan = ib_plan_model_new (f->store);
  ib_plan_model_set_today (plan, TODAY);
  plan_patched = plan_rows (f->plan);
  plan_fresh = plan_rows (plan);
  g_assert_cmpstr (plan_patched, ==, plan_fresh);
  g_assert_cmpstr (plan_patched, !=, plan_before);

  risks = ib_risk_model_new (f->store);
  ib_risk_model_set_today (risks, TODAY);
  risks_patched = risk_rows (f->risks);
  risks_fresh = risk_rows (risks);
  g_assert_cmpstr (risks_patched, ==, risks_fresh);

  kpis = ib_kpi_model_new (f->store);
  kpis_patched = kpi_rows (f->kpis);
  kpis_fresh = kpi_rows (kpis);
  g_assert_cmpstr (kpis_patched, ==, kpis_fresh);

  /* "As at" a past date and back, over what the patches left, still equals a fresh load. */
  ib_plan_model_set_as_at (f->plan, "2022-06-30");
  ib_plan_model_set_as_at (plan, "2022-06-30");
  g_clear_pointer (&plan_patched, g_free);
  g_clear_pointer (&plan_fresh, g_free);
  plan_patched = plan_rows (f->plan);
  plan_fresh = plan_rows (plan);
  g_assert_cmpstr (plan_patched, ==, plan_fresh);
}

/* "As at" a date and back gives what a model loaded at that date gives. */
static void
test_as_at_equals_fresh_load (Fixture       *f,
                              gconstpointer  data)
{
  static const char *dates[] = { "2022-03-31", "2021-12-31", "2022-09-30", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr (IbPlanModel) fresh = ib_plan_model_new (f->store);
      g_autofree char *moved = NULL, *loaded = NULL;

      ib_plan_model_set_today (fresh, TODAY);
      ib_plan_model_set_as_at (fresh, dates[i]);
      ib_plan_model_reload (fresh);
      ib_plan_model_set_as_at (f->plan, dates[i]);
      moved = plan_rows (f->plan);
      loaded = plan_rows (fresh);
      g_assert_cmpstr (moved, ==, loaded);
    }
}

static void
on_updated (gboolean *updated)
{
  *updated = TRUE;
}

/* Removes the database file @path, its journal files and the folder @dir made for it. */
static void
remove_database (const char *dir,
                 const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* On a database file a date not shown before is read off the main thread: the list keeps the
 * date before until it is read, then equals a model loaded at that date; a store change taken
 * in meanwhile is not lost. */
static void
test_as_at_read_apart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbPlanModel) model = NULL;
  g_autoptr (IbPlanModel) fresh = NULL;
  g_autoptr (IbRecord) action = NULL;
  g_autofree char *now = NULL, *waiting = NULL, *moved = NULL, *loaded = NULL;
  gboolean updated = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  model = ib_plan_model_new (store);
  ib_plan_model_set_today (model, TODAY);
  now = plan_rows (model);
  g_signal_connect_swapped (model, "updated", G_CALLBACK (on_updated), &updated);

  ib_plan_model_set_as_at (model, "2022-03-31");
  waiting = plan_rows (model);
  g_assert_cmpstr (waiting, ==, now);
  g_assert_false (updated);

  /* A change arrives while the date is read. */
  {
    g_autoptr (IbPlanItem) item = g_list_model_get_item (ib_plan_model_get_items (model), 1);

    action = ib_record_copy (ib_plan_item_get_record (item));
    ib_record_set_string (action, "title", "Retitled while the date was read");
    g_assert_true (ib_store_update (store, action, &error));
    g_assert_no_error (error);
  }

  while (!updated)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_signal_handlers_disconnect_by_data (model, &updated);

  fresh = ib_plan_model_new (store);
  ib_plan_model_set_today (fresh, TODAY);
  updated = FALSE;
  g_signal_connect_swapped (fresh, "updated", G_CALLBACK (on_updated), &updated);
  ib_plan_model_set_as_at (fresh, "2022-03-31");
  while (!updated)
    g_main_context_iteration (NULL, TRUE);
  moved = plan_rows (model);
  loaded = plan_rows (fresh);
  g_assert_cmpstr (moved, ==, loaded);
  g_assert_nonnull (strstr (moved, "Retitled while the date was read"));

  g_clear_object (&model);
  g_clear_object (&fresh);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* Waits until @model's first load, read apart, is taken in, then for what is due at idle. */
static void
wait_loaded (gpointer  model,
             gboolean (*is_loading) (gpointer))
{
  while (is_loading (model))
    g_main_context_iteration (NULL, TRUE);
  settle ();
}

#define WAIT_PLAN(model) wait_loaded ((model), (gboolean (*) (gpointer)) ib_plan_model_is_loading)
#define WAIT_KPIS(model) wait_loaded ((model), (gboolean (*) (gpointer)) ib_kpi_model_is_loading)
#define WAIT_RISKS(model) wait_loaded ((model), (gboolean (*) (gpointer)) ib_risk_model_is_loading)
#define WAIT_JUDGEMENTS(model) wait_loaded ((model), (gboolean (*) (gpointer)) ib_judgements_model_is_loading)

/* Asserts that @plan and @kpis, loaded apart, list what models loaded here on @store list
 * now; returns the plan's rows. */
static char *
assert_as_loaded_here (IbStore     *store,
                       IbPlanModel *plan,
                       IbKpiModel  *kpis)
{
  g_autoptr (IbPlanModel) plan_here = ib_plan_model_new (store);
  g_autoptr (IbKpiModel) kpis_here = ib_kpi_model_new (store);
  g_autofree char *plan_loaded = NULL, *kpis_apart = NULL, *kpis_loaded = NULL;
  char *plan_apart;

  ib_plan_model_set_today (plan_here, TODAY);
  plan_apart = plan_rows (plan);
  plan_loaded = plan_rows (plan_here);
  g_assert_cmpstr (plan_apart, ==, plan_loaded);
  kpis_apart = kpi_rows (kpis);
  kpis_loaded = kpi_rows (kpis_here);
  g_assert_cmpstr (kpis_apart, ==, kpis_loaded);
  return plan_apart;
}

/* On a database file the plan and KPI models made to load apart read their first load on a
 * worker thread: nothing is listed (no "empty" state) until it is in, and then they hold
 * exactly what a load on the main thread holds, filters and "as at" included. */
static void
test_load_apart_equals_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbPlanModel) plan = NULL, plan_here = NULL;
  g_autoptr (IbKpiModel) kpis = NULL;
  g_autofree char *plan_apart = NULL, *plan_loaded = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);

  plan = ib_plan_model_new_loading (store);
  kpis = ib_kpi_model_new_loading (store);
  g_assert_true (ib_plan_model_is_loading (plan));
  g_assert_true (ib_view_model_is_loading (IB_VIEW_MODEL (kpis)));
  g_assert_cmpuint (g_list_model_get_n_items (ib_plan_model_get_items (plan)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ib_kpi_model_get_items (kpis)), ==, 0);
  /* Chosen before the load is in: it is read with it. */
  ib_plan_model_set_today (plan, TODAY);
  WAIT_PLAN (plan);
  WAIT_KPIS (kpis);
  g_assert_false (ib_view_model_is_loading (IB_VIEW_MODEL (plan)));

  plan_apart = assert_as_loaded_here (store, plan, kpis);
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan), >, 5);
  g_assert_nonnull (strstr (plan_apart, " f1 "));
  g_assert_cmpuint (ib_kpi_model_get_n_indicators (kpis), >, 5);

  /* A filter and a past date on a model still loading are those of the load taken in. */
  g_clear_object (&plan);
  g_clear_pointer (&plan_apart, g_free);
  plan = ib_plan_model_new_loading (store);
  ib_plan_model_set_today (plan, TODAY);
  ib_plan_model_set_rag (plan, "amber");
  ib_plan_model_set_as_at (plan, "2022-10-21");
  WAIT_PLAN (plan);
  plan_here = ib_plan_model_new (store);
  ib_plan_model_set_today (plan_here, TODAY);
  ib_plan_model_set_rag (plan_here, "amber");
  ib_plan_model_set_as_at (plan_here, "2022-10-21");
  {
    gboolean updated = FALSE;

    /* On a file the date is read apart too: wait for it. */
    g_signal_connect_swapped (plan_here, "updated", G_CALLBACK (on_updated), &updated);
    while (!updated)
      g_main_context_iteration (NULL, TRUE);
  }
  plan_apart = plan_rows (plan);
  plan_loaded = plan_rows (plan_here);
  g_assert_cmpstr (plan_apart, ==, plan_loaded);
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan), >, 0);

  g_clear_object (&plan);
  g_clear_object (&plan_here);
  g_clear_object (&kpis);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* Edits committed while the first load is read apart are in what it shows: one before the
 * worker could have read (at once), and one after it read but before the main thread took
 * the load in (after a pause); either way the models equal a load made afterwards. */
static void
test_load_apart_keeps_edits (gconstpointer data)
{
  gboolean after_read = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbPlanModel) plan = NULL;
  g_autoptr (IbKpiModel) kpis = NULL;
  g_autoptr (GListModel) actions = NULL;
  g_autoptr (GListModel) measurements = NULL;
  g_autoptr (IbRecord) action = NULL, measurement = NULL;
  g_autofree char *plan_apart = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  actions = ib_store_list (store, &ib_type_action);
  action = ib_record_copy (g_list_model_get_item (actions, 0));
  g_object_unref (g_list_model_get_item (actions, 0));
  measurements = ib_store_list (store, &ib_type_measurement);
  measurement = ib_record_copy (g_list_model_get_item (measurements, g_list_model_get_n_items (measurements) - 1));
  g_object_unref (g_list_model_get_item (measurements, g_list_model_get_n_items (measurements) - 1));

  plan = ib_plan_model_new_loading (store);
  ib_plan_model_set_today (plan, TODAY);
  kpis = ib_kpi_model_new_loading (store);
  if (after_read)
    g_usleep (G_USEC_PER_SEC / 2);

  ib_record_set_string (action, "title", "Retitled while the plan was read");
  g_assert_true (ib_store_update (store, action, &error));
  g_assert_no_error (error);
  ib_record_set_double (measurement, "value", 12345);
  g_assert_true (ib_store_update (store, measurement, &error));
  g_assert_no_error (error);

  WAIT_PLAN (plan);
  WAIT_KPIS (kpis);

  plan_apart = assert_as_loaded_here (store, plan, kpis);
  g_assert_nonnull (strstr (plan_apart, "Retitled while the plan was read"));
  {
    IbKpiItem *item = ib_kpi_model_lookup (kpis, ib_record_get_string (measurement, "indicator"));
    gboolean found = FALSE;

    g_assert_nonnull (item);
    for (guint p = 0; p < ib_kpi_item_get_n_periods (item); p++)
      found |= ib_kpi_item_get_series (item, IB_KPI_SERIES_VALUE)[p] == 12345;
    g_assert_true (found);
  }

  g_clear_object (&plan);
  g_clear_object (&kpis);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* Asserts that @risks and @judgements, loaded apart, list what models loaded here on @store
 * list now, the risks filtered by @owner and without @hidden as @risks is; returns the
 * risks' rows and, in @judgements_out, the judgements'. */
static char *
assert_risks_judgements_as_loaded_here (IbStore            *store,
                                        IbRiskModel        *risks,
                                        IbJudgementsModel  *judgements,
                                        const char         *owner,
                                        const char         *hidden,
                                        char              **judgements_out)
{
  g_autoptr (IbRiskModel) risks_here = ib_risk_model_new (store);
  g_autoptr (IbJudgementsModel) judgements_here = ib_judgements_model_new (store);
  g_autofree char *risks_loaded = NULL, *judgements_loaded = NULL;
  char *risks_apart, *judgements_apart;

  ib_risk_model_set_today (risks_here, TODAY);
  ib_risk_model_set_sort (risks_here, IB_RISK_SORT_RESIDUAL);
  ib_risk_model_set_owner (risks_here, owner);
  if (hidden != NULL)
    ib_risk_model_hide (risks_here, hidden);
  risks_apart = risk_rows (risks);
  risks_loaded = risk_rows (risks_here);
  g_assert_cmpstr (risks_apart, ==, risks_loaded);
  judgements_apart = judgements_rows (judgements);
  judgements_loaded = judgements_rows (judgements_here);
  g_assert_cmpstr (judgements_apart, ==, judgements_loaded);
  *judgements_out = judgements_apart;
  return risks_apart;
}

/* On a database file the risk and judgements models made to load apart read their first load
 * on a worker: they list nothing until it is in, are loading meanwhile (so a view shows no
 * "empty" page), and then hold what a load here holds, with the sort, a filter and a risk
 * hidden while they were read applied. */
static void
test_risks_judgements_load_apart_equals_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbRiskModel) risks = NULL;
  g_autoptr (IbJudgementsModel) judgements = NULL;
  g_autoptr (IbRiskModel) all_here = NULL;
  g_autofree char *risks_apart = NULL, *judgements_apart = NULL, *owner = NULL, *hidden = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  /* A filter and a hidden risk that leave some risks listed. */
  all_here = ib_risk_model_new (store);
  {
    GListModel *items = ib_risk_model_get_items (all_here);
    g_autoptr (IbRecord) first = g_list_model_get_item (items, 0);
    g_auto (GStrv) owners = ib_risk_model_list_owners (all_here);

    g_assert_cmpuint (g_list_model_get_n_items (items), >, 3);
    owner = g_strdup (ib_record_get_string (first, "owner"));
    hidden = g_strdup (ib_record_get_id (first));
    g_assert_cmpuint (g_strv_length (owners), >, 1);
  }

  risks = ib_risk_model_new_loading (store);
  judgements = ib_judgements_model_new_loading (store);
  g_assert_true (ib_risk_model_is_loading (risks));
  g_assert_true (ib_view_model_is_loading (IB_VIEW_MODEL (risks)));
  g_assert_true (ib_judgements_model_is_loading (judgements));
  g_assert_true (ib_view_model_is_loading (IB_VIEW_MODEL (judgements)));
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (risks)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (judgements)), ==, 0);
  /* A model still loading answers as an empty one. */
  g_assert_null (ib_judgements_model_latest_graded (judgements));
  g_assert_cmpuint (ib_risk_model_count_cell (risks, IB_RISK_MATRIX_RESIDUAL, 3, 3, NULL), ==, 0);

  /* Chosen before the load is in: applied to it. */
  ib_risk_model_set_today (risks, TODAY);
  ib_risk_model_set_sort (risks, IB_RISK_SORT_RESIDUAL);
  ib_risk_model_set_owner (risks, owner);
  ib_risk_model_hide (risks, hidden);
  WAIT_RISKS (risks);
  WAIT_JUDGEMENTS (judgements);
  g_assert_false (ib_view_model_is_loading (IB_VIEW_MODEL (risks)));
  g_assert_false (ib_view_model_is_loading (IB_VIEW_MODEL (judgements)));

  risks_apart = assert_risks_judgements_as_loaded_here (store, risks, judgements, owner, hidden, &judgements_apart);
  g_assert_null (strstr (risks_apart, hidden));
  g_assert_nonnull (ib_judgements_model_latest_graded (judgements));
  g_assert_nonnull (strstr (judgements_apart, "finding"));

  /* Unhidden, the risk is back as a load here lists it. */
  ib_risk_model_unhide (risks, hidden);
  g_clear_pointer (&risks_apart, g_free);
  g_clear_pointer (&judgements_apart, g_free);
  risks_apart = assert_risks_judgements_as_loaded_here (store, risks, judgements, owner, NULL, &judgements_apart);
  g_assert_nonnull (strstr (risks_apart, hidden));

  g_clear_object (&risks);
  g_clear_object (&judgements);
  g_clear_object (&all_here);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* Edits committed while the risk and judgements models' first loads are read apart are in
 * what they show: before the worker could have read (at once), and after it read but before
 * the main thread took the load in (after a pause). A risk's new review moves its trend. */
static void
test_risks_judgements_load_apart_keeps_edits (gconstpointer data)
{
  gboolean after_read = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbRiskModel) risks = NULL;
  g_autoptr (IbJudgementsModel) judgements = NULL;
  g_autoptr (IbRecord) risk = NULL, inspection = NULL, review = ib_record_new (&ib_type_risk_review);
  g_autofree char *risks_apart = NULL, *judgements_apart = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  {
    g_autoptr (GListModel) all_risks = ib_store_list (store, &ib_type_risk);
    g_autoptr (GListModel) inspections = ib_store_list (store, &ib_type_inspection);
    g_autoptr (IbRecord) first_risk = g_list_model_get_item (all_risks, 0);
    g_autoptr (IbRecord) first_inspection = g_list_model_get_item (inspections, 0);

    risk = ib_record_copy (first_risk);
    inspection = ib_record_copy (first_inspection);
  }

  risks = ib_risk_model_new_loading (store);
  ib_risk_model_set_today (risks, TODAY);
  ib_risk_model_set_sort (risks, IB_RISK_SORT_RESIDUAL);
  judgements = ib_judgements_model_new_loading (store);
  if (after_read)
    g_usleep (G_USEC_PER_SEC / 2);

  ib_record_set_string (risk, "title", "Retitled while the register was read");
  g_assert_true (ib_store_update (store, risk, &error));
  g_assert_no_error (error);
  ib_record_set_string (review, "risk", ib_record_get_id (risk));
  ib_record_set_string (review, "reviewed_on", "2099-01-01");
  ib_record_set_int (review, "residual_l", 1);
  ib_record_set_int (review, "residual_i", 1);
  g_assert_true (ib_store_create (store, review, &error));
  g_assert_no_error (error);
  ib_record_set_string (inspection, "lead_inspector", "Changed while the timeline was read");
  g_assert_true (ib_store_update (store, inspection, &error));
  g_assert_no_error (error);
  /* Taken in only on this thread: both are still loading, however far the worker got. */
  g_assert_true (ib_risk_model_is_loading (risks));
  g_assert_true (ib_judgements_model_is_loading (judgements));

  /* In as the load lands, not left to the store watch's next idle. */
  while (ib_risk_model_is_loading (risks) || ib_judgements_model_is_loading (judgements))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (ib_record_get_string (ib_risk_model_lookup (risks, ib_record_get_id (risk)), "title"), ==,
                   "Retitled while the register was read");
  g_assert_cmpstr (ib_record_get_string (ib_judgements_model_lookup (judgements, ib_record_get_id (inspection)),
                                         "lead_inspector"), ==, "Changed while the timeline was read");
  settle ();

  risks_apart = assert_risks_judgements_as_loaded_here (store, risks, judgements, NULL, NULL, &judgements_apart);
  g_assert_nonnull (strstr (risks_apart, "Retitled while the register was read"));

  g_clear_object (&risks);
  g_clear_object (&judgements);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* A bootstrap copy fills the file under the store's feet and announces every type as changed,
 * with no ids: the models of views built on the empty database (the welcome page's) list all
 * of it afterwards, as models loaded afresh do. */
static void
test_bootstrap_reload_equals_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbStore) other = NULL;
  g_autoptr (IbPlanModel) plan = NULL;
  g_autoptr (IbKpiModel) kpis = NULL;
  g_autoptr (IbRiskModel) risks = NULL;
  g_autoptr (IbJudgementsModel) judgements = NULL;
  g_autofree char *plan_rows_after = NULL, *risks_after = NULL, *judgements_after = NULL;

  g_assert_no_error (error);
  plan = ib_plan_model_new_loading (store);
  ib_plan_model_set_today (plan, TODAY);
  kpis = ib_kpi_model_new_loading (store);
  risks = ib_risk_model_new_loading (store);
  ib_risk_model_set_today (risks, TODAY);
  ib_risk_model_set_sort (risks, IB_RISK_SORT_RESIDUAL);
  judgements = ib_judgements_model_new_loading (store);
  WAIT_PLAN (plan);
  WAIT_KPIS (kpis);
  WAIT_RISKS (risks);
  WAIT_JUDGEMENTS (judgements);
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (risks)), ==, 0);

  /* Another connection writes the rows, as the copy does, and the store is told. */
  other = ib_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (other, &error), >, 0);
  g_clear_object (&other);
  ib_store_bootstrap_reloaded (store);
  /* Taken in at idle, every model at once, and read on a worker: not on this thread. */
  while (!ib_risk_model_is_loading (risks) && !ib_kpi_model_is_loading (kpis) &&
         !ib_plan_model_is_loading (plan) && !ib_judgements_model_is_loading (judgements))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ib_risk_model_is_loading (risks));
  g_assert_true (ib_kpi_model_is_loading (kpis));
  g_assert_true (ib_plan_model_is_loading (plan));
  g_assert_true (ib_judgements_model_is_loading (judgements));
  WAIT_PLAN (plan);
  WAIT_KPIS (kpis);
  WAIT_RISKS (risks);
  WAIT_JUDGEMENTS (judgements);

  plan_rows_after = assert_as_loaded_here (store, plan, kpis);
  g_assert_nonnull (strstr (plan_rows_after, " f1 "));
  g_assert_cmpuint (ib_kpi_model_get_n_indicators (kpis), >, 5);
  risks_after = assert_risks_judgements_as_loaded_here (store, risks, judgements, NULL, NULL, &judgements_after);
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (risks)), >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (judgements)), >, 0);

  g_clear_object (&plan);
  g_clear_object (&kpis);
  g_clear_object (&risks);
  g_clear_object (&judgements);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* Returns the rows a model loaded here on @store shows for @search. */
static char *
searched_here (IbStore    *store,
               const char *search)
{
  g_autoptr (IbPlanModel) here = ib_plan_model_new (store);

  ib_plan_model_set_today (here, TODAY);
  ib_plan_model_set_search (here, search);
  return plan_rows (here);
}

/* A search typed into a view's plan that must ask SQLite for older statements is read apart:
 * the rows stay as they were until the answer is in, then equal a search made here; a search
 * typed over it wins, and a statement written while it is read is found. */
static void
test_search_apart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-test-model-updates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);
  g_autoptr (IbPlanModel) plan = NULL;
  g_autoptr (IbRecord) older = ib_record_new (&ib_type_position_statement);
  g_autofree char *before = NULL, *waiting = NULL, *apart = NULL, *here = NULL;
  g_autofree char *typed_over = NULL, *typed_here = NULL, *with_new = NULL, *new_here = NULL;
  g_autofree char *other_id = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  plan = ib_plan_model_new_loading (store);
  ib_plan_model_set_today (plan, TODAY);
  WAIT_PLAN (plan);
  before = plan_rows (plan);

  /* Only an older statement of action 10 holds it (test-plan-model's /plan-model/search). */
  ib_plan_model_set_search (plan, "Retention payments");
  g_assert_true (ib_plan_model_is_loading (plan));
  waiting = plan_rows (plan);
  g_assert_cmpstr (waiting, ==, before);
  WAIT_PLAN (plan);
  apart = plan_rows (plan);
  here = searched_here (store, "Retention payments");
  g_assert_cmpstr (apart, ==, here);
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan), ==, 1);

  /* Typed on before the answer: the last text is what is shown. */
  ib_plan_model_set_search (plan, "");
  ib_plan_model_set_search (plan, "Retention pay");
  ib_plan_model_set_search (plan, "Retention payments sch");
  WAIT_PLAN (plan);
  typed_over = plan_rows (plan);
  typed_here = searched_here (store, "Retention payments sch");
  g_assert_cmpstr (typed_over, ==, typed_here);

  /* A statement holding it written to another action while the search is read. */
  {
    g_autoptr (GListModel) actions = ib_store_list (store, &ib_type_action);

    for (guint i = 0; other_id == NULL && i < g_list_model_get_n_items (actions); i++)
      {
        g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);

        if (g_strcmp0 (ib_record_get_string (action, "ref"), "15") == 0)
          other_id = g_strdup (ib_record_get_id (action));
      }
  }
  g_assert_nonnull (other_id);
  ib_plan_model_set_search (plan, "Retention payments");
  ib_record_set_string (older, "action", other_id);
  ib_record_set_string (older, "as_at", "2022-01-10");
  ib_record_set_string (older, "narrative", "Retention payments agreed by the schools forum.");
  g_assert_true (ib_store_create (store, older, &error));
  g_assert_no_error (error);
  WAIT_PLAN (plan);
  with_new = plan_rows (plan);
  new_here = searched_here (store, "Retention payments");
  g_assert_cmpstr (with_new, ==, new_here);
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan), ==, 2);

  g_clear_object (&plan);
  g_clear_object (&store);
  remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/model-updates/edit-splices-one-row", Fixture, NULL, fixture_set_up, test_edit_splices_one_row, fixture_tear_down);
  g_test_add ("/model-updates/board-meetings", Fixture, NULL, fixture_set_up, test_board_meetings, fixture_tear_down);
  g_test_add ("/model-updates/review-splices-one-row", Fixture, NULL, fixture_set_up, test_review_splices_one_row, fixture_tear_down);
  g_test_add ("/model-updates/pulled-page-equals-fresh-load", Fixture, NULL, fixture_set_up, test_pulled_page_equals_fresh_load, fixture_tear_down);
  g_test_add ("/model-updates/as-at-equals-fresh-load", Fixture, NULL, fixture_set_up, test_as_at_equals_fresh_load, fixture_tear_down);

  g_test_add_func ("/model-updates/as-at-read-apart", test_as_at_read_apart);
  g_test_add_func ("/model-updates/load-apart-equals-load", test_load_apart_equals_load);
  g_test_add_func ("/model-updates/search-apart", test_search_apart);
  g_test_add_data_func ("/model-updates/load-apart-keeps-edits/at-once", GINT_TO_POINTER (FALSE), test_load_apart_keeps_edits);
  g_test_add_data_func ("/model-updates/load-apart-keeps-edits/after-read", GINT_TO_POINTER (TRUE), test_load_apart_keeps_edits);
  g_test_add_func ("/model-updates/load-apart-risks-judgements-equal-load", test_risks_judgements_load_apart_equals_load);
  g_test_add_func ("/model-updates/bootstrap-reload-equals-load", test_bootstrap_reload_equals_load);
  g_test_add_data_func ("/model-updates/load-apart-risks-judgements-keep-edits/at-once", GINT_TO_POINTER (FALSE),
                        test_risks_judgements_load_apart_keeps_edits);
  g_test_add_data_func ("/model-updates/load-apart-risks-judgements-keep-edits/after-read", GINT_TO_POINTER (TRUE),
                        test_risks_judgements_load_apart_keeps_edits);

  return g_test_run ();
}
