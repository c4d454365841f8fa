/* ib-risks-page-private.h: what tests reach inside the risk view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-risks-page.h"

G_BEGIN_DECLS

/* Returns the model the page shows (transfer none), or NULL before a store is set. */
IbRiskModel *ib_risks_page_get_model      (IbRisksPage *self);

/* Returns the inherent or residual heat map (transfer none). */
GtkWidget   *ib_risks_page_get_matrix     (IbRisksPage      *self,
                                           IbRiskMatrixKind  kind);

/* Carries out a delete still waiting on its Undo toast. */
void         ib_risks_page_commit_pending (IbRisksPage *self);

G_END_DECLS
