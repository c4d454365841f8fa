/* ib-risk-detail.c
 *
 * The pane is a template updated in place: its rows follow the risk through their binding,
 * and only the badges, the linked actions and the review history are filled anew. The review
 * history is a table, newest first, each score as a badge (text, shape and colour).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-pane.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-risk-detail.h"

struct _IbRiskDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *review_button;
  GtkWidget      *edit_button;
  GtkWidget      *close_button;
  GtkWidget      *delete_button;
  GtkWidget      *story_group;
  GtkWidget      *cause_row;
  GtkWidget      *event_row;
  GtkWidget      *consequence_row;
  GtkWidget      *controls_box;
  GtkLabel       *controls_label;
  GtkLabel       *further_label;
  GtkWidget      *linked_box;
  GtkWidget      *no_actions_label;
  GtkWidget      *link_button;
  GtkWidget      *history_group;
  GtkWidget      *not_reviewed_label;

  /* owned */
  GPtrArray      *review_rows;
};

G_DEFINE_FINAL_TYPE (IbRiskDetail, ib_risk_detail, IB_TYPE_DETAIL_PANE)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static GtkWidget *
trend_badge (IbRiskTrend trend)
{
  return ib_badge_new (ib_risk_trend_label (trend), NULL,
                       trend == IB_RISK_TREND_UP ? "bad" : trend == IB_RISK_TREND_DOWN ? "good" : "neutral");
}

static void
fill_header (IbRiskDetail *self,
             IbRiskModel  *model)
{
  IbRecord *risk = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  g_autofree char *title = ib_format_record_name (risk);
  gboolean closed = g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0;
  IbRiskTrend trend = ib_risk_model_get_trend (model, risk);
  GtkWidget *buttons[] = { self->review_button, self->edit_button, self->close_button, self->delete_button };

  ib_detail_header_set_title (self->header, title);

  ib_badge_box_clear (badges);
  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Inherent"), ib_record_get_int (risk, "inherent_l", 0),
                                                ib_record_get_int (risk, "inherent_i", 0)));
  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Residual"), ib_record_get_int (risk, "residual_l", 0),
                                                ib_record_get_int (risk, "residual_i", 0)));
  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Target"), ib_record_get_int (risk, "target_l", 0),
                                                ib_record_get_int (risk, "target_i", 0)));
  if (trend != IB_RISK_TREND_NONE)
    ib_badge_box_add (badges, trend_badge (trend));
  if (closed)
    ib_badge_box_add (badges, ib_badge_new (ib_enum_label (&ib_enum_risk_status, "closed"), "object-select-symbolic", "neutral"));
  else if (ib_risk_model_is_overdue (model, risk))
    ib_badge_box_add (badges, ib_badge_new (_("Review overdue"), "alarm-symbolic", "bad"));

  /* A closed risk is not reviewed; reopening it is the one change it takes. */
  gtk_widget_set_visible (self->review_button, ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self)) && !closed);
  gtk_button_set_label (GTK_BUTTON (self->close_button), closed ? _("Re_open") : _("_Close Risk"));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", ib_record_get_id (risk));
}

static void
fill_actions (IbRiskDetail *self,
              IbRiskModel  *model)
{
  IbRecord *risk = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_risk_model_get_store (model);
  g_auto (GStrv) ids = ib_record_get_refs (risk, "linked_actions");
  guint n_linked = 0;

  set_label (self->further_label, ib_record_get_string (risk, "further_actions"));
  ib_detail_clear (self->linked_box);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (IbRecord) action = ib_store_get (store, &ib_type_action, ids[i], NULL);

      if (action != NULL)
        {
          gtk_box_append (GTK_BOX (self->linked_box), ib_detail_action_line (action, NULL));
          n_linked++;
        }
    }
  gtk_widget_set_visible (self->linked_box, n_linked > 0);
  gtk_widget_set_visible (self->no_actions_label, n_linked == 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->link_button), "s", ib_record_get_id (risk));
}

