/* ib-form.h: what every form window shares: how it saves and how it closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs @action_name (e.g. "editor.save") on the form window class @klass, run by its Save
 * button and by Ctrl+Enter (or Ctrl+S), and Escape to close the window. A form has no default
 * button: Enter alone activates the focused control (opens a drop-down, ticks a box), so it
 * never saves by accident. */
void ib_form_class_install_save (GtkWidgetClass              *klass,
                                 const char                  *action_name,
                                 GtkWidgetActionActivateFunc  activate);

G_END_DECLS
