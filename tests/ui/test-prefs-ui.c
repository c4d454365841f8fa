/* test-prefs-ui.c: issue 19 (10): the Preferences window opened with Ctrl+comma, the style it
 * sets, the person's name picking out "My actions" and "My risks" on the demo plan, and the
 * reminders: composed, sent once a day, and each opening its item in the right view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ib-application.h"
#include "ib-list-detail.h"
#include "ib-mine-filter.h"
#include "ib-plan-page-private.h"
#include "ib-preferences-window.h"
#include "ib-reminders.h"
#include "ib-risks-page-private.h"
#include "ib-schedule.h"
#include "ib-settings.h"
#include "ib-ui-test-util.h"

static IbApplication *app;

/* A desktop's notification server, on the test's session bus: it keeps what it is sent, and
 * can click a notification (ActionInvoked) as a person would. */
typedef struct
{
  GDBusConnection *bus;
  guint            name_id;
  guint            object_id;
  gboolean         owned;
  GPtrArray       *summaries;  /* char *, in the order sent */
  GPtrArray       *ids;        /* GUINT_TO_POINTER, parallel */
  GPtrArray       *bodies;     /* char *, parallel */
} Notifier;

static Notifier notifier;

static const char notifier_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

static void
notifier_method_cb (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *params,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;
      guint id = notifier.summaries->len + 1;

      g_variant_get_child (params, 3, "&s", &summary);
      g_variant_get_child (params, 4, "&s", &body);
      g_ptr_array_add (notifier.summaries, g_strdup (summary));
      g_ptr_array_add (notifier.bodies, g_strdup (body));
      g_ptr_array_add (notifier.ids, GUINT_TO_POINTER (id));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_notifier_name_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  notifier.owned = TRUE;
}

static gboolean
notifier_owned (gpointer data)
{
  return notifier.owned;
}

static void
notifier_start (void)
{
  static const GDBusInterfaceVTable vtable = { notifier_method_cb, NULL, NULL, { 0 } };
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifier_xml, NULL);
  g_autoptr (GError) error = NULL;

  notifier.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  notifier.object_id = g_dbus_connection_register_object (notifier.bus, "/org/freedesktop/Notifications",
                                                          info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  notifier.name_id = g_bus_own_name_on_connection (notifier.bus, "org.freedesktop.Notifications",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE, on_notifier_name_cb, NULL, NULL, NULL);
  ib_test_spin_until (notifier_owned, NULL, 10);
  notifier.summaries = g_ptr_array_new_with_free_func (g_free);
  notifier.bodies = g_ptr_array_new_with_free_func (g_free);
  notifier.ids = g_ptr_array_new ();
}

static void
notifier_stop (void)
{
  g_bus_unown_name (notifier.name_id);
  g_dbus_connection_unregister_object (notifier.bus, notifier.object_id);
  g_clear_object (&notifier.bus);
  g_clear_pointer (&notifier.summaries, g_ptr_array_unref);
  g_clear_pointer (&notifier.bodies, g_ptr_array_unref);
  g_clear_pointer (&notifier.ids, g_ptr_array_unref);
}

static gboolean
notifier_has_n (gpointer data)
{
  return notifier.summaries->len >= GPOINTER_TO_UINT (data);
}

typedef struct
{
  IbTestDemo  demo;
  GSettings  *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = ib_settings_new ();
  g_assert_nonnull (f->settings);
  /* Each test starts as a first run would: no name, reminders on, never reminded. */
  g_settings_reset (f->settings, "my-name");
  g_settings_reset (f->settings, "reminders");
  g_settings_reset (f->settings, "last-reminded");
  g_settings_reset (f->settings, "color-scheme");
  ib_test_demo_open (&f->demo, ADW_APPLICATION (app), "overview", GTK_TYPE_WIDGET, 1200, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ib_test_demo_close (&f->demo);
  g_settings_reset (f->settings, "my-name");
  g_settings_reset (f->settings, "color-scheme");
  g_clear_object (&f->settings);
}

static GtkWidget *
show_view (Fixture    *f,
           const char *view,
           GType       page_type)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->demo.window), "win.show-view", "s", view));
  ib_test_settle ();
  return ib_test_find_widget (GTK_WIDGET (f->demo.window), page_type, NULL);
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Returns @refs sorted and joined with spaces: a set to compare. */
static char *
join_sorted (GPtrArray *refs)
{
  g_ptr_array_sort (refs, compare_refs);
  g_ptr_array_add (refs, NULL);
  return g_strjoinv (" ", (char **) refs->pdata);
}

