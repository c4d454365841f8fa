/* ib-report-chart.c
 *
 * Drawn as vectors on any cairo surface (PDF, a print context, an image), with the colours
 * passed in and nothing from GTK: the command line draws a pack with no display. Labels are
 * measured before anything is placed: the title wraps, month labels thin out until they no
 * longer touch, and the plot takes what is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-report-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include <pango/pangocairo.h>

#include "ib-report-chart.h"

#define PAD 4.0
#define MARKER 2.2
#define CHART_FONT "Cantarell, DejaVu Sans, Sans"

static void
set_color (cairo_t             *cr,
           const IbReportColor *c,
           double               alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static PangoLayout *
text_layout (PangoContext *context,
             const char   *text,
             double        size,
             gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (CHART_FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
ib_report_draw_mark (cairo_t             *cr,
                     IbMark               shape,
                     double               x,
                     double               y,
                     double               size,
                     const IbReportColor *color)
{
  double r = size / 2;

  cairo_save (cr);
  cairo_new_path (cr);
  set_color (cr, color, 1);

  switch (shape)
    {
    case IB_MARK_CIRCLE:
      cairo_arc (cr, x, y, r * 0.9, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case IB_MARK_TRIANGLE:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y + r * 0.8);
      cairo_line_to (cr, x - r, y + r * 0.8);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case IB_MARK_OCTAGON:
      for (int i = 0; i < 8; i++)
        {
          double a = G_PI / 8 + i * G_PI / 4;

          cairo_line_to (cr, x + r * cos (a), y + r * sin (a));
        }
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case IB_MARK_STAR:
      for (int i = 0; i < 10; i++)
        {
          double a = -G_PI / 2 + i * G_PI / 5, rr = i % 2 == 0 ? r : r * 0.45;

          cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case IB_MARK_TICK:
      cairo_set_line_width (cr, size * 0.2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, x - r * 0.8, y);
      cairo_line_to (cr, x - r * 0.2, y + r * 0.6);
      cairo_line_to (cr, x + r * 0.85, y - r * 0.7);
      cairo_stroke (cr);
      break;

    case IB_MARK_RING:
      cairo_set_line_width (cr, size * 0.14);
      cairo_arc (cr, x, y, r * 0.8, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;

    case IB_MARK_NONE:
    default:
      break;
    }

  cairo_restore (cr);
}

/* A council's point is a dot, England a square, statistical neighbours a triangle and the
 * region a diamond, so the lines are told apart without colour. */
static void
series_marker (cairo_t      *cr,
               IbLineSeries  series,
               double        x,
               double        y)
{
  double m = MARKER;

  cairo_new_path (cr);
  switch (series)
    {
    case IB_LINE_ENGLAND:
      cairo_rectangle (cr, x - m, y - m, 2 * m, 2 * m);
      break;
    case IB_LINE_STAT_NEIGHBOURS:
      cairo_move_to (cr, x, y - m - 0.6);
      cairo_line_to (cr, x + m + 0.6, y + m);
      cairo_line_to (cr, x - m - 0.6, y + m);
      cairo_close_path (cr);
      break;
    case IB_LINE_REGION:
      cairo_move_to (cr, x, y - m - 0.8);
      cairo_line_to (cr, x + m + 0.8, y);
      cairo_line_to (cr, x, y + m + 0.8);
      cairo_line_to (cr, x - m - 0.8, y);
      cairo_close_path (cr);
      break;
    case IB_LINE_VALUE:
    case IB_LINE_N_SERIES:
    default:
      cairo_arc (cr, x, y, m, 0, 2 * G_PI);
      break;
    }
  cairo_fill (cr);
}

static void
series_dash (cairo_t      *cr,
             IbLineSeries  series)
{
  static const double dashes[][2] = { { 0, 0 }, { 4, 2 }, { 1.5, 2 }, { 6, 2 } };

  cairo_set_line_width (cr, series == IB_LINE_VALUE ? 1.8 : 1.0);
  if (series == IB_LINE_VALUE)
    cairo_set_dash (cr, NULL, 0, 0);
  else
    cairo_set_dash (cr, dashes[series], 2, 0);
}

