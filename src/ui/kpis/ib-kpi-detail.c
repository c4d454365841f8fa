/* ib-kpi-detail.c
 *
 * The pane is a template updated in place: its chart is filled anew, its rows follow the
 * indicator through their binding, and only the badges and the values list are refilled. The
 * chart gets a continuous month axis for monthly indicators, so a month nobody reported shows
 * as a gap rather than being silently closed up; quarterly and annual indicators are drawn at
 * the periods they have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ib-badge.h"
#include "ib-detail-header.h"
#include "ib-detail-pane.h"
#include "ib-detail-util.h"
#include "ib-enums.h"
#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-kpi-detail-private.h"
#include "ib-links.h"

/* Values listed before "Show All": two years of months. */
#define RECENT_VALUES 24

G_STATIC_ASSERT ((int) IB_KPI_SERIES_ENGLAND == (int) IB_CHART_ENGLAND);
G_STATIC_ASSERT ((int) IB_KPI_SERIES_STAT_NEIGHBOURS == (int) IB_CHART_STAT_NEIGHBOURS);
G_STATIC_ASSERT ((int) IB_KPI_SERIES_REGION == (int) IB_CHART_REGION);

struct _IbKpiDetail
{
  IbDetailPane    parent_instance;

  /* template */
  IbDetailHeader *header;
  GtkWidget      *add_button;
  GtkWidget      *edit_button;
  GtkWidget      *delete_button;
  GtkLabel       *comparison_label;
  GtkDropDown    *range_drop_down;
  IbChart        *chart;
  GtkWidget      *grades_frame;
  IbChart        *grades_chart;
  IbFieldRow     *target_row;
  IbFieldRow     *tolerance_row;
  IbFieldRow     *rank_row;
  IbFieldRow     *sn_rank_row;
  GtkLabel       *source_label;
  GtkWidget      *actions_group;
  GtkListBox     *actions_list;
  GtkWidget      *no_actions_label;
  GtkWidget      *values_group;
  GtkWidget      *values_add_button;
  GtkWidget      *show_all_button;

  /* owned */
  IbKpiModel     *model;
  IbKpiItem      *values_item;   /* what the badges and values list were filled from */
  GPtrArray      *value_rows;
  GPtrArray      *edit_widgets;  /* in the values list: hidden for viewers */

  guint           actions_idle;  /* refilling the actions after a change to any action */

  IbKpiRange      range;
  gboolean        show_all;      /* every value listed, not just the recent ones */
  gboolean        values_all;    /* show_all when the values list was filled */
};

G_DEFINE_FINAL_TYPE (IbKpiDetail, ib_kpi_detail, IB_TYPE_DETAIL_PANE)

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

static void
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
  g_ptr_array_add (self->edit_widgets, g_object_ref (widget));
  gtk_widget_set_visible (widget, ib_detail_pane_get_can_edit (IB_DETAIL_PANE (self)));
  return widget;
}

