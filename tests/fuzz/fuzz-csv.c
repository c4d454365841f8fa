/* fuzz-csv.c: libFuzzer target for the CSV reader KPI imports go through
 *
 * Any byte string must be refused or parsed, never crash; and whatever parses must read back
 * the same after being written out again, so an export can always be imported. Fed to the
 * incremental reader a byte at a time, it must give the same records, or the same refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-csv.h"

static gboolean
collect_row (IbCsvRow  *row,
             gpointer   user_data,
             GError   **error)
{
  g_ptr_array_add (user_data, g_steal_pointer (&row->fields));
  return TRUE;
}

/* Returns the records of @data read one byte at a time, or NULL with @error. */
static GPtrArray *
parse_bytewise (const uint8_t  *data,
                size_t          size,
                GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (IbCsvReader) reader = ib_csv_reader_new (collect_row, rows);

  for (size_t i = 0; i < size; i++)
    if (!ib_csv_reader_feed (reader, (const char *) data + i, 1, error))
      return NULL;
  if (!ib_csv_reader_finish (reader, error))
    return NULL;
  return g_steal_pointer (&rows);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) whole_error = NULL;
  g_autoptr (GError) bytewise_error = NULL;
  g_autoptr (GPtrArray) bytewise = NULL;
  guint n_written = 0;

  rows = ib_csv_parse ((const char *) data, size, &whole_error);
  bytewise = parse_bytewise (data, size, &bytewise_error);
  if ((rows == NULL) != (bytewise == NULL))
    abort ();
  if (rows == NULL)
    {
      if (g_strcmp0 (whole_error->message, bytewise_error->message) != 0)
        abort ();
      return 0;
    }
  if (bytewise->len != rows->len)
    abort ();
  for (guint r = 0; r < rows->len; r++)
    if (!g_strv_equal ((const char * const *) ((IbCsvRow *) rows->pdata[r])->fields,
                       (const char * const *) bytewise->pdata[r]))
      abort ();

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
