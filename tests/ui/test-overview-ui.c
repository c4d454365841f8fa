/* test-overview-ui.c: issue 19 (5): the Overview leads somewhere. In the real window on the demo
 * board, each row opened with Enter or Space shows what it counts (the plan filtered to overdue
 * or stale actions or one rating, a KPI, a risk, the register filtered to overdue reviews, the
 * judgements), "Since the Last Board" counts what moved since the last issued board pack, and
 * the page takes two columns on a wide window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "ib-application.h"
#include "ib-badge.h"
#include "ib-columns-layout.h"
#include "ib-detail-util.h"
#include "ib-kpis-page-private.h"
#include "ib-list-detail.h"
#include "ib-overview.h"
#include "ib-overview-page.h"
#include "ib-pack-diff.h"
#include "ib-plan-page-private.h"
#include "ib-risk-model.h"
#include "ib-risks-page-private.h"
#include "ib-ui-test-util.h"

static IbApplication *app;

typedef struct
{
  IbTestDemo  demo;
  GtkWidget  *overview;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->overview = ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "overview", IB_TYPE_OVERVIEW_PAGE, 1300, 900);
  ib_test_wait_for_text (GTK_WIDGET (f->demo.window), "Since the Last Board");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
}

/* Back to the Overview, the focus on @widget, then @keys pressed as a person does. */
static void
press_on (Fixture    *f,
          GtkWidget  *widget,
          const char *keys)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->demo.window), "win.show-view", "s", "overview"));
  ib_test_settle ();
  ib_test_scroll_to (widget);
  g_assert_true (gtk_widget_grab_focus (widget));
  g_assert_true (ib_test_get_focus () == widget);
  ib_test_press_keys (keys);
  ib_test_settle ();
}

/* The id of the record the view's list shows in its detail. */
static const char *
chosen_id (Fixture    *f,
           const char *view)
{
  GtkWidget *stack_child = ib_test_find_widget (GTK_WIDGET (f->demo.window), ADW_TYPE_VIEW_STACK, NULL);
  GtkWidget *page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack_child), view);
  GtkWidget *list_detail = ib_test_find_widget (page, IB_TYPE_LIST_DETAIL, NULL);
  gpointer item = ib_list_detail_get_item (IB_LIST_DETAIL (list_detail));

  return item != NULL ? ib_view_model_get_item_id (ib_list_detail_get_model (IB_LIST_DETAIL (list_detail)), item) : NULL;
}

static gboolean
check_active (GtkWidget  *page,
              GType       type,
              const char *name)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (page, type, name)));
}

static IbPlanModel *
plan_model (Fixture *f)
{
  GtkWidget *page = ib_test_find_widget (GTK_WIDGET (f->demo.window), IB_TYPE_PLAN_PAGE, NULL);

  return ib_plan_page_get_model (IB_PLAN_PAGE (page));
}

