/* bench-kpis.c: the KPI view on the ten-year dataset (300 indicators × 120 months, four
 * series each): loading the model, building every list row, filling and drawing a 120-month
 * chart with four series, and exporting it, against a 16 ms frame. Prints figures;
 * never fails on a time. Drawing needs a display (run it under xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-dataset.h"
#include "ib-chart-private.h"
#include "ib-kpi-detail.h"
#include "ib-kpi-model.h"
#include "ib-kpi-row.h"
#include "ib-store-private.h"
#include "ib-store-sync.h"
#include "pulled-page.h"

#define ROUNDS 20

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double cpu_at;

static double
start (void)
{
  cpu_at = ib_bench_cpu_ms ();
  return now_ms ();
}

/* Prints @ms with the main thread's processor time since start () beside it (on a shared
 * machine the second is the work itself), and @before, the figure before the model took
 * changes in place (0: none). */
static void
report_against (const char *what,
                double      ms,
                double      before)
{
  printf ("%-52s %8.2f ms (%7.2f ms processor) = %.2f of a 16 ms frame", what, ms, ib_bench_cpu_ms () - cpu_at, ms / 16.0);
  if (before > 0)
    printf ("; was %.0f ms", before);
  printf ("\n");
}

static void
report (const char *what,
        double      ms)
{
  printf ("%-52s %8.2f ms = %.2f of a 16 ms frame\n", what, ms, ms / 16.0);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static void
remove_database (const char *dir,
                 const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-kpis-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbKpiModel) model = NULL;
  GListModel *items;
  IbKpiItem *first = NULL;
  double t, worst = 0, total = 0;
  guint n_records, n_rows;

  setlocale (LC_ALL, "");
  store = ib_store_open (path, NULL);
  g_assert (store != NULL);
  n_records = ib_bench_generate (store);

  /* The one query the model runs, stepped through without keeping anything. */
  {
    sqlite3_stmt *stmt = _ib_store_prepare (store,
      "SELECT indicator, id, period, value, england, stat_neighbours, region FROM measurement"
      " WHERE deleted = 0 ORDER BY indicator, period", NULL);

    t = now_ms ();
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        sqlite3_column_text (stmt, 0);
        sqlite3_column_text (stmt, 1);
        sqlite3_column_text (stmt, 2);
      }
    sqlite3_reset (stmt);
    report ("of which: stepping the measurement query", now_ms () - t);
  }

  t = start ();
  model = ib_kpi_model_new (store);
  report_against ("model load: 300 indicators, 36,000 months", now_ms () - t, 34);
  /* As the view loads it: read on a worker thread on a connection of its own, taken in on the
   * main thread in one splice. The budget is the main thread's share. */
  {
    g_autoptr (IbKpiModel) apart = NULL;

    t = start ();
    apart = ib_kpi_model_new_loading (store);
    ib_bench_report_load_apart ("model load apart (as the view does)", apart,
                                (gboolean (*) (gpointer)) ib_kpi_model_is_loading, t, cpu_at);
  }
  t = start ();
  ib_kpi_model_reload (model);
  report_against ("reload, warm (on demand only, now)", now_ms () - t, 34);

  /* A value corrected, as the detail's editor saves it, then taken in at idle. */
  {
    g_autoptr (IbKpiItem) item = g_list_model_get_item (ib_kpi_model_get_items (model), 1);
    g_autoptr (IbRecord) measurement = ib_store_get (store, &ib_type_measurement,
                                                     ib_kpi_item_get_measurement_id (item, ib_kpi_item_get_latest (item)), NULL);
    g_autoptr (GError) error = NULL;

    ib_record_set_double (measurement, "value", 61.5);
    g_assert (ib_store_update (store, measurement, &error));
    t = start ();
    settle ();
    report_against ("one value edited: the model takes it in", now_ms () - t, 34);
  }

  /* A pulled page of 100 records (actions, risks and figures) applied, then taken in. */
  {
    g_autoptr (JsonArray) page = ib_test_pulled_page (store, 100);
    g_autoptr (GError) error = NULL;

    g_assert (ib_store_sync_apply_page (store, page, "bench-cursor", &error));
    t = start ();
    settle ();
    report_against ("a pulled page of 100 records: the model takes it in", now_ms () - t, 34);
  }

  items = ib_kpi_model_get_items (model);
  n_rows = g_list_model_get_n_items (items);
  printf ("dataset: %u records, %u list rows (headings and indicators)\n", n_records, n_rows);

  t = now_ms ();
  ib_kpi_model_set_search (model, "service area 3");
  report ("search", now_ms () - t);
  ib_kpi_model_set_search (model, NULL);

  if (!gtk_init_check ())
    {
      printf ("no display: list rows and chart drawing not measured (run under xvfb-run)\n");
      g_clear_object (&model);
      g_clear_object (&store);
      remove_database (dir, path);
      return 0;
    }

  /* Every row filled, as if the whole list were scrolled through once. */
  {
    GtkWidget *row = g_object_ref_sink (ib_kpi_row_new ());

    t = now_ms ();
    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

        ib_kpi_row_set (IB_KPI_ROW (row), item);
        if (first == NULL && ib_kpi_item_get_kind (item) == IB_KPI_ITEM_INDICATOR)
          first = item;
      }
    total = now_ms () - t;
    report ("list: all rows filled (300 indicators + headings)", total);
    report ("list: per row (a screenful binds ~10)", total / n_rows);
    g_object_unref (row);
  }

  /* One 120-month chart with four series and a target band, at a window's and an export's size. */
  {
    IbChart *chart = g_object_ref_sink (IB_CHART (ib_chart_new ()));
    IbChartColors colors;
    int sizes[][2] = { { 720, 320 }, { 1200, 675 } };

    t = now_ms ();
    for (int r = 0; r < ROUNDS; r++)
      ib_kpi_detail_fill_chart (chart, first, IB_KPI_RANGE_ALL);
    report ("chart filled from the model (120 months × 4)", (now_ms () - t) / ROUNDS);

    ib_chart_colors_default (&colors);
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[s][0], sizes[s][1]);
        g_autofree char *what = NULL;

        total = 0;
        worst = 0;
        for (int r = 0; r < ROUNDS; r++)
          {
            cairo_t *cr = cairo_create (surface);
            double one;

            t = now_ms ();
            ib_chart_draw (chart, cr, sizes[s][0], sizes[s][1], &colors);
            cairo_surface_flush (surface);
            one = now_ms () - t;
            cairo_destroy (cr);
            total += one;
            worst = MAX (worst, one);
          }
        g_assert (ib_chart_get_n_points (chart, IB_CHART_VALUE) == 120);
        g_assert (ib_chart_get_n_points (chart, IB_CHART_REGION) == 120);
        what = g_strdup_printf ("chart drawn at %d × %d, mean", sizes[s][0], sizes[s][1]);
        report (what, total / ROUNDS);
        g_free (what);
        what = g_strdup_printf ("chart drawn at %d × %d, worst", sizes[s][0], sizes[s][1]);
        report (what, worst);
        cairo_surface_destroy (surface);
      }

    {
      g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
      g_autoptr (GFile) file = g_file_new_for_path (pdf);

      t = now_ms ();
      g_assert (ib_chart_export (chart, file, IB_CHART_PDF, 1200, 675, NULL));
      report ("export to PDF at 1200 × 675 (not per frame)", now_ms () - t);
      g_unlink (pdf);
    }
    g_object_unref (chart);
  }

  g_clear_object (&model);
  g_clear_object (&store);
  remove_database (dir, path);
  return 0;
}
