/* bench-startup.c: time from exec to the first drawn frame, measured from outside the app
 *
 *   bench-startup [-n RUNS] [--app PATH] [--vs 'COMMAND ARGS'] [--keep DIR] [-v]
 *
 * Runs the app (by default the one in this build tree) on an empty database, on the ten-year
 * dataset and on the demo plan, and optionally another command (GNOME Text Editor, say), RUNS times each
 * after one warm-up, interleaved so that drift on a shared machine hits all of them alike, and
 * prints the median, minimum and maximum of each and the ratios of the medians. It needs an X
 * display and a D-Bus session: run it under
 *   xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bench-startup
 *
 * How a first frame is seen, for any X11 program, ours or not, with no help from it:
 *  - Before each launch the whole screen is read (XGetImage of the root window): what is
 *    there with nothing running.
 *  - The probe listens for top-level windows being mapped (SubstructureNotify on the root; under
 *    a bare X server with no window manager a top-level is a child of the root), and asks the
 *    X DAMAGE extension to report every change to each such window's contents.
 *  - At the map, and after every damage report, it reads the window's area of the screen. The
 *    first frame is the first moment that area holds more than one colour AND differs from what
 *    the screen showed there before the launch. The first test skips the background the X server
 *    paints at map time (one colour); the second skips a window with no background, which shows
 *    what was beneath it. Anything else is the program's own drawing.
 *  - Times are the X server's own: time zero is a server timestamp taken just before the
 *    program is spawned, and the frame's time is that of the last damage report the server sent
 *    before it answered the read that found the frame. So the probe's own work (reading the
 *    screen back) is never counted, and a frame drawn while the probe was busy is not dated late.
 * Each launch gets a fresh HOME and XDG config, data and state folders, and settings in memory,
 * so no run sees another's settings or session; the cache folder is shared, as a desktop's is.
 * The program is stopped with SIGTERM (its whole process group) once its frame is seen.
 *
 * Prints figures; never fails on a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "ib-demo.h"
#include "ib-store.h"

#include "bench-dataset.h"
#include "bench-launch.h"
#include "bench-stats.h"

#define MAX_WINDOWS 32

typedef struct
{
  const char *label;
  char      **argv;
  GArray     *frame_ms;  /* double, one per counted run */
  GArray     *map_ms;
  guint       failed;
} Subject;

typedef struct
{
  double map_ms;
  double frame_ms;
} Launch;

static int
ignore_x_errors (Display     *display,
                 XErrorEvent *event)
{
  /* A window can go between its event and our request about it: that is not an error here. */
  return 0;
}

