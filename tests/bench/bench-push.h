/* bench-push.h: filling a real server with mutations as the client engine sends them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-test-server.h"

G_BEGIN_DECLS

/* Pushes @texts (mutations as JSON text) to @srv with @token, in batches of at most
 * IB_PUSH_MAX_MUTATIONS and IB_PUSH_MAX_BYTES, as the client engine sends them; returns how many
 * the server applied, and sets @requests to the number of requests. Aborts on a refused request. */
guint ib_bench_push (IbTestServer *srv,
                     const char   *token,
                     GPtrArray    *texts,
                     guint        *requests);

G_END_DECLS
