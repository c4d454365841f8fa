/* test-xlsx.c: the workbook reader, on the files tests/data/make-xlsx.py writes
 *
 * Shared, inline and formula strings, rich text, numbers, booleans, empty cells and date
 * serials (both date systems); a header found below title rows behind a cover sheet; bad
 * cells named by sheet, row and column; and archives refused: cut short, a CRC that does not
 * match, a ZIP that is not a workbook, a bomb stopped at the cap, too many members, too many
 * shared strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ib-xlsx.h"
#include "ib-zip.h"

static GBytes *
load (const char *folder,
      const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
collect (IbCsvRow  *row,
         gpointer   user_data,
         GError   **error)
{
  GString *out = user_data;
  g_autofree char *joined = g_strjoinv ("|", row->fields);

  g_string_append_printf (out, "%u: %s\n", row->line, joined);
  return TRUE;
}

static gboolean
has_la_code (const char * const *header)
{
  return g_strv_contains (header, "la_code");
}

/* Reads @name from tests/data/xlsx and returns its rows, one "line: a|b|c" a line. */
static char *
read_rows (const char        *name,
           IbXlsxHeaderFunc   accept,
           char             **sheet,
           GError           **error)
{
  g_autoptr (GBytes) bytes = load ("xlsx", name);
  g_autoptr (GString) out = g_string_new (NULL);

  if (!ib_xlsx_read_rows (bytes, accept, collect, out, sheet, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_cells (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *rows = read_rows ("cells.xlsx", has_la_code, &sheet, &error);

  g_assert_no_error (error);
  /* The cover sheet and the title row are passed over; row numbers are the sheet's own. */
  g_assert_cmpstr (sheet, ==, "ILACS");
  g_assert_cmpstr (rows, ==,
                   "4: la_code|local_authority|overall_effectiveness_grade|publication_date|count\n"
                   "5: 839|bournemouth, christchurch & poole|good|2025-01-29|5\n"
                   "6: 822|bedford|requires improvement|2023-05-01|\n"
                   "8: 882||TRUE||-1.5E-2\n");
}

static void
test_first_sheet (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = read_rows ("cells.xlsx", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "1: Notes\n2: Made for the tests\n");
}

static void
test_date1904 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = read_rows ("date1904.xlsx", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "1: inspection_date\n2: 2025-01-29\n");
}

/* The summary as published (all text) and the cut made from the CSV read the same as it. */
static void
test_published_layout (void)
{
  g_autoptr (GBytes) bytes = load ("ofsted", "ofsted_csc_ilacs_overview.xlsx");
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ofsted", "ofsted_csc_ilacs_overview.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GString) expected = g_string_new (NULL);
  gsize length;

  g_assert_true (ib_xlsx_read_rows (bytes, NULL, collect, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, &length, NULL));
  records = ib_csv_parse (csv, length, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    collect (records->pdata[i], expected, NULL);
  g_assert_cmpstr (out->str, ==, expected->str);
}

static gboolean
stop_after_header (IbCsvRow  *row,
                   gpointer   user_data,
                   GError   **error)
{
  (*(guint *) user_data)++;
  return FALSE;
}

static gboolean
refuse_row_3 (IbCsvRow  *row,
              gpointer   user_data,
              GError   **error)
{
  if (row->line < 3)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "row %u refused", row->line);
  return FALSE;
}

/* A callback returning FALSE with no error ends the read early and well; with one, it fails. */
static void
test_callback_stops (void)
{
  g_autoptr (GBytes) bytes = load ("ofsted", "ofsted_csc_ilacs_overview.xlsx");
  g_autoptr (GError) error = NULL;
  guint calls = 0;

  g_assert_true (ib_xlsx_read_rows (bytes, NULL, stop_after_header, &calls, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_false (ib_xlsx_read_rows (bytes, NULL, refuse_row_3, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "row 3 refused");
}

static void
assert_refused (const char *name,
                GQuark      domain,
                int         code,
                const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = read_rows (name, has_la_code, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, domain, code);
  if (strstr (error->message, message) == NULL)
    g_error ("%s: “%s” does not say “%s”", name, error->message, message);
}

static void
test_bad_cells (void)
{
  assert_refused ("bad-shared-string.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_BAD_CELL,
                  "Sheet “Grades”, cell A3 (row 3, column A): it names shared string “7”, which the workbook does not have.");
  assert_refused ("bad-number.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_BAD_CELL,
                  "Sheet “Grades”, cell B2 (row 2, column B): “soon” is not a number.");
  assert_refused ("bad-date.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_BAD_CELL,
                  "Sheet “Grades”, cell B2 (row 2, column B): 60 is in a date column but is not a date.");
  /* No sheet has the header asked for. */
  assert_refused ("date1904.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_NO_HEADER,
                  "No sheet in the workbook has the header row");
}

static void
test_bad_archives (void)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) text = g_bytes_new_static ("la_code,x\n839,1\n", 16);
  g_autoptr (GError) error = NULL;

  assert_refused ("truncated.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED, "damaged or cut short");
  assert_refused ("bad-crc.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED, "damaged or cut short");
  assert_refused ("not-workbook.docx", IB_XLSX_ERROR, IB_XLSX_ERROR_NOT_WORKBOOK, "not an Excel workbook");
  assert_refused ("bomb.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG,
                  "“xl/worksheets/sheet1.xml” in the archive unpacks to more than 33.6");
  assert_refused ("many-members.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG, "The archive lists 5000 files");
  assert_refused ("many-strings.xlsx", IB_XLSX_ERROR, IB_XLSX_ERROR_TOO_BIG, "more than 1000000 different texts");

  g_assert_false (ib_xlsx_read_rows (empty, NULL, collect, NULL, NULL, &error));
  g_assert_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (ib_xlsx_read_rows (text, NULL, collect, NULL, NULL, &error));
  g_assert_error (error, IB_XLSX_ERROR, IB_XLSX_ERROR_MALFORMED);
  g_assert_false (ib_xlsx_sniff ("la_code", 7));
  g_assert_true (ib_xlsx_sniff ("PK\x03\x04rest", 8));
}

/* The ZIP layer itself: members listed, read whole, a missing one named. */
static void
test_zip (void)
{
  g_autoptr (GBytes) bytes = load ("xlsx", "not-workbook.docx");
  g_autoptr (IbZip) zip = NULL;
  g_autoptr (GBytes) member = NULL;
  g_autoptr (GError) error = NULL;

  zip = ib_zip_open (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (ib_zip_contains (zip, "word/document.xml"));
  member = ib_zip_read_bytes (zip, "word/document.xml", 1024, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (member, NULL), g_bytes_get_size (member), "<w:document"));
  g_assert_null (ib_zip_read_bytes (zip, "word/document.xml", 10, &error));
  g_assert_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_TOO_BIG);
  g_clear_error (&error);
  g_assert_null (ib_zip_read_bytes (zip, "xl/workbook.xml", 1024, &error));
  g_assert_error (error, IB_ZIP_ERROR, IB_ZIP_ERROR_MISSING);
}

static void
test_read_stream (void)
{
  g_autoptr (GBytes) bytes = load ("ofsted", "ofsted_csc_ilacs_overview.xlsx");
  gsize length = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (data + 4, length - 4, NULL);
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GError) error = NULL;

  again = ib_xlsx_read_stream (stream, data, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, again));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/xlsx/cells", test_cells);
  g_test_add_func ("/core/xlsx/first-sheet", test_first_sheet);
  g_test_add_func ("/core/xlsx/date1904", test_date1904);
  g_test_add_func ("/core/xlsx/published-layout", test_published_layout);
  g_test_add_func ("/core/xlsx/callback-stops", test_callback_stops);
  g_test_add_func ("/core/xlsx/bad-cells", test_bad_cells);
  g_test_add_func ("/core/xlsx/bad-archives", test_bad_archives);
  g_test_add_func ("/core/xlsx/zip", test_zip);
  g_test_add_func ("/core/xlsx/read-stream", test_read_stream);

  return g_test_run ();
}
