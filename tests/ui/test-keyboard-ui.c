/* test-keyboard-ui.c: issue 19 (6): every view's list works from the keyboard alone. The arrow
 * keys move through the list and Enter opens the item; Ctrl+F, a word and Enter open the first
 * match, in every view; Shift+Tab retraces Tab. Keys go through the X server as a person's do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-detail-header.h"
#include "ib-list-detail.h"
#include "ib-ui-test-util.h"

static IbApplication *app;

typedef struct
{
  const char         *view;
  const char         *query;   /* matches some item, but not the one shown first */
  const IbRecordType *type;    /* of the items Enter opens, where the list has headings too */
  const char         *edit;    /* the detail's button that opens its editor */
} ViewCase;

static const ViewCase cases[] = {
  { "plan", "oversight", &ib_type_action, "_Edit…" },
  { "judgements", "2022-06", NULL, "_Edit…" },
  { "kpis", "agency", NULL, "_Edit…" },
  { "risks", "lived", NULL, "_Edit…" },
  { "meetings", "scrutiny", NULL, "_Edit Meeting…" },
};

/* The views in the switcher's order, which is Alt+1 … Alt+6's. */
static const char *const view_order[] = { "overview", "plan", "judgements", "kpis", "risks", "meetings" };

static const char *
shown_id (IbListDetail *list)
{
  gpointer item = ib_list_detail_get_item (list);

  return item != NULL ? ib_view_model_get_item_id (ib_list_detail_get_model (list), item) : NULL;
}

/* The position of record @id in the model's own list (not the kept selection's), or
 * G_MAXUINT when it does not hold it. */
static guint
find_position (IbListDetail *list,
               const char   *id)
{
  IbViewModel *model = ib_list_detail_get_model (list);
  GListModel *items = ib_view_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (ib_view_model_get_item_id (model, item), id) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The position of record @id in the list, which must hold it. */
static guint
position_of (IbListDetail *list,
             const char   *id)
{
  guint position = find_position (list, id);

  g_assert_cmpuint (position, !=, G_MAXUINT);
  return position;
}

static gboolean
is_listed (IbListDetail *list,
           const char   *id)
{
  return find_position (list, id) != G_MAXUINT;
}

/* The position of the first record after @position (headings are not records). */
static guint
next_record (IbListDetail *list,
             guint         position)
{
  IbViewModel *model = ib_list_detail_get_model (list);
  GListModel *items = ib_view_model_get_items (model);

  for (guint i = position + 1; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);

      if (ib_view_model_get_item_id (model, item) != NULL)
        return i;
    }
  g_assert_not_reached ();
}

/* The id of the first record (of @type, when given) the list shows now. */
static char *
first_listed_id (IbListDetail       *list,
                 IbStore            *store,
                 const IbRecordType *type)
{
  IbViewModel *model = ib_list_detail_get_model (list);
  GListModel *items = ib_view_model_get_items (model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);
      const char *id = ib_view_model_get_item_id (model, item);
      g_autoptr (IbRecord) record = id != NULL && type != NULL ? ib_store_get (store, type, id, NULL) : NULL;

      if (id != NULL && (type == NULL || record != NULL))
        return g_strdup (id);
    }
  return NULL;
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = ib_test_get_focus ();

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_arrows_and_enter (gconstpointer data)
{
  const ViewCase *c = data;
  IbTestDemo demo = { 0 };
  IbListDetail *list;
  GtkWidget *list_view;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint steps;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), c->view, GTK_TYPE_WIDGET, 1280, 900);
  list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
  g_assert_nonnull (list);
  list_view = ib_test_find_mapped (GTK_WIDGET (list), GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (list_view);

  first = g_strdup (shown_id (list));
  g_assert_nonnull (first);
  /* As after choosing it: the keyboard on its row. */
  ib_list_detail_open (list, position_of (list, first));
  ib_test_settle ();
  g_assert_true (focus_in (list_view));

  /* Down (past any heading) then Enter opens the next item; the keyboard stays in the list. */
  steps = next_record (list, position_of (list, first)) - position_of (list, first);
  for (guint i = 0; i < steps; i++)
    ib_test_press_keys ("Down");
  ib_test_press_keys ("Return");
  second = g_strdup (shown_id (list));
  g_assert_nonnull (second);
  g_assert_cmpstr (second, !=, first);
  g_assert_true (focus_in (list_view));

  /* Up then Space comes back. */
  for (guint i = 0; i < steps; i++)
    ib_test_press_keys ("Up");
  ib_test_press_keys ("space");
  g_assert_cmpstr (shown_id (list), ==, first);
  g_assert_true (focus_in (list_view));

  ib_test_demo_close (&demo);
}

