/* ib-risk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-risk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-risk.h"

int
ib_risk_score (gint64 likelihood,
               gint64 impact)
{
  if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5)
    return 0;

  return (int) (likelihood * impact);
}

IbRiskBand
ib_risk_band (int score)
{
  if (score <= 0)
    return IB_RISK_BAND_NONE;
  if (score <= 4)
    return IB_RISK_BAND_LOW;
  if (score <= 12)
    return IB_RISK_BAND_MEDIUM;
  return IB_RISK_BAND_HIGH;
}

const char *
ib_risk_band_label (IbRiskBand band)
{
  switch (band)
    {
    case IB_RISK_BAND_LOW:
      return C_("risk band", "Low");
    case IB_RISK_BAND_MEDIUM:
      return C_("risk band", "Medium");
    case IB_RISK_BAND_HIGH:
      return C_("risk band", "High");
    case IB_RISK_BAND_NONE:
    default:
      return C_("risk band", "Not scored");
    }
}

IbRiskTrend
ib_risk_trend (int previous,
               int current)
{
  if (previous <= 0 || current <= 0)
    return IB_RISK_TREND_NONE;
  if (current > previous)
    return IB_RISK_TREND_UP;
  if (current < previous)
    return IB_RISK_TREND_DOWN;
  return IB_RISK_TREND_SAME;
}

const char *
ib_risk_trend_label (IbRiskTrend trend)
{
  switch (trend)
    {
    /* Translators: a risk's score rose since its last review; keep the arrow */
    case IB_RISK_TREND_UP:
      return C_("risk trend", "↑ Worse");
    /* Translators: a risk's score is unchanged since its last review; keep the arrow */
    case IB_RISK_TREND_SAME:
      return C_("risk trend", "→ No change");
    /* Translators: a risk's score fell since its last review; keep the arrow */
    case IB_RISK_TREND_DOWN:
      return C_("risk trend", "↓ Better");
    case IB_RISK_TREND_NONE:
    default:
      return "";
    }
}