static double
since_ms (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static unsigned long
rgb (XImage *image,
     int     x,
     int     y)
{
  unsigned long mask = image->red_mask | image->green_mask | image->blue_mask;

  return XGetPixel (image, x, y) & (mask != 0 ? mask : 0xffffff);
}

/* Returns TRUE when the screen area of @window holds the program's drawing: more than one
 * colour, and not what @before showed there. */
static gboolean
window_drawn (Display *display,
              Window   window,
              XImage  *before)
{
  XWindowAttributes attrs;
  XImage *now;
  Window child;
  int x, y, w, h;
  unsigned long first;
  gboolean several = FALSE;
  guint64 changed = 0;

  if (!XGetWindowAttributes (display, window, &attrs) || attrs.map_state != IsViewable)
    return FALSE;
  if (!XTranslateCoordinates (display, window, DefaultRootWindow (display), 0, 0, &x, &y, &child))
    return FALSE;

  /* Only the part on the screen can be read, and compared with what was there. */
  w = MIN (x + attrs.width, before->width) - MAX (x, 0);
  h = MIN (y + attrs.height, before->height) - MAX (y, 0);
  x = MAX (x, 0);
  y = MAX (y, 0);
  if (w <= 0 || h <= 0)
    return FALSE;

  now = XGetImage (display, DefaultRootWindow (display), x, y, (unsigned) w, (unsigned) h, AllPlanes, ZPixmap);
  if (now == NULL)
    return FALSE;

  first = rgb (now, 0, 0);
  for (int j = 0; j < h; j++)
    for (int i = 0; i < w; i++)
      {
        unsigned long pixel = rgb (now, i, j);

        several |= pixel != first;
        changed += pixel != rgb (before, x + i, y + j);
      }
  XDestroyImage (now);

  /* A few changed pixels could be a cursor or a stray; a frame changes far more. */
  return several && changed * 1000 >= (guint64) w * (guint64) h;
}

/* Returns the X server's time now, in its milliseconds: a zero-length property change on
 * @window comes back as an event stamped by the server. */
static Time
server_time (Display *display,
             Window   window)
{
  Atom atom = XInternAtom (display, "IB_BENCH_STARTUP", False);
  XEvent event;

  XChangeProperty (display, window, atom, XA_INTEGER, 32, PropModeReplace, NULL, 0);
  XWindowEvent (display, window, PropertyChangeMask, &event);
  return event.xproperty.time;
}

/* Returns the latest time among the damage reports for @window already received, taking them
 * off the queue. Xlib queues the events that came before a reply as it reads the reply, so
 * these are the reports the server sent before it answered the last screen read. */
static Time
latest_damage (Display *display,
               int      damage_event,
               Window   window,
               Time     since)
{
  int queued = XEventsQueued (display, QueuedAlready);
  Time latest = since;

  for (int i = 0; i < queued; i++)
    {
      XEvent event;

      XNextEvent (display, &event);
      if (event.type == damage_event + XDamageNotify)
        {
          XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

          if (damage->drawable == window && (gint32) (damage->timestamp - latest) > 0)
            latest = damage->timestamp;
        }
    }

  return latest;
}

/* Waits (up to two seconds) until no top-level window is on the screen: the X server closes a
 * stopped program's windows when it notices its connection is gone, not when it exits. */
static void
wait_for_empty_screen (Display *display)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      Window root, parent, *children = NULL;
      unsigned int n = 0;
      gboolean shown = FALSE;

      if (XQueryTree (display, DefaultRootWindow (display), &root, &parent, &children, &n))
        for (unsigned int i = 0; i < n && !shown; i++)
          {
            XWindowAttributes attrs;

            shown = XGetWindowAttributes (display, children[i], &attrs) &&
                    attrs.map_state == IsViewable && !attrs.override_redirect;
          }
      if (children != NULL)
        XFree (children);
      if (!shown)
        return;
      g_usleep (20 * 1000);
    }
}

/* Launches @argv once and waits for its first frame; returns FALSE (saying why) if none came
 * within @timeout_s or the program exited first. */
static gboolean
launch (char      **argv,
        char      **env,
        double      timeout_s,
        Launch     *out)
{
  g_autoptr (GError) error = NULL;
  Display *display = XOpenDisplay (NULL);
  Window windows[MAX_WINDOWS];
  double map_ms[MAX_WINDOWS];
  guint n_windows = 0;
  int damage_event, damage_error;
  XImage *before;
  Window root, clock_window;
  gboolean done = FALSE, alive = TRUE;
  GPid pid;
  gint64 t0;
  Time zero;

  if (display == NULL)
    {
      g_printerr ("bench-startup: cannot open the X display\n");
      exit (2);
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      g_printerr ("bench-startup: the X server has no DAMAGE extension\n");
      exit (2);
    }
  XSetErrorHandler (ignore_x_errors);

  root = DefaultRootWindow (display);
  wait_for_empty_screen (display);
  before = XGetImage (display, root, 0, 0, (unsigned) DisplayWidth (display, DefaultScreen (display)),
                      (unsigned) DisplayHeight (display, DefaultScreen (display)), AllPlanes, ZPixmap);
  XSelectInput (display, root, SubstructureNotifyMask);
  clock_window = XCreateWindow (display, root, -10, -10, 1, 1, 0, 0, InputOnly, CopyFromParent, 0, NULL);
  XSelectInput (display, clock_window, PropertyChangeMask);
  XSync (display, False);

  zero = server_time (display, clock_window);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      ib_bench_child_setup, NULL, &pid, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      exit (2);
    }

  while (!done && alive && since_ms (t0) < timeout_s * 1000)
    {
      XEvent event;
      double at;

      if (XPending (display) == 0)
        {
          GPollFD fd = { ConnectionNumber (display), G_IO_IN, 0 };

          g_poll (&fd, 1, 20);
          alive = waitpid (pid, NULL, WNOHANG) == 0;
          continue;
        }

      XNextEvent (display, &event);
      at = since_ms (t0);

      if (event.type == MapNotify && event.xmap.event == root && !event.xmap.override_redirect &&
          n_windows < MAX_WINDOWS)
        {
          windows[n_windows] = event.xmap.window;
          map_ms[n_windows] = at;
          XDamageCreate (display, event.xmap.window, XDamageReportNonEmpty);
          /* It may have drawn before the damage object existed: look once now (and date it
           * by the map, the nearest time there is). */
          if (window_drawn (display, event.xmap.window, before))
            {
              out->map_ms = at;
              out->frame_ms = at;
              done = TRUE;
            }
          n_windows++;
        }
      else if (event.type == damage_event + XDamageNotify)
        {
          XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

          XDamageSubtract (display, damage->damage, None, None);
          for (guint i = 0; i < n_windows && !done; i++)
            if (windows[i] == damage->drawable && window_drawn (display, windows[i], before))
              {
                Time drawn = latest_damage (display, damage_event, windows[i], damage->timestamp);

                out->map_ms = map_ms[i];
                out->frame_ms = (guint32) (drawn - zero);
                done = TRUE;
              }
        }
    }

  if (alive)
    ib_bench_stop (pid);
  g_spawn_close_pid (pid);
  XDestroyImage (before);
  XCloseDisplay (display);

  if (!done)
    g_printerr ("bench-startup: %s: %s\n", argv[0],
                alive ? "no frame within the time allowed" : "exited before drawing a frame");
  return done;
}

