/* test-plan-ui.c: the Action Plan view in the real window, under Xvfb, on the demo plan in a
 * real database file: filter to red actions, add a statement through the editor, delete with
 * Undo, a new action in context, and the viewer's read-only page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "ib-action-detail.h"
#include "ib-application.h"
#include "ib-demo.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-list-detail.h"
#include "ib-plan-page-private.h"
#include "ib-record-editor.h"
#include "ib-test-util.h"
#include "ib-ui-test-util.h"
#include "ib-view.h"
#include "ib-window.h"

static IbApplication *app;

typedef struct
{
  IbTestDemo        demo;
  const char       *path;   /* the rest borrowed from demo */
  IbStore          *store;
  IbWindow         *window;
  IbPlanPage       *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = IB_PLAN_PAGE (ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1200, 800));
  f->path = f->demo.path;
  f->store = f->demo.store;
  f->window = f->demo.window;
  /* A practised hand who said "Don't ask again"; the tests of statements and reviews ask. */
  ib_test_set_confirm_permanent (FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

static GObject *
page_child (Fixture    *f,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_PLAN_PAGE, name);

  /* The search entry and the list are the page's list-and-detail widget's. */
  if (child == NULL)
    child = gtk_widget_get_template_child (GTK_WIDGET (page_child (f, "list_detail")), IB_TYPE_LIST_DETAIL, name);
  g_assert_nonnull (child);
  return child;
}

static void
type_long_text (IbRecordEditor *editor,
                const char     *field,
                const char     *text)
{
  GtkWidget *row = ib_record_editor_get_row (editor, field);
  GtkWidget *view = ib_test_find_widget (row, GTK_TYPE_TEXT_VIEW, NULL);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
test_filter_and_add_statement (Fixture       *f,
                               gconstpointer  data)
{
  const char *narrative = "Health visitors now join every strategy meeting for unborn babies.";
  IbRecordEditor *editor;
  GtkWidget *rag_row;
  gint64 statements;

  ib_test_set_confirm_permanent (TRUE);

  /* The demo plan, grouped by priority area, with its roll-up. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Children’s Social Care Improvement Plan (Draft v3)");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Workforce and leadership");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "4 Amber");

  /* Filter to red through the filter's own drop-down. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "rag_filter")), 1);
  ib_test_settle ();
  g_assert_cmpuint (ib_plan_model_get_n_shown (ib_plan_page_get_model (f->page)), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Timely protection for unborn and very young children at risk of significant harm");
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "Recruitment and retention: raise the permanent-to-interim and locum ratio"));

  /* Enter in the search box (with the search empty) opens the first match: action 16. */
  g_signal_emit_by_name (page_child (f, "search_entry"), "activate");
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "16 · Timely protection for unborn and very young children at risk of significant harm");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Position Statements");

  statements = ib_test_query_int (f->path, "SELECT count(*) FROM position_statement");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-statement", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Position Statement");

  /* An empty narrative is refused in the form, and nothing is written. */
  ib_test_press_save (GTK_WINDOW (editor));
  g_assert_nonnull (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Narrative” is required.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "narrative"), "error"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements);

  /* Amber now: Not set, Red, Amber, Green. */
  rag_row = ib_record_editor_get_row (editor, "delivery_rag");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rag_row), 2);
  type_long_text (editor, "narrative", narrative);
  type_long_text (editor, "next_steps", "Audit ten cases at the next performance surgery.");
  /* A statement can never be changed: the first save shows what will be saved and asks. */
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "Statements cannot be changed later: a correction is a new statement. Check it, then save.");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements);
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);

  /* On disk: the statement, the action's new colour, and both queued for sync. */
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements + 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement WHERE narrative = "
                                 "'Health visitors now join every strategy meeting for unborn babies.'"
                                 " AND author = 'Head of MASH (Anita Kaur)' AND delivery_rag = 'amber'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM action WHERE ref = '16' AND delivery_rag = 'amber'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'position_statement' AND op = 'create'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'action' AND op = 'update'"), ==, 1);

  /* The detail shows it first; the red filter now finds nothing and says so. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), narrative);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "No Matching Actions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.clear-filters", NULL));
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Recruitment and retention: raise the permanent-to-interim and locum ratio");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "5 Amber");
}

/* A new position statement updates the action's pane in place: the reader stays where they
 * were scrolled to, on the button they used, and reads the statement. */
/* Issue 19 (1): Enter on a drop-down in a statement's form opens the drop-down and never saves
 * the statement, which can never be changed; only Ctrl+Enter saves, and it asks once first. */