static gboolean
search_focused_cb (gpointer data)
{
  GtkWidget *focus = ib_test_get_focus ();

  return focus != NULL && gtk_widget_get_mapped (focus) && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static gboolean
search_applied_cb (gpointer data)
{
  return ib_view_model_is_filtered (ib_list_detail_get_model (data));
}

static void
test_find_first_match (gconstpointer data)
{
  const ViewCase *c = data;
  IbTestDemo demo = { 0 };
  IbListDetail *list;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  gboolean hidden_before;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), c->view, GTK_TYPE_WIDGET, 1280, 900);
  list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
  g_assert_nonnull (list);
  before = g_strdup (shown_id (list));

  ib_test_press_keys ("ctrl+f");
  ib_test_spin_until (search_focused_cb, NULL, 5);
  ib_test_type_text (c->query);
  /* The entry tells the list after a pause; then what the search hides is not left open. */
  ib_test_spin_until (search_applied_cb, list, 5);
  g_assert_true (shown_id (list) == NULL || is_listed (list, shown_id (list)));
  hidden_before = !is_listed (list, before);
  ib_test_press_keys ("Return");
  ib_test_settle ();

  expected = first_listed_id (list, demo.store, c->type);
  g_assert_nonnull (expected);
  g_assert_cmpstr (shown_id (list), ==, expected);
  if (hidden_before)
    g_assert_cmpstr (shown_id (list), !=, before);

  /* Escape in the list ends the search as in its entry: everything listed again, the match
   * still open, the keyboard still in the list. */
  ib_list_detail_focus_list (list);
  ib_test_settle ();
  g_assert_true (focus_in (ib_test_find_mapped (GTK_WIDGET (list), GTK_TYPE_GRID_VIEW)));
  ib_test_press_keys ("Escape");
  ib_test_settle ();
  g_assert_false (ib_view_model_is_filtered (ib_list_detail_get_model (list)));
  g_assert_cmpstr (shown_id (list), ==, expected);
  g_assert_true (focus_in (ib_test_find_mapped (GTK_WIDGET (list), GTK_TYPE_GRID_VIEW)));
  {
    gboolean search_mode = TRUE;

    g_object_get (list, "search-mode", &search_mode, NULL);
    g_assert_false (search_mode);
  }

  ib_test_demo_close (&demo);
}

static gboolean
list_focused_cb (gpointer data)
{
  return focus_in (data);
}

/* TRUE when the row at @position is made and shown whole by @list_view. */
static gboolean
row_in_sight (GtkWidget *list_view,
              guint      position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "list-item") : NULL;
      graphene_rect_t bounds;

      if (item == NULL || gtk_list_item_get_position (item) != position)
        continue;
      return gtk_widget_compute_bounds (child, list_view, &bounds) && bounds.origin.y >= 0 &&
             bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list_view);
    }
  return FALSE;
}

/* A view switched to by Alt+N has the keyboard in its list, so arrows and Enter work at once;
 * it used to stay on the header bar's first button, or go to the view's first control. The
 * Overview's content takes the keyboard too; and back in a view, the keyboard is where it was. */
