/* test-risks-ui.c: the Risks view in the real window, under Xvfb, on the demo register in a
 * real database file: filter by a heat-map cell, record a review that moves the residual
 * score, a new risk refused then saved, delete with Undo, and a viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-list-detail.h"
#include "ib-overview-page.h"
#include "ib-record-picker-private.h"
#include "ib-risk-matrix-private.h"
#include "ib-risk-row.h"
#include "ib-risk-model-private.h"
#include "ib-risks-page-private.h"
#include "ib-schedule.h"
#include "ib-text.h"
#include "ib-ui-test-util.h"
#include "ib-view.h"

static IbApplication *app;

typedef struct
{
  IbTestDemo   demo;
  const char  *path;   /* the rest borrowed from demo */
  IbStore     *store;
  IbWindow    *window;
  IbRisksPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = IB_RISKS_PAGE (ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "risks", IB_TYPE_RISKS_PAGE, 1300, 900));
  f->path = f->demo.path;
  f->store = f->demo.store;
  f->window = f->demo.window;
  /* A practised hand who said "Don't ask again"; the tests of statements and reviews ask. */
  ib_test_set_confirm_permanent (FALSE);
  /* The demo's reviews fall due on 2 December 2022. */
  ib_risk_model_set_today (ib_risks_page_get_model (f->page), "2022-11-22");
  ib_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

static char *
listed_refs (Fixture *f)
{
  GListModel *items = ib_risk_model_get_items (ib_risks_page_get_model (f->page));
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", ib_record_get_string (risk, "ref"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Returns risk @ref's id (transfer full): the model's records are replaced on every reload. */
static char *
risk_id (Fixture    *f,
         const char *ref)
{
  GListModel *items = ib_risk_model_get_items (ib_risks_page_get_model (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbRecord) risk = g_list_model_get_item (items, i);

      if (g_strcmp0 (ib_record_get_string (risk, "ref"), ref) == 0)
        return g_strdup (ib_record_get_id (risk));
    }
  g_assert_not_reached ();
}

static void
test_filter_by_cell (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *residual = ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_RESIDUAL);
  GtkWidget *cell = ib_risk_matrix_get_cell (IB_RISK_MATRIX (residual), 3, 3);
  IbListDetail *list = IB_LIST_DETAIL (ib_test_find_widget (GTK_WIDGET (f->page), IB_TYPE_LIST_DETAIL, NULL));
  g_autofree char *all = listed_refs (f);
  g_autofree char *filtered = NULL, *again = NULL;
  g_autofree char *r01 = risk_id (f, "R01"), *r06 = risk_id (f, "R06");

  g_assert_cmpstr (all, ==, "R01 R02 R03 R05 R06 R07 R08 R09 R10");
  g_assert_true (ib_view_open (IB_VIEW (f->page), r01));
  ib_test_settle ();
  g_assert_cmpstr (ib_record_get_id (ib_list_detail_get_item (list)), ==, r01);
  /* The cell says what is in it, to the eye and to a screen reader. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Residual Risk");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==,
                   "Likelihood 3, impact 3, score 9, Medium: 3 risks, R03, R06, R07");
  g_assert_true (gtk_widget_get_focusable (cell) || gtk_widget_get_can_focus (cell));

  /* Clicking it filters the register to those three, and says so. */
  g_signal_emit_by_name (cell, "clicked");
  ib_test_settle ();
  filtered = listed_refs (f);
  g_assert_cmpstr (filtered, ==, "R03 R06 R07");
  /* R01, open before, is not in the cell: a person narrowing the register closes it, as a
   * search does, rather than leaving it beside a list without it. */
  g_assert_null (ib_list_detail_get_item (list));
  g_assert_true (ib_view_open (IB_VIEW (f->page), r06));
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Residual likelihood 3 × impact 3: 3 risks");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "R06 · More than one case management system after local government reorganisation");
  g_assert_true (gtk_widget_has_css_class (cell, "selected"));

  /* The arrow keys move between cells: right is the next impact, up the next likelihood. */
  ib_test_focus_window (GTK_WINDOW (f->window));
  gtk_widget_grab_focus (cell);
  g_assert_true (gtk_widget_has_focus (cell));
  ib_test_press_keys ("Right");
  g_assert_true (ib_test_get_focus () == ib_risk_matrix_get_cell (IB_RISK_MATRIX (residual), 3, 4));
  ib_test_press_keys ("Up");
  g_assert_true (ib_test_get_focus () == ib_risk_matrix_get_cell (IB_RISK_MATRIX (residual), 4, 4));
  /* At the edge the arrows stay in the map. */
  ib_test_press_keys ("End Right");
  g_assert_true (ib_test_get_focus () == ib_risk_matrix_get_cell (IB_RISK_MATRIX (residual), 4, 5));

  /* The same cell again shows everything again. */
  g_signal_emit_by_name (cell, "clicked");
  ib_test_settle ();
  again = listed_refs (f);
  g_assert_cmpstr (again, ==, all);
  g_assert_false (gtk_widget_has_css_class (cell, "selected"));

  /* The inherent map filters by inherent scores: 4 × 3 holds three risks. */
  g_signal_emit_by_name (ib_risk_matrix_get_cell (IB_RISK_MATRIX (ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_INHERENT)), 4, 3),
                         "clicked");
  ib_test_settle ();
  g_clear_pointer (&filtered, g_free);
  filtered = listed_refs (f);
  g_assert_cmpstr (filtered, ==, "R03 R06 R10");
  /* R06 is in every list it was shown beside: it stayed open throughout. */
  g_assert_cmpstr (ib_record_get_id (ib_list_detail_get_item (list)), ==, r06);
}

