/* ib-settings.h: the application's settings, wherever it runs from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns the application's settings (transfer full), or NULL when its schema is not installed:
 * then callers keep their defaults and nothing is remembered. */
GSettings *ib_settings_new (void);

G_END_DECLS
