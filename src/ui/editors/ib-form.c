/* ib-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-form"

#include "config.h"

#include "ib-form.h"

void
ib_form_class_install_save (GtkWidgetClass              *klass,
                            const char                  *action_name,
                            GtkWidgetActionActivateFunc  activate)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (klass));
  g_return_if_fail (action_name != NULL && activate != NULL);

  gtk_widget_class_install_action (klass, action_name, NULL, activate);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_Return, GDK_CONTROL_MASK, action_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, action_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_ISO_Enter, GDK_CONTROL_MASK, action_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_s, GDK_CONTROL_MASK, action_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_Escape, 0, "window.close", NULL);
}
