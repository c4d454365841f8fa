/* test-evidence-ui.c: did an action make a difference, and who changed it? In the real window,
 * under Xvfb, on the demo plan in a real database file: links chosen from the action's end and
 * read from the KPI's, the Overview's count of actions delivered but not improving opening the
 * filtered plan, a finding's paragraph and trail to its KPIs, and an edit's History line
 * marked as waiting to be sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ib-application.h"
#include "ib-badge.h"
#include "ib-shared-text.h"
#include "ib-evidence.h"
#include "ib-format.h"
#include "ib-history-section.h"
#include "ib-judgements-page-private.h"
#include "ib-kpis-page-private.h"
#include "ib-links.h"
#include "ib-overview-page.h"
#include "ib-plan-page-private.h"
#include "ib-record-editor.h"
#include "ib-record-picker-private.h"
#include "ib-ui-test-util.h"
#include "ib-window.h"

static IbApplication *app;

static IbRecord *
find_one (IbStore            *store,
          const IbRecordType *type,
          const char         *field,
          const char         *value)
{
  g_autoptr (GListModel) found = ib_store_list_where (store, type, field, value);

  g_assert_cmpuint (g_list_model_get_n_items (found), >=, 1);
  return g_list_model_get_item (found, 0);
}

/* TRUE when a line on screen starts with @prefix: a record's name with what follows it. */
static gboolean
window_shows_prefix (GtkWidget  *window,
                     const char *prefix)
{
  g_autoptr (GString) labels = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;

  ib_test_collect_labels (window, labels);
  lines = g_strsplit (labels->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  /* A badge's text. */
  if (IB_IS_SHARED_TEXT (root) && gtk_widget_get_mapped (root) && g_strcmp0 (ib_shared_text_get_text (IB_SHARED_TEXT (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
open_action (IbTestDemo *demo,
             IbRecord   *action)
{
  g_autofree char *heading = g_strdup_printf ("%s · %s", ib_record_get_string (action, "ref"),
                                              ib_record_get_string (action, "title"));

  /* What a KPI's or a finding's link to the action does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo->window), "win.open", "(ss)", "plan",
                                             ib_record_get_id (action)));
  ib_test_settle ();
  g_assert_cmpstr (ib_window_get_view (demo->window), ==, "plan");
  ib_test_wait_for_text (GTK_WIDGET (demo->window), heading);
}

static void
pick (GtkWidget  *page,
      const char *action_name,
      const char *id)
{
  IbRecordPicker *picker;

  g_assert_true (gtk_widget_activate_action (page, action_name, NULL));
  picker = IB_RECORD_PICKER (ib_test_wait_for_window (IB_TYPE_RECORD_PICKER));
  ib_record_picker_set_ticked (picker, id, TRUE);
  ib_test_press_save (GTK_WINDOW (picker));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_PICKER);
  ib_test_settle ();
}

static char *
kpi_name (IbRecord *indicator)
{
  return g_strdup_printf ("%s (%s)", ib_record_get_string (indicator, "title"), ib_record_get_string (indicator, "code"));
}

/* Issue 22 (1): an action's KPIs, risks and findings chosen from the action, each written where
 * the other end reads it; the KPI lists the action as one claiming to move it. */
static void
test_links_from_action (void)
{
  IbTestDemo demo = { 0 };
  GtkWidget *page = ib_test_demo_open (&demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1300, 900);
  g_autoptr (IbRecord) action = ib_test_active_action (demo.store, "13");
  g_autoptr (IbRecord) cla = find_one (demo.store, &ib_type_indicator, "code", "CLA_N");
  g_autoptr (IbRecord) finding = ib_store_get (demo.store, &ib_type_finding, "642b7af3-fb65-5ce4-854d-596c13d7d720", NULL);
  g_autoptr (GListModel) risks = ib_store_list (demo.store, &ib_type_risk);
  g_autoptr (IbRecord) risk = g_list_model_get_item (risks, 0);
  g_autofree char *cla_name = kpi_name (cla);
  g_autofree char *sql = NULL;
  g_auto (GStrv) claimed = NULL;
  g_auto (GStrv) treated = NULL;
  g_auto (GStrv) answered = NULL;
  GtkWidget *kpis;

  open_action (&demo, action);
  g_assert_false (ib_test_window_shows (GTK_WIDGET (demo.window), cla_name));

  /* The KPI, chosen from the action: written on the action, read from the KPI's end. */
  pick (page, "plan.link-indicators", ib_record_get_id (cla));
  sql = g_strdup_printf ("SELECT count(*) FROM action WHERE id = '%s' AND linked_indicators LIKE '%%%s%%'",
                         ib_record_get_id (action), ib_record_get_id (cla));
  g_assert_cmpint (ib_test_query_int (demo.path, sql), ==, 1);
  claimed = ib_links_get (demo.store, IB_LINK_INDICATOR_ACTIONS, ib_record_get_id (cla));
  g_assert_true (g_strv_contains ((const char * const *) claimed, ib_record_get_id (action)));
  /* In the links, and in the evidence with how it moved since the action started. */
  ib_test_wait_for_text (GTK_WIDGET (demo.window), cla_name);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Evidence");

  /* A risk, chosen from the action: the risk's own list is the one written. */
  pick (page, "plan.link-risks", ib_record_get_id (risk));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM risk WHERE id = '%s' AND linked_actions LIKE '%%%s%%'",
                         ib_record_get_id (risk), ib_record_get_id (action));
  g_assert_cmpint (ib_test_query_int (demo.path, sql), ==, 1);
  treated = ib_links_get (demo.store, IB_LINK_ACTION_RISKS, ib_record_get_id (action));
  g_assert_true (g_strv_contains ((const char * const *) treated, ib_record_get_id (risk)));
  {
    g_autofree char *name = ib_format_record_name (risk);

    ib_test_settle ();
    g_assert_true (window_shows_prefix (GTK_WIDGET (demo.window), name));
  }

  /* The finding nobody answered, chosen from the action: written on the finding. */
  pick (page, "plan.link-findings", ib_record_get_id (finding));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM finding WHERE id = '%s' AND linked_actions LIKE '%%%s%%'",
                         ib_record_get_id (finding), ib_record_get_id (action));
  g_assert_cmpint (ib_test_query_int (demo.path, sql), ==, 1);
  answered = ib_links_get (demo.store, IB_LINK_ACTION_FINDINGS, ib_record_get_id (action));
  g_assert_true (g_strv_contains ((const char * const *) answered, ib_record_get_id (finding)));
  ib_test_wait_for_text (GTK_WIDGET (demo.window), ib_record_get_string (finding, "text"));

  /* The KPI shows the action that claims to move it, and the line opens it in the plan. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", "kpis"));
  kpis = ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_KPIS_PAGE, NULL);
  g_assert_true (ib_kpis_page_select (IB_KPIS_PAGE (kpis), ib_record_get_id (cla)));
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Actions That Claim to Move It");
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Action 13: Amber");
  {
    GObject *list = gtk_widget_get_template_child (GTK_WIDGET (ib_kpis_page_get_detail (IB_KPIS_PAGE (kpis))),
                                                   g_type_from_name ("IbKpiDetail"), "actions_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

    g_assert_nonnull (row);
    ib_test_scroll_to (GTK_WIDGET (list));
    ib_test_save_shot (GTK_WIDGET (demo.window), "kpi-actions.png");
    gtk_widget_activate (GTK_WIDGET (row));
    ib_test_settle ();
    g_assert_cmpstr (ib_window_get_view (demo.window), ==, "plan");
  }

  /* Unlinked from the action again: gone from the KPI's end too. */
  g_assert_true (ib_links_set (demo.store, IB_LINK_ACTION_INDICATORS, ib_record_get_id (action), NULL, NULL));
  g_clear_pointer (&claimed, g_strfreev);
  claimed = ib_links_get (demo.store, IB_LINK_INDICATOR_ACTIONS, ib_record_get_id (cla));
  g_assert_false (g_strv_contains ((const char * const *) claimed, ib_record_get_id (action)));

  ib_test_demo_close (&demo);
}

/* Issue 22 (2): the Overview counts the active plan's actions delivered but not improving, and
 * its row opens the plan filtered to them; the action says why, in words and a shape. */
static void
test_not_improving (void)
{
  IbTestDemo demo = { 0 };
  GtkWidget *overview = ib_test_demo_open (&demo, ADW_APPLICATION (app), "overview", IB_TYPE_OVERVIEW_PAGE, 1300, 900);
  g_autoptr (IbRecord) plan = find_one (demo.store, &ib_type_plan, "status", "active");
  g_autoptr (GPtrArray) flagged = ib_evidence_flagged_actions (demo.store, ib_record_get_id (plan), NULL);
  g_autoptr (IbRecord) first = NULL;
  g_autoptr (IbRecord) red = ib_test_active_action (demo.store, "16");
  g_autoptr (IbEvidence) evidence = NULL;
  g_autofree char *count = NULL, *sentence = NULL;
  GtkWidget *row, *badge, *plan_page;
  IbPlanModel *model;

  /* In the demo, actions 11, 12, 14 and 17 are Green or complete with their impact Amber. */
  g_assert_nonnull (flagged);
  g_assert_cmpuint (flagged->len, ==, 4);
  count = g_strdup_printf ("%u", flagged->len);

  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Delivered, not improving");
  row = ib_test_find_named (overview, "not-improving");
  g_assert_nonnull (row);
  badge = ib_test_find_widget (row, IB_TYPE_BADGE, NULL);
  g_assert_nonnull (badge);
  g_assert_cmpstr (ib_badge_get_text (IB_BADGE (badge)), ==, count);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  gtk_widget_activate (row);
  ib_test_settle ();
  g_assert_cmpstr (ib_window_get_view (demo.window), ==, "plan");
  plan_page = ib_test_find_widget (GTK_WIDGET (demo.window), IB_TYPE_PLAN_PAGE, NULL);
  model = ib_plan_page_get_model (IB_PLAN_PAGE (plan_page));
  g_assert_true (ib_plan_model_get_not_improving_only (model));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    gtk_widget_get_template_child (plan_page, IB_TYPE_PLAN_PAGE, "not_improving_check"))));
  g_assert_cmpuint (ib_plan_model_get_n_shown (model), ==, flagged->len);
  for (guint i = 0; i < flagged->len; i++)
    {
      g_autoptr (IbRecord) action = ib_store_get (demo.store, &ib_type_action, flagged->pdata[i], NULL);

      ib_test_wait_for_text (GTK_WIDGET (demo.window), ib_record_get_string (action, "title"));
    }
  g_assert_false (ib_test_window_shows (GTK_WIDGET (demo.window), ib_record_get_string (red, "title")));

  /* The action: the flag beside its RAG, and the evidence saying why. */
  first = ib_store_get (demo.store, &ib_type_action, flagged->pdata[0], NULL);
  open_action (&demo, first);
  evidence = ib_evidence_for_action (demo.store, flagged->pdata[0], NULL);
  g_assert_true (evidence->flagged);
  sentence = ib_evidence_describe (evidence);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), sentence);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "The latest statement’s impact");
  ib_test_save_shot (GTK_WIDGET (demo.window), "not-improving-plan.png");

  /* The same filter by hand: off, then on through its check button. */
  g_assert_true (gtk_widget_activate_action (plan_page, "plan.clear-filters", NULL));
  ib_test_settle ();
  g_assert_false (ib_plan_model_get_not_improving_only (model));
  g_assert_cmpuint (ib_plan_model_get_n_shown (model), ==, 9);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (plan_page, IB_TYPE_PLAN_PAGE,
                                                                                "not_improving_check")), TRUE);
  ib_test_settle ();
  g_assert_cmpuint (ib_plan_model_get_n_shown (model), ==, flagged->len);

  ib_test_demo_close (&demo);
}

