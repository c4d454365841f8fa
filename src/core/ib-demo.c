/* ib-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ib-demo.h"
#include "ib-pack-private.h"
#include "ib-record-json.h"
#include "ib-core-resources.h"

#define DEMO_RESOURCE RESOURCE_PATH "/demo/demo-plan.json"
#define DEMO_FORMAT "improvement-board-records"

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

int
ib_demo_load_bytes (IbStore  *store,
                    GBytes   *bytes,
                    GError  **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  JsonArray *records;
  g_autoptr (GPtrArray) to_issue = NULL;
  guint pieces_before;
  int added = 0;

  g_return_val_if_fail (IB_IS_STORE (store), -1);
  g_return_val_if_fail (bytes != NULL, -1);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                   _("The demo plan is not valid JSON: %s"), local_error->message);
      return -1;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      g_strcmp0 (json_object_get_string_member_with_default (
                   json_node_get_object (json_parser_get_root (parser)), "format", NULL),
                 DEMO_FORMAT) != 0)
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                   _("The demo plan is not in the “%s” format"), DEMO_FORMAT);
      return -1;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "records") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "records")))
    {
      g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                   _("The demo plan has no “records” list"));
      return -1;
    }

  records = json_object_get_array_member (root, "records");
  to_issue = g_ptr_array_new_with_free_func (g_free);

  if (!ib_store_begin (store, error))
    return -1;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);
      g_autoptr (IbRecord) record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, IB_RECORD_ERROR, IB_RECORD_ERROR_MALFORMED,
                       _("not an object"));
        }
      else
        record = ib_record_from_json (json_node_get_object (node), &local_error);

      /* A pack the demo says was issued is stored as a draft, then issued below as at that
       * date, with its snapshot built from the demo's own data. */
      if (record != NULL && ib_record_get_record_type (record) == &ib_type_report &&
          ib_record_has (record, "issued_on"))
        {
          g_autofree char *issued_on = g_strdup (ib_record_get_string (record, "issued_on"));
          g_autoptr (IbRecord) loaded = ib_store_get (store, &ib_type_report, ib_record_get_id (record), NULL);

          /* Loaded before: issued then, and an issued pack is never written again. */
          if (loaded != NULL)
            continue;

          ib_record_set_null (record, "issued_on");
          if (ib_store_import (store, record, &local_error))
            {
              added++;
              g_ptr_array_add (to_issue, g_strdup_printf ("%s %s", issued_on, ib_record_get_id (record)));
            }
        }
      else if (record != NULL && ib_store_import (store, record, &local_error))
        added++;

      if (local_error != NULL)
        {
          ib_store_rollback (store);
          /* Translators: %u is the position of a record in the demo file, %s what is wrong */
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID,
                       _("Demo record %u: %s"), i + 1, local_error->message);
          return -1;
        }
    }

  /* Oldest first, so each pack is compared with the one issued before it. */
  g_ptr_array_sort_with_data (to_issue, compare_strings, NULL);
  pieces_before = ib_store_count (store, &ib_type_report_snapshot);
  for (guint i = 0; i < to_issue->len; i++)
    {
      const char *line = to_issue->pdata[i];
      g_autofree char *issued_on = g_strndup (line, 10);

      if (!_ib_pack_issue (store, line + 11, issued_on, TRUE, &local_error))
        {
          ib_store_rollback (store);
          /* Translators: %s says why a demo pack could not be issued */
          g_set_error (error, IB_STORE_ERROR, IB_STORE_ERROR_INVALID, _("Demo pack: %s"), local_error->message);
          return -1;
        }
    }
  added += (int) (ib_store_count (store, &ib_type_report_snapshot) - pieces_before);

  if (!ib_store_commit (store, error))
    return -1;

  return added;
}

int
ib_demo_load (IbStore  *store,
              GError  **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), -1);

  /* Asking the resource object by name also keeps it linked in from the static library. */
  bytes = g_resource_lookup_data (ib_core_get_resource (), DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return -1;

  return ib_demo_load_bytes (store, bytes, error);
}
