/* test-frame-log-ui.c: the frame log the frame benchmark reads (src/ui/ib-frame-log.c)
 *
 * The benchmark's figures are only as good as the lines the app writes: here the real window
 * switches views by keyboard with IB_FRAME_LOG set, and every line it wrote is read back. The
 * variable is set before the first window, as the benchmark sets it before the app starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "ib-application.h"
#include "ib-plan-page.h"
#include "ib-ui-test-util.h"

static IbApplication *app;
static char *log_path;

typedef struct
{
  guint frames;         /* frame lines */
  guint phased;         /* frames that drew and ran both an update and a layout phase */
  guint worked;         /* frames that took the main thread some processor time */
  guint busy;           /* busy lines */
} Counts;

/* Reads the whole log, checking each line's form and order of times; returns what it held. */
static Counts
read_log (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  Counts counts = { 0, 0, 0, 0 };

  g_assert_true (g_file_get_contents (log_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 counter, start, end, snapshot, update, layout, cpu;
      int used = 0;

      if (lines[i][0] == '\0')
        continue;
      if (g_str_has_prefix (lines[i], "frame "))
        {
          g_assert_cmpint (sscanf (lines[i], "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                   " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "%n",
                                   &counter, &start, &end, &snapshot, &update, &layout, &cpu, &used), ==, 7);
          g_assert_cmpint (lines[i][used], ==, '\0');
          g_assert_cmpint (start, >, 0);
          g_assert_cmpint (end, >=, start);
          /* Each phase ends inside its frame and after the one before it. */
          if (update != 0)
            g_assert_cmpint (update, >=, start);
          if (layout != 0)
            g_assert_cmpint (layout, >=, MAX (start, update));
          if (snapshot != 0)
            {
              g_assert_cmpint (snapshot, >=, MAX (start, MAX (update, layout)));
              g_assert_cmpint (snapshot, <=, end);
            }
          if (update != 0)
            g_assert_cmpint (update, <=, end);
          if (layout != 0)
            g_assert_cmpint (layout, <=, end);
          /* Processor time on one thread cannot pass the wall-clock time it was spent in: the
           * frame's own, and the little of its iteration before the frame clock began it. */
          g_assert_cmpint (cpu, >=, 0);
          g_assert_cmpint (cpu, <=, (snapshot != 0 ? snapshot : end) - start + 5000);
          counts.frames++;
          counts.worked += cpu > 0;
          counts.phased += snapshot != 0 && update != 0 && layout != 0;
        }
      else
        {
          g_assert_cmpint (sscanf (lines[i], "busy %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "%n", &start, &end, &used), ==, 2);
          g_assert_cmpint (lines[i][used], ==, '\0');
          g_assert_cmpint (end - start, >=, 1000);
          counts.busy++;
        }
    }
  return counts;
}

/* A view switched by keyboard is a frame that styles, lays out and draws the view: the log says
 * when each of those phases ended, in order, within the frame. */
static void
test_phases (void)
{
  IbTestDemo demo = { 0 };
  Counts before, after;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1000, 700);
  ib_test_focus_window (GTK_WINDOW (demo.window));
  ib_test_settle ();
  before = read_log ();
  g_assert_cmpuint (before.frames, >, 0);

  ib_test_press_keys ("alt+3");
  ib_test_settle ();
  ib_test_press_keys ("alt+5");
  ib_test_settle ();
  after = read_log ();
  g_assert_cmpuint (after.frames, >, before.frames);
  g_assert_cmpuint (after.phased, >=, before.phased + 2);
  g_assert_cmpuint (after.worked, >, before.worked);
  /* Opening the demo reads and fills every view: some iteration took a millisecond. */
  g_assert_cmpuint (after.busy, >, 0);

  ib_test_demo_close (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("ib-frame-log-XXXXXX", NULL);
  g_assert_nonnull (dir);
  log_path = g_build_filename (dir, "frames.log", NULL);
  g_setenv ("IB_FRAME_LOG", log_path, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/frame-log/phases", test_phases);
  rc = g_test_run ();

  g_clear_object (&app);
  g_unlink (log_path);
  g_rmdir (dir);
  g_free (log_path);
  return rc;
}
