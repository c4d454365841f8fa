/* ib-plan-page.c
 *
 * The list is a GtkListView over IbPlanModel's items, so it stays fluid with thousands of
 * actions: filtering and sorting happen in the model, in memory, and the view only binds the
 * rows on screen. The selection is kept by record id across reloads, because a sync or an
 * edit replaces the items.
 *
 * Deletes wait for their Undo toast to go before they reach the store: the record is hidden
 * meanwhile, and the delete is carried out when the toast goes, when another delete starts,
 * or when the page is destroyed, so nothing is left half-done and Undo needs no "undelete"
 * in the sync protocol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-plan-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "ib-action-detail.h"
#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-kept-selection.h"
#include "ib-pending-delete.h"
#include "ib-plan-page.h"
#include "ib-view.h"
#include "ib-plan-row.h"
#include "ib-record-editor.h"
#include "ib-wrap-layout.h"

struct _IbPlanPage
{
  GtkWidget           parent_instance;

  /* template */
  AdwLeaflet         *leaflet;
  GtkDropDown        *plan_dropdown;
  GtkWidget          *new_button;
  GtkLabel           *plan_info;
  GtkWidget          *rollup_box;   /* a badge box */
  GtkLabel           *as_at_label;
  GtkToggleButton    *search_toggle;
  GtkMenuButton      *filter_button;
  GtkDropDown        *status_filter;
  GtkDropDown        *rag_filter;
  GtkDropDown        *officer_filter;
  GtkDropDown        *horizon_filter;
  GtkCheckButton     *overdue_check;
  GtkCheckButton     *stale_check;
  GtkSpinButton      *stale_spin;
  GtkDropDown        *sort_dropdown;
  GtkMenuButton      *as_at_button;
  GtkPopover         *as_at_popover;
  GtkListBox         *board_list;
  GtkCalendar        *as_at_calendar;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  AdwStatusPage      *no_match_page;
  GtkWidget          *no_plan_button;
  GtkListView        *list_view;
  IbActionDetail     *detail;

  /* owned */
  IbStore            *store;
  IbPlanModel        *model;
  IbKeptSelection    *selection;
  GPtrArray          *plan_ids;     /* parallel to the plan dropdown */
  GStrv               officers;     /* parallel to the officer filter, after "Any" */
  GPtrArray          *board_dates;  /* parallel to the board list */
  IbPendingDelete    *deleter;

  gboolean            can_edit;
  gboolean            updating;     /* filling widgets: their signals are not the person's */
};

static void ib_plan_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbPlanPage, ib_plan_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_plan_page_view_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_EDIT,
  PROP_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static void focus_search (IbView *view);
static void set_store    (IbPlanPage *self,
                          IbStore *store);
static void set_can_edit (IbPlanPage *self,
                          gboolean can_edit);

/* The RAG filter's choices after "Any rating", as model codes. */
static const char * const rag_codes[] = { "red", "amber", "green", "complete", "none" };

static void update_actions (IbPlanPage *self);

static IbPlanItem *
selected_item (IbPlanPage *self)
{
  if (self->selection == NULL)
    return NULL;
  return ib_kept_selection_get_item (self->selection);
}

static IbPlanItem *shown_item (IbPlanPage *self);

static IbRecord *
selected_action (IbPlanPage *self)
{
  IbPlanItem *item = shown_item (self);

  if (item == NULL || ib_plan_item_get_kind (item) != IB_PLAN_ITEM_ACTION)
    return NULL;
  return ib_plan_item_get_record (item);
}

static GtkWindow *
parent_window (IbPlanPage *self)
{
  return ib_detail_get_window (GTK_WIDGET (self));
}

static void
toast (IbPlanPage *self,
       AdwToast   *toast)
{
  ib_detail_toast (GTK_WIDGET (self), toast);
}

static void
toast_error (IbPlanPage *self,
             const char *message)
{
  ib_detail_toast_error (GTK_WIDGET (self), message);
}

