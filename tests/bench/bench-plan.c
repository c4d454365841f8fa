/* bench-plan.c: the Action Plan view's model with one plan of 2,000 actions and 50,000
 * position statements: loading it, then each filter, search and sort a person might use, an
 * edit and a pulled page of 100 records taken in, and "as at" moved, against a 16 ms frame,
 * beside the figure before the model took changes in place. Prints figures; never fails on a
 * time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-dataset.h"
#include "ib-plan-model.h"
#include "ib-plan-model-private.h"
#include "ib-store-sync.h"
#include "pulled-page.h"

#define N_PRIORITIES 20
#define N_ACTIONS    2000
#define N_PER_ACTION 25
#define N_OFFICERS   60

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
set_new_id (IbRecord *record)
{
  g_autofree char *id = g_uuid_string_random ();

  ib_record_set_id (record, id);
}

static char *
make_plan (IbStore *store)
{
  static const char *rags[] = { "red", "amber", "green" };
  static const char *statuses[] = { "not_started", "on_track", "at_risk", "off_track", "complete" };
  static const char *horizons[] = { "3_6_months", "12_months_plus", "rolled_forward" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2021);
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
  g_autoptr (GPtrArray) priorities = g_ptr_array_new_with_free_func (g_free);

  g_assert (ib_store_begin (store, NULL));
  set_new_id (plan);
  ib_record_set_string (plan, "title", "Improvement plan");
  ib_record_set_string (plan, "status", "active");
  g_assert (ib_store_import (store, plan, NULL));

  for (guint p = 0; p < N_PRIORITIES; p++)
    {
      g_autoptr (IbRecord) priority = ib_record_new (&ib_type_priority);
      g_autofree char *title = g_strdup_printf ("Priority area %u", p + 1);

      set_new_id (priority);
      ib_record_set_string (priority, "plan", ib_record_get_id (plan));
      ib_record_set_string (priority, "title", title);
      ib_record_set_int (priority, "sort_order", p);
      g_assert (ib_store_import (store, priority, NULL));
      g_ptr_array_add (priorities, g_strdup (ib_record_get_id (priority)));
    }

  for (guint a = 0; a < N_ACTIONS; a++)
    {
      g_autoptr (IbRecord) action = ib_record_new (&ib_type_action);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("%u.%u", a / 100 + 1, a % 100 + 1);
      g_autofree char *title = g_strdup_printf ("Action %u: improve the quality of practice", a);
      g_autofree char *officer = g_strdup_printf ("Head of Service %u", g_rand_int_range (rand, 0, N_OFFICERS));
      g_autofree char *due = g_strdup_printf ("20%02d-%02d-28", g_rand_int_range (rand, 21, 31), g_rand_int_range (rand, 1, 13));

      ib_record_set_id (action, id);
      ib_record_set_string (action, "plan", ib_record_get_id (plan));
      ib_record_set_string (action, "priority", priorities->pdata[a % N_PRIORITIES]);
      ib_record_set_string (action, "ref", ref);
      ib_record_set_string (action, "title", title);
      ib_record_set_string (action, "accountable_officer", officer);
      ib_record_set_string (action, "due_on", due);
      ib_record_set_string (action, "status", statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
      ib_record_set_string (action, "horizon", horizons[g_rand_int_range (rand, 0, G_N_ELEMENTS (horizons))]);
      ib_record_set_string (action, "delivery_rag", rags[g_rand_int_range (rand, 0, 3)]);
      ib_record_set_string (action, "impact_rag", rags[g_rand_int_range (rand, 0, 3)]);
      g_assert (ib_store_import (store, action, NULL));

      for (guint s = 0; s < N_PER_ACTION; s++)
        {
          g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
          g_autofree char *as_at = g_strdup_printf ("20%02u-%02u-15", 21 + s / 6, s % 12 + 1);
          g_autofree char *narrative = g_strdup_printf ("Statement %u on action %u: supervision is regular, "
                                                        "audits show practice improving; caseloads remain high in "
                                                        "the assessment teams and agency use is falling.", s, a);

          set_new_id (statement);
          ib_record_set_string (statement, "action", id);
          ib_record_set_string (statement, "as_at", as_at);
          ib_record_set_string (statement, "narrative", narrative);
          ib_record_set_string (statement, "delivery_rag", rags[g_rand_int_range (rand, 0, 3)]);
          g_assert (ib_store_import (store, statement, NULL));
        }
    }

  g_assert (ib_store_commit (store, NULL));
  return g_strdup (ib_record_get_id (plan));
}

static double cpu_at;

/* Prints @ms on the wall clock and the main thread's processor time since start () beside it
 * (on a shared machine the second is the work itself), against a 16 ms frame, and @before,
 * the figure before the model took changes in place (0: not measured then). */
