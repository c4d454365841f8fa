/* ib-kpi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

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
