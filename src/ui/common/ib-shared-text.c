/* ib-shared-text.c
 *
 * GtkLabel throws its text layout away whenever it is rooted, and a list row changes roots each
 * time GTK 4.8 gives it to a new list item (a filter, a cleared search): every badge, title and
 * meta line of some thirty rows was laid out again from nothing. For badges that was the larger
 * part of those frames (under ib_wrap_layout_measure, 43-59 % of the main thread's samples in
 * them); once badges shared their layouts, the action titles and meta lines were (text shaping,
 * 39-43 %). A wrapping label costs most: each measure lays its text out afresh at every width
 * asked, and works out the font's average character width for "width-chars" by shaping a sample
 * text. Yet a list shows the same few hundred texts again and again as it is filtered and
 * searched. This draws a text from layouts shared by every widget showing the same text at the
 * same width, font and wrapping, each laid out once, and keeps each font's character width.
 *
 * It measures and draws as a GtkLabel with xalign 0, yalign 0.5 and, when it wraps, "wrap",
 * "wrap-mode", "width-chars" and, for a line limit, "lines" with "ellipsize" at the end; with the
 * font the CSS gives it (the CSS of the places it is used sets no letter spacing or font features,
 * which a GtkLabel would add as attributes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-shared-text"

#include "config.h"

#include <math.h>

#include "ib-shared-text.h"

struct _IbSharedText
{
  GtkWidget  parent_instance;

  char          *text;
  gboolean       wrap;
  PangoWrapMode  wrap_mode;
  int            width_chars;  /* -1: none */
  int            lines;        /* > 0: ellipsized at the end of this many lines; -1: never */
  char      *font_key;     /* what of the widget's Pango context a layout depends on; NULL until needed */
};

G_DEFINE_FINAL_TYPE (IbSharedText, ib_shared_text, GTK_TYPE_WIDGET)

/* Enough for the badges, titles and meta lines of a few screenfuls of rows, each at the few widths
 * a row is measured at; past it they start again. */
#define MAX_SHARED_LAYOUTS 4096

/* Main thread only: font key, wrapping, width and text → PangoLayout; font key (→ character width)
 * or font key, wrapping, height and text (→ the width that text needs to fit that height), → that
 * width + 1. */
static GHashTable *shared_layouts;
static GHashTable *known_widths;

static const char *
font_key (IbSharedText *self)
{
  if (self->font_key == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
      const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

      self->font_key = g_strdup_printf ("%s|%g|%lu|%d|%d", font, pango_cairo_context_get_resolution (context),
                                        options != NULL ? cairo_font_options_hash (options) : 0UL,
                                        pango_context_get_base_dir (context),
                                        pango_context_get_round_glyph_positions (context));
    }
  return self->font_key;
}

