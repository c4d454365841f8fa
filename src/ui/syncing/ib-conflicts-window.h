/* ib-conflicts-window.h: each edit that clashed, field by field, and the person's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-sync-service.h"

G_BEGIN_DECLS

#define IB_TYPE_CONFLICTS_WINDOW (ib_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (IbConflictsWindow, ib_conflicts_window, IB, CONFLICTS_WINDOW, AdwWindow)

/* Returns a window listing @service's open conflicts; it refreshes as they are decided. */
IbConflictsWindow *ib_conflicts_window_new (GtkWindow     *parent,
                                            IbSyncService *service);

G_END_DECLS