/* Returns the refs of the actions the plan lists, sorted. */
static char *
listed_actions (IbPlanPage *page)
{
  GListModel *items = ib_plan_model_get_items (ib_plan_page_get_model (page));
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION)
        g_ptr_array_add (refs, g_strdup (ib_record_get_string (ib_plan_item_get_record (item), "ref")));
    }
  return join_sorted (refs);
}

/* The same, read from the database: the shown plan's actions whose officer names @person. */
static char *
expected_actions (IbStore    *store,
                  IbPlanPage *page,
                  const char *person)
{
  const char *plan = ib_plan_model_get_plan (ib_plan_page_get_model (page));
  g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan", plan);
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = g_utf8_casefold (person, -1);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);
      g_autofree char *officer = g_utf8_casefold (ib_record_get_string (action, "accountable_officer"), -1);

      if (strstr (officer, folded) != NULL)
        g_ptr_array_add (refs, g_strdup (ib_record_get_string (action, "ref")));
    }
  return join_sorted (refs);
}

static IbRecord *
risk_by_ref (IbStore    *store,
             const char *ref)
{
  g_autoptr (GListModel) risks = ib_store_list_where (store, &ib_type_risk, "ref", ref);

  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 1);
  return g_list_model_get_item (risks, 0);
}

/* With IB_TEST_SHOTS, saves the filters popover around @filter as it opens. */
static void
save_filters_shot (GtkWidget  *filter,
                   const char *name)
{
  GtkWidget *popover = gtk_widget_get_ancestor (filter, GTK_TYPE_POPOVER);

  if (g_getenv ("IB_TEST_SHOTS") == NULL)
    return;
  gtk_popover_popup (GTK_POPOVER (popover));
  ib_test_save_shot (popover, name);
  gtk_popover_popdown (GTK_POPOVER (popover));
  ib_test_settle ();
}

/* Ctrl+comma opens Preferences; its Style row drives libadwaita's style manager at once, and
 * Escape closes it. */
static void
test_open_and_style (Fixture       *f,
                     gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *prefs;
  GtkWidget *row;

  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  ib_test_press_keys ("ctrl+comma");
  prefs = ib_test_wait_for_window (IB_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (f->demo.window));

  row = ib_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "_Style");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  ib_test_settle ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  g_assert_cmpstr (g_settings_get_string (f->settings, "color-scheme"), ==, "dark");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  ib_test_settle ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));

  /* Set elsewhere (another window, dconf), the row follows too. */
  g_settings_set_string (f->settings, "color-scheme", "follow");
  ib_test_settle ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  ib_test_focus_window (prefs);
  ib_test_press_keys ("Escape");
  ib_test_wait_for_no_window (IB_TYPE_PREFERENCES_WINDOW);
}

/* Without a name "My actions" cannot be ticked and says why; with the name typed into
 * Preferences it lists exactly that person's actions, and a role chosen from the names menu
 * gives "My risks". */
