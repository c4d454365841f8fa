/* ib-judgements-page-private.h: what tests reach inside the judgements view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-judgements-page.h"

G_BEGIN_DECLS

/* Returns the model the page shows (transfer none), or NULL before a store is set. */
IbJudgementsModel *ib_judgements_page_get_model      (IbJudgementsPage *self);

/* Selects the engagement or intervention step @id; returns FALSE when it is not listed. */
gboolean           ib_judgements_page_select         (IbJudgementsPage *self,
                                                      const char       *id);

/* Carries out a delete still waiting on its Undo toast. */
void               ib_judgements_page_commit_pending (IbJudgementsPage *self);

G_END_DECLS
