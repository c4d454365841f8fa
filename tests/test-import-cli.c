/* test-import-cli.c: `improvement-board --import`, run as a subprocess with no display at all:
 * the council set from the command line, an Explore Education Statistics file imported by its
 * remembered mapping, what is said when the mapping is missing, Ofsted summaries, and nothing
 * written on any error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "ib-council.h"
#include "ib-demo.h"
#include "ib-ees.h"
#include "ib-national-grades.h"
#include "ib-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *cla;
  char *ofsted;
} CliFixture;

static void
cli_set_up (CliFixture    *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;
  g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);

  f->dir = ib_test_make_dir ();
  f->db = g_build_filename (f->dir, "board.db", NULL);
  f->cla = g_test_build_filename (G_TEST_DIST, "data", "ees", "cla_number_and_rate_per_10k_children.csv", NULL);
  f->ofsted = g_test_build_filename (G_TEST_DIST, "data", "ofsted", "ofsted_csc_ilacs_overview.csv", NULL);
  store = ib_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (store, &error), >, 0);
  ib_record_set_string (indicator, "code", "CLA_RATE");
  ib_record_set_string (indicator, "title", "Children looked after per 10,000 children");
  ib_record_set_string (indicator, "unit", "rate_per_10k");
  ib_record_set_string (indicator, "polarity", "neutral");
  g_assert_true (ib_store_create (store, indicator, &error));
  g_assert_no_error (error);
}

static void
cli_tear_down (CliFixture    *f,
               gconstpointer  data)
{
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->cla);
  g_free (f->ofsted);
}

/* Runs the app with @args and no display; returns its exit status. */
static int
run_app (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  int status = 0;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  g_ptr_array_add (argv, (gpointer) IB_APP_BINARY);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Returns a count from the database file, read the way another program would. */
static guint
count (CliFixture *f,
       const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->db, &error);
  g_autoptr (GPtrArray) outbox = NULL;

  g_assert_no_error (error);
  if (g_str_equal (what, "outbox"))
    {
      outbox = ib_store_get_outbox (store);
      return outbox->len;
    }
  if (g_str_equal (what, "grades"))
    return ib_national_grades_count (store);
  return ib_store_count (store, &ib_type_measurement);
}

static void
assert_fails (CliFixture         *f,
              const char * const *args,
              int                 expected,
              const char         *message)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint outbox = count (f, "outbox"), measurements = count (f, "measurements");
  int status = run_app (args, &out, &err);

  if (status != expected || strstr (err, message) == NULL)
    g_error ("exit %d (wanted %d), stderr: %s", status, expected, err);
  g_assert_cmpuint (count (f, "outbox"), ==, outbox);
  g_assert_cmpuint (count (f, "measurements"), ==, measurements);
}

static void
remember_mapping (CliFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = ib_store_open (f->db, &error);
  g_autoptr (GFile) file = g_file_new_for_path (f->cla);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, &error);
  g_autoptr (IbEesScan) scan = ib_ees_scan (G_INPUT_STREAM (stream), f->cla, NULL, &error);
  g_autoptr (IbEesMapping) mapping = ib_ees_mapping_new (scan);

  g_assert_no_error (error);
  mapping->publication = g_strdup ("Children looked after in England including adoptions");
  ib_ees_mapping_add (mapping, "CLA_RATE", "rate_per_10000",
                      (const char * const []) { "population_type=Children looked after on 31 March each year", NULL }, TRUE);
  g_assert_true (ib_ees_mapping_save (store, mapping, &error));
  g_assert_no_error (error);
}

/* The monthly job: the council set once, then the file imported by the remembered mapping,
 * with no display; a second run finds nothing to change. */
