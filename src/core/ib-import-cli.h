/* ib-import-cli.h: `improvement-board --import FILE`, national data and KPI files imported
 * with no window and no display, for a programme office's monthly scheduled job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns TRUE when @argv asks for an import or for the council's settings
 * (--import, --set-la-code, --set-neighbours). */
gboolean ib_import_cli_wanted (int          argc,
                               char       **argv);

/* Runs the command line: sets the council's LA code and neighbours when asked, then imports
 * the file (an Explore Education Statistics data set by the mapping remembered for it, an
 * Ofsted outcomes summary, or the app's own KPI CSV). Says what it did on standard output, or
 * why not on standard error; returns 0 when done, 1 when refused (nothing is written then),
 * 2 for a command line it does not understand. @default_database is used without --database. */
int      ib_import_cli_run    (int          argc,
                               char       **argv,
                               const char  *default_database);

G_END_DECLS
