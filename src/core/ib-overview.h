/* ib-overview.h: the figures of the Overview page, read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-kpi.h"
#include "ib-reader.h"
#include "ib-store.h"

G_BEGIN_DECLS

typedef struct
{
  IbRecord       *indicator;
  char           *period;       /* of the latest value */
  double          latest;
  double          previous;     /* NAN when there is one value */
  IbTargetStatus  status;
  IbTrend         trend;
} IbKpiSummary;

typedef struct
{
  IbRecord  *judged_inspection;  /* newest inspection with judgements, or NULL */
  GPtrArray *judgements;         /* IbRecord, in the framework's area order */
  IbRecord  *latest_engagement;  /* newest Ofsted engagement of any kind, or NULL */

  IbRecord  *plan;               /* the active plan (or newest), or NULL */
  guint      n_actions;
  guint      n_red;
  guint      n_amber;
  guint      n_green;
  guint      n_unrated;
  guint      n_complete;
  guint      n_overdue;          /* past due and not complete */
  guint      n_stale;            /* open actions with no statement in the last six weeks */
  guint      n_not_improving;    /* delivered (Green or complete) but not improving (ib-evidence.h) */

  GPtrArray *kpis_off_target;    /* IbKpiSummary, furthest from target first */
  GPtrArray *top_risks;          /* IbRecord, open risks by residual score, at most five */
  guint      n_risks_open;
  guint      n_reviews_overdue;

  guint      n_sample;           /* records marked as sample data */
} IbOverview;

/* Weeks without a position statement after which an open action counts as stale. */
#define IB_OVERVIEW_STALE_WEEKS 6

/* Computes the Overview as at @today (YYYY-MM-DD; NULL means the current UTC date). */
IbOverview *ib_overview_compute (IbStore     *store,
                                 const char  *today,
                                 GError     **error);

/* The same, read through @reader: a connection of its own on a worker thread, so the Overview's
 * figures cost the main thread nothing but showing them. */
IbOverview *ib_overview_compute_read (IbReader    *reader,
                                      const char  *today,
                                      GError     **error);

/* Frees an overview and everything it holds. */
void        ib_overview_free    (IbOverview  *overview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbOverview, ib_overview_free)

/* What "are we getting better?" counts in. */
typedef enum
{
  IB_SINCE_ACTIONS,
  IB_SINCE_KPIS,
  IB_SINCE_RISKS,
  IB_SINCE_N_TOPICS,
} IbSinceTopic;

/* Today's data against the last issued Improvement Board pack, through the packs' own
 * comparison (ib-pack-diff.h). An action counts when it changed colour or was completed; a KPI
 * once, by its move across its target or else by its turn; a risk when its residual score
 * moved or it was closed ("better" is a lower score). */
typedef struct
{
  IbRecord  *previous;                    /* that pack's report, or NULL when none was issued */
  IbRecord  *meeting;                     /* its meeting, or NULL */
  JsonArray *changes;                     /* every change this device may show, exceptions first;
                                             none when no pack was issued */
  GPtrArray *better[IB_SINCE_N_TOPICS];   /* JsonObject changes counted (held by changes) */
  GPtrArray *worse[IB_SINCE_N_TOPICS];
} IbSinceBoard;

/* Compares today's data with the last issued Improvement Board pack; on a device that may not
 * see Exempt items, changes about them are left out. */
IbSinceBoard *ib_overview_since_last_board (IbStore      *store,
                                            GError      **error);

/* Frees a comparison and everything it holds. */
void          ib_since_board_free          (IbSinceBoard *since);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbSinceBoard, ib_since_board_free)

G_END_DECLS
