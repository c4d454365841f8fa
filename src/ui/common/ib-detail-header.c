/* ib-detail-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-detail-header"

#include "config.h"

#include "ib-detail-header.h"
#include "ib-wrap-layout.h"

struct _IbDetailHeader
{
  GtkWidget  parent_instance;

  /* template */
  GtkLabel  *title_label;
  GtkWidget *badges;
  GtkWidget *buttons;
};

static void ib_detail_header_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IbDetailHeader, ib_detail_header, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ib_detail_header_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static void
ib_detail_header_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  IbDetailHeader *self = IB_DETAIL_HEADER (buildable);

  if (g_strcmp0 (type, "button") == 0 && GTK_IS_WIDGET (child))
    gtk_box_append (GTK_BOX (self->buttons), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
ib_detail_header_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ib_detail_header_add_child;
}

static void
ib_detail_header_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), IB_TYPE_DETAIL_HEADER);

  G_OBJECT_CLASS (ib_detail_header_parent_class)->dispose (object);
}

static void
ib_detail_header_class_init (IbDetailHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_detail_header_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-detail-header.ui");
  gtk_widget_class_bind_template_child (widget_class, IbDetailHeader, title_label);
  gtk_widget_class_bind_template_child (widget_class, IbDetailHeader, badges);
  gtk_widget_class_bind_template_child (widget_class, IbDetailHeader, buttons);
}

/* Down from the title goes to the first button, as reading order does. GTK moves by
 * position: from a title as wide as the pane it took the button nearest its middle, which
 * in a row "New Action…, Edit…, Delete" was Delete. */
static gboolean
on_title_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         IbDetailHeader        *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  return gtk_widget_child_focus (self->buttons, GTK_DIR_TAB_FORWARD);
}

static void
ib_detail_header_init (IbDetailHeader *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 12);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Badges and buttons wrap like words when the pane is narrow. */
  gtk_widget_set_layout_manager (self->badges, ib_wrap_layout_new (6));
  gtk_widget_set_layout_manager (self->buttons, ib_wrap_layout_new (6));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_title_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->title_label), keys);
  }
}

void
ib_detail_header_set_title (IbDetailHeader *self,
                            const char     *title)
{
  g_return_if_fail (IB_IS_DETAIL_HEADER (self));
  gtk_label_set_label (self->title_label, title);
}

GtkWidget *
ib_detail_header_get_badges (IbDetailHeader *self)
{
  g_return_val_if_fail (IB_IS_DETAIL_HEADER (self), NULL);
  return self->badges;
}
