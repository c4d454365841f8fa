/* bench-frames.c: frames of the real app's window on the ten-year dataset, step by step
 *
 *   bench-frames [--app PATH] [--keep DIR] [--no-sync | --only-sync] [--renderer NAME] [-v]
 *
 * Runs the app (by default the one in this build tree) on the ten-year dataset and works it from
 * outside as a person does, through the X server's keyboard (XTest): every view in turn
 * (Alt+1 … Alt+6), searching the action plan (Ctrl+F and typing, a word in no record and a word
 * in every statement), opening the record found, two filters, and "as at" an Improvement Board.
 * Then, unless --no-sync, it starts the real improvement-board-server on 127.0.0.1 holding the
 * dataset, waits for the server's bootstrap file, opens the app on an empty database, signs in from the welcome page and watches the
 * first sync fill it. It needs an X display and a D-Bus session: run it under
 *   xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bench-frames
 *
 * The app writes its own frame timings when IB_FRAME_LOG names a file (src/ui/ib-frame-log.c):
 * each frame's start from GdkFrameClock's timings and the end of its paint, and every main-loop
 * iteration of 1 ms or more. Those times and this program's are the same monotonic clock, so each
 * frame belongs to the step during which it started: from the step's first key to the moment the
 * app has been quiet (nothing logged) for a while. For each step it prints the number of frames,
 * the worst and the 99th-percentile frame twice, and the longest main-loop stall (one iteration:
 * an event handled, an idle, a frame), against the 16 ms budget. The first figures are the app's
 * own work: from the frame's start to the end of the window's snapshot (events, update, layout
 * and the widgets' snapshots). The second are the whole frame, to the end of paint, with GSK's
 * renderer turning the nodes into pixels. The last column splits the step's worst frame of own
 * work into its phases (the app logs when each ended): update (events, ticks and, in GTK 4,
 * styling the widgets that changed), layout (measuring, allocating) and snapshot, which says
 * where a slow frame's time went. The CPU columns are the main thread's processor time on each
 * frame (the app logs it too): on two cores shared with Xvfb and the software rasteriser, a
 * frame's own work can wait for a core, and this tells that wait from the app's work. Under Xvfb there is no GPU: GTK's GL renderer draws
 * through Mesa's software rasteriser on the same two cores, so that part costs here many times
 * what it costs with a GPU; --renderer cairo (GSK_RENDERER) compares.
 * The text cursor does not blink (a settings.ini in the run's own config folder), so a step with
 * the search entry focused can be quiet.
 *
 * Prints figures; never fails on a time. It does fail (exit 1) when the app does not come up or
 * the first sync does not bring the records, since then the figures would mean nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <X11/XKBlib.h>
#include <X11/keysym.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-dataset.h"
#include "bench-launch.h"
#include "bench-push.h"
#include "ib-store-bootstrap.h"
#include "ib-test-server.h"

#define BUDGET_US 16000

/* The app is done with a step once it has logged nothing for this long: longer than any of its
 * own pauses (the search waits 150 ms for more typing), far shorter than a person's. */
#define QUIET_MS 600

/* Typing speed of a quick typist: the search sees each key as it would from a person. */
#define KEY_GAP_MS 90

typedef struct
{
  gint64 start;
  gint64 end;
  gint64 snapshot;  /* frames only: when the window's snapshot ended, or 0 */
  gint64 update;    /* frames only: when the update phase (ticks, styles) ended, or 0 */
  gint64 layout;    /* frames only: when the layout phase ended, or 0 */
  gint64 cpu;       /* frames only: the main thread's processor time on the frame, or -1 */
} Span;

/* The frames of one step, summed up for one measure of each frame. */
typedef struct
{
  gint64 worst;
  gint64 p99;
  guint  over;
} Figures;

typedef struct
{
  char   *path;
  goffset read;     /* bytes of the file parsed so far */
  GArray *frames;   /* Span, in the order drawn */
  GArray *busy;     /* Span, one per long main-loop iteration */
} FrameLog;

typedef struct
{
  char  *label;
  gint64 start;
  gint64 end;
} Step;

