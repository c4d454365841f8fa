/* test-narrow-ui.c: issue 19 (8): at 360 px, a phone's width, every view fits in English,
 * Welsh and Polish: the window asks for no more and is given no more, its title is not cut
 * short, and the views along the bottom show whole names or icons alone; at 1100 px the
 * header's words (the sync state's among them) are whole too; a list row's title wraps beside
 * what stands next to it (IbLineLayout) as it would in a GtkBox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "ib-application.h"
#include "ib-badge.h"
#include "ib-shared-text.h"
#include "ib-columns-layout.h"
#include "ib-line-layout.h"
#include "ib-overview-page.h"
#include "ib-ui-test-util.h"
#include "ib-view-switcher-bar.h"

#define NARROW 360

static IbApplication *app;

static const char * const views[] = { "overview", "plan", "judgements", "kpis", "risks", "meetings", NULL };

/* The widest widget under @widget whose minimum width is over @limit and none of whose
 * children's is: where a window too wide for a phone is too wide. */
static GtkWidget *
widest (GtkWidget *widget,
        int        limit)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > limit)
        return widest (child, limit);
    }
  return widget;
}

/* The header's title reads in full: not "Improvement Bo…". */
static void
assert_title_whole (GtkWidget  *window,
                    const char *lang,
                    const char *view)
{
  GtkWidget *switcher_title = ib_test_find_widget (window, ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);
  const char *title = adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (switcher_title));
  GtkWidget *label = ib_test_find_widget (switcher_title, GTK_TYPE_LABEL, title);

  if (label == NULL || !gtk_widget_get_mapped (label))
    return;  /* the view switcher is shown in its place */
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    g_error ("%s, %s: the title “%s” is cut short", lang, view, title);
}

/* No label a person can see under @root is cut to an ellipsis. */
static void
assert_no_ellipsis (GtkWidget  *root,
                    const char *lang,
                    const char *where)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        g_error ("%s, %s: “%s” is cut short", lang, where, gtk_label_get_text (GTK_LABEL (child)));
      assert_no_ellipsis (child, lang, where);
    }
}

/* No label under @root breaks a line inside a word: at 360 px a KPI's title once ran one
 * letter per line, and "DPAau" broke as "DP-Aau". */
static void
assert_words_whole (GtkWidget  *root,
                    const char *lang)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      /* Labels, and the badges' texts, which are drawn by IbSharedText. */
      g_autoptr (PangoLayout) layout = NULL;

      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
        layout = g_object_ref (gtk_label_get_layout (GTK_LABEL (child)));
      else if (IB_IS_SHARED_TEXT (child) && ib_shared_text_get_wrap (IB_SHARED_TEXT (child)))
        layout = ib_shared_text_get_layout (IB_SHARED_TEXT (child));
      if (layout != NULL)
        {
          const char *text = pango_layout_get_text (layout);

          for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
            {
              PangoLayoutLine *line = l->data;
              gunichar before;

              if (line->start_index == 0)
                continue;
              before = g_utf8_get_char (g_utf8_find_prev_char (text, text + line->start_index));
              if (!g_unichar_isspace (before) && before != '-' && before != '/' && !g_unichar_ispunct (before))
                g_error ("%s: “%s” breaks inside a word at 360 px", lang, text);
            }
        }
      assert_words_whole (child, lang);
    }
}

/* How many columns the Overview's groups take. */
static guint
overview_columns (IbWindow *window)
{
  GtkWidget *overview = ib_test_find_widget (GTK_WIDGET (window), IB_TYPE_OVERVIEW_PAGE, NULL);
  GObject *columns = gtk_widget_get_template_child (overview, IB_TYPE_OVERVIEW_PAGE, "columns");

  return ib_columns_layout_get_columns (IB_COLUMNS_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (columns))));
}

static gboolean
use_language (const char *lang)
{
  const char *locale = g_str_equal (lang, "cy") ? "cy_GB.UTF-8" : g_str_equal (lang, "pl") ? "pl_PL.UTF-8" : "en_GB.UTF-8";

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip ("the locale is not generated here (bash .ci/deps makes it)");
      return FALSE;
    }
  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext looks LANGUAGE up again after setlocale (). */
  setlocale (LC_ALL, locale);
  return TRUE;
}

