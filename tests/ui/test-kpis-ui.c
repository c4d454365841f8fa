/* test-kpis-ui.c: the KPI view in the real window, under Xvfb, on the demo indicators in a
 * real database file: the list and chart read from the widgets, a value entered (a second
 * one for the month refused), a new indicator, CSV import previewed then applied, a
 * malformed file refused with nothing written, an Explore Education Statistics data set
 * imported through Import…, the mapping dialog and the preview, CSV and chart export, delete
 * with Undo, and a viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ib-application.h"
#include "ib-badge.h"
#include "ib-chart-private.h"
#include "ib-council.h"
#include "ib-ees-mapping-dialog-private.h"
#include "ib-date-row.h"
#include "ib-kpi-detail-private.h"
#include "ib-kpi-row-private.h"
#include "ib-kpis-page-private.h"
#include "ib-pdf-tools.h"
#include "ib-ui-test-util.h"
#include "ib-view.h"

static IbApplication *app;

typedef struct
{
  IbTestDemo  demo;
  const char *path;   /* the rest borrowed from demo */
  IbStore    *store;
  IbWindow   *window;
  IbKpisPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = IB_KPIS_PAGE (ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "kpis", IB_TYPE_KPIS_PAGE, 1300, 900));
  f->path = f->demo.path;
  f->store = f->demo.store;
  f->window = f->demo.window;
  ib_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

/* Returns the id of the indicator with @code (transfer full). */
static char *
indicator_id (Fixture    *f,
              const char *code)
{
  g_autoptr (GListModel) found = ib_store_list_where (f->store, &ib_type_indicator, "code", code);
  g_autoptr (IbRecord) indicator = g_list_model_get_item (found, 0);

  g_assert_nonnull (indicator);
  return g_strdup (ib_record_get_id (indicator));
}

