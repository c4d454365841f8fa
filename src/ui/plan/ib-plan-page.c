/* ib-plan-page.c
 *
 * The actions are an IbListDetail over IbPlanModel's items, so the list stays fluid with
 * thousands of actions: filtering and sorting happen in the model, in memory. Above them the
 * page chooses the plan, says how it stands (its roll-up and the Improvement Board its colours
 * are compared with) and offers the filters and the "as at" date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-plan-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ib-action-detail.h"
#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-list-detail.h"
#include "ib-mine-filter.h"
#include "ib-overview.h"
#include "ib-plan-page-private.h"
#include "ib-plan-row.h"
#include "ib-record-json.h"
#include "ib-record-editor.h"
#include "ib-schedule.h"
#include "ib-view.h"
#include "ib-wrap-layout.h"

struct _IbPlanPage
{
  GtkWidget           parent_instance;

  /* template */
  IbListDetail       *list_detail;
  GtkDropDown        *plan_dropdown;
  GtkLabel           *plan_info;
  GtkWidget          *rollup_box;   /* a badge box */
  GtkLabel           *as_at_label;
  GtkMenuButton      *filter_button;
  GtkPopover         *filter_popover;
  IbMineFilter       *mine_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *rag_filter;
  GtkDropDown        *officer_filter;
  GtkDropDown        *horizon_filter;
  GtkCheckButton     *overdue_check;
  GtkCheckButton     *not_improving_check;
  GtkCheckButton     *stale_check;
  GtkSpinButton      *stale_spin;
  GtkDropDown        *sort_dropdown;
  GtkPopover         *as_at_popover;
  GtkListBox         *board_list;
  GtkCalendar        *as_at_calendar;
  AdwStatusPage      *empty_page;
  GtkWidget          *new_plan_button;
  GtkWidget          *clear_button;
  IbActionDetail     *detail;

  /* owned */
  IbPlanModel        *model;
  GPtrArray          *plan_ids;     /* parallel to the plan dropdown */
  GStrv               officers;     /* parallel to the officer filter, after "Any" */
  GPtrArray          *board_dates;  /* parallel to the board list */

  gboolean            updating;     /* filling widgets: their signals are not the person's */
  guint               realize_id;   /* the header's popovers made ready at idle */
};

static void ib_plan_page_view_init (IbViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbPlanPage, ib_plan_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_VIEW, ib_plan_page_view_init))

/* The RAG filter's choices after "Any rating", as model codes. */
static const char * const rag_codes[] = { "red", "amber", "green", "complete", "none" };

static const char * const action_fields[] = {
  "ref", "title", "priority", "description", "accountable_officer", "lead_service", "horizon",
  "starts_on", "due_on", "status", "delivery_rag", "impact_rag", "rag_override_reason", NULL
};
static const char * const priority_fields[] = { "code", "title", "sort_order", NULL };
static const char * const plan_fields[] = {
  "title", "version_label", "status", "starts_on", "ends_on", "origin_inspection", "successor_plan", NULL
};
static const char * const statement_fields[] = {
  "as_at", "author", "delivery_rag", "impact_rag", "narrative", "next_steps", "meeting", "corrects", NULL
};

static IbPlanItem *
shown_item (IbPlanPage *self)
{
  return self->model != NULL ? ib_list_detail_get_item (self->list_detail) : NULL;
}

static IbRecord *
selected_action (IbPlanPage *self)
{
  IbPlanItem *item = shown_item (self);

  if (item == NULL || ib_plan_item_get_kind (item) != IB_PLAN_ITEM_ACTION)
    return NULL;
  return ib_plan_item_get_record (item);
}