static void
test_record_review (Fixture       *f,
                    gconstpointer  data)
{
  IbRecordEditor *editor;
  g_autofree char *sql = NULL;
  g_autofree char *id = risk_id (f, "R02");
  gint64 reviews = ib_test_query_int (f->path, "SELECT count(*) FROM risk_review");

  ib_test_set_confirm_permanent (TRUE);

  /* The page opens on the highest residual risk: R02, 4 × 4. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "R02 · Shortage of permanent social workers and managers");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Review History");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.add-review", "s", id));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Review of R02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_l"))), ==, "4");

  /* Outside 1–5 is refused beside the field, and nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_l")), "9");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Residual likelihood (1–5)” must be between 1 and 5.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "residual_l"), "error"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk_review"), ==, reviews);

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_l")), "3");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "reviewed_on")), "2022-12-02");
  /* A review can never be changed: saved on the second asking. */
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "Reviews cannot be changed later: a correction is a new review. Check it, then save.");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk_review"), ==, reviews);
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);

  /* On disk: the review, the risk's new residual, both queued for sync. */
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk_review"), ==, reviews + 1);
  sql = g_strdup_printf ("SELECT residual_l FROM risk WHERE id = '%s'", id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 3);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'risk_review' AND op = 'create'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'risk' AND op = 'update'"), ==, 1);

  /* The detail and the heat map follow: down to 12, the 4 × 4 cell now empty. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Residual: 3 × 4 = 12 Medium");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "↓ Better");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (ib_risk_matrix_get_cell (IB_RISK_MATRIX (ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_RESIDUAL)), 4, 4)),
                   ==, "Likelihood 4, impact 4, score 16, High: no risks");
}

/* Issue 19 (2): recording a review offers the next review from the cycle and moves the risk
 * on: "Review overdue" goes, and the risk stays selected. */
