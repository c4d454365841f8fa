/* ib-mine-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-mine-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-mine-filter.h"
#include "ib-settings.h"

struct _IbMineFilter
{
  GtkWidget       parent_instance;

  /* template */
  GtkCheckButton *check;
  GtkLabel       *hint;

  /* owned */
  GSettings      *settings;  /* NULL when the schema is not installed: then no check at all */
  char           *name;      /* the setting, trimmed; "" for none */
  char           *person;    /* what is filtered on */
};

G_DEFINE_FINAL_TYPE (IbMineFilter, ib_mine_filter, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_person (IbMineFilter *self)
{
  const char *person = gtk_check_button_get_active (self->check) && *self->name != '\0' ? self->name : NULL;

  if (g_strcmp0 (self->person, person) == 0)
    return;
  g_free (self->person);
  self->person = g_strdup (person);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

static void
on_name_changed_cb (IbMineFilter *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "my-name");
  g_autofree char *text = NULL;

  g_free (self->name);
  self->name = g_strstrip (g_steal_pointer (&setting));

  /* Without a name there is nothing to be "mine": say where one is set. */
  if (*self->name == '\0')
    {
      gtk_check_button_set_active (self->check, FALSE);
      text = g_strdup (_("Set your name in Preferences (Ctrl+,) to use this."));
    }
  else
    /* Translators: under "My actions" / "My risks": %s is the person's name from Preferences */
    text = g_strdup_printf (_("As “%s”, from Preferences (Ctrl+,)"), self->name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), *self->name != '\0');
  gtk_label_set_label (self->hint, text);
  update_person (self);
}

static void
ib_mine_filter_dispose (GObject *object)
{
  IbMineFilter *self = (IbMineFilter *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), IB_TYPE_MINE_FILTER);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ib_mine_filter_parent_class)->dispose (object);
}

static void
ib_mine_filter_finalize (GObject *object)
{
  IbMineFilter *self = (IbMineFilter *) object;

  g_free (self->name);
  g_free (self->person);

  G_OBJECT_CLASS (ib_mine_filter_parent_class)->finalize (object);
}

static void
ib_mine_filter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IbMineFilter *self = IB_MINE_FILTER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gtk_check_button_get_label (self->check));
      break;

    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_mine_filter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IbMineFilter *self = IB_MINE_FILTER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      gtk_check_button_set_label (self->check, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_mine_filter_class_init (IbMineFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ib_mine_filter_dispose;
  object_class->finalize = ib_mine_filter_finalize;
  object_class->get_property = ib_mine_filter_get_property;
  object_class->set_property = ib_mine_filter_set_property;

  /* The check's label, with a mnemonic: "_My actions". */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The name to keep the records of, or NULL: see ib_mine_filter_get_person (). */
  properties[PROP_PERSON] =
    g_param_spec_string ("person", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ib-mine-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, IbMineFilter, check);
  gtk_widget_class_bind_template_child (widget_class, IbMineFilter, hint);
  gtk_widget_class_bind_template_callback (widget_class, update_person);
}

static void
ib_mine_filter_init (IbMineFilter *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);

  self->name = g_strdup ("");
  self->settings = ib_settings_new ();
  if (self->settings == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  g_signal_connect_object (self->settings, "changed::my-name", G_CALLBACK (on_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_name_changed_cb (self);
}

const char *
ib_mine_filter_get_person (IbMineFilter *self)
{
  g_return_val_if_fail (IB_IS_MINE_FILTER (self), NULL);
  return self->person;
}

void
ib_mine_filter_set_active (IbMineFilter *self,
                           gboolean      active)
{
  g_return_if_fail (IB_IS_MINE_FILTER (self));

  if (self->settings != NULL && *self->name != '\0')
    gtk_check_button_set_active (self->check, active);
  else
    gtk_check_button_set_active (self->check, FALSE);
}
