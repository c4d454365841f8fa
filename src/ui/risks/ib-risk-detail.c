/* ib-risk-detail.c
 *
 * Rebuilt whenever the selection or the register changes: one risk's worth of widgets. The
 * review history is a table, newest first, each score as a badge (text, shape and colour).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-risk-detail.h"

struct _IbRiskDetail
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *stack;
  GtkWidget *scroller;
  GtkWidget *content;

  /* owned */
  GPtrArray *edit_widgets; /* hidden for viewers */

  gboolean   can_edit;
};

G_DEFINE_FINAL_TYPE (IbRiskDetail, ib_risk_detail, GTK_TYPE_WIDGET)

static GtkWidget *
edit_widget (IbRiskDetail *self,
             GtkWidget    *widget)
{
  g_ptr_array_add (self->edit_widgets, widget);
  gtk_widget_set_visible (widget, self->can_edit);
  return widget;
}

static void
clear_content (IbRiskDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
  g_ptr_array_set_size (self->edit_widgets, 0);
}

static void
add_text_section (IbRiskDetail *self,
                  const char   *title,
                  const char   *text)
{
  GtkWidget *box;

  if (text == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ib_detail_add_label (GTK_BOX (box), title, "heading");
  ib_detail_add_label (GTK_BOX (box), text, NULL);
  gtk_box_append (GTK_BOX (self->content), box);
}

static void
add_story (IbRiskDetail *self,
           IbRecord     *risk)
{
  /* Translators: a risk described as cause, then event, then consequence */
  GtkWidget *group = ib_detail_new_group (_("Cause → Event → Consequence"), NULL);
  guint n = 0;

  n += ib_detail_add_property (group, C_("risk", "Cause"), ib_record_get_string (risk, "cause")) != NULL;
  n += ib_detail_add_property (group, C_("risk", "Event"), ib_record_get_string (risk, "event")) != NULL;
  n += ib_detail_add_property (group, C_("risk", "Consequence"), ib_record_get_string (risk, "consequence")) != NULL;
  ib_detail_append_group (GTK_BOX (self->content), group, n);
}

static void
add_actions (IbRiskDetail *self,
             IbRiskModel  *model,
             IbRecord     *risk)
{
  IbStore *store = ib_risk_model_get_store (model);
  g_auto (GStrv) ids = ib_record_get_refs (risk, "linked_actions");
  const char *further = ib_record_get_string (risk, "further_actions");
  GtkWidget *group = ib_detail_new_group (_("Further Actions"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  guint n_linked = 0;

  if (further != NULL)
    ib_detail_add_label (GTK_BOX (box), further, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (IbRecord) action = ib_store_get (store, &ib_type_action, ids[i], NULL);

      if (action != NULL)
        {
          gtk_box_append (GTK_BOX (box), ib_detail_action_line (action, NULL));
          n_linked++;
        }
    }
  if (n_linked == 0)
    ib_detail_add_label (GTK_BOX (box), _("No plan action is linked to this risk."), "dim-label");

  gtk_box_append (GTK_BOX (box),
                  edit_widget (self, ib_detail_text_button (_("_Link Plan Actions…"), "risks.link-actions",
                                                            ib_record_get_id (risk), NULL)));
  gtk_widget_set_halign (gtk_widget_get_last_child (box), GTK_ALIGN_START);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  gtk_box_append (GTK_BOX (self->content), group);
}

static GtkWidget *
review_row (IbStore  *store,
            IbRecord *review)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = ib_format_date (ib_record_get_string (review, "reviewed_on"));
  const char *note = ib_record_get_string (review, "note");
  const char *meeting_id = ib_record_get_string (review, "meeting");
  g_autoptr (IbRecord) meeting = meeting_id != NULL ? ib_store_get (store, &ib_type_meeting, meeting_id, NULL) : NULL;
  g_autoptr (GString) subtitle = g_string_new (note);
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
add_history (IbRiskDetail *self,
             IbRiskModel  *model,
             IbRecord     *risk)
{
  g_autoptr (GPtrArray) reviews = ib_risk_model_list_reviews (model, ib_record_get_id (risk));
  IbRiskTrend trend = ib_risk_model_get_trend (model, risk);
  g_autofree char *description = NULL;
  GtkWidget *group;

  if (trend != IB_RISK_TREND_NONE)
    /* Translators: %s is a trend such as "↓ Better" */
    description = g_strdup_printf (_("Newest first. Since the last review: %s."), ib_risk_trend_label (trend));
  group = ib_detail_new_group (_("Review History"), description != NULL ? description : _("Newest first."));

  if (reviews->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Not reviewed yet."));

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty);
    }
  for (guint i = reviews->len; i > 0; i--)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), review_row (ib_risk_model_get_store (model), reviews->pdata[i - 1]));

  gtk_box_append (GTK_BOX (self->content), group);
}

