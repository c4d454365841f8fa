/* ib-kpi-detail.c
 *
 * Rebuilt whenever the selection or the figures change. The chart gets a continuous month
 * axis for monthly indicators, so a month nobody reported shows as a gap rather than being
 * silently closed up; quarterly and annual indicators are drawn at the periods they have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ib-badge.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-kpi-detail.h"

/* Values listed before "Show All": two years of months. */
#define RECENT_VALUES 24

G_STATIC_ASSERT ((int) IB_KPI_SERIES_ENGLAND == (int) IB_CHART_ENGLAND);
G_STATIC_ASSERT ((int) IB_KPI_SERIES_STAT_NEIGHBOURS == (int) IB_CHART_STAT_NEIGHBOURS);
G_STATIC_ASSERT ((int) IB_KPI_SERIES_REGION == (int) IB_CHART_REGION);

struct _IbKpiDetail
{
  GtkWidget   parent_instance;

  /* owned (children) */
  GtkWidget  *stack;
  GtkWidget  *scroller;
  GtkWidget  *content;
  IbChart    *chart;         /* in content, or NULL */
  IbChart    *grades_chart;  /* in content, or NULL */

  /* owned */
  GPtrArray  *edit_widgets;  /* hidden for viewers */
  IbKpiModel *model;
  char       *shown_id;

  IbKpiRange  range;
  gboolean    can_edit;
  gboolean    show_all;      /* every value listed, not just the recent ones */
};

G_DEFINE_FINAL_TYPE (IbKpiDetail, ib_kpi_detail, GTK_TYPE_WIDGET)

static guint
range_months (IbKpiRange range)
{
  switch (range)
    {
    case IB_KPI_RANGE_12_MONTHS: return 12;
    case IB_KPI_RANGE_2_YEARS: return 24;
    case IB_KPI_RANGE_5_YEARS: return 60;
    case IB_KPI_RANGE_ALL:
    default: return G_MAXUINT;
    }
}

static char *
chart_title (IbRecord *indicator)
{
  const char *title = ib_record_get_string (indicator, "title");
  const char *unit = ib_record_get_string (indicator, "unit");

  /* Percentages carry their sign on the axis; other units are named once, in the title. */
  if (g_strcmp0 (unit, "rate_per_10k") == 0)
    /* Translators: a chart title for a rate, e.g. "Children in care (per 10,000 children)" */
    return g_strdup_printf (_("%s (per 10,000 children)"), title);
  if (g_strcmp0 (unit, "days") == 0)
    /* Translators: a chart title for a figure in days, e.g. "Average time to adoption (days)" */
    return g_strdup_printf (_("%s (days)"), title);
  return g_strdup (title);
}

