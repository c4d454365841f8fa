/* ib-server.h: the HTTP face of improvement-board-server (SoupServer over IbServerDb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ib-server-db.h"

G_BEGIN_DECLS

#define IB_TYPE_SERVER (ib_server_get_type ())

G_DECLARE_FINAL_TYPE (IbServer, ib_server, IB, SERVER, GObject)

/* Returns a server answering the endpoints of docs/sync-protocol.md from @db. */
IbServer   *ib_server_new      (IbServerDb       *db);

/* Listens on @address ("HOST:PORT", port 0 picks a free one). Plain HTTP is refused on a
 * non-loopback address unless @allow_remote_http; with @certificate it speaks HTTPS. */
gboolean    ib_server_listen   (IbServer         *self,
                                const char       *address,
                                gboolean          allow_remote_http,
                                GTlsCertificate  *certificate,
                                GError          **error);

/* Returns "HOST:PORT" of the listening socket, with the port actually bound (transfer full). */
char       *ib_server_get_address (IbServer      *self);

/* Writes one log line to stderr: a JSON object with "time", "level" and "event", then the
 * pairs that follow, each key prefixed with its kind ('s' a string, 'i' a gint64), ending
 * with NULL (@first_key may be that NULL). */
void        ib_server_log      (const char       *level,
                                const char       *event,
                                const char       *first_key,
                                ...) G_GNUC_NULL_TERMINATED;

/* Sends every GLib log message of this process through ib_server_log (), so each line the
 * server writes is JSON. */
void        ib_server_log_install (void);

/* Stops taking new requests, lets those in flight finish (up to @grace_seconds), then emits
 * "stopped". */
void        ib_server_shutdown (IbServer         *self,
                                guint             grace_seconds);

G_END_DECLS