/* Every row the Overview counts opens, from the keyboard, what it counted. */
static void
test_rows_open (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbOverview) o = ib_overview_compute (f->demo.store, NULL, &error);
  GtkWidget *plan_page = ib_test_find_widget (GTK_WIDGET (f->demo.window), IB_TYPE_PLAN_PAGE, NULL);
  GtkWidget *risks_page = ib_test_find_widget (GTK_WIDGET (f->demo.window), IB_TYPE_RISKS_PAGE, NULL);
  IbKpiSummary *kpi;
  IbRecord *risk;
  GtkWidget *row, *button;
  g_autofree char *red = NULL;

  g_assert_no_error (error);
  ib_test_focus_window (GTK_WINDOW (f->demo.window));

  /* Overdue actions, with Enter: the plan filtered to them, and only them. */
  g_assert_cmpuint (o->n_overdue, >, 0);
  press_on (f, ib_test_find_named (f->overview, "overdue-actions"), "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "plan");
  g_assert_true (check_active (plan_page, IB_TYPE_PLAN_PAGE, "overdue_check"));
  g_assert_false (check_active (plan_page, IB_TYPE_PLAN_PAGE, "stale_check"));
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan_model (f)), ==, o->n_overdue);
  /* The keyboard is in the list it opened, not left behind on the hidden Overview. */
  g_assert_true (gtk_widget_is_ancestor (ib_test_get_focus (), ib_test_find_mapped (plan_page, GTK_TYPE_GRID_VIEW)) ||
                 GTK_IS_GRID_VIEW (ib_test_get_focus ()));

  /* Stale actions, with Space: that filter instead of the last one. */
  press_on (f, ib_test_find_named (f->overview, "stale-actions"), "space");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "plan");
  g_assert_true (check_active (plan_page, IB_TYPE_PLAN_PAGE, "stale_check"));
  g_assert_false (check_active (plan_page, IB_TYPE_PLAN_PAGE, "overdue_check"));
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan_model (f)), ==, o->n_stale);

  /* A rating's count: the plan's actions of that rating. */
  red = g_strdup_printf ("%u Red", o->n_red);
  button = gtk_widget_get_ancestor (ib_test_find_widget (ib_test_find_named (f->overview, "plan-rag-counts"), IB_TYPE_BADGE, NULL),
                                    GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (ib_badge_get_text (IB_BADGE (gtk_button_get_child (GTK_BUTTON (button)))), ==, red);
  press_on (f, button, "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "plan");
  g_assert_false (check_active (plan_page, IB_TYPE_PLAN_PAGE, "stale_check"));
  g_assert_cmpuint (ib_plan_model_get_n_shown (plan_model (f)), ==, o->n_red);

  /* The KPI furthest off target: that KPI chosen in the KPI view. */
  kpi = o->kpis_off_target->pdata[0];
  row = ib_test_find_widget (f->overview, ADW_TYPE_ACTION_ROW, ib_record_get_string (kpi->indicator, "title"));
  g_assert_nonnull (row);
  press_on (f, row, "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "kpis");
  g_assert_cmpstr (chosen_id (f, "kpis"), ==, ib_record_get_id (kpi->indicator));

  /* The second top risk (the view opens on the first anyway): that risk chosen. */
  risk = o->top_risks->pdata[1];
  row = ib_test_find_named (f->overview, "reviews-overdue");
  for (GtkWidget *r = gtk_widget_get_first_child (gtk_widget_get_parent (row)); r != NULL; r = gtk_widget_get_next_sibling (r))
    if (ADW_IS_PREFERENCES_ROW (r) &&
        g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)), ib_record_get_string (risk, "ref")))
      row = r;
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ib_record_get_string (risk, "ref")));
  press_on (f, row, "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "risks");
  g_assert_cmpstr (chosen_id (f, "risks"), ==, ib_record_get_id (risk));

  /* Reviews overdue: the register filtered to them. */
  g_assert_cmpuint (o->n_reviews_overdue, >, 0);
  press_on (f, ib_test_find_named (f->overview, "reviews-overdue"), "space");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "risks");
  g_assert_true (check_active (risks_page, IB_TYPE_RISKS_PAGE, "overdue_check"));
  g_assert_cmpuint (g_list_model_get_n_items (ib_risk_model_get_items (ib_risks_page_get_model (IB_RISKS_PAGE (risks_page)))),
                    ==, o->n_reviews_overdue);
  g_assert_true (gtk_widget_is_ancestor (ib_test_get_focus (), ib_test_find_mapped (risks_page, GTK_TYPE_GRID_VIEW)) ||
                 GTK_IS_GRID_VIEW (ib_test_get_focus ()));

  /* A judgement: the inspection that gave it, in the judgements view. */
  row = ib_test_find_widget (f->overview, ADW_TYPE_ACTION_ROW, "Overall effectiveness");
  g_assert_nonnull (row);
  press_on (f, row, "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "judgements");
  g_assert_cmpstr (chosen_id (f, "judgements"), ==, ib_record_get_id (o->judged_inspection));
}