const char *
ib_report_series_label (IbLineSeries series)
{
  switch (series)
    {
    case IB_LINE_VALUE: return C_("chart series", "This council");
    case IB_LINE_ENGLAND: return C_("chart series", "England");
    case IB_LINE_STAT_NEIGHBOURS: return C_("chart series", "Statistical neighbours");
    case IB_LINE_REGION: return C_("chart series", "Region");
    case IB_LINE_N_SERIES:
    default: return "";
    }
}

static char *
month_label (const char *period)
{
  g_autoptr (GDateTime) date = NULL;
  int year, month;

  if (period == NULL || sscanf (period, "%d-%d", &year, &month) != 2)
    return g_strdup (period != NULL ? period : "");
  date = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  /* Translators: a month on a chart's axis, strftime format: "Mar 2021" */
  return date != NULL ? g_date_time_format (date, C_("chart month", "%b %Y")) : g_strdup (period);
}

/* A "nice" step (1, 2 or 5 × 10ⁿ) giving about @ticks divisions of @span. */
static double
nice_step (double span,
           int    ticks)
{
  double raw = span / MAX (ticks, 1), magnitude, fraction;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

void
ib_report_draw_line_chart (cairo_t                 *cr,
                           PangoContext            *context,
                           const IbLineChart       *chart,
                           const IbLineChartColors *colors,
                           double                   x,
                           double                   y,
                           double                   width,
                           double                   height)
{
  double low = INFINITY, high = -INFINITY, step, axis_width = 0, top = y + PAD;
  double label_height = 0, widest = 0, x0, x1, y0, y1, dx;
  guint every = 1, n = chart->n_months;
  g_autoptr (GPtrArray) ticks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) tick_values = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  set_color (cr, &colors->background, 1);
  cairo_paint (cr);

  if (chart->title != NULL)
    {
      g_autoptr (PangoLayout) title = text_layout (context, chart->title, 8, TRUE);
      double h;

      pango_layout_set_width (title, (int) ((width - 2 * PAD) * PANGO_SCALE));
      pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
      layout_size (title, NULL, &h);
      set_color (cr, &colors->foreground, 1);
      show (cr, title, x + PAD, top);
      top += h + 2;
    }

  /* The legend: a line sample and a name for each series present and the target. */
  {
    double lx = x + PAD, line_h = 0;

    for (int s = 0; s <= IB_LINE_N_SERIES; s++)
      {
        g_autoptr (PangoLayout) name = NULL;
        double w, h;

        if (s < IB_LINE_N_SERIES && chart->series[s] == NULL)
          continue;
        if (s == IB_LINE_N_SERIES && isnan (chart->target))
          continue;

        name = text_layout (context, s < IB_LINE_N_SERIES ? ib_report_series_label (s)
                                                          : C_("chart series", "Target and tolerance"),
                            6.5, FALSE);
        layout_size (name, &w, &h);
        if (lx + 18 + w > x + width - PAD && lx > x + PAD)
          {
            lx = x + PAD;
            top += line_h + 1;
          }
        if (s < IB_LINE_N_SERIES)
          {
            set_color (cr, &colors->series[s], 1);
            series_dash (cr, s);
            cairo_move_to (cr, lx, top + h / 2);
            cairo_line_to (cr, lx + 12, top + h / 2);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            series_marker (cr, s, lx + 6, top + h / 2);
          }
        else
          {
            set_color (cr, &colors->target, 0.2);
            cairo_rectangle (cr, lx, top + 1, 12, h - 2);
            cairo_fill (cr);
            set_color (cr, &colors->target, 1);
            cairo_set_line_width (cr, 1.2);
            cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
            cairo_move_to (cr, lx, top + h / 2);
            cairo_line_to (cr, lx + 12, top + h / 2);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
        set_color (cr, &colors->foreground, 1);
        show (cr, name, lx + 15, top);
        lx += 15 + w + 8;
        line_h = MAX (line_h, h);
      }
    top += line_h + 3;
  }

  /* The y range: every value, the target band, and zero when the values are near it. */
  for (int s = 0; s < IB_LINE_N_SERIES; s++)
    for (guint i = 0; chart->series[s] != NULL && i < n; i++)
      if (!isnan (chart->series[s][i]))
        {
          low = MIN (low, chart->series[s][i]);
          high = MAX (high, chart->series[s][i]);
        }
  if (!isnan (chart->target))
    {
      double tolerance = isnan (chart->tolerance) ? 0 : chart->tolerance;

      low = MIN (low, chart->target - tolerance);
      high = MAX (high, chart->target + tolerance);
    }
  if (!isfinite (low))
    low = 0, high = 1;
  if (low > 0 && low < high * 0.5)
    low = 0;
  if (high == low)
    {
      double pad = fabs (high) > 0 ? fabs (high) * 0.1 : 1;

      low -= pad;
      high += pad;
    }
  step = nice_step (high - low, 4);
  low = floor (low / step) * step;
  high = ceil (high / step) * step;

  for (double v = low; v <= high + step / 2; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%'.*f%s", CLAMP (chart->decimals, 0, 4),
                                               fabs (v) < step / 1e6 ? 0 : v,
                                               chart->suffix != NULL ? chart->suffix : "");
      PangoLayout *layout = text_layout (context, text, 6.5, FALSE);
      double w;

      layout_size (layout, &w, NULL);
      axis_width = MAX (axis_width, w);
      g_ptr_array_add (ticks, layout);
      g_array_append_val (tick_values, v);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = month_label (chart->months[i]);
      g_autoptr (PangoLayout) layout = text_layout (context, text, 6.5, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      widest = MAX (widest, w);
      label_height = MAX (label_height, h);
    }

  x0 = x + PAD + axis_width + 4;
  x1 = x + width - PAD - widest / 2;
  dx = n > 1 ? (x1 - x0) / (n - 1) : 0;
  while (n > 1 && dx * every < widest + 6)
    every++;
  y0 = top + 2;
  y1 = y + height - PAD - label_height - 3;

  if (y1 <= y0 + 10 || x1 <= x0)
    {
      cairo_restore (cr);
      return;  /* too small to say anything readable */
    }

#define Y_OF(v) (y1 - ((v) - low) / (high - low) * (y1 - y0))
#define X_OF(i) (n == 1 ? (x0 + x1) / 2 : x0 + (i) * dx)

  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t < tick_values->len; t++)
    {
      double v = g_array_index (tick_values, double, t), ty = Y_OF (v), w, h;

      set_color (cr, &colors->grid, 1);
      cairo_move_to (cr, x0, ty);
      cairo_line_to (cr, x1, ty);
      cairo_stroke (cr);
      layout_size (ticks->pdata[t], &w, &h);
      set_color (cr, &colors->foreground, 0.8);
      show (cr, ticks->pdata[t], x0 - 3 - w, ty - h / 2);
    }

  if (!isnan (chart->target))
    {
      double tolerance = isnan (chart->tolerance) ? 0 : chart->tolerance;

      if (tolerance > 0)
        {
          set_color (cr, &colors->target, 0.15);
          cairo_rectangle (cr, x0, Y_OF (chart->target + tolerance), x1 - x0,
                           Y_OF (chart->target - tolerance) - Y_OF (chart->target + tolerance));
          cairo_fill (cr);
        }
      set_color (cr, &colors->target, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
      cairo_move_to (cr, x0, Y_OF (chart->target));
      cairo_line_to (cr, x1, Y_OF (chart->target));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  set_color (cr, &colors->foreground, 0.8);
  cairo_set_line_width (cr, 0.7);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0, y1);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i += every)
    {
      g_autofree char *text = month_label (chart->months[i]);
      g_autoptr (PangoLayout) layout = text_layout (context, text, 6.5, FALSE);
      double w;

      layout_size (layout, &w, NULL);
      set_color (cr, &colors->foreground, 0.8);
      show (cr, layout, CLAMP (X_OF (i) - w / 2, x, x + width - w), y1 + 2);
    }

  /* Comparators first, the council's own line on top; a gap breaks the line. */
  for (int s = IB_LINE_N_SERIES - 1; s >= 0; s--)
    {
      const double *values = chart->series[s];
      gboolean drawing = FALSE;

      if (values == NULL)
        continue;

      set_color (cr, &colors->series[s], 1);
      series_dash (cr, s);
      for (guint i = 0; i < n; i++)
        {
          if (isnan (values[i]))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, X_OF (i), Y_OF (values[i]));
          else
            cairo_move_to (cr, X_OF (i), Y_OF (values[i]));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint i = 0; i < n; i++)
        if (!isnan (values[i]))
          series_marker (cr, s, X_OF (i), Y_OF (values[i]));
    }

