/* ib-view-switcher-bar.c
 *
 * AdwViewSwitcherBar (libadwaita 1.2) gives each of six views a sixth of a phone's width and
 * cuts or overlaps the longer names ("Judgeme…"), in Welsh and Polish most of all. Here every
 * button holds a squeezer: icon and name when the name fits, the icon alone when it does not,
 * and every name asks for the width of the longest, so the buttons switch together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-view-switcher-bar"

#include "config.h"

#include "ib-view-switcher-bar.h"

struct _IbViewSwitcherBar
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  AdwViewStack      *stack;
  GtkSelectionModel *pages;
  GPtrArray         *buttons;   /* GtkToggleButton, one per page */
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (IbViewSwitcherBar, ib_view_switcher_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
button_label (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "ib-label");
}

/* Every name as wide as the longest, so all buttons show names or all show icons alone. */
static void
even_labels (IbViewSwitcherBar *self)
{
  int widest = 0;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *label = button_label (self->buttons->pdata[i]);
      int nat = 0;

      gtk_widget_set_size_request (label, -1, -1);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      widest = MAX (widest, nat);
    }
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_set_size_request (button_label (self->buttons->pdata[i]), widest, -1);
}

static void
update_button (IbViewSwitcherBar *self,
               GtkWidget         *button,
               AdwViewStackPage  *page)
{
  const char *title = adw_view_stack_page_get_title (page);
  const char *icon = adw_view_stack_page_get_icon_name (page);

  gtk_label_set_text (GTK_LABEL (button_label (button)), title != NULL ? title : "");
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (button), "ib-icon"), icon);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (button), "ib-icon-alone"), icon);
  gtk_widget_set_tooltip_text (button, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "", -1);
  gtk_widget_set_visible (button, adw_view_stack_page_get_visible (page));
}

static void
on_page_notify_cb (AdwViewStackPage  *page,
                   GParamSpec        *pspec,
                   IbViewSwitcherBar *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    if (g_object_get_data (G_OBJECT (self->buttons->pdata[i]), "ib-page") == page)
      update_button (self, self->buttons->pdata[i], page);
  even_labels (self);
}

static void
sync_selection (IbViewSwitcherBar *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_toggle_button_set_active (self->buttons->pdata[i], gtk_selection_model_is_selected (self->pages, i));
  self->updating = FALSE;
}

static void
on_toggled_cb (GtkToggleButton   *button,
               IbViewSwitcherBar *self)
{
  guint position;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  if (g_ptr_array_find (self->buttons, button, &position))
    gtk_selection_model_select_item (self->pages, position, TRUE);
}

static GtkWidget *
new_button (IbViewSwitcherBar *self,
            AdwViewStackPage  *page,
            GtkWidget         *group)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *squeezer = adw_squeezer_new ();
  GtkWidget *with_name = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *icon_alone = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (icon_alone, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (with_name), icon);
  gtk_box_append (GTK_BOX (with_name), label);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), with_name);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), icon_alone);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  gtk_button_set_child (GTK_BUTTON (button), squeezer);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));

  g_object_set_data (G_OBJECT (button), "ib-label", label);
  g_object_set_data (G_OBJECT (button), "ib-icon", icon);
  g_object_set_data (G_OBJECT (button), "ib-icon-alone", icon_alone);
  g_object_set_data_full (G_OBJECT (button), "ib-page", g_object_ref (page), g_object_unref);
  g_object_set_data (G_OBJECT (button), "ib-squeezer", squeezer);
  g_signal_connect_object (page, "notify::title", G_CALLBACK (on_page_notify_cb), self, 0);
  g_signal_connect_object (page, "notify::icon-name", G_CALLBACK (on_page_notify_cb), self, 0);
  g_signal_connect_object (page, "notify::visible", G_CALLBACK (on_page_notify_cb), self, 0);
  g_signal_connect (button, "toggled", G_CALLBACK (on_toggled_cb), self);
  update_button (self, button, page);
  return button;
}

static void
rebuild (IbViewSwitcherBar *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->buttons, 0);

  n = self->pages != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->pages)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);
      GtkWidget *button = new_button (self, page, self->buttons->len > 0 ? self->buttons->pdata[0] : NULL);

      gtk_box_append (GTK_BOX (self->box), button);
      g_ptr_array_add (self->buttons, button);
    }
  even_labels (self);
  if (self->pages != NULL)
    sync_selection (self);
}

static void
on_items_changed_cb (IbViewSwitcherBar *self)
{
  rebuild (self);
}

void
ib_view_switcher_bar_set_stack (IbViewSwitcherBar *self,
                                AdwViewStack      *stack)
{
  g_return_if_fail (IB_IS_VIEW_SWITCHER_BAR (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (self->stack == stack)
    return;

  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_clear_object (&self->stack);

  if (stack != NULL)
    {
      self->stack = g_object_ref (stack);
      self->pages = adw_view_stack_get_pages (stack);
      g_signal_connect_swapped (self->pages, "items-changed", G_CALLBACK (on_items_changed_cb), self);
      g_signal_connect_swapped (self->pages, "selection-changed", G_CALLBACK (sync_selection), self);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

gboolean
ib_view_switcher_bar_get_show_labels (IbViewSwitcherBar *self)
{
  g_return_val_if_fail (IB_IS_VIEW_SWITCHER_BAR (self), FALSE);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = self->buttons->pdata[i];
      GtkWidget *squeezer = g_object_get_data (G_OBJECT (button), "ib-squeezer");

      if (gtk_widget_get_visible (button) &&
          adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer)) != gtk_widget_get_parent (button_label (button)))
        return FALSE;
    }
  return TRUE;
}

static void
ib_view_switcher_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  IbViewSwitcherBar *self = IB_VIEW_SWITCHER_BAR (object);

  switch (prop_id)
    {
    case PROP_STACK: g_value_set_object (value, self->stack); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_view_switcher_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  IbViewSwitcherBar *self = IB_VIEW_SWITCHER_BAR (object);

  switch (prop_id)
    {
    case PROP_STACK: ib_view_switcher_bar_set_stack (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_view_switcher_bar_dispose (GObject *object)
{
  IbViewSwitcherBar *self = IB_VIEW_SWITCHER_BAR (object);

  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_clear_object (&self->stack);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (ib_view_switcher_bar_parent_class)->dispose (object);
}

static void
ib_view_switcher_bar_class_init (IbViewSwitcherBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ib_view_switcher_bar_get_property;
  object_class->set_property = ib_view_switcher_bar_set_property;
  object_class->dispose = ib_view_switcher_bar_dispose;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ibviewswitcherbar");
}

static void
ib_view_switcher_bar_init (IbViewSwitcherBar *self)
{
  self->buttons = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->box), TRUE);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