/* Issue 22 (3): a finding cites its report paragraph, and reads through its actions (with
 * RAG) to their KPIs (with direction) and what that evidence says. */
static void
test_finding_trail (void)
{
  IbTestDemo demo = { 0 };
  GtkWidget *page = ib_test_demo_open (&demo, ADW_APPLICATION (app), "judgements", IB_TYPE_JUDGEMENTS_PAGE, 1300, 900);
  g_autoptr (IbRecord) finding = ib_store_get (demo.store, &ib_type_finding, "19eca0f4-52e0-5b2f-8a19-ea0a07ced6ea", NULL);
  g_autoptr (IbRecord) action = ib_test_active_action (demo.store, "13");
  g_autoptr (IbRecord) asmt = find_one (demo.store, &ib_type_indicator, "code", "ASMT45");
  g_autoptr (IbEvidence) evidence = NULL;
  g_autofree char *sentence = NULL;
  const char *kpis[] = { ib_record_get_id (asmt), NULL };
  g_autoptr (GError) error = NULL;

  ib_record_set_int (finding, "paragraph", 44);
  g_assert_true (ib_store_update (demo.store, finding, &error));
  g_assert_no_error (error);
  g_assert_true (ib_links_set (demo.store, IB_LINK_ACTION_INDICATORS, ib_record_get_id (action), kpis, &error));
  g_assert_no_error (error);

  g_assert_true (ib_judgements_page_select (IB_JUDGEMENTS_PAGE (page), ib_record_get_string (finding, "inspection")));
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "para 44");
  ib_test_wait_for_text (GTK_WIDGET (demo.window), ib_record_get_string (finding, "text"));
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Action 13: Amber");
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "ASMT45");
  evidence = ib_evidence_for_action (demo.store, ib_record_get_id (action), NULL);
  sentence = ib_evidence_describe (evidence);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), sentence);
  ib_test_scroll_to (find_label (GTK_WIDGET (demo.window), "para 44"));
  ib_test_save_shot (GTK_WIDGET (demo.window), "finding-trail.png");

  /* Action 17 is complete and answers the finding on houses in multiple occupation: with no KPI
   * linked there is no evidence, so no flag; linked to one that has not moved, the finding is
   * flagged like a delivered action not improving. */
  g_assert_false (ib_test_window_shows (GTK_WIDGET (demo.window), "Actions complete, KPIs not moved"));
  {
    g_autoptr (IbRecord) complete = ib_test_active_action (demo.store, "17");

    g_assert_true (ib_links_set (demo.store, IB_LINK_ACTION_INDICATORS, ib_record_get_id (complete), kpis, &error));
    g_assert_no_error (error);
    g_assert_true (ib_evidence_finding_stalled (demo.store, "5b10ed64-3b5f-5548-a644-5e12c4d5db5e", NULL));
  }
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Actions complete, KPIs not moved");

  /* The finding's paragraph is also where the action names it. */
  open_action (&demo, action);
  {
    g_autofree char *cited = g_strdup_printf ("para 44: %s", ib_record_get_string (finding, "text"));

    ib_test_wait_for_text (GTK_WIDGET (demo.window), cited);
  }

  ib_test_demo_close (&demo);
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  return ib_format_date (day);
}

