/* ib-sync-engine.h: the client side of docs/sync-protocol.md — push the outbox, pull the feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-store.h"
#include "ib-sync-endpoint.h"

G_BEGIN_DECLS

#define IB_TYPE_SYNC_ENGINE (ib_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (IbSyncEngine, ib_sync_engine, IB, SYNC_ENGINE, GObject)

/* Returns an engine syncing @store with the endpoint @base_url (already normalised). */
IbSyncEngine *ib_sync_engine_new             (IbStore              *store,
                                              const char           *base_url);

/* Sets the bearer token to send (NULL when signed out). The engine never stores it. */
void          ib_sync_engine_set_token       (IbSyncEngine         *self,
                                              const char           *token);

/* Exchanges @user and @password for a device token; the finish call returns it
 * (transfer full) for the caller to keep in the Secret Service. */
void          ib_sync_engine_sign_in_async   (IbSyncEngine         *self,
                                              const char           *user,
                                              const char           *password,
                                              const char           *device_name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char         *ib_sync_engine_sign_in_finish  (IbSyncEngine         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Revokes the current token on the server (DELETE /v1/auth/token). */
void          ib_sync_engine_sign_out_async  (IbSyncEngine         *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      ib_sync_engine_sign_out_finish (IbSyncEngine         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Runs one cycle: push every pending mutation in batches, pull until has_more is false,
 * and again while the outbox grew, never blocking the main loop. Fails with an IB_SYNC_ERROR;
 * whatever was committed before the failure stays committed. */
void          ib_sync_engine_sync_async      (IbSyncEngine         *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      ib_sync_engine_sync_finish     (IbSyncEngine         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Fetches the history of @type @id (newest first, page by page, at most 1,000 entries) and
 * keeps it in the store (ib-history.h) for reading offline. NOT_FOUND when the server shows
 * this user no such record; what was kept of it is then forgotten. */
void          ib_sync_engine_fetch_history_async  (IbSyncEngine         *self,
                                                   const char           *type,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      ib_sync_engine_fetch_history_finish (IbSyncEngine         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Sets the overall deadline of each request, in seconds (default 60, docs/sync-protocol.md). */
void          ib_sync_engine_set_deadline    (IbSyncEngine         *self,
                                              guint                 seconds);

/* With @enabled FALSE, a first sync never asks for a bootstrap file and pulls the whole feed
 * (default TRUE; for benchmarks and tests that compare the two). */
void          ib_sync_engine_set_bootstrap   (IbSyncEngine         *self,
                                              gboolean              enabled);

/* Returns how many records the last cycle copied from a bootstrap file (0: none). */
guint         ib_sync_engine_get_bootstrapped (IbSyncEngine        *self);

/* Returns why the last cycle did not use a bootstrap file it asked for (NULL: none was
 * refused); the sync then went on through the feed. */
const GError *ib_sync_engine_get_bootstrap_error (IbSyncEngine     *self);

/* Called at the client crash points of the fault tests ("client.after_send",
 * "client.after_response_before_apply"); the fault suite's driver exits there. */
typedef void (*IbSyncCrashHook) (const char *point,
                                 gpointer    user_data);

/* Installs @hook (NULL removes it). Production code never sets one. */
void          ib_sync_engine_set_crash_hook  (IbSyncEngine         *self,
                                              IbSyncCrashHook       hook,
                                              gpointer              user_data);

/* Returns the seconds to wait after IB_SYNC_ERROR_RETRY_LATER (1 s to 1 h). */
guint         ib_sync_engine_get_retry_after (IbSyncEngine         *self);

/* Returns how many HTTP requests the engine has sent, for tests and benchmarks. */
guint         ib_sync_engine_get_requests    (IbSyncEngine         *self);

G_END_DECLS
