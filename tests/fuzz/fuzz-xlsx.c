/* fuzz-xlsx.c: libFuzzer target for the workbook reader Ofsted summaries go through
 *
 * Any byte string must be refused with an error or read, never crash, leak or run away: the
 * ZIP layer, the inflater's caps and every GMarkup parser (content types, workbook,
 * relationships, shared strings, sheets) see the fuzzed bytes. Each input is read twice, once
 * from the first sheet's first row and once looking for a header through every sheet, and a
 * read must fail exactly when it sets an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ib-xlsx.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
count_row (IbCsvRow  *row,
           gpointer   user_data,
           GError   **error)
{
  guint *rows = user_data;

  if (row->fields == NULL || row->line == 0)
    abort ();
  (*rows)++;
  return TRUE;
}

static gboolean
has_la_code (const char * const *header)
{
  return g_strv_contains (header, "la_code");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *sheet = NULL;
      guint rows = 0;
      gboolean ok;

      ok = ib_xlsx_read_rows (bytes, pass == 0 ? NULL : has_la_code, count_row, &rows, &sheet, &error);
      if (ok == (error != NULL) || (ok && (sheet == NULL || rows == 0)))
        abort ();
    }
  return 0;
}
