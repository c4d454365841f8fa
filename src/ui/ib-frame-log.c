/* ib-frame-log.c: the window's frame timings, written out for the frame benchmark
 *
 * With IB_FRAME_LOG=PATH in the environment the app appends to PATH, as they happen:
 *
 *   frame COUNTER START END SNAPSHOT UPDATE LAYOUT CPU
 *                             one frame of a window: START is the frame's time in its
 *                             GdkFrameTimings (when the frame clock began it), END the moment
 *                             ::after-paint ended, so END - START is the whole frame (update,
 *                             layout and paint); SNAPSHOT is when the window's snapshot ended, so
 *                             SNAPSHOT - START is the app's own work (events, update, layout,
 *                             snapshot) and END - SNAPSHOT the renderer's (GSK drawing the nodes,
 *                             which under Xvfb is Mesa's software rasteriser); 0 if the frame
 *                             drew nothing.
 *                             UPDATE is when the frame's update phase ended: tick callbacks and,
 *                             in GTK 4, working out the styles of changed widgets; LAYOUT when
 *                             its layout phase ended (measuring and allocating). Each is 0 if the
 *                             frame had no such phase. They split the app's work into its parts:
 *                             a slow frame that is all update is styling, not layout.
 *                             CPU is the processor time the main thread spent on the frame, from
 *                             the start of the main-loop iteration that ran it to the end of the
 *                             snapshot (or of the frame, if it drew nothing): the app's own work
 *                             without the time the system gave other threads, such as the
 *                             software rasteriser's still drawing the frame before.
 *   busy START END            one main-loop iteration that kept the loop from polling for 1 ms
 *                             or more: event handling, idles, timeouts and frames alike, so the
 *                             longest is the longest time the app could not answer
 *
 * Times are g_get_monotonic_time () microseconds, CLOCK_MONOTONIC, the same clock in every
 * process on the machine: a benchmark driving the app from outside places each line against its
 * own steps by time, with no help from the app. tests/bench/bench-frames reads it.
 * Without the variable nothing is connected and the main loop is left as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-frame-log"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "ib-frame-log.h"

/* Shorter iterations are the loop's ordinary breathing and would only swell the file. */
#define BUSY_MIN_US 1000

static FILE *log_file;
static GPollFunc default_poll;
static gint64 poll_returned;
static gint64 poll_returned_cpu;   /* the main thread's processor time then */
/* When the window's latest snapshot, update and layout phases ended; taken and cleared by the
 * frame's ::after-paint. */
static gint64 snapshot_ended;
static gint64 snapshot_ended_cpu;
static gint64 update_ended;
static gint64 layout_ended;

/* The calling thread's processor time in microseconds; 0 if the system cannot tell. */
static gint64
thread_cpu_us (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 entered = g_get_monotonic_time ();
  int result;

  if (poll_returned != 0 && entered - poll_returned >= BUSY_MIN_US)
    fprintf (log_file, "busy %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", poll_returned, entered);
  result = default_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();
  poll_returned_cpu = thread_cpu_us ();
  return result;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);
  GdkFrameTimings *timings = gdk_frame_clock_get_timings (clock, counter);
  gint64 work_cpu = (snapshot_ended != 0 ? snapshot_ended_cpu : thread_cpu_us ()) - poll_returned_cpu;

  if (timings != NULL)
    fprintf (log_file, "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
             " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
             counter, gdk_frame_timings_get_frame_time (timings), g_get_monotonic_time (), snapshot_ended,
             update_ended, layout_ended, MAX (work_cpu, 0));
  snapshot_ended = snapshot_ended_cpu = update_ended = layout_ended = 0;
}

/* Connected last to ::update and ::layout, so each marks the end of all of its phase's work; a
 * layout phase the clock runs again (it may, while allocation queues more) marks its last run. */
static void
on_phase_ended_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  *(gint64 *) user_data = g_get_monotonic_time ();
}

void
ib_frame_log_snapshot_done (void)
{
  if (log_file != NULL)
    {
      snapshot_ended = g_get_monotonic_time ();
      snapshot_ended_cpu = thread_cpu_us ();
    }
}

static void
on_realize_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_after (clock, "update", G_CALLBACK (on_phase_ended_cb), &update_ended);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_phase_ended_cb), &layout_ended);
  /* Last among the handlers, so the paint of this frame is all done. */
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

/* Returns the log, opened on first use; NULL when none is asked for or it cannot be opened. */
static FILE *
open_log (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("IB_FRAME_LOG");

      if (path != NULL && *path != '\0')
        {
          log_file = fopen (path, "a");
          if (log_file == NULL)
            g_warning ("Cannot write the frame log %s: %s", path, g_strerror (errno));
        }
      if (log_file != NULL)
        {
          /* A line at a time: the reader may look while the app runs, or after it is killed. */
          setvbuf (log_file, NULL, _IOLBF, 0);
          default_poll = g_main_context_get_poll_func (NULL);
          g_main_context_set_poll_func (NULL, timed_poll);
        }
      g_once_init_leave (&once, 1);
    }

  return log_file;
}

void
ib_frame_log_attach (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (open_log () != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
