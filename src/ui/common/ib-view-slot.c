/* ib-view-slot.c: a page of the window's view stack that builds its view when first asked
 *
 * Building every view before the first frame made the window wait for five it does not show.
 * A slot is told its view's type ("view-type", a type name, in ib-window.ui), gives the view
 * switcher the view's title and icon from the type alone, and builds the view the first time
 * the window asks for it: the one shown at once, the others at idle after the first frame
 * (see ib-window.c). "can-edit" is kept and handed on, so a view built late starts right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-view-slot"

#include "config.h"

#include "ib-view-slot.h"

struct _IbViewSlot
{
  AdwBin        parent_instance;

  /* owned */
  GTypeClass   *view_class;  /* a reference, so the title and icon can be read before a view exists */

  /* borrowed */
  IbView       *view;        /* the bin's child, once built */

  gboolean      can_edit;
};

G_DEFINE_FINAL_TYPE (IbViewSlot, ib_view_slot, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VIEW_TYPE,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_CAN_EDIT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static IbViewInterface *
view_iface (IbViewSlot *self)
{
  return self->view_class != NULL ? g_type_interface_peek (self->view_class, IB_TYPE_VIEW) : NULL;
}

static void
set_view_type (IbViewSlot *self,
               const char *name)
{
  GType type = name != NULL ? g_type_from_name (name) : G_TYPE_INVALID;

  /* The window registers every view type before it builds its template (ib-view-types.c). */
  if (type == G_TYPE_INVALID || !g_type_is_a (type, IB_TYPE_VIEW) || !g_type_is_a (type, GTK_TYPE_WIDGET))
    {
      g_critical ("%s is not a registered view type", name != NULL ? name : "(null)");
      return;
    }
  self->view_class = g_type_class_ref (type);
}

static void
ib_view_slot_finalize (GObject *object)
{
  IbViewSlot *self = (IbViewSlot *) object;

  g_clear_pointer (&self->view_class, g_type_class_unref);

  G_OBJECT_CLASS (ib_view_slot_parent_class)->finalize (object);
}

static void
ib_view_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IbViewSlot *self = IB_VIEW_SLOT (object);
  IbViewInterface *iface = view_iface (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, iface != NULL && iface->title != NULL ? g_dpgettext2 (NULL, "view", iface->title) : NULL);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, iface != NULL ? iface->icon_name : NULL);
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, self->can_edit);
      break;

    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_view_slot_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IbViewSlot *self = IB_VIEW_SLOT (object);

  switch (prop_id)
    {
    case PROP_VIEW_TYPE:
      set_view_type (self, g_value_get_string (value));
      break;

    case PROP_CAN_EDIT:
      if (self->can_edit == g_value_get_boolean (value))
        break;
      self->can_edit = g_value_get_boolean (value);
      if (self->view != NULL)
        ib_view_set_can_edit (self->view, self->can_edit);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_view_slot_class_init (IbViewSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ib_view_slot_finalize;
  object_class->get_property = ib_view_slot_get_property;
  object_class->set_property = ib_view_slot_set_property;

  /* The name of the view's type, e.g. "IbPlanPage"; given once. */
  properties[PROP_VIEW_TYPE] =
    g_param_spec_string ("view-type", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the view switcher shows for the view, built or not. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Handed on to the view, now or when it is built. */
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The view, once built. */
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, IB_TYPE_VIEW, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ib_view_slot_init (IbViewSlot *self)
{
  self->can_edit = TRUE;
}

IbView *
ib_view_slot_get_view (IbViewSlot *self)
{
  g_return_val_if_fail (IB_IS_VIEW_SLOT (self), NULL);
  return self->view;
}

IbView *
ib_view_slot_ensure_view (IbViewSlot *self)
{
  g_return_val_if_fail (IB_IS_VIEW_SLOT (self), NULL);

  if (self->view == NULL && self->view_class != NULL)
    {
      self->view = g_object_new (G_TYPE_FROM_CLASS (self->view_class), "can-edit", self->can_edit, NULL);
      adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }
  return self->view;
}
