/* ib-kpi-row.c
 *
 * Rows are recycled as the list scrolls, so a row is refilled on every bind. Everything the
 * sparkline and colours show is also said in words: the value, the trend, the target status
 * and the comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-format.h"
#include "ib-line-layout.h"
#include "ib-kpi-row-private.h"
#include "ib-list-row.h"
#include "ib-sparkline.h"

/* Two years of months: enough to see a direction, short enough to read at this size. */
#define SPARK_MONTHS 24

struct _IbKpiRow
{
  GtkWidget  parent_instance;

  /* owned (children) */
  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *value_label;
  GtkWidget *comparison_label;
  GtkWidget *sparkline;
  GtkWidget *badges;
  char      *summary;
};

static void ib_kpi_row_list_row_init (IbListRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbKpiRow, ib_kpi_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (IB_TYPE_LIST_ROW, ib_kpi_row_list_row_init))

static gboolean
bind_item (IbListRow   *row,
           IbViewModel *model,
           gpointer     item)
{
  ib_kpi_row_set (IB_KPI_ROW (row), item);
  /* Headings group the list; only indicators are chosen. */
  return item == NULL || ib_kpi_item_get_kind (item) != IB_KPI_ITEM_HEADING;
}

static void
ib_kpi_row_list_row_init (IbListRowInterface *iface)
{
  iface->bind = bind_item;
}

static void
ib_kpi_row_dispose (GObject *object)
{
  IbKpiRow *self = (IbKpiRow *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (ib_kpi_row_parent_class)->dispose (object);
}

static void
ib_kpi_row_class_init (IbKpiRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_kpi_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kpirow");
}

static void
ib_kpi_row_init (IbKpiRow *self)
{
  GtkWidget *top, *text;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* The wrapping title beside the sparkline: a GtkBox would search for its height on every
   * measure (see ib-line-layout.c). */
  gtk_widget_set_layout_manager (top, ib_line_layout_new (8));
  gtk_box_append (GTK_BOX (self->box), top);
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (top), text);
  self->title_label = ib_detail_add_text (GTK_BOX (text), "heading");
  self->value_label = ib_detail_add_text (GTK_BOX (text), NULL);
  gtk_widget_add_css_class (self->value_label, "numeric");
  self->sparkline = ib_sparkline_new ();
  gtk_widget_set_valign (self->sparkline, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), self->sparkline);

  self->comparison_label = ib_detail_add_text (GTK_BOX (self->box), "dim-label");
  gtk_widget_add_css_class (self->comparison_label, "caption");
  /* A wrapping label's least width is found by laying its text out in no width at all, a line
   * for each letter: for the list's titles and comparisons half a millisecond each, most of
   * the list's first showing. Ten letters' width is still far less than a row ever gets (the
   * list is never narrower than 340 pixels), so nothing moves, and the layout is a few lines.
   * The value line too: "12 indicators", "31.0% (March 2022)". */
  gtk_label_set_width_chars (GTK_LABEL (self->title_label), 10);
  gtk_label_set_width_chars (GTK_LABEL (self->value_label), 10);
  gtk_label_set_width_chars (GTK_LABEL (self->comparison_label), 10);
  self->badges = ib_badge_box_new ();
  gtk_widget_set_margin_top (self->badges, 4);
  gtk_box_append (GTK_BOX (self->box), self->badges);
}

GtkWidget *
ib_kpi_row_new (void)
{
  return g_object_new (IB_TYPE_KPI_ROW, NULL);
}