static char *
badge_texts (GtkWidget *row)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *badge = ib_test_find_widget (row, IB_TYPE_BADGE, NULL);

  for (GtkWidget *b = badge; b != NULL; b = gtk_widget_get_next_sibling (b))
    if (IB_IS_BADGE (b))
      g_string_append_printf (text, "%s%s", text->len > 0 ? " / " : "", ib_badge_get_text (IB_BADGE (b)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The demo's last board pack (21 October 2022) matches its data: nothing moved. A red statement
 * today and a higher residual score move an action and a risk the worse way, in words and
 * arrows, and the changed action opens from the list behind the count. */
static void
test_since_last_board (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) statement = ib_record_new (&ib_type_position_statement);
  g_autoptr (IbRecord) action = NULL;
  g_autoptr (IbRecord) risk = NULL;
  g_autoptr (IbSinceBoard) since = NULL;
  g_autofree char *today = NULL, *sentence = NULL, *texts = NULL;
  GtkWidget *row, *change_row;

  ib_test_wait_for_text (GTK_WIDGET (f->demo.window),
                         "Today’s figures against the pack issued for the Improvement Board of 21 October 2022");
  texts = badge_texts (ib_test_find_named (f->overview, "since-actions"));
  g_assert_cmpstr (texts, ==, "0 better / 0 worse");
  g_clear_pointer (&texts, g_free);
  /* Nothing to warn of: neutral, not red. */
  g_assert_true (gtk_widget_has_css_class (ib_test_find_widget (ib_test_find_named (f->overview, "since-actions"), IB_TYPE_BADGE, NULL),
                                           "neutral"));

  /* An open action of the active plan rated Green or Amber at the board. */
  {
    g_autoptr (IbOverview) o = ib_overview_compute (f->demo.store, NULL, &error);
    g_autoptr (GListModel) actions = ib_store_list (f->demo.store, &ib_type_action);

    for (guint i = 0; i < g_list_model_get_n_items (actions) && action == NULL; i++)
      {
        g_autoptr (IbRecord) candidate = g_list_model_get_item (actions, i);
        const char *rag = ib_record_get_string (candidate, "delivery_rag");

        if (g_strcmp0 (ib_record_get_string (candidate, "plan"), ib_record_get_id (o->plan)) == 0 &&
            g_strcmp0 (ib_record_get_string (candidate, "status"), "complete") != 0 &&
            (g_strcmp0 (rag, "green") == 0 || g_strcmp0 (rag, "amber") == 0))
          action = g_steal_pointer (&candidate);
      }
  }
  g_assert_nonnull (action);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

    today = g_date_time_format (now, "%Y-%m-%d");
  }
  ib_record_set_string (statement, "action", ib_record_get_id (action));
  ib_record_set_string (statement, "as_at", today);
  ib_record_set_string (statement, "delivery_rag", "red");
  ib_record_set_string (statement, "impact_rag", "red");
  ib_record_set_string (statement, "narrative", "The new panel has stopped meeting.");
  ib_record_set_string (statement, "author", "Helen Marsh");
  /* As the statement form saves it: the newest statement's colours become the action's. */
  g_assert_true (ib_plan_model_add_statement (plan_model (f), statement, &error));
  g_assert_no_error (error);

  /* The second risk of the register by score, moved up to 5 × 5. */
  {
    g_autoptr (IbOverview) o = ib_overview_compute (f->demo.store, NULL, &error);

    risk = ib_record_copy (o->top_risks->pdata[1]);
  }
  ib_record_set_int (risk, "residual_l", 5);
  ib_record_set_int (risk, "residual_i", 5);
  g_assert_true (ib_store_update (f->demo.store, risk, &error));
  g_assert_no_error (error);

  since = ib_overview_since_last_board (f->demo.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (since->worse[IB_SINCE_ACTIONS]->len, ==, 1);
  g_assert_cmpuint (since->worse[IB_SINCE_RISKS]->len, ==, 1);
  sentence = ib_pack_describe_change (since->worse[IB_SINCE_ACTIONS]->pdata[0]);

  ib_test_wait_for_text (GTK_WIDGET (f->demo.window), "1 worse");
  ib_test_wait_for_text (GTK_WIDGET (f->demo.window), "1 up");
  row = ib_test_find_named (f->overview, "since-actions");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  texts = badge_texts (row);
  g_assert_cmpstr (texts, ==, "0 better / 1 worse");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_next_sibling (ib_test_find_widget (row, IB_TYPE_BADGE, NULL)), "bad"));
  g_clear_pointer (&texts, g_free);
  texts = badge_texts (ib_test_find_named (f->overview, "since-risks"));
  g_assert_cmpstr (texts, ==, "0 down / 1 up");

  /* Enter opens the count onto the change behind it; Down and Enter open the action. The
   * change's row is made then, not with the figures: a large plan has hundreds. */
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_null (ib_test_find_widget (row, ADW_TYPE_ACTION_ROW, sentence));
  /* The expander's own header row takes the keys. */
  press_on (f, ib_test_find_widget (row, ADW_TYPE_ACTION_ROW, NULL), "Return");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  change_row = ib_test_find_widget (row, ADW_TYPE_ACTION_ROW, sentence);
  g_assert_nonnull (change_row);
  ib_test_wait_for_text (GTK_WIDGET (f->demo.window), sentence);
  press_on (f, change_row, "Return");
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "plan");
  g_assert_cmpstr (chosen_id (f, "plan"), ==, ib_record_get_id (action));
}