static AdwMessageDialog *
wait_for_message (void)
{
  return ADW_MESSAGE_DIALOG (ib_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
close_message (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ib_test_settle ();
}

static void
select_code (Fixture    *f,
             const char *code)
{
  g_autofree char *id = indicator_id (f, code);

  g_assert_true (ib_kpis_page_select (f->page, id));
  ib_test_settle ();
}

/* Waits for the chart's next frame to show @n of the council's points (drawing waits on the
 * frame clock), then checks it did. */
static void
assert_points (IbChart *chart,
               guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (chart));
  while (ib_chart_get_n_points (chart, IB_CHART_VALUE) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ib_chart_get_n_points (chart, IB_CHART_VALUE), ==, n);
}

/* The row whose spoken summary starts with @start, among those the list has made. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *start)
{
  if (IB_IS_KPI_ROW (root) && ib_kpi_row_get_summary (IB_KPI_ROW (root)) != NULL &&
      g_str_has_prefix (ib_kpi_row_get_summary (IB_KPI_ROW (root)), start))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, start);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Adds the text of every shown badge under @root to @out, each after ". ", as a row's spoken
 * summary joins them. */
static void
collect_badges (GtkWidget *root,
                GString   *out)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (IB_IS_BADGE (root))
    {
      g_string_append_printf (out, ". %s", ib_badge_get_text (IB_BADGE (root)));
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_badges (c, out);
}

/* Every indicator row the list shows has its own item's badges, in its summary's words: rows are
 * bound again to other items as the list changes, and keep their badges to set them again. */
static guint
assert_rows_show_their_badges (GtkWidget *root)
{
  guint n = 0;

  if (IB_IS_KPI_ROW (root) && gtk_widget_get_mapped (root) && ib_kpi_row_get_summary (IB_KPI_ROW (root)) != NULL &&
      !gtk_widget_has_css_class (root, "heading-row"))
    {
      g_autoptr (GString) badges = g_string_new (NULL);

      collect_badges (root, badges);
      g_assert_cmpuint (badges->len, >, 0);
      g_assert_nonnull (strstr (ib_kpi_row_get_summary (IB_KPI_ROW (root)), badges->str));
      return 1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += assert_rows_show_their_badges (c);
  return n;
}

static void
test_list_and_chart (Fixture       *f,
                     gconstpointer  data)
{
  IbKpiDetail *detail = ib_kpis_page_get_detail (f->page);
  IbChart *chart, *grades;
  g_autofree char *march = NULL, *quarter = NULL;
  guint n_rows = 0, n_headings = 0;

  /* The list: headed groups, each row saying its figure, trend, status and comparison. Its top:
   * shown by its shortcut, it scrolled to the indicator open, which is further down. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Children in care");
  gtk_widget_activate_action (ib_test_find_mapped (GTK_WIDGET (f->page), GTK_TYPE_GRID_VIEW),
                              "list.scroll-to-item", "u", 0);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "90% · March 2022");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Better than England, statistical neighbours and the region; better than the previous figure");
  {
    GListModel *items = ib_kpi_model_get_items (ib_kpis_page_get_model (f->page));

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

        n_rows++;
        n_headings += ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING;
      }
    g_assert_cmpuint (n_rows, ==, 16);
    g_assert_cmpuint (n_headings, ==, 6);
  }
  {
    GtkWidget *row = find_row (GTK_WIDGET (f->page), "Assessments completed within 45 working days");

    g_assert_nonnull (row);
    g_assert_cmpstr (ib_kpi_row_get_summary (IB_KPI_ROW (row)), ==,
                     "Assessments completed within 45 working days. 90% · March 2022. Improving. On target. "
                     "Better than England, statistical neighbours and the region; better than the previous figure");
  }

  g_assert_cmpuint (assert_rows_show_their_badges (GTK_WIDGET (f->page)), >=, 5);
  /* A search binds the rows to other indicators, and clearing it binds them back. */
  ib_kpi_model_set_search (ib_kpis_page_get_model (f->page), "rate");
  ib_test_settle ();
  g_assert_cmpuint (assert_rows_show_their_badges (GTK_WIDGET (f->page)), >=, 1);
  ib_kpi_model_set_search (ib_kpis_page_get_model (f->page), NULL);
  ib_test_settle ();
  g_assert_cmpuint (assert_rows_show_their_badges (GTK_WIDGET (f->page)), >=, 5);

  /* It opens on an indicator off target: the agency social worker rate. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Agency social worker rate");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Off target");

  /* Children in care: every month since March 2020, 446 in March 2021. */
  select_code (f, "CLA_N");
  ib_kpi_detail_set_range (detail, IB_KPI_RANGE_ALL);
  chart = ib_kpi_detail_get_chart (detail);
  g_assert_nonnull (chart);
  assert_points (chart, 13);
  march = ib_chart_describe_point (chart, 12);  /* March 2020 + 12 months */
  g_assert_cmpstr (march, ==, "March 2021: This council 446");
  g_assert_null (ib_kpi_detail_get_grades_chart (detail));

  /* It takes the keyboard focus in the real window. */
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));

  /* Two years only: April 2020 to March 2022, so March 2020's 490 drops out. */
  ib_kpi_detail_set_range (detail, IB_KPI_RANGE_2_YEARS);
  assert_points (chart, 12);

  /* A practice-review share shows the grade distribution beside it. */
  select_code (f, "QA_INAD");
  grades = ib_kpi_detail_get_grades_chart (detail);
  g_assert_nonnull (grades);
  quarter = ib_chart_describe_point (grades, 0);
  g_assert_cmpstr (quarter, ==, "October 2020: Inadequate 48%; Requires improvement 40%; Good 12%");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Better than last quarter");
}

