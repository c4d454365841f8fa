/* ib-action-detail.c
 *
 * The pane is a template updated in place: its rows follow the action (or priority area)
 * through their binding, and only the badges, the links and the position statements are
 * filled anew, so adding a statement leaves the reader where they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-action-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ib-action-detail.h"
#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-pane.h"
#include "ib-detail-util.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-risk.h"

struct _IbActionDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *statement_button;
  GtkWidget      *edit_action_button;
  GtkWidget      *delete_action_button;
  GtkWidget      *new_action_button;
  GtkWidget      *edit_priority_button;
  GtkWidget      *delete_priority_button;
  GtkWidget      *details_group;
  IbFieldRow     *priority_row;
  IbFieldRow     *rolled_row;
  GtkWidget      *description_box;
  GtkLabel       *description_label;
  GtkWidget      *links_group;
  GtkWidget      *statements_group;
  GtkWidget      *no_statements_label;
  GtkWidget      *statements_box;
  GtkWidget      *priority_group;
  IbFieldRow     *rollup_row;

  /* owned */
  GPtrArray      *link_rows;

  gboolean        showing_priority;
};

G_DEFINE_FINAL_TYPE (IbActionDetail, ib_action_detail, IB_TYPE_DETAIL_PANE)

static void
update_buttons (IbActionDetail *self)
{
  gboolean can_edit = ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self));
  gboolean action = !self->showing_priority;
  /* The heading of actions with no priority area is not a record to change. */
  gboolean priority = !action && ib_detail_pane_get_record (IB_DETAIL_PANE (self)) != NULL;

  gtk_widget_set_visible (self->statement_button, can_edit && action);
  gtk_widget_set_visible (self->edit_action_button, can_edit && action);
  gtk_widget_set_visible (self->delete_action_button, can_edit && action);
  gtk_widget_set_visible (self->new_action_button, can_edit && !action);
  gtk_widget_set_visible (self->edit_priority_button, can_edit && priority);
  gtk_widget_set_visible (self->delete_priority_button, can_edit && priority);
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
add_link (IbActionDetail *self,
          const char     *kind,
          const char     *name)
{
  GtkWidget *row = g_object_new (IB_TYPE_FIELD_ROW, "title", kind, NULL);

  ib_field_row_set_value (IB_FIELD_ROW (row), name);
  ib_detail_group_add_row (self->links_group, self->link_rows, row);
}

static void
fill_links (IbActionDetail *self,
            IbStore        *store)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  g_auto (GStrv) indicators = ib_record_get_refs (action, "linked_indicators");
  g_auto (GStrv) risks = ib_record_get_refs (action, "linked_risks");
  g_autoptr (GListModel) findings = ib_store_list (store, &ib_type_finding);

  ib_detail_clear_rows (self->link_rows);
  for (guint i = 0; indicators[i] != NULL; i++)
    {
      g_autoptr (IbRecord) indicator = ib_store_get (store, &ib_type_indicator, indicators[i], NULL);

      if (indicator != NULL)
        add_link (self, C_("link kind", "KPI"), ib_record_get_string (indicator, "title"));
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

          add_link (self, C_("link kind", "Risk"), text);
        }
    }

  /* Findings name the actions that answer them, so the link is read from that side. */
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (IbRecord) finding = g_list_model_get_item (findings, i);
      g_auto (GStrv) actions = ib_record_get_refs (finding, "linked_actions");

      if (g_strv_contains ((const char * const *) actions, ib_record_get_id (action)))
        add_link (self, ib_enum_label (&ib_enum_finding_kind, ib_record_get_string (finding, "kind")),
                  ib_record_get_string (finding, "text"));
    }
  gtk_widget_set_visible (self->links_group, self->link_rows->len > 0);
}

static void
fill_statements (IbActionDetail *self,
                 IbPlanModel    *model)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_plan_model_get_store (model);
  const char *as_at = ib_plan_model_get_as_at (model);
  guint n_later = 0;
  g_autoptr (GPtrArray) statements = ib_plan_model_list_statements (model, ib_record_get_id (action), &n_later);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self->statements_group);

  if (as_at != NULL && n_later > 0)
    {
      g_autofree char *date = ib_format_date (as_at);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Newest first, as at %2$s: %1$u later statement is not shown.",
                                                            "Newest first, as at %2$s: %1$u later statements are not shown.",
                                                            n_later), n_later, date);

      adw_preferences_group_set_description (group, text);
    }
  else
    adw_preferences_group_set_description (group, _("Newest first. A statement is never changed: a correction is a new statement."));

  ib_detail_clear (self->statements_box);
  for (guint i = 0; i < statements->len; i++)
    gtk_box_append (GTK_BOX (self->statements_box), statement_card (store, statements->pdata[i]));
  gtk_widget_set_visible (self->no_statements_label, statements->len == 0);
  gtk_widget_set_visible (self->statements_box, statements->len > 0);
}