/* Two columns from about 1100 px, one at a phone's width. */
static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *columns = GTK_WIDGET (gtk_widget_get_template_child (f->overview, IB_TYPE_OVERVIEW_PAGE, "columns"));
  GtkWidget *judgements = GTK_WIDGET (gtk_widget_get_template_child (f->overview, IB_TYPE_OVERVIEW_PAGE, "judgements_group"));
  GtkWidget *plan = GTK_WIDGET (gtk_widget_get_template_child (f->overview, IB_TYPE_OVERVIEW_PAGE, "plan_group"));
  graphene_point_t a, b;

  g_assert_cmpuint (ib_columns_layout_get_columns (IB_COLUMNS_LAYOUT (gtk_widget_get_layout_manager (columns))), ==, 2);
  g_assert_true (gtk_widget_compute_point (judgements, columns, &GRAPHENE_POINT_INIT (0, 0), &a));
  g_assert_true (gtk_widget_compute_point (plan, columns, &GRAPHENE_POINT_INIT (0, 0), &b));
  /* Side by side, not one under the other. */
  g_assert_cmpfloat (a.y, ==, b.y);
  g_assert_cmpfloat (b.x, >, a.x + gtk_widget_get_width (judgements) - 1);
}

static const char *const group_names[] = { "judgements_group", "plan_group", "since_group", "kpis_group", "risks_group" };

typedef struct
{
  Fixture   *f;
  GtkWidget *first_row[G_N_ELEMENTS (group_names)];   /* each group's first row before the change, held
                                                       * so no new row can take its address */
  guint      n_rows[G_N_ELEMENTS (group_names)];
  gint64     painted_in[G_N_ELEMENTS (group_names)];  /* the frame that first showed its new rows, or -1 */
} Refill;

static GtkWidget *
group_rows (Fixture *f,
            guint    i,
            guint   *n)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (f->overview, IB_TYPE_OVERVIEW_PAGE, group_names[i]));
  GtkWidget *list = ib_test_find_widget (group, GTK_TYPE_LIST_BOX, NULL);
  GtkWidget *first = gtk_widget_get_first_child (list);

  if (n != NULL)
    {
      *n = 0;
      for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
        (*n)++;
    }
  return first;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Refill        *refill)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (refill->painted_in[i] < 0 && group_rows (refill->f, i, NULL) != refill->first_row[i])
      refill->painted_in[i] = gdk_frame_clock_get_frame_counter (clock);
}