static void
test_my_actions_and_risks (Fixture       *f,
                           gconstpointer  data)
{
  IbPlanPage *plan = IB_PLAN_PAGE (show_view (f, "plan", IB_TYPE_PLAN_PAGE));
  IbMineFilter *mine = IB_MINE_FILTER (ib_test_find_widget (GTK_WIDGET (plan), IB_TYPE_MINE_FILTER, NULL));
  GtkWidget *check = ib_test_find_widget (GTK_WIDGET (mine), GTK_TYPE_CHECK_BUTTON, NULL);
  g_autofree char *all = listed_actions (plan);
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  IbRisksPage *risks;
  GtkWindow *prefs;
  GtkWidget *name_row;
  GListModel *items;

  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, "_My actions");
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_nonnull (ib_test_find_widget (GTK_WIDGET (mine), GTK_TYPE_LABEL,
                                         "Set your name in Preferences (Ctrl+,) to use this."));
  ib_mine_filter_set_active (mine, TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  save_filters_shot (GTK_WIDGET (mine), "plan-filters-no-name.png");

  /* Typed into Preferences, as a person does. */
  ib_test_press_keys ("ctrl+comma");
  prefs = ib_test_wait_for_window (IB_TYPE_PREFERENCES_WINDOW);
  name_row = ib_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Your _Name");
  g_assert_nonnull (name_row);
  ib_test_focus_window (prefs);
  gtk_widget_grab_focus (name_row);
  ib_test_type_text (" chris dunn ");
  ib_test_settle ();
  g_assert_cmpstr (g_settings_get_string (f->settings, "my-name"), ==, " chris dunn ");
  ib_test_press_keys ("Escape");
  ib_test_wait_for_no_window (IB_TYPE_PREFERENCES_WINDOW);

  g_assert_true (gtk_widget_get_sensitive (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  ib_test_settle ();
  g_assert_cmpstr (ib_mine_filter_get_person (mine), ==, "chris dunn");
  shown = listed_actions (plan);
  expected = expected_actions (f->demo.store, plan, "Chris Dunn");
  g_assert_cmpstr (expected, ==, "14 17");
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpstr (all, !=, expected);
  save_filters_shot (GTK_WIDGET (mine), "plan-filters-mine.png");

  /* The name goes: the filter can no longer hold, and the whole plan is back. */
  g_settings_set_string (f->settings, "my-name", "  ");
  ib_test_settle ();
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_clear_pointer (&shown, g_free);
  shown = listed_actions (plan);
  g_assert_cmpstr (shown, ==, all);

  /* A role from the names menu: the Head of MASH owns R03 alone. Opened by its action: the
   * key is tested above, and under Xvfb, with no window manager, a second Ctrl+comma after
   * Preferences closed was lost in one run in three even with the main window given the
   * keyboard back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->demo.window), "win.preferences", NULL));
  prefs = ib_test_wait_for_window (IB_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.choose-name", "s", "Head of MASH"));
  ib_test_settle ();
  g_assert_cmpstr (g_settings_get_string (f->settings, "my-name"), ==, "Head of MASH");
  gtk_window_close (prefs);
  ib_test_wait_for_no_window (IB_TYPE_PREFERENCES_WINDOW);

  risks = IB_RISKS_PAGE (show_view (f, "risks", IB_TYPE_RISKS_PAGE));
  mine = IB_MINE_FILTER (ib_test_find_widget (GTK_WIDGET (risks), IB_TYPE_MINE_FILTER, NULL));
  check = ib_test_find_widget (GTK_WIDGET (mine), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, "_My risks");
  g_assert_true (gtk_widget_get_sensitive (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  ib_test_settle ();
  items = ib_risk_model_get_items (ib_risks_page_get_model (risks));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  {
    g_autoptr (IbRecord) risk = g_list_model_get_item (items, 0);

    g_assert_cmpstr (ib_record_get_string (risk, "ref"), ==, "R03");
  }
  /* Clear Filters clears it too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (risks), "risks.clear-filters", NULL));
  ib_test_settle ();
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 9);
}

/* What a notification's click runs: app.show-record with its target selects the item in
 * its view, from whichever view was showing. */
static void
test_show_record (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (IbRecord) risk = risk_by_ref (f->demo.store, "R03");
  g_autoptr (IbRecord) action = ib_test_active_action (f->demo.store, "16");
  g_autofree char *risk_target = g_strconcat ("risks:", ib_record_get_id (risk), NULL);
  g_autofree char *action_target = g_strconcat ("plan:", ib_record_get_id (action), NULL);
  IbListDetail *list;
  IbPlanPage *plan;
  gpointer item;

  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "overview");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-record", g_variant_new_string (risk_target));
  ib_test_settle ();
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "risks");
  list = IB_LIST_DETAIL (ib_test_find_widget (show_view (f, "risks", IB_TYPE_RISKS_PAGE), IB_TYPE_LIST_DETAIL, NULL));
  item = ib_list_detail_get_item (list);
  g_assert_true (IB_IS_RECORD (item));
  g_assert_cmpstr (ib_record_get_id (item), ==, ib_record_get_id (risk));

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-record", g_variant_new_string (action_target));
  ib_test_settle ();
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "plan");
  plan = IB_PLAN_PAGE (show_view (f, "plan", IB_TYPE_PLAN_PAGE));
  list = IB_LIST_DETAIL (ib_test_find_widget (GTK_WIDGET (plan), IB_TYPE_LIST_DETAIL, NULL));
  item = ib_list_detail_get_item (list);
  g_assert_true (IB_IS_PLAN_ITEM (item));
  g_assert_cmpstr (ib_record_get_id (ib_plan_item_get_record (item)), ==, ib_record_get_id (action));

  /* A group opens the person's own actions, filtered. */
  g_settings_set_string (f->settings, "my-name", "Chris Dunn");
  ib_test_settle ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-record", g_variant_new_string ("plan:mine"));
  ib_test_settle ();
  g_assert_cmpstr (ib_plan_model_get_person (ib_plan_page_get_model (plan)), ==, "Chris Dunn");
  {
    g_autofree char *mine = listed_actions (plan);

    g_assert_cmpstr (mine, ==, "14 17");
  }
}