void
ib_kpi_detail_fill_chart (IbChart    *chart,
                          IbKpiItem  *item,
                          IbKpiRange  range)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);
  guint n = ib_kpi_item_get_n_periods (item), span = range_months (range);
  const char *frequency = ib_record_get_string (indicator, "frequency");
  gboolean continuous = g_strcmp0 (frequency, "quarterly") != 0 && g_strcmp0 (frequency, "annual") != 0;
  g_autoptr (GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) index_of = g_array_new (FALSE, FALSE, sizeof (int));  /* chart position → period */
  g_autofree char *title = chart_title (indicator);
  int last, first, cutoff;

  g_return_if_fail (IB_IS_CHART (chart));

  ib_chart_set_title (chart, title);
  ib_chart_set_decimals (chart, (guint) ib_record_get_int (indicator, "decimals", 0));
  ib_chart_set_suffix (chart, g_strcmp0 (ib_record_get_string (indicator, "unit"), "percent") == 0 ? "%" : NULL);
  ib_chart_set_target (chart, ib_record_get_double (indicator, "target"), ib_record_get_double (indicator, "tolerance"));

  if (n == 0)
    {
      ib_chart_set_months (chart, NULL);
      for (int s = 0; s < IB_KPI_N_SERIES; s++)
        ib_chart_set_series (chart, (IbChartRole) s, NULL, 0);
      return;
    }

  last = ib_kpi_month_number (ib_kpi_item_get_period (item, n - 1));
  first = ib_kpi_month_number (ib_kpi_item_get_period (item, 0));
  cutoff = span == G_MAXUINT ? G_MININT : last - (int) span + 1;
  /* The schema admits only YYYY-MM; should anything else arrive, draw the periods as they are
   * rather than walk a month axis from nowhere. */
  if (first < 0 || last < 0)
    continuous = FALSE;

  if (continuous)
    for (int m = MAX (first, cutoff); m <= last; m++)
      {
        int none = -1;

        g_ptr_array_add (months, g_strdup_printf ("%04d-%02d", m / 12, m % 12 + 1));
        g_array_append_val (index_of, none);
      }

  for (guint i = 0; i < n; i++)
    {
      int m = ib_kpi_month_number (ib_kpi_item_get_period (item, i)), at = (int) i;

      if (m < cutoff)
        continue;
      if (continuous)
        g_array_index (index_of, int, m - MAX (first, cutoff)) = at;
      else
        {
          g_ptr_array_add (months, g_strdup (ib_kpi_item_get_period (item, i)));
          g_array_append_val (index_of, at);
        }
    }
  g_ptr_array_add (months, NULL);
  ib_chart_set_months (chart, (const char * const *) months->pdata);

  for (int s = 0; s < IB_KPI_N_SERIES; s++)
    {
      const double *values = ib_kpi_item_get_series (item, (IbKpiSeries) s);
      g_autofree double *shown = NULL;

      if (values == NULL)
        {
          ib_chart_set_series (chart, (IbChartRole) s, NULL, 0);
          continue;
        }
      shown = g_new (double, index_of->len);
      for (guint k = 0; k < index_of->len; k++)
        {
          int at = g_array_index (index_of, int, k);

          shown[k] = at >= 0 ? values[at] : NAN;
        }
      ib_chart_set_series (chart, (IbChartRole) s, shown, index_of->len);
    }
}

void
ib_kpi_detail_fill_grades (IbChart           *chart,
                           const IbKpiGrades *grades)
{
  const char *names[IB_KPI_N_GRADES];
  const double *layers[IB_KPI_N_GRADES];
  guint n = 0;

  g_return_if_fail (IB_IS_CHART (chart));
  g_return_if_fail (grades != NULL);

  ib_chart_set_title (chart, _("Practice Review Grades"));
  ib_chart_set_months (chart, (const char * const *) grades->periods);
  ib_chart_set_suffix (chart, "%");
  ib_chart_set_decimals (chart, 0);
  for (int g = 0; g < IB_KPI_N_GRADES; g++)
    if (grades->shares[g] != NULL)
      {
        names[n] = ib_kpi_grade_label ((IbKpiGrade) g);
        layers[n++] = grades->shares[g];
      }
  ib_chart_set_stack (chart, n, names, layers);
}

static GtkWidget *
edit_widget (IbKpiDetail *self,
             GtkWidget   *widget)
{
  g_ptr_array_add (self->edit_widgets, widget);
  gtk_widget_set_visible (widget, self->can_edit);
  return widget;
}

static void
clear_content (IbKpiDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
  g_ptr_array_set_size (self->edit_widgets, 0);
  self->chart = NULL;
  self->grades_chart = NULL;
}

static void
on_range_changed_cb (GtkDropDown *drop_down,
                     GParamSpec  *pspec,
                     IbKpiDetail *self)
{
  ib_kpi_detail_set_range (self, (IbKpiRange) gtk_drop_down_get_selected (drop_down));
}

static GtkWidget *
range_chooser (IbKpiDetail *self)
{
  const char * const ranges[] = {
    C_("chart range", "Last 12 months"), C_("chart range", "Last 2 years"),
    C_("chart range", "Last 5 years"), C_("chart range", "All months"), NULL,
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Show"));
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (ranges);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), self->range);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_range_changed_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), drop_down);
  return box;
}

