/* ib-view-slot.h: a page of the window's view stack that builds its view when first asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-view.h"

G_BEGIN_DECLS

#define IB_TYPE_VIEW_SLOT (ib_view_slot_get_type ())

G_DECLARE_FINAL_TYPE (IbViewSlot, ib_view_slot, IB, VIEW_SLOT, AdwBin)

/* Returns the slot's view (transfer none), or NULL while it is not built. */
IbView *ib_view_slot_get_view    (IbViewSlot *self);

/* Returns the slot's view (transfer none), building it first if need be. */
IbView *ib_view_slot_ensure_view (IbViewSlot *self);

G_END_DECLS
