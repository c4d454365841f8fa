/* ib-history.h: a record's history as this device knows it — what the server told it (kept
 * for reading offline) and the edits still waiting to be sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-store.h"

G_BEGIN_DECLS

/* Keeps @entries (the "history" array of GET /v1/records/{type}/{id}/history) for @type @id,
 * replacing what was kept for the same revisions. One transaction. */
gboolean    ib_store_history_put     (IbStore     *self,
                                      const char  *type,
                                      const char  *id,
                                      JsonArray   *entries,
                                      GError     **error);

/* Forgets what was kept for @type @id (it is no longer visible here). */
gboolean    ib_store_history_forget  (IbStore     *self,
                                      const char  *type,
                                      const char  *id,
                                      GError     **error);

/* Returns the history of @type @id newest first (transfer full, JsonObject elements in the
 * server's entry shape: rev, kind, at, by, device, changed, from, to): first the edits made here
 * and not yet confirmed, each with "pending": true, then what the server sent. */
GPtrArray  *ib_store_history_list    (IbStore     *self,
                                      const char  *type,
                                      const char  *id);

G_END_DECLS