static GtkStringList *
choices (const char   *any,
         const IbEnum *e)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; e != NULL && i < e->n_values; i++)
    gtk_string_list_append (list, ib_enum_label (e, e->values[i].code));
  return list;
}

static void
update_plans (IbPlanPage *self)
{
  g_autoptr (GListModel) plans = ib_store_list (self->store, &ib_type_plan);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = ib_plan_model_get_plan (self->model);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->plan_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (plans, i);
      const char *version = ib_record_get_string (plan, "version_label");
      g_autofree char *name = NULL;

      if (g_strcmp0 (ib_pending_delete_get_id (self->deleter), ib_record_get_id (plan)) == 0)
        continue;

      /* Translators: a plan in the plan chooser: its title and version, e.g. "Improvement Plan (Draft v3)" */
      name = version != NULL ? g_strdup_printf (C_("plan name", "%s (%s)"), ib_record_get_string (plan, "title"), version)
                             : g_strdup (ib_record_get_string (plan, "title"));
      if (g_strcmp0 (current, ib_record_get_id (plan)) == 0)
        selected = self->plan_ids->len;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->plan_ids, g_strdup (ib_record_get_id (plan)));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->plan_dropdown, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_dropdown), self->plan_ids->len > 0);
}

static void
update_officers (IbPlanPage *self)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  const char *current = NULL;
  guint selected = gtk_drop_down_get_selected (self->officer_filter);
  guint keep = 0;

  if (self->officers != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0)
    current = self->officers[selected - 1];

  gtk_string_list_append (list, _("Any officer"));
  {
    g_auto (GStrv) officers = ib_plan_model_list_officers (self->model);

    for (guint i = 0; officers[i] != NULL; i++)
      {
        gtk_string_list_append (list, officers[i]);
        if (g_strcmp0 (officers[i], current) == 0)
          keep = i + 1;
      }

    self->updating = TRUE;
    gtk_drop_down_set_model (self->officer_filter, G_LIST_MODEL (list));
    gtk_drop_down_set_selected (self->officer_filter, keep);
    self->updating = FALSE;
    g_strfreev (self->officers);
    self->officers = g_steal_pointer (&officers);
  }
}

static void
update_boards (IbPlanPage *self)
{
  g_autoptr (GListModel) meetings = ib_store_list (self->store, &ib_type_meeting);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board_list))) != NULL)
    gtk_list_box_remove (self->board_list, child);
  g_ptr_array_set_size (self->board_dates, 0);

  /* Newest first: the last board is the one people ask about. */
  for (guint i = g_list_model_get_n_items (meetings); i > 0; i--)
    {
      g_autoptr (IbRecord) meeting = g_list_model_get_item (meetings, i - 1);
      g_autofree char *date = NULL;
      GtkWidget *row;

      if (g_strcmp0 (ib_record_get_string (meeting, "kind"), "improvement_board") != 0)
        continue;

      date = ib_format_date (ib_record_get_string (meeting, "held_on"));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->board_list, row);
      g_ptr_array_add (self->board_dates, g_strdup (ib_record_get_string (meeting, "held_on")));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->board_list), self->board_dates->len > 0);
}

