/* test-export-cli.c: `improvement-board --export-pack`, run as a subprocess with no display at
 * all: what it writes, its errors and exit codes, and that nothing is written on error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <sys/wait.h>

#include "ib-pack.h"
#include "ib-store-sync.h"
#include "ib-test-util.h"
#include "ib-pack-fixture.h"
#include "ib-pdf-tools.h"

typedef struct
{
  char          *dir;
  char          *db;
  char          *out;
  IbPackFixture  ids;
} CliFixture;

static void
cli_set_up (CliFixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbStore) store = NULL;

  f->dir = ib_test_make_dir ();
  f->db = g_build_filename (f->dir, "board.db", NULL);
  f->out = g_build_filename (f->dir, "pack.pdf", NULL);
  store = ib_store_open (f->db, &error);
  g_assert_no_error (error);
  ib_pack_fixture_build (store, &f->ids);
  g_assert_true (ib_pack_issue (store, f->ids.report1, "2022-01-10", &error));
  g_assert_no_error (error);
}

static void
cli_tear_down (CliFixture       *f,
                   gconstpointer  data)
{
  ib_pack_fixture_clear (&f->ids);
  ib_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
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
  /* A session bus would let a GApplication hand the request elsewhere: there is none here. */
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  /* English, and UTF-8 so its quotation marks come through as they are (a build sandbox's
   * locale is plain C). */
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

static void
assert_fails (CliFixture            *f,
              const char * const *args,
              int                 expected,
              const char         *message)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_app (args, &out, &err);

  if (status != expected || strstr (err, message) == NULL)
    g_error ("exit %d (wanted %d), stderr: %s", status, expected, err);
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

