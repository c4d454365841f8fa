/* ib-demo.h: the demo plan, built from BCP's published reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* Loads the demo plan into @store in one transaction. Records already present (by id) are
 * left alone, so loading twice adds nothing. Returns how many records were added, or -1
 * with @error set and nothing written. */
int ib_demo_load           (IbStore     *store,
                            GError     **error);

/* Loads records in the demo file format from @bytes; see ib_demo_load (). */
int ib_demo_load_bytes     (IbStore     *store,
                            GBytes      *bytes,
                            GError     **error);

G_END_DECLS