static void
test_review_moves_on (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_RISKS_PAGE, "detail"));
  g_autofree char *id = risk_id (f, "R02");
  g_autofree char *today = ib_schedule_today ();
  g_autofree char *offered = ib_schedule_next_review (f->store, today);
  g_autofree char *shown = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *saved = NULL;
  IbRecordEditor *editor;

  ib_test_set_confirm_permanent (TRUE);

  /* A week after the demo's reviews fell due, R02's is overdue. */
  ib_risk_model_set_today (ib_risks_page_get_model (f->page), "2022-12-09");
  ib_test_settle ();
  ib_test_wait_for_text (detail, "R02 · Shortage of permanent social workers and managers");
  ib_test_wait_for_text (detail, "Review overdue");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.add-review", "s", id));
  editor = ib_test_wait_for_editor ();
  ib_test_focus_window (GTK_WINDOW (editor));
  shown = ib_record_editor_get_field (editor, "next_review");
  g_assert_nonnull (offered);
  g_assert_cmpstr (shown, ==, offered);

  ib_test_press_keys ("ctrl+Return");
  ib_test_wait_for_text (GTK_WIDGET (editor), "Reviews cannot be changed later: a correction is a new review. Check it, then save.");
  ib_test_press_keys ("ctrl+Return");
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  sql = g_strdup_printf ("SELECT count(*) FROM risk WHERE id = '%s' AND next_review = '%s'", id, offered);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  ib_test_wait_for_text (detail, "R02 · Shortage of permanent social workers and managers");
  g_assert_false (ib_test_window_shows (detail, "Review overdue"));
}

/* Issue 19 (3, 4): a date typed the locale's way or picked from the calendar with keys; a bad
 * one is named beside its field, in view, and the note goes when it is put right. The meeting
 * is chosen from kind and whole date, newest first. */
static void
test_dates_and_meetings (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = risk_id (f, "R02");
  g_autofree char *example = ib_text_date_short ("2026-11-29");
  g_autofree char *message = g_strdup_printf ("“31.02.2022” is not a date: write it like %s or 2026-11-29.", example);
  g_autofree char *typed = ib_text_date_short ("2022-12-02");
  g_autofree char *picked = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *iso_shown = ib_text_date_short ("2022-12-01");
  gint64 reviews = ib_test_query_int (f->path, "SELECT count(*) FROM risk_review");
  GtkWidget *row, *note, *meeting, *scroller;
  graphene_rect_t bounds;
  IbRecordEditor *editor;

  ib_test_set_confirm_permanent (TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.add-review", "s", id));
  editor = ib_test_wait_for_editor ();
  ib_test_focus_window (GTK_WINDOW (editor));
  row = ib_record_editor_get_row (editor, "reviewed_on");

  /* No such day: the note is under the field, in view, and nothing is written. */
  gtk_widget_grab_focus (row);
  ib_test_press_keys ("ctrl+a");
  ib_test_type_text ("31.02.2022");
  ib_test_press_keys ("ctrl+Return");
  ib_test_wait_for_text (GTK_WIDGET (editor), message);
  note = gtk_widget_get_next_sibling (row);
  g_assert_true (ib_test_window_shows (note, message));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (ib_test_window_shows (GTK_WIDGET (editor), "Reviews cannot be changed later: a correction is a new review. Check it, then save."));
  scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (note, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk_review"), ==, reviews);

  /* Typed the locale's way, the note goes as the value is put right. */
  ib_test_press_keys ("ctrl+a");
  ib_test_type_text (typed);
  g_assert_false (ib_test_window_shows (GTK_WIDGET (editor), message));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  fixed = ib_record_editor_get_field (editor, "reviewed_on");
  g_assert_cmpstr (fixed, ==, "2022-12-02");

  /* ISO is read too, and shown the locale's way once the focus moves on. */
  ib_test_press_keys ("ctrl+a");
  ib_test_type_text ("2022-12-01");
  ib_test_press_keys ("Tab");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, iso_shown);

  /* The calendar button is the next stop: Enter opens it, Right is the next day, Enter takes it. */
  g_assert_true (GTK_IS_MENU_BUTTON (gtk_widget_get_ancestor (ib_test_get_focus (), GTK_TYPE_MENU_BUTTON)));
  ib_test_press_keys ("Return");
  g_assert_nonnull (ib_test_find_mapped (row, GTK_TYPE_CALENDAR));
  ib_test_press_keys ("Right Return");
  g_assert_null (ib_test_find_mapped (row, GTK_TYPE_CALENDAR));
  picked = ib_record_editor_get_field (editor, "reviewed_on");
  g_assert_cmpstr (picked, ==, "2022-12-02");

  /* Meetings by kind and whole date, newest first (which board a new review is for is chosen
   * by ib_schedule_meeting_for (), tested in test-schedule). */
  meeting = ib_record_editor_get_row (editor, "meeting");
  {
    GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (meeting));

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Improvement Board · 2 December 2022");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "Overview and Scrutiny · 22 November 2022");
  }
  ib_test_press_keys ("Escape");
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
}

