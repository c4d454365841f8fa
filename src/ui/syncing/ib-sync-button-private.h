/* ib-sync-button-private.h: what tests read from the sync button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-sync-button.h"

G_BEGIN_DECLS

/* Returns the short state text the button shows, e.g. "Synced". */
const char  *ib_sync_button_get_label   (IbSyncButton  *self);

G_END_DECLS