static void
report_against (const char *what,
                double      ms,
                guint       shown,
                double      before)
{
  double cpu = ib_bench_cpu_ms () - cpu_at;

  printf ("%-46s %8.2f ms (%7.2f ms processor) %6.2f× a 16 ms frame  (%u shown)", what, ms, cpu, ms / 16.0, shown);
  if (before > 0)
    printf ("  was %.0f ms", before);
  printf ("\n");
}

static void
report (const char *what,
        double      ms,
        guint       shown)
{
  report_against (what, ms, shown, 0);
}

static double
start (void)
{
  cpu_at = ib_bench_cpu_ms ();
  return now_ms ();
}

/* Runs the main loop until nothing is due: the model takes a store change at idle. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static void
on_updated (gboolean *updated)
{
  *updated = TRUE;
}

/* Moves "as at" to @date and waits for the list to show it. */
static void
as_at (const char  *what,
       IbPlanModel *model,
       const char  *date)
{
  gboolean updated = FALSE;
  gulong handler = g_signal_connect_swapped (model, "updated", G_CALLBACK (on_updated), &updated);
  double t = start (), call, cpu;

  ib_plan_model_set_as_at (model, date);
  call = now_ms () - t;
  while (!updated)
    g_main_context_iteration (NULL, TRUE);
  cpu = ib_bench_cpu_ms () - cpu_at;
  g_signal_handler_disconnect (model, handler);
  printf ("%-46s %8.2f ms main-thread processor time %6.2f× a 16 ms frame (the call: %.2f ms on the wall clock); "
          "shown after %.1f ms  (%u shown)  was 112 ms\n",
          what, cpu, cpu / 16.0, call, now_ms () - t, ib_plan_model_get_n_shown (model));
}

#define TIMED(what, call) \
  G_STMT_START { double t_ = start (); call; report (what, now_ms () - t_, ib_plan_model_get_n_shown (model)); } G_STMT_END