/* Returns (a reference to) the layout of the text at @width Pango units (-1: unbounded). */
static PangoLayout *
get_layout (IbSharedText *self,
            int          width)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (!self->wrap)
    width = -1;
  if (shared_layouts == NULL)
    shared_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  key = g_strdup_printf ("%s|%d|%d|%d|%d|%s", font_key (self), self->wrap, self->wrap_mode, self->lines, width,
                         self->text);
  layout = g_hash_table_lookup (shared_layouts, key);
  if (layout == NULL)
    {
      /* A context of its own: the widget's changes with its style, the layout must not. */
      PangoContext *context = gtk_widget_create_pango_context (GTK_WIDGET (self));

      layout = pango_layout_new (context);
      g_object_unref (context);
      pango_layout_set_text (layout, self->text, -1);
      if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_wrap (layout, self->wrap_mode);
      if (self->lines > 0)
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (layout, -self->lines);
        }
      pango_layout_set_width (layout, width);
      if (g_hash_table_size (shared_layouts) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (shared_layouts);
      g_hash_table_insert (shared_layouts, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

/* The font's average character width, as GtkLabel takes it for "width-chars", in Pango units. */
static int
char_width (IbSharedText *self,
            PangoLayout  *layout)
{
  gpointer known;
  PangoFontMetrics *metrics;
  int width;

  if (known_widths == NULL)
    known_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_lookup (known_widths, font_key (self));
  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;

  metrics = pango_context_get_metrics (pango_layout_get_context (layout), NULL, NULL);
  width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
               pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);
  g_hash_table_insert (known_widths, g_strdup (font_key (self)), GINT_TO_POINTER (width + 1));
  return width;
}

/* The least width "width-chars" asks for, in Pango units (0 when it asks none). */
static int
least_width (IbSharedText *self,
             PangoLayout  *layout)
{
  return self->width_chars > 0 ? char_width (self, layout) * self->width_chars : 0;
}

/* The narrowest width, in Pango units, at which the text, not ellipsized, fits @height Pango
 * units, at least "width-chars" wide: GtkLabel's natural width for a given height (and its
 * minimum, when it does not ellipsize), found as it finds it, by halving, a layout each step. */
static int
width_for_height (IbSharedText *self,
                  PangoLayout  *unbounded,
                  int           height)
{
  g_autofree char *key = g_strdup_printf ("%s|%d|%d|%d|%s", font_key (self), self->wrap_mode, self->width_chars,
                                          height, self->text);
  gpointer known;
  g_autoptr (PangoLayout) layout = NULL;
  int least, most, width, text_height;

  least = PANGO_PIXELS_CEIL (least_width (self, unbounded));
  if (known_widths == NULL)
    known_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_lookup (known_widths, key);
  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;

  pango_layout_get_size (unbounded, &most, NULL);
  most = PANGO_PIXELS_CEIL (most);
  layout = pango_layout_copy (unbounded);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  while (least < most)
    {
      int mid = (least + most) / 2;

      pango_layout_set_width (layout, mid * PANGO_SCALE);
      pango_layout_get_size (layout, &width, &text_height);
      width = PANGO_PIXELS_CEIL (width);
      if (width > mid)
        least = width;
      else if (text_height > height)
        least = mid + 1;
      else
        most = width;
    }
  if (g_hash_table_size (known_widths) >= MAX_SHARED_LAYOUTS)
    g_hash_table_remove_all (known_widths);
  g_hash_table_insert (known_widths, g_steal_pointer (&key), GINT_TO_POINTER (least * PANGO_SCALE + 1));
  return least * PANGO_SCALE;
}

/* GtkLabel's minimum width when it wraps: its text at the least width it may have. */
static int
narrowest (IbSharedText *self,
           PangoLayout  *unbounded)
{
  int least = least_width (self, unbounded);
  g_autoptr (PangoLayout) narrow = get_layout (self, least);
  int width;

  pango_layout_get_size (narrow, &width, NULL);
  return MAX (width, least);
}

static GtkSizeRequestMode
ib_shared_text_get_request_mode (GtkWidget *widget)
{
  return IB_SHARED_TEXT (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
ib_shared_text_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  IbSharedText *self = IB_SHARED_TEXT (widget);
  g_autoptr (PangoLayout) unbounded = get_layout (self, -1);
  int width, height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      pango_layout_get_size (unbounded, &width, NULL);
      *minimum = *natural = width;
      /* Wrapping, for a height: as narrow as fits it; ellipsized, it can be narrower still. */
      if (self->wrap && for_size >= 0)
        {
          *minimum = *natural = width_for_height (self, unbounded, for_size * PANGO_SCALE);
          if (self->lines > 0)
            *minimum = narrowest (self, unbounded);
        }
      /* Wrapping: at least as wide as its longest word (or letter, or ellipsis) and
       * "width-chars"; at most one line. */
      else if (self->wrap)
        {
          *minimum = narrowest (self, unbounded);
          *natural = MAX (width, *minimum);
        }
      *minimum = PANGO_PIXELS_CEIL (*minimum);
      *natural = PANGO_PIXELS_CEIL (*natural);
    }
  else
    {
      g_autoptr (PangoLayout) layout = get_layout (self, for_size > 0 ? for_size * PANGO_SCALE : for_size);

      pango_layout_get_size (layout, NULL, &height);
      *minimum = *natural = PANGO_PIXELS_CEIL (height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (layout));
    }
}

static void
ib_shared_text_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  IbSharedText *self = IB_SHARED_TEXT (widget);
  g_autoptr (PangoLayout) layout = NULL;
  PangoRectangle logical;
  float x, y;
  int baseline;

  if (*self->text == '\0')
    return;

  layout = get_layout (self, gtk_widget_get_width (widget) * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  /* Where GtkLabel puts it: at the start, centred across the height or on the baseline. */
  x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
      ? floor (gtk_widget_get_width (widget) - logical.width - logical.x) : floor (-logical.x);
  baseline = gtk_widget_get_allocated_baseline (widget);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = floor ((gtk_widget_get_height (widget) - logical.height) * 0.5);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The font or its settings may have changed: the layouts are looked up again when next needed. */
static void
forget_font (IbSharedText *self)
{
  g_clear_pointer (&self->font_key, g_free);
}

static void
ib_shared_text_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ib_shared_text_parent_class)->css_changed (widget, change);
  forget_font (IB_SHARED_TEXT (widget));
}