static void
test_enter_never_saves (Fixture       *f,
                        gconstpointer  data)
{
  gint64 statements = ib_test_query_int (f->path, "SELECT count(*) FROM position_statement");
  GtkWidget *rag_row;
  IbRecordEditor *editor;

  ib_test_set_confirm_permanent (TRUE);
  g_signal_emit_by_name (page_child (f, "search_entry"), "activate");
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Position Statements");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-statement", NULL));
  editor = ib_test_wait_for_editor ();
  ib_test_focus_window (GTK_WINDOW (editor));
  type_long_text (editor, "narrative", "Caseloads are down to twenty.");

  /* Enter on the RAG drop-down opens it; Down and Enter choose; nothing is saved. */
  rag_row = ib_record_editor_get_row (editor, "delivery_rag");
  gtk_widget_grab_focus (rag_row);
  ib_test_press_keys ("Return");
  g_assert_nonnull (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  g_assert_true (ib_test_find_mapped (rag_row, GTK_TYPE_POPOVER) != NULL);
  ib_test_press_keys ("Escape");
  g_assert_null (ib_test_find_mapped (rag_row, GTK_TYPE_POPOVER));
  g_assert_nonnull (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  ib_test_press_keys ("Return Down Return");
  g_assert_nonnull (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
  ib_test_press_keys ("Return");
  ib_test_press_keys ("Escape");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements);

  /* Ctrl+Enter shows what will be saved and asks once; a second Ctrl+Enter saves. */
  /* Closing the drop-down gives the focus back to it, not to the hidden list. */
  g_assert_true (ib_test_get_focus () == rag_row);
  ib_test_press_keys ("ctrl+Return");
  ib_test_wait_for_text (GTK_WIDGET (editor), "Statements cannot be changed later: a correction is a new statement. Check it, then save.");
  g_assert_nonnull (ib_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Confirm and Save"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements);
  ib_test_press_keys ("ctrl+Return");
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM position_statement"), ==, statements + 1);
}

/* Issue 19 (9): "Rolled forward" is how an action came into this plan, not when it lands:
 * it reads as a badge beside the ratings, with the earlier plan's action under Details, and
 * not as the action's horizon. */
static void
test_rolled_forward (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (IbRecord) action = ib_test_active_action (f->store, "10");
  GtkWidget *detail = GTK_WIDGET (page_child (f, "detail"));
  GtkWidget *horizon;

  g_assert_cmpstr (ib_record_get_string (action, "horizon"), ==, "rolled_forward");
  g_assert_true (ib_plan_page_select (f->page, ib_record_get_id (action)));
  ib_test_wait_for_text (detail, "Rolled forward from");
  ib_test_wait_for_text (detail, "Rolled forward");
  horizon = ib_test_find_widget (detail, IB_TYPE_FIELD_ROW, "Horizon");
  g_assert_nonnull (horizon);
  g_assert_false (gtk_widget_get_visible (horizon));

  /* An action with a real horizon still shows it. */
  {
    g_autoptr (GListModel) old = ib_store_list_where (f->store, &ib_type_action, "horizon", "12_months_plus");
    g_autoptr (IbRecord) earlier = g_list_model_get_item (old, 0);

    ib_plan_model_set_plan (ib_plan_page_get_model (f->page), ib_record_get_string (earlier, "plan"));
    g_assert_true (ib_plan_page_select (f->page, ib_record_get_id (earlier)));
    ib_test_settle ();
    g_assert_true (gtk_widget_get_visible (ib_test_find_widget (detail, IB_TYPE_FIELD_ROW, "Horizon")));
    g_assert_true (ib_test_window_shows (detail, "12 months or more"));
  }
}

static void
test_detail_in_place (Fixture       *f,
                      gconstpointer  data)
{
  const char *narrative = "Locum numbers fell by a third this quarter.";
  IbPlanModel *model = ib_plan_page_get_model (f->page);
  g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", "10");
  g_autofree char *id = NULL;
  GtkAdjustment *scroll;
  GtkWidget *add, *detail;
  IbRecordEditor *editor;
  double position;

  for (guint i = 0; i < g_list_model_get_n_items (actions) && id == NULL; i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (ib_record_get_string (action, "plan"), ib_plan_model_get_plan (model)) == 0)
        id = g_strdup (ib_record_get_id (action));
    }
  g_assert_true (ib_plan_page_select (f->page, id));
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Position Statements");

  /* A long statement first, so that the pane scrolls. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-statement", NULL));
  editor = ib_test_wait_for_editor ();
  {
    g_autoptr (GString) long_text = g_string_new (NULL);

    for (guint i = 0; i < 30; i++)
      g_string_append_printf (long_text, "Week %u: two locums left and one permanent social worker started.\n", i + 1);
    type_long_text (editor, "narrative", long_text->str);
  }
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  detail = GTK_WIDGET (page_child (f, "detail"));
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (ib_test_find_mapped (detail, GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >, gtk_adjustment_get_page_size (scroll) + 100);
  position = (gtk_adjustment_get_upper (scroll) - gtk_adjustment_get_page_size (scroll)) / 2;
  gtk_adjustment_set_value (scroll, position);
  add = ib_test_find_widget (detail, GTK_TYPE_BUTTON, "_Add Statement…");
  g_assert_nonnull (add);
  gtk_widget_grab_focus (add);
  ib_test_settle ();
  position = gtk_adjustment_get_value (scroll);

  g_signal_emit_by_name (add, "clicked");
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Position Statement");
  type_long_text (editor, "narrative", narrative);
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  ib_test_wait_for_text (GTK_WIDGET (f->window), narrative);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (scroll), position, 0.5);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == add);
}

/* The id of the active plan's action @ref. */
static char *
action_id (Fixture    *f,
           const char *ref)
{
  IbPlanModel *model = ib_plan_page_get_model (f->page);
  g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", ref);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (ib_record_get_string (action, "plan"), ib_plan_model_get_plan (model)) == 0)
        return g_strdup (ib_record_get_id (action));
    }
  g_assert_not_reached ();
}

/* Appends to @cards the shown position statement cards under @widget, in order. */
static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (gtk_widget_has_css_class (widget, "statement"))
    {
      g_ptr_array_add (cards, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

typedef struct
{
  GtkWidget *detail;
  guint      n;
} CardWait;

static gboolean
all_cards_shown (gpointer data)
{
  CardWait *wait = data;
  g_autoptr (GPtrArray) cards = g_ptr_array_new ();

  collect_cards (wait->detail, cards);
  return cards->len == wait->n;
}

/* Another action's statements are shown on the cards already made, each card saying only what
 * its statement says: a card of an earlier action leaves no part behind. */
static void
test_cards_in_place (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *detail = GTK_WIDGET (page_child (f, "detail"));
  g_autofree char *ten = action_id (f, "10"), *sixteen = action_id (f, "16");
  g_autoptr (GPtrArray) first = g_ptr_array_new ();
  g_autoptr (GPtrArray) second = g_ptr_array_new ();
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (IbRecord) correction = ib_record_new (&ib_type_position_statement);
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL, *date = NULL;
  IbRecord *newest;
  CardWait wait = { 0 };

  /* 10's newest statement is corrected, so its card says so; 16's are not. */
  statements = ib_plan_model_list_statements (ib_plan_page_get_model (f->page), ten, NULL);
  g_assert_cmpuint (statements->len, >, 0);
  ib_record_set_string (correction, "action", ten);
  ib_record_set_string (correction, "as_at", "2022-12-20");
  ib_record_set_string (correction, "delivery_rag", "amber");
  ib_record_set_string (correction, "narrative", "Corrects the figure for locums.");
  ib_record_set_string (correction, "corrects", ib_record_get_id (statements->pdata[0]));
  g_assert_true (ib_store_create (f->store, correction, &error));
  g_assert_no_error (error);
  ib_test_settle ();

  g_assert_true (ib_plan_page_select (f->page, ten));
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Corrects the figure for locums.");
  g_assert_true (ib_test_window_shows (GTK_WIDGET (f->window), "Corrected by the statement of 20 December 2022"));
  collect_cards (detail, first);
  g_assert_cmpuint (first->len, >, 1);

  g_assert_true (ib_plan_page_select (f->page, sixteen));
  g_clear_pointer (&statements, g_ptr_array_unref);
  statements = ib_plan_model_list_statements (ib_plan_page_get_model (f->page), sixteen, NULL);
  newest = statements->pdata[0];
  date = ib_format_date (ib_record_get_string (newest, "as_at"));
  heading = g_strdup_printf ("%s · %s", date, ib_record_get_string (newest, "author"));
  ib_test_wait_for_text (GTK_WIDGET (f->window), heading);
  /* An opened action's later statements follow three a frame. */
  wait.detail = detail;
  wait.n = statements->len;
  ib_test_spin_until (all_cards_shown, &wait, 10);
  collect_cards (detail, second);

  /* One card per statement, the first of them the cards 10 had. */
  g_assert_cmpuint (second->len, ==, statements->len);
  for (guint i = 0; i < MIN (first->len, second->len); i++)
    g_assert_true (first->pdata[i] == second->pdata[i]);
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "Corrects the figure for locums."));
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "Corrected by the statement of 20 December 2022"));
  g_assert_true (ib_test_window_shows (GTK_WIDGET (f->window), ib_record_get_string (newest, "narrative")));
}

