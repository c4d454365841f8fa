/* ib-preferences-window.h: colour scheme, sync interval, the person's own name and reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ib-store.h"

G_BEGIN_DECLS

#define IB_TYPE_PREFERENCES_WINDOW (ib_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (IbPreferencesWindow, ib_preferences_window, IB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Returns a Preferences window over @parent whose rows change @settings at once; the names
 * offered for "Your Name" are @store's officers and owners (@store nullable: none offered). */
IbPreferencesWindow *ib_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings,
                                                IbStore   *store);

/* Binds AdwStyleManager's colour scheme to @settings' "color-scheme" for as long as @settings
 * lives, so the choice holds from start-up and follows every change. */
void                 ib_preferences_follow_color_scheme (GSettings *settings);

G_END_DECLS
