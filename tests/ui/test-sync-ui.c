/* test-sync-ui.c: two windows, each on its own database, signed in to one real server through
 * the Sync Settings dialog; an edit in one reaches the other, and a clash is decided in the
 * conflict review. Runs the real widgets under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-store.h"
#include "ib-overview-page.h"
#include "ib-record-editor-private.h"
#include "ib-store-sync.h"
#include "ib-sync-button-private.h"
#include "ib-test-server.h"
#include "ib-ui-test-util.h"
#include "ib-window.h"

typedef struct
{
  IbStore  *store;
  IbWindow *window;
} Side;

static IbTestServer *srv;
static IbApplication *app;

typedef struct { IbWindow *window; const char *text; } ButtonSays;

static gboolean
button_says_cb (gpointer data)
{
  ButtonSays *b = data;
  GtkWidget *button = ib_test_find_widget (GTK_WIDGET (b->window), IB_TYPE_SYNC_BUTTON, NULL);

  return button != NULL && g_strcmp0 (ib_sync_button_get_label (IB_SYNC_BUTTON (button)), b->text) == 0;
}

/* The header button's state text (hidden, icon only, in a narrow window; still its label). */
static void
wait_for_button (IbWindow   *window,
                 const char *text)
{
  ButtonSays b = { window, text };

  ib_test_spin_until (button_says_cb, &b, 20);
}

static gboolean
synced_cb (gpointer data)
{
  IbSyncService *sync = ib_window_get_sync (data);
  return ib_sync_service_get_state (sync) == IB_SYNC_STATE_SYNCED;
}

static void
set_row_text (GtkWidget  *dialog,
              const char *title,
              const char *text)
{
  GtkWidget *row = ib_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Signs @side in the way a person does: Sync Settings, three fields, Sign In. */
static void
sign_in (Side       *side,
         const char *user)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
  g_autofree char *password = g_strdup_printf ("password-%s", user);
  GtkWindow *dialog;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (side->window), "win.sync-settings", NULL));
  dialog = ib_test_find_window (g_type_from_name ("IbSyncSettings"));
  g_assert_nonnull (dialog);

  set_row_text (GTK_WIDGET (dialog), "Server Address", url);
  set_row_text (GTK_WIDGET (dialog), "User Name", user);
  set_row_text (GTK_WIDGET (dialog), "Password", password);
  button = ib_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Sign In");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  ib_test_spin_until (synced_cb, side->window, 20);
  {
    g_autofree char *expected = g_strdup_printf ("Signed in as %s", user);
    ib_test_wait_for_text (GTK_WIDGET (dialog), expected);
  }
  gtk_window_destroy (dialog);
}

/* With IB_TEST_SHOTS=DIR, saves what @widget's window shows as DIR/NAME.png: a way to look at
 * states that need a server and two clients to reach. */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("IB_TEST_SHOTS");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (300000);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