static gboolean
all_refilled (gpointer data)
{
  Refill *refill = data;

  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (refill->painted_in[i] < 0)
      return FALSE;
  return !ib_overview_page_is_loading (IB_OVERVIEW_PAGE (refill->f->overview));
}

static gboolean
not_loading (gpointer overview)
{
  return !ib_overview_page_is_loading (overview);
}

static gboolean
loading (gpointer overview)
{
  return ib_overview_page_is_loading (overview);
}

/* After a change the figures come back a group a frame, not all in one frame (on the ten-year
 * dataset that one frame took three), and each group ends with its own rows once, none lost or
 * doubled, though a second change comes while the first is still being shown. */
static void
test_refills_a_group_a_frame (Fixture       *f,
                              gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->overview);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) risk = NULL;
  Refill refill = { .f = f };
  gint64 first = G_MAXINT64, last = 0;
  gulong painted;

  ib_test_spin_until (not_loading, f->overview, 10);
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    {
      refill.first_row[i] = g_object_ref (group_rows (f, i, &refill.n_rows[i]));
      refill.painted_in[i] = -1;
    }
  painted = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &refill);

  {
    g_autoptr (IbOverview) o = ib_overview_compute (f->demo.store, NULL, &error);

    g_assert_no_error (error);
    risk = ib_record_copy (o->top_risks->pdata[0]);
  }
  ib_record_set_string (risk, "controls", "Weekly case audits by the principal social worker.");
  g_assert_true (ib_store_update (f->demo.store, risk, &error));
  g_assert_no_error (error);
  ib_test_spin_until (loading, f->overview, 10);
  /* A second change while the first figures are read or shown. */
  ib_record_set_string (risk, "controls", "Fortnightly case audits by the principal social worker.");
  g_assert_true (ib_store_update (f->demo.store, risk, &error));
  g_assert_no_error (error);

  ib_test_spin_until (all_refilled, &refill, 20);
  g_signal_handler_disconnect (clock, painted);

  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    {
      guint n;

      group_rows (f, i, &n);
      g_assert_cmpuint (n, ==, refill.n_rows[i]);
      first = MIN (first, refill.painted_in[i]);
      last = MAX (last, refill.painted_in[i]);
      g_object_unref (refill.first_row[i]);
    }
  /* The first group comes between frames, then one a frame: none is laid out with another. */
  g_assert_cmpint (last - first, >=, (gint64) G_N_ELEMENTS (group_names) - 1);
}

typedef struct
{
  Fixture   *f;
  GPtrArray *seen;  /* the risks group's first rows shown, held so no new row takes an address */
} Burst;