static void
update_header (IbPlanPage *self)
{
  const char *plan_id = ib_plan_model_get_plan (self->model);
  g_autoptr (IbRecord) plan = plan_id != NULL ? ib_store_get (self->store, &ib_type_plan, plan_id, NULL) : NULL;
  const IbRagCounts *counts = ib_plan_model_get_counts (self->model);
  IbRecord *board = ib_plan_model_get_previous_board (self->model);
  const char *as_at = ib_plan_model_get_as_at (self->model);
  g_autoptr (GString) info = g_string_new (NULL);
  g_autofree char *rollup = ib_rag_counts_format (counts);
  g_autofree char *when = NULL;

  ib_badge_box_clear (self->rollup_box);

  if (plan == NULL)
    {
      gtk_label_set_label (self->plan_info, "");
      gtk_label_set_label (self->as_at_label, "");
      return;
    }

  {
    g_autofree char *dates = ib_format_date_range (ib_record_get_string (plan, "starts_on"),
                                                   ib_record_get_string (plan, "ends_on"));
    const char *status = ib_record_get_string (plan, "status");

    if (status != NULL)
      g_string_append (info, ib_enum_label (&ib_enum_plan_status, status));
    if (*dates != '\0')
      g_string_append_printf (info, "%s%s", info->len > 0 ? " · " : "", dates);
  }

  /* The roll-forward, both ways: what this plan became and what it carries on from. */
  if (ib_record_get_string (plan, "successor_plan") != NULL)
    {
      g_autoptr (IbRecord) next = ib_store_get (self->store, &ib_type_plan, ib_record_get_string (plan, "successor_plan"), NULL);

      if (next != NULL)
        {
          g_string_append (info, "\n");
          /* Translators: %s is the title of the plan that took over the unfinished actions */
          g_string_append_printf (info, _("Unfinished actions rolled forward into “%s”."), ib_record_get_string (next, "title"));
        }
    }
  {
    g_autoptr (GListModel) earlier = ib_store_list_where (self->store, &ib_type_plan, "successor_plan", plan_id);

    if (g_list_model_get_n_items (earlier) > 0)
      {
        g_autoptr (IbRecord) prev = g_list_model_get_item (earlier, 0);

        g_string_append (info, "\n");
        /* Translators: %s is the title of the earlier plan whose actions this one carries on */
        g_string_append_printf (info, _("Carries on actions from “%s”."), ib_record_get_string (prev, "title"));
      }
  }
  gtk_label_set_label (self->plan_info, info->str);

  ib_badge_box_add_rollup (self->rollup_box, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rollup_box), GTK_ACCESSIBLE_PROPERTY_LABEL, rollup, -1);

  if (as_at != NULL)
    {
      g_autofree char *date = ib_format_date (as_at);
      /* Translators: %s is a date; the plan is shown as it stood then */
      when = g_strdup_printf (_("As at %s"), date);
    }
  else
    when = g_strdup (_("Now"));

  if (board != NULL)
    {
      g_autofree char *board_date = ib_format_date (ib_record_get_string (board, "held_on"));
      /* Translators: "As at 9 September 2022" or "Now", then the date of the Improvement Board colours are compared with */
      g_autofree char *text = g_strdup_printf (_("%s, compared with the Improvement Board of %s"), when, board_date);
      gtk_label_set_label (self->as_at_label, text);
    }
  else
    gtk_label_set_label (self->as_at_label, when);

  if (as_at != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->as_at_label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->as_at_label), "accent");
}