static void
test_narrow (gconstpointer data)
{
  const char *lang = data;
  IbTestDemo demo = { 0 };
  GtkWidget *header, *bar;

  if (!use_language (lang))
    return;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", GTK_TYPE_WINDOW, NARROW, 800);
  header = ib_test_find_widget (GTK_WIDGET (demo.window), ADW_TYPE_HEADER_BAR, NULL);
  bar = ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_VIEW_SWITCHER_BAR, NULL);
  g_assert_nonnull (bar);

  /* What the window was given, not only what it asks for now: a view wider while it loaded
   * once left the window 406 px wide for good. */
  if (gtk_widget_get_width (GTK_WIDGET (demo.window)) > NARROW)
    {
      GtkWidget *culprit = widest (GTK_WIDGET (demo.window), NARROW - 20);

      g_error ("%s: asked for %d px, the window is %d px wide; %s (%s) is what is too wide", lang, NARROW,
               gtk_widget_get_width (GTK_WIDGET (demo.window)), G_OBJECT_TYPE_NAME (culprit), gtk_widget_get_name (culprit));
    }
  for (guint i = 0; views[i] != NULL; i++)
    {
      int min = 0;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", views[i]));
      ib_test_settle ();
      gtk_widget_measure (GTK_WIDGET (demo.window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > NARROW)
        {
          GtkWidget *culprit = widest (GTK_WIDGET (demo.window), NARROW);

          g_error ("%s, %s: the window needs %d px; %s (%s) is what is too wide", lang, views[i], min,
                   G_OBJECT_TYPE_NAME (culprit), gtk_widget_get_name (culprit));
        }
      assert_title_whole (GTK_WIDGET (demo.window), lang, views[i]);
      /* The views along the bottom, shown here: whole names, or icons alone. */
      g_assert_true (gtk_widget_get_mapped (bar));
      assert_no_ellipsis (header, lang, views[i]);
      assert_no_ellipsis (bar, lang, views[i]);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", "overview"));
  ib_test_settle ();
  assert_words_whole (ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_OVERVIEW_PAGE, NULL), lang);
  g_assert_cmpuint (overview_columns (demo.window), ==, 1);
  ib_test_save_shot (GTK_WIDGET (demo.window), lang[0] == 'e' ? "narrow-en.png" : lang[0] == 'c' ? "narrow-cy.png" : "narrow-pl.png");
  ib_test_demo_close (&demo);
}

/* Resizes @window as a window manager does: a GTK 4 window takes a new default size only when
 * it is shown again, with its widgets as the last size left them. Waits (up to five seconds)
 * for the X server to give it that width (less the frame GTK keeps for resizing), or the
 * narrowest it will take. */
static void
resize (IbWindow *window,
        int       width)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (g_get_monotonic_time () < until &&
         (!gtk_widget_get_mapped (GTK_WIDGET (window)) || ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 10))
    g_main_context_iteration (NULL, FALSE);
  ib_test_settle ();
}

/* At 1100 px the view switcher sits in the header beside the sync state, and neither is cut:
 * not "Not Synci…". */
static void
test_wide_header (gconstpointer data)
{
  const char *lang = data;
  IbTestDemo demo = { 0 };
  GtkWidget *header;

  if (!use_language (lang))
    return;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", GTK_TYPE_WINDOW, 1100, 800);
  header = ib_test_find_widget (GTK_WIDGET (demo.window), ADW_TYPE_HEADER_BAR, NULL);
  /* The Overview uses the width. */
  g_assert_cmpuint (overview_columns (demo.window), ==, 2);
  for (guint i = 0; views[i] != NULL; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", views[i]));
      ib_test_settle ();
      assert_no_ellipsis (header, lang, views[i]);
    }

  /* Narrowed by hand from there, every view lets the window go down to 360 px. */
  for (guint i = 0; views[i] != NULL; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", views[i]));
      resize (demo.window, 1100);
      resize (demo.window, NARROW);
      /* The views along the bottom come back with the narrow width (once their revealer has
       * slid them in). */
      {
        GtkWidget *bar = ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_VIEW_SWITCHER_BAR, NULL);
        gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

        while (g_get_monotonic_time () < until && !gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (bar))))
          g_main_context_iteration (NULL, FALSE);
        if (!gtk_widget_get_mapped (bar))
          g_error ("%s, %s: narrowed to %d px, the views are not along the bottom", lang, views[i], NARROW);
      }
      if (gtk_widget_get_width (GTK_WIDGET (demo.window)) > NARROW)
        {
          GtkWidget *culprit = widest (GTK_WIDGET (demo.window), NARROW);

          g_error ("%s, %s: narrowed to %d px, the window stays %d px wide; %s (%s) is what is too wide", lang,
                   views[i], NARROW, gtk_widget_get_width (GTK_WIDGET (demo.window)),
                   G_OBJECT_TYPE_NAME (culprit), gtk_widget_get_name (culprit));
        }
    }
  ib_test_demo_close (&demo);
}

