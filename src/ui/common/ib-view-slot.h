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

/* Takes the hidden view one step towards being laid out at @width x @height, so its showing
 * only draws it: call again after a frame while it returns FALSE. TRUE when done, or when
 * there is nothing to do (no view yet, or the slot is on screen). */
gboolean ib_view_slot_lay_out    (IbViewSlot *self,
                                  int         width,
                                  int         height);

G_END_DECLS