static gboolean
search_focused_cb (gpointer data)
{
  GtkWidget *focus = ib_test_get_focus ();

  return focus != NULL && gtk_widget_get_mapped (focus) && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

/* Issue 19 (6): Ctrl+F, a word and Enter open the first match, with keys only. */
static void
test_find_and_open (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_RISKS_PAGE, "detail"));

  ib_test_wait_for_text (detail, "R02 · Shortage of permanent social workers and managers");
  ib_test_press_keys ("ctrl+f");
  ib_test_spin_until (search_focused_cb, NULL, 5);
  ib_test_type_text ("lived");
  ib_test_press_keys ("Return");
  ib_test_wait_for_text (detail, "R05 · Changes are not felt in children’s lived experience");
}

/* Issue 19 (6): each heat map is one stop for Tab, so the register's list is a few presses
 * away, and Tab lands back on the cell last used. */
static void
test_heat_map_tab_stops (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *inherent = ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_INHERENT);
  GtkWidget *residual = ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_RESIDUAL);
  GtkWidget *list = ib_test_find_mapped (GTK_WIDGET (f->page), GTK_TYPE_GRID_VIEW);
  GtkWidget *focus;
  guint presses = 0;

  g_assert_nonnull (list);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Residual Risk");
  ib_test_focus_window (GTK_WINDOW (f->window));
  gtk_widget_grab_focus (ib_risk_matrix_get_cell (IB_RISK_MATRIX (inherent), 5, 1));
  ib_test_press_keys ("Down Right");
  g_assert_true (ib_test_get_focus () == ib_risk_matrix_get_cell (IB_RISK_MATRIX (inherent), 4, 2));

  /* The next stop is the other map, on its own current cell. */
  ib_test_press_keys ("Tab");
  focus = ib_test_get_focus ();
  g_assert_true (gtk_widget_is_ancestor (focus, residual));
  g_assert_true (focus == ib_risk_matrix_get_cell (IB_RISK_MATRIX (residual), 5, 1));

  /* Then the list, in a few presses: the map's other 24 cells are not stops. */
  while (presses < 8)
    {
      ib_test_press_keys ("Tab");
      presses++;
      focus = ib_test_get_focus ();
      if (focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list)))
        break;
    }
  g_assert_true (focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list)));

  /* Back with Shift+Tab, the first map's stop is the cell left current. */
  for (guint i = 0; i < presses + 1; i++)
    ib_test_press_keys ("shift+Tab");
  g_assert_true (ib_test_get_focus () == ib_risk_matrix_get_cell (IB_RISK_MATRIX (inherent), 4, 2));
}

static void
test_new_risk (Fixture       *f,
               gconstpointer  data)
{
  IbRecordEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Risk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "ref"))), ==, "R11");

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "title")), "Loss of the case-management supplier contract");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_l")), "2");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_i")), "3");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "target_l")), "3");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "target_i")), "3");

  /* No owner: refused beside the field. */
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Owner” is required.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "owner"), "error"));

  /* A target above the residual: refused beside the target. */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "owner")), "Head of Commissioning");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor),
                         "The target score (9) is above the residual score (6): a target is where the risk should get to, so it cannot be worse.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "target_l"), "error"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk WHERE ref = 'R11'"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "target_l")), "1");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM risk WHERE ref = 'R11' AND owner = 'Head of Commissioning'"
                                               " AND residual_l = 2 AND target_l = 1 AND status = 'open'"), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "R11 · Loss of the case-management supplier contract");
}