static void
update_list_state (IbPlanPage *self)
{
  guint n_rows = g_list_model_get_n_items (ib_plan_model_get_items (self->model));

  if (ib_plan_model_get_plan (self->model) == NULL)
    gtk_stack_set_visible_child_name (self->list_stack, "no-plan");
  else if (n_rows == 0 && ib_plan_model_is_filtered (self->model))
    {
      adw_status_page_set_title (self->no_match_page, _("No Matching Actions"));
      adw_status_page_set_description (self->no_match_page, _("No action of this plan matches the search and filters."));
      gtk_stack_set_visible_child_name (self->list_stack, "no-match");
    }
  else if (n_rows == 0)
    {
      adw_status_page_set_title (self->no_match_page, _("No Actions Yet"));
      adw_status_page_set_description (self->no_match_page, _("Add a priority area, then its actions, from the New menu (Ctrl+N adds an action)."));
      gtk_stack_set_visible_child_name (self->list_stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (ib_plan_model_is_filtered (self->model))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

/* The detail keeps showing the chosen record when a filter stops matching it (after its new
 * statement turned it amber under a "red" filter, say): what was being read does not vanish. */
static IbPlanItem *
shown_item (IbPlanPage *self)
{
  IbPlanItem *item = selected_item (self);

  if (item == NULL && self->model != NULL)
    item = ib_plan_model_lookup (self->model, ib_kept_selection_get_id (self->selection));
  return item;
}

static void
show_selected (IbPlanPage *self)
{
  ib_action_detail_set_item (self->detail, self->model, shown_item (self));
  update_actions (self);
}

static void
update_actions (IbPlanPage *self)
{
  IbPlanItem *item = shown_item (self);
  gboolean have_plan = self->model != NULL && ib_plan_model_get_plan (self->model) != NULL;
  gboolean action = item != NULL && ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION;
  gboolean priority = item != NULL && ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY &&
                      ib_plan_item_get_record (item) != NULL;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "plan.new-plan", self->can_edit && self->store != NULL);
  gtk_widget_action_set_enabled (w, "plan.edit-plan", self->can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.delete-plan", self->can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.new-priority", self->can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.new-action", self->can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.edit-action", self->can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.delete-action", self->can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.add-statement", self->can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.edit-priority", self->can_edit && priority);
  gtk_widget_action_set_enabled (w, "plan.delete-priority", self->can_edit && priority);
}

static void
restore_selection (IbPlanPage *self,
                   const char *id)
{
  ib_kept_selection_set_id (self->selection, id);
}

static const char *
item_id (gpointer item)
{
  IbRecord *record = ib_plan_item_get_record (item);

  return record != NULL ? ib_record_get_id (record) : NULL;
}

static void
on_updated_cb (IbPlanPage *self)
{
  update_plans (self);
  update_officers (self);
  update_boards (self);
  update_header (self);
  update_list_state (self);
  /* The same record may carry new statements or ratings: draw it again. */
  show_selected (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              IbPlanPage               *self)
{
  gtk_list_item_set_child (list_item, ib_plan_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             IbPlanPage               *self)
{
  IbPlanItem *item = gtk_list_item_get_item (list_item);
  IbRecord *board = ib_plan_model_get_previous_board (self->model);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  ib_plan_row_set_item (IB_PLAN_ROW (row), item, board != NULL ? ib_record_get_string (board, "held_on") : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ib_plan_row_get_summary (IB_PLAN_ROW (row)), -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               IbPlanPage               *self)
{
  ib_plan_row_set_item (IB_PLAN_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
}

static void
on_plan_selected_cb (IbPlanPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->plan_dropdown);

  if (self->updating || self->model == NULL || selected >= self->plan_ids->len)
    return;

  ib_plan_model_set_plan (self->model, self->plan_ids->pdata[selected]);
}

static void
on_filter_changed_cb (IbPlanPage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint rag = gtk_drop_down_get_selected (self->rag_filter);
  guint officer = gtk_drop_down_get_selected (self->officer_filter);
  guint horizon = gtk_drop_down_get_selected (self->horizon_filter);

  if (self->updating || self->model == NULL)
    return;

  ib_plan_model_set_status (self->model, status > 0 && status != GTK_INVALID_LIST_POSITION
                                         ? ib_enum_action_status.values[status - 1].code : NULL);
  ib_plan_model_set_rag (self->model, rag > 0 && rag != GTK_INVALID_LIST_POSITION ? rag_codes[rag - 1] : NULL);
  ib_plan_model_set_officer (self->model, officer > 0 && officer != GTK_INVALID_LIST_POSITION && self->officers != NULL
                                          ? self->officers[officer - 1] : NULL);
  ib_plan_model_set_horizon (self->model, horizon > 0 && horizon != GTK_INVALID_LIST_POSITION
                                          ? ib_enum_horizon.values[horizon - 1].code : NULL);
  ib_plan_model_set_overdue_only (self->model, gtk_check_button_get_active (self->overdue_check));
  ib_plan_model_set_stale_weeks (self->model, gtk_check_button_get_active (self->stale_check)
                                              ? (guint) gtk_spin_button_get_value_as_int (self->stale_spin) : 0);
  update_list_state (self);
}

static void
on_sort_changed_cb (IbPlanPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->model == NULL || selected > IB_PLAN_SORT_OFFICER)
    return;
  ib_plan_model_set_sort (self->model, (IbPlanSort) selected);
}

static void
on_search_changed_cb (IbPlanPage *self)
{
  if (self->model == NULL)
    return;
  ib_plan_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_list_state (self);
}

static void
on_stop_search_cb (IbPlanPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Enter in the search box opens the first matching action. */
static void
on_search_activate_cb (IbPlanPage *self)
{
  GListModel *items = ib_plan_model_get_items (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (ib_kept_selection_get_model (self->selection)), i);
          gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
          if (adw_leaflet_get_folded (self->leaflet))
            adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
          return;
        }
    }
}

static void
on_list_activate_cb (IbPlanPage *self,
                     guint       position)
{
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (ib_kept_selection_get_model (self->selection)), position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_folded_changed_cb (IbPlanPage *self)
{
  /* Narrow, one tap opens an action; wide, the detail is beside the list anyway. */
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (self->leaflet));
}

static void
on_board_activated_cb (IbPlanPage    *self,
                       GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->board_dates->len)
    return;

  gtk_popover_popdown (self->as_at_popover);
  ib_plan_model_set_as_at (self->model, self->board_dates->pdata[index]);
}

/* Editing */

static const char * const action_fields[] = {
  "ref", "title", "priority", "description", "accountable_officer", "lead_service", "horizon",
  "starts_on", "due_on", "status", "delivery_rag", "impact_rag", "rag_override_reason", NULL
};
static const char * const priority_fields[] = { "code", "title", "sort_order", NULL };
static const char * const plan_fields[] = {
  "title", "version_label", "status", "starts_on", "ends_on", "origin_inspection", "successor_plan", NULL
};
static const char * const statement_fields[] = {
  "as_at", "author", "delivery_rag", "impact_rag", "narrative", "next_steps", "meeting", NULL
};

static void
on_saved_select_cb (IbRecordEditor *editor,
                    const char     *id,
                    IbPlanPage     *self)
{
  /* The model reloads at idle; reload now so the new record can be selected at once. */
  ib_plan_model_reload (self->model);
  restore_selection (self, id);
}

static void
on_plan_saved_cb (IbRecordEditor *editor,
                  const char     *id,
                  IbPlanPage     *self)
{
  ib_plan_model_set_plan (self->model, id);
}

static void
present_editor (IbPlanPage     *self,
                IbRecordEditor *editor,
                const char     *title,
                GCallback       saved)
{
  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (editor), title);
  if (saved != NULL)
    g_signal_connect_object (editor, "saved", saved, self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The next whole-number ref after the plan's highest, so "New Action" after 18 offers 19. */
static char *
next_ref (IbPlanPage *self)
{
  g_autoptr (GListModel) actions = ib_store_list_where (self->store, &ib_type_action, "plan",
                                                        ib_plan_model_get_plan (self->model));
  long highest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (IbRecord) action = g_list_model_get_item (actions, i);
      long n = strtol (ib_record_get_string (action, "ref"), NULL, 10);

      highest = MAX (highest, n);
    }

  return g_strdup_printf ("%ld", highest + 1);
}

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_action);
  g_autofree char *ref = next_ref (self);
  IbPlanItem *item = shown_item (self);
  const char *priority = NULL;

  /* In context: the priority area selected, or the one of the action selected. */
  if (item != NULL && ib_plan_item_get_record (item) != NULL)
    priority = ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY
               ? ib_record_get_id (ib_plan_item_get_record (item))
               : ib_record_get_string (ib_plan_item_get_record (item), "priority");

  ib_record_set_string (draft, "plan", ib_plan_model_get_plan (self->model));
  ib_record_set_string (draft, "priority", priority);
  ib_record_set_string (draft, "ref", ref);
  ib_record_set_string (draft, "status", "not_started");
  present_editor (self, ib_record_editor_new_draft (parent_window (self), self->store, draft, action_fields),
                  _("New Action"), G_CALLBACK (on_saved_select_cb));
}

static void
edit_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbRecord *action = selected_action (self);

  if (action == NULL)
    return;
  present_editor (self, ib_record_editor_new (parent_window (self), self->store, &ib_type_action,
                                              ib_record_get_id (action), action_fields),
                  _("Edit Action"), NULL);
}