static void
test_shortcut_focuses_list (gconstpointer data)
{
  const ViewCase *c = data;
  IbTestDemo demo = { 0 };
  GtkWidget *view, *list_view;
  IbListDetail *list;
  g_autofree char *key = NULL;
  guint n = 0;

  while (n < G_N_ELEMENTS (view_order) && g_strcmp0 (view_order[n], c->view) != 0)
    n++;
  g_assert_cmpuint (n, <, G_N_ELEMENTS (view_order));

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", GTK_TYPE_WIDGET, 1280, 900);
  ib_test_press_keys ("alt+1");
  ib_test_settle ();
  view = adw_view_stack_get_visible_child (ADW_VIEW_STACK (ib_test_find_mapped (GTK_WIDGET (demo.window),
                                                                                ADW_TYPE_VIEW_STACK)));
  g_assert_true (focus_in (view));

  key = g_strdup_printf ("alt+%u", n + 1);
  ib_test_press_keys (key);
  ib_test_settle ();
  list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
  list_view = ib_test_find_mapped (GTK_WIDGET (list), GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (list_view);
  ib_test_spin_until (list_focused_cb, list_view, 5);
  g_assert_true (focus_in (list_view));
  /* The open record's row scrolled into sight, not left off the screen. */
  ib_test_settle ();
  g_assert_nonnull (shown_id (list));
  g_assert_true (row_in_sight (list_view, position_of (list, shown_id (list))));

  /* Where the person left it: the search entry, after a trip to the Overview. */
  ib_test_press_keys ("ctrl+f");
  ib_test_spin_until (search_focused_cb, NULL, 5);
  ib_test_press_keys ("alt+1");
  ib_test_settle ();
  g_assert_false (focus_in (list_view));
  ib_test_press_keys (key);
  ib_test_settle ();
  g_assert_true (search_focused_cb (NULL));

  /* From the list, Tab goes on to the next control rather than walking the list's rows. */
  ib_test_press_keys ("Escape");
  gtk_widget_grab_focus (list_view);
  ib_test_settle ();
  g_assert_true (focus_in (list_view));
  ib_test_press_keys ("Tab");
  g_assert_false (focus_in (list_view));
  g_assert_nonnull (ib_test_get_focus ());

  ib_test_demo_close (&demo);
}

/* The button labelled @label that is on screen under @root (a hidden pane may have another). */
static GtkWidget *
find_shown_button (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 19 (6): after a dialog, the keyboard is back where it was, and the detail pane has not
 * scrolled away from what was being read. Each view's Edit… opens its editor; Escape closes it. */
static void
test_focus_returns (gconstpointer data)
{
  const ViewCase *c = data;
  IbTestDemo demo = { 0 };
  IbListDetail *list;
  GtkWidget *edit;
  GtkWidget *scroller;
  GtkAdjustment *vadjustment;
  double scrolled;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), c->view, GTK_TYPE_WIDGET, 1280, 700);
  list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
  g_assert_nonnull (list);
  edit = find_shown_button (GTK_WIDGET (list), c->edit);
  g_assert_nonnull (edit);

  /* Read down the pane a little, then edit from the keyboard. */
  scroller = gtk_widget_get_ancestor (edit, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_grab_focus (edit);
  gtk_adjustment_set_value (vadjustment, MIN (40.0, gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment)));
  ib_test_settle ();
  scrolled = gtk_adjustment_get_value (vadjustment);

  ib_test_press_keys ("Return");
  ib_test_wait_for_editor ();
  ib_test_press_keys ("Escape");
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  /* Xvfb has no window manager to give the window back the keyboard; GTK keeps its focus. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (demo.window)) == edit);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment), scrolled, 0.5);
  ib_test_demo_close (&demo);
}

/* The shown detail header's title under @root: a selectable label, so a stop for the keys. */
static GtkWidget *
shown_title (GtkWidget *root)
{
  GtkWidget *header = ib_test_find_mapped (root, IB_TYPE_DETAIL_HEADER);

  return header != NULL ? ib_test_find_mapped (header, GTK_TYPE_LABEL) : NULL;
}

/* Issue 19 (6): from a detail's heading, the next stop down (or on with Tab) is never a
 * destructive button: Delete is never one slip of a key away from reading a title. */
static void
test_heading_then_safe (gconstpointer data)
{
  const ViewCase *c = data;
  IbTestDemo demo = { 0 };
  IbListDetail *list;
  GtkWidget *title;
  const char *keys[] = { "Down", "Tab" };

  ib_test_demo_open (&demo, ADW_APPLICATION (app), c->view, GTK_TYPE_WIDGET, 1280, 900);
  list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
  g_assert_nonnull (list);
  title = shown_title (GTK_WIDGET (list));
  g_assert_nonnull (title);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *focus;

      gtk_widget_grab_focus (title);
      g_assert_true (ib_test_get_focus () == title);
      ib_test_press_keys (keys[i]);
      focus = ib_test_get_focus ();
      g_assert_nonnull (focus);
      g_assert_true (focus != title);
      g_assert_false (gtk_widget_has_css_class (focus, "destructive-action"));
    }
  ib_test_demo_close (&demo);
}

/* Names @widget for a failure message: its type, and its label or accessible name where it
 * has one a person would read. */
static char *
describe (GtkWidget *widget)
{
  const char *label = NULL;

  if (widget == NULL)
    return g_strdup ("(nothing)");
  if (GTK_IS_BUTTON (widget))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_LABEL (widget))
    label = gtk_label_get_label (GTK_LABEL (widget));
  /* An icon button: what its tooltip says it does. */
  if (label == NULL)
    label = gtk_widget_get_tooltip_text (widget);
  return g_strdup_printf ("%s%s%s", G_OBJECT_TYPE_NAME (widget), label != NULL ? " " : "", label != NULL ? label : "");
}

/* Where @widget is in the window: each ancestor's type and place among its siblings. A pane
 * that shows its record anew (as the detail does when the list takes the focus) builds new
 * widgets in the same places, and the keyboard is where it was if it is at the same place. */
static char *
place_of (GtkWidget *widget)
{
  GString *place = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      guint index = 0;

      for (GtkWidget *sibling = gtk_widget_get_prev_sibling (w); sibling != NULL; sibling = gtk_widget_get_prev_sibling (sibling))
        index++;
      g_autofree char *step = g_strdup_printf ("%s[%u]/", G_OBJECT_TYPE_NAME (w), index);

      g_string_prepend (place, step);
    }
  return g_string_free (place, FALSE);
}

/* The most Tab presses walked: past every control of a view's list pane and detail. */
#define TAB_WALK 40

