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
} IbSyncError;

GQuark  ib_sync_error_quark          (void);

/* Returns the endpoint's normalised base URL (no trailing slash, no query) when @url is
 * https://, or http:// to a loopback address; otherwise NULL and a message saying why. */
char   *ib_sync_endpoint_normalise   (const char  *url,
                                      GError     **error);

G_END_DECLS
