/* ib-risk-model.h: the risk register as the Risks view lists it, with its heat maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-risk.h"
#include "ib-store.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

typedef enum
{
  IB_RISK_SORT_REF,       /* R01, R02, … (natural order) */
  IB_RISK_SORT_RESIDUAL,  /* highest residual score first */
  IB_RISK_SORT_REVIEW,    /* soonest next review first, undated last */
  IB_RISK_SORT_OWNER,
} IbRiskSort;

/* Which score a heat map plots. */
typedef enum
{
  IB_RISK_MATRIX_INHERENT,
  IB_RISK_MATRIX_RESIDUAL,
} IbRiskMatrixKind;

#define IB_TYPE_RISK_MODEL (ib_risk_model_get_type ())

G_DECLARE_FINAL_TYPE (IbRiskModel, ib_risk_model, IB, RISK_MODEL, GObject)

/* Returns a model of @store's risks (an IbViewModel); it takes the store's changes in at idle,
 * re-reading only the risks they touch, and emits "updated" after each reload, each change
 * taken in and each change of filter, cell or sort. */
IbRiskModel *ib_risk_model_new            (IbStore          *store);
/* Returns a model as ib_risk_model_new () does, whose first load is read on a worker thread
 * with a connection of its own when the store is a file (read here otherwise): it lists
 * nothing and is loading until then; "updated" says when it is in. Filters, the sort and
 * hidden risks set meanwhile apply to it; changes committed meanwhile are taken in with it. */
IbRiskModel *ib_risk_model_new_loading    (IbStore          *store);
/* Returns TRUE while the first load, read apart, is not yet in. */
gboolean     ib_risk_model_is_loading     (IbRiskModel      *self);

/* Returns the store the model reads. */
IbStore     *ib_risk_model_get_store      (IbRiskModel      *self);

/* Returns the risks shown (IbRecord), filtered and sorted (transfer none). */
GListModel  *ib_risk_model_get_items      (IbRiskModel      *self);


void         ib_risk_model_set_sort       (IbRiskModel      *self,
                                           IbRiskSort        sort);
/* Keeps risks whose ref, title, owner, cause, event or consequence contains @text (any case). */
void         ib_risk_model_set_search     (IbRiskModel      *self,
                                           const char       *text);
/* Keeps risks whose residual score is in @band; IB_RISK_BAND_NONE keeps all. */
void         ib_risk_model_set_band       (IbRiskModel      *self,
                                           IbRiskBand        band);
/* Keeps risks of this owner (exact text); NULL keeps all. */
void         ib_risk_model_set_owner      (IbRiskModel      *self,
                                           const char       *owner);
/* Keeps the risks whose owner names @person (ib_schedule_names_person (): any case,
 * trimmed), "My risks"; NULL or blank keeps all. */
void         ib_risk_model_set_person     (IbRiskModel      *self,
                                           const char       *person);
/* Returns the person whose risks are kept, trimmed, or NULL. */
const char  *ib_risk_model_get_person     (IbRiskModel      *self);
/* Keeps risks of this category code; NULL keeps all. */
void         ib_risk_model_set_category   (IbRiskModel      *self,
                                           const char       *category);
/* Keeps only risks whose review is overdue when TRUE. */
void         ib_risk_model_set_overdue_only (IbRiskModel    *self,
                                             gboolean        overdue);
/* Shows closed risks too when TRUE (they are left out by default). */
void         ib_risk_model_set_show_closed (IbRiskModel     *self,
                                            gboolean         show);
/* Keeps risks in one heat-map cell: likelihood @l and impact @i (1–5) of @kind; 0 clears. */
void         ib_risk_model_set_cell       (IbRiskModel      *self,
                                           IbRiskMatrixKind  kind,
                                           int               l,
                                           int               i);
/* Returns the cell filter; FALSE when none is set. */
gboolean     ib_risk_model_get_cell       (IbRiskModel      *self,
                                           IbRiskMatrixKind *kind,
                                           int              *l,
                                           int              *i);
/* Returns TRUE when a search, a filter or a cell narrows the list. */
gboolean     ib_risk_model_is_filtered    (IbRiskModel      *self);
/* Clears the search, every filter and the cell. */
void         ib_risk_model_clear_filters  (IbRiskModel      *self);

/* Returns how many risks passing every filter but the cell sit in cell (@l, @i) of @kind's
 * heat map, and their refs joined with ", " in @refs when not NULL (transfer full). */
guint        ib_risk_model_count_cell     (IbRiskModel      *self,
                                           IbRiskMatrixKind  kind,
                                           int               l,
                                           int               i,
                                           char            **refs);

/* Returns the reviews of risk @risk_id (IbRecord), oldest first (transfer container). */
GPtrArray   *ib_risk_model_list_reviews   (IbRiskModel      *self,
                                           const char       *risk_id);
/* Returns how @risk's residual score moved at its last review. */
IbRiskTrend  ib_risk_model_get_trend      (IbRiskModel      *self,
                                           IbRecord         *risk);
/* Returns TRUE when @risk is open and its next review date has passed. */
gboolean     ib_risk_model_is_overdue     (IbRiskModel      *self,
                                           IbRecord         *risk);
/* Returns every owner named by a risk, sorted (transfer full). */
GStrv        ib_risk_model_list_owners    (IbRiskModel      *self);
/* Returns the risk @id as last loaded (transfer none), or NULL. */
IbRecord    *ib_risk_model_lookup         (IbRiskModel      *self,
                                           const char       *id);

/* Records @review (a risk_review) in one transaction; when it is the risk's newest review, the
 * risk's residual likelihood and impact become the review's, and its next review @next_review
 * (YYYY-MM-DD; NULL leaves it). Nothing is written on error. */
gboolean     ib_risk_model_add_review     (IbRiskModel      *self,
                                           IbRecord         *review,
                                           const char       *next_review,
                                           GError          **error);

/* Leaves risk @id out of the list and the heat maps until unhidden (a delete waiting on Undo). */
void         ib_risk_model_hide           (IbRiskModel      *self,
                                           const char       *id);
void         ib_risk_model_unhide         (IbRiskModel      *self,
                                           const char       *id);

/* Reads everything again now, instead of at the next idle. */
void         ib_risk_model_reload         (IbRiskModel      *self);

G_END_DECLS