static void
update_actions (IbPlanPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  gboolean can_edit = ib_view_get_can_edit (IB_VIEW (self));
  IbPlanItem *item = shown_item (self);
  gboolean have_plan = self->model != NULL && ib_plan_model_get_plan (self->model) != NULL;
  gboolean action = item != NULL && ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION;
  gboolean priority = item != NULL && ib_plan_item_get_kind (item) == IB_PLAN_ITEM_PRIORITY &&
                      ib_plan_item_get_record (item) != NULL;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "plan.new-plan", can_edit && store != NULL);
  gtk_widget_action_set_enabled (w, "plan.edit-plan", can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.delete-plan", can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.new-priority", can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.new-action", can_edit && have_plan);
  gtk_widget_action_set_enabled (w, "plan.edit-action", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.delete-action", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.add-statement", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.link-indicators", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.link-risks", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.link-findings", can_edit && action);
  gtk_widget_action_set_enabled (w, "plan.edit-priority", can_edit && priority);
  gtk_widget_action_set_enabled (w, "plan.delete-priority", can_edit && priority);
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

/* TRUE when the string lists @a and @b hold the same strings in the same order. */
static gboolean
same_strings (GListModel *a,
              GListModel *b)
{
  guint n = a != NULL ? g_list_model_get_n_items (a) : 0;

  if (a == NULL || !GTK_IS_STRING_LIST (a) || n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (a), i),
                   gtk_string_list_get_string (GTK_STRING_LIST (b), i)) != 0)
      return FALSE;
  return TRUE;
}

static void
update_plans (IbPlanPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (GListModel) plans = ib_store_list (store, &ib_type_plan);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = ib_plan_model_get_plan (self->model);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->plan_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (plans, i);
      const char *version = ib_record_get_string (plan, "version_label");
      g_autofree char *name = NULL;

      if (g_strcmp0 (ib_list_detail_get_held_id (self->list_detail), ib_record_get_id (plan)) == 0)
        continue;

      /* Translators: a plan in the plan chooser: its title and version, e.g. "Improvement Plan (Draft v3)" */
      name = version != NULL ? g_strdup_printf (C_("plan name", "%s (%s)"), ib_record_get_string (plan, "title"), version)
                             : g_strdup (ib_record_get_string (plan, "title"));
      if (g_strcmp0 (current, ib_record_get_id (plan)) == 0)
        selected = self->plan_ids->len;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->plan_ids, g_strdup (ib_record_get_id (plan)));
    }

  /* A model set again, though the same, makes the chooser anew: the plans seldom change. */
  self->updating = TRUE;
  if (!same_strings (gtk_drop_down_get_model (self->plan_dropdown), G_LIST_MODEL (names)))
    gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  if (gtk_drop_down_get_selected (self->plan_dropdown) != selected)
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
    if (!same_strings (gtk_drop_down_get_model (self->officer_filter), G_LIST_MODEL (list)))
      gtk_drop_down_set_model (self->officer_filter, G_LIST_MODEL (list));
    if (gtk_drop_down_get_selected (self->officer_filter) != keep)
      gtk_drop_down_set_selected (self->officer_filter, keep);
    self->updating = FALSE;
    g_strfreev (self->officers);
    self->officers = g_steal_pointer (&officers);
  }
}

static void
update_boards (IbPlanPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (GListModel) meetings = ib_store_list (store, &ib_type_meeting);
  g_autoptr (GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *child;

  /* Newest first: the last board is the one people ask about. */
  for (guint i = g_list_model_get_n_items (meetings); i > 0; i--)
    {
      g_autoptr (IbRecord) meeting = g_list_model_get_item (meetings, i - 1);

      if (g_strcmp0 (ib_record_get_string (meeting, "kind"), "improvement_board") == 0)
        g_ptr_array_add (dates, g_strdup (ib_record_get_string (meeting, "held_on")));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->board_list), dates->len > 0);

  /* The list is made again only when the boards changed, not at every update of the plan. */
  if (dates->len == self->board_dates->len)
    {
      guint same = 0;

      while (same < dates->len && g_strcmp0 (dates->pdata[same], self->board_dates->pdata[same]) == 0)
        same++;
      if (same == dates->len)
        return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board_list))) != NULL)
    gtk_list_box_remove (self->board_list, child);
  for (guint i = 0; i < dates->len; i++)
    {
      g_autofree char *date = ib_format_date (dates->pdata[i]);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->board_list, row);
    }
  g_ptr_array_unref (self->board_dates);
  self->board_dates = g_steal_pointer (&dates);
}