static void
count_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  (*(guint *) data)++;
}

static gboolean
painted_once (gpointer data)
{
  return *(guint *) data > 0;
}

/* An opened action shows its newest statements in the frame that opens it and the rest just
 * after, so that frame lays out what is in sight, not every statement of a long-running action
 * (25 in the ten-year plan). Shown anew, as when a statement is added, it shows them all at
 * once, so the pane can keep the reader's place among them. */
static void
test_statements_follow (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *detail = GTK_WIDGET (page_child (f, "detail"));
  g_autofree char *ten = action_id (f, "10"), *sixteen = action_id (f, "16");
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GPtrArray) opened = g_ptr_array_new ();
  g_autoptr (GPtrArray) first_frame = g_ptr_array_new ();
  g_autoptr (GPtrArray) after = g_ptr_array_new ();
  g_autoptr (GPtrArray) anew = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  CardWait wait = { 0 };
  GdkFrameClock *clock;
  gulong painted;
  guint n_painted = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
      g_autofree char *as_at = g_strdup_printf ("2021-%02u-15", i + 1);
      g_autofree char *narrative = g_strdup_printf ("Monthly update %u on the early help offer.", i + 1);

      ib_record_set_string (statement, "action", sixteen);
      ib_record_set_string (statement, "as_at", as_at);
      ib_record_set_string (statement, "delivery_rag", "amber");
      ib_record_set_string (statement, "narrative", narrative);
      g_assert_true (ib_store_create (f->store, statement, &error));
      g_assert_no_error (error);
    }
  ib_test_settle ();
  statements = ib_plan_model_list_statements (ib_plan_page_get_model (f->page), sixteen, NULL);
  g_assert_cmpuint (statements->len, >=, 7);

  g_assert_true (ib_plan_page_select (f->page, ten));
  ib_test_settle ();
  g_assert_true (ib_plan_page_select (f->page, sixteen));
  collect_cards (detail, opened);
  g_assert_cmpuint (opened->len, ==, 3);
  /* The frame laying those three out lays out no more: the next ones wait for the next frame. */
  clock = gtk_widget_get_frame_clock (detail);
  painted = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint_cb), &n_painted);
  ib_test_spin_until (painted_once, &n_painted, 10);
  g_signal_handler_disconnect (clock, painted);
  collect_cards (detail, first_frame);
  g_assert_cmpuint (first_frame->len, ==, 3);
  /* The rest come three a frame: as many frames as that takes. */
  wait.detail = detail;
  wait.n = statements->len;
  ib_test_spin_until (all_cards_shown, &wait, 10);
  collect_cards (detail, after);
  g_assert_cmpuint (after->len, ==, statements->len);
  g_assert_true (ib_test_window_shows (GTK_WIDGET (f->window), "Monthly update 1 on the early help offer."));

  /* The same action shown anew, at once. */
  ib_action_detail_show (IB_ACTION_DETAIL (detail), ib_plan_page_get_model (f->page),
                         ib_list_detail_get_item (IB_LIST_DETAIL (page_child (f, "list_detail"))));
  collect_cards (detail, anew);
  g_assert_cmpuint (anew->len, ==, statements->len);
}

