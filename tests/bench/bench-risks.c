/* bench-risks.c: the Risks view's model on the ten-year dataset (1,000 risks, 20,000 reviews):
 * loading it, each filter, the heat maps' 50 cell counts and one row's trend, against
 * a 16 ms frame. Prints figures; never fails on a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-dataset.h"
#include "ib-risk-model.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double cpu_at;

/* Prints @ms on the wall clock with the main thread's own processor time since the matching
 * start () beside it, against the 16 ms frame, and the figure before the models took changes
 * in place (@before, ms; 0 when it was not measured). */
static void
report_against (const char *what,
                double      ms,
                double      before)
{
  double cpu = ib_bench_cpu_ms () - cpu_at;

  if (before > 0)
    printf ("%-44s %7.2f ms (%6.2f ms processor) = %.2f of a 16 ms frame; was %.0f ms\n",
            what, ms, cpu, ms / 16.0, before);
  else
    printf ("%-44s %7.2f ms (%6.2f ms processor) = %.2f of a 16 ms frame\n", what, ms, cpu, ms / 16.0);
}

static void
report (const char *what,
        double      ms)
{
  report_against (what, ms, 0);
}

static double
start (void)
{
  cpu_at = ib_bench_cpu_ms ();
  return now_ms ();
}

static double
count_maps (IbRiskModel *model)
{
  double t = start ();

  for (int k = 0; k < 2; k++)
    for (int l = 1; l <= 5; l++)
      for (int i = 1; i <= 5; i++)
        {
          g_autofree char *refs = NULL;

          ib_risk_model_count_cell (model, (IbRiskMatrixKind) k, l, i, &refs);
        }
  return now_ms () - t;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-risks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRiskModel) model = NULL;
  GListModel *items;
  double t, trends = 0;
  guint n_records;

  setlocale (LC_ALL, "C.UTF-8");
  store = ib_store_open (path, NULL);
  g_assert (store != NULL);
  n_records = ib_bench_generate (store);

  t = start ();
  {
    g_autoptr (GListModel) risks = ib_store_list (store, &ib_type_risk);

    report ("of which: reading the 1,000 risks", now_ms () - t);
  }

  t = start ();
  model = ib_risk_model_new (store);
  report_against ("load", now_ms () - t, 39);
  t = start ();
  ib_risk_model_reload (model);
  report_against ("reload, warm", now_ms () - t, 39);
  items = ib_risk_model_get_items (model);
  printf ("dataset: %u records, %u risks listed\n", n_records, g_list_model_get_n_items (items));

  /* A review recorded, as the detail's form saves it, then taken in at idle. */
  {
    g_autoptr (IbRecord) risk = g_list_model_get_item (items, 0);
    g_autoptr (IbRecord) review = ib_record_new (&ib_type_risk_review);
    g_autoptr (GError) error = NULL;

    ib_record_set_string (review, "risk", ib_record_get_id (risk));
    ib_record_set_string (review, "reviewed_on", "2026-11-20");
    ib_record_set_int (review, "residual_l", 5);
    ib_record_set_int (review, "residual_i", 5);
    g_assert (ib_risk_model_add_review (model, review, NULL, &error));
    t = start ();
    while (g_main_context_iteration (NULL, FALSE));
    report_against ("a review added: the model takes it in", now_ms () - t, 39);
  }

  report ("heat maps: 2 × 25 cells counted, with refs", count_maps (model));

  t = start ();
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      ib_risk_model_get_trend (model, risk);
    }
  trends = now_ms () - t;
  report ("trend of every risk (a screenful needs ~15)", trends);

  t = start ();
  ib_risk_model_set_search (model, "recruit");
  report ("search", now_ms () - t);
  ib_risk_model_set_search (model, NULL);

  t = start ();
  ib_risk_model_set_band (model, IB_RISK_BAND_HIGH);
  report ("filter by band", now_ms () - t);
  ib_risk_model_set_band (model, IB_RISK_BAND_NONE);

  t = start ();
  ib_risk_model_set_cell (model, IB_RISK_MATRIX_RESIDUAL, 3, 3);
  report ("filter by a heat-map cell", now_ms () - t);

  t = start ();
  ib_risk_model_set_sort (model, IB_RISK_SORT_RESIDUAL);
  report ("sort by residual score", now_ms () - t);

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