static gboolean
save_statement (IbStore   *store,
                IbRecord  *record,
                gpointer   user_data,
                GError   **error)
{
  IbPlanPage *self = user_data;

  return ib_plan_model_add_statement (self->model, record, error);
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
add_statement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbRecord *action = selected_action (self);
  g_autoptr (IbRecord) draft = NULL;
  g_autofree char *date = today ();
  IbRecordEditor *editor;

  if (action == NULL)
    return;

  /* Starts from the current ratings and the accountable officer: most statements change
   * the narrative, not the colour. */
  draft = ib_record_new (&ib_type_position_statement);
  ib_record_set_string (draft, "action", ib_record_get_id (action));
  ib_record_set_string (draft, "as_at", date);
  ib_record_set_string (draft, "author", ib_record_get_string (action, "accountable_officer"));
  ib_record_set_string (draft, "delivery_rag", ib_record_get_string (action, "delivery_rag"));
  ib_record_set_string (draft, "impact_rag", ib_record_get_string (action, "impact_rag"));

  editor = ib_record_editor_new_draft (parent_window (self), self->store, draft, statement_fields);
  ib_record_editor_set_save_func (editor, save_statement, self);
  present_editor (self, editor, _("New Position Statement"), NULL);
}

static void
new_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_priority);
  g_autoptr (GListModel) existing = ib_store_list_where (self->store, &ib_type_priority, "plan",
                                                         ib_plan_model_get_plan (self->model));

  ib_record_set_string (draft, "plan", ib_plan_model_get_plan (self->model));
  ib_record_set_int (draft, "sort_order", g_list_model_get_n_items (existing));
  present_editor (self, ib_record_editor_new_draft (parent_window (self), self->store, draft, priority_fields),
                  _("New Priority Area"), G_CALLBACK (on_saved_select_cb));
}

