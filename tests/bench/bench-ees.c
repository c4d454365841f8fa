/* bench-ees.c: importing an Explore Education Statistics data set of 150 councils × 10 years ×
 * 20 indicators (generated here, in the published tidy layout, with a four-value filter and a
 * sprinkling of symbols): the first read, the second read with the sums and ranks, and the one
 * transaction that writes it, with seconds and peak memory. Then the same with a 400-value
 * filter (a file a hundred times the rows) to show the reads stream. Prints figures; never
 * fails on a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ib-council.h"
#include "ib-ees.h"

#define N_LAS 150
#define N_YEARS 10
#define N_INDICATORS 20

static long
peak_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
report (const char *what,
        double      seconds)
{
  printf ("%-52s %8.3f s   peak RSS %6.1f MB\n", what, seconds, peak_kib () / 1024.0);
}

/* Writes the data set to @path: national, nine regions and N_LAS councils for each year and
 * filter value; returns its size in bytes. */
static goffset
write_file (const char *path,
            guint       n_breakdowns)
{
  FILE *out = fopen (path, "w");
  goffset size;

  g_assert_nonnull (out);
  fputs ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
         "region_name,old_la_code,new_la_code,la_name,breakdown", out);
  for (guint i = 0; i < N_INDICATORS; i++)
    fprintf (out, ",indicator_%02u", i);
  fputc ('\n', out);

  for (guint y = 0; y < N_YEARS; y++)
    for (guint b = 0; b < n_breakdowns; b++)
      for (int area = -10; area < N_LAS; area++)
        {
          guint region = area < 0 ? (guint) (area + 10) : (guint) area % 9 + 1;
          char breakdown[32];

          if (b == 0)
            g_strlcpy (breakdown, "Total", sizeof breakdown);
          else
            g_snprintf (breakdown, sizeof breakdown, "Group %u", b);
          if (area == -10)
            fprintf (out, "%u,Reporting year,National,E92000001,England,,,,,,%s", 2016 + y, breakdown);
          else if (area < 0)
            fprintf (out, "%u,Reporting year,Regional,E92000001,England,E1200000%u,Region %u,,,,%s",
                     2016 + y, region, region, breakdown);
          else
            fprintf (out, "%u,Reporting year,Local authority,E92000001,England,E1200000%u,Region %u,%u,E06%06u,"
                     "\"Council %u, of Region %u\",%s",
                     2016 + y, region, region, 800 + area, 800 + area, area, region, breakdown);
          for (guint i = 0; i < N_INDICATORS; i++)
            {
              guint seed = (y * 31 + b * 7 + (guint) (area + 10) * 13 + i * 17) % 997;

              if (seed % 53 == 0)
                fputs (",c", out);
              else if (seed % 89 == 0)
                fputs (",x", out);
              else
                fprintf (out, ",%.1f", seed / 10.0);
            }
          fputc ('\n', out);
        }

  size = ftell (out);
  fclose (out);
  return size;
}

static void
run (IbStore    *store,
     const char *dir,
     guint       n_breakdowns,
     gboolean    apply)
{
  g_autofree char *path = g_build_filename (dir, "la_national_data_set.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) first = NULL;
  g_autoptr (GFileInputStream) second = NULL;
  g_autoptr (IbEesScan) scan = NULL;
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *what = NULL;
  goffset size;
  gint64 t;

  t = g_get_monotonic_time ();
  size = write_file (path, n_breakdowns);
  what = g_strdup_printf ("write the file (%.1f MB, %u rows)", size / 1048576.0,
                          N_YEARS * n_breakdowns * (N_LAS + 10));
  report (what, (g_get_monotonic_time () - t) / 1e6);

  t = g_get_monotonic_time ();
  first = g_file_read (file, NULL, &error);
  scan = ib_ees_scan (G_INPUT_STREAM (first), path, NULL, &error);
  g_assert_no_error (error);
  report ("first read: columns, filters, periods, councils", (g_get_monotonic_time () - t) / 1e6);

  mapping = ib_ees_mapping_new (scan);
  for (guint i = 0; i < N_INDICATORS; i++)
    {
      g_autofree char *code = g_strdup_printf ("NAT_%02u", i);
      g_autofree char *column = g_strdup_printf ("indicator_%02u", i);

      ib_ees_mapping_add (mapping, code, column, (const char * const []) { "breakdown=Total", NULL }, TRUE);
    }

  t = g_get_monotonic_time ();
  second = g_file_read (file, NULL, &error);
  changes = ib_ees_prepare (store, G_INPUT_STREAM (second), scan, mapping, "2025-11-26", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("second read and preview (%u KPI-periods)", changes->len);
  report (what, (g_get_monotonic_time () - t) / 1e6);

  if (apply)
    {
      t = g_get_monotonic_time ();
      g_assert_true (ib_kpi_csv_apply (store, changes, &error));
      g_assert_no_error (error);
      report ("write them in one transaction", (g_get_monotonic_time () - t) / 1e6);
    }
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-ees-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (IbStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) neighbours = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  setlocale (LC_ALL, "");
  store = ib_store_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_INDICATORS; i++)
    {
      g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);
      g_autofree char *code = g_strdup_printf ("NAT_%02u", i);

      ib_record_set_string (indicator, "code", code);
      ib_record_set_string (indicator, "title", code);
      ib_record_set_string (indicator, "unit", "percent");
      ib_record_set_string (indicator, "polarity", i % 2 ? "higher_is_better" : "lower_is_better");
      g_assert_true (ib_store_create (store, indicator, &error));
    }
  g_assert_true (ib_council_set_la_code (store, "839", &error));
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", 850 + i);

      g_strv_builder_add (neighbours, code);
    }
  list = g_strv_builder_end (neighbours);
  g_assert_true (ib_council_set_neighbours (store, (const char * const *) list, &error));

  printf ("150 councils × 10 years × 20 indicators, a four-value filter:\n");
  run (store, dir, 4, TRUE);
  printf ("\nThe same with a 400-value filter (a hundred times the rows), preview only:\n");
  run (store, dir, 400, FALSE);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
