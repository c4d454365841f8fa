/* ib-record-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-record-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "ib-json-text.h"
#include "ib-record-json.h"
#include "ib-risk.h"

G_DEFINE_QUARK (ib-record-error-quark, ib_record_error)

static gboolean
parse_digits (const char *p,
              guint       n,
              guint      *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (guint) (p[i] - '0');
    }

  *out = v;
  return TRUE;
}

gboolean
ib_date_is_valid (const char *text)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) || !parse_digits (text + 8, 2, &d))
    return FALSE;

  return y >= 1900 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gboolean
ib_period_is_valid (const char *text)
{
  guint y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;

  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m))
    return FALSE;

  return y >= 1900 && m >= 1 && m <= 12;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
invalid (GError    **error,
         const char *type,
         const char *field,
         const char *why)
{
  /* Translators: the first %s is a record type ("action"), the second a field name ("due_on"),
   * the third says what is wrong with it */
  g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
               _("%s: field “%s” %s"), type, field, why);
  return FALSE;
}

char *
ib_field_problem (const IbFieldSpec *spec,
                  JsonNode          *node)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (spec->required)
        return g_strdup (_("is required"));
      return NULL;
    }

  switch (spec->kind)
    {
    case IB_FIELD_TEXT:
      if (!node_is_string (node))
        return g_strdup (_("must be text"));
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return g_strdup (_("must be valid Unicode text"));
      if (strlen (json_node_get_string (node)) > IB_TEXT_MAX_BYTES)
        return g_strdup (_("is longer than 64 KiB"));
      if (spec->required && *json_node_get_string (node) == '\0')
        return g_strdup (_("must not be empty"));
      return NULL;

    case IB_FIELD_DATE:
      if (!node_is_string (node) || !ib_date_is_valid (json_node_get_string (node)))
        return g_strdup (_("must be a date written YYYY-MM-DD"));
      return NULL;

    case IB_FIELD_PERIOD:
      if (!node_is_string (node) || !ib_period_is_valid (json_node_get_string (node)))
        return g_strdup (_("must be a month written YYYY-MM"));
      return NULL;

    case IB_FIELD_INT:
      if (!node_is_integer (node))
        return g_strdup (_("must be a whole number"));
      if (spec->min < spec->max &&
          (json_node_get_int (node) < spec->min || json_node_get_int (node) > spec->max))
        {
          g_autofree char *why = g_strdup_printf (_("must be between %d and %d"), spec->min, spec->max);
          return g_steal_pointer (&why);
        }
      return NULL;

    case IB_FIELD_REAL:
      if (!node_is_number (node))
        return g_strdup (_("must be a number"));
      return NULL;

    case IB_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return g_strdup (_("must be true or false"));
      return NULL;

    case IB_FIELD_ENUM:
      if (!node_is_string (node) || !ib_enum_has_code (spec->enum_type, json_node_get_string (node)))
        return g_strdup (_("is not one of the known codes"));
      return NULL;

    case IB_FIELD_REF:
      if (!node_is_string (node) || !g_uuid_string_is_valid (json_node_get_string (node)))
        return g_strdup (_("must be a record id (UUID)"));
      return NULL;

    case IB_FIELD_REF_LIST:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup (_("must be a list of record ids"));
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *el = json_array_get_element (array, i);

            if (!node_is_string (el) || !g_uuid_string_is_valid (json_node_get_string (el)))
              return g_strdup (_("must be a list of record ids"));
          }
      }
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

gboolean
ib_field_validate (const IbRecordType *type,
                   const IbFieldSpec  *spec,
                   JsonNode           *node,
                   GError            **error)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (type != NULL && spec != NULL, FALSE);

  why = ib_field_problem (spec, node);
  if (why != NULL)
    return invalid (error, type->name, spec->name, why);

  return TRUE;
}

