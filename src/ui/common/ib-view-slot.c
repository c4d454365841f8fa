/* ib-view-slot.c: a page of the window's view stack that builds its view when first asked
 *
 * Building every view before the first frame made the window wait for five it does not show.
 * A slot is told its view's type ("view-type", a type name, in ib-window.ui), gives the view
 * switcher the view's title and icon from the type alone, and builds the view the first time
 * the window asks for it: the one shown at once, the others at idle after the first frame
 * (see ib-window.c). "can-edit" is kept and handed on, so a view built late starts right.
 *
 * A view is hidden (not visible, as GTK means it) while its slot is not on screen. The stack
 * only takes a page it does not show out of its layout; GTK still works out the style of every
 * widget in it each time something its style could depend on changes, such as the window's
 * focus-visible state, which a keyboard user's keys turn on and off. With six views built, that
 * was some 5,000 nodes at a time and 10-15 ms of a frame, for the 1,000 on screen. GTK skips a
 * hidden widget's style until it is shown, and keeps its children's layout while it is hidden,
 * so the window can still lay a hidden view out in idle time (ib_view_slot_lay_out ()).
 * Styling a whole view at once took a frame 15-20 ms on the ten-year dataset (600-1,000
 * nodes), so the view is shown with its costliest parts held back, and they follow a frame
 * apart: its list's rows, then its detail (ib_view_collect_parts ()).
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
  GPtrArray    *held_back;   /* parts of the view hidden until a frame has styled the rest */

  /* borrowed */
  IbView       *view;        /* the bin's child, once built */

  gboolean      can_edit;
  guint         lay_out_stage;  /* how far ib_view_slot_lay_out () is with the hidden view */
};

G_DEFINE_FINAL_TYPE (IbViewSlot, ib_view_slot, ADW_TYPE_BIN)

enum {
  LAY_OUT_NONE,     /* hidden, or shown on screen */
  LAY_OUT_STYLING,  /* made visible off the screen, a part at a time, for frames to style it */
  LAY_OUT_PLACED,   /* laid out; hidden again after a frame has styled what that made */
};

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

/* Shows every part still held back: the view is wanted whole. */
static void
release_held_back (IbViewSlot *self)
{
  for (guint i = 0; i < self->held_back->len; i++)
    gtk_widget_set_visible (self->held_back->pdata[i], TRUE);
  g_ptr_array_set_size (self->held_back, 0);
}

static void
ib_view_slot_dispose (GObject *object)
{
  IbViewSlot *self = (IbViewSlot *) object;

  release_held_back (self);

  G_OBJECT_CLASS (ib_view_slot_parent_class)->dispose (object);
}

static void
ib_view_slot_finalize (GObject *object)
{
  IbViewSlot *self = (IbViewSlot *) object;

  g_clear_pointer (&self->view_class, g_type_class_unref);
  g_ptr_array_unref (self->held_back);

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
ib_view_slot_map (GtkWidget *widget)
{
  IbViewSlot *self = IB_VIEW_SLOT (widget);

  /* Shown before the slot maps its children, so it is mapped with them. */
  self->lay_out_stage = LAY_OUT_NONE;
  release_held_back (self);
  if (self->view != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->view), TRUE);
      /* Hidden from a screen reader while it was laid out off the screen. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
    }
  GTK_WIDGET_CLASS (ib_view_slot_parent_class)->map (widget);
}

static void
ib_view_slot_unmap (GtkWidget *widget)
{
  IbViewSlot *self = IB_VIEW_SLOT (widget);

  GTK_WIDGET_CLASS (ib_view_slot_parent_class)->unmap (widget);
  self->lay_out_stage = LAY_OUT_NONE;
  if (self->view != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->view), FALSE);
}

static void
ib_view_slot_class_init (IbViewSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_view_slot_dispose;
  object_class->finalize = ib_view_slot_finalize;
  object_class->get_property = ib_view_slot_get_property;
  object_class->set_property = ib_view_slot_set_property;
  widget_class->map = ib_view_slot_map;
  widget_class->unmap = ib_view_slot_unmap;

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
  self->held_back = g_ptr_array_new_with_free_func (g_object_unref);
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
      self->view = g_object_new (G_TYPE_FROM_CLASS (self->view_class), "can-edit", self->can_edit,
                                 "visible", gtk_widget_get_mapped (GTK_WIDGET (self)), NULL);
      adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }
  return self->view;
}

gboolean
ib_view_slot_lay_out (IbViewSlot *self,
                      int         width,
                      int         height)
{
  GtkWidget *view;
  int min, nat;

  g_return_val_if_fail (IB_IS_VIEW_SLOT (self), TRUE);

  if (self->view == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)) || width <= 0 || height <= 0)
    return TRUE;
  view = GTK_WIDGET (self->view);
  switch (self->lay_out_stage)
    {
    case LAY_OUT_NONE:
      {
        g_autoptr (GPtrArray) parts = g_ptr_array_new ();

        /* GTK tells a widget its style only in a frame's style pass: a style worked out on
         * demand, as measuring a hidden widget does, is told to it as new when it is next
         * shown, and every label and box then asks to be laid out again. So the view is shown
         * (still off the screen) for frames before it is laid out: first without its costliest
         * parts, then with one more of them each time. */
        ib_view_collect_parts (self->view, parts);
        for (guint i = 0; i < parts->len; i++)
          if (gtk_widget_get_visible (parts->pdata[i]))
            {
              gtk_widget_set_visible (parts->pdata[i], FALSE);
              g_ptr_array_add (self->held_back, g_object_ref (parts->pdata[i]));
            }
        gtk_widget_set_visible (view, TRUE);
        /* Not a view a screen reader's user can reach: it stays out of the tree they hear. */
        gtk_accessible_update_state (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
        self->lay_out_stage = LAY_OUT_STYLING;
        return FALSE;
      }

    case LAY_OUT_STYLING:
      if (self->held_back->len > 0)
        {
          gtk_widget_set_visible (self->held_back->pdata[0], TRUE);
          g_ptr_array_remove_index (self->held_back, 0);
          return FALSE;
        }
      /* Measured first, as its parent would: GTK allocates only what was measured since it
       * last changed. Both are cached, so a view laid out already costs next to nothing. */
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, width, height }, -1);
      /* A list scrolled to the row opened meanwhile makes the rows around it at once. */
      if (ib_view_bring_open_into_sight (self->view))
        gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, width, height }, -1);
      /* The rows a list made for it get their style in the next frame. */
      self->lay_out_stage = LAY_OUT_PLACED;
      return FALSE;

    case LAY_OUT_PLACED:
    default:
      gtk_widget_set_visible (view, FALSE);
      self->lay_out_stage = LAY_OUT_NONE;
      return TRUE;
    }
}