static void
fill_header (IbKpiDetail *self,
             IbKpiItem   *item)
{
  GtkWidget *badges = ib_detail_header_get_badges (self->header);
  IbRecord *indicator = ib_kpi_item_get_indicator (item);
  int latest = ib_kpi_item_get_latest (item);
  GtkWidget *buttons[] = { self->add_button, self->edit_button, self->delete_button, self->values_add_button };

  ib_detail_header_set_title (self->header, ib_record_get_string (indicator, "title"));
  ib_badge_box_clear (badges);
  if (latest >= 0)
    {
      g_autofree char *value = ib_format_value (indicator, ib_kpi_item_get_latest_value (item));
      g_autofree char *period = ib_format_period (ib_kpi_item_get_period (item, latest));
      g_autofree char *text = g_strdup_printf (C_("kpi value", "%s · %s"), value, period);

      ib_badge_box_add (badges, ib_badge_new (text, NULL, "neutral"));
      ib_badge_box_add (badges, ib_badge_new_trend (ib_record_get_string (indicator, "polarity"), ib_kpi_item_get_trend (item)));
      ib_badge_box_add (badges, ib_badge_new_target (ib_kpi_item_get_target_status (item)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", ib_record_get_id (indicator));
}

static void
fill_target (IbKpiDetail *self)
{
  IbRecord *indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbFieldRow *rows[] = { self->target_row, self->tolerance_row };
  const char * const fields[] = { "target", "tolerance" };

  /* In the indicator's unit ("85%"), not as bare numbers. */
  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      g_autofree char *value = NULL;

      if (ib_record_has (indicator, fields[k]))
        value = ib_format_value (indicator, ib_record_get_double (indicator, fields[k]));
      ib_field_row_set_value (rows[k], value);
    }
}

/* Returns a figure as shown: in the indicator's unit, or what a published symbol means. */
static char *
figure_text (IbRecord   *indicator,
             IbRecord   *measurement,
             const char *field,
             const char *symbol_field)
{
  const char *symbol = ib_record_get_string (measurement, symbol_field);

  if (!ib_record_has (measurement, field) && symbol != NULL)
    /* Translators: a figure withheld by the publisher, with why: "not published (Suppressed (confidential))" */
    return g_strdup_printf (_("not published (%s)"), ib_enum_label (&ib_enum_ees_symbol, symbol));
  if (!ib_record_has (measurement, field))
    return NULL;
  return ib_format_value (indicator, ib_record_get_double (measurement, field));
}

/* "England 86% · Statistical neighbours 84% (mean of 9) · 123 of 150 · revised · note". */
static char *
value_subtitle (IbRecord *indicator,
                IbRecord *measurement)
{
  static const struct { const char *field; const char *symbol; const char *context_label; } comparators[] = {
    { "england", "england_symbol", NC_("chart series", "England") },
    { "stat_neighbours", "stat_neighbours_symbol", NC_("chart series", "Statistical neighbours") },
    { "region", "region_symbol", NC_("chart series", "Region") },
  };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (comparators); c++)
    {
      g_autofree char *value = figure_text (indicator, measurement, comparators[c].field, comparators[c].symbol);

      if (value == NULL)
        continue;
      g_string_append_printf (text, "%s%s %s", text->len > 0 ? " · " : "",
                              g_dpgettext2 (GETTEXT_PACKAGE, "chart series", comparators[c].context_label), value);
      if (c == 1 && ib_record_has (measurement, "sn_count"))
        {
          guint n = (guint) ib_record_get_int (measurement, "sn_count", 0);

          g_string_append_c (text, ' ');
          /* Translators: how many neighbours' figures a mean is of: "(mean of 9)" */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "(mean of %u)", "(mean of %u)", n), n);
        }
    }
  if (ib_record_has (measurement, "numerator") && ib_record_has (measurement, "denominator"))
    {
      g_autofree char *numerator = g_strdup_printf ("%'g", ib_record_get_double (measurement, "numerator"));
      g_autofree char *denominator = g_strdup_printf ("%'g", ib_record_get_double (measurement, "denominator"));

      g_string_append (text, text->len > 0 ? " · " : "");
      /* Translators: a value's numerator and denominator: "123 of 150" */
      g_string_append_printf (text, _("%s of %s"), numerator, denominator);
    }
  if (ib_record_get_string (measurement, "revised") != NULL)
    /* Translators: a published figure a later release changed */
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("revised in a later release"));
  if (ib_record_get_string (measurement, "note") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", ib_record_get_string (measurement, "note"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "England, region and statistical neighbours: 2025, Children looked after in England including
 * adoptions, published 26 November 2025", or NULL when the figures were not imported. */
static char *
source_text (IbRecord *measurement)
{
  const char *title = ib_record_get_string (measurement, "source_publication");
  const char *period = ib_record_get_string (measurement, "source_period");
  const char *published = ib_record_get_string (measurement, "source_published");
  const char *who;
  g_autofree char *text = NULL;

  if (title == NULL || *title == '\0')
    title = ib_record_get_string (measurement, "source_dataset");
  if (title == NULL || period == NULL)
    return NULL;
  who = ib_record_get_bool (measurement, "source_own") ? _("The council, England, region and statistical neighbours")
                                                       : _("England, region and statistical neighbours");
  /* Translators: whose figures, the period as the publication names it, then the publication:
   * "England, region and statistical neighbours: 2025, Children looked after in England including adoptions" */
  text = g_strdup_printf (_("%s: %s, %s"), who, period, title);
  if (published != NULL)
    {
      g_autofree char *date = ib_format_date (published);

      /* Translators: appended to a source: ", published 26 November 2025" */
      return g_strdup_printf (_("%s, published %s"), text, date);
    }
  return g_steal_pointer (&text);
}

static GtkWidget *
value_row (IbKpiDetail *self,
           IbKpiItem   *item,
           guint        i)
{
  IbRecord *indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_kpi_model_get_store (self->model);
  const char *id = ib_kpi_item_get_measurement_id (item, i);
  g_autoptr (IbRecord) measurement = ib_store_get (store, &ib_type_measurement, id, NULL);
  g_autofree char *period = ib_format_period (ib_kpi_item_get_period (item, i));
  g_autofree char *value = NULL, *subtitle = NULL, *edit_name = NULL, *delete_name = NULL;
  GtkWidget *row, *label, *buttons, *suffixes;

  if (measurement == NULL)
    return NULL;
  value = figure_text (indicator, measurement, "value", "value_symbol");
  if (value == NULL)
    value = ib_format_value (indicator, NAN);
  subtitle = value_subtitle (indicator, measurement);
  /* Not an AdwActionRow: two dozen of those searched for their heights on every measure of
   * the pane, most of the KPI view's first showing. */
  row = ib_detail_line_row (period, subtitle, &suffixes);
  label = gtk_label_new (value);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (suffixes), label);

  /* Translators: a button's name for screen readers: "Edit the value for March 2022" */
  edit_name = g_strdup_printf (_("Edit the value for %s"), period);
  /* Translators: a button's name for screen readers: "Delete the value for March 2022" */
  delete_name = g_strdup_printf (_("Delete the value for %s"), period);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("document-edit-symbolic", edit_name, "kpis.edit-value", id));
  gtk_box_append (GTK_BOX (buttons), ib_detail_icon_button ("user-trash-symbolic", delete_name, "kpis.delete-value", id));
  gtk_box_append (GTK_BOX (suffixes), edit_widget (self, buttons));
  return row;
}