static void
update_header (IbPlanPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  const char *plan_id = ib_plan_model_get_plan (self->model);
  g_autoptr (IbRecord) plan = plan_id != NULL ? ib_store_get (store, &ib_type_plan, plan_id, NULL) : NULL;
  const IbRagCounts *counts = ib_plan_model_get_counts (self->model);
  IbRecord *board = ib_plan_model_get_previous_board (self->model);
  const char *as_at = ib_plan_model_get_as_at (self->model);
  g_autoptr (GString) info = g_string_new (NULL);
  g_autofree char *rollup = ib_rag_counts_format (counts);
  g_autofree char *when = NULL;

  if (plan == NULL)
    {
      ib_badge_box_keep (self->rollup_box, 0);
      gtk_label_set_label (self->plan_info, "");
      gtk_label_set_label (self->as_at_label, "");
      return;
    }

  {
    g_autofree char *dates = ib_format_date_range (ib_record_get_string (plan, "starts_on"),
                                                   ib_record_get_string (plan, "ends_on"));
    const char *status = ib_record_get_string (plan, "status");

    const char *ends_on = ib_record_get_string (plan, "ends_on");
    g_autofree char *today = as_at != NULL ? g_strdup (as_at) : ib_format_today ();

    /* A plan still marked active after its end date is not active: it has run out. */
    if (g_strcmp0 (status, "active") == 0 && ib_date_is_valid (ends_on) && strcmp (ends_on, today) < 0)
      g_string_append (info, C_("plan status", "Past its end date"));
    else if (status != NULL)
      g_string_append (info, ib_enum_label (&ib_enum_plan_status, status));
    if (*dates != '\0')
      g_string_append_printf (info, "%s%s", info->len > 0 ? " · " : "", dates);
  }

  /* The roll-forward, both ways: what this plan became and what it carries on from. */
  if (ib_record_get_string (plan, "successor_plan") != NULL)
    {
      g_autoptr (IbRecord) next = ib_store_get (store, &ib_type_plan, ib_record_get_string (plan, "successor_plan"), NULL);

      if (next != NULL)
        {
          g_string_append (info, "\n");
          /* Translators: %s is the title of the plan that took over the unfinished actions */
          g_string_append_printf (info, _("Unfinished actions rolled forward into “%s”."), ib_record_get_string (next, "title"));
        }
    }
  {
    g_autoptr (GListModel) earlier = ib_store_list_where (store, &ib_type_plan, "successor_plan", plan_id);

    if (g_list_model_get_n_items (earlier) > 0)
      {
        g_autoptr (IbRecord) prev = g_list_model_get_item (earlier, 0);

        g_string_append (info, "\n");
        /* Translators: %s is the title of the earlier plan whose actions this one carries on */
        g_string_append_printf (info, _("Carries on actions from “%s”."), ib_record_get_string (prev, "title"));
      }
  }
  gtk_label_set_label (self->plan_info, info->str);

  /* Set in place: the header is updated with every change of the plan, the counts seldom. */
  ib_badge_box_keep (self->rollup_box, ib_badge_box_set_rollup (self->rollup_box, 0, counts));
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

/* An empty list says why: no plan yet, or a plan with no actions yet. */
static void
update_empty_page (IbPlanPage *self)
{
  gboolean have_plan = ib_plan_model_get_plan (self->model) != NULL;

  adw_status_page_set_icon_name (self->empty_page, have_plan ? "edit-find-symbolic" : "view-list-bullet-symbolic");
  adw_status_page_set_title (self->empty_page, have_plan ? _("No Actions Yet") : _("No Plan Yet"));
  adw_status_page_set_description (self->empty_page,
                                   have_plan ? _("Add a priority area, then its actions, from the New menu (Ctrl+N adds an action).")
                                             : _("An improvement plan holds the priority areas and actions that answer an inspection."));
  gtk_widget_set_visible (self->new_plan_button, !have_plan && ib_view_get_can_edit (IB_VIEW (self)));
  gtk_widget_set_visible (self->clear_button, have_plan);
}

static void
update_filter_accent (IbPlanPage *self)
{
  if (ib_plan_model_is_filtered (self->model))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

/* The next whole-number ref after the plan's highest, so "New Action" after 18 offers 19. */
static char *
next_ref (IbPlanPage *self)
{
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan",
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

static gboolean
save_statement (IbStore   *store,
                IbRecord  *record,
                gpointer   user_data,
                GError   **error)
{
  IbPlanPage *self = user_data;

  return ib_plan_model_add_statement (self->model, record, error);
}

static gboolean
delete_cb (const IbRecordType *type,
           const char         *id,
           gpointer            user_data,
           GError            **error)
{
  IbPlanPage *self = user_data;
  IbStore *store = ib_view_get_store (IB_VIEW (self));

  /* A priority area's actions move to "no priority area" first. */
  if (type == &ib_type_priority)
    return ib_plan_model_delete_priority (self->model, id, error);
  return ib_store_delete (store, type, id, error);
}

static void
start_delete (IbPlanPage         *self,
              const IbRecordType *type,
              IbRecord           *record)
{
  g_autofree char *id = g_strdup (ib_record_get_id (record));

  /* Held first, so the plan chooser below already leaves it out. */
  ib_list_detail_delete (self->list_detail, type, record);

  if (type == &ib_type_plan)
    {
      const char *other = NULL;

      update_plans (self);
      for (guint i = 0; i < self->plan_ids->len && other == NULL; i++)
        other = self->plan_ids->pdata[i];
      ib_plan_model_set_plan (self->model, other);
    }
}

static void
on_updated_cb (IbPlanPage *self)
{
  update_plans (self);
  update_officers (self);
  update_boards (self);
  update_header (self);
  update_empty_page (self);
  update_filter_accent (self);
  update_actions (self);
}

static void
on_show_item_cb (IbPlanPage *self)
{
  update_actions (self);
}

/* Enter in the search box opens the first matching action. */
static void
on_search_activated_cb (IbPlanPage *self)
{
  GListModel *items = ib_plan_model_get_items (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (IbPlanItem) item = g_list_model_get_item (items, i);

      if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION)
        {
          ib_list_detail_open (self->list_detail, i);
          return;
        }
    }
}

static void
on_delete_finished_cb (IbPlanPage   *self,
                       gpointer      type,
                       const char   *id,
                       gboolean      undone)
{
  if (!undone)
    return;

  if (type == &ib_type_plan)
    {
      ib_plan_model_set_plan (self->model, id);
      update_plans (self);
    }
  ib_list_detail_choose (self->list_detail, id);
}

static void
on_plan_saved_cb (IbRecordEditor *editor,
                  const char     *id,
                  IbPlanPage     *self)
{
  ib_plan_model_set_plan (self->model, id);
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

  /* One change of the list for all of them: Clear Filters changes several at once. */
  ib_plan_model_freeze (self->model);
  ib_plan_model_set_status (self->model, status > 0 && status != GTK_INVALID_LIST_POSITION
                                         ? ib_enum_action_status.values[status - 1].code : NULL);
  ib_plan_model_set_rag (self->model, rag > 0 && rag != GTK_INVALID_LIST_POSITION ? rag_codes[rag - 1] : NULL);
  ib_plan_model_set_officer (self->model, officer > 0 && officer != GTK_INVALID_LIST_POSITION && self->officers != NULL
                                          ? self->officers[officer - 1] : NULL);
  ib_plan_model_set_person (self->model, ib_mine_filter_get_person (self->mine_filter));
  ib_plan_model_set_horizon (self->model, horizon > 0 && horizon != GTK_INVALID_LIST_POSITION
                                          ? ib_enum_horizon.values[horizon - 1].code : NULL);
  ib_plan_model_set_overdue_only (self->model, gtk_check_button_get_active (self->overdue_check));
  ib_plan_model_set_not_improving_only (self->model, gtk_check_button_get_active (self->not_improving_check));
  ib_plan_model_set_stale_weeks (self->model, gtk_check_button_get_active (self->stale_check)
                                              ? (guint) gtk_spin_button_get_value_as_int (self->stale_spin) : 0);
  ib_plan_model_thaw (self->model);
  ib_list_detail_narrowed (self->list_detail);
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
on_board_activated_cb (IbPlanPage    *self,
                       GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->board_dates->len)
    return;

  gtk_popover_popdown (self->as_at_popover);
  ib_plan_model_set_as_at (self->model, self->board_dates->pdata[index]);
}

static void
store_changed (IbView *view)
{
  IbPlanPage *self = IB_PLAN_PAGE (view);
  IbStore *store = ib_view_get_store (view);

  self->model = ib_plan_model_new_loading (store);
  ib_list_detail_set_model (self->list_detail, IB_VIEW_MODEL (self->model));
  g_signal_connect_data (ib_plan_model_get_items (self->model), "items-changed", G_CALLBACK (update_filter_accent),
                         self, NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->model, "updated", G_CALLBACK (on_updated_cb), self);
  on_updated_cb (self);
}

static void
can_edit_changed (IbView *view)
{
  IbPlanPage *self = IB_PLAN_PAGE (view);

  if (self->model != NULL)
    update_empty_page (self);
  update_actions (self);
}

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
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
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             action_fields),
                                 _("New Action"));
}

