/* ib-ui-test-util.h: helpers for tests that look at real widgets in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record-editor.h"
#include "ib-store.h"
#include "ib-test-util.h"
#include "ib-window.h"

G_BEGIN_DECLS

/* Appends the text of every mapped label under @widget to @out, one per line: what a person
 * can read on the screen. */
void            ib_test_collect_labels     (GtkWidget  *widget,
                                            GString    *out);

/* Returns TRUE when a mapped label under @window reads exactly @text (one whole label, or
 * several consecutive ones joined by newlines). */
gboolean        ib_test_window_shows       (GtkWidget  *window,
                                            const char *text);

/* Runs the main loop until @window shows @text, or fails saying what it shows instead. */
void            ib_test_wait_for_text      (GtkWidget  *window,
                                            const char *text);

/* Runs the main loop until @done returns TRUE, failing the test after @seconds. */
void            ib_test_spin_until         (gboolean  (*done) (gpointer),
                                            gpointer    data,
                                            guint       seconds);

/* Returns the Undo button of the toast in @window once it takes clicks (a toast coming in takes
 * none, see ib-toasts.c), failing the test after a while. */
GtkWidget      *ib_test_wait_for_undo      (GtkWidget  *window);

/* Lets pending idle work (reloads, redraws) run. */
void            ib_test_settle             (void);

/* Returns the first widget of @type under @root (itself included) whose title or label is
 * @text (any when NULL): preference rows by title, buttons and labels by their text. */
GtkWidget      *ib_test_find_widget        (GtkWidget  *root,
                                            GType       type,
                                            const char *text);

/* Returns the first widget under @root (itself included) whose widget name is @name, or NULL. */
GtkWidget      *ib_test_find_named         (GtkWidget  *root,
                                            const char *name);

/* Returns the first mapped widget of @type under @root (itself included), or NULL: the one on
 * screen where a hidden page has another. */
GtkWidget      *ib_test_find_mapped        (GtkWidget  *root,
                                            GType       type);

/* Returns a visible toplevel of @type (transfer none), or NULL. */
GtkWindow      *ib_test_find_window        (GType       type);

/* Waits for a toplevel of @type to be shown and returns it (transfer none). */
GtkWindow      *ib_test_wait_for_window    (GType       type);

/* Waits until no toplevel of @type is shown, as after a dialog closed. */
void            ib_test_wait_for_no_window (GType       type);

/* Waits for a record editor to open and returns it. */
IbRecordEditor *ib_test_wait_for_editor    (void);

/* Runs the form's save action, as its Save (or Create) button and Ctrl+Enter do. */
void            ib_test_press_save         (GtkWindow  *window);

/* Sets whether saving a statement or a review asks once first (the "confirm-permanent"
 * setting; the memory backend keeps it for the rest of the test program). */
void            ib_test_set_confirm_permanent (gboolean ask);

/* Gives @window the keyboard (the X server's input focus) and waits until it is active. */
void            ib_test_focus_window       (GtkWindow  *window);

/* Presses @keys on the keyboard through the X server (XTest), as a person would: key names
 * separated by spaces, each with its modifiers, e.g. "ctrl+f Down Return shift+Tab"; the
 * active toplevel gets them. Returns once the window has handled them. */
void            ib_test_press_keys         (const char *keys);

/* Types @text (ASCII) on the keyboard, one key at a time. */
void            ib_test_type_text          (const char *text);

/* Returns the widget with the keyboard focus in the active toplevel (transfer none), or NULL. */
GtkWidget      *ib_test_get_focus          (void);

/* Reads one number from the database file @path through its own connection: what is on disk. */
gint64          ib_test_query_int          (const char *path,
                                            const char *sql);

/* A window on the demo plan in a real database file under a fresh folder. */
typedef struct
{
  char     *dir;
  char     *path;
  IbStore  *store;
  IbWindow *window;
} IbTestDemo;

/* Opens @demo with "Helen Marsh" signed in, presents it at @width × @height, shows @view and
 * returns that view's page of @page_type. */
GtkWidget      *ib_test_demo_open          (IbTestDemo     *demo,
                                            AdwApplication *app,
                                            const char     *view,
                                            GType           page_type,
                                            int             width,
                                            int             height);

/* Destroys the window and removes the folder with the database in it. */
void            ib_test_demo_close         (IbTestDemo     *demo);

/* With IB_TEST_SHOTS=DIR, saves what @widget shows as DIR/@name (a PNG): a way to look at
 * states that take a server, two clients or a scrolled pane to reach. Does nothing without it. */
void            ib_test_save_shot          (GtkWidget  *widget,
                                            const char *name);

/* Scrolls the scrolled window around @widget so that @widget is at its top (or as near as the
 * content allows). */
void            ib_test_scroll_to          (GtkWidget  *widget);

/* Runs the main loop until @window's sync service says Synced, failing after 30 seconds. */
void            ib_test_wait_synced        (IbWindow   *window);

/* Signs @window in as a person does: Sync Settings, the server's address, @user and
 * @password, Sign In; waits for the first sync and closes the dialog. */
void            ib_test_sign_in            (IbWindow   *window,
                                            const char *url,
                                            const char *user,
                                            const char *password);

/* Returns the active plan's action @ref (older plans reuse the numbers); fails without one. */
IbRecord       *ib_test_active_action      (IbStore    *store,
                                            const char *ref);

G_END_DECLS