/* Issue 22 (4), on this computer: an edit not yet sent is in the History at once, newest
 * first, marked as waiting, with who made it and when. */
static void
test_history_pending (void)
{
  IbTestDemo demo = { 0 };
  GtkWidget *page = ib_test_demo_open (&demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1300, 900);
  g_autoptr (IbRecord) action = ib_test_active_action (demo.store, "10");
  g_autofree char *date = today ();
  g_autofree char *line = g_strdup_printf ("Changed due date from 31 March 2023 to 30 June 2023 — Helen Marsh, %s", date);
  IbRecordEditor *editor;
  IbHistorySection *history;

  open_action (&demo, action);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "History");
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "No change recorded yet.");

  g_assert_true (gtk_widget_activate_action (page, "plan.edit-action", NULL));
  editor = ib_test_wait_for_editor ();
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "due_on")), "2023-06-30");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);

  ib_test_wait_for_text (GTK_WIDGET (demo.window), line);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Waiting to be sent");
  history = IB_HISTORY_SECTION (ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_HISTORY_SECTION));
  g_assert_nonnull (history);
  ib_test_scroll_to (GTK_WIDGET (history));
  ib_test_save_shot (GTK_WIDGET (demo.window), "history-pending.png");
  g_assert_false (ib_history_section_is_fetching (history));
  /* No server: it says its history is what was done here. */
  g_assert_nonnull (ib_history_section_get_status (history));

  ib_test_demo_close (&demo);
}