typedef struct
{
  Display   *display;
  Window     window;
  FrameLog   log;
  GPid       pid;
  GArray    *steps;   /* Step */
  gboolean   verbose;
} Run;

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* Parses what the app has appended since the last call; returns how many lines that was. */
static guint
read_log (FrameLog *log)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  guint lines = 0;
  char *p, *line_end;

  if (!g_file_get_contents (log->path, &text, &length, NULL) || (goffset) length <= log->read)
    return 0;

  for (p = text + log->read; (line_end = memchr (p, '\n', length - (gsize) (p - text))) != NULL; p = line_end + 1)
    {
      g_autofree char *line = g_strndup (p, (gsize) (line_end - p));
      gint64 counter, a, b, c = 0, u = 0, l = 0, cpu = -1;
      Span span;

      if (sscanf (line, "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                  " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &counter, &a, &b, &c, &u, &l, &cpu) >= 3)
        {
          span = (Span) { a, b, c, u, l, cpu };
          g_array_append_val (log->frames, span);
        }
      else if (sscanf (line, "busy %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &a, &b) == 2)
        {
          span = (Span) { a, b, 0, 0, 0, -1 };
          g_array_append_val (log->busy, span);
        }
      lines++;
    }
  /* A line still being written is read whole next time. */
  log->read = p - text;
  return lines;
}

/* Returns the CPU time the app's process has used so far, in clock ticks (user and system). */
static guint64
cpu_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  unsigned long long user = 0, system = 0;
  const char *after_name;

  /* Fields after the command's name, which may hold spaces: state is the 3rd, utime the 14th. */
  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL ||
      sscanf (after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &user, &system) != 2)
    return 0;
  return user + system;
}

/* Waits until the app has been quiet for @quiet_ms (at least @quiet_ms after @since), or
 * @timeout_s passed; returns FALSE on the timeout. Quiet is nothing logged and no CPU used: a
 * main-loop iteration is logged only when it ends, so a long one looks like silence in the log,
 * but not in the process's CPU time (the app uses none when idle). */
static gboolean
settle (Run    *run,
        gint64  since,
        int     quiet_ms,
        double  timeout_s)
{
  gint64 last = since;
  guint64 ticks = cpu_ticks (run->pid);

  for (;;)
    {
      guint64 now_ticks;
      gint64 now;

      g_usleep (20 * 1000);
      now = now_us ();
      now_ticks = cpu_ticks (run->pid);
      /* One tick (10 ms) may be the kernel's rounding of almost nothing. */
      if (read_log (&run->log) > 0 || now_ticks > ticks + 1)
        {
          last = now;
          ticks = now_ticks;
        }
      if (now - last >= quiet_ms * 1000)
        return TRUE;
      if (now - since >= (gint64) (timeout_s * G_USEC_PER_SEC))
        return FALSE;
    }
}

static int
ignore_x_errors (Display     *display,
                 XErrorEvent *event)
{
  return 0;
}

/* Returns the largest shown top-level window: under a bare X server, the app's main window. */
static Window
find_window (Display *display)
{
  Window root, parent, *children = NULL, best = None;
  unsigned int n = 0;
  long best_area = 0;

  if (XQueryTree (display, DefaultRootWindow (display), &root, &parent, &children, &n))
    for (unsigned int i = 0; i < n; i++)
      {
        XWindowAttributes attrs;

        if (XGetWindowAttributes (display, children[i], &attrs) && attrs.map_state == IsViewable &&
            !attrs.override_redirect && (long) attrs.width * attrs.height > best_area)
          {
            best = children[i];
            best_area = (long) attrs.width * attrs.height;
          }
      }
  if (children != NULL)
    XFree (children);
  return best;
}

static void
press_keysym (Display *display,
              KeySym   sym,
              gboolean press)
{
  KeyCode code = XKeysymToKeycode (display, sym);

  if (code == 0)
    {
      g_printerr ("bench-frames: the keyboard has no key for keysym %#lx\n", sym);
      exit (2);
    }
  XTestFakeKeyEvent (display, code, press, CurrentTime);
}

