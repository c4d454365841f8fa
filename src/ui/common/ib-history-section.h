/* ib-history-section.h: who changed a record, when, and from what — the last part of every
 * detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-record.h"

G_BEGIN_DECLS

#define IB_TYPE_HISTORY_SECTION (ib_history_section_get_type ())

G_DECLARE_FINAL_TYPE (IbHistorySection, ib_history_section, IB, HISTORY_SECTION, GtkWidget)

/* Shows the history of @record, newest first: the edits made here and not yet sent, marked,
 * then what the server told this computer. Fetches it again from the server through the
 * window's sync service once the section is on screen and the record is new to it or has
 * changed, and keeps showing what was kept when that fails. NULL hides the section. */
void       ib_history_section_show      (IbHistorySection *self,
                                         IbRecord         *record);

/* Returns one line saying what was read from where (fetched, kept here, no server, failed),
 * or NULL while nothing is shown: the section's description, for tests. */
const char *ib_history_section_get_status (IbHistorySection *self);

/* Returns TRUE while a fetch from the server is under way. */
gboolean   ib_history_section_is_fetching (IbHistorySection *self);

G_END_DECLS
