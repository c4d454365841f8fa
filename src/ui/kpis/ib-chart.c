/* ib-chart.c
 *
 * The widget around ib-chart-draw.c: it holds what the chart shows, draws it in the theme's
 * colours through GtkSnapshot's cairo node, exports it in light colours to PNG, SVG or PDF,
 * and reads it out month by month to the pointer, the keyboard and screen readers.
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

#include "ib-chart-private.h"

#define PAD 8.0

struct _IbChart
{
  GtkWidget      parent_instance;

  IbChartData    data;
  int            selected;
  IbChartLayout  layout;  /* measured at the last draw */
};

G_DEFINE_FINAL_TYPE (IbChart, ib_chart, GTK_TYPE_WIDGET)

static void
set_source (cairo_t            *cr,
            const IbChartColor *color,
            double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
layout_text (cairo_t    *cr,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static IbChartColor
color_of (const GdkRGBA *rgba)
{
  return (IbChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

void
ib_chart_draw (IbChart             *self,
               cairo_t             *cr,
               int                  width,
               int                  height,
               const IbChartColors *colors)
{
  g_return_if_fail (IB_IS_CHART (self));

  ib_chart_draw_data (cr, width, height, &self->data, colors, &self->layout);
}

char *
ib_chart_describe_point (IbChart *self,
                         guint    index)
{
  g_return_val_if_fail (IB_IS_CHART (self), NULL);
  return ib_chart_describe_month (&self->data, index);
}

static guint
n_months_of (IbChart *self)
{
  return ib_chart_data_n_months (&self->data);
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

static void
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
  if (self->layout.step_x <= 0)
    return 0;
  position = round ((x - self->layout.first_x) / self->layout.step_x);
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
              const IbChartColor  *card)
{
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  double x, bx, by;
  int w, h;

  if (self->selected < 0 || (guint) self->selected >= n_months_of (self) || self->layout.plot.height <= 0)
    return;

  x = self->layout.first_x + self->selected * self->layout.step_x;
  set_source (cr, &colors->foreground, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, self->layout.plot.y);
  cairo_line_to (cr, round (x) + 0.5, self->layout.plot.y + self->layout.plot.height);
  cairo_stroke (cr);

  text = ib_chart_describe_point (self, self->selected);
  layout = layout_text (cr, text);
  pango_layout_set_width (layout, (int) (MIN (self->layout.plot.width, 280) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  /* Beside the guide, on whichever side has room. */
  bx = x + 8 + w + 12 <= width - PAD ? x + 8 : x - 8 - w - 12;
  bx = CLAMP (bx, PAD, MAX (width - PAD - w - 12, PAD));
  by = self->layout.plot.y + 4;
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

/* Takes the theme's colour @name, keeping @color when the theme has none by that name. */
static void
theme_color (GtkStyleContext *style,
             const char      *name,
             IbChartColor    *color)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (style, name, &rgba))
    *color = color_of (&rgba);
}

static void
ib_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  IbChart *self = IB_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  IbChartColors colors;
  IbChartColor card = { 1, 1, 1, 1 }, window = { 0 };
  GdkRGBA foreground;
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  cairo_t *cr;

  /* The theme's colours, so dark mode and high contrast follow. */
  ib_chart_colors_default (&colors);
  gtk_style_context_get_color (style, &foreground);
  colors.foreground = color_of (&foreground);
  colors.background = (IbChartColor) { 0, 0, 0, 0 };
  theme_color (style, "accent_color", &colors.series[IB_CHART_VALUE]);
  theme_color (style, "success_color", &colors.target);
  colors.series[IB_CHART_ENGLAND] = colors.foreground;
  colors.series[IB_CHART_ENGLAND].alpha = 0.6;
  theme_color (style, "warning_color", &colors.series[IB_CHART_STAT_NEIGHBOURS]);
  theme_color (style, "purple_3", &colors.series[IB_CHART_REGION]);
  theme_color (style, "error_color", &colors.layers[0]);
  theme_color (style, "warning_color", &colors.layers[1]);
  theme_color (style, "success_color", &colors.layers[2]);
  theme_color (style, "blue_3", &colors.layers[3]);
  theme_color (style, "window_bg_color", &card);
  theme_color (style, "card_bg_color", &card);
  /* The card colour is translucent in libadwaita; the read-out must hide what is under it. */
  theme_color (style, "window_bg_color", &window);
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

  ib_chart_data_clear (&self->data);

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

  ib_chart_data_init (&self->data);
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

  g_free (self->data.title);
  self->data.title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_caption (IbChart    *self,
                      const char *caption)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_free (self->data.caption);
  self->data.caption = g_strdup (caption);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_months (IbChart            *self,
                     const char * const *periods)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_strfreev (self->data.months);
  self->data.months = g_strdupv ((char **) periods);
  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_suffix (IbChart    *self,
                     const char *suffix)
{
  g_return_if_fail (IB_IS_CHART (self));

  g_free (self->data.suffix);
  self->data.suffix = g_strdup (suffix);
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
  g_return_if_fail (n_layers <= IB_CHART_MAX_LAYERS);

  n = n_months_of (self);
  for (guint l = 0; l < IB_CHART_MAX_LAYERS; l++)
    {
      g_clear_pointer (&self->data.layer_names[l], g_free);
      g_clear_pointer (&self->data.layers[l], g_array_unref);
    }
  self->data.n_layers = n_layers;
  for (guint l = 0; l < n_layers; l++)
    {
      self->data.layer_names[l] = g_strdup (names[l]);
      self->data.layers[l] = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      g_array_append_vals (self->data.layers[l], values[l], n);
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

  g_clear_pointer (&self->data.series[role], g_array_unref);
  if (values != NULL)
    {
      self->data.series[role] = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
      g_array_append_vals (self->data.series[role], values, n_values);
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

  self->data.target = target;
  self->data.tolerance = tolerance;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ib_chart_set_decimals (IbChart *self,
                       guint    decimals)
{
  g_return_if_fail (IB_IS_CHART (self));

  self->data.decimals = MIN (decimals, 4);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

IbChartArea
ib_chart_get_plot_area (IbChart *self)
{
  g_return_val_if_fail (IB_IS_CHART (self), (IbChartArea) { 0 });
  return self->layout.plot;
}

guint
ib_chart_get_n_points (IbChart     *self,
                       IbChartRole  role)
{
  g_return_val_if_fail (IB_IS_CHART (self), 0);
  g_return_val_if_fail (role < IB_CHART_N_ROLES, 0);
  return self->layout.n_points[role];
}

guint
ib_chart_get_n_month_labels (IbChart *self)
{
  g_return_val_if_fail (IB_IS_CHART (self), 0);
  return self->layout.n_month_labels;
}