static void
test_link_actions (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = risk_id (f, "R02");
  g_autofree char *sql = NULL;
  g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", "10");
  g_autoptr (IbRecord) action = NULL;
  IbRecordPicker *picker;

  /* Action 10 of the improvement plan (recruitment and retention) treats the staffing risk. */
  for (guint i = 0; i < g_list_model_get_n_items (actions) && action == NULL; i++)
    {
      g_autoptr (IbRecord) candidate = g_list_model_get_item (actions, i);
      g_autoptr (IbRecord) plan = ib_store_get (f->store, &ib_type_plan, ib_record_get_string (candidate, "plan"), NULL);

      if (g_strcmp0 (ib_record_get_string (plan, "status"), "active") == 0)
        action = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (action);

  ib_test_wait_for_text (GTK_WIDGET (f->window), "No plan action is linked to this risk.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.link-actions", "s", id));
  picker = IB_RECORD_PICKER (ib_test_wait_for_window (IB_TYPE_RECORD_PICKER));
  ib_record_picker_set_ticked (picker, ib_record_get_id (action), TRUE);
  ib_test_press_save (GTK_WINDOW (picker));

  sql = g_strdup_printf ("SELECT count(*) FROM risk WHERE id = '%s' AND linked_actions LIKE '%%%s%%'",
                         id, ib_record_get_id (action));
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'risk' AND op = 'update'"), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Action 10: Amber");
}

static void
test_delete_and_viewer (Fixture       *f,
                        gconstpointer  data)
{
  IbRiskModel *model = ib_risks_page_get_model (f->page);
  g_autofree char *id = risk_id (f, "R09");
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM risk WHERE id = '%s'", id);
  GtkWidget *undo, *review;

  /* Point 4: close, then reopen. A closed risk stays in view (closed risks are shown). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.toggle-closed", "s", id));
  ib_test_settle ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM risk WHERE id = '%s' AND status = 'closed'", id);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (model)), ==, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.toggle-closed", "s", id));
  ib_test_settle ();
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT deleted FROM risk WHERE id = '%s'", id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.delete", "s", id));
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (model)), ==, 9);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“R09 · Partners feel unsupported or relations become adversarial” deleted");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);

  undo = ib_test_wait_for_undo (GTK_WIDGET (f->window));
  g_signal_emit_by_name (undo, "clicked");
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (model)), ==, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.delete", "s", id));
  ib_risks_page_commit_pending (f->page);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'risk' AND op = 'delete'"), ==, 1);

  /* A viewer reads the register but has no control that changes it. */
  ib_view_set_can_edit (IB_VIEW (f->page), FALSE);
  ib_test_settle ();
  review = ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Record Review…");
  g_assert_nonnull (review);
  g_assert_false (gtk_widget_get_visible (review));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  ib_test_settle ();
  g_assert_null (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
}

static gboolean
list_has_focus (gpointer list)
{
  GtkWidget *focus = ib_test_get_focus ();

  return focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list));
}

/* Deleted from its own Delete button, by keyboard: while its Undo is offered the risk is gone
 * from the detail as from the list, and the keyboard, whose button went with it, is in the
 * list; Undo brings the risk back to both. */