/* Issue 22 (5): a statement correcting an earlier one names it, and the earlier one names it back. */
static void
test_statement_corrects (void)
{
  IbTestDemo demo = { 0 };
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (GListModel) statements = NULL;
  g_autoptr (IbRecord) earlier = NULL;
  g_autoptr (IbRecord) correction = ib_record_new (&ib_type_position_statement);
  g_autoptr (GError) error = NULL;

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1300, 900);
  action = ib_test_active_action (demo.store, "13");
  statements = ib_store_list_where (demo.store, &ib_type_position_statement, "action", ib_record_get_id (action));
  earlier = g_list_model_get_item (statements, 0);
  g_assert_cmpstr (ib_record_get_string (earlier, "as_at"), ==, "2022-10-21");

  ib_record_set_string (correction, "action", ib_record_get_id (action));
  ib_record_set_string (correction, "as_at", "2022-10-28");
  ib_record_set_string (correction, "author", "Participation Lead (Femi Adeyemi)");
  ib_record_set_string (correction, "delivery_rag", "amber");
  ib_record_set_string (correction, "narrative", "Corrects the October figure for children's views recorded.");
  ib_record_set_string (correction, "corrects", ib_record_get_id (earlier));
  g_assert_true (ib_store_create (demo.store, correction, &error));
  g_assert_no_error (error);

  open_action (&demo, action);
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Corrects the statement of 21 October 2022");
  ib_test_wait_for_text (GTK_WIDGET (demo.window), "Corrected by the statement of 28 October 2022");

  ib_test_demo_close (&demo);
}

