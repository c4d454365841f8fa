/* ib-meetings-page-private.h: what tests reach inside the Meetings view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-meetings-model.h"
#include "ib-meetings-page.h"

G_BEGIN_DECLS

/* Returns the model the list shows (transfer none). */
IbMeetingsModel *ib_meetings_page_get_model     (IbMeetingsPage *self);

/* Returns the list of meetings (transfer none): for keyboard tests. */
GtkWidget       *ib_meetings_page_get_list_view (IbMeetingsPage *self);

/* Carries out a delete still waiting on its Undo toast. */
void             ib_meetings_page_commit_pending (IbMeetingsPage *self);

G_END_DECLS