/* Presses one chord such as "ctrl+f", "alt+2" or "shift+Tab", modifiers first. */
static void
press_chord (Display    *display,
             const char *chord)
{
  g_auto (GStrv) parts = g_strsplit (chord, "+", -1);
  guint n = g_strv_length (parts);
  KeySym syms[4];

  g_assert (n > 0 && n <= G_N_ELEMENTS (syms));
  for (guint i = 0; i < n; i++)
    {
      const char *name = parts[i];

      if (i + 1 < n && strcmp (name, "ctrl") == 0)
        name = "Control_L";
      else if (i + 1 < n && strcmp (name, "shift") == 0)
        name = "Shift_L";
      else if (i + 1 < n && strcmp (name, "alt") == 0)
        name = "Alt_L";
      syms[i] = XStringToKeysym (name);
      if (syms[i] == NoSymbol)
        {
          g_printerr ("bench-frames: no key is called “%s”\n", name);
          exit (2);
        }
    }
  for (guint i = 0; i < n; i++)
    press_keysym (display, syms[i], TRUE);
  for (guint i = n; i > 0; i--)
    press_keysym (display, syms[i - 1], FALSE);
  XSync (display, False);
}

/* Types @text (printable ASCII), holding Shift where the key's first level is not the character. */
static void
type_text (Display    *display,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      KeySym sym = (guchar) *p;  /* Latin-1 keysyms are their characters' codes */
      KeyCode code = XKeysymToKeycode (display, sym);
      gboolean shift = code != 0 && XkbKeycodeToKeysym (display, code, 0, 0) != sym;

      if (shift)
        press_keysym (display, XK_Shift_L, TRUE);
      press_keysym (display, sym, TRUE);
      press_keysym (display, sym, FALSE);
      if (shift)
        press_keysym (display, XK_Shift_L, FALSE);
      XSync (display, False);
      g_usleep (KEY_GAP_MS * 1000);
    }
}

/* Plays @script: space-separated chords ("ctrl+f", "shift+Tab", "Return") and, in double quotes,
 * text to type ("\"zebra\""); then waits for the app to settle. One step, whose frames are those
 * that start between its first key and that moment. */
static void
step (Run        *run,
      const char *label,
      const char *script,
      double      timeout_s)
{
  Step s = { g_strdup (label), now_us (), 0 };
  g_auto (GStrv) tokens = g_strsplit (script, " ", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gsize length = strlen (tokens[i]);

      if (length >= 2 && tokens[i][0] == '"' && tokens[i][length - 1] == '"')
        {
          tokens[i][length - 1] = '\0';
          type_text (run->display, tokens[i] + 1);
        }
      else if (length > 0)
        {
          press_chord (run->display, tokens[i]);
          /* A key may open a popover or move the focus that the next key needs. */
          settle (run, now_us (), 150, 10);
        }
    }
  if (!settle (run, s.start, QUIET_MS, timeout_s))
    printf ("  (%s: still busy after %.0f s)\n", label, timeout_s);
  s.end = now_us ();
  g_array_append_val (run->steps, s);
  /* The monotonic clock's seconds, as `perf record -k CLOCK_MONOTONIC` stamps samples, so a
   * profile can be cut to one step (`perf report --time START,END`). */
  if (run->verbose)
    printf ("  %s: %.0f ms (%.6f,%.6f)\n", label, (s.end - s.start) / 1000.0, s.start / 1e6, s.end / 1e6);
}

/* Starts the app with its frame log and waits until its window is up and quiet; the start-up
 * itself is the first step. */