static void
test_delete_and_new (Fixture       *f,
                     gconstpointer  data)
{
  IbPlanModel *model = ib_plan_page_get_model (f->page);
  g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", "15");
  g_autoptr (IbRecord) action = NULL;
  g_autofree char *id = NULL;
  IbRecordEditor *editor;
  GtkWidget *title;

  for (guint i = 0; i < g_list_model_get_n_items (actions) && id == NULL; i++)
    {
      action = g_list_model_get_item (actions, i);
      if (g_strcmp0 (ib_record_get_string (action, "plan"), ib_plan_model_get_plan (model)) == 0)
        id = g_strdup (ib_record_get_id (action));
      g_clear_object (&action);
    }
  g_assert_nonnull (id);

  /* Delete: gone from the list at once, still in the file while Undo is offered. */
  g_assert_true (ib_plan_page_select (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.delete-action", NULL));
  ib_test_settle ();
  g_assert_cmpuint (ib_plan_model_find (model, id), ==, G_MAXUINT);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“15 · Multi-agency partnership: Team Around the School, domestic abuse, exploitation and County Lines” deleted");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT deleted FROM action WHERE ref = '15' AND plan = "
                                 "(SELECT id FROM plan WHERE status = 'active')"), ==, 0);

  /* When the toast goes, the delete is made, with its children and an outbox row. */
  ib_plan_page_commit_pending (f->page);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT deleted FROM action WHERE ref = '15' AND plan = "
                                 "(SELECT id FROM plan WHERE status = 'active')"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'action' AND op = 'delete'"), ==, 1);

  /* Ctrl+N with a priority area selected: a new action there, numbered after the last. */
  {
    GListModel *items = ib_plan_model_get_items (model);
    g_autoptr (IbPlanItem) heading = g_list_model_get_item (items, 0);

    g_assert_true (ib_plan_page_select (f->page, ib_record_get_id (ib_plan_item_get_record (heading))));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Action");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "ref"))), ==, "19");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "priority"))), ==, 1);

  /* A due date before the start is refused next to the field. */
  title = ib_record_editor_get_row (editor, "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Practice educators in every team");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "accountable_officer")), "An officer not yet in the plan");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "starts_on")), "2023-02-01");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "due_on")), "2023-01-31");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "The due date is before the start date.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "due_on"), "error"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM action WHERE ref = '19'"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "due_on")), "2023-06-30");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM action WHERE ref = '19' AND accountable_officer = "
                                 "'An officer not yet in the plan' AND priority = "
                                 "(SELECT id FROM priority WHERE code = 'W' AND plan = action.plan)"), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "19 · Practice educators in every team");
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (IbPlanItem) first = g_list_model_get_item (ib_plan_model_get_items (ib_plan_page_get_model (f->page)), 1);
  GtkWidget *add;

  ib_view_set_can_edit (IB_VIEW (f->page), FALSE);
  g_assert_true (ib_plan_page_select (f->page, ib_record_get_id (ib_plan_item_get_record (first))));
  ib_test_settle ();

  /* A viewer reads the statements but has no control that would change them. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Position Statements");
  add = ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Add Statement…");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_visible (add));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "new_button"))));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-statement", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  ib_test_settle ();
  g_assert_null (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
}

static void
test_as_at (Fixture       *f,
            gconstpointer  data)
{
  GtkListBox *boards = GTK_LIST_BOX (page_child (f, "board_list"));
  GtkListBoxRow *row;

  /* Issue 19 (9): now, the demo plan that ended in May 2023 is not called active. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Past its end date · 3 May 2022–31 May 2023\nCarries on actions from “15-point action plan”.");

  /* The board list is newest first; the third is 9 September 2022. */
  row = gtk_list_box_get_row_at_index (boards, 2);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "9 September 2022");
  g_signal_emit_by_name (boards, "row-activated", row);
  ib_test_settle ();

  ib_test_wait_for_text (GTK_WIDGET (f->window), "As at 9 September 2022, compared with the Improvement Board of 29 July 2022");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Was Amber");
  g_assert_cmpstr (ib_plan_model_get_as_at (ib_plan_page_get_model (f->page)), ==, "2022-09-09");
  /* As at a board in its lifetime, it was active. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Active · 3 May 2022–31 May 2023\nCarries on actions from “15-point action plan”.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.as-at-now", NULL));
  ib_test_settle ();
  g_assert_null (ib_plan_model_get_as_at (ib_plan_page_get_model (f->page)));
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

  g_test_add ("/ui/plan/filter-and-add-statement", Fixture, NULL, fixture_set_up, test_filter_and_add_statement, fixture_tear_down);
  g_test_add ("/ui/plan/enter-never-saves", Fixture, NULL, fixture_set_up, test_enter_never_saves, fixture_tear_down);
  g_test_add ("/ui/plan/rolled-forward", Fixture, NULL, fixture_set_up, test_rolled_forward, fixture_tear_down);
  g_test_add ("/ui/plan/detail-in-place", Fixture, NULL, fixture_set_up, test_detail_in_place, fixture_tear_down);
  g_test_add ("/ui/plan/cards-in-place", Fixture, NULL, fixture_set_up, test_cards_in_place, fixture_tear_down);
  g_test_add ("/ui/plan/statements-follow", Fixture, NULL, fixture_set_up, test_statements_follow, fixture_tear_down);
  g_test_add ("/ui/plan/delete-and-new", Fixture, NULL, fixture_set_up, test_delete_and_new, fixture_tear_down);
  g_test_add ("/ui/plan/as-at", Fixture, NULL, fixture_set_up, test_as_at, fixture_tear_down);
  g_test_add ("/ui/plan/viewer", Fixture, NULL, fixture_set_up, test_viewer, fixture_tear_down);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
