/* fuzz-push-body.c: libFuzzer target for the server's push-body parser (fault scenarios D5, E5)
 *
 * Any byte string must be refused or parsed, never crash; and whatever parses must survive a
 * round trip through the wire form, so the client can never write a mutation the server refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-mutation.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) objects = ib_push_body_parse ((const char *) data, size, &root, NULL);

  if (objects == NULL)
    return 0;

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

  return 0;
}