static void
test_add_value (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = indicator_id (f, "ASMT45");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s'", id);
  gint64 before = ib_test_query_int (f->path, sql);
  IbRecordEditor *editor;
  g_autofree char *value_sql = NULL;
  g_autofree char *offered = NULL;

  select_code (f, "ASMT45");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kpis.add-value", "s", id));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Value for Assessments completed within 45 working days");
  /* The month after the newest is offered (shown the locale's way). */
  offered = ib_date_row_get_iso (IB_DATE_ROW (ib_record_editor_get_row (editor, "period")), NULL);
  g_assert_cmpstr (offered, ==, "2022-04");

  /* A second value for March is refused beside the month, and nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "period")), "2022-03");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "value")), "91");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "ASMT45 already has a value for 2022-03. Change that month’s value instead.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "period"), "error"));
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, before);

  /* A numerator without its denominator is refused too. */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "period")), "2022-04");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "value")), "");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "numerator")), "174");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "Give both the numerator and the denominator, or neither.");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, before);

  /* 174 of 200 assessments on time: the value is worked out as 87%. */
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "denominator")), "200");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  value_sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s' AND period = '2022-04'"
                               " AND value = 87 AND numerator = 174 AND denominator = 200", id);
  g_assert_cmpint (ib_test_query_int (f->path, value_sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'measurement' AND op = 'create'"), ==, 1);

  /* The list and detail follow: 87 in April, down from 90, still on target. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "87% · April 2022");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "174 of 200");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "Worsening");
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkAdjustment *
scroll_of (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Changing a month's value refills the values list in place: the pane stays where it was
 * scrolled to and the focus is on the same month's edit button again. */
static void
test_value_edited_in_place (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = indicator_id (f, "CLA_N");
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM measurement WHERE indicator = '%s' AND period = '2022-03'", id);
  GtkWidget *edit, *again;
  GtkAdjustment *scroll;
  IbRecordEditor *editor;
  double position;

  select_code (f, "CLA_N");
  ib_test_settle ();
  edit = find_by_tooltip (GTK_WIDGET (f->page), "Edit the value for March 2022");
  g_assert_nonnull (edit);
  /* Its row is spoken as the AdwActionRow it replaced: a list item named by its month and
   * described by its comparators. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (edit, GTK_TYPE_LIST_BOX_ROW);

    g_assert_nonnull (row);
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)), ==, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
    g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  }
  scroll = scroll_of (edit);
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >, gtk_adjustment_get_page_size (scroll) + 100);
  /* Scrolled well down, with March's row in view. */
  {
    GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (edit, GTK_TYPE_SCROLLED_WINDOW)));
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (edit, content, &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (scroll, at.y - gtk_adjustment_get_page_size (scroll) / 2);
  }
  gtk_widget_grab_focus (edit);
  ib_test_settle ();
  position = gtk_adjustment_get_value (scroll);
  g_assert_cmpfloat (position, >, 100);

  g_signal_emit_by_name (edit, "clicked");
  editor = ib_test_wait_for_editor ();
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "value")), "459");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  ib_test_settle ();

  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 459);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "459 · March 2022");
  again = find_by_tooltip (GTK_WIDGET (f->page), "Edit the value for March 2022");
  g_assert_nonnull (again);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == again);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (scroll), position, 0.5);
}