static gboolean
history_shown_cb (gpointer data)
{
  GtkWidget *history = ib_test_find_mapped (data, IB_TYPE_HISTORY_SECTION);

  return history != NULL && ib_history_section_get_status (IB_HISTORY_SECTION (history)) != NULL;
}

/* Issue 22 (4): every view's detail pane ends with the record's History. */
static void
test_history_everywhere (void)
{
  IbTestDemo demo = { 0 };
  const char *views[] = { "plan", "judgements", "kpis", "risks" };

  ib_test_demo_open (&demo, ADW_APPLICATION (app), "plan", IB_TYPE_PLAN_PAGE, 1300, 900);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *history;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo.window), "win.show-view", "s", views[i]));
      ib_test_spin_until (history_shown_cb, demo.window, 20);
      history = ib_test_find_mapped (GTK_WIDGET (demo.window), IB_TYPE_HISTORY_SECTION);
      g_test_message ("%s: %s", views[i], history != NULL ? ib_history_section_get_status (IB_HISTORY_SECTION (history)) : "none");
      g_assert_nonnull (history);
      g_assert_true (ib_test_window_shows (history, "History"));
      /* The demo is on this computer only: said so, not an error. */
      g_assert_cmpstr (ib_history_section_get_status (IB_HISTORY_SECTION (history)), ==,
                       "This plan is kept on this computer only, so its history is the changes made here.");
    }

  ib_test_demo_close (&demo);
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

  g_test_add_func ("/ui/evidence/links-from-action", test_links_from_action);
  g_test_add_func ("/ui/evidence/not-improving", test_not_improving);
  g_test_add_func ("/ui/evidence/finding-trail", test_finding_trail);
  g_test_add_func ("/ui/evidence/history-pending", test_history_pending);
  g_test_add_func ("/ui/evidence/statement-corrects", test_statement_corrects);
  g_test_add_func ("/ui/evidence/history-everywhere", test_history_everywhere);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
