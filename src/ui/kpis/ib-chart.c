/* ib-chart.c
 *
 * One drawing function serves the window (through GtkSnapshot's cairo node) and every export
 * surface, so what is exported is what was seen. Labels are laid out with Pango and measured
 * before anything is placed: the title wraps, month labels thin out until they no longer
 * overlap, and the plot takes what is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "ib-chart.h"

#define PAD 8.0
#define MARKER 3.5
#define MAX_LAYERS 4

struct _IbChart
{
  GtkWidget    parent_instance;

  char        *title;
  GStrv        months;
  GArray      *series[IB_CHART_N_ROLES];   /* double, parallel to months */
  double       target;
  double       tolerance;
  guint        decimals;
  char        *suffix;
  guint        n_layers;
  char        *layer_names[MAX_LAYERS];
  GArray      *layers[MAX_LAYERS];           /* double, parallel to months */
  int          selected;

  /* measured at the last draw */
  IbChartArea  plot;
  guint        n_points[IB_CHART_N_ROLES];
  guint        n_month_labels;
  double       first_x;                      /* the first month's x */
  double       step_x;                       /* between months; 0 for one month */
};

G_DEFINE_FINAL_TYPE (IbChart, ib_chart, GTK_TYPE_WIDGET)

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
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
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
fill_layer (cairo_t       *cr,
            const GdkRGBA *rgba,
            guint          layer,
            double         x,
            double         y,
            double         w,
            double         h)
{
  double luminance = 0.2126 * rgba->red + 0.7152 * rgba->green + 0.0722 * rgba->blue;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_source (cr, rgba, 1);
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

void
ib_chart_draw (IbChart             *self,
               cairo_t             *cr,
               int                  width,
               int                  height,
               const IbChartColors *colors)
{
  guint n_months;
  double low = INFINITY, high = -INFINITY, step, y_label_width = 0, title_height = 0, legend_height = 0;
  double month_label_height = 0, x0, x1, y0, y1, dx;
  guint label_every = 1;
  g_autoptr (GPtrArray) tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) tick_values = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_if_fail (IB_IS_CHART (self));

  memset (self->n_points, 0, sizeof self->n_points);
  self->n_month_labels = 0;
  n_months = self->months != NULL ? g_strv_length (self->months) : 0;

  set_source (cr, &colors->background, 1);
  cairo_paint (cr);

  /* The title, wrapped to the width. */
  if (self->title != NULL)
    {
      g_autoptr (PangoLayout) layout = layout_text (cr, self->title, TRUE, 1.2);
      int h;

      pango_layout_set_width (layout, (int) ((width - 2 * PAD) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, NULL, &h);
      set_source (cr, &colors->foreground, 1);
      cairo_move_to (cr, PAD, PAD);
      pango_cairo_show_layout (cr, layout);
      title_height = h + PAD;
    }

  /* The legend: stacked layers as swatches of their fill, then the series present and the
   * target, each a short line sample and a name. */
  {
    double x = PAD, y = PAD + title_height, line_h = 0;

    for (guint l = 0; l < self->n_layers; l++)
      {
        g_autoptr (PangoLayout) layout = layout_text (cr, self->layer_names[l], FALSE, 1.0);
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

        if (r < IB_CHART_N_ROLES && self->series[r] == NULL)
          continue;
        if (r == IB_CHART_N_ROLES && isnan (self->target))
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
    legend_height = line_h > 0 ? y + line_h + PAD - (PAD + title_height) : 0;
  }

  /* The y range: every value, the target band and zero when the values cross it. */
  for (int r = 0; r < IB_CHART_N_ROLES; r++)
    for (guint i = 0; self->series[r] != NULL && i < self->series[r]->len; i++)
      {
        double v = g_array_index (self->series[r], double, i);

        if (isnan (v))
          continue;
        low = MIN (low, v);
        high = MAX (high, v);
      }
  if (!isnan (self->target))
    {
      double tol = isnan (self->tolerance) ? 0 : self->tolerance;

      low = MIN (low, self->target - tol);
      high = MAX (high, self->target + tol);
    }
  /* Stacked bars stand on zero and reach their month's total. */
  for (guint i = 0; self->n_layers > 0 && i < n_months; i++)
    {
      double total = 0;

      for (guint l = 0; l < self->n_layers; l++)
        if (i < self->layers[l]->len && !isnan (g_array_index (self->layers[l], double, i)))
          total += MAX (g_array_index (self->layers[l], double, i), 0);
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
  step = nice_step (high - low, 5);
  low = floor (low / step) * step;
  high = ceil (high / step) * step;

  for (double v = low; v <= high + step / 2; v += step)
    {
      g_autofree char *text = format_number (fabs (v) < step / 1e6 ? 0 : v, self->decimals, self->suffix);
      PangoLayout *layout = layout_text (cr, text, FALSE, 1.0);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      y_label_width = MAX (y_label_width, w);
      g_ptr_array_add (tick_layouts, layout);
      g_array_append_val (tick_values, v);
    }

  /* Month labels: every k-th, so the widest never touches the next. */
  {
    double widest = 0;

    for (guint i = 0; i < n_months; i++)
      {
        g_autofree char *text = month_label (self->months[i]);
        g_autoptr (PangoLayout) layout = layout_text (cr, text, FALSE, 1.0);
        int w, h;

        pango_layout_get_pixel_size (layout, &w, &h);
        widest = MAX (widest, w);
        month_label_height = MAX (month_label_height, h);
      }

    x0 = PAD + y_label_width + 6;
    /* Bars sit in bands, one per month; points sit on the months' lines. */
    x1 = self->n_layers > 0 ? width - PAD : width - PAD - widest / 2;
    if (self->n_layers > 0)
      dx = n_months > 0 ? (x1 - x0) / n_months : 0;
    else
      dx = n_months > 1 ? (x1 - x0) / (n_months - 1) : 0;
    while (n_months > 1 && dx * label_every < widest + 8)
      label_every++;
  }

  y0 = PAD + title_height + legend_height;
  y1 = height - PAD - month_label_height - 4;
  self->plot = (IbChartArea) { x0, y0, MAX (x1 - x0, 0), MAX (y1 - y0, 0) };
  if (y1 <= y0 + 10 || x1 < x0)
    return;  /* too small to say anything readable */

#define Y_OF(v) (y1 - ((v) - low) / (high - low) * (y1 - y0))
/* A single month sits in the middle of a full-width plot. */
#define X_OF(i) (self->n_layers > 0 ? x0 + ((i) + 0.5) * dx : n_months == 1 ? (x0 + x1) / 2 : x0 + (i) * dx)

  self->first_x = X_OF (0);
  self->step_x = n_months > 1 ? dx : 0;

  /* Gridlines and y labels. */
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t < tick_values->len; t++)
    {
      double v = g_array_index (tick_values, double, t), y = round (Y_OF (v)) + 0.5;
      PangoLayout *layout = tick_layouts->pdata[t];
      int w, h;

      set_source (cr, &colors->foreground, fabs (v) < step / 1e6 ? 0.6 : 0.12);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_source (cr, &colors->foreground, 0.75);
      cairo_move_to (cr, x0 - 6 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Stacked bars, bottom layer first; each segment says its value when it has room. */
  for (guint i = 0; self->n_layers > 0 && i < n_months; i++)
    {
      double base = 0, bar = MAX (dx * 0.64, 2);

      for (guint l = 0; l < self->n_layers; l++)
        {
          double v = i < self->layers[l]->len ? g_array_index (self->layers[l], double, i) : NAN;
          double top, bottom;
          g_autofree char *text = NULL;
          g_autoptr (PangoLayout) layout = NULL;
          int w, h;

          if (isnan (v) || v <= 0)
            continue;
          bottom = Y_OF (base);
          top = Y_OF (base + v);
          fill_layer (cr, &colors->layers[l], l, X_OF (i) - bar / 2, top, bar, bottom - top);
          base += v;

          text = format_number (v, self->decimals, self->suffix);
          layout = layout_text (cr, text, TRUE, 0.9);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (w + 4 <= bar && h + 2 <= bottom - top)
            {
              /* On a plain plate: readable over any fill and its pattern. */
              set_source (cr, &colors->background, colors->background.alpha > 0 ? 0.85 : 0);
              if (colors->background.alpha == 0)
                cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
              cairo_rectangle (cr, X_OF (i) - w / 2.0 - 2, (top + bottom - h) / 2, w + 4, h);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
              cairo_move_to (cr, X_OF (i) - w / 2.0, (top + bottom - h) / 2);
              pango_cairo_show_layout (cr, layout);
            }
        }
    }

  /* The target's tolerance band, then the target line. */
  if (!isnan (self->target))
    {
      double tol = isnan (self->tolerance) ? 0 : self->tolerance;

      if (tol > 0)
        {
          set_source (cr, &colors->target, 0.15);
          cairo_rectangle (cr, x0, Y_OF (self->target + tol), x1 - x0, Y_OF (self->target - tol) - Y_OF (self->target + tol));
          cairo_fill (cr);
        }
      set_source (cr, &colors->target, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_move_to (cr, x0, Y_OF (self->target));
      cairo_line_to (cr, x1, Y_OF (self->target));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Axes. */
  set_source (cr, &colors->foreground, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x0) - 0.5, y0);
  cairo_line_to (cr, round (x0) - 0.5, round (y1) + 0.5);
  cairo_line_to (cr, x1, round (y1) + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < n_months; i += label_every)
    {
      g_autofree char *text = month_label (self->months[i]);
      g_autoptr (PangoLayout) layout = layout_text (cr, text, FALSE, 1.0);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      set_source (cr, &colors->foreground, 0.75);
      /* Centred under its month, but never cut by the edge. */
      cairo_move_to (cr, CLAMP (X_OF (i) - w / 2.0, 0, width - w), y1 + 4);
      pango_cairo_show_layout (cr, layout);
      self->n_month_labels++;
    }

  /* Comparators first, the council's own line on top; a gap breaks the line. */
  for (int r = IB_CHART_N_ROLES - 1; r >= 0; r--)
    {
      GArray *values = self->series[r];
      gboolean drawing = FALSE;

      if (values == NULL)
        continue;

      set_source (cr, &colors->series[r], 1);
      cairo_set_line_width (cr, r == IB_CHART_VALUE ? 2.5 : 1.5);
      if (r != IB_CHART_VALUE)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      for (guint i = 0; i < MIN (values->len, n_months); i++)
        {
          double v = g_array_index (values, double, i);

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, X_OF (i), Y_OF (v));
          else
            cairo_move_to (cr, X_OF (i), Y_OF (v));
          drawing = TRUE;
          self->n_points[r]++;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* Every point as its series' marker: a lone month between gaps still shows. */
      for (guint i = 0; i < MIN (values->len, n_months); i++)
        {
          double v = g_array_index (values, double, i);

          if (!isnan (v))
            draw_marker (cr, r, X_OF (i), Y_OF (v));
        }
    }

#undef X_OF
#undef Y_OF
}

void
ib_chart_colors_default (IbChartColors *colors)
{
  g_return_if_fail (colors != NULL);

  gdk_rgba_parse (&colors->foreground, "#241f31");
  gdk_rgba_parse (&colors->background, "#ffffff");
  gdk_rgba_parse (&colors->series[IB_CHART_VALUE], "#1c71d8");
  gdk_rgba_parse (&colors->series[IB_CHART_ENGLAND], "#5e5c64");
  gdk_rgba_parse (&colors->series[IB_CHART_STAT_NEIGHBOURS], "#c64600");
  gdk_rgba_parse (&colors->series[IB_CHART_REGION], "#613583");
  gdk_rgba_parse (&colors->target, "#26a269");
  gdk_rgba_parse (&colors->layers[0], "#e01b24");
  gdk_rgba_parse (&colors->layers[1], "#e5a50a");
  gdk_rgba_parse (&colors->layers[2], "#2ec27e");
  gdk_rgba_parse (&colors->layers[3], "#3584e4");
}

char *
ib_chart_describe_point (IbChart *self,
                         guint    index)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *month = NULL;
  g_autoptr (GDateTime) date = NULL;
  int year, mon;

  g_return_val_if_fail (IB_IS_CHART (self), NULL);
  g_return_val_if_fail (self->months != NULL && index < g_strv_length (self->months), NULL);

  /* The full month name: a read-out is read, not squeezed under an axis. */
  if (sscanf (self->months[index], "%d-%d", &year, &mon) == 2 &&
      (date = g_date_time_new_utc (year, mon, 1, 0, 0, 0)) != NULL)
    /* Translators: a month in a chart's read-out, strftime format: "March 2021" */
    month = g_date_time_format (date, C_("chart read-out", "%B %Y"));
  g_string_append (text, month != NULL ? month : self->months[index]);
  g_string_append (text, ": ");

  {
    gboolean any = FALSE;

    for (guint l = 0; l < self->n_layers; l++)
      {
        double v = index < self->layers[l]->len ? g_array_index (self->layers[l], double, index) : NAN;
        g_autofree char *number = isnan (v) ? NULL : format_number (v, self->decimals, self->suffix);

        if (number == NULL)
          continue;
        g_string_append (text, any ? C_("chart read-out", "; ") : "");
        /* Translators: one series' value in a chart's read-out: "England 70" */
        g_string_append_printf (text, C_("chart read-out", "%s %s"), self->layer_names[l], number);
        any = TRUE;
      }
    for (int r = 0; r < IB_CHART_N_ROLES; r++)
      {
        double v = self->series[r] != NULL && index < self->series[r]->len ? g_array_index (self->series[r], double, index) : NAN;
        g_autofree char *number = isnan (v) ? NULL : format_number (v, self->decimals, self->suffix);

        if (number == NULL)
          continue;
        g_string_append (text, any ? C_("chart read-out", "; ") : "");
        g_string_append_printf (text, C_("chart read-out", "%s %s"), role_label (r), number);
        any = TRUE;
      }
    if (!any)
      g_string_append (text, C_("chart read-out", "no value"));
    if (!isnan (self->target))
      {
        g_autofree char *number = format_number (self->target, self->decimals, self->suffix);

        g_string_append (text, C_("chart read-out", "; "));
        g_string_append_printf (text, C_("chart read-out", "%s %s"), C_("chart read-out", "Target"), number);
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
n_months_of (IbChart *self)
{
  return self->months != NULL ? g_strv_length (self->months) : 0;
}

/* The read-out as a slider's value: screen readers say it as the selection moves. */
static void
update_accessible (IbChart *self)
{
  guint n = n_months_of (self);
  g_autofree char *text = NULL;

  if (self->selected >= 0 && (guint) self->selected < n)
    text = ib_chart_describe_point (self, self->selected);
  else if (n > 0)
    text = g_strdup (_("Use the arrow keys to read each month’s values"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (n, 1) - 1,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) MAX (self->selected, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text != NULL ? text : "",
                                  -1);
#if GTK_CHECK_VERSION (4, 14, 0)
  if (self->selected >= 0 && text != NULL && gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_accessible_announce (GTK_ACCESSIBLE (self), text, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
}

void
ib_chart_select (IbChart *self,
                 int      index)
{
  g_return_if_fail (IB_IS_CHART (self));

  if (index < -1 || index >= (int) n_months_of (self))
    index = -1;
  if (index == self->selected)
    return;
  self->selected = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
ib_chart_get_selected (IbChart *self)
{
  g_return_val_if_fail (IB_IS_CHART (self), -1);
  return self->selected;
}

/* The month nearest to @x, from the last draw's layout. */
static int
month_at (IbChart *self,
          double   x)
{
  guint n = n_months_of (self);
  double position;

  if (n == 0)
    return -1;
  if (self->step_x <= 0)
    return 0;
  position = round ((x - self->first_x) / self->step_x);
  return (int) CLAMP (position, 0, n - 1);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              IbChart                  *self)
{
  ib_chart_select (self, month_at (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             IbChart                  *self)
{
  /* Keep what the keyboard chose; a pointer passing through leaves nothing behind. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    ib_chart_select (self, -1);
}

static void
on_pressed_cb (GtkGestureClick *click,
               int              n_press,
               double           x,
               double           y,
               IbChart         *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  ib_chart_select (self, month_at (self, x));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *key,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   IbChart               *self)
{
  int n = (int) n_months_of (self), at = self->selected, page = MAX (n / 10, 1);

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      at = at < 0 ? n - 1 : MAX (at - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      at = at < 0 ? 0 : MIN (at + 1, n - 1);
      break;
    case GDK_KEY_Page_Up:
      at = MAX ((at < 0 ? n - 1 : at) - page, 0);
      break;
    case GDK_KEY_Page_Down:
      at = MIN ((at < 0 ? 0 : at) + page, n - 1);
      break;
    case GDK_KEY_Home:
      at = 0;
      break;
    case GDK_KEY_End:
      at = n - 1;
      break;
    default:
      return FALSE;
    }
  ib_chart_select (self, at);
  return TRUE;
}

/* The selected month: a guide line, its points ringed, and its values in a box that stays
 * inside the plot. Drawn for the window only; exports show the chart itself. */
static void
draw_readout (IbChart             *self,
              cairo_t             *cr,
              int                  width,
              const IbChartColors *colors,
              const GdkRGBA       *card)
{
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  double x, bx, by;
  int w, h;

  if (self->selected < 0 || (guint) self->selected >= n_months_of (self) || self->plot.height <= 0)
    return;

  x = self->first_x + self->selected * self->step_x;
  set_source (cr, &colors->foreground, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, self->plot.y);
  cairo_line_to (cr, round (x) + 0.5, self->plot.y + self->plot.height);
  cairo_stroke (cr);

  text = ib_chart_describe_point (self, self->selected);
  layout = layout_text (cr, text, FALSE, 1.0);
  pango_layout_set_width (layout, (int) (MIN (self->plot.width, 280) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  /* Beside the guide, on whichever side has room. */
  bx = x + 8 + w + 12 <= width - PAD ? x + 8 : x - 8 - w - 12;
  bx = CLAMP (bx, PAD, MAX (width - PAD - w - 12, PAD));
  by = self->plot.y + 4;
  set_source (cr, card, 0.96);
  cairo_rectangle (cr, bx, by, w + 12, h + 8);
  cairo_fill_preserve (cr);
  set_source (cr, &colors->foreground, 0.3);
  cairo_stroke (cr);
  set_source (cr, &colors->foreground, 1);
  cairo_move_to (cr, bx + 6, by + 4);
  pango_cairo_show_layout (cr, layout);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ib_chart_format_for_name (const char    *name,
                          IbChartFormat *format)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = IB_CHART_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = IB_CHART_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = IB_CHART_PDF;
  else
    return FALSE;
  return TRUE;
}

gboolean
ib_chart_export (IbChart        *self,
                 GFile          *file,
                 IbChartFormat   format,
                 int             width,
                 int             height,
                 GError        **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  IbChartColors colors;
  cairo_t *cr;

  g_return_val_if_fail (IB_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (width < 120 || height < 80 || width > 10000 || height > 10000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart is exported between 120 × 80 and 10,000 × 10,000; %d × %d is outside that."),
                   width, height);
      return FALSE;
    }

  /* Drawn in memory first: a failed write leaves any earlier file untouched. */
  switch (format)
    {
    case IB_CHART_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case IB_CHART_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case IB_CHART_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  ib_chart_colors_default (&colors);
  cr = cairo_create (surface);
  ib_chart_draw (self, cr, width, height, &colors);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (format == IB_CHART_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart could not be drawn: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
ib_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  IbChart *self = IB_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  IbChartColors colors;
  cairo_t *cr;
  GdkRGBA accent, card, window = { 0 };
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  /* The theme's colours, so dark mode and high contrast follow. */
  ib_chart_colors_default (&colors);
  gtk_style_context_get_color (style, &colors.foreground);
  colors.background = (GdkRGBA) { 0, 0, 0, 0 };
  if (gtk_style_context_lookup_color (style, "accent_color", &accent))
    colors.series[IB_CHART_VALUE] = accent;
  gtk_style_context_lookup_color (style, "success_color", &colors.target);
  colors.series[IB_CHART_ENGLAND] = colors.foreground;
  colors.series[IB_CHART_ENGLAND].alpha = 0.6;
  gtk_style_context_lookup_color (style, "warning_color", &colors.series[IB_CHART_STAT_NEIGHBOURS]);
  gtk_style_context_lookup_color (style, "purple_3", &colors.series[IB_CHART_REGION]);
  gtk_style_context_lookup_color (style, "error_color", &colors.layers[0]);
  gtk_style_context_lookup_color (style, "warning_color", &colors.layers[1]);
  gtk_style_context_lookup_color (style, "success_color", &colors.layers[2]);
  gtk_style_context_lookup_color (style, "blue_3", &colors.layers[3]);
  if (!gtk_style_context_lookup_color (style, "card_bg_color", &card) &&
      !gtk_style_context_lookup_color (style, "window_bg_color", &card))
    card = (GdkRGBA) { 1, 1, 1, 1 };
  /* The card colour is translucent in libadwaita; the read-out must hide what is under it. */
  gtk_style_context_lookup_color (style, "window_bg_color", &window);
  if (window.alpha > 0)
    card = window;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ib_chart_draw (self, cr, width, height, &colors);
  draw_readout (self, cr, width, &colors, &card);
  cairo_destroy (cr);
}

static void
ib_chart_finalize (GObject *object)
{
  IbChart *self = (IbChart *) object;

  g_free (self->title);
  g_free (self->suffix);
  g_strfreev (self->months);
  for (guint l = 0; l < MAX_LAYERS; l++)
    {
      g_free (self->layer_names[l]);
      g_clear_pointer (&self->layers[l], g_array_unref);
    }
  for (int r = 0; r < IB_CHART_N_ROLES; r++)
    g_clear_pointer (&self->series[r], g_array_unref);

  G_OBJECT_CLASS (ib_chart_parent_class)->finalize (object);
}

static void
ib_chart_class_init (IbChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ib_chart_finalize;
  widget_class->snapshot = ib_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "chart");
  /* A slider over the months: its value text is the selected month's read-out, which screen
   * readers speak as the arrow keys move along the points. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
ib_chart_init (IbChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->target = NAN;
  self->tolerance = NAN;
  self->selected = -1;
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 160);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  update_accessible (self);
}

GtkWidget *
ib_chart_new (void)
{
  return g_object_new (IB_TYPE_CHART, NULL);
}

void
ib_chart_set_title (IbChart    *self,
                    const char *title)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_months (IbChart            *self,
                     const char * const *periods)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_strfreev (self->months);
  self->months = g_strdupv ((char **) periods);
  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_suffix (IbChart    *self,
                     const char *suffix)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_free (self->suffix);
  self->suffix = g_strdup (suffix);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_stack (IbChart              *self,
                    guint                 n_layers,
                    const char * const   *names,
                    const double * const *values)
{
  guint n;

  g_return_if_fail (IB_IS_CHART (self));
  g_return_if_fail (n_layers <= MAX_LAYERS);

  n = n_months_of (self);
  for (guint l = 0; l < MAX_LAYERS; l++)
    {
      g_clear_pointer (&self->layer_names[l], g_free);
      g_clear_pointer (&self->layers[l], g_array_unref);
    }
  self->n_layers = n_layers;
  for (guint l = 0; l < n_layers; l++)
    {
      self->layer_names[l] = g_strdup (names[l]);
      self->layers[l] = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      g_array_append_vals (self->layers[l], values[l], n);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_series (IbChart      *self,
                     IbChartRole   role,
                     const double *values,
                     guint         n_values)
{
  g_return_if_fail (IB_IS_CHART (self));
  g_return_if_fail (role < IB_CHART_N_ROLES);

  g_clear_pointer (&self->series[role], g_array_unref);
  if (values != NULL)
    {
      self->series[role] = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
      g_array_append_vals (self->series[role], values, n_values);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_target (IbChart *self,
                     double   target,
                     double   tolerance)
{
  g_return_if_fail (IB_IS_CHART (self));

  self->target = target;
  self->tolerance = tolerance;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_decimals (IbChart *self,
                       guint    decimals)
{
  g_return_if_fail (IB_IS_CHART (self));

  self->decimals = MIN (decimals, 4);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

IbChartArea
ib_chart_get_plot_area (IbChart *self)
{
  g_return_val_if_fail (IB_IS_CHART (self), (IbChartArea) { 0 });
  return self->plot;
}

guint
ib_chart_get_n_points (IbChart     *self,
                       IbChartRole  role)
{
  g_return_val_if_fail (IB_IS_CHART (self), 0);
  g_return_val_if_fail (role < IB_CHART_N_ROLES, 0);
  return self->n_points[role];
}

guint
ib_chart_get_n_month_labels (IbChart *self)
{
  g_return_val_if_fail (IB_IS_CHART (self), 0);
  return self->n_month_labels;
}