static GtkWidget *
framed_chart (IbChart *chart)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_set_size_request (GTK_WIDGET (chart), 240, 300);
  gtk_widget_set_margin_top (GTK_WIDGET (chart), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (chart), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (chart), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (chart), 6);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (chart));
  gtk_widget_add_css_class (frame, "view");
  return frame;
}

static void
add_target_group (IbKpiDetail *self,
                  IbRecord    *indicator)
{
  GtkWidget *group = ib_detail_new_group (_("Definition and Target"), NULL);
  g_autofree char *definition = ib_format_field_name ("definition");

  /* The target and tolerance in the indicator's unit ("85%"), not as bare numbers. */
  for (guint k = 0; k < 2; k++)
    {
      const char *field = k == 0 ? "target" : "tolerance";
      g_autofree char *name = ib_format_field_name (field);
      g_autofree char *value = NULL;

      if (!ib_record_has (indicator, field))
        continue;
      value = ib_format_value (indicator, ib_record_get_double (indicator, field));
      ib_detail_add_property (group, name, value);
    }
  ib_detail_add_property (group, definition, ib_record_get_string (indicator, "definition"));
  ib_detail_add_field (group, indicator, "code");
  ib_detail_add_field (group, indicator, "unit");
  ib_detail_add_field (group, indicator, "polarity");
  ib_detail_add_field (group, indicator, "frequency");
  ib_detail_add_field (group, indicator, "category");
  gtk_box_append (GTK_BOX (self->content), group);
}

/* "England 86% · Statistical neighbours 84% · 123 of 150 · note". */
static char *
value_subtitle (IbRecord *indicator,
                IbRecord *measurement)
{
  static const struct { const char *field; const char *context_label; } comparators[] = {
    { "england", NC_("chart series", "England") },
    { "stat_neighbours", NC_("chart series", "Statistical neighbours") },
    { "region", NC_("chart series", "Region") },
  };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (comparators); c++)
    if (ib_record_has (measurement, comparators[c].field))
      {
        g_autofree char *value = ib_format_value (indicator, ib_record_get_double (measurement, comparators[c].field));

        g_string_append_printf (text, "%s%s %s", text->len > 0 ? " · " : "",
                                g_dpgettext2 (GETTEXT_PACKAGE, "chart series", comparators[c].context_label), value);
      }
  if (ib_record_has (measurement, "numerator") && ib_record_has (measurement, "denominator"))
    {
      g_autofree char *numerator = g_strdup_printf ("%'g", ib_record_get_double (measurement, "numerator"));
      g_autofree char *denominator = g_strdup_printf ("%'g", ib_record_get_double (measurement, "denominator"));

      g_string_append (text, text->len > 0 ? " · " : "");
      /* Translators: a value's numerator and denominator: "123 of 150" */
      g_string_append_printf (text, _("%s of %s"), numerator, denominator);
    }
  if (ib_record_get_string (measurement, "note") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", ib_record_get_string (measurement, "note"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_show_all_cb (GtkButton   *button,
                IbKpiDetail *self)
{
  self->show_all = TRUE;
  ib_kpi_detail_show (self, self->model, ib_kpi_model_lookup (self->model, self->shown_id));
}