static GtkWidget *
review_row (IbStore  *store,
            IbRecord *review)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = ib_format_date (ib_record_get_string (review, "reviewed_on"));
  const char *meeting_id = ib_record_get_string (review, "meeting");
  g_autoptr (IbRecord) meeting = meeting_id != NULL ? ib_store_get (store, &ib_type_meeting, meeting_id, NULL) : NULL;
  g_autoptr (GString) subtitle = g_string_new (ib_record_get_string (review, "note"));
  GtkWidget *badge = ib_badge_new_score (C_("risk score", "Residual"), ib_record_get_int (review, "residual_l", 0),
                                         ib_record_get_int (review, "residual_i", 0));

  if (meeting != NULL)
    {
      g_autofree char *name = ib_format_record_name (meeting);

      /* Translators: the meeting a risk was reviewed at */
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", name);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  gtk_widget_add_css_class (row, "risk-review");
  return row;
}

static void
fill_history (IbRiskDetail *self,
              IbRiskModel  *model)
{
  IbRecord *risk = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  g_autoptr (GPtrArray) reviews = ib_risk_model_list_reviews (model, ib_record_get_id (risk));
  IbRiskTrend trend = ib_risk_model_get_trend (model, risk);
  g_autofree char *description = NULL;

  if (trend != IB_RISK_TREND_NONE)
    /* Translators: %s is a trend such as "↓ Better" */
    description = g_strdup_printf (_("Newest first. Since the last review: %s."), ib_risk_trend_label (trend));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->history_group),
                                         description != NULL ? description : _("Newest first."));

  ib_detail_clear_rows (self->review_rows);
  gtk_widget_set_visible (self->not_reviewed_label, reviews->len == 0);
  for (guint i = reviews->len; i > 0; i--)
    ib_detail_group_add_row (self->history_group, self->review_rows,
                             review_row (ib_risk_model_get_store (model), reviews->pdata[i - 1]));
}

static void
ib_risk_detail_dispose (GObject *object)
{
  IbRiskDetail *self = (IbRiskDetail *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_RISK_DETAIL);
  g_clear_pointer (&self->review_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_risk_detail_parent_class)->dispose (object);
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbRiskDetail *self = IB_RISK_DETAIL (pane);
  IbRecord *risk = ib_detail_pane_get_record (pane);

  gtk_widget_set_visible (self->review_button, ib_detail_pane_get_can_edit (pane) && risk != NULL &&
                          g_strcmp0 (ib_record_get_string (risk, "status"), "closed") != 0);
}

static void
ib_risk_detail_class_init (IbRiskDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_risk_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-risk-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, review_button);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, close_button);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, story_group);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, cause_row);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, event_row);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, consequence_row);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, controls_box);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, controls_label);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, further_label);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, linked_box);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, no_actions_label);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, link_button);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, IbRiskDetail, not_reviewed_label);
}

static void
ib_risk_detail_init (IbRiskDetail *self)
{
  self->review_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ib_risk_detail_show (IbRiskDetail *self,
                     IbRiskModel  *model,
                     IbRecord     *risk)
{
  const char *controls;

  g_return_if_fail (IB_IS_RISK_DETAIL (self));

  if (risk == NULL || model == NULL)
    {
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  ib_detail_pane_begin (IB_DETAIL_PANE (self), risk);
  fill_header (self, model);
  gtk_widget_set_visible (self->story_group, gtk_widget_get_visible (self->cause_row) ||
                          gtk_widget_get_visible (self->event_row) || gtk_widget_get_visible (self->consequence_row));
  controls = ib_record_get_string (risk, "controls");
  gtk_label_set_label (self->controls_label, controls != NULL ? controls : "");
  gtk_widget_set_visible (self->controls_box, controls != NULL);
  fill_actions (self, model);
  fill_history (self, model);
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}
