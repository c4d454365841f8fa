/* ib-chart-draw.c
 *
 * One drawing serves the window (through GtkSnapshot's cairo node), every export surface and,
 * having no GTK in it, the packs printed from the command line: what is exported is what was
 * seen. Labels are laid out with Pango and measured before anything is placed: the title
 * wraps, month labels thin out until they no longer overlap, and the plot takes what is left.
 * The parts are drawn in this order, each over the last: title, legend, gridlines and their
 * labels, stacked bars, the target, the axes and month labels, then the series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-chart-draw"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "ib-chart-draw.h"

#define PAD 8.0
#define MARKER 3.5

/* Where values and months go on the drawing. */
typedef struct
{
  double x0, x1, y0, y1;  /* the plot's edges */
  double low, high;       /* the y range */
  double step;            /* between gridlines */
  double dx;              /* between months, or a bar's band */
  guint  n_months;
  gboolean bars;          /* months are bands (stacked bars) rather than points */
} Scale;

static double
y_of (const Scale *s,
      double       v)
{
  return s->y1 - (v - s->low) / (s->high - s->low) * (s->y1 - s->y0);
}

/* A single month sits in the middle of a full-width plot. */
static double
x_of (const Scale *s,
      guint        i)
{
  if (s->bars)
    return s->x0 + (i + 0.5) * s->dx;
  return s->n_months == 1 ? (s->x0 + s->x1) / 2 : s->x0 + i * s->dx;
}

static const char *
role_label (IbChartRole role)
{
  switch (role)
    {
    case IB_CHART_VALUE: return C_("chart series", "This council");
    case IB_CHART_ENGLAND: return C_("chart series", "England");
    case IB_CHART_STAT_NEIGHBOURS: return C_("chart series", "Statistical neighbours");
    case IB_CHART_REGION: return C_("chart series", "Region");
    case IB_CHART_N_ROLES:
    default: return "";
    }
}

static void
set_source (cairo_t            *cr,
            const IbChartColor *color,
            double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static double
value_at (const GArray *values,
          guint         i)
{
  return values != NULL && i < values->len ? g_array_index (values, double, i) : NAN;
}

/* Each series' point has its own shape as well as colour and dash: a dot for the council, a
 * square for England, a triangle for statistical neighbours, a diamond for the region. */
static void
draw_marker (cairo_t     *cr,
             IbChartRole  role,
             double       x,
             double       y)
{
  double m = MARKER;

  switch (role)
    {
    case IB_CHART_ENGLAND:
      cairo_rectangle (cr, x - m, y - m, 2 * m, 2 * m);
      break;
    case IB_CHART_STAT_NEIGHBOURS:
      cairo_move_to (cr, x, y - m - 0.8);
      cairo_line_to (cr, x + m + 0.8, y + m);
      cairo_line_to (cr, x - m - 0.8, y + m);
      cairo_close_path (cr);
      break;
    case IB_CHART_REGION:
      cairo_move_to (cr, x, y - m - 1);
      cairo_line_to (cr, x + m + 1, y);
      cairo_line_to (cr, x, y + m + 1);
      cairo_line_to (cr, x - m - 1, y);
      cairo_close_path (cr);
      break;
    case IB_CHART_VALUE:
    case IB_CHART_N_ROLES:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, m, 0, 2 * G_PI);
      break;
    }
  cairo_fill (cr);
}

