/* ib-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-view"

#include "config.h"

#include "ib-view.h"

G_DEFINE_INTERFACE (IbView, ib_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_EDIT,
  PROP_TITLE,
  PROP_ICON_NAME,
};

/* What IbView keeps for each view: an interface has no instance struct of its own. */
typedef struct
{
  IbStore          *store;
  gboolean          can_edit;
  IbListDetail     *list;            /* borrowed: the view's; set while a first load is read */
  IbViewChooseFunc  choose;
  char             *pending_target;  /* linked to while the first load was read */
} ViewState;

static GQuark state_quark;

static void
view_state_free (gpointer data)
{
  ViewState *state = data;

  g_clear_object (&state->store);
  g_free (state->pending_target);
  g_free (state);
}

static ViewState *
view_state (IbView *self)
{
  ViewState *state = g_object_get_qdata (G_OBJECT (self), state_quark);

  if (state == NULL)
    {
      state = g_new0 (ViewState, 1);
      state->can_edit = TRUE;
      g_object_set_qdata_full (G_OBJECT (self), state_quark, state, view_state_free);
    }
  return state;
}

static void
view_get_property (GObject    *object,
                   guint       prop_id,
                   GValue     *value,
                   GParamSpec *pspec)
{
  IbView *self = IB_VIEW (object);
  IbViewInterface *iface = IB_VIEW_GET_IFACE (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, view_state (self)->store);
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, view_state (self)->can_edit);
      break;

    case PROP_TITLE:
      g_value_set_string (value, iface->title != NULL ? g_dpgettext2 (NULL, "view", iface->title) : NULL);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, iface->icon_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
view_set_property (GObject      *object,
                   guint         prop_id,
                   const GValue *value,
                   GParamSpec   *pspec)
{
  IbView *self = IB_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ib_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_CAN_EDIT:
      ib_view_set_can_edit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_view_default_init (IbViewInterface *iface)
{
  state_quark = g_quark_from_static_string ("ib-view-state");

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
ib_view_class_install_properties (GObjectClass *klass)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));

  klass->get_property = view_get_property;
  klass->set_property = view_set_property;
  g_object_class_override_property (klass, PROP_STORE, "store");
  g_object_class_override_property (klass, PROP_CAN_EDIT, "can-edit");
  g_object_class_override_property (klass, PROP_TITLE, "title");
  g_object_class_override_property (klass, PROP_ICON_NAME, "icon-name");
}

IbStore *
ib_view_get_store (IbView *self)
{
  g_return_val_if_fail (IB_IS_VIEW (self), NULL);

  return view_state (self)->store;
}

void
ib_view_set_store (IbView  *self,
                   IbStore *store)
{
  ViewState *state;
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));
  g_return_if_fail (store == NULL || IB_IS_STORE (store));

  state = view_state (self);
  if (store == NULL || store == state->store)
    return;
  /* Models, selections and open editors all belong to one board. */
  g_return_if_fail (state->store == NULL);

  state->store = g_object_ref (store);
  iface = IB_VIEW_GET_IFACE (self);
  if (iface->store_changed != NULL)
    iface->store_changed (self);
  g_object_notify (G_OBJECT (self), "store");
}

gboolean
ib_view_get_can_edit (IbView *self)
{
  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);

  return view_state (self)->can_edit;
}