/* A few of a kind come one by one, each opening its item; more come as one with a count,
 * opening the person's own list. */
static void
test_compose (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_reminder_free);
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (IbRecord) action = ib_test_active_action (f->demo.store, "16");
  const char * const refs[] = { "R01", "R02", "R03", "R05", "R06" };
  IbReminderNote *note;

  g_ptr_array_add (reminders, ib_reminder_new (IB_REMINDER_STATEMENT, action, "2023-01-20"));
  g_ptr_array_add (reminders, ib_reminder_new (IB_REMINDER_ACTION_DUE, action, "2022-12-31"));
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autoptr (IbRecord) risk = risk_by_ref (f->demo.store, refs[i]);

      g_ptr_array_add (reminders, ib_reminder_new (IB_REMINDER_REVIEW, risk, "2022-12-02"));
    }

  notes = ib_reminders_compose (reminders, "2022-12-20");
  g_assert_cmpuint (notes->len, ==, 3);

  note = notes->pdata[0];
  g_assert_cmpstr (note->title, ==, "Position statement due");
  g_assert_nonnull (strstr (note->body, "20 January 2023"));
  g_assert_true (g_str_has_prefix (note->target, "plan:"));
  g_assert_cmpstr (note->target + 5, ==, ib_record_get_id (action));

  note = notes->pdata[1];
  g_assert_cmpstr (note->title, ==, "Action due soon");
  g_assert_nonnull (strstr (note->body, "31 December 2022"));
  g_assert_cmpstr (note->target + 5, ==, ib_record_get_id (action));
  /* Two of a kind for the same action are two notifications, neither replacing the other. */
  g_assert_cmpstr (note->id, !=, ((IbReminderNote *) notes->pdata[0])->id);

  note = notes->pdata[2];
  g_assert_cmpstr (note->title, ==, "5 of your risks are due a review");
  g_assert_cmpstr (note->target, ==, "risks:mine");

  /* Three are not "more than a few". */
  g_ptr_array_remove_range (reminders, 4, 3);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = ib_reminders_compose (reminders, "2022-12-20");
  g_assert_cmpuint (notes->len, ==, 2 + 2);
  note = notes->pdata[2];
  g_assert_cmpstr (note->title, ==, "Risk review due");
  g_assert_nonnull (strstr (note->body, "was due on 2 December 2022"));
  g_assert_true (g_str_has_prefix (note->target, "risks:"));
}