static gboolean
launch (Run        *run,
        char      **argv,
        char      **env,
        const char *label)
{
  g_autoptr (GError) error = NULL;
  Step s = { g_strdup (label), now_us (), 0 };

  if (!g_spawn_async (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL, ib_bench_child_setup, NULL, &run->pid, &error))
    {
      g_printerr ("bench-frames: %s\n", error->message);
      exit (2);
    }

  while (run->log.frames->len == 0 && now_us () - s.start < 60 * G_USEC_PER_SEC)
    {
      if (waitpid (run->pid, NULL, WNOHANG) == run->pid)
        {
          g_printerr ("bench-frames: the app exited before its first frame\n");
          return FALSE;
        }
      g_usleep (20 * 1000);
      read_log (&run->log);
    }
  if (run->log.frames->len == 0)
    {
      g_printerr ("bench-frames: no frame within a minute\n");
      return FALSE;
    }
  printf ("  %s: first frame drawn %.0f ms after exec (the app's own log)\n", label,
          (g_array_index (run->log.frames, Span, 0).end - s.start) / 1000.0);

  /* Filling the hidden views comes after the first frame and belongs to the start-up. */
  settle (run, s.start, 1000, 120);
  s.end = now_us ();
  g_array_append_val (run->steps, s);

  run->window = find_window (run->display);
  if (run->window == None)
    {
      g_printerr ("bench-frames: the app's window is not on the screen\n");
      return FALSE;
    }
  /* Xvfb runs no window manager: the focus is handed over here. */
  XSetInputFocus (run->display, run->window, RevertToParent, CurrentTime);
  XSync (run->display, False);
  settle (run, now_us (), 300, 10);
  return TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts @times (microseconds) and returns the worst, the 99th percentile and how many are over
 * budget. */
static Figures
figures_of (GArray *times)
{
  Figures figures = { 0, 0, 0 };

  if (times->len == 0)
    return figures;
  g_array_sort (times, compare_gint64);
  for (guint i = 0; i < times->len; i++)
    figures.over += g_array_index (times, gint64, i) > BUDGET_US;
  figures.worst = g_array_index (times, gint64, times->len - 1);
  /* Nearest rank: the frame that 99% of the step's frames are no worse than. */
  figures.p99 = g_array_index (times, gint64, (guint) MAX (0.0, (times->len * 0.99) - 1 + 0.999999));
  return figures;
}

/* The app's own work in @frame: to the end of the window's snapshot, or all of it when the frame
 * drew nothing (then there is no renderer's share). */
static gint64
own_work (const Span *frame)
{
  return (frame->snapshot >= frame->start ? frame->snapshot : frame->end) - frame->start;
}

/* Formats @frame's own work by phase, "update+layout+rest" in ms: update is events, ticks and
 * styling; layout is measuring and allocating; the rest is the snapshot (or, in a frame that drew
 * nothing, whatever came after layout). A phase the frame did not run counts as none. */
static char *
split_of (const Span *frame)
{
  gint64 update_end = frame->update >= frame->start ? frame->update : frame->start;
  gint64 layout_end = frame->layout >= update_end ? frame->layout : update_end;
  gint64 own_end = frame->start + own_work (frame);

  return g_strdup_printf ("%.1f+%.1f+%.1f", (update_end - frame->start) / 1000.0,
                          (layout_end - update_end) / 1000.0, MAX (0, own_end - layout_end) / 1000.0);
}

/* Prints one line per step: each frame's own work (from its start to the end of the window's
 * snapshot: events, update, layout, snapshot), the whole frame with GSK's renderer, the longest
 * main-loop stall, and the worst frame's own work split by phase. Returns the frames over budget
 * in all steps: own work in @over_work, its processor time in @over_cpu, whole frames in
 * @over_whole. */
static void
print_steps (Run   *run,
             guint *over_work,
             guint *over_cpu,
             guint *over_whole)
{
  *over_work = *over_cpu = *over_whole = 0;
  printf ("  %-46s %6s %-26s %-16s %-26s\n", "", "", "  the app's own work", "  its CPU time", "  whole frame, with GSK");
  printf ("  %-46s %6s %9s %9s %6s %9s %6s %9s %9s %6s %13s  %s\n", "step", "frames", "worst ms", "p99 ms", ">16ms",
          "worst ms", ">16ms", "worst ms", "p99 ms", ">16ms", "longest stall", "worst: update+layout+snapshot");
  for (guint i = 0; i < run->steps->len; i++)
    {
      Step *s = &g_array_index (run->steps, Step, i);
      g_autoptr (GArray) work = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GArray) whole = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
      Figures w, c, f;
      gint64 stall = 0;
      const Span *worst = NULL;
      g_autofree char *split = NULL;

      for (guint n = 0; n < run->log.frames->len; n++)
        {
          Span *frame = &g_array_index (run->log.frames, Span, n);
          gint64 own = own_work (frame);
          gint64 all = frame->end - frame->start;

          if (frame->start < s->start || frame->start >= s->end)
            continue;
          if (worst == NULL || own > own_work (worst))
            worst = frame;
          g_array_append_val (work, own);
          g_array_append_val (whole, all);
          if (frame->cpu >= 0)
            g_array_append_val (cpu, frame->cpu);
        }
      for (guint b = 0; b < run->log.busy->len; b++)
        {
          Span *busy = &g_array_index (run->log.busy, Span, b);

          if (busy->start >= s->start && busy->start < s->end)
            stall = MAX (stall, busy->end - busy->start);
        }
      w = figures_of (work);
      c = figures_of (cpu);
      f = figures_of (whole);
      split = worst != NULL ? split_of (worst) : g_strdup ("-");
      printf ("  %-46s %6u %9.1f %9.1f %6u %9.1f %6u %9.1f %9.1f %6u %10.1f ms  %s\n", s->label, work->len,
              w.worst / 1000.0, w.p99 / 1000.0, w.over, c.worst / 1000.0, c.over, f.worst / 1000.0,
              f.p99 / 1000.0, f.over, stall / 1000.0, split);
      *over_work += w.over;
      *over_cpu += c.over;
      *over_whole += f.over;
    }
}

