/* ib-report-chart.h: the pack's drawings with cairo and Pango alone — a KPI's line chart, the
 * 5×5 risk heat map, and the shapes that carry RAG, grades and bands without colour — with
 * their colours passed in, so the window's chart can draw through the same code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* A colour, 0–1 per channel. */
typedef struct
{
  double red, green, blue, alpha;
} IbReportColor;

/* The shape drawn beside a word so that it reads in greyscale: a circle for good or on target
 * or low, a triangle for a warning (amber, within tolerance, medium, requires improvement), an
 * octagon for bad (red, off target, high, inadequate), a star for outstanding, a tick for
 * complete, a ring for not rated. */
typedef enum
{
  IB_MARK_NONE,
  IB_MARK_CIRCLE,
  IB_MARK_TRIANGLE,
  IB_MARK_OCTAGON,
  IB_MARK_STAR,
  IB_MARK_TICK,
  IB_MARK_RING,
} IbMark;

/* The series of a KPI chart, each with its own colour, dash and marker shape. */
typedef enum
{
  IB_LINE_VALUE,             /* the council's own figures */
  IB_LINE_ENGLAND,
  IB_LINE_STAT_NEIGHBOURS,
  IB_LINE_REGION,
  IB_LINE_N_SERIES,
} IbLineSeries;

typedef struct
{
  IbReportColor foreground;
  IbReportColor background;
  IbReportColor grid;
  IbReportColor series[IB_LINE_N_SERIES];
  IbReportColor target;
} IbLineChartColors;

/* What a line chart shows: months along the x axis, series parallel to them (NAN is a gap,
 * NULL an absent series), a target with its tolerance band (NAN for none). */
typedef struct
{
  const char         *title;
  guint               n_months;
  const char * const *months;      /* YYYY-MM, oldest first */
  const double       *series[IB_LINE_N_SERIES];
  double              target;
  double              tolerance;
  int                 decimals;
  const char         *suffix;      /* after each axis value, e.g. "%"; may be NULL */
} IbLineChart;

typedef struct
{
  IbReportColor foreground;
  IbReportColor background;
  IbReportColor bands[3];          /* low, medium, high */
} IbHeatMapColors;

/* A 5×5 likelihood × impact matrix: how many risks sit in each cell, and their refs. */
typedef struct
{
  const char *title;
  guint       counts[5][5];        /* [likelihood − 1][impact − 1] */
  const char *refs[5][5];          /* refs joined with ", ", or NULL */
} IbHeatMap;

/* Draws @shape centred at @x, @y, @size across, filled with @color. */
void ib_report_draw_mark        (cairo_t               *cr,
                                 IbMark                 shape,
                                 double                 x,
                                 double                 y,
                                 double                 size,
                                 const IbReportColor   *color);

/* Draws @chart into the rectangle @x, @y, @width × @height: title, legend, axes with readable
 * month labels, the tolerance band and target line, comparators dashed, the council's line on
 * top, every point as its series' marker. Text is laid out in @context. */
void ib_report_draw_line_chart  (cairo_t               *cr,
                                 PangoContext          *context,
                                 const IbLineChart     *chart,
                                 const IbLineChartColors *colors,
                                 double                 x,
                                 double                 y,
                                 double                 width,
                                 double                 height);

/* Draws @map into the rectangle @x, @y, @width × @height: the grid with impact across and
 * likelihood up, each cell in its band's colour and pattern (plain low, dotted medium, hatched
 * high) with its count and refs. */
void ib_report_draw_heat_map    (cairo_t               *cr,
                                 PangoContext          *context,
                                 const IbHeatMap       *map,
                                 const IbHeatMapColors *colors,
                                 double                 x,
                                 double                 y,
                                 double                 width,
                                 double                 height);

/* Fills the rectangle with @band's pattern in @color (0 low, 1 medium, 2 high), as a heat map
 * cell and its legend swatch are. */
void ib_report_fill_band        (cairo_t               *cr,
                                 int                    band,
                                 const IbReportColor   *color,
                                 double                 x,
                                 double                 y,
                                 double                 width,
                                 double                 height);

/* Returns print colours (dark text on white) for a line chart and a heat map. */
void ib_report_line_chart_colors (IbLineChartColors    *colors);
void ib_report_heat_map_colors  (IbHeatMapColors       *colors);

/* Returns the translated name of a chart series ("This council", "England"…). */
const char *ib_report_series_label (IbLineSeries        series);

G_END_DECLS
