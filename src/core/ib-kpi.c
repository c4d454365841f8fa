/* ib-kpi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "ib-kpi.h"

IbTargetStatus
ib_kpi_target_status (const char *polarity,
                      double      value,
                      double      target,
                      double      tolerance)
{
  if (isnan (value) || isnan (target) || polarity == NULL)
    return IB_TARGET_NONE;

  if (isnan (tolerance) || tolerance < 0)
    tolerance = 0;

  if (g_str_equal (polarity, "higher_is_better"))
    {
      if (value >= target)
        return IB_TARGET_ON;
      return value >= target - tolerance ? IB_TARGET_WITHIN_TOLERANCE : IB_TARGET_OFF;
    }

  if (g_str_equal (polarity, "lower_is_better"))
    {
      if (value <= target)
        return IB_TARGET_ON;
      return value <= target + tolerance ? IB_TARGET_WITHIN_TOLERANCE : IB_TARGET_OFF;
    }

  return IB_TARGET_NONE;
}

IbTrend
ib_kpi_trend (double previous,
              double latest)
{
  if (isnan (previous) || isnan (latest))
    return IB_TREND_NONE;

  /* Relative epsilon: float noise from numerator/denominator maths is not a trend. */
  if (fabs (latest - previous) <= 1e-9 * MAX (fabs (latest), fabs (previous)))
    return IB_TREND_FLAT;

  return latest > previous ? IB_TREND_UP : IB_TREND_DOWN;
}

int
ib_kpi_trend_is_better (const char *polarity,
                        IbTrend     trend)
{
  if (polarity == NULL || (trend != IB_TREND_UP && trend != IB_TREND_DOWN))
    return 0;

  if (g_str_equal (polarity, "higher_is_better"))
    return trend == IB_TREND_UP ? 1 : -1;

  if (g_str_equal (polarity, "lower_is_better"))
    return trend == IB_TREND_DOWN ? 1 : -1;

  return 0;
}

const char *
ib_target_status_label (IbTargetStatus status)
{
  switch (status)
    {
    case IB_TARGET_ON:
      return C_("target status", "On target");
    case IB_TARGET_WITHIN_TOLERANCE:
      return C_("target status", "Within tolerance");
    case IB_TARGET_OFF:
      return C_("target status", "Off target");
    case IB_TARGET_NONE:
    default:
      return C_("target status", "No target");
    }
}

/* Names joined as a list: "England", "England and the region", "A, B and C". */
static char *
join_names (GPtrArray *names)
{
  switch (names->len)
    {
    case 0:
      return NULL;
    case 1:
      return g_strdup (names->pdata[0]);
    case 2:
      /* Translators: two comparators in a sentence, e.g. "England and the region" */
      return g_strdup_printf (_("%s and %s"), (char *) names->pdata[0], (char *) names->pdata[1]);
    default:
      /* Translators: three comparators in a sentence, e.g. "England, statistical neighbours and the region" */
      return g_strdup_printf (_("%s, %s and %s"), (char *) names->pdata[0], (char *) names->pdata[1],
                              (char *) names->pdata[2]);
    }
}

static const char *
comparator_name (IbKpiComparator comparator)
{
  switch (comparator)
    {
    case IB_KPI_ENGLAND:
      return C_("compared with", "England");
    case IB_KPI_STAT_NEIGHBOURS:
      /* Translators: councils with similar characteristics, as the DfE groups them */
      return C_("compared with", "statistical neighbours");
    case IB_KPI_REGION:
      return C_("compared with", "the region");
    case IB_KPI_N_COMPARATORS:
    default:
      return "";
    }
}

/* 0 better (or higher when neutral), 1 worse (or lower), 2 level. */
static int
outcome (const char *polarity,
         double      latest,
         double      other)
{
  IbTrend direction = ib_kpi_trend (other, latest);
  int better;

  if (direction == IB_TREND_FLAT)
    return 2;
  better = ib_kpi_trend_is_better (polarity, direction);
  if (better != 0)
    return better > 0 ? 0 : 1;
  return direction == IB_TREND_UP ? 0 : 1;
}

static const char *
clause_format (gboolean neutral,
               int      kind)
{
  if (kind == 2)
    /* Translators: part of a KPI comparison; %s is "England", "last month"… */
    return _("level with %s");
  if (neutral)
    /* Translators: part of a KPI comparison for a figure that is neither good nor bad when
     * higher (children in care); %s is "England", "last month"… */
    return kind == 0 ? _("higher than %s") : _("lower than %s");
  /* Translators: part of a KPI comparison; %s is "England and statistical neighbours", "last month"… */
  return kind == 0 ? _("better than %s") : _("worse than %s");
}

