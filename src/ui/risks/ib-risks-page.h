/* ib-risks-page.h: the Risks view: the register, its inherent and residual heat maps, and
 * one risk's detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-risk-model.h"

G_BEGIN_DECLS

#define IB_TYPE_RISKS_PAGE (ib_risks_page_get_type ())

G_DECLARE_FINAL_TYPE (IbRisksPage, ib_risks_page, IB, RISKS_PAGE, GtkWidget)

/* Returns the model the page shows (transfer none), or NULL before a store is set. */
IbRiskModel *ib_risks_page_get_model      (IbRisksPage *self);

/* Returns the inherent or residual heat map (transfer none). */
GtkWidget   *ib_risks_page_get_matrix     (IbRisksPage      *self,
                                           IbRiskMatrixKind  kind);

/* Selects risk @id; returns FALSE when it is not listed. */
gboolean     ib_risks_page_select         (IbRisksPage *self,
                                           const char  *id);

/* Carries out a delete still waiting on its Undo toast. */
void         ib_risks_page_commit_pending (IbRisksPage *self);

G_END_DECLS