static void
set_heading (IbKpiRow  *self,
             IbKpiItem *item)
{
  const char *category = ib_kpi_item_get_category (item);
  guint n = ib_kpi_item_get_n_indicators (item);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators", n), n);

  gtk_label_set_label (GTK_LABEL (self->title_label), category != NULL ? category : C_("kpi category", "Other indicators"));
  gtk_label_set_label (GTK_LABEL (self->value_label), count);
  gtk_widget_set_visible (self->sparkline, FALSE);
  gtk_widget_set_visible (self->comparison_label, FALSE);
  gtk_widget_set_visible (self->badges, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "heading-row");
  gtk_widget_add_css_class (self->value_label, "dim-label");
  gtk_widget_add_css_class (self->value_label, "caption");

  g_free (self->summary);
  /* Translators: a group heading in the KPI list read by a screen reader: "Workforce, 2 indicators" */
  self->summary = g_strdup_printf (C_("kpi heading", "%s, %s"), gtk_label_get_label (GTK_LABEL (self->title_label)), count);
}

static void
set_indicator (IbKpiRow  *self,
               IbKpiItem *item)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);
  int latest = ib_kpi_item_get_latest (item);
  const char *comparison = ib_kpi_item_get_comparison (item);
  g_autoptr (GString) summary = g_string_new (NULL);
  g_autofree char *value_line = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "heading-row");
  gtk_widget_remove_css_class (self->value_label, "dim-label");
  gtk_widget_remove_css_class (self->value_label, "caption");
  gtk_label_set_label (GTK_LABEL (self->title_label), ib_record_get_string (indicator, "title"));
  g_string_append (summary, ib_record_get_string (indicator, "title"));

  if (latest >= 0)
    {
      g_autofree char *value = ib_format_value (indicator, ib_kpi_item_get_latest_value (item));
      g_autofree char *period = ib_format_period (ib_kpi_item_get_period (item, latest));

      /* Translators: an indicator's latest value and its month: "90% · March 2022" */
      value_line = g_strdup_printf (C_("kpi value", "%s · %s"), value, period);
    }
  else
    value_line = g_strdup (_("No values yet"));
  gtk_label_set_label (GTK_LABEL (self->value_label), value_line);
  g_string_append_printf (summary, ". %s", value_line);

  gtk_widget_set_visible (self->sparkline, latest >= 0);
  ib_sparkline_set_values (IB_SPARKLINE (self->sparkline), ib_kpi_item_get_series (item, IB_KPI_SERIES_VALUE),
                           ib_kpi_item_get_n_periods (item), SPARK_MONTHS);

  gtk_label_set_label (GTK_LABEL (self->comparison_label), comparison != NULL ? comparison : "");
  gtk_widget_set_visible (self->comparison_label, comparison != NULL);

  /* Set in place: new badges at every bind were restyled and measured from nothing as the
   * list scrolled. */
  gtk_widget_set_visible (self->badges, latest >= 0);
  if (latest >= 0)
    {
      IbBadge *trend = ib_badge_box_slot (self->badges, 0);
      IbBadge *status = ib_badge_box_slot (self->badges, 1);

      ib_badge_set_trend (trend, ib_record_get_string (indicator, "polarity"), ib_kpi_item_get_trend (item));
      ib_badge_set_target (status, ib_kpi_item_get_target_status (item));
      ib_badge_box_keep (self->badges, 2);
      g_string_append_printf (summary, ". %s. %s", ib_badge_get_text (trend), ib_badge_get_text (status));
    }
  if (comparison != NULL)
    g_string_append_printf (summary, ". %s", comparison);

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

void
ib_kpi_row_set (IbKpiRow  *self,
                IbKpiItem *item)
{
  g_return_if_fail (IB_IS_KPI_ROW (self));

  if (item == NULL)
    {
      /* The badges stay for the next bind to set again. */
      ib_sparkline_set_values (IB_SPARKLINE (self->sparkline), NULL, 0, 0);
      g_clear_pointer (&self->summary, g_free);
      return;
    }

  if (ib_kpi_item_get_kind (item) == IB_KPI_ITEM_HEADING)
    set_heading (self, item);
  else
    set_indicator (self, item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
}

const char *
ib_kpi_row_get_summary (IbKpiRow *self)
{
  g_return_val_if_fail (IB_IS_KPI_ROW (self), NULL);
  return self->summary;
}
