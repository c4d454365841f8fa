/* bench-pack.c: the full pack of the ten-year dataset (2,000 actions with their latest
 * statements, 300 KPIs charted, 1,000 risks, 40 inspections): building it, issuing it as a
 * snapshot, reading it back, laying it out and writing the PDF. Prints pages, seconds, bytes
 * and peak memory; never fails on a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "bench-dataset.h"
#include "ib-pack.h"
#include "ib-report.h"
#include "ib-store-private.h"

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
step (const char *what,
      double      seconds)
{
  printf ("%-46s %8.2f s   peak RSS %6.1f MB\n", what, seconds, peak_kib () / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ib-bench-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pack.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) meeting = ib_record_new (&ib_type_meeting);
  g_autoptr (IbRecord) report = ib_record_new (&ib_type_report);
  g_autoptr (IbPack) built = NULL;
  g_autoptr (IbPack) loaded = NULL;
  g_autoptr (IbReport) rendered = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  const char *appendices[] = { "appendix_plan", "appendix_kpis", "appendix_risks", "appendix_ofsted", "appendix_since" };
  double t, start;
  long before;
  guint n_records;

  setlocale (LC_ALL, "C.UTF-8");
  store = ib_store_open (path, NULL);
  g_assert (store != NULL);
  n_records = ib_bench_generate (store);
  before = peak_kib ();

  /* The dataset spreads its 2,000 actions over ten plans; the full pack is of one plan, so
   * they are all put in the active one. */
  g_assert (sqlite3_exec (_ib_store_get_db (store),
    "UPDATE action SET plan = (SELECT id FROM plan WHERE status = 'active');"
    "UPDATE priority SET plan = (SELECT id FROM plan WHERE status = 'active');", NULL, NULL, NULL) == SQLITE_OK);

  ib_record_set_string (meeting, "kind", "scrutiny");
  ib_record_set_string (meeting, "held_on", "2026-03-01");
  ib_record_set_string (meeting, "title", "Children’s Services Overview and Scrutiny");
  g_assert (ib_store_create (store, meeting, NULL));
  ib_record_set_string (report, "meeting", ib_record_get_id (meeting));
  ib_record_set_string (report, "subject", "The whole improvement programme");
  ib_record_set_string (report, "executive_summary", "Every action, indicator and risk of the programme.");
  ib_record_set_string (report, "scope", "programme");
  for (guint i = 0; i < G_N_ELEMENTS (appendices); i++)
    ib_record_set_bool (report, appendices[i], TRUE);
  g_assert (ib_store_create (store, report, NULL));

  printf ("dataset: %u records; peak RSS after generating it %.1f MB\n", n_records, before / 1024.0);
  start = now_s ();

  t = now_s ();
  built = ib_pack_build (store, ib_record_get_id (report), NULL, &error);
  g_assert_no_error (error);
  step ("build the pack from live data", now_s () - t);
  printf ("  %u actions, %u indicators, %u risks, %u inspections\n",
          json_array_get_length (json_object_get_array_member (ib_pack_get_document (built), "actions")),
          json_array_get_length (json_object_get_array_member (ib_pack_get_document (built), "indicators")),
          json_array_get_length (json_object_get_array_member (ib_pack_get_document (built), "risks")),
          json_array_get_length (json_object_get_array_member (ib_pack_get_document (built), "inspections")));

  t = now_s ();
  g_assert (ib_pack_issue (store, ib_record_get_id (report), NULL, &error));
  g_assert_no_error (error);
  step ("issue: build again and write the snapshot", now_s () - t);
  printf ("  %u snapshot pieces\n", ib_store_count (store, &ib_type_report_snapshot));

  t = now_s ();
  loaded = ib_pack_load (store, ib_record_get_id (report), &error);
  g_assert_no_error (error);
  step ("read the issued pack back from its snapshot", now_s () - t);

  t = now_s ();
  rendered = ib_report_new (loaded, IB_PACK_PART_PUBLIC, &error);
  g_assert_no_error (error);
  step ("lay out Part 1 on A4", now_s () - t);

  t = now_s ();
  g_assert (ib_report_write_pdf (rendered, pdf, &error));
  g_assert_no_error (error);
  step ("draw every page and write the PDF", now_s () - t);

  file = g_file_new_for_path (pdf);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  printf ("\nfull pack: %u pages, %.1f MB PDF, %.2f s from live data to PDF (issue, read back, lay out, write)\n",
          ib_report_get_n_pages (rendered), g_file_info_get_size (info) / 1e6, now_s () - start);
  printf ("peak resident memory: %.1f MB (%.1f MB above the generated dataset)\n",
          peak_kib () / 1024.0, (peak_kib () - before) / 1024.0);

  g_clear_object (&store);
  g_unlink (pdf);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