static void
edit_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *action = selected_action (self);

  if (action != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_action,
                                                         ib_record_get_id (action), action_fields),
                                   _("Edit Action"));
}

static void
add_statement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbRecord *action = selected_action (self);
  g_autoptr (IbRecord) draft = NULL;
  g_autoptr (IbRecord) board = NULL;
  g_autofree char *date = ib_format_today ();
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
  /* Most are written for the coming Improvement Board, or the one just held. */
  board = ib_schedule_meeting_for (store, "improvement_board", date);
  if (board != NULL)
    ib_record_set_string (draft, "meeting", ib_record_get_id (board));

  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, statement_fields);
  ib_record_editor_set_save_func (editor, save_statement, self);
  ib_list_detail_present_editor (self->list_detail, editor, _("New Position Statement"));
}

/* An action's links, chosen from its end: the KPIs it should move, the risks it treats and the
 * findings it answers; each shows the same link from its own end. */
static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbRecord *action = selected_action (self);
  g_autofree char *name = NULL;

  if (action == NULL)
    return;

  name = ib_format_record_name (action);
  if (g_str_equal (action_name, "plan.link-indicators"))
    ib_detail_pick_links (widget, ib_view_get_store (IB_VIEW (self)), IB_LINK_ACTION_INDICATORS, action,
                          _("KPIs It Should Move"), name);
  else if (g_str_equal (action_name, "plan.link-risks"))
    ib_detail_pick_links (widget, ib_view_get_store (IB_VIEW (self)), IB_LINK_ACTION_RISKS, action,
                          _("Risks It Treats"), name);
  else
    ib_detail_pick_links (widget, ib_view_get_store (IB_VIEW (self)), IB_LINK_ACTION_FINDINGS, action,
                          _("Findings It Answers"), name);
}

