/* ib-secret.h: the sync token in the Secret Service, never in SQLite, GSettings or logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Stores @token for (@server, @user) in the default keyring, or for this session only when
 * there is none (and the person signs in again next time). Fails only if no Secret Service
 * answers. */
void      ib_secret_store_async   (const char          *server,
                                   const char          *user,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  ib_secret_store_finish  (GAsyncResult        *result,
                                   GError             **error);

/* Looks the token up; the finish call returns it (transfer full) or NULL when there is none. */
void      ib_secret_lookup_async  (const char          *server,
                                   const char          *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char     *ib_secret_lookup_finish (GAsyncResult        *result,
                                   GError             **error);

/* Removes the token for (@server, @user); not finding one is not an error. */
void      ib_secret_clear_async   (const char          *server,
                                   const char          *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  ib_secret_clear_finish  (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