static void
edit_priority_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbPlanItem *item = shown_item (self);

  if (item == NULL || ib_plan_item_get_kind (item) != IB_PLAN_ITEM_PRIORITY || ib_plan_item_get_record (item) == NULL)
    return;
  present_editor (self, ib_record_editor_new (parent_window (self), self->store, &ib_type_priority,
                                              ib_record_get_id (ib_plan_item_get_record (item)), priority_fields),
                  _("Edit Priority Area"), NULL);
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_plan);

  ib_record_set_string (draft, "status", "draft");
  present_editor (self, ib_record_editor_new_draft (parent_window (self), self->store, draft, plan_fields),
                  _("New Plan"), G_CALLBACK (on_plan_saved_cb));
}

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  const char *plan_id = ib_plan_model_get_plan (self->model);

  if (plan_id == NULL)
    return;
  present_editor (self, ib_record_editor_new (parent_window (self), self->store, &ib_type_plan, plan_id, plan_fields),
                  _("Edit Plan"), NULL);
}

/* Deleting, with Undo */

static gboolean
delete_cb (const IbRecordType *type,
           const char         *id,
           gpointer            user_data,
           GError            **error)
{
  IbPlanPage *self = user_data;

  /* A priority area's actions move to "no priority area" first. */
  if (type == &ib_type_priority)
    return ib_plan_model_delete_priority (self->model, id, error);
  return ib_store_delete (self->store, type, id, error);
}

static void
delete_done_cb (const IbRecordType *type,
                const char         *id,
                gboolean            undone,
                const GError       *error,
                gpointer            user_data)
{
  IbPlanPage *self = user_data;

  if (self->model != NULL)
    ib_plan_model_unhide (self->model, id);
  if (error != NULL)
    toast_error (self, error->message);
  if (!undone)
    return;

  if (type == &ib_type_plan)
    {
      ib_plan_model_set_plan (self->model, id);
      update_plans (self);
    }
  restore_selection (self, id);
}

static void
commit_pending (IbPlanPage *self)
{
  ib_pending_delete_commit (self->deleter);
}