static void
print_subject (Subject *s)
{
  if (s->frame_ms->len == 0)
    {
      printf ("  %-24s no frame in any run\n", s->label);
      return;
    }
  printf ("  %-24s first frame %7.0f ms (min %.0f, max %.0f)   window mapped %6.0f ms",
          s->label, ib_bench_median (s->frame_ms), ib_bench_lowest (s->frame_ms),
          ib_bench_highest (s->frame_ms), ib_bench_median (s->map_ms));
  if (s->failed > 0)
    printf ("   %u run(s) without a frame", s->failed);
  printf ("\n");
}

static void
print_ratio (const char *what,
             Subject    *a,
             Subject    *b,
             const char *budget)
{
  if (a->frame_ms->len == 0 || b->frame_ms->len == 0)
    return;
  printf ("  %-40s %5.2f%s\n", what, ib_bench_median (a->frame_ms) / ib_bench_median (b->frame_ms), budget);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *app = g_strdup (IB_APP_BINARY), *vs = NULL, *keep = NULL, *dir = NULL;
  g_autofree char *empty = NULL, *full = NULL, *demo = NULL;
  g_auto (GStrv) vs_argv = NULL;
  int runs = 5;
  gboolean verbose = FALSE;
  Display *held;
  double timeout_s = 60;
  Subject subjects[4] = { { 0 } };
  guint n_subjects;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Counted runs of each, after one warm-up (default 5)", "N" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The improvement-board binary (default: this build's)", "PATH" },
    { "vs", 0, 0, G_OPTION_ARG_STRING, &vs, "Another command to time the same way, e.g. gnome-text-editor", "COMMAND" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the databases in DIR and reuse them next time", "DIR" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout_s, "Seconds to wait for a frame (default 60)", "S" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every run", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context, "Times exec to first drawn frame of the app on an empty database "
                                         "and on the ten-year dataset, under the current X display.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 ||
      (vs != NULL && !g_shell_parse_argv (vs, NULL, &vs_argv, &error)))
    {
      g_printerr ("bench-startup: %s\n", error != NULL ? error->message : "--runs must be at least 1");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("bench-startup: needs an X display: run it under xvfb-run -a dbus-run-session --\n");
      return 2;
    }
  /* Held for the whole run: an X server started without -noreset (as xvfb-run starts it) resets
   * itself whenever its last client leaves, and refuses the next connection while it does. */
  held = XOpenDisplay (NULL);
  if (held == NULL)
    {
      g_printerr ("bench-startup: cannot open the X display\n");
      return 2;
    }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_printerr ("bench-startup: no D-Bus session; apps start slower without one (use dbus-run-session)\n");

  if (keep != NULL)
    {
      dir = g_strdup (keep);
      g_mkdir_with_parents (dir, 0700);
    }
  else
    dir = g_dir_make_tmp ("ib-bench-startup-XXXXXX", NULL);

  empty = g_build_filename (dir, "empty.db", NULL);
  full = g_build_filename (dir, "ten-years.db", NULL);
  demo = g_build_filename (dir, "demo.db", NULL);
  {
    g_autoptr (IbStore) blank = ib_store_open (empty, &error);
    g_autoptr (IbStore) sample = blank != NULL ? ib_store_open (demo, &error) : NULL;
    g_autoptr (IbStore) store = sample != NULL ? ib_store_open (full, &error) : NULL;

    if (store == NULL || (ib_store_is_empty (sample) && ib_demo_load (sample, &error) < 0))
      {
        g_printerr ("bench-startup: %s\n", error->message);
        return 1;
      }
    if (ib_store_is_empty (store))
      {
        gint64 t0 = g_get_monotonic_time ();
        guint n = ib_bench_generate (store);

        printf ("generated the ten-year dataset: %u records in %.1f s\n", n, since_ms (t0) / 1000);
      }
  }

  subjects[0].label = "empty database";
  subjects[0].argv = (char *[]) { app, (char *) "--database", empty, NULL };
  subjects[1].label = "ten-year dataset";
  subjects[1].argv = (char *[]) { app, (char *) "--database", full, NULL };
  subjects[2].label = "demo plan";
  subjects[2].argv = (char *[]) { app, (char *) "--database", demo, NULL };
  n_subjects = 3;
  if (vs_argv != NULL)
    {
      subjects[3].label = vs;
      subjects[3].argv = vs_argv;
      n_subjects = 4;
    }
  for (guint s = 0; s < n_subjects; s++)
    {
      subjects[s].frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
      subjects[s].map_ms = g_array_new (FALSE, FALSE, sizeof (double));
    }

  printf ("exec to first drawn frame, %d runs each after one warm-up, interleaved\n", runs);
  for (int r = 0; r <= runs; r++)
    for (guint s = 0; s < n_subjects; s++)
      {
        g_auto (GStrv) env = ib_bench_environment (dir, (guint) (r * n_subjects + s));
        Launch one = { 0 };

        if (!launch (subjects[s].argv, env, timeout_s, &one))
          {
            subjects[s].failed += r > 0;
            continue;
          }
        if (verbose)
          printf ("  run %d%s, %s: window mapped %.0f ms, first frame %.0f ms\n", r, r == 0 ? " (warm-up)" : "",
                  subjects[s].label, one.map_ms, one.frame_ms);
        if (r == 0)
          continue;
        g_array_append_val (subjects[s].frame_ms, one.frame_ms);
        g_array_append_val (subjects[s].map_ms, one.map_ms);
      }

  printf ("medians:\n");
  for (guint s = 0; s < n_subjects; s++)
    print_subject (&subjects[s]);
  printf ("ratios of the medians:\n");
  print_ratio ("ten-year dataset / empty database", &subjects[1], &subjects[0], "   (budget ≤ 1.3)");
  /* The demo is what most people open first; its time is compared with earlier runs' own. */
  print_ratio ("demo plan / empty database", &subjects[2], &subjects[0], "");
  if (n_subjects == 4)
    {
      g_autofree char *what = g_strdup_printf ("ten-year dataset / %s", vs);

      print_ratio (what, &subjects[1], &subjects[3], "   (budget ≤ 1.0)");
    }

  for (guint s = 0; s < n_subjects; s++)
    {
      g_array_unref (subjects[s].frame_ms);
      g_array_unref (subjects[s].map_ms);
    }

  /* The homes and cache are the runs' own; the databases stay only with --keep. */
  {
    g_autoptr (GFile) top = g_file_new_for_path (dir);

    if (keep == NULL)
      ib_bench_remove_tree (top);
    else
      for (guint i = 0; i <= (guint) runs * n_subjects + n_subjects; i++)
        {
          g_autofree char *name = g_strdup_printf ("home-%u", i);
          g_autoptr (GFile) home = g_file_get_child (top, name);

          ib_bench_remove_tree (home);
        }
  }

  XCloseDisplay (held);
  return 0;
}
