/* ib-kpi.h: KPI maths: target status and polarity-aware trend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  IB_TARGET_NONE,             /* no target, or a context-only indicator */
  IB_TARGET_ON,
  IB_TARGET_WITHIN_TOLERANCE,
  IB_TARGET_OFF,
} IbTargetStatus;

typedef enum
{
  IB_TREND_NONE,  /* fewer than two values */
  IB_TREND_UP,
  IB_TREND_FLAT,
  IB_TREND_DOWN,
} IbTrend;

/* Returns where @value stands against @target for @polarity; a NAN @tolerance counts as zero. */
IbTargetStatus ib_kpi_target_status       (const char     *polarity,
                                           double          value,
                                           double          target,
                                           double          tolerance);

/* Returns the direction from @previous to @latest. */
IbTrend        ib_kpi_trend               (double          previous,
                                           double          latest);

/* Returns +1 when @trend is an improvement for @polarity, -1 when it is worse, 0 otherwise. */
int            ib_kpi_trend_is_better     (const char     *polarity,
                                           IbTrend         trend);

/* Returns the translated label of @status. */
const char    *ib_target_status_label     (IbTargetStatus  status);

/* The national and local figures a council's value is read against. */
typedef enum
{
  IB_KPI_ENGLAND,
  IB_KPI_STAT_NEIGHBOURS,
  IB_KPI_REGION,
  IB_KPI_N_COMPARATORS,
} IbKpiComparator;

/* Returns the comparison read in one sentence, e.g. "Better than England and statistical
 * neighbours; worse than last month": better or worse for @polarity (higher or lower when
 * neutral) against each @comparators value that is not NAN and against @previous, which
 * @previous_name names ("last month"); NULL when there is nothing to compare (transfer full). */
char          *ib_kpi_describe_comparison (const char     *polarity,
                                           double          latest,
                                           const double   *comparators,
                                           double          previous,
                                           const char     *previous_name);

/* Returns @period (YYYY-MM) as a count of months (year × 12 + month − 1), so months subtract;
 * a very negative number when it is not a month. */
int            ib_kpi_month_number        (const char     *period);

/* Returns how the figure before @period is named in a comparison: "last month" one month
 * before, "last quarter" three months before a quarterly @frequency, "the same month last
 * year" twelve before, otherwise "the previous figure" (both periods YYYY-MM). */
const char    *ib_kpi_previous_name       (const char     *frequency,
                                           const char     *previous_period,
                                           const char     *period);

/* Returns the value a @numerator and @denominator give in @unit: a percentage for "percent",
 * per 10,000 for "rate_per_10k", the plain ratio otherwise; NAN when either is missing or the
 * denominator is not above zero. */
double         ib_kpi_value_from_parts    (const char     *unit,
                                           double          numerator,
                                           double          denominator);

/* Practice reviews (audits) are recorded as one percentage indicator per grade, by these codes. */
typedef enum
{
  IB_KPI_GRADE_INADEQUATE,
  IB_KPI_GRADE_REQUIRES_IMPROVEMENT,
  IB_KPI_GRADE_GOOD,
  IB_KPI_GRADE_OUTSTANDING,
  IB_KPI_N_GRADES,
} IbKpiGrade;

/* Returns the indicator code holding the share of practice reviews graded @grade ("QA_INAD"…). */
const char    *ib_kpi_grade_code          (IbKpiGrade      grade);

/* Returns the grade whose share indicator has @code, or -1 when @code is not one. */
int            ib_kpi_grade_for_code      (const char     *code);

/* Returns the translated name of an audit @grade ("Requires improvement"). */
const char    *ib_kpi_grade_label         (IbKpiGrade      grade);

G_END_DECLS