static void
start_delete (IbPlanPage         *self,
              const IbRecordType *type,
              IbRecord           *record)
{
  const char *id = ib_record_get_id (record);
  AdwToast *t;

  /* Held first, so the plan chooser below already leaves it out. */
  t = ib_pending_delete_start (self->deleter, self->store, type, record);

  if (type == &ib_type_plan)
    {
      const char *other = NULL;

      update_plans (self);
      for (guint i = 0; i < self->plan_ids->len && other == NULL; i++)
        other = self->plan_ids->pdata[i];
      ib_plan_model_set_plan (self->model, other);
      if (other == NULL)
        ib_plan_model_hide (self->model, id);
    }
  else
    ib_plan_model_hide (self->model, id);

  toast (self, t);
}

static void
delete_action_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbRecord *action = selected_action (self);

  if (action != NULL)
    start_delete (self, &ib_type_action, action);
}

static void
delete_priority_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbPlanItem *item = shown_item (self);

  if (item != NULL && ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY && ib_plan_item_get_record (item) != NULL)
    start_delete (self, &ib_type_priority, ib_plan_item_get_record (item));
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  const char *plan_id = ib_plan_model_get_plan (self->model);
  g_autoptr (IbRecord) plan = plan_id != NULL ? ib_store_get (self->store, &ib_type_plan, plan_id, NULL) : NULL;

  if (plan != NULL)
    start_delete (self, &ib_type_plan, plan);
}

/* Finding and viewing */

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->rag_filter, 0);
  gtk_drop_down_set_selected (self->officer_filter, 0);
  gtk_drop_down_set_selected (self->horizon_filter, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_check_button_set_active (self->stale_check, FALSE);
  self->updating = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ib_plan_model_set_search (self->model, NULL);
  on_filter_changed_cb (self);
}

static void
as_at_now_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);

  gtk_popover_popdown (self->as_at_popover);
  ib_plan_model_set_as_at (self->model, NULL);
}

static void
as_at_date_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->as_at_calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_popover_popdown (self->as_at_popover);
  ib_plan_model_set_as_at (self->model, text);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  focus_search (IB_VIEW (widget));
}


static void
ib_plan_page_dispose (GObject *object)
{
  IbPlanPage *self = (IbPlanPage *) object;

  /* A delete waiting on its toast is still a delete the person asked for. */
  if (self->store != NULL)
    commit_pending (self);
  g_clear_object (&self->deleter);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (ib_plan_model_get_items (self->model), self);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PLAN_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan_ids, g_ptr_array_unref);
  g_clear_pointer (&self->board_dates, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_strfreev);

  G_OBJECT_CLASS (ib_plan_page_parent_class)->dispose (object);
}

static void
add_item (IbView *view)
{
  gtk_widget_activate_action (GTK_WIDGET (view), "plan.new-action", NULL);
}

static void
delete_selected (IbView *view)
{
  gtk_widget_activate_action (GTK_WIDGET (view), "plan.delete-action", NULL);
}

static void
ib_plan_page_view_init (IbViewInterface *iface)
{
  iface->focus_search = focus_search;
  iface->add_item = add_item;
  iface->delete_selected = delete_selected;
}

