/* test-app.c: the real application, under Xvfb, on a temporary database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "ib-application.h"
#include "ib-store.h"
#include <sqlite3.h>
#include "ib-test-util.h"
#include "ib-engagement-detail.h"
#include "ib-overview-page.h"
#include "ib-ui-test-util.h"
#include "ib-kpi-row.h"
#include "ib-view.h"
#include "ib-view-slot.h"
#include "ib-window.h"

typedef struct
{
  IbApplication *app;
  IbWindow      *window;
  GString       *texts;   /* every label in the window, one per line */
  gboolean       drawn;
  guint          timeout_id;
  void         (*check) (gpointer data);
  gpointer       data;
} Run;

static gboolean
inspect_cb (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  GtkWidget *overview;

  /* Wait for the first frame: the test checks what a person would see. */
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  /* The Overview's figures follow its first frame: wait for those too. */
  overview = ib_test_find_widget (GTK_WIDGET (window), IB_TYPE_OVERVIEW_PAGE, NULL);
  if (overview != NULL && ib_overview_page_is_loading (IB_OVERVIEW_PAGE (overview)))
    return G_SOURCE_CONTINUE;

  run->timeout_id = 0;
  run->window = IB_WINDOW (window);
  run->drawn = TRUE;
  ib_test_collect_labels (GTK_WIDGET (window), run->texts);
  if (run->check != NULL)
    run->check (run);

  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
run_app (Run        *run,
         const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "improvement-board");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  run->app = ib_application_new ();
  run->texts = g_string_new (NULL);
  run->timeout_id = g_timeout_add (100, inspect_cb, run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run->app), (int) argv->len - 1, (char **) argv->pdata), ==, 0);
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_assert_true (run->drawn);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->app);
  g_string_free (run->texts, TRUE);
}

static void
assert_shows (Run        *run,
              const char *text)
{
  g_autofree char *needle = g_strdup_printf ("%s\n", text);

  if (strstr (run->texts->str, needle) == NULL)
    g_error ("The window does not show “%s”. It shows:\n%s", text, run->texts->str);
}

static void
check_demo (gpointer data)
{
  Run *run = data;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (run->window)), ==, "Improvement Board");
  g_assert_cmpstr (ib_window_get_state (run->window), ==, "board");
  g_assert_cmpstr (ib_window_get_view (run->window), ==, "overview");
}

static void
test_demo_overview (void)
{
  g_autofree char *dir = ib_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  const char *args[] = { "--database", path, "--demo", NULL };
  Run run = { .check = check_demo };

  run_app (&run, args);

  /* The Dec 2021 grades, the plan's roll-up and its badges, the KPI off target, the top risk. */
  assert_shows (&run, "Standard inspection · 6–17 December 2021 · ILACS (2018)");
  assert_shows (&run, "The impact of leaders on social work practice with children and families");
  assert_shows (&run, "Requires improvement to be good");
  assert_shows (&run, "Inadequate");
  assert_shows (&run, "Children’s Social Care Improvement Plan (Draft v3)");
  assert_shows (&run, "9 actions");
  assert_shows (&run, "2 G / 4 A / 1 R / 2 complete");
  assert_shows (&run, "1 Red");
  assert_shows (&run, "4 Amber");
  assert_shows (&run, "Agency social worker rate");
  assert_shows (&run, "March 2022: 31% against a target of 20%");
  assert_shows (&run, "R02 Shortage of permanent social workers and managers");
  assert_shows (&run, "Sample");
  run_clear (&run);

  /* Started again on the same file, the demo is not loaded twice. */
  {
    g_autoptr (IbStore) store = ib_store_open (path, NULL);

    g_assert_cmpuint (ib_store_count (store, &ib_type_action), ==, 24);
  }

  ib_test_remove_dir (dir);
}

/* Every hidden view is built, laid out at the size of the one shown, and hidden again (not
 * visible, as GTK means it, so GTK leaves its style alone while it is off the screen). The view
 * itself forgets its size when hidden; what it holds keeps theirs. */
static gboolean
hidden_views_laid_out (gpointer data)
{
  AdwViewStack *stack = data;
  GtkWidget *shown = adw_view_stack_get_visible_child (stack);
  g_autoptr (GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      IbView *view;
      GtkWidget *content;

      if (child == shown || !IB_IS_VIEW_SLOT (child))
        continue;
      view = ib_view_slot_get_view (IB_VIEW_SLOT (child));
      if (view == NULL || ib_view_is_loading (view) || gtk_widget_get_visible (GTK_WIDGET (view)))
        return FALSE;
      content = gtk_widget_get_first_child (GTK_WIDGET (view));
      if (content == NULL ||
          gtk_widget_get_width (content) != gtk_widget_get_width (GTK_WIDGET (stack)) ||
          gtk_widget_get_height (content) != gtk_widget_get_height (GTK_WIDGET (stack)))
        return FALSE;
    }
  return TRUE;
}

