/* ib-toasts.h: toasts put on an overlay one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taking it) on @overlay once no other toast is there or leaving: a High-priority
 * toast sends the one shown away (a lasting one comes back after it), a Normal one waits its
 * turn. */
void ib_toasts_add (AdwToastOverlay *overlay,
                    AdwToast        *toast);

/* Shows @toast (taking it) as ib_toasts_add () does, on the toast overlay of @widget's window:
 * the app window's, or the one inside an AdwPreferencesWindow. */
void ib_toasts_add_to (GtkWidget *widget,
                       AdwToast  *toast);

/* Returns the toast overlay ib_toasts_add_to () puts @widget's toasts on, or NULL. */
AdwToastOverlay *ib_toasts_find_overlay (GtkWidget *widget);

/* Returns the toast on @overlay now, not yet dismissed, or NULL (for tests). */
AdwToast *ib_toasts_get_shown (AdwToastOverlay *overlay);

/* Returns how many toasts wait for @overlay, not yet on it (for tests). */
guint ib_toasts_get_n_waiting (AdwToastOverlay *overlay);

G_END_DECLS
