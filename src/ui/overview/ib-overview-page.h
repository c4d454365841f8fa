/* ib-overview-page.h: the home page: where the programme stands, at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_OVERVIEW_PAGE (ib_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (IbOverviewPage, ib_overview_page, IB, OVERVIEW_PAGE, GtkWidget)

/* Returns the store the page reads, or NULL. */
IbStore *ib_overview_page_get_store (IbOverviewPage *self);

/* Shows @store's figures and follows its changes; NULL clears the page. */
void     ib_overview_page_set_store (IbOverviewPage *self,
                                     IbStore        *store);

/* Shows or hides the controls that change the plan (FALSE for a viewer). */
void     ib_overview_page_set_can_edit (IbOverviewPage *self,
                                        gboolean        can_edit);

/* Recomputes the figures now instead of at the next idle. */
void     ib_overview_page_refresh   (IbOverviewPage *self);

G_END_DECLS
