/* ib-field-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-field-row"

#include "config.h"

#include "ib-field-row.h"
#include "ib-format.h"
#include "ib-line-layout.h"

struct _IbFieldRow
{
  AdwActionRow  parent_instance;

  /* owned */
  char         *field;
  IbRecord     *record;
};

G_DEFINE_FINAL_TYPE (IbFieldRow, ib_field_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (IbFieldRow *self)
{
  g_autofree char *value = NULL;
  JsonNode *node;

  if (self->record == NULL || self->field == NULL)
    {
      ib_field_row_set_value (self, NULL);
      return;
    }

  node = json_object_get_member (ib_record_get_fields (self->record), self->field);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    value = ib_format_field_value (ib_record_get_record_type (self->record), self->field, node);
  ib_field_row_set_value (self, value);
}

static void
set_field (IbFieldRow *self,
           const char *field)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  g_free (self->field);
  self->field = g_strdup (field);
  /* A title given in the template stays; otherwise the field names the row. */
  if (field != NULL && (title == NULL || *title == '\0'))
    {
      g_autofree char *name = ib_format_field_name (field);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
    }
  update (self);
}

static void
ib_field_row_finalize (GObject *object)
{
  IbFieldRow *self = (IbFieldRow *) object;

  g_free (self->field);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (ib_field_row_parent_class)->finalize (object);
}

static void
ib_field_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IbFieldRow *self = IB_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_field_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IbFieldRow *self = IB_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      set_field (self, g_value_get_string (value));
      break;

    case PROP_RECORD:
      if (g_set_object (&self->record, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_field_row_class_init (IbFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ib_field_row_finalize;
  object_class->get_property = ib_field_row_get_property;
  object_class->set_property = ib_field_row_set_property;

  /* The schema name of the field shown, e.g. "due_on". */
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The record whose field is shown, or NULL. */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, IB_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ib_field_row_init (IbFieldRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  /* Values come first for a reader scanning the pane: the title is the smaller text. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "property");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* A pane holds a dozen of these: each measures its line once. */
  ib_line_layout_take_action_row (ADW_ACTION_ROW (self));
}

void
ib_field_row_set_value (IbFieldRow *self,
                        const char *value)
{
  g_return_if_fail (IB_IS_FIELD_ROW (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (self), value != NULL && *value != '\0');
}
