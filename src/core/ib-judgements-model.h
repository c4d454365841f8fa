/* ib-judgements-model.h: Ofsted's engagements, grades and findings, and the DfE's
 * intervention, as the Judgements view shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-store.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

/* One grade in an area's history. */
typedef struct
{
  IbRecord *inspection;
  IbRecord *judgement;
} IbGradePoint;

/* One area of an inspection's framework, graded or not. */
typedef struct
{
  const char *area;       /* a judgement area code */
  IbRecord   *judgement;  /* NULL while the area has no grade */
  GPtrArray  *history;    /* IbGradePoint, oldest first, across every graded inspection */
} IbGridRow;

/* A finding and the actions that answer it. */
typedef struct
{
  IbRecord  *finding;
  GPtrArray *actions;     /* IbRecord, the live actions it links, in the finding's order */
  guint      n_missing;   /* linked actions deleted or not on this device */
} IbFindingLinks;

#define IB_TYPE_JUDGEMENTS_MODEL (ib_judgements_model_get_type ())

G_DECLARE_FINAL_TYPE (IbJudgementsModel, ib_judgements_model, IB, JUDGEMENTS_MODEL, GObject)

/* Returns a model of @store's Ofsted engagements and interventions (an IbViewModel); it
 * follows the store's changes at idle and emits "updated" after each reload, hide and unhide. */
IbJudgementsModel *ib_judgements_model_new             (IbStore              *store);
/* Returns a model as ib_judgements_model_new () does, whose first load is read on a worker
 * thread with a connection of its own when the store is a file (read here otherwise): it
 * lists nothing and is loading until then; "updated" says when it is in, with any change
 * committed meanwhile. */
IbJudgementsModel *ib_judgements_model_new_loading     (IbStore              *store);
/* Returns TRUE while the first load, read apart, is not yet in. */
gboolean           ib_judgements_model_is_loading      (IbJudgementsModel    *self);

/* Returns the store the model reads (transfer none). */
IbStore           *ib_judgements_model_get_store       (IbJudgementsModel    *self);

/* Returns the engagements (inspection records) and intervention steps (intervention records)
 * together, newest first (transfer none). Hidden records are left out. */
GListModel        *ib_judgements_model_get_timeline    (IbJudgementsModel    *self);

/* Returns the inspection or intervention @id as last loaded (transfer none), or NULL. */
IbRecord          *ib_judgements_model_lookup          (IbJudgementsModel    *self,
                                                        const char           *id);

/* Returns the rows of @inspection_id's judgement grid: each area of its framework in Ofsted's
 * order, then any recorded area the framework does not have (data from elsewhere is shown,
 * never hidden). Empty for an ungraded engagement. Free with g_ptr_array_unref (). */
GPtrArray         *ib_judgements_model_get_grid        (IbJudgementsModel    *self,
                                                        const char           *inspection_id);

/* Returns every grade for @area or its counterparts in other framework versions, oldest
 * first (IbGradePoint). Free with g_ptr_array_unref (). */
GPtrArray         *ib_judgements_model_get_history     (IbJudgementsModel    *self,
                                                        const char           *area);

/* Returns @inspection_id's findings (IbFindingLinks): areas for priority action, then what
 * needs to improve, then strengths, each in its order. Free with g_ptr_array_unref (). */
GPtrArray         *ib_judgements_model_get_findings    (IbJudgementsModel    *self,
                                                        const char           *inspection_id);

/* Returns TRUE when @links is a finding that asks for change and no live action answers it. */
gboolean           ib_finding_links_unanswered         (const IbFindingLinks *links);

/* Returns the intervention step in force on @date (YYYY-MM-DD; NULL for today), transfer
 * none, or NULL when none had started. A "lifted" step is returned as such. */
IbRecord          *ib_judgements_model_intervention_at (IbJudgementsModel    *self,
                                                        const char           *date);

/* Returns the newest engagement with at least one grade (transfer none), or NULL. */
IbRecord          *ib_judgements_model_latest_graded   (IbJudgementsModel    *self);

/* Leaves record @id (of any type here) out of every list until unhidden: a delete waiting on
 * its Undo toast. */
void               ib_judgements_model_hide            (IbJudgementsModel    *self,
                                                        const char           *id);
void               ib_judgements_model_unhide          (IbJudgementsModel    *self,
                                                        const char           *id);

/* Reads everything again now, instead of at the next idle. */
void               ib_judgements_model_reload          (IbJudgementsModel    *self);

/* Lists only the engagements whose kind, dates, people, theme, summary or findings contain
 * @text (any case; NULL or empty lists all). */
void               ib_judgements_model_set_search      (IbJudgementsModel    *self,
                                                        const char           *text);

G_END_DECLS