static void
test_delete_leaves_detail (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_RISKS_PAGE, "detail"));
  GtkWidget *list_detail = ib_test_find_widget (GTK_WIDGET (f->page), IB_TYPE_LIST_DETAIL, NULL);
  GtkWidget *list = ib_test_find_mapped (list_detail, GTK_TYPE_GRID_VIEW);
  const char *title = "R02 · Shortage of permanent social workers and managers";
  g_autofree char *id = risk_id (f, "R02");
  GtkWidget *cell = ib_risk_matrix_get_cell (IB_RISK_MATRIX (ib_risks_page_get_matrix (f->page, IB_RISK_MATRIX_RESIDUAL)), 4, 4);
  GtkWidget *button, *undo;
  gpointer shown;

  ib_test_focus_window (GTK_WINDOW (f->window));
  ib_test_wait_for_text (detail, title);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "R02"));
  button = ib_test_find_widget (detail, GTK_TYPE_BUTTON, "_Delete");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_grab_focus (button));
  ib_test_press_keys ("Return");
  ib_test_settle ();

  g_assert_null (ib_list_detail_get_item (IB_LIST_DETAIL (list_detail)));
  g_assert_false (ib_test_window_shows (detail, title));
  ib_test_spin_until (list_has_focus, list, 5);
  /* Nor does the heat map count it: its cell, 4 × 4 residual, names no risk. */
  g_assert_null (strstr (gtk_widget_get_tooltip_text (cell), "R02"));

  undo = ib_test_wait_for_undo (GTK_WIDGET (f->window));
  g_signal_emit_by_name (undo, "clicked");
  ib_test_settle ();
  shown = ib_list_detail_get_item (IB_LIST_DETAIL (list_detail));
  g_assert_nonnull (shown);
  g_assert_cmpstr (ib_record_get_id (shown), ==, id);
  ib_test_wait_for_text (detail, title);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "R02"));
}

/* The scrolled window showing the detail's content (the empty state has one of its own). */
static GtkAdjustment *
detail_scroll (Fixture *f)
{
  GtkWidget *detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), IB_TYPE_RISKS_PAGE, "detail"));
  GtkWidget *scroller = ib_test_find_mapped (detail, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Recording a review updates the risk's pane in place: the reader stays where they were
 * scrolled to, on the button they used, and reads the new score. */
static void
test_detail_in_place (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = risk_id (f, "R02");
  GtkAdjustment *scroll = detail_scroll (f);
  GtkWidget *review;
  IbRecordEditor *editor;
  double position;

  ib_test_wait_for_text (GTK_WIDGET (f->window), "R02 · Shortage of permanent social workers and managers");
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >, gtk_adjustment_get_page_size (scroll) + 100);
  position = gtk_adjustment_get_upper (scroll) - gtk_adjustment_get_page_size (scroll) - 40;
  gtk_adjustment_set_value (scroll, position);
  review = ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Record Review…");
  g_assert_nonnull (review);
  gtk_widget_grab_focus (review);

  g_signal_emit_by_name (review, "clicked");
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Review of R02");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "residual_l")), "3");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  ib_test_wait_for_text (GTK_WIDGET (f->window), "R02 · Shortage of permanent social workers and managers");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Residual: 3 × 4 = 12 Medium");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (scroll), position, 0.5);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == review);
  g_assert_true (gtk_widget_get_visible (review));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (review)), ==, "risks.add-review");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (review)), NULL), ==, id);
}

static gboolean
risk_model_ready_cb (gpointer data)
{
  return ib_risks_page_get_model (data) != NULL;
}

/* A window opens on the Overview; the hidden views get their records after its first frame,
 * so the register is ready before anyone switches to it. */
static void
test_filled_after_start (void)
{
  IbTestDemo demo = { 0 };
  IbRisksPage *page;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", IB_TYPE_OVERVIEW_PAGE, 1300, 900);
  page = IB_RISKS_PAGE (ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_RISKS_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_cmpstr (ib_window_get_view (demo.window), ==, "overview");
  ib_test_spin_until (risk_model_ready_cb, page, 20);
  /* The demo's nine open risks (closed ones are left out by default). */
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (ib_risks_page_get_model (page))), ==, 9);
  g_assert_cmpstr (ib_window_get_view (demo.window), ==, "overview");
  ib_test_demo_close (&demo);
}

static gboolean
risk_model_loaded_cb (gpointer data)
{
  return !ib_risk_model_is_loading (ib_risks_page_get_model (data));
}

typedef struct
{
  GtkWidget *widget;
  guint      position;
} ShownRow;

