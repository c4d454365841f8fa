/* ib-chart-export-dialog.h: the format and size a chart is exported at, then where to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-chart.h"

G_BEGIN_DECLS

#define IB_TYPE_CHART_EXPORT_DIALOG (ib_chart_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (IbChartExportDialog, ib_chart_export_dialog, IB, CHART_EXPORT_DIALOG, AdwMessageDialog)

/* Returns the dialog asking how to export a chart, for @parent; @name (an indicator's code)
 * starts the file's name. Once a file is chosen through the file chooser (the portal in a
 * sandbox) it emits "chosen" (GFile *file, IbChartFormat format, int width, int height),
 * the format being the one the file's extension names when it names one. */
IbChartExportDialog *ib_chart_export_dialog_new (GtkWindow  *parent,
                                                 const char *name);

G_END_DECLS
