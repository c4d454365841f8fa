/* ib-council-page.h: the Preferences page saying which council the board is for and who its
 * statistical neighbours are, for comparing its figures and grades with theirs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_COUNCIL_PAGE (ib_council_page_get_type ())

G_DECLARE_FINAL_TYPE (IbCouncilPage, ib_council_page, IB, COUNCIL_PAGE, AdwPreferencesPage)

/* Returns a page editing @store's council code and neighbours; it can go in any
 * AdwPreferencesWindow. */
IbCouncilPage *ib_council_page_new (IbStore *store);

/* Returns a window for @parent holding the page alone, for a window that has no Preferences of
 * its own yet. */
GtkWindow     *ib_council_page_new_window (GtkWindow *parent,
                                           IbStore   *store);

G_END_DECLS