/* The first widget of @type under @widget that has been laid out, or NULL. */
static GtkWidget *
laid_out_row (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_width (widget) > 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = laid_out_row (child, type);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
check_hidden_views (gpointer data)
{
  Run *run = data;
  AdwViewStack *stack = ADW_VIEW_STACK (ib_test_find_widget (GTK_WIDGET (run->window), ADW_TYPE_VIEW_STACK, NULL));
  GtkWidget *judgements = adw_view_stack_get_child_by_name (stack, "judgements");
  GtkWidget *shown = adw_view_stack_get_visible_child (stack);
  GtkWidget *row;
  int width;

  ib_test_spin_until (hidden_views_laid_out, stack, 30);
  /* Down to the rows of the inspection's grades in its detail pane. */
  row = laid_out_row (judgements, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_mapped (row));
  /* The KPIs, read apart and never shown, have their list in and laid out as well. */
  g_assert_nonnull (laid_out_row (adw_view_stack_get_child_by_name (stack, "kpis"), IB_TYPE_KPI_ROW));
  width = gtk_widget_get_width (row);

  /* Shown, it is visible and where it was laid out; the view left is hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run->window), "win.show-view", "s", "judgements"));
  ib_test_spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, row, 10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ib_view_slot_get_view (IB_VIEW_SLOT (judgements)))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ib_view_slot_get_view (IB_VIEW_SLOT (shown)))));
  g_assert_cmpint (gtk_widget_get_width (row), ==, width);
}

/* What the frames showed of a hidden view being styled: its list and its detail pane. */
typedef struct
{
  GtkWidget *view;
  GtkWidget *list;
  GtkWidget *detail;
  guint      seen;   /* STYLED_* below, each only after the ones before it */
} PartsWatch;

enum {
  STYLED_BARE = 1 << 0,         /* the view shown off the screen, list and detail held back */
  STYLED_LIST = 1 << 1,         /* then with its list, the detail still held back */
  STYLED_WHOLE = 1 << 2,        /* then whole */
};

static void
on_after_paint_watch_cb (GdkFrameClock *clock,
                         gpointer       data)
{
  PartsWatch *watch = data;
  gboolean list = gtk_widget_get_visible (watch->list), detail = gtk_widget_get_visible (watch->detail);

  if (!gtk_widget_get_visible (watch->view) || gtk_widget_get_mapped (watch->view))
    return;
  if (!list && !detail)
    watch->seen |= STYLED_BARE;
  else if (list && !detail && (watch->seen & STYLED_BARE))
    watch->seen |= STYLED_LIST;
  else if (list && detail && (watch->seen & STYLED_LIST))
    watch->seen |= STYLED_WHOLE;
}

static gboolean
styled_in_parts (gpointer data)
{
  PartsWatch *watch = data;
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (watch->view, ADW_TYPE_VIEW_STACK));

  return watch->seen == (STYLED_BARE | STYLED_LIST | STYLED_WHOLE) && hidden_views_laid_out (stack);
}

/* A hidden view is styled a part a frame: one frame styling all of a view's widgets took 15-20
 * ms on the ten-year dataset. Each frame of its layout pass shows it with its list and detail
 * held back, then with its list, then whole; and a view shown on screen in the middle of that
 * comes whole at once. */
static void
check_styled_in_parts (gpointer data)
{
  Run *run = data;
  AdwViewStack *stack = ADW_VIEW_STACK (ib_test_find_widget (GTK_WIDGET (run->window), ADW_TYPE_VIEW_STACK, NULL));
  IbViewSlot *slot = IB_VIEW_SLOT (adw_view_stack_get_child_by_name (stack, "judgements"));
  PartsWatch watch = { 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (run->window));
  gulong handler;
  int width, height;

  ib_test_spin_until (hidden_views_laid_out, stack, 30);
  watch.view = GTK_WIDGET (ib_view_slot_get_view (slot));
  watch.list = ib_test_find_widget (watch.view, GTK_TYPE_GRID_VIEW, NULL);
  watch.detail = ib_test_find_widget (watch.view, IB_TYPE_ENGAGEMENT_DETAIL, NULL);
  g_assert_nonnull (watch.list);
  g_assert_nonnull (watch.detail);
  g_assert_true (gtk_widget_get_visible (watch.list) && gtk_widget_get_visible (watch.detail));

  /* A resize lays the hidden views out again at the new size, with the frames watched. */
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_watch_cb), &watch);
  gtk_window_set_default_size (GTK_WINDOW (run->window), 1000, 700);
  ib_test_spin_until (styled_in_parts, &watch, 30);
  g_signal_handler_disconnect (clock, handler);
  g_assert_false (gtk_widget_get_visible (watch.view));
  g_assert_true (gtk_widget_get_visible (watch.list) && gtk_widget_get_visible (watch.detail));

  /* Its first step, then shown on screen: all of it comes, not the bare view. */
  width = gtk_widget_get_width (GTK_WIDGET (stack));
  height = gtk_widget_get_height (GTK_WIDGET (stack));
  g_assert_false (ib_view_slot_lay_out (slot, width, height));
  g_assert_true (gtk_widget_get_visible (watch.view));
  g_assert_false (gtk_widget_get_visible (watch.list) || gtk_widget_get_visible (watch.detail));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run->window), "win.show-view", "s", "judgements"));
  ib_test_spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, watch.list, 10);
  g_assert_true (gtk_widget_get_mapped (watch.detail));
}