gboolean
ib_fields_validate (const IbRecordType *type,
                    JsonObject         *fields,
                    gboolean            partial,
                    GError            **error)
{
  g_return_val_if_fail (type != NULL && fields != NULL, FALSE);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const IbFieldSpec *spec = &type->fields[i];
      JsonNode *node = json_object_get_member (fields, spec->name);

      if (node == NULL && partial)
        continue;

      if (!ib_field_validate (type, spec, node, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_class (const char *type_name,
                const char *klass,
                int         paragraph,
                GError    **error)
{
  if (!ib_enum_has_code (&ib_enum_class, klass))
    return invalid (error, type_name, "class", _("must be “public” or “exempt”"));

  if (g_str_equal (klass, "exempt") && (paragraph < 1 || paragraph > 7))
    return invalid (error, type_name, "exempt_paragraph",
                    _("must name the Schedule 12A paragraph (1 to 7) of an exempt record"));

  return TRUE;
}

gboolean
ib_record_validate (IbRecord  *self,
                    GError   **error)
{
  const IbRecordType *type;

  g_return_val_if_fail (IB_IS_RECORD (self), FALSE);

  type = ib_record_get_record_type (self);

  if (ib_record_get_id (self) != NULL && !g_uuid_string_is_valid (ib_record_get_id (self)))
    return invalid (error, type->name, "id", _("must be a UUID"));

  if (!validate_class (type->name, ib_record_get_class (self),
                       ib_record_get_exempt_paragraph (self), error))
    return FALSE;

  /* A tombstone carries no content to check. */
  if (ib_record_get_deleted (self))
    return TRUE;

  return ib_fields_validate (type, ib_record_get_fields (self), FALSE, error);
}

/* Each pair is (earlier field, later field) of one type; an open end is allowed. */
static const struct
{
  const char *type;
  const char *earlier;
  const char *later;
} date_order_rules[] = {
  { "plan", "starts_on", "ends_on" },
  { "action", "starts_on", "due_on" },
  { "inspection", "starts_on", "ends_on" },
};

gboolean
ib_record_check_rules (IbRecord    *self,
                       const char **field,
                       GError     **error)
{
  const char *type;

  g_return_val_if_fail (IB_IS_RECORD (self), FALSE);

  type = ib_record_get_record_type (self)->name;

  /* A link is opened with the desktop's handler: only web addresses, never a local file or
   * another program's scheme arriving through sync. */
  if (ib_record_type_field (ib_record_get_record_type (self), "link") != NULL)
    {
      const char *link = ib_record_get_string (self, "link");

      if (link != NULL && !g_str_has_prefix (link, "https://") && !g_str_has_prefix (link, "http://"))
        {
          if (field != NULL)
            *field = "link";
          g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                               _("A link must be a web address starting with https:// or http://."));
          return FALSE;
        }
    }

  /* A target is where the risk should get to: never worse than where it is now. */
  if (g_str_equal (type, "risk"))
    {
      int residual = ib_risk_score (ib_record_get_int (self, "residual_l", 0), ib_record_get_int (self, "residual_i", 0));
      int target = ib_risk_score (ib_record_get_int (self, "target_l", 0), ib_record_get_int (self, "target_i", 0));

      if (residual > 0 && target > residual)
        {
          if (field != NULL)
            *field = "target_l";
          g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                       /* Translators: L × I are likelihood times impact scores */
                       _("The target score (%d) is above the residual score (%d): a target is where the risk should get to, so it cannot be worse."),
                       target, residual);
          return FALSE;
        }
    }

  /* A value worked out from a numerator and a denominator needs both, and a count to divide by. */
  if (g_str_equal (type, "measurement"))
    {
      gboolean has_numerator = ib_record_has (self, "numerator"), has_denominator = ib_record_has (self, "denominator");

      if (has_numerator != has_denominator)
        {
          if (field != NULL)
            *field = has_numerator ? "denominator" : "numerator";
          g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                               _("Give both the numerator and the denominator, or neither."));
          return FALSE;
        }
      if (has_denominator && !(ib_record_get_double (self, "denominator") > 0))
        {
          if (field != NULL)
            *field = "denominator";
          g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                               _("The denominator must be more than zero."));
          return FALSE;
        }
    }

  if (g_str_equal (type, "indicator") && ib_record_get_double (self, "tolerance") < 0)
    {
      if (field != NULL)
        *field = "tolerance";
      g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                           _("The tolerance is a distance from the target and cannot be negative."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (date_order_rules); i++)
    {
      const char *earlier, *later;

      if (!g_str_equal (date_order_rules[i].type, type))
        continue;

      earlier = ib_record_get_string (self, date_order_rules[i].earlier);
      later = ib_record_get_string (self, date_order_rules[i].later);
      if (earlier == NULL || later == NULL || strcmp (later, earlier) >= 0)
        continue;

      if (field != NULL)
        *field = date_order_rules[i].later;
      if (g_str_equal (type, "action"))
        g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                             _("The due date is before the start date."));
      else
        g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                             _("The end date is before the start date."));
      return FALSE;
    }

  return TRUE;
}

