/* test-judgements-ui.c: the Judgements view in the real window, under Xvfb, on the demo plan
 * in a real database file: the December 2021 grid, a grade refused beside its field then one
 * recorded, a finding linked to the action that answers it, deletes with Undo, other councils'
 * grades from an imported Ofsted summary beside the council's own, and a viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-badge.h"
#include "ib-council.h"
#include "ib-demo.h"
#include "ib-judgements-page-private.h"
#include "ib-record-editor.h"
#include "ib-record-picker-private.h"
#include "ib-test-util.h"
#include "ib-ui-test-util.h"
#include "ib-view.h"
#include "ib-window.h"

/* The demo's ids are UUIDv5 names (data/demo/make-demo-plan.py). */
#define ILACS_2021 "9f794c4d-0515-560c-860f-81d6f539ee0b"
#define MV2_2022   "11c87f12-6e1f-579c-a472-fa0ab888359b"
#define UNANSWERED "642b7af3-fb65-5ce4-854d-596c13d7d720"

static IbApplication *app;

typedef struct
{
  IbTestDemo        demo;
  const char       *path;   /* the rest borrowed from demo */
  IbStore          *store;
  IbWindow         *window;
  IbJudgementsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = IB_JUDGEMENTS_PAGE (ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "judgements", IB_TYPE_JUDGEMENTS_PAGE, 1200, 900));
  f->path = f->demo.path;
  f->store = f->demo.store;
  f->window = f->demo.window;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

/* Each judgement row as "area = grade", from the widgets: the row's title and its badge. */
static void
collect_grid (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "judgement") && gtk_widget_get_mapped (widget))
    {
      IbBadge *badge = IB_BADGE (ib_test_find_widget (widget, IB_TYPE_BADGE, NULL));

      g_string_append_printf (out, "%s = %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                              ib_badge_get_text (badge));
      return;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_grid (c, out);
}

static void
test_dec_2021_grid (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GString) grid = g_string_new (NULL);

  /* The view opens on the latest graded inspection: December 2021. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "6–17 December 2021");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Steve Lowe HMI");
  collect_grid (GTK_WIDGET (f->page), grid);
  g_assert_cmpstr (grid->str, ==,
                   "The impact of leaders on social work practice with children and families = Inadequate\n"
                   "The experiences and progress of children who need help and protection = Inadequate\n"
                   "The experiences and progress of children in care and care leavers = Requires improvement to be good\n"
                   "Overall effectiveness = Inadequate\n");

  /* Its findings, with the actions that answer them and their RAG; the unanswered one flagged. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "What Needs to Improve");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Action 10: Amber");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "1 finding without an action");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "No action answers this yet");

  /* The timeline, with the statutory direction shown against it. */
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (ib_judgements_page_get_model (f->page))), ==, 6);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Now: Statutory direction, since 1 March 2022. Adviser: John Coughlan.");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Children in Need and Child Protection · During: Statutory direction");

  /* A monitoring visit has no grid. */
  g_assert_true (ib_judgements_page_select (f->page, MV2_2022));
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Monitoring visit 2");
  g_string_truncate (grid, 0);
  collect_grid (GTK_WIDGET (f->page), grid);
  g_assert_cmpstr (grid->str, ==, "");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "A sensible, sustainable plan; the overall quality of service is slowly improving");
}

/* The subtitle of the judgement row titled @area on screen ("" for none), or NULL for no row. */
static const char *
grid_subtitle (GtkWidget  *widget,
               const char *area)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "judgement") && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), area) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = grid_subtitle (c, area);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Data to Insight's ILACS summary dropped on the window (as drag and drop and opening the file
 * with the app do), as CSV or as the .xlsx workbook it is published in (@data names the file):
 * each area of the December 2021 grid then shows the ten statistical neighbours' latest grades
 * and England's beside the council's own. */
