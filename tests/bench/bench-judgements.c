/* bench-judgements.c: the Judgements view's model on the ten-year dataset (40 engagements,
 * 2,000 actions) with ten findings per engagement each linked to three actions: loading it,
 * and building one engagement's grid and findings as the detail pane does, against
 * a 16 ms frame. Prints figures; never fails on a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-dataset.h"
#include "ib-judgements-model.h"

#define N_FINDINGS 10
#define N_LINKS    3

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
add_findings (IbStore *store)
{
  g_autoptr (GListModel) inspections = ib_store_list (store, &ib_type_inspection);
  g_autoptr (GListModel) actions = ib_store_list (store, &ib_type_action);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2022);
  guint n_actions = g_list_model_get_n_items (actions);

  g_assert (ib_store_begin (store, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (inspections); i++)
    {
      g_autoptr (IbRecord) inspection = g_list_model_get_item (inspections, i);

      for (guint f = 0; f < N_FINDINGS; f++)
        {
          g_autoptr (IbRecord) finding = ib_record_new (&ib_type_finding);
          g_autofree char *id = g_uuid_string_random ();
          const char *links[N_LINKS + 1] = { NULL };
          g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint l = 0; l < N_LINKS; l++)
            {
              IbRecord *action = g_list_model_get_item (actions, g_rand_int_range (rand, 0, n_actions));

              g_ptr_array_add (keep, action);
              links[l] = ib_record_get_id (action);
            }
          ib_record_set_id (finding, id);
          ib_record_set_string (finding, "inspection", ib_record_get_id (inspection));
          ib_record_set_string (finding, "kind", f < 2 ? "area_for_priority_action" : "what_needs_to_improve");
          ib_record_set_string (finding, "text", "Improve the quality and timeliness of assessments");
          ib_record_set_int (finding, "sort_order", f + 1);
          ib_record_set_refs (finding, "linked_actions", links);
          g_assert (ib_store_import (store, finding, NULL));
        }
    }
  g_assert (ib_store_commit (store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-judgements-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbJudgementsModel) model = NULL;
  GListModel *timeline;
  double t0, load_ms, worst_detail = 0, total_detail = 0;
  guint n_records, n_shown = 0;

  setlocale (LC_ALL, "C.UTF-8");
  store = ib_store_open (path, NULL);
  g_assert (store != NULL);
  n_records = ib_bench_generate (store);
  add_findings (store);

  t0 = now_ms ();
  model = ib_judgements_model_new (store);
  load_ms = now_ms () - t0;
  timeline = ib_judgements_model_get_timeline (model);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (IbRecord) record = g_list_model_get_item (timeline, i);
      g_autoptr (GPtrArray) grid = NULL;
      g_autoptr (GPtrArray) findings = NULL;
      double t, ms;

      t = now_ms ();
      grid = ib_judgements_model_get_grid (model, ib_record_get_id (record));
      findings = ib_judgements_model_get_findings (model, ib_record_get_id (record));
      (void) ib_judgements_model_intervention_at (model, ib_record_get_string (record, "starts_on"));
      ms = now_ms () - t;

      total_detail += ms;
      worst_detail = MAX (worst_detail, ms);
      n_shown++;
    }

  printf ("dataset: %u records, %u engagements with %u findings each (%u links)\n",
          n_records, g_list_model_get_n_items (timeline), N_FINDINGS, N_LINKS);
  printf ("load (reload after any change): %.1f ms = %.2f of a 16 ms frame\n", load_ms, load_ms / 16.0);
  printf ("one engagement's grid + findings + intervention: mean %.2f ms, worst %.2f ms = %.2f of a frame\n",
          total_detail / MAX (n_shown, 1), worst_detail, worst_detail / 16.0);

  g_clear_object (&model);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