static void
ib_shared_text_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (ib_shared_text_parent_class)->system_setting_changed (widget, setting);
  forget_font (IB_SHARED_TEXT (widget));
  gtk_widget_queue_resize (widget);
}

static void
ib_shared_text_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (ib_shared_text_parent_class)->direction_changed (widget, previous);
  forget_font (IB_SHARED_TEXT (widget));
  gtk_widget_queue_resize (widget);
}

static void
ib_shared_text_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ib_shared_text_parent_class)->root (widget);
  /* Another display may mean other font settings; the same ones find their layouts again. */
  forget_font (IB_SHARED_TEXT (widget));
}

static void
ib_shared_text_finalize (GObject *object)
{
  IbSharedText *self = (IbSharedText *) object;

  g_free (self->font_key);
  g_free (self->text);

  G_OBJECT_CLASS (ib_shared_text_parent_class)->finalize (object);
}

static void
ib_shared_text_class_init (IbSharedTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ib_shared_text_finalize;
  widget_class->get_request_mode = ib_shared_text_get_request_mode;
  widget_class->measure = ib_shared_text_measure;
  widget_class->snapshot = ib_shared_text_snapshot;
  widget_class->css_changed = ib_shared_text_css_changed;
  widget_class->system_setting_changed = ib_shared_text_system_setting_changed;
  widget_class->direction_changed = ib_shared_text_direction_changed;
  widget_class->root = ib_shared_text_root;

  /* Styled by the same rules as the GtkLabel it stands for, and read as one. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ib_shared_text_init (IbSharedText *self)
{
  self->text = g_strdup ("");
  self->wrap_mode = PANGO_WRAP_WORD;
  self->width_chars = -1;
  self->lines = -1;
}

GtkWidget *
ib_shared_text_new (void)
{
  return g_object_new (IB_TYPE_SHARED_TEXT, NULL);
}

void
ib_shared_text_set_text (IbSharedText *self,
                        const char  *text)
{
  g_return_if_fail (IB_IS_SHARED_TEXT (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
ib_shared_text_get_text (IbSharedText *self)
{
  g_return_val_if_fail (IB_IS_SHARED_TEXT (self), NULL);
  return self->text;
}

static void
set_wrapping (IbSharedText  *self,
              gboolean       wrap,
              PangoWrapMode  mode,
              int            width_chars,
              int            lines)
{
  if (self->wrap == wrap && self->wrap_mode == mode && self->width_chars == width_chars && self->lines == lines)
    return;
  self->wrap = wrap;
  self->wrap_mode = mode;
  self->width_chars = width_chars;
  self->lines = lines;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ib_shared_text_set_wrap_chars (IbSharedText *self,
                              int          width_chars)
{
  g_return_if_fail (IB_IS_SHARED_TEXT (self));

  width_chars = MAX (width_chars, -1);
  set_wrapping (self, width_chars >= 0, PANGO_WRAP_WORD, width_chars, -1);
}

gboolean
ib_shared_text_get_wrap (IbSharedText *self)
{
  g_return_val_if_fail (IB_IS_SHARED_TEXT (self), FALSE);
  return self->wrap;
}

void
ib_shared_text_set_wrap (IbSharedText  *self,
                         PangoWrapMode  mode,
                         int            width_chars,
                         int            lines)
{
  g_return_if_fail (IB_IS_SHARED_TEXT (self));

  set_wrapping (self, TRUE, mode, MAX (width_chars, -1), lines > 0 ? lines : -1);
}

PangoLayout *
ib_shared_text_get_layout (IbSharedText *self)
{
  g_return_val_if_fail (IB_IS_SHARED_TEXT (self), NULL);
  return get_layout (self, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
}
