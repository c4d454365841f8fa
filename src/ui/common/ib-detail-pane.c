/* ib-detail-pane.c
 *
 * A pane's content stays while its record changes: the views update its labels and rows in
 * place, so the reader's scroll position and focus survive an edit, a new review or a sync.
 * Only the parts that are lists (reviews, findings, values) are refilled; a button the focus
 * was on there is found again by what it does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-detail-pane"

#include "config.h"

#include "ib-detail-pane.h"
#include "ib-history-section.h"
#include "ib-line-layout.h"

typedef struct
{
  /* template */
  GtkStack         *stack;
  GtkWidget        *scroller;
  GtkBox           *content;
  IbHistorySection *history;

  /* owned */
  char      *icon_name;
  char      *title;
  char      *description;
  IbRecord  *record;
  char      *shown_id;  /* the record the content shows ("" for none of its own), or NULL */
  char      *focus;     /* what the focused button did, between begin and show */
  double     position;  /* how far the content was scrolled, likewise */

  gboolean   can_edit;
} IbDetailPanePrivate;

static void ib_detail_pane_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (IbDetailPane, ib_detail_pane, GTK_TYPE_WIDGET,
                         G_ADD_PRIVATE (IbDetailPane)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ib_detail_pane_buildable_init))

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_RECORD,
  PROP_CAN_EDIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static char *
focus_key (GtkWidget *widget)
{
  GVariant *target;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
      break;
  if (widget == NULL)
    return NULL;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  if (target == NULL)
    return g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
  {
    g_autofree char *printed = g_variant_print (target, FALSE);

    return g_strdup_printf ("%s %s", gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), printed);
  }
}

static GtkWidget *
find_by_key (GtkWidget  *widget,
             const char *key)
{
  g_autofree char *own = NULL;

  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_ACTIONABLE (widget) && (own = focus_key (widget)) != NULL && g_str_equal (own, key))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
ib_detail_pane_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (IB_DETAIL_PANE (buildable));

  /* The pane's own template first builds its frame; what the view's template adds after it
   * is content. */
  if (priv->content != NULL && GTK_IS_WIDGET (child) && type == NULL)
    {
      /* A group's description wraps beside its header suffix (see ib-line-layout.c). */
      if (ADW_IS_PREFERENCES_GROUP (child))
        ib_line_layout_take_preferences_group (ADW_PREFERENCES_GROUP (child));
      gtk_box_append (priv->content, GTK_WIDGET (child));
    }
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
ib_detail_pane_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ib_detail_pane_add_child;
}

static void
set_record (IbDetailPane *self,
            IbRecord     *record)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (self);

  if (g_set_object (&priv->record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static void
ib_detail_pane_dispose (GObject *object)
{
  IbDetailPane *self = (IbDetailPane *) object;
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (self);

  /* Not gtk_widget_dispose_template (): GTK 4.8 reads the template of the instance's own
   * class there, which for a pane deriving from this one is not the one named. */
  if (priv->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (priv->stack));
      priv->stack = NULL;
    }
  g_clear_object (&priv->record);

  G_OBJECT_CLASS (ib_detail_pane_parent_class)->dispose (object);
}

static void
ib_detail_pane_finalize (GObject *object)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (IB_DETAIL_PANE (object));

  g_free (priv->icon_name);
  g_free (priv->title);
  g_free (priv->description);
  g_free (priv->shown_id);
  g_free (priv->focus);

  G_OBJECT_CLASS (ib_detail_pane_parent_class)->finalize (object);
}

static char **
string_field (IbDetailPanePrivate *priv,
              guint                prop_id)
{
  switch (prop_id)
    {
    case PROP_ICON_NAME: return &priv->icon_name;
    case PROP_TITLE: return &priv->title;
    case PROP_DESCRIPTION: return &priv->description;
    default: return NULL;
    }
}

