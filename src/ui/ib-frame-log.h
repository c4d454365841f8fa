/* ib-frame-log.h: the window's frame timings, written out for the frame benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When IB_FRAME_LOG names a file, appends a line to it for every frame @window draws and for
 * every long main-loop iteration (see ib-frame-log.c); otherwise does nothing. */
void ib_frame_log_attach (GtkWidget *window);

/* Notes that the window's snapshot has just ended, so its frame's line can tell the app's own
 * work from the renderer's; does nothing without a log. */
void ib_frame_log_snapshot_done (void);

G_END_DECLS