#define TIMED_WAS(what, was, call) \
  G_STMT_START { double t_ = start (); call; report_against (what, now_ms () - t_, ib_plan_model_get_n_shown (model), was); } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-plan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbPlanModel) model = NULL;
  g_autofree char *plan_id = NULL;
  double t;

  setlocale (LC_ALL, "");

  store = ib_store_open (path, NULL);
  g_assert (store != NULL);
  t = now_ms ();
  plan_id = make_plan (store);
  printf ("generated 1 plan, %u actions, %u statements in %.0f ms\n", N_ACTIONS, N_ACTIONS * N_PER_ACTION, now_ms () - t);

  t = start ();
  model = ib_plan_model_new (store);
  report_against ("load the plan (first time)", now_ms () - t, ib_plan_model_get_n_shown (model), 162);
  /* As the view loads it: read on a worker thread on a connection of its own, taken in on the
   * main thread in one splice. The budget is the main thread's share. */
  {
    g_autoptr (IbPlanModel) apart = NULL;

    t = start ();
    apart = ib_plan_model_new_loading (store);
    ib_bench_report_load_apart ("load the plan apart (as its view does)", apart,
                                (gboolean (*) (gpointer)) ib_plan_model_is_loading, t, cpu_at);
  }
  ib_plan_model_set_today (model, "2026-11-23");

  TIMED_WAS ("reload (on demand only, now)", 140, ib_plan_model_reload (model));

  /* An edit: one action's latest statement rewritten, as the statement editor saves it. */
  {
    GListModel *items = ib_plan_model_get_items (model);
    g_autoptr (IbPlanItem) item = g_list_model_get_item (items, 1);
    g_autoptr (IbRecord) statement = ib_record_copy (ib_plan_item_get_statement (item));
    g_autoptr (GError) error = NULL;

    ib_record_set_string (statement, "narrative", "Rewritten: caseloads are down to eighteen.");
    TIMED ("edit: one statement written (store)", g_assert (ib_store_update (store, statement, &error)));
    TIMED_WAS ("edit: the model takes it in (at idle)", 140, settle ());
  }

  /* A pulled page of 100 records of this plan, applied as the sync engine applies it. */
  {
    g_autoptr (JsonArray) page = ib_test_pulled_page (store, 100);
    g_autoptr (GError) error = NULL;
    double page_ms;

    printf ("a pulled page of %u records:\n", json_array_get_length (page));
    t = start ();
    g_assert (ib_store_sync_apply_page (store, page, "bench-cursor", &error));
    page_ms = now_ms () - t;
    report ("page: applied by the store", page_ms, ib_plan_model_get_n_shown (model));
    TIMED_WAS ("page: the model takes it in (at idle)", 140, settle ());
  }
  TIMED ("filter: delivery RAG red", ib_plan_model_set_rag (model, "red"));
  TIMED ("filter: + one officer", ib_plan_model_set_officer (model, "Head of Service 7"));
  TIMED ("filter: clear officer", ib_plan_model_set_officer (model, NULL));
  TIMED ("filter: clear RAG", ib_plan_model_set_rag (model, NULL));
  TIMED ("filter: overdue only", ib_plan_model_set_overdue_only (model, TRUE));
  TIMED ("filter: clear overdue", ib_plan_model_set_overdue_only (model, FALSE));
  TIMED ("filter: no statement in 26 weeks", ib_plan_model_set_stale_weeks (model, 26));
  TIMED ("filter: clear stale", ib_plan_model_set_stale_weeks (model, 0));
  TIMED_WAS ("search: \"action 1999\" (one keystroke)", 3.6, ib_plan_model_set_search (model, "action 1999"));
  TIMED_WAS ("search: \"caseloads\" (in every statement)", 50, ib_plan_model_set_search (model, "caseloads"));
  TIMED ("search: cleared", ib_plan_model_set_search (model, NULL));
  /* The worst case left: a phrase of every action's older statements and none of its latest,
   * so SQLite visits every statement holding it. */
  TIMED ("search: \"statement 3 on\" (older ones only)", ib_plan_model_set_search (model, "statement 3 on"));
  TIMED ("search: cleared", ib_plan_model_set_search (model, NULL));
  /* As the view searches: its model asks SQLite for older statements on a worker thread, on a
   * connection of its own, and takes the answer in one splice. The budget is the main thread's. */
  {
    g_autoptr (IbPlanModel) apart = ib_plan_model_new_loading (store);

    while (ib_plan_model_is_loading (apart))
      g_main_context_iteration (NULL, TRUE);
    ib_plan_model_set_today (apart, "2026-11-23");
    t = start ();
    ib_plan_model_set_search (apart, "statement 3 on");
    ib_bench_report_load_apart ("search: \"statement 3 on\", read apart (view)", apart,
                                (gboolean (*) (gpointer)) ib_plan_model_is_loading, t, cpu_at);
  }
  TIMED ("sort: by due date", ib_plan_model_set_sort (model, IB_PLAN_SORT_DUE));
  TIMED ("sort: by RAG", ib_plan_model_set_sort (model, IB_PLAN_SORT_RAG));
  TIMED ("sort: by officer", ib_plan_model_set_sort (model, IB_PLAN_SORT_OFFICER));
  TIMED ("sort: by priority area and ref", ib_plan_model_set_sort (model, IB_PLAN_SORT_REF));
  /* A date not shown before is read on a connection of the model's own, apart from the main
   * thread: the main thread's share is the call and taking the result in (its processor
   * time, since it sleeps meanwhile); the wall clock runs until the list changed. */
  as_at ("as at 2024-06-15", model, "2024-06-15");
  as_at ("as at 2022-03-15", model, "2022-03-15");
  as_at ("as at: back to now (read before)", model, NULL);
  as_at ("as at 2024-06-15 again (read before)", model, "2024-06-15");
  as_at ("as at: back to now", model, NULL);

  g_clear_object (&model);
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
