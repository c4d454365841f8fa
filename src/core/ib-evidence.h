/* ib-evidence.h: did an action make a difference? Its linked KPIs since it started, the
 * practice-review grades, its impact RAG, and the "delivered but not improving" flag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-kpi.h"
#include "ib-reader.h"
#include "ib-store.h"

G_BEGIN_DECLS

/* One linked indicator, read from where the action started to its newest figure. */
typedef struct
{
  IbRecord       *indicator;
  char           *from_period;  /* the figure the action started from (NULL: none yet) */
  double          from;
  char           *latest_period;
  double          latest;
  int             better;       /* +1 improved for its polarity since, −1 worse, 0 neither */
  IbTargetStatus  status;       /* of the latest figure */
} IbEvidenceKpi;

typedef enum
{
  IB_EVIDENCE_NONE_LINKED,      /* no indicator linked: nothing to judge improvement by */
  IB_EVIDENCE_IMPROVING,        /* every linked indicator better, none off target */
  IB_EVIDENCE_MIXED,
  IB_EVIDENCE_NOT_IMPROVING,    /* some linked indicator worse since the start, or off target */
} IbEvidenceVerdict;

typedef struct
{
  IbRecord          *action;
  char              *since;        /* YYYY-MM-DD the action is judged from */
  GPtrArray         *kpis;         /* IbEvidenceKpi */
  gboolean           has_grades;   /* a practice-review share indicator is linked */
  double             grades_from[IB_KPI_N_GRADES];   /* shares when it started, NAN unknown */
  double             grades_latest[IB_KPI_N_GRADES];
  char              *grades_from_period;
  char              *grades_latest_period;
  char              *impact_rag;   /* the latest statement's impact RAG code, else the action's */
  gboolean           delivered;    /* Green for delivery, or complete */
  IbEvidenceVerdict  verdict;
  gboolean           flagged;      /* delivered but not improving */
} IbEvidence;

/* Reads the evidence for the action @action_id; NULL with @error when there is no such action. */
IbEvidence *ib_evidence_for_action        (IbStore     *store,
                                           const char  *action_id,
                                           GError     **error);

/* Returns one sentence saying why @evidence is flagged, or what it shows (transfer full). */
char       *ib_evidence_describe          (IbEvidence  *evidence);

void        ib_evidence_free              (IbEvidence  *evidence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbEvidence, ib_evidence_free)

/* Returns the ids of the live actions of @plan_id (every plan when NULL) flagged as delivered
 * but not improving, in plan order (transfer full: char * elements). */
GPtrArray  *ib_evidence_flagged_actions   (IbStore     *store,
                                           const char  *plan_id,
                                           GError     **error);

/* Returns TRUE when every action answering the finding @finding_id is complete and none of
 * their linked indicators has improved since they started: a finding that looks closed but
 * has not moved. FALSE when it has no actions, or they link no indicator (no evidence). */
/* The same, read through @reader (its own connection on a worker thread, or the store's);
 * NULL when the actions cannot be read. */
GPtrArray  *ib_evidence_flagged_actions_read (IbReader   *reader,
                                              const char *plan_id);

gboolean    ib_evidence_finding_stalled   (IbStore     *store,
                                           const char  *finding_id,
                                           GError     **error);

G_END_DECLS
