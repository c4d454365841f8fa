/* ib-action-detail.c
 *
 * The pane is rebuilt whenever the selection or the plan changes: it is one record's worth
 * of widgets, and rebuilding keeps it from ever showing a stale value next to a fresh one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-action-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ib-action-detail.h"
#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-risk.h"

struct _IbActionDetail
{
  GtkWidget  parent_instance;

  /* template */
  GtkStack  *stack;
  GtkWidget *scroller;
  GtkBox    *content;

  /* owned */
  GPtrArray *edit_widgets; /* hidden for viewers */

  gboolean   can_edit;
};

G_DEFINE_FINAL_TYPE (IbActionDetail, ib_action_detail, GTK_TYPE_WIDGET)

static void
clear_content (IbActionDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_ptr_array_set_size (self->edit_widgets, 0);
}

static GtkWidget *
new_button (IbActionDetail *self,
            const char     *label,
            const char     *action_name,
            const char     *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  g_ptr_array_add (self->edit_widgets, button);
  gtk_widget_set_visible (button, self->can_edit);
  return button;
}

static GtkWidget *
statement_card (IbStore  *store,
                IbRecord *statement)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *badges = ib_badge_box_new ();
  g_autofree char *date = ib_format_date (ib_record_get_string (statement, "as_at"));
  const char *author = ib_record_get_string (statement, "author");
  const char *next_steps = ib_record_get_string (statement, "next_steps");
  const char *meeting_id = ib_record_get_string (statement, "meeting");
  g_autofree char *heading = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "statement");

  /* Translators: a position statement's heading: its date and who wrote it */
  heading = author != NULL ? g_strdup_printf (C_("statement heading", "%s · %s"), date, author)
                           : g_strdup (date);
  ib_detail_add_label (GTK_BOX (card), heading, "heading");

  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Delivery"), ib_record_get_string (statement, "delivery_rag")));
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Impact"), ib_record_get_string (statement, "impact_rag")));
  gtk_box_append (GTK_BOX (card), badges);

  ib_detail_add_label (GTK_BOX (card), ib_record_get_string (statement, "narrative"), NULL);
  if (next_steps != NULL)
    {
      /* Translators: what the officer will do next, after a position statement */
      g_autofree char *text = g_strdup_printf (_("Next steps: %s"), next_steps);
      ib_detail_add_label (GTK_BOX (card), text, NULL);
    }
  if (meeting_id != NULL)
    {
      g_autoptr (IbRecord) meeting = ib_store_get (store, &ib_type_meeting, meeting_id, NULL);

      if (meeting != NULL)
        {
          g_autofree char *name = ib_format_record_name (meeting);
          /* Translators: the meeting a position statement was written for */
          g_autofree char *text = g_strdup_printf (_("For: %s"), name);

          ib_detail_add_label (GTK_BOX (card), text, "dim-label");
        }
    }

  return card;
}

/* The same ref in the plan this one carries on from: how an action was rolled forward. */
static IbRecord *
rolled_from (IbStore  *store,
             IbRecord *action)
{
  g_autoptr (GListModel) earlier = ib_store_list_where (store, &ib_type_plan, "successor_plan",
                                                        ib_record_get_string (action, "plan"));

  for (guint i = 0; i < g_list_model_get_n_items (earlier); i++)
    {
      g_autoptr (IbRecord) plan = g_list_model_get_item (earlier, i);
      g_autoptr (GListModel) actions = ib_store_list_where (store, &ib_type_action, "plan", ib_record_get_id (plan));

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        {
          g_autoptr (IbRecord) candidate = g_list_model_get_item (actions, j);

          if (g_strcmp0 (ib_record_get_string (candidate, "ref"), ib_record_get_string (action, "ref")) == 0)
            return g_steal_pointer (&candidate);
        }
    }

  return NULL;
}