JsonObject *
ib_record_to_json (IbRecord *self)
{
  JsonObject *object;
  JsonNode *fields;

  g_return_val_if_fail (IB_IS_RECORD (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "type", ib_record_get_record_type (self)->name);
  json_object_set_string_member (object, "id", ib_record_get_id (self));
  json_object_set_int_member (object, "rev", ib_record_get_rev (self));
  json_object_set_string_member (object, "class", ib_record_get_class (self));
  if (ib_record_get_exempt_paragraph (self) > 0)
    json_object_set_int_member (object, "exempt_paragraph", ib_record_get_exempt_paragraph (self));
  if (ib_record_get_deleted (self))
    json_object_set_boolean_member (object, "deleted", TRUE);
  if (ib_record_get_updated_at (self) != NULL)
    json_object_set_string_member (object, "updated_at", ib_record_get_updated_at (self));
  if (ib_record_get_updated_by (self) != NULL)
    json_object_set_string_member (object, "updated_by", ib_record_get_updated_by (self));

  fields = json_node_init_object (json_node_alloc (), ib_record_get_fields (self));
  json_object_set_member (object, "fields", json_node_copy (fields));
  json_node_unref (fields);

  return object;
}

char *
ib_record_to_string (IbRecord *self)
{
  g_autoptr (JsonObject) object = ib_record_to_json (self);
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name,
               gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!node_is_string (node))
    {
      *ok = FALSE;
      return NULL;
    }

  return json_node_get_string (node);
}

IbRecord *
ib_record_from_json (JsonObject  *object,
                     GError     **error)
{
  g_autoptr (IbRecord) record = NULL;
  const IbRecordType *type;
  const char *type_name, *id, *klass, *updated_at, *updated_by;
  JsonNode *node;
  gboolean ok = TRUE;

  g_return_val_if_fail (object != NULL, NULL);

  type_name = member_string (object, "type", &ok);
  if (!ok || type_name == NULL)
    {
      g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                   _("record: field “%s” %s"), "type", _("is required"));
      return NULL;
    }

  type = ib_record_type_find (type_name);
  if (type == NULL)
    {
      g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_UNKNOWN_TYPE,
                   _("record: “%s” is not a known record type"), type_name);
      return NULL;
    }

  record = ib_record_new (type);

  id = member_string (object, "id", &ok);
  if (!ok || id == NULL || !g_uuid_string_is_valid (id))
    return invalid (error, type->name, "id", _("must be a UUID")), NULL;
  ib_record_set_id (record, id);

  node = json_object_get_member (object, "rev");
  if (node != NULL)
    {
      if (!node_is_integer (node) || json_node_get_int (node) < 0)
        return invalid (error, type->name, "rev", _("must be a whole number of zero or more")), NULL;
      ib_record_set_rev (record, json_node_get_int (node));
    }

  klass = member_string (object, "class", &ok);
  if (!ok)
    return invalid (error, type->name, "class", _("must be “public” or “exempt”")), NULL;
  ib_record_set_class (record, klass ? klass : "public");

  node = json_object_get_member (object, "exempt_paragraph");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!node_is_integer (node))
        return invalid (error, type->name, "exempt_paragraph", _("must be a whole number")), NULL;
      ib_record_set_exempt_paragraph (record, (int) json_node_get_int (node));
    }

  node = json_object_get_member (object, "deleted");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return invalid (error, type->name, "deleted", _("must be true or false")), NULL;
      ib_record_set_deleted (record, json_node_get_boolean (node));
    }

  updated_at = member_string (object, "updated_at", &ok);
  if (!ok)
    return invalid (error, type->name, "updated_at", _("must be text")), NULL;
  if (updated_at != NULL)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (updated_at, NULL);

      if (dt == NULL)
        return invalid (error, type->name, "updated_at", _("must be an ISO 8601 time")), NULL;
      ib_record_set_updated_at (record, updated_at);
    }

  updated_by = member_string (object, "updated_by", &ok);
  if (!ok)
    return invalid (error, type->name, "updated_by", _("must be text")), NULL;
  ib_record_set_updated_by (record, updated_by);

  node = json_object_get_member (object, "fields");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *fields, *target;
      GList *members;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, type->name, "fields", _("must be an object")), NULL;

      fields = json_node_get_object (node);
      target = ib_record_get_fields (record);
      members = json_object_get_members (fields);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (target, l->data,
                                json_node_copy (json_object_get_member (fields, l->data)));
      g_list_free (members);
    }

  if (!ib_record_validate (record, error))
    return NULL;

  return g_steal_pointer (&record);
}

IbRecord *
ib_record_from_string (const char  *text,
                       GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);

  /* json-glib would keep an unpaired surrogate as bytes that are not UTF-8 and cut a string
   * at \u0000: refuse both, naming where. */
  if (!ib_json_text_scan (text, strlen (text), NULL, NULL, error))
    return NULL;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                   _("The record is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                           _("The record is not a JSON object"));
      return NULL;
    }

  return ib_record_from_json (json_node_get_object (root), error);
}