static void
test_neighbours_grades (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ofsted", (const char *) data, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  const char * const neighbours[] = { "822", "882", "886", "878", "826", "303", "938", "926", "845", "881", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) grid = g_string_new (NULL);

  ib_test_wait_for_text (GTK_WIDGET (f->window), "6–17 December 2021");
  /* No summary yet: the grid says nothing of other councils. */
  g_assert_cmpstr (grid_subtitle (GTK_WIDGET (f->page), "Overall effectiveness"), ==, "");

  g_assert_true (ib_council_set_la_code (f->store, "839", &error));
  g_assert_true (ib_council_set_neighbours (f->store, neighbours, &error));
  g_assert_no_error (error);
  ib_window_import_file (f->window, file);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Ofsted grades of 11 councils imported");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(DISTINCT la_code) FROM national_grade"), ==, 11);
  /* Nothing the sync shares: other councils' grades are this board's reference alone. */
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox"), ==, 0);

  ib_window_set_view (f->window, "judgements");
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "6–17 December 2021");
  g_assert_cmpstr (grid_subtitle (GTK_WIDGET (f->page), "Overall effectiveness"), ==,
                   "Statistical neighbours: 3 Outstanding, 4 Good, 2 Requires improvement to be good, 1 Inadequate\n"
                   "England: 3 Outstanding, 5 Good, 2 Requires improvement to be good, 1 Inadequate");
  /* The council's own grades are unchanged beside them. */
  collect_grid (GTK_WIDGET (f->page), grid);
  g_assert_nonnull (strstr (grid->str, "Overall effectiveness = Inadequate\n"));
}

static guint
n_choices (GtkWidget *row)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
}

static void
test_record_grades (Fixture       *f,
                    gconstpointer  data)
{
  IbRecordEditor *editor;
  GtkWidget *area, *grade;
  gint64 judgements = ib_test_query_int (f->path, "SELECT count(*) FROM judgement");
  g_autofree char *target = NULL;

  /* A second grade for an area Ofsted already graded is refused beside the field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.add-judgement", "s",
                                             ILACS_2021 "/overall_effectiveness"));
  editor = ib_test_wait_for_editor ();
  area = ib_record_editor_get_row (editor, "area");
  grade = ib_record_editor_get_row (editor, "grade");
  /* Only ILACS 2018's four areas are offered, after "Not set". */
  g_assert_cmpuint (n_choices (area), ==, 5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (grade), 2); /* Good */
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "This inspection already has a grade for “Overall effectiveness”. Change that one instead.");
  g_assert_true (gtk_widget_has_css_class (area, "error"));
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM judgement"), ==, judgements);
  gtk_window_close (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);

  /* A new engagement through Ctrl+N: a standard ILACS 2023 inspection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Engagement");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "kind")), 1);      /* Standard */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "framework")), 3); /* ILACS (2023) */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "starts_on")), "2024-12-02");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "ends_on")), "2024-12-13");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "link")), "file:///etc/passwd");
  ib_test_press_save (GTK_WINDOW (editor));
  /* Only a web address is kept as a link. */
  ib_test_wait_for_text (GTK_WIDGET (editor), "A link must be a web address starting with https:// or http://.");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "link")), "https://reports.ofsted.gov.uk/");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM inspection WHERE starts_on = '2024-12-02'"
                                               " AND framework = 'ilacs_2023' AND kind = 'standard'"), ==, 1);

  /* It is selected, with ILACS 2023's five areas ungraded. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "2–13 December 2024");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "The experiences and progress of care leavers");
  {
    g_autoptr (GString) grid = g_string_new (NULL);

    collect_grid (GTK_WIDGET (f->page), grid);
    g_assert_cmpstr (grid->str, ==,
                     "The impact of leaders on social work practice with children and families = Not graded\n"
                     "The experiences and progress of children who need help and protection = Not graded\n"
                     "The experiences and progress of children in care = Not graded\n"
                     "The experiences and progress of care leavers = Not graded\n"
                     "Overall effectiveness = Not graded\n");
  }

  /* Grade care leavers through the row's button: the area is preset, the grade chosen. */
  {
    g_autoptr (GListModel) found = ib_store_list_where (f->store, &ib_type_inspection, "starts_on", "2024-12-02");
    g_autoptr (IbRecord) inspection = g_list_model_get_item (found, 0);

    target = g_strdup_printf ("%s/care_leavers", ib_record_get_id (inspection));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.add-judgement", "s", target));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpuint (n_choices (ib_record_editor_get_row (editor, "area")), ==, 6);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "grade")), 3); /* Requires improvement */
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);

  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM judgement WHERE area = 'care_leavers'"
                                               " AND grade = 'requires_improvement'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'judgement' AND op = 'create'"), ==, 1);

  /* Its history runs back to the combined area of December 2021. */
  ib_test_wait_for_text (GTK_WIDGET (f->window),
                         "History: December 2021: Requires improvement to be good (The experiences and progress of children in care and care leavers)"
                         " → December 2024: Requires improvement to be good");
}

