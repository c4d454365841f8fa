/* ib-line-layout.h: lays children out side by side, the wrapping ones taking the room left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_LINE_LAYOUT (ib_line_layout_get_type ())

G_DECLARE_FINAL_TYPE (IbLineLayout, ib_line_layout, IB, LINE_LAYOUT, GtkLayoutManager)

/* Returns a layout placing children left to right (right to left in RTL), @spacing pixels
 * apart, as a horizontal GtkBox does: each gets its minimum width, then towards its natural
 * width, and what is left goes to the ones that expand; each is as tall as its width needs. */
GtkLayoutManager *ib_line_layout_new (int spacing);

/* Makes the line as tall as a GtkBox makes it for a width: the children that have a baseline
 * (labels, images) lined up on it, so that a short one below another's baseline adds to the
 * height. Off by default. */
void              ib_line_layout_set_baselines (IbLineLayout *self,
                                                gboolean      baselines);

/* Lays the header line of @row (an AdwActionRow: prefixes, title, suffixes) out with this
 * layout instead of its GtkBox's, placing everything where the box would as long as no prefix
 * or suffix wraps on its own (inside a badge box they may); leaves a row built otherwise as it is. */
void              ib_line_layout_take_action_row (AdwActionRow *row);

/* Lays the header of @group (its title and description beside its header suffix) out with
 * this layout instead of its GtkBox's; leaves a group built otherwise as it is. */
void              ib_line_layout_take_preferences_group (AdwPreferencesGroup *group);

G_END_DECLS
