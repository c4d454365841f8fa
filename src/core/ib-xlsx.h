/* ib-xlsx.h: the rows of an Excel workbook (.xlsx, Office Open XML), as a CSV reader gives them
 *
 * Reads what a published summary needs and no more: [Content_Types].xml to find the workbook,
 * xl/workbook.xml and its relationships to find the sheets in order, the shared strings, and the
 * cells of one sheet (shared strings, inline strings, formula results, numbers, booleans; a
 * number in a column whose header says "date" is a date serial and comes out as YYYY-MM-DD).
 * Each part is parsed streaming with GMarkup, under caps on the file, each part's unpacked size
 * and the members of the archive. Formulas are not calculated: their last saved result is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-csv.h"

G_BEGIN_DECLS

#define IB_XLSX_ERROR (ib_xlsx_error_quark ())

typedef enum
{
  IB_XLSX_ERROR_NOT_WORKBOOK,  /* a ZIP archive, but not a spreadsheet workbook */
  IB_XLSX_ERROR_MALFORMED,     /* a part that is not well-formed or breaks the format */
  IB_XLSX_ERROR_BAD_CELL,      /* a cell that cannot be read: sheet, row and column named */
  IB_XLSX_ERROR_NO_HEADER,     /* no sheet has the header row asked for */
  IB_XLSX_ERROR_TOO_BIG,       /* larger than a published summary could be */
} IbXlsxError;

GQuark ib_xlsx_error_quark (void);

/* The largest workbook file read, and the most any one part may unpack to. */
#define IB_XLSX_MAX_FILE (64 * 1024 * 1024)
#define IB_XLSX_MAX_PART (32 * 1024 * 1024)

/* Returns TRUE when the @length bytes at @data begin as a ZIP archive (an .xlsx) does. */
gboolean  ib_xlsx_sniff       (const char          *data,
                               gsize                length);

/* Says whether @header (a row's cells, trimmed) is the header row wanted. */
typedef gboolean (*IbXlsxHeaderFunc) (const char * const *header);

/* Reads the workbook in @data and calls @func with its header row and then each row under it,
 * as ib_csv_reader_new's callback is called: a row's line is its row number in the sheet, its
 * fields run from column A, empty cells as "", and rows with every cell empty are skipped.
 * The header is the first row @accept_header takes, looking through the sheets in order (rows
 * above it, such as titles and notes, are passed over); with @accept_header NULL it is the first
 * row of the first sheet. Rows as short as the header are padded to its width. Sets
 * @sheet_name (when not NULL) to the sheet read. Returns FALSE with @error naming the sheet,
 * row and column of a bad cell, or saying what else is wrong. */
gboolean  ib_xlsx_read_rows   (GBytes              *data,
                               IbXlsxHeaderFunc     accept_header,
                               IbCsvRowFunc         func,
                               gpointer             user_data,
                               char               **sheet_name,
                               GError             **error);

/* Returns the @head_length bytes at @head (already read from @stream) followed by the rest of
 * @stream, refusing more than IB_XLSX_MAX_FILE bytes in all (transfer full). */
GBytes   *ib_xlsx_read_stream (GInputStream        *stream,
                               const void          *head,
                               gsize                head_length,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