/* The register's row widgets, in order, and the position each shows. */
static GArray *
row_widgets (IbRisksPage *page)
{
  GtkWidget *list = ib_test_find_widget (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (ShownRow));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "list-item") : NULL;
      ShownRow shown = { child, item != NULL ? gtk_list_item_get_position (item) : G_MAXUINT };

      g_array_append_val (rows, shown);
    }
  return rows;
}

/* The row widget showing @position, or NULL. */
static GtkWidget *
row_showing (GArray *rows,
             guint   position)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, ShownRow, i).position == position)
      return g_array_index (rows, ShownRow, i).widget;
  return NULL;
}

typedef struct
{
  IbRisksPage *page;
  guint        position;
} RowWait;

static gboolean
row_made_cb (gpointer data)
{
  RowWait *wait = data;
  g_autoptr (GArray) rows = row_widgets (wait->page);

  return row_showing (rows, wait->position) != NULL;
}

/* A risk opened while the register is hidden (its first load opens the top risk, which can be
 * anywhere in it) is brought into sight when the window lays the hidden views out. Switched
 * to, the register then keeps the rows it has (the scroll at that showing made and laid out a
 * new set of rows in a frame of its own), and the keyboard goes to the open risk. */
static void
test_opened_while_hidden (void)
{
  IbTestDemo demo = { 0 };
  IbRisksPage *page;
  IbListDetail *list;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) later = NULL;
  g_autofree char *top = NULL;
  GListModel *items;
  RowWait wait = { 0 };
  graphene_rect_t bounds;
  GtkWidget *row;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", IB_TYPE_OVERVIEW_PAGE, 1300, 900);
  /* A register long enough that the list makes rows for only part of it; the last risk is
   * the one scored highest. */
  g_assert_true (ib_store_begin (demo.store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (IbRecord) risk = ib_record_new (&ib_type_risk);
      g_autofree char *ref = g_strdup_printf ("R%03u", 100 + i);

      ib_record_set_string (risk, "ref", ref);
      ib_record_set_string (risk, "title", "Placements are not available close to home for older children");
      ib_record_set_string (risk, "owner", "Head of Service, Children in Care");
      ib_record_set_string (risk, "category", "operational");
      if (i == 299)
        {
          ib_record_set_int (risk, "residual_l", 5);
          ib_record_set_int (risk, "residual_i", 5);
        }
      g_assert_true (ib_store_create (demo.store, risk, &error));
      g_assert_no_error (error);
      if (i == 299)
        top = g_strdup (ib_record_get_id (risk));
    }
  g_assert_true (ib_store_commit (demo.store, &error));
  page = IB_RISKS_PAGE (ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_RISKS_PAGE, NULL));
  list = IB_LIST_DETAIL (ib_test_find_widget (GTK_WIDGET (page), IB_TYPE_LIST_DETAIL, NULL));
  /* Opened while hidden, as a first load opens the top risk or a sync brings in the one a
   * link names: chosen now, it is opened when the register has read it. */
  ib_list_detail_choose (list, top);
  ib_test_spin_until (risk_model_loaded_cb, page, 20);
  ib_test_settle ();
  items = ib_risk_model_get_items (ib_risks_page_get_model (page));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 309);
  g_assert_cmpstr (ib_record_get_id (ib_list_detail_get_item (list)), ==, top);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait.page = page;
  wait.position = g_list_model_get_n_items (items) - 1;
  ib_test_spin_until (row_made_cb, &wait, 10);

  /* As Alt+5 does: the view, and the keyboard in its list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", "risks"));
  ib_test_spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, page, 10);
  ib_test_settle ();
  first = row_widgets (page);
  g_assert_cmpuint (first->len, <, 309);
  for (guint i = 0; i < 10; i++)
    ib_test_settle ();
  later = row_widgets (page);
  g_assert_cmpmem (later->data, later->len * sizeof (ShownRow), first->data, first->len * sizeof (ShownRow));

  /* The open risk is in sight, and the keyboard on it. */
  row = row_showing (later, wait.position);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, gtk_widget_get_parent (row), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (gtk_widget_get_parent (row)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (demo.window)) == row);

  /* So keys go on from it: Up opens the risk above, and Alt+6 still switches views (the
   * keyboard had been left on a row GTK kept but never placed, where keys went nowhere). */
  ib_test_focus_window (GTK_WINDOW (demo.window));
  ib_test_press_keys ("Up");
  g_assert_cmpstr (ib_record_get_string (ib_list_detail_get_item (list), "ref"), ==, "R398");
  ib_test_press_keys ("alt+6");
  g_assert_cmpstr (ib_window_get_view (demo.window), ==, "meetings");
  ib_test_demo_close (&demo);
}

