/* ib-meetings-page.h: the Meetings view: Improvement Boards, scrutiny, Holding to Account,
 * cabinet and performance surgeries, upcoming and past, each with its packs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-view.h"

G_BEGIN_DECLS

#define IB_TYPE_MEETINGS_PAGE (ib_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (IbMeetingsPage, ib_meetings_page, IB, MEETINGS_PAGE, GtkWidget)

G_END_DECLS
