/* test-chart.c: IbChart drawn to an image surface and checked on structure, not on exact
 * pixels: something drawn, both axes present, one point per month shown, and the edge cases
 * (gaps, a single month, negative and zero values, ten years of months, a long title)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ib-chart-private.h"

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

static IbChart *
demo_grades (void)
{
  static const char * const quarters[] = { "2020-10", "2021-01", "2021-04", "2021-07", "2021-10", "2022-01", NULL };
  static const double inadequate[] = { 48, 35, 27, 22, 18, 14 };
  static const double ri[] = { 40, 47, 50, 50, 50, 49 };
  static const double good[] = { 12, 18, 23, 28, 32, 37 };
  const char * const names[] = { "Inadequate", "Requires improvement", "Good" };
  const double * const layers[] = { inadequate, ri, good };
  IbChart *chart = IB_CHART (ib_chart_new ());

  ib_chart_set_title (chart, "Practice review grades");
  ib_chart_set_months (chart, quarters);
  ib_chart_set_suffix (chart, "%");
  ib_chart_set_stack (chart, 3, names, layers);
  return chart;
}

static void
test_stacked (void)
{
  IbChartColors colors;
  Drawn d;
  cairo_t *cr;
  g_autofree char *first = NULL;

  d.chart = demo_grades ();
  ib_chart_colors_default (&colors);
  d.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cr = cairo_create (d.surface);
  ib_chart_draw (d.chart, cr, 640, 360, &colors);
  cairo_destroy (cr);
  cairo_surface_flush (d.surface);
  if (g_getenv ("IB_CHART_PNG") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s-stacked.png", g_getenv ("IB_CHART_PNG"));

      cairo_surface_write_to_png (d.surface, path);
    }

  /* Each layer's colour is on the image: the solid "good" most, the hatched ones too. */
  g_assert_cmpuint (count_colour (d.surface, 0x2ec27e), >, 3000);
  g_assert_cmpuint (count_colour (d.surface, 0xe01b24), >, 1000);
  g_assert_cmpuint (count_colour (d.surface, 0xe5a50a), >, 1000);
  assert_axes (&d);
  g_assert_cmpuint (ib_chart_get_n_month_labels (d.chart), ==, 6);

  /* Every bar reaches 100 %: the top of the first quarter's bar is near the plot's top. */
  {
    IbChartArea plot = ib_chart_get_plot_area (d.chart);
    guint n = 0;

    for (int y = (int) plot.y; y < (int) (plot.y + plot.height * 0.1); y++)
      n += count_colour (d.surface, 0x2ec27e) > 0 && pixel (d.surface, (int) (plot.x + plot.width / 12), y) == 0x2ec27e;
    g_assert_cmpuint (n, >, 0);
  }

  first = ib_chart_describe_point (d.chart, 0);
  g_assert_cmpstr (first, ==, "October 2020: Inadequate 48%; Requires improvement 40%; Good 12%");
  drawn_clear (&d);
}

static gboolean
send_key (IbChart *chart,
          guint    keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
motion_to (IbChart *chart,
           double   x)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", x, 50.0);
    }
}

static void
test_readout_and_keys (void)
{
  static const char * const months[] = { "2021-01", "2021-02", "2021-03", "2021-04", NULL };
  const double values[] = { 463, NAN, 446, 441 };
  const double england[] = { 70, 70, 70, 71 };
  GtkWidget *window = gtk_window_new ();
  IbChart *chart = IB_CHART (ib_chart_new ());
  g_autofree char *march = NULL, *gap = NULL;
  IbChartArea plot;
  gint64 deadline;

  ib_chart_set_title (chart, "Children in care");
  ib_chart_set_months (chart, months);
  ib_chart_set_series (chart, IB_CHART_VALUE, values, 4);
  ib_chart_set_series (chart, IB_CHART_ENGLAND, england, 4);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 360);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_present (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ib_chart_get_plot_area (chart).width <= 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  plot = ib_chart_get_plot_area (chart);
  g_assert_cmpfloat (plot.width, >, 0);

  /* Focusable, nothing selected until asked. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  g_assert_cmpint (ib_chart_get_selected (chart), ==, -1);

  /* Right starts at the first month, End goes to the last, Left steps back, Home returns. */
  g_assert_true (send_key (chart, GDK_KEY_Right));
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 0);
  g_assert_true (send_key (chart, GDK_KEY_End));
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 3);
  g_assert_true (send_key (chart, GDK_KEY_Left));
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 2);
  march = ib_chart_describe_point (chart, ib_chart_get_selected (chart));
  g_assert_cmpstr (march, ==, "March 2021: This council 446; England 70");
  g_assert_true (send_key (chart, GDK_KEY_Home));
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 0);
  g_assert_false (send_key (chart, GDK_KEY_a));

  /* A gap month reads as England only. */
  gap = ib_chart_describe_point (chart, 1);
  g_assert_cmpstr (gap, ==, "February 2021: England 70");

  /* The pointer selects the nearest month: just right of the third month's line. */
  motion_to (chart, plot.x + plot.width * 2 / 3 + 3);
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 2);
  motion_to (chart, -100);
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 0);
  motion_to (chart, 10000);
  g_assert_cmpint (ib_chart_get_selected (chart), ==, 3);

  /* New months drop the selection instead of pointing past the end. */
  ib_chart_set_months (chart, (const char *[]) { "2021-01", NULL });
  g_assert_cmpint (ib_chart_get_selected (chart), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A PDF holds NUL bytes in its streams, so the C string functions stop short. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ib-chart-XXXXXX", NULL);
  IbChart *chart = demo_grades ();
  IbChartFormat format;
  g_autoptr (GError) error = NULL;
  struct { const char *name; const char *magic; gsize magic_len; } files[] = {
    { "grades.png", "\x89PNG", 4 }, { "grades.SVG", "<?xml", 5 }, { "grades.pdf", "%PDF-", 5 },
  };

  g_assert_nonnull (dir);
  g_assert_false (ib_chart_format_for_name ("grades.jpeg", &format));
  g_assert_false (ib_chart_format_for_name ("png", &format));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (ib_chart_format_for_name (files[i].name, &format));
      g_assert_true (ib_chart_export (chart, file, format, 800, 450, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_cmpmem (contents, files[i].magic_len, files[i].magic, files[i].magic_len);

      if (format == IB_CHART_PNG)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          /* The size asked for, and a chart on it (its axes). */
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 450);
          cairo_surface_destroy (png);
        }
      else if (format == IB_CHART_PDF)
        g_assert_true (contains_bytes (contents, length, "/MediaBox [ 0 0 800 450 ]"));
      else
        g_assert_true (contains_bytes (contents, length, "width=\"800\""));
    }

  /* A size out of range is refused and the earlier file stays as it was. */
  {
    g_autofree char *path = g_build_filename (dir, "grades.pdf", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autofree char *before = NULL, *after = NULL;

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_assert_false (ib_chart_export (chart, file, IB_CHART_PDF, 20, 20, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "20 × 20"));
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
  }

  /* A folder that is not there: an error, not a crash. */
  {
    g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent-ib-dir/chart.png");

    g_assert_false (ib_chart_export (chart, file, IB_CHART_PNG, 400, 300, &error));
    g_assert_nonnull (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_object_unref (g_object_ref_sink (chart));
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
  g_test_add_func ("/ui/chart/stacked", test_stacked);
  g_test_add_func ("/ui/chart/readout-and-keys", test_readout_and_keys);
  g_test_add_func ("/ui/chart/export", test_export);
  return g_test_run ();
}
