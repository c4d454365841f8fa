/* ib-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record"

#include "config.h"

#include <math.h>

#include "ib-record.h"

struct _IbRecord
{
  GObject             parent_instance;

  /* borrowed: static tables */
  const IbRecordType *type;

  /* owned */
  char               *id;
  char               *klass;
  char               *updated_at;
  char               *updated_by;
  JsonObject         *fields;
  gint64              rev;
  int                 exempt_paragraph;
  gboolean            deleted;
};

G_DEFINE_FINAL_TYPE (IbRecord, ib_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TYPE_NAME,
  PROP_REV,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonNode *
lookup (IbRecord   *self,
        const char *name)
{
  JsonNode *node = json_object_get_member (self->fields, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static void
check_field (IbRecord   *self,
             const char *name)
{
  /* A typo in a field name is a programmer error that would otherwise silently
   * store a column nobody reads. */
  if (ib_record_type_field (self->type, name) == NULL)
    g_critical ("%s has no field \"%s\"", self->type->name, name);
}

static void
ib_record_finalize (GObject *object)
{
  IbRecord *self = (IbRecord *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->klass, g_free);
  g_clear_pointer (&self->updated_at, g_free);
  g_clear_pointer (&self->updated_by, g_free);
  g_clear_pointer (&self->fields, json_object_unref);

  G_OBJECT_CLASS (ib_record_parent_class)->finalize (object);
}

static void
ib_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  IbRecord *self = IB_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type ? self->type->name : NULL);
      break;

    case PROP_REV:
      g_value_set_int64 (value, self->rev);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ib_record_class_init (IbRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ib_record_finalize;
  object_class->get_property = ib_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ib_record_init (IbRecord *self)
{
  self->fields = json_object_new ();
  self->klass = g_strdup ("public");
}

IbRecord *
ib_record_new (const IbRecordType *type)
{
  IbRecord *self;

  g_return_val_if_fail (type != NULL, NULL);

  self = g_object_new (IB_TYPE_RECORD, NULL);
  self->type = type;

  return self;
}

/* json_node_copy () shares an object's or array's contents: a copy edited would change the
 * original (a form's draft, a record held by a view). This copies all the way down. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *from = json_node_get_object (node);
      JsonObject *to = json_object_new ();
      g_autoptr (GList) members = json_object_get_members (from);
      JsonNode *result;

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (to, l->data, deep_copy (json_object_get_member (from, l->data)));
      result = json_node_init_object (json_node_alloc (), to);
      json_object_unref (to);
      return result;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *from = json_node_get_array (node);
      JsonArray *to = json_array_sized_new (json_array_get_length (from));
      JsonNode *result;

      for (guint i = 0; i < json_array_get_length (from); i++)
        json_array_add_element (to, deep_copy (json_array_get_element (from, i)));
      result = json_node_init_array (json_node_alloc (), to);
      json_array_unref (to);
      return result;
    }

  return json_node_copy (node);
}

IbRecord *
ib_record_copy (IbRecord *self)
{
  IbRecord *copy;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) dup = NULL;

  g_return_val_if_fail (IB_IS_RECORD (self), NULL);

  copy = ib_record_new (self->type);
  copy->id = g_strdup (self->id);
  g_free (copy->klass);
  copy->klass = g_strdup (self->klass);
  copy->updated_at = g_strdup (self->updated_at);
  copy->updated_by = g_strdup (self->updated_by);
  copy->rev = self->rev;
  copy->exempt_paragraph = self->exempt_paragraph;
  copy->deleted = self->deleted;

  node = json_node_init_object (json_node_alloc (), self->fields);
  dup = deep_copy (node);
  json_object_unref (copy->fields);
  copy->fields = json_node_dup_object (dup);

  return copy;
}

const IbRecordType *
ib_record_get_record_type (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->type;
}

const char *
ib_record_get_id (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->id;
}

void
ib_record_set_id (IbRecord   *self,
                  const char *id)
{
  g_return_if_fail (IB_IS_RECORD (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
ib_record_get_rev (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), 0);
  return self->rev;
}

void
ib_record_set_rev (IbRecord *self,
                   gint64    rev)
{
  g_return_if_fail (IB_IS_RECORD (self));

  if (self->rev == rev)
    return;

  self->rev = rev;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REV]);
}

const char *
ib_record_get_class (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->klass;
}

void
ib_record_set_class (IbRecord   *self,
                     const char *klass)
{
  g_return_if_fail (IB_IS_RECORD (self));
  g_return_if_fail (klass != NULL);

  g_free (self->klass);
  self->klass = g_strdup (klass);
}

int
ib_record_get_exempt_paragraph (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), 0);
  return self->exempt_paragraph;
}

void
ib_record_set_exempt_paragraph (IbRecord *self,
                                int       paragraph)
{
  g_return_if_fail (IB_IS_RECORD (self));
  self->exempt_paragraph = paragraph;
}

gboolean
ib_record_get_deleted (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), FALSE);
  return self->deleted;
}

void
ib_record_set_deleted (IbRecord *self,
                       gboolean  deleted)
{
  g_return_if_fail (IB_IS_RECORD (self));
  self->deleted = !!deleted;
}

const char *
ib_record_get_updated_at (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->updated_at;
}

void
ib_record_set_updated_at (IbRecord   *self,
                          const char *updated_at)
{
  g_return_if_fail (IB_IS_RECORD (self));

  if (g_strcmp0 (self->updated_at, updated_at) == 0)
    return;

  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
ib_record_get_updated_by (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->updated_by;
}

void
ib_record_set_updated_by (IbRecord   *self,
                          const char *updated_by)
{
  g_return_if_fail (IB_IS_RECORD (self));

  g_free (self->updated_by);
  self->updated_by = g_strdup (updated_by);
}

JsonObject *
ib_record_get_fields (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);
  return self->fields;
}

gboolean
ib_record_has (IbRecord   *self,
               const char *name)
{
  g_return_val_if_fail (IB_IS_RECORD (self), FALSE);
  return lookup (self, name) != NULL;
}

const char *
ib_record_get_string (IbRecord   *self,
                      const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (IB_IS_RECORD (self), NULL);

  node = lookup (self, name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gint64
ib_record_get_int (IbRecord   *self,
                   const char *name,
                   gint64      fallback)
{
  JsonNode *node;

  g_return_val_if_fail (IB_IS_RECORD (self), fallback);

  node = lookup (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return json_node_get_int (node);
}

double
ib_record_get_double (IbRecord   *self,
                      const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (IB_IS_RECORD (self), NAN);

  node = lookup (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  return json_node_get_double (node);
}

gboolean
ib_record_get_bool (IbRecord   *self,
                    const char *name)
{
  return ib_record_get_int (self, name, 0) != 0;
}

char **
ib_record_get_refs (IbRecord   *self,
                    const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node;

  g_return_val_if_fail (IB_IS_RECORD (self), NULL);

  node = lookup (self, name);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *id = json_array_get_string_element (array, i);

          if (id != NULL)
            g_strv_builder_add (builder, id);
        }
    }

  return g_strv_builder_end (builder);
}

void
ib_record_set_string (IbRecord   *self,
                      const char *name,
                      const char *value)
{
  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);

  if (value == NULL)
    json_object_set_null_member (self->fields, name);
  else
    json_object_set_string_member (self->fields, name, value);
}

void
ib_record_set_int (IbRecord   *self,
                   const char *name,
                   gint64      value)
{
  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);
  json_object_set_int_member (self->fields, name, value);
}

void
ib_record_set_double (IbRecord   *self,
                      const char *name,
                      double      value)
{
  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);

  if (isnan (value))
    json_object_set_null_member (self->fields, name);
  else
    json_object_set_double_member (self->fields, name, value);
}

void
ib_record_set_bool (IbRecord   *self,
                    const char *name,
                    gboolean    value)
{
  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);
  json_object_set_boolean_member (self->fields, name, !!value);
}

void
ib_record_set_refs (IbRecord           *self,
                    const char         *name,
                    const char * const *ids)
{
  JsonArray *array;

  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);

  array = json_array_new ();
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);

  json_object_set_array_member (self->fields, name, array);
}

void
ib_record_set_null (IbRecord   *self,
                    const char *name)
{
  g_return_if_fail (IB_IS_RECORD (self));
  check_field (self, name);
  json_object_set_null_member (self->fields, name);
}

const char *
ib_record_get_parent_id (IbRecord *self)
{
  g_return_val_if_fail (IB_IS_RECORD (self), NULL);

  if (self->type->parent_field == NULL)
    return NULL;

  return ib_record_get_string (self, self->type->parent_field);
}
