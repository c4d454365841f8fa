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

G_END_DECLS
