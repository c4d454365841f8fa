/* ib-chart-private.h: what tests and benchmarks reach inside a chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-chart.h"

G_BEGIN_DECLS

/* After a draw: the plot's area, how many points series @role showed, and how many month
 * labels the x axis carried. */
IbChartArea ib_chart_get_plot_area      (IbChart     *self);
guint       ib_chart_get_n_points       (IbChart     *self,
                                         IbChartRole  role);
guint       ib_chart_get_n_month_labels (IbChart     *self);

/* Returns the selected month, or -1. */
int        ib_chart_get_selected   (IbChart            *self);

/* Returns month @index read aloud: the month, then each series' and layer's value and the
 * target, e.g. "March 2021: This council 446; England 70" (transfer full). */
char      *ib_chart_describe_point (IbChart            *self,
                                    guint               index);

/* Draws the whole chart into @cr over @width × @height in @colors (see ib-chart-draw.h): for
 * the widget and for PNG, SVG and PDF export alike. */
void       ib_chart_draw           (IbChart            *self,
                                    cairo_t            *cr,
                                    int                 width,
                                    int                 height,
                                    const IbChartColors *colors);

G_END_DECLS