static void
new_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_priority);
  g_autoptr (GListModel) existing = ib_store_list_where (store, &ib_type_priority, "plan",
                                                         ib_plan_model_get_plan (self->model));

  ib_record_set_string (draft, "plan", ib_plan_model_get_plan (self->model));
  ib_record_set_int (draft, "sort_order", g_list_model_get_n_items (existing));
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft,
                                                             priority_fields),
                                 _("New Priority Area"));
}

static void
edit_priority_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  IbPlanItem *item = shown_item (self);

  if (item == NULL || ib_plan_item_get_kind (item) != IB_PLAN_ITEM_PRIORITY || ib_plan_item_get_record (item) == NULL)
    return;
  ib_list_detail_present_editor (self->list_detail,
                                 ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_priority,
                                                       ib_record_get_id (ib_plan_item_get_record (item)),
                                                       priority_fields),
                                 _("Edit Priority Area"));
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  g_autoptr (IbRecord) draft = ib_record_new (&ib_type_plan);
  IbRecordEditor *editor;

  ib_record_set_string (draft, "status", "draft");
  editor = ib_record_editor_new_draft (ib_detail_get_window (widget), store, draft, plan_fields);
  /* A new plan is the one shown next. */
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_plan_saved_cb), self, 0);
  ib_list_detail_present_editor (self->list_detail, editor, _("New Plan"));
}

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  const char *plan_id = ib_plan_model_get_plan (self->model);

  if (plan_id != NULL)
    ib_list_detail_present_editor (self->list_detail,
                                   ib_record_editor_new (ib_detail_get_window (widget), store, &ib_type_plan,
                                                         plan_id, plan_fields),
                                   _("Edit Plan"));
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
  IbStore *store = ib_view_get_store (IB_VIEW (self));
  const char *plan_id = ib_plan_model_get_plan (self->model);
  g_autoptr (IbRecord) plan = plan_id != NULL ? ib_store_get (store, &ib_type_plan, plan_id, NULL) : NULL;

  if (plan != NULL)
    start_delete (self, &ib_type_plan, plan);
}

