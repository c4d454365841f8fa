/* ib-mutation.c
 *
 * The server parses untrusted bodies with this file and the client writes its outbox with it,
 * so both ends agree on what a valid mutation is by construction. The parser is the fuzz
 * target (tests/fuzz): it must refuse, never crash, on any byte string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-mutation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ib-json-text.h"
#include "ib-mutation.h"
#include "ib-record-json.h"

static const char * const op_names[] = { "create", "update", "delete", "resolve", "restore" };

/* Record columns that travel beside "fields"; a "set" naming one would smuggle them in. */
static const char * const reserved_fields[] = {
  "id", "type", "rev", "seq", "class", "exempt_paragraph", "deleted", "revoked",
  "updated_at", "updated_by", NULL,
};

const char *
ib_mutation_op_to_string (IbMutationOp op)
{
  g_return_val_if_fail (op <= IB_MUTATION_RESTORE, NULL);

  return op_names[op];
}

void
ib_mutation_free (IbMutation *self)
{
  if (self == NULL)
    return;

  g_free (self->mid);
  g_free (self->id);
  g_free (self->parent);
  g_free (self->klass);
  g_clear_pointer (&self->set, json_object_unref);
  g_clear_pointer (&self->was, json_object_unref);
  g_free (self->conflict_id);
  g_free (self->body_hash);
  g_free (self);
}

static gboolean
malformed (GError    **error,
           const char *member,
           const char *why)
{
  /* Translators: %s is a member of a sync request ("mid", "op"); the second says what is wrong */
  g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
               _("mutation: “%s” %s"), member, why);
  return FALSE;
}

