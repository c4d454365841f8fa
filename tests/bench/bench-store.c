/* bench-store.c: the store and every view's model on the ten-year dataset, against the demo
 * database and an empty one: opening, building each model, resident memory once all are
 * built, and a pulled page of 100 records applied and taken in by every model
 *
 * Each database is measured in a process of its own (this program run again with --measure),
 * so one's memory is never counted in another's. Prints figures and ratios; never fails on
 * time. Usage: bench-store [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "ib-demo.h"
#include "ib-judgements-model.h"
#include "ib-kpi-model.h"
#include "ib-meetings-model.h"
#include "ib-overview.h"
#include "ib-plan-model.h"
#include "ib-risk-model.h"
#include "ib-store.h"
#include "ib-store-sync.h"

#include "bench-dataset.h"
#include "pulled-page.h"

/* The budget of issue 21: every view visited on the ten-year dataset costs at most this much
 * more resident memory than on the demo database. */
#define MEMORY_ABOVE_DEMO_MIB 40.0

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) / 1024.0 : -1;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

/* On the worker thread: the Overview's figures through @reader, into @data (an IbOverview **). */
static void
read_overview (IbReader *reader,
               gpointer  data)
{
  *(IbOverview **) data = ib_overview_compute_read (reader, "2026-01-01", NULL);
}

static void
overview_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_nonnull (ib_reader_read_apart_finish (result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* The child: opens @path, builds every view's model as the window does when each view is
 * visited, and prints "name value" lines: milliseconds, then MiB; with @page, applies a
 * pulled page of 100 records and lets every model take it in. */
static int
measure (const char *path,
         const char *page)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbPlanModel) plan = NULL;
  g_autoptr (IbJudgementsModel) judgements = NULL;
  g_autoptr (IbKpiModel) kpis = NULL;
  g_autoptr (IbRiskModel) risks = NULL;
  g_autoptr (IbMeetingsModel) meetings = NULL;
  g_autoptr (IbOverview) overview = NULL;
  g_autoptr (JsonArray) changes = NULL;
  double before = rss_mib (), t;

  t = now_ms ();
  store = ib_store_open (path, &error);
  g_assert_no_error (error);
  printf ("open %.2f\n", now_ms () - t);

  /* The Overview's figures as its page reads them: on a worker thread, a connection of its own;
   * the main thread only starts the read and takes the result. */
  {
    IbOverview *apart = NULL;
    gboolean done = FALSE;
    double cpu = ib_bench_cpu_ms ();

    t = now_ms ();
    ib_reader_read_apart (path, NULL, NULL, read_overview, &apart, NULL, overview_read, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    printf ("overview-apart %.2f\n", now_ms () - t);
    printf ("overview-apart-cpu %.2f\n", ib_bench_cpu_ms () - cpu);
    g_assert_nonnull (apart);
    ib_overview_free (apart);
  }

  /* The page is made before the models, as it arrives in a running app: reading the records it
   * is made from and freeing them leaves some 15,000 small blocks that glibc merges at the next
   * large allocation, 10-15 ms that would otherwise be charged to the apply's first statement. */
  if (g_strcmp0 (page, "--page") == 0)
    changes = ib_test_pulled_page (store, 100);
  else if (g_strcmp0 (page, "--statements") == 0)
    changes = ib_test_pulled_statements (store, 100);

#define BUILD(name, call) G_STMT_START { t = now_ms (); call; printf ("%s %.2f\n", name, now_ms () - t); } G_STMT_END
  BUILD ("overview", overview = ib_overview_compute (store, "2026-01-01", &error));
  g_assert_no_error (error);
  BUILD ("plan", plan = ib_plan_model_new (store));
  BUILD ("judgements", judgements = ib_judgements_model_new (store));
  BUILD ("kpis", kpis = ib_kpi_model_new (store));
  BUILD ("risks", risks = ib_risk_model_new (store));
  BUILD ("meetings", meetings = ib_meetings_model_new (store));
#undef BUILD
  settle ();
  printf ("rss %.1f\n", rss_mib ());
  printf ("rss-before %.1f\n", before);

  if (changes != NULL)
    {
      double cpu, apply_ms, apply_cpu;

      settle ();
      cpu = ib_bench_cpu_ms ();
      t = now_ms ();
      g_assert (ib_store_sync_apply_page (store, changes, "bench-cursor", &error));
      g_assert_no_error (error);
      apply_ms = now_ms () - t;
      apply_cpu = ib_bench_cpu_ms () - cpu;
      printf ("page-records %u\n", json_array_get_length (changes));
      printf ("page-apply %.2f\n", apply_ms);
      printf ("page-apply-cpu %.2f\n", apply_cpu);
      cpu = ib_bench_cpu_ms ();
      t = now_ms ();
      settle ();
      printf ("page-models %.2f\n", now_ms () - t);
      printf ("page-models-cpu %.2f\n", ib_bench_cpu_ms () - cpu);
    }
  return 0;
}

/* Runs this program with --measure on @path; returns its "name value" lines as a table. */
static GHashTable *
measure_apart (const char *path,
               const char *page)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--measure", path, page, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status;

  g_assert (self != NULL);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space != NULL)
        g_hash_table_insert (values, g_strndup (lines[i], space - lines[i]), g_strdup (space + 1));
    }
  return values;
}