static void
run_clear (Run *run)
{
  if (run->pid != 0)
    {
      ib_bench_stop (run->pid);
      g_spawn_close_pid (run->pid);
      run->pid = 0;
    }
  for (guint i = 0; i < run->steps->len; i++)
    g_free (g_array_index (run->steps, Step, i).label);
  g_array_set_size (run->steps, 0);
  g_array_set_size (run->log.frames, 0);
  g_array_set_size (run->log.busy, 0);
  run->log.read = 0;
  g_clear_pointer (&run->log.path, g_free);
}

/* The environment of one launch: its own home, the frame log, and no blinking text cursor. */
static char **
app_environment (Run        *run,
                 const char *dir,
                 guint       n)
{
  char **env = ib_bench_environment (dir, n);
  g_autofree char *gtk_dir = g_build_filename (g_environ_getenv (env, "XDG_CONFIG_HOME"), "gtk-4.0", NULL);
  g_autofree char *ini = g_build_filename (gtk_dir, "settings.ini", NULL);

  g_mkdir_with_parents (gtk_dir, 0700);
  g_file_set_contents (ini, "[Settings]\ngtk-cursor-blink=false\n", -1, NULL);
  run->log.path = g_strdup_printf ("%s/frames-%u.log", dir, n);
  g_unlink (run->log.path);
  return g_environ_setenv (env, "IB_FRAME_LOG", run->log.path, TRUE);
}

/* The app on the ten-year dataset: every view, search, a record, filters, "as at". */
static gboolean
run_views (Run        *run,
           const char *app,
           const char *dir,
           const char *database)
{
  g_auto (GStrv) env = app_environment (run, dir, 0);
  char *argv[] = { (char *) app, (char *) "--database", (char *) database, NULL };
  guint over_work, over_cpu, over_whole;

  printf ("the app on the ten-year dataset:\n");
  if (!launch (run, argv, env, "start-up, then the hidden views filled"))
    return FALSE;

  step (run, "Overview (Alt+1)", "alt+1", 30);
  step (run, "Action Plan (Alt+2), first time", "alt+2", 30);
  step (run, "Judgements (Alt+3)", "alt+3", 30);
  step (run, "KPIs (Alt+4)", "alt+4", 30);
  step (run, "Risks (Alt+5)", "alt+5", 30);
  step (run, "Meetings (Alt+6)", "alt+6", 30);
  step (run, "Overview again (Alt+1)", "alt+1", 30);
  step (run, "Action Plan again (Alt+2)", "alt+2", 30);
  step (run, "search: Ctrl+F", "ctrl+f", 30);
  step (run, "search: typing a word in no record", "\"zebra\"", 30);
  step (run, "search: cleared (Ctrl+A, Backspace)", "ctrl+a BackSpace", 30);
  step (run, "search: typing a word in every statement", "\"moderator\"", 30);
  step (run, "open the first action found (Enter)", "Return", 30);
  step (run, "search: cleared again", "ctrl+f ctrl+a BackSpace", 30);
  /* From the search entry back along the header: as at, then filters; in the filters' popover
   * the focus starts on Status, then Delivery RAG, Officer, Horizon, the check boxes. */
  step (run, "filters: open the popover", "ctrl+f shift+Tab shift+Tab shift+Tab Return", 30);
  step (run, "filter: Delivery RAG Red", "Tab Return Down Return", 30);
  step (run, "filter: Overdue only", "Tab Tab Tab space", 30);
  step (run, "filter: Delivered but not improving", "Tab space", 30);
  step (run, "filters: Clear Filters", "Tab Tab Tab Return Escape", 30);
  step (run, "as at: open the popover", "ctrl+f shift+Tab shift+Tab Return", 30);
  step (run, "as at: the latest Improvement Board", "Tab Return", 30);
  step (run, "as at: now again", "ctrl+f shift+Tab shift+Tab Return Return", 30);
  step (run, "Risks (Alt+5), search a word in every risk", "alt+5 ctrl+f \"shortage\"", 30);
  step (run, "KPIs (Alt+4), search", "alt+4 ctrl+f \"assessments\"", 30);

  print_steps (run, &over_work, &over_cpu, &over_whole);
  printf ("  frames over 16 ms of the app's own work: %u (budget: none); of its main thread's CPU time: %u\n"
          "  whole frames over 16 ms, GSK's renderer included: %u\n", over_work, over_cpu, over_whole);
  run_clear (run);
  return TRUE;
}

