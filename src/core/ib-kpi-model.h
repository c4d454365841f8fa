/* ib-kpi-model.h: the indicators as the KPI view lists them, grouped by category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-kpi-item.h"
#include "ib-store.h"
#include "ib-view-model.h"

G_BEGIN_DECLS

/* The practice-review (audit) grade distribution: each grade's share per period. */
typedef struct
{
  GStrv    periods;                  /* YYYY-MM, oldest first: every period any grade has */
  guint    n_periods;
  double  *shares[IB_KPI_N_GRADES];  /* parallel to periods (NAN gaps); NULL when not recorded */
} IbKpiGrades;

/* Frees @grades; NULL is ignored. */
void ib_kpi_grades_free (IbKpiGrades *grades);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IbKpiGrades, ib_kpi_grades_free)

#define IB_TYPE_KPI_MODEL (ib_kpi_model_get_type ())

G_DECLARE_FINAL_TYPE (IbKpiModel, ib_kpi_model, IB, KPI_MODEL, GObject)

/* Returns a model of @store's indicators and measurements (an IbViewModel); it takes the
 * store's changes in at idle, re-reading only the indicators they touch, and emits "updated"
 * after each reload, each change taken in and each search. */
IbKpiModel  *ib_kpi_model_new              (IbStore     *store);

/* Returns a model as ib_kpi_model_new () does, but on a database file its first load is read
 * on a worker thread, on a read-only connection of its own: until it is taken in there are no
 * rows and ib_kpi_model_is_loading () is TRUE; then they come in one splice, with every store
 * change committed meanwhile, and "updated" is emitted. */
IbKpiModel  *ib_kpi_model_new_loading      (IbStore     *store);

/* Returns TRUE while the first load is read apart and not yet shown. */
gboolean     ib_kpi_model_is_loading       (IbKpiModel  *self);

/* Returns the store the model reads. */
IbStore     *ib_kpi_model_get_store        (IbKpiModel  *self);

/* Returns the rows shown (IbKpiItem): each category's heading, then its indicators by code;
 * indicators with no category come last under a heading of their own (transfer none). */
GListModel  *ib_kpi_model_get_items        (IbKpiModel  *self);

/* Keeps indicators whose code, title, category or definition contains @text (any case). */
void         ib_kpi_model_set_search       (IbKpiModel  *self,
                                            const char  *text);

/* Returns TRUE when a search narrows the list. */
gboolean     ib_kpi_model_is_filtered      (IbKpiModel  *self);

/* Returns the row of indicator @id as last loaded, listed or not (transfer none), or NULL. */
IbKpiItem   *ib_kpi_model_lookup           (IbKpiModel  *self,
                                            const char  *id);

/* Returns how many indicators there are, listed or not. */
guint        ib_kpi_model_get_n_indicators (IbKpiModel  *self);

/* Returns the audit grade distribution from the QA_* indicators, or NULL when none has a
 * value (transfer full). */
IbKpiGrades *ib_kpi_model_dup_grades       (IbKpiModel  *self);

/* Leaves indicator or measurement @id out until unhidden (a delete waiting on Undo). */
void         ib_kpi_model_hide             (IbKpiModel  *self,
                                            const char  *id);
void         ib_kpi_model_unhide           (IbKpiModel  *self,
                                            const char  *id);

/* Reads everything again now, instead of at the next idle. */
void         ib_kpi_model_reload           (IbKpiModel  *self);

G_END_DECLS