static double
value (GHashTable *values,
       const char *name)
{
  const char *text = g_hash_table_lookup (values, name);

  return text != NULL ? g_ascii_strtod (text, NULL) : -1;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char *rows[] = { "open", "overview", "plan", "judgements", "kpis", "risks", "meetings" };
  g_autofree char *dir = NULL;
  g_autofree char *big = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *empty = NULL;
  g_autoptr (GHashTable) on_empty = NULL;
  g_autoptr (GHashTable) on_demo = NULL;
  g_autoptr (GHashTable) on_big = NULL;
  double t0, gen_ms, above;
  guint n;

  setlocale (LC_ALL, "");

  if (argc >= 3 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2], argc == 4 ? argv[3] : NULL);

  if (argc == 3 && g_str_equal (argv[1], "--keep"))
    dir = g_strdup (argv[2]), g_mkdir_with_parents (dir, 0700);
  else
    dir = g_dir_make_tmp ("ib-bench-XXXXXX", NULL);

  big = g_build_filename (dir, "ten-years.db", NULL);
  demo = g_build_filename (dir, "demo.db", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);

  {
    g_autoptr (IbStore) store = ib_store_open (big, NULL);
    g_autoptr (IbStore) sample = ib_store_open (demo, NULL);
    g_autoptr (IbStore) blank = ib_store_open (empty, NULL);

    g_assert (store != NULL && sample != NULL && blank != NULL);
    if (ib_store_is_empty (sample))
      g_assert_cmpint (ib_demo_load (sample, NULL), >, 0);
    t0 = now_ms ();
    n = ib_store_is_empty (store) ? ib_bench_generate (store) : 0;
    gen_ms = now_ms () - t0;
  }

  if (n > 0)
    printf ("generated %u records in %.0f ms (%.1f µs a record, one transaction)\n", n, gen_ms, gen_ms * 1000 / n);

  /* Twice each, reporting the second: the first warms the page cache for all alike. */
  for (int round = 0; round < 2; round++)
    {
      g_clear_pointer (&on_empty, g_hash_table_unref);
      g_clear_pointer (&on_demo, g_hash_table_unref);
      g_clear_pointer (&on_big, g_hash_table_unref);
      on_empty = measure_apart (empty, NULL);
      on_demo = measure_apart (demo, NULL);
      on_big = measure_apart (big, NULL);
    }

  printf ("%-22s %12s %12s %14s %8s\n", "building (ms)", "empty", "demo", "10 years", "÷ empty");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    printf ("%-22s %12.2f %12.2f %14.2f %8.1f\n", rows[r], value (on_empty, rows[r]), value (on_demo, rows[r]),
            value (on_big, rows[r]), value (on_big, rows[r]) / MAX (value (on_empty, rows[r]), 0.01));

  printf ("the Overview's figures read apart, as its page reads them, on the ten-year dataset: %.2f ms of "
          "main-thread processor time (budget 16 ms), in after %.1f ms (read on the main thread: %.1f ms above)\n",
          value (on_big, "overview-apart-cpu"), value (on_big, "overview-apart"), value (on_big, "overview"));

  above = value (on_big, "rss") - value (on_demo, "rss");
  printf ("resident memory, every model built: empty %.1f MiB, demo %.1f MiB, ten years %.1f MiB\n",
          value (on_empty, "rss"), value (on_demo, "rss"), value (on_big, "rss"));
  printf ("ten years above the demo: %.1f MiB against a budget of %.0f MiB (the demo + %.0f MiB = %.1f MiB); "
          "was 179 MiB with every record type held live\n",
          above, MEMORY_ABOVE_DEMO_MIB, MEMORY_ABOVE_DEMO_MIB, value (on_demo, "rss") + MEMORY_ABOVE_DEMO_MIB);

  /* Issue 21 (3): a sync pulling 100 changed records costs at most two frames of main-loop
   * time in all: the store applying the page, then every model taking it in at idle. */
  for (guint k = 0; k < 2; k++)
    {
      g_clear_pointer (&on_big, g_hash_table_unref);
      on_big = measure_apart (big, k == 0 ? "--page" : "--statements");
      printf (k == 0 ? "a pulled page of %.0f records on the ten-year dataset, every model built:\n"
                     : "a pulled page of %.0f new position statements (each one more row in the search index):\n",
              value (on_big, "page-records"));
      printf ("  %-40s %8.2f ms (%7.2f ms processor)\n", "the store applies it (one transaction)",
              value (on_big, "page-apply"), value (on_big, "page-apply-cpu"));
      printf ("  %-40s %8.2f ms (%7.2f ms processor)\n", "every model takes it in (at idle)",
              value (on_big, "page-models"), value (on_big, "page-models-cpu"));
      printf ("  %-40s %8.2f ms (%7.2f ms processor) against 32 ms (two frames)%s\n",
              "main-thread total", value (on_big, "page-apply") + value (on_big, "page-models"),
              value (on_big, "page-apply-cpu") + value (on_big, "page-models-cpu"),
              k == 0 ? "; was 112-165 ms for the plan alone" : "");
    }

  if (argc != 3)
    {
      remove_database (big);
      remove_database (demo);
      remove_database (empty);
      g_rmdir (dir);
    }

  return 0;
}
