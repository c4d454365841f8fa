/* test-shared-text-ui.c: an IbSharedText stands in for a GtkLabel in badges and list rows, so it
 * must take the same room and break its lines at the same places as the label it replaces, for
 * every wrapping the app uses, in every style a row gives it; and its layouts must outlive the
 * rooting that makes a GtkLabel lay its text out again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-shared-text.h"
#include "ib-ui-test-util.h"

typedef enum
{
  ONE_LINE,      /* a badge that does not wrap */
  BADGE_WRAP,    /* a badge that wraps: words, at least 12 characters */
  TITLE,         /* a row's title: words or letters, at least 10 characters, ellipsized after 3 lines */
  META,          /* a row's meta line: words or letters, at least 10 characters */
  ANY_WIDTH,     /* words or letters, no least width, ellipsized after 2 lines */
} Wrapping;

static const char *const texts[] = {
  "",
  "Red",
  "Recruitment and retention: raise the permanent-to-interim and locum ratio",
  "Head of Workforce Development (Grace Nwosu) · Due 31 March 2023 · Rolled forward",
  "Yn hwyr, ond wedi'i nodi'n “Ar y trywydd iawn”",
  "Gwasanaethau Plant: cynllun gwella ar ôl arolygiad ILACS a'r ymweliadau monitro dilynol, "
  "gyda'r bwrdd gwella yn adolygu'r cynnydd bob mis ac yn craffu ar y dangosyddion perfformiad",
  "Zwiększenie odsetka stałych pracowników socjalnych względem pracowników tymczasowych",
  "Supercalifragilisticexpialidociousnesslessnessfulness",
};

static const char *const styles[] = { NULL, "heading", "caption" };

static void
configure (GtkLabel     *label,
           IbSharedText *text,
           Wrapping      wrapping)
{
  gtk_label_set_xalign (label, 0);
  switch (wrapping)
    {
    case ONE_LINE:
      ib_shared_text_set_wrap_chars (text, -1);
      break;
    case BADGE_WRAP:
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
      gtk_label_set_width_chars (label, 12);
      ib_shared_text_set_wrap_chars (text, 12);
      break;
    case TITLE:
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (label, 10);
      gtk_label_set_lines (label, 3);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      ib_shared_text_set_wrap (text, PANGO_WRAP_WORD_CHAR, 10, 3);
      break;
    case META:
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (label, 10);
      ib_shared_text_set_wrap (text, PANGO_WRAP_WORD_CHAR, 10, -1);
      break;
    case ANY_WIDTH:
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (label, 2);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      ib_shared_text_set_wrap (text, PANGO_WRAP_WORD_CHAR, -1, 2);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
assert_same_measure (GtkWidget      *label,
                     GtkWidget      *text,
                     GtkOrientation  orientation,
                     int             for_size,
                     const char     *what)
{
  int lmin, lnat, lminb = -1, lnatb = -1;
  int tmin, tnat, tminb = -1, tnatb = -1;

  gtk_widget_measure (label, orientation, for_size, &lmin, &lnat, &lminb, &lnatb);
  gtk_widget_measure (text, orientation, for_size, &tmin, &tnat, &tminb, &tnatb);
  if (lmin != tmin || lnat != tnat || lminb != tminb || lnatb != tnatb)
    g_error ("%s, %s for %d: the label measures %d/%d (baselines %d/%d), the shared text %d/%d (%d/%d)", what,
             orientation == GTK_ORIENTATION_HORIZONTAL ? "width" : "height", for_size, lmin, lnat, lminb, lnatb,
             tmin, tnat, tminb, tnatb);
}

/* The lines the text is broken into at the widget's width, and where it is cut short. */
static char *
lines_of (PangoLayout *layout)
{
  GString *out = g_string_new (NULL);
  const char *text = pango_layout_get_text (layout);

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      int start = pango_layout_line_get_start_index (line);

      g_string_append_printf (out, "[%.*s]", pango_layout_line_get_length (line), text + start);
    }
  g_string_append_printf (out, " ellipsized %d", pango_layout_is_ellipsized (layout));
  return g_string_free (out, FALSE);
}

static void
test_measures_as_label (gconstpointer data)
{
  static const int widths[] = { 0, 1, 24, 60, 97, 150, 233, 320, 640, -1 };
  static const int heights[] = { 0, 10, 20, 34, 52, 90, 400, -1 };
  const char *lang = data;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  guint compared = 0;

  if (lang != NULL)
    gtk_widget_set_default_direction (g_str_equal (lang, "rtl") ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ib_test_settle ();

  for (Wrapping wrapping = ONE_LINE; wrapping <= ANY_WIDTH; wrapping++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          GtkWidget *label = gtk_label_new (texts[t]);
          GtkWidget *text = ib_shared_text_new ();
          g_autofree char *what = g_strdup_printf ("wrapping %d, style %s, “%s”", wrapping, styles[s], texts[t]);

          ib_shared_text_set_text (IB_SHARED_TEXT (text), texts[t]);
          configure (GTK_LABEL (label), IB_SHARED_TEXT (text), wrapping);
          if (styles[s] != NULL)
            {
              gtk_widget_add_css_class (label, styles[s]);
              gtk_widget_add_css_class (text, styles[s]);
            }
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), text);

          g_assert_cmpint (gtk_widget_get_request_mode (label), ==, gtk_widget_get_request_mode (text));
          for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
            assert_same_measure (label, text, GTK_ORIENTATION_HORIZONTAL, heights[i], what);
          for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
            assert_same_measure (label, text, GTK_ORIENTATION_VERTICAL, widths[i], what);

          /* Drawn at a width, the lines break and are cut short at the same places. */
          for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
            {
              int min, width = widths[i] < 0 ? 800 : widths[i], height;
              g_autofree char *want = NULL, *have = NULL;
              g_autoptr (PangoLayout) layout = NULL;

              gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
              width = MAX (width, min);
              gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
              gtk_widget_allocate (label, width, height, -1, NULL);
              gtk_widget_allocate (text, width, height, -1, NULL);
              want = lines_of (gtk_label_get_layout (GTK_LABEL (label)));
              layout = ib_shared_text_get_layout (IB_SHARED_TEXT (text));
              have = lines_of (layout);
              if (g_strcmp0 (want, have) != 0)
                g_error ("%s at %d px: the label shows %s, the shared text %s", what, width, want, have);
            }
          compared++;

          gtk_box_remove (GTK_BOX (box), label);
          gtk_box_remove (GTK_BOX (box), text);
        }

  g_assert_cmpuint (compared, ==, (ANY_WIDTH + 1) * G_N_ELEMENTS (styles) * G_N_ELEMENTS (texts));
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  ib_test_settle ();
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) == 300;
}