static void
test_new_indicator (Fixture       *f,
                    gconstpointer  data)
{
  IbRecordEditor *editor;
  GtkWidget *unit;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  editor = ib_test_wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Indicator");

  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "“Code” is required.");
  g_assert_true (gtk_widget_has_css_class (ib_record_editor_get_row (editor, "code"), "error"));

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "code")), "CLA_RATE");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "title")), "Children in care per 10,000 children");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "category")), "Children in care");
  unit = ib_record_editor_get_row (editor, "unit");
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (unit))); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (unit))), i),
                   "Rate per 10,000 children") == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (unit), i);
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "target")), "70");
  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "tolerance")), "-2");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_text (GTK_WIDGET (editor), "The tolerance is a distance from the target and cannot be negative.");
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM indicator WHERE code = 'CLA_RATE'"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (ib_record_editor_get_row (editor, "tolerance")), "5");
  ib_test_press_save (GTK_WINDOW (editor));
  ib_test_wait_for_no_window (IB_TYPE_RECORD_EDITOR);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM indicator WHERE code = 'CLA_RATE' AND unit = 'rate_per_10k'"
                                               " AND target = 70 AND tolerance = 5 AND frequency = 'monthly'"), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'indicator' AND op = 'create'"), ==, 1);
  /* Selected, with no values yet. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "No values recorded yet.");
  {
    GListModel *items = ib_kpi_model_get_items (ib_kpis_page_get_model (f->page));
    guint under = 0;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr (IbKpiItem) item = g_list_model_get_item (items, i);

        if (ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING && g_strcmp0 (ib_kpi_item_get_category (item), "Children in care") == 0)
          under = ib_kpi_item_get_n_indicators (item);
      }
    g_assert_cmpuint (under, ==, 2);
  }
}

static void
write_file (const char *path,
            const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->demo.dir, "values.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *id = indicator_id (f, "CLA_N");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s'", id);
  g_autofree char *changed = g_strdup_printf ("SELECT value FROM measurement WHERE indicator = '%s' AND period = '2022-03'", id);
  gint64 before = ib_test_query_int (f->path, sql);
  AdwMessageDialog *dialog;

  select_code (f, "CLA_N");

  /* A malformed file: refused with the line and column, nothing written. */
  write_file (path, "indicator,period,value\nCLA_N,2022-04,461\nCLA_N,2022-05,4x1\nNOPE,2022-05,3\n");
  ib_kpis_page_import_file (f->page, file);
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import Values");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Line 3, column 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Line 4, column 1"));
  close_message (dialog, "close");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, before);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox"), ==, 0);

  /* A good one: previewed (one new, one changed, one as recorded), then cancelled: nothing. */
  write_file (path, "indicator,period,value,note\nCLA_N,2022-03,460,Revised\nCLA_N,2022-04,462,\nCLA_N,2021-03,446,\n");
  ib_kpis_page_import_file (f->page, file);
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 2 Values?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 new, 1 changed, 1 already recorded. All are written together, or none.");
  ib_test_wait_for_text (GTK_WIDGET (dialog), "CLA_N, March 2022: 458 → 460");
  ib_test_wait_for_text (GTK_WIDGET (dialog), "CLA_N, April 2022: 462 (new)");
  close_message (dialog, "cancel");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, before);

  /* Again, imported: both written with their outbox rows, the list follows. */
  ib_kpis_page_import_file (f->page, file);
  dialog = wait_for_message ();
  close_message (dialog, "import");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, before + 1);
  g_assert_cmpint (ib_test_query_int (f->path, changed), ==, 460);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'measurement'"), ==, 2);
  ib_test_wait_for_text (GTK_WIDGET (f->window), "462 · April 2022");

  /* The same file once more: nothing to do. */
  ib_kpis_page_import_file (f->page, file);
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing to Import");
  close_message (dialog, "close");
}

/* Types @text into the entry row titled @title under @root and presses its apply button. */
static void
apply_entry (GtkWidget  *root,
             const char *title,
             const char *text)
{
  GtkWidget *row = ib_test_find_widget (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  ib_test_settle ();
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));

  return file != NULL;
}

/* File → Import… with @path picked in the file chooser and Open pressed, as a person would. */
static void
import_through_chooser (Fixture    *f,
                        const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) picked = NULL;
  GtkWindow *chooser;
  GtkWidget *open;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  /* With no portal the native chooser is GTK's own dialog, in this process. */
  chooser = ib_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Import National Data or KPI Values");
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  ib_test_spin_until (chooser_has_file, chooser, 20);
  picked = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_file_equal (picked, file));
  open = ib_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_BUTTON, "_Open");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  ib_test_wait_for_no_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

/* The rereferral rate of a Children in need data set: the council's code and its ten
 * neighbours given in the Council settings, the file picked through Import…, the mapping
 * answered (a bad release date refused first), the preview read then confirmed; the figures
 * and their source are then on the KPI's detail, the next import of the same data set opens
 * with the answers remembered, and a release without the council's rows is refused. */
