/* test-narrow-ui.c: issue 19 (8): at 360 px, a phone's width, every view fits in English,
 * Welsh and Polish: the window asks for no more, and its title is not cut short
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "ib-application.h"
#include "ib-ui-test-util.h"

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

static void
test_narrow (gconstpointer data)
{
  const char *lang = data;
  const char *locale = g_str_equal (lang, "cy") ? "cy_GB.UTF-8" : g_str_equal (lang, "pl") ? "pl_PL.UTF-8" : "en_GB.UTF-8";
  IbTestDemo demo = { 0 };

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip ("the locale is not generated here (bash .ci/deps makes it)");
      return;
    }
  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext looks LANGUAGE up again after setlocale (). */
  setlocale (LC_ALL, locale);

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", GTK_TYPE_WINDOW, NARROW, 800);
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
    }
  ib_test_demo_close (&demo);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_data_func ("/ui/narrow/en", "en", test_narrow);
  g_test_add_data_func ("/ui/narrow/cy", "cy", test_narrow);
  g_test_add_data_func ("/ui/narrow/pl", "pl", test_narrow);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
