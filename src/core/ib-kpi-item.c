/* ib-kpi-item.c
 *
 * The figures are held as plain arrays read in one query: 300 indicators × 120 months would
 * be 36,000 record objects if every measurement were parsed, and the list needs only numbers.
 * The measurement itself is read when someone edits it. Periods sit inline and ids in one
 * string chunk per indicator: two allocations per measurement were half of a reload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi-item"

#include "config.h"

#include <math.h>

#include "ib-kpi-item-private.h"

struct _IbKpiItem
{
  GObject          parent_instance;

  IbKpiItemKind    kind;
  IbRecord        *indicator;
  char            *category;
  guint            n_indicators;

  GArray          *periods;           /* Period */
  GPtrArray       *measurement_ids;   /* char *, in ids */
  GStringChunk    *ids;
  GArray          *series[IB_KPI_N_SERIES];
  gboolean         has_series[IB_KPI_N_SERIES];

  int              latest;
  int              previous;
  double           comparators[IB_KPI_N_COMPARATORS];
  IbTrend          trend;
  int              trend_better;
  IbTargetStatus   status;
  char            *comparison;
  char            *haystack;
};

/* YYYY-MM: the schema admits nothing longer. */
typedef struct
{
  char text[8];
} Period;

#define PERIOD_AT(self, i) (g_array_index ((self)->periods, Period, (i)).text)

G_DEFINE_FINAL_TYPE (IbKpiItem, ib_kpi_item, G_TYPE_OBJECT)

static void
ib_kpi_item_finalize (GObject *object)
{
  IbKpiItem *self = (IbKpiItem *) object;

  g_clear_object (&self->indicator);
  g_free (self->category);
  g_array_unref (self->periods);
  g_ptr_array_unref (self->measurement_ids);
  g_string_chunk_free (self->ids);
  for (int s = 0; s < IB_KPI_N_SERIES; s++)
    g_array_unref (self->series[s]);
  g_free (self->comparison);
  g_free (self->haystack);

  G_OBJECT_CLASS (ib_kpi_item_parent_class)->finalize (object);
}

static void
ib_kpi_item_class_init (IbKpiItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ib_kpi_item_finalize;
}

static void
ib_kpi_item_init (IbKpiItem *self)
{
  self->periods = g_array_new (FALSE, FALSE, sizeof (Period));
  self->measurement_ids = g_ptr_array_new ();
  self->ids = g_string_chunk_new (1024);
  for (int s = 0; s < IB_KPI_N_SERIES; s++)
    self->series[s] = g_array_new (FALSE, FALSE, sizeof (double));
  for (int c = 0; c < IB_KPI_N_COMPARATORS; c++)
    self->comparators[c] = NAN;
  self->latest = self->previous = -1;
}

IbKpiItem *
_ib_kpi_item_new_heading (const char *category)
{
  IbKpiItem *self = g_object_new (IB_TYPE_KPI_ITEM, NULL);

  self->kind = IB_KPI_ITEM_HEADING;
  self->category = g_strdup (category);
  return self;
}

IbKpiItem *
_ib_kpi_item_new (IbRecord *indicator)
{
  IbKpiItem *self = g_object_new (IB_TYPE_KPI_ITEM, NULL);
  g_autoptr (GString) haystack = g_string_new (NULL);
  static const char * const fields[] = { "code", "title", "category", "definition" };

  self->kind = IB_KPI_ITEM_INDICATOR;
  self->indicator = g_object_ref (indicator);
  self->category = g_strdup (ib_record_get_string (indicator, "category"));
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      const char *text = ib_record_get_string (indicator, fields[f]);

      if (text != NULL)
        g_string_append_printf (haystack, "%s\n", text);
    }
  self->haystack = g_utf8_casefold (haystack->str, -1);
  return self;
}

void
_ib_kpi_item_append (IbKpiItem    *self,
                     const char   *measurement_id,
                     const char   *period,
                     const double  values[IB_KPI_N_SERIES])
{
  Period p;

  g_strlcpy (p.text, period != NULL ? period : "", sizeof p.text);
  g_array_append_val (self->periods, p);
  g_ptr_array_add (self->measurement_ids, g_string_chunk_insert (self->ids, measurement_id != NULL ? measurement_id : ""));
  for (int s = 0; s < IB_KPI_N_SERIES; s++)
    {
      g_array_append_val (self->series[s], values[s]);
      self->has_series[s] |= !isnan (values[s]);
    }
}