sync_with_keyboard (Side *side)
{
  /* Ctrl+R is bound to win.sync; activate what the shortcut activates. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (side->window), "win.sync", NULL));
  g_main_context_iteration (NULL, FALSE);
  ib_test_spin_until (synced_cb, side->window, 20);
}

static void
side_open (Side       *side,
           const char *dir,
           const char *name,
           const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  side->store = ib_store_open (path, &error);
  g_assert_no_error (error);
  ib_store_set_user (side->store, user);
  side->window = ib_window_new (ADW_APPLICATION (app), side->store);
  if (g_getenv ("IB_TEST_NARROW") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (side->window), 360, 700);
  gtk_window_present (GTK_WINDOW (side->window));
}

static void
rename_plan (Side       *side,
             const char *id,
             const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) plan = ib_store_get (side->store, &ib_type_plan, id, &error);

  g_assert_no_error (error);
  ib_record_set_string (plan, "title", title);
  g_assert_true (ib_store_update (side->store, plan, &error));
}

static void
test_two_windows (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
  Side a = { 0 }, b = { 0 };
  GtkWindow *review;
  GtkWidget *use_mine;

  side_open (&a, srv->dir, "a.db", "ed");
  side_open (&b, srv->dir, "b.db", "ann");
  g_assert_cmpstr (ib_window_get_state (b.window), ==, "welcome");
  wait_for_button (b.window, "Not Syncing");

  /* A starts a plan and signs in; its first sync sends it. */
  ib_record_set_string (plan, "title", "Plan from A");
  ib_record_set_string (plan, "status", "active");
  g_assert_true (ib_store_create (a.store, plan, &error));
  sign_in (&a, "ed");
  wait_for_button (a.window, "Synced");

  /* B signs in from its first-start page and leaves it for the board the sync brings. */
  sign_in (&b, "ann");
  g_assert_cmpstr (ib_window_get_state (b.window), ==, "board");
  ib_test_wait_for_text (GTK_WIDGET (b.window), "Plan from A");

  /* An edit in A appears in B after each syncs. */
  rename_plan (&a, ib_record_get_id (plan), "Renamed in A");
  wait_for_button (a.window, "1 Pending");
  sync_with_keyboard (&a);
  sync_with_keyboard (&b);
  ib_test_wait_for_text (GTK_WIDGET (b.window), "Renamed in A");

  /* Both rename it offline; B syncs second and is asked to decide, without a modal dialog. */
  rename_plan (&a, ib_record_get_id (plan), "A's title");
  rename_plan (&b, ib_record_get_id (plan), "B's title");
  sync_with_keyboard (&a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (b.window), "win.sync", NULL));
  ib_test_wait_for_text (GTK_WIDGET (b.window), "1 edit needs your decision");
  wait_for_button (b.window, "1 Conflict");
  save_shot (GTK_WIDGET (b.window), "conflict-banner.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (b.window), "win.review-conflicts", NULL));
  review = ib_test_find_window (g_type_from_name ("IbConflictsWindow"));
  g_assert_nonnull (review);
  g_assert_true (ib_test_window_shows (GTK_WIDGET (review), "Yours: B's title\nCurrent: A's title"));
  save_shot (GTK_WIDGET (review), "conflict-review.png");
  use_mine = ib_test_find_widget (GTK_WIDGET (review), GTK_TYPE_BUTTON, "_Use Mine");
  g_assert_nonnull (use_mine);
  g_signal_emit_by_name (use_mine, "clicked");
  g_assert_true (ib_test_window_shows (GTK_WIDGET (review), "Nothing to Decide"));
  gtk_window_destroy (review);

  ib_test_spin_until (synced_cb, b.window, 20);
  sync_with_keyboard (&a);
  ib_test_wait_for_text (GTK_WIDGET (a.window), "B's title");
  ib_test_wait_for_text (GTK_WIDGET (b.window), "B's title");
  g_assert_cmpuint (ib_sync_service_get_conflicts (ib_window_get_sync (b.window)), ==, 0);

  /* B opens the plan in an editor and starts typing; A renames it and both sync. B's editor
   * says who changed it and keeps the typing until B reloads (FAULT-TESTS A10). */
  {
    GtkWidget *page = ib_test_find_widget (GTK_WIDGET (b.window), IB_TYPE_OVERVIEW_PAGE, NULL);
    GtkWindow *editor;
    GtkWidget *title_row, *reload, *save;

    g_assert_true (gtk_widget_activate_action (page, "overview.edit-plan", NULL));
    editor = ib_test_find_window (IB_TYPE_RECORD_EDITOR);
    g_assert_nonnull (editor);
    title_row = ib_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Title");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "B's title");
    gtk_editable_set_text (GTK_EDITABLE (title_row), "B is still typing");

    rename_plan (&a, ib_record_get_id (plan), "Director's title");
    sync_with_keyboard (&a);
    sync_with_keyboard (&b);
    g_assert_true (ib_record_editor_get_stale (IB_RECORD_EDITOR (editor)));
    ib_test_wait_for_text (GTK_WIDGET (editor),
                           "Changed by ed on the server while you were editing. Reload to see their version; your typing is kept until you do.");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "B is still typing");
    save_shot (GTK_WIDGET (editor), "editor-stale.png");

    reload = ib_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Reload");
    g_signal_emit_by_name (reload, "clicked");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Director's title");
    g_assert_false (ib_record_editor_get_stale (IB_RECORD_EDITOR (editor)));

    gtk_editable_set_text (GTK_EDITABLE (title_row), "Agreed title");
    save = ib_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Save");
    g_signal_emit_by_name (save, "clicked");
    sync_with_keyboard (&b);
    sync_with_keyboard (&a);
    ib_test_wait_for_text (GTK_WIDGET (a.window), "Agreed title");
  }

  gtk_window_destroy (GTK_WINDOW (a.window));
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&a.store);
  g_clear_object (&b.store);
}