/* Waits until the server answers for its bootstrap file, which it builds after a push: an app
 * asking before then is told 503 and takes the feed, and the first sync measured would be the
 * feed's rather than the file's that a client meets once the server has settled. */
static void
wait_for_bootstrap (IbTestServer *srv,
                    const char   *token)
{
  gint64 t0 = now_us ();

  for (;;)
    {
      g_autoptr (IbTestResponse) response = ib_test_request (srv, "GET", IB_BOOTSTRAP_PATH, token, NULL);

      /* Its body is the whole file: not one to keep in the transcript. */
      g_ptr_array_set_size (srv->transcript, 0);
      if (response->status == 200)
        break;
      if (response->status != 503 || now_us () - t0 > 600 * G_USEC_PER_SEC)
        {
          printf ("  the server offers no bootstrap file (HTTP %u): the sync below takes the feed\n", response->status);
          return;
        }
      g_usleep (100 * 1000);
    }
  printf ("  the server's bootstrap file was ready %.1f s after the push\n", (now_us () - t0) / (double) G_USEC_PER_SEC);
}

/* Fills @srv with the dataset, as a client's first push would. */
static void
fill_server (IbTestServer *srv,
             const char   *token)
{
  g_autoptr (GPtrArray) texts = ib_bench_generate_mutations ();
  gint64 t0 = now_us ();
  guint requests, applied = ib_bench_push (srv, token, texts, &requests);

  printf ("  the server holds the dataset: %u of %u records pushed in %.1f s\n", applied, texts->len,
          (now_us () - t0) / (double) G_USEC_PER_SEC);
}