static void
add_links (IbActionDetail *self,
           IbStore        *store,
           IbRecord       *action)
{
  g_auto (GStrv) indicators = ib_record_get_refs (action, "linked_indicators");
  g_auto (GStrv) risks = ib_record_get_refs (action, "linked_risks");
  g_autoptr (GListModel) findings = ib_store_list (store, &ib_type_finding);
  GtkWidget *group = ib_detail_new_group (_("Linked KPIs, Risks and Findings"), NULL);
  guint n = 0;

  for (guint i = 0; indicators[i] != NULL; i++)
    {
      g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator, indicators[i], NULL);

      if (indicator != NULL)
        {
          ib_detail_add_property (group, C_("link kind", "KPI"), ib_record_get_string (indicator, "title"));
          n++;
        }
    }

  for (guint i = 0; risks[i] != NULL; i++)
    {
      g_autoptr (IbRecord) risk = ib_store_get (store, &ib_type_risk, risks[i], NULL);

      if (risk != NULL)
        {
          g_autofree char *name = ib_format_record_name (risk);
          int score = ib_risk_score (ib_record_get_int (risk, "residual_l", 0), ib_record_get_int (risk, "residual_i", 0));
          g_autofree char *text = score > 0
            /* Translators: a risk, its residual score and band, e.g. "R02 · Recruitment (residual 16, High)" */
            ? g_strdup_printf (_("%s (residual %d, %s)"), name, score, ib_risk_band_label (ib_risk_band (score)))
            : g_strdup (name);

          ib_detail_add_property (group, C_("link kind", "Risk"), text);
          n++;
        }
    }

  /* Findings name the actions that answer them, so the link is read from that side. */
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (IbRecord) finding = g_list_model_get_item (findings, i);
      g_auto (GStrv) actions = ib_record_get_refs (finding, "linked_actions");

      if (g_strv_contains ((const char * const *) actions, ib_record_get_id (action)))
        {
          ib_detail_add_property (group, ib_enum_label (&ib_enum_finding_kind, ib_record_get_string (finding, "kind")),
                        ib_record_get_string (finding, "text"));
          n++;
        }
    }

  ib_detail_append_group (self->content, group, n);
}

static void
show_action (IbActionDetail *self,
             IbPlanModel    *model,
             IbPlanItem     *item)
{
  IbStore *store = ib_plan_model_get_store (model);
  IbRecord *action = ib_plan_item_get_record (item);
  g_autofree char *title = ib_format_record_name (action);
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (IbRecord) earlier = NULL;
  GtkWidget *badges = ib_badge_box_new ();
  GtkWidget *buttons = ib_badge_box_new ();  /* wraps when narrow */
  GtkWidget *group, *history;
  const char *description = ib_record_get_string (action, "description");
  const char *as_at = ib_plan_model_get_as_at (model);
  guint n_later = 0;

  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Delivery"),
                  ib_plan_item_get_complete (item) ? "complete" : ib_plan_item_get_delivery_rag (item)));
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Impact"), ib_plan_item_get_impact_rag (item)));
  if (ib_plan_item_get_overdue (item))
    ib_badge_box_add (badges, ib_badge_new (_("Overdue"), "alarm-symbolic", "bad"));

  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Add Statement…"), "plan.add-statement", "suggested-action"));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Edit…"), "plan.edit-action", NULL));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Delete"), "plan.delete-action", "destructive-action"));
  gtk_box_append (self->content, ib_detail_header (title, badges, buttons));

  group = ib_detail_new_group (_("Details"), NULL);
  ib_detail_add_field (group, action, "accountable_officer");
  ib_detail_add_field (group, action, "lead_service");
  if (ib_record_get_string (action, "priority") != NULL)
    {
      g_autoptr (IbRecord) priority = ib_store_get (store, &ib_type_priority, ib_record_get_string (action, "priority"), NULL);

      if (priority != NULL)
        ib_detail_add_property (group, C_("field", "Priority area"), ib_record_get_string (priority, "title"));
    }
  ib_detail_add_field (group, action, "status");
  ib_detail_add_field (group, action, "horizon");
  ib_detail_add_field (group, action, "starts_on");
  ib_detail_add_field (group, action, "due_on");
  ib_detail_add_field (group, action, "rag_override_reason");
  if (g_strcmp0 (ib_record_get_string (action, "horizon"), "rolled_forward") == 0 &&
      (earlier = rolled_from (store, action)) != NULL)
    {
      g_autoptr (IbRecord) plan = ib_store_get (store, &ib_type_plan, ib_record_get_string (earlier, "plan"), NULL);
      /* Translators: where a rolled-forward action came from: the earlier plan, the action's
       * ref there, and its status when it was rolled forward */
      g_autofree char *text = g_strdup_printf (_("%s, action %s (%s)"),
                                               plan != NULL ? ib_record_get_string (plan, "title") : "",
                                               ib_record_get_string (earlier, "ref"),
                                               ib_enum_label (&ib_enum_action_status, ib_record_get_string (earlier, "status")));

      ib_detail_add_property (group, _("Rolled forward from"), text);
    }
  gtk_box_append (self->content, group);

  if (description != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      ib_detail_add_label (GTK_BOX (box), C_("field", "Description"), "heading");
      ib_detail_add_label (GTK_BOX (box), description, NULL);
      gtk_box_append (self->content, box);
    }

  add_links (self, store, action);

  statements = ib_plan_model_list_statements (model, ib_record_get_id (action), &n_later);
  if (as_at != NULL && n_later > 0)
    {
      g_autofree char *date = ib_format_date (as_at);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Newest first, as at %2$s: %1$u later statement is not shown.",
                                                            "Newest first, as at %2$s: %1$u later statements are not shown.",
                                                            n_later), n_later, date);
      history = ib_detail_new_group (_("Position Statements"), text);
    }
  else
    history = ib_detail_new_group (_("Position Statements"), _("Newest first. A statement is never changed: a correction is a new statement."));

  if (statements->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No position statement yet."));

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (history), empty);
    }
  else
    {
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      for (guint i = 0; i < statements->len; i++)
        gtk_box_append (GTK_BOX (list), statement_card (store, statements->pdata[i]));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (history), list);
    }
  gtk_box_append (self->content, history);
}