/* The newest figures' source under the chart, and the newest ranks. */
static void
fill_national (IbKpiDetail *self,
               IbKpiItem   *item)
{
  IbRecord *indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = ib_kpi_model_get_store (self->model);
  gboolean neutral = g_strcmp0 (ib_record_get_string (indicator, "polarity"), "neutral") == 0;
  g_autofree char *source = NULL, *rank = NULL, *sn_rank = NULL;

  for (int i = (int) ib_kpi_item_get_n_periods (item) - 1; i >= 0 && (source == NULL || rank == NULL || sn_rank == NULL); i--)
    {
      g_autoptr (IbRecord) m = ib_store_get (store, &ib_type_measurement, ib_kpi_item_get_measurement_id (item, i), NULL);
      const char *period;

      if (m == NULL)
        continue;
      period = ib_record_get_string (m, "source_period");
      if (source == NULL)
        source = source_text (m);
      if (rank == NULL && ib_record_has (m, "rank"))
        rank = g_strdup_printf (neutral
                                /* Translators: a period, a rank among councils counted from the lowest figure, how many, and a quartile */
                                ? _("%s: %u of %u councils from the lowest figure, quartile %u of 4")
                                /* Translators: a period, a rank among councils (1 the best), how many, and a quartile (1 the best) */
                                : _("%s: %u of %u councils, quartile %u of 4 (1 is the best)"),
                                period != NULL ? period : "", (guint) ib_record_get_int (m, "rank", 0),
                                (guint) ib_record_get_int (m, "rank_of", 0), (guint) ib_record_get_int (m, "quartile", 0));
      if (sn_rank == NULL && ib_record_has (m, "sn_rank"))
        /* Translators: a period, then a rank among the council and its statistical neighbours: "2025: 3 of 11" */
        sn_rank = g_strdup_printf (_("%s: %u of %u"), period != NULL ? period : "",
                                   (guint) ib_record_get_int (m, "sn_rank", 0), (guint) ib_record_get_int (m, "sn_rank_of", 0));
    }

  gtk_label_set_label (self->source_label, source != NULL ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), source != NULL);
  ib_field_row_set_value (self->rank_row, rank);
  ib_field_row_set_value (self->sn_rank_row, sn_rank);
}

static void
fill_values (IbKpiDetail *self,
             IbKpiItem   *item)
{
  guint n = ib_kpi_item_get_n_periods (item), shown = self->show_all ? n : MIN (n, RECENT_VALUES);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->values_group),
                                         n == 0 ? _("No values recorded yet.") : _("Newest first."));
  ib_detail_clear_rows (self->value_rows);
  g_ptr_array_set_size (self->edit_widgets, 0);
  for (guint k = 0; k < shown; k++)
    {
      GtkWidget *row = value_row (self, item, n - 1 - k);

      if (row != NULL)
        ib_detail_group_add_row (self->values_group, self->value_rows, row);
    }

  if (shown < n)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Value", "Show All %u Values", n), n);

      gtk_button_set_label (GTK_BUTTON (self->show_all_button), label);
    }
  gtk_widget_set_visible (self->show_all_button, shown < n);
}

