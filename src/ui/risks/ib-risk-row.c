/* ib-risk-row.c
 *
 * Rows are recycled as the list scrolls, so a row is refilled on every bind; its badges are
 * rebuilt rather than updated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-risk-row.h"
#include "ib-list-row.h"

struct _IbRiskRow
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *meta_label;
  GtkWidget *scores_label;
  GtkWidget *badges;
  char      *summary;
};

static void ib_risk_row_list_row_init (IbListRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbRiskRow, ib_risk_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_LIST_ROW, ib_risk_row_list_row_init))

static gboolean
bind_item (IbListRow   *row,
           IbViewModel *model,
           gpointer     item)
{
  ib_risk_row_set (IB_RISK_ROW (row), model != NULL ? IB_RISK_MODEL (model) : NULL, item);
  return TRUE;
}

static void
ib_risk_row_list_row_init (IbListRowInterface *iface)
{
  iface->bind = bind_item;
}

static void
ib_risk_row_dispose (GObject *object)
{
  IbRiskRow *self = (IbRiskRow *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (ib_risk_row_parent_class)->dispose (object);
}

static void
ib_risk_row_class_init (IbRiskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_risk_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riskrow");
}

static void
ib_risk_row_init (IbRiskRow *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = ib_detail_add_text (GTK_BOX (self->box), "heading");
  self->meta_label = ib_detail_add_text (GTK_BOX (self->box), "dim-label");
  gtk_widget_add_css_class (self->meta_label, "caption");
  self->scores_label = ib_detail_add_text (GTK_BOX (self->box), "dim-label");
  gtk_widget_add_css_class (self->scores_label, "caption");
  self->badges = ib_badge_box_new ();
  gtk_widget_set_margin_top (self->badges, 4);
  gtk_box_append (GTK_BOX (self->box), self->badges);
}

GtkWidget *
ib_risk_row_new (void)
{
  return g_object_new (IB_TYPE_RISK_ROW, NULL);
}

void
ib_risk_row_set (IbRiskRow   *self,
                 IbRiskModel *model,
                 IbRecord    *risk)
{
  g_autofree char *title = NULL, *review = NULL;
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autoptr (GString) summary = g_string_new (NULL);
  GtkWidget *residual;
  IbRiskTrend trend;
  const char *owner, *category, *next;

  g_return_if_fail (IB_IS_RISK_ROW (self));

  ib_badge_box_clear (self->badges);
  if (risk == NULL)
    {
      g_clear_pointer (&self->summary, g_free);
      return;
    }

  title = ib_format_record_name (risk);
  owner = ib_record_get_string (risk, "owner");
  category = ib_record_get_string (risk, "category");
  next = ib_record_get_string (risk, "next_review");

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  g_string_append (summary, title);

  if (owner != NULL)
    g_string_append (meta, owner);
  if (category != NULL)
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", ib_enum_label (&ib_enum_risk_category, category));
  if (next != NULL)
    {
      g_autofree char *date = ib_format_date (next);

      /* Translators: when a risk is next reviewed, e.g. "Review 2 December 2022" */
      review = g_strdup_printf (_("Review %s"), date);
      g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", review);
    }
  gtk_label_set_label (GTK_LABEL (self->meta_label), meta->str);
  gtk_widget_set_visible (self->meta_label, meta->len > 0);
  if (meta->len > 0)
    g_string_append_printf (summary, ". %s", meta->str);

  {
    int inherent = ib_risk_score (ib_record_get_int (risk, "inherent_l", 0), ib_record_get_int (risk, "inherent_i", 0));
    int target = ib_risk_score (ib_record_get_int (risk, "target_l", 0), ib_record_get_int (risk, "target_i", 0));
    const char *response = ib_record_get_string (risk, "response");
    const char *appetite = ib_record_get_string (risk, "appetite");
    g_autoptr (GString) scores = g_string_new (NULL);

    /* The residual is the badge below; the other two scores, the response and the appetite
     * read as a line of text (bands in words, not colour). */
    if (inherent > 0)
      /* Translators: a risk's inherent score and band in the register, e.g. "Inherent 20 High" */
      g_string_append_printf (scores, _("Inherent %d %s"), inherent, ib_risk_band_label (ib_risk_band (inherent)));
    if (target > 0)
      {
        g_string_append (scores, scores->len > 0 ? " · " : "");
        /* Translators: a risk's target score and band in the register, e.g. "Target 9 Medium" */
        g_string_append_printf (scores, _("Target %d %s"), target, ib_risk_band_label (ib_risk_band (target)));
      }
    if (response != NULL)
      g_string_append_printf (scores, "%s%s", scores->len > 0 ? " · " : "", ib_enum_label (&ib_enum_risk_response, response));
    if (appetite != NULL)
      {
        g_string_append (scores, scores->len > 0 ? " · " : "");
        /* Translators: a risk's appetite in the register, e.g. "Appetite: Cautious" */
        g_string_append_printf (scores, _("Appetite: %s"), ib_enum_label (&ib_enum_risk_appetite, appetite));
      }
    gtk_label_set_label (GTK_LABEL (self->scores_label), scores->str);
    gtk_widget_set_visible (self->scores_label, scores->len > 0);
    if (scores->len > 0)
      g_string_append_printf (summary, ". %s", scores->str);
  }

  residual = ib_badge_new_score (C_("risk score", "Residual"), ib_record_get_int (risk, "residual_l", 0),
                                 ib_record_get_int (risk, "residual_i", 0));
  ib_badge_box_add (self->badges, residual);
  g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (residual)));

  trend = ib_risk_model_get_trend (model, risk);
  if (trend != IB_RISK_TREND_NONE)
    {
      GtkWidget *badge = ib_badge_new (ib_risk_trend_label (trend), NULL,
                                       trend == IB_RISK_TREND_UP ? "bad" : trend == IB_RISK_TREND_DOWN ? "good" : "neutral");

      ib_badge_box_add (self->badges, badge);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (badge)));
    }

  if (g_strcmp0 (ib_record_get_string (risk, "status"), "closed") == 0)
    {
      GtkWidget *badge = ib_badge_new (ib_enum_label (&ib_enum_risk_status, "closed"), "object-select-symbolic", "neutral");

      ib_badge_box_add (self->badges, badge);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (badge)));
    }
  else if (ib_risk_model_is_overdue (model, risk))
    {
      GtkWidget *badge = ib_badge_new (_("Review overdue"), "alarm-symbolic", "bad");

      ib_badge_box_add (self->badges, badge);
      g_string_append_printf (summary, ". %s", ib_badge_get_text (IB_BADGE (badge)));
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
}