/* Clears the search and every filter but the one list @only names (NULL for none): a link's
 * list ("overdue", "stale", "not-improving", "rag:" and a code of rag_codes) must show what
 * it counted, not that narrowed again by filters left from before. */
static gboolean
set_filters (IbPlanPage *self,
             const char *only)
{
  guint rag = 0;

  if (only != NULL && g_str_has_prefix (only, "rag:"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (rag_codes) && rag == 0; i++)
        if (g_str_equal (only + 4, rag_codes[i]))
          rag = i + 1;
      if (rag == 0)
        return FALSE;
    }
  else if (only != NULL && !g_str_equal (only, "overdue") && !g_str_equal (only, "stale") &&
           !g_str_equal (only, "not-improving"))
    return FALSE;

  self->updating = TRUE;
  ib_mine_filter_set_active (self->mine_filter, FALSE);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->rag_filter, rag);
  gtk_drop_down_set_selected (self->officer_filter, 0);
  gtk_drop_down_set_selected (self->horizon_filter, 0);
  gtk_check_button_set_active (self->overdue_check, g_strcmp0 (only, "overdue") == 0);
  gtk_check_button_set_active (self->stale_check, g_strcmp0 (only, "stale") == 0);
  if (g_strcmp0 (only, "stale") == 0)
    gtk_spin_button_set_value (self->stale_spin, IB_OVERVIEW_STALE_WEEKS);
  gtk_check_button_set_active (self->not_improving_check, g_strcmp0 (only, "not-improving") == 0);
  self->updating = FALSE;
  /* The search and the filters leave the list in one change. */
  if (self->model != NULL)
    ib_plan_model_freeze (self->model);
  ib_list_detail_clear_search (self->list_detail);
  on_filter_changed_cb (self);
  if (self->model != NULL)
    ib_plan_model_thaw (self->model);
  return TRUE;
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_filters (IB_PLAN_PAGE (widget), NULL);
}