/* Reads an optional string member: absent or null is NULL; any other non-string fails. */
static gboolean
optional_string (JsonObject  *object,
                 const char  *member,
                 const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
optional_int (JsonObject *object,
              const char *member,
              gint64      fallback,
              gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
optional_object (JsonObject  *object,
                 const char  *member,
                 JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = json_object_new ();
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  *out = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static gboolean
field_name_is_valid (const char *name)
{
  gsize n = strlen (name);

  if (n == 0 || n > 64 || g_strv_contains (reserved_fields, name))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
check_field_names (JsonObject *object,
                   const char *member,
                   GError    **error)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!field_name_is_valid (l->data))
      return malformed (error, member, _("names a field that cannot be set"));

  return TRUE;
}

char *
ib_mutation_body_hash (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

IbMutation *
ib_mutation_from_json (JsonObject  *object,
                       char       **mid_out,
                       GError     **error)
{
  g_autoptr (IbMutation) self = g_new0 (IbMutation, 1);
  const char *mid, *op, *type_name, *id, *parent, *klass, *conflict_id;
  gint64 base_rev, paragraph;
  JsonNode *deleted;
  guint i;

  g_return_val_if_fail (object != NULL, NULL);

  if (mid_out != NULL)
    *mid_out = NULL;

  if (!optional_string (object, "mid", &mid) || mid == NULL || *mid == '\0' || strlen (mid) > 64)
    return malformed (error, "mid", _("must be text of 1 to 64 characters")), NULL;
  for (const char *p = mid; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return malformed (error, "mid", _("must be printable ASCII")), NULL;
  self->mid = g_strdup (mid);
  if (mid_out != NULL)
    *mid_out = g_strdup (mid);

  if (!optional_string (object, "op", &op) || op == NULL)
    return malformed (error, "op", _("is required")), NULL;
  for (i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (op, op_names[i]))
      break;
  if (i == G_N_ELEMENTS (op_names))
    return malformed (error, "op", _("must be create, update, delete, resolve or restore")), NULL;
  self->op = (IbMutationOp) i;

  if (!optional_int (object, "base_rev", 0, &base_rev) || base_rev < 0)
    return malformed (error, "base_rev", _("must be a whole number of zero or more")), NULL;
  self->base_rev = base_rev;

  if (!optional_object (object, "set", &self->set))
    return malformed (error, "set", _("must be an object")), NULL;
  if (!optional_object (object, "was", &self->was))
    return malformed (error, "was", _("must be an object")), NULL;
  if (!check_field_names (self->set, "set", error) || !check_field_names (self->was, "was", error))
    return NULL;

  if (!optional_string (object, "class", &klass) ||
      (klass != NULL && !g_str_equal (klass, "public") && !g_str_equal (klass, "exempt")))
    return malformed (error, "class", _("must be “public” or “exempt”")), NULL;
  self->klass = g_strdup (klass);

  if (!optional_int (object, "exempt_paragraph", 0, &paragraph) || paragraph < 0 || paragraph > 7)
    return malformed (error, "exempt_paragraph", _("must be a paragraph from 1 to 7")), NULL;
  self->exempt_paragraph = (int) paragraph;

  self->deleted = -1;

  if (self->op == IB_MUTATION_RESOLVE)
    {
      if (!optional_string (object, "conflict_id", &conflict_id) || conflict_id == NULL ||
          !g_uuid_string_is_valid (conflict_id))
        return malformed (error, "conflict_id", _("must be a conflict id (UUID)")), NULL;
      self->conflict_id = g_strdup (conflict_id);

      deleted = json_object_get_member (object, "deleted");
      if (deleted != NULL && !JSON_NODE_HOLDS_NULL (deleted))
        {
          if (!JSON_NODE_HOLDS_VALUE (deleted) || json_node_get_value_type (deleted) != G_TYPE_BOOLEAN)
            return malformed (error, "deleted", _("must be true or false")), NULL;
          self->deleted = json_node_get_boolean (deleted) ? 1 : 0;
        }
    }
  else
    {
      if (!optional_string (object, "type", &type_name) || type_name == NULL)
        return malformed (error, "type", _("is required")), NULL;
      self->type = ib_record_type_find (type_name);
      if (self->type == NULL)
        return malformed (error, "type", _("is not a record type that can be changed")), NULL;

      if (!optional_string (object, "id", &id) || id == NULL || !g_uuid_string_is_valid (id))
        return malformed (error, "id", _("must be a record id (UUID)")), NULL;
      self->id = g_strdup (id);

      if (!optional_string (object, "parent", &parent) ||
          (parent != NULL && !g_uuid_string_is_valid (parent)))
        return malformed (error, "parent", _("must be a record id (UUID)")), NULL;
      self->parent = g_strdup (parent);

      if (self->op == IB_MUTATION_CREATE)
        {
          if (self->base_rev != 0)
            return malformed (error, "base_rev", _("must be 0 for a create")), NULL;
          if (!ib_fields_validate (self->type, self->set, FALSE, error))
            return NULL;
        }
      else if (self->op == IB_MUTATION_UPDATE)
        {
          if (json_object_get_size (self->set) == 0 && self->klass == NULL)
            return malformed (error, "set", _("must change at least one field")), NULL;
          if (!ib_fields_validate (self->type, self->set, TRUE, error))
            return NULL;
        }
    }

  self->body_hash = ib_mutation_body_hash (object);

  return g_steal_pointer (&self);
}

JsonObject *
ib_mutation_to_json (const IbMutation *self)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "mid", self->mid);
  json_object_set_string_member (object, "op", ib_mutation_op_to_string (self->op));
  if (self->op == IB_MUTATION_RESOLVE)
    {
      json_object_set_string_member (object, "conflict_id", self->conflict_id);
      if (self->deleted >= 0)
        json_object_set_boolean_member (object, "deleted", self->deleted == 1);
    }
  else
    {
      json_object_set_string_member (object, "type", self->type->name);
      json_object_set_string_member (object, "id", self->id);
      if (self->parent != NULL)
        json_object_set_string_member (object, "parent", self->parent);
    }
  if (self->op != IB_MUTATION_CREATE)
    json_object_set_int_member (object, "base_rev", self->base_rev);
  if (self->klass != NULL)
    json_object_set_string_member (object, "class", self->klass);
  if (self->exempt_paragraph > 0)
    json_object_set_int_member (object, "exempt_paragraph", self->exempt_paragraph);
  if (self->set != NULL && (json_object_get_size (self->set) > 0 || self->op == IB_MUTATION_CREATE))
    json_object_set_object_member (object, "set", json_object_ref (self->set));
  if (self->was != NULL && json_object_get_size (self->was) > 0)
    json_object_set_object_member (object, "was", json_object_ref (self->was));

  return object;
}

static JsonNode *
parse_checked (const char  *data,
               gsize        length,
               GPtrArray   *problems,
               GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GString) clean = g_string_sized_new (length);
  JsonNode *root;

  if (length > IB_PAGE_MAX_BYTES * 2u)
    {
      g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE,
                           _("The JSON text is too large"));
      return NULL;
    }

  if (!ib_json_text_scan (data, length, problems, clean, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, clean->str, (gssize) clean->len, &local_error))
    {
      g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                   _("The JSON text is not valid: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                           _("The JSON text is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

JsonNode *
ib_json_parse_bounded (const char *data,
                       gsize       length,
                       GError    **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse_checked (data, length, NULL, error);
}

GPtrArray *
ib_push_body_parse (const char  *data,
                    gsize        length,
                    JsonNode   **root_out,
                    GPtrArray  **refusals_out,
                    GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) mutations = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ib_json_text_problem_free);
  g_autoptr (GPtrArray) refusals = NULL;
  JsonNode *member;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (root_out != NULL, NULL);
  g_return_val_if_fail (refusals_out != NULL, NULL);

  *root_out = NULL;
  *refusals_out = NULL;

  if (length > IB_PUSH_MAX_BYTES)
    {
      g_set_error_literal (error, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE,
                           _("The push is larger than 1 MiB"));
      return NULL;
    }

  root = parse_checked (data, length, problems, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return malformed (error, "body", _("must be a JSON object")), NULL;

  member = json_object_get_member (json_node_get_object (root), "mutations");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return malformed (error, "mutations", _("must be a list")), NULL;

  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > IB_PUSH_MAX_MUTATIONS)
    {
      g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_TOO_LARGE,
                   _("A push may hold at most %d mutations"), IB_PUSH_MAX_MUTATIONS);
      return NULL;
    }
  if (n == 0)
    return malformed (error, "mutations", _("must hold at least one mutation")), NULL;

  mutations = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return malformed (error, "mutations", _("must hold only objects")), NULL;
      g_ptr_array_add (mutations, json_node_get_object (element));
    }

  /* Text that is not Unicode refuses its own mutation, named by field; the rest of the push
   * goes on. Outside any mutation it refuses the whole body. */
  refusals = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (refusals, (int) n);
  for (guint p = 0; p < problems->len; p++)
    {
      const IbJsonTextProblem *problem = problems->pdata[p];
      guint64 index;

      if (g_strv_length (problem->path) < 2 || !g_str_equal (problem->path[0], "mutations") ||
          !g_ascii_string_to_unsigned (problem->path[1], 10, 0, n - 1, &index, NULL))
        {
          g_autofree char *where = ib_json_text_problem_path (problem, 0);

          g_set_error (error, IB_RECORD_ERROR, IB_RECORD_ERROR_INVALID,
                       _("The text at “%s” %s"), where, problem->why);
          return NULL;
        }

      if (refusals->pdata[index] == NULL)
        {
          g_autofree char *where = ib_json_text_problem_path (problem, 2);

          refusals->pdata[index] = g_strdup_printf (_("mutation: “%s” %s"), where, problem->why);
        }
    }

  *root_out = g_steal_pointer (&root);
  *refusals_out = g_steal_pointer (&refusals);
  return g_steal_pointer (&mutations);
}