static void
show_action (IbActionDetail *self,
             IbPlanModel    *model,
             IbPlanItem     *item)
{
  IbRecord *action = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_plan_model_get_store (model);
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  g_autofree char *title = ib_format_record_name (action);
  g_autoptr (IbRecord) priority = NULL, earlier = NULL;
  g_autofree char *rolled = NULL;
  const char *description = ib_record_get_string (action, "description");

  ib_detail_header_set_title (self->header, title);
  ib_badge_box_clear (badges);
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Delivery"),
                  ib_plan_item_get_complete (item) ? "complete" : ib_plan_item_get_delivery_rag (item)));
  ib_badge_box_add (badges, ib_badge_new_rag_aspect (C_("rag aspect", "Impact"), ib_plan_item_get_impact_rag (item)));
  if (ib_plan_item_get_overdue (item))
    ib_badge_box_add (badges, ib_badge_new (_("Overdue"), "alarm-symbolic", "bad"));

  if (ib_record_get_string (action, "priority") != NULL)
    priority = ib_store_get (store, &ib_type_priority, ib_record_get_string (action, "priority"), NULL);
  ib_field_row_set_value (self->priority_row, priority != NULL ? ib_record_get_string (priority, "title") : NULL);
  if (g_strcmp0 (ib_record_get_string (action, "horizon"), "rolled_forward") == 0 &&
      (earlier = rolled_from (store, action)) != NULL)
    {
      g_autoptr (IbRecord) plan = ib_store_get (store, &ib_type_plan, ib_record_get_string (earlier, "plan"), NULL);

      /* Translators: where a rolled-forward action came from: the earlier plan, the action's
       * ref there, and its status when it was rolled forward */
      rolled = g_strdup_printf (_("%s, action %s (%s)"),
                                plan != NULL ? ib_record_get_string (plan, "title") : "",
                                ib_record_get_string (earlier, "ref"),
                                ib_enum_label (&ib_enum_action_status, ib_record_get_string (earlier, "status")));
    }
  ib_field_row_set_value (self->rolled_row, rolled);

  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (self->description_box, description != NULL);
  fill_links (self, store);
  fill_statements (self, model);
}

static void
show_priority (IbActionDetail *self,
               IbPlanItem     *item)
{
  IbRecord *priority = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  const IbRagCounts *counts = ib_plan_item_get_counts (item);
  g_autofree char *rollup = ib_rag_counts_format (counts);

  ib_detail_header_set_title (self->header, priority != NULL ? ib_record_get_string (priority, "title")
                                                             : _("Actions with no priority area"));
  ib_badge_box_clear (badges);
  ib_badge_box_add_rollup (badges, counts);
  ib_field_row_set_value (self->rollup_row, rollup);
}

static void
ib_action_detail_dispose (GObject *object)
{
  IbActionDetail *self = (IbActionDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_ACTION_DETAIL);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_action_detail_parent_class)->dispose (object);
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbActionDetail *self = IB_ACTION_DETAIL (pane);

  update_buttons (self);
}

static void
ib_action_detail_class_init (IbActionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_action_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-action-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statement_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, edit_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, delete_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, new_action_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, edit_priority_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, delete_priority_button);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, priority_row);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, rolled_row);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, description_box);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, links_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statements_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, no_statements_label);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, statements_box);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, priority_group);
  gtk_widget_class_bind_template_child (widget_class, IbActionDetail, rollup_row);
}

static void
ib_action_detail_init (IbActionDetail *self)
{
  self->link_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ib_action_detail_show (IbActionDetail *self,
                       IbPlanModel    *model,
                       IbPlanItem     *item)
{
  g_return_if_fail (IB_IS_ACTION_DETAIL (self));

  if (item == NULL || model == NULL)
    {
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  /* The heading of actions with no priority area has no record of its own. */
  ib_detail_pane_begin (IB_DETAIL_PANE (self), ib_plan_item_get_record (item));
  self->showing_priority = ib_plan_item_get_kind (item) != IB_PLAN_ITEM_ACTION;
  update_buttons (self);

  /* An action's parts, or a priority area's. */
  gtk_widget_set_visible (self->details_group, !self->showing_priority);
  gtk_widget_set_visible (self->statements_group, !self->showing_priority);
  gtk_widget_set_visible (self->priority_group, self->showing_priority);
  if (self->showing_priority)
    {
      gtk_widget_set_visible (self->description_box, FALSE);
      gtk_widget_set_visible (self->links_group, FALSE);
      show_priority (self, item);
    }
  else
    show_action (self, model, item);
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}
