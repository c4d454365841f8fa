/* ib-server-fault.h: test-only crash points and clock offset (docs/sync-protocol.md §15)
 *
 * Compiled in only with -Dfault_points=true; in a release build every call below is a no-op
 * and the server reads the real clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads REFSERVER_FAULT ("point:nth=N[,point:nth=N…]"); returns FALSE and says why when it is malformed. */
gboolean ib_fault_init           (GError    **error);

/* Returns TRUE when this is the chosen pass through @point; the caller then dies in its own way. */
gboolean ib_fault_hit            (const char *point);

/* Exits at once with status 137, like kill -9, when this is the chosen pass through @point. */
void     ib_fault_point          (const char *point);

/* Shifts the server's clock by @seconds (fault builds only; ignored otherwise). */
void     ib_fault_set_clock_offset (gint64   seconds);

/* Returns the server's wall-clock time in microseconds since the epoch, offset in fault builds. */
gint64   ib_server_now           (void);

G_END_DECLS
