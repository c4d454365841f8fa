/* ib-sparkline.c
 *
 * Drawn in the text colour so it reads in light, dark and high contrast alike; only the
 * newest point carries the accent, as that is the figure the row states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-sparkline"

#include "config.h"

#include <math.h>

#include "ib-sparkline.h"

struct _IbSparkline
{
  GtkWidget  parent_instance;

  GArray    *values;  /* double */
};

G_DEFINE_FINAL_TYPE (IbSparkline, ib_sparkline, GTK_TYPE_WIDGET)

static void
ib_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  IbSparkline *self = IB_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double low = INFINITY, high = -INFINITY, dx, pad = 3;
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA color, accent;
  gboolean drawing = FALSE;
  int last = -1;
  cairo_t *cr;
  guint n = self->values->len;

  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (isnan (v))
        continue;
      low = MIN (low, v);
      high = MAX (high, v);
      last = (int) i;
    }
  if (last < 0 || width <= 2 * pad || height <= 2 * pad)
    return;
  if (high == low)
    {
      high += 1;
      low -= 1;
    }

  gtk_style_context_get_color (style, &color);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = color;
  dx = n > 1 ? (width - 2 * pad) / (n - 1) : 0;

#define X_OF(i) (n > 1 ? pad + (i) * dx : width / 2)
#define Y_OF(v) (height - pad - ((v) - low) / (high - low) * (height - 2 * pad))

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.7);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

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
    }
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_arc (cr, X_OF (last), Y_OF (g_array_index (self->values, double, last)), 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);

#undef X_OF
#undef Y_OF
}

static void
ib_sparkline_finalize (GObject *object)
{
  IbSparkline *self = (IbSparkline *) object;

  g_array_unref (self->values);

  G_OBJECT_CLASS (ib_sparkline_parent_class)->finalize (object);
}

static void
ib_sparkline_class_init (IbSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ib_sparkline_finalize;
  widget_class->snapshot = ib_sparkline_snapshot;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
ib_sparkline_init (IbSparkline *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_size_request (GTK_WIDGET (self), 72, 28);
}

GtkWidget *
ib_sparkline_new (void)
{
  return g_object_new (IB_TYPE_SPARKLINE, NULL);
}

void
ib_sparkline_set_values (IbSparkline  *self,
                         const double *values,
                         guint         n_values,
                         guint         max)
{
  g_return_if_fail (IB_IS_SPARKLINE (self));

  g_array_set_size (self->values, 0);
  if (values != NULL && n_values > 0)
    {
      guint first = max > 0 && n_values > max ? n_values - max : 0;

      g_array_append_vals (self->values, values + first, n_values - first);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