static void
add_values_group (IbKpiDetail *self,
                  IbKpiItem   *item)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);
  IbStore *store = ib_kpi_model_get_store (self->model);
  guint n = ib_kpi_item_get_n_periods (item), shown = self->show_all ? n : MIN (n, RECENT_VALUES);
  g_autofree char *description = NULL;
  GtkWidget *group;

  if (n == 0)
    description = g_strdup (_("No values recorded yet."));
  else
    description = g_strdup (_("Newest first."));
  group = ib_detail_new_group (_("Values"), description);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           edit_widget (self, ib_detail_text_button (_("_Add Value…"), "kpis.add-value",
                                                                                     ib_record_get_id (indicator), NULL)));

  for (guint k = 0; k < shown; k++)
    {
      guint i = n - 1 - k;
      const char *id = ib_kpi_item_get_measurement_id (item, i);
      g_autoptr (IbRecord) measurement = ib_store_get (store, &ib_type_measurement, id, NULL);
      g_autofree char *period = ib_format_period (ib_kpi_item_get_period (item, i));
      g_autofree char *value = NULL, *subtitle = NULL, *edit_name = NULL, *delete_name = NULL;
      GtkWidget *row, *label, *buttons;

      if (measurement == NULL)
        continue;
      value = ib_format_value (indicator, ib_record_get_double (measurement, "value"));
      subtitle = value_subtitle (indicator, measurement);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), period);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      label = gtk_label_new (value);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      /* Translators: a button's name for screen readers: "Edit the value for March 2022" */
      edit_name = g_strdup_printf (_("Edit the value for %s"), period);
      /* Translators: a button's name for screen readers: "Delete the value for March 2022" */
      delete_name = g_strdup_printf (_("Delete the value for %s"), period);
      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("document-edit-symbolic", edit_name, "kpis.edit-value", id));
      gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("user-trash-symbolic", delete_name, "kpis.delete-value", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_widget (self, buttons));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (shown < n)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Value", "Show All %u Values", n), n);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (button, 12);
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect (button, "clicked", G_CALLBACK (on_show_all_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
    }

  gtk_box_append (GTK_BOX (self->content), group);
}

static void
show_item (IbKpiDetail *self,
           IbKpiItem   *item)
{
  IbRecord *indicator = ib_kpi_item_get_indicator (item);
  const char *id = ib_record_get_id (indicator);
  const char *comparison = ib_kpi_item_get_comparison (item);
  GtkWidget *badges = ib_badge_box_new ();
  GtkWidget *buttons = ib_badge_box_new ();  /* wraps when narrow */
  int latest = ib_kpi_item_get_latest (item);
  GtkWidget *chart_box, *chooser;

  if (latest >= 0)
    {
      g_autofree char *value = ib_format_value (indicator, ib_kpi_item_get_latest_value (item));
      g_autofree char *period = ib_format_period (ib_kpi_item_get_period (item, latest));
      g_autofree char *text = g_strdup_printf (C_("kpi value", "%s · %s"), value, period);

      ib_badge_box_add (badges, ib_badge_new (text, NULL, "neutral"));
      ib_badge_box_add (badges, ib_badge_new_trend (ib_record_get_string (indicator, "polarity"), ib_kpi_item_get_trend (item)));
      ib_badge_box_add (badges, ib_badge_new_target (ib_kpi_item_get_target_status (item)));
    }

  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Add Value…"), "kpis.add-value", id,
                                                                               "suggested-action")));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Edit…"), "kpis.edit", id, NULL)));
  gtk_box_append (GTK_BOX (buttons), ib_detail_text_button (_("E_xport Chart…"), "kpis.export-chart", NULL, NULL));
  gtk_box_append (GTK_BOX (buttons), edit_widget (self, ib_detail_text_button (_("_Delete"), "kpis.delete", id,
                                                                               "destructive-action")));
  gtk_box_append (GTK_BOX (self->content), ib_detail_header (ib_record_get_string (indicator, "title"), badges, buttons));

  if (comparison != NULL)
    ib_detail_add_label (GTK_BOX (self->content), comparison, NULL);

  /* The chart, with its range above it. */
  chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  chooser = range_chooser (self);
  gtk_widget_set_halign (chooser, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (chart_box), chooser);
  self->chart = IB_CHART (ib_chart_new ());
  ib_kpi_detail_fill_chart (self->chart, item, self->range);
  gtk_box_append (GTK_BOX (chart_box), framed_chart (self->chart));
  ib_detail_add_label (GTK_BOX (chart_box),
                       _("Point at the chart, or focus it and use the arrow keys, to read each month’s values."),
                       "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_last_child (chart_box), "caption");
  gtk_box_append (GTK_BOX (self->content), chart_box);

  /* A practice-review share is read with the other grades beside it. */
  if (ib_kpi_grade_for_code (ib_record_get_string (indicator, "code")) >= 0)
    {
      g_autoptr (IbKpiGrades) grades = ib_kpi_model_dup_grades (self->model);

      if (grades != NULL)
        {
          self->grades_chart = IB_CHART (ib_chart_new ());
          ib_kpi_detail_fill_grades (self->grades_chart, grades);
          gtk_box_append (GTK_BOX (self->content), framed_chart (self->grades_chart));
        }
    }

  add_target_group (self, indicator);
  add_values_group (self, item);
}

