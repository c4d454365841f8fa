/* ib-store-migrations.h: the numbered schema migrations, frozen once released
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the SQL that takes a database from @version - 1 to @version, or NULL past the last. */
const char *_ib_store_migration_sql (int version);

G_END_DECLS