void
ib_view_set_can_edit (IbView   *self,
                      gboolean  can_edit)
{
  ViewState *state;
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  state = view_state (self);
  if (state->can_edit == !!can_edit)
    return;

  state->can_edit = !!can_edit;
  iface = IB_VIEW_GET_IFACE (self);
  if (iface->can_edit_changed != NULL)
    iface->can_edit_changed (self);
  g_object_notify (G_OBJECT (self), "can-edit");
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
ib_view_focus_content (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->focus_content != NULL)
    iface->focus_content (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* Every list-detail pane in a view's tree: the default answers below ask each of them. A view
 * holds one or two, so walking the tree when asked costs less than keeping them up to date. */
static void
collect_lists_under (GtkWidget *widget,
                     GPtrArray *lists)
{
  if (IB_IS_LIST_DETAIL (widget))
    {
      g_ptr_array_add (lists, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_lists_under (child, lists);
}

static GPtrArray *
lists_under (IbView *self)
{
  GPtrArray *lists = g_ptr_array_new ();

  collect_lists_under (GTK_WIDGET (self), lists);
  return lists;
}

/* TRUE when a list in the view waits for its model's first load. */
static gboolean
list_loading_under (IbView *self)
{
  g_autoptr (GPtrArray) lists = lists_under (self);

  for (guint i = 0; i < lists->len; i++)
    {
      g_autoptr (IbViewModel) model = NULL;

      g_object_get (lists->pdata[i], "model", &model, NULL);
      if (model != NULL && ib_view_model_is_loading (model))
        return TRUE;
    }
  return FALSE;
}

gboolean
ib_view_is_loading (IbView *self)
{
  IbViewInterface *iface;

  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);

  iface = IB_VIEW_GET_IFACE (self);
  return iface->is_loading != NULL ? iface->is_loading (self) : list_loading_under (self);
}

gboolean
ib_view_bring_open_into_sight (IbView *self)
{
  g_autoptr (GPtrArray) lists = NULL;
  gboolean scrolled = FALSE;

  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);

  lists = lists_under (self);
  for (guint i = 0; i < lists->len; i++)
    scrolled |= ib_list_detail_bring_open_into_sight (lists->pdata[i]);
  return scrolled;
}

void
ib_view_collect_parts (IbView    *self,
                       GPtrArray *parts)
{
  g_autoptr (GPtrArray) lists = NULL;

  g_return_if_fail (IB_IS_VIEW (self));

  lists = lists_under (self);
  for (guint i = 0; i < lists->len; i++)
    ib_list_detail_collect_parts (lists->pdata[i], parts);
}

void
ib_view_add_item (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->add_action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), iface->add_action, NULL);
}

gboolean
ib_view_open (IbView     *self,
              const char *target)
{
  IbViewInterface *iface;

  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  iface = IB_VIEW_GET_IFACE (self);
  return iface->open != NULL && ib_view_get_store (self) != NULL && iface->open (self, target);
}

void
ib_view_delete_selected (IbView *self)
{
  IbViewInterface *iface;

  g_return_if_fail (IB_IS_VIEW (self));

  iface = IB_VIEW_GET_IFACE (self);
  if (iface->delete_action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), iface->delete_action, NULL);
}

static void
on_first_load_cb (IbView      *self,
                  IbViewModel *model)
{
  ViewState *state = view_state (self);
  g_autofree char *target = NULL;

  if (ib_view_model_is_loading (model))
    return;
  g_signal_handlers_disconnect_by_func (model, on_first_load_cb, self);
  target = g_steal_pointer (&state->pending_target);
  /* As the link would have opened it, had the load been in; otherwise as on a load read here. */
  if (target != NULL)
    ib_view_open (self, target);
  else if (ib_list_detail_get_item (state->list) == NULL)
    state->choose (self);
  state->list = NULL;
}

void
ib_view_choose_when_loaded (IbView           *self,
                            IbViewModel      *model,
                            IbListDetail     *list,
                            IbViewChooseFunc  choose)
{
  ViewState *state;

  g_return_if_fail (IB_IS_VIEW (self));
  g_return_if_fail (IB_IS_VIEW_MODEL (model));
  g_return_if_fail (IB_IS_LIST_DETAIL (list));
  g_return_if_fail (choose != NULL);

  if (!ib_view_model_is_loading (model))
    return;
  state = view_state (self);
  state->list = list;
  state->choose = choose;
  /* The load holds the model: a view gone before it lands is not called. */
  g_signal_connect_object (model, "updated", G_CALLBACK (on_first_load_cb), self, G_CONNECT_SWAPPED);
}

gboolean
ib_view_open_when_loaded (IbView     *self,
                          const char *target)
{
  ViewState *state;

  g_return_val_if_fail (IB_IS_VIEW (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  state = view_state (self);
  g_free (state->pending_target);
  state->pending_target = g_strdup (target);
  return TRUE;
}