/* Links from the other views: the Overview's counts of the active plan's actions as they are
 * now ("all", or a list set_filters () names), an action named by a KPI or a finding, and the
 * person's own actions ("mine", where a reminder of several leads). */
static gboolean
open_target (IbView     *view,
             const char *target)
{
  IbPlanPage *self = IB_PLAN_PAGE (view);
  g_autoptr (IbRecord) action = NULL;
  guint position;

  if (self->model == NULL)
    return FALSE;

  if (g_str_equal (target, "mine"))
    {
      ib_plan_model_set_plan (self->model, NULL);
      ib_plan_model_set_as_at (self->model, NULL);
      set_filters (self, NULL);
      ib_mine_filter_set_active (self->mine_filter, TRUE);
      ib_list_detail_focus_list (self->list_detail);
      return ib_mine_filter_get_person (self->mine_filter) != NULL;
    }

  action = ib_store_get (ib_view_get_store (view), &ib_type_action, target, NULL);
  if (action == NULL)
    {
      ib_plan_model_set_plan (self->model, NULL);
      ib_plan_model_set_as_at (self->model, NULL);
      if (!set_filters (self, g_str_equal (target, "all") ? NULL : target))
        return FALSE;
      ib_list_detail_focus_list (self->list_detail);
      return TRUE;
    }
  ib_plan_model_set_plan (self->model, ib_record_get_string (action, "plan"));
  if (ib_plan_model_find (self->model, target) == G_MAXUINT)
    set_filters (self, NULL);
  position = ib_plan_model_find (self->model, target);
  if (position == G_MAXUINT)
    return FALSE;
  ib_list_detail_open (self->list_detail, position);
  return TRUE;
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
focus_search (IbView *view)
{
  ib_list_detail_focus_search (IB_PLAN_PAGE (view)->list_detail);
}

static void
focus_content (IbView *view)
{
  ib_list_detail_focus_shown (IB_PLAN_PAGE (view)->list_detail);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  focus_search (IB_VIEW (widget));
}

/* A popover's first opening made its window and its renderer (under GL, a context of its own),
 * most of that frame; they are made once the page is on screen and kept, so opening the
 * filters or "as at" only shows them. */
static gboolean
realize_popovers_cb (gpointer data)
{
  IbPlanPage *self = data;

  self->realize_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_widget_realize (GTK_WIDGET (self->filter_popover));
      gtk_widget_realize (GTK_WIDGET (self->as_at_popover));
    }
  return G_SOURCE_REMOVE;
}

static void
ib_plan_page_map (GtkWidget *widget)
{
  IbPlanPage *self = IB_PLAN_PAGE (widget);

  GTK_WIDGET_CLASS (ib_plan_page_parent_class)->map (widget);
  if (self->realize_id == 0 && !gtk_widget_get_realized (GTK_WIDGET (self->filter_popover)))
    self->realize_id = g_idle_add_full (G_PRIORITY_LOW, realize_popovers_cb, self, NULL);
}

static void
ib_plan_page_view_init (IbViewInterface *iface)
{
  /* Translators: a view's name in the view switcher: keep it short */
  iface->title = NC_("view", "Action Plan");
  iface->icon_name = "view-list-bullet-symbolic";
  iface->add_action = "plan.new-action";
  /* Delete means the selected action; a priority area or the plan is deleted from its menu. */
  iface->delete_action = "plan.delete-action";
  iface->store_changed = store_changed;
  iface->can_edit_changed = can_edit_changed;
  iface->focus_search = focus_search;
  iface->focus_content = focus_content;
  iface->open = open_target;
}

static void
ib_plan_page_dispose (GObject *object)
{
  IbPlanPage *self = (IbPlanPage *) object;

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (ib_plan_model_get_items (self->model), self);
    }
  g_clear_handle_id (&self->realize_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_PLAN_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->plan_ids, g_ptr_array_unref);
  g_clear_pointer (&self->board_dates, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_strfreev);

  G_OBJECT_CLASS (ib_plan_page_parent_class)->dispose (object);
}

