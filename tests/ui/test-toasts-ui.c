/* test-toasts-ui.c: toasts come one at a time. libadwaita 1.2 frees a toast that slid in over
 * one still leaving and was dismissed in its first moments while its entrance still runs, and the
 * app crashed (an Undo pressed twice, deletes one after another). Here freed
 * memory is overwritten (M_PERTURB), so a callback into it crashes every time, as it did in
 * test-kpis-ui one run in a few dozen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>

#include "ib-toasts.h"
#include "ib-ui-test-util.h"

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  guint            most_toasts;   /* the most toast widgets on the overlay at one time */
} Fixture;

static guint
toasts_on (AdwToastOverlay *overlay)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += c != adw_toast_overlay_get_child (overlay);
  return n;
}

/* Runs the main loop for @ms, counting the toasts on the overlay as it goes. */
static void
run_for (Fixture *f,
         guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      f->most_toasts = MAX (f->most_toasts, toasts_on (f->overlay));
      g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("Board"));
  gtk_window_set_default_size (f->window, 600, 400);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  ib_test_settle ();
  /* Animations run, as on a person's desktop: the crash needs them. */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->window)), "gtk-enable-animations", TRUE, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  ib_test_settle ();
}

/* The toast widget on the overlay (the newest), or NULL. */
static GtkWidget *
toast_widget (Fixture *f)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (f->overlay));

  return last != adw_toast_overlay_get_child (f->overlay) ? last : NULL;
}

/* Waits for @toast to be shown and to take clicks, as a person's click on Undo needs. */
static void
wait_clickable (Fixture  *f,
                AdwToast *toast)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((ib_toasts_get_shown (f->overlay) != toast || !gtk_widget_get_can_target (toast_widget (f))) &&
         g_get_monotonic_time () < deadline)
    run_for (f, 10);
  g_assert_true (ib_toasts_get_shown (f->overlay) == toast);
  g_assert_true (gtk_widget_get_can_target (toast_widget (f)));
}

/* Deletes one after another, each toast replacing the last in its first moments, then Undo
 * pressed on the last as soon as it can be. */
static void
test_quick_replacements (Fixture       *f,
                         gconstpointer  data)
{
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (AdwToast) first = adw_toast_new ("“R01” deleted");
      g_autoptr (AdwToast) second = adw_toast_new ("“R02” deleted");
      g_autoptr (AdwToast) third = adw_toast_new ("“R03” deleted");

      adw_toast_set_priority (first, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_priority (second, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_priority (third, ADW_TOAST_PRIORITY_HIGH);
      ib_toasts_add (f->overlay, g_object_ref (first));
      g_assert_true (ib_toasts_get_shown (f->overlay) == first);
      run_for (f, 5);
      /* Coming in, it takes no click: a double click's second lands on nothing. */
      g_assert_nonnull (toast_widget (f));
      g_assert_false (gtk_widget_get_can_target (toast_widget (f)));
      g_assert_false (gtk_widget_get_can_focus (toast_widget (f)));

      /* The next waits for the first to have come in and gone. */
      ib_toasts_add (f->overlay, g_object_ref (second));
      g_assert_cmpuint (ib_toasts_get_n_waiting (f->overlay), ==, 1);
      g_assert_true (ib_toasts_get_shown (f->overlay) == first);
      while (ib_toasts_get_shown (f->overlay) != second)
        run_for (f, 10);
      run_for (f, 5);
      ib_toasts_add (f->overlay, g_object_ref (third));
      wait_clickable (f, third);
      adw_toast_dismiss (third);
      run_for (f, 900);
      g_assert_cmpuint (toasts_on (f->overlay), ==, 0);
      g_assert_null (ib_toasts_get_shown (f->overlay));
    }
  g_assert_cmpuint (f->most_toasts, ==, 1);
}

/* A High-priority toast sends the shown one away; a lasting one comes back after it. */
static void
test_high_priority_and_lasting (Fixture       *f,
                                gconstpointer  data)
{
  AdwToast *sign_in = adw_toast_new ("Sign in again to keep syncing");
  g_autoptr (AdwToast) deleted = adw_toast_new ("“R03” deleted");
  AdwToast *normal = adw_toast_new ("Values imported");

  adw_toast_set_timeout (sign_in, 0);
  adw_toast_set_button_label (sign_in, "_Sign In…");
  adw_toast_set_action_name (sign_in, "win.sync-settings");
  ib_toasts_add (f->overlay, sign_in);
  run_for (f, 100);
  adw_toast_set_priority (deleted, ADW_TOAST_PRIORITY_HIGH);
  ib_toasts_add (f->overlay, g_object_ref (deleted));
  ib_toasts_add (f->overlay, normal);
  /* The deleted one first, then the sign-in again, then the Normal one that came last. */
  g_assert_cmpuint (ib_toasts_get_n_waiting (f->overlay), ==, 3);
  wait_clickable (f, deleted);
  g_assert_true (ib_test_window_shows (GTK_WIDGET (f->window), "“R03” deleted"));
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "Sign in again to keep syncing"));
  adw_toast_dismiss (deleted);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Sign in again to keep syncing");
  g_assert_true (ib_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Sign In…") != NULL);
  g_assert_cmpuint (ib_toasts_get_n_waiting (f->overlay), ==, 1);
  g_assert_cmpuint (f->most_toasts, ==, 1);
}

/* An AdwPreferencesWindow's toasts (sync settings, the council's neighbours) go on its own
 * overlay one at a time too: errors from buttons pressed one after another. */
static void
test_preferences_window (void)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  Fixture f = { GTK_WINDOW (window), NULL, 0 };

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  ib_test_settle ();
  g_object_set (gtk_widget_get_settings (window), "gtk-enable-animations", TRUE, NULL);
  f.overlay = ib_toasts_find_overlay (page);
  g_assert_nonnull (f.overlay);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (f.overlay), window));

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("The server refused the change (%u)", i);

      ib_toasts_add_to (page, adw_toast_new (title));
      run_for (&f, 40);
    }
  g_assert_cmpuint (ib_toasts_get_n_waiting (f.overlay), ==, 3);
  ib_test_wait_for_text (window, "The server refused the change (0)");
  g_assert_cmpuint (f.most_toasts, ==, 1);

  g_object_set (gtk_widget_get_settings (window), "gtk-enable-animations", FALSE, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ib_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  mallopt (M_PERTURB, 0xa5);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/ui/toasts/quick-replacements", Fixture, NULL, fixture_set_up, test_quick_replacements, fixture_tear_down);
  g_test_add ("/ui/toasts/high-priority-and-lasting", Fixture, NULL, fixture_set_up, test_high_priority_and_lasting, fixture_tear_down);
  g_test_add_func ("/ui/toasts/preferences-window", test_preferences_window);
  rc = g_test_run ();
  return rc;
}
