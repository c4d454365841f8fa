/* pulled-page.h: a page of the changes feed as a pull brings it, for the model tests and the
 * benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ib-store.h"

G_BEGIN_DECLS

/* Returns @limit change entries (or fewer, if @store has too few records) made from @store's
 * records at their next revision: edits to actions, statements, risks, indicators and
 * measurements, new statements and reviews, and a deleted statement (transfer full). */
JsonArray *ib_test_pulled_page (IbStore *store,
                                guint    limit);

/* Returns @limit entries (or fewer, if @store has too few actions): a new position statement
 * on each of @store's actions in turn, as a week of board returns brings them. */
JsonArray *ib_test_pulled_statements (IbStore *store,
                                      guint    limit);

G_END_DECLS