static void
ib_kpi_detail_dispose (GObject *object)
{
  IbKpiDetail *self = (IbKpiDetail *) object;

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);
  g_clear_object (&self->model);
  g_clear_pointer (&self->shown_id, g_free);

  G_OBJECT_CLASS (ib_kpi_detail_parent_class)->dispose (object);
}

static void
ib_kpi_detail_class_init (IbKpiDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_kpi_detail_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ib_kpi_detail_init (IbKpiDetail *self)
{
  self->edit_widgets = g_ptr_array_new ();
  self->can_edit = TRUE;
  self->range = IB_KPI_RANGE_2_YEARS;
  self->stack = ib_detail_scaffold (GTK_WIDGET (self), "x-office-spreadsheet-symbolic",
                                    _("No Indicator Selected"),
                                    _("Choose an indicator to see its chart, target and monthly values."),
                                    &self->scroller, &self->content);
}

void
ib_kpi_detail_show (IbKpiDetail *self,
                    IbKpiModel  *model,
                    IbKpiItem   *item)
{
  const char *id = NULL;
  double position;

  g_return_if_fail (IB_IS_KPI_DETAIL (self));

  if (item != NULL && ib_kpi_item_get_kind (item) == IB_KPI_ITEM_INDICATOR)
    id = ib_record_get_id (ib_kpi_item_get_indicator (item));
  else
    item = NULL;
  /* Another indicator starts with its recent values again. */
  if (g_strcmp0 (id, self->shown_id) != 0)
    self->show_all = FALSE;
  g_free (self->shown_id);
  self->shown_id = g_strdup (id);
  g_set_object (&self->model, model);

  position = ib_detail_scaffold_begin (self->stack, self->scroller);
  clear_content (self);
  if (item == NULL || model == NULL)
    return;

  show_item (self, item);
  ib_detail_scaffold_end (self->stack, self->scroller, position);
}

void
ib_kpi_detail_set_can_edit (IbKpiDetail *self,
                            gboolean     can_edit)
{
  g_return_if_fail (IB_IS_KPI_DETAIL (self));

  self->can_edit = can_edit;
  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], can_edit);
}

void
ib_kpi_detail_set_range (IbKpiDetail *self,
                         IbKpiRange   range)
{
  IbKpiItem *item;

  g_return_if_fail (IB_IS_KPI_DETAIL (self));

  if (range > IB_KPI_RANGE_ALL || range == self->range)
    return;
  self->range = range;
  /* Only the chart changes: the rest of the pane, and where it is scrolled, stay. */
  item = self->model != NULL ? ib_kpi_model_lookup (self->model, self->shown_id) : NULL;
  if (self->chart != NULL && item != NULL)
    ib_kpi_detail_fill_chart (self->chart, item, range);
}

IbChart *
ib_kpi_detail_get_chart (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), NULL);
  return self->chart;
}

IbChart *
ib_kpi_detail_get_grades_chart (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), NULL);
  return self->grades_chart;
}

IbKpiRange
ib_kpi_detail_get_range (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), IB_KPI_RANGE_ALL);
  return self->range;
}