static void
test_link_finding (Fixture       *f,
                   gconstpointer  data)
{
  IbRecordPicker *picker;
  g_autoptr (GListModel) actions = ib_store_list_where (f->store, &ib_type_action, "ref", "13");
  g_autoptr (IbRecord) action = NULL;
  g_autofree char *sql = NULL;
  g_auto (GStrv) chosen = NULL;

  /* Action 13 of the improvement plan (evidence of lived experience, through audit) is
   * linked to "the impact of quality assurance and management oversight". */
  for (guint i = 0; i < g_list_model_get_n_items (actions) && action == NULL; i++)
    {
      g_autoptr (IbRecord) candidate = g_list_model_get_item (actions, i);
      g_autoptr (IbRecord) plan = ib_store_get (f->store, &ib_type_plan, ib_record_get_string (candidate, "plan"), NULL);

      if (g_strcmp0 (ib_record_get_string (plan, "status"), "active") == 0)
        action = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (action);

  ib_test_wait_for_text (GTK_WIDGET (f->window), "No action answers this yet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.link-finding", "s", UNANSWERED));
  picker = IB_RECORD_PICKER (ib_test_wait_for_window (IB_TYPE_RECORD_PICKER));
  ib_test_wait_for_text (GTK_WIDGET (picker), "0 chosen");
  ib_record_picker_set_ticked (picker, ib_record_get_id (action), TRUE);
  ib_test_wait_for_text (GTK_WIDGET (picker), "1 chosen");
  chosen = ib_record_picker_get_chosen (picker);
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  ib_test_press_save (GTK_WINDOW (picker));
  ib_test_settle ();

  sql = g_strdup_printf ("SELECT count(*) FROM finding WHERE id = '%s' AND linked_actions LIKE '%%%s%%'",
                         UNANSWERED, ib_record_get_id (action));
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'finding' AND op = 'update'"), ==, 1);

  /* Every finding of December 2021 is now answered. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Action 13: Amber");
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "No action answers this yet"));
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "1 finding without an action"));
}

static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *undo;
  IbJudgementsModel *model = ib_judgements_page_get_model (f->page);

  /* Delete the monitoring visit: gone from the timeline, still in the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.delete", "s", MV2_2022));
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (model)), ==, 5);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“Monitoring visit 2, 4 October 2022” deleted");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT deleted FROM inspection WHERE id = '" MV2_2022 "'"), ==, 0);

  /* The toast's Undo brings it back, and nothing was written. */
  undo = ib_test_wait_for_undo (GTK_WIDGET (f->window));
  g_signal_emit_by_name (undo, "clicked");
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_judgements_model_get_timeline (model)), ==, 6);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE op = 'delete'"), ==, 0);

  /* A grade deleted and not undone: tombstoned when the toast goes, with an outbox row. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Overall effectiveness");
  {
    g_autoptr (GListModel) grades = ib_store_list_where (f->store, &ib_type_judgement, "inspection", ILACS_2021);
    g_autoptr (IbRecord) overall = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (grades) && overall == NULL; i++)
      {
        g_autoptr (IbRecord) judgement = g_list_model_get_item (grades, i);

        if (g_strcmp0 (ib_record_get_string (judgement, "area"), "overall_effectiveness") == 0)
          overall = g_steal_pointer (&judgement);
      }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.delete-judgement", "s",
                                               ib_record_get_id (overall)));
  }
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“Overall effectiveness” deleted");
  g_assert_false (ib_test_window_shows (GTK_WIDGET (f->window), "Overall: Inadequate"));
  ib_judgements_page_commit_pending (f->page);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT deleted FROM judgement WHERE area = 'overall_effectiveness'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'judgement' AND op = 'delete'"), ==, 1);
}

/* Point 5: findings and intervention steps are added through their forms, refused inline when
 * incomplete, and the timeline's status follows. */