static PangoLayout *
layout_text (cairo_t    *cr,
             const char *text,
             gboolean    bold,
             double      scale)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");

  pango_font_description_set_size (font, (int) (9 * scale * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static char *
format_number (double      value,
               guint       decimals,
               const char *suffix)
{
  /* The locale's digits and grouping, e.g. "1,234.5". */
  return g_strdup_printf ("%'.*f%s", (int) decimals, value, suffix != NULL ? suffix : "");
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

/* A stacked layer is told apart by its fill's pattern as well as its colour: diagonal hatching
 * for the worst grade, horizontal lines for the next, solid, then dotted. */
static void
fill_layer (cairo_t            *cr,
            const IbChartColor *color,
            guint               layer,
            double              x,
            double              y,
            double              w,
            double              h)
{
  double luminance = 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_source (cr, color, 1);
  cairo_paint (cr);
  if (luminance > 0.5)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
  cairo_set_line_width (cr, 1.2);
  switch (layer)
    {
    case 0:
      for (double d = -h; d < w + h; d += 6)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      break;
    case 1:
      for (double d = y + 2.5; d < y + h; d += 5)
        {
          cairo_move_to (cr, x, d);
          cairo_line_to (cr, x + w, d);
        }
      cairo_stroke (cr);
      break;
    case 3:
      for (double dy = y + 3; dy < y + h; dy += 6)
        for (double dx = x + 3; dx < x + w; dx += 6)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, dx, dy, 1.2, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;
    default:
      break;
    }
  cairo_restore (cr);
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

/* Returns @text laid out to wrap within @width less the margins, and its height in @h. */
static PangoLayout *
wrapped_text (cairo_t    *cr,
              int         width,
              const char *text,
              gboolean    bold,
              double      scale,
              int        *h)
{
  PangoLayout *layout = layout_text (cr, text, bold, scale);

  pango_layout_set_width (layout, (int) ((width - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, h);
  return layout;
}

/* Draws the title, wrapped to the width, and returns the height it took. */
static double
draw_title (cairo_t             *cr,
            int                  width,
            const IbChartData   *data,
            const IbChartColors *colors)
{
  g_autoptr (PangoLayout) layout = NULL;
  int h;

  if (data->title == NULL)
    return 0;
  layout = wrapped_text (cr, width, data->title, TRUE, 1.2, &h);
  set_source (cr, &colors->foreground, 1);
  cairo_move_to (cr, PAD, PAD);
  pango_cairo_show_layout (cr, layout);
  return h + PAD;
}

/* Draws the caption along the bottom of @width × @height, wrapped; returns the height it took. */
static double
draw_caption (cairo_t             *cr,
              int                  width,
              int                  height,
              const IbChartData   *data,
              const IbChartColors *colors)
{
  g_autoptr (PangoLayout) layout = NULL;
  int h;

  if (data->caption == NULL || *data->caption == '\0')
    return 0;
  layout = wrapped_text (cr, width, data->caption, FALSE, 0.9, &h);
  set_source (cr, &colors->foreground, 1);
  cairo_move_to (cr, PAD, height - PAD - h);
  pango_cairo_show_layout (cr, layout);
  return h + PAD;
}

/* Draws the legend from @top: stacked layers as swatches of their fill, then the series
 * present and the target, each a short line sample and a name; returns the height it took. */
static double
draw_legend (cairo_t             *cr,
             int                  width,
             double               top,
             const IbChartData   *data,
             const IbChartColors *colors)
{
  double x = PAD, y = top, line_h = 0;

  for (guint l = 0; l < data->n_layers; l++)
    {
      g_autoptr (PangoLayout) layout = layout_text (cr, data->layer_names[l], FALSE, 1.0);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (x + 22 + w > width - PAD && x > PAD)
        {
          x = PAD;
          y += line_h + 4;
        }
      fill_layer (cr, &colors->layers[l], l, x, y + 1, 16, h - 2);
      set_source (cr, &colors->foreground, 1);
      cairo_move_to (cr, x + 20, y);
      pango_cairo_show_layout (cr, layout);
      x += 20 + w + 14;
      line_h = MAX (line_h, h);
    }

  for (int r = 0; r <= IB_CHART_N_ROLES; r++)
    {
      const char *name;
      g_autoptr (PangoLayout) layout = NULL;
      int w, h;

      if (r < IB_CHART_N_ROLES && data->series[r] == NULL)
        continue;
      if (r == IB_CHART_N_ROLES && isnan (data->target))
        continue;
      name = r < IB_CHART_N_ROLES ? role_label (r) : C_("chart series", "Target and tolerance");
      layout = layout_text (cr, name, FALSE, 1.0);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (x + 24 + w > width - PAD && x > PAD)
        {
          x = PAD;
          y += line_h + 4;
        }
      set_source (cr, r < IB_CHART_N_ROLES ? &colors->series[r] : &colors->target, 1);
      cairo_set_line_width (cr, r == IB_CHART_VALUE ? 2.5 : 1.5);
      if (r != IB_CHART_VALUE)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_move_to (cr, x, y + h / 2.0);
      cairo_line_to (cr, x + 18, y + h / 2.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (r < IB_CHART_N_ROLES)
        draw_marker (cr, r, x + 9, y + h / 2.0);
      set_source (cr, &colors->foreground, 1);
      cairo_move_to (cr, x + 22, y);
      pango_cairo_show_layout (cr, layout);
      x += 22 + w + 14;
      line_h = MAX (line_h, h);
    }
  return line_h > 0 ? y + line_h + PAD - top : 0;
}

/* The y range, in whole steps: every value, the target band, and zero when the values cross it
 * or bars stand on it. */
static void
find_y_range (const IbChartData *data,
              Scale             *s)
{
  double low = INFINITY, high = -INFINITY;

  for (int r = 0; r < IB_CHART_N_ROLES; r++)
    for (guint i = 0; data->series[r] != NULL && i < data->series[r]->len; i++)
      {
        double v = g_array_index (data->series[r], double, i);

        if (isnan (v))
          continue;
        low = MIN (low, v);
        high = MAX (high, v);
      }
  if (!isnan (data->target))
    {
      double tol = isnan (data->tolerance) ? 0 : data->tolerance;

      low = MIN (low, data->target - tol);
      high = MAX (high, data->target + tol);
    }
  /* Stacked bars stand on zero and reach their month's total. */
  for (guint i = 0; data->n_layers > 0 && i < s->n_months; i++)
    {
      double total = 0;

      for (guint l = 0; l < data->n_layers; l++)
        if (!isnan (value_at (data->layers[l], i)))
          total += MAX (value_at (data->layers[l], i), 0);
      low = MIN (low, 0);
      high = MAX (high, total);
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
  s->step = nice_step (high - low, 5);
  s->low = floor (low / s->step) * s->step;
  s->high = ceil (high / s->step) * s->step;
}

/* Lays out the y labels (into @ticks and @tick_values) and measures the month labels: the plot
 * starts after the widest y label, and only every k-th month is labelled so that the widest
 * never touches the next. Returns k; @label_height gets the month labels' height. */
static guint
measure_axes (cairo_t           *cr,
              int                width,
              const IbChartData *data,
              Scale             *s,
              GPtrArray         *ticks,
              GArray            *tick_values,
              double            *label_height)
{
  double y_label_width = 0, widest = 0;
  guint label_every = 1;

  for (double v = s->low; v <= s->high + s->step / 2; v += s->step)
    {
      g_autofree char *text = format_number (fabs (v) < s->step / 1e6 ? 0 : v, data->decimals, data->suffix);
      PangoLayout *layout = layout_text (cr, text, FALSE, 1.0);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      y_label_width = MAX (y_label_width, w);
      g_ptr_array_add (ticks, layout);
      g_array_append_val (tick_values, v);
    }

  *label_height = 0;
  for (guint i = 0; i < s->n_months; i++)
    {
      g_autofree char *text = month_label (data->months[i]);
      g_autoptr (PangoLayout) layout = layout_text (cr, text, FALSE, 1.0);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      widest = MAX (widest, w);
      *label_height = MAX (*label_height, h);
    }

  s->x0 = PAD + y_label_width + 6;
  /* Bars sit in bands, one per month; points sit on the months' lines. */
  s->x1 = s->bars ? width - PAD : width - PAD - widest / 2;
  if (s->bars)
    s->dx = s->n_months > 0 ? (s->x1 - s->x0) / s->n_months : 0;
  else
    s->dx = s->n_months > 1 ? (s->x1 - s->x0) / (s->n_months - 1) : 0;
  while (s->n_months > 1 && s->dx * label_every < widest + 8)
    label_every++;
  return label_every;
}

/* The gridlines across the plot, the zero line darker, and their values at the left. */
static void
draw_grid (cairo_t             *cr,
           const Scale         *s,
           GPtrArray           *ticks,
           GArray              *tick_values,
           const IbChartColors *colors)
{
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t < tick_values->len; t++)
    {
      double v = g_array_index (tick_values, double, t), y = round (y_of (s, v)) + 0.5;
      PangoLayout *layout = ticks->pdata[t];
      int w, h;

      set_source (cr, &colors->foreground, fabs (v) < s->step / 1e6 ? 0.6 : 0.12);
      cairo_move_to (cr, s->x0, y);
      cairo_line_to (cr, s->x1, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_source (cr, &colors->foreground, 0.75);
      cairo_move_to (cr, s->x0 - 6 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Stacked bars, bottom layer first; each segment says its value when it has room. */
static void
draw_bars (cairo_t             *cr,
           const Scale         *s,
           const IbChartData   *data,
           const IbChartColors *colors)
{
  for (guint i = 0; data->n_layers > 0 && i < s->n_months; i++)
    {
      double base = 0, bar = MAX (s->dx * 0.64, 2);

      for (guint l = 0; l < data->n_layers; l++)
        {
          double v = value_at (data->layers[l], i);
          double top, bottom;
          g_autofree char *text = NULL;
          g_autoptr (PangoLayout) layout = NULL;
          int w, h;

          if (isnan (v) || v <= 0)
            continue;
          bottom = y_of (s, base);
          top = y_of (s, base + v);
          fill_layer (cr, &colors->layers[l], l, x_of (s, i) - bar / 2, top, bar, bottom - top);
          base += v;

          text = format_number (v, data->decimals, data->suffix);
          layout = layout_text (cr, text, TRUE, 0.9);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (w + 4 <= bar && h + 2 <= bottom - top)
            {
              /* On a plain plate: readable over any fill and its pattern. */
              set_source (cr, &colors->background, colors->background.alpha > 0 ? 0.85 : 0);
              if (colors->background.alpha == 0)
                cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
              cairo_rectangle (cr, x_of (s, i) - w / 2.0 - 2, (top + bottom - h) / 2, w + 4, h);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
              cairo_move_to (cr, x_of (s, i) - w / 2.0, (top + bottom - h) / 2);
              pango_cairo_show_layout (cr, layout);
            }
        }
    }
}

/* The target's tolerance band, then the target line. */
static void
draw_target (cairo_t             *cr,
             const Scale         *s,
             const IbChartData   *data,
             const IbChartColors *colors)
{
  double tol;

  if (isnan (data->target))
    return;
  tol = isnan (data->tolerance) ? 0 : data->tolerance;
  if (tol > 0)
    {
      set_source (cr, &colors->target, 0.15);
      cairo_rectangle (cr, s->x0, y_of (s, data->target + tol), s->x1 - s->x0,
                       y_of (s, data->target - tol) - y_of (s, data->target + tol));
      cairo_fill (cr);
    }
  set_source (cr, &colors->target, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, s->x0, y_of (s, data->target));
  cairo_line_to (cr, s->x1, y_of (s, data->target));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The two axes, then every @label_every-th month under the x axis; returns how many. */
static guint
draw_axes (cairo_t             *cr,
           int                  width,
           const Scale         *s,
           guint                label_every,
           const IbChartData   *data,
           const IbChartColors *colors)
{
  guint n_labels = 0;

  set_source (cr, &colors->foreground, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (s->x0) - 0.5, s->y0);
  cairo_line_to (cr, round (s->x0) - 0.5, round (s->y1) + 0.5);
  cairo_line_to (cr, s->x1, round (s->y1) + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < s->n_months; i += label_every)
    {
      g_autofree char *text = month_label (data->months[i]);
      g_autoptr (PangoLayout) layout = layout_text (cr, text, FALSE, 1.0);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      set_source (cr, &colors->foreground, 0.75);
      /* Centred under its month, but never cut by the edge. */
      cairo_move_to (cr, CLAMP (x_of (s, i) - w / 2.0, 0, width - w), s->y1 + 4);
      pango_cairo_show_layout (cr, layout);
      n_labels++;
    }
  return n_labels;
}

/* Comparators first, the council's own line on top; a gap breaks the line, and every point
 * is its series' marker, so a lone month between gaps still shows. */
static void
draw_series (cairo_t             *cr,
             const Scale         *s,
             const IbChartData   *data,
             const IbChartColors *colors,
             IbChartLayout       *layout)
{
  for (int r = IB_CHART_N_ROLES - 1; r >= 0; r--)
    {
      GArray *values = data->series[r];
      gboolean drawing = FALSE;

      if (values == NULL)
        continue;

      set_source (cr, &colors->series[r], 1);
      cairo_set_line_width (cr, r == IB_CHART_VALUE ? 2.5 : 1.5);
      if (r != IB_CHART_VALUE)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      for (guint i = 0; i < MIN (values->len, s->n_months); i++)
        {
          double v = g_array_index (values, double, i);

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x_of (s, i), y_of (s, v));
          else
            cairo_move_to (cr, x_of (s, i), y_of (s, v));
          drawing = TRUE;
          layout->n_points[r]++;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      for (guint i = 0; i < MIN (values->len, s->n_months); i++)
        {
          double v = g_array_index (values, double, i);

          if (!isnan (v))
            draw_marker (cr, r, x_of (s, i), y_of (s, v));
        }
    }
}

void
ib_chart_data_init (IbChartData *data)
{
  g_return_if_fail (data != NULL);

  memset (data, 0, sizeof *data);
  data->target = NAN;
  data->tolerance = NAN;
}

void
ib_chart_data_clear (IbChartData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->title);
  g_free (data->caption);
  g_free (data->suffix);
  g_strfreev (data->months);
  for (guint l = 0; l < IB_CHART_MAX_LAYERS; l++)
    {
      g_free (data->layer_names[l]);
      g_clear_pointer (&data->layers[l], g_array_unref);
    }
  for (int r = 0; r < IB_CHART_N_ROLES; r++)
    g_clear_pointer (&data->series[r], g_array_unref);
  ib_chart_data_init (data);
}

guint
ib_chart_data_n_months (const IbChartData *data)
{
  g_return_val_if_fail (data != NULL, 0);
  return data->months != NULL ? g_strv_length (data->months) : 0;
}

void
ib_chart_draw_data (cairo_t             *cr,
                    int                  width,
                    int                  height,
                    const IbChartData   *data,
                    const IbChartColors *colors,
                    IbChartLayout       *layout)
{
  g_autoptr (GPtrArray) ticks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) tick_values = g_array_new (FALSE, FALSE, sizeof (double));
  Scale s = { 0 };
  double title_height, legend_height, label_height, caption_height;
  guint label_every;

  g_return_if_fail (cr != NULL && data != NULL && colors != NULL && layout != NULL);

  memset (layout, 0, sizeof *layout);
  s.n_months = ib_chart_data_n_months (data);
  s.bars = data->n_layers > 0;

  set_source (cr, &colors->background, 1);
  cairo_paint (cr);

  title_height = draw_title (cr, width, data, colors);
  legend_height = draw_legend (cr, width, PAD + title_height, data, colors);
  caption_height = draw_caption (cr, width, height, data, colors);
  find_y_range (data, &s);
  label_every = measure_axes (cr, width, data, &s, ticks, tick_values, &label_height);

  s.y0 = PAD + title_height + legend_height;
  s.y1 = height - PAD - label_height - 4 - caption_height;
  layout->plot = (IbChartArea) { s.x0, s.y0, MAX (s.x1 - s.x0, 0), MAX (s.y1 - s.y0, 0) };
  if (s.y1 <= s.y0 + 10 || s.x1 < s.x0)
    return;  /* too small to say anything readable */
  layout->first_x = x_of (&s, 0);
  layout->step_x = s.n_months > 1 ? s.dx : 0;

  draw_grid (cr, &s, ticks, tick_values, colors);
  draw_bars (cr, &s, data, colors);
  draw_target (cr, &s, data, colors);
  layout->n_month_labels = draw_axes (cr, width, &s, label_every, data, colors);
  draw_series (cr, &s, data, colors, layout);
}

char *
ib_chart_describe_month (const IbChartData *data,
                         guint              index)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *month = NULL;
  g_autoptr (GDateTime) date = NULL;
  gboolean any = FALSE;
  int year, mon;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < ib_chart_data_n_months (data), NULL);

  /* The full month name: a read-out is read, not squeezed under an axis. */
  if (sscanf (data->months[index], "%d-%d", &year, &mon) == 2 &&
      (date = g_date_time_new_utc (year, mon, 1, 0, 0, 0)) != NULL)
    /* Translators: a month in a chart's read-out, strftime format: "March 2021" */
    month = g_date_time_format (date, C_("chart read-out", "%B %Y"));
  g_string_append (text, month != NULL ? month : data->months[index]);
  g_string_append (text, ": ");

  for (guint l = 0; l < data->n_layers; l++)
    {
      double v = value_at (data->layers[l], index);
      g_autofree char *number = isnan (v) ? NULL : format_number (v, data->decimals, data->suffix);

      if (number == NULL)
        continue;
      g_string_append (text, any ? C_("chart read-out", "; ") : "");
      /* Translators: one series' value in a chart's read-out: "England 70" */
      g_string_append_printf (text, C_("chart read-out", "%s %s"), data->layer_names[l], number);
      any = TRUE;
    }
  for (int r = 0; r < IB_CHART_N_ROLES; r++)
    {
      double v = value_at (data->series[r], index);
      g_autofree char *number = isnan (v) ? NULL : format_number (v, data->decimals, data->suffix);

      if (number == NULL)
        continue;
      g_string_append (text, any ? C_("chart read-out", "; ") : "");
      g_string_append_printf (text, C_("chart read-out", "%s %s"), role_label (r), number);
      any = TRUE;
    }
  if (!any)
    g_string_append (text, C_("chart read-out", "no value"));
  if (!isnan (data->target))
    {
      g_autofree char *number = format_number (data->target, data->decimals, data->suffix);

      g_string_append (text, C_("chart read-out", "; "));
      g_string_append_printf (text, C_("chart read-out", "%s %s"), C_("chart read-out", "Target"), number);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* #rrggbb as cairo takes it. */
static IbChartColor
rgb (guint32 hex)
{
  return (IbChartColor) { ((hex >> 16) & 0xff) / 255., ((hex >> 8) & 0xff) / 255., (hex & 0xff) / 255., 1 };
}

void
ib_chart_colors_default (IbChartColors *colors)
{
  g_return_if_fail (colors != NULL);

  colors->foreground = rgb (0x241f31);
  colors->background = rgb (0xffffff);
  colors->series[IB_CHART_VALUE] = rgb (0x1c71d8);
  colors->series[IB_CHART_ENGLAND] = rgb (0x5e5c64);
  colors->series[IB_CHART_STAT_NEIGHBOURS] = rgb (0xc64600);
  colors->series[IB_CHART_REGION] = rgb (0x613583);
  colors->target = rgb (0x26a269);
  colors->layers[0] = rgb (0xe01b24);
  colors->layers[1] = rgb (0xe5a50a);
  colors->layers[2] = rgb (0x2ec27e);
  colors->layers[3] = rgb (0x3584e4);
}