static void
show_risk (IbRiskDetail *self,
           IbRiskModel  *model,
           IbRecord     *risk)
{
  g_autofree char *title = ib_format_record_name (risk);
  GtkWidget *badges = ib_badge_box_new ();
  GtkWidget *buttons = ib_badge_box_new ();  /* wraps when narrow */
  const char *id = ib_record_get_id (risk);
  gboolean closed = g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0;
  IbRiskTrend trend = ib_risk_model_get_trend (model, risk);
  GtkWidget *group;

  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Inherent"), ib_record_get_int (risk, "inherent_l", 0),
                                                ib_record_get_int (risk, "inherent_i", 0)));
  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Residual"), ib_record_get_int (risk, "residual_l", 0),
                                                ib_record_get_int (risk, "residual_i", 0)));
  ib_badge_box_add (badges, ib_badge_new_score (C_("risk score", "Target"), ib_record_get_int (risk, "target_l", 0),
                                                ib_record_get_int (risk, "target_i", 0)));
  if (trend != IB_RISK_TREND_NONE)
    ib_badge_box_add (badges, ib_badge_new (ib_risk_trend_label (trend), NULL,
                                            trend == IB_RISK_TREND_UP ? "bad" : trend == IB_RISK_TREND_DOWN ? "good" : "neutral"));
  if (closed)
    ib_badge_box_add (badges, ib_badge_new (ib_enum_label (&ib_enum_risk_status, "closed"), "object-select-symbolic", "neutral"));
  else if (ib_risk_model_is_overdue (model, risk))
    ib_badge_box_add (badges, ib_badge_new (_("Review overdue"), "alarm-symbolic", "bad"));

  if (!closed)
    gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Record Review…"), "risks.add-review", id,
                                                                                 "suggested-action")));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Edit…"), "risks.edit", id, NULL)));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (closed ? _("Re_open") : _("_Close Risk"),
                                                                               "risks.toggle-closed", id, NULL)));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Delete"), "risks.delete", id,
                                                                               "destructive-action")));
  gtk_box_append (GTK_BOX (self->content), ib_detail_header (title, badges, buttons));

  add_story (self, risk);

  group = ib_detail_new_group (_("Details"), NULL);
  ib_detail_add_field (group, risk, "owner");
  ib_detail_add_field (group, risk, "category");
  ib_detail_add_field (group, risk, "response");
  ib_detail_add_field (group, risk, "appetite");
  ib_detail_add_field (group, risk, "status");
  ib_detail_add_field (group, risk, "next_review");
  ib_detail_add_field (group, risk, "target_by");
  gtk_box_append (GTK_BOX (self->content), group);

  add_text_section (self, _("Existing Controls"), ib_record_get_string (risk, "controls"));
  add_actions (self, model, risk);
  add_history (self, model, risk);
}

static void
ib_risk_detail_dispose (GObject *object)
{
  IbRiskDetail *self = (IbRiskDetail *) object;

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_risk_detail_parent_class)->dispose (object);
}

static void
ib_risk_detail_class_init (IbRiskDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_risk_detail_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ib_risk_detail_init (IbRiskDetail *self)
{
  self->edit_widgets = g_ptr_array_new ();
  self->can_edit = TRUE;
  self->stack = ib_detail_scaffold (GTK_WIDGET (self), "dialog-warning-symbolic",
                                    _("No Risk Selected"),
                                    _("Choose a risk to see its scores, controls and review history."),
                                    &self->scroller, &self->content);
}

void
ib_risk_detail_show (IbRiskDetail *self,
                     IbRiskModel  *model,
                     IbRecord     *risk)
{
  double position;

  g_return_if_fail (IB_IS_RISK_DETAIL (self));

  position = ib_detail_scaffold_begin (self->stack, self->scroller);
  clear_content (self);
  if (risk == NULL || model == NULL)
    return;

  show_risk (self, model, risk);
  ib_detail_scaffold_end (self->stack, self->scroller, position);
}

void
ib_risk_detail_set_can_edit (IbRiskDetail *self,
                             gboolean      can_edit)
{
  g_return_if_fail (IB_IS_RISK_DETAIL (self));

  self->can_edit = can_edit;
  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], can_edit);
}
