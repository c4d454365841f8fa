/* ib-view-types.h: the views the window's template names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Registers the type of every view the feature folders list in their meson.build (ui_views),
 * so that ib-window.ui can name them; ib-view-types.c is made from that list. */
void ib_view_types_ensure (void);

G_END_DECLS
