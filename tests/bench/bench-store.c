/* bench-store.c: the store on the ten-year dataset, against an empty database
 *
 * Prints figures and ratios; never fails on time. Usage: bench-store [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "ib-overview.h"
#include "ib-store.h"

#include "bench-dataset.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

typedef struct
{
  const char          *view;
  const IbRecordType  *types[4];
} ViewModels;

static const ViewModels views[] = {
  { "action plan", { &ib_type_plan, &ib_type_priority, &ib_type_action, NULL } },
  { "judgements", { &ib_type_inspection, &ib_type_judgement, &ib_type_finding, NULL } },
  { "kpis", { &ib_type_indicator, &ib_type_measurement, NULL } },
  { "risks", { &ib_type_risk, &ib_type_risk_review, NULL } },
  { "statements", { &ib_type_position_statement, NULL } },
};

/* Times opening @path and building each view's models, in a fresh store each time. */
static void
measure (const char *path,
         double     *open_ms,
         double     *view_ms,
         double     *overview_ms)
{
  double t0 = now_ms ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (path, &error);

  g_assert_no_error (error);
  *open_ms = now_ms () - t0;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double t = now_ms ();

      for (guint i = 0; views[v].types[i] != NULL; i++)
        {
          g_autoptr (GListModel) list = ib_store_list (store, views[v].types[i]);
          g_assert (list != NULL);
        }
      view_ms[v] = now_ms () - t;
    }

  {
    double t = now_ms ();
    g_autoptr (IbOverview) overview = ib_overview_compute (store, "2026-01-01", &error);

    g_assert_no_error (error);
    *overview_ms = now_ms () - t;
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *big = NULL;
  g_autofree char *empty = NULL;
  double open_big, open_empty, overview_big, overview_empty;
  double views_big[G_N_ELEMENTS (views)], views_empty[G_N_ELEMENTS (views)];
  double t0, gen_ms;
  guint n;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--keep"))
    dir = g_strdup (argv[2]), g_mkdir_with_parents (dir, 0700);
  else
    dir = g_dir_make_tmp ("ib-bench-XXXXXX", NULL);

  big = g_build_filename (dir, "ten-years.db", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);

  {
    g_autoptr (IbStore) store = ib_store_open (big, NULL);
    g_autoptr (IbStore) blank = ib_store_open (empty, NULL);

    g_assert (store != NULL && blank != NULL);
    t0 = now_ms ();
    n = ib_store_is_empty (store) ? ib_bench_generate (store) : 0;
    gen_ms = now_ms () - t0;
  }

  if (n > 0)
    printf ("generated %u records in %.0f ms (%.1f µs a record, one transaction)\n", n, gen_ms, gen_ms * 1000 / n);

  /* Twice each, reporting the second: the first warms the page cache for both alike. */
  measure (empty, &open_empty, views_empty, &overview_empty);
  measure (big, &open_big, views_big, &overview_big);
  measure (empty, &open_empty, views_empty, &overview_empty);
  measure (big, &open_big, views_big, &overview_big);

  printf ("%-22s %12s %12s %8s\n", "", "empty (ms)", "10 years (ms)", "ratio");
  printf ("%-22s %12.2f %12.2f %8.1f\n", "open", open_empty, open_big, open_big / MAX (open_empty, 0.01));
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    printf ("%-22s %12.2f %12.2f %8.1f\n", views[v].view, views_empty[v], views_big[v],
            views_big[v] / MAX (views_empty[v], 0.01));
  printf ("%-22s %12.2f %12.2f %8.1f\n", "overview", overview_empty, overview_big,
          overview_big / MAX (overview_empty, 0.01));
  printf ("resident memory after loading every model: %.1f MiB (budget 200 MiB)\n", rss_kib () / 1024.0);

  if (argc != 3)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *a = g_strconcat (big, suffixes[i], NULL);
          g_autofree char *b = g_strconcat (empty, suffixes[i], NULL);

          g_remove (a);
          g_remove (b);
        }
      g_rmdir (dir);
    }

  return 0;
}
