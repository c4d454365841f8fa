/* ib-store-migrations.h: the numbered schema migrations, frozen once released
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the SQL that takes a database from @version - 1 to @version, or NULL past the last. */
const char *_ib_store_migration_sql (int version);

/* Returns the SQL that creates the triggers keeping the statement search index (version 7). */
const char *_ib_store_statement_text_triggers_sql (void);

G_END_DECLS