char *
ib_kpi_describe_comparison (const char   *polarity,
                            double        latest,
                            const double *comparators,
                            double        previous,
                            const char   *previous_name)
{
  gboolean neutral = polarity == NULL || g_str_equal (polarity, "neutral");
  g_autoptr (GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) sentence = g_string_new (NULL);

  if (isnan (latest))
    return NULL;

  for (int kind = 0; kind < 3; kind++)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (int c = 0; comparators != NULL && c < IB_KPI_N_COMPARATORS; c++)
        if (!isnan (comparators[c]) && outcome (polarity, latest, comparators[c]) == kind)
          g_ptr_array_add (names, (gpointer) comparator_name (c));
      if ((list = join_names (names)) != NULL)
        g_ptr_array_add (clauses, g_strdup_printf (clause_format (neutral, kind), list));
    }

  if (!isnan (previous) && previous_name != NULL)
    g_ptr_array_add (clauses, g_strdup_printf (clause_format (neutral, outcome (polarity, latest, previous)),
                                               previous_name));

  if (clauses->len == 0)
    return NULL;

  for (guint i = 0; i < clauses->len; i++)
    {
      if (i > 0)
        /* Translators: joins the parts of a KPI comparison: "Better than England; worse than last month" */
        g_string_append (sentence, C_("clause separator", "; "));
      g_string_append (sentence, clauses->pdata[i]);
    }

  /* The first letter up, in whatever script the translation uses. */
  {
    gunichar first = g_utf8_get_char (sentence->str);
    char upper[8];
    int n = g_unichar_to_utf8 (g_unichar_totitle (first), upper);
    const char *rest = g_utf8_next_char (sentence->str);

    upper[n] = '\0';
    return g_strconcat (upper, rest, NULL);
  }
}

int
ib_kpi_month_number (const char *period)
{
  int year, month;

  if (period == NULL || sscanf (period, "%d-%d", &year, &month) != 2)
    return G_MININT / 2;
  return year * 12 + month - 1;
}

const char *
ib_kpi_previous_name (const char *frequency,
                      const char *previous_period,
                      const char *period)
{
  int gap = ib_kpi_month_number (period) - ib_kpi_month_number (previous_period);

  if (gap == 1)
    return C_("compared with", "last month");
  if (gap == 3 && g_strcmp0 (frequency, "quarterly") == 0)
    return C_("compared with", "last quarter");
  if (gap == 12)
    return C_("compared with", "the same month last year");
  return C_("compared with", "the previous figure");
}

static const char * const grade_codes[IB_KPI_N_GRADES] = { "QA_INAD", "QA_RI", "QA_GOOD", "QA_OUT" };

const char *
ib_kpi_grade_code (IbKpiGrade grade)
{
  g_return_val_if_fail (grade < IB_KPI_N_GRADES, NULL);
  return grade_codes[grade];
}

int
ib_kpi_grade_for_code (const char *code)
{
  for (int g = 0; code != NULL && g < IB_KPI_N_GRADES; g++)
    if (g_str_equal (code, grade_codes[g]))
      return g;
  return -1;
}

const char *
ib_kpi_grade_label (IbKpiGrade grade)
{
  switch (grade)
    {
    case IB_KPI_GRADE_INADEQUATE:
      return C_("audit grade", "Inadequate");
    case IB_KPI_GRADE_REQUIRES_IMPROVEMENT:
      return C_("audit grade", "Requires improvement");
    case IB_KPI_GRADE_GOOD:
      return C_("audit grade", "Good");
    case IB_KPI_GRADE_OUTSTANDING:
      return C_("audit grade", "Outstanding");
    case IB_KPI_N_GRADES:
    default:
      return "";
    }
}

double
ib_kpi_value_from_parts (const char *unit,
                         double      numerator,
                         double      denominator)
{
  double ratio;

  if (isnan (numerator) || isnan (denominator) || !(denominator > 0))
    return NAN;
  ratio = numerator / denominator;
  if (g_strcmp0 (unit, "percent") == 0)
    return ratio * 100;
  if (g_strcmp0 (unit, "rate_per_10k") == 0)
    return ratio * 10000;
  return ratio;
}