/* The actions that claim to move this indicator, each with its RAG, opening it in the plan. */
static void
fill_actions (IbKpiDetail *self)
{
  IbRecord *indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  IbStore *store = self->model != NULL ? ib_kpi_model_get_store (self->model) : NULL;
  g_auto (GStrv) ids = NULL;
  guint n = 0;

  ib_detail_clear (GTK_WIDGET (self->actions_list));
  if (indicator == NULL || store == NULL)
    return;

  ids = ib_links_get (store, IB_LINK_INDICATOR_ACTIONS, ib_record_get_id (indicator));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (IbRecord) action = ib_store_get (store, &ib_type_action, ids[i], NULL);
      g_autofree char *spoken = NULL, *name = NULL;
      GtkWidget *row, *box, *line, *go;

      if (action == NULL)
        continue;
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      line = ib_detail_action_line (action, &spoken);
      go = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_hexpand (line, TRUE);
      gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), line);
      gtk_box_append (GTK_BOX (box), go);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", "plan", ids[i]);
      /* Translators: a link's name for screen readers: "Open Action 4: Amber, Audit practice in the Action Plan" */
      name = g_strdup_printf (_("Open %s in the Action Plan"), spoken);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_list_box_append (self->actions_list, row);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_list), n > 0);
  gtk_widget_set_visible (self->no_actions_label, n == 0);
}

static gboolean
fill_actions_cb (gpointer data)
{
  IbKpiDetail *self = data;

  self->actions_idle = 0;
  fill_actions (self);
  return G_SOURCE_REMOVE;
}

/* The KPI model follows only indicators and values; a link made or an action rated from the
 * plan's end reaches this pane here. */
static void
on_store_changed_cb (IbKpiDetail *self,
                     const char  *type_name)
{
  if (g_strcmp0 (type_name, "action") == 0 && self->actions_idle == 0 &&
      ib_detail_pane_get_record (IB_DETAIL_PANE (self)) != NULL)
    self->actions_idle = g_idle_add (fill_actions_cb, self);
}

static void
on_range_changed_cb (IbKpiDetail *self)
{
  ib_kpi_detail_set_range (self, (IbKpiRange) gtk_drop_down_get_selected (self->range_drop_down));
}

static void
on_show_all_cb (IbKpiDetail *self)
{
  IbRecord *indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));

  self->show_all = TRUE;
  ib_kpi_detail_show (self, self->model, ib_kpi_model_lookup (self->model, ib_record_get_id (indicator)));
}

static void
ib_kpi_detail_dispose (GObject *object)
{
  IbKpiDetail *self = (IbKpiDetail *) object;

  g_clear_handle_id (&self->actions_idle, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (ib_kpi_model_get_store (self->model), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_KPI_DETAIL);
  g_clear_object (&self->model);
  g_clear_object (&self->values_item);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->edit_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_kpi_detail_parent_class)->dispose (object);
}

static void
can_edit_changed (IbDetailPane *pane)
{
  IbKpiDetail *self = IB_KPI_DETAIL (pane);

  /* A pane being disposed has let its rows go already. */
  if (self->edit_widgets == NULL)
    return;
  for (guint i = 0; i < self->edit_widgets->len; i++)
    gtk_widget_set_visible (self->edit_widgets->pdata[i], ib_detail_pane_get_can_edit (pane));
}

static void
ib_kpi_detail_class_init (IbKpiDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_kpi_detail_dispose;
  IB_DETAIL_PANE_CLASS (klass)->can_edit_changed = can_edit_changed;

  g_type_ensure (IB_TYPE_CHART);
  g_type_ensure (IB_TYPE_DETAIL_HEADER);
  g_type_ensure (IB_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-kpi-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, header);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, add_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, comparison_label);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, range_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, chart);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, grades_frame);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, grades_chart);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, target_row);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, tolerance_row);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, rank_row);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, sn_rank_row);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, source_label);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, actions_group);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, actions_list);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, no_actions_label);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, values_group);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, values_add_button);
  gtk_widget_class_bind_template_child (widget_class, IbKpiDetail, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_cb);
}

