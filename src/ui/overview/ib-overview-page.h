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

/* Returns TRUE while figures are awaited or being shown: the first, read on a worker thread
 * after the page's first frame, and new ones after a change (at most one reading a second). */
gboolean ib_overview_page_is_loading (IbOverviewPage *self);

G_END_DECLS
