/* ib-pack-diff.h: "since the last board": what changed between two pack documents, exceptions
 * first, and how a pack's items read (an indicator's latest value, an action's colour)
 *
 * The comparison works on documents (ib-pack.h), so a pack compares its frozen snapshot with
 * the previous pack's frozen snapshot, and the Overview can compare today's data, built as a
 * draft, with the last issued pack through the same code.
 *
 * Each change is an object {item: "change", change, direction, exception, key, …}, where key is
 * the id of the record it is about (absent for inspections and findings):
 *
 *   action_colour          ref, title, from, to (RAG codes)
 *   action_added           ref, title, to (RAG code, may be absent)
 *   action_completed       ref, title
 *   action_rolled_forward  ref, title, from_plan
 *   action_overdue         ref, title, due_on
 *   action_red             ref, title                         (still Red)
 *   statement_new          ref, title, as_at, to (RAG code, may be absent)
 *   kpi_target             code, title, from, to ("on", "within", "off"), value, period,
 *                          unit, decimals
 *   kpi_direction          code, title, from, to ("up", "down"), period
 *   kpi_off                code, title, value, target, period, unit, decimals (still off target)
 *   risk_score             ref, title, from, to (scores), band_changed
 *   risk_added             ref, title, to (score)
 *   risk_closed            ref, title
 *   risk_high              ref, title, to (score)               (still High)
 *   inspection_new         kind, starts_on, theme
 *   finding_new            kind, text
 *
 * "direction" is −1 for worse, +1 for better, 0 for neither; "exception" is TRUE for what got
 * worse and for what is red (an action still Red, a KPI still off target, a risk still High).
 * A change about an exempt item, or read from one, is exempt with the strictest paragraph, so
 * Part 1 leaves it out like the item itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-kpi.h"

G_BEGIN_DECLS

/* How an indicator of a document reads, from the points it holds (placeholders skipped). */
typedef struct
{
  int            latest;          /* index of the newest point with a value, or -1 */
  int            previous;        /* index of the one before it, or -1 */
  double         latest_value;    /* NAN when none */
  double         previous_value;
  IbTargetStatus status;
  IbTrend        trend;
  int            better;          /* +1 when the trend is an improvement, −1 worse, 0 neither */
} IbPackReading;

/* Reads @indicator (an "indicator" object of a document) into @reading. */
void        ib_pack_read_indicator      (JsonObject    *indicator,
                                         IbPackReading *reading);

/* Returns the delivery RAG an action of a document shows: its own, or its statement's when the
 * statement is there (not a placeholder); NULL when not rated. */
const char *ib_pack_action_rag          (JsonObject    *action);

/* Returns the changes from @previous (NULL when there was no earlier pack) to @current,
 * exceptions first: what got worse, then what is red, then what got better, then the rest
 * (transfer full). With no earlier pack, only what is red. */
JsonArray  *ib_pack_compare             (JsonObject    *previous,
                                         JsonObject    *current);

/* Returns @change in one translated sentence, e.g. "Action 5 “Assessment quality” moved from
 * Amber to Red." (transfer full). */
char       *ib_pack_describe_change     (JsonObject    *change);

/* Returns TRUE when @change is an exception: worse, or red. */
gboolean    ib_pack_change_is_exception (JsonObject    *change);

G_END_DECLS
