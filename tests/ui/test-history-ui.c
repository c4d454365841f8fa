/* test-history-ui.c: who changed a record, when, and from what, across two clients of one real
 * server on 127.0.0.1: an action's due date changed in one window is in the other's History
 * with its author's name, and stays readable there once the server is gone. Runs the real
 * widgets under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-format.h"
#include "ib-history.h"
#include "ib-history-section.h"
#include "ib-store.h"
#include "ib-test-server.h"
#include "ib-ui-test-util.h"
#include "ib-window.h"

typedef struct
{
  char     *path;
  IbStore  *store;
  IbWindow *window;
} Side;

static IbTestServer *srv;
static IbApplication *app;

static void
sign_in (Side       *side,
         const char *user)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
  g_autofree char *password = g_strdup_printf ("password-%s", user);

  ib_test_sign_in (side->window, url, user, password);
}

static void
sync_now (Side *side)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (side->window), "win.sync", NULL));
  g_main_context_iteration (NULL, FALSE);
  ib_test_wait_synced (side->window);
}

static void
side_open (Side       *side,
           const char *name,
           const char *user)
{
  g_autoptr (GError) error = NULL;

  side->path = g_build_filename (srv->dir, name, NULL);
  side->store = ib_store_open (side->path, &error);
  g_assert_no_error (error);
  ib_store_set_user (side->store, user);
}

static void
side_show (Side *side)
{
  side->window = ib_window_new (ADW_APPLICATION (app), side->store);
  gtk_window_set_default_size (GTK_WINDOW (side->window), 1300, 900);
  gtk_window_present (GTK_WINDOW (side->window));
  ib_test_settle ();
}

static void
side_close (Side *side)
{
  if (side->window != NULL)
    gtk_window_destroy (GTK_WINDOW (side->window));
  ib_test_settle ();
  g_clear_object (&side->store);
  g_clear_pointer (&side->path, g_free);
}

static IbHistorySection *
shown_history (Side *side)
{
  GtkWidget *history = ib_test_find_mapped (GTK_WIDGET (side->window), IB_TYPE_HISTORY_SECTION);

  g_assert_nonnull (history);
  return IB_HISTORY_SECTION (history);
}

/* TRUE once the History section is on screen and not fetching; a window just presented may
 * not have mapped its detail pane yet, so a missing section is waited for, not a failure. */
static gboolean
fetched_cb (gpointer data)
{
  Side *side = data;
  GtkWidget *history = ib_test_find_mapped (GTK_WIDGET (side->window), IB_TYPE_HISTORY_SECTION);

  return history != NULL && !ib_history_section_is_fetching (IB_HISTORY_SECTION (history));
}

static void
open_action (Side       *side,
             const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (side->window), "win.open", "(ss)", "plan", id));
  ib_test_settle ();
  ib_test_spin_until (fetched_cb, side, 20);
}

static void
test_history_across_clients (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) mine = NULL;
  g_autoptr (IbRecord) theirs = NULL;
  g_autoptr (IbRecord) other = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *date = ib_format_date (day);
  g_autofree char *line = g_strdup_printf ("Changed due date from 31 March 2023 to 30 June 2023 — ed, %s", date);
  g_autoptr (GPtrArray) kept = NULL;
  Side a = { 0 }, b = { 0 };

  /* A starts a plan with action 10 and sends it; B signs in and receives it. */
  side_open (&a, "history-a.db", "ed");
  {
    g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
    g_autoptr (IbRecord) action = ib_record_new (&ib_type_action);

    ib_record_set_string (plan, "title", "Improvement Plan");
    ib_record_set_string (plan, "status", "active");
    g_assert_true (ib_store_create (a.store, plan, &error));
    ib_record_set_string (action, "plan", ib_record_get_id (plan));
    ib_record_set_string (action, "ref", "10");
    ib_record_set_string (action, "title", "Recruitment and retention");
    ib_record_set_string (action, "due_on", "2023-03-31");
    g_assert_true (ib_store_create (a.store, action, &error));
    g_object_unref (action);
    action = ib_record_new (&ib_type_action);
    ib_record_set_string (action, "plan", ib_record_get_id (plan));
    ib_record_set_string (action, "ref", "11");
    ib_record_set_string (action, "title", "Senior leadership development");
    g_assert_true (ib_store_create (a.store, action, &error));
    g_assert_no_error (error);
  }
  side_show (&a);
  sign_in (&a, "ed");
  side_open (&b, "history-b.db", "ann");
  side_show (&b);
  sign_in (&b, "ann");

  /* A officer moves action 10's due date and syncs. */
  mine = ib_test_active_action (a.store, "10");
  g_assert_cmpstr (ib_record_get_string (mine, "due_on"), ==, "2023-03-31");
  ib_record_set_string (mine, "due_on", "2023-06-30");
  g_assert_true (ib_store_update (a.store, mine, &error));
  g_assert_no_error (error);
  sync_now (&a);

  /* B syncs and opens the action: its History, fetched from the server, says who did it. */
  sync_now (&b);
  theirs = ib_test_active_action (b.store, "10");
  g_assert_cmpstr (ib_record_get_string (theirs, "due_on"), ==, "2023-06-30");
  open_action (&b, ib_record_get_id (theirs));
  ib_test_wait_for_text (GTK_WIDGET (b.window), line);
  g_assert_cmpstr (ib_history_section_get_status (shown_history (&b)), ==, "Newest first.");
  ib_test_scroll_to (GTK_WIDGET (shown_history (&b)));
  ib_test_save_shot (GTK_WIDGET (b.window), "history-fetched.png");
  /* Newest first: the change comes before the record's creation. */
  kept = ib_store_history_list (b.store, "action", ib_record_get_id (theirs));
  g_assert_cmpuint (kept->len, >=, 2);
  g_assert_cmpstr (json_object_get_string_member (kept->pdata[0], "by"), ==, "ed");
  g_assert_cmpstr (json_object_get_string_member (kept->pdata[kept->len - 1], "kind"), ==, "created");
  g_assert_false (ib_test_window_shows (GTK_WIDGET (b.window), "Waiting to be sent"));

  /* The server goes away; B's History is still there, from what it kept, and says so. */
  g_assert_cmpint (ib_test_server_stop (srv), ==, 0);
  other = ib_test_active_action (b.store, "11");
  open_action (&b, ib_record_get_id (other));
  open_action (&b, ib_record_get_id (theirs));
  ib_test_wait_for_text (GTK_WIDGET (b.window), line);
  g_assert_true (g_str_has_prefix (ib_history_section_get_status (shown_history (&b)),
                                   "Could not fetch the history from the server"));
  ib_test_scroll_to (GTK_WIDGET (shown_history (&b)));
  ib_test_save_shot (GTK_WIDGET (b.window), "history-offline.png");

  /* And in a new window on B's file, as after a restart offline. */
  gtk_window_destroy (GTK_WINDOW (b.window));
  side_show (&b);
  open_action (&b, ib_record_get_id (theirs));
  ib_test_wait_for_text (GTK_WIDGET (b.window), line);

  side_close (&a);
  side_close (&b);
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

  srv = ib_test_server_new (FALSE);
  ib_test_server_add_user (srv, "ed", "editor", "exempt");
  ib_test_server_add_user (srv, "ann", "editor", "exempt");
  ib_test_server_start (srv);

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/history/across-clients", test_history_across_clients);
  rc = g_test_run ();

  ib_test_server_free (srv);
  g_clear_object (&app);
  return rc;
}
