/* ib-sync-endpoint.h: which sync endpoint URLs the client will talk to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IB_SYNC_ERROR (ib_sync_error_quark ())

typedef enum
{
  IB_SYNC_ERROR_BAD_URL,
  IB_SYNC_ERROR_INSECURE_URL,
  IB_SYNC_ERROR_UNAUTHORIZED,    /* 401: sign in again; the outbox is kept */
  IB_SYNC_ERROR_FORBIDDEN,       /* 403 on push: this role may not change anything */
  IB_SYNC_ERROR_UPGRADE_NEEDED,  /* 426: the server speaks a newer protocol */
  IB_SYNC_ERROR_RETRY_LATER,     /* 429/503: wait at least ib_sync_engine_get_retry_after () */
  IB_SYNC_ERROR_UNREACHABLE,     /* network down, reset, timeout, 5xx, garbled reply: outcome unknown */
  IB_SYNC_ERROR_NOT_FOUND,       /* 404: the server shows this user no such record */
  IB_SYNC_ERROR_FAILED,
} IbSyncError;

GQuark  ib_sync_error_quark          (void);

/* Returns the endpoint's normalised base URL (no trailing slash, no query) when @url is
 * https://, or http:// to a loopback address; otherwise NULL and a message saying why. */
char   *ib_sync_endpoint_normalise   (const char  *url,
                                      GError     **error);

G_END_DECLS