static void
ib_kpi_detail_init (IbKpiDetail *self)
{
  self->range = IB_KPI_RANGE_2_YEARS;
  self->value_rows = g_ptr_array_new ();
  /* Held, not borrowed: the rows are kept while the same indicator is shown, and a viewer's
   * switch walks these, so none may be a widget already gone. */
  self->edit_widgets = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->range_drop_down, self->range);
}

void
ib_kpi_detail_show (IbKpiDetail *self,
                    IbKpiModel  *model,
                    IbKpiItem   *item)
{
  IbRecord *indicator, *shown;
  const char *comparison;
  g_autoptr (IbKpiGrades) grades = NULL;

  g_return_if_fail (IB_IS_KPI_DETAIL (self));

  if (item == NULL || model == NULL || ib_kpi_item_get_kind (item) != IB_KPI_ITEM_INDICATOR)
    {
      ib_detail_pane_show_empty (IB_DETAIL_PANE (self));
      return;
    }

  indicator = ib_kpi_item_get_indicator (item);
  shown = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  /* Another indicator starts with its recent values again. */
  if (shown == NULL || g_strcmp0 (ib_record_get_id (indicator), ib_record_get_id (shown)) != 0)
    self->show_all = FALSE;
  ib_detail_pane_begin (IB_DETAIL_PANE (self), indicator);
  if (self->model != model)
    {
      if (self->model != NULL)
        g_signal_handlers_disconnect_by_data (ib_kpi_model_get_store (self->model), self);
      g_set_object (&self->model, model);
      g_signal_connect_swapped (ib_kpi_model_get_store (model), "changed", G_CALLBACK (on_store_changed_cb), self);
    }
  /* An item is replaced, never changed, when its indicator or values change: the same item
   * shown again (the first load chooses it, then says it was updated) keeps its badges and
   * rows, which are most of what showing it costs. */
  if (item != self->values_item || self->show_all != self->values_all)
    {
      fill_header (self, item);
      fill_values (self, item);
      g_set_object (&self->values_item, item);
      self->values_all = self->show_all;
    }
  comparison = ib_kpi_item_get_comparison (item);
  gtk_label_set_label (self->comparison_label, comparison != NULL ? comparison : "");
  gtk_widget_set_visible (GTK_WIDGET (self->comparison_label), comparison != NULL);
  ib_kpi_detail_fill_chart (self->chart, item, self->range);
  if (ib_kpi_grade_for_code (ib_record_get_string (indicator, "code")) >= 0)
    grades = ib_kpi_model_dup_grades (model);
  if (grades != NULL)
    ib_kpi_detail_fill_grades (self->grades_chart, grades);
  gtk_widget_set_visible (self->grades_frame, grades != NULL);
  fill_target (self);
  fill_national (self, item);
  fill_actions (self);
  ib_detail_pane_show (IB_DETAIL_PANE (self));
}

void
ib_kpi_detail_set_range (IbKpiDetail *self,
                         IbKpiRange   range)
{
  IbRecord *indicator;
  IbKpiItem *item;

  g_return_if_fail (IB_IS_KPI_DETAIL (self));

  if (range > IB_KPI_RANGE_ALL || range == self->range)
    return;
  indicator = ib_detail_pane_get_record (IB_DETAIL_PANE (self));
  self->range = range;
  gtk_drop_down_set_selected (self->range_drop_down, range);
  /* Only the chart changes: the rest of the pane, and where it is scrolled, stay. */
  item = self->model != NULL && indicator != NULL ? ib_kpi_model_lookup (self->model, ib_record_get_id (indicator)) : NULL;
  if (item != NULL)
    ib_kpi_detail_fill_chart (self->chart, item, range);
}

IbChart *
ib_kpi_detail_get_chart (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), NULL);
  return ib_detail_pane_get_record (IB_DETAIL_PANE (self)) != NULL ? self->chart : NULL;
}

const char *
ib_kpi_detail_get_source (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), NULL);

  if (ib_detail_pane_get_record (IB_DETAIL_PANE (self)) == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (self->source_label)))
    return NULL;
  return gtk_label_get_label (self->source_label);
}

IbChart *
ib_kpi_detail_get_grades_chart (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), NULL);
  return ib_detail_pane_get_record (IB_DETAIL_PANE (self)) != NULL && gtk_widget_get_visible (self->grades_frame)
         ? self->grades_chart : NULL;
}

IbKpiRange
ib_kpi_detail_get_range (IbKpiDetail *self)
{
  g_return_val_if_fail (IB_IS_KPI_DETAIL (self), IB_KPI_RANGE_ALL);
  return self->range;
}