static void
ib_plan_page_class_init (IbPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_plan_page_dispose;
  widget_class->map = ib_plan_page_map;
  ib_view_class_install_properties (object_class);

  g_type_ensure (IB_TYPE_LIST_DETAIL);
  g_type_ensure (IB_TYPE_ACTION_DETAIL);
  g_type_ensure (IB_TYPE_PLAN_ROW);
  g_type_ensure (IB_TYPE_MINE_FILTER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, list_detail);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, plan_info);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, rollup_box);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_label);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, mine_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, rag_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, officer_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, horizon_filter);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, not_improving_check);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, stale_check);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, stale_spin);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_popover);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, board_list);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, as_at_calendar);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, new_plan_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, IbPlanPage, detail);
  /* Found by name, not kept: tests check a viewer has no way to add. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_board_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, ib_action_detail_show);

  gtk_widget_class_install_action (widget_class, "plan.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-action", NULL, edit_action_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-action", NULL, delete_action_action);
  gtk_widget_class_install_action (widget_class, "plan.add-statement", NULL, add_statement_action);
  gtk_widget_class_install_action (widget_class, "plan.link-indicators", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "plan.link-risks", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "plan.link-findings", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "plan.new-priority", NULL, new_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-priority", NULL, edit_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-priority", NULL, delete_priority_action);
  gtk_widget_class_install_action (widget_class, "plan.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-plan", NULL, edit_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.delete-plan", NULL, delete_plan_action);
  gtk_widget_class_install_action (widget_class, "plan.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "plan.as-at-now", NULL, as_at_now_action);
  gtk_widget_class_install_action (widget_class, "plan.as-at-date", NULL, as_at_date_action);
  gtk_widget_class_install_action (widget_class, "plan.search", NULL, search_action);
}

static void
ib_plan_page_init (IbPlanPage *self)
{
  g_autoptr (GtkStringList) status = choices (_("Any status"), &ib_enum_action_status);
  g_autoptr (GtkStringList) horizon = choices (_("Any horizon"), &ib_enum_horizon);
  g_autoptr (GtkStringList) rag = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->rollup_box, ib_wrap_layout_new (6));
  ib_list_detail_set_delete_func (self->list_detail, delete_cb, self);

  self->plan_ids = g_ptr_array_new_with_free_func (g_free);
  self->board_dates = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (rag, _("Any rating"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "red"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "amber"));
  gtk_string_list_append (rag, ib_enum_label (&ib_enum_rag, "green"));
  gtk_string_list_append (rag, C_("rag", "Complete"));
  gtk_string_list_append (rag, C_("rag", "Not rated"));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (status));
  gtk_drop_down_set_model (self->rag_filter, G_LIST_MODEL (rag));
  gtk_drop_down_set_model (self->horizon_filter, G_LIST_MODEL (horizon));

  ib_detail_ellipsize_drop_down (self->plan_dropdown);
  ib_detail_ellipsize_drop_down (self->sort_dropdown);
  ib_detail_ellipsize_drop_down (self->officer_filter);
  update_actions (self);
}

IbPlanModel *
ib_plan_page_get_model (IbPlanPage *self)
{
  g_return_val_if_fail (IB_IS_PLAN_PAGE (self), NULL);
  return self->model;
}

gboolean
ib_plan_page_select (IbPlanPage *self,
                     const char *id)
{
  g_return_val_if_fail (IB_IS_PLAN_PAGE (self), FALSE);

  if (self->model == NULL || ib_plan_model_find (self->model, id) == G_MAXUINT)
    return FALSE;
  ib_list_detail_choose (self->list_detail, id);
  return TRUE;
}

void
ib_plan_page_commit_pending (IbPlanPage *self)
{
  g_return_if_fail (IB_IS_PLAN_PAGE (self));
  ib_list_detail_commit_delete (self->list_detail);
}