#undef X_OF
#undef Y_OF

  cairo_restore (cr);
}

void
ib_report_fill_band (cairo_t             *cr,
                     int                  band,
                     const IbReportColor *color,
                     double               x,
                     double               y,
                     double               width,
                     double               height)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  set_color (cr, color, 1);
  cairo_paint (cr);

  cairo_set_source_rgba (cr, 0, 0, 0, 0.28);
  if (band == 1)
    {
      for (double dy = y + 2.5; dy < y + height; dy += 5)
        for (double dx = x + 2.5; dx < x + width; dx += 5)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, dx, dy, 0.7, 0, 2 * G_PI);
          }
      cairo_fill (cr);
    }
  else if (band == 2)
    {
      cairo_set_line_width (cr, 0.8);
      for (double d = -height; d < width + height; d += 5)
        {
          cairo_move_to (cr, x + d, y + height);
          cairo_line_to (cr, x + d + height, y);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
ib_report_draw_heat_map (cairo_t               *cr,
                         PangoContext          *context,
                         const IbHeatMap       *map,
                         const IbHeatMapColors *colors,
                         double                 x,
                         double                 y,
                         double                 width,
                         double                 height)
{
  g_autoptr (PangoLayout) title = NULL;
  g_autoptr (PangoLayout) across = NULL;
  g_autoptr (PangoLayout) up = NULL;
  double title_h = 0, across_h, up_w, up_h, gx, gy, cell;

  cairo_save (cr);
  set_color (cr, &colors->background, 1);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);

  if (map->title != NULL)
    {
      title = text_layout (context, map->title, 9, TRUE);
      pango_layout_set_width (title, (int) (width * PANGO_SCALE));
      layout_size (title, NULL, &title_h);
      set_color (cr, &colors->foreground, 1);
      show (cr, title, x, y);
      title_h += 4;
    }

  /* Translators: the x axis of a risk heat map */
  across = text_layout (context, C_("heat map", "Impact →"), 7, FALSE);
  /* Translators: the y axis of a risk heat map */
  up = text_layout (context, C_("heat map", "Likelihood →"), 7, FALSE);
  layout_size (across, NULL, &across_h);
  layout_size (up, &up_w, &up_h);

  cell = MIN ((width - up_h - 14) / 5, (height - title_h - across_h - 14) / 5);
  gx = x + up_h + 14;
  gy = y + title_h;

  for (int l = 5; l >= 1; l--)
    for (int i = 1; i <= 5; i++)
      {
        int score = l * i, band = score <= 4 ? 0 : score <= 12 ? 1 : 2;
        double cx = gx + (i - 1) * cell, cy = gy + (5 - l) * cell;
        guint count = map->counts[l - 1][i - 1];

        ib_report_fill_band (cr, band, &colors->bands[band], cx, cy, cell, cell);
        set_color (cr, &colors->foreground, 0.6);
        cairo_set_line_width (cr, 0.6);
        cairo_rectangle (cr, cx, cy, cell, cell);
        cairo_stroke (cr);

        if (count > 0)
          {
            g_autofree char *number = g_strdup_printf ("%u", count);
            g_autoptr (PangoLayout) n = text_layout (context, number, 10, TRUE);
            double w, h;

            layout_size (n, &w, &h);
            /* On a white plate, readable over any fill and pattern. */
            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
            cairo_rectangle (cr, cx + (cell - w) / 2 - 2, cy + 2, w + 4, h);
            cairo_fill (cr);
            set_color (cr, &colors->foreground, 1);
            show (cr, n, cx + (cell - w) / 2, cy + 2);

            if (map->refs[l - 1][i - 1] != NULL)
              {
                g_autoptr (PangoLayout) refs = text_layout (context, map->refs[l - 1][i - 1], 5.5, FALSE);
                double rw, rh;

                pango_layout_set_width (refs, (int) ((cell - 4) * PANGO_SCALE));
                pango_layout_set_height (refs, (int) ((cell - h - 6) * PANGO_SCALE));
                pango_layout_set_ellipsize (refs, PANGO_ELLIPSIZE_END);
                pango_layout_set_alignment (refs, PANGO_ALIGN_CENTER);
                layout_size (refs, &rw, &rh);
                cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
                cairo_rectangle (cr, cx + 2, cy + h + 3, cell - 4, rh);
                cairo_fill (cr);
                set_color (cr, &colors->foreground, 1);
                show (cr, refs, cx + 2, cy + h + 3);
              }
          }
      }

  /* Axis numbers and names. */
  for (int k = 1; k <= 5; k++)
    {
      g_autofree char *text = g_strdup_printf ("%d", k);
      g_autoptr (PangoLayout) a = text_layout (context, text, 7, FALSE);
      g_autoptr (PangoLayout) b = text_layout (context, text, 7, FALSE);
      double w, h;

      layout_size (a, &w, &h);
      set_color (cr, &colors->foreground, 0.85);
      show (cr, a, gx + (k - 0.5) * cell - w / 2, gy + 5 * cell + 1);
      show (cr, b, gx - w - 3, gy + (5 - k + 0.5) * cell - h / 2);
    }
  show (cr, across, gx + 5 * cell / 2 - 20, gy + 5 * cell + across_h);
  cairo_save (cr);
  cairo_translate (cr, x, gy + 5 * cell / 2 + up_w / 2);
  cairo_rotate (cr, -G_PI / 2);
  show (cr, up, 0, 0);
  cairo_restore (cr);

  cairo_restore (cr);
}

static void
parse (IbReportColor *color,
       const char    *hex)
{
  unsigned int r, g, b;

  sscanf (hex, "#%02x%02x%02x", &r, &g, &b);
  *color = (IbReportColor) { r / 255.0, g / 255.0, b / 255.0, 1 };
}

void
ib_report_line_chart_colors (IbLineChartColors *colors)
{
  parse (&colors->foreground, "#241f31");
  parse (&colors->background, "#ffffff");
  parse (&colors->grid, "#deddda");
  parse (&colors->series[IB_LINE_VALUE], "#1c71d8");
  parse (&colors->series[IB_LINE_ENGLAND], "#5e5c64");
  parse (&colors->series[IB_LINE_STAT_NEIGHBOURS], "#c64600");
  parse (&colors->series[IB_LINE_REGION], "#613583");
  parse (&colors->target, "#26a269");
}

void
ib_report_heat_map_colors (IbHeatMapColors *colors)
{
  parse (&colors->foreground, "#241f31");
  parse (&colors->background, "#ffffff");
  parse (&colors->bands[0], "#c8f0d6");
  parse (&colors->bands[1], "#fbe3a4");
  parse (&colors->bands[2], "#f6b3b3");
}