/* Presses @key from where the focus is until it comes back there or @TAB_WALK presses, then
 * @back as many times: each press of @back must land where the @key before it started. */
static void
walk_and_return (const char *key,
                 const char *back)
{
  g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (ib_test_get_focus ());
  g_ptr_array_add (places, place_of (ib_test_get_focus ()));
  g_ptr_array_add (names, describe (ib_test_get_focus ()));
  while (places->len <= TAB_WALK)
    {
      ib_test_press_keys (key);
      g_assert_nonnull (ib_test_get_focus ());
      g_ptr_array_add (places, place_of (ib_test_get_focus ()));
      g_ptr_array_add (names, describe (ib_test_get_focus ()));
      if (g_str_equal (places->pdata[places->len - 1], places->pdata[0]))
        break;
    }

  for (guint i = places->len - 1; i > 0; i--)
    {
      g_autofree char *place = NULL;

      ib_test_press_keys (back);
      g_assert_nonnull (ib_test_get_focus ());
      place = place_of (ib_test_get_focus ());
      if (!g_str_equal (place, places->pdata[i - 1]))
        {
          g_autofree char *got = describe (ib_test_get_focus ());

          for (guint k = 0; k < places->len; k++)
            g_test_message ("%s walk, step %u: %s at %s", key, k, (char *) names->pdata[k], (char *) places->pdata[k]);
          g_error ("%s from step %u of the %s walk (%s) went to %s at %s, not back to %s at %s", back, i, key,
                   (char *) names->pdata[i], got, place, (char *) names->pdata[i - 1], (char *) places->pdata[i - 1]);
        }
    }
}

static gboolean
leaflet_settled_cb (gpointer data)
{
  return !adw_leaflet_get_child_transition_running (data);
}

/* Shift+Tab walks back the way Tab came, and Tab the way Shift+Tab came: a person who tabs one
 * too far steps back one, not somewhere else. From the list, both ways, wide and at 360 px, and
 * at 360 px from an opened record's page. */
static void
test_tab_reverses (gconstpointer data)
{
  const ViewCase *c = data;
  const int widths[] = { 1280, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      IbTestDemo demo = { 0 };
      IbListDetail *list;

      ib_test_demo_open (&demo, ADW_APPLICATION (app), c->view, GTK_TYPE_WIDGET, widths[w], 900);
      list = IB_LIST_DETAIL (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_LIST_DETAIL));
      g_assert_nonnull (list);
      ib_list_detail_focus_list (list);
      ib_test_settle ();
      walk_and_return ("Tab", "shift+Tab");
      ib_list_detail_focus_list (list);
      ib_test_settle ();
      walk_and_return ("shift+Tab", "Tab");
      if (widths[w] < 600)
        {
          /* Narrow, a record opened fills the window: its page walks both ways too. */
          ib_list_detail_open (list, position_of (list, shown_id (list)));
          ib_list_detail_focus_shown (list);
          /* Walked once the page has slid in: while it slides, the list is still on screen. */
          ib_test_spin_until (leaflet_settled_cb, ib_test_find_widget (GTK_WIDGET (list), ADW_TYPE_LEAFLET, NULL), 5);
          ib_test_settle ();
          g_assert_nonnull (ib_test_get_focus ());
          g_assert_null (gtk_widget_get_ancestor (ib_test_get_focus (), GTK_TYPE_GRID_VIEW));
          walk_and_return ("Tab", "shift+Tab");
          walk_and_return ("shift+Tab", "Tab");
        }
      ib_test_demo_close (&demo);
    }
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

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *arrows = g_strdup_printf ("/ui/keyboard/arrows-and-enter/%s", cases[i].view);
      g_autofree char *find = g_strdup_printf ("/ui/keyboard/find-first-match/%s", cases[i].view);
      g_autofree char *focus = g_strdup_printf ("/ui/keyboard/focus-returns/%s", cases[i].view);
      g_autofree char *heading = g_strdup_printf ("/ui/keyboard/heading-then-safe/%s", cases[i].view);
      g_autofree char *shortcut = g_strdup_printf ("/ui/keyboard/shortcut-focuses-list/%s", cases[i].view);
      g_autofree char *reverses = g_strdup_printf ("/ui/keyboard/tab-reverses/%s", cases[i].view);

      g_test_add_data_func (arrows, &cases[i], test_arrows_and_enter);
      g_test_add_data_func (find, &cases[i], test_find_first_match);
      g_test_add_data_func (focus, &cases[i], test_focus_returns);
      g_test_add_data_func (heading, &cases[i], test_heading_then_safe);
      g_test_add_data_func (shortcut, &cases[i], test_shortcut_focuses_list);
      g_test_add_data_func (reverses, &cases[i], test_tab_reverses);
    }
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
