/* bench-push.c: filling a real server with mutations as the client engine sends them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bench-push.h"
#include "ib-mutation.h"

guint
ib_bench_push (IbTestServer *srv,
               const char   *token,
               GPtrArray    *texts,
               guint        *requests)
{
  g_autoptr (GString) batch = g_string_new (NULL);
  guint in_batch = 0, applied = 0;

  *requests = 0;
  for (guint i = 0; i <= texts->len; i++)
    {
      const char *text = i < texts->len ? texts->pdata[i] : NULL;

      if (in_batch > 0 && (text == NULL || in_batch == IB_PUSH_MAX_MUTATIONS ||
                           batch->len + strlen (text) + 32 > IB_PUSH_MAX_BYTES))
        {
          g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", batch->str);
          g_autoptr (IbTestResponse) r = ib_test_request (srv, "POST", "/v1/push", token, body);
          JsonArray *results;

          g_assert_cmpuint (r->status, ==, 200);
          results = json_node_get_array (ib_test_json_node (r, "results"));
          for (guint k = 0; k < json_array_get_length (results); k++)
            if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (results, k), "status"), "applied") == 0)
              applied++;
          (*requests)++;
          g_string_truncate (batch, 0);
          in_batch = 0;
          /* The transcript is for leak scans; a benchmark's would only grow. */
          g_ptr_array_set_size (srv->transcript, 0);
        }
      if (text == NULL)
        break;
      if (in_batch > 0)
        g_string_append_c (batch, ',');
      g_string_append (batch, text);
      in_batch++;
    }

  return applied;
}
