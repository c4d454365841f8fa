/* ib-ui-test-util.c: helpers for tests that look at real widgets in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <X11/extensions/XTest.h>

#include "ib-shared-text.h"
#include "ib-demo.h"
#include "ib-list-detail.h"
#include "ib-overview-page.h"
#include "ib-settings.h"
#include "ib-ui-test-util.h"

/* A crash in a UI test is often a race that a rerun does not repeat, and a log that says only
 * "killed by signal 11" leaves nothing to go on: gdb, attached to this process from the handler,
 * prints every thread's stack where it happened (the crashing one is in on_fatal_signal). */
static void
on_fatal_signal (int signum)
{
  char pid[32];
  pid_t child;

  g_snprintf (pid, sizeof pid, "%d", (int) getpid ());
  g_printerr ("%s: every thread's stack follows\n", g_strsignal (signum));
  child = fork ();
  if (child == 0)
    {
      dup2 (STDERR_FILENO, STDOUT_FILENO);
      execlp ("gdb", "gdb", "-batch", "-nx", "-p", pid, "-ex", "thread apply all bt", (char *) NULL);
      _exit (127);
    }
  if (child > 0)
    waitpid (child, NULL, 0);
  signal (signum, SIG_DFL);
  raise (signum);
}

__attribute__ ((constructor)) static void
install_crash_trace (void)
{
  /* Yama lets a process be traced by its ancestors only; gdb is the crashing test's child. */
  prctl (PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
  signal (SIGSEGV, on_fatal_signal);
  signal (SIGBUS, on_fatal_signal);
  signal (SIGFPE, on_fatal_signal);
}

void
ib_test_collect_labels (GtkWidget *widget,
                        GString   *out)
{
  if (!gtk_widget_get_mapped (widget) && !GTK_IS_WINDOW (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  /* A badge's text is drawn by an IbSharedText, not a GtkLabel. */
  else if (IB_IS_SHARED_TEXT (widget))
    g_string_append_printf (out, "%s\n", ib_shared_text_get_text (IB_SHARED_TEXT (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    ib_test_collect_labels (child, out);
}

gboolean
ib_test_window_shows (GtkWidget  *window,
                      const char *text)
{
  g_autoptr (GString) texts = g_string_new (NULL);
  g_autofree char *needle = g_strdup_printf ("%s\n", text);

  ib_test_collect_labels (window, texts);
  return strstr (texts->str, needle) != NULL;
}

void
ib_test_wait_for_text (GtkWidget  *window,
                       const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!ib_test_window_shows (window, text) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  if (!ib_test_window_shows (window, text))
    {
      g_autoptr (GString) texts = g_string_new (NULL);

      ib_test_collect_labels (window, texts);
      g_error ("The window never showed “%s”. It shows:\n%s", text, texts->str);
    }
}

void
ib_test_spin_until (gboolean (*done) (gpointer),
                    gpointer   data,
                    guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

/* Returns TRUE when a list under @widget shows a model whose first load is still read apart,
 * or the Overview waits for its figures. */
static gboolean
loading_under (GtkWidget *widget)
{
  if (IB_IS_OVERVIEW_PAGE (widget) && ib_overview_page_is_loading (IB_OVERVIEW_PAGE (widget)))
    return TRUE;
  if (IB_IS_LIST_DETAIL (widget))
    {
      g_autoptr (IbViewModel) model = NULL;

      g_object_get (widget, "model", &model, NULL);
      if (model != NULL && ib_view_model_is_loading (model))
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (loading_under (c))
      return TRUE;
  return FALSE;
}

static gboolean
nothing_loading (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (loading_under (window))
        return FALSE;
    }
  return TRUE;
}

static gboolean
takes_clicks (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_can_target (widget))
      return FALSE;
  return TRUE;
}

GtkWidget *
ib_test_wait_for_undo (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWidget *undo = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      undo = ib_test_find_widget (window, GTK_TYPE_BUTTON, "_Undo");
      if (undo != NULL && takes_clicks (undo))
        return undo;
      g_main_context_iteration (NULL, FALSE);
    }
  g_error ("No toast's Undo took clicks: %s", undo != NULL ? "the toast never finished coming in" : "no Undo shown");
  return NULL;
}

void
ib_test_settle (void)
{
  /* A view's first load is read on a worker thread: what a test checks next is what the list
   * shows once it is in. */
  ib_test_spin_until (nothing_loading, NULL, 20);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
ib_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *text)
{
  const char *have = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (ADW_IS_PREFERENCES_ROW (root))
        have = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        have = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        have = gtk_label_get_text (GTK_LABEL (root));
      else if (IB_IS_SHARED_TEXT (root))
        have = ib_shared_text_get_text (IB_SHARED_TEXT (root));
      if (text == NULL || g_strcmp0 (have, text) == 0)
        return root;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ib_test_find_widget (c, type, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ib_test_find_named (GtkWidget  *root,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ib_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ib_test_find_mapped (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ib_test_find_mapped (c, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
ib_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *w = g_list_model_get_item (toplevels, i);

      /* The list keeps its own reference, so a borrowed pointer stays valid. */
      g_object_unref (w);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }

  return NULL;
}

static gboolean
window_shown_cb (gpointer data)
{
  return ib_test_find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
window_gone_cb (gpointer data)
{
  return ib_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

GtkWindow *
ib_test_wait_for_window (GType type)
{
  ib_test_spin_until (window_shown_cb, GSIZE_TO_POINTER (type), 20);
  return ib_test_find_window (type);
}

void
ib_test_wait_for_no_window (GType type)
{
  ib_test_spin_until (window_gone_cb, GSIZE_TO_POINTER (type), 20);
}

IbRecordEditor *
ib_test_wait_for_editor (void)
{
  return IB_RECORD_EDITOR (ib_test_wait_for_window (IB_TYPE_RECORD_EDITOR));
}

void
ib_test_press_save (GtkWindow *window)
{
  /* A form has no default button (Enter works the focused control): its Save button and
   * Ctrl+Enter run this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             IB_IS_RECORD_EDITOR (window) ? "editor.save" : "picker.save", NULL));
  ib_test_settle ();
}

void
ib_test_set_confirm_permanent (gboolean ask)
{
  g_autoptr (GSettings) settings = ib_settings_new ();

  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "confirm-permanent", ask);
}

static GtkWindow *
active_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_window_is_active (w))
        return w;  /* the list keeps its own reference */
    }
  return NULL;
}

static gboolean
active_cb (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

void
ib_test_focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));

  g_assert_nonnull (surface);
  /* Xvfb runs no window manager: the test hands the focus over itself. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
  ib_test_spin_until (active_cb, window, 20);
}

GtkWidget *
ib_test_get_focus (void)
{
  GtkWindow *window = active_window ();

  return window != NULL ? gtk_root_get_focus (GTK_ROOT (window)) : NULL;
}

static void
press_keysym (Display *display,
              KeySym   sym,
              gboolean press)
{
  KeyCode code = XKeysymToKeycode (display, sym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (display, code, press, CurrentTime);
}

/* Sends one "ctrl+shift+Tab"-style chord. */
static void
press_chord (Display    *display,
             const char *chord)
{
  g_auto (GStrv) parts = g_strsplit (chord, "+", -1);
  guint n = g_strv_length (parts);
  KeySym syms[8];

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (syms));
  for (guint i = 0; i < n; i++)
    {
      const char *name = parts[i];

      if (i + 1 < n && g_ascii_strcasecmp (name, "ctrl") == 0)
        name = "Control_L";
      else if (i + 1 < n && g_ascii_strcasecmp (name, "shift") == 0)
        name = "Shift_L";
      else if (i + 1 < n && g_ascii_strcasecmp (name, "alt") == 0)
        name = "Alt_L";
      syms[i] = XStringToKeysym (name);
      if (syms[i] == NoSymbol)
        g_error ("No key is called “%s” (in “%s”)", name, chord);
    }

  for (guint i = 0; i < n; i++)
    press_keysym (display, syms[i], TRUE);
  for (guint i = n; i > 0; i--)
    press_keysym (display, syms[i - 1], FALSE);
}

static Display *
test_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

void
ib_test_press_keys (const char *keys)
{
  Display *display = test_display ();
  g_auto (GStrv) chords = g_strsplit (keys, " ", -1);

  for (guint i = 0; chords[i] != NULL; i++)
    {
      if (*chords[i] == '\0')
        continue;
      press_chord (display, chords[i]);
      XSync (display, False);
      /* Each key is handled before the next: a key may open a popover or a dialog. */
      ib_test_settle ();
    }
}

void
ib_test_type_text (const char *text)
{
  Display *display = test_display ();

  for (const char *p = text; *p != '\0'; p++)
    {
      /* Latin-1 keysyms are their characters' codes. */
      KeySym sym = (guchar) *p;
      gboolean upper = g_ascii_isupper (*p);

      g_assert_true (g_ascii_isalnum (*p) || strchr (" -./,'", *p) != NULL);
      if (upper)
        press_keysym (display, XK_Shift_L, TRUE);
      press_keysym (display, sym, TRUE);
      press_keysym (display, sym, FALSE);
      if (upper)
        press_keysym (display, XK_Shift_L, FALSE);
      XSync (display, False);
      ib_test_settle ();
    }
}

gint64
ib_test_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

GtkWidget *
ib_test_demo_open (IbTestDemo     *demo,
                   AdwApplication *app,
                   const char     *view,
                   GType           page_type,
                   int             width,
                   int             height)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *page;

  demo->dir = ib_test_make_dir ();
  demo->path = g_build_filename (demo->dir, "board.db", NULL);
  demo->store = ib_store_open (demo->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ib_demo_load (demo->store, &error), >, 0);
  ib_store_set_user (demo->store, "Helen Marsh");

  demo->window = ib_window_new (app, demo->store);
  gtk_window_set_default_size (GTK_WINDOW (demo->window), width, height);
  gtk_window_present (GTK_WINDOW (demo->window));
  ib_test_spin_until (mapped_cb, demo->window, 20);
  ib_test_focus_window (GTK_WINDOW (demo->window));

  /* Alt+1…5 are bound to this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo->window), "win.show-view", "s", view));
  page = ib_test_find_widget (GTK_WIDGET (demo->window), page_type, NULL);
  g_assert_nonnull (page);
  ib_test_settle ();
  return page;
}

void
ib_test_demo_close (IbTestDemo *demo)
{
  gtk_window_destroy (GTK_WINDOW (demo->window));
  ib_test_settle ();
  g_clear_object (&demo->store);
  ib_test_remove_dir (demo->dir);
  g_clear_pointer (&demo->path, g_free);
  g_clear_pointer (&demo->dir, g_free);
}

void
ib_test_save_shot (GtkWidget  *widget,
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

void
ib_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  double x, y;

  g_assert_nonnull (scroller);
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  ib_test_settle ();
  g_assert_true (gtk_widget_translate_coordinates (widget, child, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), y);
  ib_test_settle ();
}

static gboolean
synced_cb (gpointer data)
{
  return ib_sync_service_get_state (ib_window_get_sync (data)) == IB_SYNC_STATE_SYNCED;
}

void
ib_test_wait_synced (IbWindow *window)
{
  ib_test_spin_until (synced_cb, window, 30);
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

void
ib_test_sign_in (IbWindow   *window,
                 const char *url,
                 const char *user,
                 const char *password)
{
  g_autofree char *expected = g_strdup_printf ("Signed in as %s", user);
  GtkWindow *dialog;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-settings", NULL));
  dialog = ib_test_find_window (g_type_from_name ("IbSyncSettings"));
  g_assert_nonnull (dialog);

  set_row_text (GTK_WIDGET (dialog), "Server Address", url);
  set_row_text (GTK_WIDGET (dialog), "User Name", user);
  set_row_text (GTK_WIDGET (dialog), "Password", password);
  button = ib_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Sign In");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  ib_test_wait_synced (window);
  ib_test_wait_for_text (GTK_WIDGET (dialog), expected);
  gtk_window_destroy (dialog);
}

IbRecord *
ib_test_active_action (IbStore    *store,
                       const char *ref)
{
  g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "ref", ref);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);
      g_autoptr (IbRecord) plan = ib_store_get (store, &ib_type_plan, ib_record_get_string (action, "plan"), NULL);

      if (g_strcmp0 (ib_record_get_string (plan, "status"), "active") == 0)
        return g_steal_pointer (&action);
    }
  g_error ("no action %s of an active plan among %u", ref, g_list_model_get_n_items (actions));
}