static gboolean
restyled (gpointer widget)
{
  g_autoptr (PangoLayout) layout = ib_shared_text_get_layout (widget);
  PangoFontDescription *font = pango_context_get_font_description (pango_layout_get_context (layout));

  return pango_font_description_get_weight (font) == PANGO_WEIGHT_BOLD;
}

/* Two widgets with the same text share a layout, and a widget rooted anew (a list row given to a
 * new list item) finds its layout again instead of laying the text out afresh. */
static void
test_layouts_outlive_rooting (void)
{
  const char *title = texts[2];
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *a = ib_shared_text_new ();
  GtkWidget *b = ib_shared_text_new ();
  g_autoptr (PangoLayout) first = NULL;
  g_autoptr (PangoLayout) again = NULL;
  g_autoptr (PangoLayout) other = NULL;
  g_autoptr (PangoLayout) bold = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_widget_set_size_request (box, 300, -1);
  gtk_window_set_child (GTK_WINDOW (window), box);
  for (GtkWidget *w = a; w != NULL; w = w == a ? b : NULL)
    {
      ib_shared_text_set_text (IB_SHARED_TEXT (w), title);
      ib_shared_text_set_wrap (IB_SHARED_TEXT (w), PANGO_WRAP_WORD_CHAR, 10, 3);
      gtk_box_append (GTK_BOX (box), w);
    }
  gtk_window_present (GTK_WINDOW (window));
  ib_test_spin_until (allocated, a, 10);

  first = ib_shared_text_get_layout (IB_SHARED_TEXT (a));
  other = ib_shared_text_get_layout (IB_SHARED_TEXT (b));
  g_assert_true (first == other);
  g_assert_cmpint (pango_layout_get_line_count (first), >, 1);

  g_object_ref (a);
  gtk_box_remove (GTK_BOX (box), a);
  gtk_box_prepend (GTK_BOX (box), a);
  g_object_unref (a);
  g_assert_false (allocated (a));
  ib_test_spin_until (allocated, a, 10);
  again = ib_shared_text_get_layout (IB_SHARED_TEXT (a));
  g_assert_true (again == first);

  /* Another font is another layout: a heading is bolder, and wider. */
  gtk_widget_add_css_class (a, "heading");
  ib_test_spin_until (restyled, a, 10);
  bold = ib_shared_text_get_layout (IB_SHARED_TEXT (a));
  g_assert_true (bold != first);
  g_assert_false (pango_font_description_equal (pango_context_get_font_description (pango_layout_get_context (bold)),
                                                pango_context_get_font_description (pango_layout_get_context (first))));

  gtk_window_destroy (GTK_WINDOW (window));
  ib_test_settle ();
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
  adw_init ();

  g_test_add_data_func ("/ui/shared-text/measures-as-label", NULL, test_measures_as_label);
  g_test_add_data_func ("/ui/shared-text/measures-as-label-rtl", "rtl", test_measures_as_label);
  g_test_add_func ("/ui/shared-text/layouts-outlive-rooting", test_layouts_outlive_rooting);
  return g_test_run ();
}
