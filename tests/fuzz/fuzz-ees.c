/* fuzz-ees.c: libFuzzer target for the Explore Education Statistics reader
 *
 * Any byte string must be refused with an error or read, never crash or leak; whatever is read
 * is then prepared against a real (in-memory) store, with the first figures column mapped to a
 * KPI by the first value of every filter and the first council in the file as this council,
 * so the second read, the sums, the ranks and the symbols all see the fuzzed bytes too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-council.h"
#include "ib-ees.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static IbStore *
shared_store (void)
{
  static IbStore *store;

  if (store == NULL)
    {
      g_autoptr (IbRecord) indicator = ib_record_new (&ib_type_indicator);

      store = ib_store_open (":memory:", NULL);
      ib_record_set_string (indicator, "code", "FUZZ");
      ib_record_set_string (indicator, "title", "Fuzzed");
      ib_record_set_string (indicator, "unit", "percent");
      ib_record_set_string (indicator, "polarity", "lower_is_better");
      if (store == NULL || !ib_store_create (store, indicator, NULL))
        abort ();
    }
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GInputStream) first = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr (GInputStream) second = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr (IbEesScan) scan = ib_ees_scan (first, "fuzz.csv", NULL, NULL);
  g_autoptr (IbEesMapping) mapping = NULL;
  g_autoptr (GStrvBuilder) filters = g_strv_builder_new ();
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) list = NULL;
  IbStore *store = shared_store ();
  const char *column = NULL;
  GHashTableIter iter;
  gpointer code = NULL;

  if (scan == NULL)
    return 0;

  for (guint i = 0; i < scan->columns->len; i++)
    {
      IbEesColumn *c = scan->columns->pdata[i];

      if (c->indicator && column == NULL)
        column = c->name;
      else if (!c->indicator && c->values->len > 0)
        {
          g_autofree char *filter = g_strdup_printf ("%s=%s", c->name, (char *) c->values->pdata[0]);

          g_strv_builder_add (filters, filter);
        }
    }
  g_hash_table_iter_init (&iter, scan->las);
  if (column == NULL || !g_hash_table_iter_next (&iter, &code, NULL))
    return 0;
  if (!ib_council_set_la_code (store, code, NULL))
    return 0;

  list = g_strv_builder_end (filters);
  mapping = ib_ees_mapping_new (scan);
  ib_ees_mapping_add (mapping, "FUZZ", column, (const char * const *) list, TRUE);
  changes = ib_ees_prepare (store, second, scan, mapping, NULL, NULL, &error);
  if ((changes == NULL) == (error == NULL))
    abort ();
  return 0;
}