/* A row's line: a reference, a title that wraps and takes the room left, and a fixed sparkline,
 * 8 px apart. It is as tall as the title at the width left to it, at any width and in either
 * direction, and each part is placed where a horizontal GtkBox would place it. */
static void
test_line_layout (void)
{
  GtkWidget *line = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  GtkWidget *ref = gtk_label_new ("12");
  GtkWidget *title = gtk_label_new ("Recruitment and retention: raise the permanent-to-interim and locum ratio");
  GtkWidget *spark = gtk_drawing_area_new ();
  int ref_w, spark_w, title_h, min, nat;

  gtk_widget_set_layout_manager (line, ib_line_layout_new (8));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_size_request (spark, 72, 28);
  gtk_box_append (GTK_BOX (line), ref);
  gtk_box_append (GTK_BOX (line), title);
  gtk_box_append (GTK_BOX (line), spark);
  gtk_widget_measure (ref, GTK_ORIENTATION_HORIZONTAL, -1, &ref_w, NULL, NULL, NULL);
  gtk_widget_measure (spark, GTK_ORIENTATION_HORIZONTAL, -1, &spark_w, NULL, NULL, NULL);

  for (int width = 200; width <= 1200; width += 250)
    {
      int title_w = width - ref_w - spark_w - 2 * 8;

      gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, title_w, &title_h, NULL, NULL, NULL);
      gtk_widget_measure (line, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, MAX (title_h, 28));
      g_assert_cmpint (nat, ==, MAX (title_h, 28));

      for (int rtl = 0; rtl <= 1; rtl++)
        {
          graphene_rect_t bounds;

          gtk_widget_set_direction (line, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
          gtk_widget_size_allocate (line, &(GtkAllocation) { 0, 0, width, min }, -1);
          g_assert_true (gtk_widget_compute_bounds (title, line, &bounds));
          g_assert_cmpfloat (bounds.size.width, ==, title_w);
          g_assert_cmpfloat (bounds.origin.x, ==, rtl ? spark_w + 8 : ref_w + 8);
          g_assert_true (gtk_widget_compute_bounds (spark, line, &bounds));
          g_assert_cmpfloat (bounds.origin.x, ==, rtl ? 0 : width - spark_w);
        }
    }
  /* Narrowest: every part at its minimum; widest wanted: the title on one line. */
  gtk_widget_measure (line, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, &title_h, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, ref_w + title_h + spark_w + 2 * 8);
  g_assert_cmpint (nat, >, min);
  g_object_unref (line);
}

/* Two AdwActionRows alike, one laid out by libadwaita's GtkBox and one taken by IbLineLayout,
 * each with a title and subtitle that wrap beside badges that wrap like words: the row is as
 * tall, and every part is as wide and in the same place, at every width from a phone's to a
 * wide window's and in either direction. The badges stay on one line while the title can
 * still fit beside them, as they do in a GtkBox. */
typedef struct
{
  const char *title;
  const char *subtitle;
  guint       n_badges;
  const char *count;  /* a count beside the badges, or none */
} RowCase;

static void
row_parts (GtkWidget  *widget,
           GPtrArray  *parts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_ptr_array_add (parts, child);
      row_parts (child, parts);
    }
}

static GtkWidget *
case_row (const RowCase *c)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->title);
  if (c->subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (c->n_badges > 0)
    {
      GtkWidget *badges = ib_badge_box_new ();

      ib_badge_box_add (badges, ib_badge_new_trend ("higher_better", IB_TREND_DOWN));
      if (c->n_badges > 1)
        ib_badge_box_add (badges, ib_badge_new_target (IB_TARGET_WITHIN_TOLERANCE));
      if (c->n_badges > 2)
        ib_badge_box_add (badges, ib_badge_new_band (IB_RISK_BAND_HIGH));
      gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
    }
  if (c->count != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (c->count));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  /* The least width ib_line_layout_take_action_row () gives the title and subtitle, so that
   * the two rows differ in their layout alone. */
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_first_child (row)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_has_css_class (w, "title"))
      for (GtkWidget *label = gtk_widget_get_first_child (w); label != NULL; label = gtk_widget_get_next_sibling (label))
        gtk_label_set_width_chars (GTK_LABEL (label), 10);
  return row;
}

