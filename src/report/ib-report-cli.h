/* ib-report-cli.h: `improvement-board --export-pack`, a pack written as a PDF with no window
 * and no display, for a programme office's scheduled job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns TRUE when @argv asks for a pack to be exported (it holds --export-pack). */
gboolean ib_report_cli_wanted (int          argc,
                               char       **argv);

/* Exports a pack as --database, --export-pack MEETING|latest, --part public|exempt and --output
 * ask, using only the core and the report library (GTK is never initialised). Says what it
 * wrote on standard output, or why not on standard error; returns 0 when written, 1 when it
 * could not be (nothing is written then), 2 for a command line it does not understand.
 * @default_database is used without --database. */
int      ib_report_cli_run    (int          argc,
                               char       **argv,
                               const char  *default_database);

G_END_DECLS