static gboolean
risks_shown (gpointer window)
{
  return g_strcmp0 (ib_window_get_view (window), "risks") == 0;
}

/* Sent at most once a day, only when on and with a name; a click opens the item. */
static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (IbReminders) reminders = ib_reminders_new (G_APPLICATION (app), f->settings, f->demo.store);

  /* Its first look, at idle, is for today: with no name it sends nothing and leaves the day. */
  ib_test_settle ();
  g_assert_cmpstr (g_settings_get_string (f->settings, "last-reminded"), ==, "");

  /* No name: nothing, and the day is not used up. */
  g_assert_cmpuint (ib_reminders_check (reminders, "2022-11-22"), ==, 0);
  g_assert_cmpstr (g_settings_get_string (f->settings, "last-reminded"), ==, "");

  /* The Head of MASH, ten days before the board: R03's review, on the desktop. */
  g_settings_set_string (f->settings, "my-name", "Head of MASH");
  g_ptr_array_set_size (notifier.summaries, 0);
  g_ptr_array_set_size (notifier.bodies, 0);
  g_ptr_array_set_size (notifier.ids, 0);
  g_assert_cmpuint (ib_reminders_check (reminders, "2022-11-22"), ==, 1);
  g_assert_cmpstr (g_settings_get_string (f->settings, "last-reminded"), ==, "2022-11-22");
  ib_test_spin_until (notifier_has_n, GUINT_TO_POINTER (1), 10);
  g_assert_cmpstr (notifier.summaries->pdata[0], ==, "Risk review due");
  g_assert_nonnull (strstr (notifier.bodies->pdata[0], "R03"));
  g_assert_cmpuint (ib_reminders_check (reminders, "2022-11-22"), ==, 0);

  /* Clicked, it opens R03 in the register. */
  g_assert_cmpstr (ib_window_get_view (f->demo.window), ==, "overview");
  g_assert_true (g_dbus_connection_emit_signal (notifier.bus, NULL, "/org/freedesktop/Notifications",
                                                "org.freedesktop.Notifications", "ActionInvoked",
                                                g_variant_new ("(us)", GPOINTER_TO_UINT (notifier.ids->pdata[0]), "default"),
                                                NULL));
  ib_test_spin_until (risks_shown, f->demo.window, 10);
  {
    IbListDetail *list = IB_LIST_DETAIL (ib_test_find_widget (show_view (f, "risks", IB_TYPE_RISKS_PAGE),
                                                              IB_TYPE_LIST_DETAIL, NULL));
    gpointer item = ib_list_detail_get_item (list);

    g_assert_true (IB_IS_RECORD (item));
    g_assert_cmpstr (ib_record_get_string (item, "ref"), ==, "R03");
  }

  /* The next day, again; turned off, not. */
  g_assert_cmpuint (ib_reminders_check (reminders, "2022-11-23"), ==, 1);
  g_settings_set_boolean (f->settings, "reminders", FALSE);
  g_assert_cmpuint (ib_reminders_check (reminders, "2022-11-24"), ==, 0);
  g_assert_cmpstr (g_settings_get_string (f->settings, "last-reminded"), ==, "2022-11-23");
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
  notifier_start ();

#define ADD(path, func) g_test_add ("/ui/prefs/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-and-style", test_open_and_style);
  ADD ("my-actions-and-risks", test_my_actions_and_risks);
  ADD ("show-record", test_show_record);
  ADD ("compose", test_compose);
  ADD ("once-a-day", test_once_a_day);
#undef ADD
  rc = g_test_run ();

  g_clear_object (&app);
  notifier_stop ();
  return rc;
}