static void
ib_detail_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (IB_DETAIL_PANE (object));
  char **field = string_field (priv, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_RECORD)
    g_value_set_object (value, priv->record);
  else if (prop_id == PROP_CAN_EDIT)
    g_value_set_boolean (value, priv->can_edit);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ib_detail_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IbDetailPane *self = IB_DETAIL_PANE (object);
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (self);
  char **field = string_field (priv, prop_id);

  if (field != NULL)
    {
      if (g_strcmp0 (*field, g_value_get_string (value)) != 0)
        {
          g_free (*field);
          *field = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id == PROP_CAN_EDIT)
    {
      if (priv->can_edit != g_value_get_boolean (value))
        {
          priv->can_edit = g_value_get_boolean (value);
          if (IB_DETAIL_PANE_GET_CLASS (self)->can_edit_changed != NULL)
            IB_DETAIL_PANE_GET_CLASS (self)->can_edit_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ib_detail_pane_class_init (IbDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_detail_pane_dispose;
  object_class->finalize = ib_detail_pane_finalize;
  object_class->get_property = ib_detail_pane_get_property;
  object_class->set_property = ib_detail_pane_set_property;

  /* What the empty state shows: its icon, title and description. */
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The record shown, or NULL. */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, IB_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE for a viewer: no control that would change a record is shown. */
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IB_TYPE_RECORD);
  g_type_ensure (IB_TYPE_HISTORY_SECTION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-detail-pane.ui");
  gtk_widget_class_bind_template_child_private (widget_class, IbDetailPane, stack);
  gtk_widget_class_bind_template_child_private (widget_class, IbDetailPane, scroller);
  gtk_widget_class_bind_template_child_private (widget_class, IbDetailPane, content);
  gtk_widget_class_bind_template_child_private (widget_class, IbDetailPane, history);
}

static void
ib_detail_pane_init (IbDetailPane *self)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (self);

  priv->can_edit = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkAdjustment *
vadjustment (IbDetailPanePrivate *priv)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (priv->scroller));
}

/* Gives the focus back to the button that does what the focused one did, when refilling its
 * part of the pane took it away. */
static void
restore_focus (IbDetailPane *self)
{
  IbDetailPanePrivate *priv = ib_detail_pane_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus, *found;

  if (priv->focus == NULL || root == NULL)
    return;
  focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (priv->content)))
    return;
  found = find_by_key (GTK_WIDGET (priv->content), priv->focus);
  if (found != NULL)
    gtk_widget_grab_focus (found);
}

void
ib_detail_pane_begin (IbDetailPane *self,
                      IbRecord     *record)
{
  IbDetailPanePrivate *priv;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (IB_IS_DETAIL_PANE (self));
  g_return_if_fail (record == NULL || IB_IS_RECORD (record));

  priv = ib_detail_pane_get_instance_private (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_free (priv->focus);
  priv->focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (priv->content)) ? focus_key (focus) : NULL;
  priv->position = gtk_adjustment_get_value (vadjustment (priv));
  set_record (self, record);
}

void
ib_detail_pane_show (IbDetailPane *self)
{
  IbDetailPanePrivate *priv;
  const char *id;

  g_return_if_fail (IB_IS_DETAIL_PANE (self));

  priv = ib_detail_pane_get_instance_private (self);
  /* The view's parts were added after the pane's own: History goes back to the end. */
  if (gtk_widget_get_last_child (GTK_WIDGET (priv->content)) != GTK_WIDGET (priv->history))
    gtk_box_reorder_child_after (priv->content, GTK_WIDGET (priv->history),
                                 gtk_widget_get_last_child (GTK_WIDGET (priv->content)));
  ib_history_section_show (priv->history, priv->record);
  id = priv->record != NULL ? ib_record_get_id (priv->record) : "";
  if (g_strcmp0 (id, priv->shown_id) != 0)
    {
      gtk_adjustment_set_value (vadjustment (priv), 0);
      g_free (priv->shown_id);
      priv->shown_id = g_strdup (id);
    }
  else
    {
      restore_focus (self);
      /* The viewport scrolls to a newly focused button before it has a place; the reader's
       * position is the one to keep. */
      gtk_adjustment_set_value (vadjustment (priv), priv->position);
    }
  g_clear_pointer (&priv->focus, g_free);
  gtk_stack_set_visible_child_name (priv->stack, "record");
}

void
ib_detail_pane_show_empty (IbDetailPane *self)
{
  IbDetailPanePrivate *priv;

  g_return_if_fail (IB_IS_DETAIL_PANE (self));

  priv = ib_detail_pane_get_instance_private (self);
  set_record (self, NULL);
  ib_history_section_show (priv->history, NULL);
  g_clear_pointer (&priv->shown_id, g_free);
  gtk_stack_set_visible_child_name (priv->stack, "empty");
}

IbRecord *
ib_detail_pane_get_record (IbDetailPane *self)
{
  IbDetailPanePrivate *priv;

  g_return_val_if_fail (IB_IS_DETAIL_PANE (self), NULL);

  priv = ib_detail_pane_get_instance_private (self);
  return priv->record;
}

gboolean
ib_detail_pane_get_can_edit (IbDetailPane *self)
{
  IbDetailPanePrivate *priv;

  g_return_val_if_fail (IB_IS_DETAIL_PANE (self), FALSE);

  priv = ib_detail_pane_get_instance_private (self);
  return priv->can_edit;
}