static void
ib_plan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IbPlanPage *self = IB_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, self->can_edit);
      break;

    case PROP_TITLE:
      /* Translators: a view's name in the view switcher: keep it short */
      g_value_set_string (value, C_("view", "Action Plan"));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, "view-list-bullet-symbolic");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_plan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IbPlanPage *self = IB_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    case PROP_CAN_EDIT:
      set_can_edit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_plan_page_class_init (IbPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_plan_page_dispose;
  object_class->get_property = ib_plan_page_get_property;
  object_class->set_property = ib_plan_page_set_property;
  ib_view_class_override_properties (object_class, PROP_STORE);

  g_type_ensure (IB_TYPE_ACTION_DETAIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, plan_info);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, rollup_box);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_label);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, search_toggle);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, rag_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, officer_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, horizon_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, stale_check);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, stale_spin);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_popover);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, board_list);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_calendar);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, no_plan_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_board_activated_cb);

  gtk_widget_class_install_action (widget_class, "plan.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-action", NULL, edit_action_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-action", NULL, delete_action_action);
  gtk_widget_class_install_action (widget_class, "plan.add-statement", NULL, add_statement_action);
  gtk_widget_class_install_action (widget_class, "plan.new-priority", NULL, new_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-priority", NULL, edit_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-priority", NULL, delete_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-plan", NULL, edit_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-plan", NULL, delete_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "plan.as-at-now", NULL, as_at_now_action);
  gtk_widget_class_install_action (widget_class, "plan.as-at-date", NULL, as_at_date_action);
  gtk_widget_class_install_action (widget_class, "plan.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "plan.search", NULL, search_action);

  /* Within the page; the window routes Ctrl+F, Ctrl+N and Delete through IbView. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "plan.back", NULL);
}

static void
ib_plan_page_init (IbPlanPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkStringList) status = choices (_("Any status"), &ib_enum_action_status);
  g_autoptr (GtkStringList) horizon = choices (_("Any horizon"), &ib_enum_horizon);
  g_autoptr (GtkStringList) rag = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->rollup_box, ib_wrap_layout_new (6));

  self->deleter = ib_pending_delete_new (delete_cb, delete_done_cb, self);
  self->plan_ids = g_ptr_array_new_with_free_func (g_free);
  self->board_dates = g_ptr_array_new_with_free_func (g_free);
  self->can_edit = TRUE;

  gtk_string_list_append (rag, _("Any rating"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "red"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "amber"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "green"));
  gtk_string_list_append (rag, C_("rag", "Complete"));
  gtk_string_list_append (rag, C_("rag", "Not rated"));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (status));
  gtk_drop_down_set_model (self->rag_filter, G_LIST_MODEL (rag));
  gtk_drop_down_set_model (self->horizon_filter, G_LIST_MODEL (horizon));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  ib_detail_ellipsize_drop_down (self->plan_dropdown);
  ib_detail_ellipsize_drop_down (self->sort_dropdown);
  ib_detail_ellipsize_drop_down (self->officer_filter);
  update_actions (self);
}

static void
set_store (IbPlanPage *self,
                        IbStore    *store)
{
  GListModel *items;

  if (store == NULL || self->store != NULL)
    return;

  self->store = g_object_ref (store);
  self->model = ib_plan_model_new (store);
  items = ib_plan_model_get_items (self->model);

  self->selection = ib_kept_selection_new (items, item_id);
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (show_selected), self);
  g_signal_connect_data (items, "items-changed", G_CALLBACK (update_list_state), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_view_set_model (self->list_view, ib_kept_selection_get_model (self->selection));

  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (on_updated_cb), self);
  on_updated_cb (self);
  g_object_notify (G_OBJECT (self), "store");
}

static void
set_can_edit (IbPlanPage *self,
                           gboolean    can_edit)
{
  if (self->can_edit == can_edit)
    return;
  self->can_edit = can_edit;
  gtk_widget_set_visible (self->new_button, can_edit);
  gtk_widget_set_visible (self->no_plan_button, can_edit);
  ib_action_detail_set_can_edit (self->detail, can_edit);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "can-edit");
}

IbPlanModel *
ib_plan_page_get_model (IbPlanPage *self)
{
  g_return_val_if_fail (IB_IS_PLAN_PAGE (self), NULL);
  return self->model;
}

static void
focus_search (IbView *view)
{
  IbPlanPage *self = IB_PLAN_PAGE (view);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}


gboolean
ib_plan_page_select (IbPlanPage *self,
                     const char *id)
{
  g_return_val_if_fail (IB_IS_PLAN_PAGE (self), FALSE);

  if (self->model == NULL || ib_plan_model_find (self->model, id) == G_MAXUINT)
    return FALSE;

  restore_selection (self, id);
  return TRUE;
}

void
ib_plan_page_commit_pending (IbPlanPage *self)
{
  g_return_if_fail (IB_IS_PLAN_PAGE (self));
  commit_pending (self);
}