static void
test_findings_and_interventions (Fixture       *f,
                                 gconstpointer  data)
{
  IbRecordEditor *editor;
  gint64 findings = ib_test_query_int (f->path, "SELECT count(*) FROM finding");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.add-finding", "s", ILACS_2021));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Finding");
  /* A graded inspection's new finding is "what needs to improve", numbered after the seventh. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "kind"))), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "sort_order"))), ==, "8");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Finding” is required.");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM finding"), ==, findings);
  {
    GtkWidget *view = ib_test_find_widget (ib_record_editor_get_row (editor, "text"), GTK_TYPE_TEXT_VIEW, NULL);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              "Sufficiency of local placements for older children", -1);
  }
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM finding WHERE sort_order = 8"
                                               " AND kind = 'what_needs_to_improve'"), ==, 1);
  /* New and unanswered: flagged, and counted in the header. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Sufficiency of local placements for older children");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "2 findings without an action");

  /* The direction is lifted: a new step, and the status above the timeline follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.new-intervention", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Intervention Step");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Kind” is required.");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ib_record_editor_get_row (editor, "kind")), 5); /* Lifted */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "starts_on")), "2025-03-01");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM intervention WHERE kind = 'lifted'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'intervention'"), ==, 1);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "DfE intervention lifted on 1 March 2025.");
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *add;

  ib_view_set_can_edit (IB_VIEW (f->page), FALSE);
  ib_test_settle ();

  /* A viewer reads grades and findings but has no control that would change them. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "What Needs to Improve");
  add = ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Add _Finding…");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_visible (add));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "judgements.add-finding", "s", ILACS_2021) &&
                  ib_test_find_window (IB_TYPE_RECORD_EDITOR) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  ib_test_settle ();
  g_assert_null (ib_test_find_window (IB_TYPE_RECORD_EDITOR));
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

  g_test_add ("/ui/judgements/dec-2021-grid", Fixture, NULL, fixture_set_up, test_dec_2021_grid, fixture_tear_down);
  g_test_add ("/ui/judgements/neighbours-grades", Fixture, "ofsted_csc_ilacs_overview.csv",
              fixture_set_up, test_neighbours_grades, fixture_tear_down);
  g_test_add ("/ui/judgements/neighbours-grades-workbook", Fixture, "ofsted_csc_ilacs_overview.xlsx",
              fixture_set_up, test_neighbours_grades, fixture_tear_down);
  g_test_add ("/ui/judgements/record-grades", Fixture, NULL, fixture_set_up, test_record_grades, fixture_tear_down);
  g_test_add ("/ui/judgements/link-finding", Fixture, NULL, fixture_set_up, test_link_finding, fixture_tear_down);
  g_test_add ("/ui/judgements/delete-with-undo", Fixture, NULL, fixture_set_up, test_delete_with_undo, fixture_tear_down);
  g_test_add ("/ui/judgements/findings-and-interventions", Fixture, NULL, fixture_set_up, test_findings_and_interventions, fixture_tear_down);
  g_test_add ("/ui/judgements/viewer", Fixture, NULL, fixture_set_up, test_viewer, fixture_tear_down);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
