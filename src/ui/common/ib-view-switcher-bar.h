/* ib-view-switcher-bar.h: the views as buttons along the bottom of a narrow window, each with its
 * icon and its name, or icons alone where the names do not all fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IB_TYPE_VIEW_SWITCHER_BAR (ib_view_switcher_bar_get_type ())

G_DECLARE_FINAL_TYPE (IbViewSwitcherBar, ib_view_switcher_bar, IB, VIEW_SWITCHER_BAR, GtkWidget)

/* Shows a button for each page of @stack (property "stack") and follows its pages and their
 * titles and icons; a button's accessible name and tooltip are its page's title. */
void          ib_view_switcher_bar_set_stack       (IbViewSwitcherBar *self,
                                                    AdwViewStack      *stack);

/* Returns TRUE when the buttons show their names, FALSE when icons alone (at its last
 * allocation). */
gboolean      ib_view_switcher_bar_get_show_labels (IbViewSwitcherBar *self);

G_END_DECLS