/* A meeting's issued pack and the latest meeting's draft, with no display. */
static void
test_writes_packs (CliFixture       *f,
                   gconstpointer  data)
{
  const char *by_id[] = { "--database", f->db, "--export-pack", f->ids.meeting1, "--part", "public", "--output", f->out, NULL };
  const char *latest[] = { "--database", f->db, "--export-pack", "latest", "--output", f->out, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;

  g_assert_cmpint (run_app (by_id, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Part 1 (public), as issued"));
  g_assert_true (g_file_get_contents (f->out, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  if (ib_pdf_tools_ready ())
    {
      text = ib_pdf_text (f->out, 1, 1);
      g_assert_nonnull (strstr (text, "10 January 2022"));
      g_assert_null (strstr (text, "Draft"));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&text, g_free);

  /* "latest": the meeting of 10 March, whose pack is still a draft and says so. */
  g_assert_cmpint (run_app (latest, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "a draft drawn from the data as they stand"));
  if (ib_pdf_tools_ready ())
    {
      text = ib_pdf_text (f->out, 1, 1);
      g_assert_nonnull (strstr (text, "10 March 2022"));
      g_assert_nonnull (strstr (text, "Draft"));
    }
}

static void
test_errors_write_nothing (CliFixture       *f,
                           gconstpointer  data)
{
  g_autofree char *missing_db = g_build_filename (f->dir, "no-such.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "pack.pdf", NULL);
  const char *no_meeting[] = { "--database", f->db, "--export-pack", "6b1f2a52-6a43-4d67-9a1e-0c0e3f1b2d10", "--output", f->out, NULL };
  const char *no_db[] = { "--database", missing_db, "--export-pack", "latest", "--output", f->out, NULL };
  const char *bad_part[] = { "--database", f->db, "--export-pack", "latest", "--part", "secret", "--output", f->out, NULL };
  const char *no_output[] = { "--database", f->db, "--export-pack", "latest", NULL };
  const char *stray[] = { "--database", f->db, "--export-pack", "latest", "--output", f->out, "extra", NULL };
  const char *unwritable[] = { "--database", f->db, "--export-pack", "latest", "--output", under_file, NULL };
  const char *folder[] = { "--database", f->db, "--export-pack", "latest", "--output", f->dir, NULL };

  assert_fails (f, no_meeting, 1, "There is no meeting “6b1f2a52-6a43-4d67-9a1e-0c0e3f1b2d10”");
  assert_fails (f, no_db, 1, "There is no board database at");
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  assert_fails (f, bad_part, 2, "--part is “public” or “exempt”, not “secret”");
  assert_fails (f, no_output, 2, "--export-pack needs --output");
  assert_fails (f, stray, 2, "“extra” is not understood here");

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  assert_fails (f, unwritable, 1, "Cannot write");
  assert_fails (f, folder, 1, "it is a folder");
}

/* A meeting that has no pack is said, not written as an empty one. */
static void
test_meeting_without_pack (CliFixture       *f,
                           gconstpointer  data)
{
  g_autoptr (IbStore) store = ib_store_open (f->db, NULL);
  g_autofree char *meeting = ib_fixture_meeting (store, "cabinet", "2022-04-01", "Cabinet");
  const char *args[] = { "--database", f->db, "--export-pack", meeting, "--output", f->out, NULL };

  g_clear_object (&store);
  assert_fails (f, args, 1, "has no pack");
}

/* Part 2 needs the Exempt clearance the server gave at sign-in, or a database never signed in. */
static void
test_part2_needs_clearance (CliFixture       *f,
                            gconstpointer  data)
{
  const char *args[] = { "--database", f->db, "--export-pack", f->ids.meeting1, "--part", "exempt", "--output", f->out, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  {
    g_autoptr (IbStore) store = ib_store_open (f->db, NULL);

    g_assert_true (ib_store_sync_set_value (store, "server", "https://board.example.org", NULL));
    g_assert_true (ib_store_sync_set_value (store, "clearance", "public", NULL));
  }
  assert_fails (f, args, 1, "without Exempt clearance");

  {
    g_autoptr (IbStore) store = ib_store_open (f->db, NULL);

    g_assert_true (ib_store_sync_set_value (store, "clearance", "exempt", NULL));
  }
  g_assert_cmpint (run_app (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Part 2 (exempt)"));
  if (ib_pdf_tools_ready ())
    {
      g_autofree char *text = ib_pdf_text (f->out, 0, 0);

      g_assert_nonnull (strstr (text, CANARY_ACTION));
      g_assert_nonnull (strstr (text, "Not for publication by virtue of paragraph 3"));
    }
}

/* Never signed in, the database is its one user's: Part 2 is theirs to print. */
static void
test_part2_on_own_database (CliFixture       *f,
                            gconstpointer  data)
{
  const char *args[] = { "--database", f->db, "--export-pack", f->ids.meeting1, "--part", "exempt", "--output", f->out, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_app (args, &out, &err), ==, 0);
  g_assert_true (g_file_test (f->out, G_FILE_TEST_IS_REGULAR));
}

/* The app's --help lists the export's options beside its own; alone they are refused. */
static void
test_help_lists_export (CliFixture       *f,
                        gconstpointer  data)
{
  const char *help[] = { "--help", NULL };
  const char *alone[] = { "--output", f->out, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_app (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--export-pack=MEETING"));
  g_assert_nonnull (strstr (out, "--part=PART"));
  g_assert_nonnull (strstr (out, "--output=FILE"));
  g_assert_nonnull (strstr (out, "--database=PATH"));
  assert_fails (f, alone, 2, "--part and --output go with --export-pack.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/cli/export-pack/" name, CliFixture, NULL, cli_set_up, func, cli_tear_down)
  ADD ("writes-packs", test_writes_packs);
  ADD ("errors-write-nothing", test_errors_write_nothing);
  ADD ("meeting-without-pack", test_meeting_without_pack);
  ADD ("part2-needs-clearance", test_part2_needs_clearance);
  ADD ("part2-on-own-database", test_part2_on_own_database);
  ADD ("help-lists-export", test_help_lists_export);
#undef ADD

  return g_test_run ();
}