static void
test_imports_ees (CliFixture    *f,
                  gconstpointer  data)
{
  const char *set[] = { "--database", f->db, "--set-la-code", "839",
                        "--set-neighbours", "822,882,886,878,826,303,938,926,845,881", NULL };
  const char *import[] = { "--database", f->db, "--import", f->cla, "--published", "2025-11-26", NULL };
  const char *dry[] = { "--database", f->db, "--import", f->cla, "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint before;

  /* No mapping yet: said, naming the file and what to do. */
  assert_fails (f, import, 1, "No mapping is remembered for the data set in “cla_number_and_rate_per_10k_children.csv”");
  remember_mapping (f);
  /* No council yet. */
  assert_fails (f, import, 1, "Set its local authority code in Preferences (or with --set-la-code)");

  g_assert_cmpint (run_app (set, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  before = count (f, "measurements");
  g_assert_cmpint (run_app (dry, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "CLA_RATE: 2 new, 0 changed, 0 unchanged"));
  g_assert_cmpuint (count (f, "measurements"), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_app (import, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "CLA_RATE: 2 new, 0 changed, 0 unchanged"));
  g_assert_nonnull (strstr (out, "Wrote 2 figures."));
  g_assert_cmpuint (count (f, "measurements"), ==, before + 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_app (import, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "CLA_RATE: 0 new, 0 changed, 2 unchanged"));
  g_assert_nonnull (strstr (out, "Wrote 0 figures."));

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IbStore) store = ib_store_open (f->db, &error);
    g_autofree char *code = ib_council_dup_la_code (store);
    g_auto (GStrv) neighbours = ib_council_dup_neighbours (store);

    g_assert_cmpstr (code, ==, "839");
    g_assert_cmpuint (g_strv_length (neighbours), ==, 10);
  }
}

/* Bad input: nothing written, the reason on standard error, exit 1 (2 for the command line). */
static void
test_refusals (CliFixture    *f,
               gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  /* A workbook, but not an outcomes summary (the only kind published as one). */
  g_autofree char *book = g_test_build_filename (G_TEST_DIST, "data", "xlsx", "date1904.xlsx", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.db", NULL);
  const char *set[] = { "--database", f->db, "--set-la-code", "839", NULL };
  const char *bad_file[] = { "--database", f->db, "--import", bad, NULL };
  const char *workbook[] = { "--database", f->db, "--import", book, NULL };
  const char *bad_date[] = { "--database", f->db, "--import", f->cla, "--published", "26/11/2025", NULL };
  const char *no_db[] = { "--database", missing, "--import", f->cla, NULL };
  const char *extra[] = { "--database", f->db, "--import", f->cla, "again", NULL };
  const char *bad_code[] = { "--database", f->db, "--set-la-code", "BCP", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_app (set, &out, &err), ==, 0);
  remember_mapping (f);
  g_assert_true (g_file_set_contents (bad,
    "time_period,time_identifier,geographic_level,country_code,country_name,rate\n"
    "2025,Reporting year,National,E92000001,England,\"67\n", -1, NULL));

  assert_fails (f, bad_file, 1, "Line 2, column 48: this quote is never closed.");
  assert_fails (f, workbook, 1, "No sheet in this workbook is an Ofsted outcomes summary");
  assert_fails (f, workbook, 1, "save the sheet as “CSV UTF-8”");
  assert_fails (f, bad_date, 1, "“26/11/2025” is not a date written YYYY-MM-DD.");
  assert_fails (f, extra, 2, "“again” is not understood here.");
  assert_fails (f, bad_code, 1, "“BCP” is not a local authority code");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_app (no_db, &out, &err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A council code set alone takes the DfE's ten neighbours, as Preferences does, and says so;
 * neighbours already chosen are kept when the code is set again. */
static void
test_code_takes_dfe_neighbours (CliFixture    *f,
                                gconstpointer  data)
{
  const char *set[] = { "--database", f->db, "--set-la-code", "839", NULL };
  const char *chosen[] = { "--database", f->db, "--set-neighbours", "822,882", NULL };
  g_auto (GStrv) dfe = ib_council_dfe_neighbours ("839");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpuint (g_strv_length (dfe), ==, 10);
  g_assert_cmpint (run_app (set, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Statistical neighbours set to the DfE’s: "));
  g_assert_nonnull (strstr (out, dfe[0]));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IbStore) store = ib_store_open (f->db, &error);
    g_auto (GStrv) neighbours = ib_council_dup_neighbours (store);

    g_assert_no_error (error);
    g_assert_true (g_strv_equal ((const char * const *) neighbours, (const char * const *) dfe));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_app (chosen, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_app (set, &out, &err), ==, 0);
  g_assert_null (strstr (out, "Statistical neighbours"));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (IbStore) store = ib_store_open (f->db, &error);
    g_auto (GStrv) neighbours = ib_council_dup_neighbours (store);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (neighbours), ==, 2);
    g_assert_cmpstr (neighbours[0], ==, "822");
  }
}

/* An Ofsted outcomes summary, told from a data set by its columns. */
static void
test_imports_ofsted (CliFixture    *f,
                     gconstpointer  data)
{
  const char *import[] = { "--database", f->db, "--import", f->ofsted, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_app (import, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported the Ofsted grades of 11 councils from ofsted_csc_ilacs_overview.csv."));
  g_assert_cmpuint (count (f, "grades"), ==, 11);
}

/* The summary as the .xlsx workbook it is published in, imported the same way; a damaged
 * workbook is refused with the reason and nothing written. */
static void
test_imports_ofsted_workbook (CliFixture    *f,
                              gconstpointer  data)
{
  g_autofree char *workbook = g_test_build_filename (G_TEST_DIST, "data", "ofsted", "ofsted_csc_ilacs_overview.xlsx", NULL);
  g_autofree char *truncated = g_test_build_filename (G_TEST_DIST, "data", "xlsx", "truncated.xlsx", NULL);
  const char *import[] = { "--database", f->db, "--import", workbook, NULL };
  const char *damaged[] = { "--database", f->db, "--import", truncated, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_app (damaged, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "The file is damaged or cut short"));
  g_assert_cmpuint (count (f, "grades"), ==, 0);

  g_assert_cmpint (run_app (import, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported the Ofsted grades of 11 councils from ofsted_csc_ilacs_overview.xlsx."));
  g_assert_cmpuint (count (f, "grades"), ==, 11);
}

/* The app's --help lists the import's options; its modifiers alone are refused. */
static void
test_help_lists_import (CliFixture    *f,
                        gconstpointer  data)
{
  const char *help[] = { "--help", NULL };
  const char *alone[] = { "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_app (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--import=FILE"));
  g_assert_nonnull (strstr (out, "--published=DATE"));
  g_assert_nonnull (strstr (out, "--dry-run"));
  g_assert_nonnull (strstr (out, "--set-la-code=CODE"));
  g_assert_nonnull (strstr (out, "--set-neighbours=CODES"));
  g_assert_cmpint (run_app (alone, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "--published and --dry-run go with --import."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/cli/import/" name, CliFixture, NULL, cli_set_up, func, cli_tear_down)
  ADD ("ees", test_imports_ees);
  ADD ("refusals", test_refusals);
  ADD ("code-takes-dfe-neighbours", test_code_takes_dfe_neighbours);
  ADD ("ofsted", test_imports_ofsted);
  ADD ("ofsted-workbook", test_imports_ofsted_workbook);
  ADD ("help-lists-import", test_help_lists_import);
#undef ADD

  return g_test_run ();
}
