/* ib-chart.h: a monthly KPI chart: the indicator's line, its comparators, the target and its
 * tolerance band, with readable axes and a legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ib-chart-draw.h"

G_BEGIN_DECLS

/* The files a chart exports to. */
typedef enum
{
  IB_CHART_PNG,
  IB_CHART_SVG,
  IB_CHART_PDF,
} IbChartFormat;

#define IB_TYPE_CHART (ib_chart_get_type ())

G_DECLARE_FINAL_TYPE (IbChart, ib_chart, IB, CHART, GtkWidget)

/* Returns an empty chart. */
GtkWidget *ib_chart_new            (void);

/* Sets the title drawn above the plot; long titles wrap. */
void       ib_chart_set_title      (IbChart            *self,
                                    const char         *title);

/* Sets the line drawn under the plot, where the figures come from; NULL for none. */
void       ib_chart_set_caption    (IbChart            *self,
                                    const char         *caption);

/* Sets the months along the x axis (YYYY-MM, oldest first); series values are parallel. */
void       ib_chart_set_months     (IbChart            *self,
                                    const char * const *periods);

/* Sets series @role: @values parallel to the months (NAN is a gap); NULL removes it. */
void       ib_chart_set_series     (IbChart            *self,
                                    IbChartRole         role,
                                    const double       *values,
                                    guint               n_values);

/* Sets the target line and the tolerance band around it; NAN removes them. */
void       ib_chart_set_target     (IbChart            *self,
                                    double              target,
                                    double              tolerance);

/* Sets how many decimals the y axis and read-outs show. */
void       ib_chart_set_decimals   (IbChart            *self,
                                    guint               decimals);

/* Sets the text after every value in read-outs and on the y axis ("%"), or NULL for none. */
void       ib_chart_set_suffix     (IbChart            *self,
                                    const char         *suffix);

/* Draws stacked bars instead of a line: @n_layers (at most 4) layers named @names, each a
 * row of @values parallel to the months (NAN is nothing that month), bottom layer first;
 * 0 layers removes them. Each layer has its own colour and fill pattern. */
void       ib_chart_set_stack      (IbChart            *self,
                                    guint               n_layers,
                                    const char * const *names,
                                    const double * const *values);

/* Writes the chart to @file as @format at @width × @height (pixels for PNG, points for SVG
 * and PDF), in light colours; the file is replaced whole or left as it was. */
gboolean   ib_chart_export         (IbChart            *self,
                                    GFile              *file,
                                    IbChartFormat       format,
                                    int                 width,
                                    int                 height,
                                    GError            **error);

/* Returns the format a file name's extension asks for (".png", ".svg", ".pdf", any case);
 * FALSE when it is none of them. */
gboolean   ib_chart_format_for_name (const char        *name,
                                     IbChartFormat     *format);

G_END_DECLS
