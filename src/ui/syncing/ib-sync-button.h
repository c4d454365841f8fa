/* ib-sync-button.h: the header's sync state, with Sync Now and the way to settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-sync-service.h"

G_BEGIN_DECLS

#define IB_TYPE_SYNC_BUTTON (ib_sync_button_get_type ())

G_DECLARE_FINAL_TYPE (IbSyncButton, ib_sync_button, IB, SYNC_BUTTON, GtkWidget)

/* Shows @service's state from now on (NULL shows nothing). */
void         ib_sync_button_set_service (IbSyncButton  *self,
                                         IbSyncService *service);

G_END_DECLS
