/* ib-risk.h: risk scoring on the 5×5 likelihood × impact matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  IB_RISK_BAND_NONE,
  IB_RISK_BAND_LOW,    /* 1–4 */
  IB_RISK_BAND_MEDIUM, /* 5–12 */
  IB_RISK_BAND_HIGH,   /* 15–25 */
} IbRiskBand;

/* Returns likelihood × impact, or 0 when either is outside 1–5. */
int         ib_risk_score      (gint64     likelihood,
                                gint64     impact);

/* Returns the band of a score from ib_risk_score (); 0 is IB_RISK_BAND_NONE. */
IbRiskBand  ib_risk_band       (int        score);

/* Returns the translated label of @band ("Low", "Medium", "High"). */
const char *ib_risk_band_label (IbRiskBand band);

typedef enum
{
  IB_RISK_TREND_NONE,    /* fewer than two scores to compare */
  IB_RISK_TREND_UP,      /* the score rose: worse */
  IB_RISK_TREND_SAME,
  IB_RISK_TREND_DOWN,    /* the score fell: better */
} IbRiskTrend;

/* Returns how the score moved from @previous to @current (scores from ib_risk_score ()); NONE when either is 0. */
IbRiskTrend ib_risk_trend      (int        previous,
                                int        current);

/* Returns the arrow and word of @trend for showing, e.g. "↑ Worse" (translated); "" for NONE. */
const char *ib_risk_trend_label (IbRiskTrend trend);

G_END_DECLS
