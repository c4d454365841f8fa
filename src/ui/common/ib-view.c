/* ib-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-view"

#include "config.h"

#include "ib-view.h"

G_DEFINE_INTERFACE (IbView, ib_view, GTK_TYPE_WIDGET)

static void
ib_view_default_init (IbViewInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("store", NULL, NULL, IB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

void
ib_view_class_override_properties (GObjectClass *klass,
                                   guint         first_prop)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));

  g_object_class_override_property (klass, first_prop, "store");
  g_object_class_override_property (klass, first_prop + 1, "can-edit");
  g_object_class_override_property (klass, first_prop + 2, "title");
  g_object_class_override_property (klass, first_prop + 3, "icon-name");
}

IbStore *
ib_view_get_store (IbView *self)
{
  g_autoptr (IbStore) store = NULL;

  g_return_val_if_fail (IB_IS_VIEW (self), NULL);

  g_object_get (self, "store", &store, NULL);
  return store;
}

void
ib_view_set_store (IbView  *self,
                   IbStore *store)
{
  g_return_if_fail (IB_IS_VIEW (self));
  g_return_if_fail (store == NULL || IB_IS_STORE (store));

  g_object_set (self, "store", store, NULL);
}

gboolean
ib_view_get_can_edit (IbView *self)
{
  gboolean can_edit = TRUE;

  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);

  g_object_get (self, "can-edit", &can_edit, NULL);
  return can_edit;
}

void
ib_view_set_can_edit (IbView   *self,
                      gboolean  can_edit)
{
  g_return_if_fail (IB_IS_VIEW (self));

  g_object_set (self, "can-edit", can_edit, NULL);
}

void
ib_view_focus_search (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->focus_search != NULL)
    iface->focus_search (self);
}

void
ib_view_add_item (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->add_item != NULL)
    iface->add_item (self);
}

void
ib_view_delete_selected (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->delete_selected != NULL)
    iface->delete_selected (self);
}