static void
test_import_ees (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ees", "c1_children_in_need_referrals_and_rereferrals.csv", NULL);
  g_autofree char *id = indicator_id (f, "REREF12");
  g_autofree char *own_sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s' AND value IS NOT NULL", id);
  g_autofree char *figures_sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s' AND period = '2025-03'"
                                                  " AND value IS NULL AND england = 22.6 AND region = 22.1 AND sn_count = 8"
                                                  " AND source_file = 'c1_children_in_need_referrals_and_rereferrals.csv'"
                                                  " AND source_published = '2025-11-26'", id);
  g_autofree char *earlier_sql = g_strdup_printf ("SELECT count(*) FROM measurement WHERE indicator = '%s' AND period = '2024-03'"
                                                  " AND england = 22.4", id);
  gint64 own_before = ib_test_query_int (f->path, own_sql);
  GtkWindow *settings;
  IbEesMappingDialog *mapping;
  AdwMessageDialog *dialog;
  GtkWidget *preview, *own, *use;
  g_autofree char *code = NULL;
  g_auto (GStrv) neighbours = NULL;
  const char * const bcp_neighbours[] = { "822", "882", "886", "878", "826", "303", "938", "926", "845", "881", NULL };

  /* The council's code and its neighbours, once, in the Council settings: with no neighbours
   * chosen yet, the code brings the DfE's ten as the default, named from the shipped list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.council", NULL));
  settings = ib_test_wait_for_window (ADW_TYPE_PREFERENCES_WINDOW);
  apply_entry (GTK_WIDGET (settings), "Local Authority Code", "839");
  neighbours = ib_council_dup_neighbours (f->store);
  g_assert_true (g_strv_equal ((const char * const *) neighbours, bcp_neighbours));
  ib_test_wait_for_text (GTK_WIDGET (settings), "Council code saved, with the DfE’s ten statistical neighbours");
  ib_test_wait_for_text (GTK_WIDGET (settings), "Bedford Borough, Southend-on-Sea, Kent, Devon, Milton Keynes, Bexley, "
                                                "West Sussex, Norfolk, East Sussex, Essex");
  /* Changed by hand, then the DfE's offered back with Use. */
  apply_entry (GTK_WIDGET (settings), "Neighbours’ Codes", "822, 882");
  g_strfreev (neighbours);
  neighbours = ib_council_dup_neighbours (f->store);
  g_assert_cmpuint (g_strv_length (neighbours), ==, 2);
  use = ib_test_find_widget (GTK_WIDGET (settings), GTK_TYPE_BUTTON, "_Use");
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  ib_test_settle ();
  g_strfreev (neighbours);
  neighbours = ib_council_dup_neighbours (f->store);
  g_assert_true (g_strv_equal ((const char * const *) neighbours, bcp_neighbours));
  code = ib_council_dup_la_code (f->store);
  g_assert_cmpstr (code, ==, "839");
  gtk_window_destroy (settings);
  ib_test_settle ();

  /* Picked through File → Import…: the data set is recognised and its mapping asked for. */
  import_through_chooser (f, path);
  mapping = IB_EES_MAPPING_DIALOG (ib_test_wait_for_window (IB_TYPE_EES_MAPPING_DIALOG));
  ib_test_wait_for_text (GTK_WIDGET (mapping), "rereferral_percent");
  ib_test_wait_for_text (GTK_WIDGET (mapping), "c1_children_in_need_referrals_and_rereferrals.csv: 26 rows, 2024 to 2025");
  g_assert_true (_ib_ees_mapping_dialog_choose (mapping, "rereferral_percent", "REREF12"));
  g_assert_true (_ib_ees_mapping_dialog_set_filter (mapping, "category", "Referrals and Re-referrals"));
  /* The KPI has monthly figures of its own: only the comparators are taken. */
  own = ib_test_find_widget (GTK_WIDGET (mapping), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (own);
  gtk_switch_set_active (GTK_SWITCH (own), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (_ib_ees_mapping_dialog_get_entry (mapping, "publication")),
                         "Children in need");
  preview = ib_test_find_widget (GTK_WIDGET (mapping), GTK_TYPE_BUTTON, "_Preview");
  g_assert_nonnull (preview);

  /* A release date that is not a date is refused, and the dialog stays. */
  gtk_editable_set_text (GTK_EDITABLE (_ib_ees_mapping_dialog_get_entry (mapping, "published")), "26/11/2025");
  g_signal_emit_by_name (preview, "clicked");
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Check the Release Date");
  close_message (dialog, "close");
  g_assert_true (ib_test_find_window (IB_TYPE_EES_MAPPING_DIALOG) == GTK_WINDOW (mapping));
  g_assert_cmpint (ib_test_query_int (f->path, figures_sql), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (_ib_ees_mapping_dialog_get_entry (mapping, "published")), "2025-11-26");
  g_signal_emit_by_name (preview, "clicked");
  ib_test_wait_for_no_window (IB_TYPE_EES_MAPPING_DIALOG);

  /* The preview: England's figure for each year (to the KPI's whole percent), nothing written
   * until it is confirmed. */
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 2 Values?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "2 new, 0 changed, 0 already recorded. All are written together, or none.");
  ib_test_wait_for_text (GTK_WIDGET (dialog), "REREF12, March 2025: England 23%");
  ib_test_wait_for_text (GTK_WIDGET (dialog), "REREF12, March 2024: England 22%");
  g_assert_cmpint (ib_test_query_int (f->path, figures_sql), ==, 0);
  close_message (dialog, "import");

  /* Written in one go with their outbox rows; the council's own figures untouched. */
  g_assert_cmpint (ib_test_query_int (f->path, figures_sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, earlier_sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, own_sql), ==, own_before);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'measurement' AND op = 'create'"), ==, 2);

  /* The KPI is shown at once: its figures, the neighbours' mean and where they came from. */
  ib_test_wait_for_text (GTK_WIDGET (f->window), "England 23% · Statistical neighbours 21% (mean of 8) · Region 22%");
  ib_test_wait_for_text (GTK_WIDGET (f->window), "England, region and statistical neighbours: 2025, Children in need, published 26 November 2025");
  /* An exported chart carries its source in the drawing, as the window shows it under the chart. */
  if (ib_pdf_tools_ready ())
    {
      g_autofree char *pdf_path = g_build_filename (f->demo.dir, "rereferrals.pdf", NULL);
      g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (ib_kpis_page_export_chart (f->page, pdf, IB_CHART_PDF, 842, 595, &error));
      g_assert_no_error (error);
      text = ib_pdf_text (pdf_path, 0, 0);
      if (strstr (text, "England, region and statistical neighbours: 2025, Children in need, published 26 November 2025") == NULL)
        g_error ("the exported chart does not give its source: %s", text);
    }
  ib_test_wait_for_text (GTK_WIDGET (f->window), "2025: 6 of 9");

  /* The next release of the same data set opens with the answers remembered: Preview alone. */
  import_through_chooser (f, path);
  mapping = IB_EES_MAPPING_DIALOG (ib_test_wait_for_window (IB_TYPE_EES_MAPPING_DIALOG));
  own = ib_test_find_widget (GTK_WIDGET (mapping), GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (own)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_ib_ees_mapping_dialog_get_entry (mapping, "publication"))), ==,
                   "Children in need");
  gtk_editable_set_text (GTK_EDITABLE (_ib_ees_mapping_dialog_get_entry (mapping, "published")), "2025-11-26");
  g_signal_emit_by_name (ib_test_find_widget (GTK_WIDGET (mapping), GTK_TYPE_BUTTON, "_Preview"), "clicked");
  dialog = wait_for_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing to Import");
  close_message (dialog, "close");

  /* The same data set without the council's rows: refused after the mapping, nothing written. */
  {
    g_autofree char *text = NULL, *cut = g_build_filename (f->demo.dir, "c1_without_bcp.csv", NULL);
    g_autoptr (GFile) cut_file = g_file_new_for_path (cut);
    g_auto (GStrv) lines = NULL;
    g_autoptr (GString) kept = g_string_new (NULL);
    gint64 measurements = ib_test_query_int (f->path, "SELECT count(*) FROM measurement");

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "E06000058") == NULL && *lines[i] != '\0')
        g_string_append_printf (kept, "%s\n", lines[i]);
    write_file (cut, kept->str);
    ib_window_import_file (f->window, cut_file);
    mapping = IB_EES_MAPPING_DIALOG (ib_test_wait_for_window (IB_TYPE_EES_MAPPING_DIALOG));
    g_signal_emit_by_name (ib_test_find_widget (GTK_WIDGET (mapping), GTK_TYPE_BUTTON, "_Preview"), "clicked");
    dialog = wait_for_message ();
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import Values");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no row for the council’s local authority code, 839"));
    close_message (dialog, "close");
    g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM measurement"), ==, measurements);
    g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox"), ==, 2);
  }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->demo.dir, "values.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->demo.dir, "chart.pdf", NULL);
  g_autoptr (GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL, *bytes = NULL;
  gsize length;

  g_assert_true (ib_kpis_page_export_csv (f->page, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "indicator,period,value,"));
  g_assert_nonnull (strstr (text, "CLA_N,2021-03,446,"));

  select_code (f, "CLA_N");
  g_assert_true (ib_kpis_page_export_chart (f->page, pdf, IB_CHART_PDF, 842, 595, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));

  /* The options dialog opens from the detail's button (the file chooser after it is the portal's). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kpis.export-chart", NULL));
  {
    AdwMessageDialog *dialog = wait_for_message ();

    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Export Chart");
    g_assert_nonnull (ib_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL));
    close_message (dialog, "cancel");
  }
}

static void
test_delete_and_viewer (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = indicator_id (f, "CPP_2ND");
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM indicator WHERE id = '%s'", id);
  IbKpiModel *model = ib_kpis_page_get_model (f->page);
  GtkWidget *undo, *add;

  select_code (f, "CPP_2ND");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kpis.delete", "s", id));
  ib_test_settle ();
  ib_test_wait_for_text (GTK_WIDGET (f->window), "“Child protection plans that are a second or later plan” deleted");
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ib_kpi_model_get_items (model)), ==, 15);

  undo = ib_test_wait_for_undo (GTK_WIDGET (f->window));
  g_signal_emit_by_name (undo, "clicked");
  ib_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ib_kpi_model_get_items (model)), ==, 16);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kpis.delete", "s", id));
  ib_kpis_page_commit_pending (f->page);
  g_assert_cmpint (ib_test_query_int (f->path, sql), ==, 1);
  g_assert_cmpint (ib_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE type = 'indicator' AND op = 'delete'"), ==, 1);

  /* A viewer reads the figures but has no control that changes them. */
  select_code (f, "CLA_N");
  ib_view_set_can_edit (IB_VIEW (f->page), FALSE);
  ib_test_settle ();
  add = ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Add Value…");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_visible (add));
  g_assert_nonnull (ib_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "E_xport Chart…"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "kpis.import-csv", NULL);
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

  g_test_add ("/ui/kpis/list-and-chart", Fixture, NULL, fixture_set_up, test_list_and_chart, fixture_tear_down);
  g_test_add ("/ui/kpis/add-value", Fixture, NULL, fixture_set_up, test_add_value, fixture_tear_down);
  g_test_add ("/ui/kpis/value-edited-in-place", Fixture, NULL, fixture_set_up, test_value_edited_in_place, fixture_tear_down);
  g_test_add ("/ui/kpis/new-indicator", Fixture, NULL, fixture_set_up, test_new_indicator, fixture_tear_down);
  g_test_add ("/ui/kpis/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/ui/kpis/import-ees", Fixture, NULL, fixture_set_up, test_import_ees, fixture_tear_down);
  g_test_add ("/ui/kpis/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/ui/kpis/delete-and-viewer", Fixture, NULL, fixture_set_up, test_delete_and_viewer, fixture_tear_down);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