/* A link to a risk that comes while the register is still read apart opens that risk when the
 * load is in, not the top risk a load chooses by itself. */
static void
test_link_while_loading (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *r05 = risk_id (f, "R05");
  g_autofree char *top = risk_id (f, "R02");
  GtkWidget *window = gtk_window_new ();
  IbRisksPage *page = g_object_new (IB_TYPE_RISKS_PAGE, NULL);
  IbListDetail *list;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  ib_view_set_store (IB_VIEW (page), f->store);
  g_assert_true (ib_risk_model_is_loading (ib_risks_page_get_model (page)));
  g_assert_true (ib_view_open (IB_VIEW (page), r05));
  /* A risk the store does not hold is refused at once. */
  g_assert_false (ib_view_open (IB_VIEW (page), "no-such-risk"));
  g_assert_true (ib_risk_model_is_loading (ib_risks_page_get_model (page)));

  ib_test_spin_until (risk_model_loaded_cb, page, 20);
  ib_test_settle ();
  list = IB_LIST_DETAIL (ib_test_find_widget (GTK_WIDGET (page), IB_TYPE_LIST_DETAIL, NULL));
  g_assert_nonnull (ib_list_detail_get_item (list));
  g_assert_cmpstr (ib_record_get_id (ib_list_detail_get_item (list)), ==, r05);
  g_assert_cmpstr (r05, !=, top);
  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add ("/ui/risks/filter-by-cell", Fixture, NULL, fixture_set_up, test_filter_by_cell, fixture_tear_down);
  g_test_add ("/ui/risks/record-review", Fixture, NULL, fixture_set_up, test_record_review, fixture_tear_down);
  g_test_add ("/ui/risks/review-moves-on", Fixture, NULL, fixture_set_up, test_review_moves_on, fixture_tear_down);
  g_test_add ("/ui/risks/dates-and-meetings", Fixture, NULL, fixture_set_up, test_dates_and_meetings, fixture_tear_down);
  g_test_add ("/ui/risks/find-and-open", Fixture, NULL, fixture_set_up, test_find_and_open, fixture_tear_down);
  g_test_add ("/ui/risks/heat-map-tab-stops", Fixture, NULL, fixture_set_up, test_heat_map_tab_stops, fixture_tear_down);
  g_test_add ("/ui/risks/new-risk", Fixture, NULL, fixture_set_up, test_new_risk, fixture_tear_down);
  g_test_add ("/ui/risks/link-actions", Fixture, NULL, fixture_set_up, test_link_actions, fixture_tear_down);
  g_test_add ("/ui/risks/delete-and-viewer", Fixture, NULL, fixture_set_up, test_delete_and_viewer, fixture_tear_down);
  g_test_add ("/ui/risks/delete-leaves-detail", Fixture, NULL, fixture_set_up, test_delete_leaves_detail,
              fixture_tear_down);
  g_test_add ("/ui/risks/detail-in-place", Fixture, NULL, fixture_set_up, test_detail_in_place, fixture_tear_down);
  g_test_add_func ("/ui/risks/opened-while-hidden", test_opened_while_hidden);
  g_test_add ("/ui/risks/link-while-loading", Fixture, NULL, fixture_set_up, test_link_while_loading, fixture_tear_down);
  g_test_add_func ("/ui/risks/filled-after-start", test_filled_after_start);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
