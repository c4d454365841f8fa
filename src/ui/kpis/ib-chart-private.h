/* ib-chart-private.h: what tests read from a chart after it was drawn
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

G_END_DECLS
