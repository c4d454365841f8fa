/* fuzz-csv.c: libFuzzer target for the CSV reader KPI imports go through
 *
 * Any byte string must be refused or parsed, never crash; and whatever parses must read back
 * the same after being written out again, so an export can always be imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GPtrArray) rows = ib_csv_parse ((const char *) data, size, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  guint n_written = 0;

  if (rows == NULL)
    return 0;

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv fields = ((IbCsvRow *) rows->pdata[r])->fields;

      for (guint f = 0; fields[f] != NULL; f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          /* An empty lone field would read back as a blank line: quote it. */
          if (fields[1] == NULL && *fields[0] == '\0')
            g_string_append (out, "\"\"");
          else
            ib_csv_append_field (out, fields[f]);
        }
      g_string_append (out, "\r\n");
      n_written++;
    }

  again = ib_csv_parse (out->str, out->len, &error);
  if (again == NULL || again->len != n_written)
    abort ();
  for (guint r = 0; r < rows->len; r++)
    if (!g_strv_equal ((const char * const *) ((IbCsvRow *) rows->pdata[r])->fields,
                       (const char * const *) ((IbCsvRow *) again->pdata[r])->fields))
      abort ();

  return 0;
}
