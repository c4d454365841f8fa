/* ib-sync-settings.h: the sync server, sign-in and rejected changes (the schedule is in
 * Preferences)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-sync-service.h"

G_BEGIN_DECLS

#define IB_TYPE_SYNC_SETTINGS (ib_sync_settings_get_type ())

G_DECLARE_FINAL_TYPE (IbSyncSettings, ib_sync_settings, IB, SYNC_SETTINGS, AdwPreferencesWindow)

/* Returns a settings window for @service. */
IbSyncSettings *ib_sync_settings_new (GtkWindow     *parent,
                                      IbSyncService *service);

G_END_DECLS
