/* ib-server-auth.h: password hashing and bearer tokens for improvement-board-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tokens expire after this many idle seconds (docs/sync-protocol.md: 90 days). */
#define IB_TOKEN_IDLE_SECONDS (90 * 24 * 60 * 60)

/* Prepares libgcrypt; call once before any other function here. Returns FALSE if it is too old. */
gboolean  ib_server_auth_init        (void);

/* Returns @password hashed with scrypt and a fresh random salt, in a self-describing
 * "scrypt$N$r$p$salt$key" form so the cost can be raised later (transfer full). */
char     *ib_password_hash           (const char *password,
                                      GError    **error);

/* Returns TRUE when @password matches @encoded; compares in constant time. */
gboolean  ib_password_verify         (const char *password,
                                      const char *encoded);

/* Returns a new bearer token: 256 random bits, base64url without padding (transfer full). */
char     *ib_token_new               (void);

/* Returns the hex SHA-256 of @token, the only form the server stores (transfer full). */
char     *ib_token_hash              (const char *token);

/* Fills @buffer with bytes from the kernel's CSPRNG; aborts only if the kernel refuses. */
void      ib_random_bytes            (guint8    *buffer,
                                      gsize      length);

G_END_DECLS