/* Issue 17: a public-only user's delete keeps the Exempt action they could not see, and the
 * cleared user is asked, in the review, to restore the plan or delete the rest; an edit that
 * asked for Exempt and lost shows the class it asked for. */
static void
test_kept_records_decided (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) plan = ib_record_new (&ib_type_plan);
  g_autoptr (IbRecord) hidden = ib_record_new (&ib_type_action);
  g_autoptr (IbRecord) after = NULL;
  Side a = { 0 }, b = { 0 };
  GtkWindow *review;
  GtkWidget *delete_rest;

  side_open (&a, srv->dir, "kept-a.db", "ed");
  side_open (&b, srv->dir, "kept-b.db", "pub");

  ib_record_set_string (plan, "title", "Plan with a hidden action");
  g_assert_true (ib_store_create (a.store, plan, &error));
  ib_record_set_string (hidden, "plan", ib_record_get_id (plan));
  ib_record_set_string (hidden, "ref", "1");
  ib_record_set_string (hidden, "title", "About a named child");
  ib_record_set_class (hidden, "exempt");
  ib_record_set_exempt_paragraph (hidden, 1);
  g_assert_true (ib_store_create (a.store, hidden, &error));
  sign_in (&a, "ed");
  sign_in (&b, "pub");

  g_assert_true (ib_store_delete (b.store, &ib_type_plan, ib_record_get_id (plan), &error));
  g_assert_no_error (error);
  sync_with_keyboard (&b);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.window), "win.sync", NULL));
  ib_test_wait_for_text (GTK_WIDGET (a.window), "1 edit needs your decision");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.window), "win.review-conflicts", NULL));
  review = ib_test_find_window (g_type_from_name ("IbConflictsWindow"));
  g_assert_nonnull (review);
  g_assert_true (ib_test_window_shows (GTK_WIDGET (review), "Plan: Plan with a hidden action"));
  g_assert_true (ib_test_window_shows (GTK_WIDGET (review),
                                       "pub deleted this, but could not see 1 Exempt record in it, so that record was kept. "
                                       "Restore what was deleted, or delete the kept record too."));
  save_shot (GTK_WIDGET (review), "kept-review.png");
  g_assert_nonnull (ib_test_find_widget (GTK_WIDGET (review), GTK_TYPE_BUTTON, "_Restore Plan"));
  delete_rest = ib_test_find_widget (GTK_WIDGET (review), GTK_TYPE_BUTTON, "_Delete It Too");
  g_assert_nonnull (delete_rest);
  g_signal_emit_by_name (delete_rest, "clicked");
  g_assert_true (ib_test_window_shows (GTK_WIDGET (review), "Nothing to Decide"));
  gtk_window_destroy (review);

  ib_test_spin_until (synced_cb, a.window, 20);
  sync_with_keyboard (&a);
  after = ib_store_get (a.store, &ib_type_action, ib_record_get_id (hidden), NULL);
  g_assert_null (after);

  gtk_window_destroy (GTK_WINDOW (a.window));
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&a.store);
  g_clear_object (&b.store);
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
  ib_test_server_add_user (srv, "pub", "editor", "public");
  ib_test_server_start (srv);

  app = ib_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/sync/two-windows", test_two_windows);
  g_test_add_func ("/ui/sync/kept-records-decided", test_kept_records_decided);
  rc = g_test_run ();

  ib_test_server_free (srv);
  g_clear_object (&app);
  return rc;
}
