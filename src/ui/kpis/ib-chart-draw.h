/* ib-chart-draw.h: drawing a monthly KPI chart with cairo and Pango, for a window, a file or
 * a printed pack alike; GLib, cairo and Pango only, no GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What a series is; each is drawn in its own colour, dash and marker, named in the legend. */
typedef enum
{
  IB_CHART_VALUE,             /* the council's own figures */
  IB_CHART_ENGLAND,
  IB_CHART_STAT_NEIGHBOURS,
  IB_CHART_REGION,
  IB_CHART_N_ROLES,
} IbChartRole;

/* The most stacked layers a chart draws. */
#define IB_CHART_MAX_LAYERS 4

/* A colour as cairo takes it: red, green, blue and alpha, each from 0 to 1. */
typedef struct
{
  double red, green, blue, alpha;
} IbChartColor;

/* The colours a chart is drawn in: from a window's style, or chosen for an export. */
typedef struct
{
  IbChartColor foreground;
  IbChartColor background;
  IbChartColor series[IB_CHART_N_ROLES];
  IbChartColor target;
  IbChartColor layers[IB_CHART_MAX_LAYERS];  /* stacked layers, worst grade first */
} IbChartColors;

/* What a chart shows. Months are YYYY-MM, oldest first; every series and layer holds doubles
 * parallel to them (NAN is a gap), or is NULL. */
typedef struct
{
  char   *title;
  char   *caption;     /* under the plot (where the figures come from), or NULL */
  GStrv   months;
  GArray *series[IB_CHART_N_ROLES];
  double  target;      /* NAN for none */
  double  tolerance;   /* NAN for none */
  guint   decimals;
  char   *suffix;      /* after every value, e.g. "%", or NULL */
  guint   n_layers;
  char   *layer_names[IB_CHART_MAX_LAYERS];
  GArray *layers[IB_CHART_MAX_LAYERS];
} IbChartData;

/* Where the plot sits inside the drawn area, after the title, legend and axes took their room. */
typedef struct
{
  double x, y, width, height;
} IbChartArea;

/* What a drawing measured: the plot, how many points each series showed, how many month labels
 * the x axis carried, and where the months fall (to find the month under a pointer). */
typedef struct
{
  IbChartArea plot;
  guint       n_points[IB_CHART_N_ROLES];
  guint       n_month_labels;
  double      first_x;   /* the first month's x */
  double      step_x;    /* between months; 0 for one month */
} IbChartLayout;

/* Empties @data: no title, months, series or layers, no target. */
void   ib_chart_data_init      (IbChartData         *data);

/* Frees what @data holds and empties it. */
void   ib_chart_data_clear     (IbChartData         *data);

/* Returns how many months @data has. */
guint  ib_chart_data_n_months  (const IbChartData   *data);

/* Draws @data into @cr over @width × @height in @colors and fills @layout with what it
 * measured: the title (wrapped), the legend, the axes with as many month labels as fit, the
 * stacked bars, the target and its tolerance band, the series, and the caption (wrapped)
 * along the bottom. */
void   ib_chart_draw_data      (cairo_t             *cr,
                                int                  width,
                                int                  height,
                                const IbChartData   *data,
                                const IbChartColors *colors,
                                IbChartLayout       *layout);

/* Returns month @index of @data read aloud: the month, then each series' and layer's value and
 * the target, e.g. "March 2021: This council 446; England 70" (transfer full). */
char  *ib_chart_describe_month (const IbChartData   *data,
                                guint                index);

/* Fills @colors with light-theme colours, for drawing away from a window (export, print). */
void   ib_chart_colors_default (IbChartColors       *colors);

G_END_DECLS