void
_ib_kpi_item_finish (IbKpiItem *self)
{
  const double *values = (const double *) self->series[IB_KPI_SERIES_VALUE]->data;
  const char *polarity = ib_record_get_string (self->indicator, "polarity");
  double previous = NAN, latest = NAN;
  const char *previous_name = NULL;

  for (int i = (int) self->periods->len - 1; i >= 0 && self->previous < 0; i--)
    if (!isnan (values[i]))
      {
        if (self->latest < 0)
          self->latest = i;
        else
          self->previous = i;
      }

  if (self->latest >= 0)
    {
      latest = values[self->latest];
      /* A comparator is published yearly: the newest one up to the value's month stands. */
      for (int c = 0; c < IB_KPI_N_COMPARATORS; c++)
        for (int i = self->latest; i >= 0 && isnan (self->comparators[c]); i--)
          self->comparators[c] = g_array_index (self->series[c + 1], double, i);
    }
  if (self->previous >= 0)
    {
      previous = values[self->previous];
      previous_name = ib_kpi_previous_name (ib_record_get_string (self->indicator, "frequency"),
                                            PERIOD_AT (self, self->previous),
                                            PERIOD_AT (self, self->latest));
    }

  self->trend = ib_kpi_trend (previous, latest);
  self->trend_better = ib_kpi_trend_is_better (polarity, self->trend);
  self->status = ib_kpi_target_status (polarity, latest,
                                       ib_record_get_double (self->indicator, "target"),
                                       ib_record_get_double (self->indicator, "tolerance"));
  g_free (self->comparison);
  self->comparison = ib_kpi_describe_comparison (polarity, latest, self->comparators, previous, previous_name);
}

void
_ib_kpi_item_set_n_indicators (IbKpiItem *self,
                               guint      n)
{
  self->n_indicators = n;
}

const char *
_ib_kpi_item_get_haystack (IbKpiItem *self)
{
  return self->haystack != NULL ? self->haystack : "";
}

IbKpiItemKind
ib_kpi_item_get_kind (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), IB_KPI_ITEM_HEADING);
  return self->kind;
}

IbRecord *
ib_kpi_item_get_indicator (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  return self->indicator;
}

const char *
ib_kpi_item_get_category (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  return self->category;
}

guint
ib_kpi_item_get_n_indicators (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), 0);
  return self->n_indicators;
}

guint
ib_kpi_item_get_n_periods (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), 0);
  return self->periods->len;
}

const char *
ib_kpi_item_get_period (IbKpiItem *self,
                        guint      index)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  g_return_val_if_fail (index < self->periods->len, NULL);
  return PERIOD_AT (self, index);
}

const double *
ib_kpi_item_get_series (IbKpiItem   *self,
                        IbKpiSeries  series)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  g_return_val_if_fail (series < IB_KPI_N_SERIES, NULL);
  return self->has_series[series] ? (const double *) self->series[series]->data : NULL;
}

const char *
ib_kpi_item_get_measurement_id (IbKpiItem *self,
                                guint      index)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  g_return_val_if_fail (index < self->measurement_ids->len, NULL);
  return self->measurement_ids->pdata[index];
}

int
ib_kpi_item_get_latest (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), -1);
  return self->latest;
}

int
ib_kpi_item_get_previous (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), -1);
  return self->previous;
}

double
ib_kpi_item_get_latest_value (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NAN);
  return self->latest >= 0 ? g_array_index (self->series[IB_KPI_SERIES_VALUE], double, self->latest) : NAN;
}

IbTrend
ib_kpi_item_get_trend (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), IB_TREND_NONE);
  return self->trend;
}

int
ib_kpi_item_get_trend_better (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), 0);
  return self->trend_better;
}

IbTargetStatus
ib_kpi_item_get_target_status (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), IB_TARGET_NONE);
  return self->status;
}

double
ib_kpi_item_get_comparator (IbKpiItem       *self,
                            IbKpiComparator  comparator)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NAN);
  g_return_val_if_fail (comparator < IB_KPI_N_COMPARATORS, NAN);
  return self->comparators[comparator];
}

const char *
ib_kpi_item_get_comparison (IbKpiItem *self)
{
  g_return_val_if_fail (IB_IS_KPI_ITEM (self), NULL);
  return self->comparison;
}