static void
show_priority (IbActionDetail *self,
               IbPlanModel    *model,
               IbPlanItem     *item)
{
  IbRecord *priority = ib_plan_item_get_record (item);
  const IbRagCounts *counts = ib_plan_item_get_counts (item);
  g_autofree char *rollup = ib_rag_counts_format (counts);
  GtkWidget *badges = ib_badge_box_new ();
  GtkWidget *buttons = ib_badge_box_new ();  /* wraps when narrow */
  GtkWidget *group;

  ib_badge_box_add_rollup (badges, counts);

  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_New Action…"), "plan.new-action", "suggested-action"));
  if (priority != NULL)
    {
      gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Edit…"), "plan.edit-priority", NULL));
      gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Delete"), "plan.delete-priority", "destructive-action"));
    }

  gtk_box_append (self->content,
                  ib_detail_header (priority != NULL ? ib_record_get_string (priority, "title")
                                                     : _("Actions with no priority area"),
                              badges, buttons));

  group = ib_detail_new_group (_("Priority Area"), NULL);
  if (priority != NULL)
    ib_detail_add_field (group, priority, "code");
  /* Translators: a row title; its value is a roll-up such as "2 G / 4 A / 1 R" */
  ib_detail_add_property (group, _("Actions by delivery RAG"), rollup);
  gtk_box_append (self->content, group);
}

static void
ib_action_detail_dispose (GObject *object)
{
  IbActionDetail *self = (IbActionDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_ACTION_DETAIL);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_action_detail_parent_class)->dispose (object);
}

static void
ib_action_detail_class_init (IbActionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_action_detail_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-action-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, content);
}

static void
ib_action_detail_init (IbActionDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->edit_widgets = g_ptr_array_new ();
  self->can_edit = TRUE;
}

GtkWidget *
ib_action_detail_new (void)
{
  return g_object_new (IB_TYPE_ACTION_DETAIL, NULL);
}

void
ib_action_detail_set_item (IbActionDetail *self,
                           IbPlanModel    *model,
                           IbPlanItem     *item)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (IB_IS_ACTION_DETAIL (self));

  clear_content (self);
  if (item == NULL || model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (ib_plan_item_get_kind (item) == IB_PLAN_ITEM_ACTION)
    show_action (self, model, item);
  else
    show_priority (self, model, item);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (adjustment, 0);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

void
ib_action_detail_set_can_edit (IbActionDetail *self,
                               gboolean        can_edit)
{
  g_return_if_fail (IB_IS_ACTION_DETAIL (self));

  self->can_edit = can_edit;
  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], can_edit);
}