static gint64
count_rows (const char *database,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A first sync of the dataset into an empty app, signed in from the welcome page. */
static gboolean
run_first_sync (Run        *run,
                const char *app,
                const char *dir)
{
  g_autoptr (IbTestServer) srv = ib_test_server_new (FALSE);
  g_autofree char *token = NULL, *script = NULL;
  g_autofree char *database = g_build_filename (dir, "first-sync.db", NULL);
  g_auto (GStrv) env = NULL;
  char *argv[] = { (char *) app, (char *) "--database", database, NULL };
  gint64 statements;
  guint over_work, over_cpu, over_whole;

  printf ("a first sync of the ten-year dataset from the real server on 127.0.0.1:\n");
  ib_test_server_add_user (srv, "bench", "admin", "exempt");
  ib_test_server_start (srv);
  token = ib_test_server_login (srv, "bench");
  fill_server (srv, token);
  wait_for_bootstrap (srv, token);

  g_unlink (database);
  env = app_environment (run, dir, 1);
  if (!launch (run, argv, env, "start-up on an empty database"))
    return FALSE;

  script = g_strdup_printf ("\"http://127.0.0.1:%u\" Tab \"bench\" Tab \"password-bench\"", srv->port);
  step (run, "welcome page: Connect to a Server (Alt+C)", "alt+c", 30);
  step (run, "typing the address, user and password", script, 30);
  /* Then quiet for two seconds: the sync's pages keep the log busy until it is done. */
  {
    Step s = { g_strdup ("first sync running (Enter signs in)"), now_us (), 0 };

    press_chord (run->display, "Return");
    if (!settle (run, s.start, 2000, 600))
      printf ("  (the first sync was still running after 10 minutes)\n");
    s.end = now_us ();
    g_array_append_val (run->steps, s);
    printf ("  first sync, from signing in to quiet: %.1f s\n", (s.end - s.start) / (double) G_USEC_PER_SEC);
  }

  print_steps (run, &over_work, &over_cpu, &over_whole);
  printf ("  frames over 16 ms of the app's own work: %u; of its main thread's CPU time: %u; whole frames over 16 ms: %u\n",
          over_work, over_cpu, over_whole);
  run_clear (run);

  statements = count_rows (database, "position_statement");
  printf ("  the app's database after the sync: %" G_GINT64_FORMAT " actions, %" G_GINT64_FORMAT
          " position statements\n", count_rows (database, "action"), statements);
  if (statements <= 0)
    {
      g_printerr ("bench-frames: the first sync brought no statements: the sign-in did not work\n");
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *app = g_strdup (IB_APP_BINARY), *keep = NULL, *dir = NULL, *database = NULL;
  g_autofree char *renderer = NULL;
  gboolean verbose = FALSE, no_sync = FALSE, only_sync = FALSE, ok = TRUE;
  Run run = { 0 };
  const GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The improvement-board binary (default: this build's)", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the dataset and the frame logs in DIR", "DIR" },
    { "no-sync", 0, 0, G_OPTION_ARG_NONE, &no_sync, "Leave out the first sync", NULL },
    { "only-sync", 0, 0, G_OPTION_ARG_NONE, &only_sync, "Leave out the views' steps: the first sync alone (to profile it)", NULL },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer, "GTK's renderer for the app (GSK_RENDERER: gl, cairo)", "NAME" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print each step's length as it ends", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_setenv ("IB_SERVER_BINARY", IB_SERVER_BINARY, FALSE);
  g_option_context_set_summary (context, "Frame timings of the real app's window on the ten-year dataset, "
                                         "step by step, under the current X display.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-frames: %s\n", error->message);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("bench-frames: needs an X display: run it under xvfb-run -a dbus-run-session --\n");
      return 2;
    }

  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);

  run.display = XOpenDisplay (NULL);
  if (run.display == NULL)
    {
      g_printerr ("bench-frames: cannot open the X display\n");
      return 2;
    }
  {
    int event, error_base, major, minor;

    if (!XTestQueryExtension (run.display, &event, &error_base, &major, &minor))
      {
        g_printerr ("bench-frames: the X server has no XTEST extension\n");
        return 2;
      }
  }
  XSetErrorHandler (ignore_x_errors);
  run.verbose = verbose;
  run.steps = g_array_new (FALSE, FALSE, sizeof (Step));
  run.log.frames = g_array_new (FALSE, FALSE, sizeof (Span));
  run.log.busy = g_array_new (FALSE, FALSE, sizeof (Span));

  if (keep != NULL)
    {
      dir = g_strdup (keep);
      g_mkdir_with_parents (dir, 0700);
    }
  else
    dir = g_dir_make_tmp ("ib-bench-frames-XXXXXX", NULL);

  database = g_build_filename (dir, "ten-years.db", NULL);
  {
    g_autoptr (IbStore) store = ib_store_open (database, &error);

    if (store == NULL)
      {
        g_printerr ("bench-frames: %s\n", error->message);
        return 1;
      }
    if (ib_store_is_empty (store))
      {
        gint64 t0 = now_us ();
        guint n = ib_bench_generate (store);

        printf ("generated the ten-year dataset: %u records in %.1f s\n", n, (now_us () - t0) / (double) G_USEC_PER_SEC);
      }
  }

  printf ("the app's own work = frame start (GdkFrameTimings) to the end of the window's snapshot: events, "
          "update, layout, snapshot;\nwhole frame = frame start to the end of paint, GSK's renderer drawing "
          "the nodes included; stall = one main-loop iteration;\nworst: the step's worst frame of own work by phase "
          "(update: events, ticks, styling; layout: measuring, allocating; snapshot);\n"
          "CPU time = the main thread's processor time on the frame (its own work less any wait for a core);\nbudget 16 ms; renderer: %s\n", g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "GTK's default");
  if (!only_sync)
    ok = run_views (&run, app, dir, database);
  if (ok && !no_sync)
    ok = run_first_sync (&run, app, dir);
  run_clear (&run);

  g_array_unref (run.steps);
  g_array_unref (run.log.frames);
  g_array_unref (run.log.busy);
  XCloseDisplay (run.display);

  {
    g_autoptr (GFile) top = g_file_new_for_path (dir);

    if (keep == NULL)
      ib_bench_remove_tree (top);
  }

  return ok ? 0 : 1;
}
