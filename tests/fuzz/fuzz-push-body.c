/* fuzz-push-body.c: libFuzzer target for the server's push path (fault scenarios D5, E5; issue 17)
 *
 * Any byte string must be refused or parsed, never crash; whatever parses must survive a round
 * trip through the wire form, so the client can never write a mutation the server refuses; and
 * whatever the server accepts must read back identically from GET and from the feed, which
 * must always parse: nothing stored can fail to be read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-mutation.h"
#include "ib-server-db.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_round_trip (GPtrArray *objects)
{
  for (guint i = 0; i < objects->len; i++)
    {
      g_autofree char *mid = NULL, *mid_again = NULL;
      g_autoptr (IbMutation) m = ib_mutation_from_json (g_ptr_array_index (objects, i), &mid, NULL);
      g_autoptr (JsonObject) wire = NULL;
      g_autoptr (IbMutation) again = NULL;
      g_autoptr (GError) error = NULL;

      if (m == NULL)
        continue;

      wire = ib_mutation_to_json (m);
      again = ib_mutation_from_json (wire, &mid_again, &error);
      if (again == NULL || again->op != m->op || again->base_rev != m->base_rev ||
          g_strcmp0 (again->id, m->id) != 0 || g_strcmp0 (again->mid, m->mid) != 0 ||
          json_object_get_size (again->set) != json_object_get_size (m->set))
        {
          g_printerr ("round trip lost the mutation: %s\n", error ? error->message : "fields differ");
          abort ();
        }
    }
}

/* Numbers compare by value, as the server's merge rule does. */
static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  if (a != NULL && b != NULL && JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

      if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
        return json_node_get_double (a) == json_node_get_double (b);
    }

  return a != NULL && b != NULL && json_node_equal (a, b);
}

/* Every field @set wrote must read back the same from @fields. */
static void
check_fields (const char *where,
              JsonObject *set,
              JsonObject *fields)
{
  g_autoptr (GList) names = json_object_get_members (set);

  for (GList *l = names; l != NULL; l = l->next)
    if (!same_value (json_object_get_member (set, l->data), json_object_get_member (fields, l->data)))
      {
        g_printerr ("%s does not read back field “%s” as written\n", where, (char *) l->data);
        abort ();
      }
}

static JsonObject *
feed_entry (JsonNode   *feed,
            const char *id)
{
  JsonArray *changes = json_object_get_array_member (json_node_get_object (feed), "changes");

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *entry = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "id", NULL), id) == 0)
        return entry;
    }

  return NULL;
}

static void
check_server (const uint8_t *data,
              size_t         size,
              GPtrArray     *objects)
{
  IbServerIdentity who = { (char *) "fuzz", IB_ROLE_ADMIN, TRUE, (char *) "fuzz-device", (char *) "hash" };
  g_autoptr (IbServerDb) db = ib_server_db_open (":memory:", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *reply = NULL, *feed_text = NULL;
  g_autoptr (JsonNode) results = NULL, feed = NULL;
  JsonArray *list;

  g_assert (db != NULL);
  reply = ib_server_db_push (db, &who, (const char *) data, size, NULL, &error);
  if (reply == NULL)
    return;

  results = ib_json_parse_bounded (reply, strlen (reply), NULL);
  feed_text = ib_server_db_changes (db, &who, NULL, 500, NULL);
  feed = feed_text != NULL ? ib_json_parse_bounded (feed_text, strlen (feed_text), NULL) : NULL;
  if (results == NULL || feed == NULL)
    {
      g_printerr ("the server wrote JSON it cannot read back:\n%s\n%s\n", reply, feed_text);
      abort ();
    }

  list = json_object_get_array_member (json_node_get_object (results), "results");
  for (guint i = 0; i < json_array_get_length (list) && i < objects->len; i++)
    {
      JsonObject *result = json_array_get_object_element (list, i);
      const char *status = json_object_get_string_member (result, "status");
      g_autoptr (IbMutation) m = NULL;
      g_autofree char *record = NULL;
      g_autoptr (JsonNode) got = NULL;
      JsonObject *entry;

      if (!g_str_equal (status, "applied") && !g_str_equal (status, "merged"))
        continue;
      m = ib_mutation_from_json (objects->pdata[i], NULL, NULL);
      if (m == NULL || m->op == IB_MUTATION_RESOLVE || m->op == IB_MUTATION_DELETE)
        continue;

      /* A later mutation of the same push may have changed the record again. */
      for (guint later = i + 1; later < objects->len; later++)
        {
          g_autoptr (IbMutation) n = ib_mutation_from_json (objects->pdata[later], NULL, NULL);

          if (n != NULL && g_strcmp0 (n->id, m->id) == 0)
            goto next;
        }

      record = ib_server_db_get_record (db, &who, m->type->name, m->id, NULL);
      got = record != NULL ? ib_json_parse_bounded (record, strlen (record), NULL) : NULL;
      if (got == NULL)
        {
          g_printerr ("an accepted %s cannot be read back: %s\n", m->type->name, record);
          abort ();
        }
      if (json_object_get_boolean_member_with_default (json_node_get_object (got), "deleted", FALSE))
        continue;
      check_fields ("GET", m->set, json_object_get_object_member (json_node_get_object (got), "fields"));

      entry = feed_entry (feed, m->id);
      if (entry == NULL)
        {
          g_printerr ("an accepted %s is missing from the feed\n", m->type->name);
          abort ();
        }
      check_fields ("the feed", m->set, json_object_get_object_member (entry, "fields"));
    next:
      ;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) refusals = NULL;
  g_autoptr (GPtrArray) objects = ib_push_body_parse ((const char *) data, size, &root, &refusals, NULL);

  if (objects == NULL)
    return 0;

  check_round_trip (objects);
  check_server (data, size, objects);
  return 0;
}
