/* ib-sync-service.h: when and whether to sync — sign-in, schedule, backoff, state for the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-store.h"

G_BEGIN_DECLS

typedef enum
{
  IB_SYNC_STATE_SIGNED_OUT,
  IB_SYNC_STATE_SYNCED,
  IB_SYNC_STATE_SYNCING,
  IB_SYNC_STATE_PENDING,
  IB_SYNC_STATE_OFFLINE,
  IB_SYNC_STATE_CONFLICTS,
  IB_SYNC_STATE_STOPPED,    /* needs the person: an app update, or sign-in again */
} IbSyncState;

#define IB_TYPE_SYNC_SERVICE (ib_sync_service_get_type ())

G_DECLARE_FINAL_TYPE (IbSyncService, ib_sync_service, IB, SYNC_SERVICE, GObject)

/* Returns a service for @store; it does nothing until ib_sync_service_start (). */
IbSyncService *ib_sync_service_new              (IbStore             *store);

/* Picks up the server and user saved in the database, looks the token up in the Secret
 * Service, and starts syncing in the background. */
void           ib_sync_service_start            (IbSyncService       *self);

/* Signs in to @url (https, or http on loopback) and keeps the token in the Secret Service. */
void           ib_sync_service_sign_in_async    (IbSyncService       *self,
                                                 const char          *url,
                                                 const char          *user,
                                                 const char          *password,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       ib_sync_service_sign_in_finish   (IbSyncService       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Revokes the token on the server (best effort), forgets it locally, and stops syncing.
 * Local data and unsent changes stay. */
void           ib_sync_service_sign_out         (IbSyncService       *self);

/* Syncs now, skipping any backoff but never a server's Retry-After. */
void           ib_sync_service_sync_now         (IbSyncService       *self);

/* Decides a conflict and syncs the decision. */
gboolean       ib_sync_service_resolve          (IbSyncService       *self,
                                                 const char          *conflict_id,
                                                 JsonObject          *set,
                                                 GError             **error);

/* Decides a conflict over records a delete kept because its author could not see them:
 * delete them too (@delete_rest) or restore the deleted record; then syncs the decision. */
gboolean       ib_sync_service_resolve_kept     (IbSyncService       *self,
                                                 const char          *conflict_id,
                                                 gboolean             delete_rest,
                                                 GError             **error);

/* Fetches the history of @type @id from the server into the store, so ib_store_history_list ()
 * reads it (and still reads it offline). Fails with IB_SYNC_ERROR_FAILED when this database
 * syncs with no server: its history is then only the edits waiting in it. */
void           ib_sync_service_fetch_history_async  (IbSyncService       *self,
                                                     const char          *type,
                                                     const char          *id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       ib_sync_service_fetch_history_finish (IbSyncService       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Forgets a rejected change the person has read (and perhaps copied). */
gboolean       ib_sync_service_discard          (IbSyncService       *self,
                                                 const char          *mid,
                                                 GError             **error);

/* Settles a record a full resync set aside: send it to the server again, or remove it here. */
gboolean       ib_sync_service_release          (IbSyncService       *self,
                                                 const char          *type,
                                                 const char          *id,
                                                 gboolean             send_again,
                                                 GError             **error);

IbSyncState    ib_sync_service_get_state        (IbSyncService       *self);
/* Returns the unsent changes, open conflicts and rejected changes. */
guint          ib_sync_service_get_pending      (IbSyncService       *self);
guint          ib_sync_service_get_conflicts    (IbSyncService       *self);
guint          ib_sync_service_get_rejected     (IbSyncService       *self);
/* Returns the last problem in words a person can act on, or NULL. */
const char    *ib_sync_service_get_message      (IbSyncService       *self);
/* Returns the server address and user signed in with, or NULL. */
const char    *ib_sync_service_get_server       (IbSyncService       *self);
const char    *ib_sync_service_get_user         (IbSyncService       *self);
IbStore       *ib_sync_service_get_store        (IbSyncService       *self);
/* Returns how many changes the sync in progress has received so far (0 when idle). */
guint          ib_sync_service_get_received     (IbSyncService       *self);
/* Returns FALSE for a viewer: the window then hides its edit controls. */
gboolean       ib_sync_service_get_can_edit     (IbSyncService       *self);

G_END_DECLS