static void
test_line_layout_row (void)
{
  static const RowCase cases[] = {
    { "Percentage of re-referrals to children's social care within 12 months",
      "Latest 24.1%, target 20%, England 21.5%", 2 },
    { "Children in care with three or more placements in the year", NULL, 3 },
    { "Canran yr atgyfeiriadau o fewn 12 mis i ofal cymdeithasol plant",
      "Diweddaraf 24.1%, targed 20%, Cymru 21.5%", 2 },
    { "Caseloads", "Average per social worker", 1, NULL },
    { "Overdue actions", "Past their due date and not complete", 0, "12" },
    { "Open actions whose accountable officer has not reported recently", NULL, 1, "3" },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  /* A list each, so that both rows are always their list's last (a boxed list's last row has
   * no border below it). */
  GtkWidget *box_list = gtk_list_box_new (), *line_list = gtk_list_box_new ();

  gtk_widget_add_css_class (box_list, "boxed-list");
  gtk_widget_add_css_class (line_list, "boxed-list");
  gtk_box_append (GTK_BOX (box), box_list);
  gtk_box_append (GTK_BOX (box), line_list);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      GtkWidget *box_row = case_row (&cases[c]), *line_row = case_row (&cases[c]);
      g_autoptr (GPtrArray) box_parts = g_ptr_array_new ();
      g_autoptr (GPtrArray) line_parts = g_ptr_array_new ();

      gtk_list_box_append (GTK_LIST_BOX (box_list), box_row);
      gtk_list_box_append (GTK_LIST_BOX (line_list), line_row);
      ib_line_layout_take_action_row (ADW_ACTION_ROW (line_row));
      g_assert_true (IB_IS_LINE_LAYOUT (gtk_widget_get_layout_manager (gtk_widget_get_first_child (line_row))));
      row_parts (box_row, box_parts);
      row_parts (line_row, line_parts);
      g_assert_cmpuint (box_parts->len, ==, line_parts->len);

      {
        int box_min, box_nat, line_min, line_nat;

        gtk_widget_measure (box_row, GTK_ORIENTATION_HORIZONTAL, -1, &box_min, &box_nat, NULL, NULL);
        gtk_widget_measure (line_row, GTK_ORIENTATION_HORIZONTAL, -1, &line_min, &line_nat, NULL, NULL);
        g_assert_cmpint (box_min, ==, line_min);
        g_assert_cmpint (box_nat, ==, line_nat);
      }
      for (int width = 300; width <= 1000; width += 7)
        for (int rtl = 0; rtl <= 1; rtl++)
          {
            int box_min, box_nat, line_min, line_nat;

            gtk_widget_set_direction (box_row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
            gtk_widget_set_direction (line_row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
            gtk_widget_measure (box_row, GTK_ORIENTATION_VERTICAL, width, &box_min, &box_nat, NULL, NULL);
            gtk_widget_measure (line_row, GTK_ORIENTATION_VERTICAL, width, &line_min, &line_nat, NULL, NULL);
            if (box_min != line_min || box_nat != line_nat)
              g_error ("case %u at %d px: a GtkBox's row is %d/%d tall, IbLineLayout's %d/%d", c, width, box_min,
                       box_nat, line_min, line_nat);
            gtk_widget_size_allocate (box_row, &(GtkAllocation) { 0, 0, width, box_min }, -1);
            gtk_widget_size_allocate (line_row, &(GtkAllocation) { 0, 0, width, line_min }, -1);
            for (guint i = 0; i < box_parts->len; i++)
              {
                graphene_rect_t a, b;
                gboolean has_a = gtk_widget_compute_bounds (box_parts->pdata[i], box_row, &a);
                gboolean has_b = gtk_widget_compute_bounds (line_parts->pdata[i], line_row, &b);

                g_assert_true (has_a == has_b);
                if (has_a && gtk_widget_get_visible (box_parts->pdata[i]) && !graphene_rect_equal (&a, &b))
                  g_error ("case %u at %d px%s: %s is at %g,%g %gx%g in a GtkBox's row, at %g,%g %gx%g in IbLineLayout's",
                           c, width, rtl ? " (RTL)" : "", G_OBJECT_TYPE_NAME (box_parts->pdata[i]), a.origin.x,
                           a.origin.y, a.size.width, a.size.height, b.origin.x, b.origin.y, b.size.width, b.size.height);
              }
          }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  /* The catalogues just built, as the app's main () binds them: without them every string
   * stays English and only the dates change. */
  g_assert_nonnull (g_getenv ("IB_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/narrow/line-layout", test_line_layout);
  g_test_add_func ("/ui/narrow/line-layout-row", test_line_layout_row);
  g_test_add_data_func ("/ui/narrow/en", "en", test_narrow);
  g_test_add_data_func ("/ui/narrow/cy", "cy", test_narrow);
  g_test_add_data_func ("/ui/narrow/pl", "pl", test_narrow);
  g_test_add_data_func ("/ui/narrow/wide-header/en", "en", test_wide_header);
  g_test_add_data_func ("/ui/narrow/wide-header/cy", "cy", test_wide_header);
  g_test_add_data_func ("/ui/narrow/wide-header/pl", "pl", test_wide_header);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
