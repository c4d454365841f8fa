/* test-chart.c: IbChart drawn to an image surface and checked on structure, not on exact
 * pixels: something drawn, both axes present, one point per month shown, and the edge cases
 * (gaps, a single month, negative and zero values, ten years of months, a long title)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ib-chart.h"

typedef struct
{
  cairo_surface_t *surface;
  IbChart         *chart;
} Drawn;

static void
drawn_clear (Drawn *d)
{
  cairo_surface_destroy (d->surface);
  g_object_unref (g_object_ref_sink (d->chart));
}

static char **
months_from (int   year,
             int   month,
             guint n)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  for (guint i = 0; i < n; i++)
    {
      int m = month - 1 + (int) i;
      g_autofree char *text = g_strdup_printf ("%04d-%02d", year + m / 12, m % 12 + 1);

      g_strv_builder_add (builder, text);
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static void
draw (Drawn        *d,
      const char   *title,
      guint         n_months,
      const double *values,
      gboolean      comparators,
      int           width,
      int           height)
{
  g_auto (GStrv) months = months_from (2019, 4, n_months);
  IbChartColors colors;
  cairo_t *cr;

  d->chart = IB_CHART (ib_chart_new ());
  ib_chart_set_title (d->chart, title);
  ib_chart_set_months (d->chart, (const char * const *) months);
  ib_chart_set_series (d->chart, IB_CHART_VALUE, values, n_months);
  if (comparators)
    {
      g_autofree double *england = g_new (double, n_months);
      g_autofree double *neighbours = g_new (double, n_months);

      for (guint i = 0; i < n_months; i++)
        {
          england[i] = 67 + (i % 5);
          neighbours[i] = 72 - (i % 3);
        }
      ib_chart_set_series (d->chart, IB_CHART_ENGLAND, england, n_months);
      ib_chart_set_series (d->chart, IB_CHART_STAT_NEIGHBOURS, neighbours, n_months);
      ib_chart_set_target (d->chart, 70, 3);
    }

  ib_chart_colors_default (&colors);
  d->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (d->surface);
  ib_chart_draw (d->chart, cr, width, height, &colors);
  cairo_destroy (cr);
  cairo_surface_flush (d->surface);
  if (g_getenv ("IB_CHART_PNG") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s-%u.png", g_getenv ("IB_CHART_PNG"), n_months);

      cairo_surface_write_to_png (d->surface, path);
    }
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

/* Pixels close to @rgb (0xRRGGBB). */
static guint
count_colour (cairo_surface_t *surface,
              guint32          rgb)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 p = pixel (surface, x, y);
        int dr = (int) (p >> 16) - (int) (rgb >> 16);
        int dg = (int) ((p >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff);
        int db = (int) (p & 0xff) - (int) (rgb & 0xff);

        n += dr * dr + dg * dg + db * db < 40 * 40;
      }
  return n;
}

static gboolean
is_dark (guint32 p)
{
  return ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff) < 3 * 170;
}

/* The y axis is a dark vertical line down the plot's left edge, the x axis along its bottom. */
static void
assert_axes (Drawn *d)
{
  IbChartArea plot = ib_chart_get_plot_area (d->chart);
  int x = (int) round (plot.x) - 1, y = (int) round (plot.y + plot.height);
  guint dark = 0;

  for (int py = (int) plot.y; py < (int) (plot.y + plot.height); py++)
    dark += is_dark (pixel (d->surface, x, py));
  g_assert_cmpuint (dark, >, plot.height * 0.9);

  dark = 0;
  for (int px = (int) plot.x; px < (int) (plot.x + plot.width); px++)
    dark += is_dark (pixel (d->surface, px, y)) || is_dark (pixel (d->surface, px, y - 1));
  g_assert_cmpuint (dark, >, plot.width * 0.9);
}

static void
test_two_years (void)
{
  double values[24];
  Drawn d;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 60 + i * 0.8;
  draw (&d, "Assessments completed within 45 working days (%)", 24, values, TRUE, 640, 360);

  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, 24);
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_ENGLAND), ==, 24);
  g_assert_cmpuint (ib_chart_get_n_month_labels (d.chart), >=, 4);
  /* The council's line and markers, and the tolerance band (the target's colour at 15 % over
   * white), are on the image. */
  g_assert_cmpuint (count_colour (d.surface, 0x1c71d8), >, 200);
  g_assert_cmpuint (count_colour (d.surface, 0xdef1e8), >, 5000);
  assert_axes (&d);
  drawn_clear (&d);
}

static void
test_gaps_and_single (void)
{
  double values[12];
  double one[] = { 446 };
  Drawn d;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = i % 4 == 1 ? NAN : 440 + i;
  draw (&d, "Children in care", 12, values, FALSE, 480, 300);
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, 9);
  assert_axes (&d);
  drawn_clear (&d);

  /* One month: its marker, centred, and the axes. */
  draw (&d, "Children in care", 1, one, FALSE, 480, 300);
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, 1);
  g_assert_cmpuint (ib_chart_get_n_month_labels (d.chart), ==, 1);
  g_assert_cmpuint (count_colour (d.surface, 0x1c71d8), >, 10);
  drawn_clear (&d);
}

static void
test_negative_and_zero (void)
{
  double values[] = { -12, -3, 0, 0, 4.5, 9, -1 };
  double zeros[] = { 0, 0, 0 };
  Drawn d;

  draw (&d, "Net change in foster carers", G_N_ELEMENTS (values), values, FALSE, 480, 300);
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, G_N_ELEMENTS (values));
  assert_axes (&d);
  drawn_clear (&d);

  /* All zero: a range is still made, and the line drawn. */
  draw (&d, "Unregistered placements", G_N_ELEMENTS (zeros), zeros, FALSE, 480, 300);
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, 3);
  g_assert_cmpuint (count_colour (d.surface, 0x1c71d8), >, 50);
  drawn_clear (&d);
}

static void
test_ten_years_and_long_title (void)
{
  double values[120];
  Drawn d, short_title;
  IbChartArea plot, short_plot;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 50 + 10 * sin (i / 6.0);

  draw (&short_title, "Re-referrals", 120, values, TRUE, 640, 360);
  draw (&d, "Percentage of referrals to children’s social care within twelve months of a previous referral, "
        "against the England average and statistical neighbours", 120, values, TRUE, 640, 360);

  /* Every month is a point; labels thin out so they never touch (at least 40 px apart). */
  g_assert_cmpuint (ib_chart_get_n_points (d.chart, IB_CHART_VALUE), ==, 120);
  plot = ib_chart_get_plot_area (d.chart);
  g_assert_cmpuint (ib_chart_get_n_month_labels (d.chart), >=, 3);
  g_assert_cmpuint (ib_chart_get_n_month_labels (d.chart), <=, plot.width / 40 + 1);

  /* The long title wraps and pushes the plot down instead of running over it. */
  short_plot = ib_chart_get_plot_area (short_title.chart);
  g_assert_cmpfloat (plot.y, >, short_plot.y + 10);
  g_assert_cmpfloat (plot.height, >, 100);
  assert_axes (&d);

  drawn_clear (&d);
  drawn_clear (&short_title);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/ui/chart/two-years", test_two_years);
  g_test_add_func ("/ui/chart/gaps-and-single", test_gaps_and_single);
  g_test_add_func ("/ui/chart/negative-and-zero", test_negative_and_zero);
  g_test_add_func ("/ui/chart/ten-years-and-long-title", test_ten_years_and_long_title);
  return g_test_run ();
}