static void
test_styled_in_parts (void)
{
  g_autofree char *dir = ib_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  const char *args[] = { "--database", path, "--demo", NULL };
  Run run = { .check = check_styled_in_parts };

  run_app (&run, args);
  run_clear (&run);
  ib_test_remove_dir (dir);
}

/* After start-up the hidden views are laid out in idle time, so that a view's first showing
 * only draws it (its first frame otherwise laid out every label of its list and detail). */
static void
test_hidden_views_laid_out (void)
{
  g_autofree char *dir = ib_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  const char *args[] = { "--database", path, "--demo", NULL };
  Run run = { .check = check_hidden_views };

  run_app (&run, args);
  run_clear (&run);
  ib_test_remove_dir (dir);
}

static gboolean
kpis_built (gpointer data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (ib_test_find_widget (data, ADW_TYPE_VIEW_STACK, NULL));

  IbView *view = ib_view_slot_get_view (IB_VIEW_SLOT (adw_view_stack_get_child_by_name (stack, "kpis")));

  return view != NULL && ib_view_get_store (view) != NULL;
}

static gboolean
kpi_row_laid_out (gpointer data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (ib_test_find_widget (data, ADW_TYPE_VIEW_STACK, NULL));
  GtkWidget *kpis = adw_view_stack_get_child_by_name (stack, "kpis");

  return !gtk_widget_get_mapped (kpis) && laid_out_row (kpis, IB_TYPE_KPI_ROW) != NULL;
}

static void
check_welcome (gpointer data)
{
  Run *run = data;

  g_assert_cmpstr (ib_window_get_state (run->window), ==, "welcome");
  /* Every view built, on the empty board, before the demo fills it. */
  ib_test_spin_until (kpis_built, run->window, 20);
  /* The first choice works from the keyboard: it has the focus, and activating loads the demo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run->window), "win.open-demo", NULL));
  g_assert_cmpstr (ib_window_get_state (run->window), ==, "board");
  /* The KPIs, never shown, read the figures a moment after the demo filled the empty board,
   * and the window lays them out hidden. */
  ib_test_spin_until (kpi_row_laid_out, run->window, 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run->window), "win.show-view", "s", "risks"));
  g_assert_cmpstr (ib_window_get_view (run->window), ==, "risks");
}

static void
test_first_start (void)
{
  g_autofree char *dir = ib_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  const char *args[] = { "--database", path, NULL };
  Run run = { .check = check_welcome };

  run_app (&run, args);
  assert_shows (&run, "Welcome to Improvement Board");
  assert_shows (&run, "Open the Demo Plan");
  assert_shows (&run, "Start an Empty Plan");
  run_clear (&run);
  ib_test_remove_dir (dir);
}

static void
check_error (gpointer data)
{
  Run *run = data;

  g_assert_cmpstr (ib_window_get_state (run->window), ==, "error");
}

static void
test_newer_database_refused (void)
{
  g_autofree char *dir = ib_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  const char *args[] = { "--database", path, "--demo", NULL };
  Run run = { .check = check_error };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 42", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  run_app (&run, args);
  assert_shows (&run, "Cannot Open the Database");
  g_assert_nonnull (strstr (run.texts->str, "newer version of Improvement Board"));
  run_clear (&run);
  ib_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP's way to skip the whole program: a plan of zero. */
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }

  g_test_add_func ("/ui/app/demo-overview", test_demo_overview);
  g_test_add_func ("/ui/app/first-start", test_first_start);
  g_test_add_func ("/ui/app/hidden-views-laid-out", test_hidden_views_laid_out);
  g_test_add_func ("/ui/app/styled-in-parts", test_styled_in_parts);
  g_test_add_func ("/ui/app/newer-database-refused", test_newer_database_refused);

  return g_test_run ();
}
