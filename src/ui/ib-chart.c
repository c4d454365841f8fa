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

#include "ib-chart.h"

#define PAD 8.0
#define MARKER 3.5

struct _IbChart
{
  GtkWidget    parent_instance;

  char        *title;
  GStrv        months;
  GArray      *series[IB_CHART_N_ROLES];   /* double, parallel to months */
  double       target;
  double       tolerance;
  guint        decimals;

  /* measured at the last draw */
  IbChartArea  plot;
  guint        n_points[IB_CHART_N_ROLES];
  guint        n_month_labels;
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
format_number (double value,
               guint  decimals)
{
  /* The locale's digits and grouping, e.g. "1,234.5". */
  return g_strdup_printf ("%'.*f", (int) decimals, value);
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

  /* The legend: the series present, then the target, each a short line sample and a name. */
  {
    double x = PAD, y = PAD + title_height, line_h = 0;

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
      g_autofree char *text = format_number (fabs (v) < step / 1e6 ? 0 : v, self->decimals);
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
    x1 = width - PAD - widest / 2;
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
#define X_OF(i) (n_months == 1 ? (x0 + x1) / 2 : x0 + (i) * dx)

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

      /* The council's points as markers: a lone month between gaps still shows. */
      if (r == IB_CHART_VALUE)
        for (guint i = 0; i < MIN (values->len, n_months); i++)
          {
            double v = g_array_index (values, double, i);

            if (isnan (v))
              continue;
            cairo_arc (cr, X_OF (i), Y_OF (v), MARKER, 0, 2 * G_PI);
            cairo_fill (cr);
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
}

static void
ib_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  IbChart *self = IB_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  IbChartColors colors;
  cairo_t *cr;
  GdkRGBA accent;
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

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ib_chart_draw (self, cr, width, height, &colors);
  cairo_destroy (cr);
}

static void
ib_chart_finalize (GObject *object)
{
  IbChart *self = (IbChart *) object;

  g_free (self->title);
  g_strfreev (self->months);
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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ib_chart_init (IbChart *self)
{
  self->target = NAN;
  self->tolerance = NAN;
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 160);
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