static void
burst_paint_cb (GdkFrameClock *clock,
                Burst         *burst)
{
  GtkWidget *row = group_rows (burst->f, G_N_ELEMENTS (group_names) - 1, NULL);

  if (row != burst->seen->pdata[burst->seen->len - 1])
    g_ptr_array_add (burst->seen, g_object_ref (row));
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A sync applies what it pulls in slices, each a change. Changes a tenth of a second apart
 * right after the figures were shown bring them back once, not once a change, and that once
 * shows the last of them. */
static void
test_changes_in_a_burst (Fixture       *f,
                         gconstpointer  data)
{
  static const char *const titles[] = { "Burst one", "Burst two", "Burst three", "Burst four" };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->overview);
  g_autoptr (GError) error = NULL;
  g_autoptr (IbRecord) risk = NULL;
  Burst burst = { .f = f, .seen = g_ptr_array_new_with_free_func (g_object_unref) };
  gulong painted;

  ib_test_spin_until (not_loading, f->overview, 10);
  {
    g_autoptr (IbOverview) o = ib_overview_compute (f->demo.store, NULL, &error);

    g_assert_no_error (error);
    risk = ib_record_copy (o->top_risks->pdata[0]);
  }
  /* The first change after a quiet while shows at once. */
  ib_record_set_string (risk, "title", titles[0]);
  g_assert_true (ib_store_update (f->demo.store, risk, &error));
  g_assert_no_error (error);
  ib_test_spin_until (loading, f->overview, 10);
  ib_test_spin_until (not_loading, f->overview, 10);
  ib_test_wait_for_text (GTK_WIDGET (f->demo.window), titles[0]);

  g_ptr_array_add (burst.seen, g_object_ref (group_rows (f, G_N_ELEMENTS (group_names) - 1, NULL)));
  painted = g_signal_connect (clock, "after-paint", G_CALLBACK (burst_paint_cb), &burst);
  for (guint i = 1; i < G_N_ELEMENTS (titles); i++)
    {
      ib_record_set_string (risk, "title", titles[i]);
      g_assert_true (ib_store_update (f->demo.store, risk, &error));
      g_assert_no_error (error);
      spin_for (100);
    }
  ib_test_spin_until (not_loading, f->overview, 10);
  g_signal_handler_disconnect (clock, painted);

  /* The rows before the burst, then the rows after it, with the last title. */
  g_assert_cmpuint (burst.seen->len, ==, 2);
  {
    g_autofree char *shown = g_strdup_printf ("%s %s", ib_record_get_string (risk, "ref"),
                                              titles[G_N_ELEMENTS (titles) - 1]);

    g_assert_cmpstr (adw_preferences_row_get_title (burst.seen->pdata[1]), ==, shown);
  }
  g_ptr_array_unref (burst.seen);
}

/* A widget not on screen given a tooltip asks the X server nothing. GTK 4.8 asks where the
 * pointer is, a round trip, for every visible widget given one, on screen or not: the
 * Overview's refill and the heat map's update paid for dozens, waiting on a busy server. */
static void
test_tooltips_ask_nothing (void)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  g_autoptr (GtkWidget) plain = g_object_ref_sink (gtk_button_new ());
  g_autoptr (GtkWidget) quiet = g_object_ref_sink (gtk_button_new ());
  const char *text = "Show these actions in the Action Plan";
  unsigned long before;

  /* The count sees GTK's own ask. */
  before = XNextRequest (display);
  gtk_widget_set_tooltip_text (plain, text);
  g_assert_cmpuint (XNextRequest (display), >, before);

  before = XNextRequest (display);
  ib_detail_set_tooltip (quiet, text);
  g_assert_cmpuint (XNextRequest (display), ==, before);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (quiet), ==, text);
  g_assert_true (gtk_widget_get_has_tooltip (quiet));
  g_assert_true (gtk_widget_get_visible (quiet));

  ib_detail_set_tooltip (quiet, NULL);
  g_assert_null (gtk_widget_get_tooltip_text (quiet));
  g_assert_false (gtk_widget_get_has_tooltip (quiet));
  g_assert_true (gtk_widget_get_visible (quiet));
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

  g_test_add_func ("/ui/overview/tooltips-ask-nothing", test_tooltips_ask_nothing);
  g_test_add ("/ui/overview/rows-open", Fixture, NULL, fixture_set_up, test_rows_open, fixture_tear_down);
  g_test_add ("/ui/overview/since-last-board", Fixture, NULL, fixture_set_up, test_since_last_board, fixture_tear_down);
  g_test_add ("/ui/overview/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/ui/overview/changes-in-a-burst", Fixture, NULL, fixture_set_up, test_changes_in_a_burst,
              fixture_tear_down);
  g_test_add ("/ui/overview/refills-a-group-a-frame", Fixture, NULL, fixture_set_up, test_refills_a_group_a_frame,
              fixture_tear_down);
  rc = g_test_run ();

  g_clear_object (&app);
  return rc;
}
